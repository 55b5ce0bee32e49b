"""ID cards made by other hands: both sides copied on one sheet, rotated cards, misread grey labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.reading import classify, imaging
from docproc.reading import read as reading
from docproc.reading.cards import find_cards
from docproc.reading.ocr import number_lines
from docproc.service import pipeline
from docproc.service.context import Context
from tests.conftest import REALDOCS

CARDS = REALDOCS / "id_cards_cn"


def _realdoc(name: str) -> Path:
    path = CARDS / name
    if not path.exists():
        pytest.skip(f"third-party sample {name} not available")
    return path


# ---------------------------------------------------------------- finding every card on a sheet


@pytest.mark.parametrize("name", ["cn_id_photocopy_frontback_ccf_1.jpg", "cn_id_photocopy_frontback_ccf_b1.png"])
def test_both_cards_of_a_photocopied_sheet_are_found(name: str) -> None:
    page = imaging.load_image(_realdoc(name).read_bytes())
    cards = find_cards(page)
    assert len(cards) == 2
    tops = [float(c.quad[:, 1].min()) for c in cards]
    assert tops == sorted(tops) and tops[1] > 400  # front copied above, back below
    for card in cards:
        assert card.image.shape[1] == 1200 and card.image.shape[1] / card.image.shape[0] == pytest.approx(1.585, abs=0.01)
        inner = imaging.to_gray(card.image)[40:-40, 40:-40]
        assert inner.mean() > 150  # card, not the grey sheet around it


def test_cards_far_apart_on_a_plain_sheet_and_none_on_a_text_page() -> None:
    sheet = np.full((1000, 1000, 3), 250, np.uint8)
    for x, y in ((80, 90), (420, 560)):
        cv2.rectangle(sheet, (x, y), (x + 428, y + 270), (205, 205, 205), -1)  # card tone on white paper
        cv2.putText(sheet, "ID 110105", (x + 40, y + 150), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (40, 40, 40), 2)
    assert len(find_cards(sheet)) == 2
    pale = sheet.copy()
    cv2.rectangle(pale, (420, 560), (848, 830), (242, 252, 248), -1)  # a pale tinted card: grey ~250 on white
    cv2.putText(pale, "ID 110105", (460, 710), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (40, 40, 40), 2)
    assert len(find_cards(pale)) == 2
    letter = sheet.copy()
    cv2.putText(letter, "Page text beside the card", (80, 470), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (40, 40, 40), 2)
    cv2.rectangle(letter, (420, 560), (848, 830), (250, 250, 250), -1)  # one card left, print outside it
    assert find_cards(letter) == []  # cropping to the card would lose that print
    text = np.full((1000, 800, 3), 250, np.uint8)
    for row in range(80, 900, 40):
        cv2.putText(text, "Statement of account 2024 balance", (40, row), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2)
    assert find_cards(text) == []


# ---------------------------------------------------------------- one page, one document per card


def _word(text: str, y: float, x0: float = 100.0) -> Word:
    return Word(text=text, bbox=BBox(x0=x0, y0=y, x1=x0 + 40 * len(text), y1=y + 40), confidence=0.95, line=int(y))


def test_each_card_of_a_sheet_becomes_its_own_document() -> None:
    front = ["姓名黄梧", "性女民族回", "公民身份号码350527198905118702"]
    back = ["中华人民共和国", "签发机关泉州市金门县公安局", "有效期限2012.05.28-2022.05.28"]
    words = [_word(t, 100 + 80 * i) for i, t in enumerate(front)] + [_word(t, 1000 + 80 * i) for i, t in enumerate(back)]
    cards = [{"box": [0, 0, 1400, 880]}, {"box": [0, 930, 1400, 1810]}]
    page = Page(file_id="f", number=1, width=1400, height=1810, unit=Unit.PX, source=PageSource.OCR,
                words=tuple(words), meta={"card_warped": True, "cards": cards})
    parts = classify.card_parts(page)
    docs = classify.split(parts, classify.label_pages(parts))
    assert [(d.doc_type, d.side, d.page_numbers) for d in docs] == [
        (DocType.ID_CARD, Side.FRONT, [1]), (DocType.ID_CARD, Side.BACK, [1])]
    assert "签发机关" not in docs[0].pages[0].text and "黄梧" not in docs[1].pages[0].text


# ---------------------------------------------------------------- labels as OCR reads them on a photocopy


def _front(lines: list[str]) -> tuple[dict[str, object], dict[str, object]]:
    words = tuple(_word(t, 100 + 80 * i) for i, t in enumerate(lines))
    page = Page(file_id="f", number=1, width=1400, height=900, unit=Unit.PX, source=PageSource.OCR, words=words)
    out = EXTRACTORS.get("id_card")(RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,)),
                                    None)  # type: ignore[arg-type]
    return {k: f.value for k, f in out.fields.items()}, {**out.meta, "confidence": {k: f.confidence for k, f in out.fields.items()}}


def test_misread_grey_labels_still_give_sex_and_birth_date_but_no_made_up_ethnicity() -> None:
    # lines as RapidOCR read them on the CCF photocopies: 性别 as 性所, 出生 as 出全, 民族瑶 as 民新理
    fields, meta = _front(["姓名姚秋霞", "性所女民新理", "出全1979年12月4日", "变印无效",
                           "公民身份号码410423197912047122"])
    assert fields["sex"] == "女" and fields["birth_date"] == date(1979, 12, 4)
    assert "ethnicity" not in fields  # 新理 is no nationality: nothing rather than a wrong value
    assert meta["field_sources"] == {"sex": "unlabelled, agrees with the id number",
                                     "birth_date": "unlabelled, agrees with the id number"}


def test_an_unlabelled_value_is_read_but_not_invented_from_the_id_number() -> None:
    # as read on a CCF photocopy: the 性别 and 出生 labels lost, the card prints 男 while its number encodes 女
    fields, meta = _front(["姓名黄志志", "男民牌低", "公民务份号号440117199903147309"])
    assert fields["sex"] == "男"  # the printed value stands, for the id-number check to weigh
    assert "birth_date" not in fields  # no printed date read: the number's date is not put in its place
    assert meta["field_sources"] == {"sex": "unlabelled"}
    assert meta["confidence"]["sex"] < 0.95 * 0.7  # read without its label and not confirmed: trusted less


def test_a_copy_stamp_over_the_address_is_not_part_of_it() -> None:
    fields, _ = _front(["姓名黄梧", "性别女民族回", "出生1989年5月11日", "住址福建省泉州市金门县金门县", "复印无效",
                        "公民身份号码350527198905118702"])
    assert fields["address"] == "福建省泉州市金门县金门县"


def test_a_faxed_front_whose_labels_and_last_character_the_fax_garbled_still_gives_number_and_address() -> None:
    # a fax's thresholding: 姓名 as 如名, 出生 as 出1, no 住址 read, the number's X read as ")"
    fields, meta = _front(["如名刘晓", "州别男 民放汉", "出11990年3月7日", "江苏省南京市玄武区",
                           "中山路18号3栋402室", "公民身份中码 32010519900307018)"])
    assert fields["id_number"] == "32010519900307018X"
    assert meta["confidence"]["id_number"] < 0.95  # its last character came from the check digit: trusted less
    assert fields["address"] == "江苏省南京市玄武区中山路18号3栋402室"
    assert fields["birth_date"] == date(1990, 3, 7)


def test_a_name_whose_label_was_lost_is_the_row_above_the_sex_and_trusted_less() -> None:
    fields, meta = _front(["P.01/01", "董晓", "性利男民放汉", "公民身份号码 32010519900307018X"])
    assert fields["name"] == "董晓" and meta["field_sources"]["name"] == "unlabelled"
    assert meta["confidence"]["name"] < 0.95 * 0.7
    fields, _ = _front(["姓董晓", "性利男民放汉", "公民身份号码 32010519900307018X"])  # 名 lost, 姓 kept
    assert fields["name"] == "董晓"
    fields, _ = _front(["居民身份证", "性别男 民族汉", "公民身份号码 32010519900307018X"])
    assert "name" not in fields  # the other side's title above the sex's row is no name


def test_a_faxed_sheet_with_both_sides_is_a_front_too_when_only_its_number_says_so() -> None:
    lines = ["如名刘晓", "州别男 民放汉", "公R9号47320105199003070040", "中华人民共和国", "居民身份证",
             "签发机关 南京市公安局玄武分局", "有效期限 2016.05.04-2036.05.04"]
    page = Page(file_id="f", number=1, width=1400, height=900, unit=Unit.PX, source=PageSource.OCR,
                words=tuple(_word(t, 100 + 80 * i) for i, t in enumerate(lines)))
    label = classify.label_page(page)
    assert (label.doc_type, label.both_sides) == (DocType.ID_CARD, True)


# ---------------------------------------------------------------- real OCR on the real files


@pytest.mark.slow
def test_a_photocopied_sheet_gives_a_front_and_a_back_document(ctx: Context) -> None:
    data = _realdoc("cn_id_photocopy_frontback_ccf_b1.png").read_bytes()  # both cards upside down
    pages = reading.read_file(data, file_id="f", filename="b1.png", ctx=ctx)
    docs = {d.side: d for d in pipeline.documents_from_pages(ctx, pages) if d.type == DocType.ID_CARD}
    assert set(docs) == {Side.FRONT, Side.BACK} and docs[Side.FRONT].pages == docs[Side.BACK].pages == [1]
    front, back = docs[Side.FRONT].fields, docs[Side.BACK].fields
    assert front["name"].value == "姚秋霞" and front["id_number"].value == "410423197912047122"
    assert back["valid_from"].value == date(2018, 9, 10) and back["valid_until"].value == date(2038, 9, 10)
    assert [c["rotated"] for c in pages[0].meta["cards"]] == [180, 180]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "turn"), [("cn_id_front_specimen_upsidedown.jpeg", 180),
                                            ("cn_id_front_synthetic_rot90.png", 90)])
def test_a_rotated_card_is_turned_upright_and_read(ctx: Context, name: str, turn: int) -> None:
    data = _realdoc(name).read_bytes()
    pages = reading.read_file(data, file_id="f", filename=name, ctx=ctx)
    assert pages[0].meta.get("rotated") == turn
    (doc,) = pipeline.documents_from_pages(ctx, pages)
    assert (doc.type, doc.side) == (DocType.ID_CARD, Side.FRONT)
    address = str(doc.fields["address"].value)
    assert address.startswith(("湖南省长沙市", "北京市海淀区")) and address.endswith(("居民组", "科技园"))


@pytest.mark.parametrize("turned", [90, 180, 270])
@pytest.mark.parametrize("name", ["cn_id_front_ccf_cropped.png", "cn_id_back_ccf_cropped_expired.png"])
def test_a_real_card_turned_any_quarter_is_set_upright(ctx: Context, name: str, turned: int) -> None:
    """Reading a sample at each turn took a sideways or upside-down portrait side for upright; the card's own
    text lines and the line classifier do not."""
    card = imaging.rotate(imaging.load_image(_realdoc(name).read_bytes()), turned)
    assert ctx.ocr.orientation(card) == (360 - turned) % 360


def _side_by_side(rows: list[tuple[str, str]]) -> dict[str, object]:
    """A front with the back copied to its right on one sheet: each row's front words, then the back's."""
    words = tuple(w for i, (front, back) in enumerate(rows)
                  for w in (_word(front, 100 + 80 * i), _word(back, 100 + 80 * i, x0=1500.0)) if w.text)
    page = Page(file_id="f", number=1, width=2800, height=900, unit=Unit.PX, source=PageSource.OCR, words=words)
    out = EXTRACTORS.get("id_card")(RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,)),
                                    None)  # type: ignore[arg-type]
    return {k: f.value for k, f in out.fields.items()}


def test_the_back_copied_beside_the_front_ends_the_name_and_the_address_on_their_own_rows() -> None:
    fields = _side_by_side([("姓名邓英", "中华人民共和国"), ("性别女民族汉", "居民身份证"), ("出生1990年3月8日", ""),
                            ("住址重庆市渝中区解放碑民族路18号", ""), ("明德雅居15栋2407室", "签发机关重庆市公安局渝中区分局"),
                            ("公民身份号码500103199003082221", "有效期限2020.01.01-2040.01.01")])
    assert fields["name"] == "邓英"
    assert fields["address"] == "重庆市渝中区解放碑民族路18号明德雅居15栋2407室"


def test_an_ethnicity_followed_on_its_row_by_the_other_sides_title_is_read() -> None:
    fields = _side_by_side([("姓名张鑫龙", ""), ("性别男民族回", "中华人民共和国"), ("出生1971年4月28日", "居民身份证"),
                            ("住址宁夏回族自治区银川市兴庆区民族南街388号", ""), ("公民身份号码640104197104289619", "")])
    assert fields["ethnicity"] == "回"


def test_a_given_name_with_zhonghua_is_kept_whole() -> None:
    fields = _side_by_side([("姓名李中华", ""), ("性别男民族汉", ""), ("出生1990年3月8日", ""),
                            ("住址重庆市渝中区解放碑民族路18号", ""), ("公民身份号码500103199003082221", "")])
    assert fields["name"] == "李中华"


def _read_as(boxes: list[tuple[str, float, float, float, float]]) -> dict[str, object]:
    """A front from words at given boxes (text, x0, y0, x1, y1), lines numbered as the reader numbers them."""
    words = number_lines([[Word(text=t, bbox=BBox(x0=a, y0=b, x1=c, y1=d), confidence=0.98)] for t, a, b, c, d in boxes])
    page = Page(file_id="f", number=1, width=1200, height=800, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))
    out = EXTRACTORS.get("id_card")(RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,)),
                                    None)  # type: ignore[arg-type]
    return {k: f.value for k, f in out.fields.items()}


def test_an_address_row_grown_over_its_label_and_read_as_a_line_above_it_is_kept() -> None:
    # the first address row's box starts over the label's end (so the two cannot share a line) and ends a little
    # above it: the reader numbers it before the label, which then stands alone
    fields = _read_as([("姓名周晓梅", 80, 40, 300, 80), ("性别女", 80, 100, 200, 135), ("民族汉", 250, 100, 360, 135),
                       ("出生1986年7月21日", 80, 150, 360, 185), ("成都市武侯区人民南路", 125, 197, 420, 231),
                       ("住址", 84, 203, 145, 229), ("四段27号3栋1单元602", 160, 235, 430, 269),
                       ("公民身份号码", 84, 360, 210, 392), ("510107198607213424", 255, 355, 690, 393)])
    assert fields["address"] == "成都市武侯区人民南路四段27号3栋1单元602"


def test_a_row_above_a_lone_label_that_starts_left_of_it_is_no_address() -> None:
    fields = _read_as([("姓名周晓梅", 80, 40, 300, 80), ("性别女", 80, 100, 200, 135), ("民族汉", 250, 100, 360, 135),
                       ("出生1986年7月21日", 80, 150, 360, 185), ("仅供贷款使用", 40, 192, 400, 226),
                       ("住址", 84, 238, 145, 264),
                       ("成都市武侯区人民南路四段27号", 160, 270, 500, 304),
                       ("公民身份号码", 84, 360, 210, 392), ("510107198607213424", 255, 355, 690, 393)])
    assert fields["address"] == "成都市武侯区人民南路四段27号"


def test_small_latin_letters_the_copy_s_noise_gave_are_no_part_of_the_address() -> None:
    fields, _ = _front(["姓名刘晓", "性别男民族汉", "出生1990年3月7日", "住址云南省昆明市五华区东风西路373号",
                        "国泰家园crisrr20栋905室", "公民身份号码32010519900307018X"])
    assert fields["address"] == "云南省昆明市五华区东风西路373号国泰家园20栋905室"
    fields, _ = _front(["姓名刘晓", "性别男民族汉", "出生1990年3月7日", "住址北京市朝阳区建国路88号SOHO现代城A座",
                        "1201室", "公民身份号码32010519900307018X"])
    assert fields["address"] == "北京市朝阳区建国路88号SOHO现代城A座1201室"  # capitals are print


def test_a_birth_label_whose_second_character_a_fax_misread_still_labels_the_date() -> None:
    # 出生 read as 出牛, 月 as H and 日 as F: read without its label, its digits in order the number's date
    fields, _ = _front(["姓名赵晓", "性别女民族汉", "出牛199003H07F", "公民身份号码 32010519900307018X"])
    assert fields["birth_date"] == date(1990, 3, 7)
