"""Statements that book each amount to a side (9,385.41 借), print balances with their side (89,294.66 贷),
amounts right-aligned under headings at their column's left, and the print day only as 查询日期."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.cn.booked import parse_booked, side_of
from docproc.cn.page_numbers import page_of
from docproc.core.models import BBox, DocType, Field, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS

LINE = 20.0  # letter height


def _page(lines: list[tuple[float, list[tuple[float, str]]]]) -> Page:
    """A page from (top, [(x, text), ...]) lines; each word 10 units wide per character."""
    words = [Word(text=text, bbox=BBox(x0=x, y0=top, x1=x + 10 * len(text), y1=top + LINE), confidence=0.95, line=i)
             for i, (top, cells) in enumerate(lines) for x, text in cells]
    return Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=PageSource.TEXT_LAYER,
                words=tuple(words))


def _fields(p: Page) -> dict[str, Field]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]


def _day(y: str, m: str, d: str) -> list[tuple[float, str]]:
    """2025 年 07 月 02 日: a date printed in pieces, a space between each."""
    return [(20, y), (64, "年"), (78, m), (102, "月"), (116, d), (140, "日")]


def _right(end: float, text: str) -> tuple[float, str]:
    """A figure right-aligned to end at ``end``."""
    return (end - 10 * len(text), text)


def test_one_amount_column_whose_cells_print_their_side_after_the_amount() -> None:
    # 发生额（借 / 贷）: one column of unsigned amounts, each followed by the side it was booked to
    p = _page([
        (0, [(20, "户名"), (80, "高秀冰")]),
        (32, [(20, "上期余额"), (100, "89,294.66"), (194, "贷"), (300, "起止日期"), (400, "2025-06-30至2026-07-29")]),
        (64, [(20, "记账日期"), (180, "摘要"), (260, "发生额（借"), (310, "/"), (320, "贷）"), (440, "余额"),
              (560, "对方户名")]),
        (96, [*_day("2025", "07", "02"), (180, "还款"), _right(380, "9,385.41"), (384, "借"), _right(520, "79,909.25"),
              (560, "中国民生银行信用卡中心")]),
        (128, [*_day("2025", "07", "10"), (180, "工资性收入"), _right(380, "46,190.23"), (384, "贷"),
               _right(520, "126,099.48"), (560, "武汉正泰环保科技有限公司")]),
    ])
    fields = _fields(p)
    rows = fields["transactions"].value
    assert [(r["date"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (date(2025, 7, 2), Decimal("-9385.41"), Decimal("79909.25"), "中国民生银行信用卡中心"),
        (date(2025, 7, 10), Decimal("46190.23"), Decimal("126099.48"), "武汉正泰环保科技有限公司")]
    assert fields["opening_balance"].value == Decimal("89294.66")


def test_an_amount_booked_to_a_side_and_a_balance_on_the_debit_side() -> None:
    assert parse_booked("9,385.41 借") == Decimal("-9385.41")
    assert parse_booked("89,294.66贷") == Decimal("89294.66")
    assert parse_booked("120.00 DR") == Decimal("-120.00") and parse_booked("120.00 Cr.") == Decimal("120.00")
    assert parse_booked("-35.50") == Decimal("-35.50") and parse_booked("借") is None
    assert side_of("借") == "借" and side_of("CR") == "贷" and side_of("还款") is None


def test_a_page_count_in_brackets_after_the_page_number() -> None:
    assert page_of("打印柜员： F604 网点号： 16168 第 1 页（共 8 页）") == (1, 8)
    assert page_of("共 8 页(第 2 页)") == (2, 8)


def test_amounts_right_aligned_under_headings_printed_at_their_columns_left_and_the_query_day() -> None:
    # an internet bank's page printed from the browser: each heading starts its column; figures end at its
    # right, nearer the next heading than their own; the day of the query is the only print date
    p = _page([
        (0, [(20, "查询账户：6229087163733168"), (400, "户名：黄建")]),
        (32, [(20, "起始日期：2025-11-24"), (300, "截止日期：2026-11-23")]),
        (64, [(20, "期初余额：23,007.98"), (300, "查询日期：2026-11-25")]),
        (96, [(20, "交易时间"), (200, "交易摘要"), (320, "交易金额"), (480, "余额"), (640, "对方户名")]),
        (128, [(20, "2025-11-26"), (130, "12:09:26"), (200, "POS消费"), _right(470, "-1,231.99"),
               _right(610, "21,775.99"), (640, "银联商务股份有限公司")]),
        (160, [(20, "2025-12-02"), (130, "14:50:59"), (200, "ATM取款"), _right(470, "-300.00"),
               _right(610, "21,475.99")]),
        (192, [(20, "2025-12-03"), (130, "15:42:58"), (200, "POS收单入账"), _right(470, "+11,116.21"),
               _right(610, "32,592.20"), (640, "银联商务股份有限公司")]),
    ])
    fields = _fields(p)
    assert [(r["amount"], r["balance"]) for r in fields["transactions"].value] == [
        (Decimal("-1231.99"), Decimal("21775.99")), (Decimal("-300.00"), Decimal("21475.99")),
        (Decimal("11116.21"), Decimal("32592.20"))]
    assert fields["issue_date"].value == date(2026, 11, 25)
    assert (fields["period_start"].value, fields["period_end"].value) == (date(2025, 11, 24), date(2026, 11, 23))
