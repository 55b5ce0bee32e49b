"""Page-number cues printed on pages (第X页 共Y页, 共Y页 第X页, page i of n, i/n), page numbers printed without
a total (— 3 —, 第3页 alone), and a document's page total stated in its own text (本合同共6页)."""

from __future__ import annotations

import re

from docproc.cn.normalize import to_halfwidth

_PAGE_OF = (
    # the count may stand in brackets after the page's number: 第 1 页（共 8 页）
    re.compile(r"第\s*(\d{1,3})\s*页\s*[,，/]?\s*[(（]?\s*共\s*(\d{1,3})\s*页"),
    re.compile(r"共\s*(\d{1,3})\s*页\s*[,，/]?\s*[(（]?\s*第\s*(\d{1,3})\s*页"),
    re.compile(r"(?i)page\s*(\d{1,3})\s*(?:of|/)\s*(\d{1,3})"),
    re.compile(r"(?<![\d/.-])(\d{1,3})\s*/\s*(\d{1,3})(?![\d/.-])"),
)

# a page's number alone: between dashes (— 3 —, - 3 -) anywhere on a line, or 第3页 / Page 3 as a line of its own
_DASHES = "—–―－~～-"  # the hyphen last: a character class takes it as itself there
_BARE = (
    re.compile(rf"(?<![\w{_DASHES}])[{_DASHES}]{{1,2}}\s*(\d{{1,3}})\s*[{_DASHES}]{{1,2}}(?![\w{_DASHES}])"),
    re.compile(r"(?im)^\s*(?:第\s*(\d{1,3})\s*页|page\s*(\d{1,3}))\s*$"),
)
# a page total stated in the text: 本合同共6页, 本合同及附件共 6 页, 本证明共二页, 一式四份，共12页
_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_VALUES = {"〇": 0, "零": 0, "两": 2} | {c: i for i, c in enumerate("零一二三四五六七八九")}
_STATED = re.compile(rf"共\s*(\d{{1,3}}|[{_CN_DIGITS}十百]{{1,4}})\s*页(?!第\d)")
_OWN = re.compile(r"本|此|该")  # 本合同…共6页 speaks of the document itself (附件一共2页 may not)
_OWN_WINDOW = 12


def _cn_count(figures: str) -> int | None:
    """1..999 written as digits or Chinese numerals (六, 十二, 二十, 一百零五); None if not a count."""
    if figures.isdigit():
        return int(figures)
    value, digit = 0, None
    for ch in figures:
        if ch in "十百":
            value += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        else:
            digit = _CN_VALUES[ch]
    return value + (digit or 0) or None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(text)).lower()


def page_of(text: str) -> tuple[int, int] | None:
    """``(i, n)`` from a page-number cue, if one is printed."""
    compact = _compact(text)
    for index, pattern in enumerate(_PAGE_OF):
        for match in pattern.finditer(compact if index < 3 else text):
            a, b = int(match.group(1)), int(match.group(2))
            i, n = (b, a) if index == 1 else (a, b)
            if 1 <= i <= n <= 500:
                return i, n
    return None


def without_page_numbers(text: str) -> str:
    """``text`` with its page-number cues (第X页 共Y页, page i of n, i/n) taken out."""
    for pattern in _PAGE_OF:
        text = pattern.sub("", text)
    return text


def bare_page_number(text: str) -> int | None:
    """The page's number printed without a total (— 3 —, 第3页 on a line of its own); the last one on the page."""
    if page_of(text) is not None:
        return None
    found = [int(next(g for g in m.groups() if g)) for pattern in _BARE for m in pattern.finditer(to_halfwidth(text))]
    found = [n for n in found if 1 <= n <= 500]
    return found[-1] if found else None


def stated_page_total(text: str) -> int | None:
    """The page total a document states in its own text (本合同共6页, 本合同及附件共6页); None if it states none or
    several that disagree (then only those naming the document itself, 本…共n页, count)."""
    compact = _compact(without_page_numbers(text))
    hits = [(n, bool(_OWN.search(compact[max(0, m.start() - _OWN_WINDOW):m.start()])))
            for m in _STATED.finditer(compact) if (n := _cn_count(m.group(1))) and 1 <= n <= 500]
    totals = {n for n, _ in hits}
    if len(totals) > 1:
        totals = {n for n, own in hits if own}
    return totals.pop() if len(totals) == 1 else None
