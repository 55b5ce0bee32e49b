"""When a statement was printed, from the stamp a bank's system sets in its header or footer: a date with the time of
day to the second (打印时间：2026/12/12 09:04:51), read where the stamp's label was misread past knowing (0时间,
打E) and the date run into the time (2026/12/1209:04:51).

A transaction row holds a date and a time too, but also its figures (its serial, amount and balance, which a
spreadsheet's print may give without their zeros: 98.9); the stamp's line holds none. A label on any page comes first.
"""

from __future__ import annotations

import re

from docproc.cn.normalize import parse_date
from docproc.core.models import Field
from docproc.extractors._text import PageText

# the day may be run into the hour (1209:04:51: the 12th at 09:04:51): the hour is two digits then
_STAMP = re.compile(r"((?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:[12]\d|3[01]|0?[1-9]))\s*(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d")
# a row's figure: a number of two digits or more, or with a point, standing on its own (98.9, 32250.8, 29); not a
# code's digits (柜员 A7451) nor a lone digit (第1页, a speck read as 0)
_FIGURE = re.compile(r"(?<![A-Za-z\d.,])(?:\d+[.,]\d+|\d{2,})(?![A-Za-z\d])")


def print_stamp(text: PageText) -> Field | None:
    """The date of the page's last stamp: a date with its time to the second, on a line that holds no figure."""
    found = [(hit, day) for hit in text.finditer(_STAMP) if (day := parse_date(hit.group(1))) is not None
             and not _FIGURE.search(_STAMP.sub("", text.lines[hit.line]))]
    if not found:
        return None
    hit, day = found[-1]
    return hit.field(day)
