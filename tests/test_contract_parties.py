"""Contract parties however a contract words them, and positions stated in a letter's sentence: pages written
by hand in wordings of their own (role words, letters defined in prose, party blocks, sentences)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import DocType
from docproc.extractors import EXTRACTORS
from tests.test_extractors import _table_page, run

# id numbers whose GB 11643 check digit holds
ID_A, ID_B, ID_C = "330106198705223412", "330102199208141626", "110108197901032514"


def contract(lines: list[str]) -> dict[str, object]:
    return run(DocType.PURCHASE_CONTRACT, None, [[line] for line in lines])


def test_buyers_named_by_the_buy_and_sell_words_with_co_owners_on_one_line() -> None:
    got = contract([
        "存量房屋买卖合同", "卖方：杭州明远置业有限公司", "统一社会信用代码：91330106MA2H3K4L5P",
        "买方：陈思远、林晓", "证件类型：居民身份证", f"证件号码：{ID_A}", f"证件号码：{ID_B}",
        "联系电话：13800001111", "买卖双方经协商一致，订立本合同。",
    ])
    assert got["buyer_names"] == ["陈思远", "林晓"]
    assert got["buyer_id_numbers"] == [ID_A, ID_B]
    assert got["seller"] == "杭州明远置业有限公司"


def test_a_party_block_with_its_name_on_an_entry_under_the_heading() -> None:
    got = contract([
        "房屋转让合同", "转让方（甲方）：", "姓名：王建国", f"公民身份号码：{ID_C}", "住址：北京市海淀区中关村大街1号",
        "受让方（乙方）：", "姓名：李娜", f"身份证号：{ID_A}", "通讯地址：杭州市西湖区文三路90号",
    ])
    assert got["buyer_names"] == ["李娜"]  # not the 转让方's 王建国 above
    assert got["buyer_id_numbers"] == [ID_A]


def test_letters_whose_roles_are_defined_in_prose() -> None:
    got = contract([
        "北京华远房地产开发有限公司为出卖人（以下简称甲方），孙浩为买受人（以下简称乙方）。",
        "甲方：北京华远房地产开发有限公司", "法定代表人：周平",
        f"乙方：孙浩，身份证号：{ID_B}，住址：北京市朝阳区建国路88号",
        "乙方应当按期付款。",
    ])
    assert got["buyer_names"] == ["孙浩"]
    assert got["buyer_id_numbers"] == [ID_B]
    assert got["seller"] == "北京华远房地产开发有限公司"


def test_a_buyer_named_in_a_sentence_with_the_label_of_the_id_number() -> None:
    got = contract([f"本合同由出卖人广州天河置业有限公司与买受人吴磊（身份证号码：{ID_C}）于广州签订。"])
    assert got["buyer_names"] == ["吴磊"]
    assert got["buyer_id_numbers"] == [ID_C]


def test_check_digit_chooses_the_id_number_and_role_words_are_no_names() -> None:
    # the block holds a number with a wrong check digit and a valid one: the valid one is the buyer's
    got = contract(["买受人（一）：赵敏", "证件号码：330106198705223413", f"备用证件号码：{ID_A}"])
    assert got["buyer_names"] == ["赵敏"] and got["buyer_id_numbers"] == [ID_A]
    # a party line whose value is a label or a role word names no one; clause text with a colon neither
    for lines in (["买受人：姓名", "乙方（买受人）：出卖人"], ["买受人应当在收到通知之日起15日内办理交付手续：携带证件。"]):
        assert "buyer_names" not in contract(lines)


def test_an_address_whose_label_wraps_over_a_line_break() -> None:
    got = contract(["一、乙方购买的商品房为甲方开发建设的项目3栋1502号，房屋坐",
                    "落：上海市浦东新区张杨路500号2号楼3单元1502室。该房屋用途为住宅。"])
    assert got["property_address"] == "上海市浦东新区张杨路500号2号楼3单元1502室"


def test_a_position_stated_in_a_sentence_loses_its_lead_in() -> None:
    for sentence, position in (
        ("兹证明王芳同志系本公司员工，现任本公司的人事主管，工作表现良好。", "人事主管"),
        ("兹有我司员工刘强，现任我司市场部经理一职。", "市场部经理"),
        ("兹证明陈静在我单位工作，担任本单位出纳，月收入8,000.00元。", "出纳"),
        ("兹证明周敏现任上海远景科技有限公司技术总监，特此证明。", "技术总监"),
        ("兹证明李伟现任高级工程师，月收入12,000.00元。", "高级工程师"),
    ):
        assert run(DocType.INCOME_PROOF, None, [[sentence]])["position"] == position, sentence


def test_clause_text_about_showing_an_id_card_names_no_buyer() -> None:
    got = contract(["交付时买受人应当出示（身份证件原件），出卖人应向买受人出示，身份证明文件。"])
    assert "buyer_names" not in got


def test_a_role_word_and_a_colon_inside_a_clause_name_no_party() -> None:
    # a semicolon read as a colon after a role word in a wrapped clause: the clause's next word is no buyer
    got = contract([
        "购房人：刘晓芸", f"身份证号码：{ID_B}",
        "第八条 房屋实测面积与约定面积不符的，超出部分的房价款由出售方退还购房人:余下",
        "部分按实结算。逾期未退的，由出卖人:承担违约责任。",
        "二、乙方（买受人）：马骏", f"证件号码：{ID_C}",
    ])
    assert got["buyer_names"] == ["刘晓芸", "马骏"]
    assert got["buyer_id_numbers"] == [ID_B, ID_C]
    # the label opens a cell of its own to the right of a heading cell: still a party line
    sheet = _table_page([[("当事人信息", 10), ("买方：沈立群", 640)], [(f"证件号码：{ID_A}", 640)]])
    fields = EXTRACTORS.get("purchase_contract")(sheet, None).fields  # type: ignore[arg-type]
    assert fields["buyer_names"].value == ["沈立群"]


def test_party_blocks_side_by_side_under_a_heading_line_with_two_buyers() -> None:
    # seller block left, buyer block right, each heading a word of its own and no colon after it; the
    # buyers' block holds a buyer and a co-owner, each with a number; OCR glued one row's two entries
    left, right = 100.0, 620.0
    page = _table_page([
        [("合同编号：HT-2026-0815", left)],
        [("甲方（出卖人）", left), ("乙方（买受人）", right)],
        [("名称：杭州明远置业有限公司", left), ("姓名：陈思远", right)],
        [(f"统一社会信用代码：91330106MA2H3K4L5P身份证号码：{ID_A}", left)],
        [("法定代表人：周平", left), ("共同买受人：林晓", right)],
        [("联系电话：0571-88886666", left), (f"证件号码：{ID_B}", right)],
        [("住所：杭州市西湖区文三路90号", left), ("通讯地址：杭州市拱墅区湖墅南路1号", right)],
        [("甲乙双方根据《中华人民共和国民法典》等法律、法规的规定，经协商一致，订立本合同。", 40)],
    ])
    fields = EXTRACTORS.get("purchase_contract")(page, None).fields  # type: ignore[arg-type]
    assert fields["buyer_names"].value == ["陈思远", "林晓"]
    assert fields["buyer_id_numbers"].value == [ID_A, ID_B]
    assert fields["seller"].value == "杭州明远置业有限公司"


def test_a_bilingual_letter_keeps_the_chinese_half_of_a_position() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["EMPLOYMENT CERTIFICATE"], ["在职收入证明"], ["Name", "姓名:", "沈佳怡"], ["Position", "职位:", "Senior Accountant/高级会计师"],
        ["Date of Joining", "入职日期:", "2019/04/01"],
    ])
    assert got["position"] == "高级会计师"


def test_a_payroll_letter_states_its_monthly_income_as_the_average_gross_pay() -> None:
    pay = run(DocType.INCOME_PROOF, None, [
        ["个人收入明细证明"], ["沈佳怡于2019年4月1日入职我公司，现任会计。"], ["月份", "应发工资", "实发工资"],
        ["2026年1月", "18,000.00", "14,210.00"], ["月均应发工资:", "¥18,000.00元"], ["杭州青禾科技有限公司"],
    ])
    assert pay["monthly_income"] == Decimal("18000.00")


def test_co_buyers_numbered_after_their_role() -> None:
    got = contract([
        "存量房买卖合同", "甲方（出卖人）：广州海纳实业有限责任公司", "乙方（买受人）一：徐宁",
        f"国籍：中国 证件类型：居民身份证 身份证号码：{ID_A}", "乙方（买受人）二：周桂诗",
        f"国籍：中国 证件类型：居民身份证 身份证号码：{ID_B}", "第一条 房屋基本情况",
    ])
    assert got["buyer_names"] == ["徐宁", "周桂诗"]
    assert got["buyer_id_numbers"] == [ID_A, ID_B]


def test_a_signature_table_dates_each_party_under_its_date_heading() -> None:
    sheet = _table_page([
        [("（以下无正文，为本合同签署页）", 70)],
        [("当事人", 110), ("签字（盖章）", 258), ("签订日期", 440)],
        [("上海卓越房地产股份有限公司", 190)],
        [("甲方（出卖人）", 86), ("二〇二六年八月六日", 414)],
        [("（盖章）", 106), ("法定代表人：高斌杰", 190)],
        [("乙方（买受人）", 86), ("二〇二六年八月九日", 414)],
        [("（签字）", 106)],
        [("签订地点", 104), ("上海市徐汇区", 190)],
    ])
    got = {k: v.value for k, v in EXTRACTORS.get("purchase_contract")(sheet, None).fields.items()}  # type: ignore[arg-type]
    assert got["signing_date"] == date(2026, 8, 9)  # the later of the two parties' dates


def test_a_price_in_words_whose_wan_was_read_as_fang() -> None:
    got = contract(["该房屋成交价格为：小写¥1909596.00元；大写壹佰玖", "拾方零玖仟伍佰玖拾陆元整。"])
    assert got["total_price_in_words"] == "壹佰玖拾万零玖仟伍佰玖拾陆元整"
    assert got["total_price"] == Decimal("1909596.00")


def test_parties_each_named_with_a_semicolon_before_the_kind_of_id() -> None:
    # a contract set as a table of clauses: 当事人 in the left cell, one sentence per party in the right
    got = contract([
        "商品房买卖合同", "出卖人 杭州明远置业有限公司；统一社会信用代码：91330106MA2H3K4L5P",
        f"买受人 陈思远；证件类型：居民身份证；证件号码：{ID_A}",
        f"共同买受人 林晓；证件类型：居民身份证；证件号码：{ID_B}",
    ])
    assert got["buyer_names"] == ["陈思远", "林晓"]
    assert got["buyer_id_numbers"] == [ID_A, ID_B]
