"""A provincial model text (示范文本) sets every filled-in value in brackets (出卖人：【XX公司】, 建筑面积共【99.54】平方米,
总价款为【人民币】【1,008,340.00】元), the brackets glued to the label, to the value or standing as words of their own;
the values are read as if written on the form's lines."""

from __future__ import annotations

from decimal import Decimal

from docproc.core.models import DocType
from docproc.extractors._text import PageText
from tests.test_extractors import page, run

# id numbers whose GB 11643 check digit holds
ID_A, ID_B = "330106198705223412", "330102199208141626"


def test_values_in_brackets_after_labels_and_role_words() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["商品房买卖合同"], ["（浙江省示范文本）"], ["合同编号：【", "2026XS004417", "】"],
        ["出卖人：【杭州明远置业有限公司】"], ["统一社会信用代码：【", "91330106MA2H3K4L5P", "】"],
        ["法定代表人：【周平】", "联系电话：【", "0571-86112233", "】"],
        ["买受人（一）：【陈思远】"], ["国籍：【中国】", "证件类型：【居民身份证】", "证件号码：【", ID_A, "】"],
        ["买受人（二）：【林晓】"], ["国籍：【中国】", "证件类型：【居民身份证】", "证件号码：【", ID_B, "】"],
        ["第三条该商品房合同约定建筑面积共【", "99.54", "】平方米，其中套内建筑面积【", "85.42", "】平方米，"],
        ["第五条出卖人与买受人按照【建筑面积】计算该商品房价款，单价为每平方米【", "10,130.00", "】元，"],
        ["总价款为【人民币】【", "1,008,340.00", "】元（大写【壹佰万零捌仟叁佰肆拾元整】）。"],
        ["买受人可以自行或者委托他人进行维修，维修费用由出卖人承担。"],
    ])
    assert got["seller"] == "杭州明远置业有限公司"
    assert got["buyer_names"] == ["陈思远", "林晓"]
    assert got["buyer_id_numbers"] == [ID_A, ID_B]
    assert got["floor_area"] == Decimal("99.54")
    assert got["total_price"] == Decimal("1008340.00")
    assert got["contract_number"] == "2026XS004417"


def test_dropped_brackets_leave_the_words_boxes_to_their_values() -> None:
    # a bracket OCR'd as ] and one standing as a word of its own leave nothing in the text
    text = PageText(page([["出卖人（盖章）：", "【江城置业有限公司]", "罗倩燕"], ["证件号码：【", ID_A, "】"]]), drop="【】[]")
    assert text.lines == ["出卖人(盖章):江城置业有限公司罗倩燕", f"证件号码:{ID_A}"]
    assert text.field((text.offsets[1] + 5, len(text.joined)), ID_A).raw == ID_A
    assert PageText(page([["买受人：【张三】"]])).lines == ["买受人:【张三】"]  # kept unless asked


def test_a_contract_number_ends_where_its_letters_and_digits_end() -> None:
    """A running footer on the number's line (— 1 — 本合同共 6 页), or glued to it in an OCR'd line, is not the number."""
    footer = run(DocType.PURCHASE_CONTRACT, None, [
        ["存量房买卖合同"], ["合同编号：", "YS20268169642", "— 1 —", "本合同共 6 页"], ["出卖方：张伟"]])
    assert footer["contract_number"] == "YS20268169642"
    glued = run(DocType.PURCHASE_CONTRACT, None, [["存量房买卖合同"], ["合同编号：2026YS655963本合同共10页"]])
    assert glued["contract_number"] == "2026YS655963"
    plain = run(DocType.PURCHASE_CONTRACT, None, [["商品房买卖合同"], ["合同编号：HT2026-004512"]])
    assert plain["contract_number"] == "HT2026-004512"


def test_the_housing_bureaus_filing_number_is_the_contracts_number_only_where_it_has_none() -> None:
    """A filed contract carries the bureau's 合同备案号 before its own 合同编号, on its line or the line above."""
    beside = run(DocType.PURCHASE_CONTRACT, None, [
        ["合同备案号：2026YB2449846", "合同编号：GF2026484187"], ["备案时间：2026-08-19"], ["商品房买卖合同"]])
    assert beside["contract_number"] == "GF2026484187"
    above = run(DocType.PURCHASE_CONTRACT, None, [
        ["备案编号：2026SPFBA420618"], ["商品房买卖合同"], ["合同编号：Y20263336420"], ["出卖人：厦门明远置业有限公司"]])
    assert above["contract_number"] == "Y20263336420"
    alone = run(DocType.PURCHASE_CONTRACT, None, [["合同备案号：2026YB2449846"], ["商品房买卖合同"]])
    assert alone["contract_number"] == "2026YB2449846"


def test_a_bare_number_label_in_a_running_header_is_the_contracts_number_not_another_numbers_label() -> None:
    header = run(DocType.PURCHASE_CONTRACT, None, [
        ["启明雅苑", "编号：GF2026700853"], ["商品房买卖合同"], ["出卖人：南宁明远置业有限公司"]])
    assert header["contract_number"] == "GF2026700853"
    spaced = run(DocType.PURCHASE_CONTRACT, None, [["正泰名苑", "编号：", "YS20266223555"], ["商品房买卖合同"]])
    assert spaced["contract_number"] == "YS20266223555"
    # the end of another number's label (预售许可证编号) is none, nor is a word after a bare 编号
    other = run(DocType.PURCHASE_CONTRACT, None, [["商品房买卖合同"], ["预售许可证编号：2026YS0088"], ["房屋编号：A-1204"],
                                                   ["编号：见附件"]])
    assert "contract_number" not in other
    # a 合同编号 is taken before a bare one
    both = run(DocType.PURCHASE_CONTRACT, None, [["编号：BA2026000123"], ["合同编号：HT2026-004512"]])
    assert both["contract_number"] == "HT2026-004512"
