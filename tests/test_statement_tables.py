"""Statement tables of other layouts: column orders, dates in pieces, cells that wrap, headings on two lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from tests.statement_pages import LINE
from tests.statement_pages import page as _page
from tests.statement_pages import rows as _rows


def _table(top: float, rows: list[list[tuple[float, str]]], pitch: float = 32.0) -> list[tuple[float, list[tuple[float, str]]]]:
    return [(top + pitch * i, cells) for i, cells in enumerate(rows)]


def test_rows_whose_date_is_not_the_first_cell_with_deposit_and_withdrawal_columns_and_balance_last() -> None:
    x = [20, 160, 280, 400, 520, 820]
    heading = ["交易摘要", "交易日", "存入金额", "支取金额", "对方账户名称", "账户结余"]
    p = _page([(0, [(20, "账户名称"), (120, "王秀兰")]), (32, [(20, "上期结余"), (120, "5,000.00")]),
               *_table(64, [list(zip(x, heading, strict=True)),
                            [(20, "工资"), (160, "2026-03-05"), (280, "9,800.00"), (520, "成都天府软件园有限公司"),
                             (820, "14,800.00")],
                            [(20, "网上支付"), (160, "2026-03-06"), (400, "120.50"), (520, "某某商贸有限公司"),
                             (820, "14,679.50")]])])
    rows = _rows(p)
    assert [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (date(2026, 3, 5), "工资", Decimal("9800.00"), Decimal("14800.00"), "成都天府软件园有限公司"),
        (date(2026, 3, 6), "网上支付", Decimal("-120.50"), Decimal("14679.50"), "某某商贸有限公司")]


def test_dates_printed_in_pieces_and_signed_amounts() -> None:
    # a text layer with digits and CJK in two fonts gives 2026 | 年 | 01 | 月 | 08 | 日 as six words
    def day(x: float, y: str, m: str, d: str) -> list[tuple[float, str]]:
        return [(x, y), (x + 42, "年"), (x + 54, m), (x + 76, "月"), (x + 88, d), (x + 110, "日")]

    p = _page(_table(0, [[(20, "记账日期"), (200, "交易金额"), (340, "余额"), (460, "摘要"), (600, "对方户名")],
                         [*day(20, "2026", "01", "08"), (200, "-292.87"), (340, "38,317.25"), (460, "缴费"),
                          (600, "国网湖南省电力公司")],
                         [*day(20, "2026", "01", "10"), (200, "15,000.00"), (340, "53,317.25"), (460, "代发工资"),
                          (600, "湖南某某科技有限公司")]]))
    rows = _rows(p)
    assert [(r["date"], r["amount"], r["description"]) for r in rows] == [
        (date(2026, 1, 8), Decimal("-292.87"), "缴费"), (date(2026, 1, 10), Decimal("15000.00"), "代发工资")]


def test_a_name_wrapped_onto_a_second_line_stays_with_its_row_and_totals_and_notes_are_no_rows() -> None:
    p = _page([
        (0, [(20, "交易日期"), (160, "摘要"), (280, "交易金额"), (400, "余额"), (520, "对方户名")]),
        (32, [(20, "2026-04-01"), (160, "缴费"), (280, "-88.00"), (400, "1,912.00"), (520, "中国移动通信集团")]),
        (54, [(520, "新疆有限公司")]),  # the same cell, one line lower (top-aligned)
        (86, [(20, "2026-04-02"), (160, "转账"), (280, "-12.00"), (400, "1,900.00"), (520, "李娜")]),
        (118, [(20, "2026-04-03"), (160, "网上支付"), (280, "-100.00"), (400, "1,800.00"), (520, "拉扎斯网络科技")]),
        (140, [(520, "(上海)有限公司")]),
        (172, [(20, "收入合计:"), (120, "0.00"), (280, "支出合计:"), (400, "200.00")]),
        (194, [(20, "本对账单仅供参考,如有疑问请以银行系统记录为准。")]),
    ])
    rows = _rows(p)
    assert [r["counterparty"] for r in rows] == ["中国移动通信集团新疆有限公司", "李娜", "拉扎斯网络科技(上海)有限公司"]
    assert [r["description"] for r in rows] == ["缴费", "转账", "网上支付"]


def test_a_name_wrapped_around_a_row_centred_on_it_joins_that_row() -> None:
    # the other cells of the row are centred between the two lines of the wrapped one
    p = _page([
        (0, [(20, "交易日期"), (160, "摘要"), (280, "交易金额"), (400, "余额"), (520, "对方户名")]),
        (40, [(20, "2026-04-01"), (160, "转账"), (280, "-12.00"), (400, "1,988.00"), (520, "张伟")]),
        (70, [(520, "中国移动通信集团")]),
        (82, [(20, "2026-04-02"), (160, "缴费"), (280, "-88.00"), (400, "1,900.00")]),
        (94, [(520, "新疆有限公司")]),
        (124, [(20, "2026-04-03"), (160, "转账"), (280, "-100.00"), (400, "1,800.00"), (520, "李娜")]),
    ])
    assert [r["counterparty"] for r in _rows(p)] == ["张伟", "中国移动通信集团新疆有限公司", "李娜"]


def test_headings_printed_on_two_lines() -> None:
    p = _page([
        (0, [(20, "交易"), (140, "交易"), (280, "借方"), (400, "贷方"), (520, "账户"), (640, "对方")]),
        (22, [(20, "日期"), (140, "摘要"), (280, "发生额"), (400, "发生额"), (520, "余额"), (640, "户名")]),
        (54, [(20, "2026-05-10"), (140, "代发工资"), (400, "12,500.00"), (520, "20,500.00"), (640, "北京星河科技有限公司")]),
        (86, [(20, "2026-05-12"), (140, "消费"), (280, "300.00"), (520, "20,200.00"), (640, "某超市")]),
    ])
    rows = _rows(p)
    assert [(r["amount"], r["balance"], r["description"], r["counterparty"]) for r in rows] == [
        (Decimal("12500.00"), Decimal("20500.00"), "代发工资", "北京星河科技有限公司"),
        (Decimal("-300.00"), Decimal("20200.00"), "消费", "某超市")]


def test_a_misread_heading_names_the_column_that_is_still_missing() -> None:
    from docproc.extractors._table_header import find_header

    p = _page([(0, [(20, "交易日期"), (160, "交易搞要"), (280, "借方金额"), (400, "贷方金额"), (520, "余额")])],
              source=PageSource.OCR)
    header = find_header(p)
    assert header is not None and [c.name for c in header[1]] == ["date", "description", "debit", "credit", "balance"]


def test_headings_read_badly_are_named_by_whole_headings_and_by_their_cells() -> None:
    # a scanned spreadsheet print: 交易日期 lost a letter, 借贷标志 two, 交易金额 (right-aligned figures under it)
    # two, 摘要 both; 对方户名 and 对方账号 one each (银号 is also a letter from 序号); 交易机构 lost one
    from docproc.extractors._table_header import find_header

    x = [20, 70, 200, 300, 560, 700, 900, 1100]
    heading = ["序号", "交日期", "保贷标本", "交易全销", "换餐", "时方户名", "对方银号", "交机构"]
    rows = [[(20, str(i + 1)), (70, f"2025/9/{i + 2}"), (200, "借"), (420, f"{101 + i}.16"),
             (560, ["网银转出", "快捷支付", "代扣电费", "自动还款"][i]), (700, "交通银行信用卡中心"),
             (900, f"62220{i}***9349"), (1100, "交通银行长沙世纪城支行")] for i in range(4)]
    header = find_header(_page(_table(0, [list(zip(x, heading, strict=True)), *rows]), source=PageSource.OCR))
    assert header is not None and [c.name for c in header[1]] == [
        "index", "date", "direction", "amount", "description", "counterparty", "counter_account", "channel"]


def _fields(p: Page) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return {k: v.value for k, v in EXTRACTORS.get("bank_statement")(raw, None).fields.items()}  # type: ignore[arg-type]


def test_a_header_in_prose_whose_print_date_wraps_onto_the_next_line() -> None:
    p = _page([
        (0, [(20, "客户姓名:何静"), (200, "卡号:6222 0240 0011 2233 445"), (520, "开户行:交通银行股份有限公司杭州西湖支行")]),
        (32, [(20, "尊敬的客户:您在2026年1月1日至2026年6月30日期间的账户交易明细如下(币种:人民币;上期结余:1,200.00元;打印日期:2026年7")]),
        (54, [(20, "月2日)。")]),
        (86, [(20, "交易日期"), (160, "交易金额"), (280, "余额"), (400, "摘要")]),
        (118, [(20, "2026-01-05"), (160, "300.00"), (280, "1,500.00"), (400, "转账存入")]),
    ])
    got = _fields(p)
    assert (got["account_holder"], got["account_number"], got["bank_name"]) == ("何静", "6222024000112233445", "交通银行")
    assert (got["period_start"], got["period_end"]) == (date(2026, 1, 1), date(2026, 6, 30))
    assert got["issue_date"] == date(2026, 7, 2)
    assert got["opening_balance"] == Decimal("1200.00")


def test_cells_a_statement_prints_in_other_ways() -> None:
    p = _page([
        (0, [(20, "交易时间"), (240, "交易类型"), (400, "交易金额"), (560, "账户余额"), (720, "对方信息")]),
        (32, [(20, "2026-03-1710:22:33"), (240, "转账"), (400, "-1,234.00元"), (560, "8,766.00元"),
              (720, "孙梅*887*9.**6623")]),  # a masked account OCR read with a point among the stars
    ])
    rows = _rows(p)
    assert [(r["date"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (date(2026, 3, 17), Decimal("-1234.00"), Decimal("8766.00"), "孙梅")]


def test_a_label_and_a_large_balance_are_no_row_though_the_figure_begins_like_a_date() -> None:
    from docproc.extractors._table import _is_row

    def w(text: str, x: float) -> Word:
        return Word(text=text, bbox=BBox(x0=x, y0=0, x1=x + 10 * len(text), y1=LINE), confidence=0.9)

    assert not _is_row([w("期末余额:", 20), w("334775.66", 80)])  # not 3347-75-66
    assert _is_row([w("96", 20), w("2025/12/07", 60), w("-81.71", 200)])


def test_on_a_page_of_few_rows_text_cells_still_go_by_where_the_rows_start_them() -> None:
    # headings centred over wide columns; a short name lies nearer the description's heading than its own;
    # descriptions printed close after the balance start no cell of their own
    heads = [(170, "记账日期"), (370, "交易金额"), (590, "账户余额"), (810, "交易说明"), (1130, "交易对手"), (1430, "渠道")]
    p = _page([
        (0, heads),
        (32, [(130, "2026-08-07"), (430, "+16,780.24"), (650, "330,995.87"), (752, "服务费"), (980, "长沙某某会计师事务所"),
              (1386, "电子渠道")]),
        (64, [(130, "2026-08-11"), (440, "+7,620.30"), (650, "338,616.17"), (752, "银联入账"), (978, "银联商务股份有限公司"),
              (1386, "POS")]),
        (96, [(130, "2026-08-11"), (440, "-3,840.51"), (650, "334,775.66"), (771, "转账"), (975, "马诗瑶"), (1386, "ATM")]),
    ])
    assert [r["counterparty"] for r in _rows(p)] == ["长沙某某会计师事务所", "银联商务股份有限公司", "马诗瑶"]


def test_a_scanned_name_whose_box_begins_left_of_its_column_over_the_cell_before() -> None:
    heads = [(170, "记账日期"), (330, "交易说明"), (480, "交易金额"), (640, "账户余额"), (900, "交易对手"), (1130, "渠道")]
    rows = [[(130, f"2026-08-0{d}"), (300, "网上支付"), (440, "-1,000.00"), (650, "9,000.00"), (770, "上海某某信息技术有限公司"),
             (1100, "电子渠道")] for d in range(1, 6)]
    rows[2][4] = (742, "上海某某信息技术有限公司")  # OCR's box begins over the balance (which ends at 750)
    p = _page([(0, heads), *_table(32, rows)], source=PageSource.OCR)
    got = _rows(p)
    assert [r["counterparty"] for r in got] == ["上海某某信息技术有限公司"] * 5
    assert [r["description"] for r in got] == ["网上支付"] * 5


def test_bilingual_headings_read_as_one_box_each() -> None:
    # OCR boxes the Chinese heading and its English together: 交易金额 Transaction Amount
    p = _page([
        (0, [(20, "记账日期 Date"), (180, "交易金额 Transaction Amount"), (480, "联机余额 Balance"),
             (660, "交易摘要 Transaction Type"), (940, "对手信息 Counter Party")]),
        (32, [(20, "2026-02-03"), (180, "-66.50"), (480, "4,933.50"), (660, "快捷支付"), (940, "某某餐饮管理有限公司")]),
    ], source=PageSource.OCR)
    rows = _rows(p)
    assert [(r["amount"], r["balance"], r["description"], r["counterparty"]) for r in rows] == [
        (Decimal("-66.50"), Decimal("4933.50"), "快捷支付", "某某餐饮管理有限公司")]


def test_a_mobile_banking_export_with_compact_dates_a_time_of_day_and_its_generation_time() -> None:
    # 记账日期 prints 20260314 and the time as two words; a scan reads them as one, space kept or lost
    header = [(0, [(20, "户名:周建国")]), (32, [(20, "生成时间:"), (70, "20260702"), (160, "08:41:09")]),
              (64, [(60, "记账日期"), (260, "发生额"), (380, "账户余额"), (500, "交易摘要"), (640, "对方户名")])]
    text_layer = _page([*header, *_table(96, [
        [(20, "20260314"), (110, "09:12:45"), (260, "-86.40"), (380, "3,913.60"), (500, "快捷支付"), (640, "美团")],
        [(20, "20260315"), (110, "18:03:27"), (260, "+6,200.00"), (380, "10,113.60"), (500, "代发工资"),
         (640, "南京某某电子有限公司")]])])
    assert _fields(text_layer)["issue_date"] == date(2026, 7, 2)
    expected = [(date(2026, 3, 14), Decimal("-86.40"), "快捷支付"), (date(2026, 3, 15), Decimal("6200.00"), "代发工资")]
    assert [(r["date"], r["amount"], r["description"]) for r in _rows(text_layer)] == expected
    scan = _page([*header, *_table(96, [
        [(20, "20260314 09:12:45"), (260, "-86.40"), (380, "3,913.60"), (500, "快捷支付"), (640, "美团")],
        [(20, "2026031518:03:27"), (260, "+6,200.00"), (380, "10,113.60"), (500, "代发工资"),
         (640, "南京某某电子有限公司")]])], source=PageSource.OCR)
    assert [(r["date"], r["amount"], r["description"]) for r in _rows(scan)] == expected
    fused = _page([(0, [(20, "生成时间:2026-07-0208:41:09")]), *header[2:]], source=PageSource.OCR)
    assert _fields(fused)["issue_date"] == date(2026, 7, 2)


def _ocr_doc(*pages: list[tuple[float, list[tuple[float, str]]]]) -> list[dict[str, object]]:
    built = tuple(_page(lines, source=PageSource.OCR).model_copy(update={"number": n})
                  for n, lines in enumerate(pages, start=1))
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=built)
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    return fields["transactions"].value if "transactions" in fields else []  # type: ignore[return-value]


def test_voucher_and_teller_columns_hold_no_amount_and_a_totals_line_is_no_row() -> None:
    # a counter-printed statement: a time column, a voucher number a scan read in two pieces, a teller
    # column, a counterparty account column, and a footer that prints a total, a balance and a date
    heads = [(20, "记账日"), (150, "时间"), (250, "传票号"), (380, "交易摘要"), (520, "支出"), (640, "存入"),
             (760, "账户余额"), (900, "对手账号"), (1120, "对手户名"), (1280, "柜员")]
    lines = [(0, heads), *_table(32, [
        [(20, "2026-02-01"), (140, "09:30:15"), (240, "7730"), (284, "112233"), (380, "网银转出"), (520, "1,250.00"),
         (760, "8,750.00"), (880, "6217000011112222333"), (1120, "刘洋"), (1280, "104417")],
        [(20, "2026-02-03"), (140, "14:05:00"), (240, "77301124"), (380, "工资"), (640, "6,000.00"), (760, "14,750.00"),
         (1120, "某某科技有限公司"), (1280, "A0123")],
        [(20, "打印日期:2026-02-28"), (380, "本页合计"), (520, "1,250.00"), (640, "6,000.00"), (760, "14,750.00")]])]
    rows = _ocr_doc(lines)
    assert [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (date(2026, 2, 1), "网银转出", Decimal("-1250.00"), Decimal("8750.00"), "刘洋"),
        (date(2026, 2, 3), "工资", Decimal("6000.00"), Decimal("14750.00"), "某某科技有限公司")]


def test_a_page_whose_scan_lost_a_heading_takes_the_columns_of_a_page_that_kept_it() -> None:
    heads = [(20, "交易日期"), (180, "摘要"), (330, "借方金额"), (470, "贷方金额"), (610, "余额"), (760, "对方账号"),
             (980, "对方户名"), (1130, "渠道")]
    first = [(0, [h for h in heads if h[1] != "摘要"]), *_table(32, [
        [(20, "2026-06-01"), (180, "跨行转出"), (340, "300.00"), (610, "9,700.00"), (760, "6228480012345678901"),
         (980, "陈晨"), (1130, "柜面")]])]
    second = [(0, heads), *_table(32, [
        [(20, "2026-06-02"), (180, "利息"), (480, "3.10"), (610, "9,703.10"), (980, "本行"), (1130, "批量")]])]
    rows = _ocr_doc(first, second)
    assert [(r["description"], r["amount"], r["counterparty"]) for r in rows] == [
        ("跨行转出", Decimal("-300.00"), "陈晨"), ("利息", Decimal("3.10"), "本行")]


def test_a_misread_debit_heading_beside_its_credit_heading_is_the_debit_column() -> None:
    from docproc.extractors._table_header import find_header

    p = _page([(0, [(20, "交易日期"), (160, "摘要"), (280, "佶方发生额"), (420, "贷方发生额"), (560, "余额")])],
              source=PageSource.OCR)
    header = find_header(p)
    assert header is not None and [c.name for c in header[1]] == ["date", "description", "debit", "credit", "balance"]


def test_an_amount_read_fused_with_the_account_after_it_and_an_account_before_a_name() -> None:
    heads = [(20, "交易日期"), (160, "摘要"), (300, "交易金额"), (440, "余额"), (600, "对方账号"), (860, "对方户名")]
    rows = _ocr_doc([(0, heads), *_table(32, [
        [(20, "2026-07-01"), (160, "转账"), (300, "-500.00"), (440, "4,500.006222600011112222333王芳")],
        [(20, "2026-07-02"), (160, "转账"), (300, "-100.00"), (440, "4,400.00"), (600, "6217**4455李强")],
        [(20, "2026-07-03"), (160, "货款收入12,.000.00"), (440, "16,400.00")]])])  # a comma read with a speck
    assert [(r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (Decimal("-500.00"), Decimal("4500.00"), "王芳"), (Decimal("-100.00"), Decimal("4400.00"), "李强"),
        (Decimal("12000.00"), Decimal("16400.00"), None)]


def test_an_unsigned_amount_takes_its_sign_from_a_debit_credit_flag_and_a_remark_stays_out_of_the_description() -> None:
    x = [20, 240, 380, 460, 600, 740, 960]
    heading = ["记账时间", "摘要", "借贷标志", "发生额", "账户余额", "对手户名", "附言"]
    p = _page([(0, [(20, "期初余额"), (160, "3,000.00"), (400, "贷方笔数"), (520, "1")]),
               (32, [(20, "期末余额"), (160, "7,350.00"), (400, "借方笔数"), (520, "2")]),
               *_table(64, [list(zip(x, heading, strict=True)),
                            [(20, "2026/04/02"), (130, "08:15:00"), (240, "代发薪资"), (380, "贷"), (460, "5,000.00"),
                             (600, "8,000.00"), (740, "某某物流有限公司"), (960, "四月工资")],
                            [(20, "2026/04/03"), (130, "19:40:12"), (240, "网银汇款"), (380, "借"), (460, "600.00"),
                             (600, "7,400.00"), (740, "赵刚"), (960, "房租")],
                            [(20, "2026/04/05"), (130, "12:01:33"), (240, "扫码支付"), (380, "借"), (460, "50.00"),
                             (600, "7,350.00"), (740, "某某餐饮店")]])])
    rows = _rows(p)
    assert [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (date(2026, 4, 2), "代发薪资", Decimal("5000.00"), Decimal("8000.00"), "某某物流有限公司"),
        (date(2026, 4, 3), "网银汇款", Decimal("-600.00"), Decimal("7400.00"), "赵刚"),
        (date(2026, 4, 5), "扫码支付", Decimal("-50.00"), Decimal("7350.00"), "某某餐饮店")]


def test_an_app_bill_with_in_out_words_and_only_a_remark_column() -> None:
    x = [20, 260, 360, 500, 640, 860]
    heading = ["交易时间", "收/支", "金额(元)", "余额", "交易对方", "备注"]
    p = _page(_table(0, [list(zip(x, heading, strict=True)),
                         [(20, "2026-05-01 10:00:01"), (260, "转入"), (360, "200.00"), (500, "1,200.00"), (640, "陈敏"),
                          (860, "还款")],
                         [(20, "2026-05-02 21:12:45"), (260, "转出"), (360, "35.50"), (500, "1,164.50"),
                          (640, "某某外卖平台"), (860, "午餐")],
                         [(20, "2026-05-03 07:30:00"), (260, "-"), (360, "4.50"), (500, "1,160.00"), (640, "公交集团"),
                          (860, "乘车")]]))
    rows = _rows(p)
    assert [(r["amount"], r["balance"], r["description"]) for r in rows] == [
        (Decimal("200.00"), Decimal("1200.00"), "还款"), (Decimal("-35.50"), Decimal("1164.50"), "午餐"),
        (Decimal("-4.50"), Decimal("1160.00"), "乘车")]


def _opening(p: Page) -> object:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return EXTRACTORS.get("bank_statement")(raw, None).fields["opening_balance"].value  # type: ignore[arg-type]


def test_a_label_grid_above_the_table_is_not_taken_for_its_header() -> None:
    # a passbook detail: labels over their values (起止日期 names a date, 期初余额 a balance), then the table
    # with 取出 before 存入, ¥ amounts and 可用余额 as the balance heading
    p = _page([(0, [(20, "户名"), (300, "存折账号")]), (32, [(20, "曹芳娜"), (300, "6213350224473891559")]),
               (64, [(20, "起止日期"), (300, "币种"), (560, "期初余额")]),
               (96, [(20, "2025-10-18"), (130, "至"), (160, "2026-04-17"), (300, "人民币"), (560, "¥48,313.71")]),
               *_table(140, [[(20, "序号"), (80, "记账日"), (200, "摘要"), (340, "取出"), (460, "存入"),
                              (580, "可用余额"), (720, "对方户名")],
                             [(20, "1"), (80, "2025/10/18"), (200, "POS消费"), (340, "¥1,029.20"), (580, "47,284.51"),
                              (720, "中国石化销售股份有限公司")],
                             [(20, "2"), (80, "2025/11/1"), (200, "转账存入"), (460, "¥1,125.74"), (580, "48,410.25"),
                              (720, "徐明杰")]])])
    rows = _rows(p)
    assert [(r["date"], r["amount"], r["balance"], r["description"]) for r in rows] == [
        (date(2025, 10, 18), Decimal("-1029.20"), Decimal("47284.51"), "POS消费"),
        (date(2025, 11, 1), Decimal("1125.74"), Decimal("48410.25"), "转账存入")]
    assert _opening(p) == Decimal("48313.71")


def test_bilingual_headings_english_first_in_one_scanned_box() -> None:
    # Date日期 | Amount(CNY)金额 | Available Bal.可用余额: English before Chinese, one box each, one signed
    # amount column and compact dates
    p = _page([
        (0, [(20, "Date日期"), (180, "Amount（CNY)金额"), (400, "AvailableBal.可用余额"), (640, "Description摘要"),
             (860, "Counterparty对方户名")]),
        (32, [(20, "20260404"), (200, "13,503.06"), (420, "70,403.85"), (640, "咨询服务费"), (860, "重庆东方网络科技有限公司")]),
        (64, [(20, "20260404"), (200, "-2,152.01"), (420, "68,251.84"), (640, "网上支付"), (860, "网银在线科技有限公司")]),
    ], source=PageSource.OCR)
    rows = _rows(p)
    assert [(r["date"], r["amount"], r["balance"], r["description"], r["counterparty"]) for r in rows] == [
        (date(2026, 4, 4), Decimal("13503.06"), Decimal("70403.85"), "咨询服务费", "重庆东方网络科技有限公司"),
        (date(2026, 4, 4), Decimal("-2152.01"), Decimal("68251.84"), "网上支付", "网银在线科技有限公司")]


def test_bilingual_headings_printed_as_two_words_are_one_column_each() -> None:
    # a text layer gives Description | 摘要 and Counterparty | 对方户名 as two words each; names start
    # left of their headings, a short one nearer the description's heading than its own
    p = _page(_table(0, [
        [(20, "Date"), (70, "日期"), (160, "Amount"), (230, "金额"), (330, "Balance"), (410, "余额"),
         (520, "Description"), (640, "摘要"), (760, "Counterparty"), (890, "对方户名")],
        [(20, "20260227"), (160, "-1,969.62"), (330, "83,337.83"), (500, "跨行转出"), (690, "黄林")],
        [(20, "20260301"), (160, "-698.07"), (330, "82,639.76"), (500, "加油"), (690, "中国石化销售股份有限公司")],
        [(20, "20260305"), (160, "+1,225.72"), (330, "83,865.48"), (500, "转账存入"), (690, "郑天涛")]]))
    rows = _rows(p)
    assert [(r["description"], r["counterparty"]) for r in rows] == [
        ("跨行转出", "黄林"), ("加油", "中国石化销售股份有限公司"), ("转账存入", "郑天涛")]


def test_a_yen_sign_read_as_a_letter_stays_out_of_the_description() -> None:
    # a scan reads ￥ as V or Y in front of the amount
    p = _page(_table(0, [
        [(20, "序号"), (80, "记账日"), (200, "摘要"), (340, "支取"), (460, "存入金额"), (600, "可用余额")],
        [(20, "48"), (80, "2025/9/18"), (200, "ATM取现"), (340, "V2,000.00"), (600, "211,823.91")],
        [(20, "49"), (80, "2025/9/19"), (200, "退款"), (460, "Y2,066.03"), (600, "213,889.94")]]), source=PageSource.OCR)
    rows = _rows(p)
    assert [(r["description"], r["amount"], r["balance"]) for r in rows] == [
        ("ATM取现", Decimal("-2000.00"), Decimal("211823.91")), ("退款", Decimal("2066.03"), Decimal("213889.94"))]


def _header(p: Page, *names: str) -> list[object]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    return [fields[n].value if n in fields else None for n in names]


def test_a_passbook_account_label_is_no_holder_name() -> None:
    # 户名 | 存折账号 over their values: 存折 is part of the next label, not the holder
    p = _page([(0, [(20, "户名"), (300, "存折账号"), (560, "开户网点")]),
               (32, [(20, "王秀兰"), (300, "6222021234567890123"), (560, "中国工商银行股份有限公司北京西单支行")])])
    assert _header(p, "account_holder", "account_number") == ["王秀兰", "6222021234567890123"]


def test_left_aligned_values_under_centred_labels() -> None:
    # a grid of centred labels over left-aligned values; the account number printed in groups of four
    p = _page([(0, [(100, "户名"), (300, "存折账号"), (600, "开户网点")]),
               (32, [(40, "曹芳娜"), (230, "6213"), (272, "3502"), (314, "2447"), (356, "3891"), (398, "559"),
                     (520, "交通银行股份有限公司深圳滨江支行")])])
    assert _header(p, "account_holder", "account_number") == ["曹芳娜", "6213350224473891559"]


def test_one_signed_column_headed_money_in_slash_money_out() -> None:
    # 收入 / 支出金额 printed as three words over one column of signed amounts (+ in, - out): neither a
    # credit nor a debit column
    p = _page(_table(0, [
        [(20, "交易日期"), (160, "摘要"), (300, "收入"), (325, "/"), (340, "支出金额"), (480, "余额"), (600, "对方户名")],
        [(20, "20260116"), (160, "自动还款"), (330, "-2,530.00"), (480, "48,695.77"), (600, "某某银行信用卡中心")],
        [(20, "20260128"), (160, "跨行转入"), (330, "+1,878.83"), (480, "50,574.60"), (600, "张志")]]))
    rows = _rows(p)
    assert [(r["amount"], r["balance"]) for r in rows] == [
        (Decimal("-2530.00"), Decimal("48695.77")), (Decimal("1878.83"), Decimal("50574.60"))]


def test_a_region_code_column_stays_out_of_the_amount() -> None:
    # 地区 prints the code of the region a transaction was booked in (8966): a code, never part of an amount;
    # nor is it a misread 地点 when the table has its channel column already
    p = _page(_table(0, [
        [(20, "交易日期"), (160, "摘要"), (260, "地区"), (330, "交易金额"), (480, "余额"), (600, "渠道")],
        [(20, "20260116"), (160, "自动还款"), (260, "8966"), (320, "-2,530.00"), (480, "48,695.77"), (600, "电子渠道")],
        [(20, "20260118"), (160, "ATM取现"), (260, "8966"), (320, "-2,000.00"), (480, "46,695.77"), (600, "ATM")]]))
    rows = _rows(p)
    assert [(r["amount"], r["balance"]) for r in rows] == [
        (Decimal("-2530.00"), Decimal("48695.77")), (Decimal("-2000.00"), Decimal("46695.77"))]
    assert _opening(p) == Decimal("51225.77")


def test_a_cash_or_remittance_column_beside_the_currency_is_a_column_of_its_own() -> None:
    # 币种 | 钞汇 | 摘要 (centred over a wide column): the description starts left of its heading, nearer the
    # 钞汇 column; read as a second currency heading, 钞汇 would take the description's first letter
    p = _page(_table(0, [
        [(20, "交易日期"), (120, "币种"), (170, "钞汇"), (260, "摘要"), (420, "交易金额"), (540, "余额"), (660, "对方户名")],
        [(20, "20260427"), (120, "人民币"), (170, "钞"), (220, "退"), (230, "款"), (420, "+402.39"), (540, "68,995.86"),
         (660, "黄泽国")],
        [(20, "20260501"), (120, "人民币"), (170, "钞"), (220, "POS"), (250, "消费"), (420, "-296.25"), (540, "68,699.61"),
         (660, "永辉超市股份有限公司")]]))
    rows = _rows(p)
    assert [(r["description"], r["counterparty"]) for r in rows] == [("退款", "黄泽国"), ("POS消费", "永辉超市股份有限公司")]


def test_a_ledgers_carried_page_totals_and_opening_row_are_no_transactions() -> None:
    # a 分户账 with 借方 / 贷方 columns and a 借或贷 (balance side) column: a page opens with 期初余额 or 承前页
    # and closes with 过次页, each dated and printing the page's totals and balance
    x = [20, 140, 260, 380, 500, 580]
    heading = ["日期", "摘要", "借方金额", "贷方金额", "借或贷", "余额"]
    first = _page(_table(0, [list(zip(x, heading, strict=True)),
                             [(20, "2025.08.21"), (140, "期初余额"), (500, "贷"), (580, "74,517.90")],
                             [(20, "2025.08.23"), (140, "自动还款"), (260, "1,922.81"), (500, "贷"), (580, "72,595.09")],
                             [(20, "2025.09.02"), (140, "设计费"), (380, "21,671.67"), (500, "贷"), (580, "94,266.76")],
                             [(20, "2025.09.02"), (140, "过"), (150, "次页"), (260, "1,922.81"), (380, "21,671.67"),
                              (500, "贷"), (580, "94,266.76")]]))
    second = _page(_table(0, [list(zip(x, heading, strict=True)),
                              [(20, "2025.09.02"), (140, "承前页"), (260, "1,922.81"), (380, "21,671.67"), (500, "贷"),
                               (580, "94,266.76")],
                              [(20, "2025.09.05"), (140, "取现"), (260, "800.00"), (500, "贷"), (580, "93,466.76")]]))
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT,
                      pages=(first, second.model_copy(update={"number": 2})))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    rows = fields["transactions"].value
    assert [(r["description"], r["amount"]) for r in rows] == [  # type: ignore[attr-defined]
        ("自动还款", Decimal("-1922.81")), ("设计费", Decimal("21671.67")), ("取现", Decimal("-800.00"))]
    assert fields["opening_balance"].value == Decimal("74517.90")
    assert fields["period_start"].value == date(2025, 8, 21)


def test_the_issue_date_worded_as_the_query_time_but_not_a_queried_range() -> None:
    top = [(20, "开户网点：某某银行股份有限公司西湖支行"), (456, "查询时间："), (540, "20261012"), (630, "15:20:55")]
    assert _header(_page([(0, top)]), "issue_date") == [date(2026, 10, 12)]
    ranged = [(20, "查询时间："), (130, "2026-01-01"), (240, "至"), (270, "2026-06-30")]
    assert _header(_page([(0, ranged)]), "issue_date", "period_start", "period_end") == [
        None, date(2026, 1, 1), date(2026, 6, 30)]


def test_names_read_close_after_the_balance_still_start_their_column() -> None:
    # a scan reads the counterparty right after the balance, no gap between them; its column's left edge is
    # still found, so the description (left of its centred heading, nearer 钞汇) stays in its own column
    p = _page(_table(0, [
        [(20, "交易日期"), (170, "钞汇"), (300, "摘要"), (420, "交易金额"), (540, "余额"), (720, "对方户名")],
        [(20, "20251114"), (170, "钞"), (215, "缴费"), (420, "-266.68"), (540, "73,803.56"), (632, "南宁自来水集团有限责任公司")],
        [(20, "20251118"), (170, "钞"), (215, "话费"), (420, "-150.42"), (540, "73,653.14"), (632, "中国移动通信集团有限公司")]]),
        source=PageSource.OCR)
    assert [(r["description"], r["counterparty"]) for r in _rows(p)] == [
        ("缴费", "南宁自来水集团有限责任公司"), ("话费", "中国移动通信集团有限公司")]


def test_a_period_of_compact_dates_under_a_misread_label() -> None:
    # 起止日期 read as 起日期, the dates printed as eight digits each
    p = _page([(0, [(20, "起日期：20260531至20261130"), (400, "币种：人民币")])], source=PageSource.OCR)
    assert _header(p, "period_start", "period_end") == [date(2026, 5, 31), date(2026, 11, 30)]


def test_opening_and_closing_balances_labelled_start_and_cut_off_balance() -> None:
    p = _page([(0, [(20, "起始余额：34.451.97"), (300, "截止余额：58.915.10")])], source=PageSource.OCR)
    assert _header(p, "opening_balance", "closing_balance") == [Decimal("34451.97"), Decimal("58915.10")]


def test_a_balance_with_a_stray_word_read_after_it_is_still_the_printed_one() -> None:
    # a piece of the bank's seal legend (…银行) read beside the closing balance; the rows end earlier
    p = _page([*_table(0, [
        [(20, "交易日期"), (160, "摘要"), (300, "交易金额"), (460, "余额")],
        [(20, "20260908"), (160, "网上支付"), (300, "-2,067.49"), (460, "79,005.03")]]),
        (120, [(20, "期末余额：79766.47"), (260, "行")]), (150, [(20, "期初余额：1,200.00 贷"), (300, "银")])],
        source=PageSource.OCR)
    assert _header(p, "closing_balance", "opening_balance") == [Decimal("79766.47"), Decimal("1200.00")]


def test_an_opening_balance_followed_by_a_misread_label_and_its_figure_is_still_the_printed_one() -> None:
    # 期末余额 read 联来余: not a label, so the opening balance's value runs on over it and its figure
    p = _page([(0, [(20, "期初余额：51142.84"), (300, "联来余：95325.14"), (600, "笔教：81")])], source=PageSource.OCR)
    assert _header(p, "opening_balance") == [Decimal("51142.84")]


def test_a_period_end_whose_labels_first_character_was_misread_is_still_labelled() -> None:
    p = _page([(0, [(20, "起始日期：2025/9/12"), (300, "线止日期：2026/10/11"), (600, "开户机构：某银行")])],
              source=PageSource.OCR)
    assert _header(p, "period_start", "period_end") == [date(2025, 9, 12), date(2026, 10, 11)]


def test_a_printed_closing_balance_that_lost_a_digit_is_the_rows_balance() -> None:
    p = _page([*_table(0, [
        [(20, "交易日期"), (160, "摘要"), (300, "交易金额"), (460, "余额"), (600, "对方户名")],
        [(20, "20260917"), (160, "财付通"), (300, "-1,711.76"), (460, "259,756.53"), (600, "5支付宝（中国）网络技术有限公司")],
        [(20, "20260918"), (160, "还款"), (300, "-6,061.88"), (460, "253,694.65"), (600, "某某银行信用卡中心")]]),
        (120, [(20, "期末余额：253694.5")])], source=PageSource.OCR)
    assert _header(p, "closing_balance") == [Decimal("253694.65")]
    # and one digit of the balance read again before the counterparty's name is no part of it
    assert [r["counterparty"] for r in _rows(p)] == ["支付宝（中国）网络技术有限公司", "某某银行信用卡中心"]


def test_a_copy_certified_at_the_counter_is_issued_on_the_day_it_was_checked() -> None:
    # a passbook or statement photocopy the branch compared with the original: 核对日期 is when it was certified
    line = [(20, "核对机构：某某银行股份有限公司世纪城支行"), (480, "核对日期：2026年8月5日")]
    assert _header(_page([(0, line)]), "issue_date") == [date(2026, 8, 5)]


def test_in_read_as_person_in_a_description_is_read_as_in() -> None:
    p = _page(_table(0, [[(20, "交易日期"), (200, "交易金额"), (340, "余额"), (460, "摘要"), (600, "对方户名")],
                         [(20, "2026-01-08"), (200, "720.59"), (340, "38,317.25"), (460, "转账存人"), (600, "许涵")],
                         [(20, "2026-01-10"), (200, "11.72"), (340, "38,328.97"), (460, "利息转人"), (600, "个人")]]),
              source=PageSource.OCR)
    assert [(r["description"], r["counterparty"]) for r in _rows(p)] == [("转账存入", "许涵"), ("利息转入", "个人")]


def test_money_in_and_out_headed_entered_and_paid_out() -> None:
    p = _page(_table(0, [[(20, "交易日期"), (160, "摘要"), (300, "入账金额"), (420, "出账金额"), (540, "余额")],
                         [(20, "2026.02.22"), (160, "跨行转入"), (300, "1436.30"), (540, "41661.67")],
                         [(20, "2026.02.24"), (160, "加油"), (420, "1348.99"), (540, "40312.68")]]))
    assert [(r["amount"], r["balance"]) for r in _rows(p)] == [(Decimal("1436.30"), Decimal("41661.67")),
                                                              (Decimal("-1348.99"), Decimal("40312.68"))]


def test_a_heading_agreeing_with_a_column_only_in_its_opening_jiaoyi_names_it_not() -> None:
    from docproc.extractors._table_header import _misread_header_name

    # 交易摘要 read with two letters wrong is one letter from 交易行 (a channel) only in the 交易 every heading opens with
    assert _misread_header_name("交易搞展", taken={"date", "amount", "balance", "counterparty"}) is None
    assert _misread_header_name("交易搞要", taken={"date"}) == "description"  # 要 still tells 摘要


def test_words_under_no_heading_right_of_the_last_are_no_part_of_the_counterparty() -> None:
    # a scan whose 交易渠道 heading the read lost: the channel's words stand right of 对方户名, under nothing
    x = [20, 120, 300, 420, 560, 900]
    heading = ["交易日期", "交易搞展", "交易金额", "账户余额", "对方户名"]
    names = ["北京燃气集团有限责任公司", "孙泽帆", "拉扎斯网络科技有限公司", "国网北京市电力公司"]
    channels = ["代收代付", "第三方支付", "网上银行", "柜面"]
    balance, body = 5000.0, []
    for i in range(4):
        balance -= 100 + i
        body.append([(20, f"2026060{i + 1}"), (120, ["燃气费", "转账", "网上支付", "电费"][i]), (300, f"-{100 + i}.00"),
                     (420, f"{balance:,.2f}"), (560, names[i]), (900, channels[i])])
    p = _page([(0, list(zip(x, heading, strict=False))), *[(32.0 * (i + 1), r) for i, r in enumerate(body)]],
              source=PageSource.OCR)
    assert [r["counterparty"] for r in _rows(p)] == names


def test_a_tall_stray_word_on_a_row_does_not_lift_it_above_the_row_before() -> None:
    # a riding seal's legend at the page's edge, read as one tall word spanning two rows, numbered with the lower one
    def word(text: str, x: float, y0: float, y1: float, line: int) -> Word:
        return Word(text=text, bbox=BBox(x0=x, y0=y0, x1=x + 10 * len(text), y1=y1), confidence=0.9, line=line)

    upper = [word(t, x, 100, 120, 0) for x, t in ((20, "20260914"), (200, "-695.74"), (340, "271,821.06"))]
    lower = [word(t, x, 135, 155, 1) for x, t in ((20, "20260915"), (200, "24,760.05"), (340, "296,581.11"))]
    lower.append(word("有限公司", 900, 92, 160, 1))
    p = Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=PageSource.OCR,
             words=tuple(upper + lower))
    from docproc.extractors._text import visual_lines

    assert [ws[0].text for ws in visual_lines(p)] == ["20260914", "20260915"]
