"""A phone bank's or a payment app's 收支明细 screen exported to PDF: transactions as cards, not table rows.

Such an export (手机银行, 支付宝, 微信 账单) prints no table header. Each transaction is a card of two lines:
the counterparty with the signed amount (国家电网有限公司 -305.87), then the day without its year, the
time, what it was and the balance after it (10月11日 10:19 代扣电费 余额 47,017.54). Month headings
(2025年08月 支出¥4,852.26 收入¥0.00) carry the year for the cards under them, and a page may set its
cards in two or more columns side by side, each read top down before the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from docproc.cn.booked import parse_booked
from docproc.cn.normalize import to_halfwidth
from docproc.core.models import BBox, Page, Word
from docproc.extractors._text import union_boxes, visual_lines

_DAY = re.compile(r"^(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")  # 10月11日, a card's day without its year
# a signed amount with its decimals; a scan may read its thousands commas as points (38.706.40)
_AMOUNT = r"[-+−]?\s*[¥￥]?\s*\d[\d,.]*[.,]\d{2}"
# the card's second line: day, time of day, what it was, maybe its amount, and the balance after it
_SECOND = re.compile(rf"^\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?P<what>.*?)\s*"
                     rf"(?P<amount>{_AMOUNT})?\s*(?:余额|结余|可用余额)\s*[:：]?\s*(?P<balance>{_AMOUNT})$")
# the card's first line: who the money went to or came from, and the amount signed
_FIRST = re.compile(rf"^(?P<who>.*?\S)\s*(?P<amount>{_AMOUNT})$")
# a month heading that dates the cards under it (2025年08月, 2025年8月 支出…); a full date (…月13日) is none
_HEADING = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
COLUMN_SLACK = 0.03  # share of the page's width a column's cards may start left of their column's edge


@dataclass(frozen=True)
class Card:
    """One transaction card: its canonical transaction and where it is printed."""

    page: int
    bbox: BBox
    confidence: float
    transaction: dict[str, Any]


DAY_PIECES = 4  # 10 | 月 | 11 | 日: a text layer may print a day in pieces


def _day_starts(line: list[Word]) -> list[Word]:
    """Words of a line that begin a day without its year (10月11日, also printed in pieces); not the month
    and day of a full date (2025年08月13日)."""
    out = []
    for index, word in enumerate(line):
        text = "".join(to_halfwidth(w.text).strip() for w in line[index : index + DAY_PIECES])
        before = to_halfwidth(line[index - 1].text).strip() if index else ""
        if _DAY.match(text) and not before.endswith("年"):
            out.append(word)
    return out


def _column_edges(page: Page) -> list[float]:
    """Left edges of the page's columns of cards: where their days start, in runs along the page."""
    starts = sorted(w.bbox.x0 for line in visual_lines(page) for w in _day_starts(line))
    if not starts:
        return []
    tolerance = COLUMN_SLACK * page.width
    edges = [[starts[0]]]
    for x in starts[1:]:
        if x - edges[-1][-1] <= tolerance:
            edges[-1].append(x)
        else:
            edges.append([x])
    return [min(run) for run in edges if len(run) * 5 >= len(starts) // len(edges) or len(edges) == 1]


def _columns(page: Page) -> list[list[list[Word]]]:
    """The page's lines cut into its columns of cards, each column's lines top down (one column if one)."""
    edges = _column_edges(page)
    if not edges:
        return []
    tolerance = COLUMN_SLACK * page.width
    columns: list[list[list[Word]]] = [[] for _ in edges]
    for line in visual_lines(page):
        parts: list[list[Word]] = [[] for _ in edges]
        for word in line:
            index = max([i for i, edge in enumerate(edges) if word.bbox.x0 >= edge - tolerance] or [0])
            parts[index].append(word)
        for index, words in enumerate(parts):
            if words:
                columns[index].append(words)
    return columns


def _text(words: list[Word], *, half: bool = True) -> str:
    """A line's words with a space between each (half-width for matching: spans are the printed text's)."""
    return " ".join(chunk for w in words if (chunk := (to_halfwidth(w.text) if half else w.text).strip()))


def _printed(words: list[Word], match: re.Match[str], group: str) -> str:
    """A group of a match on a line's text as printed: full-width forms kept, a space only between two Latin
    letters or digits (POS消费, 支付宝（中国）)."""
    text = _text(words, half=False)[match.start(group) : match.end(group)].strip()
    return re.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text)


def _money(text: str) -> Decimal | None:
    return parse_booked(re.sub(r"[\s¥￥]", "", text))


def _year(month: int, day: int, heading: tuple[int, int] | None, period: tuple[date, date] | None) -> int | None:
    """The year of a day printed without one: the month heading's above it (the next year's if the month
    is before the heading's: a January card under a December heading), else the one year the statement's
    period allows."""
    if heading is not None:
        return heading[0] + 1 if month < heading[1] else heading[0]
    if period is None:
        return None
    years = [y for y in range(period[0].year, period[1].year + 1) if _valid(y, month, day)
             and period[0] <= date(y, month, day) <= period[1]]
    return years[0] if len(years) == 1 else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def cards_of(pages: list[Page], period: tuple[date, date] | None = None) -> list[Card]:
    """Every transaction card of the pages, in reading order: page by page, each column top down."""
    cards: list[Card] = []
    heading: tuple[int, int] | None = None
    previous: Decimal | None = None
    for page in pages:
        for lines in _columns(page):
            first: list[Word] | None = None
            for words in lines:
                text = _text(words)
                if (month := _HEADING.search(text)) and not _DAY.match(text):
                    heading, first = (int(month.group("y")), int(month.group("m"))), None
                    continue
                second = _SECOND.match(text)
                if second is None:
                    first = words if _FIRST.match(text) else None
                    continue
                card = _card(page, words, second, first, heading, period, previous)
                first = None
                if card is not None:
                    cards.append(card)
                    previous = card.transaction["balance"]
    return cards


def _card(page: Page, words: list[Word], second: re.Match[str], first: list[Word] | None,
          heading: tuple[int, int] | None, period: tuple[date, date] | None, previous: Decimal | None) -> Card | None:
    """The transaction of a card from its second line and the first line above it (if any)."""
    day = _DAY.match(_text(words))
    assert day is not None, "a second line starts with its day"
    month, dom = int(day.group("m")), int(day.group("d"))
    year = _year(month, dom, heading, period)
    balance = _money(second.group("balance"))
    top = _FIRST.match(_text(first)) if first else None
    amount = _money(top.group("amount")) if top else _money(second.group("amount") or "")
    if year is None or not _valid(year, month, dom) or balance is None or amount is None:
        return None
    if not re.match(r"[-+−]", (top.group("amount") if top else second.group("amount") or "").strip()) \
            and previous is not None and previous - amount == balance:
        amount = -amount  # an unsigned amount the balance went down by
    every = [*words, *(first or [])]
    box = union_boxes([w.bbox for w in every])
    assert box is not None, "a card has words"
    what = _printed(words, second, "what")
    who = _printed(first, top, "who") if first and top else None
    return Card(page=page.number, bbox=box, confidence=min(w.confidence for w in every), transaction={
        "date": date(year, month, dom),
        "description": what,
        "amount": amount,
        "balance": balance,
        "counterparty": None if who == what else who,  # a card with no counterparty is titled by what it was
    })
