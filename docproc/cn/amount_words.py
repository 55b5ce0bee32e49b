"""Chinese capital amounts (中文大写金额): Decimal ↔ words, following the bank writing rules.

Writing (``to_words``), per the PBOC rules for filling in instruments: 壹拾 always carries its
壹; one 零 stands for a run of zeros between non-zero digits (壹拾万零柒仟, 壹亿零壹万); 元 is
followed by 整 when there are no 角/分; a zero 角 before a non-zero 分 is written 零 (壹仟零伍元零伍分);
a zero 元 digit before a non-zero 角 is not (壹佰元伍角, one of the two forms the rules allow).
Amounts under one yuan start at 角/分 (伍角, 伍分).

Reading (``from_words``) accepts every variant in use and ignores characters outside the
vocabulary, but refuses ambiguous or malformed text instead of guessing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_CENT = Decimal("0.01")
_MAX = Decimal("9999999999999999.99")

_DIGIT_VALUES: dict[str, int] = {
    **{c: i for i, c in enumerate(_DIGITS)},
    **{c: i for i, c in enumerate("〇一二三四五六七八九")},
    **{c: i for i, c in enumerate("○壱貳參肆伍陸柒捌玖")},
    **dict.fromkeys("两兩弍貮", 2),
    **dict.fromkeys("参叄", 3),
}
_ZEROS = frozenset("零〇○")
_UNIT_VALUES: dict[str, int] = {
    **dict.fromkeys("拾十什", 10),
    **dict.fromkeys("佰百陌伯", 100),  # 伯: 佰 with its stroke on top lost to a scan
    **dict.fromkeys("仟千阡纤", 1000),  # 纤: 仟 with its 亻 read as 纟
}
_BIG_UNIT_VARIANTS = str.maketrans("萬億", "万亿")
_YUAN = frozenset("元圆園圓")
_JIAO, _FEN = "角", "分"
_WHOLE = frozenset("整正")
_VOCABULARY = set(_DIGIT_VALUES) | set(_UNIT_VALUES) | set("万萬亿億") | _YUAN | _WHOLE | {_JIAO, _FEN}
# What a printed 大写 amount is written with, and the variants print and OCR give some of them (参 for 叁):
# the character class extractors match an amount in words with; ``standard_capitals`` writes it plainly.
STANDARD_CAPITALS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正"
CAPITALS = STANDARD_CAPITALS + "两参叄貳陸萬億圓纤伯"
UNITS = _YUAN | {_JIAO, _FEN}  # every amount in words names one: without it the words stop short
_STANDARD = str.maketrans("参叄貳陸萬億圓方纤伯", "叁叁贰陆万亿圆万仟佰")
# One capital of an amount in words as OCR reads it: 万 read as 方 between two numerals (玖拾方零玖仟) as well.
CAPITAL = rf"(?:[{CAPITALS}]|(?<=[壹贰叁肆伍陆柒捌玖拾佰仟])方(?=[零壹贰叁肆伍陆柒捌玖]))"


def standard_capitals(words: str) -> str:
    """An amount in words with each variant numeral in its standard form (参 → 叁, 萬 → 万, a misread 方 → 万)."""
    return words.translate(_STANDARD)


def to_words(amount: Decimal) -> str:
    """Write a non-negative amount (at most 2 decimals) as a capital-letter amount."""
    value = _checked(amount)
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    head = _integer_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return head + "整"
    if jiao == 0:
        return head + ("零" if yuan else "") + _DIGITS[fen] + "分"
    return head + _DIGITS[jiao] + "角" + (_DIGITS[fen] + "分" if fen else "")


def _checked(amount: Decimal) -> Decimal:
    try:
        value = Decimal(amount)
        exact = value == value.quantize(_CENT)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not exact or value < 0 or value > _MAX:
        raise ValueError(f"amount must be 0..{_MAX} with at most 2 decimals, got {amount}")
    return value


def _integer_words(n: int) -> str:
    """Words for a positive integer; 亿 and 万 split it into groups of four digits."""
    for size, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            text = _integer_words(high) + unit
            if low == 0:
                return text
            # A zero on either side of the group boundary is a zero between digits: 零.
            gap = high % 10 == 0 or low < size // 10
            return text + ("零" if gap else "") + _integer_words(low)
    return _group_words(n)


def _group_words(n: int) -> str:
    """Words for 1..9999: one 零 for each interior run of zeros, none trailing."""
    text, pending_zero = "", False
    for power in range(3, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        text += ("零" if pending_zero else "") + _DIGITS[digit] + _SMALL_UNITS[power]
        pending_zero = False
    return text


def from_words(text: str) -> Decimal:
    """Read a capital-letter amount in any common variant; ValueError when it is not one."""
    chars = [c for c in text if c in _VOCABULARY and c not in _WHOLE]
    if not any(c in _DIGIT_VALUES or c in _UNIT_VALUES for c in chars):
        raise ValueError(f"no amount words in {text!r}")
    yuan_at = [i for i, c in enumerate(chars) if c in _YUAN]
    if len(yuan_at) > 1:
        raise ValueError(f"more than one 元 in {text!r}")
    if yuan_at:
        integer, fraction = chars[: yuan_at[0]], chars[yuan_at[0] + 1 :]
    elif _JIAO in chars or _FEN in chars:
        integer, fraction = [], chars
    else:
        integer, fraction = chars, []
    total = Decimal(_parse_integer(integer)) + _parse_fraction(fraction)
    return total.quantize(_CENT)


def _parse_integer(chars: list[str]) -> int:
    """Integer part: at most one 亿, splitting two parts below 亿."""
    text = "".join(chars).translate(_BIG_UNIT_VARIANTS)
    if text.count("亿") > 1:
        raise ValueError("more than one 亿")
    if "亿" not in text:
        return _below_yi(text, leading=True)
    high, _, low = text.partition("亿")
    return _nonzero(_below_yi(high, leading=True), "亿") * 10**8 + _below_yi(low, leading=False)


def _below_yi(text: str, *, leading: bool) -> int:
    """A number below 亿: at most one 万, splitting two groups below 万."""
    if text.count("万") > 1:
        raise ValueError("more than one 万 in a 亿 segment")
    if "万" not in text:
        return _group(text, leading=leading)
    high, _, low = text.partition("万")
    return _nonzero(_group(high, leading=leading), "万") * 10**4 + _group(low, leading=False)


def _nonzero(value: int, unit: str) -> int:
    if value == 0:
        raise ValueError(f"{unit} without digits before it")
    return value


def _group(text: str, *, leading: bool) -> int:
    """A number below 万 made of digits, 拾佰仟 in falling order and separating 零s."""
    value, digit, last_unit, zero_seen = 0, None, 10**4, False
    for c in text:
        if c in _ZEROS:
            zero_seen = True
        elif c in _DIGIT_VALUES:
            if digit is not None:
                raise ValueError("two digits in a row")
            digit = _DIGIT_VALUES[c]
        elif c in _UNIT_VALUES:
            unit = _UNIT_VALUES[c]
            # 拾 may stand for 壹拾 only where a number starts (拾万, 拾伍) or after 零.
            bare_ok = unit == 10 and (zero_seen or (leading and value == 0))
            if unit >= last_unit or (digit is None and not bare_ok):
                raise ValueError(f"misplaced {c}")
            value += (1 if digit is None else digit) * unit
            digit, last_unit, zero_seen = None, unit, False
        else:
            raise ValueError(f"unexpected {c} before 元")
    if digit is None:
        return value
    # A bare last digit is the ones digit only after 拾, after 零 or when it is the whole
    # number: 贰佰伍 and 壹万伍 (colloquially 250 and 15000) are ambiguous, so refused.
    if not (zero_seen or last_unit == 10 or (leading and value == 0)):
        raise ValueError("ambiguous trailing digit")
    return value + digit


def _parse_fraction(chars: list[str]) -> Decimal:
    """After 元: d角 and/or d分 in that order; a 零 is a separator or a zero digit."""
    jiao = fen = None
    digit: int | None = None
    for c in chars:
        if c in _DIGIT_VALUES:
            if digit:  # a non-zero digit still waiting for its unit
                raise ValueError("two digits in a row after 元")
            digit = _DIGIT_VALUES[c]
        elif c == _JIAO and digit is not None and jiao is None and fen is None:
            jiao, digit = digit, None
        elif c == _FEN and digit is not None and fen is None:
            fen, digit = digit, None
        else:
            raise ValueError(f"unexpected {c} after 元")
    if digit:
        raise ValueError("digit without 角 or 分")
    return Decimal(jiao or 0) / 10 + Decimal(fen or 0) / 100


def amounts_agree(number: Decimal, words: str) -> bool:
    """True when the words read as exactly the same amount as number."""
    try:
        return from_words(words) == Decimal(number)
    except (ValueError, InvalidOperation, TypeError):
        return False
