"""Round seals on a page without colour (a greyscale scan or photocopy): no ink colour to find them by, so
they are found by their ring, nearly whole, with a legend or star inside; and the ring test itself (an
outline on ink nearly all round, some ink inside but not filled), which the colour search also uses for
rings inside a bigger group of ink. Stamps are :class:`docproc.core.models.Stamp` in pixels of the given
image, recorded as black.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from docproc.core.models import BBox, Stamp, Unit
from docproc.reading.imaging import to_gray
from docproc.reading.seal_ink import INK_SATURATION, INK_VALUE

COLOURLESS_SHARE = 0.0005  # a page with less coloured ink than this share is a greyscale scan or copy
GREY_INK = 150  # darker than this is ink on a greyscale page
GREY_RING_COVERAGE = 0.75  # share of a circle that must lie on ink to be a seal's ring
GREY_CIRCLES = 30  # the strongest circle candidates looked at on one page


# A sheet photographed on a desk, a table or a coloured cloth lies on a ground of colour that reaches the picture's
# edges all round (or on all but the side the sheet runs off): that colour is no ink on the page. Seal ink cut by the
# page's edge reaches one edge, a coloured band printed across the page two opposite ones, and both are small.
GROUND_SHARE = 0.05  # least share of the picture the ground covers
GROUND_EDGES = 3  # least number of the picture's edges the ground reaches


def coloured(hsv: np.ndarray) -> np.ndarray:
    """Pixels of coloured ink (or of a coloured ground) on a page given as HSV."""
    return (hsv[:, :, 1] >= INK_SATURATION) & (hsv[:, :, 2] >= INK_VALUE)


def coloured_ground(ink: np.ndarray) -> np.ndarray | None:
    """The coloured ground a photographed sheet lies on (a mask of the picture, from its ``coloured`` pixels), or None
    when there is none: a page whose colour touches fewer than GROUND_EDGES of its edges has none to look for."""
    if sum(bool(edge.any()) for edge in (ink[0], ink[-1], ink[:, 0], ink[:, -1])) < GROUND_EDGES:
        return None
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    h, w = labels.shape
    ground = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= GROUND_SHARE * h * w
              and _edges_reached(stats[i], w, h) >= GROUND_EDGES]
    return np.isin(labels, ground) if ground else None


def _edges_reached(stat: np.ndarray, w: int, h: int) -> int:
    x, y, bw, bh = (int(v) for v in stat[:4])
    return int(x == 0) + int(y == 0) + int(x + bw == w) + int(y + bh == h)


def colourless(ink: np.ndarray, ground: np.ndarray | None = None) -> bool:
    """Whether a page has next to no coloured ink (its ``coloured`` pixels), the coloured ``ground`` around a
    photographed sheet aside: a greyscale scan or copy, or a photo of one."""
    if ground is None:
        return float(ink.mean()) < COLOURLESS_SHARE
    sheet = ~ground
    return float((ink & sheet).sum()) < COLOURLESS_SHARE * max(1, int(sheet.sum()))


def on_white(img: np.ndarray, ground: np.ndarray) -> np.ndarray:
    """The page with the ground around the sheet (and its fringe) made white paper, so that only the sheet is
    searched for rings."""
    k = max(3, round(0.01 * max(ground.shape)))
    wide = cv2.dilate(ground.astype(np.uint8), np.ones((k, k), np.uint8)) > 0
    out = img.copy()
    out[wide] = 255
    return out


# The page is searched at this size: a seal (a 4 cm ring on A4 is about 0.07 of the page's length) is still a ring
# of some 40 px, and Hough's cost, which grows with the page's edges and the radii tried, stays small.
GREY_SEARCH_SIDE = 600
GREY_RADII = (0.03, 0.14)  # the radii tried, in shares of the page's length: a 4 cm seal on A4 is about 0.07
# At that size Hough's centre may lie a pixel off a thin ring's: its outline is looked for around it too. The
# median filter is 3 px there (a ring half a millimetre wide is a pixel or two: a wider filter wipes it out).
GREY_CENTRE_SHIFT = 1
GREY_MEDIAN = 3
# A second search, for a small seal with a thin or pale ring (a copy's second seal, pressed lightly), on a bigger copy
# made of each area's darkest pixel: averaged with the paper around it, such a ring would go light grey. Print
# thickens on that copy, so a ring found only there must have paper all round it.
THIN_SEARCH_SIDE = 800
THIN_RADII = (0.02, 0.07)  # a bigger ring is found by the first search (and Hough's cost grows with the radii)
THIN_CENTRE_SHIFT = 3  # Hough's centre on the darkest-pixel copy lies further off a thin ring's
# A seal is ink pressed on paper: between its strokes the paper is as light as around it. A portrait (a face in
# the ring of its hair) is grey inside.
PAPER_INSIDE = 0.95  # least ratio of the median non-ink grey inside the ring to that just around it
# An emblem, badge or logo printed in black (the national emblem on a copied ID card's back, a company's badge) is a
# ring around a picture: its middle holds a gate, a sun over hills, thick filled shapes, and its rim no legend. A
# seal's middle holds a star (some 0.05-0.10 of the disc inside its ring) and small characters (a date, a line of
# text), and its rim a legend: a band of separate characters. A dark copy may join the print under a seal to its
# star, a light one break its legend into specks: it takes both, a picture and no legend, to make an emblem. Pieces
# of ink are looked at within the disc, so the ring, cut off by its edge, counts for neither; characters run
# together by a pixel of ink are counted apart too.
PICTURE_DISC = 0.8  # the disc looked at, in shares of the ring's radius: clear of the ring's own stroke
PICTURE_MIDDLE = 0.4  # a piece coming nearer the centre than this share of the radius is in the middle
PICTURE_PIECE = 0.03  # a piece in the middle covering less of the disc is a character, a digit or a speck
PICTURE_INSIDE = 0.11  # least share of the disc covered by the bigger pieces in the middle: more than a star
LEGEND_SIZE = (0.06, 0.45)  # a character (or a part of one) along the rim, its longer side in shares of the radius
LEGEND_PIECES = 12  # fewer such pieces along the rim than this is no legend


def grey_seals(img: np.ndarray, *, page: int = 1) -> list[Stamp]:
    """Round seals on a page without colour: circles (Hough, on a copy GREY_SEARCH_SIDE px long, boxes mapped
    back) whose outline is ink nearly all round, with ink inside (legend, star) but not filled (a dark disc or
    a logo is no seal), paper between the strokes (a portrait is none either) and no picture filling the middle
    (an emblem, a badge); then small, thin or pale rings standing on paper (a darkest-pixel copy
    THIN_SEARCH_SIDE px long)."""
    gray = to_gray(img)
    found = _rings(gray, GREY_SEARCH_SIDE, GREY_RADII, darkest=False)
    found += [ring for ring in _rings(gray, THIN_SEARCH_SIDE, THIN_RADII, darkest=True)
              if not any(same_ring(ring, known) for known in found)]
    h, w = gray.shape
    return [Stamp(bbox=BBox(x0=max(0.0, cx - r), y0=max(0.0, cy - r), x1=min(float(w), cx + r),
                            y1=min(float(h), cy + r), unit=Unit.PX),
                  color="black", shape="round", confidence=round(coverage, 3), page=page)
            for cx, cy, r, coverage in found]


def _rings(gray: np.ndarray, side: int, radii: tuple[float, float], *, darkest: bool) -> list[tuple[float, float, float, float]]:
    """The seal rings (cx, cy, r, coverage in pixels of ``gray``) found on a copy ``side`` px long, made of each
    area's darkest pixel when ``darkest`` (and then with paper all round each ring)."""
    scale = side / max(gray.shape)
    k = max(1, round(1 / scale))
    source = cv2.erode(gray, np.ones((k, k), np.uint8)) if darkest else gray
    small = cv2.resize(source, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    rmin, rmax = int(radii[0] * max(sh, sw)), int(radii[1] * max(sh, sw))
    circles = cv2.HoughCircles(cv2.medianBlur(small, GREY_MEDIAN), cv2.HOUGH_GRADIENT, dp=1.0, minDist=2 * rmin,
                               param1=120, param2=40, minRadius=rmin, maxRadius=rmax)
    ink, shift = small < GREY_INK, THIN_CENTRE_SHIFT if darkest else GREY_CENTRE_SHIFT
    found = [ring for ring in inked_rings(ink, [] if circles is None else circles[0][:GREY_CIRCLES],
                                          interior=(0.02, 0.5), shift=shift)
             if (not darkest or max(_ink_outside(ink, *ring[:3])) < ON_PAPER_INK)
             and _paper_inside(small, *ring[:3])
             and not _emblem(gray, ring[0] / scale, ring[1] / scale, ring[2] / scale)]
    return [(cx / scale, cy / scale, r / scale, coverage) for cx, cy, r, coverage in found]


# Just outside a seal's ring lies paper: circles a little beyond it cross ink on less than this share of their length.
# Around a circle drawn through a block of text, a textured ground or a photo there is ink at every radius.
OUTSIDE_RADII = (1.15, 1.2, 1.25, 1.3)  # the circles looked at, in shares of the ring's radius
ON_PAPER_INK = 0.25


def _ink_outside(ink: np.ndarray, cx: float, cy: float, r: float) -> list[float]:
    """The share of ink on each circle just outside the ring (cx, cy, r) in ``ink`` (the part inside the picture)."""
    sh, sw = ink.shape
    t = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    shares = []
    for factor in OUTSIDE_RADII:
        xs, ys = np.round(cx + factor * r * np.cos(t)).astype(int), np.round(cy + factor * r * np.sin(t)).astype(int)
        inside = (xs >= 0) & (xs < sw) & (ys >= 0) & (ys < sh)
        shares.append(float(ink[ys[inside], xs[inside]].mean()) if inside.any() else 0.0)
    return shares


def same_ring(a: Sequence[float], b: Sequence[float]) -> bool:
    """One ring found twice: centres and radii within a quarter of the radius."""
    r = max(a[2], b[2])
    return abs(a[0] - b[0]) <= 0.25 * r and abs(a[1] - b[1]) <= 0.25 * r and abs(a[2] - b[2]) <= 0.25 * r


class Inside(NamedTuple):
    """What lies inside a ring: the share of the disc its middle's big pieces cover, and its rim's character-sized
    pieces."""

    picture: float
    legend: int


def ring_inside(gray: np.ndarray, cx: float, cy: float, r: float) -> Inside:
    """The pieces of ink in the disc inside a ring (PICTURE_DISC of its radius ``r``, in pixels of ``gray``): those
    bigger than PICTURE_PIECE of it that come within PICTURE_MIDDLE of its centre (a seal's star, an emblem's
    picture) as a share of the disc, and the number of character-sized ones kept to the rim (a legend)."""
    reach = PICTURE_DISC * r
    x0, y0 = max(0, int(cx - reach)), max(0, int(cy - reach))
    x1, y1 = min(gray.shape[1], math.ceil(cx + reach) + 1), min(gray.shape[0], math.ceil(cy + reach) + 1)
    yy, xx = np.ogrid[y0:y1, x0:x1]
    distance = (xx - cx) ** 2 + (yy - cy) ** 2
    disc = distance <= reach**2
    if not disc.any():
        return Inside(0.0, 0)
    ink = ((gray[y0:y1, x0:x1] < GREY_INK) & disc).astype(np.uint8)
    middle, least = distance <= (PICTURE_MIDDLE * r) ** 2, PICTURE_PIECE * float(disc.sum())
    picture, legend = _pieces(ink, middle, r, least)
    # characters run together by a pixel of ink (a dark copy, a small seal) part when the ink is worn down by one
    worn = _pieces(cv2.erode(ink, np.ones((3, 3), np.uint8)), middle, r, least)[1]
    return Inside(picture / float(disc.sum()), max(legend, worn))


def _pieces(ink: np.ndarray, middle_disc: np.ndarray, r: float, least: float) -> tuple[float, int]:
    """The area (px) of the pieces of ``ink`` reaching ``middle_disc`` that are at least ``least`` px, and the
    number of character-sized pieces that do not reach it."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    middle = np.zeros(count, bool)
    middle[labels[middle_disc]] = True
    middle[0] = True  # the paper: neither picture nor legend
    side = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) / r
    legend = ~middle & (side >= LEGEND_SIZE[0]) & (side <= LEGEND_SIZE[1])
    middle[0] = False
    area = stats[:, cv2.CC_STAT_AREA]
    big = middle & (area >= least)
    return float(area[big].sum()), int(legend.sum())


def _emblem(gray: np.ndarray, cx: float, cy: float, r: float) -> bool:
    """A ring around a picture (more than a star in its middle) with no legend along its rim."""
    inside = ring_inside(gray, cx, cy, r)
    return inside.picture >= PICTURE_INSIDE and inside.legend < LEGEND_PIECES


def _paper_inside(gray: np.ndarray, cx: float, cy: float, r: float) -> bool:
    """Whether the paper between the strokes inside a ring is as light as the paper just around it."""
    yy, xx = np.ogrid[: gray.shape[0], : gray.shape[1]]
    distance = (xx - cx) ** 2 + (yy - cy) ** 2
    inside = gray[distance <= (0.75 * r) ** 2]
    around = gray[(distance >= (1.1 * r) ** 2) & (distance <= (1.5 * r) ** 2)]
    inside, around = inside[inside >= GREY_INK], around[around >= GREY_INK]
    if not inside.size or not around.size:
        return bool(around.size == 0)  # a ring filling the image: nothing around to compare with
    return float(np.median(inside)) >= PAPER_INSIDE * float(np.median(around))


def inked_rings(ink: np.ndarray, circles: Sequence[Sequence[float]], *, interior: tuple[float, float],
                coverage_min: float = GREY_RING_COVERAGE, shift: int = 0) -> list[tuple[float, float, float, float]]:
    """The circles (cx, cy, r, coverage) whose outline lies on ink nearly all round and whose inside holds
    some ink (a legend, a star) without being filled. The outline is looked for at radii a little smaller and
    larger, and, with ``shift``, around centres up to that many pixels off the one given (the best is kept)."""
    sh, sw = ink.shape
    t = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    radii = np.arange(0.85, 1.08, 0.02)[:, None]
    yy, xx = np.ogrid[:sh, :sw]
    rings = []
    for cx0, cy0, r in circles:
        coverage, cx, cy = 0.0, float(cx0), float(cy0)
        for dx in range(-shift, shift + 1):
            for dy in range(-shift, shift + 1):
                xs = np.clip(np.round(cx0 + dx + radii * r * np.cos(t)), 0, sw - 2).astype(int)
                ys = np.clip(np.round(cy0 + dy + radii * r * np.sin(t)), 0, sh - 2).astype(int)
                covered = float((ink[ys, xs] | ink[ys + 1, xs] | ink[ys, xs + 1]).mean(axis=1).max())
                if covered > coverage:
                    coverage, cx, cy = covered, float(cx0 + dx), float(cy0 + dy)
        if coverage < coverage_min:
            continue
        if interior[0] <= float(ink[(xx - cx) ** 2 + (yy - cy) ** 2 <= (0.75 * r) ** 2].mean()) <= interior[1]:
            rings.append((cx, cy, float(r), coverage))
    return rings
