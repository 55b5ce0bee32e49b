"""A contract's party table read row by row (当事人信息表: 当事人 | 名称/姓名 | 证件类型 | 证件号码 | 联系电话, one row
per party, its role in the first cell: 出卖人, 买受人1, 乙方（买受人）), and the 大写 of the price in a table cell
under its 大写 heading (款项 | 金额（小写） | 金额（大写）, the 合计 row) or beside its 大写 label.

Each row's cells are placed by the x of the headings above them; an OCR'd row may fuse cells into one word, so a
word is placed by where it starts and the name is cut where its cell's words end (周鹏昊居民身份证 → 周鹏昊)."""

from __future__ import annotations

import re

from docproc.cn import vocab
from docproc.cn.amount_words import CAPITAL, standard_capitals
from docproc.core.models import Field
from docproc.extractors._parties import Party, id_numbers, letter_sides, party_name
from docproc.extractors._text import PageText

DOC = "purchase_contract"
TABLE_ROWS = 12  # lines under a party table's header that may hold its rows
HEADER_SHARE = 0.8  # share of a header line's characters its column headings cover (a clause line has few)


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NAME_HEADINGS = vocab.words(DOC, "party_name_labels")
_HEADING = re.compile(_alt(_NAME_HEADINGS + vocab.words(DOC, "party_id_labels") + vocab.words(DOC, "party_table_headings")))
_NAME_HEADING = re.compile(_alt(_NAME_HEADINGS))
_ID_HEADING = re.compile(_alt(vocab.words(DOC, "party_id_labels")))
SELLER_ROLES, BUYER_ROLES = vocab.words(DOC, "seller_roles"), vocab.words(DOC, "buyer_roles")
LETTERS = vocab.words(DOC, "party_letters")
_QUAL = r"[(（][^()（）:：]{1,8}[)）]"
# A row's role cell: a role word or a letter, its qualifiers in brackets, a co-owner's number (买受人1, 买受人（二）).
_ROLE_CELL = re.compile(rf"(?P<role>{_alt(SELLER_ROLES + BUYER_ROLES + LETTERS)})\s*(?:{_QUAL}\s*)*"
                        rf"(?:[一二三四五六七八九]|[1-9])?(?:{_QUAL})?")
_ROLE_IN = re.compile(_alt(SELLER_ROLES + BUYER_ROLES))
_NAME_END = re.compile(rf"[\s,，;；(（、/\d]|{_alt(vocab.words(DOC, 'party_name_end'))}")
_CAPITALS = re.compile(rf"(?:人民币)?({CAPITAL}{{2,30}})")
_CASE_HEADING = re.compile(r"大写|小写")
_TOTAL_ROW = re.compile(_alt(vocab.words(DOC, "price_total_rows")))


def _x_of(text: PageText, index: int, start: int, end: int) -> float:
    """The x centre of characters ``start:end`` of line ``index``, placed within their word by their share of it
    (a heading fused with its neighbour in one OCR'd word)."""
    for a, b, word in text.spans_of_line(index):
        if a <= start < b:
            width = (word.bbox.x1 - word.bbox.x0) / max(b - a, 1)
            return word.bbox.x0 + width * ((start + min(end, b)) / 2 - a)
    return 0.0


def _header(text: PageText, index: int) -> list[tuple[float, re.Match[str]]] | None:
    """The column headings of line ``index`` with their x centres, when the line is a party table's header: its
    headings cover it, one names the name column and one the id numbers' column."""
    line = text.lines[index]
    hits = list(_HEADING.finditer(line))
    if not any(_NAME_HEADING.fullmatch(m.group(0)) for m in hits) or not any(_ID_HEADING.fullmatch(m.group(0)) for m in hits):
        return None
    if sum(len(m.group(0)) for m in hits) < HEADER_SHARE * len(line.replace(" ", "")):
        return None
    start = text.offsets[index]
    return sorted(((_x_of(text, index, start + m.start(), start + m.end()), m) for m in hits), key=lambda h: h[0])


def _words_header(text: PageText, index: int) -> tuple[list[float], int] | None:
    """The x centres of the headings of line ``index`` and which is the 大写 column's, when the line heads a table
    with a 大写 column (款项 | 金额（小写） | 金额（大写）): each word a heading, and the 小写 and 大写 headings
    within a word apart; no colon, no amount (a clause's 大写 label is followed by its words)."""
    line = text.lines[index]
    if "大写" not in line or re.search(rf"[:：\d]|{CAPITAL}{{2}}", line.replace("大写", "").replace("小写", "")):
        return None
    centres: list[float] = []
    column = -1
    for a, b, word in text.spans_of_line(index):
        marks = list(_CASE_HEADING.finditer(text.joined, a, b))
        if not marks:
            centres.append((word.bbox.x0 + word.bbox.x1) / 2)
        for m in marks:
            if m.group(0) == "大写":
                column = len(centres)
            centres.append(_x_of(text, index, m.start(), m.end()))
    return (centres, column) if len(centres) >= 2 and column >= 0 else None


def _column(x: float, centres: list[float]) -> int:
    return min(range(len(centres)), key=lambda i: abs(x - centres[i]))


def _side(role: str, sides: dict[str, str]) -> str | None:
    if (word := _ROLE_IN.search(role)) is not None:
        return "buyer" if word.group(0) in BUYER_ROLES else "seller"
    letter = next((w for w in LETTERS if role.startswith(w)), None)
    return sides.get(letter) if letter else None


def party_rows(texts: list[PageText]) -> dict[str, Party]:
    """Each side's names and id numbers from the rows of a party table under a header naming the name and id
    columns; the name in the name column's cell, validated as a party's name; the id numbers anywhere in the row
    after the role cell, valid by their check digit (a credit code in the seller's row is none)."""
    sides = letter_sides(texts)
    sides.setdefault(LETTERS[0], "seller")  # 甲方 sells and 乙方 buys unless the contract says otherwise
    sides.setdefault(LETTERS[1], "buyer")
    out = {"seller": Party(), "buyer": Party()}
    for text in texts:
        for index in range(len(text.lines)):
            header = _header(text, index)
            if header is None:
                continue
            centres = [x for x, _ in header]
            name_column = next(i for i, (_, m) in enumerate(header) if _NAME_HEADING.fullmatch(m.group(0)))
            for row in range(index + 1, min(len(text.lines), index + 1 + TABLE_ROWS)):
                _read_row(text, row, centres, name_column, sides, out)
            if out["seller"].name_field or out["buyer"].name_field:
                return out
    return out


def _read_row(text: PageText, row: int, centres: list[float], name_column: int, sides: dict[str, str],
              out: dict[str, Party]) -> None:
    """One row of a party table: its role cell, the name in the name column, the id numbers after the role."""
    spans = text.spans_of_line(row)
    if not spans:
        return
    first = spans[0]
    role = _ROLE_CELL.match(text.joined, first[0], first[1])
    x = _x_of(text, row, first[0], first[0] + 1)
    if role is None or _column(x, centres) > name_column or x >= centres[name_column]:
        return  # a role cell stands left of the name column (a table with no 当事人 heading has it unheaded)
    side = _side(role.group(0), sides)
    if side is None:
        return
    starts = [(role.end(), name_column)] if role.end() < first[1] else []  # a role cell fused with the name
    starts += [(a, _column(_x_of(text, row, a, a + 1), centres)) for a, _, _ in spans[1:]]
    start = next((a for a, column in starts if column == name_column), None)
    if start is None:
        return
    end = text.offsets[row] + len(text.lines[row])
    cut = _NAME_END.search(text.joined, start, end)
    name = text.joined[start:cut.start() if cut else end]
    if (valid := party_name(name)) is None:
        return
    out[side].add_name(valid, text.field((start, start + len(name)), valid))
    for a, b, _ in spans:  # word by word: an id number and the phone in the next cell fuse in the line's text
        if b > start + len(name):
            id_numbers(text, max(a, start + len(name)), b, out[side])


def price_words_in_table(texts: list[PageText]) -> Field | None:
    """The 大写 of the price in a table: in the cell under a 大写 heading on the row of the total (合计, 总价款), or
    on the only row below it that has one."""
    for text in texts:
        for index in range(len(text.lines)):
            if (header := _words_header(text, index)) is None:
                continue
            centres, column = header
            found: list[tuple[bool, Field]] = []
            for row in range(index + 1, min(len(text.lines), index + 1 + TABLE_ROWS)):
                line_start = text.offsets[row]
                for m in _CAPITALS.finditer(text.lines[row]):
                    a = line_start + m.start(1)
                    if _column(_x_of(text, row, a, a + 1), centres) == column:
                        value = standard_capitals(m.group(1))
                        found.append((bool(_TOTAL_ROW.search(text.lines[row])), text.field((a, a + len(m.group(1))), value)))
            totals = [f for total, f in found if total]
            if totals or len(found) == 1:
                return (totals or [found[0][1]])[0]
    return None
