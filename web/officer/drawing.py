"""Evidence pictures: a page render cropped around a box with the box drawn, or a small whole page."""

from __future__ import annotations

import cv2
import numpy as np

from docproc.core.models import BBox, Page, Unit

HIGHLIGHT = (0, 90, 255)  # BGR orange-red: visible on white paper, on red seals and on blue ID cards
Box = tuple[int, int, int, int]
MIN_TEXT_PX = 32  # the height a line of text needs on screen to be read without zooming


def scale_of(page: Page, unit: Unit) -> float:
    """Render pixels per unit of ``unit`` on this page (text-layer boxes are in PDF points)."""
    if unit == Unit.PT and page.width and page.render_width:
        return page.render_width / page.width
    return 1.0


def to_render(bbox: BBox, page: Page) -> Box:
    """The box in pixels of the stored render, clamped to the image."""
    k = scale_of(page, bbox.unit)
    x0, x1 = sorted((bbox.x0 * k, bbox.x1 * k))
    y0, y1 = sorted((bbox.y0 * k, bbox.y1 * k))
    width, height = max(page.render_width, 1), max(page.render_height, 1)
    return (int(max(0, min(x0, width - 1))), int(max(0, min(y0, height - 1))),
            int(max(1, min(x1, width))), int(max(1, min(y1, height))))


def shrink(img: np.ndarray, max_width: int) -> np.ndarray:
    """The image no wider than ``max_width`` (aspect kept)."""
    height, width = img.shape[:2]
    if width <= max_width:
        return img
    ratio = max_width / width
    return cv2.resize(img, (max_width, max(1, round(height * ratio))), interpolation=cv2.INTER_AREA)


def crop_around(img: np.ndarray, box: Box, *, max_width: int = 640, min_text: int = MIN_TEXT_PX) -> np.ndarray:
    """The region around ``box`` with some context, the box outlined, at most ``max_width`` wide.

    The box comes out at least ``min_text`` pixels high: a line of a statement 25 px high, shrunk with the
    whole width of its page, was 12 px on screen. Such a crop keeps the start of the line (where the box
    begins) and as much of the rest as fits, and is enlarged when the render itself is small."""
    height, width = img.shape[:2]
    x0, y0, x1, y1 = box
    box_w, box_h = max(1, x1 - x0), max(1, y1 - y0)
    pad_x = max(60, min(int(box_w * 0.25), 200), (min(width, 480) - box_w) // 2)
    pad_y = max(40, min(int(box_h * 0.6), 160))
    cx0, cy0 = max(0, x0 - pad_x), max(0, y0 - pad_y)
    cx1, cy1 = min(width, x1 + pad_x), min(height, y1 + pad_y)
    canvas = img.copy()
    thickness = max(2, round(max(cx1 - cx0, 1) / 240))
    cv2.rectangle(canvas, (x0, y0), (x1, y1), HIGHLIGHT, thickness)
    scale = min(1.0, max_width / max(1, cx1 - cx0))
    if box_h * scale >= min_text:
        return shrink(canvas[cy0:cy1, cx0:cx1], max_width)
    scale = min_text / box_h
    visible = max(1, int(max_width / scale))
    start = max(cx0, min(x0 - 40, cx1 - visible))
    part = canvas[cy0:cy1, start:min(cx1, start + visible)]
    size = (max(1, round(part.shape[1] * scale)), max(1, round(part.shape[0] * scale)))
    return cv2.resize(part, size, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)


def whole_page(img: np.ndarray, *, max_width: int = 360) -> np.ndarray:
    """A small picture of the whole page (evidence that names a page but no box)."""
    return shrink(img, max_width)
