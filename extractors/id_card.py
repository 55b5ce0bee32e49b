"""居民身份证: front (name, sex, ethnicity, birth date, address, id number) and back (authority, validity)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docproc.models import DocType, Field, RawDocument, Side
from docproc.normalize import parse_date, parse_validity
from docproc.places import from_first_region
from extractors import ExtractedFields, extractor
from extractors._text import Hit, PageText
from validators._id_number import parse_id_number

if TYPE_CHECKING:
    from docproc.context import Context

CJK = r"\u4e00-\u9fff"
_NAME = re.compile(rf"姓?名([{CJK}·]{{2,8}})")
_SEX = re.compile(r"性?别([男女])")
_ETHNICITY = re.compile(rf"民族([{CJK}]{{1,5}}?)(?:族)?(?=出|$|\d)")
_SEX_LINE_ETHNICITY = re.compile(rf"性?别?[男女].*?([{CJK}]{{1,4}})$")
_BIRTH_LINE = re.compile(r"出?生([12]\d{3}.{2,12})")
_ADDRESS_LABEL = re.compile(r"住?址")
_ID_LABEL = re.compile(r"公民身份号码|身份号码|公民身份|号码")
_ID_NUMBER = re.compile(r"(?<![0-9])([1-9]\d{16}[\dXx])(?![0-9])")
_AUTHORITY = re.compile(rf"签发机关[^{CJK}\d]{{0,3}}([{CJK}\d]{{3,30}})")
_VALIDITY = re.compile(r"有效期限?(.{6,30})")
_ADDRESS_NOISE = re.compile(rf"[^{CJK}0-9A-Za-z\-—()（）]")


def _id_number(text: PageText) -> Field | None:
    hits = list(text.finditer(_ID_NUMBER))
    if not hits:
        hit = text.search_joined(_ID_NUMBER)
        hits = [hit] if hit else []
    if not hits:
        return None
    # Prefer a number whose check digit holds; OCR noise elsewhere on the card rarely passes it.
    hits.sort(key=lambda h: parse_id_number(h.group(1)).valid_check_digit, reverse=True)
    best = hits[0]
    number = best.group(1).upper()
    field = best.field(number)
    if not parse_id_number(number).valid_check_digit:
        field = field.model_copy(update={"confidence": round(field.confidence * 0.6, 3)})
    return field


def _address(text: PageText, label: Hit, stop_line: int) -> Field | None:
    start = text.offsets[label.line] + label.match.end()
    end = text.offsets[stop_line] if stop_line < len(text.lines) else len(text.joined)
    raw = text.joined[start:end]
    value = from_first_region(_ADDRESS_NOISE.sub("", raw))
    if len(value) < 4:
        return None
    return text.field((start, end), value)


_LABELS = re.compile(r"(?:姓名|性别|民族|出生|住址|公民身份|签发机关|有效期限)")


def _until_label(field: Field) -> Field:
    """Cut a value where the next label begins (rotated or tight cards merge lines)."""
    value = str(field.value)
    match = _LABELS.search(value, 1)
    return field if match is None else field.model_copy(update={"value": value[: match.start()]})


def extract_front(text: PageText) -> dict[str, Field]:
    """Fields of an ID card front page."""
    fields: dict[str, Field] = {}
    if hit := text.search(_NAME):
        fields["name"] = _until_label(hit.field(hit.group(1)))
    if hit := text.search(_SEX):
        fields["sex"] = hit.field(hit.group(1))
    if hit := text.search(_ETHNICITY) or text.search(_SEX_LINE_ETHNICITY):
        fields["ethnicity"] = _until_label(hit.field(hit.group(1)))
    id_field = _id_number(text)
    if id_field:
        fields["id_number"] = id_field
    if born := _birth_date(text, id_field):
        fields["birth_date"] = born
    label = text.search(_ADDRESS_LABEL, start_line=_line_after(text, "出生"))
    if label:
        stop = next(
            (h.line for h in text.finditer(_ID_LABEL, start_line=label.line + 1)),
            next((h.line for h in text.finditer(_ID_NUMBER, start_line=label.line)), len(text.lines)),
        )
        if addr := _address(text, label, stop):
            fields["address"] = addr
    return fields


def _birth_date(text: PageText, id_field: Field | None) -> Field | None:
    """The printed birth date; 年/月/日 misread as digits are resolved with the id number's date."""
    hit = text.search(_BIRTH_LINE)
    if hit is None:
        return None
    digits = hit.group(1)
    parts = re.split(r"\D+", digits)
    if len(parts) >= 3 and (born := parse_date(f"{parts[0]}年{parts[1]}月{parts[2]}日")):
        return hit.field(born)
    hint = parse_id_number(str(id_field.value)).birth_date if id_field else None
    if hint and _in_order(re.sub(r"\D", "", digits), [f"{hint.year}", f"{hint.month}", f"{hint.day}"]):
        return hit.field(hint).model_copy(update={"confidence": round(hit.field(hint).confidence * 0.8, 3)})
    return None


def _in_order(digits: str, parts: list[str]) -> bool:
    """Whether ``parts`` occur in ``digits`` left to right (separators misread as digits between)."""
    position = 0
    for part in parts:
        found = digits.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def _line_after(text: PageText, cue: str) -> int:
    hit = text.search(re.escape(cue))
    return hit.line + 1 if hit else 0


def extract_back(text: PageText) -> dict[str, Field]:
    """Fields of an ID card back page."""
    fields: dict[str, Field] = {}
    if hit := text.search(_AUTHORITY):
        fields["issuing_authority"] = hit.field(hit.group(1))
    if hit := text.search(_VALIDITY):
        start, until = parse_validity(hit.group(1))
        if start:
            fields["valid_from"] = hit.field(start)
        if until:
            fields["valid_until"] = hit.field(until)
    return fields


@extractor(DocType.ID_CARD)
def extract_id_card(doc: RawDocument, ctx: Context) -> ExtractedFields:
    """Front or back fields from the document's first page."""
    text = PageText(doc.pages[0])
    if doc.side == Side.BACK:
        return ExtractedFields(fields=extract_back(text))
    return ExtractedFields(fields=extract_front(text))
