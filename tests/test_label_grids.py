"""Values in ruled grids: labels over values read column-wise, a value beside its label stops at its cell."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS

LETTER = 30  # px per character


def grid(rows: list[list[tuple[str, float]]]) -> Page:
    """A page of rows of (text, x0) words, 60 px apart, each word LETTER px a character wide."""
    words = [Word(text=t, bbox=BBox(x0=x, y0=60 + 60 * r, x1=x + LETTER * len(t), y1=60 + 60 * r + LETTER),
                  confidence=0.9, line=r)
             for r, row in enumerate(rows) for t, x in row]
    return Page(file_id="f", number=1, width=2000, height=2000, unit=Unit.PX, source=PageSource.OCR,
                words=tuple(words))


def fields(doc_type: DocType, p: Page) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=doc_type, pages=(p,))
    return {k: v.value for k, v in EXTRACTORS.get(doc_type.value)(raw, None).fields.items()}  # type: ignore[arg-type]


def test_a_letter_whose_table_prints_its_headings_over_the_values() -> None:
    # Headings of two rows, each value centred under its heading (a longer value starts left of it).
    got = fields(DocType.INCOME_PROOF, grid([
        [("工作证明", 700)],
        [("兹证明下列人员系本公司在职职工，情况如下：", 200)],
        [("职工姓名", 200), ("证件种类", 600), ("身份证号码", 1000), ("所属部门", 1500)],
        [("周海燕", 215), ("居民身份证", 585), ("510104199002143326", 880), ("财务部", 1515)],
        [("现任职务", 200), ("入职日期", 600), ("月均收入", 1000), ("年收入", 1500)],
        [("财务经理", 200), ("2014年9月1日", 555), ("15,600.00", 1000), ("187,200.00", 1470)],
        [("特此证明。", 200)],
        [("成都锦程商贸有限公司", 1200)],
        [("2026年8月20日", 1300)],
    ]))
    assert got["name"] == "周海燕"  # not the next heading (证件种类)
    assert got["position"] == "财务经理"
    assert got["employment_start"] == date(2014, 9, 1)
    assert got["monthly_income"] == Decimal("15600.00")  # the cell under 月均收入, not the date left of it


def test_a_form_with_each_value_beside_its_label_does_not_read_the_next_row() -> None:
    got = fields(DocType.INCOME_PROOF, grid([
        [("收入证明", 700)],
        [("姓名", 200), ("王志刚", 500), ("部门", 900), ("研发中心", 1100)],
        [("职位", 200), ("高级工程师", 500)],
        [("入职时间", 200), ("2019-03-01", 500)],
        [("特此证明。", 200)],
    ]))
    assert got["name"] == "王志刚" and got["position"] == "高级工程师"
    assert got["employment_start"] == date(2019, 3, 1)
    # An empty entry whose cell below holds the next row's label gives nothing, never that label.
    empty = fields(DocType.INCOME_PROOF, grid([[("姓名", 200)], [("职位", 200), ("高级工程师", 500)]]))
    assert "name" not in empty


def test_a_licence_grid_with_the_term_in_two_rows_and_a_scope_beside_the_address() -> None:
    rows = [
        [("营业执照", 800)],
        [("名称", 200), ("杭州青禾餐饮管理有限公司", 500)],
        [("法定代表人", 200), ("沈立群", 500)],
        [("成立日期", 200), ("2018-05-09", 500)],
        [("经营期限自", 200), ("2018-05-09", 500)],
        [("经营期限至", 200), ("2048-05-08", 500)],
        [("住所", 200), ("浙江省杭州市西湖区文三路90号", 500)],
        # the scope's value, centred on two rows, starts on the row under the address and runs wider
        [("餐饮管理；食品经营；会议及展览服务；企业管理咨询；", 500)],
        [("经营范围", 200)],
        [("日用百货销售。", 500)],
    ]
    got = fields(DocType.BUSINESS_LICENSE, grid(rows))
    assert got["address"] == "浙江省杭州市西湖区文三路90号"
    assert got["business_term_until"] == date(2048, 5, 8)
    rows[5] = [("经营期限至", 200), ("长期", 500)]
    assert fields(DocType.BUSINESS_LICENSE, grid(rows))["business_term_until"] == "长期"


def test_an_address_that_fills_its_cell_goes_on_onto_the_next_row() -> None:
    got = fields(DocType.BUSINESS_LICENSE, grid([
        [("名称", 200), ("杭州青禾餐饮管理有限公司", 500)],
        [("住所", 200), ("浙江省杭州市西湖区文三路90号东部软件园", 500)],
        [("科技大厦5层", 500)],
        [("营业期限", 200), ("2018年05月09日至长期", 500)],
    ]))
    assert got["address"] == "浙江省杭州市西湖区文三路90号东部软件园科技大厦5层"
    assert got["business_term_until"] == "长期"


def test_a_licence_address_carried_on_to_an_indented_piece_under_it() -> None:
    # a two-column licence copy: label and value read as one word; the building and room part wraps onto
    # the next line, centred under the value rather than aligned with it; the scope's line under it is not
    # part of the address
    got = fields(DocType.BUSINESS_LICENSE, grid([
        [("名称：杭州市西湖区青禾餐饮店", 100), ("注册日期：2019年03月12日", 1000)],
        [("经营者：沈佳怡", 100), ("经营场所：浙江省杭州市西湖区文一西路88号", 1000)],
        [("锦绣苑3幢2单元501室", 1280)],
        [("经营范围：餐饮服务；食品销售（仅销售预包装食品）。", 100)],
    ]))
    assert got["address"] == "浙江省杭州市西湖区文一西路88号锦绣苑3幢2单元501室"
    assert got["legal_representative"] == "沈佳怡"


def test_a_statement_header_row_whose_next_heading_is_an_account_product_word() -> None:
    # 户名 | 活期存折账号 | 开户网点 over the values, each value flush left in its column while the headings are
    # centred: the product word right of 户名 is the next heading, the holder is the name under it
    got = fields(DocType.BANK_STATEMENT, grid([
        [("活期账户交易明细", 500)],
        [("户名", 300), ("活期存折账号", 800), ("开户网点", 1500)],
        [("王海燕", 100), ("6222021001123456789", 700), ("中国工商银行杭州西湖支行", 1300)],
    ]))
    assert got["account_holder"] == "王海燕"


def test_a_statement_header_of_bilingual_labels_over_values() -> None:
    """Each Chinese label carries its English gloss (账户名称 Name, 账号 Account No.); the values are in the row
    below, and the print date follows its glossed label."""
    got = fields(DocType.BANK_STATEMENT, grid([
        [("活期账户对账单", 700)],
        [("打印日期", 1300), ("Print Date:", 1430), ("20260703", 1700)],
        [("账户名称", 100), ("Name", 230), ("账号", 500), ("Account No.", 570), ("币种", 1100), ("Currency", 1170)],
        [("王志刚", 100), ("6217991776700393721", 500), ("人民币", 1100)],
    ]))
    assert got["account_holder"] == "王志刚"
    assert got["account_number"] == "6217991776700393721"
    assert got["issue_date"] == date(2026, 7, 3)
