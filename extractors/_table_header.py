"""The header of a statement table: which column each heading names, and where it lies.

Headings are named by meaning (COLUMN_RULES), cut where one OCR box ran over several, stacked when
printed on two lines, and read with one misread character; a worse-read repeat on a later page keeps
the columns of the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docproc.cn import vocab
from docproc.cn.normalize import to_halfwidth
from docproc.core.models import BBox, Page, Word
from docproc.extractors._text import visual_lines

# A heading is named by what it contains, first rule that matches wins (the vocabulary, as data, in
# docproc/cn/labels.toml): a rule by meaning reads headings never seen before.
COLUMN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = vocab.columns("statement_table")


@dataclass(frozen=True)
class Column:
    """A table column: its canonical name and horizontal span."""

    name: str
    x0: float
    x1: float
    # a heading on the header's second line, not stacked under one above it (交易日期 over 对方户名): its
    # cells print on each entry's second line, under the line that holds the date and the figures
    second_line: bool = False

    @property
    def centre(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2



_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]")


def _header_keys(text: str) -> list[str]:
    """What a heading is named by: the heading itself, or, printed in Chinese and English in either order
    (记账日期 Date, Available Bal. 可用余额, one OCR box for both), its Chinese part first, then its English."""
    key = re.sub(r"\s+", "", to_halfwidth(text)).lower()
    if not (_CJK.search(key) and _LATIN.search(key)):
        return [key]
    return ["".join(_CJK.findall(key)), re.sub(r"[^a-z./&-]", "", key)]


_CREDIT_WORDS = next(parts for name, parts in COLUMN_RULES if name == "credit")
_ACCOUNT_WORDS = next(parts for name, parts in COLUMN_RULES if name == "counter_account")
_NAME_WORDS = vocab.table_words("statement_table", "counterparty_name")
_DEBIT_WORDS = next(parts for name, parts in COLUMN_RULES if name == "debit")


def _signed(key: str) -> bool:
    """Whether a heading names money in and money out together (收入/支出金额, 存入支取金额): one column of
    signed amounts (+ in, - out), not a credit or a debit column."""
    return any(w in key for w in _CREDIT_WORDS) and any(w in key for w in _DEBIT_WORDS)


def _name_and_account(key: str) -> bool:
    """Whether a heading names the other side's account and its name together (对方账号与户名, 对方账户/名称):
    one cell holding both, the counterparty (its account is cut off the name)."""
    return any(w in key for w in _ACCOUNT_WORDS) and any(w in key for w in _NAME_WORDS)


_QUALIFIER = re.compile(r"\(([^()]*)\)?$")  # 发生额(借/贷), 余额(借/贷: the cut-off bracket of a narrow column)


def header_name(text: str) -> str | None:
    """The column a heading names (None: no heading)."""
    if re.search(r"[\d:]", to_halfwidth(text)):  # "币种:人民币" is a label with its value
        return None
    key = _header_keys(text)[0]
    if (qualifier := _QUALIFIER.search(key)) and key[: qualifier.start()] \
            and _named(qualifier.group(1)) == "direction" and (name := _named(key[: qualifier.start()])):
        return name  # an amount (or balance) column whose cells print their side after them: 9,385.41 借
    return _whole_misread(text, _named(text))


def _named(text: str) -> str | None:
    for key in _header_keys(text):
        if 2 <= len(key) <= 12 and _signed(key):
            return "amount"
        if 2 <= len(key) <= 12 and _name_and_account(key):
            return "counterparty"
        if 2 <= len(key) <= 12 and (name := next((n for n, parts in COLUMN_RULES if any(p in key for p in parts)),
                                                 None)):
            return name  # a short phrase naming its column
    return None


# Words that begin a heading; one OCR box over several headings (发生额本次余额) is cut where each begins.
_HEADING_START = re.compile(
    r"序号|交易日期|交易时间|记账日期|入账日期|交易日|记账日|日期|交易摘要|摘要|交易类型|业务类型|发生额|交易金额|收入金额|"
    r"支出金额|收入|支出|存入|支取|借方|贷方|账户余额|本次余额|联机余额|余额|账户结余|结余|对方户名|对方账号|对方账户|对方名称|对方信息|"
    r"对手信息|交易渠道|渠道|币种|货币|备注|用途|凭证号|流水号|柜员号|钞汇|交易地区|地区|交易对方|对方|对手")


_MODIFIERS = ("借方", "贷方", "收入", "支出", "存入", "支取", "交易", "账户", "本次", "联机", "记账", "入账", "发生", "可用")


def _slash_joined(words: list[Word]) -> list[Word]:
    """Two headings printed with a slash between them as one heading naming either (收入 / 支出金额,
    对方户名 / 商户): the slash and the words either side, when no wider gap than a letter parts them."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        word = words[i]
        while i + 2 < len(words) and words[i + 1].text.strip() in ("/", "／") and all(
                b.bbox.x0 - a.bbox.x1 < (b.bbox.y1 - b.bbox.y0) for a, b in zip(
                    (word, words[i + 1]), (words[i + 1], words[i + 2]), strict=True)):
            after = words[i + 2]
            word = word.model_copy(update={"text": word.text.strip() + "/" + after.text.strip(),
                                           "bbox": word.bbox.union(after.bbox)})
            i += 2
        out.append(word)
        i += 1
    return out


def _heading_words(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    for word in _slash_joined(words):
        text = re.sub(r"\s+", "", to_halfwidth(word.text))
        starts = [m.start() for m in _HEADING_START.finditer(text)]
        # 借方发生额, 存入金额 are one heading; so are two names a slash joins (收入/支出金额)
        starts = [i for i in starts if not text[:i].endswith(_MODIFIERS) and not text[:i].endswith(("/", "／"))]
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
    """Index of the header's (last) line and its columns (naming a date column and ≥ 2 others; of several
    such lines, the one naming the most).

    A header may print its headings on two lines (交易 over 日期, 借方 over 发生额): a line and the one
    close under it are also read as one, each heading stacked from the words above each other, and the
    reading that names more columns wins. On the header found, a heading misread by one character
    (搞要 for 摘要) still names its column, unless that column is already there. Headings under others
    that name columns of their own (对方户名 under 交易日期) head the second line each entry prints.
    """
    lines = visual_lines(page)
    found: list[tuple[int, list[Column]]] = []
    for index, words in enumerate(lines):
        readings = [(index, [(w, False) for w in _heading_words(words)])]
        if index + 1 < len(lines) and _header_continues(words, lines[index + 1]):
            readings.append((index + 1, _stacked(_heading_words(words), _heading_words(lines[index + 1]))))
        named_by = [(last, [(w, header_name(w.text), low) for w, low in heads]) for last, heads in readings]
        last, marked = max(named_by, key=lambda ln: len({n for _, n, _ in ln[1] if n}))
        named = [(w, n) for w, n, _ in marked]
        columns = [Column(n, w.bbox.x0, w.bbox.x1, low) for w, n, low in marked if n]
        names = {c.name for c in columns}
        if "date" in names and len(names) >= 3:
            below = [w for ws in lines[last + 1 : last + 1 + CELL_ROWS] for w in ws]
            for at, (word, known, low) in enumerate(marked):
                name = None if known else _misread_header_name(word.text, taken=names)
                # the words under the heading itself first: a right-aligned figure of the next column (a serial
                # number under 流水号) may reach far into the span a heading's cells may take
                cells = _cells_look(word.bbox, below) or _cells_look(
                    _cell_span(word.bbox, marked[at + 1][0].bbox if at + 1 < len(marked) else None), below)
                if name and cells == "money" and name not in _MONEY_NAMES:
                    name = None  # 交易全销 (交易金额) is no 交易行 channel over figures
                if not known and not name:
                    name = _by_cells(cells, names)
                if name:
                    columns.append(Column(name, word.bbox.x0, word.bbox.x1, low))
                    names.add(name)
            found.append((last, _merged(sorted(_paired(columns, named), key=lambda c: c.centre))))
    # a label grid above the table (起止日期 | 币种 | 期初余额, its values on the line under it) also names a
    # date and two more: the table's header is the line naming the most columns
    return max(found, key=lambda h: len({c.name for c in h[1]}), default=None)


CELL_ROWS = 12  # lines under a header looked at to tell what a heading's cells hold
_MONEY = re.compile(r"-?[\d,]*\d{2,}(?:\.\d{1,2})?")
_MONEY_NAMES = ("amount", "credit", "debit", "balance")


def _cells_look(box: BBox, below: list[Word]) -> str | None:
    """What most words under a heading are: "money" (figures without a date's or a time's marks), "text"
    (Chinese words without digits), or None."""
    under = [to_halfwidth(w.text).strip() for w in below if _overlap(box, w.bbox) > 0]
    if len(under) < 3:
        return None
    money = sum(bool(_MONEY.fullmatch(t.replace(" ", ""))) for t in under)
    text = sum(len(_CJK.findall(t)) >= 2 and not re.search(r"\d", t) for t in under)
    return "money" if money >= 0.6 * len(under) else "text" if text >= 0.6 * len(under) else None


def _cell_span(box: BBox, after: BBox | None) -> BBox:
    """Where a heading's cells may stand: from its left edge to the next heading's (a figure right-aligned in
    a wide spreadsheet cell stands right of its heading); when none follows, the heading itself."""
    return box if after is None else box.model_copy(update={"x1": max(box.x1, after.x0 - 1)})


def _by_cells(cells: str | None, names: set[str]) -> str | None:
    """A heading read past knowing (换餐 for 摘要, 交易全销 for 交易金额) named by its cells: figures, while no
    column of money but the balance is named, are the amount; words, while no description is, the description."""
    if cells == "money" and not names & {"amount", "credit", "debit"}:
        return "amount"
    if cells == "text" and "description" not in names:
        return "description"
    return None


def _merged(columns: list[Column]) -> list[Column]:
    """Neighbouring headings that name the same column (Description | 摘要, a bilingual heading printed as
    two words) as one column spanning both: its cells may start under either."""
    out: list[Column] = []
    for column in columns:
        same = [i for i, c in enumerate(out) if c.second_line == column.second_line]  # neighbours on its line
        if same and out[same[-1]].name == column.name:
            kept = out[same[-1]]
            out[same[-1]] = replace(kept, x0=min(kept.x0, column.x0), x1=max(kept.x1, column.x1))
        else:
            out.append(column)
    return out


_PAIR = {"debit": "credit", "credit": "debit"}


def _paired(columns: list[Column], named: list[tuple[Word, str | None]]) -> list[Column]:
    """A header naming one of 借方/贷方 and a plain amount (做方发生额: 借方 misread, 发生额 still read) names
    the other of the pair with that amount heading, when it is one character from it."""
    names = {c.name for c in columns}
    sides = names & set(_PAIR)
    if len(sides) != 1 or "amount" not in names:
        return columns
    missing = _PAIR[next(iter(sides))]
    out: list[Column] = []
    for column in columns:
        word = next((w for w, n in named if n == "amount" and w.bbox.x0 == column.x0), None)
        if column.name == "amount" and word is not None and missing not in {c.name for c in out} \
                and _misread_header_name(word.text, taken={n for n, _ in COLUMN_RULES} - {missing}) == missing:
            column = replace(column, name=missing)
        out.append(column)
    return out


def _header_continues(upper: list[Word], lower: list[Word]) -> bool:
    """Whether ``lower`` may be the second line of headings begun on ``upper``: close under it, and both
    lines headings only (no figure: a table row or a label with its value is none)."""
    height = min(w.bbox.y1 - w.bbox.y0 for w in upper)
    gap = min(w.bbox.y0 for w in lower) - max(w.bbox.y1 for w in upper)
    return gap < height and not any(re.search(r"\d", w.text) for w in upper + lower)


def _stacked(upper: list[Word], lower: list[Word]) -> list[tuple[Word, bool]]:
    """Headings printed on two lines as one word each: a lower word joins the one upper word it sits under
    (their spans overlap by half the narrower one); a word with none above or below stays alone.

    A lower heading that names a column of its own under an upper one naming another (交易日期 over
    对方户名, not 借方 over 发生额 or 交易 over 日期) begins a second line of headings: the header of a table
    whose entries print on two lines. Then every lower heading joined to none is marked (True) as one of
    that second line.
    """
    out: list[tuple[Word, bool]] = [(u, False) for u in upper]
    joined: set[int] = set()
    alone: list[Word] = []
    two_lines = False
    for word in lower:
        above = [i for i, u in enumerate(upper) if _overlap(u.bbox, word.bbox) > 0.5 * min(
            u.bbox.x1 - u.bbox.x0, word.bbox.x1 - word.bbox.x0)]
        apart = len(above) == 1 and _two_headings(upper[above[0]], word)
        two_lines = two_lines or apart
        if len(above) != 1 or above[0] in joined or apart:
            alone.append(word)
            continue
        joined.add(above[0])
        top = upper[above[0]]
        out[above[0]] = (top.model_copy(update={"text": top.text.strip() + word.text.strip(),
                                                "bbox": top.bbox.union(word.bbox)}), False)
    return sorted(out + [(w, two_lines) for w in alone], key=lambda wl: wl[0].bbox.x0)


def _two_headings(top: Word, word: Word) -> bool:
    """Whether a heading and the one under it name two columns (交易日期 | 对方户名), not one heading in two
    parts: a modifier over what it modifies (借方 | 发生额, 账户 | 余额), a part naming nothing, or the
    heading and its translation (摘要/附言 | Remarks: one column, whatever each names)."""
    upper, lower = header_name(top.text), header_name(word.text)
    return upper is not None and lower is not None and upper != lower \
        and bool(_CJK.search(top.text)) == bool(_CJK.search(word.text)) \
        and not _header_keys(top.text)[0].endswith(_MODIFIERS)


def _overlap(a: BBox, b: BBox) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _misread_header_name(text: str, *, taken: set[str]) -> str | None:
    """The column, not yet ``taken``, a heading names when one of its characters was misread (2-6 CJK
    characters): 交易搞要 is one letter from 交易日 and from 摘要, and the date column is already there.
    A heading that is, as a whole, one letter from whole headings of two columns still open (收人: 收入 or
    收支) names neither."""
    key = _header_keys(text)[0]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", key):
        return None
    names, whole = [], set()
    for name, parts in COLUMN_RULES:  # a code column (凭证号, 交易码) is never guessed from a misread heading
        for part in parts if name not in taken and name != "reference" else ():
            windows = (key[i : i + len(part)] for i in range(len(key) - len(part) + 1))  # 交易搞要 holds 搞要
            if any(_one_wrong_telling(part, w) for w in windows):
                names.append(name)
                whole |= {name} if _one_wrong(part, key) else set()
            elif _one_lost(part, key):  # 交机构: 交易机构 with a character the read lost
                names.append(name)
                whole.add(name)
    if len(whole) == 1:  # 对方银号: 对方账号 misread as a whole, though its 银号 is one letter from 序号 too
        return next(iter(whole))
    return None if not names or whole else names[0]


_COMMON_OPENING = "交易"  # most headings open with it (交易日期, 交易金额, 交易摘要): it tells no column


def _one_wrong_telling(part: str, window: str) -> bool:
    """Whether ``window`` is ``part`` with one character misread and still agrees with it beyond a 交易 both
    open with (交易搞 is no 交易行: what agrees is what every heading of a transaction says)."""
    if sum(a != b for a, b in zip(part, window, strict=True)) != 1:
        return False
    opening = len(_COMMON_OPENING) if part.startswith(_COMMON_OPENING) else 0
    return any(a == b for a, b in zip(part[opening:], window[opening:], strict=True))


def _one_lost(part: str, key: str) -> bool:
    """Whether ``key`` is the whole heading ``part`` (four or more characters) with one character lost."""
    return len(part) >= 4 and len(key) == len(part) - 1 and any(part[:i] + part[i + 1 :] == key
                                                                 for i in range(len(part)))


def _one_wrong(part: str, key: str) -> bool:
    """Whether ``key`` is the whole heading ``part`` with one character misread."""
    return len(part) == len(key) and sum(a != b for a, b in zip(part, key, strict=True)) == 1


def _whole_misread(text: str, name: str | None) -> str | None:
    """The column a heading names when it is a whole heading read with one character wrong or lost, while
    what it names as read is only a short part of it (对方银号: 对方账号 misread, not 对方 the counterparty)."""
    key = _header_keys(text)[0]
    parts = next((ps for n, ps in COLUMN_RULES if n == name), ())
    if not name or any(len(p) * 2 > len(key) for p in parts if p in key):
        return name
    other = _misread_header_name(text, taken={name})
    whole = other is not None and any(_one_wrong(p, key) or _one_lost(p, key)
                                      for n, ps in COLUMN_RULES if n == other for p in ps)
    return other if whole else name


def richer_columns(before: list[Column] | None, found: list[Column]) -> list[Column]:
    """A repeated header read worse than the first (交易金钢 for 交易金额): the earlier columns, moved by
    how far the headings both pages name have moved (another scan of the same table)."""
    if before is None or len({c.name for c in found}) >= len({c.name for c in before}):
        return found
    shifts = [f.x0 - b.x0 for f in found for b in before if f.name == b.name]
    if not shifts:
        return found
    dx = sorted(shifts)[len(shifts) // 2]
    return [replace(c, x0=c.x0 + dx, x1=c.x1 + dx) for c in before]
