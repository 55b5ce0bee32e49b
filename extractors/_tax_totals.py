"""Totals of a tax list that its rows vouch for when the 合计 row lost its place (a skewed photo)."""

from __future__ import annotations

import re
from decimal import Decimal

from docproc.cn.normalize import parse_amount
from docproc.core.models import Field
from docproc.extractors._text import Hit, PageText

FIGURE = r"[0-9][0-9,.]*\.\d{2}"  # OCR reads a thousands comma as a point too (220.634.72)
CENT = Decimal("0.01")
# a date or a row's month printed with points (2025.07.01, 2024.05), which the figure pattern also matches
_DATE_LIKE = re.compile(r"(?:19|20)\d{2}[.\-/](?:0[1-9]|1[0-2])(?:[.\-/]\d{1,2})?")


def _figures(text: PageText, first: int, last: int) -> list[tuple[Decimal, Hit]]:
    """The amounts on lines ``first`` to ``last`` (dates and months printed with points are none)."""
    out = []
    for index in range(max(first, 0), min(last, len(text.lines) - 1) + 1):
        for match in re.finditer(FIGURE, text.lines[index]):
            if not _DATE_LIKE.fullmatch(match.group(0)) and (value := parse_amount(match.group(0))) is not None:
                out.append((value, Hit(text, text.offsets[index], match)))
    return out


def income_the_rows_vouch_for(text: PageText, start: int | None, total_line: int,
                              tax: Decimal) -> tuple[Decimal, Decimal, Field] | None:
    """Totals when 合计 was read but not its figures beside it: a photo's skew moves the row's figures onto the
    line above or below 合计, and its tax may lie under the seal (read in part, or not at all). The tax is the
    one the 大写 states; the income is the figure by 合计 with which the table adds up: every figure of the
    rows, income and tax (in whatever order the skew left them), sums to the income and tax totals. ``start``
    is the line of the table's headings."""
    if start is None or start >= total_line:
        return None
    table = _figures(text, start + 1, total_line + 1)
    beside = [f for f in _figures(text, total_line - 1, total_line + 1) if f[0] > tax]
    for income, hit in sorted(beside, key=lambda f: f[0], reverse=True):
        rest = [v for v, h in table if h.offset + h.match.start() != hit.offset + hit.match.start()]
        if tax in rest and sum(rest, Decimal(0)) - tax == income + tax:
            rest.remove(tax)  # the total's tax figure was read after all
        if abs(sum(rest, Decimal(0)) - income - tax) < CENT:
            return income, tax, hit.field(hit.group(0), 0)
    return None
