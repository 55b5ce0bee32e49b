"""Statements that print the year last (13/01/2026, day or month first) and the sign after the amount
(2,027.11-), as foreign banks' and counter-printed ledgers do."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.cn.booked import parse_booked
from docproc.cn.year_last import column_order, year_last_date
from docproc.core.models import BBox, DocType, Field, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._table_words import kind, split_merged

LINE = 20.0


def _page(lines: list[list[tuple[float, str]]], source: PageSource = PageSource.TEXT_LAYER) -> Page:
    words = [Word(text=text, bbox=BBox(x0=x, y0=32 * i, x1=x + 10 * len(text), y1=32 * i + LINE), confidence=0.95,
                  line=i) for i, cells in enumerate(lines) for x, text in cells]
    return Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=source, words=tuple(words))


def _fields(p: Page) -> dict[str, Field]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]


def _right(end: float, text: str) -> tuple[float, str]:
    return (end - 10 * len(text), text)


def _ledger(rows: list[tuple[str, str, str, str]], period: str = "2026-01-13 至 2026-07-12") -> Page:
    return _page([
        [(20, "中国农业银行"), (600, "户名"), (660, "郭强")],
        [(20, "个人账户对账单"), (600, "对账期间"), (700, period)],
        [(20, "记账日期"), (140, "摘要"), (300, "交易金额"), (420, "余额"), (520, "对方户名")],
        *[[(20, day), (140, what), _right(380, amount), _right(500, balance), (520, "某公司")]
          for day, what, amount, balance in rows],
    ])


def test_day_first_dates_and_amounts_with_their_sign_after_them() -> None:
    fields = _fields(_ledger([
        ("13/01/2026", "网银转入", "492.56", "51,686.65"),
        ("15/01/2026", "网银转出", "2,027.11-", "49,659.54"),
        ("01/02/2026", "自动还款", "4,937.06-", "44,722.48"),
    ]))
    rows = fields["transactions"].value
    assert [(r["date"], r["amount"], r["balance"]) for r in rows] == [
        (date(2026, 1, 13), Decimal("492.56"), Decimal("51686.65")),
        (date(2026, 1, 15), Decimal("-2027.11"), Decimal("49659.54")),
        (date(2026, 2, 1), Decimal("-4937.06"), Decimal("44722.48"))]  # 1 February: the column is day first


def test_a_column_of_ambiguous_year_last_dates_takes_its_order_from_the_period() -> None:
    # every day ≤ 12: day first puts 05/03 … 09/04 inside March–April, month first would put them in May–September
    fields = _fields(_ledger([
        ("05/03/2026", "消费", "10.00-", "990.00"),
        ("02/04/2026", "消费", "10.00-", "980.00"),
        ("09/04/2026", "退款", "5.00", "985.00"),
    ], period="2026-03-01 至 2026-04-30"))
    assert [r["date"] for r in fields["transactions"].value] == [date(2026, 3, 5), date(2026, 4, 2), date(2026, 4, 9)]
    month_first = _fields(_ledger([
        ("03/05/2026", "消费", "10.00-", "990.00"),
        ("04/02/2026", "消费", "10.00-", "980.00"),
    ], period="2026-03-01 至 2026-04-30"))
    assert [r["date"] for r in month_first["transactions"].value] == [date(2026, 3, 5), date(2026, 4, 2)]


def test_a_period_printed_with_the_year_last() -> None:
    fields = _fields(_ledger([("13/01/2026", "网银转入", "492.56", "51,686.65")], period="13/01/2026 至 12/07/2026"))
    assert (fields["period_start"].value, fields["period_end"].value) == (date(2026, 1, 13), date(2026, 7, 12))


def test_the_order_of_a_year_last_column_is_decided_from_all_its_dates() -> None:
    assert column_order(["05/03/2026", "13/03/2026"]) == "dmy"  # a first part above 12 is a day
    assert column_order(["03/05/2026", "03/13/2026"]) == "mdy"
    assert column_order(["13/03/2026", "03/13/2026"]) is None  # contradicting
    assert column_order(["2026-03-05"]) is None  # no year-last date
    assert column_order(["01/02/2026", "02/01/2026", "02/03/2026"]) == "mdy"  # only month first runs in date order
    assert column_order(["02/01/2026", "01/02/2026", "03/02/2026"]) == "dmy"
    assert year_last_date("05.03.2026 10:22", "dmy") == date(2026, 3, 5)
    assert year_last_date("31/02/2026", "dmy") is None


def test_an_amount_with_its_sign_after_it_is_one_cell() -> None:
    assert parse_booked("2,027.11-") == Decimal("-2027.11") and parse_booked("1,000.00 -") == Decimal("-1000.00")
    assert parse_booked("16.56+") == Decimal("16.56") and parse_booked("12-") is None
    assert kind("377.59-") == "money" and kind("13/01/2026") == "date" and kind("3-") == "text"
    word = Word(text="15/01/2026网银转出 2,027.11- 49,659.54", bbox=BBox(x0=0, y0=0, x1=400, y1=20), confidence=0.9,
                line=0)
    assert [w.text for w in split_merged(word)] == ["15/01/2026", "网银转出", "2,027.11-", "49,659.54"]
