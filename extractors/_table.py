"""Rebuild ruled or unruled tables from positioned words (text layer or OCR alike).

A header (extractors._table_header) names the columns; each column gets the horizontal span of its
heading. Rows are the lines below the header that hold a date cell; each word of a row goes to the
column it sits under, by what kind of cell it can be (a date, an amount, a name); a line that only
carries on a row's text cells (a wrapped name) joins that row. Pages of a multi-page table reuse the
last header seen when a page repeats none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docproc.cn import vocab
from docproc.cn.normalize import to_halfwidth
from docproc.cn.year_last import YEAR_LAST
from docproc.core.models import BBox, Page, PageSource, Word
from docproc.extractors._ocr_cells import comma_point, lookalike_digits, lost_separator, serial_apart
from docproc.extractors._row_date_reread import ReadCell, dates_read_again
from docproc.extractors._row_dates import SERIAL_CHARS, mend_dates
from docproc.extractors._table_edges import clusters, money_columns_by_edges, one_per_heading, under_the_dates
from docproc.extractors._table_header import Column, find_header, richer_columns
from docproc.extractors._table_shape import date_column, description_column, direction_column, money_columns
from docproc.extractors._table_words import (
    ROW_DATE,
    join_dates,
    join_sides,
    join_signs,
    split_merged,
    time_apart,
    time_mended,
    time_misread,
)
from docproc.extractors._table_words import kind as _kind
from docproc.extractors._text import union_boxes, visual_lines

# a year of this era first (334775.66 is none), or last (13/01/2026)
_DATE_START = re.compile(rf"^\s*((?:19|20)\d{{2}}[-/.年]?\d{{1,2}}[-/.月]?\d{{1,2}}|{YEAR_LAST}(?!\d))")


@dataclass(frozen=True)
class Row:
    """One table row: cell text per column, with the words behind it."""

    page: int
    cells: dict[str, str]
    words: tuple[Word, ...]
    boxes: dict[str, BBox] = field(default_factory=dict)  # each cell's box, for a second read

    @property
    def bbox(self) -> BBox:
        """Box around the row's words."""
        return _box(list(self.words))

    @property
    def confidence(self) -> float:
        """Lowest word confidence."""
        return min(w.confidence for w in self.words)


EDGE_TOLERANCE = 0.012  # share of the page's width within which cells' left edges are one column's
UNHEADED = "unheaded"  # a text column whose heading the read lost, right of every heading: no field's cells

# what each kind of cell can belong to; a reference column (凭证号, 流水号, 柜员号) holds codes and whole
# numbers, never an amount with its decimals
_KINDS: dict[str, frozenset[str]] = {
    "money": frozenset({"amount", "credit", "debit", "balance"}),
    "number": frozenset({"amount", "credit", "debit", "balance", "reference"}),
    "date": frozenset({"date", "reference"}),
    "index": frozenset({"index", "reference"}),
    "digits": frozenset({"counter_account", "counterparty", "reference"}),
    "text": frozenset({"description", "note", "counterparty", "counter_account", "currency", "cash_or_remittance",
                       "channel", "direction", "reference", UNHEADED}),
}


def _column_of(word: Word, columns: list[Column], kind: str | None = None) -> Column:
    """The column under whose heading the word sits.

    Most horizontal overlap with a heading first, not nearest centre: a short left-aligned name under a
    long heading (对方账户名称) and a long right-aligned amount under a short one (余额) both overlap their
    own heading. Otherwise the nearest heading that can hold this kind of cell (an amount, a date, a
    name): headings may be centred over wide columns, and a short name under a centred 对方户名 lies
    nearer the 余额 heading than its own.
    """
    x0, x1 = word.bbox.x0, word.bbox.x1
    fits = [c for c in columns if c.name in _KINDS[kind or _kind(word.text)]] or columns
    overlaps = [(min(x1, c.x1) - max(x0, c.x0), c) for c in fits]
    best, column = max(overlaps, key=lambda oc: oc[0])
    if best > 0:
        return column
    return min(fits, key=lambda c: max(c.x0 - x1, x0 - c.x1))


def _assign(words: list[Word], columns: list[Column], text_columns: list[tuple[float, Column]] | None = None,
            money_columns: list[tuple[float, float, Column]] | None = None) -> dict[str, list[Word]]:
    cells: dict[str, list[Word]] = {}
    for index, word in enumerate(words):
        column = None
        if index == 0 and _serial_before_date(words, columns):
            column = _column_of(word, columns, kind="index")
        elif time_misread(word.text) and (under := _heading_over(word, columns)) and under.name == "date":
            column = under  # not a figure: the time beside the date, under its own heading (交易时间)
        elif money_columns and _kind(word.text) in ("money", "number", "index"):
            # a figure right-aligned where the table's amounts end: an amount, also one a spreadsheet printed
            # without its decimals (500, 73904)
            column = next((c for x0, x1, c in money_columns if x0 <= word.bbox.x1 <= x1), None)
        elif text_columns and _kind(word.text) == "text" and not _under_reference(word, columns):
            before = words[index - 1] if index else None
            starts = before is None or _kind(before.text) != "text" or _set_apart(before, word)
            column = _text_column(word, text_columns, starts=starts)
        cells.setdefault((column or _column_of(word, columns)).name, []).append(word)
    return cells


def _heading_over(word: Word, columns: list[Column]) -> Column | None:
    """The column whose heading spans most of the word's width, if any does at all."""
    best = max(columns, key=lambda c: min(word.bbox.x1, c.x1) - max(word.bbox.x0, c.x0), default=None)
    return best if best is not None and min(word.bbox.x1, best.x1) > max(word.bbox.x0, best.x0) else None


def _serial_before_date(words: list[Word], columns: list[Column]) -> bool:
    """Whether a row's first word is its serial number before the date, whatever OCR made of it (EZ for 23),
    in a table whose text columns all lie right of its dates."""
    dates = [c for c in columns if c.name == "date"]
    return (len(words) > 1 and len(words[0].text.strip()) <= SERIAL_CHARS and _kind(words[1].text) == "date"
            and _kind(words[0].text) != "date" and bool(dates)
            and not any(c.name in _KINDS["text"] and c.x1 <= dates[0].x0 for c in columns))


def _under_reference(word: Word, columns: list[Column]) -> bool:
    """Whether a word lies under the heading of a code column (a teller's A0123 under 柜员)."""
    return any(c.name == "reference" and min(word.bbox.x1, c.x1) > max(word.bbox.x0, c.x0) for c in columns)


def _text_column(word: Word, text_columns: list[tuple[float, Column]], *, starts: bool) -> Column | None:
    """The text column of a word: for a word that begins a cell, the column whose left edge is nearest
    its start (a scan's box may begin a little left of the edge, even over the cell before); for a
    word that carries on a cell, the last edge at or before its start, give or take half a character,
    or before its middle (a scan's box of the next cell that begins over the end of a long one: most of
    it is printed in the next column)."""
    if starts:
        return min(text_columns, key=lambda ec: abs(ec[0] - word.bbox.x0))[1]
    reach = max(word.bbox.x0 + 0.5 * (word.bbox.y1 - word.bbox.y0), (word.bbox.x0 + word.bbox.x1) / 2)
    before = [column for edge, column in text_columns if edge <= reach]
    return before[-1] if before else None


def _set_apart(before: Word, word: Word) -> bool:
    """Whether a gap wider than half a letter opens between two words of a line (two cells, not one)."""
    return word.bbox.x0 - before.bbox.x1 > 0.5 * (word.bbox.y1 - word.bbox.y0)


def _box(words: list[Word]) -> BBox:
    box = union_boxes([w.bbox for w in words])
    assert box is not None, "a cell or row has at least one word"
    return box


def _cell_text(words: list[Word]) -> str:
    """A cell's words in reading order; a space only where two Latin letters or digits meet (吴燕 诗 → 吴燕诗)."""
    text = ""
    for word in words:
        chunk = word.text.strip()
        if text and chunk and text[-1].isascii() and text[-1].isalnum() and chunk[0].isascii() and chunk[0].isalnum():
            text += " "
        text += chunk
    return text


def rows_of(pages: list[Page], readers: Sequence[ReadCell] = ()) -> list[Row]:
    """Every dated row of a table that may run over several pages, with the lines its cells wrap onto; on a scan,
    with ``readers``, a row whose date the read lost has its date cell read again (each reader in turn)."""
    rows: list[Row] = []
    columns: list[Column] | None = None
    headers = [find_header(page) for page in pages]
    # the best-read header of the table: a page whose header lost a heading (a scan dropped 摘要) takes
    # its columns, wherever that page lies (scans only: a text layer reads exactly)
    best = max((h[1] for h in headers if h is not None), key=lambda cs: len({c.name for c in cs}), default=None)
    for page, header in zip(pages, headers, strict=True):
        start = 0
        if header is not None:
            found = header[1]
            start, columns = header[0] + 1, richer_columns(best, found) if page.source == PageSource.OCR else found
        scanned = page.source == PageSource.OCR
        if columns is None and not scanned:
            continue
        lines = [join_sides(join_signs(join_dates([piece for i, w in enumerate(map(time_apart, words)) for piece in _pieces(w, page, first=i == 0)]),
                                       columns or []), columns or []) for words in visual_lines(page)[start:]]
        lines = mend_dates(lines)
        dated = [i for i, words in enumerate(lines) if _is_row(words)]
        if scanned and readers and (again := dates_read_again(lines, dated, page, readers)):
            dated = sorted(dated + again)
        page_columns = _shaped([lines[i] for i in dated], columns, page.width) if scanned else columns
        if page_columns is None:
            continue
        first = [c for c in page_columns if not c.second_line]  # a dated line holds no cell of an entry's second line
        aligned = under_the_dates([lines[i] for i in dated], page.width)
        text_columns = _text_columns_by_edges(aligned, first, page.width)
        money_columns = money_columns_by_edges(aligned, [c for c in first if c.name in _KINDS["money"]], page.width)
        cells = {i: _assign(lines[i], first, text_columns, money_columns) for i in dated}
        for row, above, parts in _wrapped_lines(lines, cells, page_columns).values():
            joined: dict[str, list[Word]] = {}
            for name, words in parts:
                joined.setdefault(name, []).extend(words)
            for name, words in joined.items():
                before = cells[row].get(name, [])
                cells[row][name] = [*words, *before] if above else [*before, *words]
        for i in dated:
            words = [w for ws in cells[i].values() for w in ws]
            rows.append(Row(page=page.number, cells={k: _cell_text(v) for k, v in cells[i].items()},
                            words=tuple(sorted(words, key=lambda w: (w.bbox.y0, w.bbox.x0))),
                            boxes={k: _box(v) for k, v in cells[i].items()}))
    return rows


def _shaped(lines: list[list[Word]], columns: list[Column] | None, width: float) -> list[Column] | None:
    """A scanned page's columns with those its header lost found from the rows' shape (extractors._table_shape);
    with no header at all, every column from the rows, when their balances chain (else None)."""
    found = columns or date_column(lines)
    if found:
        found = description_column(lines, direction_column(lines, money_columns(lines, found, width), width),
                                   [_cell_starts(words) for words in lines], width)
    return found if columns or any(c.name == "balance" for c in found) else None


def _pieces(word: Word, page: Page, *, first: bool = False) -> list[Word]:
    """A word as its cells: on a scan, misread digits, a decimal point read as a comma and a date's lost
    separator mended, and one box that ran over several cells cut (a text layer's words are as printed); ``first``:
    the word begins its line (where a serial may run into a date)."""
    if page.source != PageSource.OCR:
        return [word]
    return [comma_point(piece) for whole in serial_apart(time_mended(word), first=first)
            for piece in split_merged(comma_point(lost_separator(lookalike_digits(whole))))]


_FOOTER = vocab.table_words("statement_table", "footer")


def _is_row(words: list[Word]) -> bool:
    """A table row holds a date cell: first (after a serial number) or anywhere (摘要 printed before it);
    a totals or footer line (本页借方合计: 1,000.00, 打印日期: 2026-06-20) is none."""
    return not any(_footer_label(w.text) for w in words) and (
        _dated(words) or any(ROW_DATE.fullmatch(to_halfwidth(w.text).strip()) for w in words))


def _footer_label(text: str) -> bool:
    """A word that labels a total or the footer: a footer word ending the word or before a colon."""
    return any(re.search(re.escape(word) + r"(?:$|:)", re.sub(r"\s+", "", to_halfwidth(text))) for word in _FOOTER)


_WRAP_CELLS = _KINDS["text"] | {"counter_account"}
WRAP_GAP = 0.8  # letter heights between a row's line and the line its cells wrap onto, at most


def _wrapped_lines(lines: list[list[Word]], cells: dict[int, dict[str, list[Word]]],
                   columns: list[Column]) -> dict[int, tuple[int, bool, list[tuple[str, list[Word]]]]]:
    """Lines that carry on a row's text cells (a long name wrapped in its column, or the counterparty an
    entry prints on its second line): line → (row, above, each run of its words with its cell).

    A line that is no row joins the row next to it when it holds no date or amount, lies close under
    (or, for cells centred on their row, close above) that row, and each run of its words (words that
    touch, as a text layer may cut a name: 支付 | 宝 | （中国）…) sits within one of that row's text cells
    or under the heading of a text cell the row has not printed on its own line; when it could join both
    neighbours, the closer one (the one above, when the header names cells of an entry's second line).
    A totals line, a note across the page or a page number is none of these.
    """
    out: dict[int, tuple[int, bool, list[tuple[str, list[Word]]]]] = {}
    owner = {i: i for i in cells}
    two_line = any(c.second_line for c in columns)
    dates = [box for row in cells.values() if (box := union_boxes([w.bbox for w in row.get("date", [])]))]
    for k, words in enumerate(lines):
        times = [w for w in words if _time_under_date(w, dates)]
        rest = [w for w in words if w not in times]
        if k in owner or not words or any(_kind(w.text) in ("date", "money") for w in rest):
            continue
        options = []
        if k - 1 in owner and (gap := _gap(lines[k - 1], words)) is not None:
            options.append((gap, owner[k - 1], False))
        if k + 1 in cells and not times and (gap := _gap(words, lines[k + 1])) is not None:
            options.append((gap, k + 1, True))
        fitting = [(o, parts) for o in options if (parts := _parts(rest, cells[o[1]], columns)) is not None]
        if fitting:  # an entry's second line is under its first, however near the next entry it lies
            (_, row, above), parts = min(fitting, key=lambda op: (not (two_line and op[0][2] is False), op[0]))
            out[k], owner[k] = (row, above, [*parts, *([("date", times)] if times else [])]), row
    return out


_TIME_LIKE = re.compile(r"[\dA-Za-z:：.\-]{3,10}")  # a time of day as printed (09:17:38) or misread (15:0332, H40-21)


def _time_under_date(word: Word, dates: list[BBox]) -> bool:
    """Whether a word of a line that is no row is the time of day a ledger prints under a row's date
    (20260305 on the row's line, 09:17:38 on the line below): digits and a time's separators (a scan may
    misread some) inside the span of the table's date cells."""
    text = to_halfwidth(word.text).strip()
    return (_TIME_LIKE.fullmatch(text) is not None and sum(c.isdigit() for c in text) >= 2
            and _kind(text) != "digits"
            and any(word.bbox.x0 >= box.x0 - _height(word) and word.bbox.x1 <= box.x1 + _height(word) for box in dates))


def _height(word: Word) -> float:
    return word.bbox.y1 - word.bbox.y0


def _parts(words: list[Word], cells: dict[str, list[Word]], columns: list[Column]) -> list[tuple[str, list[Word]]] | None:
    """A wrapped line's runs of touching words, each with the row's cell it carries on; None when a run
    has none."""
    runs: list[list[Word]] = []
    for before, word in zip([None, *words], words, strict=False):
        if before is None or _set_apart(before, word) or {_kind(before.text), _kind(word.text)} & {"date", "money", "digits"}:
            runs.append([word])
        else:
            runs[-1].append(word)
    out = []
    for run in runs:
        name = _cell_under(run[0].model_copy(update={"text": _cell_text(run), "bbox": _box(run)}), cells, columns)
        if name is None:
            return None
        out.append((name, run))
    return out


def _gap(upper: list[Word], lower: list[Word]) -> float | None:
    """The space between two lines, when it is narrower than WRAP_GAP letter heights (else None)."""
    height = sorted(w.bbox.y1 - w.bbox.y0 for w in upper + lower)[len(upper + lower) // 2]
    gap = min(w.bbox.y0 for w in lower) - max(w.bbox.y1 for w in upper)
    return gap if gap < WRAP_GAP * height else None


def _cell_under(word: Word, cells: dict[str, list[Word]], columns: list[Column]) -> str | None:
    """The text cell of a row whose span holds the word (give or take a letter), else the text column
    the word sits under when the row has printed nothing of it on its own line."""
    slack = word.bbox.y1 - word.bbox.y0
    for name, words in cells.items():
        box = _box(words)  # within the cell's span, or from its left edge (a name's first part over its short end)
        if name in _WRAP_CELLS and word.bbox.x0 >= box.x0 - slack \
                and (word.bbox.x1 <= box.x1 + slack or word.bbox.x0 <= box.x0 + slack):
            return name
    column = _column_of(word, columns).name
    return column if column in _WRAP_CELLS and column not in cells else None


def _dated(words: list[Word]) -> bool:
    """A table row starts with its date, or with a serial number (序号) and then the date; the serial may
    be misread (S6 for 96), so any short first cell will do. An account number (190999******4133 under
    a short name, an entry's second line) begins no date."""
    if _kind(words[0].text) != "digits" and _DATE_START.match(to_halfwidth("".join(w.text for w in words))):
        return True
    return (len(words) > 1 and len(words[0].text.strip()) <= SERIAL_CHARS and _kind(words[1].text) != "digits"
            and _DATE_START.match(to_halfwidth("".join(w.text for w in words[1:]))) is not None)


def _cell_starts(words: list[Word]) -> list[Word]:
    """Words that begin a cell: the first of a row, one set apart from the word before it (POS|消费 is one
    cell), or a text word right after an amount (a name printed, or read, close after the balance)."""
    return words[:1] + [word for before, word in zip(words, words[1:], strict=False) if _set_apart(before, word)
                        or (_kind(before.text) in ("money", "number") and _kind(word.text) == "text")]


def _text_columns_by_edges(lines: list[list[Word]], columns: list[Column], width: float) -> list[tuple[float, Column]]:
    """Left edges of the text columns as the rows print them, paired with their headings in order.

    Text cells are left-aligned: every row starts a column's text at the same x. When the table's
    text cells start at exactly as many x positions as there are text headings, the k-th position is
    the k-th heading's column, whatever the headings' own alignment (centred headings over wide
    columns mislead a nearest-heading rule); positions where few rows start a cell are left out, unless
    that leaves too few. Otherwise, an empty list (headings alone decide).
    """
    text_headings = [c for c in columns if c.name in _KINDS["text"] and c.name not in ("counter_account", "reference")]
    edges = sorted(w.bbox.x0 for words in lines for w in _cell_starts(words)[_serial_before_date(words, columns):]
                   if _kind(w.text) == "text")
    if not text_headings or not edges:
        return []
    found = clusters(edges, EDGE_TOLERANCE * width)
    # a column of words right of every heading (a 交易渠道 heading the read lost): its cells are no heading's
    end = max(c.x1 for c in columns) + EDGE_TOLERANCE * width
    unheaded = [c for c in found if min(c) > end and len(c) >= max(2, len(lines) // 10)]
    kept = one_per_heading([c for c in found if c not in unheaded], [h.x0 for h in text_headings], len(lines))
    if not kept:
        return []
    return [(min(c), text_headings[k]) for c, k in kept] + [(min(c), Column(UNHEADED, min(c), max(c))) for c in unheaded]
