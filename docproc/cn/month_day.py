"""Month and day from a run of digits whose separators a read lost (2026/27, 2026年64日): every calendar day the run
splits into, a month of one or two digits, then a day of one or two."""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def month_day_splits(year: int, digits: str) -> list[date]:
    """The days of ``year`` that ``digits`` reads as, split into a month and a day each way (64: June 4; 111:
    January 11 and November 1); none for digits that are no month and day."""
    days = []
    for cut in range(1, len(digits)):
        month, day = digits[:cut], digits[cut:]
        if len(month) <= 2 and len(day) <= 2 and month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 \
                and 1 <= int(day) <= monthrange(year, int(month))[1]:
            days.append(date(year, int(month), int(day)))
    return days
