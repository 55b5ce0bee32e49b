"""Forgeries made with general-purpose tools (OpenCV in-painting, pasting, JPEG re-saving) from genuine
images, for measuring the image-tampering evidence on edits our own generator never makes."""

from __future__ import annotations

import cv2
import numpy as np


def resave(image: np.ndarray, quality: int = 90) -> np.ndarray:
    """The image as a forger's editor would save it: one more JPEG round."""
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def text_lines(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of printed text lines away from the edges, largest first."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    ink = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, np.ones((15, 15), np.uint8)) > 40
    run = max(9, w // 80)
    lines = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, run), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    boxes = []
    for x, y, bw, bh, _area in stats[1:count]:
        if h / 80 <= bh <= h / 10 and bw >= 3 * bh and bw <= 0.45 * w and x > 0.03 * w and x + bw < 0.97 * w \
                and y > 0.03 * h and y + bh < 0.97 * h:
            boxes.append((int(x), int(y), int(x + bw), int(y + bh)))
    return sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))


def inpaint_field(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The field in ``box`` (with a small margin) painted out with OpenCV's in-painting (Telea), re-saved.

    The whole field box is masked, as one clears a field to type another value into it.
    """
    x0, y0, x1, y1 = box
    pad = max(2, (y1 - y0) // 6)
    mask = np.zeros(image.shape[:2], np.uint8)
    mask[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = 255
    return resave(cv2.inpaint(image, mask, 5, cv2.INPAINT_TELEA))


def swap_region(image: np.ndarray, donor: np.ndarray, box: tuple[int, int, int, int], *,
                donor_quality: int = 60) -> np.ndarray:
    """``box`` replaced by the same place of another image with another JPEG history, then re-saved."""
    x0, y0, x1, y1 = box
    other = cv2.resize(donor, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_AREA)
    patch = resave(other, donor_quality)[y0:y1, x0:x1]
    out = image.copy()
    out[y0:y1, x0:x1] = patch
    return resave(out)


def copy_move(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The content of ``box`` (a digit group) copied once more onto the same image beside it, re-saved."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    dy = h + max(4, h // 2) if y1 + h + h // 2 < image.shape[0] else -(h + max(4, h // 2))
    out = image.copy()
    out[y0 + dy:y1 + dy, x0:x1] = image[y0:y1, x0:x1]
    return resave(out)
