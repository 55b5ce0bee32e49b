"""Text drawn over a filled white box that hides earlier text: an edit made by covering a figure.

Objects are visited in painting order (PDFium's page-object order): a white box painted after
some text, over most of it, and new text painted inside the box afterwards is the overlay pattern.
White backgrounds painted before the text they carry cover nothing and are ignored.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from pydantic import BaseModel, ConfigDict

log = logging.getLogger(__name__)

WHITE_LEVEL = 245  # every channel of the fill at least this bright
MIN_HIDDEN_SHARE = 0.6  # a text object counts as hidden when this share of its box lies under the white box
MAX_PAGES = 200  # overlays are looked for on this many pages at most (a long file is read, not searched)

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


class Overlay(BaseModel):
    """A white box hiding text, with the text written over it (bbox in pt, top-left origin)."""

    model_config = ConfigDict(frozen=True)

    page: int
    bbox: tuple[float, float, float, float]
    hidden: str
    written: str


def find(data: bytes) -> list[Overlay]:
    """Every white-box overlay in the PDF's pages (none when PDFium cannot open the file)."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:  # pdfplumber read it; the text layer is still checked for mixed fonts
        log.info("PDFium cannot open the file: no overlay search")
        return []
    try:
        return [o for number in range(min(len(document), MAX_PAGES)) for o in _page(document[number], number + 1)]
    finally:
        document.close()


def _page(page: Any, number: int) -> Iterator[Overlay]:
    textpage = page.get_textpage()
    height = page.get_height()
    texts: list[tuple[int, Box, str]] = []
    boxes: list[tuple[int, Box]] = []
    for index, obj in enumerate(page.get_objects(max_depth=1, textpage=textpage)):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts.append((index, obj.get_bounds(), _text(obj)))
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _white_fill(obj):
            boxes.append((index, obj.get_bounds()))
    for index, box in boxes:
        hidden = [t for i, b, t in texts if i < index and _share_inside(b, box) >= MIN_HIDDEN_SHARE]
        written = [t for i, b, t in texts if i > index and _share_inside(b, box) >= MIN_HIDDEN_SHARE]
        if hidden and written:
            left, bottom, right, top = box
            yield Overlay(page=number, bbox=(round(left, 1), round(height - top, 1), round(right, 1),
                                             round(height - bottom, 1)),
                          hidden=" ".join(hidden)[:80], written=" ".join(written)[:80])


def _text(obj: Any) -> str:
    try:
        return str(obj.extract()).strip()
    except Exception:  # a text object without a text page still counts, unnamed
        return ""


def _white_fill(obj: Any) -> bool:
    mode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke)) or mode.value == 0:
        return False
    r, g, b, a = (ctypes.c_uint(0) for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in (r, g, b, a))):
        return False
    return a.value == 255 and min(r.value, g.value, b.value) >= WHITE_LEVEL


def _share_inside(inner: Box, outer: Box) -> float:
    """Share of ``inner``'s area that lies inside ``outer``."""
    width = min(inner[2], outer[2]) - max(inner[0], outer[0])
    height = min(inner[3], outer[3]) - max(inner[1], outer[1])
    area = max((inner[2] - inner[0]) * (inner[3] - inner[1]), 1e-6)
    return max(width, 0.0) * max(height, 0.0) / area
