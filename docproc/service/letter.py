"""The supplement letter's lines in the customer's words: the machine's request, the officer's edits, the deadline.

The checklist's supplement request is written for officers as much as for customers: its reasons name checks and
exceptions, its file errors carry the reader's message. The letter never prints those. Each line says what to bring
(the check's own request, or a sentence per file error code) and why, from :data:`WHY` (by check id, longest prefix
first) and :data:`FILE_ERRORS` (by error code): a registry a new check or error code adds a row to.
Pure functions over models; the web page and the PDF both print what :func:`letter_lines` returns.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from docproc.core.letters import LetterEdits, Wording
from docproc.core.models import Checklist
from docproc.core.policy import Letter

# Why a line is asked for, by check id prefix (the longest matching prefix wins).
WHY: dict[str, Wording] = {
    "completeness.": Wording(zh="尚未收到该材料", en="We have not received this document"),
    "completeness.id_card.both_sides": Wording(zh="身份证需正反两面", en="We need both sides of the ID card"),
    "completeness.pages.": Wording(zh="材料缺页", en="Pages are missing from the copy we received"),
    "completeness.legibility.": Wording(zh="材料不清晰，无法辨认", en="The copy we received is not clear enough to read"),
    "completeness.bank_statement.coverage": Wording(zh="流水覆盖期间不足", en="The statements do not cover the whole period"),
    "completeness.business_license.legal_representative": Wording(
        zh="需由申请人担任法定代表人", en="The applicant must be the company's legal representative"),
    "stamp.": Wording(zh="缺少有效印章", en="The document needs the issuer's valid seal"),
    "freshness.": Wording(zh="材料已超过有效期", en="The document is no longer current"),
    "": Wording(zh="材料需补充或更正", en="The document needs to be provided again"),
}

# A file that could not be read, by error code: what to bring and why.
FILE_ERRORS: dict[str, tuple[Wording, Wording]] = {
    "unsupported_file_type": (
        Wording(zh="请以扫描件或清晰照片重新提交“{name}”", en="Please submit \"{name}\" again as a PDF or a clear photo"),
        Wording(zh="文件格式无法打开", en="We could not open this type of file")),
    "encrypted_pdf": (
        Wording(zh="请重新提交未设密码的“{name}”", en="Please submit \"{name}\" again without a password"),
        Wording(zh="文件设有密码", en="The file is protected by a password")),
    "empty_file": (
        Wording(zh="请重新提交“{name}”", en="Please submit \"{name}\" again"),
        Wording(zh="文件为空", en="The file we received is empty")),
    "image_too_small": (
        Wording(zh="请重新拍摄或扫描“{name}”", en="Please photograph or scan “{name}” again"),
        Wording(zh="图片过小，无法辨认", en="The picture is too small to read")),
    "": (
        Wording(zh="请重新提交“{name}”", en="Please submit \"{name}\" again"),
        Wording(zh="文件已损坏或无法读取", en="We could not read the file")),
}
for _code in ("too_many_pages", "decompression_bomb", "page_too_large", "too_large"):
    FILE_ERRORS[_code] = (Wording(zh="请分拆后重新提交“{name}”", en="Please submit \"{name}\" again in smaller parts"),
                          Wording(zh="文件过大", en="The file is too large to read"))


class LetterLine(BaseModel):
    """One line of the letter: what to bring and why, in both languages."""

    model_config = ConfigDict(frozen=True)

    key: str  # check:<check id>, file:<file id>, or added:<n>
    zh: str
    en: str
    why_zh: str = ""
    why_en: str = ""
    source: Literal["machine", "officer"] = "machine"
    edited: bool = False  # reworded by the officer


class LetterDoc(BaseModel):
    """The letter in one language, ready to print."""

    model_config = ConfigDict(frozen=True)

    lang: str
    bank: str
    office: str
    address: str
    phone: str
    title: str
    meta: list[tuple[str, str]]
    intro: list[str]  # the greeting, then what the letter is about
    headers: tuple[str, str, str]
    rows: list[tuple[str, str]]
    empty: str
    closing: list[str]
    signatures: list[str]



def why_of(check_id: str) -> Wording:
    """The customer's reason for a check's request (longest matching prefix)."""
    return WHY[max((p for p in WHY if check_id.startswith(p)), key=len)]


def _file_line(error: dict[str, str]) -> LetterLine:
    ask, why = FILE_ERRORS.get(error.get("code", ""), FILE_ERRORS[""])
    name = error.get("filename") or "—"
    return LetterLine(key=f"file:{error.get('file_id', name)}", zh=ask.zh.format(name=name),
                      en=ask.en.format(name=name), why_zh=why.zh, why_en=why.en)


def machine_lines(checklist: Checklist) -> list[LetterLine]:
    """The checklist's supplement request in the customer's words (file errors rebuilt from their codes)."""
    lines = []
    for request in checklist.supplement_request:
        if request.check_id == "file_error":
            continue
        why = why_of(request.check_id)
        lines.append(LetterLine(key=f"check:{request.check_id}", zh=request.zh, en=request.en,
                                why_zh=why.zh, why_en=why.en))
    return lines + [_file_line(e) for e in checklist.errors]


def letter_lines(checklist: Checklist, edits: LetterEdits | None) -> list[LetterLine]:
    """The lines the letter prints: the machine's, less the removed, reworded where the officer did, plus the
    officer's own (a language left blank takes the other's text)."""
    edits = edits or LetterEdits()
    out = []
    for line in machine_lines(checklist):
        if line.key in edits.removed:
            continue
        if (new := edits.reworded.get(line.key)) is not None:
            line = line.model_copy(update={"zh": new.zh or line.zh, "en": new.en or line.en, "edited": True})
        out.append(line)
    for n, added in enumerate(edits.added, 1):
        out.append(LetterLine(key=f"added:{n}", zh=added.zh or added.en, en=added.en or added.zh, source="officer"))
    return out


def deadline(start: date, rules: Letter) -> date:
    """The day ``rules.deadline_working_days`` working days after ``start`` (Monday–Friday, less the closed
    days, plus the weekend days worked in lieu)."""
    day, left = start, rules.deadline_working_days
    closed, worked = set(rules.closed_days), set(rules.working_weekends)
    while left:
        day += timedelta(days=1)
        if (day.weekday() < 5 and day not in closed) or day in worked:
            left -= 1
    return day
