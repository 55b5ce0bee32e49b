"""Statements that print each transaction on two lines: the figures first, the counterparty under them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, PageSource, Word
from tests.statement_pages import LINE
from tests.statement_pages import page as _page
from tests.statement_pages import rows as _rows


def _entries(top: float, entries: list[tuple[list[tuple[float, str]], list[tuple[float, str]]]],
             pitch: float = 60.0) -> list[tuple[float, list[tuple[float, str]]]]:
    """Entries of two lines each (the second close under the first, maybe empty), one every ``pitch``."""
    out: list[tuple[float, list[tuple[float, str]]]] = []
    for i, (first, second) in enumerate(entries):
        out.append((top + pitch * i, first))
        if second:
            out.append((top + pitch * i + 24, second))
    return out


# 交易日期 | 摘要 | 交易金额 | 账户余额 | 交易渠道, and under them 对方户名 (below the date) | 对方账号 (below the amount)
HEADER = [(0, [(20, "交易日期"), (260, "摘要"), (420, "交易金额"), (600, "账户余额"), (800, "交易渠道")]),
          (24, [(30, "对方户名"), (440, "对方账号")])]


def test_the_counterparty_printed_under_each_entry_with_its_account_and_a_header_of_two_lines() -> None:
    p = _page([*HEADER, *_entries(60, [
        ([(20, "2026-03-05"), (260, "工资"), (420, "12,000.00"), (600, "20,000.00"), (800, "柜面")],
         [(40, "成都天府软件园有限公司"), (440, "6222020200112233445")]),
        ([(20, "2026-03-06"), (260, "ATM取款"), (420, "-500.00"), (600, "19,500.00"), (800, "ATM")], []),
        ([(20, "2026-03-08"), (260, "转账"), (420, "-1,000.00"), (600, "18,500.00"), (800, "手机银行")],
         [(40, "王芳"), (440, "6217****1234")]),
    ])])
    assert [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in _rows(p)] == [
        (date(2026, 3, 5), "工资", Decimal("12000.00"), Decimal("20000.00"), "成都天府软件园有限公司"),
        (date(2026, 3, 6), "ATM取款", Decimal("-500.00"), Decimal("19500.00"), None),
        (date(2026, 3, 8), "转账", Decimal("-1000.00"), Decimal("18500.00"), "王芳")]


def test_a_name_the_text_layer_prints_in_pieces_stays_whole() -> None:
    # a PDF's text layer may cut a line into runs of a few characters, each a word of its own, touching
    p = _page([*HEADER, *_entries(60, [
        ([(20, "2026-03-05"), (260, "快捷支付"), (420, "-88.00"), (600, "1,912.00"), (800, "第三方支付")],
         [(40, "支付"), (60, "宝"), (70, "（中国）网络技"), (140, "术"), (150, "有限公司")]),
        ([(20, "2026-03-06"), (260, "转账"), (420, "-12.00"), (600, "1,900.00"), (800, "手机银行")],
         [(40, "马"), (50, "超"), (60, "龙"), (440, "1754409490039223")]),
    ])])
    assert [r["counterparty"] for r in _rows(p)] == ["支付宝（中国）网络技术有限公司", "马超龙"]


def test_a_balance_printed_with_its_currency_code_or_sign() -> None:
    # CNY 15,299.26 as one scanned box, ¥ and RMB as words of their own close before the figure
    heads = [(0, [(20, "交易日期"), (200, "交易时间"), (360, "摘要"), (520, "交易金额"), (700, "账户余额"), (900, "交易渠道")]),
             (24, [(40, "对方户名"), (540, "对方账号")])]
    scan = _page([*heads, *_entries(60, [
        ([(20, "2025.06.28"), (200, "18:50:39"), (360, "ATM取款"), (520, "-300.00"), (700, "CNY15299.26"), (900, "ATM")], []),
        ([(20, "2025.07.05"), (200, "06:43:34"), (360, "网银转出"), (520, "-1183.62"), (690, "CNY 14115.64"),
          (900, "手机银行")], [(40, "邱敏")]),
        ([(20, "2025.07.06"), (200, "11:21:10"), (360, "代扣话费"), (520, "-303.85"), (700, "CNY13811.79"),
          (900, "代收代付")], [(40, "中国移动通信集团福建有限公司")]),
    ])], source=PageSource.OCR)
    assert [(r["description"], r["balance"], r["counterparty"]) for r in _rows(scan)] == [
        ("ATM取款", Decimal("15299.26"), None), ("网银转出", Decimal("14115.64"), "邱敏"),
        ("代扣话费", Decimal("13811.79"), "中国移动通信集团福建有限公司")]
    text = _page([*HEADER, *_entries(60, [
        ([(20, "2026-03-05"), (260, "工资"), (420, "12,000.00"), (594, "¥"), (608, "20,000.00"), (800, "柜面")],
         [(40, "成都天府软件园有限公司")]),
        ([(20, "2026-03-06"), (260, "消费"), (420, "-500.00"), (574, "RMB"), (608, "19,500.00"), (800, "POS")],
         [(40, "某某超市有限公司")]),
    ])])
    assert [(r["description"], r["balance"], r["counterparty"]) for r in _rows(text)] == [
        ("工资", Decimal("20000.00"), "成都天府软件园有限公司"), ("消费", Decimal("19500.00"), "某某超市有限公司")]


def test_a_currency_column_beside_the_amount_stays_a_column_of_its_own() -> None:
    p = _page([(0, [(20, "交易日期"), (200, "摘要"), (360, "币种"), (400, "交易金额"), (560, "余额")]),
               (32, [(20, "2026-03-05"), (200, "工资"), (360, "CNY"), (396, "12,000.00"), (560, "20,000.00")]),
               (64, [(20, "2026-03-06"), (200, "消费"), (360, "人民币"), (450, "-500.00"), (560, "19,500.00")])])
    assert [(r["description"], r["amount"]) for r in _rows(p)] == [("工资", Decimal("12000.00")),
                                                                  ("消费", Decimal("-500.00"))]


def test_headings_of_two_lines_that_name_a_column_each_are_two_headings() -> None:
    from docproc.extractors._table_header import find_header

    header = find_header(_page(HEADER))
    assert header is not None
    assert [(c.name, c.second_line) for c in header[1]] == [
        ("date", False), ("counterparty", True), ("description", False), ("amount", False),
        ("counter_account", True), ("balance", False), ("channel", False)]
    stacked = find_header(_page([(0, [(20, "交易"), (140, "摘要"), (280, "借方"), (400, "贷方"), (520, "账户")]),
                                 (22, [(20, "日期"), (280, "发生额"), (400, "发生额"), (520, "余额")])]))
    assert stacked is not None
    assert [(c.name, c.second_line) for c in stacked[1]] == [
        ("date", False), ("description", False), ("debit", False), ("credit", False), ("balance", False)]


def test_a_second_line_nearer_the_next_entry_stays_with_its_own_and_an_account_under_a_short_name_is_no_row() -> None:
    # the second line printed (or read) a little nearer the entry below; a masked account that begins
    # like a year (190999******4133) after a name of two characters, as a serial number and a date would
    entries = [
        ([(20, "2026-03-05"), (260, "网银转入"), (420, "1,138.68"), (600, "9,077.71"), (800, "ATM")],
         [(40, "曾鹏"), (440, "190999******4133")]),
        ([(20, "2026-03-06"), (260, "跨行转出"), (420, "-859.89"), (600, "8,217.82"), (800, "ATM")],
         [(40, "郭嘉悦"), (440, "2288*********902046")]),
    ]
    lines = [*HEADER]
    for i, (first, second) in enumerate(entries):
        lines += [(60 + 60 * i, first), (60 + 60 * i + 33, second)]
    for source in (PageSource.TEXT_LAYER, PageSource.OCR):
        rows = _rows(_page(lines, source=source))
        assert [(r["description"], r["amount"], r["counterparty"]) for r in rows] == [
            ("网银转入", Decimal("1138.68"), "曾鹏"), ("跨行转出", Decimal("-859.89"), "郭嘉悦")]


def test_a_scanned_date_that_lost_one_of_its_separators() -> None:
    p = _page([(0, [(20, "摘要"), (200, "交易日期"), (360, "交易金额"), (520, "余额"), (680, "对方户名")]),
               (32, [(20, "消费"), (200, "2026-08-11"), (360, "-67.84"), (520, "390,359.40"), (680, "国网广东省电力公司")]),
               (64, [(20, "退款"), (200, "202608-12"), (360, "331.83"), (520, "390,691.23"), (680, "于巧婷")]),
               (96, [(20, "转账"), (200, "2026-0813"), (360, "-91.23"), (520, "390,600.00"), (680, "王芳")])],
              source=PageSource.OCR)
    assert [(r["date"], r["description"], r["counterparty"]) for r in _rows(p)] == [
        (date(2026, 8, 11), "消费", "国网广东省电力公司"), (date(2026, 8, 12), "退款", "于巧婷"),
        (date(2026, 8, 13), "转账", "王芳")]


def test_an_amount_shaped_like_a_date_without_a_separator_stays_an_amount() -> None:
    from docproc.extractors._ocr_cells import lost_separator

    def w(text: str) -> Word:
        return Word(text=text, bbox=BBox(x0=0, y0=0, x1=90, y1=LINE), confidence=0.9)

    assert [lost_separator(w(t)).text for t in ("198011.26", "202608-12", "2026/0812", "201512-45")] == [
        "198011.26", "2026-08-12", "2026/08/12", "201512-45"]


def test_a_heading_over_its_translation_is_one_heading() -> None:
    # 摘要/附言 over Remarks names the description (Remarks alone would name a note): no second line
    from docproc.extractors._table_header import find_header

    header = find_header(_page([(0, [(20, "日期"), (200, "借方发生额"), (400, "余额"), (600, "对方信息"), (800, "摘要/附言")]),
                                (24, [(20, "Date"), (200, "Debit"), (400, "Balance"), (600, "Counterparty"),
                                      (810, "Remarks")])]))
    assert header is not None
    assert [(c.name, c.second_line) for c in header[1]] == [
        ("date", False), ("debit", False), ("balance", False), ("counterparty", False), ("description", False)]
