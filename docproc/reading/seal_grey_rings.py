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
    found = inked_rings(small < GREY_INK, [] if circles is None else circles[0][:GREY_CIRCLES], interior=(0.02, 0.5))
    return [Stamp(bbox=BBox(x0=max(0.0, (cx - r) / scale), y0=max(0.0, (cy - r) / scale), x1=(cx + r) / scale,
                            y1=(cy + r) / scale, unit=Unit.PX),
                  color="black", shape="round", confidence=round(coverage, 3), page=page)
            for cx, cy, r, coverage in found]


def inked_rings(ink: np.ndarray, circles: Sequence[Sequence[float]], *, interior: tuple[float, float],
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
