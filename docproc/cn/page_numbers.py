"""Page-number cues printed on pages (第X页 共Y页, 共Y页 第X页, page i of n, i/n)."""

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
