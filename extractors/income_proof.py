"""收入证明: the employer's letter stating position, start date and monthly income."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from docproc.cn import vocab
from docproc.cn.amount_words import CAPITALS, from_words, standard_capitals
from docproc.cn.id_number import IN_TEXT as ID_NUMBER_IN_TEXT
from docproc.cn.normalize import chinese_of_pair, find_dates, parse_amount
from docproc.cn.orgs import organisation_name, organisations_in
from docproc.core.models import DocType, Field, RawDocument
from docproc.extractors._amount_grid import grid_amounts
from docproc.extractors._date_reread import reread_date
from docproc.extractors._dated_lines import dating_lines
from docproc.extractors._employer import employer as find_employer
from docproc.extractors._labels import Candidate, labels_of
from docproc.extractors._reread import DIGITS, UPPER_NUMERALS, reread
from docproc.extractors._text import PageText, before_column_gap
from docproc.extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

CJK = r"\u4e00-\u9fff"
_NAME = re.compile(
    rf"(?:兹证明|兹有|(?<!收入)(?<![此本])证明(?!兹))[:：]?(?:我单位|我司|我公司|本单位|本公司)?(?:员工|职工|同志)?"
    rf"([{CJK}·]{{2,6}}?)(?:同志|先生|女士)?(?:[,，(（]|\s*(?:是|系)(?:我|本|该)(?:单位|公司|司|行|院|校))"
)  # …张伟（身份证…, …张伟同志，, 兹证明张艳 是本单位职工; a title 证明 (在职证明) is no lead-in of the 兹证明 after it
_NAME_FALLBACKS = (
    re.compile(rf"(?:员工|职工|同志)([{CJK}·]{{2,4}})[,，(（]"),
    re.compile(rf"([{CJK}·]{{2,4}})[,，](?:性别|男|女)"),
    # a letter that opens with the person: "杨龙志，身份证号码…，系我公司正式员工"
    re.compile(rf"(?<![{CJK}·])([{CJK}·]{{2,4}})[,，(（]\s*(?:身份证|公民身份|证件号)"),
    # …or with the sex in brackets first: "王海（男，身份证号码…）是我单位正式职工"
    re.compile(rf"(?<![{CJK}·])([{CJK}·]{{2,4}})[(（][男女][,，)）]"),
)
_TITLES = frozenset({"同志", "先生", "女士", "员工", "职工"})  # words around a name, never one
_NO_NAME = re.compile(r"单位|公司|职工|员工|人员|本人|我司|同志|下列|以下")  # 单位职工，性别… : the words before a name, not one
_WORDS_AFTER = re.compile(r"(?:大写[:：]?|元[(（〈<][^)）]{0,4}?[:：])(.{2,30}?)(?:[)）]|$)")
# The labelled forms first; a bare 任 (任销售经理一职) last, and never the 任 of 责任/主任/信任 (有限责任公司…) or of
# 任何/任意 (不作任何担保之用).
_POSITIONS = tuple(re.compile(rf"{lead}([{CJK}A-Za-z]{{2,40}}?)(?:一职|职务|岗位|,|，|。)") for lead in (
    r"(?:担任|现任|职务为|职务[:：]|岗位[:：]?)", r"(?<![责主信委兼])任(?![何意])"))
_FIGURE_AFTER_LABEL = re.compile(r"[^0-9¥￥]{0,12}[¥￥]?([0-9](?:[0-9,，.]*\d万?|万))")  # 月收入为人民币12,500.00元, ¥3.32万元
_WORDS = re.compile(rf"大写[)）]?(?:金额)?[:：]?\s*(?:人民币)?[:：]?\s*([{CAPITALS}]{{2,30}})")  # 人民币（大写）壹万…
_BARE_WORDS = re.compile(rf"人民币[:：]?\s*([{CAPITALS}]{{3,30}})")  # 月收入人民币壹万贰仟元整, no 大写 printed
_UNCUED_WORDS = re.compile(rf"[{CAPITALS}]*[壹贰叁肆伍陆柒捌玖参叄貳陸两][{CAPITALS}]*[元圆][{CAPITALS}]*")
_FIGURE = re.compile(r"[¥￥]?([0-9](?:[0-9,，.]*\d万?|万))")
_PHONE = re.compile(r"(?:电话|联系方式|Tel)[:：]?\s*(0?[0-9][0-9\-+\s.,]{5,16}[0-9])")
_PHONE_OK = re.compile(r"(?:0\d{2,3}-?)?\d{7,8}|1[3-9]\d{9}")
_WORDS_ONLY = re.compile(rf"[{CAPITALS}]{{2,30}}")
_PERSON = re.compile(rf"[{CJK}]{{2,4}}|[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}}){{1,3}}")  # 张伟, 买买提·艾力
POSITION_CHARS = 12  # the longest position a letter's sentence states (高级客户经理, 研发中心技术总监)
_LEAD_INS = sorted(vocab.words("income_proof", "position_lead_ins"), key=len, reverse=True)
_POSITION = re.compile(rf"[{CJK}A-Za-z][{CJK}A-Za-z()/·]{{1,14}}")  # 产品经理, 高级工程师(副总监)
_PAY_WORDS = tuple(vocab.words("income_proof", "pay_words"))  # 岗位工资, 职务津贴: a pay component, not a position
_TRAILING = " 同志先生女士一职"  # words a form's value may end with that are not part of it
_SEX_AFTER = re.compile(r"(?:\([男女]\)|/[男女])$")  # 姓名/性别 | 魏月琳（女）: one cell gives both
_PROSE_MARKS = ",;。、"  # a label followed by these is a word of the prose, not a form's entry
def _name(text: PageText) -> Field | None:
    """The person's name: the prose that certifies it (兹证明…), else a form's entry (姓名：…), else looser
    prose, across wrapped lines first, then line by line (a letter that opens a line with the name,
    马轩刚，身份证号码…, follows its title line with no break in the joined text)."""
    for pattern in (_NAME, None, *_NAME_FALLBACKS):
        if pattern is None:
            if entry := _entry(text, "name", _PERSON, after=_SEX_AFTER):
                return entry
            continue
        hit = text.search_joined(pattern) or text.search(pattern)
        if hit and _may_be_name(hit.group(1)):  # 职工 ${name} 同志，
            return hit.field(hit.group(1))
    return None


def _may_be_name(value: str) -> bool:
    """Not the words around a name (职工, 同志) nor a label (该职工月收入（税前）为…: 月收入 is no name)."""
    return value not in _TITLES and not _NO_NAME.search(value) and not labels_of(LABELS).is_label(value)


def _entry(text: PageText, name: str, shape: re.Pattern[str], *, glued_not: tuple[str, ...] = (),
           after: re.Pattern[str] | None = None) -> Field | None:
    """A form's entry of field ``name`` whose whole value has the field's ``shape``, once what ``after``
    finds at its end is cut off (another field's value in the same cell). A label that runs on,
    with no separator, into one of the words ``glued_not`` is part of a longer word and labels nothing
    (岗位工资 heads a pay component, not the position)."""
    for candidate in labels_of(LABELS).candidates(text, name):
        if glued_not and candidate.how == "right" and _glued_into(candidate, glued_not):
            continue
        whole = candidate.value.rstrip(_TRAILING)
        whole = after.sub("", whole) if after is not None else whole
        value = chinese_of_pair(whole)  # a value printed in two scripts (Engineer/高级工程师): its Chinese half
        start = whole.rfind(value)
        if _in_form(candidate) and shape.fullmatch(value) and value not in _TITLES:
            return candidate.field(value, (start, start + len(value)))
    return None


def _glued_into(candidate: Candidate, words: tuple[str, ...]) -> bool:
    """Whether the text right after the candidate's label (its gap, then its value) opens with one of
    ``words`` and is not set apart from the label by a separator or a blank."""
    after = candidate.gap + candidate.value
    label_end = candidate.start - len(candidate.gap)
    return (after.startswith(words) and not any(mark in candidate.gap for mark in ":;,。、 ")
            and not _set_apart(candidate.text, label_end))


def _in_form(candidate: Candidate) -> bool:
    """Whether a labelled value is a form's entry (姓名：张伟; a cell of its own beside or under its label)
    rather than prose that happens to go on after a label's word (…现任经理职务，其月收入为…)."""
    if candidate.how == "below":
        return True
    if any(mark in candidate.gap for mark in _PROSE_MARKS):
        return False
    return ":" in candidate.gap or _set_apart(candidate.text, candidate.start)


def _set_apart(text: PageText, position: int) -> bool:
    """Whether a blank wider than half a letter separates character ``position`` from the one before it."""
    before, after = text.words_in(position - 1, position), text.words_in(position, position + 1)
    if not before or not after or before[-1] is after[0]:
        return False
    left, right = before[-1].bbox, after[0].bbox
    return right.x0 - left.x1 > 0.5 * min(left.y1 - left.y0, right.y1 - right.y0)


def _amount_in_words(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """大写 amount: the page read if it parses (after 大写 or 人民币, else any run of capital numerals that
    names yuan), else a re-read of its box with the numeral alphabet."""
    hit = text.search_joined(_WORDS)
    if hit and _parses(hit.group(1)):
        return hit.field(standard_capitals(hit.group(1)))
    if (bare := text.search_joined(_BARE_WORDS)) and _parses(bare.group(1)):
        return bare.field(standard_capitals(bare.group(1)))
    for uncued in re.finditer(_UNCUED_WORDS, text.joined):  # （叁万叁仟贰佰元整）, 即捌仟伍佰元整: no cue printed
        if _parses(uncued.group(0)):
            return text.field(uncued.span(), standard_capitals(uncued.group(0)))
    loose = text.search_joined(_WORDS_AFTER)
    target = loose or hit
    if target is None:
        return None
    field = target.field(target.group(1))
    if field.bbox is not None:
        again = reread(ctx, text.page, field.bbox, whitelist=UPPER_NUMERALS + "人民币")
        if again and (words := _WORDS_ONLY.search(again[0])) and _parses(words.group(0)):
            return field.model_copy(update={"value": standard_capitals(words.group(0)),
                                            "confidence": round(min(again[1], 0.9), 3)})
    if hit:
        return hit.field(standard_capitals(hit.group(1))).model_copy(update={"confidence": 0.3})
    return None


def extract_fields(text: PageText, ctx: ReadingContext | None = None) -> dict[str, Field]:
    """Fields of an income letter page (paragraphs may wrap across lines)."""
    fields: dict[str, Field] = {}
    if name := _name(text):
        fields["name"] = name
    if hit := text.search_joined(ID_NUMBER_IN_TEXT):
        fields["id_number"] = hit.field(hit.group(1).upper())
    if start := _employment_start(text):
        fields["employment_start"] = start
    if position := _position(text):
        fields["position"] = position
    words = _amount_in_words(text, ctx)
    if words:
        fields["amount_in_words"] = words
    if income := _monthly_income(text, words):
        fields["monthly_income"] = income
    if employer := find_employer(text):
        fields["employer"] = employer
    if phone := _phone(text, ctx):
        fields["employer_phone"] = phone
    if issued := _issue_date(text, ctx):
        fields["issue_date"] = issued
    return fields


LABELS = "income_proof"
START_CUES = (("自", "于", "从"), ("起", "开始", "入职", "进入", "加入", "至今", "到岗", "参加工作", "在"))
SIGNING_LINES = 3  # lines at the foot of a letter with no closing words that may hold its date
FILLER = 4  # characters a labelled value may sit after its label (为, 是, :)
MONTH_CUE_REACH = 8  # characters before a figure in which 月 says it is a month's pay (折合月均人民币)


def _employment_start(text: PageText) -> Field | None:
    """The start date: after its label (入职时间为…), else in prose (自2019年3月1日起, 于…入职)."""
    for candidate in labels_of(LABELS).candidates(text, "employment_start", reach=FILLER + 14):
        found = find_dates(candidate.value)
        if found and found[0][1] <= FILLER:
            return candidate.field(found[0][0], (found[0][1], found[0][2]))
    before, after = START_CUES
    for day, a, b in find_dates(text.joined):
        if text.joined[max(0, a - 1) : a] in before and text.joined[b:].startswith(after) \
                or _STARTED_WORKING.match(text.joined, b):
            return text.field((a, b), day)
    return None


# a date that the sentence says work began on, with no 自/于 before it: …，2018年11月15日起在本单位工作
_STARTED_WORKING = re.compile(r"(?:起|开始)[^,，。;；]{0,8}?(?:工作|任职|就职)")


def _position(text: PageText) -> Field | None:
    """The position: a form's entry (职务：产品经理), else the prose that states it (现任销售经理一职)."""
    entry = _entry(text, "position", _POSITION, glued_not=_PAY_WORDS)
    if entry is not None and organisation_name(str(entry.value)) is None:
        return entry
    for pattern in _POSITIONS:
        for match in re.finditer(pattern, text.joined):
            start = match.start(1) + _lead_in(match.group(1))
            if 2 <= match.end(1) - start <= POSITION_CHARS:
                return text.field((start, match.end(1)), text.joined[start : match.end(1)])
    return None


def _lead_in(value: str) -> int:
    """How many characters of a position taken from prose are its sentence's lead-in: the employer as us
    (我单位, 本公司的) or by its own name (现任XX有限公司财务主管), never a word of the position."""
    cut = 0
    while True:
        lead = next((w for w in _LEAD_INS if value.startswith(w, cut)), None)
        named = next((end for _, start, end in organisations_in(value) if start == cut and len(value) - end >= 2), None)
        if lead is not None and len(value) - cut - len(lead) >= 2:
            cut += len(lead)
        elif named is not None:
            cut = named
        else:
            return cut


def _monthly_income(text: PageText, words: Field | None) -> Field | None:
    """The monthly income after one of its labels: the figure its 大写 confirms (which may come after the
    words: 月收入人民币（大写）壹万贰仟元整（¥12,000.00）), else the figure right after the first label."""
    confirmed = _in_words(words)
    labelled = list(labels_of(LABELS).candidates(text, "monthly_income", reach=40))
    for grid in grid_amounts(text):  # ¥800000 under 佰拾万仟佰拾元角分 is 8000.00, beside or under its label
        if grid.value == confirmed or any(abs(text.line_at(c.start) - grid.header_line) <= 2 for c in labelled):
            return grid.field
    near: list[Field] = []
    cells: list[Field] = []  # a figure that is the whole cell beside or under its heading (a table letter)
    for candidate in labelled:
        if candidate.how != "prose":
            if (whole := _FIGURE.fullmatch(candidate.value)) and (amount := parse_amount(whole.group(1))) is not None:
                if _confirms(whole.group(1), confirmed):
                    return candidate.field(confirmed, whole.span(1))
                cells.append(candidate.field(amount, whole.span(1)))
            continue
        for figure in _FIGURE.finditer(candidate.value):
            if _confirms(figure.group(1), confirmed):
                return candidate.field(confirmed, figure.span(1))
        first = _FIGURE_AFTER_LABEL.match(candidate.value)
        if first and (amount := parse_amount(first.group(1))) is not None:
            near.append(candidate.field(amount, first.span(1)))
    if cells + near:
        return (cells + near)[0]
    return _confirmed_anywhere(text, words, confirmed)


def _confirmed_anywhere(text: PageText, words: Field | None, confirmed: Decimal | None) -> Field | None:
    """No label before it (年薪…（折合月均人民币7,100.00元，大写：柒仟壹佰元整）): the figure its 大写 confirms,
    the nearest one before the words, said to be a month's (月 just before it: never a year's pay)."""
    if words is None or confirmed is None or not words.raw or (end := text.joined.find(words.raw)) < 0:
        return None
    hits = [f for f in _FIGURE.finditer(text.joined, 0, end) if _confirms(f.group(1), confirmed)
            and "月" in text.joined[max(0, f.start() - MONTH_CUE_REACH) : f.start()]]
    return text.field(hits[-1].span(1), confirmed) if hits else None


def _confirms(figure: str, confirmed: Decimal | None) -> bool:
    """Whether a figure as read is the amount its 大写 gives: equal, or, read as no amount at all, the amount's
    digits with its point lost and a separator misplaced (13，40000 for 13,400.00). A well-formed figure that
    differs (1340000) stays itself, for the amount-in-words check to weigh."""
    if confirmed is None:
        return False
    amount = parse_amount(figure)
    return amount == confirmed or amount is None and re.sub(r"\D", "", figure) == f"{confirmed:.2f}".replace(".", "")


def _in_words(words: Field | None) -> Decimal | None:
    try:
        return from_words(str(words.value)) if words is not None else None
    except ValueError:
        return None


def _issue_date(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """The date that signs the letter: after its label (开具日期：…), else the last date at or below the
    closing words (特此证明), else the last date on a line of its own (at the foot or heading the letter);
    numerals or 二〇二六年十一月五日."""
    labelled = labels_of(LABELS).candidates(text, "issue_date")
    for candidate in labelled:
        found = find_dates(candidate.value)
        if found and found[0][1] == 0:
            return candidate.field(found[0][0], (found[0][1], found[0][2]))
        if again := reread_date(text, (candidate.start, candidate.end), ctx):
            return again
    closing = [h.line for w in vocab.words(LABELS, "closing") if (h := text.search(re.escape(w)))]
    dated = [(index, day, text.offsets[index] + a, text.offsets[index] + b)
             for index, line in enumerate(text.lines) for day, a, b in find_dates(line)
             if not _labelled_otherwise(line, a)]
    on_own_line = [d for d in dating_lines(text, filler=FILLER + 2)
                   if not _labelled_otherwise(text.lines[d[0]], d[2] - text.offsets[d[0]])]
    # below the closing words; else a date on a line of its own (a letter dated in its top right corner)
    after = [d for d in dated if d[0] >= min(closing)] if closing else []
    after = after or on_own_line
    if after:
        _, day, a, b = after[-1]
        return text.field((a, b), day)
    # No date parses: the one that signs is under the seal's ink; its line (below the closing words) read again.
    signing = range(len(text.lines) - 1, min(closing) if closing else len(text.lines) - SIGNING_LINES - 1, -1)
    lines = [(text.offsets[i], text.offsets[i] + len(text.lines[i])) for i in signing if i >= 0]
    return next((f for a, b in lines if (f := reread_date(text, (a, b), ctx))), None)


@cache
def _other_date_labels() -> re.Pattern[str]:
    """The labels of the letter's other dates: its start date's and the words of dates it never signs on
    (入职日期, 出生日期, 有效期至), each at the end of the text it is searched in."""
    words = set(vocab.labels(LABELS)["employment_start"]) | set(vocab.words(LABELS, "not_after"))
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})[^0-9]{{0,{FILLER}}}$")


def _labelled_otherwise(line: str, start: int) -> bool:
    """Whether the date starting at ``start`` of ``line`` is another field's, its label just before it
    (入职日期2010-09-01): never the date that signs the letter."""
    return _other_date_labels().search(line, 0, start) is not None


def _phone(text: PageText, ctx: ReadingContext | None) -> Field | None:
    """Employer phone after its label on its line, else in the cell under its label (a form's labels over
    values: 人力资源部联系电话 | 0951-7350480); digits damaged by a seal are re-read from the field's box."""
    hit = text.search(_PHONE)
    if hit is None:
        cells = [c for c in labels_of(LABELS).candidates(text, "employer_phone") if c.how == "below"]
        return next((c.field(c.value) for c in cells if _PHONE_OK.fullmatch(c.value)), None)
    a, b = before_column_gap(text, (hit.offset + hit.match.start(1), hit.offset + hit.match.end(1)))
    field = text.field((a, b), text.joined[a:b].strip().replace(" ", "-"))  # not the next column's figure
    if _PHONE_OK.fullmatch(str(field.value)):
        return field
    if field.bbox and (again := reread(ctx, text.page, field.bbox, whitelist=DIGITS + "-", digits=True)):
        value = again[0].strip("-")
        if _PHONE_OK.fullmatch(value):
            # tesseract reports ~0 confidence under a whitelist; the pattern match is the real evidence
            return field.model_copy(update={"value": value, "confidence": round(min(field.confidence, 0.75), 3)})
    return field.model_copy(update={"confidence": min(field.confidence, 0.3)})


def _parses(words: str) -> bool:
    try:
        from_words(words)
    except ValueError:
        return False
    return True


@extractor(DocType.INCOME_PROOF)
def extract_income_proof(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Fields from the letter's pages (first page wins for each field)."""
    fields: dict[str, Field] = {}
    for page in doc.pages:
        for name, value in extract_fields(PageText(page, columns=True), ctx).items():
            fields.setdefault(name, value)
    return ExtractedFields(fields=fields)
