"""A document photographed where it hangs: a licence in its frame on a wall, behind glass, a few degrees askew.

The page is drawn here with Pillow and set into a scene of our own (a shaded wall, a grey mat, a green frame
edge, flat glare patches) rather than taken from any corpus.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.reading import imaging
from docproc.reading import read as reading
from docproc.service.context import Context
from tests.conftest import REALDOCS
from tests.test_imaging import cjk_font_path

NAME = "成都市锦江区蓝湾五金经营部"
ADDRESS = ("四川省成都市锦江区东大街128号3号楼2单元", "1806号")  # wrapped onto a second line under itself


def _licence() -> Image.Image:
    """A 个体工商户 licence: labels and values in two columns, the address wrapped under itself."""
    page = Image.new("RGB", (1400, 980), (246, 244, 226))
    draw = ImageDraw.Draw(page)
    small, text, title = (ImageFont.truetype(cjk_font_path(), s) for s in (18, 22, 56))
    draw.rectangle((30, 30, 1370, 950), outline=(200, 40, 40), width=4)
    draw.rectangle((42, 42, 1358, 938), outline=(200, 40, 40), width=2)
    draw.text((90, 80), "统一社会信用代码", font=small, fill=(30, 30, 30))
    draw.text((90, 108), "92510104MA6C3KXQ1B", font=text, fill=(20, 20, 20))
    draw.text((560, 190), "营 业 执 照", font=title, fill=(20, 20, 20))
    left = (("名      称", NAME), ("类      型", "个体工商户"), ("经 营 者", "罗春燕"))
    right = (("组成形式", "个人经营"), ("注册日期", "2019年05月17日"), ("经营场所", ADDRESS[0]))
    for row, ((key, value), (key2, value2)) in enumerate(zip(left, right, strict=True)):
        draw.text((120, 330 + 40 * row), key, font=text, fill=(20, 20, 20))
        draw.text((260, 330 + 40 * row), value, font=text, fill=(40, 40, 40))
        draw.text((760, 330 + 40 * row), key2, font=text, fill=(20, 20, 20))
        draw.text((890, 330 + 40 * row), value2, font=text, fill=(40, 40, 40))
    draw.text((890, 440), ADDRESS[1], font=text, fill=(40, 40, 40))
    draw.text((120, 500), "经营范围", font=text, fill=(20, 20, 20))
    draw.text((260, 500), "销售五金交电、日用百货、建筑材料。", font=text, fill=(40, 40, 40))
    draw.text((980, 800), "登记机关", font=text, fill=(20, 20, 20))
    draw.text((950, 840), "2024年03月08日", font=text, fill=(20, 20, 20))
    return page


def _framed_photo(page: Image.Image, angle: float) -> np.ndarray:
    """The page on a grey mat in a frame with a green edge, glare on the glass, hung on a shaded wall and
    photographed ``angle`` degrees askew (counter-clockwise positive); BGR."""
    width, height = 2400, 1800
    shade = np.linspace(150, 225, width, dtype=np.float32)[None, :] * np.linspace(0.85, 1.0, height, dtype=np.float32)[:, None]
    wall = Image.fromarray(np.dstack([shade, shade, shade * 1.02]).clip(0, 255).astype(np.uint8))
    frame = Image.new("RGB", (1700, 1250), (150, 160, 148))
    ImageDraw.Draw(frame).rectangle((0, 1180, 1700, 1250), fill=(90, 150, 100))
    frame.paste(page, (150, 120))
    glare = Image.new("L", frame.size, 0)
    ImageDraw.Draw(glare).rectangle((1420, 60, 1640, 330), fill=210)  # a window reflected in the glass
    ImageDraw.Draw(glare).rectangle((40, 1040, 330, 1200), fill=230)
    frame = Image.composite(Image.new("RGB", frame.size, (250, 250, 250)), frame, glare)
    tilted = frame.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    inside = Image.new("L", frame.size, 255).rotate(angle, expand=True)
    wall.paste(tilted, ((width - tilted.width) // 2, (height - tilted.height) // 2), inside)
    return np.asarray(wall.filter(ImageFilter.GaussianBlur(0.8)))[:, :, ::-1].copy()


@pytest.mark.parametrize("angle", [5.0, -4.0])
def test_the_skew_of_a_framed_licence_is_found_by_its_print(angle: float) -> None:
    """Otsu's threshold parts the shaded wall from the lit one here, not print from paper: the strokes tell."""
    assert imaging.estimate_skew(_framed_photo(_licence(), angle)) == pytest.approx(angle, abs=0.5)


@pytest.mark.skipif(not (REALDOCS / "invoices_licenses_cn").is_dir(), reason="realdocs not present")
@pytest.mark.parametrize("name", ["invoices_licenses_cn/cn_business_licence_specimen.png",
                                  "seals/seal_phone_photo_notice_round_seal.png",
                                  "invoices_licenses_cn/cn_vat_special_invoice_specimen.jpg"])
def test_straight_third_party_pages_stay_straight(name: str) -> None:
    image = imaging.load_image((REALDOCS / name).read_bytes())
    assert abs(imaging.estimate_skew(image) or 0.0) <= 0.3


@pytest.mark.parametrize("angle", [5.0, -4.0])
def test_a_framed_licence_photo_gives_its_name_and_whole_address(ctx: Context, angle: float) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    if ctx.ocr.name != "rapidocr":
        pytest.skip("reads with RapidOCR")
    photo = imaging.encode_jpeg(_framed_photo(_licence(), angle), quality=90)
    [page] = reading.read_file(photo, file_id="f", filename="licence.jpg", ctx=ctx)
    doc = RawDocument(file_id="f", doc_type=DocType.BUSINESS_LICENSE, pages=(page,))
    fields = {k: str(f.value) for k, f in EXTRACTORS.get("business_license")(doc, ctx).fields.items()}
    assert fields["company_name"] == NAME
    assert fields["address"] == "".join(ADDRESS)


def _word(text: str, box: tuple[float, float, float, float], line: int) -> Word:
    return Word(text=text, bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3], unit=Unit.PX), confidence=0.95,
                line=line)


def test_a_name_read_a_row_lower_than_its_label_is_still_the_name() -> None:
    """A photo a few degrees askew that deskewing could not straighten: the name, lower at its right end, is
    grouped with the row under its label (类型), and its label 名 称 stands alone on its row."""
    words = (_word("营业执照", (642, 135, 848, 191), 0), _word("名", (424, 189, 437, 202), 1),
             _word("称", (456, 192, 469, 205), 1), _word("类", (421, 213, 435, 228), 2),
             _word("型", (452, 214, 469, 232), 2), _word(NAME, (500, 193, 649, 224), 2),
             _word("个体工商户", (497, 216, 559, 242), 3), _word("组成形式", (750, 215, 804, 241), 3),
             _word("个人经营", (828, 223, 883, 249), 3), _word("经营者", (415, 234, 464, 256), 4),
             _word("罗春燕", (495, 241, 535, 264), 4))
    page = Page(file_id="f", number=1, width=1400, height=900, unit=Unit.PX, source=PageSource.OCR, words=words)
    doc = RawDocument(file_id="f", doc_type=DocType.BUSINESS_LICENSE, pages=(page,))
    fields = {k: str(f.value) for k, f in EXTRACTORS.get("business_license")(doc, None).fields.items()}  # type: ignore[arg-type]
    assert fields["company_name"] == NAME
    assert fields["legal_representative"] == "罗春燕"


def test_a_spaced_label_whose_letters_boxes_overlap_still_leads_to_its_value() -> None:
    """The detector boxed 称 from inside 名: the rows as read split 名 称 over two lines, the boxes still join them."""
    words = (_word("营业执照", (870, 436, 1181, 482), 0), _word("称", (543, 534, 598, 559), 1),
             _word("名", (522, 535, 555, 559), 2), _word(NAME, (645, 534, 877, 560), 2),
             _word("组成形式", (1043, 538, 1121, 562), 2), _word("个人经营", (1169, 537, 1248, 564), 2),
             _word("类", (519, 570, 549, 594), 3), _word("型", (568, 572, 594, 593), 3),
             _word("个体工商户", (642, 571, 735, 595), 3))
    page = Page(file_id="f", number=1, width=2000, height=1500, unit=Unit.PX, source=PageSource.OCR, words=words)
    doc = RawDocument(file_id="f", doc_type=DocType.BUSINESS_LICENSE, pages=(page,))
    fields = EXTRACTORS.get("business_license")(doc, None).fields  # type: ignore[arg-type]
    assert fields["company_name"].value == NAME
