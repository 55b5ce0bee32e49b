"""A value beside its label found by the words' boxes, not by the rows a reader grouped them into: a tilted
photo puts a label on one row and its value on the next (营业期限 | 2020年…至2050年…, grouped with a QR code's
caption instead), and a letter-spaced label (住　所) may be split over two rows."""

from __future__ import annotations

import re

from docproc.cn.normalize import to_halfwidth
from docproc.core.models import BBox, Field, Word
from docproc.extractors._text import COLUMN_GAP, PageText

LABEL_GAP = 3.0  # letter heights between a label and its value, at most (a form's label column)
SPACED_GAP = 3.0  # letter heights between two letters of a letter-spaced label, at most
ROW_OVERLAP = 0.5  # share of the smaller height two boxes of one row overlap by, at least


def _plain(word: Word) -> str:
    return re.sub(r"\s+", "", to_halfwidth(word.text))


def _same_row(a: Word, b: Word) -> bool:
    overlap = min(a.bbox.y1, b.bbox.y1) - max(a.bbox.y0, b.bbox.y0)
    return overlap >= ROW_OVERLAP * min(a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0)


def _height(words: list[Word]) -> float:
    return min(w.bbox.y1 - w.bbox.y0 for w in words)


def _right_of(word: Word, spans: list[tuple[int, int, Word]]) -> list[tuple[int, int, Word]]:
    """The words of ``word``'s row to its right, nearest first: starting past its end, or past its middle and
    ending beyond it (a detector's box of one letter of a spaced label may reach back into the letter before)."""
    box = word.bbox

    def right(other: BBox) -> bool:
        return other.x0 >= box.x1 - 1 or (other.x0 > (box.x0 + box.x1) / 2 and other.x1 > box.x1)

    return sorted((s for s in spans if s[2] is not word and right(s[2].bbox) and _same_row(word, s[2])),
                  key=lambda s: s[2].bbox.x0)


def label_words(text: PageText, spellings: tuple[str, ...]) -> list[list[Word]]:
    """Each place a label stands as whole words: one word that is the label, or its letters in words side by
    side on one row (住 | 所), whatever rows the reader put them in."""
    spans = [s for i in range(len(text.lines)) for s in text.spans_of_line(i)]
    found: list[list[Word]] = []
    for spelling in sorted(spellings, key=len, reverse=True):
        for _, _, first in spans:
            chain, read = [first], _plain(first)
            while spelling.startswith(read) and read != spelling:
                nxt = _right_of(chain[-1], spans)
                if not nxt or nxt[0][2].bbox.x0 - chain[-1].bbox.x1 > SPACED_GAP * _height(chain):
                    break
                chain.append(nxt[0][2])
                read += _plain(nxt[0][2])
            if read == spelling and not any(first in other for other in found):
                found.append(chain)
    return found


def value_beside(text: PageText, label: list[Word], not_values: re.Pattern[str] | None = None) -> Field | None:
    """The words right of a label on its row by their boxes: the nearest within LABEL_GAP letters of it, then
    the next ones up to a gap wider than a column's; never a word that is a label (``not_values``)."""
    spans = [s for i in range(len(text.lines)) for s in text.spans_of_line(i)]
    height = _height(label)
    row = _right_of(label[-1], spans)
    if not row or row[0][2].bbox.x0 - label[-1].bbox.x1 > LABEL_GAP * height:
        return None
    taken = [row[0]]
    for span in row[1:]:
        if span[2].bbox.x0 - taken[-1][2].bbox.x1 > COLUMN_GAP * height:
            break
        taken.append(span)
    if not_values is not None and any(not_values.fullmatch(_plain(w)) for _, _, w in taken):
        return None
    return text.field_of([(a, b) for a, b, _ in taken])
