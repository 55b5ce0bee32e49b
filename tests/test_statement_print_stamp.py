"""When a statement was printed, from its system's print stamp (a date with the time to the second) when the stamp's
label was misread past knowing, and never from a row's date and time."""

from __future__ import annotations

from datetime import date

from docproc.core.models import DocType, Page, PageSource, RawDocument
from tests.statement_pages import page

HEADER = [(20.0, "账号：6217909483497588941"), (400.0, "户名：刘睿")]
TABLE = [(20.0, "交易日期"), (180.0, "交易时间"), (300.0, "摘要"), (480.0, "交易金额"), (640.0, "余额")]
ROWS = [[(20.0, "2026-09-10"), (180.0, "10:22:33"), (300.0, "代发工资"), (480.0, "16,600.00"), (640.0, "20,000.00")],
        [(20.0, "2026-09-15"), (180.0, "08:01:59"), (300.0, "消费"), (480.0, "-500.00"), (640.0, "19,500.00")]]


def _issued(*footer: list[tuple[float, str]]) -> object:
    from docproc.extractors import EXTRACTORS

    lines = [HEADER, TABLE, *ROWS, *footer]
    p: Page = page([(40.0 * i, cells) for i, cells in enumerate(lines)], source=PageSource.OCR)
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    return fields["issue_date"].value if "issue_date" in fields else None


def test_a_print_stamp_whose_label_was_misread_dates_the_statement() -> None:
    assert _issued([(20.0, "打印柜员：B106"), (300.0, "0时间：2026/12/1209:04:51")]) == date(2026, 12, 12)
    assert _issued([(20.0, "打E2026/10/1312:44:53")]) == date(2026, 10, 13)
    assert _issued([(20.0, "第1页"), (300.0, "2026-10-13 19:04:51")]) == date(2026, 10, 13)


def test_a_rows_date_and_time_is_no_print_stamp() -> None:
    assert _issued() is None
    assert _issued([(20.0, "打印柜员：B106")]) is None


def test_a_labelled_print_date_comes_before_a_stamp() -> None:
    assert _issued([(20.0, "打印日期：2026-12-11")], [(20.0, "2026/12/12 09:04:51")]) == date(2026, 12, 11)


def test_rows_whose_figures_lost_their_zeros_are_no_print_stamp() -> None:
    # a spreadsheet's print: 98.9 for 98.90, its serial before the date
    rows = [[(20.0, "29"), (60.0, "2026/7/24"), (180.0, "15:48:17"), (300.0, "缴费"), (480.0, "98.9"), (640.0, "32250.8")]]
    assert _issued(*rows) is None


def test_a_label_on_a_later_page_comes_before_a_stamp_on_an_earlier_one() -> None:
    from docproc.extractors import EXTRACTORS

    first = page([(0.0, HEADER), (40.0, [(20.0, "2026/07/24 15:48:17")]), (80.0, TABLE), *((120.0 + 40 * i, r) for i, r in
                                                                                          enumerate(ROWS))],
                 source=PageSource.OCR)
    last = page([(0.0, [(20.0, "打印柜员：A7451"), (300.0, "打印时间：2026/11/20 09:49:44")])], source=PageSource.OCR)
    last = last.model_copy(update={"number": 2})
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(first, last))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    assert fields["issue_date"].value == date(2026, 11, 20)
