"""A seal's legend: the seal cropped, its ring unwrapped into a strip, and the strip read.

Two strips are read: the seal's ink taken as black where it is clearly ink (the legend's band found by the
ink's profile), and the ink's strength as a grey level over a fixed band inside the ring (a pale or washed-out
seal, or one whose band the profile misjudges, keeps its characters whole there). The reads of the first are
the legend's free reading; of both, what the recogniser saw at each position is kept (lattices) for aligning
the name a seal is expected to carry (:mod:`docproc.reading.legend_fit`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import cv2
import numpy as np

from docproc.core.models import Stamp
from docproc.reading.imaging import to_gray
from docproc.reading.legend_fit import Lattice
from docproc.reading.seal_ink import (
    BLUE,
    HUES,
    colour_mask,
    ink_mask,
    to_hsv,
)

if TYPE_CHECKING:
    from docproc.reading.ocr import OcrEngine


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
    polar = _polar(img, stamp, start_at_top=start_at_top)
    r0, r1 = _legend_band(polar, stamp.color)
    return cv2.rotate(polar[:, r0:r1], cv2.ROTATE_90_COUNTERCLOCKWISE)  # outer edge on top


def _polar(img: np.ndarray, stamp: Stamp, *, start_at_top: bool) -> np.ndarray:
    """The seal in polar form: a row per angle (clockwise from 6 o'clock, or 12), the radius along it."""
    crop = seal_crop(img, stamp, margin=0.0)
    side = max(crop.shape[:2])
    square = cv2.resize(crop, (side, side), interpolation=cv2.INTER_CUBIC)  # ovals become round
    radius = side / 2
    n_angles = max(64, round(2 * math.pi * 0.75 * radius))
    polar = cv2.warpPolar(square, (round(radius), n_angles), (radius, radius), radius, cv2.WARP_POLAR_LINEAR)
    # rows run clockwise from 3 o'clock; start at 6 o'clock so a legend over the top is whole
    return np.roll(polar, -n_angles // 4 - (n_angles // 2 if start_at_top else 0), axis=0)


GAP_SHARE = 0.25  # of the legend's share of inked angles: less than this between ring and legend is the gap
LEGEND_REACH = 0.3  # of the radius inside the ring: where the legend's characters lie, not the star or inner text


def _legend_band(polar: np.ndarray, colour: str) -> tuple[int, int]:
    """Radial range of the legend: the ink run just inside the outer ring."""
    n_r = polar.shape[1]
    ring_in, inner = round(0.92 * n_r), round(0.55 * n_r)
    if polar.ndim == 3 and colour in HUES:
        profile = (colour_mask(polar, colour) > 0).mean(axis=0)
        ring = np.nonzero(profile[n_r // 2 :] > 0.5)[0]
        if len(ring):  # the ring is the run that nearly every angle has ink in
            ring_in = n_r // 2 + int(ring[0])
        ring_in -= max(1, round(0.03 * n_r))  # the ring's soft inner edge
        # the gap between ring and legend: below a share of the legend's ink, as a photo's tinted paper or a
        # copy's speckle gives the gap some "ink" too
        gap = max(0.03, GAP_SHARE * float(profile[max(0, ring_in - round(LEGEND_REACH * n_r)) : ring_in].max(initial=0.0)))
        r = ring_in - 1
        while r > 0 and profile[r] < gap:
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


def seal_legend_reads(img: np.ndarray, stamp: Stamp, engine: OcrEngine) -> tuple[tuple[str, ...], tuple[Lattice, ...]]:
    """Raw reads of the whole ring, from 6 and from 12 o'clock, and the lattices of those reads and of the ink
    strength strip's: material for comparing the legend with a name it is expected to carry (the legend is a
    circle; where the read starts is not known)."""
    reads, lattices = [], []
    for top in (False, True):
        text, _, lattice = _read_strip_lattice(_legend_strip(img, stamp, start_at_top=top), engine)
        reads.append(text)
        lattices.append(lattice)
    if stamp.color in _INK_LEVEL:
        lattices.append(_read_strip_lattice(ink_strength_strip(img, stamp), engine)[2])
    return tuple(dict.fromkeys(r for r in reads if r)), tuple(lattice for lattice in lattices if lattice)


# Seal ink against paper and black print: red is red above green and blue; blue is blue above red and green.
_INK_LEVEL = {"red": (2, (0, 1)), "blue": (0, (1, 2))}  # BGR channel of the ink, channels it stands above
RING_SHARE = 0.35  # of the strongest ink: a radius where most angles have this much is the ring
LEGEND_DEPTH = 0.42  # of the radius: the band inside the ring that a legend's characters occupy
SEAM_SPAN = 0.015  # of the circle, each side of where the strip starts, that should hold little ink


def ink_strength_strip(img: np.ndarray, stamp: Stamp) -> np.ndarray:
    """The ring's legend as grey levels of the seal ink's strength (black where the ink is strongest, white on
    paper and on black print), over a band from the ring's inner edge to LEGEND_DEPTH of the radius further
    in, so pale or thin strokes stay grey rather than lost and no character is cut short; starting where the
    band holds least ink (between the legend's ends, or two of its characters), so no character is cut in
    two however the seal is turned."""
    polar = _polar(img, stamp, start_at_top=False)
    channel, others = _INK_LEVEL[stamp.color]
    signed = polar[..., :3].astype(np.int16)
    level = np.clip(signed[..., channel] - signed[..., list(others)].max(axis=-1), 0, None).astype(np.float32)
    level /= max(float(np.percentile(level, 99)), 20.0)  # the strongest ink (not a stray pixel) is black
    n_r = polar.shape[1]
    profile = (level > RING_SHARE).mean(axis=0)
    ring = np.nonzero(profile[n_r // 2 :] > 0.5)[0]
    ring_in = (n_r // 2 + int(ring[0]) if len(ring) else round(0.92 * n_r)) - max(1, round(0.03 * n_r))
    band = level[:, max(0, ring_in - round(LEGEND_DEPTH * n_r) - 2) : max(1, ring_in)]
    reach = max(1, round(SEAM_SPAN * len(band)))  # angles: about half a character's width
    ink = np.convolve(np.concatenate((band[-reach:], band, band[:reach])).mean(axis=1), np.ones(2 * reach + 1),
                      mode="valid")
    band = np.roll(band, -int(np.argmin(ink)), axis=0)
    grey = 255 - np.clip(band, 0.0, 1.0) * 255
    return cv2.rotate(grey.astype(np.uint8), cv2.ROTATE_90_COUNTERCLOCKWISE)


_LEGEND_HUES = {"red": ((0, 22), (150, 180)), "blue": BLUE}  # red through orange-brown, as the seal inks


def _legend_strip(img: np.ndarray, stamp: Stamp, *, start_at_top: bool = False) -> np.ndarray:
    strip = unwrap_seal_ring(img, stamp, start_at_top=start_at_top)
    if strip.ndim == 3 and stamp.color in _LEGEND_HUES:
        ink = ink_mask(to_hsv(strip), _LEGEND_HUES[stamp.color], s_min=40, v_min=40)
        return 255 - ink  # the legend as black on white, without what lies under the seal
    return to_gray(strip)


LEGEND_MAX_WIDTH = 1800


def _read_strip(strip: np.ndarray, engine: OcrEngine) -> tuple[str, float]:
    text, conf = engine.read_line(_line_image(strip), lang="chi_sim")
    return text.strip(), conf


def _read_strip_lattice(strip: np.ndarray, engine: OcrEngine) -> tuple[str, float, Lattice]:
    """The strip's read and lattice (none from an engine that gives no lattices)."""
    reader = getattr(engine, "read_line_lattice", None)
    if reader is None:
        return (*_read_strip(strip, engine), ())
    text, conf, lattice = reader(_line_image(strip), lang="chi_sim")
    return text.strip(), conf, lattice


def _line_image(strip: np.ndarray) -> np.ndarray:
    # 64 px high, unless the whole ring would then be longer than a line recogniser takes
    scale = min(64 / max(strip.shape[0], 1), LEGEND_MAX_WIDTH / max(strip.shape[1], 1))
    strip = cv2.resize(strip, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return cv2.copyMakeBorder(strip, 16, 16, 16, 16, cv2.BORDER_CONSTANT, value=255)
