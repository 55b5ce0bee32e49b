"""Wordings of other templates: a transfer contract's parties, a clause after a role word, certificates and
letters dated on a line of their own, an employer named after 为."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS


def page(lines: list[str], number: int = 1) -> Page:
    words = tuple(Word(text=t, bbox=BBox(x0=40, y0=40 + 40 * i, x1=40 + 24 * len(t), y1=64 + 40 * i), confidence=0.95,
                       line=i) for i, t in enumerate(lines))
    return Page(file_id="f", number=number, width=2000, height=3000, unit=Unit.PX, source=PageSource.OCR, words=words)


def fields(doc_type: DocType, *pages: Page) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=doc_type, pages=pages)
    return {k: v.value for k, v in EXTRACTORS.get(doc_type.value)(raw, None).fields.items()}  # type: ignore[arg-type]


def test_a_transfer_contract_names_its_seller_and_both_buyers() -> None:
    first = page(["合同编号：2026YS210213", "房地产买卖合同", "转让方（甲方）：上海新元实业有限责任公司",
                  "证件名称：营业执照 证件号码：91310115755315510J", "受让方（乙方）：邓秀",
                  "证件名称：居民身份证 证件号码：500103198411183104", "受让方（乙方）共有人：吴飞轩",
                  "证件名称：居民身份证 证件号码：210102198611182776"])
    clauses = page(["第九条 出卖人变更名称或住所的，", "出卖人：应当在变更之日起10日内将书面通知送达买受人。"], number=2)
    got = fields(DocType.PURCHASE_CONTRACT, first, clauses)
    assert got["seller"] == "上海新元实业有限责任公司"
    assert got["buyer_names"] == ["邓秀", "吴飞轩"]
    assert got["buyer_id_numbers"] == ["500103198411183104", "210102198611182776"]


def test_a_clause_after_a_role_word_is_no_seller() -> None:
    clauses = page(["第九条 违约责任", "出卖人：应当在变更之日起10日内将书面通知送达买受人。"])
    assert "seller" not in fields(DocType.PURCHASE_CONTRACT, clauses)


def test_a_tax_office_certificate_dated_under_its_name() -> None:
    got = fields(DocType.TAX_CERTIFICATE, page([
        "国家税务总局杭州市西湖区税务局", "个人所得税纳税证明",
        "兹证明纳税人张伟（身份证件号码：110105198804021234）在2025年1月1日至2025年12月31日期间缴纳个人所得税如下：",
        "所属期 所得项目 扣缴单位 收入额 已缴税额 缴款日期",
        "2025-01 工资薪金所得 杭州远景置业有限公司 12,500.00 345.00 2025-02-12",
        "合计 12,500.00 345.00", "特此证明。", "国家税务总局杭州市西湖区税务局", "二〇二六年八月六日"]))
    assert got["issue_date"] == date(2026, 8, 6)
    assert (got["period_start"], got["period_end"]) == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_letter_dated_in_its_top_corner_with_the_employer_after_wei() -> None:
    got = fields(DocType.INCOME_PROOF, page([
        "2026年9月18日", "证明", "兹证明张伟（身份证号码：110105198804021234）任职单位为上海天域设计有限公司，",
        "自2019年3月1日起任设计主管，月收入人民币壹万贰仟元整（¥12000元）。", "特此证明。", "证明单位（公章）"]))
    assert got["issue_date"] == date(2026, 9, 18)
    assert got["employer"] == "上海天域设计有限公司"


def test_the_party_line_names_the_seller_over_a_role_word_left_alone_at_a_line_end() -> None:
    parties = page(["转让方（甲方）：昆明正泰房地产开发有限责任公司", "受让方（乙方）：邹婷诗",
                    "证件名称：居民身份证 证件号码：530102198804278728"])
    clause = page(["第六条 保修责任 保修期内房屋出现质量问题的，由出卖人", "进行维修"], number=2)
    assert fields(DocType.PURCHASE_CONTRACT, clause, parties)["seller"] == "昆明正泰房地产开发有限责任公司"


def cell_page(rows: list[tuple[float, list[tuple[str, float]]]], number: int = 1) -> Page:
    """A page of rows given as (row position, [(text, x0)]): letters 24 px high and wide, rows 2.7 letters apart
    (a ruled table's spacing)."""
    words = tuple(Word(text=t, bbox=BBox(x0=x, y0=100 + 65 * r, x1=x + 24 * len(t), y1=124 + 65 * r), confidence=0.95,
                       line=i) for i, (r, row) in enumerate(rows) for t, x in row)
    return Page(file_id="f", number=number, width=2000, height=3000, unit=Unit.PX, source=PageSource.OCR, words=words)


def test_a_party_table_whose_role_cells_span_their_rows() -> None:
    """甲方（出卖人） and 乙方（买受人） each stand in a cell spanning their party's rows, centred on them: beside the
    seller's third row of five, and on a line of its own between the buyer's third and fourth rows of six (a
    co-buyer's row, 共同买受人 | 王芳, among them). The flat's area is the figure ending the cell under its heading,
    the certificate number's tail running under the heading beside it."""
    first = cell_page([
        (0, [("合同编号：X2026-602425", 100)]), (1, [("商品房买卖合同书", 700)]),
        (2, [("名称", 400), ("呼和浩特宏达地产有限公司", 700)]),
        (3, [("统一社会信用代码", 400), ("91150102188965081K", 700)]),
        (4, [("甲方（出卖人）", 100), ("法定代表人", 400), ("陈嘉彤", 700)]),
        (5, [("地址", 400), ("内蒙古自治区呼和浩特市新城区东风路133号", 700)]),
        (6, [("联系电话", 400), ("0471-5021805", 700)]),
        (7, [("姓名", 400), ("袁建杰", 700)]),
        (8, [("身份证号码", 400), ("440106197912207459", 700)]),
        (9, [("共同买受人", 400), ("王芳", 700)]),
        (9.5, [("乙方（买受人）", 100)]),
        (10, [("身份证号码", 400), ("310115196510220813", 700)]),
        (11, [("通讯地址", 400), ("内蒙古自治区呼和浩特市新城区迎宾北路350号", 700)]),
        (12, [("联系电话", 400), ("19641354518", 700)]),
        (13, [("甲、乙双方根据有关法律、法规之规定，就乙方向甲方购买商品房事宜达成如下协议：", 100)]),
    ])
    flat = cell_page([
        (0, [("第一条 房屋基本情况", 100)]),
        (1, [("房屋坐落", 100), ("产权证号", 1100), ("建筑面积（㎡）", 1600)]),
        (2, [("新城区新华大街412号宏达悦府10号楼3单元1602室", 100), ("（2024）不动产权第4948890号", 1100), ("145.22", 1560)]),
        (3, [("该商品房总价款为人民币（小写）¥2,782,415.00元，（大写）【贰佰柒拾捌万贰仟肆佰壹拾伍元整】。", 100)]),
    ], number=2)
    got = fields(DocType.PURCHASE_CONTRACT, first, flat)
    assert got["seller"] == "呼和浩特宏达地产有限公司"
    assert got["buyer_names"] == ["袁建杰", "王芳"]
    assert got["buyer_id_numbers"] == ["440106197912207459", "310115196510220813"]
    assert str(got["floor_area"]) == "145.22"
    assert got["total_price_in_words"] == "贰佰柒拾捌万贰仟肆佰壹拾伍元整"


def _flat_table(headings: list[tuple[str, float]], row: list[tuple[str, float]]) -> Page:
    return cell_page([(0, [("第一条 房屋基本情况", 100)]), (1, headings), (2, row),
                      (3, [("该房屋用途为住宅，按建筑面积计价。", 100)])])


HEADINGS_SET_CLOSE = [("房号/坐落", 100), ("建筑面积（㎡）", 1000), ("套内面积（㎡）", 1200), ("单价（元/㎡）", 1400),
                      ("总价（元）", 1600)]


def test_a_flats_area_under_its_heading_in_a_row_of_headings_set_close() -> None:
    """The headings of the flat's table stand closer than a column gap: what is right of 建筑面积（㎡） is the next
    heading, and the area is under it."""
    got = fields(DocType.PURCHASE_CONTRACT, _flat_table(HEADINGS_SET_CLOSE, [
        ("湖北省武汉市武昌区中南路557号启明华府23号楼3单元803室", 100), ("58.84", 1040), ("49.87", 1240),
        ("9,960.00", 1410), ("586,046.00", 1600)]))
    assert str(got["floor_area"]) == "58.84"


@pytest.mark.parametrize(("figures", "area"), [("153.29120.7519,190.002,941,635.00", "153.29"),
                                               ("72.0461.9363,290.004，559，412.00", "72.04"),
                                               ("28.98100.6820,150.002,598,947.00", None)])
def test_a_flats_area_from_a_row_whose_figures_were_read_as_one_word(figures: str, area: str | None) -> None:
    """A scan's read runs the row's figures together: the area is the one whose product with the unit price is
    the total, never the tail of the total; with a figure's digit lost (128.98 read 28.98) no area is given."""
    got = fields(DocType.PURCHASE_CONTRACT, _flat_table(HEADINGS_SET_CLOSE, [
        ("四川省成都市武侯区二环路南四段192号蓝海华府25号楼4单元703室", 100), (figures, 1000)]))
    assert (str(got["floor_area"]) if "floor_area" in got else None) == area


def test_a_co_buyers_number_ending_its_line_above_a_line_of_digits_is_the_co_buyers() -> None:
    """The line after the co-buyer's holds only digits (a phone number whose label the scan lost): run together with
    the number ending the line above, it must not hide that number."""
    got = fields(DocType.PURCHASE_CONTRACT, page([
        "出卖人：上海宏达房地产股份有限公司", "买受人：戴芳彤证件类型：居民身份证证件号码：370202200006262866",
        "共同买受人：郭建证件类型：居民身份证证件号码：440106200306269072", "14159465409", "第二章商品房基本状况"]))
    assert got["buyer_names"] == ["戴芳彤", "郭建"]
    assert got["buyer_id_numbers"] == ["370202200006262866", "440106200306269072"]


def test_a_flats_area_whose_label_was_misread_is_the_one_the_price_per_square_metre_prices() -> None:
    """建筑面积 read 建筑：积: the area is the figure of square metres that times the price per square metre printed
    in the contract gives its total; the inner and shared areas price nothing."""
    got = fields(DocType.PURCHASE_CONTRACT, page([
        "出卖人：南京正泰实业股份有限公司", "第四条商品房：积。该商品房合同约定建筑：积共105.80平方米，其中套内建",
        "筑面积86.90平方米，分摊共有建筑面积18.90平方米。",
        "第六条计价方式与价款。单价为每平方米人民币11，050.00元，总价款为人民币（大写）壹佰壹拾陆万玖仟零玖拾元整",
        "（小写：¥1,169,090.00元）。"]))
    assert got["total_price"] == Decimal("1169090.00")
    assert str(got["floor_area"]) == "105.80"


def test_an_old_style_licence_names_its_legal_representative_after_xingming() -> None:
    got = fields(DocType.BUSINESS_LICENSE, page(["企业法人营业执照", "注册号 150102000123456", "名称 呼和浩特宏达地产有限公司",
                                                 "法定代表人姓名 陈嘉", "注册资本 伍仟万元"]))
    assert got["legal_representative"] == "陈嘉"


def test_a_signature_cell_under_a_party_heading_names_no_one() -> None:
    signing = cell_page([
        (0, [("出卖人（甲方）", 100), ("买受人（乙方）", 1000)]),
        (1, [("名称：海纳置业有限公司", 100), ("姓名：张伟", 1000)]),
        (2, [("出卖人盖章", 100), ("买受人签字", 1000)]),
    ])
    got = fields(DocType.PURCHASE_CONTRACT, signing)
    assert got["buyer_names"] == ["张伟"]
    assert got["seller"] == "海纳置业有限公司"
