"""A ledger row's date that one misread digit made impossible (20269223), mended from the rows around it."""

from __future__ import annotations

import re
from datetime import date

from docproc.cn.normalize import parse_date, to_halfwidth
from docproc.core.models import Word

_COMPACT = re.compile(r"(?:19|20)\d{6}")  # 20260223 printed without separators
SERIAL_CHARS = 5  # the longest 序号 cell a row may start with before its date


def _date_word(words: list[Word]) -> int | None:
    """Where a line's leading date stands: its first word, or its second after a short serial number."""
    for at in (0, 1):
        if at < len(words) and (at == 0 or len(words[0].text.strip()) <= SERIAL_CHARS) \
                and _COMPACT.fullmatch(to_halfwidth(words[at].text).strip()):
            return at
    return None


def _day(words: list[Word]) -> date | None:
    at = _date_word(words)
    return None if at is None else parse_date(to_halfwidth(words[at].text).strip())


def mend_dates(lines: list[list[Word]]) -> list[list[Word]]:
    """Lines that begin with a compact date that is no calendar day, with the one day a single changed digit
    makes of it that lies between the dates the nearest lines before and after it begin with (a ledger runs
    in date order, either way); none, or more than one such day, leaves the line as it is."""
    days = [_day(words) for words in lines]
    out = list(lines)
    for i, words in enumerate(lines):
        if days[i] is not None or (at := _date_word(words)) is None:
            continue
        before = next((d for d in reversed(days[:i]) if d is not None), None)
        after = next((d for d in days[i + 1 :] if d is not None), None)
        if before is None or after is None:
            continue
        text = to_halfwidth(words[at].text).strip()
        low, high = min(before, after), max(before, after)
        found = {day for k in range(4, len(text)) for digit in "0123456789"
                 if (day := parse_date(text[:k] + digit + text[k + 1 :])) is not None and low <= day <= high}
        if len(found) == 1:
            mended = words[at].model_copy(update={"text": found.pop().strftime("%Y%m%d")})
            out[i] = [*words[:at], mended, *words[at + 1 :]]
    return out


def newest_first(days: list[date]) -> bool:
    """Whether a ledger lists its rows newest first (a phone bank's export): its dates step back far more often
    than forward (a misread date may step the wrong way once)."""
    back = sum(b < a for a, b in zip(days, days[1:], strict=False))
    forward = sum(b > a for a, b in zip(days, days[1:], strict=False))
    return back >= 2 and back > 4 * forward
