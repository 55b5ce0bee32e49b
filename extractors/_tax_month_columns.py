"""Totals of a tax record whose table runs the other way: months are its columns, not its rows.

Some tax bureaus print 收入纳税明细 / 纳税情况表 transposed: a heading row of months (2025年 over 06月, or
2025.06 in one cell), then for each withholding agent a 收入额 row and a 已缴税额 row of month figures ending in
the row's total (the 合计 column), and the totals of all agents in a pair of such rows labelled 合计 (or 总计)
at the left. The grand totals are those rows' totals. A total is a figure the page vouches for: the month
figures before it add up to it, or (a scan's column drawn a row off) a figure printed by the row does; the tax
may also be the one its 大写 states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docproc.cn import vocab
from docproc.cn.normalize import parse_amount
from docproc.core.models import Field
from docproc.extractors._text import Hit, PageText

CENT = Decimal("0.01")
MONTH_COLUMNS = 3  # month headings on one line that make the months a table's columns
# A month heading: 06月, 2025年06月, 2025.06, 2025-06 (not a full date: 2025.06.01, 2025年6月1日)
_MONTH_HEADING = re.compile(r"(?<!\d)(?:(?:20\d{2}[年.\-/]?)?(?:0?[1-9]|1[0-2])月(?!\d{1,2}日)"
                            r"|20\d{2}[.\-/](?:0[1-9]|1[0-2])(?![.\-/]?\d))")
_GRAND = re.compile(r"[合总]计(?![(（]?大写)")  # at a line's start: the label of the grand total rows
GRAND_REACH = 1  # lines above or below its 合计 label where a grand total row stands (the label spans both rows)


def _alternation(key: str) -> re.Pattern[str]:
    spellings = sorted(vocab.words("tax_certificate", key), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, spellings)))


@dataclass(frozen=True)
class _Row:
    """A 收入额 or 已缴税额 row: its line and its figures left to right."""

    line: int
    figures: list[tuple[Decimal, Hit]]


# One cell's amount: grouped by commas (24,137.31), by points as OCR reads commas too (220.634.72), or not at all.
# Tried in that order, so that two cells read as one word (22,175.7324,137.31, 6,615.1310,209.18) come apart
# after each cell's two decimals: within a number, one separator groups its thousands throughout.
_CELL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d{1,3}(?:\.\d{3})+\.\d{2}|\d+\.\d{2}")


def _figures(text: PageText, index: int, start: int) -> list[tuple[Decimal, Hit]]:
    out = []
    for match in _CELL.finditer(text.lines[index][start:]):
        if (value := parse_amount(match.group(0))) is not None:
            out.append((value, Hit(text, text.offsets[index] + start, match)))
    return out


def _rows(text: PageText, first: int, label: re.Pattern[str]) -> list[_Row]:
    """Rows from line ``first`` on whose ``label`` (a row's heading, after the agent's name) has figures after it."""
    rows = []
    for index in range(first, len(text.lines)):
        hit = label.search(text.lines[index])
        if hit is not None and (figures := _figures(text, index, hit.end())):
            rows.append(_Row(index, figures))
    return rows


def _heading_line(text: PageText) -> int | None:
    """The line of the month headings: the first with several months on it."""
    return next((i for i, line in enumerate(text.lines) if len(_MONTH_HEADING.findall(line)) >= MONTH_COLUMNS), None)


def _row_total(row: _Row, nearby: list[tuple[Decimal, Hit]]) -> tuple[Decimal, Hit] | None:
    """The total of a row: its last figure when the month figures before it add up to it, else a figure printed
    by the row that its month figures add up to (a scan's total column drawn a row off: the row ends in its
    neighbour's total, or in none)."""
    values = [v for v, _ in row.figures]
    if len(values) >= 2 and abs(sum(values[:-1], Decimal(0)) - values[-1]) < CENT:
        return row.figures[-1]
    own = {h.offset + h.match.start() for _, h in row.figures}
    for cells in (values[:-1], values):
        whole = sum(cells, Decimal(0))
        if cells and (total := next(((v, h) for v, h in nearby
                                     if abs(v - whole) < CENT and h.offset + h.match.start() not in own), None)):
            return total
    return None


def _nearby(text: PageText, line: int) -> list[tuple[Decimal, Hit]]:
    return [f for i in range(max(line - 1, 0), min(line + 2, len(text.lines))) for f in _figures(text, i, 0)]


def _grand_rows(text: PageText, incomes: list[_Row], taxes: list[_Row]) -> tuple[_Row, _Row]:
    """The grand total rows: the 收入额 row beside a 合计 label opening a line (on the label's line or one above
    or below: the label spans both rows), else the last 收入额 row; and the 已缴税额 row under it."""
    labels = [i for i, line in enumerate(text.lines) if _GRAND.match(line)]
    income = next((r for r in reversed(incomes) if any(abs(r.line - i) <= GRAND_REACH for i in labels)), incomes[-1])
    return income, next((r for r in taxes if r.line > income.line), taxes[-1])


def _total(text: PageText, grand: _Row, rows: list[_Row], in_words: Decimal | None) -> tuple[Decimal, Hit] | None:
    """The grand total of one kind of row (income or tax), in order of the evidence for it: the grand total row's
    own figures add up to it; the 大写 states it and the table prints it; else the grand row's last figure when
    no cell of the row is larger (a month cell misread: a total is no smaller than any of its months)."""
    if total := _row_total(grand, _nearby(text, grand.line)):
        return total
    if in_words is not None and (stated := next(((v, h) for r in rows for v, h in _nearby(text, r.line)
                                                 if v == in_words), None)):
        return stated
    last = grand.figures
    return last[-1] if len(last) >= 2 and last[-1][0] == max(v for v, _ in last) else None


def month_column_totals(text: PageText, tax_in_words: Decimal | None) -> tuple[Decimal, Decimal, Field] | None:
    """Total income and tax of a table with months for columns, or None when the page holds no such table."""
    heading = _heading_line(text)
    if heading is None:
        return None
    incomes = _rows(text, heading + 1, _alternation("income_rows"))
    taxes = _rows(text, heading + 1, _alternation("tax_rows"))
    if not incomes or not taxes:
        return None
    grand_income, grand_tax = _grand_rows(text, incomes, taxes)
    income, tax = _total(text, grand_income, incomes, None), _total(text, grand_tax, taxes, tax_in_words)
    if income is None or tax is None:
        return None
    return income[0], tax[0], income[1].field(income[1].group(0), 0)
