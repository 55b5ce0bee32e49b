"""A statement whose header prints its labels on one row and their values on the row under them: the period
(起止日期) is the range it states, not the last date of that row (生成时间 printed beside it)."""

from __future__ import annotations

from datetime import date

from docproc.core.models import BBox, DocType, Field, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS


def _page(lines: list[list[tuple[float, str]]]) -> Page:
    words = [Word(text=text, bbox=BBox(x0=x, y0=32 * i, x1=x + 10 * len(text), y1=32 * i + 20), confidence=0.95,
                  line=i) for i, cells in enumerate(lines) for x, text in cells]
    return Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=PageSource.TEXT_LAYER,
                words=tuple(words))


def _fields(p: Page) -> dict[str, Field]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]


def _header(period: str) -> Page:
    return _page([
        [(20, "中信银行")],
        [(20, "户名"), (200, "账号"), (420, "币种"), (560, "开户行")],
        [(20, "邓凯鑫"), (200, "6226902057317614"), (420, "人民币"), (560, "中信银行股份有限公司银川兴庆支行")],
        [(20, "起止日期"), (260, "期初余额"), (420, "期末余额"), (560, "生成时间")],
        [(20, period), (260, "35,538.72"), (420, "316,955.58"), (560, "2026/08/03"), (680, "12:27")],
        [(20, "交易日期"), (140, "时间"), (260, "收入金额"), (380, "支出"), (480, "余额")],
    ])


def test_the_period_under_its_label_ends_where_its_range_ends_not_at_the_print_date_beside_it() -> None:
    fields = _fields(_header("2025/07/03-2026/08/02"))
    assert (fields["period_start"].value, fields["period_end"].value) == (date(2025, 7, 3), date(2026, 8, 2))


def test_a_period_written_with_至_under_its_label() -> None:
    fields = _fields(_header("2025年07月03日至2026年08月02日"))
    assert (fields["period_start"].value, fields["period_end"].value) == (date(2025, 7, 3), date(2026, 8, 2))


def test_a_period_of_two_dates_with_no_word_between_them() -> None:
    fields = _fields(_header("2025年07月03日 2026年08月02日"))
    assert (fields["period_start"].value, fields["period_end"].value) == (date(2025, 7, 3), date(2026, 8, 2))
