"""Unified social credit codes (GB 32100-2015) and the embedded organisation code (GB 11714)."""

from __future__ import annotations

import re
import unicodedata

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(CHARSET)}
_FORMAT = re.compile(f"[{CHARSET}]{{18}}")

# GB 11714 organisation code (characters 9-17 of a USCC): 8 body characters + check.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY = re.compile(r"[0-9A-Z]{8}")

# The letters left out of the charset are exactly those that OCR confuses with digits.
_OCR_FIXES = str.maketrans({"O": "0", "I": "1", "Z": "2", "S": "5"})


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError(f"expected 17 characters of {CHARSET}, got {first17!r}")
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def normalize_uscc(s: str) -> str:
    """Upper-case, strip whitespace and map O/I/Z/S (never valid) to 0/1/2/5."""
    cleaned = "".join(unicodedata.normalize("NFKC", s).split()).upper()
    return cleaned.translate(_OCR_FIXES)


# Glyphs an OCR engine gives for a code's characters in small print: J read as a bracket, 1 as a bar or l.
_GLYPH_FIXES = str.maketrans({"]": "J", "|": "1", "l": "1", "!": "1"})


def mend_uscc(read: str) -> str | None:
    """The code ``read`` stands for when mapping OCR glyph confusions (] for J, O for 0, …) and case gives one
    whose check character holds; None otherwise. Only a code that checks out is mended: a mended guess that
    fails its check is no code at all."""
    code = normalize_uscc(read.translate(_GLYPH_FIXES))
    return code if is_valid_uscc(code) else None


def is_valid_uscc(s: str) -> bool:
    """True when s (case and whitespace aside) is 18 charset characters with a right check."""
    code = "".join(unicodedata.normalize("NFKC", s).split()).upper()
    return bool(_FORMAT.fullmatch(code)) and uscc_check_char(code[:17]) == code[17]


def org_code_check_char(body: str) -> str:
    """The GB 11714 check character for an 8-character organisation code body."""
    if not _ORG_BODY.fullmatch(body):
        raise ValueError(f"expected 8 digits or capital letters, got {body!r}")
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(region: str, seq: int, *, authority: str = "9", kind: str = "1") -> str:
    """Build a valid USCC: authority + kind + 6-digit region + organisation code + check."""
    if not re.fullmatch(r"[0-9]{6}", region):
        raise ValueError(f"region must be 6 digits, got {region!r}")
    if not 0 <= seq <= 99_999_999:
        raise ValueError(f"seq must be in 0..99999999, got {seq}")
    if len(authority) != 1 or len(kind) != 1 or not {authority, kind} <= _VALUE.keys():
        raise ValueError("authority and kind must be single charset characters")
    body = f"{seq:08d}"
    first17 = f"{authority}{kind}{region}{body}{org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)
