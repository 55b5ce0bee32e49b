"""Flatbed and copier scans of A4 pages: paper tone, uneven lamp, 1–3° skew, dust, blur, sensor noise, levels."""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from PIL import Image

from .delivery import Delivery
from .raster import np_rng, smooth_noise


def scan_page(page: Image.Image, rng: random.Random, how: Delivery) -> Image.Image:
    """Scan an RGB page drawn at the scan resolution; grey scans are processed in one channel."""
    nrng = np_rng(rng)
    grey = how.grayscale
    arr: np.ndarray = np.asarray(page.convert("L" if grey else "RGB"), dtype=np.float32) * (1.0 / 255.0)
    h, w = arr.shape[:2]
    paper = rng.uniform(0.9, 0.97)
    lamp = (0.96 + 0.05 * smooth_noise(h, w, cells=4, nrng=nrng)).astype(np.float32)
    tint = np.array([1.0, 1.0, rng.uniform(0.96, 1.0)], np.float32)
    arr = arr * (paper * lamp) if grey else arr * (paper * lamp)[..., None] * tint
    angle = rng.choice((-1, 1)) * rng.uniform(*how.skew)
    lid = rng.uniform(0.9, 0.98)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = lid if grey else (lid, lid, lid)
    arr = cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    for _ in range(rng.randint(0, 6)):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.uniform(0.8, 2.2)
        cv2.circle(arr, (x, y), int(math.ceil(r)), 0.35 if grey else (0.35, 0.35, 0.35), -1, lineType=cv2.LINE_AA)
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.35, 0.7))
    sigma = rng.uniform(0.6, 1.4) / 255.0
    noise = nrng.standard_normal((h, w), dtype=np.float32) * sigma
    arr = arr + (noise if grey else noise[..., None])
    # "white": the scanner's auto-levels clip the paper (and its noise) to pure white, as most office scans do.
    white = min(paper, lid) * 0.95 - 3.5 * sigma if how.tone == "white" else rng.uniform(0.99, 1.04)
    black = rng.uniform(0.0, 0.06)
    out = np.clip((arr - black) * (255.0 / (white - black)) + 0.5, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "L" if grey else "RGB")
