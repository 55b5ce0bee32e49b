"""Surfaces a phone photo is taken on: wood, plain desk, fabric, dark desk."""

from __future__ import annotations

import math
import random

import cv2
import numpy as np

from .raster import np_rng, smooth_noise

SURFACES = ("wood", "desk", "fabric", "dark")


def surface(width: int, height: int, rng: random.Random, kind: str | None = None) -> np.ndarray:
    """Return an H×W×3 float32 texture in [0, 1] of a table surface."""
    kind = kind or rng.choice(SURFACES)
    nrng = np_rng(rng)
    blotch = smooth_noise(height, width, cells=5, nrng=nrng)[..., None]
    tex: np.ndarray
    if kind == "wood":
        base = np.array([rng.uniform(0.55, 0.72), rng.uniform(0.38, 0.5), rng.uniform(0.22, 0.32)], np.float32)
        along_x = rng.random() < 0.5
        long_side, short_side = (width, height) if along_x else (height, width)
        streak_grid = nrng.random((short_side // 3, long_side // 60 + 2)).astype(np.float32)
        streaks = cv2.resize(streak_grid, (long_side // 40 + 2, short_side), interpolation=cv2.INTER_LINEAR)
        streaks = cv2.resize(streaks, (long_side, short_side), interpolation=cv2.INTER_CUBIC)
        if not along_x:
            streaks = streaks.T
        warp = smooth_noise(height, width, cells=3, nrng=nrng)
        coord = np.arange(height if along_x else width, dtype=np.float32) / max(height, width)
        coord = coord[:, None] if along_x else coord[None, :]
        rings = np.sin(2 * math.pi * (coord * rng.uniform(6, 12) + warp * rng.uniform(1, 2))) * 0.5 + 0.5
        tex = base * (0.8 + 0.12 * np.clip(streaks, 0, 1)[..., None] + 0.08 * rings[..., None])
    elif kind == "fabric":
        base = np.array([rng.uniform(0.3, 0.8) for _ in range(3)], np.float32)
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        period = rng.uniform(5, 9)
        weave = (np.sin(2 * math.pi * xx / period) * np.sin(2 * math.pi * yy / period)) * 0.5 + 0.5
        tex = base * (0.88 + 0.1 * weave[..., None])
    elif kind == "dark":
        level = rng.uniform(0.12, 0.28)
        tex = np.full((height, width, 3), level, np.float32) * np.array([1.0, 1.0, rng.uniform(0.95, 1.1)], np.float32)
    else:
        level = rng.uniform(0.68, 0.9)
        tex = np.full((height, width, 3), level, np.float32) * np.array(
            [rng.uniform(0.97, 1.03), 1.0, rng.uniform(0.94, 1.04)], np.float32)
    return np.clip(tex * (0.92 + 0.12 * blotch), 0.0, 1.0).astype(np.float32)
