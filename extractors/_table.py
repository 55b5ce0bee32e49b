"""Rebuild ruled or unruled tables from positioned words (text layer or OCR alike).

A header line names the columns; each column gets the horizontal span of its header word(s).
Rows are the lines below the header that start with a date; each word of a row goes to the column
whose span its centre falls in (or the nearest one). Pages of a multi-page table reuse the last
header seen when a page repeats none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docproc.models import BBox, Page, Word
from docproc.normalize import to_halfwidth

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("交易日期", "记账日期", "日期", "交易时间", "入账日期", "date"),
    "description": ("摘要", "交易摘要", "交易类型", "业务摘要", "用途", "description", "details"),
    "credit": ("收入", "贷方发生额", "贷方金额", "存入", "收入金额", "credit", "deposits"),
    "debit": ("支出", "借方发生额", "借方金额", "支取", "支出金额", "debit", "withdrawals"),
    "amount": ("交易金额", "发生额", "金额", "amount"),
    "balance": ("余额", "账户余额", "交易后余额", "本次余额", "balance"),
    "counterparty": ("对方户名", "对方名称", "对方账户名称", "交易对手", "对方信息", "counterparty"),
    "counter_account": ("对方账号", "对方账户"),
    "currency": ("币种",),
    "channel": ("交易渠道", "渠道", "交易地点"),
}
_DATE_START = re.compile(r"^\s*(\d{4}[-/.年]?\d{1,2}[-/.月]?\d{1,2})")


@dataclass(frozen=True)
class Column:
    """A table column: its canonical name and horizontal span."""

    name: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Row:
    """One table row: cell text per column, with the words behind it."""

    page: int
    cells: dict[str, str]
    words: tuple[Word, ...]

    @property
    def bbox(self) -> BBox:
        """Box around the row's words."""
        box = self.words[0].bbox
        for word in self.words[1:]:
            box = box.union(word.bbox)
        return box

    @property
    def confidence(self) -> float:
        """Lowest word confidence."""
        return min(w.confidence for w in self.words)


def _lines(page: Page) -> list[list[Word]]:
    by_line: dict[int, list[Word]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word)
    ordered = sorted(by_line.values(), key=lambda ws: min(w.bbox.y0 for w in ws))
    return [sorted(ws, key=lambda w: w.bbox.x0) for ws in ordered]


def _header_name(text: str) -> str | None:
    key = re.sub(r"\s+", "", to_halfwidth(text)).lower()
    for name, spellings in COLUMN_NAMES.items():
        if key in spellings or any(key.startswith(s) for s in spellings if len(s) >= 2):
            return name
    return None


def find_header(page: Page) -> tuple[int, list[Column]] | None:
    """Index of the header line and its columns (a line naming a date column and ≥ 2 others)."""
    for index, words in enumerate(_lines(page)):
        columns = [Column(n, w.bbox.x0, w.bbox.x1) for w in words if (n := _header_name(w.text))]
        names = {c.name for c in columns}
        if "date" in names and len(names) >= 3:
            return index, _spread(columns, page.width)
    return None


def _spread(columns: list[Column], width: float) -> list[Column]:
    """Widen header spans to the midpoints between neighbours so every cell finds a column."""
    columns = sorted(columns, key=lambda c: c.centre)
    out = []
    for i, col in enumerate(columns):
        left = 0.0 if i == 0 else (columns[i - 1].centre + col.centre) / 2
        right = width if i == len(columns) - 1 else (col.centre + columns[i + 1].centre) / 2
        out.append(Column(col.name, left, right))
    return out


def _assign(words: list[Word], columns: list[Column]) -> dict[str, list[Word]]:
    cells: dict[str, list[Word]] = {}
    for word in words:
        centre = (word.bbox.x0 + word.bbox.x1) / 2
        column = next((c for c in columns if c.x0 <= centre < c.x1), None)
        column = column or min(columns, key=lambda c: abs(c.centre - centre))
        cells.setdefault(column.name, []).append(word)
    return cells


def rows_of(pages: list[Page]) -> list[Row]:
    """Every dated row of a table that may run over several pages."""
    rows: list[Row] = []
    columns: list[Column] | None = None
    for page in pages:
        header = find_header(page)
        start = 0
        if header is not None:
            start, columns = header[0] + 1, header[1]
        if columns is None:
            continue
        for words in _lines(page)[start:]:
            text = "".join(w.text for w in words)
            if not _DATE_START.match(to_halfwidth(text)):
                continue
            cells = _assign(words, columns)
            rows.append(Row(page=page.number, cells={k: " ".join(w.text for w in v) for k, v in cells.items()},
                            words=tuple(words)))
    return rows
