"""Normalisation shared by extractors and scoring: widths, dates, amounts, names, free text.

Every transform here maps one character to one character until the final clean-up, so spans
found in ``to_halfwidth(text)`` are spans in ``text``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

LONG_TERM: Literal["长期"] = "长期"
Validity = tuple[date | None, date | Literal["长期"] | None]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_DOTS = re.compile(r"[·•・‧∙⋅･]+")  # middle-dot variants in minority names

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_NUMERIC_DATES = (
    # 2024年3月5日, 2024 年 03 月 05 日, 2024年3月5号, 2024年3月5; a form's blanks filled in: 2019年_11_月_1_日;
    # 日 as OCR misreads it in small or faint print (曰, 白, 目) still ends the date
    re.compile(_YEAR + r"[\s_]*年[\s_]*(?P<m>\d{1,2})[\s_]*月[\s_]*(?P<d>\d{1,2})(?!\d)(?:[\s_]*[日号曰白目])?"),
    # 2024-03-05, 2024.3.5, 2024/03/05 (one separator throughout)
    re.compile(_YEAR + r"\s*(?P<sep>[-./])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"),
    # 20240305
    re.compile(_YEAR + r"(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    # 2026-10-0814:27:44: a two-figure day with the time of day printed (or read) right after it
    re.compile(_YEAR + r"\s*(?P<sep>[-./])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{2})(?=[0-2]?\d:[0-5]\d)"),
    # 201.4年7月25日: a speck of a fax or scan read as a point or comma inside the year, which 年 still ends
    re.compile(r"(?P<y>(?:1[.,]?9|2[.,]?0)(?:[.,]?\d){2})[\s_]*年[\s_]*(?P<m>\d{1,2})[\s_]*月[\s_]*(?P<d>\d{1,2})(?!\d)"
               r"(?:[\s_]*[日号曰白目])?"),
)
_CN_DIGIT = "〇零○Oo0一二三四五六七八九"  # OCR reads 〇 as a Latin O, a zero or a pair of brackets too
_CN_YEAR_DIGIT = rf"(?:[{_CN_DIGIT}]|\(\))"
_CN_DATE = re.compile(
    rf"(?P<y>(?:{_CN_YEAR_DIGIT}\s*){{3}}{_CN_YEAR_DIGIT})\s*年\s*"
    r"(?P<m>[〇零]?[一二三四五六七八九]|十[一二]?)\s*月\s*"
    r"(?P<d>[〇零]?[一二三四五六七八九]|[二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?)"
    r"\s*[日号]"
)
# A year in Chinese numerals whose first figures are misread (1〇二六, C二六, 二八二六 for 二〇二六): its century
# follows from what is left of them (a 九 is 19xx; a 二 or a zero-like mark is 20xx), the rest from its last two.
_CN_MONTH_DAY = (r"\s*年\s*(?P<m>[〇零]?[一二三四五六七八九]|十[一二]?)\s*月\s*"
                 r"(?P<d>[〇零]?[一二三四五六七八九]|[二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?)\s*[日号]")
_CN_DATE_BLURRED = re.compile(
    rf"(?P<c>(?:{_CN_YEAR_DIGIT}|[CcDQ1lI|丨]){{1,2}})\s*(?P<yy>[{_CN_DIGIT}]\s*[{_CN_DIGIT}])" + _CN_MONTH_DAY)
_ZERO_LIKE = "〇零○Oo0CcDQ()"
_CN_VALUES = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "O": 0,
    "o": 0,
    "0": 0,
}

_AMOUNT = re.compile(
    r"(?P<s1>[-+])?(?:人民币|RMB|CNY|¥)?[:：]?(?P<s2>[-+])?"
    r"(?P<int>\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?P<wan>万)?(?:元|圆)?整?(?:人民币)?",
    re.IGNORECASE,
)
_MINUS = str.maketrans({"−": "-", "–": "-", "‐": "-", "‑": "-"})
_RANGE_SEP = re.compile(r"^\s*(?:-|—|–|~|～|至|到|止)+\s*")
_LONG_TERM = re.compile(r"^\s*[长長]\s*期")

_DATE_FIELDS = frozenset(
    {
        "birth_date",
        "valid_from",
        "valid_until",
        "employment_start",
        "issue_date",
        "period_start",
        "period_end",
        "signing_date",
        "established_date",
        "business_term_until",
        "date",
        "opened",
    }
)
_AMOUNT_FIELDS = frozenset(
    {
        "monthly_income",
        "opening_balance",
        "closing_balance",
        "amount",
        "balance",
        "total_price",
        "total_income",
        "total_tax",
        "registered_capital",
        "floor_area",
        "loan_amount",
        "limit_or_principal",
        "monthly_payment",
        "overdue_amount",
        "total_monthly_payment",
    }
)
_CODE_FIELDS = frozenset(
    {
        "id_number",
        "buyer_id_numbers",
        "uscc",
        "account_number",
        "verification_code",
        "contract_number",
        "report_number",
    }
)
_NAME_FIELDS = frozenset({"name", "buyer_names", "account_holder", "legal_representative"})
_NAME_EDGES = " \t\r\n·,.;:!?'\"()[]<>{}-_/|、，。；：！？“”‘’《》「」【】"
_AREA_UNITS = re.compile(r"(?:平方米|平米|㎡|m²|m2)$", re.IGNORECASE)


def to_halfwidth(s: str) -> str:
    """Full-width ASCII forms to ASCII and the ideographic space to a space, char for char."""
    out = []
    for ch in s:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        elif ch == "￥":
            out.append("¥")
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- dates


def parse_date(s: str) -> date | None:
    """The date that s is (numeric or Chinese-numeral forms), else None."""
    text = to_halfwidth(s).strip(" \t\r\n,.;:，。；：")
    found = find_dates(text)
    if len(found) == 1 and found[0][1] == 0 and found[0][2] == len(text):
        return found[0][0]
    return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every valid date in text with its (start, end) span, in order of appearance."""
    half = to_halfwidth(text)
    hits: list[tuple[date, int, int]] = []
    for pattern in _NUMERIC_DATES:
        for m in pattern.finditer(half):
            if not _digit_before(half, m.start()):
                _add(hits, _make_date(re.sub(r"[.,]", "", m["y"]), m["m"], m["d"]), m)
    for m in _CN_DATE.finditer(half):
        year = "".join(str(_CN_VALUES[c]) for c in m["y"].replace("()", "〇") if not c.isspace())
        _add(hits, _make_date(year, str(_cn_number(m["m"])), str(_cn_number(m["d"]))), m)
    for m in _CN_DATE_BLURRED.finditer(half):
        if not any(a < m.end() and m.start() < b for _, a, b in hits) and (century := _century(m["c"])):
            yy = "".join(str(_CN_VALUES[c]) for c in m["yy"] if not c.isspace())
            _add(hits, _make_date(century + yy, str(_cn_number(m["m"])), str(_cn_number(m["d"]))), m)
    return _without_overlaps(hits)


def _century(blurred: str) -> str | None:
    """The first two figures of a year in Chinese numerals from what was read of them, or None."""
    if "九" in blurred:
        return "19"
    if "二" in blurred or any(c in _ZERO_LIKE for c in blurred):
        return "20"
    return None


def _digit_before(text: str, start: int) -> bool:
    return start > 0 and text[start - 1].isdigit()


def _add(hits: list[tuple[date, int, int]], day: date | None, m: re.Match[str]) -> None:
    if day is not None:
        hits.append((day, m.start(), m.end()))


# no document of a loan file bears a date outside these years (the numeric forms match only 19xx and 20xx); a
# year in Chinese numerals beyond them is a misread digit (二八二六 for 二〇二六)
PLAUSIBLE_YEARS = range(1900, 2100)


def _make_date(y: str, m: str, d: str) -> date | None:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day if day.year in PLAUSIBLE_YEARS else None


def _cn_number(s: str) -> int:
    """1..39 written with Chinese numerals (十二, 二十五, 廿三, 〇五)."""
    s = s.replace("廿", "二十").replace("卅", "三十").lstrip("〇零")
    if "十" not in s:
        return _CN_VALUES[s]
    tens, _, units = s.partition("十")
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[units] if units else 0)


def _without_overlaps(hits: list[tuple[date, int, int]]) -> list[tuple[date, int, int]]:
    """Keep the earliest, then longest, of overlapping matches."""
    kept: list[tuple[date, int, int]] = []
    for hit in sorted(hits, key=lambda h: (h[1], -h[2])):
        if not kept or hit[1] >= kept[-1][2]:
            kept.append(hit)
    return kept


def parse_validity(s: str) -> Validity:
    """A validity period such as 2015.03.01-2035.03.01 or 2015.03.01-长期 → (start, end)."""
    text = to_halfwidth(s)
    dates = find_dates(text)
    if not dates:
        return None, None
    start, _, start_end = dates[0]
    rest = text[start_end:]
    after_sep = _RANGE_SEP.sub("", rest, count=1)
    if _LONG_TERM.match(after_sep):
        return start, LONG_TERM
    if len(dates) > 1:
        return start, dates[1][0]
    # an end whose separator the read lost (2031.1023): a validity ends on its start's month and day, which its
    # eight digits must then show
    digits = re.match(r"[\d.\-/,]{8,10}", after_sep.strip())
    end = parse_date(re.sub(r"\D", "", digits.group(0))) if digits else None
    return start, end if end and (end.month, end.day) == (start.month, start.day) and end > start else None


# ---------------------------------------------------------------- amounts


_FUSED_GROUPS = re.compile(r"(?<![\d,.])\d+(?:[.,]\d+)+(?![\d,.])")


def _lost_separators(text: str) -> str:
    """5,124087.00 → 5124087.00, 2.946,573.00 → 2946573.00, 242,867,90 → 242867.90: OCR drops a thousands
    comma, or reads a comma as a point and a point as a comma, now and then. The last separator before
    one or two digits is the decimal point (a comma only after another separator: 1,50 stays ambiguous);
    when every group after the first holds a whole number of three-digit groups only separators were
    misread and the digits stand. A group of any other length (12,34.5, 1,2345.00, 2024.03.05) means a
    digit is missing, extra or the text is no amount, and it is left to fail."""
    match = _FUSED_GROUPS.search(text)
    if match is None:
        return text
    number = match.group(0)
    groups = re.split(r"[.,]", number)
    decimals = ""
    point = number[-len(groups[-1]) - 1]
    if len(groups[-1]) in (1, 2) and (point == "." or len(groups) > 2):
        decimals = "." + groups.pop()
    if len(groups) < 2 or any(len(g) % 3 for g in groups[1:]):
        return text
    if not decimals and len(groups) == 2 and "," not in number:
        return text  # 2.466402 or 1.000 could as well be a decimal number
    return text[: match.start()] + "".join(groups) + decimals + text[match.end():]


def parse_amount(s: str) -> Decimal | None:
    """An amount written with digits (¥, 元, 人民币, thousands, parentheses, 万), else None."""
    text = to_halfwidth(s).translate(_MINUS).strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1].strip(), True
    text = re.sub(r"(?<=[^\d ]) +| +(?=[^\d ])", "", text)  # spaces next to non-digits
    text = _lost_separators(re.sub(r"(?<=\d)(?:,\.|\.,)(?=\d{3}(?!\d))", ",", text))  # 26,.459.75: a comma and a speck
    m = _AMOUNT.fullmatch(text)
    if m is None or (m["s1"] and m["s2"]) or (negative and (m["s1"] or m["s2"])):
        return None
    digits = m["int"].replace(",", "").replace(" ", "")
    try:
        value = Decimal(digits + (f".{m['frac']}" if m["frac"] else ""))
    except InvalidOperation:
        return None
    if m["wan"]:
        value *= 10_000
    if negative or "-" in (m["s1"] or "", m["s2"] or ""):
        value = -value
    return value


# ---------------------------------------------------------------- names and text


def normalize_name(s: str) -> str:
    """A person's name for comparison: half-width, one '·', no spaces or noise between CJK."""
    text = _DOTS.sub("·", to_halfwidth(s))
    noise_between = rf"(?<=[{_CJK}·])(?:[^\w·]|_)+(?=[{_CJK}·])"
    text = re.sub(noise_between, "", text)
    text = text.strip(_NAME_EDGES)
    return re.sub(r"\s+", " ", text)


def normalize_text(s: str) -> str:
    """Free text for comparison: half-width, case-folded, no whitespace or stray punctuation."""
    text = unicodedata.normalize("NFKC", to_halfwidth(s)).casefold()
    text = _DOTS.sub("·", text)
    kept = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if unicodedata.category(ch)[0] in "PS" and not _between_digits(text, i):
            continue
        kept.append(ch)
    return "".join(kept)


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similarity(a: str, b: str) -> float:
    """Similarity 0..1 of two strings after normalize_text (difflib ratio)."""
    na, nb = normalize_text(a), normalize_text(b)
    if not na and not nb:
        return 1.0
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()


# ---------------------------------------------------------------- canonical values


def normalize_value(field_name: str, value: Any) -> str:
    """Canonical string of a field value for scoring (ISO dates, 2-dp amounts, ...)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(normalize_value(field_name, v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={normalize_value(k, v)}" for k, v in sorted(value.items()))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (Decimal, float)) or (isinstance(value, int) and field_name in _AMOUNT_FIELDS):
        return _two_places(value)
    if isinstance(value, int):
        return str(value)
    return _normalize_str(field_name, str(value))


def _two_places(value: Decimal | float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def _normalize_str(field_name: str, value: str) -> str:
    if field_name in _DATE_FIELDS or field_name.endswith("_date"):
        if _LONG_TERM.match(to_halfwidth(value).strip()):
            return LONG_TERM
        day = parse_date(value)
        if day is not None:
            return day.isoformat()
    elif field_name in _AMOUNT_FIELDS:
        amount = parse_amount(_AREA_UNITS.sub("", to_halfwidth(value).strip()))
        if amount is not None:
            return _two_places(amount)
    elif field_name in _CODE_FIELDS:
        return "".join(to_halfwidth(value).split()).upper()
    elif field_name in _NAME_FIELDS:
        return normalize_name(value)
    elif field_name.endswith("_in_words"):
        return normalize_text(value).translate(str.maketrans("圆正", "元整"))
    return normalize_text(value)


_LATIN_PART = re.compile(r"[A-Za-z][A-Za-z .&'\-]*")
_PAIR_SEPARATOR = re.compile(r"\s*[/／|]\s*")


def chinese_of_pair(value: str) -> str:
    """The Chinese half of a value printed in two scripts (Engineer/高级工程师, 高级工程师 / Senior Engineer); any
    other value as it is."""
    parts = _PAIR_SEPARATOR.split(value.strip())
    if len(parts) != 2:
        return value
    latin = [p for p in parts if _LATIN_PART.fullmatch(p)]
    chinese = [p for p in parts if re.search(r"[\u4e00-\u9fff]", p) and not re.search(r"[A-Za-z]", p)]
    return chinese[0] if len(latin) == 1 and len(chinese) == 1 else value
