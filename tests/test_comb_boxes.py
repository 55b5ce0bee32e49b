"""Comb boxes (one character per box) are found by their walls, wiped, and each row read as one line
(comb_boxes.py); an amount in a place-value grid is read by the column of its last digit (_amount_grid.py)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._amount_grid import _places, grid_amounts
from docproc.extractors._text import PageText
from docproc.reading import read as reading
from docproc.reading.comb_boxes import CombRow, Wall, _row_word, comb_page, find_comb_rows, read_comb_rows
from docproc.service.context import Context
from tests.test_overprint_ink import FONT, _png

ID_NUMBER = "440106198811230417"  # many 1s: the digit a cell's wall is mistaken for


def _boxes(draw: ImageDraw.ImageDraw, x: int, y: int, chars: str, font: ImageFont.FreeTypeFont, *,
           width: int = 46, height: int = 54) -> int:
    """A row of boxes with one character centred in each; returns the x after the row."""
    for i, char in enumerate(chars):
        left = x + i * width
        draw.rectangle((left, y, left + width, y + height), outline=40, width=2)
        if char != " ":
            w = draw.textlength(char, font=font)
            draw.text((left + (width - w) / 2, y + 10), char, font=font, fill=0)
    return x + len(chars) * width


def _form() -> Image.Image:
    """A loan form of our own drawing: labelled comb rows, dates in boxes and a 亿…分 amount grid."""
    assert FONT
    page = Image.new("L", (1500, 1100), 250)
    draw = ImageDraw.Draw(page)
    label, digit, small = (ImageFont.truetype(FONT, s) for s in (30, 32, 24))
    draw.text((80, 60), "职工收入情况证明表", font=ImageFont.truetype(FONT, 44), fill=0)
    draw.text((80, 190), "公民身份号码", font=label, fill=0)
    _boxes(draw, 300, 178, ID_NUMBER, digit)
    draw.text((80, 330), "参加工作时间", font=label, fill=0)
    x = _boxes(draw, 300, 318, "2019", digit)
    draw.text((x + 8, 330), "年", font=label, fill=0)
    x = _boxes(draw, x + 50, 318, "04", digit)
    draw.text((x + 8, 330), "月", font=label, fill=0)
    draw.text((80, 520), "月均收入（小写）", font=label, fill=0)
    header = "亿仟佰拾万仟佰拾元角分"
    for i, char in enumerate(header):  # one column per place: the place over the digit, in one tall box
        left = 360 + i * 50
        draw.rectangle((left, 470, left + 50, 600), outline=40, width=2)
        draw.text((left + 13, 478), char, font=small, fill=0)
    draw.line((360, 515, 360 + 50 * len(header), 515), fill=40, width=2)
    for i, char in enumerate("   ¥1234567"):
        if char != " ":
            draw.text((360 + i * 50 + 15, 538), char, font=digit, fill=0)
    draw.text((80, 660), "月均收入（大写）：人民币壹万贰仟叁佰肆拾伍元陆角柒分", font=label, fill=0)
    draw.text((80, 760), "工作单位：成都锦程电子科技有限公司", font=label, fill=0)
    return page


# ---------------------------------------------------------------- finding the rows


@pytest.mark.skipif(FONT is None, reason="no CJK font")
def test_the_walls_of_comb_rows_are_found_and_no_digit_is_taken_for_one() -> None:
    rows = find_comb_rows(np.asarray(_form()))
    cells = sorted(row.cells for row in rows)
    assert 18 in cells  # the ID number's row, whatever its 1s
    assert any(row.cells >= 11 and row.box[3] - row.box[1] > 100 for row in rows)  # the grid: places over digits
    id_row = next(row for row in rows if row.cells == 18)
    assert id_row.box[0] == pytest.approx(300, abs=4) and id_row.box[2] == pytest.approx(300 + 18 * 46, abs=4)


def test_a_table_of_wide_columns_and_free_strokes_have_no_comb_rows() -> None:
    page = Image.new("L", (1400, 900), 255)
    draw = ImageDraw.Draw(page)
    for r in range(8):  # a statement's ruled table: cells far wider than tall
        for c in range(5):
            draw.rectangle((100 + c * 240, 100 + r * 50, 340 + c * 240, 150 + r * 50), outline=0, width=2)
    for i in range(12):  # strokes like 1s standing free under the table
        draw.line((200 + i * 40, 600, 200 + i * 40, 640), fill=0, width=3)
    assert find_comb_rows(np.asarray(page)) == []
    assert comb_page(np.asarray(page)) is None


def test_an_unsure_row_read_keeps_the_page_words() -> None:
    class Unsure:
        name = "unsure"

        def read_line(self, image: np.ndarray, **kwargs: object) -> tuple[str, float]:
            return "1", 0.2

    page = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(page)
    for i in range(8):
        draw.rectangle((100 + i * 50, 100, 150 + i * 50, 160), outline=0, width=2)
        draw.text((118 + i * 50, 110), "7", fill=0, font=ImageFont.load_default(size=36))
    comb = comb_page(np.asarray(page))
    assert comb is not None and comb.cells == 8
    words = [Word(text="7 7 7", bbox=BBox(x0=110, y0=110, x1=400, y1=150), confidence=0.5)]
    assert [w.text for w in read_comb_rows(comb, words, Unsure())] == ["7 7 7"]  # type: ignore[arg-type]


def test_a_row_too_thin_to_hold_writing_is_not_read() -> None:
    """The strokes of small print in a photo can pass for a few cells whose text row is 3 px tall: no read."""
    walls = (Wall(10, 12, 100, 110, 1), Wall(24, 25, 100, 110, 2), Wall(38, 40, 100, 110, 3))
    wiped = np.full((200, 100), 255, np.uint8)
    assert _row_word(wiped, CombRow(walls), (101, 104), None) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- the grid's places


def test_places_count_from_the_right_and_restart_at_wan_and_yi() -> None:
    assert _places("佰拾万仟佰拾元角分") == [6, 5, 4, 3, 2, 1, 0, -1, -2]
    assert _places("亿仟佰拾万仟佰拾元") == [8, 7, 6, 5, 4, 3, 2, 1, 0]


def _word(text: str, x0: float, x1: float, y0: float, line: int) -> Word:
    return Word(text=text, bbox=BBox(x0=x0, y0=y0, x1=x1, y1=y0 + 24), confidence=0.9, line=line)


def _page(words: list[Word]) -> PageText:
    return PageText(Page(file_id="f", number=1, width=1000, height=600, unit=Unit.PX, source=PageSource.OCR,
                         words=tuple(words)))


def test_the_column_of_the_last_digit_gives_the_place() -> None:
    header = _word("佰拾万仟佰拾元角分", 100, 550, 100, 0)  # nine columns of 50
    to_fen = _page([header, _word("¥800000", 250, 548, 150, 1)])
    assert [g.value for g in grid_amounts(to_fen)] == [Decimal("8000.00")]
    to_yuan = _page([header, _word("8000", 250, 448, 150, 1)])  # 角 and 分 left empty
    assert [g.value for g in grid_amounts(to_yuan)] == [Decimal("8000.00")]
    too_many = _page([header, _word("1234567890", 100, 548, 150, 1)])  # more digits than columns to its end
    assert grid_amounts(too_many) == []
    far_below = _page([header, _word("800000", 250, 548, 400, 1)])
    assert grid_amounts(far_below) == []


# ---------------------------------------------------------------- read with the engine


@pytest.mark.skipif(FONT is None, reason="no CJK font")
def test_a_form_of_comb_boxes_is_read_whole(ctx: Context) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    if ctx.ocr.name != "rapidocr":
        pytest.skip("reads with RapidOCR")
    [page] = reading.read_file(_png(_form()), file_id="f", filename="form.png", ctx=ctx)
    assert page.meta.get("comb_cells", 0) >= 18 + 6 + 11
    assert ID_NUMBER in page.text.replace(" ", "")
    doc = RawDocument(file_id="f", doc_type=DocType.INCOME_PROOF, pages=(page,))
    fields = {k: str(f.value) for k, f in EXTRACTORS.get("income_proof")(doc, ctx).fields.items()}
    assert fields["id_number"] == ID_NUMBER
    assert fields["monthly_income"] == "12345.67"

