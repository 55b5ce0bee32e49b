"""An ID card's number read again where the first read lost part of it: its last character at the card's edge,
or digits between pieces (an overprint, glare, a fold); digits and X only, kept only when the check digit holds.
Also a number the first read garbled in a way its own check digit mends (a last character degraded to a glyph,
digits run into it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docproc.cn.id_number import mended_in_text, parse_id_number
from docproc.core.models import BBox, Field
from docproc.extractors._reread import DIGITS, cell_readers, reread
from docproc.extractors._text import PageText

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext


def in_order(digits: str, parts: list[str]) -> bool:
    """Whether ``parts`` occur in ``digits`` left to right (separators misread as digits between)."""
    position = 0
    for part in parts:
        found = digits.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


_SEVENTEEN = re.compile(r"(?<![0-9])([1-9]\d{16})(?![0-9Xx])")  # a number whose last character was not read
WIDEN_CHARACTERS = 3  # how many characters' width a cut number's box is widened by to the right


def cut_number_read_again(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """A number read with 17 characters (its last one lost at the card's edge or to glare) read again from its
    box widened to the right, digits and X only (by the digits engine, then by the page's); kept only when it starts
    with the 17 read and its check digit holds."""
    for hit in text.finditer(_SEVENTEEN):
        field = hit.field(hit.group(1))
        if field.bbox is None:
            continue
        box = field.bbox
        step = (box.x1 - box.x0) / len(hit.group(1))  # one character's width (the box may hold its label too)
        wider = BBox(x0=box.x0, y0=box.y0, x1=box.x1 + WIDEN_CHARACTERS * step, y1=box.y1, unit=box.unit)
        for read_cell in cell_readers(ctx, DIGITS + "X"):  # digits only, then the page's engine
            if (again := read_cell(text.page, wider)) is None:
                continue
            read = re.sub(r"[^0-9X]", "", again[0].upper())
            number = read[read.find(hit.group(1)):][:18] if hit.group(1) in read else ""
            if len(number) == 18 and parse_id_number(number).valid_check_digit:
                return field.model_copy(update={"value": number, "raw": again[0]})
    return None


_PIECE = re.compile(r"\d{3,17}[Xx]?")  # a run of the number's digits read on its own
MIN_DIGITS_READ = 6  # fewer digits read on a row are no sign of an id number there
NUMBER_LENGTH = 18
REREAD_SHARE = 0.8  # share of its pieces' confidence kept by a number whose lost digits only a re-read gave


def pieces_read_again(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """A number read only in pieces (digits lost under an overprint, glare or a fold between them): the row read
    again, digits and X only, over the width eighteen digits take on either side of its longest piece; kept only
    when the re-read holds a number whose check digit holds and which has every piece of that row in it, in order."""
    for index in range(len(text.lines)):
        words = [w for _, _, w in text.spans_of_line(index)]
        pieces = [w for w in words if _PIECE.fullmatch(w.text.strip())]
        if not pieces:
            continue
        anchor = max(pieces, key=lambda w: len(w.text.strip()))
        middle = (anchor.bbox.y0 + anchor.bbox.y1) / 2
        pieces = [w for w in pieces if w.bbox.y0 <= middle <= w.bbox.y1]  # the anchor's own row, not a merged one
        read = sum(len(w.text.strip()) for w in pieces)
        if not MIN_DIGITS_READ <= read < NUMBER_LENGTH:
            continue
        step = sum(w.bbox.x1 - w.bbox.x0 for w in pieces) / read  # one digit's width
        reach = (NUMBER_LENGTH - read) * step
        span = (NUMBER_LENGTH + 1) * step  # pieces of one number lie within its width of each other
        near = [w for w in pieces if max(w.bbox.x1, anchor.bbox.x1) - min(w.bbox.x0, anchor.bbox.x0) <= span]
        box = BBox(x0=max(0.0, min(w.bbox.x0 for w in near) - reach), y0=min(w.bbox.y0 for w in near),
                   x1=max(w.bbox.x1 for w in near) + reach, y1=max(w.bbox.y1 for w in near), unit=anchor.bbox.unit)
        again = reread(ctx, text.page, box, whitelist=DIGITS + "X", digits=True)
        if again is None:
            continue
        digits = re.sub(r"[^0-9X]", "", again[0].upper())
        found = {n for n in (digits[i : i + NUMBER_LENGTH] for i in range(len(digits) - NUMBER_LENGTH + 1))
                 if _plausible(n) and in_order(n, [w.text.strip().upper() for w in near])}
        if len(found) == 1:  # two numbers that both fit are no reading of one
            confidence = round(min(w.confidence for w in near) * REREAD_SHARE, 3)
            return Field(value=found.pop(), confidence=confidence, page=text.page.number, raw=again[0], bbox=box)
    return None


# GB/T 2260 province codes, the first two digits of every resident's number
_PROVINCE_CODES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
                             51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83})


def _plausible(number: str) -> bool:
    """A number read partly from a re-read: check digit, calendar birth date and province code all hold."""
    return parse_id_number(number).is_valid and int(number[:2]) in _PROVINCE_CODES


MENDED_SHARE = 0.8  # share of its read's confidence kept by a number whose last character the check digit gave


def mended_number(text: PageText) -> Field | None:
    """A number read with its last character as a glyph no number has, or run together with other digits, that
    the number's own check digit mends (``docproc.cn.id_number.mended_in_text``)."""
    for index, line in enumerate(text.lines):
        for start, end, number in mended_in_text(line):
            field = text.field((text.offsets[index] + start, text.offsets[index] + end), number)
            if line[start:end] == number:
                return field  # cut out of a longer run: every character as read, the check digit holds
            return field.model_copy(update={"confidence": round(field.confidence * MENDED_SHARE, 3)})
    return None
