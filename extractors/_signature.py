"""A contract's signature block: the parties' 签字/签章/盖章 cues and the dates they signed on.

The parties sign one under the other or side by side (出卖人（签章）： … 买受人（签字）： on one line), each
with a date under it that may carry a label (日期：, 签订日期：, 签署时间：) or none, in figures (2026年9月10日,
2026-09-10), in Chinese numerals (二〇二六年九月十日) or written into a blank (____年__月__日). The contract is
signed when the last party signs: the latest date of the block. A date line holds dates, their labels and
blanks only; a clause's dates (交付日期, 付款 deadlines) stand among words of their own.
"""

from __future__ import annotations

import re
from datetime import date

from docproc.cn import vocab
from docproc.cn.normalize import find_dates
from docproc.core.models import Field
from docproc.extractors._text import PageText

DOC = "purchase_contract"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PARTIES = _alt(vocab.words(DOC, "seller_roles") + vocab.words(DOC, "buyer_roles") + vocab.words(DOC, "party_letters")
                + ("代理人", "代表人", "当事人"))
_CUE_WORD = r"(?:签\s*[字章名]|盖\s*章)"
# A cue: an opening bracket and a cue word (the rest of the bracket may be misread: （签字/盖童), or a
# party's word with the cue word and a colon (卖方签字：, 甲方盖章：).
CUE = re.compile(rf"[(（]\s*{_CUE_WORD}|(?:{_PARTIES})\s*{_CUE_WORD}[^:：]{{0,6}}[:：]")
# What a date line may hold besides its dates: date labels (with a party's word: 买方签字日期; the label's first
# letter lost under a seal's ink: 订日期), blanks left empty (年 月 日 of a party that has not dated), times of
# day and separators.
_DATE_LABEL = re.compile(rf"(?:{_PARTIES})?(?:签?订|签?署|签?约|签字|签名|签章|盖章|落款)?(?:日期|时间)")
# A date with a part left blank or lost to a misread (2026年7月日, 2026年月28日), or the whole of it with its
# label (the seal's ink over a party's 签订日期：2026年… read as 签张酬626年…): no date, but no clause's words either.
_PART_DATE = re.compile(r"[^\s\d:：]{0,3}\d{0,4}\s*年\s*\d{0,2}\s*月\s*\d{0,2}\s*日")
_TIME = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
# A date whose separator was misread (2026.07/16 for 2026/07/16): a date's figures still, though unparsed.
_MISREAD_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?!\d)")
_FILLER = re.compile(r"[\s:：_＿\-—–.．,，;；/|]")


def _only_dates(line: str, dates: list[tuple[date, int, int]]) -> bool:
    """Whether ``line`` holds nothing but its ``dates``, date labels, empty blanks and separators."""
    rest = line
    for _, a, b in sorted(dates, key=lambda d: -d[1]):
        rest = rest[:a] + " " + rest[b:]
    for pattern in (_MISREAD_DATE, _DATE_LABEL, _PART_DATE, _TIME, _FILLER):
        rest = pattern.sub("", rest)
    return not rest


def signed_on(texts: list[PageText]) -> Field | None:
    """The latest date on the date lines of the last page with a signature cue, from the first cue down."""
    for text in reversed(texts):
        cues = [i for i, line in enumerate(text.lines) if CUE.search(line)]
        if not cues:
            continue
        latest: tuple[date, int, int] | None = None
        for index in range(cues[0] + 1, len(text.lines)):
            line = text.lines[index].replace("_", " ").replace("＿", " ")  # a date written into a blank
            dates = find_dates(line)
            if not dates or not _only_dates(line, dates):
                continue
            start = text.offsets[index]
            for day, a, b in dates:
                if latest is None or day > latest[0]:
                    latest = (day, start + a, start + b)
        for day, a, b in _under_date_heading(text, cues[0]) if latest is None else ():
            if latest is None or day > latest[0]:
                latest = (day, a, b)
        if latest is not None:
            return text.field((latest[1], latest[2]), latest[0])
    return None


def _under_date_heading(text: PageText, first: int) -> list[tuple[date, int, int]]:
    """Dates in a signature table's date column (当事人 | 签字（盖章） | 签订日期, a row per party): under a date
    heading that is a cell of its own on a line with a signature cue, the words of each later line that
    stand under it, with the words they run on into."""
    found: list[tuple[date, int, int]] = []
    for index in range(first, len(text.lines)):
        if not CUE.search(text.lines[index]):
            continue
        for heading in _DATE_LABEL.finditer(text.lines[index]):
            a, b = text.offsets[index] + heading.start(), text.offsets[index] + heading.end()
            words = text.words_in(a, b)
            if not words or text.words_in(a - 1, a) == words[:1] or text.words_in(b, b + 1) == words[-1:]:
                continue  # part of a longer cell (交付日期：…): no column heading
            x0, x1 = min(w.bbox.x0 for w in words), max(w.bbox.x1 for w in words)
            height = min(w.bbox.y1 - w.bbox.y0 for w in words)
            for row in range(index + 1, min(len(text.lines), index + 1 + _TABLE_ROWS)):
                found += _dates_in_column(text, row, x0, x1, height)
    return found


_TABLE_ROWS = 12  # lines under a heading searched for its column's dates


def _dates_in_column(text: PageText, row: int, x0: float, x1: float, height: float) -> list[tuple[date, int, int]]:
    spans = text.spans_of_line(row)
    inside = [i for i, (_, _, w) in enumerate(spans) if w.bbox.x1 > x0 and w.bbox.x0 < x1]
    if not inside:
        return []
    first, last = inside[0], inside[-1]
    while first and spans[first][2].bbox.x0 - spans[first - 1][2].bbox.x1 <= height:
        first -= 1  # a date that starts left of its heading (centred under it, or wider than it)
    while last + 1 < len(spans) and spans[last + 1][2].bbox.x0 - spans[last][2].bbox.x1 <= height:
        last += 1
    a, b = spans[first][0], spans[last][1]
    return [(day, a + s, a + e) for day, s, e in find_dates(text.joined[a:b])]


# A party's heading in a signature block set in columns: its word, then its cue in brackets (出卖人（签章）,
# 经纪机构（盖章）, 买受人（签字或盖章）), several on one line.
_COLUMN_HEADING = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?)\s*[(（]\s*{_CUE_WORD}[^)）]{{0,8}}[)）]")
_SELLERS, _BUYERS = vocab.words(DOC, "seller_roles"), vocab.words(DOC, "buyer_roles")


def _role(party: str) -> str:
    """seller, buyer or other (an agent, a guarantor: 经纪机构, 居间方) by the party's heading word; a bare
    letter (甲方) tells no role."""
    if party.endswith(_SELLERS):
        return "seller"
    if party.endswith(_BUYERS):
        return "buyer"
    return "unknown" if party in vocab.words(DOC, "party_letters") else "other"


def signature_columns(texts: list[PageText]) -> list[dict[str, object]]:
    """Where each party signs or seals in a block set in columns: per heading line of two or more parties'
    cues, its page, top and bottom, and for each party its word, role and the left and right x of its
    heading's words (in the page's units, as the seals' boxes)."""
    blocks: list[dict[str, object]] = []
    for text in texts:
        for index, line in enumerate(text.lines):
            headings = list(_COLUMN_HEADING.finditer(line))
            if len(headings) < 2:
                continue
            start, columns, boxes = text.offsets[index], [], []
            for heading in headings:
                party = _party_word(text, start, heading)
                words = text.words_in(start + heading.end(1) - len(party), start + heading.end())
                if not words or any(w in boxes for w in words):
                    break  # two parties' headings read as one word: where each column runs is not known
                boxes += words
                columns.append({"party": party, "role": _role(party),
                                "x0": min(w.bbox.x0 for w in words), "x1": max(w.bbox.x1 for w in words)})
            else:
                blocks.append({"page": text.page.number, "top": min(w.bbox.y0 for w in boxes),
                               "bottom": max(w.bbox.y1 for w in boxes), "columns": columns})
    return blocks


def _party_word(text: PageText, start: int, heading: re.Match[str]) -> str:
    """The heading's party word from the start of the word that carries its cue: what runs on before it
    in the line belongs to the column left of it (出卖人（盖章）：杭州…有限公司 | 居间方（盖章）)."""
    party_start, party_end = start + heading.start(1), start + heading.end(1)
    carrier = text.words_in(party_end - 1, party_end)
    spans = [a for a, _, w in text.spans_of_line(text.line_at(party_start)) if carrier and w is carrier[-1]]
    cut = spans[0] if spans and party_start < spans[0] < party_end else party_start
    return text.joined[cut:party_end]
