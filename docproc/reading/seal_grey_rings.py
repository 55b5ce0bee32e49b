"""Round seals on a page without colour (a greyscale scan or photocopy): no ink colour to find them by, so
they are found by their ring, nearly whole, with a legend or star inside; and the ring test itself (an
outline on ink nearly all round, some ink inside but not filled), which the colour search also uses for
rings inside a bigger group of ink. Stamps are :class:`docproc.core.models.Stamp` in pixels of the given
image, recorded as black.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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


def grey_seals(img: np.ndarray, *, page: int = 1) -> list[Stamp]:
    """Round seals on a page without colour: circles (Hough, on a copy GREY_SEARCH_SIDE px long, boxes mapped
    back) whose outline is ink nearly all round, with ink inside (legend, star) but not filled (a dark disc or
    a logo is no seal)."""
    gray = to_gray(img)
    scale = GREY_SEARCH_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    rmin, rmax = int(0.03 * max(sh, sw)), int(0.14 * max(sh, sw))  # a 4 cm seal on A4 is about 0.07
    circles = cv2.HoughCircles(cv2.medianBlur(small, GREY_MEDIAN), cv2.HOUGH_GRADIENT, dp=1.0, minDist=2 * rmin,
                               param1=120, param2=40, minRadius=rmin, maxRadius=rmax)
    found = [ring for ring in inked_rings(small < GREY_INK, [] if circles is None else circles[0][:GREY_CIRCLES],
                                          interior=(0.02, 0.5), shift=GREY_CENTRE_SHIFT)
             if _paper_inside(small, *ring[:3])]
    return [Stamp(bbox=BBox(x0=max(0.0, (cx - r) / scale), y0=max(0.0, (cy - r) / scale),
                            x1=min(float(gray.shape[1]), (cx + r) / scale), y1=min(float(gray.shape[0]), (cy + r) / scale),
                            unit=Unit.PX),
                  color="black", shape="round", confidence=round(coverage, 3), page=page)
            for cx, cy, r, coverage in found]


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
