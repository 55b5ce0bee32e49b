"""Resident identity card numbers (GB 11643-1999): check digit, parsing, OCR tolerance."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

Sex = Literal["男", "女"]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_MAP = "10X98765432"
_FIRST17 = re.compile(r"[0-9]{17}")
_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
# An id number standing in running text (not inside a longer run of digits).
IN_TEXT = re.compile(r"(?<![0-9])([1-9]\d{16}[\dXx])(?![0-9])")

# Digits OCR engines mistake for one another: what the read digit may really have been.
_DIGIT_CONFUSIONS = {
    "0": "689", "1": "74", "2": "7", "3": "85", "4": "19",
    "5": "63", "6": "508", "7": "12", "8": "3609", "9": "840",
}  # fmt: skip
# Non-digits OCR engines put in place of a digit or the X.
_LETTER_CONFUSIONS = (
    ("OoDQU〇Cc", "0"), ("IliL|!", "1"), ("Zz", "2"), ("B", "83"), ("A", "4"),
    ("Ss", "5"), ("Gb", "6"), ("T", "7"), ("gq", "9"), ("xKk×Y)>〉", "X"),
)  # fmt: skip
# (an X with one stroke lost to a fax or a copy reads as ")" or ">"; a 0 opened on one side as "C")
# For each character that may appear in a misread number, the characters (digits and X only,
# nothing else can be in a valid number) it may really have been.
_CONFUSIONS: dict[str, str] = _DIGIT_CONFUSIONS | {
    letter: truth for letters, truth in _LETTER_CONFUSIONS for letter in letters
}


@dataclass(frozen=True)
class IdNumberInfo:
    """What an 18-character id number says about itself."""

    number: str
    valid_format: bool
    valid_check_digit: bool
    birth_date: date | None
    sex: Sex | None
    region_code: str

    @property
    def is_valid(self) -> bool:
        """Well-formed, check digit right and a real calendar birth date."""
        return self.valid_format and self.valid_check_digit and self.birth_date is not None


def check_digit(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) for the first 17 digits."""
    if not _FIRST17.fullmatch(first17):
        raise ValueError(f"expected 17 ASCII digits, got {first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_MAP[total % 11]


def clean_id_number(s: str) -> str:
    """Full-width to ASCII, whitespace removed, lowercase x upper-cased."""
    return "".join(unicodedata.normalize("NFKC", s).split()).replace("x", "X")


def parse_id_number(s: str) -> IdNumberInfo:
    """Parse an 18-character id number; never raises, flags say what is wrong."""
    number = clean_id_number(s)
    if not _FORMAT.fullmatch(number):
        return IdNumberInfo(number, False, False, None, None, "")
    return IdNumberInfo(
        number=number,
        valid_format=True,
        valid_check_digit=check_digit(number[:17]) == number[17],
        birth_date=_birth_date(number[6:14]),
        sex="男" if int(number[16]) % 2 else "女",
        region_code=number[:6],
    )


def _birth_date(yyyymmdd: str) -> date | None:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def candidates_with_one_confusion(s: str) -> list[str]:
    """Valid id numbers obtained from s by undoing one OCR confusion at one position."""
    raw = "".join(unicodedata.normalize("NFKC", s).split())
    if len(raw) != 18:
        return []
    found: set[str] = set()
    for i, ch in enumerate(raw):
        for alt in _CONFUSIONS.get(ch, ""):
            candidate = clean_id_number(raw[:i] + alt + raw[i + 1 :])
            if candidate != clean_id_number(raw) and parse_id_number(candidate).is_valid:
                found.add(candidate)
    return sorted(found)


# A run of digits that may hold a number: 17 read with a glyph no number has after them (its last character
# misread), or up to four more digits run into it (a label's misread 号码, a neighbour's digits, no gap between).
_RUN = re.compile(r"(?<![0-9])([0-9]{17,22})([^\s0-9]?)")
# a speck between two digits read as a point or a comma (4201061998.08041239 on a fax)
_SPECKED = re.compile(r"(?<![0-9.,])([0-9]{1,17})[.,·]([0-9]{1,17}[0-9Xx]?)(?![0-9.,])")


def mended_in_text(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, number)`` of each number in ``text`` the read garbled in a way the number itself vouches for:

    - the last character read as a glyph that is no digit and no X (``51010719860925258)``), where that glyph
      is a known misreading of the check character the first 17 digits give;
    - the 18 characters within a longer run of digits (``47210102197510245833``), where exactly one 18-character
      window of the run is a valid number (check digit and birth date);
    - 18 characters with a point or comma read between two of them (``4201061998.08041239``: a fax's speck), where
      they make a valid number.

    Numbers read whole are not listed (``IN_TEXT`` finds those)."""
    found: list[tuple[int, int, str]] = []
    for match in _RUN.finditer(text):
        run, glyph = match.group(1), match.group(2)
        if len(run) == 17:
            number = run + check_digit(run)
            if glyph and number[17] in _CONFUSIONS.get(glyph, "") and parse_id_number(number).is_valid:
                found.append((match.start(1), match.end(2), number))
            continue
        windows = [i for i in range(len(run) - 17) if parse_id_number(run[i : i + 18]).is_valid]
        if len(run) > 18 and len(windows) == 1:
            start = match.start(1) + windows[0]
            found.append((start, start + 18, run[windows[0] : windows[0] + 18]))
    for match in _SPECKED.finditer(text):
        number = (match.group(1) + match.group(2)).upper()
        if len(number) == 18 and parse_id_number(number).is_valid:
            found.append((match.start(1), match.end(2), number))
    return found


def within_one_confusion(a: str, b: str) -> bool:
    """True when a and b are the same number or differ by one OCR confusion."""
    ca, cb = clean_id_number(a), clean_id_number(b)
    if ca == cb:
        return True
    if len(ca) != len(cb):
        return False
    diffs = [(x, y) for x, y in zip(ca, cb, strict=True) if x != y]
    return len(diffs) == 1 and _confusable(*diffs[0])


def _confusable(x: str, y: str) -> bool:
    return y in _CONFUSIONS.get(x, "") or x in _CONFUSIONS.get(y, "")


def make_id_number(region: str, birth: date, seq: int, sex: str) -> str:
    """Build a valid id number; seq is the 3-digit order code, its parity forced to sex."""
    if not re.fullmatch(r"[0-9]{6}", region):
        raise ValueError(f"region must be 6 digits, got {region!r}")
    if not 0 <= seq <= 999:
        raise ValueError(f"seq must be in 0..999, got {seq}")
    if sex not in ("男", "女"):
        raise ValueError(f"sex must be 男 or 女, got {sex!r}")
    order = (seq & ~1) | (1 if sex == "男" else 0)
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)


def mask(id_number: str) -> str:
    """An id number with its middle hidden, for reasons and lists."""
    return id_number[:3] + "*" * max(0, len(id_number) - 7) + id_number[-4:] if len(id_number) > 7 else "***"
