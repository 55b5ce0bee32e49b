"""Cells of a scanned table as OCR misreads them, mended before the cells are told apart by kind."""

from __future__ import annotations

import re

from docproc.core.models import Word

_LOOKALIKES = str.maketrans("BOoDIlSZ", "80001152")
_AMOUNT = r"[\dBOoDIlSZ]{1,3}(?:[,.]?[\dBOoDIlSZ]{3})*[.,][\dOo]{2}"
_LOOKALIKE_AMOUNT = re.compile(rf"[-+]?[¥￥]?{_AMOUNT}")
# the yen sign read as a letter of its shape (V2,000.00, Y418.53): its two strokes lost or its bar
_YEN_LOOKALIKE = re.compile(rf"([-+]?)[VYvy](?={_AMOUNT}$)")


def lookalike_digits(word: Word) -> Word:
    """An amount with a letter OCR took for a digit (-B00.00, 1,2O5.50) or for its yen sign (V2.000.00) as
    digits and ¥: only a word shaped like an amount, with two decimals and more digits than letters
    before them, is changed (ATM, POS and names are not)."""
    text = _YEN_LOOKALIKE.sub(r"\1¥", word.text.strip(), count=1)
    if text.translate(_LOOKALIKES) == text == word.text.strip() or not _LOOKALIKE_AMOUNT.fullmatch(text):
        return word
    whole = text[:-3]
    if sum(c.isdigit() for c in whole) < sum(c.isalpha() for c in whole):  # mostly letters: no amount
        return word
    return word.model_copy(update={"text": text.translate(_LOOKALIKES)})


_MONTH, _DAY = r"(?:0[1-9]|1[0-2])", r"(?:0[1-9]|[12]\d|3[01])"
# a date whose scan lost one of its two separators: 202608-12, 2026/0812; not with a point, which an
# amount also has (198011.26)
_ONE_SEPARATOR = re.compile(rf"((?:19|20)\d{{2}})(?:({_MONTH})([-/])({_DAY})|([-/])({_MONTH})({_DAY}))")


def lost_separator(word: Word) -> Word:
    """A date read with one of its separators lost (202608-12) with both again (2026-08-12): as it was
    read, it is neither a date nor an amount."""
    match = _ONE_SEPARATOR.fullmatch(word.text.strip())
    if match is None:
        return word
    year, month = match.group(1), match.group(2) or match.group(6)
    separator, day = match.group(3) or match.group(5), match.group(4) or match.group(7)
    return word.model_copy(update={"text": f"{year}{separator}{month}{separator}{day}"})


# an amount of a statement's cell whose decimal point a scan read as a comma, half or full width: one comma,
# two digits after it, and no other separator (97,48, 71697，23); a thousands comma has three digits after it,
# and every figure of the table prints its two decimals
_COMMA_POINT = re.compile(r"([-+]?[¥￥]?\d+)[,，](\d{2})")


def comma_point(word: Word) -> Word:
    """A table's amount read with a comma for its decimal point (97,48) with the point (97.48)."""
    match = _COMMA_POINT.fullmatch(word.text.strip())
    return word if match is None else word.model_copy(update={"text": f"{match.group(1)}.{match.group(2)}"})


# a row's serial number read into one box with the date after it (12025/12/20: row 1, 2025/12/20)
_SERIAL_DATE = re.compile(r"(\d{1,3})((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)")
# ... and with a date printed without separators (14920260923: row 149, 20260923), a calendar month and day: only
# where the word begins its line, as a row's serial does (a mobile number 13820251211 elsewhere is no row)
_SERIAL_COMPACT = re.compile(rf"(\d{{1,3}})((?:19|20)\d{{2}}{_MONTH}{_DAY})")


def serial_apart(word: Word, *, first: bool = False) -> list[Word]:
    """A serial number and the date after it read as one word, as two words (each its share of the box); a date
    without separators only in the ``first`` word of a line."""
    match = _SERIAL_DATE.fullmatch(word.text.strip()) or (_SERIAL_COMPACT.fullmatch(word.text.strip()) if first else None)
    if match is None:
        return [word]
    box, cut = word.bbox, len(match.group(1)) / len(match.group(0))
    middle = box.x0 + (box.x1 - box.x0) * cut
    return [word.model_copy(update={"text": match.group(1), "bbox": box.model_copy(update={"x1": middle})}),
            word.model_copy(update={"text": match.group(2), "bbox": box.model_copy(update={"x0": middle})})]
