"""Ledgers (分户账) whose rows take two lines: the time of day printed under the date, a 摘要 that names the other
side after a label (对方：…, 账号：…) and wraps onto the second line inside its column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import Page, PageSource
from docproc.extractors.bank_statement import inline_party
from tests.statement_pages import page as _page
from tests.statement_pages import rows as _rows

# 交易日期 | 摘要 | 借方发生额 | 贷方发生额 | 余额 | 交易机构 | 柜员
HEADER = (0, [(20, "交易日期"), (200, "摘要"), (560, "借方发生额"), (700, "贷方发生额"), (860, "余额"), (960, "交易机构"),
              (1100, "柜员")])


def _ledger(*, times: list[str], source: PageSource = PageSource.TEXT_LAYER) -> Page:
    """Three rows of two lines each: the date over the time, the 摘要 wrapped in its column."""
    return _page([
        HEADER,
        (30, [(120, "期初余额"), (840, "54,909.39")]),
        (60, [(20, "20250822"), (120, "转账存入"), (170, "对方：上海启明信息技术有限责"), (720, "8,640.37"),
              (840, "63,549.76"), (960, "柜面"), (1100, "F6334")]),
        (82, [(20, times[0]), (120, "任公司"), (150, "账号："), (180, "805038****2078")]),
        (110, [(20, "20250822"), (120, "财付通"), (150, "对方：财付通支付科技有限公司"), (580, "1,250.91"),
               (840, "62,298.85"), (960, "柜面"), (1100, "F6334")]),
        (132, [(20, times[1])]),
        (160, [(20, "20250827"), (120, "ATM取款"), (580, "1,000.00"), (840, "61,298.85"), (960, "ATM"),
               (1100, "F6334")]),
        (182, [(20, times[2])]),
        (210, [(120, "本页合计"), (560, "2,250.91"), (720, "8,640.37")]),
    ], source=source)


EXPECTED = [
    (date(2025, 8, 22), "转账存入", Decimal("8640.37"), Decimal("63549.76"), "上海启明信息技术有限责任公司"),
    (date(2025, 8, 22), "财付通", Decimal("-1250.91"), Decimal("62298.85"), "财付通支付科技有限公司"),
    (date(2025, 8, 27), "ATM取款", Decimal("-1000.00"), Decimal("61298.85"), None)]


def test_a_row_whose_time_and_wrapped_name_are_printed_on_the_line_under_it() -> None:
    rows = _rows(_ledger(times=["09:17:38", "09:23:14", "14:37:38"]))
    assert [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == EXPECTED


def test_a_scanned_time_misread_under_the_date_still_lets_the_name_join_its_row() -> None:
    rows = _rows(_ledger(times=["H40-21", "1704.00", "15:0332"], source=PageSource.OCR))
    assert [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == EXPECTED


def test_the_name_a_summary_cell_labels_and_the_account_after_it() -> None:
    assert inline_party("转账存入对方：上海启明信息技术有限责任公司账号：805038*********2078") == (
        "转账存入", "上海启明信息技术有限责任公司")
    assert inline_party("代发工资 对方户名:成都天府软件园有限公司") == ("代发工资", "成都天府软件园有限公司")
    assert inline_party("网上支付：对方：支付宝（中国）网络技术有限公司") == ("网上支付", "支付宝（中国）网络技术有限公司")
    assert inline_party("跨行转出 对方账号：6222020200112233445 对方户名：王芳") == ("跨行转出", "王芳")
    assert inline_party("ATM取款") == ("ATM取款", None)
    assert inline_party("对方行手续费") == ("对方行手续费", None)  # a word, not a label: no colon after it
