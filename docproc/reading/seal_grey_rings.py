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


def colourless(hsv: np.ndarray) -> bool:
    """Whether a page (as HSV) has next to no coloured ink: a greyscale scan or copy."""
    coloured = (hsv[:, :, 1] >= INK_SATURATION) & (hsv[:, :, 2] >= INK_VALUE)
    return float(coloured.mean()) < COLOURLESS_SHARE


# The page is searched at this size: a seal (a 4 cm ring on A4 is about 0.07 of the page's length) is still a ring
# of some 40 px, and Hough's cost, which grows with the page's edges and the radii tried, stays small.
GREY_SEARCH_SIDE = 600
# At that size Hough's centre may lie a pixel off a thin ring's: its outline is looked for around it too. The
# median filter is 3 px there (a ring half a millimetre wide is a pixel or two: a wider filter wipes it out).
GREY_CENTRE_SHIFT = 1
GREY_MEDIAN = 3
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
    (an emblem, a badge)."""
    gray = to_gray(img)
    scale = GREY_SEARCH_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    rmin, rmax = int(0.03 * max(sh, sw)), int(0.14 * max(sh, sw))  # a 4 cm seal on A4 is about 0.07
    circles = cv2.HoughCircles(cv2.medianBlur(small, GREY_MEDIAN), cv2.HOUGH_GRADIENT, dp=1.0, minDist=2 * rmin,
                               param1=120, param2=40, minRadius=rmin, maxRadius=rmax)
    found = [ring for ring in inked_rings(small < GREY_INK, [] if circles is None else circles[0][:GREY_CIRCLES],
                                          interior=(0.02, 0.5), shift=GREY_CENTRE_SHIFT)
             if _paper_inside(small, *ring[:3])
             and not _emblem(gray, ring[0] / scale, ring[1] / scale, ring[2] / scale)]
    return [Stamp(bbox=BBox(x0=max(0.0, (cx - r) / scale), y0=max(0.0, (cy - r) / scale),
                            x1=min(float(gray.shape[1]), (cx + r) / scale), y1=min(float(gray.shape[0]), (cy + r) / scale),
                            unit=Unit.PX),
                  color="black", shape="round", confidence=round(coverage, 3), page=page)
            for cx, cy, r, coverage in found]


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
