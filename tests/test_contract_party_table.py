"""A contract's parties in a party table, one row per party under a header of its columns, and the price's 大写 in
the cell of a payment table's 大写 column: pages set by hand from words with boxes, born-digital cells and OCR'd
rows whose cells ran together."""

from __future__ import annotations

from decimal import Decimal

from docproc.extractors import EXTRACTORS
from tests.test_extractors import _table_page

# id numbers whose GB 11643 check digit holds
ID_A, ID_B, ID_C = "330106198705223412", "330102199208141626", "110108197901032514"


def fields(rows: list[list[tuple[str, float]]]) -> dict[str, object]:
    sheet = _table_page(rows)
    return {k: v.value for k, v in EXTRACTORS.get("purchase_contract")(sheet, None).fields.items()}  # type: ignore[arg-type]


def test_a_party_table_with_one_row_per_party_in_cells_of_their_own() -> None:
    got = fields([
        [("房屋买卖合同", 400)],
        [("合同当事人", 20), ("姓名/名称", 210), ("证件类型", 520), ("证件号码", 700), ("联系电话", 1000)],
        [("卖方", 20), ("苏州工业园区景湖置业有限公司", 170), ("营业执照", 520), ("91320594MA1Q2W3E4R", 680),
         ("0512-66881234", 990)],
        [("法定代表人", 20), ("沈明德", 170), ("居民身份证", 520)],
        [("买方", 20), ("蒋晓雯", 170), ("居民身份证", 520), (ID_A, 680), ("13962110000", 990)],
        [("二、房屋情况", 20)],
    ])
    assert got["buyer_names"] == ["蒋晓雯"]  # not the seller's legal representative
    assert got["buyer_id_numbers"] == [ID_A]
    assert got["seller"] == "苏州工业园区景湖置业有限公司"


def test_an_ocr_read_party_table_with_two_buyers_and_cells_run_together() -> None:
    # the scan's words: the header's headings partly fused, a buyer's name fused with its id type, the
    # role cell fused with the name on one row, numbers after the letters the contract calls the buyers by
    got = fields([
        [("当事人", 30), ("名称/姓名证件类型", 200), ("证件号码", 690), ("联系电话", 980)],
        [("甲方", 30), ("宁波港城房地产开发有限公司", 200), ("统一社会信用代码", 500), ("913302017XK4M5N6P7", 690)],
        [("乙方（一）", 30), ("韩立新居民身份证", 200), (ID_C, 690), ("13705740000", 980)],
        [("乙方（二）欧阳青", 30), ("居民身份证", 480), (ID_B, 690)],
        [("乙方通讯地址", 30), ("宁波市鄞州区天童南路88号", 200)],
    ])
    assert got["buyer_names"] == ["韩立新", "欧阳青"]
    assert got["buyer_id_numbers"] == [ID_C, ID_B]
    assert got["seller"] == "宁波港城房地产开发有限公司"


def test_a_payment_table_gives_the_price_in_words_in_its_capitals_column() -> None:
    got = fields([
        [("付款安排", 20)],
        [("付款项目", 20), ("付款日期", 260), ("小写金额", 480), ("大写金额", 760)],
        [("定金", 20), ("2026-05-08", 260), ("¥50,000.00", 480), ("伍万元整", 760)],
        [("首期房价款", 20), ("2026-05-20", 260), ("¥1,150,000.00", 480), ("壹佰壹拾伍万元整", 760)],
        [("房价款合计", 20), ("¥3,286,400.00", 480), ("叁佰贰拾捌万陆仟肆佰元整", 760)],
        [("买方以商业贷款方式支付余款。", 20)],
    ])
    assert got["total_price_in_words"] == "叁佰贰拾捌万陆仟肆佰元整"  # the total's row, not a part's


def test_an_ocr_read_payment_table_with_the_figure_and_its_capitals_in_one_word() -> None:
    got = fields([
        [("价款", 20), ("金额（小写）金额（大写）", 420)],
        [("总价款", 20), ("￥2,071,305.00贰佰零柒万壹仟叁佰零伍元整", 420)],
    ])
    assert got["total_price_in_words"] == "贰佰零柒万壹仟叁佰零伍元整"
    assert got["total_price"] == Decimal("2071305.00")


def test_a_clause_with_a_capitals_label_heads_no_table() -> None:
    got = fields([
        [("双方应以大写填写金额，涂改无效。", 20)],
        [("首付款", 20), ("¥300,000.00", 480), ("叁拾万元整", 760)],
    ])
    assert "total_price_in_words" not in got


def test_a_party_table_whose_role_column_has_no_heading_and_whose_seller_is_a_person() -> None:
    got = fields([
        [("存量房买卖合同", 400)],
        [("姓名", 260), ("身份证号码", 560), ("住址", 950)],
        [("出卖人（甲方）", 20), ("魏国栋", 240), (ID_C, 520), ("北京市朝阳区望京西路9号", 900)],
        [("买受人（乙方）丁一鸣", 20), (ID_A, 520), ("杭州市拱墅区湖墅南路5号", 900)],  # role and name read as one word
    ])
    assert got["buyer_names"] == ["丁一鸣"]
    assert got["buyer_id_numbers"] == [ID_A]
    assert got["seller"] == "魏国栋"
