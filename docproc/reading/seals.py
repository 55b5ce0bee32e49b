"""Seals on a page: found by their ink's colour and shape (red, blue, in other inks, overlapping, cut by
the page's edge), or by their ring on a greyscale scan or copy; cropped, their ring unwrapped into a strip
and their legend read; and their ink taken off the page so the text under a seal can be read. Stamps are
:class:`docproc.core.models.Stamp` in pixels of the given image.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from docproc.core.models import BBox, Stamp, Unit
from docproc.reading.imaging import to_gray
from docproc.reading.seal_grey_rings import (
    GREY_CIRCLES,
    coloured,
    coloured_ground,
    colourless,
    grey_seals,
    inked_rings,
    on_white,
)
from docproc.reading.seal_ink import (
    BLUE,
    HUES,
    INK_SATURATION,
    INK_VALUE,
    MIN_SEAL_SHARE,
    MIN_SEAL_SIDE,
    RED,
    Box,
    SealColour,
    colour_mask,
    ink_mask,
    seal_sized,
    to_hsv,
    without_ruling,
)
from docproc.reading.seal_lookalikes import knocked_out, solid_fill
from docproc.reading.seal_shapes import cut_seal, shape_score

MAX_SEAL_SHARE = 0.7  # a square seal spanning more of the page's width or height is the page's frame
class SealInk(NamedTuple):
    """One ink a seal may be pressed in: hue ranges, least saturation and brightness, least shape score."""

    colour: SealColour
    hues: tuple[tuple[int, int], ...]
    s_min: int
    v_min: int
    min_score: float


def remove_seal_ink(img: np.ndarray, *, stamps: Sequence[Stamp] | None = None) -> np.ndarray:
    """Gray image with the ink of seals whitened; dark text under a seal stays dark.

    Only inside the seals' boxes (``stamps``, else :func:`detect_seals`): blue field labels on an
    ID card and red letterheads elsewhere on the page stay readable.
    """
    gray = to_gray(img)
    if img.ndim == 2:
        return gray
    for stamp in detect_seals(img) if stamps is None else stamps:
        if stamp.color not in HUES:
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
    SealInk("red", RED, INK_SATURATION, INK_VALUE, 0.0),
    SealInk("red", RED, INK_SATURATION, 200, 0.0),
    SealInk("red", ((0, 22), (150, 180)), 35, 110, 0.9),
    SealInk("blue", BLUE, INK_SATURATION, INK_VALUE, 0.0),
    SealInk("blue", BLUE, 35, 110, 0.9),  # pale blue ink (a faded or thinly inked seal, a light scan)
)
# A seal cut by the paper's edge scores its visible arc times the share of it on the page: from a pale ink it is
# taken at this score (a whole ring must score the ink's own least score).
PARTIAL_MIN_SCORE = 0.5
# A square seal is its frame: two printed characters side by side (a blue label on an ID card, 性别) make a
# square blob too, but with no frame around them they score well below a pressed square.
SQUARE_MIN_SCORE = 0.75


def detect_seals(img: np.ndarray, *, page: int = 1, greyscale_rings: bool = False) -> list[Stamp]:
    """Red and blue seals (round, oval, square) found by colour and shape. With ``greyscale_rings`` (a
    scanned or photographed page), on a page with no colour at all (a greyscale scan or copy) round
    seals are found by their ring and recorded as black."""
    if img.ndim == 2:
        return grey_seals(img, page=page) if greyscale_rings else []
    hsv = to_hsv(img)  # one conversion for the colourless test and every ink
    colour = coloured(hsv)
    ground = coloured_ground(colour) if greyscale_rings else None  # the desk a photographed sheet lies on
    if colourless(colour, ground):
        return grey_seals(img if ground is None else on_white(img, ground), page=page) if greyscale_rings else []
    h, w = img.shape[:2]
    k = max(3, round(min(h, w) * 0.008))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    stamps: list[Stamp] = []
    seeds: list[Box] = []  # seal-sized groups of red ink that made no seal: perhaps a seal pressed unevenly
    masks = []
    for ink in SEAL_INKS:
        mask = cv2.morphologyEx(ink_mask(hsv, ink.hues, s_min=ink.s_min, v_min=ink.v_min), cv2.MORPH_CLOSE, kernel)
        _add_seals(stamps, _seals_in_mask(mask, colour=ink.colour, page=page, gap=k), ink=ink, hsv=hsv)
        if ink.colour == "red" and ink.min_score == 0.0:  # clear red ink (the pale mask takes in skin and wood too)
            seeds += [g for g in _ink_groups(mask, gap=k) if seal_sized(mask.shape, g) and _fits_a_seal(g, mask.shape)]
        masks.append((ink, mask))
    # A seal pressed on a form ruled in its own hue is one blob with the rules it touches: round and oval seals are
    # looked for again in the ink the form's rules leave (a square's frame is made of such straight runs).
    for ink, mask in masks:
        if (unruled := without_ruling(mask, kernel=kernel)) is not None:
            found = [s for s in _seals_in_mask(unruled, colour=ink.colour, page=page, gap=k) if s.shape != "square"]
            _add_seals(stamps, found, ink=ink, hsv=hsv)
    for stamp in _faded_seals(img, hsv, seeds, stamps, kernel=kernel, page=page, gap=k):
        if not any(_same_seal(stamp, other) or _same_seal(other, stamp) for other in stamps):
            stamps.append(stamp)
    return sorted(stamps, key=lambda s: (s.bbox.y0, s.bbox.x0))


def _add_seals(stamps: list[Stamp], found: Sequence[Stamp], *, ink: SealInk, hsv: np.ndarray) -> None:
    """Add to ``stamps`` the seals ``found`` in one ink that score as that ink requires and were not found yet."""
    for stamp in found:
        least = min(ink.min_score, PARTIAL_MIN_SCORE) if stamp.partial else ink.min_score
        least = max(least, SQUARE_MIN_SCORE) if stamp.shape == "square" else least
        if stamp.confidence >= least and not solid_fill(hsv, stamp) and not knocked_out(hsv, stamp) \
                and not any(_same_seal(stamp, other) or _same_seal(other, stamp) for other in stamps):
            stamps.append(stamp)


# A seal pressed unevenly, or lit unevenly in a photo, is clear red on one side and faint on the other: the
# clear part is a seal-sized group of ink that makes no ring, and the faint part can be less saturated than a
# tinted paper (red ink pressed thin on a light-blue licence). Around the clear part, ink is looked for again
# as whatever is redder than that paper (CIELAB a*), and a ring found there is taken when it scores as a
# clear seal does.
FADED_REDNESS = 7  # a* units above the paper's (the median of the region) that faint seal ink reaches
FADED_REACH = 0.5  # the region searched again around the clear part, in shares of its width and height
FADED_MIN_SCORE = 0.9
# A seal cut by the edge scores its visible arc times the share of it on the page, so it is taken at this share of
# the whole ring's least score.
FADED_PARTIAL_SHARE = 0.7
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
        pale = ink_mask(hsv[region], FADED_HUES, s_min=FADED_SATURATION, v_min=FADED_VALUE)
        if float((pale > 0).mean()) < PAPER_SHARE:  # pale red ink, unless the paper itself is warm
            faint[region] |= pale
    if redness is None:
        return []
    mask = cv2.morphologyEx(faint, cv2.MORPH_CLOSE, kernel)
    return [stamp for stamp in _seals_in_mask(mask, colour="red", page=page, gap=gap)
            if stamp.shape != "square" and not solid_fill(hsv, stamp)
            and stamp.confidence >= FADED_MIN_SCORE * (FADED_PARTIAL_SHARE if stamp.partial else 1.0)]


def _seals_in_mask(mask: np.ndarray, *, colour: SealColour, page: int, gap: int) -> list[Stamp]:
    """Seals among the groups of one ink mask: whole ones, rings inside bigger groups, and ones cut by the edge."""
    groups = _ink_groups(mask, gap=gap)
    letters = [g for g in groups if _fits_a_seal(g, mask.shape)]  # what a letterhead row may be made of
    every: Sequence[np.ndarray] | None = None
    stamps: list[Stamp] = []
    for box in groups:
        if not seal_sized(mask.shape, box):
            continue
        # a group cut well into by the edge is the seal it was cut from, though its visible part may score as a
        # whole shape (an oval's larger part is roundish); one whose outline only grazes the edge is scored whole
        stamp = cut_seal(mask, box, colour=colour, page=page, most_shown=CUT_SHOWN) \
            or _seal_in(mask, box, colour=colour, page=page)
        if stamp is not None and stamp.shape != "square" and stamp.confidence >= RING_ALONE:
            pass  # a clear ring with a legend is a seal even in a row of seals (公章, 财务章, 法人章 side by side)
        elif _in_text_row(box, letters):
            continue
        if stamp is None:  # the seal may touch other ink (a frame's corner): its own ring may stand
            if every is None:
                every, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
            stamp = _ring_within(mask, box, every, colour=colour, page=page) or cut_seal(mask, box, colour=colour,
                                                                                          page=page)
        found = [stamp] if stamp else _rings_in_group(mask, box, colour=colour, page=page) \
            if _fits_a_seal(box, mask.shape) else []
        for seal in found:
            if (seal.shape != "square" or _fits_a_seal(box, mask.shape)) \
                    and not any(_same_seal(seal, other) for other in stamps):  # not the page's frame, not twice
                stamps.append(seal)
    return stamps


CUT_SHOWN = 0.9  # a seal showing less of its outline than this is taken as cut before its visible part is scored
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
        if inner != box and _within(inner, box) and seal_sized(mask.shape, inner) \
                and (stamp := _seal_in(mask, inner, colour=colour, page=page)) and stamp.shape != "square":
            return stamp
    return None


COLOUR_RING_COVERAGE = 0.85  # coloured ink is the seal's own: its ring is there nearly all round
RING_SEARCH_SIDE = 400  # a group is searched for rings at this size: enough for a ring, cheap for Hough
RING_MIN_PX = 12  # the least radius Hough is asked for in that search
FRAME_DENSITY = 0.12  # a group this sparse is mostly a frame or border round what it holds


def _rings_in_group(mask: np.ndarray, box: Box, *, colour: SealColour, page: int) -> list[Stamp]:
    """Round seals inside a group of ink that scores as no one shape: two seals overlapping, or a seal
    grown into the text or rules it was pressed over. Circles are searched on the ink itself."""
    x, y, w, h = box
    scale = min(1.0, RING_SEARCH_SIDE / max(w, h))
    crop = cv2.resize(mask[y : y + h, x : x + w], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    side = min(crop.shape[:2])
    # a ring fills much of a group it grew into; inside a frame or border in its own ink (a certificate's, a
    # screen's) it may be as small as the smallest seal the page can hold
    smallest = math.ceil(0.5 * max(MIN_SEAL_SIDE, MIN_SEAL_SHARE * max(mask.shape[:2])) * scale)
    framed = float((crop > 127).mean()) < FRAME_DENSITY
    rmin = max(RING_MIN_PX, min(int(0.25 * side), smallest) if framed else int(0.25 * side))
    circles = cv2.HoughCircles(cv2.GaussianBlur(crop, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1.5, minDist=rmin,
                               param1=120, param2=30, minRadius=rmin, maxRadius=int(0.55 * max(crop.shape[:2])))
    found = inked_rings(crop > 127, [] if circles is None else circles[0][:GREY_CIRCLES], interior=(0.02, 0.6),
                         coverage_min=COLOUR_RING_COVERAGE)
    stamps: list[Stamp] = []
    for cx, cy, r, coverage in sorted(found, key=lambda c: -c[3]):
        bbox = BBox(x0=max(0.0, x + (cx - r) / scale), y0=max(0.0, y + (cy - r) / scale),
                    x1=min(float(mask.shape[1]), x + (cx + r) / scale), y1=min(float(mask.shape[0]), y + (cy + r) / scale),
                    unit=Unit.PX)
        stamp = Stamp(bbox=bbox, color=colour, shape="round", confidence=round(coverage, 3), page=page)
        if seal_sized(mask.shape, _box((int(bbox.x0), int(bbox.y0), int(bbox.x1 - bbox.x0), int(bbox.y1 - bbox.y0)))) \
                and not any(_same_seal(stamp, other) for other in stamps):
            stamps.append(stamp)
    return stamps


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
    scored = shape_score(mask, hull)
    if scored is None:
        return None
    x, y, w, h = cv2.boundingRect(hull)
    bbox = BBox(x0=x, y0=y, x1=x + w, y1=y + h, unit=Unit.PX)
    return Stamp(bbox=bbox, color=colour, shape=scored[0], confidence=scored[1], page=page)
