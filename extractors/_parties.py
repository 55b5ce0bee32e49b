"""A contract's parties on their party lines: a role word or the letter the contract calls a party by (出卖人：,
买受人（一）：, 乙方（买受人）：, 转让方：, 乙方： with 乙方 defined as the buyer in prose), the name after it or on
a 姓名/名称 entry of the party's block, and the id numbers of that block; also a party named in a sentence
(买受人张三（身份证号码：…）). Names are validated: a person's 2–4 CJK characters that are no label or role
word, or an organisation's name; id numbers by their GB 11643 check digit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docproc.cn import vocab
from docproc.cn.id_number import parse_id_number
from docproc.cn.orgs import organisation_name
from docproc.core.models import Field, Word
from docproc.extractors._text import PageText

DOC = "purchase_contract"
BLOCK_LINES = 6  # lines under a party line that may hold its entries (姓名, 证件号码, 住址…)
SENTENCE_REACH = 30  # characters after a sentence's id label where the number stands
ENTRY_GAP = 1.5  # a party label this many letter heights right of the word before it opens a cell of its own
CUT_REACH = 4  # characters from a column's estimated start where the label of its entry may begin
ROW_SPAN_REACH = 12  # letter heights from a role cell within which its party's rows lie (six rows of 2.7 heights)
COLUMN_LINES = 10  # lines under a heading of party columns (出卖人（甲方） | 买受人（乙方）) that may hold their entries


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


SELLER_ROLES, BUYER_ROLES = vocab.words(DOC, "seller_roles"), vocab.words(DOC, "buyer_roles")
LETTERS = vocab.words(DOC, "party_letters")
_ROLE = _alt(SELLER_ROLES + BUYER_ROLES)
_LETTER = _alt(LETTERS)
_QUAL = r"[(（][^()（）:：]{1,8}[)）]"
# A party line: the label (a role or a letter, with bracketed qualifiers), a colon, the value.
# The label may name a further role of the same side (受让方（乙方）共有人：, 买受人（乙方）代理人 is a block's entry)
# and number co-owners (乙方（买受人）一：…, 乙方（买受人）二：…).
_PARTY_LINE = re.compile(rf"(?P<label>(?:{_LETTER}|{_ROLE})\s*(?:{_QUAL}\s*)*(?:(?:{_ROLE})\s*(?:{_QUAL}\s*)*)?"
                         rf"(?:[一二三四五六七八九]|[1-9])?)\s*[:：]"
                         rf"\s*(?P<value>.*)")
_DEFINED = re.compile(rf"(?:{_alt(vocab.words(DOC, 'party_defined'))})\W{{0,2}}({_LETTER})")
_ADJACENT = re.compile(rf"({_LETTER})\s*[(（]\s*(?:即)?({_ROLE})\s*[)）]|({_ROLE})\s*[(（]\s*(?:即)?({_LETTER})\s*[)）]")
_ROLE_WORD = re.compile(_ROLE)
# A party's heading with no colon (出卖人（甲方）, 买受人); several on one line head blocks set side by side.
_HEADING_LABEL = re.compile(rf"(?:{_LETTER}|{_ROLE})\s*(?:{_QUAL}\s*)*")
_ID_LABEL = re.compile(_alt(vocab.words(DOC, "party_id_labels")))
# The label of an entry in a party's block, with its colon (姓名：, 身份证号码：, 联系电话：, 共有人：).
_ENTRY_LABEL = re.compile(rf"(?:{_alt(vocab.words(DOC, 'party_name_labels') + vocab.words(DOC, 'party_id_labels'))}"
                          rf"|{_LETTER}|{_ROLE})\s*(?:{_QUAL}\s*)*[:：]"
                          rf"|(?:{_alt(vocab.words(DOC, 'party_name_end'))})[\u4e00-\u9fff]{{0,4}}[:：]")
# A role and its name in the cells of one row, no colon between (共同买受人 | 张国睿); not a signature cell (出卖人盖章).
_ROLE_CELL = re.compile(rf"(?:{_ROLE})\s*(?:{_QUAL}\s*)*(?!{_alt(vocab.words(DOC, 'party_signature'))})(?P<value>[^(（:：].*)")
_SIGNATURE = re.compile(_alt(vocab.words(DOC, "party_signature")))
_NAME_END = re.compile(rf"[,，;；(（、/\s]|{_alt(vocab.words(DOC, 'party_name_end'))}")
_NAME_ENTRY = re.compile(rf"^(?:{_alt(vocab.words(DOC, 'party_name_labels'))})\s*[:：]?\s*(.+)")
_ID_NUMBER = re.compile(r"(?<![0-9])([1-9]\d{16}[\dXx×])(?![0-9])")
# A party named in a sentence: the role word, the name, then its id number's label (买受人张三（身份证号：…）).
# The name may also end at a semicolon before the kind of id (买受人 张三；证件类型：居民身份证；证件号码：…).
_IN_SENTENCE = re.compile(rf"({_ROLE})\s*([\u4e00-\u9fff·]{{2,6}}?)\s*[(（,，;；]\s*"
                          rf"(?:{_alt(vocab.words(DOC, 'party_id_labels') + ('证件类型', '证件名称', '证件种类'))})")
# What may stand before a party line's label on its line: an enumeration (1. （一） 二、) and nothing else.
_LEAD = re.compile(r"[\s\d一二三四五六七八九十、.．()（）]*")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12}")
_NOT_NAMES = frozenset({*SELLER_ROLES, *BUYER_ROLES, *LETTERS, *vocab.words(DOC, "party_name_labels"),
                        *vocab.words(DOC, "party_name_end"), "当事人", "代理人", "双方", "本人"})


@dataclass
class Party:
    """One side's names and id numbers, with the evidence of the first of each."""

    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    name_field: Field | None = None
    number_field: Field | None = None

    def add_name(self, name: str, evidence: Field) -> None:
        if name not in self.names:
            self.names.append(name)
            self.name_field = self.name_field or evidence

    def add_number(self, number: str, evidence: Field) -> None:
        if number not in self.numbers:
            self.numbers.append(number)
            self.number_field = self.number_field or evidence


def party_name(value: str) -> str | None:
    """``value`` as a party's name: an organisation's, or a person's that is no role or label word."""
    if organisation_name(value):
        return value
    return value if _PERSON.fullmatch(value) and value not in _NOT_NAMES else None


def _side(word: str) -> str | None:
    return "buyer" if word in BUYER_ROLES else "seller" if word in SELLER_ROLES else None


def letter_sides(texts: list[PageText]) -> dict[str, str]:
    """What each letter (甲方, 乙方) stands for, as the contract says: beside a role in brackets (乙方（买受人）,
    出卖人（甲方）) or defined after a party's name (出卖人：XX公司（以下简称“甲方”）)."""
    sides: dict[str, str] = {}
    for text in texts:
        for m in _ADJACENT.finditer(text.joined):
            letter, role = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            sides.setdefault(letter, _side(role) or "")
        for m in _DEFINED.finditer(text.joined):
            roles = list(_ROLE_WORD.finditer(text.joined, max(0, m.start() - 60), m.start()))
            if roles:
                sides.setdefault(m.group(1), _side(roles[-1].group(0)) or "")
    return {k: v for k, v in sides.items() if v}


def _label_side(label: str, sides: dict[str, str]) -> str | None:
    if (role := _ROLE_WORD.search(label)) is not None:
        return _side(role.group(0))
    letter = re.match(_LETTER, label)
    return sides.get(letter.group(0)) if letter else None


def find_parties(texts: list[PageText]) -> dict[str, Party]:
    """Each side's ("seller", "buyer") names and id numbers from party lines and sentences that name parties."""
    sides = letter_sides(texts)
    out = {"seller": Party(), "buyer": Party()}
    for text in texts:
        _party_columns(text, sides, out)
        _party_row_spans(text, sides, out)
        heads = [(i, m) for i, line in enumerate(text.lines) for m in _PARTY_LINE.finditer(line)
                 if not _SIGNATURE.search(m.group("label")) and opens_entry(text, text.offsets[i] + m.start())]
        head_lines = sorted({i for i, _ in heads})
        for index, m in heads:
            side = _label_side(m.group("label"), sides)
            if side is None:
                continue
            start = text.offsets[index] + m.start("value")
            end = min((i for i in head_lines if i > index), default=len(text.lines))
            block_end = min(end, index + 1 + BLOCK_LINES)
            named = _name_after(text, start, out[side]) or any(
                _name_entry(text, row, out[side]) for row in range(index + 1, block_end))
            if named:
                id_numbers(text, start, text.offsets[block_end - 1] + len(text.lines[block_end - 1]), out[side])
        for m in _IN_SENTENCE.finditer(text.joined):  # only with the number itself (出示身份证 is a clause's)
            side, name, numbers = _side(m.group(1)), party_name(m.group(2)), Party()
            id_numbers(text, m.end(), min(len(text.joined), m.end() + SENTENCE_REACH), numbers)
            if side and name and numbers.number_field is not None:
                out[side].add_name(name, text.field(m.span(2), name))
                for number in numbers.numbers:
                    out[side].add_number(number, numbers.number_field)
    return out


def opens_entry(text: PageText, start: int) -> bool:
    """Whether a party label at character ``start`` opens an entry: it begins its line (after an enumeration)
    or a cell set apart from the words before it. A role word and a colon inside a clause (…由出卖人返还买受人：
    绝对值超出…, a semicolon read as a colon) follow the clause's words and name no one."""
    line = text.line_at(start)
    if _LEAD.fullmatch(text.joined[text.offsets[line]:start]):
        return True
    left, right = text.words_in(start - 1, start), text.words_in(start, start + 1)
    if not left or not right or left[-1] is right[0]:
        return False
    a, b = left[-1].bbox, right[0].bbox
    return b.x0 - a.x1 > ENTRY_GAP * min(a.y1 - a.y0, b.y1 - b.y0)


def _name_after(text: PageText, start: int, party: Party) -> bool:
    """Names after a party line's colon (several: 张三、李四), up to the first word that ends them."""
    line_end = text.offsets[text.line_at(start)] + len(text.lines[text.line_at(start)])
    value = text.joined[start:line_end]
    found, position = False, 0
    for piece in re.split(r"([、/])", value):
        stop = _NAME_END.search(piece) if piece not in ("、", "/") else None
        cut = piece[: stop.start()] if stop else piece
        if (name := party_name(cut)) is not None:
            party.add_name(name, text.field((start + position, start + position + len(cut)), name))
            found = True
        if stop:
            break
        position += len(piece)
    return found


def _name_entry(text: PageText, row: int, party: Party) -> bool:
    """A 姓名/名称 entry of the party's block."""
    entry = _NAME_ENTRY.match(text.lines[row])
    return bool(entry) and _name_after(text, text.offsets[row] + entry.start(1), party)  # type: ignore[union-attr]


def id_numbers(text: PageText, start: int, end: int, party: Party) -> None:
    """The id numbers between two characters of the page: those whose GB 11643 check digit holds; else the
    well-formed ones with a real birth date (a misprinted or misread number is still the party's, and the
    checks against the id card judge it; a credit code or phone number is neither)."""
    spans = [m.span(1) for m in _ID_NUMBER.finditer(text.joined, start, end)]
    # line by line too: in the lines run together a number ending its line fuses with digits opening the next
    for line in range(text.line_at(start), text.line_at(max(start, end - 1)) + 1):
        a, b = text.offsets[line], text.offsets[line] + len(text.lines[line])
        spans += [m.span(1) for m in _ID_NUMBER.finditer(text.joined, max(a, start), min(b, end))
                  if not any(x < m.end(1) and m.start(1) < y for x, y in spans)]
    found = [(text.joined[a:b].replace("×", "X").upper(), (a, b)) for a, b in sorted(spans)]
    parsed = [(number, span, parse_id_number(number)) for number, span in found]
    valid = [(n, s) for n, s, info in parsed if info.is_valid]
    for number, span in valid or [(n, s) for n, s, info in parsed if info.birth_date is not None]:
        party.add_number(number, text.field(span, number))


def _party_columns(text: PageText, sides: dict[str, str], out: dict[str, Party]) -> None:
    """Party blocks set side by side under a line of headings (出卖人（甲方） | 买受人（乙方）), each heading a word
    at an x position of its own: each line below is cut into the columns' segments by its words' x, and each
    segment read as an entry of its column's party (姓名：张三, 共有人：李四, 身份证号码：…), several per block."""
    for index, line in enumerate(text.lines):
        labels = list(_HEADING_LABEL.finditer(line))
        if len(labels) < 2 or "".join(m.group(0) for m in labels) != line.strip():
            continue
        heads = [text.words_in(text.offsets[index] + m.start(), text.offsets[index] + m.start() + 1) for m in labels]
        column_sides = [_label_side(m.group(0), sides) for m in labels]
        if any(not words for words in heads) or None in column_sides or len({id(w[0]) for w in heads}) < len(heads):
            continue
        starts = [words[0].bbox.x0 for words in heads]
        height = min(w[0].bbox.y1 - w[0].bbox.y0 for w in heads)
        for row in range(index + 1, min(len(text.lines), index + 1 + COLUMN_LINES)):
            pieces = _column_pieces(text, row, starts, height)
            if pieces is None:
                break  # a line running across the columns: the blocks have ended
            segments: dict[int, list[tuple[int, int]]] = {}
            for column, a, b in pieces:
                segments.setdefault(column, []).append((a, b))
            for column, spans in segments.items():
                _column_entry(text, spans[0][0], spans[-1][1], out[column_sides[column] or ""])


def _party_row_spans(text: PageText, sides: dict[str, str], out: dict[str, Party]) -> None:
    """Party tables whose role stands in a cell spanning its party's rows, left of them (甲方（出卖人） beside
    名称 | 统一社会信用代码 | 地址, 乙方（买受人） beside 姓名 | 身份证号码). The entry rows are those starting in the
    table's label column near the role cells; a role cell is centred on its rows, so its block ends as far below
    its centre as it begins above it, and the next role's block begins there."""
    cells = []
    for index in range(len(text.lines)):
        row = text.spans_of_line(index)
        if row and (match := _HEADING_LABEL.fullmatch(text.joined[row[0][0] : row[0][1]])) is not None \
                and (side := _label_side(match.group(0), sides)) is not None:
            cells.append((row[0][2], side))
    left = min((word.bbox.x0 for word, _ in cells), default=0.0)
    cells = [(word, side) for word, side in cells if word.bbox.x0 - left <= word.bbox.y1 - word.bbox.y0]
    if len({side for _, side in cells}) < 2:
        return  # role cells share the table's first column (共同买受人 further right is an entry); both sides make it
    heads = [(_centre(word), side) for word, side in cells]
    edge = max(word.bbox.x1 for word, _ in cells)
    height = min(word.bbox.y1 - word.bbox.y0 for word, _ in cells)
    reach = ROW_SPAN_REACH * height
    near = []
    for index in range(len(text.lines)):
        entries = [(a, b, w) for a, b, w in text.spans_of_line(index) if w.bbox.x0 >= edge]
        if entries and min(abs(_centre(entries[0][2]) - y) for y, _ in heads) <= reach:
            near.append((_centre(entries[0][2]), entries[0][2].bbox.x0, entries))
    if not near:
        return
    xs = sorted(x for _, x, _ in near)
    column = xs[len(xs) // 2]  # the label column: where most entry rows begin
    rows = sorted(((y, entries) for y, x, entries in near if abs(x - column) <= height), key=lambda r: r[0])
    position = 0
    for k, (centre, side) in enumerate(sorted(heads)):
        if position >= len(rows):
            break
        bottom = 2 * centre - rows[position][0] if k + 1 < len(heads) else float("inf")
        while position < len(rows) and rows[position][0] <= bottom + height / 2:
            entries = rows[position][1]
            _column_entry(text, entries[0][0], entries[-1][1], out[side])
            position += 1


def _centre(word: Word) -> float:
    return (word.bbox.y0 + word.bbox.y1) / 2


def _column_pieces(text: PageText, row: int, starts: list[float], height: float) -> list[tuple[int, int, int]] | None:
    """Line ``row`` as (column, start, end) pieces: each word in the column it starts in; a word running over a
    column's start (two entries read as one word) cut where an entry's label stands near that start, its
    place estimated from the word's width; None when a word runs over it with no label there (prose)."""
    pieces: list[tuple[int, int, int]] = []
    for a, b, word in text.spans_of_line(row):
        column = max((i for i, x in enumerate(starts) if word.bbox.x0 >= x - height), default=0)
        over = [i for i, x in enumerate(starts) if word.bbox.x0 < x - height and word.bbox.x1 > x + height]
        for i in over:
            share = (starts[i] - word.bbox.x0) / max(word.bbox.x1 - word.bbox.x0, 1e-6)
            guess = a + round(share * (b - a))
            cuts = [a + m.start() for m in _ENTRY_LABEL.finditer(text.joined[a:b]) if abs(a + m.start() - guess) <= CUT_REACH]
            if not cuts:
                return None
            cut = min(cuts, key=lambda c: abs(c - guess))
            pieces.append((column, a, cut))
            column, a = i, cut
        pieces.append((column, a, b))
    return pieces


def _column_entry(text: PageText, start: int, end: int, party: Party) -> None:
    """One segment of a party column: a name after a 姓名/名称 label or a party label (共有人：李四), or the id
    numbers after an id label."""
    segment = text.joined[start:end]
    entry = _NAME_ENTRY.match(segment) or _PARTY_LINE.match(segment) or _ROLE_CELL.match(segment)
    if entry is not None:
        value_start = start + (entry.start(1) if entry.re is _NAME_ENTRY else entry.start("value"))
        cut = _NAME_END.search(text.joined, value_start, end)
        name = text.joined[value_start:cut.start() if cut else end]
        if (valid := party_name(name)) is not None:
            party.add_name(valid, text.field((value_start, value_start + len(name)), valid))
    elif _ID_LABEL.match(segment):
        id_numbers(text, start, end, party)
