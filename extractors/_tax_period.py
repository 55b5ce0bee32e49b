"""The period a tax record covers: under its label (税款所属期：2025-01-01至2025-12-31), stated in a sentence
(在2025-11-01至2026-10-31期间缴纳税款如下), on a line of its own under the title, or, on a list of the tickets paid
(a 完税证明 of several 原凭证, each with its own 税款所属时期), from the earliest ticket's start to the latest's end."""

from __future__ import annotations

import re
from datetime import date

from docproc.cn.normalize import find_dates
from docproc.core.models import Field
from docproc.extractors._labels import labels_of
from docproc.extractors._text import PageText

TITLE_LINES = 3  # lines at the top of a record where its title and the period it covers are printed
_RANGE_JOINERS = re.compile(r"[\s()\-~—至到]*")
# The next entry of a line of several (税款所属时期：… 入(退)库日期：2025-12-08 实缴(退)金额：…): a label no field
# of ours takes still ends the value before it.
_NEXT_ENTRY = re.compile(r"[\u4e00-\u9fffA-Za-z()（）]{2,}\s*[:：]")
Dated = tuple[date, int, int]  # a date and the characters it stands on


# the end of a range whose year the read lost (2025年9月1日至年8月31日): its month and day after the joiner
_END_WITHOUT_YEAR = re.compile(r"\s*[至到~\-—]\s*年?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def labelled_range(value: str) -> tuple[Dated, Dated] | None:
    """The first and last date of a period label's value, up to the next entry on its line."""
    dates = find_dates(value)
    if not dates:
        return None
    if (entry := _NEXT_ENTRY.search(value, dates[0][2])) is not None:
        dates = [d for d in dates if d[2] <= entry.start()]
    if len(dates) == 1 and (end := _end_without_year(value, dates[0])) is not None:
        return dates[0], end
    return dates[0], dates[-1]


def _end_without_year(value: str, start: Dated) -> Dated | None:
    """A range's end read without its year: the first day after the start with the month and day it shows (a
    period runs a year at most)."""
    match = _END_WITHOUT_YEAR.match(value, start[2])
    if match is None:
        return None
    month, day = int(match[1]), int(match[2])
    for year in (start[0].year, start[0].year + 1):
        try:
            end = date(year, month, day)
        except ValueError:
            return None
        if end > start[0]:
            return end, match.start(1), match.end()
    return None


def _ticket_periods(text: PageText) -> list[tuple[Field, Field]]:
    """The period beside each period label on the page (a list of tickets prints one per ticket)."""
    out = []
    for candidate in labels_of("tax_certificate").candidates(text, "period"):
        if candidate.how == "right" and (dates := labelled_range(candidate.value)) is not None:
            first, last = dates
            out.append((candidate.field(first[0], (first[1], first[2])), candidate.field(last[0], (last[1], last[2]))))
    return out


def _day(field: Field) -> date:
    assert isinstance(field.value, date)
    return field.value


def _span(periods: list[tuple[Field, Field]]) -> tuple[Field, Field]:
    return min((p[0] for p in periods), key=_day), max((p[1] for p in periods), key=_day)


def list_period(text: PageText) -> tuple[Field, Field] | None:
    """The period of a page listing several labelled periods (one per ticket paid): the one it states in a
    sentence or under its title when that covers every ticket, else from the earliest start to the latest
    end. None for a page with one."""
    tickets = _ticket_periods(text)
    if len(tickets) < 2:
        return None
    first, last = _span(tickets)
    for stated in (period_in_prose(text), period_under_title(text)):
        if stated is not None and _day(stated[0]) <= _day(first) and _day(stated[1]) >= _day(last):
            return stated
    return first, last


def period_under_title(text: PageText) -> tuple[Field, Field] | None:
    """A period printed without a label under the title, on a line of its own: (2025.07.01-2026.06.30)."""
    for index, line in enumerate(text.lines[:TITLE_LINES]):
        dates = find_dates(line)
        rest = line
        for _, a, b in reversed(dates):
            rest = rest[:a] + rest[b:]
        if len(dates) == 2 and _RANGE_JOINERS.fullmatch(rest) and dates[0][0] < dates[1][0]:
            offset = text.offsets[index]
            return (text.field((offset + dates[0][1], offset + dates[0][2]), dates[0][0]),
                    text.field((offset + dates[1][1], offset + dates[1][2]), dates[1][0]))
    return None


_PERIOD_OPENER = re.compile(r"自|从|在|于|期间[:：为]?|所属期[:：为]?|所属时期[:：为]?")
_PERIOD_JOINER = re.compile(r"\s*起?(?:至|到|—|-|~)\s*")
PROSE_PERIOD_REACH = 40  # characters after 自 where the two dates of a 自…至… sentence stand


def period_in_prose(text: PageText) -> tuple[Field, Field] | None:
    """A period written in a sentence: 自2025年6月1日至2026年5月31日期间, 所属期为2025-01-01至2025-12-31."""
    for match in _PERIOD_OPENER.finditer(text.joined):
        window = text.joined[match.end() : match.end() + PROSE_PERIOD_REACH]
        dates = find_dates(window)
        if len(dates) < 2 or dates[0][1] != 0 or not _PERIOD_JOINER.fullmatch(window[dates[0][2] : dates[1][1]]):
            continue
        if dates[0][0] < dates[1][0]:
            at = match.end()
            return (text.field((at + dates[0][1], at + dates[0][2]), dates[0][0]),
                    text.field((at + dates[1][1], at + dates[1][2]), dates[1][0]))
    return None
