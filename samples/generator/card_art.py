"""Card artwork: guilloche background, portrait silhouette, national-emblem placeholder."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

from .raster import gaussian, np_rng, smooth_noise


def guilloche(width: int, height: int, rng: random.Random, *, tint: tuple[float, float, float]) -> Image.Image:
    """Return a pale security-print background: colour wash plus fine wavy line families."""
    nrng = np_rng(rng)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    x /= width
    y /= width
    wash = smooth_noise(height, width, cells=3, nrng=nrng)[..., None]
    left = np.array([0.93, 0.96, 0.97], dtype=np.float32)
    right = np.array(tint, dtype=np.float32)
    base = left + (right - left) * (0.3 * wash + 0.7 * (x / max(float(x.max()), 1e-6))[..., None])
    ink = np.zeros((height, width), dtype=np.float32)
    for _ in range(3):
        freq = rng.uniform(55, 95)
        amp = rng.uniform(0.01, 0.03)
        wave = rng.uniform(3, 9)
        phase = rng.uniform(0, 2 * math.pi)
        angle = rng.uniform(-0.6, 0.6)
        u = x * math.cos(angle) + y * math.sin(angle)
        v = -x * math.sin(angle) + y * math.cos(angle)
        s = np.sin(2 * np.pi * (freq * (v + amp * np.sin(2 * np.pi * wave * u + phase))))
        ink = np.maximum(ink, np.exp(-(s**2) / 0.02) * rng.uniform(0.35, 0.6))
    cx, cy = rng.uniform(0.55, 0.8), rng.uniform(0.2, 0.45)
    r = np.sqrt((x - cx) ** 2 + (y - cy) ** 2)
    rings = np.exp(-(np.sin(2 * np.pi * r * rng.uniform(60, 90)) ** 2) / 0.03) * np.exp(-r * 4.0) * 0.7
    ink = np.maximum(ink, rings)
    line_color = np.array([rng.uniform(0.5, 0.62), rng.uniform(0.7, 0.78), rng.uniform(0.78, 0.86)], dtype=np.float32)
    weight = rng.uniform(0.45, 0.6)
    rgb = base * (1 - weight * ink[..., None]) + line_color * weight * ink[..., None]
    return Image.fromarray(np.clip(rgb * 255, 0, 255).astype(np.uint8), "RGB")


def portrait(width: int, height: int, rng: random.Random) -> Image.Image:
    """Return an RGBA grey head-and-shoulders silhouette for the photo area."""
    scale = 4
    w, h = width * scale, height * scale
    img = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(img)
    cx = w * rng.uniform(0.47, 0.53)
    head_w, head_h = w * rng.uniform(0.42, 0.5), h * rng.uniform(0.4, 0.46)
    top = h * rng.uniform(0.1, 0.16)
    draw.ellipse((cx - head_w / 2, top, cx + head_w / 2, top + head_h), fill=255)
    neck_w = head_w * 0.42
    draw.rectangle((cx - neck_w / 2, top + head_h * 0.8, cx + neck_w / 2, top + head_h * 1.15), fill=255)
    shoulder_top = top + head_h * 1.05
    draw.ellipse((cx - w * 0.62, shoulder_top, cx + w * 0.62, shoulder_top + h * 0.8), fill=255)
    mask = img.resize((width, height), Image.Resampling.LANCZOS)
    mask = gaussian(mask, 0.8)
    tone = rng.randint(95, 140)
    shade = np.linspace(tone - 12, tone + 18, height, dtype=np.float32)[:, None].repeat(width, axis=1)
    rgba = np.zeros((height, width, 4), dtype=np.uint8)
    rgba[..., 0] = rgba[..., 1] = rgba[..., 2] = shade.astype(np.uint8)
    rgba[..., 3] = np.asarray(mask)
    return Image.fromarray(rgba, "RGBA")


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: tuple[int, int, int], tilt: float) -> None:
    """Draw a filled five-pointed star."""
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = math.radians(-90 + tilt + i * 36)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=fill)


def emblem(size: int) -> Image.Image:
    """Return an RGBA placeholder for the national emblem: red disc, gold stars, gate and rim."""
    scale = 3
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    gold = (222, 178, 52)
    red = (206, 32, 36)
    draw.ellipse((0, 0, s - 1, s - 1), fill=gold)
    draw.ellipse((s * 0.08, s * 0.08, s * 0.92, s * 0.92), fill=red)
    _star(draw, s * 0.5, s * 0.26, s * 0.1, gold, 0)
    for ang in (-70, -35, 35, 70):
        a = math.radians(ang - 90)
        _star(draw, s * 0.5 + s * 0.2 * math.cos(a), s * 0.3 + s * 0.17 * math.sin(a), s * 0.035, gold, ang)
    base_y = s * 0.62
    draw.rectangle((s * 0.3, base_y, s * 0.7, base_y + s * 0.05), fill=gold)
    draw.polygon([(s * 0.26, base_y), (s * 0.74, base_y), (s * 0.66, base_y - s * 0.08),
                  (s * 0.34, base_y - s * 0.08)], fill=gold)
    for k in range(5):
        x = s * (0.34 + k * 0.08)
        draw.rectangle((x, base_y + s * 0.05, x + s * 0.03, base_y + s * 0.13), fill=gold)
    draw.rectangle((s * 0.24, base_y + s * 0.13, s * 0.76, base_y + s * 0.17), fill=gold)
    draw.arc((s * 0.12, s * 0.12, s * 0.88, s * 0.88), 30, 150, fill=gold, width=int(s * 0.04))
    return img.resize((size, size), Image.Resampling.LANCZOS)


def rounded_mask(width: int, height: int, radius: int) -> Image.Image:
    """Return an L mask of a rectangle with rounded corners (card outline)."""
    scale = 2
    big = Image.new("L", (width * scale, height * scale), 0)
    ImageDraw.Draw(big).rounded_rectangle((0, 0, width * scale - 1, height * scale - 1), radius * scale, fill=255)
    return big.resize((width, height), Image.Resampling.LANCZOS)
