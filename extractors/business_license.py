"""营业执照: company, USCC, legal representative, capital, dates, address."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docproc.cn import vocab
from docproc.cn.addresses import continues_address
from docproc.cn.normalize import LONG_TERM, find_dates, parse_amount, parse_date, parse_validity
from docproc.cn.orgs import names_cleanly
from docproc.cn.uscc import is_valid_uscc, mend_uscc
from docproc.core.models import DocType, Field, RawDocument
from docproc.extractors._beside import label_words, value_beside
from docproc.extractors._labels import past_separators
from docproc.extractors._text import PageText, before_column_gap, label_values, union_boxes
from docproc.extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

LABELS = vocab.labels("business_license")
_USCC = re.compile(r"(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9,10})(?![0-9A-Z])")
_GLYPHED_USCC = re.compile(r"(?<![0-9A-Za-z])([0-9A-Za-z\]|!]{18})(?![0-9A-Za-z\]|!])")
_CAPITAL_WORDS = re.compile(r"([零壹贰叁肆伍陆柒捌玖拾佰仟万亿一二三四五六七八九十百千两]+)万?元")


def _uscc(text: PageText) -> Field | None:
    """The credit code: the first code-shaped run after its label, else anywhere on the page; a run of 18 read
    with a confusable glyph (91310104809447931] for …931J) is mended when the mended code checks out."""
    label = text.search("统一社会信用代码")
    start = label.line if label else 0
    for glyphed in text.finditer(_GLYPHED_USCC, start_line=start):
        if not is_valid_uscc(glyphed.group(1)) and (mended := mend_uscc(glyphed.group(1))):
            return glyphed.field(mended)
    hit = text.search(_USCC, start_line=start) or text.search(_USCC)
    return hit.field(hit.group(1)) if hit else None


def _capital(field: Field) -> Field:
    raw = str(field.value)
    number = parse_amount(re.sub(r"(人民币|\(.*?\)|（.*?）)", "", raw))
    if number is not None:
        return field.model_copy(update={"value": number})
    try:
        from docproc.cn.amount_words import from_words

        words = raw.split("元")[0] + "元"
        return field.model_copy(update={"value": from_words(words)})
    except ValueError:
        return field


_TERM = re.compile("|".join(re.escape(s) for s in sorted(LABELS["business_term"], key=len, reverse=True)))
_ANY_LABEL = re.compile("|".join(re.escape(s) for s in sorted({s for alts in LABELS.values() for s in alts},
                                                                key=len, reverse=True)))
_UNTIL = ("至", "止", "到")  # 营业期限至 on a row of its own, under 营业期限自
_OPEN_ENDED = re.compile(r"[长長]期|永久|不约定期限|无固定期限")


def _term_until(text: PageText) -> Field | None:
    """The end of the business term: a range after its label (2012-10-05至2062-10-05, 自…至长期), or the
    row of its own that gives the end (营业期限至 | 2062-10-05, or 长期) when start and end are two rows.
    The value ends at the next label on its line or at a gap to another column."""
    for hit in text.finditer(_TERM):
        line, offset = text.lines[hit.line], text.offsets[hit.line]
        start = past_separators(line, hit.match.end())
        until_row = line.startswith(_UNTIL, start)
        start = past_separators(line, start + until_row)
        following = _ANY_LABEL.search(line, start)
        a, b = before_column_gap(text, (offset + start, offset + (following.start() if following else len(line))))
        if a >= b and (under := _line_under(text, hit.line)) is not None:
            a, b = under  # the label over its value (a card of grey labels, each value on the row below)
        value = text.joined[a:b]
        if until_row:
            if (open_ended := _OPEN_ENDED.match(value)) is not None:
                return text.field((a, a + open_ended.end()), LONG_TERM)
            found = find_dates(value)
            if found and found[0][1] == 0:
                return text.field((a + found[0][1], a + found[0][2]), found[0][0])
            continue
        if (until := _until_of(text.field((a, b), value))) is not None:
            return until
    return None


def _line_under(text: PageText, index: int) -> tuple[int, int] | None:
    """The span of the line under line ``index`` up to a label, when it does not open with one."""
    if index + 1 >= len(text.lines) or _ANY_LABEL.match(below := text.lines[index + 1]):
        return None
    following = _ANY_LABEL.search(below)
    offset = text.offsets[index + 1]
    return offset, offset + (following.start() if following else len(below))


def _until_of(term: Field) -> Field | None:
    """The end of a business term given as a range (2012-10-05至2062-10-05, 自2012年10月5日至长期)."""
    value = str(term.value)
    _start, until = parse_validity(value.replace("至", "-"))
    if until is not None:
        return term.model_copy(update={"value": until})
    if _OPEN_ENDED.match(value.lstrip("自")):
        return term.model_copy(update={"value": LONG_TERM})
    return None


def _until_of_beside(text: PageText) -> Field | None:
    term = _beside_by_boxes(text, "business_term")
    return _until_of(term) if term is not None else None


def _beside_by_boxes(text: PageText, name: str) -> Field | None:
    """A value right of its label by the words' boxes (a tilted photo's rows, a letter-spaced label split
    over two rows), when the rows as read hold none."""
    for label in label_words(text, LABELS[name]):
        if (found := value_beside(text, label, not_values=_ANY_LABEL)) is not None:
            return found
    return None


CARRY_LINES = 2  # lines under an address that may carry it on
CARRY_GAP = 1.5  # letter heights between an address's line and the piece under it that carries it on


def _address_carried_on(text: PageText, address: Field) -> Field:
    """The address with the pieces under it that carry it on (a building, unit and room part wrapped onto the
    next line of its column, however far it is indented): words under the value's extent, up to a piece
    that is no address's continuation or holds a label."""
    box = address.bbox
    if box is None:
        return address
    last = max((i for i in range(len(text.lines)) for _, _, w in text.spans_of_line(i)
                if w.bbox.y0 < box.y1 and w.bbox.y1 > box.y0 and w.bbox.x0 < box.x1 and w.bbox.x1 > box.x0), default=None)
    if last is None:
        return address
    value, boxes, bottom = str(address.value), [box], box.y1
    height = min(box.y1 - box.y0, max((w.bbox.y1 - w.bbox.y0 for _, _, w in text.spans_of_line(last)), default=0.0))
    confidence = address.confidence
    for line in range(last + 1, min(len(text.lines), last + 1 + CARRY_LINES)):
        under = [(a, b, w) for a, b, w in text.spans_of_line(line) if box.x0 - height <= w.bbox.x0 < box.x1]
        if not under or under[0][2].bbox.y0 - bottom > CARRY_GAP * height:
            break
        piece = text.joined[under[0][0]:under[-1][1]]
        if _ANY_LABEL.search(piece) or not continues_address(piece):
            break
        value += piece
        boxes += [w.bbox for _, _, w in under]
        bottom = max(w.bbox.y1 for _, _, w in under)
        confidence = min([confidence, *(w.confidence for _, _, w in under)])
    if value == address.value:
        return address
    return address.model_copy(update={"value": value, "raw": value, "bbox": union_boxes(boxes),
                                      "confidence": round(confidence, 3)})


def extract_fields(text: PageText) -> dict[str, Field]:
    """Fields of one licence page."""
    raw = label_values(text, LABELS, columns=True, wrapped=frozenset({"address"}))
    fields: dict[str, Field] = {}
    for name in ("company_name", "legal_representative"):
        if name in raw:
            fields[name] = raw[name]
        elif (beside := _beside_by_boxes(text, name)) is not None:
            fields[name] = beside
    if "company_name" not in fields and (named := _name_on_its_own_line(text)) is not None:
        fields["company_name"] = named
    if "address" not in raw and (beside := _beside_by_boxes(text, "address")) is not None:
        raw["address"] = beside
    if "address" in raw:
        fields["address"] = _address_carried_on(text, raw["address"])
    if "registered_capital" in raw:
        fields["registered_capital"] = _capital(raw["registered_capital"])
    if "established_date" in raw and (when := parse_date(str(raw["established_date"].value))):
        fields["established_date"] = raw["established_date"].model_copy(update={"value": when})
    if until := _term_until(text) or _until_of_beside(text):
        fields["business_term_until"] = until
    if code := _uscc(text):
        fields["uscc"] = code
    return fields


def _name_on_its_own_line(text: PageText) -> Field | None:
    """The company's name when its 名称 label was not read: a line in the upper half of the page that is nothing
    but a registered name (a place, a trade name and a whole legal form: 长沙天域科技有限公司)."""
    for index, line in enumerate(text.lines[: (len(text.lines) + 1) // 2]):
        if names_cleanly(line) and not _ANY_LABEL.search(line):
            cut = _label_tail(text.lines[index - 1] if index else "", line)  # 名 | 称西安海纳…: a label set wide
            return text.field((text.offsets[index] + cut, text.offsets[index] + len(line)), line[cut:])
    return None


def _label_tail(above: str, line: str) -> int:
    """How many characters the line begins with that finish the 名称 label the line above begins (a label set
    wide, its first character read as a line of its own): 0 when none."""
    for label in LABELS["company_name"]:
        for k in range(1, len(label)):
            if above.strip() == label[:k] and line.startswith(label[k:]):
                return len(label) - k
    return 0


def prints_business_term(text: PageText) -> bool:
    """Whether the licence has a business-term line at all (个体工商户 licences have none)."""
    return any(label in text.joined for label in LABELS["business_term"])


@extractor(DocType.BUSINESS_LICENSE)
def extract_business_license(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Fields from the licence's first page that has them."""
    fields: dict[str, Field] = {}
    texts = [PageText(page) for page in doc.pages]
    for text in texts:
        for name, value in extract_fields(text).items():
            fields.setdefault(name, value)
    return ExtractedFields(fields=fields, meta={"business_term_printed": any(prints_business_term(t) for t in texts)})
