"""Rebuild ruled or unruled tables from positioned words (text layer or OCR alike).

A header line names the columns; each column gets the horizontal span of its header word(s).
Rows are the lines below the header that start with a date; each word of a row goes to the column
whose span its centre falls in (or the nearest one). Pages of a multi-page table reuse the last
header seen when a page repeats none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docproc.models import BBox, Page, PageSource, Word
from docproc.normalize import to_halfwidth
from extractors._text import union_boxes, visual_lines

# A heading is named by what it contains, first rule that matches wins: banks word their headings in
# many ways (联机余额, 交易后余额, 对手信息, 对方卡号/账号, 借贷标志…), and a rule by meaning reads
# headings never seen before. Order matters: "对方账号" is an account before it is a counterparty.
COLUMN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("index", ("序号", "no.")),
    ("balance", ("余额", "结余", "balance")),
    ("direction", ("借贷", "收支", "收/支", "借/贷", "dr/cr")),
    ("credit", ("收入", "贷方", "存入", "转入", "credit", "deposit")),
    ("debit", ("支出", "借方", "支取", "转出", "debit", "withdraw")),
    ("counterparty", ("对方户名", "对方名称", "对方账户名", "对方姓名", "对手名称", "对手户名", "对手信息", "对方信息")),
    ("counter_account", ("对方账号", "对方账户", "对方卡号", "对手账号", "对手账户", "对方帐号")),
    ("counterparty", ("对方", "对手", "交易对象", "收/付款人", "收付款人", "counterpart", "payee")),
    ("amount", ("金额", "发生额", "amount")),
    ("date", ("日期", "时间", "交易日", "记账日", "入账日", "date")),
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
    boxes: dict[str, BBox] = field(default_factory=dict)  # each cell's box, for a second read

    @property
    def bbox(self) -> BBox:
        """Box around the row's words."""
        return _box(list(self.words))

    @property
    def confidence(self) -> float:
        """Lowest word confidence."""
        return min(w.confidence for w in self.words)


def _header_name(text: str) -> str | None:
    key = re.sub(r"\s+", "", to_halfwidth(text)).lower()
    if not 2 <= len(key) <= 12 or re.search(r"[\d:]", key):  # a short phrase; "币种:人民币" is a label with its value
        return None
    return next((name for name, parts in COLUMN_RULES if any(part in key for part in parts)), None)


# Words that begin a heading; one OCR box over several headings (发生额本次余额) is cut where each begins.
_HEADING_START = re.compile(
    r"序号|交易日期|交易时间|记账日期|入账日期|交易日|记账日|日期|交易摘要|摘要|交易类型|业务类型|发生额|交易金额|收入金额|"
    r"支出金额|收入|支出|存入|支取|借方|贷方|账户余额|本次余额|联机余额|余额|账户结余|结余|对方户名|对方账号|对方账户|对方名称|对方信息|"
    r"对手信息|交易渠道|渠道|币种|货币|备注|用途")


_MODIFIERS = ("借方", "贷方", "收入", "支出", "存入", "支取", "交易", "账户", "本次", "联机", "记账", "入账", "发生", "可用")


def _heading_words(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    for word in words:
        text = re.sub(r"\s+", "", to_halfwidth(word.text))
        starts = [m.start() for m in _HEADING_START.finditer(text)]
        starts = [i for i in starts if not text[:i].endswith(_MODIFIERS)]  # 借方发生额, 存入金额 are one heading
        if len(starts) < 2 or len(text) > 40:
            out.append(word)
            continue
        starts[0] = 0
        step = (word.bbox.x1 - word.bbox.x0) / len(text)
        for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
            box = BBox(x0=word.bbox.x0 + a * step, y0=word.bbox.y0, x1=word.bbox.x0 + b * step, y1=word.bbox.y1,
                       unit=word.bbox.unit)
            out.append(word.model_copy(update={"text": text[a:b], "bbox": box}))
    return out


def find_header(page: Page) -> tuple[int, list[Column]] | None:
    """Index of the header's (last) line and its columns (naming a date column and ≥ 2 others).

    A header may print its headings on two lines (交易 over 日期, 借方 over 发生额): a line and the one
    close under it are also read as one, each heading stacked from the words above each other, and the
    reading that names more columns wins. On the header found, a heading misread by one character
    (搞要 for 摘要) still names its column, unless that column is already there.
    """
    lines = visual_lines(page)
    for index, words in enumerate(lines):
        readings = [(index, _heading_words(words))]
        if index + 1 < len(lines) and _header_continues(words, lines[index + 1]):
            readings.append((index + 1, _stacked(_heading_words(words), _heading_words(lines[index + 1]))))
        named_by = [(last, [(w, _header_name(w.text)) for w in heads]) for last, heads in readings]
        last, named = max(named_by, key=lambda ln: len({n for _, n in ln[1] if n}))
        columns = [Column(n, w.bbox.x0, w.bbox.x1) for w, n in named if n]
        names = {c.name for c in columns}
        if "date" in names and len(names) >= 3:
            for word, known in named:
                name = None if known else _misread_header_name(word.text, taken=names)
                if name:
                    columns.append(Column(name, word.bbox.x0, word.bbox.x1))
                    names.add(name)
            return last, sorted(columns, key=lambda c: c.centre)
    return None


def _header_continues(upper: list[Word], lower: list[Word]) -> bool:
    """Whether ``lower`` may be the second line of headings begun on ``upper``: close under it, and both
    lines headings only (no figure: a table row or a label with its value is none)."""
    height = min(w.bbox.y1 - w.bbox.y0 for w in upper)
    gap = min(w.bbox.y0 for w in lower) - max(w.bbox.y1 for w in upper)
    return gap < height and not any(re.search(r"\d", w.text) for w in upper + lower)


def _stacked(upper: list[Word], lower: list[Word]) -> list[Word]:
    """Headings printed on two lines as one word each: a lower word joins the one upper word it sits under
    (their spans overlap by half the narrower one); a word with none above or below stays alone."""
    out, joined = list(upper), set()
    for word in lower:
        above = [i for i, u in enumerate(upper) if _overlap(u.bbox, word.bbox) > 0.5 * min(
            u.bbox.x1 - u.bbox.x0, word.bbox.x1 - word.bbox.x0)]
        if len(above) != 1 or above[0] in joined:
            out.append(word)
            continue
        joined.add(above[0])
        top = upper[above[0]]
        out[above[0]] = top.model_copy(update={"text": top.text.strip() + word.text.strip(),
                                               "bbox": top.bbox.union(word.bbox)})
    return sorted(out, key=lambda w: w.bbox.x0)


def _overlap(a: BBox, b: BBox) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _misread_header_name(text: str, *, taken: set[str]) -> str | None:
    """The column, not yet ``taken``, a heading names when one of its characters was misread (2-6 CJK
    characters): 交易搞要 is one letter from 交易日 and from 摘要, and the date column is already there."""
    key = re.sub(r"\s+", "", to_halfwidth(text))
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", key):
        return None
    for name, parts in COLUMN_RULES:
        for part in parts if name not in taken else ():
            windows = (key[i : i + len(part)] for i in range(len(key) - len(part) + 1))  # 交易搞要 holds 搞要
            if any(sum(a != b for a, b in zip(part, w, strict=True)) == 1 for w in windows):
                return name
    return None


# an amount, also with OCR's points for thousands commas (2.000.00, 111.210.97)
_MONEY = re.compile(r"^[-+]?[¥￥]?(?:\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,]\d{1,2})?$")
_KINDS: dict[str, frozenset[str]] = {  # what each kind of cell can belong to
    "money": frozenset({"amount", "credit", "debit", "balance"}),
    "date": frozenset({"date"}),
    "index": frozenset({"index"}),
    "digits": frozenset({"counter_account", "counterparty"}),
    "text": frozenset({"description", "counterparty", "counter_account", "currency", "channel", "direction"}),
}


_DATE_CELL = re.compile(r"^\d{4}(?:[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{4}$)")


def _kind(text: str) -> str:
    value = to_halfwidth(text).strip()
    if _DATE_CELL.match(value) or re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?", value):
        return "date"  # 2025-09-11 10:23:45 prints as two words; the time belongs to the date cell
    if re.fullmatch(r"\d{1,4}", value):
        return "index"  # a row number (序号), not an amount
    if re.fullmatch(r"[\d*\s/-]{10,}|\d{7,}", value) and not re.search(r"[.,]", value):
        return "digits"  # an account number, maybe masked (6222********1234) or partly read (200876879)
    if _MONEY.match(value):
        return "money"
    return "text"


def _column_of(word: Word, columns: list[Column]) -> Column:
    """The column under whose heading the word sits.

    Most horizontal overlap with a heading first, not nearest centre: a short left-aligned name under a
    long heading (对方账户名称) and a long right-aligned amount under a short one (余额) both overlap their
    own heading. Otherwise the nearest heading that can hold this kind of cell (an amount, a date, a
    name): headings may be centred over wide columns, and a short name under a centred 对方户名 lies
    nearer the 余额 heading than its own.
    """
    x0, x1 = word.bbox.x0, word.bbox.x1
    fits = [c for c in columns if c.name in _KINDS[_kind(word.text)]] or columns
    overlaps = [(min(x1, c.x1) - max(x0, c.x0), c) for c in fits]
    best, column = max(overlaps, key=lambda oc: oc[0])
    if best > 0:
        return column
    return min(fits, key=lambda c: max(c.x0 - x1, x0 - c.x1))


def _assign(words: list[Word], columns: list[Column],
            text_columns: list[tuple[float, Column]] | None = None) -> dict[str, list[Word]]:
    cells: dict[str, list[Word]] = {}
    for word in words:
        column = _text_column(word, text_columns) if text_columns and _kind(word.text) == "text" else None
        cells.setdefault((column or _column_of(word, columns)).name, []).append(word)
    return cells


def _text_column(word: Word, text_columns: list[tuple[float, Column]]) -> Column | None:
    """The text column whose left edge is the last one at or before the word's start (give or take half a
    character: a scan moves a cell's start by a few pixels, and a cell printed right after the one before
    it does not count as an edge)."""
    slack = 0.5 * (word.bbox.y1 - word.bbox.y0)
    before = [column for edge, column in text_columns if edge <= word.bbox.x0 + slack]
    return before[-1] if before else None


_TOKEN = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|[-+]?[¥￥]?\d[\d,.*]*\d|[-+]?\d|[^\s\d+\-¥￥]+|\S")


def _split_merged(word: Word) -> list[Word]:
    """One OCR box that ran over several cells (66 2025/09/11, 跨行转出-483.73 41313.82郑浩志) as one word
    per token, each with its share of the box by character width (CJK about twice a digit)."""
    text = to_halfwidth(word.text)
    tokens = [m for m in _TOKEN.finditer(text)]
    kinds = [_kind(m.group(0)) for m in tokens]
    anchored = any(k == "date" or (k == "money" and re.search(r"[.,]\d{2}$", m.group(0)))
                   for k, m in zip(kinds, tokens, strict=True))
    if len(tokens) < 2 or not anchored:  # split only around a date or an amount (3号楼 stays whole)
        return [word]

    def width(chunk: str) -> float:
        return sum(1.0 if ord(c) > 0x2E7F else 0.3 if c.isspace() else 0.55 for c in chunk)

    total = width(text) or 1.0
    scale = (word.bbox.x1 - word.bbox.x0) / total
    pieces = []
    for m in tokens:
        x0 = word.bbox.x0 + width(text[: m.start()]) * scale
        x1 = word.bbox.x0 + width(text[: m.end()]) * scale
        box = BBox(x0=x0, y0=word.bbox.y0, x1=x1, y1=word.bbox.y1, unit=word.bbox.unit)
        pieces.append(word.model_copy(update={"text": m.group(0), "bbox": box}))
    return pieces


def _join_signs(words: list[Word]) -> list[Word]:
    """A sign printed (or read) apart from its amount ("-", "483.73") joins it again."""
    out: list[Word] = []
    for word in words:
        before = out[-1] if out else None
        if before is not None and before.text.strip() in ("-", "+", "－", "＋") and _kind(word.text) == "money" \
                and word.bbox.x0 - before.bbox.x1 < 2 * (word.bbox.y1 - word.bbox.y0):
            out[-1] = word.model_copy(update={"text": to_halfwidth(before.text.strip()) + word.text,
                                              "bbox": before.bbox.union(word.bbox)})
            continue
        out.append(word)
    return out


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


def _richer(before: list[Column] | None, found: list[Column]) -> list[Column]:
    """A repeated header read worse than the first (交易金钢 for 交易金额): the earlier columns, moved by
    how far the headings both pages name have moved (another scan of the same table)."""
    if before is None or len({c.name for c in found}) >= len({c.name for c in before}):
        return found
    shifts = [f.x0 - b.x0 for f in found for b in before if f.name == b.name]
    if not shifts:
        return found
    dx = sorted(shifts)[len(shifts) // 2]
    return [Column(c.name, c.x0 + dx, c.x1 + dx) for c in before]


def rows_of(pages: list[Page]) -> list[Row]:
    """Every dated row of a table that may run over several pages, with the lines its cells wrap onto."""
    rows: list[Row] = []
    columns: list[Column] | None = None
    for page in pages:
        header = find_header(page)
        start = 0
        if header is not None:
            # a worse-read repeat of the header keeps the first's columns (scans only: a text layer reads exactly)
            found = header[1]
            start, columns = header[0] + 1, _richer(columns, found) if page.source == PageSource.OCR else found
        if columns is None:
            continue
        split = page.source == PageSource.OCR
        lines = [_join_signs(_join_dates([piece for w in words
                                          for piece in (_split_merged(_lookalike_digits(w)) if split else (w,))]))
                 for words in visual_lines(page)[start:]]
        dated = [i for i, words in enumerate(lines) if _is_row(words)]
        text_columns = _text_columns_by_edges([lines[i] for i in dated], columns, page.width)
        cells = {i: _assign(lines[i], columns, text_columns) for i in dated}
        for line, (row, above) in _wrapped_lines(lines, cells, columns).items():
            for word in lines[line]:
                name = _cell_under(word, cells[row], columns)
                if name is not None:  # _wrapped_lines checked that every word has its cell
                    before = cells[row].get(name, [])
                    cells[row][name] = [word, *before] if above else [*before, word]
        for i in dated:
            words = [w for ws in cells[i].values() for w in ws]
            rows.append(Row(page=page.number, cells={k: _cell_text(v) for k, v in cells[i].items()},
                            words=tuple(sorted(words, key=lambda w: (w.bbox.y0, w.bbox.x0))),
                            boxes={k: _box(v) for k, v in cells[i].items()}))
    return rows


_ROW_DATE = re.compile(r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
                       r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def _is_row(words: list[Word]) -> bool:
    """A table row holds a date cell: first (after a serial number) or anywhere (摘要 printed before it)."""
    return _dated(words) or any(_ROW_DATE.fullmatch(to_halfwidth(w.text).strip()) for w in words)


MAX_DATE_PIECES = 6  # 2026 | 年 | 01 | 月 | 01 | 日


def _join_dates(words: list[Word]) -> list[Word]:
    """A date printed (or read) in pieces (2026 年 01 月 01 日: digits and characters of two fonts) as one word."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        end = i
        if re.match(r"\d{4}", to_halfwidth(words[i].text).strip()):
            text = ""
            for j in range(i, min(len(words), i + MAX_DATE_PIECES)):
                if j > i and words[j].bbox.x0 - words[j - 1].bbox.x1 > words[j].bbox.y1 - words[j].bbox.y0:
                    break
                text += to_halfwidth(words[j].text).strip()
                if j > i and _ROW_DATE.fullmatch(text):
                    end = j
        if end > i:
            piece = words[i : end + 1]
            out.append(words[i].model_copy(update={"text": "".join(w.text.strip() for w in piece),
                                                   "bbox": _box(piece)}))
        else:
            out.append(words[i])
        i = end + 1
    return out


_WRAP_CELLS = _KINDS["text"] | {"counter_account"}
WRAP_GAP = 0.8  # letter heights between a row's line and the line its cells wrap onto, at most


def _wrapped_lines(lines: list[list[Word]], cells: dict[int, dict[str, list[Word]]],
                   columns: list[Column]) -> dict[int, tuple[int, bool]]:
    """Lines that carry on a row's text cells (a long name wrapped in its column): line → (row, above).

    A line that is no row joins the row next to it when it holds no date or amount, lies close under
    (or, for cells centred on their row, close above) that row, and each of its words sits within one
    of that row's text cells (or under the heading of a text cell the row has not printed on its own
    line); when it could join both neighbours, the closer one. A totals line, a
    note across the page or a page number is none of these.
    """
    out: dict[int, tuple[int, bool]] = {}
    owner = {i: i for i in cells}
    for k, words in enumerate(lines):
        if k in owner or not words or any(_kind(w.text) in ("date", "money") for w in words):
            continue
        options = []
        if k - 1 in owner and (gap := _gap(lines[k - 1], words)) is not None:
            options.append((gap, owner[k - 1], False))
        if k + 1 in cells and (gap := _gap(words, lines[k + 1])) is not None:
            options.append((gap, k + 1, True))
        fitting = [o for o in options if all(_cell_under(w, cells[o[1]], columns) for w in words)]
        if fitting:
            _, row, above = min(fitting)
            out[k], owner[k] = (row, above), row
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
        box = _box(words)
        if name in _WRAP_CELLS and word.bbox.x0 >= box.x0 - slack and word.bbox.x1 <= box.x1 + slack:
            return name
    column = _column_of(word, columns).name
    return column if column in _WRAP_CELLS and column not in cells else None


_LOOKALIKES = str.maketrans("BOoDIlSZ", "80001152")
_LOOKALIKE_AMOUNT = re.compile(r"[-+]?[\dBOoDIlSZ]{1,3}(?:[,.]?[\dBOoDIlSZ]{3})*[.,][\dOo]{2}")


def _lookalike_digits(word: Word) -> Word:
    """An amount with a letter OCR took for a digit (-B00.00, 1,2O5.50) as digits: only a word shaped like
    an amount, with two decimals and more digits than letters before them, is changed (ATM, POS and
    names are not)."""
    text = word.text.strip()
    if text.translate(_LOOKALIKES) == text or not _LOOKALIKE_AMOUNT.fullmatch(text):
        return word
    whole = text[:-3]
    if sum(c.isdigit() for c in whole) < sum(c.isalpha() for c in whole):  # mostly letters: no amount
        return word
    return word.model_copy(update={"text": text.translate(_LOOKALIKES)})


SERIAL_CHARS = 5  # the longest 序号 cell a row may start with before its date


def _dated(words: list[Word]) -> bool:
    """A table row starts with its date, or with a serial number (序号) and then the date; the serial may
    be misread (S6 for 96), so any short first cell will do."""
    if _DATE_START.match(to_halfwidth("".join(w.text for w in words))):
        return True
    return (len(words) > 1 and len(words[0].text.strip()) <= SERIAL_CHARS
            and _DATE_START.match(to_halfwidth("".join(w.text for w in words[1:]))) is not None)


def _cell_starts(words: list[Word]) -> list[Word]:
    """Words that begin a cell: the first of a row, or one set apart from the word before it (POS|消费 is one cell)."""
    starts = words[:1]
    for before, word in zip(words, words[1:], strict=False):
        if word.bbox.x0 - before.bbox.x1 > 0.5 * (word.bbox.y1 - word.bbox.y0):
            starts.append(word)
    return starts


def _text_columns_by_edges(lines: list[list[Word]], columns: list[Column], width: float) -> list[tuple[float, Column]]:
    """Left edges of the text columns as the rows print them, paired with their headings in order.

    Text cells are left-aligned: every row starts a column's text at the same x. When the table's
    text cells start at exactly as many x positions as there are text headings, the k-th position is
    the k-th heading's column, whatever the headings' own alignment (centred headings over wide
    columns mislead a nearest-heading rule). Otherwise, an empty list (headings alone decide).
    """
    text_headings = [c for c in columns if c.name in _KINDS["text"] and c.name != "counter_account"]
    edges = sorted(w.bbox.x0 for words in lines for w in _cell_starts(words) if _kind(w.text) == "text")
    if not text_headings or not edges:
        return []
    tolerance = 0.012 * width
    clusters: list[list[float]] = [[edges[0]]]
    for x in edges[1:]:
        if x - clusters[-1][-1] <= tolerance:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    clusters = [c for c in clusters if len(c) >= max(2, len(lines) // 10)]  # stray wraps and OCR slips
    if len(clusters) != len(text_headings):
        return []
    return [(min(c), heading) for c, heading in zip(clusters, text_headings, strict=True)]
