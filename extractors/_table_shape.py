"""Columns of a statement table whose headings were lost (a scan misread, split or dropped them), found
from the shape of its rows.

A statement's rows agree with each other: the balance column is the one whose figures chain (the balance
before, plus or minus the row's amount, is the row's balance, row after row); the amounts are the other
figures of the chain, credited where the balance rises and debited where it falls; dates begin the rows;
the description is the text column that starts each row right after the date, before the amounts.
Nothing here reads a heading: only rows that already hold a date cell are looked at.
"""

from __future__ import annotations

from decimal import Decimal

from docproc.cn.booked import cell_amount, side_of
from docproc.core.models import Word
from docproc.extractors._table_header import Column
from docproc.extractors._table_words import kind

_MONEY_NAMES = frozenset({"amount", "credit", "debit", "balance"})
_TEXT_NAMES = frozenset({"counterparty", "channel"})  # columns of names a description may precede
CHAIN_SHARE = 0.5  # of the neighbouring row pairs whose balances must chain before a column is named balance
EDGE_SHARE = 0.012  # of the page's width: how far the right edges of one column's figures may lie apart


def _value(word: Word) -> Decimal | None:
    try:
        return cell_amount(word.text)
    except (ArithmeticError, ValueError):
        return None


def _figure_columns(lines: list[list[Word]], width: float) -> list[list[tuple[int, Word]]]:
    """The table's figures in columns by their right edges (figures are right-aligned), left to right; a
    column where fewer than a tenth of the rows print a figure is a stray."""
    figures = sorted(((i, w) for i, words in enumerate(lines) for w in words if kind(w.text) == "money"),
                     key=lambda iw: iw[1].bbox.x1)
    columns: list[list[tuple[int, Word]]] = []
    for i, word in figures:
        if columns and word.bbox.x1 - columns[-1][-1][1].bbox.x1 <= EDGE_SHARE * width:
            columns[-1].append((i, word))
        else:
            columns.append([(i, word)])
    least = max(1, len(lines) // 10)
    return [c for c in columns if len({i for i, _ in c}) >= least]


def _chain(balances: dict[int, Decimal], amounts: dict[int, list[Decimal]]) -> tuple[int, int]:
    """Row pairs whose balances chain through one of the later row's amounts, and pairs looked at."""
    rows = sorted(balances)
    pairs = list(zip(rows, rows[1:], strict=False))
    hits = sum(1 for a, b in pairs if any(abs(balances[b] - balances[a]) == abs(x) for x in amounts.get(b, [])))
    return hits, len(pairs)


def _span(column: list[tuple[int, Word]]) -> tuple[float, float]:
    return min(w.bbox.x0 for _, w in column), max(w.bbox.x1 for _, w in column)


def _overlaps(span: tuple[float, float], column: Column) -> bool:
    return min(span[1], column.x1) > max(span[0], column.x0)


def _balance_of(values: list[dict[int, Decimal]]) -> int | None:
    """The figure column whose values chain through the other columns' on most row pairs (at least
    CHAIN_SHARE of them), else None."""
    best, share = None, 0.0
    for k, balances in enumerate(values):
        amounts: dict[int, list[Decimal]] = {}
        for other in (v for j, v in enumerate(values) if j != k):
            for i, x in other.items():
                amounts.setdefault(i, []).append(x)
        hits, pairs = _chain(balances, amounts)
        if pairs and hits / pairs > share:
            best, share = k, hits / pairs
    return best if share >= CHAIN_SHARE else None


def _moved(amounts: dict[int, Decimal], balance: dict[int, Decimal]) -> str | None:
    """What a figure column is, by how the balance moves with its figures: credit (it rises), debit (it
    falls), amount (either way: signed figures); None when no figure of it moves the balance."""
    moves = [balance[i] - balance[p] for i, x in amounts.items()
             if i in balance and (p := max((r for r in balance if r < i), default=None)) is not None
             and abs(balance[i] - balance[p]) == abs(x)]
    if not moves:
        return None
    if any(x < 0 for x in amounts.values()):
        return "amount"  # figures printed with their sign
    return "credit" if all(m > 0 for m in moves) else "debit" if all(m < 0 for m in moves) else "amount"


def _whole(named: list[Column], figures: int) -> bool:
    """Whether a header's figure headings name every figure column the rows print, the balance among
    them, and no plain amount beside a credit or debit column (a side's heading misread: 做方发生额)."""
    names = {c.name for c in named}
    return len(named) >= figures and "balance" in names and not ("amount" in names and names & {"credit", "debit"})


def money_columns(lines: list[list[Word]], columns: list[Column], width: float) -> list[Column]:
    """The header's figure columns checked against the rows: the balance is the column whose figures
    chain through the others, and each other figure column is named by how the balance moves with it.
    A header that names the balance and as many figure columns as the rows print (_whole) is kept. Otherwise,
    when every figure column is so named (a heading lost, or misread as another: 借方 read as 假方 leaves
    a plain 发生额 over two columns), the figure columns are the rows';
    when only some are, the balance and the columns no heading lies over are added to the header's."""
    figures = _figure_columns(lines, width)
    named = [c for c in columns if c.name in _MONEY_NAMES]
    if len(figures) < 2:
        return columns
    values = [{i: v for i, w in column if (v := _value(w)) is not None} for column in figures]
    if (k := _balance_of(values)) is None:
        return columns
    names = ["balance" if j == k else _moved(v, values[k]) for j, v in enumerate(values)]
    if [c.name for c in named] == names or _whole(named, len(figures)):
        return columns
    if None not in names and len(set(names)) == len(names):
        rest = [c for c in columns if c.name not in _MONEY_NAMES]
        return sorted([*rest, *(Column(str(n), *_span(f)) for n, f in zip(names, figures, strict=True))],
                      key=lambda c: c.centre)
    taken = named if any(c.name == "balance" for c in named) else [*named, Column("balance", *_span(figures[k]))]
    added = taken[len(named):]
    for column, name in zip(figures, names, strict=True):
        if name is not None and name not in {c.name for c in taken} \
                and not any(_overlaps(_span(column), c) for c in taken):
            added.append(Column(name, *_span(column)))
            taken.append(added[-1])
    return sorted([*columns, *added], key=lambda c: c.centre) if added else columns


def _longest_run(edges: list[float], width: float) -> list[float]:
    """The most left edges that lie together (each within EDGE_SHARE of the page's width of the one before)."""
    runs: list[list[float]] = []
    for x in sorted(edges):
        if runs and x - runs[-1][-1] <= EDGE_SHARE * width:
            runs[-1].append(x)
        else:
            runs.append([x])
    return max(runs, key=len, default=[])


def description_column(lines: list[list[Word]], columns: list[Column], starts: list[list[Word]],
                       width: float) -> list[Column]:
    """The header's columns with the description it lost: the text column whose cells begin most rows,
    right of the date and left of the first figure column; else right of the last figure column, where a
    named text column that follows begins its own cells under its heading (a second column of text that
    no heading lies over, not the following column's own names begun left of a centred heading)."""
    if any(c.name in ("description", "note") for c in columns):
        return columns
    dates = [c for c in columns if c.name == "date"]
    figures = [c for c in columns if c.name in _MONEY_NAMES]
    if not dates or not figures:
        return columns
    flags = [c for c in columns if c.name == "direction"]
    texts = [w for row in starts for w in row if kind(w.text) == "text"
             and not any(c.x0 - EDGE_SHARE * width <= w.bbox.x0 <= c.x1 for c in flags)]
    least = max(2, len(lines) // 2)
    left, right = dates[0].x1, min(c.x0 for c in figures)
    run = _longest_run([w.bbox.x0 for w in texts if left <= w.bbox.x0 < right], width)
    if len(run) < least:
        last = max(figures, key=lambda c: c.x1)
        following = min((c for c in columns if c.x0 > last.x1), key=lambda c: c.x0, default=None)
        if following is None or following.name not in _TEXT_NAMES:
            return columns
        own = [w for w in texts if following.x0 - EDGE_SHARE * width <= w.bbox.x0 <= following.x1]
        run = _longest_run([w.bbox.x0 for w in texts if last.centre < w.bbox.x0 < following.x0 - EDGE_SHARE * width],
                           width)
        if len(own) < least or len(run) < least:
            return columns
        right = following.x0
    x0 = min(run)
    following_x0 = min((c.x0 for c in columns if c.x0 > x0), default=right)
    return sorted([*columns, Column("description", x0, max(x0 + 1, following_x0 - 1))], key=lambda c: c.centre)


def direction_column(lines: list[list[Word]], columns: list[Column], width: float) -> list[Column]:
    """The header's columns with the 借/贷 column it lost: flags printed as cells of their own between the
    date and the first figure column, in line on enough rows (a tenth of them: a scan loses many), where no
    heading lies. The flags a read got wrong (货 for 贷) stay in the column; the balance chain signs their rows."""
    if any(c.name == "direction" for c in columns):
        return columns
    dates = [c for c in columns if c.name == "date"]
    figures = [c for c in columns if c.name in _MONEY_NAMES]
    if not dates or not figures:
        return columns
    left, right = dates[0].x1, min(c.x0 for c in figures)
    flags = [w for row in lines for w in row
             if left <= w.bbox.x0 and w.bbox.x1 <= right and side_of(w.text) is not None]
    run = _longest_run([w.bbox.x0 for w in flags], width)
    if len(run) < max(2, len(lines) // 10):
        return columns
    x0, x1 = min(run), max(w.bbox.x1 for w in flags if w.bbox.x0 in run)
    if any(min(x1, c.x1) > max(x0, c.x0) for c in columns):
        return columns
    return sorted([*columns, Column("direction", x0, x1)], key=lambda c: c.centre)


def date_column(lines: list[list[Word]]) -> list[Column]:
    """A date column from the dated rows alone (no header at all): the span of their first date cells."""
    cells = [next((w for w in words if kind(w.text) == "date"), None) for words in lines]
    found = [w for w in cells if w is not None]
    if len(found) < 2:
        return []
    return [Column("date", min(w.bbox.x0 for w in found), max(w.bbox.x1 for w in found))]
