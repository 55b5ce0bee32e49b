"""Scanned statement rows where the running balance breaks, read again: a break on an OCR'd page is most often a
lost minus sign, a misread or lost separator, or a digit misread or cut off by the detector's box."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from docproc.cn.booked import cell_amount
from docproc.core.models import BBox, Page, PageSource
from docproc.extractors._lost_cells import column_box
from docproc.extractors._reread import DIGITS, reread
from docproc.extractors._table import Row

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

_AMOUNTS = ("amount", "credit", "debit")


def _reread_money(ctx: ReadingContext | None, page: Page, box: BBox | None, like: Decimal) -> Decimal | None:
    """A cell's amount read again with digits only; the sign of the first read is kept."""
    if box is None or (again := reread(ctx, page, box, whitelist=DIGITS + ".,-+", digits=True)) is None:
        return None
    value = cell_amount(again[0].strip(".,"))
    if value is None:
        return None
    return -abs(value) if like < 0 else abs(value)


def _same_digits(printed: str, value: Decimal) -> bool:
    """Whether a cell prints the digits of ``value`` (to the fen) with its separators misread or lost, or with one
    digit more after its two decimals (48,103.982: the first digit of an account number printed close after it)."""
    digits, want = re.sub(r"\D", "", printed), re.sub(r"\D", "", f"{abs(value):.2f}")
    return bool(printed) and (digits == want or (re.search(r"[.,]\d{3}$", printed) is not None and digits[:-1] == want))


def repair_chain(rows: list[Row], transactions: list[dict[str, Any]], pages: dict[int, Page],
                 ctx: ReadingContext | None) -> list[int]:
    """Re-read the amount and balance cells of scanned rows where the running balance breaks.

    The sign is turned, a separator put back, and the cells are read again, digits only and by the page's engine,
    from their own boxes and then across their column (a right-aligned figure whose first digit the detector's box
    cut off: 228.52 for 2228.52); new figures are kept only when they close the chain (previous balance + amount =
    balance, and the next row still follows). Returns the row numbers changed.
    """
    changed: list[int] = []
    for i in range(1, len(transactions)):
        prev, row, page = transactions[i - 1], transactions[i], pages.get(rows[i].page)
        if page is None or page.source != PageSource.OCR or prev["balance"] + row["amount"] == row["balance"]:
            continue
        following = transactions[i + 1] if i + 1 < len(transactions) else None
        for new_amount, new_balance in _candidates(rows, i, prev, row, page, ctx):
            if new_amount is None or new_balance is None or prev["balance"] + new_amount != new_balance:
                continue
            if following is not None and new_balance != row["balance"] \
                    and new_balance + following["amount"] != following["balance"]:
                continue
            row["amount"], row["balance"] = new_amount, new_balance
            changed.append(i + 1)
            break
    return changed


Pair = tuple[Decimal | None, Decimal | None]


def _candidates(rows: list[Row], i: int, prev: dict[str, Any], row: dict[str, Any], page: Page,
                ctx: ReadingContext | None) -> Iterator[Pair]:
    """(amount, balance) pairs the row may print, cheapest first; each cell is read again only when asked for:
    digits only from its own box, then by the page's engine too, then across its column."""
    cells, boxes = rows[i].cells, rows[i].boxes
    implied = row["balance"] - prev["balance"]  # a separator misread or lost (65696 for 656.96)
    chained = prev["balance"] + row["amount"]
    printed = next((cells[n] for n in _AMOUNTS if cells.get(n)), "")
    yield -row["amount"], row["balance"]  # a sign lost or a credit read as a debit
    yield (implied if _same_digits(printed, implied) else None), row["balance"]
    yield row["amount"], (chained if _same_digits(cells.get("balance", ""), chained) else None)
    like = row["amount"] or implied  # 0 has no sign to keep
    name = next((n for n in _AMOUNTS if n in boxes and cell_amount(cells.get(n)) is not None),
                next((n for n in _AMOUNTS if n in boxes), "amount"))  # the column the figure is printed in
    amount = _reread_money(ctx, page, boxes.get(name), like)
    balance = _reread_money(ctx, page, boxes.get("balance"), row["balance"])
    yield from ((amount, row["balance"]), (row["amount"], balance), (amount, balance))
    for text in _reads(ctx, page, (boxes.get(name), column_box(rows, rows[i], name)), skip_first=True):
        yield _figure(text, like, implied), row["balance"]
    for text in _reads(ctx, page, (boxes.get("balance"), column_box(rows, rows[i], "balance")), skip_first=True):
        yield row["amount"], _figure(text, row["balance"], chained)


def _reads(ctx: ReadingContext | None, page: Page, boxes: tuple[BBox | None, ...], *, skip_first: bool) -> Iterator[str]:
    """Each box read again, digits only and then by the page's engine; ``skip_first``: not the first box's digits
    read, which the caller has had."""
    for n, box in enumerate(boxes):
        for digits in (True, False):
            if box is None or (skip_first and n == 0 and digits):
                continue
            if (got := reread(ctx, page, box, whitelist=DIGITS + ".,-+", digits=digits)) is not None:
                yield got[0]


def _figure(text: str, like: Decimal, want: Decimal) -> Decimal | None:
    """The figure a second read gives: ``want`` where it prints want's digits (its separators lost: 1545371 for
    15453.71), else its own value, with ``like``'s sign."""
    if _same_digits(text, want):
        return want
    value = cell_amount(text.strip(".,"))
    return None if value is None else -abs(value) if like < 0 else abs(value)
