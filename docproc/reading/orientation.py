"""A page's quarter turn: from its own text lines (RapidOCR's detector and line classifier), or by reading a
sample of its text at each turn.

The lines' shape says whether the page lies level or stands on its side (one detection on a reduced copy), and
the classifier's votes on pieces of the longest lines say whether it is upside down; no recognition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from docproc.core.models import Word
from docproc.reading.imaging import rotate, to_bgr

SURE_READ = 0.8  # mean confidence of a read that is surely the right way up
ORIENTATION_SIDE = 1024  # px: the reduced copy on which text lines are found to judge orientation
LINE_ELONGATION = 2.0  # a text line is at least this many times longer than it is high
MIN_LINES = 3  # fewer lines than this say nothing about orientation
LINE_VOTES = 12  # the longest lines the classifier looks at
PIECE_LENGTH = 4  # the classifier's input is 4× as wide as it is high (48×192)
LINE_VOTE_SHARE = 0.75  # the share of the classifier's confidence one way that settles it
CONFIRM_FACTOR = 2  # an upside-down verdict is judged again on a copy this many times larger


def orientation_by_lines(engine: Any, image: np.ndarray) -> int | None:
    """0/90/180/270 when the detected lines and the classifier's votes agree clearly, else None (``engine``: a
    loaded RapidOCR, its ``text_det`` and ``text_cls``).

    On the reduced copy the rows of small, dense print (a spreadsheet's ledger) are found two to a box, and the
    classifier, shown two rows at once, may take them for upside down: a page is only turned over when a copy
    twice as large, where each row is found on its own, says so too.
    """
    turn = _judged(engine, image, ORIENTATION_SIDE)
    if turn is None or turn < 180 or max(image.shape[:2]) <= ORIENTATION_SIDE:
        return turn
    return _judged(engine, image, CONFIRM_FACTOR * ORIENTATION_SIDE)


def _judged(engine: Any, image: np.ndarray, side: int) -> int | None:
    scale = min(1.0, side / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    found, _ = engine.text_det(to_bgr(small))
    boxes = [_box_of(points, 1 / scale) for points in ([] if found is None else found)]
    lying = [b for b in boxes if b[2] - b[0] >= LINE_ELONGATION * (b[3] - b[1])]
    standing = [b for b in boxes if b[3] - b[1] >= LINE_ELONGATION * (b[2] - b[0])]
    if len(lying) >= max(MIN_LINES, 2 * len(standing)):
        turn, page, lines = 0, image, lying
    elif len(standing) >= max(MIN_LINES, 2 * len(lying)):
        turn, page = 90, rotate(image, 90)
        height = image.shape[0]
        lines = [(height - y1, x0, height - y0, x1) for x0, y0, x1, y1 in standing]
    else:
        return None
    longest = sorted(lines, key=lambda b: b[0] - b[2])[:LINE_VOTES]
    crops = [to_bgr(piece) for box in longest for piece in _line_pieces(page, box) if piece.size]
    _, votes, _ = engine.text_cls(crops)
    upside = sum(float(score) for label, score in votes if str(label) == "180")
    upright = sum(float(score) for label, score in votes if str(label) != "180")
    if upside + upright == 0:
        return None
    if upright / (upside + upright) >= LINE_VOTE_SHARE:
        return turn
    if upside / (upside + upright) >= LINE_VOTE_SHARE:
        return (turn + 180) % 360
    return None


def _line_pieces(page: np.ndarray, box: tuple[float, float, float, float]) -> list[np.ndarray]:
    """Up to three pieces of a text line, each about as long as the line classifier's input is wide
    (4× its height): squeezed whole into that input, a long line is judged no better than chance."""
    x0, y0, x1, y1 = (int(v) for v in box)
    height = max(1, y1 - y0)
    piece = PIECE_LENGTH * height
    if x1 - x0 <= piece:
        return [page[y0 : y1 + 1, x0 : x1 + 1]]
    starts = np.linspace(x0, x1 - piece, num=min(3, (x1 - x0) // piece)).astype(int)
    return [page[y0 : y1 + 1, s : s + piece + 1] for s in starts]


def _box_of(points: Any, factor: float) -> tuple[float, float, float, float]:
    """A detected quadrilateral's upright bounding box, scaled by ``factor``."""
    xs, ys = [float(p[0]) * factor for p in points], [float(p[1]) * factor for p in points]
    return min(xs), min(ys), max(xs), max(ys)




def text_sample(image: np.ndarray, *, side: int = 640) -> np.ndarray:
    """The central ``side``×``side`` px of the inked area: enough text to judge orientation."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image[:, :, :3], cv2.COLOR_BGR2GRAY)
    points = cv2.findNonZero(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1])
    if points is not None:
        x, y, w, h = cv2.boundingRect(points)
        image = image[y : y + h, x : x + w]
    h, w = image.shape[:2]
    y0, x0 = max(0, (h - side) // 2), max(0, (w - side) // 2)
    return image[y0 : y0 + side, x0 : x0 + side]


def orientation_by_reading(
    read: Callable[[np.ndarray], list[Word]], sample: np.ndarray, *, first: int | None = None, min_words: int = 3
) -> int:
    """Read a text sample at each quarter turn; keep the turn read with clearly the best confidence."""
    scores: list[tuple[float, int]] = []
    for degrees in dict.fromkeys([first or 0, 0, 90, 270, 180]):  # likeliest first
        words = read(rotate(sample, degrees))
        chars = sum(len(w.text) for w in words)
        mean = sum(w.confidence * len(w.text) for w in words) / chars if chars else 0.0
        scores.append((mean if len(words) >= min_words else 0.0, degrees))
        if scores[-1][0] >= SURE_READ:  # wrong turns read at 0.2-0.4: no need to try the rest
            return degrees
    scores.sort(reverse=True)
    (best, degrees), (second, _) = scores[0], scores[1]
    return degrees if best >= 0.6 and best - second >= 0.15 else 0
