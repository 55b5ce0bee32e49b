"""Small raster helpers shared by the renderers: seeded noise, blending, text drawing."""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont


def np_rng(rng: random.Random) -> np.random.Generator:
    """Derive a numpy generator from a stdlib one so a single seed drives both."""
    return np.random.default_rng(rng.getrandbits(64))


def smooth_noise(height: int, width: int, *, cells: int, nrng: np.random.Generator) -> np.ndarray:
    """Return low-frequency noise in [0, 1] of the given size (about `cells` blobs across)."""
    gh = max(2, int(cells * height / max(width, 1)) + 2)
    grid = nrng.random((gh, cells + 2)).astype(np.float32)
    big = cv2.resize(grid, (width, height), interpolation=cv2.INTER_CUBIC)
    lo, hi = float(big.min()), float(big.max())
    return np.clip((big - lo) / max(hi - lo, 1e-6), 0.0, 1.0)


def multiply_overlay(page: Image.Image, overlay: Image.Image, xy: tuple[int, int], *, opacity: float) -> Image.Image:
    """Multiply-blend an RGBA overlay (ink) onto an RGB page at a top-left position."""
    base = np.asarray(page.convert("RGB"), dtype=np.float32) / 255.0
    ink = np.asarray(overlay.convert("RGBA"), dtype=np.float32) / 255.0
    x0, y0 = xy
    h, w = ink.shape[:2]
    px0, py0 = max(x0, 0), max(y0, 0)
    px1, py1 = min(x0 + w, base.shape[1]), min(y0 + h, base.shape[0])
    if px1 <= px0 or py1 <= py0:
        return page.convert("RGB")
    sub = ink[py0 - y0 : py1 - y0, px0 - x0 : px1 - x0]
    alpha = sub[..., 3:4] * opacity
    region = base[py0:py1, px0:px1]
    base[py0:py1, px0:px1] = region * (1.0 - alpha * (1.0 - sub[..., :3]))
    return Image.fromarray(np.clip(base * 255.0 + 0.5, 0, 255).astype(np.uint8), "RGB")


def text_width(text: str, fnt: ImageFont.FreeTypeFont, *, spacing: float = 0.0) -> float:
    """Width in pixels of a string drawn with extra letter spacing (pixels per gap)."""
    if not text:
        return 0.0
    return float(sum(fnt.getlength(ch) for ch in text) + spacing * (len(text) - 1))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fnt: ImageFont.FreeTypeFont,
              fill: tuple[int, ...], *, spacing: float = 0.0) -> float:
    """Draw a string from its top-left (ascender line) with letter spacing; return its width."""
    x, y = xy
    if spacing == 0.0:
        draw.text((x, y), text, font=fnt, fill=fill)
        return float(fnt.getlength(text))
    for ch in text:
        draw.text((x, y), ch, font=fnt, fill=fill)
        x += fnt.getlength(ch) + spacing
    return x - xy[0] - spacing


def draw_spread(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fnt: ImageFont.FreeTypeFont,
                fill: tuple[int, ...], *, width: float) -> None:
    """Draw a string whose characters are spread evenly over a given width (like 姓  名)."""
    if len(text) < 2:
        draw_text(draw, xy, text, fnt, fill)
        return
    gap = (width - text_width(text, fnt)) / (len(text) - 1)
    draw_text(draw, xy, text, fnt, fill, spacing=gap)


_NO_LINE_START = "，。、；：）》”！？"


def _joins_ascii_run(token: str, ch: str) -> bool:
    """True when ch continues a run of visible ASCII (digits, amounts, ids) that must not break."""
    last = token[-1:]
    return ch.isascii() and ch != " " and last.isascii() and last != " "


def wrap_chars(text: str, fnt: ImageFont.FreeTypeFont, width: float, *, spacing: float = 0.0) -> list[str]:
    """Break text into lines that fit a width, keeping digit runs whole and no line opening with punctuation."""
    tokens: list[str] = []
    for ch in text:
        if tokens and (_joins_ascii_run(tokens[-1], ch) or ch in _NO_LINE_START):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    lines: list[str] = []
    current = ""
    for tok in tokens:
        if current and text_width(current + tok, fnt, spacing=spacing) > width:
            lines.append(current)
            current = tok
        else:
            current += tok
    if current:
        lines.append(current)
    return lines


def gaussian(img: Image.Image, sigma: float) -> Image.Image:
    """Blur an image with a Gaussian of the given sigma (no-op below 0.05)."""
    if sigma < 0.05:
        return img
    arr = np.asarray(img)
    out = cv2.GaussianBlur(arr, (0, 0), sigmaX=sigma, sigmaY=sigma)
    return Image.fromarray(out, img.mode)
