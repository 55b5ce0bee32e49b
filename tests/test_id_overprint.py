"""A restriction overprinted on the diagonal across an ID card copy (仅供…使用，他用无效) is no field's text."""

from __future__ import annotations

import math
from datetime import date

import pytest

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from docproc.extractors import EXTRACTORS, _id_number_reread
from docproc.reading.overprint import overprint_words, slant

CELL = 40.0  # one full-width character's height and width, px


def _level(text: str, x0: float, y0: float) -> Word:
    width = sum(CELL if ord(c) > 0x2E80 else CELL / 2 for c in text)
    return Word(text=text, bbox=BBox(x0=x0, y0=y0, x1=x0 + width, y1=y0 + CELL), confidence=0.97, line=int(y0))


def _at(text: str, x0: float, y0: float, degrees: float) -> Word:
    """A run of text set at ``degrees``: the box around it, as OCR reports it."""
    a, n = math.radians(degrees), len(text)
    width, height = CELL * (n * math.cos(a) + math.sin(a)), CELL * (n * math.sin(a) + math.cos(a))
    return Word(text=text, bbox=BBox(x0=x0, y0=y0, x1=x0 + width, y1=y0 + height), confidence=0.99, line=int(y0))


PHRASE = "仅供中国农业银行按揭贷款使用，他用无效"
CARD = [("姓名", 440, 470), ("何欣", 520, 470), ("性别", 440, 530), ("女", 520, 530), ("民族", 640, 530), ("汉", 720, 530),
        ("出生", 440, 580), ("1996年8月9日", 520, 580), ("住址", 440, 630), ("四川省成都市武侯区武", 520, 630),
        ("侯祠大街124号30号楼", 520, 680), ("公民身份号码", 300, 780), ("510107199608098781", 600, 780)]


def _sheet(card: list[Word], overprint: list[Word]) -> Page:
    words = sorted(card + overprint, key=lambda w: w.bbox.y0)
    return Page(file_id="f", number=1, width=1654, height=2338, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))


def _overprint() -> list[Word]:
    """The phrase repeated across the sheet, whole and in pieces, some of them on the card's rows."""
    return [_at(PHRASE, 230, 0, 30), _at(PHRASE[4:], 940, 190, 30), _at("仅供中国农业银行", 620, 440, 30),
            _at(PHRASE[9:], 700, 560, 30), _at(PHRASE, 100, 1580, 30), _at("他用无效", 880, 620, 30),
            _level("仅供", 900, 480)]  # a piece cut off level on the name's row


def _front(page: Page) -> dict[str, object]:
    doc = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,))
    return {k: f.value for k, f in EXTRACTORS.get("id_card")(doc, None).fields.items()}  # type: ignore[arg-type]


def test_an_overprinted_phrase_is_not_read_into_the_name_or_the_address() -> None:
    fields = _front(_sheet([_level(*c) for c in CARD], _overprint()))
    assert fields["name"] == "何欣"
    assert fields["address"] == "四川省成都市武侯区武侯祠大街124号30号楼"
    assert fields["id_number"] == "510107199608098781"


def test_the_slant_of_a_box_is_told_from_its_shape() -> None:
    assert abs(slant(_at(PHRASE, 0, 0, 30)) - 30) < 1 and abs(slant(_at("他用无效", 0, 0, 35)) - 35) < 1
    assert slant(_level("510107199608098781", 0, 0)) < 1 and slant(_level("四川省成都市武侯区武", 0, 0)) < 1


def test_a_card_photographed_askew_keeps_its_words() -> None:
    tilted = [_at(text, x, y, 6) for text, x, y in CARD]  # a photo a few degrees off, not deskewed
    assert overprint_words(_sheet(tilted, [])) == []
    fields = _front(_sheet(tilted, _overprint()))
    assert fields["name"] == "何欣" and fields["id_number"] == "510107199608098781"


def test_slanted_words_that_are_no_restriction_phrase_are_kept() -> None:
    # a few words set at an angle with none of the words such phrases are made of (a design, a stamp's legend)
    design = [_at("中华人民共和国居民身份证", 100, 100 + 300 * i, 30) for i in range(4)]
    assert overprint_words(_sheet([_level(*c) for c in CARD], design)) == []


def test_a_restriction_written_once_across_the_copy_is_no_part_of_the_address() -> None:
    # written by hand, a few degrees off level, once: its box reaches over both rows of the address, and a
    # piece of it read into the address's second row is dropped too
    once = [_at("仅供办理中国银行住房按揭贷款使用他用无效", 560, 600, 4)]
    fields = _front(_sheet([_level(*c) for c in CARD], once))
    assert fields["address"] == "四川省成都市武侯区武侯祠大街124号30号楼"
    merged = [*CARD[:-3], ("侯祠大街124号30号楼仅供办理按揭贷款使用", 520, 680), *CARD[-2:]]
    assert _front(_sheet([_level(*c) for c in merged], []))["address"] == "四川省成都市武侯区武侯祠大街124号30号楼"


def test_words_that_only_mention_a_use_are_kept() -> None:
    # a card's own print, or an address that happens to hold 使用, is no restriction
    words = [_level("仅供参考", 0, 0), _level("使用", 0, 50), _level("四川省成都市仅供路使用巷12号", 0, 100)]
    assert overprint_words(_sheet(words, [])) == []
    assert overprint_words(_sheet([*words, _level("仅供贷款审核使用", 0, 150)], []))[0].text == "仅供贷款审核使用"


def test_pieces_of_a_hardly_slanted_restriction_read_as_words_of_their_own_are_no_part_of_the_address() -> None:
    # a watermark app's phrase set a few degrees off level: the read cut it into pieces, one on each address row
    pieces = [_at("此复印件仅供兴", 860, 620, 5), _at("仅供中国工商银", 860, 670, 4), _at("业银行房贷使用，", 300, 900, 7),
              _at("办理个人住房贷款使用，他用无效", 300, 950, 3), _at("月，再复印无效", 800, 900, 7)]
    page = _sheet([_level(*c) for c in CARD], pieces)
    assert sorted(w.text for w in overprint_words(page)) == sorted(w.text for w in pieces)
    assert _front(page)["address"] == "四川省成都市武侯区武侯祠大街124号30号楼"


@pytest.mark.parametrize("label", ["姓名.何欣", "姓名：何欣", "姓名·何欣"])
def test_a_speck_read_between_the_name_label_and_the_name_is_no_part_of_it(label: str) -> None:
    card = [("姓名何欣" if t == "姓名" else t, x, y) for t, x, y in CARD if t != "何欣"]
    assert _front(_sheet([_level(*c) for c in card], []))["name"] == "何欣"
    card = [(label if t == "姓名" else t, x, y) for t, x, y in CARD if t != "何欣"]
    assert _front(_sheet([_level(*c) for c in card], []))["name"] == "何欣"


def test_the_other_sides_title_read_on_the_address_label_s_row_is_no_part_of_the_address() -> None:
    # both sides side by side on one sheet: the back's 居民身份证 stands right of 住址, the address's rows below it
    card = [c for c in CARD if c[0] not in ("四川省成都市武侯区武", "侯祠大街124号30号楼")]
    card += [("中华人民共和国", 1200, 580), ("居民身份证", 1200, 630), ("四川省成都市武侯区武", 520, 680),
             ("侯祠大街124号30号楼", 520, 730)]
    assert _front(_sheet([_level(*c) for c in card], []))["address"] == "四川省成都市武侯区武侯祠大街124号30号楼"


def test_a_room_read_as_to_after_its_number_ends_the_address_as_a_room() -> None:
    card = [("侯祠大街124号30号楼1306至" if c[0] == "侯祠大街124号30号楼" else c[0], c[1], c[2]) for c in CARD]
    assert _front(_sheet([_level(*c) for c in card], []))["address"] == "四川省成都市武侯区武侯祠大街124号30号楼1306室"


def test_a_name_whose_labels_second_character_was_lost_is_read_after_the_first_as_labelled() -> None:
    """姓邓洋: 名 lost at the row's start; the name is the labelled one, its confidence not cut as a guess's."""
    card = [("姓何欣" if t == "姓名" else t, x, y) for t, x, y in CARD if t != "何欣"]
    doc = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(_sheet([_level(*c) for c in card], []),))
    name = EXTRACTORS.get("id_card")(doc, None).fields["name"]  # type: ignore[arg-type]
    assert name.value == "何欣" and name.confidence == 0.97
    card = [("姓名何" if t == "姓名" else "姓别" if t == "性别" else t, x, y) for t, x, y in CARD if t != "何欣"]
    assert _front(_sheet([_level(*c) for c in card], [])).get("name") not in ("名何", "别女")  # no label's piece


# ---------------------------------------------------------------- an id number read only in pieces


def _with_check_digit(seventeen: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return seventeen + "10X98765432"[sum(int(d) * w for d, w in zip(seventeen, weights, strict=True)) % 11]


NUMBER = _with_check_digit("44010619811125874")


def _pieces_front(monkeypatch: pytest.MonkeyPatch, read_again: str) -> tuple[dict[str, object], list[BBox]]:
    boxes: list[BBox] = []

    def fake_reread(ctx: object, page: Page, box: BBox, **kwargs: object) -> tuple[str, float]:
        boxes.append(box)
        return read_again, 0.9

    monkeypatch.setattr(_id_number_reread, "reread", fake_reread)
    # digits 7-9 lost under the overprint: two pieces on the number's row
    card = [_level("姓名", 440, 470), _level("吕霞", 520, 470), _level("公民身份号码", 300, 780),
            _level(NUMBER[:6], 600, 780), _level(NUMBER[9:], 600 + 9 * CELL / 2, 780)]
    return _front(_sheet(card, [])), boxes


def test_a_number_read_in_pieces_is_read_again_across_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    fields, boxes = _pieces_front(monkeypatch, f"{NUMBER[:6]} {NUMBER[6:]}")
    assert fields["id_number"] == NUMBER
    assert boxes[0].x1 - boxes[0].x0 >= 18 * CELL / 2  # the re-read spans all eighteen digits


@pytest.mark.parametrize("read_again", [NUMBER[:-1] + ("1" if NUMBER[-1] != "1" else "2"),  # check digit fails
                                        _with_check_digit("44010699999925874")])  # not the pieces read
def test_a_re_read_that_is_no_valid_number_with_the_pieces_gives_none(monkeypatch: pytest.MonkeyPatch,
                                                                     read_again: str) -> None:
    fields, _ = _pieces_front(monkeypatch, read_again)
    assert "id_number" not in fields


# ---------------------------------------------------------------- a back whose labels were lost


def _back(lines: list[str]) -> dict[str, object]:
    words = [_level(t, 300, 1300 + 60 * i) for i, t in enumerate(lines)]
    doc = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.BACK, pages=(_sheet(words, []),))
    return {k: f.value for k, f in EXTRACTORS.get("id_card")(doc, None).fields.items()}  # type: ignore[arg-type]


def test_a_back_read_without_its_labels_still_gives_authority_and_validity() -> None:
    fields = _back(["中华人民共和国", "居民身份证", "机关", "成都市公安局武侯区分局", "2025.10.22-2045.10.22"])
    assert fields == {"issuing_authority": "成都市公安局武侯区分局", "valid_from": date(2025, 10, 22),
                      "valid_until": date(2045, 10, 22)}
    assert _back(["居民身份证", "北京市公安局朝阳分局", "2018.12.06-长期"])["valid_until"] is not None


def test_a_validity_end_that_lost_a_point_is_read_only_on_its_start_s_month_and_day() -> None:
    fields = _back(["居民身份证", "南京市公安局玄武分局", "有2016.05.04-2036.0504"])
    assert (fields["valid_from"], fields["valid_until"]) == (date(2016, 5, 4), date(2036, 5, 4))
    assert "valid_until" not in _back(["居民身份证", "南京市公安局玄武分局", "有2016.05.04-2036.0505"])


@pytest.mark.parametrize(("row", "authority"), [("筠发机关长春市公安局朝阳分局", "长春市公安局朝阳分局"),
                                              ("发机美武汉市公安局武昌区分局", "武汉市公安局武昌区分局"),
                                              ("发相关成都市公安局武侯区分局", "成都市公安局武侯区分局")])
def test_a_label_read_with_a_character_wrong_is_no_part_of_the_authority(row: str, authority: str) -> None:
    """签发机关 on a faxed or dim copy read as 筠发机关, 发机美, 发相关: the label, not the authority's first words."""
    assert _back(["居民身份证", row, "有效期限2023.09.12-2033.09.12"])["issuing_authority"] == authority


def test_a_validity_whose_start_lost_a_separator_is_read_where_its_month_and_day_are_the_ends() -> None:
    fields = _back(["居民身份证", "签发机美银川市公安局兴庆区分局", "有效限：2014.1113-2034.11:13"])
    assert (fields["valid_from"], fields["valid_until"]) == (date(2014, 11, 13), date(2034, 11, 13))
    assert "valid_from" not in _back(["居民身份证", "银川市公安局兴庆区分局", "有效限：2014.1113-2034.11.14"])


def test_an_authority_whose_bureau_was_misread_before_its_branch_has_it_put_back() -> None:
    """杭州市公安局西湖区分局 read 杭州市公安周西湖区分局 with its label lost: a branch (分局) is only a 公安局's."""
    fields = _back(["中华人民共和国", "居民身份证", "杭州市公安周西湖区分局", "有效期限 2017.07.27-2037.07.27"])
    assert fields["issuing_authority"] == "杭州市公安局西湖区分局"
    assert "issuing_authority" not in _back(["居民身份证", "杭州市人民医院西湖区分院", "有效期限 2017.07.27-2037.07.27"])


@pytest.mark.parametrize("row", ["有效期限2023,08,17-2033.08.17", "有效期m2023.08.17-2033:08.17",
                                 "有效期限2023.08.17-2033.08：17", "有限2023.08.17-2033:08.17"])
def test_a_validity_whose_points_were_read_as_commas_or_colons_is_read(row: str) -> None:
    fields = _back(["签发机关南京市公安局玄武分局", row])
    assert (fields["valid_from"], fields["valid_until"]) == (date(2023, 8, 17), date(2033, 8, 17))


def test_a_back_with_no_authority_or_range_gives_neither() -> None:
    assert _back(["中华人民共和国", "居民身份证", "公安部监制", "2025.10.22"]) == {}


# ---------------------------------------------------------------- a front whose number's row was lost


def test_an_address_ends_where_the_other_side_of_the_sheet_begins() -> None:
    card = [_level("姓名", 440, 470), _level("林巧华", 520, 470), _level("住址", 440, 630),
            _level("上海市徐汇区漕溪北路223号", 520, 630), _level("中华人民共和国", 600, 1200),
            _level("居民身份证", 600, 1260), _level("有效期限2019.02.11-2039.02.11", 500, 1400)]
    assert _front(_sheet(card, []))["address"] == "上海市徐汇区漕溪北路223号"


def test_an_address_number_run_into_a_cut_number_is_no_id_number() -> None:
    # the address's last row (2403) read on the row of a number cut at the card's edge after 14 digits
    card = [_level("住址", 440, 630), _level("陕西省西安市雁塔区小寨西路", 520, 630),
            _level("2403", 520, 700), _level("61011319680813", 520 + 2 * CELL, 700)]
    assert "id_number" not in _front(_sheet(card, []))


def test_an_address_goes_on_under_the_other_side_printed_beside_its_first_row() -> None:
    # both sides copied side by side: 居民身份证 on the address's first row, 签发机关 on the row after its last
    other = [("居民身份证", 1100, 630), ("签发机关", 1000, 730), ("成都市公安局武侯分局", 1180, 730)]
    fields = _front(_sheet([_level(*c) for c in CARD + other], []))
    assert fields["address"] == "四川省成都市武侯区武侯祠大街124号30号楼"


def test_an_address_row_the_read_set_above_the_birth_date_is_still_read() -> None:
    # the other side's tall 居民身份证 beside both rows ordered the 住址 row before the 出生 row
    card = [("姓名", 440, 470), ("罗波俊", 520, 470), ("性别", 440, 530), ("男", 520, 530), ("住址", 440, 575),
            ("天津市和平区唐山道", 520, 575), ("出生", 440, 590), ("1989年8月19日", 520, 590), ("336号", 520, 640),
            ("公民身份号码", 300, 780), ("120101198908197276", 600, 780)]
    tall = Word(text="居民身份证", bbox=BBox(x0=1100, y0=560, x1=1300, y1=640), confidence=0.99, line=560)
    fields = _front(_sheet([*[_level(*c) for c in card], tall], []))
    assert fields["address"] == "天津市和平区唐山道336号"
