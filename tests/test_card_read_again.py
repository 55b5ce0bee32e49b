"""An ID card front whose page read lost rows (a fax, a grainy copy): the card's text block read again on its own,
its sex, ethnicity and birth date taken where the id number (or the list of ethnic groups) confirms them."""

from __future__ import annotations

from datetime import date

import cv2
from PIL import ImageFont

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.service.context import Context
from tests.test_ocr import cjk_font_path, render

NUMBER = "320105199003070112"  # a man born 1990-03-07
PX = 40
STEP = int(PX * 1.8)  # render()'s line pitch


def _front(ctx: Context | None, sex: str) -> dict[str, object]:
    """A card whose first read returned only the name row and the number row."""
    lines = ["姓名 王海", f"性别 {sex}  民族 汉", "出生 1990年3月7日", "住址 南京市鼓楼区中山路1号", f"号码 {NUMBER}"]
    image = render(lines, px=PX)
    font = ImageFont.truetype(cjk_font_path(), PX)
    ok, png = cv2.imencode(".png", image)
    assert ok
    number_x = 30 + font.getlength("号码 ")
    y = 20 + 4 * STEP
    words = (Word(text="姓名王海", bbox=BBox(x0=30, y0=20, x1=30 + font.getlength("姓名 王海"), y1=20 + PX),
                  confidence=0.9, line=0),
             Word(text="号码", bbox=BBox(x0=30, y0=y, x1=30 + 2 * PX, y1=y + PX), confidence=0.9, line=1),
             Word(text=NUMBER, bbox=BBox(x0=number_x, y0=y, x1=number_x + font.getlength(NUMBER), y1=y + PX),
                  confidence=0.95, line=1))
    sha = ctx.blobs.put(png.tobytes()) if ctx else None
    page = Page(file_id="f", number=1, width=image.shape[1], height=image.shape[0], unit=Unit.PX,
                source=PageSource.OCR, words=words, render_sha256=sha, render_width=image.shape[1],
                render_height=image.shape[0])
    raw = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,))
    return {k: f.value for k, f in EXTRACTORS.get("id_card")(raw, ctx).fields.items()}


def test_rows_the_page_read_lost_are_read_again_from_the_cards_block(ctx: Context) -> None:
    got = _front(ctx, "男")
    assert got["sex"] == "男" and got["ethnicity"] == "汉" and got["birth_date"] == date(1990, 3, 7)
    assert "address" not in got  # nothing confirms an address a second read gives: not taken from it
    assert not {"sex", "ethnicity", "birth_date"} & set(_front(None, "男"))  # nothing to read it again from


def test_a_sex_the_number_does_not_encode_is_not_taken_from_the_second_read(ctx: Context) -> None:
    got = _front(ctx, "女")
    assert "sex" not in got and got["birth_date"] == date(1990, 3, 7)
