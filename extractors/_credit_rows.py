"""The lists of a credit report (个人信用报告): accounts laid out as grids of labels over values (the detailed
layout), accounts told in sentences (the simple layout), each account's repayment history and the inquiries table.

Every function walks the report's lines in order across its pages and returns plain rows with the box they
were read from (for evidence); the labels and words are the report's own (docproc/cn/labels.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docproc.cn import vocab
from docproc.cn.normalize import find_dates, parse_amount
from docproc.core.models import BBox, Word
from docproc.extractors._text import PageText, union_boxes

GRID = {name: tuple(words) for name, words in vocab.labels("credit_report_grid").items()}
_GRID_OWNER = {w: name for name, words in GRID.items() for w in words}
_GRID_WORDS = sorted(_GRID_OWNER, key=len, reverse=True)
HISTORY_HEADINGS = vocab.words("credit_report", "history_headings")
QUERY_REASONS = vocab.words("credit_report", "query_reasons")
STATUS_CHARS = "N*#/CDGZBM1234567"
ADVERSE = "DZB"  # 担保人代还, 以资抵债, 呆账: worse than any count of late months
UNREAD = "?"
MONTHS_24 = 24


@dataclass
class Row:
    """One account or inquiry as read, with where it was read."""

    values: dict[str, Any] = field(default_factory=dict)
    page: int = 0
    boxes: list[BBox] = field(default_factory=list)

    def evidence(self) -> dict[str, Any]:
        """Page and box of the row (JSON-able), for a check's evidence."""
        box = union_boxes(self.boxes)
        return {"page": self.page, "bbox": box.as_list() if box else None}


def kind_of(product: str) -> str:
    """The SPEC kind of an account from the report's 业务种类 (credit_card, mortgage, consumer, business, other)."""
    for kind in ("credit_card", "mortgage", "business", "consumer"):
        if any(word in product for word in vocab.words("credit_report", f"kind_{kind}")):
            return kind
    return "other"


def _grid_labels(text: PageText, index: int) -> list[tuple[str, Word]]:
    """The grid labels on line ``index`` (each with its word), when the line is a row of at least two of them."""
    found = []
    for _, _, word in text.spans_of_line(index):
        label = re.sub(r"\s+", "", word.text)
        if label in _GRID_OWNER:
            found.append((label, word))
    other = len(text.spans_of_line(index)) - len(found)
    return found if len(found) >= 2 and other <= len(found) // 2 else []


def _column_values(text: PageText, index: int, labels: list[tuple[str, Word]]) -> dict[str, tuple[str, Word]]:
    """The value under each label: the words of line ``index`` whose centre is nearest the label's centre."""
    centres = [((w.bbox.x0 + w.bbox.x1) / 2, label) for label, w in labels]
    cells: dict[str, list[Word]] = {}
    for _, _, word in text.spans_of_line(index):
        middle = (word.bbox.x0 + word.bbox.x1) / 2
        _, label = min(centres, key=lambda c: abs(c[0] - middle))
        cells.setdefault(label, []).append(word)
    return {label: ("".join(re.sub(r"\s+", "", w.text) for w in words), words[0]) for label, words in cells.items()}


def _typed(name: str, raw: str) -> Any:
    if name == "opened":
        dates = find_dates(raw)
        return dates[0][0] if dates else None
    if name in ("limit_or_principal", "balance", "monthly_payment", "overdue_amount"):
        if "万" in raw:  # 12.5万元: the unit changes the figure
            return parse_amount(raw)
        match = re.search(r"[0-9][0-9,.]*", raw)
        return yuan(match.group(0)) if match else None
    if name == "kind":
        return kind_of(raw)
    return raw or None


_GROUPED = re.compile(r"\d{1,3}(?:[,.]\d{3})+")


def yuan(text: str) -> Decimal | None:
    """An amount of the report, printed in whole yuan with thousands commas: a point before three digits is a
    comma misread (120.000 is 120,000), a point before one or two is a decimal point."""
    text = text.rstrip(",.")
    if _GROUPED.fullmatch(text):
        return Decimal(re.sub(r"[,.]", "", text))
    return parse_amount(text)


def _history(line: str) -> list[str] | None:
    """The statuses of a history row (2025 N N 1 2 …), or None when the line is not one."""
    match = re.match(r"((?:19|20)\d{2})(?:年)?(.*)$", line)
    if match is None:
        return None
    rest = re.sub(r"[\s|]", "", match.group(2)).upper()
    if not 1 <= len(rest) <= 12:
        return None
    known = sum(c in STATUS_CHARS for c in rest)
    if known == len(rest):
        return list(rest)
    # A row with a character misread is still a history row: the unread months are kept as such, not dropped.
    return [c if c in STATUS_CHARS else UNREAD for c in rest] if known >= 0.7 * len(rest) else None


def _finish(row: Row, statuses: list[str]) -> None:
    if statuses:
        last = statuses[-MONTHS_24:]
        late = [s for s in last if s.isdigit() or s in ADVERSE]
        adverse = [s for s in last if s in ADVERSE]
        row.values["worst_status_24m"] = adverse[0] if adverse else max(late, default="N")
        row.values["overdue_months_24m"] = len(late)
        if UNREAD in last:
            row.values["history_unread_months"] = last.count(UNREAD)


def grid_accounts(texts: list[PageText]) -> list[Row]:
    """Accounts of the detailed layout: a row of labels, the row of values under it; an institution label opens
    the next account; year rows under a history heading give the 24 months."""
    rows: list[Row] = []
    statuses: list[str] = []
    in_history = False
    for text in texts:
        for index, line in enumerate(text.lines):
            labels = _grid_labels(text, index)
            if labels and index + 1 < len(text.lines):
                names = {_GRID_OWNER[label] for label, _ in labels}
                if "institution" in names:
                    if rows:
                        _finish(rows[-1], statuses)
                    rows.append(Row(page=text.page.number))
                    statuses, in_history = [], False
                if not rows:
                    continue
                for label, (raw, word) in _column_values(text, index + 1, labels).items():
                    name = _GRID_OWNER[label]
                    if name == "other" or name in rows[-1].values:
                        continue  # 余额 before 已用额度: the first reading of a field stands
                    if (value := _typed(name, raw)) is not None:
                        rows[-1].values[name] = value
                        if text.page.number == rows[-1].page:  # the evidence box is on the page the account opens on
                            rows[-1].boxes.append(word.bbox)
                continue
            if "查询记录" in line:
                in_history = False
            if any(h in line for h in HISTORY_HEADINGS):
                in_history = True
                continue
            if in_history and rows and (found := _history(line)) is not None:
                statuses += found
    if rows:
        _finish(rows[-1], statuses)
    return [r for r in rows if "institution" in r.values]


_AMOUNT = r"([0-9]{1,3}(?:[,.][0-9]{3})+|[0-9]+)"
_SENTENCE = re.compile(
    r"(\d{4}年\d{1,2}月\d{1,2}日)(.{2,30}?)发放的(?:" + _AMOUNT + r"元(?:\(人民币\))?([^,，。]{2,16}?)(?:,|，)"
    r"|([^,，。(（]{0,6}(?:贷记卡|信用卡)))"
)
SENTENCE_REACH = 160  # characters an account's sentences run on for after 发放的…
_CARD = re.compile(r"信用额度" + _AMOUNT + r"[,，]?已使用额度" + _AMOUNT)
_BALANCE = re.compile(r"余额" + _AMOUNT)
_OVERDUE = re.compile(r"逾期金额" + _AMOUNT)
_LATE_MONTHS = re.compile(r"有(\d+)个月处于逾期状态")


def sentence_accounts(texts: list[PageText]) -> list[Row]:
    """Accounts of the simple layout, each a sentence: 2018年5月12日××银行发放的1,200,000元（人民币）个人住房贷款，…
    截至…，余额…; a card: …发放的贷记卡（人民币账户）。截至…，信用额度…，已使用额度…."""
    rows = []
    for text in texts:
        joined = text.joined
        starts = list(_SENTENCE.finditer(joined))
        for k, match in enumerate(starts):
            end = starts[k + 1].start() if k + 1 < len(starts) else len(joined)
            rest = joined[match.end() : min(end, match.end() + SENTENCE_REACH)]
            if (stop := re.search(r"逾期状态[^。]*。", rest)) is not None:
                rest = rest[: stop.end()]
            row = Row(page=text.page.number)
            row.values["opened"] = find_dates(match.group(1))[0][0] if find_dates(match.group(1)) else None
            row.values["institution"] = re.sub(r"^\d+[.、]?", "", match.group(2))
            if match.group(5):
                row.values["kind"] = "credit_card"
                if card := _CARD.search(rest):
                    row.values["limit_or_principal"] = yuan(card.group(1))
                    row.values["balance"] = yuan(card.group(2))
            else:
                row.values["kind"] = kind_of(match.group(4))
                row.values["limit_or_principal"] = yuan(match.group(3))
                if balance := _BALANCE.search(rest):
                    row.values["balance"] = yuan(balance.group(1))
            overdue = _OVERDUE.search(rest)
            row.values["overdue_amount"] = yuan(overdue.group(1)) if overdue else Decimal(0)
            if late := _LATE_MONTHS.search(rest):
                row.values["overdue_months_5y"] = int(late.group(1))
            box = text.field((match.start(), match.end() + len(rest)), None).bbox
            row.boxes = [box] if box else []
            rows.append(row)
    return rows


_QUERY = re.compile(r"^(?:\d{1,3})?((?:19|20)\d{2}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?)(.*?)(" + "|".join(map(re.escape, QUERY_REASONS)) + r")")


def query_rows(texts: list[PageText]) -> list[Row]:
    """The inquiries: rows of a table headed 查询日期 … 查询原因 (number, date, institution or operator, reason)."""
    rows = []
    in_table = False
    for text in texts:
        for index, line in enumerate(text.lines):
            if "查询日期" in line and "查询原因" in line:
                in_table = True
                continue
            match = _QUERY.match(line) if in_table else None
            if match is None:
                continue
            dates = find_dates(match.group(1))
            if not dates:
                continue
            row = Row(values={"date": dates[0][0], "institution": match.group(2).strip() or None,
                              "reason": match.group(3)}, page=text.page.number)
            box = text.field((text.offsets[index], text.offsets[index] + len(line)), None).bbox
            row.boxes = [box] if box else []
            rows.append(row)
    return rows
