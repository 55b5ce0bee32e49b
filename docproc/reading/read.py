"""File bytes → pages: the PDF text layer where there is one, else render → preprocess → OCR.

Coordinates are converted here, once: text-layer pages are in PDF points, OCR'd pages in pixels
of the stored render (both top-left origin). Whatever a later check needs about the file (PDF
producer, incremental updates, fonts) is gathered here and carried on the pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from docproc.core.errors import CorruptFile, EmptyFile, TooManyPages, UnsupportedFileType
from docproc.core.models import BBox, Page, PageSource, Stamp, Unit
from docproc.core.timing import on_page, stage
from docproc.reading import forensics, image_forensics, imaging
from docproc.reading.cards import Card, find_cards
from docproc.reading.comb_boxes import comb_page, read_comb_rows
from docproc.reading.legend_fit import Lattice
from docproc.reading.limits import ReadLimits, check_image_size, page_dpi
from docproc.reading.overprint_ink import read_through_overprint
from docproc.reading.pdf_pages import open_pdf, pdf_file_facts, pdfium_page_sizes, text_layer_words
from docproc.reading.seal_legends import read_seal_legend, seal_legend_reads
from docproc.reading.seals import detect_seals, remove_seal_ink
from docproc.store.blobs import is_zip

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

log = logging.getLogger(__name__)

# Bump when a change here alters the pages read from the same bytes (cached reads are then read again).
READER_VERSION = "35"
MIN_TEXT_LAYER_CHARS = 20
MIN_OCR_WIDTH = 1400
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"RIFF", b"GIF8")


def sniff(data: bytes, filename: str = "") -> str:
    """``pdf``, ``image`` or ``zip`` from the bytes (the name only words the error)."""
    if not data:
        raise EmptyFile(f"{filename or 'the file'} is empty (0 bytes): upload it again")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if is_zip(data):
        return "zip"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    raise UnsupportedFileType(
        f"{filename or 'the file'} is not a PDF, image (JPEG/PNG/TIFF/BMP/WEBP) or zip: "
        "upload a scan, photo or PDF"
    )


def read_file(data: bytes, *, file_id: str, filename: str, ctx: ReadingContext) -> list[Page]:
    """Pages of one stored file (a zip is expanded before this, at ingest)."""
    kind = sniff(data, filename)
    if kind == "pdf":
        return read_pdf_pages(data, file_id=file_id, ctx=ctx)
    if kind == "image":
        with on_page(1):
            with stage("render"):
                image = imaging.load_image(data, max_pixels=ctx.settings.max_image_pixels)
            check_image_size(image.shape[1], image.shape[0], ReadLimits.of(ctx.settings))
            with stage("forensics"):
                meta: dict[str, Any] = {"kind": "image", "ela": forensics.error_level(data),
                                        "clones": forensics.cloned_regions(image)}
            return [_ocr_page(image, file_id=file_id, number=1, ctx=ctx, meta=meta)]
    raise UnsupportedFileType(f"{filename}: archives are expanded at upload, not read as pages")


# --- PDF -------------------------------------------------------------------------------------

@contextmanager
def _checked_pdf(data: bytes, ctx: ReadingContext) -> Iterator[tuple[Any, list[float]]]:
    """The open PDF and each page's dpi, once the whole file passed its checks (page count, render sizes)."""
    limits = ReadLimits.of(ctx.settings)
    sizes = pdfium_page_sizes(data, max_pages=ctx.settings.max_pages)
    # Every page's render size is settled before the first page is rendered: a huge page is refused
    # (or rendered at a lower dpi) without spending memory on the pages before it.
    dpis = [page_dpi(w, h, limits, number=i + 1) for i, (w, h) in enumerate(sizes or [])]
    pdf = open_pdf(data)
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise CorruptFile(f"the PDF's page tree is damaged ({type(exc).__name__})") from exc
        if count == 0:
            raise CorruptFile("the PDF has no pages")
        if count > ctx.settings.max_pages:
            raise TooManyPages(
                f"the PDF has {count} pages, over the limit of {ctx.settings.max_pages}: split it"
            )
        if len(dpis) != count:  # PDFium could not size the pages: pdfplumber's sizes then
            dpis = [page_dpi(float(p.width), float(p.height), limits, number=i + 1) for i, p in enumerate(pdf.pages)]
        yield pdf, dpis


def pdf_plan(data: bytes, ctx: ReadingContext) -> tuple[int, dict[str, Any]]:
    """A PDF's page count and file facts, after the checks :func:`read_file` makes on the whole file
    (its InputErrors are raised here the same): what reading it page by page elsewhere starts from."""
    with _checked_pdf(data, ctx) as (pdf, dpis), stage("forensics"):
        return len(dpis), pdf_file_facts(data, pdf.metadata or {})


def read_pdf_pages(data: bytes, *, file_id: str, ctx: ReadingContext, numbers: Sequence[int] | None = None,
                   facts: dict[str, Any] | None = None) -> list[Page]:
    """Pages of a PDF: all, or those ``numbers`` (from 1) with the file's ``facts`` from :func:`pdf_plan`.

    A page read with only some others is read exactly as with all of them. Pages are rendered one at a
    time, and each page's parsed objects are let go once it is read.
    """
    with _checked_pdf(data, ctx) as (pdf, dpis):
        if facts is None:
            with stage("forensics"):
                facts = pdf_file_facts(data, pdf.metadata or {})
        read = []
        for number in numbers or range(1, len(dpis) + 1):
            page = pdf.pages[number - 1]
            read.append(_read_pdf_page(page, file_id=file_id, number=number, ctx=ctx, facts=facts, dpi=dpis[number - 1]))
            page.close()
        return read


def _read_pdf_page(page: Any, *, file_id: str, number: int, ctx: ReadingContext, facts: dict[str, Any],
                   dpi: float) -> Page:
    with on_page(number):
        return _read_pdf_page_now(page, file_id=file_id, number=number, ctx=ctx, facts=facts, dpi=dpi)


def _read_pdf_page_now(page: Any, *, file_id: str, number: int, ctx: ReadingContext, facts: dict[str, Any],
                       dpi: float) -> Page:
    try:
        with stage("pdf_text"):
            words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False)
    except Exception as exc:
        raise CorruptFile(f"page {number} of the PDF cannot be read ({type(exc).__name__})") from exc
    if sum(len(w["text"].strip()) for w in words) < MIN_TEXT_LAYER_CHARS:
        # rendered in the call: only the page's reading holds the render, and lets it go once it is prepared
        return _ocr_page(_render(page, number, dpi), file_id=file_id, number=number, ctx=ctx,
                         meta=_pdf_meta(page, facts, dpi, ctx))
    image = _render(page, number, dpi)
    meta = _pdf_meta(page, facts, dpi, ctx)
    with stage("store_render"):
        render_sha = ctx.blobs.put(imaging.encode_jpeg(image))
    scale = 72.0 / dpi
    stamps = [_scaled_stamp(s, scale) for s in _stamps_with_legends(image, number, ctx)]
    with stage("pdf_text"):
        text_words = text_layer_words(words)
    with stage("forensics"):
        meta |= {"hash": forensics.page_hash(image)}
    return Page(
        file_id=file_id,
        number=number,
        width=float(page.width),
        height=float(page.height),
        unit=Unit.PT,
        source=PageSource.TEXT_LAYER,
        words=tuple(text_words),
        render_sha256=render_sha,
        render_width=image.shape[1],
        render_height=image.shape[0],
        stamps=tuple(stamps),
        meta=meta,
    )


def _render(page: Any, number: int, dpi: float) -> np.ndarray:
    """The page rendered at ``dpi`` as a BGR image (the intermediate pictures let go on return)."""
    try:
        with stage("render"):
            rendered = page.to_image(resolution=dpi).original.convert("RGB")
    except Exception as exc:
        raise CorruptFile(f"page {number} of the PDF cannot be read ({type(exc).__name__})") from exc
    with stage("render"):
        return np.asarray(rendered)[:, :, ::-1].copy()


def _pdf_meta(page: Any, facts: dict[str, Any], dpi: float, ctx: ReadingContext) -> dict[str, Any]:
    meta: dict[str, Any] = {"kind": "pdf", "pdf": facts, "images": len(page.images)}
    if dpi < ctx.settings.render_dpi:
        meta["render_dpi"] = round(dpi, 1)
    return meta


def _scaled_stamp(stamp: Stamp, scale: float) -> Stamp:
    b = stamp.bbox
    box = BBox(x0=b.x0 * scale, y0=b.y0 * scale, x1=b.x1 * scale, y1=b.y1 * scale, unit=Unit.PT)
    return stamp.model_copy(update={"bbox": box})


# --- images and scanned pages -----------------------------------------------------------------

def _stamps_with_legends(image: np.ndarray, number: int, ctx: ReadingContext, *, scanned: bool = False) -> list[Stamp]:
    """Seals on the page with their legend read freely, and raw reads of the whole ring and what the recogniser
    saw along it kept for the stamp checks to compare with the name each seal is expected to carry."""
    stamps = []
    with stage("seal_search"):
        found = detect_seals(image, page=number, greyscale_rings=scanned)
    for stamp in found:
        legend: str | None = None
        reads: tuple[str, ...] = ()
        lattices: tuple[Lattice, ...] = ()
        if stamp.shape in ("round", "oval"):
            try:
                with stage("legend_read"):
                    legend, _conf = read_seal_legend(image, stamp, ctx.ocr)
                    reads, lattices = seal_legend_reads(image, stamp, ctx.ocr)
            except Exception:  # a legend is a bonus; the seal itself is still evidence
                log.warning("seal legend could not be read on page %s", number, exc_info=True)
        stamps.append(stamp.model_copy(update={"text": legend, "legend_reads": reads, "legend_lattices": lattices}))
    return stamps


def prepare_for_ocr(image: np.ndarray, ctx: ReadingContext) -> tuple[np.ndarray, dict[str, Any]]:
    """Flatten a card photo, turn upright, deskew and upscale small images; returns image + facts.

    Several cards on one page (front and back copied on one sheet) are each flattened and turned
    upright on their own, then set one under the other: the facts' ``cards`` say where each one lies
    in the image returned (the stored render) and where it lay on the page read.
    """
    with stage("card_find"):
        cards = find_cards(image)
    if len(cards) > 1:
        image, facts = _stacked_cards(cards, ctx)
    else:
        facts = {}
        if cards:
            image, facts["card_warped"] = cards[0].image, True
        image, facts = _upright(image, ctx, facts)
    if image.shape[1] < MIN_OCR_WIDTH:
        import cv2

        factor = MIN_OCR_WIDTH / image.shape[1]
        with stage("upscale"):
            image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        facts["upscaled"] = round(factor, 2)
        for card in facts.get("cards", []):
            card["box"] = [round(v * factor, 1) for v in card["box"]]
    return image, facts


def _upright(image: np.ndarray, ctx: ReadingContext, facts: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any]]:
    """Turned the right way up (quarter turns) and deskewed, with what was done added to ``facts``."""
    facts = dict(facts)
    with stage("orientation"):
        angle = ctx.ocr.orientation(image)
        if angle:
            image, facts["rotated"] = imaging.rotate(image, angle), angle
    with stage("deskew"):
        image, skew = imaging.deskew(image)
    if skew:
        facts["deskew"] = round(skew, 2)
    return image, facts


CARD_GAP = 40  # px of white between cards set one under the other: OCR lines never join across it


def _stacked_cards(cards: list[Card], ctx: ReadingContext) -> tuple[np.ndarray, dict[str, Any]]:
    """The cards, each upright, one under the other on white; facts say where each lies and came from."""
    parts = [_upright(card.image, ctx, {"quad": card.quad.round(1).tolist()}) for card in cards]
    width = max(part.shape[1] for part, _ in parts)
    rows, placed, top = [], [], 0
    for part, facts in parts:
        pad = np.full((part.shape[0] + CARD_GAP, width) + part.shape[2:], 255, np.uint8)
        pad[: part.shape[0], : part.shape[1]] = part
        rows.append(pad)
        placed.append({**facts, "box": [0.0, float(top), float(part.shape[1]), float(top + part.shape[0])]})
        top += pad.shape[0]
    return np.vstack(rows)[: top - CARD_GAP], {"card_warped": True, "cards": placed}


def clear_seal_ink(image: np.ndarray, stamps: list[Stamp]) -> np.ndarray:
    """Gray page with seal ink whitened inside the seals only (blue/red print elsewhere stays)."""
    gray = imaging.to_gray(image)
    height, width = gray.shape[:2]
    for stamp in stamps:
        b = stamp.bbox
        pad = 0.08 * max(b.x1 - b.x0, b.y1 - b.y0)
        x0, y0 = max(0, int(b.x0 - pad)), max(0, int(b.y0 - pad))
        x1, y1 = min(width, int(b.x1 + pad)), min(height, int(b.y1 + pad))
        if x1 <= x0 or y1 <= y0:  # the seal lies outside this image (a field crop)
            continue
        gray[y0:y1, x0:x1] = remove_seal_ink(image[y0:y1, x0:x1])
    return gray


def _ocr_page(image: np.ndarray, *, file_id: str, number: int, ctx: ReadingContext, meta: dict[str, Any]) -> Page:
    original_shape = image.shape
    image, facts = prepare_for_ocr(image, ctx)
    with stage("store_render"):
        render_sha = ctx.blobs.put(imaging.encode_jpeg(image))
    stamps = _stamps_with_legends(image, number, ctx, scanned=True)
    with stage("forensics"):
        meta = {**meta, "hash": forensics.page_hash(image), "seal_patches": forensics.seal_patches(image, stamps),
                **image_forensics.edit_regions(image)}
    with stage("ocr_prep"):
        clean = imaging.normalize_illumination(clear_seal_ink(image, stamps))
    with stage("comb_rows"):  # one character per box: the boxes' walls are read as "1" and thin digits lost
        comb = comb_page(clean)
    with stage("ocr"):
        words = ctx.ocr.read(comb.wiped if comb else clean)
    if comb:
        with stage("comb_rows"):
            try:
                words = read_comb_rows(comb, words, ctx.ocr)
            except Exception:  # a better read of boxed digits is a bonus: the page's own words stand
                log.warning("comb rows could not be read again on page %s", number, exc_info=True)
        meta = {**meta, "comb_cells": comb.cells}
    with stage("overprint"):  # a phrase overprinted across a copy: read again with its ink wiped (only then)
        words, cleared = read_through_overprint(image, clean, words, ctx.ocr)
    if cleared:
        meta = {**meta, "overprint_cleared": True}
    return Page(
        file_id=file_id,
        number=number,
        width=float(image.shape[1]),
        height=float(image.shape[0]),
        unit=Unit.PX,
        source=PageSource.OCR,
        words=tuple(words),
        render_sha256=render_sha,
        render_width=image.shape[1],
        render_height=image.shape[0],
        stamps=tuple(stamps),
        meta={**meta, **facts, "original_size": [original_shape[1], original_shape[0]], "ocr_engine": ctx.ocr.name},
    )
