"""Seal ink: the hues seals are pressed in, masks of that ink, and what size a seal can be."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import cv2
import numpy as np

RED = ((0, 12), (155, 180))  # OpenCV hue is 0..180 and red wraps around 0
BLUE = ((95, 130),)
HUES = {"red": RED, "blue": BLUE}
SealColour = Literal["red", "blue"]
SealShape = Literal["round", "oval", "square"]


INK_SATURATION = INK_VALUE = 60  # at least this saturated and bright is coloured ink


def colour_mask(img: np.ndarray, colour: str, *, s_min: int = INK_SATURATION, v_min: int = INK_VALUE) -> np.ndarray:
    """255 where a BGR image is clearly ``red`` or ``blue`` ink."""
    return hue_mask(to_hsv(img), colour, s_min=s_min, v_min=v_min)


def to_hsv(img: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2HSV)


def hue_mask(hsv: np.ndarray, colour: str, *, s_min: int = INK_SATURATION, v_min: int = INK_VALUE) -> np.ndarray:
    return ink_mask(hsv, HUES[colour], s_min=s_min, v_min=v_min)


WARM_HUES = ((0, 35), (150, 180))  # red through orange to gold


def ink_mask(hsv: np.ndarray, hues: Sequence[tuple[int, int]], *, s_min: int, v_min: int) -> np.ndarray:
    hue, sat, val = cv2.split(hsv)
    in_hue = np.zeros(hue.shape, bool)
    for lo, hi in hues:
        in_hue |= (hue >= lo) & (hue <= hi)
    return (in_hue & (sat >= s_min) & (val >= v_min)).astype(np.uint8) * 255


Box = tuple[int, int, int, int]  # x, y, w, h
RotatedRect = tuple[Sequence[float], Sequence[float], float]  # cv2.minAreaRect


def seal_sized(shape: tuple[int, ...], box: Box) -> bool:
    """Big enough to be a seal: rules, underlines and ordinary red text are not."""
    side = min(box[2], box[3])
    return side >= 40 and side >= 0.03 * max(shape[:2]) and box[2] * box[3] >= 0.001 * shape[0] * shape[1]
