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
from extractors._text import visual_lines

# A heading is named by what it contains, first rule that matches wins: banks word their headings in
# many ways (联机余额, 交易后余额, 对手信息, 对方卡号/账号, 借贷标志…), and a rule by meaning reads
# headings never seen before. Order matters: "对方账号" is an account before it is a counterparty.
COLUMN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("balance", ("余额", "balance")),
    ("direction", ("借贷", "收支", "收/支", "借/贷", "dr/cr")),
    ("credit", ("收入", "贷方", "存入", "转入", "credit", "deposit")),
    ("debit", ("支出", "借方", "支取", "转出", "debit", "withdraw")),
    ("counterparty", ("对方户名", "对方名称", "对方账户名", "对方姓名", "对手名称", "对手户名", "对手信息", "对方信息")),
    ("counter_account", ("对方账号", "对方账户", "对方卡号", "对手账号", "对手账户", "对方帐号")),
    ("counterparty", ("对方", "对手", "交易对象", "收/付款人", "收付款人", "counterpart", "payee")),
    ("amount", ("金额", "发生额", "amount")),
    ("date", ("日期", "时间", "date")),
    ("description", ("摘要", "交易类型", "业务类型", "用途", "附言", "备注", "说明", "description", "details",
                     "memo", "narrative")),
    ("currency", ("币种", "货币", "币别", "currency")),
    ("channel", ("渠道", "地点", "网点", "channel")),
)
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


def _header_name(text: str) -> str | None:
    key = re.sub(r"\s+", "", to_halfwidth(text)).lower()
    if not 2 <= len(key) <= 12:  # a heading is a short phrase, not a sentence that happens to hold one
        return None
    return next((name for name, parts in COLUMN_RULES if any(part in key for part in parts)), None)


def find_header(page: Page) -> tuple[int, list[Column]] | None:
    """Index of the header line and its columns (a line naming a date column and ≥ 2 others)."""
    for index, words in enumerate(visual_lines(page)):
        columns = [Column(n, w.bbox.x0, w.bbox.x1) for w in words if (n := _header_name(w.text))]
        names = {c.name for c in columns}
        if "date" in names and len(names) >= 3:
            return index, sorted(columns, key=lambda c: c.centre)
    return None


def _column_of(word: Word, columns: list[Column]) -> Column:
    """The column under whose heading the word sits: most horizontal overlap, else the nearest heading.

    Overlap, not nearest centre: a short left-aligned name under a long heading (对方账户名称) and a long
    right-aligned amount under a short one (余额) both overlap their own heading, while their centres can
    lie closer to a neighbour's.
    """
    x0, x1 = word.bbox.x0, word.bbox.x1
    overlaps = [(min(x1, c.x1) - max(x0, c.x0), c) for c in columns]
    best, column = max(overlaps, key=lambda oc: oc[0])
    if best > 0:
        return column
    return min(columns, key=lambda c: max(c.x0 - x1, x0 - c.x1))


def _assign(words: list[Word], columns: list[Column]) -> dict[str, list[Word]]:
    cells: dict[str, list[Word]] = {}
    for word in words:
        cells.setdefault(_column_of(word, columns).name, []).append(word)
    return cells


def _cell_text(words: list[Word]) -> str:
    """A cell's words in reading order; a space only where two Latin letters or digits meet (吴燕 诗 → 吴燕诗)."""
    text = ""
    for word in words:
        chunk = word.text.strip()
        if text and chunk and text[-1].isascii() and text[-1].isalnum() and chunk[0].isascii() and chunk[0].isalnum():
            text += " "
        text += chunk
    return text


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
        for words in visual_lines(page)[start:]:
            text = "".join(w.text for w in words)
            if not _DATE_START.match(to_halfwidth(text)):
                continue
            cells = _assign(words, columns)
            rows.append(Row(page=page.number, cells={k: _cell_text(v) for k, v in cells.items()},
                            words=tuple(words)))
    return rows
