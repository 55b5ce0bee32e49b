"""Candidate values of a field found by its labels (docproc/cn/labels.toml): right of the label on its line,
in the cell below it, or in the prose that follows it; never with a piece of a label left on the value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from docproc.cn import vocab
from docproc.core.models import Field
from docproc.extractors._text import COLUMN_GAP, PageText, before_column_gap

SEPARATORS = ":;,.。/|、 "  # between a label and its value (the text is half-width)


def past_separators(line: str, start: int) -> int:
    """The first index at or after ``start`` that is not a separator between a label and its value."""
    while start < len(line) and line[start] in SEPARATORS:
        start += 1
    return start
MIN_RESIDUE = 2  # a label's tail shorter than this (one character) may well begin a value
# A label's qualifier in brackets: 工作单位(全称), 月均收入(小写), 买受人(以下简称乙方). No digits: a value may
# open with a bracketed year or number ((2026)京0105民初123号).
_QUALIFIER = re.compile(r"\([^()0-9]{1,10}\)")


@dataclass(frozen=True)
class Candidate:
    """A stretch of a page's text that may hold a field's value: characters ``start:end`` of the joined text."""

    text: PageText
    start: int
    end: int
    how: str  # right | below | prose
    gap: str = ""  # what stood between the label and the value (a colon, a label's tail)

    @property
    def value(self) -> str:
        """The candidate's text."""
        return self.text.joined[self.start : self.end]

    def field(self, value: object, span: tuple[int, int] | None = None) -> Field:
        """A Field for ``value`` with the evidence of the candidate, or of ``span`` within it."""
        a, b = span if span is not None else (0, self.end - self.start)
        return self.text.field((self.start + a, self.start + b), value)


class Labels:
    """The labels of one document type, and the finder of candidate values by them."""

    def __init__(self, doc_type: str) -> None:
        self.fields = vocab.labels(doc_type)
        spellings = sorted({s for alts in self.fields.values() for s in alts}, key=len, reverse=True)
        self._spellings = frozenset(spellings)
        self._any = re.compile("|".join(re.escape(s) for s in spellings))
        tails = {s[i:] for s in spellings for i in range(len(s) - MIN_RESIDUE + 1)} | set(vocab.words(doc_type, "residue"))
        self._residue = re.compile("(?:" + "|".join(re.escape(t) for t in sorted(tails, key=len, reverse=True)) + ")")
        self._words = re.compile("(?:" + "|".join(re.escape(t) for t in sorted(
            set(vocab.words(doc_type, "residue")) | {""}, key=len, reverse=True)) + ")")
        self._not_after = tuple(vocab.words(doc_type, "not_after"))
        glosses = sorted(vocab.glosses(), key=len, reverse=True)
        self._gloss = re.compile("(?:" + "|".join(re.escape(g) for g in glosses) + ")(?![a-z])", re.IGNORECASE)

    def value_start(self, line: str, start: int, end: int, *, tails: bool = True) -> int:
        """Where a value begins after ``start``: past separators, any label or label tail glued before it,
        the label's bracketed qualifier and its English gloss (账户名称 Name). ``tails`` False: the value
        stands apart from its label, so no tail of a label was glued to it (岗位 | 部门经理 keeps 部门)."""
        residue = self._residue if tails else self._words
        while start < end:
            if line[start] in SEPARATORS:
                start += 1
            elif (match := residue.match(line, start, end) or _QUALIFIER.match(line, start, end)
                    or self._gloss.match(line, start, end)) is not None and match.end() > start:
                start = match.end()
            else:
                break
        return start

    def is_label(self, value: str) -> bool:
        """Whether ``value`` is one of the type's labels (a column heading), bracketed qualifier aside: a
        label is never a value."""
        return _QUALIFIER.sub("", value).strip(SEPARATORS) in self._spellings

    def candidates(self, text: PageText, name: str, *, reach: int = 0, headings: bool = False) -> list[Candidate]:
        """Candidate values of field ``name``, top to bottom: right of each of its labels (up to the next
        label or a column gap), else in the cell below; with ``reach``, also the next ``reach`` characters
        of prose after the label, across line breaks; with ``headings``, also the cell below a label where
        what stands right of it holds no figure (a row of column headings set close, 建筑面积（㎡） 套内面积（㎡）)."""
        own = set(self.fields.get(name, ()))
        out: list[Candidate] = []
        for index, line in enumerate(text.lines):
            found = list(self._any.finditer(line))
            for position, match in enumerate(found):
                if match.group(0) not in own or line[: match.start()].endswith(self._not_after):
                    continue  # another field's label, or a column heading (对方户名)
                stop = found[position + 1].start() if position + 1 < len(found) else len(line)
                out += self._at_label(text, index, match, stop, reach, headings)
        return out

    def _at_label(self, text: PageText, index: int, match: re.Match[str], stop: int, reach: int,
                  headings: bool = False) -> list[Candidate]:
        line, offset = text.lines[index], text.offsets[index]
        start = self.value_start(line, match.end(), stop)
        if start > match.end() and _across_gap(text, offset + match.end(), offset + match.end() + 1):
            start = self.value_start(line, match.end(), stop, tails=False)  # a cell of its own: nothing glued
        out: list[Candidate] = []
        right = None
        if start < stop:
            a, b = before_column_gap(text, (offset + start, offset + stop))
            if a < b and not self.is_label(text.joined[a:b]):
                right = Candidate(text, a, b, "right", line[match.end() : start])
        if right is not None:
            out.append(right)
        beside_heading = headings and right is not None and not any(c.isdigit() for c in right.value)
        if (right is None or beside_heading or _across_gap(text, offset + match.end(), right.start)) and (
                below := self._below(text, index, match, stop)) is not None:
            out.append(below)  # nothing beside the label but the next heading (or what stands a column away from
            # it, which may be one: 户名 | 存折账号): labels over values, read down
        if reach:
            begin = offset + self.value_start(line, match.end(), len(line))
            out.append(Candidate(text, begin, min(len(text.joined), begin + reach), "prose"))
        return out

    def _below(self, text: PageText, index: int, match: re.Match[str], stop: int) -> Candidate | None:
        """The cell under the label: the next line's words whose boxes overlap the label's column (a value
        centred under its heading may start left of it and end right of it), else, in a grid of centred
        labels over left-aligned values, the words between the headings beside it; never another label."""
        if index + 1 >= len(text.lines):
            return None
        offset = text.offsets[index]
        label = text.words_in(offset + match.start(), offset + match.end())
        if not label:
            return None
        x0, x1 = min(w.bbox.x0 for w in label), max(w.bbox.x1 for w in label)
        following = text.words_in(offset + stop, offset + stop + 1) if stop < len(text.lines[index]) else []
        bound = min((w.bbox.x0 for w in following), default=float("inf"))  # where the next heading begins
        row = text.spans_of_line(index + 1)
        first = next((i for i, (_, _, w) in enumerate(row) if w.bbox.x0 < x1 and w.bbox.x1 > x0), None)
        before = text.words_in(offset, offset + match.start()) if match.start() else []
        since = max((w.bbox.x1 for w in before), default=float("-inf"))  # where the heading before ends
        if first is None:  # a value left-aligned in a grid under a centred label: within the label's column
            first = next((i for i, (_, _, w) in enumerate(row) if w.bbox.x0 >= since and w.bbox.x1 <= bound), None)
        if first is None:
            return None
        height = min(w.bbox.y1 - w.bbox.y0 for w in label)
        while first and row[first - 1][2].bbox.x0 >= since \
                and row[first][2].bbox.x0 - row[first - 1][2].bbox.x1 <= COLUMN_GAP * height:
            first -= 1  # the value begins left of its label (6213 3502 2447 3891 559 under 存折账号)
        cell = [row[first]]
        for span in row[first + 1 :]:  # a value read as several words, up to the next heading's column
            if span[2].bbox.x1 > bound or span[2].bbox.x0 - cell[-1][2].bbox.x1 > COLUMN_GAP * height:
                break
            cell.append(span)
        nxt = text.offsets[index + 1]
        if self._any.match(text.lines[index + 1], cell[0][0] - nxt) is not None:
            return None  # the next row's label: this label's value is not under it
        start = nxt + self.value_start(text.lines[index + 1], cell[0][0] - nxt, cell[-1][1] - nxt)
        return Candidate(text, start, cell[-1][1], "below") if start < cell[-1][1] else None


def _across_gap(text: PageText, end: int, start: int) -> bool:
    """Whether the words at characters ``end - 1`` and ``start`` stand a column gap apart (two cells)."""
    left, right = text.words_in(end - 1, end), text.words_in(start, start + 1)
    if not left or not right or left[-1] is right[0]:
        return False
    a, b = left[-1].bbox, right[0].bbox
    return b.x0 - a.x1 > COLUMN_GAP * min(a.y1 - a.y0, b.y1 - b.y0)


@cache
def labels_of(doc_type: str) -> Labels:
    """The labels of ``doc_type`` (built once)."""
    return Labels(doc_type)


def first_valid(candidates: list[Candidate], parse: Callable[[Candidate], Field | None]) -> Field | None:
    """The first candidate that ``parse`` turns into a Field (``parse`` returns None for a value the field
    cannot be)."""
    return next((f for c in candidates if (f := parse(c)) is not None), None)
