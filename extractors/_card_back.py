"""居民身份证 back: the issuing authority and the validity range, labelled or with the small grey labels lost."""

from __future__ import annotations

import re

from docproc.cn.normalize import find_dates, parse_validity
from docproc.cn.places import REGIONS
from docproc.core.models import Field
from docproc.extractors._text import PageText

CJK = r"\u4e00-\u9fff"
_AUTHORITY = re.compile(rf"签发机关[^{CJK}\d]{{0,3}}([{CJK}\d]{{3,30}})")
_VALIDITY = re.compile(r"有效期限?(.{6,30})")
# The back's small grey labels lost (under an overprint, to glare, or read only in part: 机关, 发机关): a row that is
# nothing but an issuing authority's name (…公安局, …公安局…分局) or nothing but a validity range is its value.
_AUTHORITY_UNLABELLED = re.compile(rf"^(?:签?发?机关)?([{CJK}]{{2,24}}公安[局厅](?:[{CJK}]{{1,12}}?分?局)?)$")
# …公安X…分局, the 局 of 公安局 misread (杭州市公安周西湖区分局): a branch (分局) is only ever a 公安局's
_BUREAU_MISREAD = re.compile(rf"^(?:签?发?机关)?([{CJK}]{{2,24}}公安)[{CJK}]([{CJK}]{{1,12}}?分局)$")
PUT_BACK_CONFIDENCE = 0.8  # an authority with its 局 put back is never as sure as one read whole
_DAY = r"[12]\d{3}[.\-/,:：年]\d{1,2}[.\-/,:：月]\d{1,2}日?"
# the label read only in part (有, 有限, 有：) before the range
_END = rf"(?:{_DAY}|长期|[12]\d{{3}}[.\-/,]?\d{{2}}[.\-/,]?\d{{2}})"  # an end may have lost a separator (2031.1023)
# a start may have lost a separator too (2014.1113): taken only where its month and day are the end's
_START = rf"(?:{_DAY}|[12]\d{{3}}[.\-/,]?\d{{2}}[.\-/,]?\d{{2}})"
_VALIDITY_UNLABELLED = re.compile(rf"^[有效期限:：\s]{{0,5}}({_START}\s*[-—–~～至]\s*{_END})$")
_RANGE = re.compile(rf"({_START}\s*[-—–~～至]\s*{_END})")  # a validity range anywhere on the back
_START_FUSED = re.compile(r"^\s*([12]\d{3})[.\-/,]?(\d{2})[.\-/,]?(\d{2})(?=\s*[-—–~～至]\s*[12]\d{3}[.\-/,](\d{1,2})[.\-/,](\d{1,2}))")
_JOINER = re.compile(r"\d\s*[-—–~～至]\s*[12\u957f]")  # where a range's start ends and its end begins
_OTHER_LABEL = re.compile(r"^(?:有效期限?|签发机关)+")
_DATE_COMMA = re.compile(r"(?<=\d)[,:：](?=\d)")  # 2023,08,17, 2035:09.16: a printed date's points read otherwise


def extract_back(text: PageText) -> dict[str, Field]:
    """Fields of an ID card back page."""
    fields: dict[str, Field] = {}
    if hit := text.search(_AUTHORITY) or text.search(_AUTHORITY_UNLABELLED):
        # the labels stacked apart from their values (a card at an angle): 签发机关 | 有效期限 武汉市公安局…
        fields["issuing_authority"] = hit.field(_from_region(_OTHER_LABEL.sub("", hit.group(1))))
    elif hit := text.search(_BUREAU_MISREAD):
        bureau = hit.field(_from_region(f"{hit.group(1)}局{hit.group(2)}"), 0)
        fields["issuing_authority"] = bureau.model_copy(update={"confidence": min(bureau.confidence, PUT_BACK_CONFIDENCE)})
    for hit in (text.search(_VALIDITY), text.search(_VALIDITY_UNLABELLED), text.search(_RANGE)):
        if hit is None:
            continue
        validity = _start_put_back(_DATE_COMMA.sub(".", hit.group(1)))
        start, until = parse_validity(validity)
        if start and (dates := find_dates(validity)) and (joiner := _JOINER.search(validity)) \
                and dates[0][1] > joiner.start():
            start, until = None, until or start  # the start did not read as a date: the one that did is the end
        if not start and not until:
            continue  # the label beside another row's value (有效期限 武汉市公安局…): the range stands elsewhere
        if start:
            fields["valid_from"] = hit.field(start)
        if until:
            fields["valid_until"] = hit.field(until)
        break
    return fields


STRAY = 2  # characters read before an authority's place name (the end of its label, a speck of an overprint)
# the whole label read before it, a character or two of it misread (筠发机关, 发机美, 发相关): as long as the label
LABEL_STRAY = len("签发机关")


def _from_region(authority: str) -> str:
    """An authority without a stray character or two read before its place name (关昆明市…: the label's last one),
    or without its label read before it with a character or two wrong (筠发机关长春市…)."""
    if authority.startswith(REGIONS):
        return authority
    for skip in range(1, LABEL_STRAY + 1):
        if authority[skip:].startswith(REGIONS) and (skip <= STRAY or any(c in "签发机关" for c in authority[:skip])):
            return authority[skip:]
    return authority


def _start_put_back(validity: str) -> str:
    """A range whose start lost a separator (2014.1113-2034.11.13) with it put back where the start's month and day
    are the end's, as on every card (valid for whole years); any other range as it is."""
    match = _START_FUSED.match(validity)
    if match is None or (int(match[2]), int(match[3])) != (int(match[4]), int(match[5])):
        return validity
    return f"{match[1]}.{match[2]}.{match[3]}{validity[match.end():]}"
