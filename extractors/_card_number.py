"""A statement's account number whose label the read lost (服号 for 账号): the one card number above the table.

Bank card numbers (16 to 19 digits) carry a Luhn check digit; a misread digit fails it. Above the table's header
a statement prints only its own number; the other sides' accounts stand in the rows below.
"""

from __future__ import annotations

import re

from docproc.cn.normalize import to_halfwidth
from docproc.core.models import Field, Page
from docproc.extractors._table_header import Column
from docproc.extractors._text import visual_lines

_CARD = re.compile(r"(?<!\d)\d{16,19}(?!\d)")


def luhn_valid(number: str) -> bool:
    """Whether the number's last digit is its Luhn check digit."""
    total = 0
    for i, digit in enumerate(int(d) for d in reversed(number)):
        total += digit if i % 2 == 0 else (digit * 2 - 9 if digit > 4 else digit * 2)
    return total % 10 == 0


def card_number_above_table(page: Page, header: tuple[int, list[Column]] | None) -> Field | None:
    """The one Luhn-valid card number printed above the page's table ``header`` (as find_header gives it; none
    without a header, or with two different such numbers there)."""
    if header is None:
        return None
    lines = visual_lines(page)
    top = min(w.bbox.y0 for w in lines[header[0]])
    found = {(m.group(0), id(w)): w for w in page.words if w.bbox.y1 <= top
             for m in _CARD.finditer(to_halfwidth(w.text).replace(" ", "")) if luhn_valid(m.group(0))}
    numbers = {number for number, _ in found}
    if len(numbers) != 1:
        return None
    word = next(iter(found.values()))
    return Field(value=numbers.pop(), confidence=round(word.confidence * 0.8, 3), page=page.number, bbox=word.bbox,
                 raw=word.text)
