"""Red seals: round company seals (legend on the top arc, star) and oval bank seals, with uneven ink."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from . import fonts
from .raster import gaussian, multiply_overlay, np_rng, smooth_noise

SPECIAL_SEALS = ("财务专用章", "人事专用章", "合同专用章")


@dataclass(frozen=True)
class SealStyle:
    """What varies from one seal to another."""

    legend: str
    bottom: str
    code: str
    color: tuple[int, int, int]
    face: str
    rotation: float
    opacity: float
    shape: str = "round"
    star: bool = True
    aspect: float = 1.0
    span: float | None = None
    ring: float | None = None  # ring width as a share of the diameter (None: the usual ~3 %)
    fade: float = 0.0  # 0 = even ink; towards 1 one side of the seal prints faint (a tilted press, a dry pad)
    inner: bool = False  # a thin second ring inside the outer one (double-ring seals)


def random_style(rng: random.Random, legend: str) -> SealStyle:
    """Pick bottom text, anti-forgery code, ink colour, face, rotation and opacity for a seal."""
    bottom = rng.choice(("", "", *SPECIAL_SEALS[:2]))
    code = "".join(rng.choice("0123456789") for _ in range(13)) if rng.random() < 0.5 else ""
    color = (rng.randint(196, 228), rng.randint(18, 48), rng.randint(28, 60))
    face = rng.choice(("sans_bold", "serif_bold", "serif_bold"))
    return SealStyle(legend, bottom, code, color, face, rng.uniform(-25, 25), rng.uniform(0.78, 0.92))


def make_style(rng: random.Random, legend: str, *, bottom: str = "", shape: str = "round",
               star: bool = True) -> SealStyle:
    """A seal style with a given legend, bottom text and shape (oval seals are about 3:2)."""
    color = (rng.randint(190, 232), rng.randint(14, 52), rng.randint(24, 64))
    face = rng.choice(("sans_bold", "serif_bold", "serif_bold", "sans"))
    plain = shape == "round" and not bottom
    code = "".join(rng.choice("0123456789") for _ in range(13)) if plain and rng.random() < 0.3 else ""
    aspect = rng.uniform(0.62, 0.7) if shape == "oval" else 1.0
    rotation = rng.uniform(-20, 20) if rng.random() < 0.7 else rng.uniform(-4, 4)
    span = min(250.0, 22.0 * len(legend) + 30) if plain else min(215.0, 20.0 * len(legend) + 20)
    return SealStyle(legend, bottom, code, color, face, rotation, rng.uniform(0.72, 0.9), shape, star, aspect, span)


def _glyph(ch: str, face: str, size: int, *, squeeze: float) -> Image.Image:
    """Render one character as an L mask, narrowed horizontally like seal lettering."""
    fnt = fonts.font(face, size)
    left, top, right, bottom = (int(round(v)) for v in fnt.getbbox(ch))
    tile = Image.new("L", (right - left + 4, bottom - top + 4), 0)
    ImageDraw.Draw(tile).text((2 - left, 2 - top), ch, font=fnt, fill=255)
    return tile.resize((max(1, int(tile.width * squeeze)), tile.height), Image.Resampling.LANCZOS)


def _paste_rotated(mask: Image.Image, glyph: Image.Image, center: tuple[float, float], angle: float) -> None:
    """Paste a glyph mask rotated by angle (degrees, counter-clockwise) centred on a point."""
    rot = glyph.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    x = int(round(center[0] - rot.width / 2))
    y = int(round(center[1] - rot.height / 2))
    mask.paste(255, (x, y), rot)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """Draw a filled five-pointed star pointing up."""
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = math.radians(-90 + i * 36)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=255)


def _arc_text(mask: Image.Image, text: str, style: SealStyle, *, radius: float, size: int, span: float,
              bottom: bool) -> None:
    """Lay characters along the top arc (clockwise) or the bottom arc (left to right, tops inward)."""
    c = mask.width / 2
    n = len(text)
    step = span / max(n - 1, 1)
    for i, ch in enumerate(text):
        theta = (-span / 2 + i * step) if not bottom else (180 + span / 2 - i * step)
        rad = math.radians(theta)
        pos = (c + radius * math.sin(rad), c - radius * math.cos(rad))
        glyph = _glyph(ch, style.face, size, squeeze=0.72 if not bottom else 0.9)
        _paste_rotated(mask, glyph, pos, -theta if not bottom else 180 - theta)


def seal_mask(style: SealStyle, diameter: int) -> Image.Image:
    """Return the seal's ink as an L mask (white = ink) of the given diameter, unrotated."""
    size = diameter + 8
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    ring = max(3 if style.ring is None else 2, int(diameter * (style.ring or 0.032)))
    draw.ellipse((c - diameter / 2, c - diameter / 2, c + diameter / 2, c + diameter / 2), outline=255, width=ring)
    inset = 0.0
    if style.inner:
        inset = diameter * 0.035
        r_in = diameter / 2 - ring - inset * 0.6
        draw.ellipse((c - r_in, c - r_in, c + r_in, c + r_in), outline=255, width=max(2, ring // 3))
    if style.star:
        _star(draw, c, c, diameter * 0.17)
    n = len(style.legend)
    char_size = int(diameter * min(0.145, 1.6 / max(n, 1)))
    span = style.span if style.span is not None else min(250.0, 22.0 * n + 30)
    _arc_text(mask, style.legend, style, radius=diameter / 2 - ring * 1.6 - char_size * 0.62 - inset, size=char_size,
              span=span, bottom=False)
    if style.bottom:
        fnt = fonts.font(style.face, int(diameter * 0.085))
        w = fnt.getlength(style.bottom)
        draw.text((c - w / 2, c + diameter * 0.2), style.bottom, font=fnt, fill=255)
    if style.code:
        _arc_text(mask, style.code, style, radius=diameter / 2 - ring - diameter * 0.045,
                  size=int(diameter * 0.05), span=70.0, bottom=True)
    return mask


def _ellipse_points(a: float, b: float, start: float, end: float, n: int) -> list[tuple[float, float, float]]:
    """n points evenly spaced by arc length on an ellipse between two angles: (x, y, tangent angle)."""
    steps = 720
    ts = [start + (end - start) * k / steps for k in range(steps + 1)]
    pts = [(a * math.cos(t), b * math.sin(t)) for t in ts]
    lengths = [0.0]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        lengths.append(lengths[-1] + math.hypot(x1 - x0, y1 - y0))
    out = []
    for i in range(n):
        target = lengths[-1] * (i / max(n - 1, 1))
        k = min(range(len(lengths)), key=lambda j: abs(lengths[j] - target))
        t = ts[k]
        tx, ty = -a * math.sin(t), b * math.cos(t)
        out.append((a * math.cos(t), b * math.sin(t), math.degrees(math.atan2(-ty, tx))))
    return out


def _arc_length(a: float, b: float, start: float, end: float) -> float:
    """Length of an elliptic arc (numerically)."""
    steps = 360
    total = 0.0
    for k in range(steps):
        t0 = start + (end - start) * k / steps
        t1 = start + (end - start) * (k + 1) / steps
        total += math.hypot(a * (math.cos(t1) - math.cos(t0)), b * (math.sin(t1) - math.sin(t0)))
    return total


def oval_mask(style: SealStyle, width: int) -> Image.Image:
    """The ink of an oval bank seal (legend along the upper ellipse, text across the middle) as an L mask."""
    height = int(width * style.aspect)
    size = width + 8
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    cx, cy = size / 2, size / 2
    ring = max(3 if style.ring is None else 2, int(width * (style.ring or 0.026)))
    draw.ellipse((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2), outline=255, width=ring)
    n = len(style.legend)
    over = math.radians(min(22.0, max(0.0, (n - 10) * 2.5)))
    a0, b0 = width / 2 - ring * 1.5, height / 2 - ring * 1.5
    arc_len = _arc_length(a0, b0, math.pi - over, 2 * math.pi + over)
    char = int(min(height * 0.2, arc_len / max(n, 1) * 1.2))
    a, b = a0 - char * 0.58, b0 - char * 0.58
    for ch, (x, y, angle) in zip(style.legend, _ellipse_points(a, b, math.pi - over, 2 * math.pi + over, n),
                                 strict=True):
        _paste_rotated(mask, _glyph(ch, style.face, char, squeeze=0.66), (cx + x, cy + y), angle)
    if style.star:
        _star(draw, cx, cy - height * 0.02, height * 0.12)
    if style.bottom:
        fnt = fonts.font(style.face, int(height * 0.15))
        w = fnt.getlength(style.bottom)
        draw.text((cx - w / 2, cy + height * 0.1), style.bottom, font=fnt, fill=255)
    return mask


def render_seal(rng: random.Random, style: SealStyle, diameter: int) -> Image.Image:
    """Return the seal as an RGBA image with uneven ink and its rotation applied (diameter = width)."""
    nrng = np_rng(rng)
    raw = oval_mask(style, diameter) if style.shape == "oval" else seal_mask(style, diameter)
    mask = raw.rotate(style.rotation, resample=Image.Resampling.BICUBIC)
    alpha = np.asarray(gaussian(mask, diameter / 900), dtype=np.float32) / 255.0
    h, w = alpha.shape
    pressure = 0.55 + 0.45 * smooth_noise(h, w, cells=4, nrng=nrng)
    grain = smooth_noise(h, w, cells=max(8, diameter // 6), nrng=nrng)
    dropout = np.clip((grain - 0.07) * 7.0, 0.0, 1.0)
    alpha = np.clip(alpha * pressure * (0.35 + 0.65 * dropout) * 1.15, 0.0, 1.0)
    if style.fade:
        alpha *= _tilt(h, w, style.fade, rng)
    rgba = np.zeros((h, w, 4), dtype=np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = style.color
    rgba[..., 3] = (alpha * 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")


def _tilt(h: int, w: int, fade: float, rng: random.Random) -> np.ndarray:
    """A pressure ramp across the seal: full ink on one side, (1 - fade) on the other."""
    angle = rng.uniform(0, 2 * math.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = ((xx / max(w - 1, 1) - 0.5) * math.cos(angle) + (yy / max(h - 1, 1) - 0.5) * math.sin(angle)) + 0.5
    return np.clip(1.0 - fade * t, 0.0, 1.0).astype(np.float32)


# Inks of other makes: the usual vermilion, orange-red atomic (光敏) pads, brownish oil ink, purple-red.
OTHER_INKS = ((222, 52, 36), (236, 92, 44), (176, 62, 40), (190, 40, 78), (205, 70, 50))


def other_make(rng: random.Random, legend: str, *, shape: str = "round", bottom: str = "") -> SealStyle:
    """A seal from another maker: ink from red to orange-brown, thin or thick ring, faded or uneven pressure."""
    base = rng.choice(OTHER_INKS)
    color = tuple(max(0, min(255, c + rng.randint(-14, 14))) for c in base)
    ring = rng.choice((0.014, 0.02, 0.045, 0.06))
    face = rng.choice(("sans_bold", "serif_bold", "sans", "serif"))
    aspect = rng.uniform(0.6, 0.75) if shape == "oval" else 1.0
    span = min(260.0, rng.uniform(17.0, 24.0) * len(legend) + 30)
    return SealStyle(legend, bottom, "", (color[0], color[1], color[2]), face, rng.uniform(-30, 30),
                     rng.uniform(0.62, 0.92), shape, rng.random() < 0.8, aspect, span, ring,
                     rng.choice((0.0, 0.0, 0.35, 0.6)))


def stamp(page: Image.Image, rng: random.Random, style: SealStyle, *, center: tuple[int, int],
          diameter: int) -> Image.Image:
    """Press a seal onto a page (multiply blend, slightly transparent) centred on a point."""
    seal = render_seal(rng, style, diameter)
    xy = (center[0] - seal.width // 2, center[1] - seal.height // 2)
    return multiply_overlay(page, seal, xy, opacity=style.opacity)
