"""Extractors on pages shaped like OCR output (real-OCR runs are in test_pipeline)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._text import PageText


def page(lines: list[list[str]], *, height: int = 700) -> Page:
    """A page of OCR words: one line per list, its words left to right with a gap between them."""
    words = []
    for i, tokens in enumerate(lines):
        x = 10.0
        for t in tokens:
            words.append(Word(text=t, bbox=BBox(x0=x, y0=30 * i, x1=x + 20 * len(t), y1=30 * i + 20),
                              confidence=0.9, line=i))
            x += 20 * len(t) + 15
    return Page(file_id="f", number=1, width=1000, height=height, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))


def run(doc_type: DocType, side: Side | None, lines: list[list[str]]) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=doc_type, side=side, pages=(page(lines),))
    out = EXTRACTORS.get(doc_type.value)(raw, None)  # type: ignore[arg-type]
    return {k: v.value for k, v in out.fields.items()}


def test_id_front_fields_with_split_tokens_and_wrapped_address() -> None:
    got = run(DocType.ID_CARD, Side.FRONT, [
        ["姓", "名", "张伟"], ["性别", "男", "民族", "汉"], ["出生", "1988", "年", "4", "月", "2", "日"],
        ["住址", "北京市海淀区中关村"], ["大街1号院3号楼"], ["公民身份号码", "11010519880402123X"],
    ])
    assert got["name"] == "张伟" and got["sex"] == "男" and got["ethnicity"] == "汉"
    assert got["birth_date"] == date(1988, 4, 2)
    assert got["address"] == "北京市海淀区中关村大街1号院3号楼"
    assert got["id_number"] == "11010519880402123X"


def test_id_back_fields() -> None:
    got = run(DocType.ID_CARD, Side.BACK, [
        ["中华人民共和国"], ["居民身份证"], ["签发机关", "北京市公安局海淀分局"], ["有效期限", "2016.05.04-2036.05.04"],
    ])
    assert got == {"issuing_authority": "北京市公安局海淀分局", "valid_from": date(2016, 5, 4),
                   "valid_until": date(2036, 5, 4)}
    long_term = run(DocType.ID_CARD, Side.BACK, [["签发机关", "上海市公安局"], ["有效期限", "2010.01.02-长期"]])
    assert long_term["valid_until"] == "长期"


def test_income_letter_on_a_boxed_bank_form_takes_the_employer_from_its_cell() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["中国工商银行"], ["个人收入证明"], ["（由申请人所在单位填写）"],
        ["姓名", "李明", "身份证号码", "510104198703154312"],
        ["工作单位（全称）", "成都蓝海物流有限公司"],
        ["月收入（小写）", "¥9,800.00元"],
        ["特此证明。"], ["单位盖章："], ["2026年10月08日"],
    ])
    assert got["employer"] == "成都蓝海物流有限公司"
    assert got["monthly_income"] == Decimal("9800.00")


def test_income_letter_fields_across_wrapped_lines() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"],
        ["兹证明张伟（身份证号码：11010519880402123X）自2019年3月1日起在我单位"],
        ["工作，现任高级工程师职务，月收入人民币12,500.00元（大写：壹万贰仟伍佰"],
        ["元整）。特此证明。"],
        ["单位名称：北京星河科技有限公司"], ["联系电话：010-62345678"], ["2026年11月10日"],
    ])
    assert got["name"] == "张伟"
    assert got["id_number"] == "11010519880402123X"
    assert got["employment_start"] == date(2019, 3, 1)
    assert got["position"] == "高级工程师"
    assert got["monthly_income"] == Decimal("12500.00")
    assert got["amount_in_words"] == "壹万贰仟伍佰元整"
    assert got["employer"] == "北京星河科技有限公司"
    assert got["employer_phone"] == "010-62345678"
    assert got["issue_date"] == date(2026, 11, 10)
    variant = run(DocType.INCOME_PROOF, None, [["月均收入7,535.00元(人民币"], ["大写:柒仟伍佰参拾伍元整)。"]])
    assert variant["amount_in_words"] == "柒仟伍佰叁拾伍元整"  # 参 read for 叁, the rest kept
    opens_with_the_name = run(DocType.INCOME_PROOF, None, [
        ["杭州正泰生物技术有限责任公司"], ["收入证明"],
        ["马轩刚,身份证号码330106199910282854,系我公司正式员工,自"],
        ["2023年12月1日起至今在我公司工作,职务为人力资源经理,每月税前收入"],
    ])
    assert opens_with_the_name["name"] == "马轩刚"
    assert opens_with_the_name["position"] == "人力资源经理"  # not the 任 of 有限责任公司
    labelled = run(DocType.INCOME_PROOF, None, [
        ["兹证明:罗磊伟同志(身份证号:450103200210227110)为我单位在"],
        ["职职工,入职时间为2023年10月1日,现任高级工程师,月均收入8980.00"],
    ])
    assert labelled["employment_start"] == date(2023, 10, 1)


def test_field_boxes_cover_the_words_they_came_from() -> None:
    p = page([["姓名", "张伟"], ["公民身份号码", "11010519880402123X"]])
    hit = PageText(p).search(r"姓名(.+)")
    assert hit is not None
    field = hit.field(hit.group(1))
    assert field.bbox is not None and field.bbox.x0 >= 40 and field.bbox.y0 == 0
    assert field.page == 1 and field.confidence == 0.9


def table_page(lines: list[list[str]], table: list[list[str]], columns: list[float]) -> Page:
    """Free lines on top, then table rows whose cells start at the given x positions (as printed)."""
    top = page(lines)
    words = list(top.words)
    for r, cells in enumerate(table):
        y = 30 * (len(lines) + r)
        for x, cell in zip(columns, cells, strict=True):
            if cell:
                words.append(Word(text=cell, bbox=BBox(x0=x, y0=y, x1=x + 9 * len(cell), y1=y + 20),
                                  confidence=0.9, line=len(lines) + r))
    return top.model_copy(update={"words": tuple(words)})


def statement_fields(p: Page) -> dict[str, object]:
    """Field values the bank-statement extractor reads from one page."""
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return {k: v.value for k, v in EXTRACTORS.get("bank_statement")(raw, None).fields.items()}  # type: ignore[arg-type]


def test_bank_statement_header_and_rows_with_credit_and_debit_columns() -> None:
    p = table_page(
        [["招商银行", "个人账户交易明细"], ["户名:", "张伟", "账号:", "6225 8812 3456 7890"],
         ["查询期间:", "2026-05-01", "至", "2026-10-31", "打印日期:", "2026-11-15"]],
        [["交易日期", "摘要", "收入", "支出", "余额", "对方户名"],
         ["2026-05-10", "代发工资", "12,500.00", "", "20,500.00", "北京星河科技有限公司"],
         ["2026-05-12", "消费", "", "300.00", "20,200.00", "某超市"]],
        [20, 140, 260, 380, 500, 620],
    )
    got = statement_fields(p)
    assert got["bank_name"] == "招商银行" and got["account_holder"] == "张伟"
    assert got["account_number"] == "6225881234567890"
    assert (got["period_start"], got["period_end"], got["issue_date"]) == (
        date(2026, 5, 1), date(2026, 10, 31), date(2026, 11, 15))
    rows = got["transactions"]
    assert [(r["amount"], r["balance"]) for r in rows] == [
        (Decimal("12500.00"), Decimal("20500.00")), (Decimal("-300.00"), Decimal("20200.00"))]
    assert rows[0]["counterparty"] == "北京星河科技有限公司" and rows[0]["description"] == "代发工资"
    assert got["opening_balance"] == Decimal("8000.00") and got["closing_balance"] == Decimal("20200.00")


def test_rows_with_a_misread_serial_number_account_or_digit_are_still_rows() -> None:
    p = table_page(
        [["中国建设银行", "个人活期账户交易明细"], ["户名:", "张伟"]],
        [["序号", "交易日期", "摘要", "交易金额", "账户余额", "对方户名", "对方账号"],
         ["94", "2025/12/04", "转账", "-3,247.19", "101,191.91", "东方鑫勇", ""],
         ["S6", "2025/12/05", "消费", "-2,122.42", "99,069.49", "北京三快科技有限公司", ""],  # 95 read as S6
         ["96", "2025/12/07", "缴费", "-81.71", "98,987.78", "国网上海省电力公司", ""],
         ["97", "2025/12/08", "转账", "-1,605.31", "97,382.47", "高娟欣", "200876879"],  # the account partly read
         ["98", "2025/12/09", "ATM取款", "-B00.00", "96,582.47", "", ""],  # 8 read as B
         ["打印机构", "2025/12/31", "", "", "", "", ""]],  # a footer with a date is no transaction
        [20, 80, 200, 320, 440, 560, 760],
    )
    rows = statement_fields(p)["transactions"]
    assert [r["balance"] for r in rows] == [  # type: ignore[index]
        Decimal("101191.91"), Decimal("99069.49"), Decimal("98987.78"), Decimal("97382.47"), Decimal("96582.47")]
    assert rows[-1]["amount"] == Decimal("-800.00") and rows[-1]["description"] == "ATM取款"  # type: ignore[index]


def test_statement_heading_misread_by_one_character_and_balance_that_lost_its_point() -> None:
    p = table_page(
        [["中国农业银行", "活期账户历史交易明细"], ["户名:", "张伟", "账号:", "6228454730877182539"],
         ["上期余额:", "800000"]],
        [["交易日期", "交易搞要", "收入", "支出", "余额", "对方户名"],
         ["2026-05-10", "代发工资", "12,500.00", "", "20,500.00", "北京星河科技有限公司"],
         ["2026-05-12", "消费", "", "300.00", "20,200.00", "某超市"]],
        [20, 140, 260, 380, 500, 620],
    )
    got = statement_fields(p)
    rows = got["transactions"]
    assert [r["description"] for r in rows] == ["代发工资", "消费"]  # 交易搞要 still heads the description
    assert [r["counterparty"] for r in rows] == ["北京星河科技有限公司", "某超市"]
    assert got["opening_balance"] == Decimal("8000.00")  # 800000 printed, 8000.00 by the first row


def test_a_scanned_amount_that_lost_its_minus_sign_is_turned_by_the_running_balance() -> None:
    p = table_page(
        [["招商银行", "个人账户交易明细"], ["户名:", "张伟", "账号:", "6225881234567890"]],
        [["交易日期", "摘要", "交易金额", "余额", "对方户名"],
         ["2026-05-10", "代发工资", "12,500.00", "20,500.00", "北京星河科技有限公司"],
         ["2026-05-12", "转账", "688.80", "19,811.20", "唐浩波"],  # printed -688.80, the minus not read
         ["2026-05-13", "消费", "-11.20", "19,800.00", "某超市"]],
        [20, 140, 260, 380, 500],
    )
    rows = _statement(p)
    assert [r["amount"] for r in rows] == [Decimal("12500.00"), Decimal("-688.80"), Decimal("-11.20")]


def test_business_license_key_value_layout() -> None:
    got = run(DocType.BUSINESS_LICENSE, None, [
        ["营业执照"], ["统一社会信用代码", "91350100M000100Y43"],
        ["名称", "福州星辰贸易有限公司", "注册资本", "壹佰万元整"],
        ["类型", "有限责任公司", "成立日期", "2015年06月18日"],
        ["法定代表人", "陈明", "营业期限", "2015年06月18日至2035年06月17日"],
        ["住所", "福州市鼓楼区五四路1号"],
    ])
    assert got["uscc"] == "91350100M000100Y43" and got["company_name"] == "福州星辰贸易有限公司"
    assert got["legal_representative"] == "陈明" and got["registered_capital"] == Decimal("1000000")
    assert got["established_date"] == date(2015, 6, 18) and got["business_term_until"] == date(2035, 6, 17)
    assert got["address"] == "福州市鼓楼区五四路1号"


def test_a_credit_code_read_with_a_confusable_glyph_is_mended_only_when_it_checks_out() -> None:
    def uscc(read: str) -> object:
        return run(DocType.BUSINESS_LICENSE, None, [["统一社会信用代码"], [read], ["名称", "杭州云杉科技有限公司"]]).get("uscc")

    assert uscc("91330106MA2H3R8T1]") == "91330106MA2H3R8T1J"  # J read as a bracket
    assert uscc("9133O106MA2H3R8T1J") == "91330106MA2H3R8T1J"
    assert uscc("91330106MA2H3R8T2]") == "91330106MA2H3R8T2"  # mended, it would not check out: read as printed


def test_purchase_contract_and_tax_certificate_fields() -> None:
    contract = run(DocType.PURCHASE_CONTRACT, None, [
        ["商品房买卖合同"], ["合同编号:", "HT2026-004512"], ["出卖人:", "福州万象置业有限公司"],
        ["买受人:", "张伟"], ["证件号码:", "11010519880402123X"], ["房屋坐落:", "福州市台江区江滨路8号3栋1203"],
        ["建筑面积共", "98.56", "平方米"], ["总价款为人民币", "2,350,000.00", "元(大写:贰佰叁拾伍万元整)"],
        ["签订日期:", "2026年10月8日"], ["第1页", "共8页"],
    ])
    assert contract["contract_number"] == "HT2026-004512" and contract["seller"] == "福州万象置业有限公司"
    assert contract["buyer_names"] == ["张伟"] and contract["buyer_id_numbers"] == ["11010519880402123X"]
    assert contract["floor_area"] == Decimal("98.56") and contract["total_price"] == Decimal("2350000.00")
    assert contract["total_price_in_words"] == "贰佰叁拾伍万元整" and contract["signing_date"] == date(2026, 10, 8)
    assert (contract["pages_declared"], contract["pages_present"]) == (8, 1)
    tax = run(DocType.TAX_CERTIFICATE, None, [
        ["中华人民共和国个人所得税纳税记录"], ["纳税人姓名:", "张伟", "身份证件号码:", "11010519880402123X"],
        ["税款所属期:", "2025-11-01", "至", "2026-10-31"], ["合计", "150,000.00", "4,080.00"],
        ["开具日期:", "2026-11-12", "验证码:", "A1B2C3D4E5F6"],
    ])
    assert tax["name"] == "张伟" and tax["id_number"] == "11010519880402123X"
    assert (tax["period_start"], tax["period_end"]) == (date(2025, 11, 1), date(2026, 10, 31))
    assert (tax["total_income"], tax["total_tax"]) == (Decimal("150000.00"), Decimal("4080.00"))
    assert tax["issue_date"] == date(2026, 11, 12) and tax["verification_code"] == "A1B2C3D4E5F6"
    photographed = run(DocType.TAX_CERTIFICATE, None, [  # a curved row: 合计 left alone above its figures
        ["中华人民共和国个人所得税纳税记录"], ["12", "经营所得", "202610", "2026-11-13"],
        ["21,808.71", "654.26", "天津市和平区联合餐饮店"], ["合计"], ["347,032.63", "10,410.97"],
        ["金额合计（大写）：壹万零肆佰壹拾元玖角柒分"], ["验证码：E6DR83H7Q4FKBVX6"],
    ])
    assert (photographed["total_income"], photographed["total_tax"]) == (Decimal("347032.63"), Decimal("10410.97"))
    folded = run(DocType.TAX_CERTIFICATE, None, [  # skew put the last row's figures on the 合计 line
        ["中华人民共和国个人所得税纳税记录"], ["合计", "2026-07-12", "25,209.41", "4,050.26", "深圳致远电子有限公司"],
        ["250,169.96", "40,115.73"], ["金额合计（大写）：肆万零壹佰壹拾伍元柒角叁分"],
    ])
    assert (folded["total_income"], folded["total_tax"]) == (Decimal("250169.96"), Decimal("40115.73"))
    points = run(DocType.TAX_CERTIFICATE, None, [["个人所得税纳税记录"], ["合计", "220.634.72", "3,309.52"]])
    assert (points["total_income"], points["total_tax"]) == (Decimal("220634.72"), Decimal("3309.52"))


def test_a_contract_price_that_lost_a_comma_or_its_line() -> None:
    lost_comma = run(DocType.PURCHASE_CONTRACT, None, [
        ["第四条计价方式与价款。总价款为人民币5,124087.00元(大写:伍佰壹拾贰万肆仟零捌"], ["拾柒元整)。"],
    ])
    assert lost_comma["total_price"] == Decimal("5124087.00")
    assert lost_comma["total_price_in_words"] == "伍佰壹拾贰万肆仟零捌拾柒元整"
    variant = run(DocType.PURCHASE_CONTRACT, None, [["总价款为人民币3,381,371.00元(大写:叁佰参拾捌万壹仟叁佰柒拾壹元整)。"]])
    assert variant["total_price_in_words"] == "叁佰叁拾捌万壹仟叁佰柒拾壹元整"  # 参 read for 叁
    line_lost = run(DocType.PURCHASE_CONTRACT, None, [  # the price line itself did not come back from OCR
        ["第四条计价方式与价款。出卖人与买受人按照建筑面积计算该商品房价款,该商品房单"], ["柒佰柒拾肆元整)。"],
        ["第五条付款方式及期限。买受人采取贷款方式付款:首期房价款人民币765,887.00元,"],
        ["于本合同签订当日支付;余款人民币765,887.00元由买受人向贷款机构申请个人住房按揭贷款"],
    ])
    assert line_lost["total_price"] == Decimal("1531774.00")
    assert "total_price_in_words" not in line_lost
    words_left = run(DocType.PURCHASE_CONTRACT, None, [  # the 大写 total survived: no sum is set against it
        ["总价款为人民币1,53l,77元(大写:壹佰伍拾叁万壹仟柒佰柒拾肆元整)。"],
        ["首期房价款人民币765,887.00元,于本合同签订当日支付;余款人民币765,887.00元由买受人向贷款机构申请"],
    ])
    assert "total_price" not in words_left and words_left["total_price_in_words"] == "壹佰伍拾叁万壹仟柒佰柒拾肆元整"
    only_down = run(DocType.PURCHASE_CONTRACT, None, [["首期房价款人民币765,887.00元,于本合同签订当日支付"]])
    assert "total_price" not in only_down


def _statement(p: Page) -> list[dict[str, object]]:
    return statement_fields(p)["transactions"]  # type: ignore[return-value]


def test_statement_headings_centred_over_wide_columns_and_a_direction_column() -> None:
    # headings centred far right of where their (left-aligned) cells start; unsigned amounts with 借/贷
    p = table_page(
        [["中国银行", "交易明细"], ["起止日期:", "2026-05-01", "至", "2026-10-31"]],
        [["记账日期", "", "交易金额", "借贷", "联机余额", "交易摘要", "对手信息"],
         ["2026-05-10", "人民币", "12,500.00", "贷", "20,500.00", "代发工资", "北京星河科技有限公司 6222020200112233"],
         ["2026-05-12", "人民币", "300.00", "借", "20,200.00", "消费", "某超市"]],
        [20, 110, 200, 300, 360, 470, 640],
    )
    rows = _statement(p)
    assert [(r["amount"], r["balance"]) for r in rows] == [
        (Decimal("12500.00"), Decimal("20500.00")), (Decimal("-300.00"), Decimal("20200.00"))]
    assert [r["counterparty"] for r in rows] == ["北京星河科技有限公司", "某超市"]
    assert [r["description"] for r in rows] == ["代发工资", "消费"]


def test_scanned_statement_rows_split_merged_boxes_and_read_points_as_commas() -> None:
    lines = [["中国邮政储蓄银行", "账户交易明细"], ["客户姓名:", "唐涵静", "账号:", "6210984853487188550"]]
    p = table_page(lines,
                   [["序号", "交易时间", "交易摘要", "发生额", "", "本次余额", "对方户名"],
                    ["1", "2025/05/16", "消费", "-309.63 103,583.95", "", "", "支付宝（中国）网络技术有限公司"],
                    ["2", "2025/05/17", "取现", "-2.000.00", "", "101.583.95", ""]],  # OCR read commas as points
                   [20, 60, 200, 300, 400, 420, 560])
    p = p.model_copy(update={"source": PageSource.OCR})
    rows = _statement(p)
    assert [(r["amount"], r["balance"]) for r in rows] == [
        (Decimal("-309.63"), Decimal("103583.95")), (Decimal("-2000.00"), Decimal("101583.95"))]


def test_one_ocr_box_over_several_headings_is_cut_where_each_begins() -> None:
    from docproc.extractors._table_header import _heading_words

    def cut(text: str) -> list[str]:
        word = Word(text=text, bbox=BBox(x0=0, y0=0, x1=10 * len(text), y1=10), confidence=0.9)
        return [w.text for w in _heading_words([word])]

    assert cut("发生额本次余额") == ["发生额", "本次余额"]
    assert cut("序号交易时间") == ["序号", "交易时间"]
    assert cut("借方发生额") == ["借方发生额"]  # one heading
    assert cut("存入金额") == ["存入金额"]


def test_a_sign_read_apart_joins_its_amount() -> None:
    from docproc.extractors._table_words import join_signs as _join_signs

    def w(text: str, x0: float, x1: float) -> Word:
        return Word(text=text, bbox=BBox(x0=x0, y0=0, x1=x1, y1=10), confidence=0.9)

    assert [x.text for x in _join_signs([w("-", 0, 5), w("483.73", 8, 40), w("消费", 60, 80)])] == ["-483.73", "消费"]
    assert [x.text for x in _join_signs([w("-", 0, 5), w("消费", 60, 80)])] == ["-", "消费"]  # a dash alone stays


def test_a_licence_in_two_columns_keeps_each_value_in_its_column_and_a_wrapped_address_whole() -> None:
    """Word boxes as OCR gave them on a photographed 个体工商户 licence (x0, y0, y1, text per line)."""
    rows = [
        [(164, 213, 240, "统一社会信用代码")], [(163, 240, 267, "924301043928695485")], [(515, 250, 319, "营业执照")],
        [(184, 325, 348, "名称"), (296, 330, 360, "长沙市岳麓区博远服装店"), (1020, 329, 352, "扫描二维码登录“国家企业")],
        [(227, 373, 394, "类型"), (291, 373, 402, "个体工商户")],
        [(663, 392, 419, "经营场所"), (776, 399, 436, "湖南省长沙市岳麓区潇湘中路386号13号楼")],
        [(179, 412, 440, "经营者"), (289, 417, 445, "蒋倩雪"), (776, 426, 452, "2单元2703号")],
        [(177, 456, 484, "组成形式"), (288, 462, 490, "个人经营"), (659, 466, 490, "经营范围")],
        [(773, 471, 509, "道路货物运输（不含危险货物）：仓储服")],
    ]
    words = [Word(text=t, bbox=BBox(x0=x, y0=y0, x1=x + 26 * len(t), y1=y1), confidence=0.9, line=i)
             for i, row in enumerate(rows) for x, y0, y1, t in row]
    licence = Page(file_id="f", number=1, width=1400, height=883, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))
    out = EXTRACTORS.get(DocType.BUSINESS_LICENSE.value)(  # type: ignore[arg-type]
        RawDocument(file_id="f", doc_type=DocType.BUSINESS_LICENSE, side=None, pages=(licence,)), None)
    got = {k: v.value for k, v in out.fields.items()}
    assert got["company_name"] == "长沙市岳麓区博远服装店"
    assert got["legal_representative"] == "蒋倩雪"
    assert got["address"] == "湖南省长沙市岳麓区潇湘中路386号13号楼2单元2703号"
    assert out.fields["address"].bbox is not None and out.fields["address"].bbox.y1 == 452


def _table_page(rows: list[list[tuple[str, float]]]) -> RawDocument:
    """A contract page whose words stand at given x positions (cells of a table), one row a line."""
    words = [Word(text=t, bbox=BBox(x0=x, y0=30 * i, x1=x + 18 * len(t), y1=30 * i + 18), confidence=0.9, line=i)
             for i, row in enumerate(rows) for t, x in row]
    return RawDocument(file_id="f", doc_type=DocType.PURCHASE_CONTRACT, pages=(
        Page(file_id="f", number=1, width=1200, height=700, unit=Unit.PX, source=PageSource.OCR, words=tuple(words)),))


def test_a_contract_whose_parties_stand_in_columns() -> None:
    # 网签 layout: a heading row of the two roles, then one column per party (values left-aligned in
    # wide cells, headings centred); the signature page dates each party's signature on a line of its
    # own, with no 签订日期 label
    left, right = 150.0, 650.0
    sheet = _table_page([
        [("当事人", 10), ("出卖人", 330), ("买受人", 830)],
        [("名称/姓名", 10), ("南京恒瑞置业有限公司", left), ("周雨桐、陆明", right)],
        [("证件类型", 10), ("营业执照", left), ("居民身份证", right)],
        [("证件号码", 10), ("91320106MA1X8K2L5Q", left), ("周雨桐32010619900312442×", right)],
        [("证件号码", 10), ("陆明320106198807150031", right)],
        [("联系电话", 10), ("025-84561230", left), ("13912345678", right)],
        [("出卖人(签章):", left), ("买受人(签章):", right)], [("南京恒瑞置业有限公司", left), ("周雨桐", right)],
        [("法定代表人(签字):", left)], [("二〇二六年三月十六日", left), ("二〇二六年三月十六日", right)],
    ])
    got = {k: v.value for k, v in EXTRACTORS.get("purchase_contract")(sheet, None).fields.items()}  # type: ignore[arg-type]
    assert got["buyer_names"] == ["周雨桐", "陆明"]  # never the role word 买受人 or 出卖人
    assert got["buyer_id_numbers"] == ["32010619900312442X", "320106198807150031"]
    assert got["seller"] == "南京恒瑞置业有限公司"  # not glued to the buyer's cell
    assert got["signing_date"] == date(2026, 3, 16)
    # the buyer's name cell lost in reading: the name signed under 买受人（签章） stands for it
    unread = _table_page([
        [("当事人", 10), ("买受人", 330), ("出卖人", 830)], [("名称/姓名", 10), ("南京恒瑞置业有限公司", right)],
        [("证件号码", 10), ("320106198807150031", left), ("91320106MA1X8K2L5Q", right)],
        [("买受人(签章):", left), ("出卖人(签章):", right)], [("陆明", left), ("南京恒瑞置业有限公司", right)],
        [("2026年3月16日", left), ("2026年3月16日", right)],
    ])
    fields = EXTRACTORS.get("purchase_contract")(unread, None).fields  # type: ignore[arg-type]
    assert (fields["buyer_names"].value, fields["buyer_id_numbers"].value) == (["陆明"], ["320106198807150031"])


def test_a_party_role_word_is_never_a_buyers_name() -> None:
    # a party table's heading cells, far apart, read like a label and its value (买受人 | 出卖人)
    heading_only = _table_page([[("买受人", 150), ("出卖人", 650)], [("通讯地址", 10), ("见附件", 150)]])
    assert "buyer_names" not in EXTRACTORS.get("purchase_contract")(heading_only, None).fields  # type: ignore[arg-type]


def test_tax_record_period_printed_under_its_title_without_a_label() -> None:
    got = run(DocType.TAX_CERTIFICATE, None, [
        ["个人所得税纳税记录"], ["(2025.04.01-2026.03.31)"],
        ["纳税人姓名", "赵磊", "身份证件号码", "440106198809123456"],
        ["开具日期", "2026.04.10", "查验码", "K7Q2M9X4P1"],
    ])
    assert (got["period_start"], got["period_end"]) == (date(2025, 4, 1), date(2026, 3, 31))
    assert got["issue_date"] == date(2026, 4, 10)


def test_an_id_card_photographed_at_an_angle_its_rows_set_apart_from_their_labels() -> None:
    front = run(DocType.ID_CARD, Side.FRONT, [
        ["郭龙辉"], ["姓名", "民族汉"], ["性别男"], ["1981年4月5日"], ["出生"], ["住址福建省厦门市思明区"],
        ["莲前西路180号28号楼"], ["350203198104059258"], ["公民身份号码"],
    ])
    assert front["name"] == "郭龙辉" and front["ethnicity"] == "汉"  # the name above its label, not 民族汉
    back = run(DocType.ID_CARD, Side.BACK, [
        ["中华人民共和国"], ["居民身份证"], ["签发机关"], ["有效期限", "武汉市公安局武昌区分局"], ["2018.12.07-2038.12.07"],
    ])
    assert back["issuing_authority"] == "武汉市公安局武昌区分局"
    assert (back["valid_from"], back["valid_until"]) == (date(2018, 12, 7), date(2038, 12, 7))
