"""What looks like a seal to the colour and shape search but is not one: a filled emblem, badge or icon, and a
shape left white inside an area filled with a seal's colour. Stamps are in pixels of the HSV image given."""

from __future__ import annotations

import math

import numpy as np

from docproc.core.models import Stamp
from docproc.reading.seal_ink import BLUE, INK_SATURATION, INK_VALUE, WARM_HUES, ink_mask

EMBLEM_FILL = 0.6  # a seal's ink is a ring, a legend and a star; an emblem or badge is a filled disc


FILL_HUES = {"red": WARM_HUES, "blue": BLUE}  # red ink's fill taken from red through gold: an emblem's gold too


def solid_fill(hsv: np.ndarray, stamp: Stamp) -> bool:
    """A filled disc or tile of the seal's colour (the national emblem on an ID card's back, a badge, an app's
    icon or a logo with its letters knocked out in white), not a seal's ring or frame around its legend."""
    b = stamp.bbox
    x0, y0, x1, y1 = int(b.x0), int(b.y0), math.ceil(b.x1), math.ceil(b.y1)
    if stamp.color not in FILL_HUES or x1 - x0 < 4 or y1 - y0 < 4:
        return False
    # saturated ink only: not a warm-lit photo's paper
    warm = ink_mask(hsv[y0:y1, x0:x1], FILL_HUES[stamp.color], s_min=INK_SATURATION, v_min=INK_VALUE) > 0
    h, w = warm.shape
    yy, xx = np.ogrid[:h, :w]
    disc = ((xx - (w - 1) / 2) / (0.45 * w)) ** 2 + ((yy - (h - 1) / 2) / (0.45 * h)) ** 2 <= 1
    return float(warm[disc].mean()) > EMBLEM_FILL


SURROUND_BAND = 0.15  # the band around a seal looked at, in shares of its size
SURROUNDED = 0.6  # a "seal" whose surroundings are this much of its ink is a hole left white in a filled area


def knocked_out(hsv: np.ndarray, stamp: Stamp) -> bool:
    """A shape left white inside an area filled with the seal's colour (the tile of an app's icon in a coloured
    title bar, a blank box on a coloured banner): its outline is the fill's edge, and a pressed seal's ink lies
    on paper instead."""
    if stamp.color not in FILL_HUES:
        return False
    b, (height, width) = stamp.bbox, hsv.shape[:2]
    band = SURROUND_BAND * max(b.x1 - b.x0, b.y1 - b.y0)
    x0, y0 = max(0, int(b.x0 - band)), max(0, int(b.y0 - band))
    x1, y1 = min(width, math.ceil(b.x1 + band)), min(height, math.ceil(b.y1 + band))
    ink = ink_mask(hsv[y0:y1, x0:x1], FILL_HUES[stamp.color], s_min=INK_SATURATION, v_min=INK_VALUE) > 0
    inside = np.zeros_like(ink)
    inside[max(0, int(b.y0) - y0): math.ceil(b.y1) - y0, max(0, int(b.x0) - x0): math.ceil(b.x1) - x0] = True
    around = ink[~inside]
    return around.size > 0 and float(around.mean()) > SURROUNDED
