"""Seal ink: the hues seals are pressed in, masks of that ink, and what size a seal can be."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import cv2
import numpy as np

RED = ((0, 12), (155, 180))  # OpenCV hue is 0..180 and red wraps around 0
BLUE = ((95, 130),)
HUES = {"red": RED, "blue": BLUE}
# the BGR channel in which each ink is palest (nearly the paper's), while black or blue-black print stays dark
PALE_CHANNEL = {"red": 2, "blue": 0}
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


MIN_SEAL_SIDE = 40  # px: the least side of a seal's box
MIN_SEAL_SHARE = 0.03  # and the least share of the image's longer side


def seal_sized(shape: tuple[int, ...], box: Box) -> bool:
    """Big enough to be a seal: rules, underlines and ordinary red text are not."""
    side = min(box[2], box[3])
    return side >= MIN_SEAL_SIDE and side >= MIN_SEAL_SHARE * max(shape[:2]) \
        and box[2] * box[3] >= 0.001 * shape[0] * shape[1]





# A form printed in coloured ink (a tax office's receipt ruled and labelled in red, a bank's slip in blue) rules its
# cells in the seals' own hue: a seal pressed on it touches the frame, the rules and the labels, and is one blob with
# them. A rule is a thin straight run of ink some centimetres long (longer than a character's stroke, as long as a
# short cell divider), found across a few pixels of a scan's remaining tilt. Only the rule's own thin line is taken
# out: where a seal's ring (or a character) crosses or runs along a rule the ink is thicker across it than the rule
# and stays, so a ring keeps its arc where it touches a rule; what the rules leave is closed again.
RULE_LENGTH = 0.08  # share of the image's longer side
RULE_TILT = 5  # px across a rule that a tilt of a degree or so takes it over a rule's length
RULE_SHARE = 0.002  # rules over less of the image than this make no ruled form (an underline, a rule or two)


def without_ruling(mask: np.ndarray, *, kernel: np.ndarray) -> np.ndarray | None:
    """The ink mask with a form's thin straight rules taken out (and the gaps they leave in what crossed them
    closed with ``kernel``), or None when it has (almost) no rules."""
    if cv2.countNonZero(mask) < RULE_SHARE * mask.size:
        return None
    length = round(RULE_LENGTH * max(mask.shape[:2]))
    thick = max(3, kernel.shape[0] // 2)  # ink at least this thick across a rule is more than the rule
    rules = np.zeros_like(mask)
    for along, across in (((length, 1), (1, RULE_TILT)), ((1, length), (RULE_TILT, 1))):
        widened = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, across))
        rule = cv2.morphologyEx(widened, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, along))
        wide = (1, thick) if across[1] > 1 else (thick, 1)
        more = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, wide))
        rules |= rule & mask & cv2.bitwise_not(more)
    if cv2.countNonZero(rules) < RULE_SHARE * mask.size:
        return None
    return cv2.morphologyEx(mask & cv2.bitwise_not(rules), cv2.MORPH_CLOSE, kernel)
