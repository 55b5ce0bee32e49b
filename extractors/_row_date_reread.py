"""A ledger row whose date the page's read did not return (the detector missed the cell) or returned past reading
(its separators lost: 2026/27, 79207): its amount and balance are there. The cell is read again from its crop, under
the date column the page's other rows set, and kept when it is a date between the dates of the rows around it (near
the one row beside it at a page's top or foot); digits whose separators are lost, in the first read or a second one,
are the one month and day they split into between those rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from statistics import median

from docproc.cn.month_day import month_day_splits
from docproc.cn.normalize import parse_date, to_halfwidth
from docproc.core.models import BBox, Page, Word
from docproc.extractors._table_words import ROW_DATE
from docproc.extractors._table_words import kind as _kind

ReadCell = Callable[[Page, BBox], tuple[str, float] | None]
# what a read may keep of a date cell: digits, with its separators misread or lost and letters for digits
# (79207, 2026/27, 2026//25, E/9202 for 2026/2/3 … 2026/3/4); never a word of two letters or more running
_MISREAD_DATE = re.compile(r"(?=.*\d)(?!.*[A-Za-z]{2})[\dA-Za-z/.\-]{1,12}")
MIN_MONEY = 2  # an amount and a balance: what makes a line a row whose date was lost


def _date_word(words: list[Word]) -> Word | None:
    return next((w for w in words if ROW_DATE.fullmatch(to_halfwidth(w.text).strip())), None)


def _day(words: list[Word]) -> date | None:
    word = _date_word(words)
    return None if word is None else parse_date(to_halfwidth(word.text).strip())


NEAR = timedelta(days=31)  # a row at a page's top or foot: its date this near the one row beside it


def _between(day: date | None, before: date | None, after: date | None) -> bool:
    """Whether ``day`` lies between the dates of the rows around it (either order), or near the one there is."""
    if day is None:
        return False
    if before is None or after is None:
        one = before or after
        return one is not None and abs(day - one) <= NEAR
    return min(before, after) <= day <= max(before, after)


def dates_read_again(lines: list[list[Word]], dated: list[int], page: Page, readers: Sequence[ReadCell]) -> list[int]:
    """The lines (indexes) that are rows once their date, read again from the date column's crop, is put in front
    of them (``lines`` is changed in place); a read that is no date, or a date outside the rows around it, is left.
    A row whose date the read returned in pieces (2026 9 for 20260809) has its date read again the same way."""
    dates = [w for i in dated if (w := _date_word(lines[i])) is not None]
    if len(dates) < 3:
        return []
    x0, x1 = median(w.bbox.x0 for w in dates), median(w.bbox.x1 for w in dates)
    height = median(w.bbox.y1 - w.bbox.y0 for w in dates)
    days = [(i, day) for i in dated if (day := _day(lines[i])) is not None]  # in line order
    found = []
    for k, words in enumerate(lines):
        under = [w for w in words if w.bbox.x1 > x0 and w.bbox.x0 < x1]  # what the read kept of the date
        if (k in dated and _date_word(words) is not None) or not words or not all(
                _MISREAD_DATE.fullmatch(to_halfwidth(w.text).strip()) for w in under) \
                or sum(_kind(w.text) == "money" for w in words) < MIN_MONEY:
            continue
        before = next((day for i, day in reversed(days) if i < k), None)
        after = next((day for i, day in days if i > k), None)
        middle = median((w.bbox.y0 + w.bbox.y1) / 2 for w in words)
        box = BBox(x0=x0, y0=middle - height / 2, x1=x1, y1=middle + height / 2, unit=dates[0].bbox.unit)
        if (text := _date_between(page, box, readers, before, after, "".join(w.text for w in under))) is None:
            continue
        kept = [w for w in words if w not in under]
        lines[k] = [*[w for w in kept if w.bbox.x1 <= x0], Word(text=text, bbox=box, confidence=min(
            w.confidence for w in words)), *[w for w in kept if w.bbox.x1 > x0]]
        found += [] if k in dated else [k]
    return found


def _date_between(page: Page, box: BBox, readers: Sequence[ReadCell], before: date | None, after: date | None,
                  first: str) -> str | None:
    """The first reading of ``box`` (the page's own read ``first``, then each reader's) that is a date between the
    rows' around it, as printed or with its separators lost."""
    for got in (first, *(r[0] for read in readers if (r := read(page, box)) is not None)):
        if ROW_DATE.fullmatch(text := to_halfwidth(got).strip(" -/.")) and _between(parse_date(text), before, after):
            return text
        if (day := _date_of_digits(got, before, after)) is not None:
            return day.isoformat()
    return None


def _date_of_digits(text: str, before: date | None, after: date | None) -> date | None:
    """A date whose separators the scan lost (202627, 2026//25; 5202634 with a digit of the serial before it): the
    digits after the rows' year split into a month and a day each way that makes a date, kept when just one of
    those lies between the rows around it."""
    digits, found = re.sub(r"\D", "", to_halfwidth(text)), set[date]()
    for year in {d.year for d in (before, after) if d is not None}:
        if (at := digits.find(str(year))) >= 0:
            found.update(d for d in month_day_splits(year, digits[at + 4:]) if _between(d, before, after))
    return found.pop() if len(found) == 1 else None
