"""The shape of a patch of seal ink: round, oval or square, how well its outline is inked, and seals cut by
the page's edge fitted by their visible arc."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

import cv2
import numpy as np

from docproc.core.models import BBox, Stamp, Unit
from docproc.reading.seal_ink import Box, RotatedRect, SealColour, SealShape, seal_sized

if TYPE_CHECKING:
    pass


OVAL_COVERAGE = 0.8


def shape_score(mask: np.ndarray, hull: np.ndarray) -> tuple[SealShape, float] | None:
    """(shape, confidence) when the blob is a ring or frame of a known shape, else None."""
    area = cv2.contourArea(hull)
    rect = cv2.minAreaRect(hull)
    rw, rh = rect[1]
    elongation = max(rw, rh) / max(min(rw, rh), 1.0)
    rect_fill = area / max(rw * rh, 1.0)  # pi/4 for an ellipse, 1 for a rectangle
    hull_mask = np.zeros_like(mask)
    cv2.drawContours(hull_mask, [hull], -1, 255, cv2.FILLED)
    ink_fill = cv2.countNonZero(mask & hull_mask) / max(area, 1.0)
    shape = _shape(elongation, rect_fill)
    if shape is None or ink_fill > 0.7:  # a solid blob (logo, filled box) is no seal
        return None
    if _interior_ink(mask, hull) < 0.02:  # a bare ring: a pen circle, not a seal with a legend
        return None
    if shape == "square" and _rules_across(mask, hull) >= TABLE_RULES:
        return None
    # the hull's bounding box, or for a tilted oval an ellipse fitted to the hull: whichever follows the ring
    outlines = [rect] if shape == "square" or len(hull) < 5 else [rect, cv2.fitEllipse(hull)]
    coverage = max(_outline_coverage(mask, outline, shape) for outline in outlines)
    # A seal has a ring or frame all round; a big red character does not, nor does an emblem's open swoosh
    # (an oval logo), so an oval's ring must be closed further.
    if coverage < (OVAL_COVERAGE if shape == "oval" else 0.7):
        return None
    target = 1.0 if shape == "square" else math.pi / 4
    fit = 1.0 - min(1.0, abs(rect_fill - target) / 0.15)
    return shape, round(min(1.0, 0.5 * coverage + 0.5 * fit), 3)


# A square seal's legend keeps clear of its frame; a small table ruled in the seal's hue, or a piece of a big one
# that a scan's dropped lines cut off from the rest, is a frame crossed inside by rules running from side to side.
TABLE_RULES = 2  # one line across may be a rule the seal was pressed over
RULE_SPAN = 0.95  # share of a row or column across the shape inked by a rule
FRAME_BAND = 0.12  # share of the shape's side at each end taken up by the frame


def _rules_across(mask: np.ndarray, hull: np.ndarray) -> int:
    """How many straight lines cross the inside of a square's bounding box from side to side, both ways."""
    x, y, w, h = cv2.boundingRect(hull)
    ink = mask[y : y + h, x : x + w] > 0
    lines = 0
    for share, side in ((ink.mean(axis=1), h), (ink.mean(axis=0), w)):  # rows, then columns
        band = share[round(FRAME_BAND * side) : side - round(FRAME_BAND * side)] >= RULE_SPAN
        lines += int(np.count_nonzero(band[1:] & ~band[:-1])) + int(band[:1].sum())  # runs of ruled rows
    return lines


def _interior_ink(mask: np.ndarray, hull: np.ndarray) -> float:
    """Share of ink inside the shape shrunk to 75% about its centre."""
    centre = hull.reshape(-1, 2).mean(axis=0)
    inner = np.round((hull.reshape(-1, 2) - centre) * 0.75 + centre).astype(np.int32)
    inner_mask = np.zeros_like(mask)
    cv2.fillPoly(inner_mask, [inner], 255)
    return cv2.countNonZero(mask & inner_mask) / max(cv2.countNonZero(inner_mask), 1)


def _shape(elongation: float, rect_fill: float) -> SealShape | None:
    if 0.70 <= rect_fill <= 0.86:
        return "round" if elongation <= 1.2 else "oval" if elongation <= 1.9 else None
    if rect_fill >= 0.9 and elongation <= 1.6:
        return "square"
    return None


def _outline_coverage(mask: np.ndarray, rect: RotatedRect, shape: str) -> float:
    """Best share of an inset copy of the outline (ellipse or rectangle) that lies on ink."""
    (cx, cy), (rw, rh), angle = rect
    t = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    if shape == "square":  # walk the rectangle's perimeter at the same 360 steps
        u, v = np.clip(1.5 * np.cos(t), -1, 1), np.clip(1.5 * np.sin(t), -1, 1)
    else:
        u, v = np.cos(t), np.sin(t)
    a = math.radians(angle)
    best = 0.0
    for inset in np.arange(0.76, 1.001, 0.02):
        px, py = u * inset * rw / 2, v * inset * rh / 2
        xs = np.clip(np.round(cx + px * math.cos(a) - py * math.sin(a)), 0, mask.shape[1] - 1).astype(int)
        ys = np.clip(np.round(cy + px * math.sin(a) + py * math.cos(a)), 0, mask.shape[0] - 1).astype(int)
        best = max(best, float((mask[ys, xs] > 0).mean()))
    return best


PARTIAL_ARC = 0.35  # least share of its outline a seal cut by the edge must show
PARTIAL_SHOWN = 0.97  # a seal showing more of its outline is whole (its fit only grazes the edge)
PARTIAL_COVERAGE = 0.8  # share of the visible arc that must lie on ink
EDGE_REACH = 0.01  # a group this close to the image's edge (share of its longer side) may be cut by the paper's edge
# An oval seal cut by the edge is fitted by an ellipse when no circle follows its arc. Its outline points are those
# on the group's convex hull (where a worn ring lets the outline run into the legend, those dents are left out);
# they must lie this close to the ellipse (share of its radius there), most of them, and the ellipse must be oval
# as a seal is: not longer than this many times its width.
OVAL_FIT_TOLERANCE = 0.06
OVAL_FIT_SHARE = 0.85
OVAL_MAX_ELONGATION = 1.9
ROUND_ELONGATION = 1.2  # an ellipse this close to a circle is a round seal
HULL_TOLERANCE = 0.02  # outline points this close to the hull (share of the group's longer side) are the outside


class Outline(NamedTuple):
    """An ellipse (a circle when a == b): centre, semi-axes and the turn of the ``a`` axis in radians."""

    cx: float
    cy: float
    a: float
    b: float
    angle: float = 0.0

    def points(self, t: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        u, v = scale * self.a * np.cos(t), scale * self.b * np.sin(t)
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        return self.cx + u * cos - v * sin, self.cy + u * sin + v * cos

    def radial(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        """Each point's distance from the centre as a share of the outline's radius in its direction."""
        dx, dy = px - self.cx, py - self.cy
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        u, v = dx * cos + dy * sin, -dx * sin + dy * cos
        return np.sqrt((u / self.a) ** 2 + (v / self.b) ** 2)


def cut_seal(mask: np.ndarray, box: Box, *, colour: SealColour, page: int,
             most_shown: float = PARTIAL_SHOWN) -> Stamp | None:
    """A round or oval seal cut by the image's edge (骑缝章, or half off a scan): a circle, else an ellipse,
    fitted to the group's outline away from the edge, inked along most of the arc that lies inside, with ink
    inside it, showing at most ``most_shown`` of its outline."""
    x, y, w, h = box
    height, width = mask.shape[:2]
    reach = max(2, round(EDGE_REACH * max(height, width)))  # a scan shows a strip beyond the paper's edge
    if x >= reach and y >= reach and x + w <= width - reach and y + h <= height - reach:
        return None
    contours, _ = cv2.findContours(mask[y : y + h, x : x + w], cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    ring = max(contours, key=len)  # the ring's outside; legend characters that do not touch it are left out
    points = ring.reshape(-1, 2).astype(float) + (x, y)
    inside = (points[:, 0] > 1) & (points[:, 1] > 1) & (points[:, 0] < width - 2) & (points[:, 1] < height - 2)
    circle = _outer_circle(points[inside])
    found = _cut_outline(mask, Outline(circle[0], circle[1], circle[2], circle[2]), most_shown) if circle else None
    if found is None:
        oval = _outer_ellipse(points[inside], tolerance=HULL_TOLERANCE * max(w, h))
        found = _cut_outline(mask, oval, most_shown) if oval else None
    if found is None:
        return None
    outline, score = found
    xs, ys = outline.points(np.linspace(0, 2 * math.pi, 360, endpoint=False))
    bbox = BBox(x0=max(0.0, float(xs.min())), y0=max(0.0, float(ys.min())), x1=min(float(width), float(xs.max())),
                y1=min(float(height), float(ys.max())), unit=Unit.PX)
    shape: SealShape = "round" if max(outline.a, outline.b) <= ROUND_ELONGATION * min(outline.a, outline.b) else "oval"
    return Stamp(bbox=bbox, color=colour, shape=shape, confidence=score, page=page, partial=True)


def _cut_outline(mask: np.ndarray, outline: Outline, most_shown: float) -> tuple[Outline, float] | None:
    """The outline with its score (ink along the visible arc times the share of the arc visible) when it is a
    seal's: seal-sized, cut by the edge but mostly on the page, inked along the arc inside, ink inside it."""
    height, width = mask.shape[:2]
    if not seal_sized(mask.shape, (0, 0, round(2 * outline.a), round(2 * outline.b))):
        return None
    t = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    xs, ys = outline.points(t)
    on_page = (xs >= 0) & (ys >= 0) & (xs < width) & (ys < height)
    step = np.hypot(np.diff(xs, append=xs[0]), np.diff(ys, append=ys[0]))  # arc length, even along an ellipse
    shown = float(step[on_page].sum() / step.sum())
    if not PARTIAL_ARC <= shown < most_shown:
        return None
    coverage = max(_arc_ink(mask, outline, f, t[on_page]) for f in np.arange(0.84, 1.08, 0.03))
    reach = 0.75 * max(outline.a, outline.b)  # the inside: the outline shrunk to 75% about its centre
    x0, y0 = max(0, math.floor(outline.cx - reach)), max(0, math.floor(outline.cy - reach))
    x1, y1 = min(width, math.ceil(outline.cx + reach) + 1), min(height, math.ceil(outline.cy + reach) + 1)
    yy, xx = np.ogrid[y0:y1, x0:x1]
    disc = outline.radial(xx.astype(float), yy.astype(float)) <= 0.75
    interior = float((mask[y0:y1, x0:x1][disc] > 0).mean()) if disc.any() else 0.0
    if coverage < PARTIAL_COVERAGE or not 0.02 <= interior <= 0.6:
        return None
    return outline, round(coverage * shown, 3)


def _outer_ellipse(points: np.ndarray, *, tolerance: float) -> Outline | None:
    """The ellipse of an oval ring's outside from its outline points away from the edge: those on the convex hull
    (the ring's outside is convex; where the ring is broken the outline dents into the legend), fitted, then the
    points far off the fit left out and fitted again. None unless most outline points lie on it and it is shaped
    as an oval seal."""
    if len(points) < 20:
        return None
    hull = cv2.convexHull(points.astype(np.float32))
    near = np.array([cv2.pointPolygonTest(hull, (float(px), float(py)), True) for px, py in points]) <= tolerance
    outer = points[near]
    outline = None
    for _ in range(2):
        if len(outer) < 20:
            return None
        (cx, cy), (d1, d2), degrees = cv2.fitEllipseDirect(outer.astype(np.float32))
        if min(d1, d2) <= 1 or not all(map(math.isfinite, (cx, cy, d1, d2))):
            return None
        outline = Outline(cx, cy, d1 / 2, d2 / 2, math.radians(degrees))
        outer = outer[np.abs(outline.radial(outer[:, 0], outer[:, 1]) - 1) <= 2 * OVAL_FIT_TOLERANCE]
    if outline is None or max(outline.a, outline.b) > OVAL_MAX_ELONGATION * min(outline.a, outline.b):
        return None
    fits = np.abs(outline.radial(points[near][:, 0], points[near][:, 1]) - 1) <= OVAL_FIT_TOLERANCE
    return outline if float(fits.mean()) >= OVAL_FIT_SHARE else None


OUTER_REFITS = 2


def _outer_circle(points: np.ndarray) -> tuple[float, float, float] | None:
    """The circle of a ring's outside from outline points that may also run inside it: where the ring is broken
    (worn ink, a thin ring cut by the edge) the outline enters and follows the legend, which pulls a plain fit
    inwards. Each refit keeps the outer half of the points; on an unbroken ring it changes nothing."""
    circle = _fit_circle(points)
    for _ in range(OUTER_REFITS):
        if circle is None:
            return None
        cx, cy, _r = circle
        distance = np.hypot(points[:, 0] - cx, points[:, 1] - cy)
        points = points[distance >= np.median(distance)]
        circle = _fit_circle(points)
    return circle


def _fit_circle(points: np.ndarray) -> tuple[float, float, float] | None:
    """Least-squares circle (Kåsa) through outline points; a chord-centred circle would misplace a small arc."""
    if len(points) < 20:
        return None
    px, py = points[:, 0], points[:, 1]
    a = np.column_stack([px, py, np.ones(len(px))])
    (d, e, f), *_ = np.linalg.lstsq(a, px**2 + py**2, rcond=None)
    cx, cy = d / 2, e / 2
    r2 = f + cx**2 + cy**2
    return (float(cx), float(cy), math.sqrt(r2)) if r2 > 0 else None


def _arc_ink(mask: np.ndarray, outline: Outline, scale: float, angles: np.ndarray) -> float:
    xs, ys = outline.points(angles, scale)
    xs = np.clip(np.round(xs), 0, mask.shape[1] - 1).astype(int)
    ys = np.clip(np.round(ys), 0, mask.shape[0] - 1).astype(int)
    return float((mask[ys, xs] > 0).mean())
