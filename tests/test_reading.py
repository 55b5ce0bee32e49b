"""Reading files into pages: text layer first, OCR otherwise, clear errors on bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from docproc.core.errors import (
    CorruptFile,
    DecompressionBomb,
    EmptyFile,
    EncryptedPdf,
    TooManyPages,
    UnsupportedFileType,
)
from docproc.core.models import PageSource, Unit
from docproc.reading import read as reading
from docproc.service.context import Context
from tests.conftest import REALDOCS, TINY
from tests.fakes import CrashingEngine
from tests.pdfs import text_pdf


def _no_ocr(ctx: Context) -> Context:
    """The same context with OCR engines that fail if they are ever called."""
    return Context(settings=ctx.settings, db=ctx.db, blobs=ctx.blobs, policy=ctx.policy,
                   ocr=CrashingEngine(), digits_ocr=CrashingEngine())


def test_born_digital_pdf_is_read_from_its_text_layer_without_ocr(ctx: Context) -> None:
    data = text_pdf([["Statement of account", "Account 6222 0000 1234", "Page 1 of 2"], ["Page 2 of 2", "Closing 10.00"]],
                    producer="Microsoft Word 2010", incremental_update=True)
    pages = reading.read_file(data, file_id="f", filename="s.pdf", ctx=_no_ocr(ctx))
    assert [p.source for p in pages] == [PageSource.TEXT_LAYER] * 2
    assert pages[0].unit == Unit.PT and (pages[0].width, pages[0].height) == (595, 842)
    assert "Statement of account" in pages[0].text
    assert pages[0].words[0].font and pages[0].words[0].bbox.unit == Unit.PT
    assert pages[0].render_sha256 and ctx.blobs.exists(pages[0].render_sha256)
    facts = pages[0].meta["pdf"]
    # A second startxref/%%EOF that appends no objects is not a revision that changed anything.
    assert facts["producer"] == "Microsoft Word 2010" and facts["structure"]["revisions"] == 2
    assert [u["changes"] for u in facts["structure"]["updates"]] == [[]]


def test_image_is_ocrd_with_pixel_boxes(ctx: Context) -> None:
    [page] = reading.read_file((TINY / "a01_salaried_clean" / "id_back.jpg").read_bytes(), file_id="f",
                               filename="id_back.jpg", ctx=ctx)
    assert page.source == PageSource.OCR and page.unit == Unit.PX
    assert "签发机关" in page.text.replace(" ", "")
    assert all(0 <= w.bbox.x0 < w.bbox.x1 <= page.width for w in page.words)


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyFile),
    (b"hello world", UnsupportedFileType),
    (b"%PDF-1.4\ngarbage", CorruptFile),
    (b"\xff\xd8\xff\xe0garbage", CorruptFile),
])
def test_bad_bytes_raise_input_errors(ctx: Context, data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        reading.read_file(data, file_id="f", filename="x", ctx=ctx)


def test_too_many_pages_is_refused_before_reading(ctx: Context) -> None:
    data = text_pdf([["page"]] * 10_000)
    with pytest.raises(TooManyPages, match="10000 pages"):
        reading.read_file(data, file_id="f", filename="big.pdf", ctx=_no_ocr(ctx))


def test_image_over_the_pixel_limit_is_a_decompression_bomb(ctx: Context) -> None:
    buf = io.BytesIO()
    Image.new("L", (4000, 4000), 255).save(buf, "PNG")
    small = Context(**{**ctx.__dict__, "settings": ctx.settings.model_copy(update={"max_image_pixels": 1_000_000})})
    with pytest.raises(DecompressionBomb, match="4000"):
        reading.read_file(buf.getvalue(), file_id="f", filename="huge.png", ctx=small)


def _realdoc(name: str) -> Path:
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"third-party sample {name} not available")
    return path


def test_encrypted_third_party_pdf_is_a_clear_error(ctx: Context) -> None:
    data = _realdoc("pdf_edge_cases/pdf_encrypted_password_is_test.pdf").read_bytes()
    with pytest.raises(EncryptedPdf, match="password-protected"):
        reading.read_file(data, file_id="f", filename="e.pdf", ctx=ctx)


def test_malformed_third_party_pdf_reads_or_refuses_cleanly(ctx: Context) -> None:
    data = _realdoc("pdf_edge_cases/pdf_malformed_issue932.pdf").read_bytes()
    try:
        pages = reading.read_file(data, file_id="f", filename="m.pdf", ctx=ctx)
    except CorruptFile:
        return
    assert pages and all(p.number >= 1 for p in pages)


def test_word_produced_statement_keeps_its_producer(ctx: Context) -> None:
    data = _realdoc("bank_statements/en/en_woodforest_template_word_3p.pdf").read_bytes()
    pages = reading.read_file(data, file_id="f", filename="w.pdf", ctx=_no_ocr(ctx))
    assert len(pages) == 3 and all(p.source == PageSource.TEXT_LAYER for p in pages)
    assert "Word" in (pages[0].meta["pdf"]["producer"] or "")


def test_digits_in_a_latin_face_stay_in_their_line_of_cjk_text() -> None:
    from docproc.reading.pdf_pages import text_layer_words as _text_layer_words

    def w(text: str, x0: float, top: float) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": top + 10, "size": 10.5, "fontname": "F"}

    footer = [w("第", 280, 800.0), w("5", 292, 801.4), w("页，共", 300, 800.0), w("8", 336, 801.4), w("页", 344, 800.0),
              w("合计", 40, 760.0), w("2,084,048.00", 90, 761.9)]
    words = _text_layer_words(footer)
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.text)
    assert list(lines.values()) == [["合计", "2,084,048.00"], ["第", "5", "页，共", "8", "页"]]
