"""File bytes → pages: the PDF text layer where there is one, else render → preprocess → OCR.

Coordinates are converted here, once: text-layer pages are in PDF points, OCR'd pages in pixels
of the stored render (both top-left origin). Whatever a later check needs about the file (PDF
producer, incremental updates, fonts) is gathered here and carried on the pages.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from docproc.core.errors import CorruptFile, EmptyFile, EncryptedPdf, TooManyPages, UnsupportedFileType
from docproc.core.models import BBox, Page, PageSource, Stamp, Unit, Word
from docproc.core.timing import on_page, stage
from docproc.reading import forensics, image_forensics, imaging, pdf_structure
from docproc.reading.cards import Card, find_cards
from docproc.reading.limits import ReadLimits, check_image_size, page_dpi
from docproc.reading.seal_legends import read_seal_legend, seal_legend_reads
from docproc.reading.seals import detect_seals, remove_seal_ink
from docproc.store.blobs import is_zip

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

log = logging.getLogger(__name__)

# Bump when a change here alters the pages read from the same bytes (cached reads are then read again).
READER_VERSION = "12"
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
        return _read_pdf(data, file_id=file_id, ctx=ctx)
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

def _open_pdf(data: bytes) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPdf("the PDF is password-protected: upload an unprotected copy") from exc
    except PDFSyntaxError as exc:
        raise CorruptFile(f"the PDF is damaged and cannot be read ({exc}): upload it again") from exc
    except Exception as exc:  # pdfplumber wraps pdfminer's many error types in PdfminerException
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedPdf("the PDF is password-protected: upload an unprotected copy") from exc
        raise CorruptFile(f"the PDF cannot be opened ({type(exc).__name__}): upload it again") from exc


def pdf_file_facts(data: bytes, info: dict[str, Any]) -> dict[str, Any]:
    """Forensic facts about a PDF file, carried on every page for the anomaly checks.

    The producer and dates are kept as read (a hint, not evidence); what later revisions changed,
    the signatures and white-box overlays are in ``structure`` (docproc.reading.pdf_structure).
    """
    def text(key: str) -> str | None:
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1", "replace")
        return None if value is None else str(value)

    return {
        "producer": text("Producer"),
        "creator": text("Creator"),
        "creation_date": text("CreationDate"),
        "mod_date": text("ModDate"),
        "structure": pdf_structure.examine(data),
    }


def _pdfium_page_sizes(data: bytes, *, max_pages: int) -> list[tuple[float, float]] | None:
    """Each page's size in points as PDFium renders it, counted first (fast even for 10,000 pages).

    None when PDFium cannot open the file (encrypted or damaged: pdfplumber gives the precise error).
    """
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception:
        return None
    try:
        count = len(document)
        if count > max_pages:
            raise TooManyPages(f"the PDF has {count} pages, over the limit of {max_pages}: split it")
        sizes = []
        for index in range(count):
            page = document[index]
            try:
                sizes.append(page.get_size())
            finally:
                page.close()
        return sizes
    except pypdfium2.PdfiumError:
        return None
    finally:
        document.close()


def _read_pdf(data: bytes, *, file_id: str, ctx: ReadingContext) -> list[Page]:
    limits = ReadLimits.of(ctx.settings)
    sizes = _pdfium_page_sizes(data, max_pages=ctx.settings.max_pages)
    # Every page's render size is settled before the first page is rendered: a huge page is refused
    # (or rendered at a lower dpi) without spending memory on the pages before it.
    dpis = [page_dpi(w, h, limits, number=i + 1) for i, (w, h) in enumerate(sizes or [])]
    pdf = _open_pdf(data)
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
        with stage("forensics"):
            facts = pdf_file_facts(data, pdf.metadata or {})
        return [
            _read_pdf_page(page, file_id=file_id, number=i + 1, ctx=ctx, facts=facts, dpi=dpis[i])
            for i, page in enumerate(pdf.pages)
        ]


def _read_pdf_page(page: Any, *, file_id: str, number: int, ctx: ReadingContext, facts: dict[str, Any],
                   dpi: float) -> Page:
    with on_page(number):
        return _read_pdf_page_now(page, file_id=file_id, number=number, ctx=ctx, facts=facts, dpi=dpi)


def _read_pdf_page_now(page: Any, *, file_id: str, number: int, ctx: ReadingContext, facts: dict[str, Any],
                       dpi: float) -> Page:
    try:
        with stage("pdf_text"):
            words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False)
        with stage("render"):
            rendered = page.to_image(resolution=dpi).original.convert("RGB")
    except Exception as exc:
        raise CorruptFile(f"page {number} of the PDF cannot be read ({type(exc).__name__})") from exc
    with stage("render"):
        image = np.asarray(rendered)[:, :, ::-1].copy()
    meta: dict[str, Any] = {"kind": "pdf", "pdf": facts, "images": len(page.images)}
    if dpi < ctx.settings.render_dpi:
        meta["render_dpi"] = round(dpi, 1)
    if sum(len(w["text"].strip()) for w in words) < MIN_TEXT_LAYER_CHARS:
        return _ocr_page(image, file_id=file_id, number=number, ctx=ctx, meta=meta)
    with stage("store_render"):
        render_sha = ctx.blobs.put(imaging.encode_jpeg(image))
    scale = 72.0 / dpi
    stamps = [_scaled_stamp(s, scale) for s in _stamps_with_legends(image, number, ctx)]
    with stage("pdf_text"):
        text_words = _text_layer_words(words)
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


def _text_layer_words(raw: list[dict[str, Any]]) -> list[Word]:
    """Words in lines, top to bottom, then left to right within a line.

    A line is grouped by closeness of tops (half a character), not by a fixed grid: digits set in a
    Latin face sit a point or two off the CJK characters beside them (第 5 页，共 8 页) and must stay
    in their line.
    """
    lines: list[list[dict[str, Any]]] = []
    line_top = 0.0
    for w in sorted(raw, key=lambda w: float(w["top"])):
        top = float(w["top"])
        if not lines or abs(top - line_top) > max(2.0, float(w.get("size", 10)) * 0.5):
            lines.append([])
            line_top = top
        lines[-1].append(w)
    return [
        Word(
            text=w["text"],
            bbox=BBox(x0=w["x0"], y0=w["top"], x1=w["x1"], y1=w["bottom"], unit=Unit.PT),
            confidence=1.0,
            line=line,
            font=w.get("fontname"),
        )
        for line, words in enumerate(lines)
        for w in sorted(words, key=lambda w: float(w["x0"]))
    ]


def _scaled_stamp(stamp: Stamp, scale: float) -> Stamp:
    b = stamp.bbox
    box = BBox(x0=b.x0 * scale, y0=b.y0 * scale, x1=b.x1 * scale, y1=b.y1 * scale, unit=Unit.PT)
    return stamp.model_copy(update={"bbox": box})


# --- images and scanned pages -----------------------------------------------------------------

def _stamps_with_legends(image: np.ndarray, number: int, ctx: ReadingContext, *, scanned: bool = False) -> list[Stamp]:
    """Seals on the page with their legend read freely, and raw reads of the whole ring kept for the stamp
    checks to compare with the name each seal is expected to carry."""
    stamps = []
    with stage("seal_search"):
        found = detect_seals(image, page=number, greyscale_rings=scanned)
    for stamp in found:
        legend: str | None = None
        reads: tuple[str, ...] = ()
        if stamp.shape in ("round", "oval"):
            try:
                with stage("legend_read"):
                    legend, _conf = read_seal_legend(image, stamp, ctx.ocr)
                    reads = seal_legend_reads(image, stamp, ctx.ocr)
            except Exception:  # a legend is a bonus; the seal itself is still evidence
                log.warning("seal legend could not be read on page %s", number, exc_info=True)
        stamps.append(stamp.model_copy(update={"text": legend, "legend_reads": reads}))
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
    with stage("ocr"):
        words = ctx.ocr.read(clean)
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
