"""Dates a seal's ink has damaged (日期：2026/09709, 0/892：) read again from their own box."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docproc.cn.month_day import month_day_splits
from docproc.cn.normalize import find_dates
from docproc.core.models import Field
from docproc.extractors._reread import DIGITS, reread
from docproc.extractors._text import PageText

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

# what is left of a date: digits and its separators, or the gaps where the ink hid them (2026 6 13日)
_DAMAGED = re.compile(r"[0-9/.\-:年月日][0-9/.\-:年月日 ]{2,16}[0-9/.\-:年月日]")
MIN_DIGITS = 3
MAX_CONFIDENCE = 0.8  # a re-read value is never as sure as a clean first read
RESTORED_CONFIDENCE = 0.6  # nor one whose separator had to be put back (month and day still checked)
_SLASH_AS_DIGIT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:(?P<sep>[/.\-])(?P<m>[01]\d)[17]|[17](?P<m2>[01]\d)"
                             r"(?P<sep2>[/.\-]))(?P<d>[0-3]\d)(?!\d)")
# the same with the separator lost altogether (202608.30, 2026.0830: the point under a seal's ring)
_SEPARATOR_LOST = re.compile(r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})(?:(?P<sep>[/.\-])(?P<m>[01]\d)|(?P<m2>[01]\d)"
                             r"(?P<sep2>[/.\-]))(?P<d>[0-3]\d)(?![\d/.\-])")
# a date in characters whose 月 the ink hid (2026年64日): put back only where month and day split one way
_MONTH_LOST = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<md>\d{2,4})\s*日")
# a date in characters whose 年 or 月 the ink hid, the gap where it stood still read (2026 6 13日)
_CHARACTERS_LOST = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*年\s*|\s+)(?P<m>\d{1,2})(?:\s*月\s*|\s+)(?P<d>\d{1,2})\s*日")


# what is left of a date in Chinese numerals (二〇二六年九月十九日 read 二:D二六年九月十十:日, 二0二六年四月月 or
# 二Q二六十十月十七日): a run of numerals, their look-alikes and 年月日 with three numerals at least and one of 年月日
CN_NUMERALS = "〇一二三四五六七八九十"
_DAMAGED_CN = re.compile(rf"[{CN_NUMERALS}零○Oo0-9CcDQ:：()年月日\s]{{6,16}}")
MIN_CN_NUMERALS = 3


def damaged_date(text: PageText, span: tuple[int, int]) -> tuple[int, int] | None:
    """The first part of characters ``span`` that looks like a date the first read could not parse, if any."""
    match = _DAMAGED.search(text.joined, span[0], span[1])
    if match is None or sum(c.isdigit() for c in match.group(0)) < MIN_DIGITS or find_dates(match.group(0)):
        return None
    return match.span()


def damaged_cn_date(text: PageText, span: tuple[int, int]) -> tuple[int, int] | None:
    """The first part of characters ``span`` that looks like a date in Chinese numerals the first read could not
    parse, if any."""
    for match in _DAMAGED_CN.finditer(text.joined, span[0], span[1]):
        read = match.group(0)
        if sum(c in CN_NUMERALS for c in read) >= MIN_CN_NUMERALS and any(c in "年月日" for c in read):
            return None if find_dates(read) else match.span()
    return None


def reread_date(text: PageText, span: tuple[int, int], ctx: ReadingContext | None) -> Field | None:
    """The date in characters ``span`` read again from their box with the seal's ink cleared; None unless
    the new read holds exactly one date."""
    damaged = damaged_date(text, span)
    if not damaged and (in_words := damaged_cn_date(text, span)):
        return _reread_cn_date(text, in_words, ctx)
    field = text.field(damaged, None) if damaged else None
    if field is None or field.bbox is None:
        return None
    # The whole words are read again (a cut by estimated letter widths loses a figure at its edge); the
    # alphabet drops a label the word runs on from (日期：…).
    again = reread(ctx, text.page, field.bbox, whitelist=DIGITS + "/-.年月日")
    if again is None:
        return None
    found, confidence = find_dates(again[0]), min(again[1], field.confidence, MAX_CONFIDENCE)
    if not found:
        found, confidence = find_dates(_slashes_restored(again[0])), min(confidence, RESTORED_CONFIDENCE)
    if len(found) != 1:
        return None
    return field.model_copy(update={"value": found[0][0], "raw": again[0], "confidence": round(confidence, 3)})


def _reread_cn_date(text: PageText, span: tuple[int, int], ctx: ReadingContext | None) -> Field | None:
    """A date in Chinese numerals, signed under a seal, read again with the print under the seal's ink kept (the
    seal's box in the channel where its ink is palest); None unless the new read holds exactly one date."""
    field = text.field(span, None)
    if field.bbox is None:
        return None
    again = reread(ctx, text.page, field.bbox, whitelist=CN_NUMERALS + "年月日", under_seal=True)
    found = find_dates(again[0]) if again else []
    if again is None or len(found) != 1:
        return None
    confidence = min(again[1], field.confidence, MAX_CONFIDENCE)
    return field.model_copy(update={"value": found[0][0], "raw": again[0], "confidence": round(confidence, 3)})


def _slashes_restored(read: str) -> str:
    """A numeric date whose one separator was read as a 1 or a 7 (2026/12109, 2026/09709: the stroke of a
    slash under a seal's ring) or not read at all (202608.30), or a date in characters whose 月 was lost
    (2026年64日) or whose 年 and 月 left only a gap (2026 6 13日), with what was lost put back where month and
    day allow one reading only; anything else unchanged."""
    def put_back(m: re.Match[str]) -> str:
        sep, month = m["sep"] or m["sep2"], m["m"] or m["m2"]
        return f"{m['y']}{sep}{month}{sep}{m['d']}"

    def month_back(m: re.Match[str]) -> str:
        splits = month_day_splits(int(m["y"]), m["md"])
        return f"{m['y']}年{splits[0].month}月{splits[0].day}日" if len(splits) == 1 else m.group(0)

    def characters_back(m: re.Match[str]) -> str:
        valid = 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31
        return f"{m['y']}年{m['m']}月{m['d']}日" if valid else m.group(0)

    read = _SEPARATOR_LOST.sub(put_back, _SLASH_AS_DIGIT.sub(put_back, read))
    return _CHARACTERS_LOST.sub(characters_back, _MONTH_LOST.sub(month_back, read))
