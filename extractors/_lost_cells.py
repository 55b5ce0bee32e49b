"""Statement rows on a scan whose amount or balance the page's read lost (a cell under a seal, too faint for the
detector, or run into the cell beside it): every other cell is there, so the row would be dropped and the running
balance would break around the gap it leaves.

The lost cell is read again from its crop (the row's line under its column, as the page's other rows set it), and
the row is kept only when the digits read there are the ones the running balance implies for it: the balance before
it plus the amount gives the lost balance, the balance minus the one before gives the lost amount. A misread
separator (104.894.60, 86.07170) still shows the digits, a sheet's general format drops trailing zeros (88234.6), and
an account printed close after the figure may add digits behind its cents (60.643.39569); a reading with any other
digit does not mend the row, which then stays out as before. A balance run into the cell after it
(66,204.4687679.****4332 in the counterparty) is read from the front of that cell. A lost balance may also confirm the
amount with a minus the read lost (632.86 beside a balance that drops by 632.86): the amount is then turned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from statistics import median
from typing import Any, NamedTuple

from docproc.cn.booked import cell_amount
from docproc.core.models import BBox, Page, PageSource
from docproc.extractors._row_date_reread import ReadCell
from docproc.extractors._row_dates import newest_first
from docproc.extractors._table import Row

Transaction = Callable[[Row], dict[str, Any] | None]
_AMOUNTS = ("amount", "credit", "debit")
_SIGN = {"amount": 0, "credit": 1, "debit": -1}  # the sign a reading in that column gives (0: the chain's)
# a figure opening a cell: to the fen, or as a sheet's general format prints it (88234.6, 300: trailing zeros dropped)
# (ending where no digit, point, comma or colon follows: not the first digits of 10200.00 or of a time 11:10:11)
_LEADING_FIGURE = re.compile(r"[-+]?(?:\d{1,3}(?:[,.]\d{3})*[.,]\d{2}|\d+(?:\.\d{1,2})?(?![\d.,:]))")
_BARE_FIGURE = re.compile(r"\d+(?:\.\d{1,2})?")  # 300, 88234.6: a figure as a sheet's general format prints it
WIDE = 1.5  # a cell box this many times the column's usual width is a cell run into another: not the column's


def _lost(row: Row) -> str | None:
    """The one money cell (``amount`` or ``balance``) a row has no figure in, when it has the other."""
    has_amount = any(cell_amount(row.cells.get(n)) is not None for n in _AMOUNTS)
    has_balance = cell_amount(row.cells.get("balance")) is not None
    return None if has_amount == has_balance else ("balance" if has_amount else "amount")


def column_box(table: list[Row], row: Row, name: str) -> BBox | None:
    """Where ``name``'s cell of ``row`` lies: across the column the page's other rows print that cell in, along
    the line that holds the row's date."""
    boxes = [r.boxes[name] for r in table if r.page == row.page and name in r.boxes and cell_amount(r.cells.get(name))]
    day = row.boxes.get("date")
    if len(boxes) < 2 or day is None:
        return None
    width = median(b.x1 - b.x0 for b in boxes)
    usual = [b for b in boxes if b.x1 - b.x0 <= WIDE * width]
    return BBox(x0=min(b.x0 for b in usual), y0=day.y0, x1=max(b.x1 for b in usual), y1=day.y1, unit=day.unit)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class _Reading(NamedTuple):
    column: str  # the cell the figure is written to
    text: str
    box: BBox
    run_into: str | None = None  # the other cell the figure opens, when read from there


def _readings(table: list[Row], row: Row, name: str, page: Page, readers: Sequence[ReadCell]) -> Iterator[_Reading]:
    """What can be read where the lost cell lies: a figure opening another cell of the row right of the lost cell's
    column (or of its date, where no other row shows that column), then each reader's text of each column the cell
    may be in (an amount's: amount, credit or debit), and of each word the page's read found in that column (the
    detector's own box: a figure under a seal, where the column's wider cut takes more of the ink), read only when
    asked for."""
    day = row.boxes.get("date")
    lost = [b for n in (_AMOUNTS if name == "amount" else ("balance",)) if (b := column_box(table, row, n))]
    start = min((b.x0 for b in lost), default=day.x1 if day is not None else None)  # the cell after the lost one's
    for other, text in row.cells.items():
        if other not in ("date", *_AMOUNTS, "balance") and other in row.boxes \
                and start is not None and row.boxes[other].x0 >= start \
                and (hit := _LEADING_FIGURE.match(text.replace(" ", ""))):
            yield _Reading("amount" if name == "amount" else "balance", hit.group(0), row.boxes[other], other)
    for column in (_AMOUNTS if name == "amount" else ("balance",)):
        if (box := column_box(table, row, column)) is None:
            continue
        words = [w.bbox for w in row.words if box.x0 <= (w.bbox.x0 + w.bbox.x1) / 2 <= box.x1]
        for cut in (box, *words):
            for read in readers:
                if (got := read(page, cut)) is not None:
                    yield _Reading(column, got[0], cut)


def _confirms(reading: _Reading, want: Decimal) -> bool:
    """Whether a reading prints ``want``'s digits (to the fen), or ``want`` itself as a sheet prints a figure with
    its trailing zeros dropped (300 for 300.00, 88234.6 for 88234.60), from a column whose side does not
    contradict it (a figure in the debit column is money out)."""
    digits = _digits(f"{abs(want):.2f}")
    same = _digits(reading.text) == digits or _value(reading.text) == abs(want) or _opens_with(reading.text, digits)
    return same and _SIGN.get(reading.column, 0) * want >= 0


def _opens_with(text: str, digits: str) -> bool:
    """Whether ``text`` opens with a figure of ``digits`` to the fen (a point or comma before its last two) that
    more digits follow: the masked account printed close after it, caught by the cell's cut (60.643.39569)."""
    seen = 0
    for at, ch in enumerate(text):
        seen += ch.isdigit()
        if seen == len(digits):
            head = text[: at + 1]
            return _digits(head) == digits and re.search(r"[.,]\d{2}$", head) is not None and _digits(text) != digits
    return False


def _value(text: str) -> Decimal | None:
    """The figure a reading prints, without a sign (digits and at most one decimal point), or None."""
    bare = text.strip().lstrip("-+")
    return Decimal(bare) if _BARE_FIGURE.fullmatch(bare) else None


def mend_lost_cells(table: list[Row], transaction: Transaction, pages: dict[int, Page],
                    readers: Sequence[ReadCell]) -> tuple[list[Row], list[int]]:
    """The table with each scanned row that lost its amount or its balance given the figure the running balance
    implies, where a second read of the cell shows that figure (and its amount turned where the lost balance shows the
    minus was lost too); and the mended rows' places in it."""
    table = list(table)
    entries = [transaction(r) for r in table]
    order = list(range(len(table)))
    if newest_first([e["date"] for e in entries if e is not None]):
        order.reverse()  # the chain runs upwards
    mended: list[int] = []
    previous: dict[str, Any] | None = None
    for i in order:
        row, entry, page = table[i], entries[i], pages.get(table[i].page)
        name = _lost(row) if entry is None and page is not None and page.source == PageSource.OCR else None
        if name and page is not None and previous is not None \
                and (found := _mended(table, row, name, previous, transaction, page, readers)):
            table[i], entry = found
            mended.append(i)
        if entry is not None:
            previous = entry
    return table, mended


def _mended(table: list[Row], row: Row, name: str, previous: dict[str, Any], transaction: Transaction,
            page: Page, readers: Sequence[ReadCell]) -> tuple[Row, dict[str, Any]] | None:
    """``row`` with its lost cell ``name`` written in, when a reading confirms the figure the chain implies; a lost
    balance may also confirm the amount with its sign turned (the minus lost too: 632.86 for -632.86), which is
    then written in the signed amount cell."""
    probe = transaction(replace(row, cells={**row.cells, name: "0.00"}))
    if probe is None:
        return None  # more than the one figure keeps it from being a transaction
    want = previous["balance"] + probe["amount"] if name == "balance" else probe["balance"] - previous["balance"]
    signed = row.cells.get("amount", "").strip()
    turned = previous["balance"] - probe["amount"] if name == "balance" and probe["amount"] \
        and cell_amount(signed) is not None and not signed.startswith(("+", "-")) else None  # a sign printed stands
    for reading in _readings(table, row, name, page, readers):
        for figure in (want, turned):
            if figure is None or not _confirms(reading, figure):
                continue
            cells = {k: v for k, v in row.cells.items() if name == "balance" or k not in _AMOUNTS}
            if reading.run_into:  # the figure leaves the cell it ran into
                cells[reading.run_into] = row.cells[reading.run_into].replace(" ", "")[len(reading.text):]
            else:
                cells.update(_misread_figure_dropped(row, reading.box))
            cells[reading.column] = f"{abs(figure) if reading.column in ('credit', 'debit') else figure:.2f}"
            if figure is turned:
                cells["amount"] = f"{-probe['amount']:.2f}"
            mended = replace(row, cells=cells, boxes={**row.boxes, reading.column: reading.box})
            if (entry := transaction(mended)) is not None and entry["balance"] - previous["balance"] == entry["amount"]:
                return mended, entry
    return None


def _misread_figure_dropped(row: Row, box: BBox) -> dict[str, str]:
    """The text cells of ``row`` that open with a word lying in ``box`` (the lost figure as the page's read took
    it, letters for digits: OOE ATM取款), without that word."""
    out: dict[str, str] = {}
    for word in row.words:
        middle = (word.bbox.x0 + word.bbox.x1) / 2
        if not box.x0 <= middle <= box.x1:
            continue
        for name, text in row.cells.items():
            if name not in ("date", *_AMOUNTS, "balance") and text.startswith(word.text + " "):
                out[name] = text[len(word.text):].strip()
    return out
