"""Second, narrower OCR reads of one field's box (single line, restricted alphabet).

A whole-page read mixes scripts and models; re-reading a field's own box with the characters it
can contain (大写 numerals, digits) fixes most confusions. Only OCR'd pages are re-read.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import cv2
import numpy as np

from docproc.cn.amount_words import STANDARD_CAPITALS
from docproc.core.models import BBox, Page, PageSource, Stamp, Word
from docproc.core.timing import stage
from docproc.extractors._row_date_reread import ReadCell
from docproc.reading import imaging
from docproc.reading.read import clear_seal_ink
from docproc.reading.seal_ink import PALE_CHANNEL
from docproc.store.blobs import Blobs

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

UPPER_NUMERALS = STANDARD_CAPITALS  # the alphabet of a 大写 re-read
DIGITS = "0123456789"


@lru_cache(maxsize=8)
def _render(blobs: Blobs, sha256: str, max_pixels: int) -> np.ndarray:
    # A page with several fields to re-read decodes its render once.
    return imaging.load_image(blobs.get(sha256), max_pixels=max_pixels)


def _crop(ctx: ReadingContext | None, page: Page, box: BBox, *, least: int) -> tuple[np.ndarray, int, int] | None:
    """``box`` cut from the page's render (clipped to it), with the cut's top-left corner; None when the page has no
    render to cut from or the cut is under ``least`` pixels on a side."""
    if ctx is None or page.source != PageSource.OCR or not page.render_sha256:
        return None
    image = _render(ctx.blobs, page.render_sha256, ctx.settings.max_image_pixels)
    x0, y0 = max(0, int(box.x0)), max(0, int(box.y0))
    x1, y1 = min(image.shape[1], int(box.x1)), min(image.shape[0], int(box.y1))
    return (image[y0:y1, x0:x1], x0, y0) if x1 - x0 >= least and y1 - y0 >= least else None


def reread(ctx: ReadingContext | None, page: Page, box: BBox, *, whitelist: str, lang: str = "chi_sim",
           pad: float = 0.25, digits: bool = False, under_seal: bool = False) -> tuple[str, float] | None:
    """Text and confidence of ``box`` on ``page`` read as one line; None when it cannot be re-read. ``under_seal``
    reads a seal's box in the channel where its ink is palest instead of whitening the ink: the strokes of print
    the ink lies over are kept (whitening takes them with the ink)."""
    margin = pad * (box.y1 - box.y0)
    cut = _crop(ctx, page, BBox(x0=box.x0 - margin, y0=box.y0 - margin, x1=box.x1 + margin, y1=box.y1 + margin,
                                unit=box.unit), least=4)
    if ctx is None or cut is None:
        return None
    crop, x0, y0 = cut
    stamps = [s.model_copy(update={"bbox": _shift(s.bbox, x0, y0)}) for s in page.stamps]
    lifted = _print_under_seals(crop, stamps) if under_seal else clear_seal_ink(crop, stamps)
    gray = imaging.normalize_illumination(lifted)
    engine = ctx.digits_ocr if digits else ctx.ocr
    with stage("re_reads"):
        text, confidence = engine.read_line(gray, lang="eng" if digits else lang, whitelist=whitelist)
    return (text, confidence) if text else None


def _print_under_seals(image: np.ndarray, stamps: list[Stamp]) -> np.ndarray:
    """Gray ``image`` with each seal's box taken from the channel in which its ink is palest."""
    gray = imaging.to_gray(image)
    if image.ndim != 3:
        return gray
    height, width = gray.shape[:2]
    for stamp in stamps:
        if (channel := PALE_CHANNEL.get(stamp.color)) is None:
            continue
        b = stamp.bbox
        x0, y0 = max(0, int(b.x0)), max(0, int(b.y0))
        x1, y1 = min(width, int(b.x1) + 1), min(height, int(b.y1) + 1)
        if x1 > x0 and y1 > y0:
            gray[y0:y1, x0:x1] = image[y0:y1, x0:x1, channel]
    return gray


def read_region(ctx: ReadingContext | None, page: Page, box: BBox, *, smooth: bool = False) -> list[Word]:
    """The words of ``box`` on ``page`` read again as a block of their own (the engine finds and reads the
    lines of a crop it sees larger than on the whole page), in the page's coordinates; ``smooth`` blurs a
    copy's grain or a fax's halftone dots first. Nothing when the page cannot be re-read."""
    cut = _crop(ctx, page, box, least=16)
    if ctx is None or cut is None:
        return []
    image, x0, y0 = cut
    crop = imaging.to_gray(image)
    with stage("re_reads"):
        words = ctx.ocr.read(cv2.GaussianBlur(crop, (5, 5), 0) if smooth else crop)
    return [w.model_copy(update={"bbox": _shift(w.bbox, -x0, -y0).model_copy(update={"unit": box.unit})})
            for w in words]


def cell_readers(ctx: ReadingContext | None, whitelist: str) -> tuple[ReadCell, ...]:
    """One table cell read again, each in turn as a caller needs: digits only (tesseract), then the page's engine
    told to read ``whitelist``'s characters (each misreads what the other reads)."""
    return (lambda page, box: reread(ctx, page, box, whitelist=whitelist, digits=True),
            lambda page, box: reread(ctx, page, box, whitelist=whitelist))


def _shift(box: BBox, dx: float, dy: float) -> BBox:
    return BBox(x0=box.x0 - dx, y0=box.y0 - dy, x1=box.x1 - dx, y1=box.y1 - dy, unit=box.unit)
