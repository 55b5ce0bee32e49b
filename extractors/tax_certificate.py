"""个人所得税纳税记录 / 完税证明: taxpayer, period, totals, issue date, verification code."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from docproc.cn import vocab
from docproc.cn.amount_words import CAPITALS, from_words
from docproc.cn.id_number import parse_id_number
from docproc.cn.normalize import find_dates, parse_amount
from docproc.core.models import DocType, Field, RawDocument
from docproc.extractors._date_reread import reread_date
from docproc.extractors._dated_lines import dating_lines
from docproc.extractors._grid_cells import grid_cells
from docproc.extractors._labels import labels_of, past_separators
from docproc.extractors._tax_month_columns import month_column_totals
from docproc.extractors._tax_period import labelled_range, list_period, period_in_prose, period_under_title
from docproc.extractors._tax_totals import FIGURE as _FIGURE
from docproc.extractors._tax_totals import income_the_rows_vouch_for
from docproc.extractors._text import COLUMN_GAP, Hit, PageText, before_column_gap, label_values
from docproc.extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

LABELS = vocab.labels("tax_certificate")
_ID_NUMBER = re.compile(r"[1-9]\d{16}[\dXx]")
_CODE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{8,32}(?![0-9A-Za-z])")
_CODE_LABEL = re.compile("|".join(re.escape(s) for s in sorted(LABELS["verification_code"], key=len, reverse=True)))
_ANY_LABEL = re.compile("|".join(re.escape(s) for s in sorted({s for alts in LABELS.values() for s in alts},
                                                                key=len, reverse=True)))
CODE_LINES_BELOW = 2  # lines under a code's label (a box under it, beside a QR code) where the code may stand


def _amount(field: Field) -> Field | None:
    text = str(field.value)
    match = re.search(r"-?[0-9][0-9,]*\.\d{2}|-?[0-9][0-9,]*", text)
    value = parse_amount(match.group(0)) if match else None
    return None if value is None else field.model_copy(update={"value": value})


_PAIR = re.compile(rf"({_FIGURE})[^0-9]+({_FIGURE})")
_TOTAL = re.compile(r"合计(?![(（]?大写)")
# The amount in words printed with the totals: 已缴税额合计（大写）, 合计(大写), 金额(大写), 大写金额：…
_TAX_IN_WORDS = re.compile(rf"(?:合计|金额|税额)?[(（]?大写[)）]?(?:金额)?[:：]?([{CAPITALS}]+)")
TOTALS_REACH = 120  # characters after 合计 where a skewed photo may have put its figures
_SUBTOTAL = re.compile(rf"^小计[^0-9]*({_FIGURE})[^0-9]+({_FIGURE})")
CENT = Decimal("0.01")


def _tax_in_words(text: PageText) -> Decimal | None:
    hit = text.search(_TAX_IN_WORDS)
    try:
        return from_words(hit.group(1)) if hit else None
    except ValueError:
        return None


def _pair(hit: Hit) -> tuple[Decimal, Decimal] | None:
    income, tax = parse_amount(hit.group(1)), parse_amount(hit.group(2))
    return (income, tax) if income is not None and tax is not None else None


def _sums(text: PageText) -> list[tuple[Decimal, Decimal]]:
    """What the table's figures add up to: its 小计 lines (one per withholding agent), and its month rows."""
    subtotals = [p for h in text.finditer(_SUBTOTAL) if (p := _pair(h))]
    rows = [p for _, p in _period_rows(text)]
    sums = []
    for pairs in (subtotals, rows):
        if pairs:
            sums.append((sum((p[0] for p in pairs), Decimal(0)), sum((p[1] for p in pairs), Decimal(0))))
    return sums


def _agrees(pair: tuple[Decimal, Decimal], in_words: Decimal | None, sums: list[tuple[Decimal, Decimal]]) -> bool:
    """A total the page itself vouches for: its 大写 repeats one of the two, or the rows add up to it."""
    if in_words is not None and in_words in pair:
        return True
    return any(abs(pair[0] - a) < CENT and abs(pair[1] - b) < CENT for a, b in sums)


def _totals_row(text: PageText) -> tuple[Decimal, Decimal, Field] | None:
    """Total income and tax: the 合计 row, checked against the 大写 amount and the sum of the rows.

    The first two amounts on the 合计 row are income and tax. A photo's skew can fold the row into its
    neighbours' lines (合计 alone, or beside the last row's figures); then of the amount pairs just after
    合计 the one the page vouches for is taken (its 大写 or the rows' sum repeat it), else the largest (a
    total is no smaller than any row). When 合计 was not read at all, a pair of figures the page vouches
    for stands in: the 小计s or rows added up, or the figures printed beside the 大写 tax.
    """
    in_words = _tax_in_words(text)
    sums = _sums(text)
    hit = text.search(rf"合计[^0-9]*({_FIGURE})[^0-9]+({_FIGURE})")
    total = _TOTAL.search(text.joined)
    if total is not None and (hit is None or not _agrees(_pair(hit) or (Decimal(0), Decimal(0)), in_words, sums)):
        pairs = [Hit(text, 0, m) for m in _PAIR.finditer(text.joined, total.end(), total.end() + TOTALS_REACH)]
        confirmed = [h for h in pairs if (p := _pair(h)) and _agrees(p, in_words, sums)]
        if confirmed or hit is None:
            hit = confirmed[0] if confirmed else max(pairs, key=lambda h: parse_amount(h.group(1)) or 0, default=None)
    if hit is not None and (pair := _pair(hit)):
        return (*pair, hit.field(hit.group(0), 0))
    if hit is None and total is None:
        return _vouched_pair(text, in_words, sums)
    if hit is None and total is not None and in_words is not None:
        return income_the_rows_vouch_for(text, _table_start(text), text.line_at(total.start()), in_words)
    return None


# A receipt's total of tax paid on a line of its own: 金额合计（大写）肆万壹仟壹佰元肆角贰分 ¥41,100.42, or 合计 ¥2,126.43
# with no amount in words. One figure (a pair is income and tax: :func:`_totals_row`), under a label that names no
# income (收入额合计 is the income's).
_SINGLE_TOTAL = re.compile(rf"[合总]计(?:[(（]?大写[)）]?[:：]?([{CAPITALS}]*))?([^0-9]*?)({_FIGURE})")
_CURRENCY = re.compile(r"[¥￥]\s*$")


def _tax_total_line(text: PageText) -> Field | None:
    """The tax paid from a totals line holding one figure: taken when the amount in words printed before it is
    that figure, or, with no words printed, when it is marked as money (¥)."""
    for hit in text.finditer(_SINGLE_TOTAL):
        line = text.lines[hit.line]
        if re.search(_FIGURE, line[hit.match.end() :]) \
                or any(label in line[: hit.match.start()] + "合计" for label in LABELS["total_income"]):
            continue  # a pair of figures, or an income's total
        figure = parse_amount(hit.group(3))
        try:
            in_words = from_words(hit.group(1)) if hit.group(1) else None
        except ValueError:
            in_words = None
        printed = bool(hit.group(1))
        if figure is not None and (in_words == figure if printed else bool(_CURRENCY.search(hit.group(2)))):
            return hit.field(figure, 3)
    return None


def _vouched_pair(text: PageText, in_words: Decimal | None,
                  sums: list[tuple[Decimal, Decimal]]) -> tuple[Decimal, Decimal, Field] | None:
    """Totals where no 合计 was read: the sums that the 大写 confirms, else a line's pair of figures whose tax
    the 大写 repeats. A bare sum of rows is no total (a page of a longer record holds only some)."""
    if in_words is None:
        return None
    for income, tax in sums:
        if tax == in_words:
            evidence = text.search(_TAX_IN_WORDS)
            assert evidence is not None
            return income, tax, evidence.field(evidence.group(0), 0)
    for hit in text.finditer(_PAIR):
        if (pair := _pair(hit)) and pair[1] == in_words and pair[0] > pair[1]:
            return (*pair, hit.field(hit.group(0), 0))
    return None


# A month a row's income belongs to (2025.06, 2025-06, 2025年6月), not a full date (2025.06.01)
_MONTH = r"(20\d{2})[.\-/年](\d{1,2})月?(?![.\-/]?\d)"
_ROW_PERIOD = re.compile(rf"(?<!\d){_MONTH}(?:[至到\-~—]+(20\d{{2}})[.\-/年](\d{{1,2}})月?(?![.\-/]?\d))?")
_ROW_FIGURES = re.compile(rf"({_FIGURE}) +({_FIGURE})")


def _month(year: str, month: str, *, last: bool = False) -> date | None:
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1] if last else 1)


def _period_rows(text: PageText) -> list[tuple[tuple[date, date, Hit], tuple[Decimal, Decimal]]]:
    """Rows of the table under a period column (所得期间, 税款所属期): each row's months and its income and tax."""
    start = _table_start(text)
    if start is None:
        return []
    rows = []
    for index in range(start + 1, len(text.lines)):
        line = text.lines[index]
        period = None if re.match(r"[小合]计|总计", line) else _ROW_PERIOD.search(line)
        figures = _ROW_FIGURES.search(line, period.end()) if period else None
        if period is None or figures is None:
            continue
        first = _month(period.group(1), period.group(2))
        last = _month(period.group(3) or period.group(1), period.group(4) or period.group(2), last=True)
        income, tax = parse_amount(figures.group(1)), parse_amount(figures.group(2))
        if first and last and first <= last and income is not None and tax is not None:
            rows.append(((first, last, Hit(text, text.offsets[index], period)), (income, tax)))
    return rows


def _table_start(text: PageText) -> int | None:
    """The line of the table's headings: the one naming its period column (所得期间, 税款所属期)."""
    heading = re.compile("|".join(map(re.escape, vocab.words("tax_certificate", "period_columns"))))
    return next((i for i, line in enumerate(text.lines) if heading.search(line) and not _label_line(line)), None)


def _label_line(line: str) -> bool:
    """A 税款所属期：… entry (a label with its value), not the heading of a table's column."""
    return bool(re.search(r"[:：]\s*\S", line)) and bool(find_dates(line))


def _period_of_rows(text: PageText) -> tuple[Field, Field] | None:
    """The period a record covers from its rows: the earliest month's first day to the latest month's last."""
    rows = [r for r, _ in _period_rows(text)]
    if not rows:
        return None
    first, last = min(rows, key=lambda r: r[0]), max(rows, key=lambda r: r[1])
    return first[2].field(first[0], 0), last[2].field(last[1], 0)


_ID_LABELS = "|".join(map(re.escape, sorted(LABELS["id_number"], key=len, reverse=True)))
_NAME = r"([\u4e00-\u9fff·]{2,8}?)"
_LABEL_WORDS = tuple(label for labels in LABELS.values() for label in labels)


def _taxpayer_in_prose(text: PageText) -> tuple[Field | None, Field | None]:
    """Name and id number of a taxpayer written in a sentence: 兹证明纳税人张伟（身份证件号码：…）,
    纳税人张伟，纳税人识别号…; the id number is taken only when its check digit holds."""
    openers = "|".join(map(re.escape, vocab.words("tax_certificate", "taxpayer_prose")))
    prose = re.compile(rf"(?:{openers})(?:姓名|名称)?[:：]?{_NAME}[(（,，、 ]*(?:{_ID_LABELS})[:：]?\s*([0-9]{{17}}[0-9Xx])?")
    not_a_name = vocab.words("tax_certificate", "not_a_name")
    for match in prose.finditer(text.joined):
        name = match.group(1)
        for word in ("兹证明", "纳税人"):
            name = name.removeprefix(word)
        if len(name) < 2 or any(w in name for w in (*not_a_name, *_LABEL_WORDS)):  # 身份证件类型张伟: a grid's labels
            continue
        a, b = match.span(1)
        name_field = text.field((b - len(name), b), name)
        id_field = None
        if match.group(2) and parse_id_number(match.group(2)).valid_check_digit:
            id_field = text.field(match.span(2), match.group(2).upper())
        return name_field, id_field
    return None, None


_GLOSS = re.compile(r"[A-Za-z][A-Za-z .'/]*[:：]")


def _verification_code(text: PageText) -> Field | None:
    """The code a record is verified by: after its label on the label's line (验证码：A1B2…), else in the box
    under it (a 查验码 box beside the QR code: the label above, the code below). A sentence that names the
    label (凭查验码查验) is passed over: no code follows it. Nothing beside the label but another column (开具日期…
    a column away, however misread) sends the search under it."""
    for hit in text.finditer(_CODE_LABEL):
        line, offset = text.lines[hit.line], text.offsets[hit.line]
        start = past_separators(line, hit.match.end())
        if gloss := _GLOSS.match(line, start):  # 验证码 Verification Code：…: the label's English after it
            start = past_separators(line, gloss.end() - 1)
        following = _ANY_LABEL.search(line, start)
        a, b = before_column_gap(text, (offset + start, offset + (following.start() if following else len(line))))
        beside = _CODE.match(text.joined[a:b]) if a < b else None
        if a < b and not _a_column_away(text, offset + hit.match.end(), a):
            if beside is not None:
                return text.field((a, a + beside.end()), beside.group(0))
            continue  # prose goes on after the label's word
        if (under := _code_under(text, hit)) is not None:  # nothing beside the label but another column
            return under
        if beside is not None:  # the code printed a wide gap right of its label
            return text.field((a, a + beside.end()), beside.group(0))
    return None


def _a_column_away(text: PageText, end: int, start: int) -> bool:
    """Whether the words at characters ``end - 1`` and ``start`` stand a column gap apart."""
    left, right = text.words_in(end - 1, end), text.words_in(start, start + 1)
    if not left or not right or left[-1] is right[0]:
        return False
    a, b = left[-1].bbox, right[0].bbox
    return b.x0 - a.x1 > COLUMN_GAP * min(a.y1 - a.y0, b.y1 - b.y0)


def _code_under(text: PageText, label: Hit) -> Field | None:
    """A code that opens a word on the next lines starting under the label (within a letter of its left edge)."""
    boxes = text.words_in(label.offset + label.match.start(), label.offset + label.match.end())
    if not boxes:
        return None
    x0, bottom = min(w.bbox.x0 for w in boxes), max(w.bbox.y1 for w in boxes)
    height = min(w.bbox.y1 - w.bbox.y0 for w in boxes)
    for index in range(label.line + 1, min(len(text.lines), label.line + 1 + CODE_LINES_BELOW)):
        for a, b, word in text.spans_of_line(index):
            if abs(word.bbox.x0 - x0) > height or word.bbox.y0 - bottom > 3 * height:
                continue
            if (m := _CODE.match(text.joined[a:b])) is not None:  # the word alone: the line before may end in a digit
                return text.field((a, a + m.end()), m.group(0))
    return None


def _valid_id(field: Field | None) -> bool:
    return field is not None and parse_id_number(str(field.value)).valid_check_digit


def extract_fields(text: PageText, ctx: ReadingContext | None = None) -> dict[str, Field]:
    """Fields of one page of a tax record."""
    raw = label_values(text, LABELS)
    fields: dict[str, Field] = {}
    if "name" in raw:  # up to a column gap: a word far right on the line (a margin's 第二联) is no part of it
        named = label_values(text, LABELS, columns=True).get("name", raw["name"])
        fields["name"] = named.model_copy(update={"value": re.split(r"[\s(（]", str(named.value))[0]})
    if "id_number" in raw and (m := _ID_NUMBER.search(str(raw["id_number"].value))):
        fields["id_number"] = raw["id_number"].model_copy(update={"value": m.group(0).upper()})
    prose_name, prose_id = _taxpayer_in_prose(text)
    if prose_name is not None and "name" not in fields:
        fields["name"] = prose_name
    if prose_id is not None and not _valid_id(fields.get("id_number")):
        fields["id_number"] = prose_id  # the sentence's number holds its check digit, the label's does not
    grid = grid_cells(text, "tax_certificate")  # labels over their values (a label's next line holds another label)
    for name in ("name", "id_number"):
        if name not in fields and name in grid:
            fields[name] = grid[name]
    if listed := list_period(text):  # a list of tickets, each with its own 税款所属期
        fields["period_start"], fields["period_end"] = listed
    elif labelled := _labelled_period(text, raw):
        fields["period_start"], fields["period_end"] = labelled
    elif period := period_in_prose(text) or period_under_title(text) or _period_of_rows(text):
        fields["period_start"], fields["period_end"] = period
    if "issue_date" in raw and (dates := find_dates(str(raw["issue_date"].value))):
        fields["issue_date"] = raw["issue_date"].model_copy(update={"value": dates[0][0]})
    elif "issue_date" in grid:
        fields["issue_date"] = grid["issue_date"]
    elif again := _reread_issue_date(text, ctx):
        fields["issue_date"] = again
    elif dated := [d for d in dating_lines(text) if d[0] >= len(text.lines) // 2]:
        _, day, a, b = dated[-1]  # a certificate dated under its issuer's name, no label: 二〇二六年八月六日
        fields["issue_date"] = text.field((a, b), day)
    elif tail := _reread_after_label_tail(text, ctx):
        fields["issue_date"] = tail
    if code := _verification_code(text):
        fields["verification_code"] = code
    transposed = month_column_totals(text, _tax_in_words(text))  # months for columns: its 合计 rows' totals
    for name in ("total_income", "total_tax"):
        if name in raw and not transposed and (amount := _amount(raw[name])):  # 合计|收入额 reads as 合计收入
            fields[name] = amount
    if "total_tax" not in fields and not transposed and (paid := _tax_total_line(text)):
        fields["total_tax"] = paid
    if ("total_income" not in fields or "total_tax" not in fields) and (totals := transposed or _totals_row(text)):
        income, tax, evidence = totals
        fields.setdefault("total_income", evidence.model_copy(update={"value": income}))
        fields.setdefault("total_tax", evidence.model_copy(update={"value": tax}))
    return fields


def _labelled_period(text: PageText, raw: dict[str, Field]) -> tuple[Field, Field] | None:
    """The period beside its label; when the value runs on into the next column of its line (a screenshot's
    cards side by side) and its end date is lost there, the value up to the column gap."""
    found = _period_of(raw.get("period"))
    if found is None or not _spans(found):
        columned = _period_of(label_values(text, LABELS, columns=True).get("period"))
        found = columned if columned is not None and _spans(columned) else found
    return found


def _period_of(value: Field | None) -> tuple[Field, Field] | None:
    # a grid's row of values read as one line: the id number under its label runs into the period under its own
    if value is None or (dates := labelled_range(_ID_NUMBER.sub(" ", str(value.value)))) is None:
        return None
    return value.model_copy(update={"value": dates[0][0]}), value.model_copy(update={"value": dates[1][0]})


def _spans(period: tuple[Field, Field]) -> bool:
    return str(period[0].value) < str(period[1].value)  # ISO dates: a period runs from one day to a later one


def _reread_issue_date(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """A labelled issue date the first read could not parse (开具日期：.-09-05, its year under the seal's
    ink), read again from its own box."""
    if ctx is None:
        return None
    return next((f for c in labels_of("tax_certificate").candidates(text, "issue_date")
                 if (f := reread_date(text, (c.start, c.end), ctx))), None)


# What is left of a date's label the seal's ink or a misread took the head of: 开县日期：, 期：
_LABEL_TAIL = re.compile(r"(?<![属效])日?期[:：]")  # not 所属期：, 有效期：


def _reread_after_label_tail(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """A date after the tail of a date's label (…日期：, 期：, 开具月期：) in the lower half of the page, where a
    record is dated under its issuer's name: as read when it reads whole there, else read again from its box."""
    for index in range(len(text.lines) // 2, len(text.lines)):
        for match in _LABEL_TAIL.finditer(text.lines[index]):
            start, end = text.offsets[index] + match.end(), text.offsets[index] + len(text.lines[index])
            if (dates := find_dates(text.joined[start:end])) and dates[0][1] == 0:
                return text.field((start, start + dates[0][2]), dates[0][0])
            if (field := reread_date(text, (start, end), ctx)) is not None:
                return field
    return None


@extractor(DocType.TAX_CERTIFICATE)
def extract_tax_certificate(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Fields from the record's pages (first page that has each; totals from the last)."""
    fields: dict[str, Field] = {}
    for page in doc.pages:
        for name, value in extract_fields(PageText(page), ctx).items():
            if name in ("total_income", "total_tax"):
                fields[name] = value  # the grand total is printed at the end
            else:
                fields.setdefault(name, value)
    return ExtractedFields(fields=fields)
