"""Search a page's words as text while keeping each match's box and confidence."""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from docproc.cn.normalize import to_halfwidth
from docproc.core.models import BBox, Field, Page, PageSource, Word


def union_boxes(boxes: list[BBox]) -> BBox | None:
    """Smallest box around all ``boxes`` (None for none)."""
    if not boxes:
        return None
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


# a decimal number, or an amount whose thousands separators a scan read as points (376.939.18)
_NUMBER = re.compile(r"[-+]?[\d,]*\.\d+|[-+]?\d{1,3}(?:[.,]\d{3})+[.,]\d{2}")
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?!\d)")  # 13:54 or 13:54:12
SIDEWAYS_SLACK = 0.25  # boxes of one row may overlap sideways by this share of the narrower one (loose OCR boxes)
SAME_LINE = 0.8  # two rows whose vertical spans share this much of the shorter one stand on one line
LEVEL_SLACK = 0.5  # ... and their boxes may overlap sideways by this share of the narrower one


def visual_lines(page: Page) -> list[list[Word]]:
    """The page's rows top to bottom, each left to right.

    The reader's line numbers are the start; two rows are one when each one's vertical centre lies in
    the other's span and their boxes barely overlap sideways: OCR boxes are loose, so a label (姓名)
    and its value (郑秀敏) can touch by a few pixels and be numbered as rows of their own.
    """
    by_line: dict[int, list[Word]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word)
    # a row's place is where most of its words' tops stand: one tall stray word in it (a seal's legend at the edge,
    # spanning two rows) does not lift it above the row before
    rows = sorted(by_line.values(), key=lambda ws: statistics.median_low(w.bbox.y0 for w in ws))
    merged: list[list[Word]] = []
    for row in rows:
        if merged and _one_row(merged[-1], row):
            merged[-1] = merged[-1] + row
        else:
            merged.append(list(row))
    rows_out = [sorted(ws, key=lambda w: w.bbox.x0) for ws in merged]
    return [_split_print_joined(ws) for ws in rows_out] if page.source == PageSource.OCR else rows_out


SPLIT_SHARE = 0.5  # of the shared characters' width: boxes overlapping this much are one print read in two pieces


def _split_print_joined(words: list[Word]) -> list[Word]:
    """A row's words with each print the detector cut into two overlapping boxes, each read with the characters
    where they overlap (2025. | .07.07), made one word again without those characters twice (2025.07.07)."""
    out: list[Word] = []
    for word in words:
        before = out[-1] if out else None
        shared = _shared_edge(before.text, word.text) if before is not None else 0
        if before is not None and shared and before.bbox.x1 - word.bbox.x0 >= SPLIT_SHARE * shared * _char_width(before):
            out[-1] = Word(text=before.text + word.text[shared:], bbox=before.bbox.union(word.bbox),
                           confidence=min(before.confidence, word.confidence), line=before.line)
        else:
            out.append(word)
    return out


def _shared_edge(left: str, right: str) -> int:
    """How many characters ``left`` ends with that ``right`` starts with (the longest such run)."""
    return next((k for k in range(min(len(left), len(right)), 0, -1) if left.endswith(right[:k])), 0)


def _char_width(word: Word) -> float:
    return (word.bbox.x1 - word.bbox.x0) / max(len(word.text), 1)


def _one_row(a: list[Word], b: list[Word]) -> bool:
    ay0, ay1 = min(w.bbox.y0 for w in a), max(w.bbox.y1 for w in a)
    by0, by1 = min(w.bbox.y0 for w in b), max(w.bbox.y1 for w in b)
    if not (ay0 <= (by0 + by1) / 2 <= ay1 and by0 <= (ay0 + ay1) / 2 <= by1):
        return False
    # on the very same line (the spans all but one), a box may reach further into its neighbour: a lone digit's
    # box is loose (a row's serial 7 reaching 10 px into the date after it)
    level = min(ay1, by1) - max(ay0, by0) >= SAME_LINE * min(ay1 - ay0, by1 - by0)
    slack = LEVEL_SLACK if level else SIDEWAYS_SLACK
    for u in a:
        for v in b:
            overlap = min(u.bbox.x1, v.bbox.x1) - max(u.bbox.x0, v.bbox.x0)
            narrower = min(u.bbox.x1 - u.bbox.x0, v.bbox.x1 - v.bbox.x0)
            if overlap > slack * max(narrower, 1e-6):
                return False
    return True


def _separate(left: str, right: str) -> bool:
    """Whether a space must stay between two adjacent words (decimal numbers in table cells; a date and the
    time of day printed after it, 20261121 13:54:12, which fused would read as no date)."""
    if left[-1:].isdigit() and TIME_OF_DAY.match(right):
        return True
    tail = re.search(r"[-+\d,.]+$", left)
    head = re.match(r"[-+\d,.]+", right)
    return bool(tail and head and (_NUMBER.fullmatch(tail.group(0)) or _NUMBER.fullmatch(head.group(0))))


def _columns_apart(left: str, right: str, before: Word | None, word: Word) -> bool:
    """Whether two words that would fuse into one number stand a column apart (a phone number at the left
    of a row and a date at its right: 联系电话：027-46369156 … 2026/07/08)."""
    if before is None or not (left[-1:].isdigit() and right[:1].isdigit()):
        return False
    height = min(before.bbox.y1 - before.bbox.y0, word.bbox.y1 - word.bbox.y0)
    return word.bbox.x0 - before.bbox.x1 > COLUMN_GAP * height


class PageText:
    """A page's text line by line, spaces between words dropped, mapped back to its words.

    Each line is the concatenation of its words (half-width); the spans record which characters
    came from which word so that a match turns back into a box and a confidence. Characters in ``drop``
    are left out of the words' text (a form's brackets around its filled-in values: 买受人：【张三】).
    ``columns`` True: two numbers a column gap apart on a row are kept apart too (a letter's phone at the
    left and its date at the right; a table's rows are parsed by their own rules and keep them fused).
    """

    def __init__(self, page: Page, *, drop: str = "", columns: bool = False) -> None:
        self.page = page
        self.lines: list[str] = []
        self.offsets: list[int] = []
        self._spans: list[tuple[int, int, Word]] = []
        offset, unwanted = 0, str.maketrans("", "", drop)
        for words in visual_lines(page):
            text, before = "", None
            for word in words:
                chunk = re.sub(r"\s+", "", to_halfwidth(word.text).translate(unwanted))
                if drop and not chunk:
                    continue  # a bracket on its own is no word of the text
                if text and (_separate(text, chunk) or columns and _columns_apart(text, chunk, before, word)):
                    text += " "  # two amounts side by side must not fuse into one number
                before = word
                self._spans.append((offset + len(text), offset + len(text) + len(chunk), word))
                text += chunk
            self.lines.append(text)
            self.offsets.append(offset)
            offset += len(text)
        self.joined = "".join(self.lines)

    def words_in(self, start: int, end: int) -> list[Word]:
        """Words overlapping characters ``start:end`` of :attr:`joined`."""
        return [w for a, b, w in self._spans if a < end and b > start]

    def search_joined(self, pattern: re.Pattern[str] | str) -> Hit | None:
        """First match across line breaks (for wrapped paragraphs)."""
        match = re.search(pattern, self.joined)
        return None if match is None else Hit(text=self, offset=0, match=match)

    def search(self, pattern: re.Pattern[str] | str, *, start_line: int = 0) -> Hit | None:
        """First match on any line from ``start_line``, top to bottom."""
        return next(self.finditer(pattern, start_line=start_line), None)

    def finditer(self, pattern: re.Pattern[str] | str, *, start_line: int = 0) -> Iterator[Hit]:
        """Every match, line by line."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        for index in range(start_line, len(self.lines)):
            for match in regex.finditer(self.lines[index]):
                yield Hit(text=self, offset=self.offsets[index], match=match)

    def field(self, span: tuple[int, int], value: object) -> Field:
        """A Field for ``value`` read from characters ``span`` of :attr:`joined`."""
        words = self.words_in(*span)
        return Field(
            value=value,
            confidence=round(min((w.confidence for w in words), default=0.0), 3),
            page=self.page.number,
            bbox=union_boxes([w.bbox for w in words]),
            raw=self.joined[span[0] : span[1]],
        )

    def field_of(self, spans: list[tuple[int, int]]) -> Field:
        """A Field for the text of several spans read as one (a value wrapped onto further lines)."""
        value = "".join(self.joined[a:b] for a, b in spans)
        words = [w for a, b in spans for w in self.words_in(a, b)]
        return Field(
            value=value,
            confidence=round(min((w.confidence for w in words), default=0.0), 3),
            page=self.page.number,
            bbox=union_boxes([w.bbox for w in words]),
            raw=value,
        )

    def spans_of_line(self, index: int) -> list[tuple[int, int, Word]]:
        """``(start, end, word)`` of each word of line ``index``, left to right."""
        start = self.offsets[index]
        end = start + len(self.lines[index])
        return [(a, b, w) for a, b, w in self._spans if start <= a < end]

    def line_at(self, position: int) -> int:
        """Index of the line holding character ``position`` of :attr:`joined`."""
        return max(0, bisect.bisect_right(self.offsets, position) - 1)


@dataclass(frozen=True)
class Hit:
    """A regex match on a page; ``offset`` maps a line match into :attr:`PageText.joined`."""

    text: PageText
    offset: int
    match: re.Match[str]

    @property
    def line(self) -> int:
        """Index of the line the match starts on."""
        return self.text.line_at(self.offset + self.match.start())

    def group(self, name: int | str = 1) -> str:
        """The text of a group ('' when it did not take part)."""
        return self.match.group(name) or ""

    def field(self, value: object, group: int | str = 1) -> Field:
        """A Field for ``value`` with the evidence of ``group``."""
        start, end = self.match.span(group)
        return self.text.field((self.offset + start, self.offset + end), value)


def label_values(text: PageText, labels: dict[str, tuple[str, ...]], *, columns: bool = False,
                 wrapped: frozenset[str] = frozenset()) -> dict[str, Field]:
    """Key–value layouts (licences, statement headers): the text after a label up to the next label.

    ``labels`` maps a field name to the label spellings that introduce it. Labels are found on each
    line; a value ends where the next known label starts on the same line, or at the line's end. A
    label with nothing after it takes the next line when that line holds no label of its own.

    ``columns`` (a form in two columns, like a licence): a value also ends at a gap wider than
    COLUMN_GAP letters, where the other column begins. Fields in ``wrapped`` go on onto the following
    lines whose words start under the value's first word, up to the next label of that column.
    """
    spellings = sorted(((s, name) for name, alts in labels.items() for s in alts), key=lambda x: -len(x[0]))
    pattern = re.compile("|".join(re.escape(s) for s, _ in spellings))
    owner = {s: name for s, name in spellings}
    out: dict[str, Field] = {}
    for index, line in enumerate(text.lines):
        found = [m for m in pattern.finditer(line)]
        for position, match in enumerate(found):
            end = found[position + 1].start() if position + 1 < len(found) else len(line)
            start = match.end()
            while start < end and line[start] in ":：;；,，.。 /／、|":
                start += 1
            name = owner[match.group(0)]
            if name in out:
                continue
            if start >= end and position + 1 < len(found) and owner[found[position + 1].group(0)] == name:
                continue  # 卡号/账号：… — two spellings of one label; the value follows the second
            offset = text.offsets[index]
            if start < end:
                spans = [(offset + start, offset + end)]
                if columns:
                    spans = [before_column_gap(text, spans[0])]
                if name in wrapped:
                    label = text.words_in(offset + match.start(), offset + match.end())
                    spans += _wrapped_lines(text, index, spans[0], min(w.bbox.x0 for w in label), pattern)
                out[name] = text.field_of(spans)
            elif index + 1 < len(text.lines) and not pattern.search(text.lines[index + 1]):
                nxt = text.offsets[index + 1]
                out[name] = text.field((nxt, nxt + len(text.lines[index + 1])), text.lines[index + 1])
    return out


COLUMN_GAP = 2.5  # a gap this many letter heights wide separates two columns of a form
WRAP_LINES = 2  # lines a wrapped value may go on over


def _letter_height(words: list[Word]) -> float:
    heights = sorted(w.bbox.y1 - w.bbox.y0 for w in words)
    return heights[len(heights) // 2] if heights else 0.0


def before_column_gap(text: PageText, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` cut where a gap wider than COLUMN_GAP letters opens between two of its words."""
    inside = [(a, b, w) for a, b, w in text.spans_of_line(text.line_at(span[0])) if a < span[1] and b > span[0]]
    height = _letter_height([w for _, _, w in inside])
    for (_, _, left), (a, _, right) in zip(inside, inside[1:], strict=False):
        if right.bbox.x0 - left.bbox.x1 > COLUMN_GAP * height:
            return span[0], max(span[0], a)
    return span


def _wrapped_lines(text: PageText, index: int, span: tuple[int, int], label_x0: float,
                   pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The parts of the next lines that carry on a value: words starting under its first word, close
    below it, on a line whose part of this column holds no label."""
    first = text.words_in(*span)
    if not first:
        return []
    height, x0 = _letter_height(first), min(w.bbox.x0 for w in first)
    bottom, right = max(w.bbox.y1 for w in first), max(w.bbox.x1 for w in first)
    out: list[tuple[int, int]] = []
    for line in range(index + 1, min(index + 1 + WRAP_LINES, len(text.lines))):
        column = [(a, b, w) for a, b, w in text.spans_of_line(line) if w.bbox.x0 >= label_x0 - height]
        if not column or any(pattern.search(w.text) for _, _, w in column):
            break  # nothing in this column, or its next label
        lead = column[0][2]
        if abs(lead.bbox.x0 - x0) > height or lead.bbox.y0 - bottom > 1.5 * height:
            break
        if max(w.bbox.x1 for _, _, w in column) - right > COLUMN_GAP * height:
            break  # the line above stopped well short of this one's end: it did not wrap, a next cell begins
        out.append((column[0][0], column[-1][1]))
        bottom = max(w.bbox.y1 for _, _, w in column)
        right = max(w.bbox.x1 for _, _, w in column)
    return out
