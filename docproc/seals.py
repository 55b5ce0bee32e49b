"""Seals on a page: found by their ink's colour and shape (red, blue, in other inks, overlapping, cut by
the page's edge), or by their ring on a greyscale scan or copy; cropped, their ring unwrapped into a strip
and their legend read; and their ink taken off the page so the text under a seal can be read. Stamps are
:class:`docproc.models.Stamp` in pixels of the given image.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

import cv2
import numpy as np

from docproc.imaging import to_gray
from docproc.models import BBox, Stamp, Unit

if TYPE_CHECKING:
    from docproc.ocr import OcrEngine

MAX_SEAL_SHARE = 0.7  # a square seal spanning more of the page's width or height is the page's frame
_RED = ((0, 12), (155, 180))  # OpenCV hue is 0..180 and red wraps around 0
_BLUE = ((95, 130),)
_HUES = {"red": _RED, "blue": _BLUE}
SealColour = Literal["red", "blue"]
SealShape = Literal["round", "oval", "square"]


class SealInk(NamedTuple):
    """One ink a seal may be pressed in: hue ranges, least saturation and brightness, least shape score."""

    colour: SealColour
    hues: tuple[tuple[int, int], ...]
    s_min: int
    v_min: int
    min_score: float


INK_SATURATION = INK_VALUE = 60  # at least this saturated and bright is coloured ink


def colour_mask(img: np.ndarray, colour: str, *, s_min: int = INK_SATURATION, v_min: int = INK_VALUE) -> np.ndarray:
    """255 where a BGR image is clearly ``red`` or ``blue`` ink."""
    return _hue_mask(_hsv(img), colour, s_min=s_min, v_min=v_min)


def _hsv(img: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2HSV)


def _hue_mask(hsv: np.ndarray, colour: str, *, s_min: int = INK_SATURATION, v_min: int = INK_VALUE) -> np.ndarray:
    return _ink_mask(hsv, _HUES[colour], s_min=s_min, v_min=v_min)


EMBLEM_FILL = 0.6  # a seal's ink is a ring, a legend and a star; an emblem or badge is a filled disc


def _solid(hsv: np.ndarray, stamp: Stamp) -> bool:
    """A filled disc of warm colour (the national emblem on an ID card's back, a badge), not a seal's ring."""
    b = stamp.bbox
    x0, y0, x1, y1 = int(b.x0), int(b.y0), math.ceil(b.x1), math.ceil(b.y1)
    if stamp.color != "red" or x1 - x0 < 4 or y1 - y0 < 4:
        return False
    warm = _ink_mask(hsv[y0:y1, x0:x1], WARM_HUES, s_min=INK_SATURATION, v_min=INK_VALUE) > 0  # not a warm-lit photo's paper
    h, w = warm.shape
    yy, xx = np.ogrid[:h, :w]
    disc = ((xx - (w - 1) / 2) / (0.45 * w)) ** 2 + ((yy - (h - 1) / 2) / (0.45 * h)) ** 2 <= 1
    return float(warm[disc].mean()) > EMBLEM_FILL


WARM_HUES = ((0, 35), (150, 180))  # red through orange to gold


def _ink_mask(hsv: np.ndarray, hues: Sequence[tuple[int, int]], *, s_min: int, v_min: int) -> np.ndarray:
    hue, sat, val = cv2.split(hsv)
    in_hue = np.zeros(hue.shape, bool)
    for lo, hi in hues:
        in_hue |= (hue >= lo) & (hue <= hi)
    return (in_hue & (sat >= s_min) & (val >= v_min)).astype(np.uint8) * 255


def remove_seal_ink(img: np.ndarray, *, stamps: Sequence[Stamp] | None = None) -> np.ndarray:
    """Gray image with the ink of seals whitened; dark text under a seal stays dark.

    Only inside the seals' boxes (``stamps``, else :func:`detect_seals`): blue field labels on an
    ID card and red letterheads elsewhere on the page stay readable.
    """
    gray = to_gray(img)
    if img.ndim == 2:
        return gray
    for stamp in detect_seals(img) if stamps is None else stamps:
        if stamp.color not in _HUES:
            continue
        b = stamp.bbox
        x0, y0, x1, y1 = max(0, int(b.x0)), max(0, int(b.y0)), math.ceil(b.x1), math.ceil(b.y1)
        # looser than detection so pale fringes go too; dark (overprinted) pixels stay
        ink = colour_mask(img[y0:y1, x0:x1], stamp.color, s_min=40, v_min=90)
        gray[y0:y1, x0:x1][ink > 0] = 255
    return gray


# Ink looked at for seals, each its own mask: stamp-pad ink differs by make and by how it was pressed. A
# bright mask parts a seal from darker red print it touches (an invoice's red-brown rules and labels); a
# pale one finds faded or orange-brown ink, and, since skin and wood tones fall in it too, takes only a
# clear ring (the least score, last).
SEAL_INKS: tuple[SealInk, ...] = (
    SealInk("red", _RED, INK_SATURATION, INK_VALUE, 0.0),
    SealInk("red", _RED, INK_SATURATION, 200, 0.0),
    SealInk("red", ((0, 22), (150, 180)), 35, 110, 0.9),
    SealInk("blue", _BLUE, INK_SATURATION, INK_VALUE, 0.0),
)


def detect_seals(img: np.ndarray, *, page: int = 1, greyscale_rings: bool = False) -> list[Stamp]:
    """Red and blue seals (round, oval, square) found by colour and shape. With ``greyscale_rings`` (a
    scanned or photographed page), on a page with no colour at all (a greyscale scan or copy) round
    seals are found by their ring and recorded as black."""
    hsv = None if img.ndim == 2 else _hsv(img)  # one conversion for the colourless test and every ink
    if hsv is None or _colourless(hsv):
        return grey_seals(img, page=page) if greyscale_rings else []
    h, w = img.shape[:2]
    k = max(3, round(min(h, w) * 0.008))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    stamps: list[Stamp] = []
    seeds: list[Box] = []  # seal-sized groups of red ink that made no seal: perhaps a seal pressed unevenly
    for ink in SEAL_INKS:
        mask = cv2.morphologyEx(_ink_mask(hsv, ink.hues, s_min=ink.s_min, v_min=ink.v_min), cv2.MORPH_CLOSE, kernel)
        for stamp in _seals_in_mask(mask, colour=ink.colour, page=page, gap=k):
            if stamp.confidence >= ink.min_score and not _solid(hsv, stamp) and not any(_same_seal(stamp, other) or _same_seal(other, stamp) for other in stamps):
                stamps.append(stamp)
        if ink.colour == "red" and ink.min_score == 0.0:  # clear red ink (the pale mask takes in skin and wood too)
            seeds += [g for g in _ink_groups(mask, gap=k) if _seal_sized(mask.shape, g) and _fits_a_seal(g, mask.shape)]
    for stamp in _faded_seals(img, hsv, seeds, stamps, kernel=kernel, page=page, gap=k):
        if not any(_same_seal(stamp, other) or _same_seal(other, stamp) for other in stamps):
            stamps.append(stamp)
    return sorted(stamps, key=lambda s: (s.bbox.y0, s.bbox.x0))


# A seal pressed unevenly, or lit unevenly in a photo, is clear red on one side and faint on the other: the
# clear part is a seal-sized group of ink that makes no ring, and the faint part can be less saturated than a
# tinted paper (red ink pressed thin on a light-blue licence). Around the clear part, ink is looked for again
# as whatever is redder than that paper (CIELAB a*), and a ring found there is taken when it scores as a
# clear seal does.
FADED_REDNESS = 7  # a* units above the paper's (the median of the region) that faint seal ink reaches
FADED_REACH = 0.5  # the region searched again around the clear part, in shares of its width and height
FADED_MIN_SCORE = 0.9
# Pale red-to-orange ink on white paper: a little saturation is enough where the paper has none.
FADED_HUES, FADED_SATURATION, FADED_VALUE = ((0, 22), (150, 180)), 25, 80
PAPER_SHARE = 0.3  # pale "ink" over more of the region than this is a warm paper or light


def _faded_seals(img: np.ndarray, hsv: np.ndarray, seeds: Sequence[Box], found: Sequence[Stamp], *,
                 kernel: np.ndarray, page: int, gap: int) -> list[Stamp]:
    """Round and oval seals whose ring is partly faint, found around the clear part of their ink (``seeds``)."""
    height, width = hsv.shape[:2]
    faint = np.zeros((height, width), np.uint8)
    redness: np.ndarray | None = None
    for x, y, w, h in seeds:
        centre = Stamp(bbox=BBox(x0=x, y0=y, x1=x + w, y1=y + h, unit=Unit.PX), color="red", shape="round",
                       confidence=1.0, page=page)
        if any(_same_seal(centre, other) or _same_seal(other, centre) for other in found):
            continue  # the seal this ink belongs to is found already
        if redness is None:
            redness = cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2LAB)[:, :, 1]
        dx, dy = round(FADED_REACH * w), round(FADED_REACH * h)
        region = (slice(max(0, y - dy), y + h + dy), slice(max(0, x - dx), x + w + dx))
        paper = float(np.median(redness[region]))
        faint[region] |= ((redness[region] >= paper + FADED_REDNESS) * 255).astype(np.uint8)
        pale = _ink_mask(hsv[region], FADED_HUES, s_min=FADED_SATURATION, v_min=FADED_VALUE)
        if float((pale > 0).mean()) < PAPER_SHARE:  # pale red ink, unless the paper itself is warm
            faint[region] |= pale
    if redness is None:
        return []
    mask = cv2.morphologyEx(faint, cv2.MORPH_CLOSE, kernel)
    return [stamp for stamp in _seals_in_mask(mask, colour="red", page=page, gap=gap)
            if stamp.shape != "square" and stamp.confidence >= FADED_MIN_SCORE and not _solid(hsv, stamp)]


def _seals_in_mask(mask: np.ndarray, *, colour: SealColour, page: int, gap: int) -> list[Stamp]:
    """Seals among the groups of one ink mask: whole ones, rings inside bigger groups, and ones cut by the edge."""
    groups = _ink_groups(mask, gap=gap)
    letters = [g for g in groups if _fits_a_seal(g, mask.shape)]  # what a letterhead row may be made of
    every: Sequence[np.ndarray] | None = None
    stamps: list[Stamp] = []
    for box in groups:
        if not _seal_sized(mask.shape, box):
            continue
        stamp = _seal_in(mask, box, colour=colour, page=page)
        if stamp is not None and stamp.shape != "square" and stamp.confidence >= RING_ALONE:
            pass  # a clear ring with a legend is a seal even in a row of seals (公章, 财务章, 法人章 side by side)
        elif _in_text_row(box, letters):
            continue
        if stamp is None:  # the seal may touch other ink (a frame's corner): its own ring may stand
            if every is None:
                every, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
            stamp = _ring_within(mask, box, every, colour=colour, page=page) or _cut_seal(mask, box, colour=colour,
                                                                                          page=page)
        found = [stamp] if stamp else _rings_in_group(mask, box, colour=colour, page=page) \
            if _fits_a_seal(box, mask.shape) else []
        for seal in found:
            if (seal.shape != "square" or _fits_a_seal(box, mask.shape)) \
                    and not any(_same_seal(seal, other) for other in stamps):  # not the page's frame, not twice
                stamps.append(seal)
    return stamps


RING_ALONE = 0.95  # a round/oval score this high is a seal whatever lies beside it


def _same_seal(a: Stamp, b: Stamp) -> bool:
    """One seal found twice (as a group of ink and as a ring inside another group): its centre lies in the other."""
    cx, cy = (a.bbox.x0 + a.bbox.x1) / 2, (a.bbox.y0 + a.bbox.y1) / 2
    return b.bbox.x0 <= cx <= b.bbox.x1 and b.bbox.y0 <= cy <= b.bbox.y1


def _box(rect: Sequence[int]) -> Box:
    x, y, w, h = rect
    return x, y, w, h


def _ring_within(mask: np.ndarray, box: Box, contours: Sequence[np.ndarray], *, colour: SealColour,
                 page: int) -> Stamp | None:
    """A seal inside a group of ink that is more than the seal: the box of one of its own closed
    outlines (the ring) that scores as a round or oval seal on its own, the largest first. (A square
    is not looked for: the hole a star leaves in a solid emblem scores as one.)"""
    boxes = sorted((_box(cv2.boundingRect(c)) for c in contours if not _straight(c)), key=lambda b: -b[2] * b[3])
    for inner in boxes:
        if inner != box and _within(inner, box) and _seal_sized(mask.shape, inner) \
                and (stamp := _seal_in(mask, inner, colour=colour, page=page)) and stamp.shape != "square":
            return stamp
    return None


COLOURLESS_SHARE = 0.0005  # a page with less coloured ink than this share is a greyscale scan or copy
GREY_INK = 150  # darker than this is ink on a greyscale page
GREY_RING_COVERAGE = 0.75  # share of a circle that must lie on ink to be a seal's ring
GREY_CIRCLES = 30  # the strongest circle candidates looked at on one page


def _colourless(hsv: np.ndarray) -> bool:
    coloured = (hsv[:, :, 1] >= INK_SATURATION) & (hsv[:, :, 2] >= INK_VALUE)
    return float(coloured.mean()) < COLOURLESS_SHARE


def grey_seals(img: np.ndarray, *, page: int = 1) -> list[Stamp]:
    """Round seals on a page without colour: circles (Hough) whose outline is ink nearly all round,
    with ink inside (legend, star) but not filled (a dark disc or a logo is no seal)."""
    gray = to_gray(img)
    scale = 1000 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    rmin, rmax = int(0.03 * max(sh, sw)), int(0.14 * max(sh, sw))  # a 4 cm seal on A4 is about 0.07
    circles = cv2.HoughCircles(cv2.medianBlur(small, 5), cv2.HOUGH_GRADIENT, dp=1.5, minDist=2 * rmin,
                               param1=120, param2=40, minRadius=rmin, maxRadius=rmax)
    found = _inked_rings(small < GREY_INK, [] if circles is None else circles[0][:GREY_CIRCLES], interior=(0.02, 0.5))
    return [Stamp(bbox=BBox(x0=max(0.0, (cx - r) / scale), y0=max(0.0, (cy - r) / scale), x1=(cx + r) / scale,
                            y1=(cy + r) / scale, unit=Unit.PX),
                  color="black", shape="round", confidence=round(coverage, 3), page=page)
            for cx, cy, r, coverage in found]


def _inked_rings(ink: np.ndarray, circles: Sequence[Sequence[float]], *, interior: tuple[float, float],
                 coverage_min: float = GREY_RING_COVERAGE) -> list[tuple[float, float, float, float]]:
    """The circles (cx, cy, r, coverage) whose outline lies on ink nearly all round and whose inside holds
    some ink (a legend, a star) without being filled."""
    sh, sw = ink.shape
    t = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    yy, xx = np.ogrid[:sh, :sw]
    rings = []
    for cx, cy, r in circles:
        coverage = 0.0
        for f in np.arange(0.85, 1.08, 0.02):
            xs = np.clip(np.round(cx + f * r * np.cos(t)), 0, sw - 2).astype(int)
            ys = np.clip(np.round(cy + f * r * np.sin(t)), 0, sh - 2).astype(int)
            coverage = max(coverage, float((ink[ys, xs] | ink[ys + 1, xs] | ink[ys, xs + 1]).mean()))
        if coverage < coverage_min:
            continue
        if interior[0] <= float(ink[(xx - cx) ** 2 + (yy - cy) ** 2 <= (0.75 * r) ** 2].mean()) <= interior[1]:
            rings.append((float(cx), float(cy), float(r), coverage))
    return rings


COLOUR_RING_COVERAGE = 0.85  # coloured ink is the seal's own: its ring is there nearly all round
RING_SEARCH_SIDE = 400  # a group is searched for rings at this size: enough for a ring, cheap for Hough


def _rings_in_group(mask: np.ndarray, box: Box, *, colour: SealColour, page: int) -> list[Stamp]:
    """Round seals inside a group of ink that scores as no one shape: two seals overlapping, or a seal
    grown into the text or rules it was pressed over. Circles are searched on the ink itself."""
    x, y, w, h = box
    scale = min(1.0, RING_SEARCH_SIDE / max(w, h))
    crop = cv2.resize(mask[y : y + h, x : x + w], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    side = min(crop.shape[:2])
    rmin = max(12, int(0.25 * side))
    circles = cv2.HoughCircles(cv2.GaussianBlur(crop, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1.5, minDist=rmin,
                               param1=120, param2=30, minRadius=rmin, maxRadius=int(0.55 * max(crop.shape[:2])))
    found = _inked_rings(crop > 127, [] if circles is None else circles[0][:GREY_CIRCLES], interior=(0.02, 0.6),
                         coverage_min=COLOUR_RING_COVERAGE)
    stamps: list[Stamp] = []
    for cx, cy, r, coverage in sorted(found, key=lambda c: -c[3]):
        bbox = BBox(x0=max(0.0, x + (cx - r) / scale), y0=max(0.0, y + (cy - r) / scale),
                    x1=min(float(mask.shape[1]), x + (cx + r) / scale), y1=min(float(mask.shape[0]), y + (cy + r) / scale),
                    unit=Unit.PX)
        stamp = Stamp(bbox=bbox, color=colour, shape="round", confidence=round(coverage, 3), page=page)
        if _seal_sized(mask.shape, _box((int(bbox.x0), int(bbox.y0), int(bbox.x1 - bbox.x0), int(bbox.y1 - bbox.y0)))) \
                and not any(_same_seal(stamp, other) for other in stamps):
            stamps.append(stamp)
    return stamps


Box = tuple[int, int, int, int]  # x, y, w, h
RotatedRect = tuple[Sequence[float], Sequence[float], float]  # cv2.minAreaRect


def _ink_groups(mask: np.ndarray, *, gap: int) -> list[Box]:
    """Boxes of ink blobs whose boxes touch: the arcs of a worn ring become one seal again.

    A group too big for a seal is a coloured page frame or rule that swallowed or enclosed what lies near
    it: its straight bars are set aside and the rest is grouped again, so a seal printed over the frame
    stands alone.
    """
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    groups = []
    every: Sequence[np.ndarray] | None = None  # inner contours too: a closed frame hides what it encloses
    for box in _touching(contours, mask.shape, gap):
        groups.append(box)  # a seal filling a small image is still a seal
        if not _fits_a_seal(box, mask.shape):
            if every is None:
                every, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
            inside = [c for c in every if _within(cv2.boundingRect(c), box) and not _straight(c)
                      and _fits_a_seal(cv2.boundingRect(c), mask.shape)]
            groups += [b for b in _touching(inside, mask.shape, gap) if b != box]
    return groups


def _touching(contours: Sequence[np.ndarray], shape: tuple[int, ...], gap: int) -> list[Box]:
    canvas = np.zeros((shape[0] + 2 * gap, shape[1] + 2 * gap), np.uint8)  # room to grow at the edges
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)  # grown by gap, then shifted by gap into the canvas
        cv2.rectangle(canvas, (x, y), (x + w - 1 + 2 * gap, y + h - 1 + 2 * gap), 255, cv2.FILLED)
    groups, _ = cv2.findContours(canvas, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [(x, y, w - 2 * gap, h - 2 * gap) for x, y, w, h in map(cv2.boundingRect, groups)]


def _fits_a_seal(box: Sequence[int], shape: tuple[int, ...]) -> bool:
    return box[2] <= MAX_SEAL_SHARE * shape[1] and box[3] <= MAX_SEAL_SHARE * shape[0]


def _within(inner: Sequence[int], outer: Box) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and inner[0] + inner[2] <= outer[0] + outer[2] and inner[1] + inner[3] <= outer[1] + outer[3])


def _straight(contour: np.ndarray) -> bool:
    """A straight bar of ink (a piece of a frame or rule), not a curved piece of a worn ring."""
    (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
    long, short = max(rw, rh), max(min(rw, rh), 1.0)
    return long >= 3 * short and cv2.contourArea(contour) >= 0.4 * long * short


def _seal_sized(shape: tuple[int, ...], box: Box) -> bool:
    """Big enough to be a seal: rules, underlines and ordinary red text are not."""
    side = min(box[2], box[3])
    return side >= 40 and side >= 0.03 * max(shape[:2]) and box[2] * box[3] >= 0.001 * shape[0] * shape[1]


LETTER_GAP = 1.0  # letterheads are often letter-spaced (江 苏 省): a gap up to one character's height


def _in_text_row(box: Box, neighbours: list[Box]) -> bool:
    """Part of a long row of similar blobs close together: letterhead characters."""
    x, y, w, h = box
    row = sorted({box} | {
        b for b in neighbours if 0.6 <= b[3] / h <= 1.6 and min(y + h, b[1] + b[3]) - max(y, b[1]) >= 0.5 * min(h, b[3])
    })
    i = row.index(box)
    left = i
    while left > 0 and row[left][0] - sum(row[left - 1][::2]) <= LETTER_GAP * h:
        left -= 1
    right = i
    while right + 1 < len(row) and row[right + 1][0] - sum(row[right][::2]) <= LETTER_GAP * h:
        right += 1
    return sum(row[right][::2]) - row[left][0] >= 2.5 * h  # a seal pair spans less


def _seal_in(mask: np.ndarray, box: Box, *, colour: SealColour, page: int) -> Stamp | None:
    x, y, w, h = box
    points = cv2.findNonZero(mask[y : y + h, x : x + w])
    if points is None:
        return None
    hull = cv2.convexHull(points + np.array([x, y], dtype=points.dtype))
    scored = _shape_score(mask, hull)
    if scored is None:
        return None
    x, y, w, h = cv2.boundingRect(hull)
    bbox = BBox(x0=x, y0=y, x1=x + w, y1=y + h, unit=Unit.PX)
    return Stamp(bbox=bbox, color=colour, shape=scored[0], confidence=scored[1], page=page)


OVAL_COVERAGE = 0.8


def _shape_score(mask: np.ndarray, hull: np.ndarray) -> tuple[SealShape, float] | None:
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


def _cut_seal(mask: np.ndarray, box: Box, *, colour: SealColour, page: int) -> Stamp | None:
    """A round seal cut by the image's edge (骑缝章, or half off a scan): a circle fitted to the group's
    outline away from the edge, inked along most of the arc that lies inside, with ink inside it."""
    x, y, w, h = box
    height, width = mask.shape[:2]
    if x > 1 and y > 1 and x + w < width - 1 and y + h < height - 1:
        return None
    contours, _ = cv2.findContours(mask[y : y + h, x : x + w], cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    ring = max(contours, key=len)  # the ring's outside; legend characters that do not touch it are left out
    points = ring.reshape(-1, 2).astype(float) + (x, y)
    inside = (points[:, 0] > 1) & (points[:, 1] > 1) & (points[:, 0] < width - 2) & (points[:, 1] < height - 2)
    circle = _fit_circle(points[inside])
    if circle is None:
        return None
    cx, cy, r = circle
    if not _seal_sized(mask.shape, (0, 0, round(2 * r), round(2 * r))):
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


def seal_crop(img: np.ndarray, stamp: Stamp, *, margin: float = 0.05) -> np.ndarray:
    """The seal's box plus a small margin, clipped to the image."""
    b = stamp.bbox
    mx, my = margin * (b.x1 - b.x0), margin * (b.y1 - b.y0)
    h, w = img.shape[:2]
    x0, y0 = max(0, int(b.x0 - mx)), max(0, int(b.y0 - my))
    x1, y1 = min(w, math.ceil(b.x1 + mx)), min(h, math.ceil(b.y1 + my))
    return img[y0:y1, x0:x1].copy()


def unwrap_seal_ring(img: np.ndarray, stamp: Stamp, *, start_at_top: bool = False) -> np.ndarray:
    """The legend band of a round or oval seal as a straight strip, reading left to right (from 6 o'clock,
    or from 12 o'clock with ``start_at_top`` so a legend that runs past 6 o'clock on a turned seal is whole)."""
    crop = seal_crop(img, stamp, margin=0.0)
    side = max(crop.shape[:2])
    square = cv2.resize(crop, (side, side), interpolation=cv2.INTER_CUBIC)  # ovals become round
    radius = side / 2
    n_angles = max(64, round(2 * math.pi * 0.75 * radius))
    polar = cv2.warpPolar(square, (round(radius), n_angles), (radius, radius), radius, cv2.WARP_POLAR_LINEAR)
    # rows run clockwise from 3 o'clock; start at 6 o'clock so a legend over the top is whole
    polar = np.roll(polar, -n_angles // 4 - (n_angles // 2 if start_at_top else 0), axis=0)
    r0, r1 = _legend_band(polar, stamp.color)
    return cv2.rotate(polar[:, r0:r1], cv2.ROTATE_90_COUNTERCLOCKWISE)  # outer edge on top


def _legend_band(polar: np.ndarray, colour: str) -> tuple[int, int]:
    """Radial range of the legend: the ink run just inside the outer ring."""
    n_r = polar.shape[1]
    ring_in, inner = round(0.92 * n_r), round(0.55 * n_r)
    if polar.ndim == 3 and colour in _HUES:
        profile = (colour_mask(polar, colour) > 0).mean(axis=0)
        ring = np.nonzero(profile[n_r // 2 :] > 0.5)[0]
        if len(ring):  # the ring is the run that nearly every angle has ink in
            ring_in = n_r // 2 + int(ring[0])
        ring_in -= max(1, round(0.03 * n_r))  # the ring's soft inner edge
        r = ring_in - 1
        while r > 0 and profile[r] < 0.03:  # the gap between ring and legend
            r -= 1
        while r > 0 and profile[r] >= 0.03:  # the legend itself
            r -= 1
        inner = max(r, ring_in - round(0.45 * n_r))
    return max(0, inner - 2), max(1, ring_in)


def read_seal_legend(img: np.ndarray, stamp: Stamp, engine: OcrEngine) -> tuple[str | None, float]:
    """Best-effort OCR of a round seal's ring legend: (text or None, confidence)."""
    strip = _legend_strip(img, stamp)
    w = strip.shape[1]
    text, conf = _read_strip(strip[:, w // 8 : w - w // 8], engine)  # 7:30 over the top to 4:30; skips the bottom code
    return (text or None), (conf if text else 0.0)


def seal_legend_reads(img: np.ndarray, stamp: Stamp, engine: OcrEngine) -> tuple[str, ...]:
    """Raw reads of the whole ring, from 6 and from 12 o'clock: material for comparing the legend with a
    name it is expected to carry (the legend is a circle; where the read starts is not known)."""
    reads = (_read_strip(_legend_strip(img, stamp, start_at_top=top), engine)[0] for top in (False, True))
    return tuple(dict.fromkeys(r for r in reads if r))


_LEGEND_HUES = {"red": ((0, 22), (150, 180)), "blue": _BLUE}  # red through orange-brown, as the seal inks


def _legend_strip(img: np.ndarray, stamp: Stamp, *, start_at_top: bool = False) -> np.ndarray:
    strip = unwrap_seal_ring(img, stamp, start_at_top=start_at_top)
    if strip.ndim == 3 and stamp.color in _LEGEND_HUES:
        ink = _ink_mask(_hsv(strip), _LEGEND_HUES[stamp.color], s_min=40, v_min=40)
        return 255 - ink  # the legend as black on white, without what lies under the seal
    return to_gray(strip)


LEGEND_MAX_WIDTH = 1800


def _read_strip(strip: np.ndarray, engine: OcrEngine) -> tuple[str, float]:
    # 64 px high, unless the whole ring would then be longer than a line recogniser takes
    scale = min(64 / max(strip.shape[0], 1), LEGEND_MAX_WIDTH / max(strip.shape[1], 1))
    strip = cv2.resize(strip, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    strip = cv2.copyMakeBorder(strip, 16, 16, 16, 16, cv2.BORDER_CONSTANT, value=255)
    text, conf = engine.read_line(strip, lang="chi_sim")
    return text.strip(), conf
