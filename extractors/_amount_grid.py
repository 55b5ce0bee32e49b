"""Amounts written in a place-value grid: 佰 拾 万 仟 佰 拾 元 角 分 over one digit per column (bank forms,
cheques, 进账单). The digits carry no decimal point: the column each digit stands under says its place, and
the grid is filled up to its right-hand end (¥ before the first digit)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docproc.core.models import Field, Word
from docproc.extractors._text import PageText, union_boxes

PLACES = {"分": -2, "角": -1, "元": 0, "圆": 0, "拾": 1, "十": 1, "佰": 2, "百": 2, "仟": 3, "千": 3,
          "万": 4, "亿": 8}
_HEADER = re.compile(rf"[{''.join(PLACES)}]{{4,}}")
_DIGITS = re.compile(r"[¥￥]?(\d{1,12})")
BELOW = 4.0  # the digits' row starts at most this many heights of the places' row under it


@dataclass(frozen=True)
class GridAmount:
    """An amount read from a place-value grid: its value, evidence and the text line of its places' row."""

    value: Decimal
    field: Field
    header_line: int


def _places(header: str) -> list[int]:
    """Powers of ten of the columns, left to right: 佰拾万仟佰拾元角分 → 8 7 … 0 -1 -2 (万 and 亿 reset the count)."""
    powers, unit = [], 0
    for char in reversed(header):
        place = PLACES[char]
        if place in (4, 8):
            unit = place
            powers.append(place)
        else:
            powers.append(unit + place if place > 0 else place)
    return powers[::-1]


def grid_amounts(text: PageText) -> list[GridAmount]:
    """Every amount written under a row of places, with the column of its last digit giving its place."""
    found = []
    for index in range(len(text.lines)):
        header_words = [w for _, _, w in text.spans_of_line(index) if _HEADER.fullmatch(re.sub(r"\s+", "", w.text))]
        for header in header_words:
            places = _places(re.sub(r"\s+", "", header.text))
            cell = (header.bbox.x1 - header.bbox.x0) / len(places)
            reach = header.bbox.y1 + BELOW * (header.bbox.y1 - header.bbox.y0)
            for below in range(index + 1, len(text.lines)):
                row = text.spans_of_line(below)
                if not row or min(w.bbox.y0 for _, _, w in row) > reach:
                    break
                amount = _under(text, below, header, places, cell)
                if amount is not None:
                    found.append(GridAmount(amount[0], amount[1], index))
                    break
    return found


def _under(text: PageText, index: int, header: Word, places: list[int], cell: float) -> tuple[Decimal, Field] | None:
    """The digits of line ``index`` standing under ``header``'s columns, as an amount."""
    for _, _, word in text.spans_of_line(index):
        digits = _DIGITS.fullmatch(re.sub(r"\s+", "", word.text))
        if not digits or word.bbox.x1 <= header.bbox.x0 or word.bbox.x0 >= header.bbox.x1 + cell:
            continue
        last = int((word.bbox.x1 - header.bbox.x0) // cell)  # the column the last digit stands in
        if not 0 <= last < len(places) or len(digits.group(1)) > last + 1:
            continue
        value = Decimal(int(digits.group(1))).scaleb(places[last]).quantize(Decimal("0.01"))
        evidence = Field(value=value, confidence=word.confidence, page=text.page.number,
                         bbox=union_boxes([header.bbox, word.bbox]), raw=word.text)
        return value, evidence
    return None
