"""Dates printed with the year last (13/01/2026, 01.13.2026, 5-3-2026).

Chinese documents put the year first; statements of foreign and Hong Kong banks, statements printed in
English and some domestic banks' exports print it last, the day first on most of them (dd/mm/yyyy) and
the month first on a few (mm/dd/yyyy). One date alone (05/03/2026) cannot say which; a column of them
can: a first part above 12 is a day, a second part above 12 is one too, and otherwise the order that puts
every date within the statement's period, or every row in date order, is the column's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Literal

Order = Literal["dmy", "mdy"]

# day or month, the same separator again, then a four-figure year of this era
YEAR_LAST = r"\d{1,2}(?:/\d{1,2}/|-\d{1,2}-|\.\d{1,2}\.)(?:19|20)\d{2}"
_PARTS = re.compile(r"(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d{2})(?!\d)")


def year_last_parts(text: str) -> tuple[int, int, int] | None:
    """(first part, second part, year) of the year-last date that begins ``text`` (a time of day may follow)."""
    match = _PARTS.match(text.strip())
    return None if match is None else (int(match.group(1)), int(match.group(3)), int(match.group(4)))


def _date(parts: tuple[int, int, int], order: Order) -> date | None:
    first, second, year = parts
    day, month = (first, second) if order == "dmy" else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_last_date(text: str, order: Order) -> date | None:
    """The year-last date that begins ``text``, read in the column's ``order``; None if there is none."""
    parts = year_last_parts(text)
    return None if parts is None else _date(parts, order)


def column_order(texts: Iterable[str], period: tuple[date, date] | None = None) -> Order | None:
    """Whether a column's year-last dates put the day or the month first, decided from all of them: a part
    above 12 is a day; else the order under which every date lies in ``period`` (when only one does); else
    the one under which the rows run in date order, up or down (when only one does); else day first, which
    most banks that print the year last use. None when the column holds no year-last date, or its dates
    contradict each other (days above 12 in both places)."""
    parts = [p for text in texts if (p := year_last_parts(text)) is not None]
    if not parts:
        return None
    day_first, month_first = any(p[0] > 12 for p in parts), any(p[1] > 12 for p in parts)
    if day_first or month_first:
        return None if day_first and month_first else "dmy" if day_first else "mdy"
    orders: tuple[Order, Order] = ("dmy", "mdy")
    readings = {order: [_date(p, order) for p in parts] for order in orders}
    if period is not None:
        inside = [o for o in orders if all(d is not None and period[0] <= d <= period[1] for d in readings[o])]
        if len(inside) == 1:
            return inside[0]
    in_order = [o for o in orders if _monotonic([d for d in readings[o] if d is not None])]
    return in_order[0] if len(in_order) == 1 else "dmy"


def _monotonic(days: list[date]) -> bool:
    pairs = list(zip(days, days[1:], strict=False))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)
