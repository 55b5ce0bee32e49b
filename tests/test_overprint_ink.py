"""A phrase overprinted across an ID copy is wiped from the page by its ink and the page read again (overprint_ink.py)."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from docproc.core.models import BBox, DocType, RawDocument, Side, Word
from docproc.extractors import EXTRACTORS
from docproc.reading import read as reading
from docproc.reading.overprint import without_trailing_piece
from docproc.reading.overprint_ink import ink_mask, merge_reads, overprint_ink, read_through_overprint
from docproc.service.context import Context

CELL = 40.0
PHRASE = "仅供办理住房贷款使用，他用无效"


def _level(text: str, x0: float, y0: float) -> Word:
    width = sum(CELL if ord(c) > 0x2E80 else CELL / 2 for c in text)
    return Word(text=text, bbox=BBox(x0=x0, y0=y0, x1=x0 + width, y1=y0 + CELL), confidence=0.95)


def _at(text: str, x0: float, y0: float, degrees: float = 30) -> Word:
    a, n = math.radians(degrees), len(text)
    width, height = CELL * (n * math.cos(a) + math.sin(a)), CELL * (n * math.sin(a) + math.cos(a))
    return Word(text=text, bbox=BBox(x0=x0, y0=y0, x1=x0 + width, y1=y0 + height), confidence=0.9)


OVERPRINT = [_at(PHRASE, 0, 900), _at(PHRASE, 700, 1200), _at(PHRASE[5:], 100, 1500)]


def _texts(words: list[Word]) -> list[str]:
    return [w.text for w in words]


# ---------------------------------------------------------------- merging the two reads


def test_a_label_wiped_with_the_overprint_is_kept_from_the_first_read() -> None:
    first = [_level("姓名", 100, 100), _level("张秀兰贷", 300, 100), *OVERPRINT]
    second = [_level("张秀兰", 300, 100)]
    assert _texts(merge_reads(first, second)) == ["姓名", "张秀兰"]


def test_a_first_read_word_made_mostly_of_the_phrase_is_dropped() -> None:
    first = [_level("住址", 100, 200), _level("款使", 600, 200), *OVERPRINT]
    assert _texts(merge_reads(first, [])) == ["住址"]


def test_a_second_read_box_grown_over_a_kept_label_starts_at_its_edge() -> None:
    label = _level("住址", 100, 200)
    grown = Word(text="浙江省杭州市", bbox=BBox(x0=165, y0=200, x1=500, y1=240), confidence=0.9)
    merged = merge_reads([label, *OVERPRINT], [grown])
    assert _texts(merged) == ["住址", "浙江省杭州市"]
    assert merged[1].bbox.x0 == label.bbox.x1


def test_a_second_read_that_only_lost_print_gives_way_to_the_first() -> None:
    # thin grey digits wiped with the overprint: the second read lost them, and none of the phrase's characters
    first = [_level("1996年9月1日", 300, 300), *OVERPRINT]
    assert _texts(merge_reads(first, [_level("1年9月1日", 300, 300)])) == ["1996年9月1日"]
    # the characters lost are the phrase's own: the second read is the cleaner one
    first = [_level("文三路88号使用", 300, 300), *OVERPRINT]
    assert _texts(merge_reads(first, [_level("文三路88号", 300, 300)])) == ["文三路88号"]


def test_a_piece_of_the_phrase_left_in_the_second_read_is_dropped() -> None:
    first = [_level("住址", 100, 200), *OVERPRINT]
    assert _texts(merge_reads(first, [_level("贷款使", 900, 200), _level("88号", 300, 200)])) == ["住址", "88号"]


def test_a_piece_of_an_overprint_glued_to_an_address_end_is_trimmed() -> None:
    assert without_trailing_piece("西昌路158号4单元1204号印件", "号室") == "西昌路158号4单元1204号"
    assert without_trailing_piece("文三路88号此", "号室") == "文三路88号"
    # what is left must end as an address does; a place name that shares a character is kept
    assert without_trailing_piece("西湖区文三路88号", "号室") == "西湖区文三路88号"
    assert without_trailing_piece("广渠路锦程花园使", "号室") == "广渠路锦程花园使"


# ---------------------------------------------------------------- the ink


FONT = next((p for p in ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc") if Path(p).exists()), None)
CARD = [("姓名", "张秀兰"), ("性别", "女"), ("出生", "1987年3月14日"), ("住址", "浙江省杭州市西湖区文三路88号"),
        ("公民身份号码", "330106198703140025")]


def _overprinted_card() -> Image.Image:
    """A card's rows in black (grey labels) under a grey phrase repeated at 30° across the sheet."""
    assert FONT
    page = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(page)
    label, value = ImageFont.truetype(FONT, 30), ImageFont.truetype(FONT, 40)
    for i, (name, text) in enumerate(CARD):
        draw.text((200, 156 + 110 * i), name, font=label, fill=90)
        draw.text((420, 150 + 110 * i), text, font=value, fill=0)
    layer = Image.new("L", (2400, 2400), 0)
    font = ImageFont.truetype(FONT, 44)
    for row in range(-2, 24):
        for col in range(4):
            ImageDraw.Draw(layer).text((col * 820 - (row % 2) * 400, row * 110), PHRASE, font=font, fill=255)
    layer = layer.rotate(30, resample=Image.Resampling.BICUBIC).crop((500, 700, 1900, 1700))
    return Image.composite(ImageChops.darker(page, Image.new("L", page.size, 140)), page, layer)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG")
    return out.getvalue()


@pytest.mark.skipif(FONT is None, reason="no CJK font")
def test_the_ink_is_found_along_the_rows_and_spares_the_black_print() -> None:
    grey = np.asarray(_overprinted_card())
    words = [_at(PHRASE, 0, 600), _at(PHRASE, 700, 500), _at(PHRASE, 300, 800), _at(PHRASE, 900, 100)]
    ink = overprint_ink(grey, [Word(text=w.text, bbox=w.bbox, confidence=0.9) for w in words])
    assert ink is not None and abs(abs(ink.angle) - 30) < 1.5 and ink.rows
    mask = ink_mask(grey, ink)
    assert not mask[grey < 40].any()  # black print is never wiped
    assert mask[(grey > 120) & (grey < 160)].mean() > 0.5  # most of the overprint's grey is


def test_a_page_without_an_overprint_is_not_read_again() -> None:
    class Refuses:
        name = "refuses"

        def read(self, image: np.ndarray, **kwargs: object) -> list[Word]:
            raise AssertionError("read again")

    words = [_level("姓名", 100, 100), _level("张秀兰", 300, 100)]
    image = np.full((400, 600), 255, np.uint8)
    assert read_through_overprint(image, image, words, Refuses()) == (words, False)  # type: ignore[arg-type]


@pytest.mark.skipif(FONT is None, reason="no CJK font")
def test_an_overprinted_card_is_read_through_its_overprint(ctx: Context) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    if ctx.ocr.name != "rapidocr":
        pytest.skip("reads with RapidOCR")
    [page] = reading.read_file(_png(_overprinted_card()), file_id="f", filename="id.png", ctx=ctx)
    doc = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,))
    fields = {k: str(f.value) for k, f in EXTRACTORS.get("id_card")(doc, ctx).fields.items()}
    assert fields["id_number"] == "330106198703140025"
    assert fields["address"] == "浙江省杭州市西湖区文三路88号"
    assert (fields["sex"], fields["birth_date"]) == ("女", "1987-03-14")
    assert page.meta.get("overprint_cleared") is True


@pytest.mark.skipif(FONT is None, reason="no CJK font")
def test_a_coloured_overprint_is_told_from_the_print_by_its_colour() -> None:
    grey = np.asarray(_overprinted_card())
    colour = np.stack([grey] * 3, axis=2).copy()
    phrase = (grey > 100) & (grey < 200)  # the grey phrase (and the labels' edges) made red, as a red pen would
    colour[phrase] = (60, 60, 220)  # BGR
    words = [_at(PHRASE, 0, 600), _at(PHRASE, 700, 500), _at(PHRASE, 300, 800), _at(PHRASE, 900, 100)]
    ink = overprint_ink(colour, words)
    assert ink is not None and ink.colour is not None
    mask = ink_mask(colour, ink)
    assert not mask[grey < 40].any() and mask[phrase].mean() > 0.5
