"""A phone bank's 收支明细 screen exported to PDF: two-line transaction cards under month headings that
carry the year, set in two columns side by side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Field, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._app_cards import cards_of

LINE = 10.0
LEFT, RIGHT = 45.0, 314.0  # where each column's cards start


def _page(lines: list[tuple[float, list[tuple[float, str]]]], source: PageSource = PageSource.TEXT_LAYER) -> Page:
    words = [Word(text=text, bbox=BBox(x0=x, y0=top, x1=x + 8 * len(text), y1=top + LINE), confidence=0.95, line=i)
             for i, (top, cells) in enumerate(lines) for x, text in cells]
    return Page(file_id="f", number=1, width=595, height=842, unit=Unit.PX, source=source, words=tuple(words))


def _first(x: float, who: str, amount: str) -> list[tuple[float, str]]:
    return [(x, who), (x + 200, amount)]


def _second(x: float, month: str, day: str, time: str, what: str, balance: str) -> list[tuple[float, str]]:
    """10 | 月 | 11 | 日 10:19 代扣电费 余额 47,017.54: the day printed in pieces, as a text layer may."""
    return [(x, month), (x + 8, "月"), (x + 15, day), (x + 22, "日"), (x + 30, time), (x + 60, what),
            (x + 190, "余额"), (x + 206, balance)]


def _export() -> Page:
    return _page([
        (0, [(150, "户名：魏月琳"), (300, "查询期间：2025年11月13日至2026年02月12日")]),
        (20, [(270, "收支明细")]),
        # the left column's heading beside the right column's first card, whose heading ended the left column
        (60, [(LEFT, "2025年11月"), (200, "支出¥305.87"), *_first(RIGHT, "国家电网有限公司", "-305.87")]),
        (75, _second(RIGHT, "01", "11", "10:19", "代扣电费", "47,017.54")),
        (90, _first(LEFT, "上海寻梦信息技术有限公司", "-1,054.41")),
        (105, [*_second(LEFT, "11", "14", "11:53", "网上支付", "33,609.26"), *_first(RIGHT, "取现", "-200.00")]),
        (120, _second(RIGHT, "01", "17", "14:32", "取现", "46,817.54")),
        (135, _first(LEFT, "银川正泰新材料有限公司", "+12,288.45")),
        (150, _second(LEFT, "12", "09", "14:57", "代发工资收入", "45,897.71")),  # under 2025年11月: still 2025
        (165, _first(LEFT, "许琳诗", "+1,425.70")),
        (180, _second(LEFT, "01", "02", "09:00", "退款", "47,323.41")),  # January under a 2025 heading: 2026
    ])


def _fields(p: Page) -> dict[str, Field]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]


def test_cards_in_two_columns_under_month_headings_that_carry_the_year() -> None:
    rows = _fields(_export())["transactions"].value
    assert [(r["date"], r["amount"], r["balance"], r["counterparty"], r["description"]) for r in rows] == [
        (date(2025, 11, 14), Decimal("-1054.41"), Decimal("33609.26"), "上海寻梦信息技术有限公司", "网上支付"),
        (date(2025, 12, 9), Decimal("12288.45"), Decimal("45897.71"), "银川正泰新材料有限公司", "代发工资收入"),
        (date(2026, 1, 2), Decimal("1425.70"), Decimal("47323.41"), "许琳诗", "退款"),
        (date(2026, 1, 11), Decimal("-305.87"), Decimal("47017.54"), "国家电网有限公司", "代扣电费"),
        (date(2026, 1, 17), Decimal("-200.00"), Decimal("46817.54"), None, "取现"),  # titled by what it was
    ]


def test_a_day_without_a_heading_takes_the_one_year_the_period_allows() -> None:
    p = _page([
        (0, _first(LEFT, "国家电网有限公司", "-305.87")),
        (15, _second(LEFT, "01", "11", "10:19", "代扣电费", "47,017.54")),
        (30, _first(LEFT, "水务集团", "58.00")),  # unsigned: the balance went down by it
        (45, _second(LEFT, "12", "28", "10:19", "水费", "46,959.54")),
    ])
    cards = cards_of([p], (date(2025, 12, 1), date(2026, 11, 30)))
    assert [(c.transaction["date"], c.transaction["amount"]) for c in cards] == [
        (date(2026, 1, 11), Decimal("-305.87")), (date(2025, 12, 28), Decimal("-58.00"))]
    assert cards_of([p]) == []  # no heading and no period: no year


def test_scanned_cards_whose_words_run_together_and_whose_commas_read_as_points() -> None:
    p = _page([
        (0, [(LEFT, "2026年01月"), (200, "支出￥2.145.30收入￥0.00")]),
        (15, [(LEFT, "陈轩"), (245, "-660.81")]),
        (30, [(LEFT, "01月17日10:42手机银行转账"), (230, "余额37.155.45")]),
        (45, [(LEFT, "武汉锦程医药有限公司"), (245, "+10,748.51")]),
        (60, [(LEFT, "02月11日16：18代发工资收入"), (230, "余额47，903.96")]),
    ], source=PageSource.OCR)
    rows = _fields(p)["transactions"].value
    assert [(r["date"], r["amount"], r["balance"], r["counterparty"], r["description"]) for r in rows] == [
        (date(2026, 1, 17), Decimal("-660.81"), Decimal("37155.45"), "陈轩", "手机银行转账"),
        (date(2026, 2, 11), Decimal("10748.51"), Decimal("47903.96"), "武汉锦程医药有限公司", "代发工资收入")]
