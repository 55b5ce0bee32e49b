"""How a document reaches the bank: a phone photo on a table, or a flatbed scan; saving files."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from .backgrounds import surface
from .raster import np_rng, smooth_noise


@dataclass(frozen=True)
class Delivery:
    """The form a file takes (photo, scan, born_digital, bundle_scan), extension, colour, paper tone, skew."""

    form: str
    ext: str
    grayscale: bool = False
    tone: str = "grey"
    skew: tuple[float, float] = (0.5, 2.0)
    dpi: int = 200
    quality: int = 85


def _rgba_arrays(doc: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Split a document into float RGB in [0, 1] and alpha in [0, 1]."""
    rgba = np.asarray(doc.convert("RGBA"), dtype=np.float32) / 255.0
    return np.ascontiguousarray(rgba[..., :3]), np.ascontiguousarray(rgba[..., 3])


def _project(w: float, h: float, rng: random.Random, *, max_tilt: float) -> np.ndarray:
    """Corners of a w×h plane after tilting it up to max_tilt degrees and a pinhole projection."""
    ax, ay = (math.radians(rng.uniform(-max_tilt, max_tilt)) for _ in range(2))
    az = math.radians(rng.uniform(-3.5, 3.5))
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    rz = np.array([[math.cos(az), -math.sin(az), 0], [math.sin(az), math.cos(az), 0], [0, 0, 1]])
    corners = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]])
    pts = corners @ (rz @ ry @ rx).T
    focal = max(w, h) * rng.uniform(1.6, 2.4)
    z = pts[:, 2] + focal
    return np.stack([pts[:, 0] * focal / z, pts[:, 1] * focal / z], axis=1)


def _lighting(h: int, w: int, rng: random.Random) -> np.ndarray:
    """Uneven light: a directional falloff plus a soft hotspot, roughly 0.75–1.08."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    ramp = ((xx / w - 0.5) * math.cos(ang) + (yy / h - 0.5) * math.sin(ang)) * rng.uniform(0.12, 0.3)
    hx, hy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    spot = np.exp(-((xx - hx) ** 2 + (yy - hy) ** 2) / (2 * (0.35 * max(w, h)) ** 2)) * rng.uniform(0.04, 0.12)
    return (0.95 + ramp + spot).astype(np.float32)


def photograph(doc: Image.Image, rng: random.Random, *, min_doc_px: int) -> Image.Image:
    """Photograph a document lying on a table: tilt ≤ 8°, shadow, uneven light, blur, sensor noise."""
    landscape = doc.width >= doc.height
    if landscape:
        fill = rng.uniform(0.7, 0.84)
        fw = max(int(min_doc_px / fill) + 40, rng.randint(1400, 1640))
        fh = fw * 3 // 4
    else:
        fill = rng.uniform(0.82, 0.9)
        fw = max(int(min_doc_px / fill) + 40, rng.randint(1900, 2100))
        fh = fw * 4 // 3
    quad = _project(doc.width, doc.height, rng, max_tilt=8.0)
    span = quad.max(axis=0) - quad.min(axis=0)
    k = fill * fw / span[0]
    if span[1] * k > 0.94 * fh:
        k = 0.94 * fh / span[1]
    quad = (quad - quad.min(axis=0)) * k
    size = quad.max(axis=0)
    quad += np.array([rng.uniform(0.2, 0.8) * (fw - size[0]), rng.uniform(0.2, 0.8) * (fh - size[1])])
    pre = k * 1.05
    src_doc = doc.convert("RGBA").resize((int(doc.width * pre), int(doc.height * pre)), Image.Resampling.LANCZOS)
    rgb, alpha = _rgba_arrays(src_doc)
    sw, sh = src_doc.size
    src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    warped = cv2.warpPerspective(rgb, m, (fw, fh), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    a = cv2.warpPerspective(alpha, m, (fw, fh), flags=cv2.INTER_LINEAR, borderValue=0)[..., None]
    frame = surface(fw, fh, rng)
    off = np.array([[1, 0, rng.uniform(-0.01, 0.01) * fw], [0, 1, rng.uniform(0.003, 0.015) * fw]], dtype=np.float32)
    shadow = cv2.GaussianBlur(cv2.warpAffine(a[..., 0], off, (fw, fh)), (0, 0), 0.012 * fw)[..., None]
    frame = frame * (1 - rng.uniform(0.25, 0.45) * shadow)
    frame = frame * (1 - a) + warped * a
    if rng.random() < 0.4:
        glare = smooth_noise(fh, fw, cells=2, nrng=np_rng(rng))[..., None] ** 4 * rng.uniform(0.1, 0.22)
        frame = frame + (1 - frame) * glare * a
    frame = frame * _lighting(fh, fw, rng)[..., None]
    frame = frame * np.array([rng.uniform(0.96, 1.04), 1.0, rng.uniform(0.94, 1.04)], np.float32)
    return _finish(frame, rng, blur=rng.uniform(0.5, 1.2), noise=rng.uniform(1.5, 3.5), grayscale=False)


def scan(doc: Image.Image, rng: random.Random, *, scale: float, grayscale: bool = False,
         bed_margin: bool = False, tone: str = "grey", skew: tuple[float, float] = (0.5, 2.0)) -> Image.Image:
    """Scan a document on a flatbed: resample, paper tone, 0.5–2° skew, blur, noise, levels.

    tone "white" clips the paper to pure white after the noise, as scanner auto-levels do;
    "grey" keeps a greyish noisy paper.
    """
    size = (int(round(doc.width * scale)), int(round(doc.height * scale)))
    rgb, alpha = _rgba_arrays(doc.resize(size, Image.Resampling.LANCZOS) if scale != 1.0 else doc)
    h, w = alpha.shape
    nrng = np_rng(rng)
    paper_level = rng.uniform(0.9, 0.97)
    paper = np.array([paper_level] * 3, np.float32) * np.array([1.0, 1.0, rng.uniform(0.96, 1.0)], np.float32)
    lid = rng.uniform(0.9, 0.98)
    rgb = _on_bed(rgb, alpha, rng, lid=lid) if bed_margin else rgb * paper
    h, w = rgb.shape[:2]
    rgb = rgb * (0.97 + 0.04 * smooth_noise(h, w, cells=4, nrng=nrng)[..., None])
    angle = rng.choice((-1, 1)) * rng.uniform(*skew)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rgb = cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=(lid, lid, lid))
    for _ in range(rng.randint(0, 6)):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.uniform(0.8, 2.2)
        cv2.circle(rgb, (x, y), int(math.ceil(r)), (0.35, 0.35, 0.35), -1, lineType=cv2.LINE_AA)
    noise = rng.uniform(1.0, 2.5)
    out = cv2.GaussianBlur(rgb.astype(np.float32), (0, 0), rng.uniform(0.35, 0.75))
    out = out + nrng.standard_normal(out.shape, dtype=np.float32) * (noise / 255.0)
    white = min(paper_level, lid) * 0.965 - 3.5 * noise / 255.0 if tone == "white" else rng.uniform(0.99, 1.04)
    black = rng.uniform(0.0, 0.06)
    return _quantise((out - black) / (white - black), grayscale=grayscale)


def _on_bed(rgb: np.ndarray, alpha: np.ndarray, rng: random.Random, *, lid: float) -> np.ndarray:
    """Lay a card on the scanner glass with a margin of lid around it and a thin edge shadow."""
    h, w = alpha.shape
    mx, my = (int(w * rng.uniform(0.06, 0.2)) for _ in range(2))
    canvas = np.full((h + 2 * my, w + 2 * mx, 3), lid, np.float32)
    mask = np.zeros(canvas.shape[:2], np.float32)
    mask[my : my + h, mx : mx + w] = alpha
    edge = np.clip(np.abs(cv2.GaussianBlur(mask, (0, 0), 1.6) - mask) * 3.0, 0.0, 1.0)[..., None]
    canvas[my : my + h, mx : mx + w] = canvas[my : my + h, mx : mx + w] * (1 - alpha[..., None]) \
        + rgb * alpha[..., None]
    return canvas * (1 - rng.uniform(0.3, 0.5) * edge)


def _finish(rgb: np.ndarray, rng: random.Random, *, blur: float, noise: float, grayscale: bool) -> Image.Image:
    """Blur, add sensor noise and quantise to 8-bit RGB or L."""
    out = cv2.GaussianBlur(rgb.astype(np.float32), (0, 0), blur)
    out = out + np_rng(rng).standard_normal(out.shape, dtype=np.float32) * (noise / 255.0)
    return _quantise(out, grayscale=grayscale)


def _quantise(rgb: np.ndarray, *, grayscale: bool) -> Image.Image:
    """Float RGB in [0, 1] to an 8-bit RGB (or L) image."""
    img = Image.fromarray(np.clip(rgb * 255.0 + 0.5, 0, 255).astype(np.uint8), "RGB")
    return img.convert("L") if grayscale else img


def save(img: Image.Image, path: Path, *, quality: int = 85) -> Path:
    """Write JPEG or PNG with explicit, metadata-free parameters so bytes are reproducible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        img.save(path, format="JPEG", quality=quality, subsampling=2, optimize=True, progressive=False)
    elif suffix == ".png":
        img.save(path, format="PNG", compress_level=6, optimize=False)
    else:
        raise ValueError(f"unsupported image extension {suffix!r}")
    return path
