"""Words of a table's line as the rows need them: what kind of cell each can be (a date, an amount, a
name), and pieces put together or apart before they go into cells (one scanned box over several cells,
a sign or a currency mark printed apart from its amount, a date printed in pieces)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docproc.cn.booked import SIDE, TRAILING_SIGN, side_of
from docproc.cn.normalize import to_halfwidth
from docproc.cn.year_last import YEAR_LAST
from docproc.core.models import BBox, Word
from docproc.extractors._table_header import Column
from docproc.extractors._text import TIME_OF_DAY, union_boxes

# an amount, also with OCR's points for thousands commas (2.000.00, 111.210.97), a currency sign or 元, or
# the side it was booked to or its sign after it (9,385.41借, 2,027.11-)
_MONEY = re.compile(r"^[-+]?(?:[¥￥]|RMB|CNY)?\s*(?:\d{1,3}(?:(?:[,.]|,\.|\.,)\d{3})+|\d+)(?:[.,]\d{1,2})?元?"
                    rf"(?:\s*{SIDE}|{TRAILING_SIGN})?$", re.IGNORECASE)
_DATE_CELL = re.compile(r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}"
                        r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:$|\s+\d{1,2}:\d{2})"  # 20250911 10:23:45
                        rf"|{YEAR_LAST}(?!\d))")  # 13/01/2026: the year last


def kind(text: str) -> str:
    """What a word can be: date, index (a row number), digits (an account), number, money or text."""
    value = to_halfwidth(text).strip()
    if _DATE_CELL.match(value) or TIME_OF_DAY.fullmatch(value):
        return "date"  # 2025-09-11 10:23:45 prints as two words; the time belongs to the date cell
    if re.fullmatch(r"\d{1,4}", value):
        return "index"  # a row number (序号), not an amount
    if re.fullmatch(r"[\d*\s/-]{10,}|\d{7,}", value) and not re.search(r"[.,]", value):
        return "digits"  # an account number, maybe masked (6222********1234) or partly read (200876879)
    if re.fullmatch(r"\d{5,6}", value):
        return "number"  # a whole number: an amount printed without decimals, or a voucher's number
    if _MONEY.match(value):
        return "money"
    return "text"


_TIME_MISREAD = re.compile(r"(\d{2})[:.,]?(\d{2})[:.,]?(\d{2})")  # 141019, 09.09:23: a time whose colons a scan lost


def time_misread(text: str) -> bool:
    """Whether a word is a time of day whose separators the read lost or took for points (14:10:19 read 141019 or
    09.09:23): six digits making hours, minutes and seconds. Only a word under a date heading is taken for one."""
    match = _TIME_MISREAD.fullmatch(to_halfwidth(text).strip())
    return match is not None and int(match[1]) < 24 and int(match[2]) < 60 and int(match[3]) < 60


def time_mended(word: Word) -> Word:
    """A time of day one of whose colons was read as a point (09.09:23) as printed (09:09:23), which no figure
    could be with its colon; other words as they are."""
    text = to_halfwidth(word.text).strip()
    if ":" not in text or not time_misread(text):
        return word
    hours, minutes, seconds = re.findall(r"\d{2}", text)
    return word.model_copy(update={"text": f"{hours}:{minutes}:{seconds}"})


# a currency's sign or code printed (or read) before an amount: ¥, CNY, RMB
_CURRENCY = r"(?:[¥￥]|CNY|RMB)"
# an amount read fused with the account number after it (194457.662085787045084029225): a run of digits
# longer than any amount, or one masked with asterisks (50,364.78100930****3563, its groups parted by points
# too: 35.313.79744314******6534), is an account, so the amount ends at its two decimals; an amount keeps the
# currency before it (CNY15299.26, CNY 15299.26), which no text run takes, and a sign after it (2,027.11-)
# …or one whose point the read lost too (71,19128029277****4869): its thousands groups, then its two decimals
_POINT_LOST = re.compile(r"([-+]?\d{1,3}(?:,\d{3})+)(\d{2})")
_TOKEN = re.compile(rf"\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?|{YEAR_LAST}(?!\d)|\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
                    rf"|[-+]?(?:{_CURRENCY}\s?)?\d[\d,.]*\.\d{{2}}(?=\d{{7}}|\d+\*)|{_POINT_LOST.pattern}(?=\d+\*)|[-+]?(?:{_CURRENCY}\s?)?\d[\d,.*]*\d(?:(?<=[.,]\d\d)[-+](?![\d.]))?|[-+]?\d"
                    rf"|(?:(?!{_CURRENCY}\s?\d)[^\s\d+\-¥￥])+|\S")


def split_merged(word: Word) -> list[Word]:
    """One OCR box that ran over several cells (66 2025/09/11, 跨行转出-483.73 41313.82郑浩志) as one word
    per token, each with its share of the box by character width (CJK about twice a digit)."""
    text = to_halfwidth(word.text)
    tokens = [m for m in _TOKEN.finditer(text)]
    texts = [_point_put_back(text, m) for m in tokens]
    kinds = [kind(t) for t in texts]
    anchored = any(k == "date" or (k == "money" and re.search(r"[.,]\d{2}$", t))
                   for k, t in zip(kinds, texts, strict=True)) or (  # a figure a spreadsheet printed with one
        # decimal (74895.6) and the description run into it; a whole figure may be one that lost its point (797664莫)
        len(tokens) >= 2 and re.fullmatch(r"\d{3,}\.\d", tokens[0].group(0)) is not None
        and re.match(r"[\u4e00-\u9fff]", tokens[1].group(0)) is not None)
    if len(tokens) < 2 or not anchored:  # split only around a date or an amount (3号楼 stays whole)
        return [word]

    def width(chunk: str) -> float:
        return sum(1.0 if ord(c) > 0x2E7F else 0.3 if c.isspace() else 0.55 for c in chunk)

    total = width(text) or 1.0
    scale = (word.bbox.x1 - word.bbox.x0) / total
    pieces = []
    for m, piece in zip(tokens, texts, strict=True):
        x0 = word.bbox.x0 + width(text[: m.start()]) * scale
        x1 = word.bbox.x0 + width(text[: m.end()]) * scale
        box = BBox(x0=x0, y0=word.bbox.y0, x1=x1, y1=word.bbox.y1, unit=word.bbox.unit)
        pieces.append(word.model_copy(update={"text": piece, "bbox": box}))
    return pieces


def _point_put_back(text: str, token: re.Match[str]) -> str:
    """A token as the cell printed it: an amount whose point the read lost, run into a masked account, gets it back."""
    lost = _POINT_LOST.fullmatch(token.group(0)) if text[token.end() : token.end() + 1].isdigit() else None
    return f"{lost.group(1)}.{lost.group(2)}" if lost else token.group(0)


_SIGNS = ("-", "+", "－", "＋")
_CURRENCY_MARK = re.compile(rf"{_CURRENCY}", re.IGNORECASE)


def join_signs(words: list[Word], columns: Sequence[Column] = ()) -> list[Word]:
    """A sign printed (or read) apart from its amount ("-", "483.73") joins it again; so does a currency's
    sign or code printed close before it (¥ | 20,000.00, CNY | 15,299.26), unless it lies under a
    currency column's heading (币种: a cell of its own)."""
    out: list[Word] = []
    for word in words:
        before = out[-1] if out else None
        height = word.bbox.y1 - word.bbox.y0
        gap = word.bbox.x0 - before.bbox.x1 if before is not None else 0.0
        if before is not None and kind(word.text) in ("money", "number") and (
                (before.text.strip() in _SIGNS and gap < 2 * height)
                or (_CURRENCY_MARK.fullmatch(to_halfwidth(before.text).strip()) and gap < 0.5 * height
                    and not any(c.name == "currency" and min(before.bbox.x1, c.x1) > max(before.bbox.x0, c.x0)
                                for c in columns))):
            out[-1] = word.model_copy(update={"text": to_halfwidth(before.text.strip()) + word.text,
                                              "bbox": before.bbox.union(word.bbox)})
            continue
        out.append(word)
    return out


def join_sides(words: list[Word], columns: Sequence[Column]) -> list[Word]:
    """The side an amount was booked to, printed close after it (9,385.41 | 借, 89,294.66 | 贷: one 发生额
    column whose cells carry their 借 / 贷 flag), joins the amount; not in a table that gives the flags a
    column of their own (借贷标志), where the flag is that column's cell."""
    if any(c.name == "direction" for c in columns):
        return words
    out: list[Word] = []
    for word in words:
        before = out[-1] if out else None
        if before is not None and side_of(word.text) and kind(before.text) in ("money", "number") \
                and side_of(before.text.strip()[-1]) is None \
                and word.bbox.x0 - before.bbox.x1 < word.bbox.y1 - word.bbox.y0:
            out[-1] = before.model_copy(update={"text": before.text.strip() + word.text.strip(),
                                                "bbox": before.bbox.union(word.bbox)})
            continue
        out.append(word)
    return out


ROW_DATE = re.compile(r"(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                      rf"|{YEAR_LAST})"
                      r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
MAX_DATE_PIECES = 6  # 2026 | 年 | 01 | 月 | 01 | 日


def join_dates(words: list[Word]) -> list[Word]:
    """A date printed (or read) in pieces (2026 年 01 月 01 日: digits and characters of two fonts) as one word."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        end = i
        if re.match(r"\d{4}", to_halfwidth(words[i].text).strip()):
            text = ""
            for j in range(i, min(len(words), i + MAX_DATE_PIECES)):
                if j > i and words[j].bbox.x0 - words[j - 1].bbox.x1 > words[j].bbox.y1 - words[j].bbox.y0:
                    break
                text += _date_piece(words[j], first=j == i)
                if j > i and ROW_DATE.fullmatch(text):
                    end = j
        if end > i:
            piece = words[i : end + 1]
            box = union_boxes([w.bbox for w in piece])
            out.append(words[i].model_copy(update={"text": "".join(_date_piece(w, first=w is piece[0]) for w in piece),
                                                   "bbox": box}))
        else:
            out.append(words[i])
        i = end + 1
    return out


_FUSED_DATE_TIME = re.compile(r"((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{1,2}:\d{2}(?::\d{2})?)")


def time_apart(word: Word) -> Word:
    """A date of eight digits read as one word with its time of day (2026052019:10:27, the space lost)
    with the space again: fused, neither is a date."""
    match = _FUSED_DATE_TIME.fullmatch(to_halfwidth(word.text).strip())
    return word.model_copy(update={"text": f"{match.group(1)} {match.group(2)}"}) if match else word


def _date_piece(word: Word, *, first: bool) -> str:
    """A piece of a date as it joins the others: the time of day set apart by a space (20260521 05:13:21
    fused would read as no date), the rest glued (2026 年 01 月 01 日)."""
    text = to_halfwidth(word.text).strip()
    return " " + text if not first and TIME_OF_DAY.fullmatch(text) else text
