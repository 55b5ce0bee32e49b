"""Dates on a line of their own: how a letter or a certificate is dated when no label says so (二〇二六年八月六日
under the issuer's name, 2026年9月18日 in the top right corner)."""

from __future__ import annotations

from datetime import date

from docproc.cn.normalize import find_dates
from docproc.extractors._text import PageText

FILLER = 6  # characters besides the date such a line may hold (日期:, 于, a full stop)


def dating_lines(text: PageText, *, filler: int = FILLER) -> list[tuple[int, date, int, int]]:
    """(line index, day, start, end in the joined text) of each date whose line holds little else, top down."""
    out = []
    for index, line in enumerate(text.lines):
        found = find_dates(line)
        if len(found) == 1 and len(line) - (found[0][2] - found[0][1]) <= filler:
            day, a, b = found[0]
            out.append((index, day, text.offsets[index] + a, text.offsets[index] + b))
    return out
