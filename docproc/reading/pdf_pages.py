"""Opening a PDF and what is read from it whole: its facts (producer, dates, structure), its page sizes and
the words of a page's text layer in reading order."""

from __future__ import annotations

import io
from typing import Any

from docproc.core.errors import CorruptFile, EncryptedPdf, TooManyPages
from docproc.core.models import BBox, Unit, Word
from docproc.reading import pdf_structure


def open_pdf(data: bytes) -> Any:
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


def pdfium_page_sizes(data: bytes, *, max_pages: int) -> list[tuple[float, float]] | None:
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


def text_layer_words(raw: list[dict[str, Any]]) -> list[Word]:
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
