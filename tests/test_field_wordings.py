"""Fields as other makes word and lay them out: a contract's address wrapped above the next sentence and its
floor area worded many ways, a tax record's code under its label, an income letter's employer, date and
position among other entries, an ID card number read above its label, a tilted licence photo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from docproc.extractors import EXTRACTORS
from tests.test_extractors import run


def _placed_page(rows: list[list[tuple[str, float]]], doc_type: DocType, *, side: Side | None = None,
                 row_height: float = 30.0) -> dict[str, object]:
    """Fields of a page whose words stand at given x positions, one row a line (18 px a letter)."""
    words = [Word(text=t, bbox=BBox(x0=x, y0=row_height * i, x1=x + 18 * len(t), y1=row_height * i + 18),
                  confidence=0.9, line=i) for i, row in enumerate(rows) for t, x in row]
    page = Page(file_id="f", number=1, width=1200, height=900, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))
    out = EXTRACTORS.get(doc_type.value)(RawDocument(file_id="f", doc_type=doc_type, side=side, pages=(page,)), None)  # type: ignore[arg-type]
    return {k: v.value for k, v in out.fields.items()}


def test_a_wrapped_contract_address_ends_with_its_line_and_the_area_is_read_however_worded() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["第一条", "房屋基本情况"],
        ["出卖人所售房屋（以下简称该房屋）为楼房，坐落为：浙江省宁波市鄞州区"],
        ["天童南路88号东方名苑3幢1单元702室"],
        ["该房屋建筑面积共（平方米）：89.41"],
        ["（二）该房屋规划设计用途为：住宅"],
    ])
    assert got["property_address"] == "浙江省宁波市鄞州区天童南路88号东方名苑3幢1单元702室"
    assert got["floor_area"] == Decimal("89.41")
    for wording, want in (("建筑面积为 120.5 平方米", "120.5"), ("建筑面积约76.20㎡", "76.20"),
                          ("建筑面积计：101.33m²", "101.33"), ("建筑面积(㎡):64.08", "64.08"),
                          ("该房屋建筑面积共计 93.70 平米", "93.70")):
        area = run(DocType.PURCHASE_CONTRACT, None, [["房屋坐落：南京市鼓楼区中山北路12号2栋301室"], [wording]])
        assert area["floor_area"] == Decimal(want), wording
    # the inner and shared areas are never the floor area
    inner = run(DocType.PURCHASE_CONTRACT, None, [["套内建筑面积共（平方米）：70.12"], ["分摊建筑面积为 9.30 平方米"]])
    assert "floor_area" not in inner


def test_a_tax_records_code_stands_under_its_label_beside_the_qr_code_and_never_comes_from_the_prose() -> None:
    # the sentence names the label first; the code is in a box under 查验码, the issue date a column right
    sheet = _placed_page([
        [("4.本记录可扫描二维码或登录个人所得税APP、自然人电子税务局，凭查验码查验。", 40)],
        [("查验码", 120), ("开具日期：2026年06月27日", 520)],
        [("VQM43EQ8WP67WJA3DDLB", 120), ("国家税务总局西安市雁塔区税务局", 500)],
    ], DocType.TAX_CERTIFICATE)
    assert sheet["verification_code"] == "VQM43EQ8WP67WJA3DDLB"
    # the date's label misread (开具期): still a column away, the code is still under the label
    misread = _placed_page([[("查验码", 120), ("开具期：20265月05日8", 520)], [("MQ81T3E1XV1PMVF9WF9F", 120)]],
                           DocType.TAX_CERTIFICATE)
    assert misread["verification_code"] == "MQ81T3E1XV1PMVF9WF9F"
    for label in ("验证码：", "校验码:", "防伪码", "查验码："):  # beside the label, as most records print it
        beside = _placed_page([[(label, 40), ("8BCD2WBS0KC5P7MH", 40 + 18 * len(label) + 10)]], DocType.TAX_CERTIFICATE)
        assert beside["verification_code"] == "8BCD2WBS0KC5P7MH", label
    prose_only = _placed_page([[("凭查验码查验。", 40)], [("开具日期：2026年06月27日", 40)]], DocType.TAX_CERTIFICATE)
    assert "verification_code" not in prose_only


def test_an_hr_form_letter_names_its_employer_by_another_label_and_stamps_the_time_after_its_date() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["成都锦程软件股份有限公司", "人力资源共享中心"], ["在职收入证明"], ["员工姓名", "林晓"],
        ["证件号码", "510104199003074424"], ["所在公司", "成都锦程软件股份有限公司"], ["入职日期", "2016-03-01"],
        ["税前月收入", "¥21,300.00"], ["开具时间：2026-09-1709:41:05"],
    ])
    assert got["employer"] == "成都锦程软件股份有限公司"
    assert got["issue_date"] == date(2026, 9, 17)
    # no closing words and the signing date unreadable: the start date's line is never taken for it
    unsigned = run(DocType.INCOME_PROOF, None, [
        ["收入证明"], ["员工姓名", "林晓"], ["入职日期", "2016-03-01"], ["税前月收入", "¥21,300.00"], ["开具时间：二〇二六年"],
    ])
    assert unsigned["employment_start"] == date(2016, 3, 1)
    assert "issue_date" not in unsigned


def test_a_letter_that_splits_pay_into_components_takes_the_position_from_its_prose() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"], ["兹证明王芳同志，女，身份证号码：110105198806124421，系我单位在职"],
        ["职工，于2012年4月1日起在我单位工作，现任财务经理。该同志每月工资收入构成如下："],
        ["岗位工资", "基本工资", "绩效奖金", "月收入合计"], ["3200.00", "1500.00", "4300.00", "9000.00"],
        ["特此证明。"], ["二〇二六年十月九日"],
    ])
    assert got["position"] == "财务经理"
    assert got["issue_date"] == date(2026, 10, 9)
    form = run(DocType.INCOME_PROOF, None, [["员工姓名", "王芳"], ["岗位：", "薪酬福利专员"]])  # a colon sets the label apart
    assert form["position"] == "薪酬福利专员"


def test_an_id_card_address_ends_where_the_number_is_read_above_its_label() -> None:
    # a tilted photo: the number's line comes before the line of its label
    got = run(DocType.ID_CARD, Side.FRONT, [
        ["姓名", "陈静"], ["性别", "女", "民族", "汉"], ["出生", "1991", "年", "6", "月", "3", "日"],
        ["住址", "江苏省南京市玄武区"], ["北京东路71号紫金"], ["花园5栋802室"], ["320102199106030024"], ["公民身份号码"],
    ])
    assert got["address"] == "江苏省南京市玄武区北京东路71号紫金花园5栋802室"
    assert got["id_number"] == "320102199106030024"


def _boxed_page(words: list[tuple[str, tuple[float, float, float, float], int]], doc_type: DocType) -> dict[str, object]:
    """Fields of a page of words with their own boxes and the reader's line numbers."""
    page = Page(file_id="f", number=1, width=2300, height=1700, unit=Unit.PX, source=PageSource.OCR,
                words=tuple(Word(text=t, bbox=BBox(x0=b[0], y0=b[1], x1=b[2], y1=b[3]), confidence=0.9, line=n)
                            for t, b, n in words))
    out = EXTRACTORS.get(doc_type.value)(RawDocument(file_id="f", doc_type=doc_type, pages=(page,)), None)  # type: ignore[arg-type]
    return {k: v.value for k, v in out.fields.items()}


def test_a_tilted_licence_photo_with_a_qr_caption_column_keeps_the_term_and_the_letter_spaced_address() -> None:
    # the value sits lower than its label across the tilt; the reader grouped the label with the QR code's
    # caption on the right, and the two letters of 住 所 into rows of their own
    got = _boxed_page([
        ("名", (660, 742, 697, 771), 0), ("称", (706, 745, 748, 774), 0), ("杭州明远茶业有限公司", (808, 749, 1014, 785), 0),
        ("成立日期", (653, 1008, 741, 1040), 1), ("2019年04月02日", (800, 1017, 942, 1051), 1),
        ("营业期限", (652, 1059, 738, 1095), 2), ("扫码了解企业信息", (1757, 1058, 1884, 1087), 2),
        ("2019年04月02日至2049年04月01日", (799, 1070, 1111, 1115), 3), ("更多登记、备案、", (1751, 1079, 1882, 1108), 3),
        ("住", (654, 1115, 683, 1142), 4), ("许可信息", (1747, 1098, 1888, 1130), 4),
        ("所", (709, 1120, 736, 1144), 5), ("浙江省杭州市西湖区龙井路18号", (796, 1122, 1170, 1173), 5),
        ("应用服务", (1766, 1119, 1857, 1148), 5),
        ("登记机关", (1630, 1346, 1813, 1396), 6),
    ], DocType.BUSINESS_LICENSE)
    assert got["company_name"] == "杭州明远茶业有限公司"
    assert str(got["business_term_until"]) == "2049-04-01"
    assert got["address"] == "浙江省杭州市西湖区龙井路18号"
