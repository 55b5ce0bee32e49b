"""The shape of a patch of seal ink: round, oval or square, how well its outline is inked, and seals cut by
the page's edge fitted by their visible arc."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

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


PARTIAL_ARC = 0.35  # least share of its circle a seal cut by the edge must show
PARTIAL_COVERAGE = 0.8  # share of the visible arc that must lie on ink
EDGE_REACH = 0.01  # a group this close to the image's edge (share of its longer side) may be cut by the paper's edge


def cut_seal(mask: np.ndarray, box: Box, *, colour: SealColour, page: int) -> Stamp | None:
    """A round seal cut by the image's edge (骑缝章, or half off a scan): a circle fitted to the group's
    outline away from the edge, inked along most of the arc that lies inside, with ink inside it."""
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
    if circle is None:
        return None
    cx, cy, r = circle
    if not seal_sized(mask.shape, (0, 0, round(2 * r), round(2 * r))):
        return None
    t = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    xs, ys = cx + r * np.cos(t), cy + r * np.sin(t)
    on_page = (xs >= 0) & (ys >= 0) & (xs < width) & (ys < height)
    if on_page.mean() < PARTIAL_ARC or on_page.all():
        return None
    coverage = max(_arc_ink(mask, cx, cy, f * r, t[on_page]) for f in np.arange(0.84, 1.08, 0.03))
    yy, xx = np.ogrid[:height, :width]
    disc = (xx - cx) ** 2 + (yy - cy) ** 2 <= (0.75 * r) ** 2
    interior = float((mask[disc] > 0).mean()) if disc.any() else 0.0
    if coverage < PARTIAL_COVERAGE or not 0.02 <= interior <= 0.6:
        return None
    bbox = BBox(x0=max(0.0, cx - r), y0=max(0.0, cy - r), x1=min(float(width), cx + r),
                y1=min(float(height), cy + r), unit=Unit.PX)
    return Stamp(bbox=bbox, color=colour, shape="round", confidence=round(coverage * float(on_page.mean()), 3),
                 page=page, partial=True)


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


def _arc_ink(mask: np.ndarray, cx: float, cy: float, r: float, angles: np.ndarray) -> float:
    xs = np.clip(np.round(cx + r * np.cos(angles)), 0, mask.shape[1] - 1).astype(int)
    ys = np.clip(np.round(cy + r * np.sin(angles)), 0, mask.shape[0] - 1).astype(int)
    return float((mask[ys, xs] > 0).mean())
