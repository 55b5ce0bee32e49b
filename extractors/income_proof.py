"""收入证明: the employer's letter stating position, start date and monthly income."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docproc.cn.amount_words import CAPITALS, from_words, standard_capitals
from docproc.models import DocType, Field, RawDocument
from docproc.normalize import parse_amount, parse_date, similarity
from extractors import ExtractedFields, extractor
from extractors._reread import DIGITS, UPPER_NUMERALS, reread
from extractors._text import PageText

if TYPE_CHECKING:
    from docproc.context import Context

CJK = r"\u4e00-\u9fff"
_DATE = r"(\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?)"
_NAME = re.compile(
    rf"(?:兹证明|兹有|(?<!收入)(?<!特此)证明)[:：]?(?:我单位|我司|我公司|本单位|本公司)?(?:员工|职工|同志)?"
    rf"([{CJK}·]{{2,6}}?)(?:同志|先生|女士)?[,，(（]"
)
_NAME_FALLBACKS = (
    re.compile(rf"(?:员工|职工|同志)([{CJK}·]{{2,4}})[,，(（]"),
    re.compile(rf"([{CJK}·]{{2,4}})[,，](?:性别|男|女)"),
    # a letter that opens with the person: "杨龙志，身份证号码…，系我公司正式员工"
    re.compile(rf"(?<![{CJK}·])([{CJK}·]{{2,4}})[,，(（]\s*(?:身份证|公民身份|证件号)"),
)
_WORDS_AFTER = re.compile(r"(?:大写[:：]?|元[(（〈<][^)）]{0,4}?[:：])(.{2,30}?)(?:[)）]|$)")
_ID_NUMBER = re.compile(r"(?<![0-9])([1-9]\d{16}[\dXx])(?![0-9])")
_START = re.compile(rf"(?:自|于){_DATE}(?:起|入职|进入|加入)"
                    rf"|(?:入职|入司|到岗|参加工作)(?:时间|日期)(?:为|是)?[:：]?{_DATE}")
# The labelled forms first; a bare 任 (任销售经理一职) last, and never the 任 of 责任/主任/信任 (有限责任公司…).
_POSITIONS = tuple(re.compile(rf"{lead}([{CJK}A-Za-z]{{2,12}}?)(?:一职|职务|岗位|,|，|。)") for lead in (
    r"(?:担任|现任|职务为|职务[:：]|岗位[:：]?)", r"(?<![责主信委兼])任"))
_MONTHLY = re.compile(r"(?:月收入|月薪|月工资|每月(?:税前|税后|平均)?收入|税前月收入|月均收入|月平均收入)"
                      r"[^0-9¥￥]{0,12}[¥￥]?([0-9][0-9,，.]*\d)")
_WORDS = re.compile(rf"大写[:：]?\s*(?:人民币)?([{CAPITALS}]{{2,30}})")
_EMPLOYER = re.compile(rf"(?:单位名称|单位|公司名称|盖章单位|工作单位)(?:[(（]盖章[)）])?[:：]([{CJK}()（）A-Za-z0-9]{{4,40}})")
_EMPLOYER_ANY = re.compile(rf"([{CJK}()（）]{{2,30}}(?:有限责任公司|股份有限公司|有限公司|集团|研究院|研究所|医院|学校|大学|银行|事务所|中心))")
_PHONE = re.compile(r"(?:电话|联系方式|Tel)[:：]?\s*(0?[0-9][0-9\-+\s.,]{5,16}[0-9])")
_PHONE_OK = re.compile(r"(?:0\d{2,3}-?)?\d{7,8}|1[3-9]\d{9}")
_WORDS_ONLY = re.compile(rf"[{CAPITALS}]{{2,30}}")
_ISSUE = re.compile(rf"{_DATE}")


def _first_date_after(text: PageText, marker: str) -> Field | None:
    hits = [h for h in text.finditer(_ISSUE)]
    anchor = text.search(re.escape(marker))
    candidates = [h for h in hits if anchor is None or h.line >= anchor.line]
    if not candidates:
        return None
    hit = candidates[-1]
    value = parse_date(hit.group(1))
    return hit.field(value) if value else None


def _name(text: PageText) -> Field | None:
    """The person's name: across wrapped lines first, then line by line (a letter that opens a line with
    the name, 马轩刚，身份证号码…, follows its title line with no break in the joined text)."""
    for pattern in (_NAME, *_NAME_FALLBACKS):
        if hit := text.search_joined(pattern) or text.search(pattern):
            return hit.field(hit.group(1))
    return None


def _amount_in_words(text: PageText, ctx: Context | None) -> Field | None:
    """大写 amount: the page read if it parses, else a re-read of its box with the numeral alphabet."""
    hit = text.search_joined(_WORDS)
    if hit and _parses(hit.group(1)):
        return hit.field(standard_capitals(hit.group(1)))
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


def extract_fields(text: PageText, ctx: Context | None = None) -> dict[str, Field]:
    """Fields of an income letter page (paragraphs may wrap across lines)."""
    fields: dict[str, Field] = {}
    if name := _name(text):
        fields["name"] = name
    if hit := text.search_joined(_ID_NUMBER):
        fields["id_number"] = hit.field(hit.group(1).upper())
    if hit := text.search_joined(_START):
        group = 1 if hit.group(1) else 2  # 自…起 / 入职时间为…
        if start := parse_date(hit.group(group)):
            fields["employment_start"] = hit.field(start, group)
    if hit := next((h for p in _POSITIONS if (h := text.search_joined(p))), None):
        fields["position"] = hit.field(hit.group(1))
    if (hit := text.search_joined(_MONTHLY)) and (amount := parse_amount(hit.group(1))) is not None:
        fields["monthly_income"] = hit.field(amount)
    if words := _amount_in_words(text, ctx):
        fields["amount_in_words"] = words
    if employer := _employer(text):
        fields["employer"] = employer
    if phone := _phone(text, ctx):
        fields["employer_phone"] = phone
    if issued := _first_date_after(text, "特此证明"):
        fields["issue_date"] = issued
    return fields


def _employer(text: PageText) -> Field | None:
    """The employer: the signed name (单位名称：…), or the best-read spelling of it elsewhere on the page.

    The signature line sits under the seal and reads worst; the letterhead usually prints the same
    name clean, so among the spellings that agree with the signed one the most confident wins.
    """
    labelled = text.search(_EMPLOYER)
    named = [h.field(h.group(1)) for h in text.finditer(_EMPLOYER_ANY)]
    if labelled is None:
        return named[-1] if named else None
    signed = labelled.field(labelled.group(1))
    agreeing = [f for f in named if similarity(str(f.value), str(signed.value)) >= 0.6]
    return max([signed, *agreeing], key=lambda f: f.confidence)


def _phone(text: PageText, ctx: Context | None) -> Field | None:
    """Employer phone; digits damaged by a seal are re-read from the field's box."""
    hit = text.search(_PHONE)
    if hit is None:
        return None
    field = hit.field(hit.group(1).replace(" ", "-"))
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


def _last(text: PageText, pattern: re.Pattern[str]):  # type: ignore[no-untyped-def]
    hits = list(text.finditer(pattern))
    return hits[-1] if hits else None


@extractor(DocType.INCOME_PROOF)
def extract_income_proof(doc: RawDocument, ctx: Context) -> ExtractedFields:
    """Fields from the letter's pages (first page wins for each field)."""
    fields: dict[str, Field] = {}
    for page in doc.pages:
        for name, value in extract_fields(PageText(page), ctx).items():
            fields.setdefault(name, value)
    return ExtractedFields(fields=fields)
