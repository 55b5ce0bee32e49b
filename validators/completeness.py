"""Completeness: required documents per profile, both ID sides, all pages, coverage, legibility."""

from __future__ import annotations

from datetime import date
from functools import partial

from docproc.cn.normalize import edit_distance, normalize_name
from docproc.core.models import Bundle, Category, DocType, Side, Status
from docproc.core.policy import Policy
from docproc.validators._common import (
    CHECKED_TYPES,
    ask,
    en,
    evidence,
    field_name,
    months_between,
    page_numbering,
    pages_zh,
    say,
    value,
    where,
    where_zh,
    zh,
)
from docproc.validators.money import page_boundary_breaks
from docproc.validators.registry import Verdict, check, register_check

# Fields that must be read, per type (and side), for a document to be usable.
REQUIRED_FIELDS: dict[tuple[DocType, Side | None], tuple[str, ...]] = {
    (DocType.ID_CARD, Side.FRONT): ("name", "id_number", "birth_date"),
    (DocType.ID_CARD, Side.BACK): ("valid_until",),
    (DocType.INCOME_PROOF, None): ("name", "employer", "monthly_income", "issue_date"),
    (DocType.BANK_STATEMENT, None): ("account_holder", "period_start", "period_end"),
    (DocType.PURCHASE_CONTRACT, None): ("buyer_names", "total_price"),
    (DocType.TAX_CERTIFICATE, None): ("name", "issue_date"),
    (DocType.BUSINESS_LICENSE, None): ("company_name", "uscc"),
    (DocType.CREDIT_REPORT, None): ("name", "id_number", "report_date"),
}


def document_present(bundle: Bundle, policy: Policy, *, doc_type: DocType) -> Verdict:
    """The profile's required document of ``doc_type`` is in the bundle."""
    if policy.profile(bundle.application.profile).requirement(doc_type) is None:
        return Verdict(Status.NOT_APPLICABLE, [say(f"该客户类型无需提供{zh(doc_type)}",
                                                   f"the {bundle.application.profile} profile does not require a {en(doc_type)}")])
    docs = bundle.of_type(doc_type)
    if docs:
        return Verdict(Status.PASS, [say(f"已找到：{where_zh(d)}", f"found: {where(d)}") for d in docs],
                       [evidence(d) for d in docs])
    return Verdict(
        Status.MISSING,
        [say(f"已上传的{len(bundle.files)}个文件中未找到{zh(doc_type)}",
             f"no {en(doc_type)} was found among the {len(bundle.files)} uploaded file(s)")],
        supplement=ask(f"请提供{zh(doc_type)}", f"Please provide the {en(doc_type)}"),
    )


for _type in CHECKED_TYPES:
    register_check(
        f"completeness.{_type.value}", Category.COMPLETENESS,
        title=(f"{zh(_type)}已提供", f"{en(_type).capitalize()} provided"),
        fn=partial(document_present, doc_type=_type),
    )


@check("completeness.id_card.both_sides", Category.COMPLETENESS, title=("身份证正反面齐全", "ID card, both sides"))
def id_card_both_sides(bundle: Bundle, policy: Policy) -> Verdict:
    """Both the portrait side and the emblem side of the ID card are present."""
    requirement = policy.profile(bundle.application.profile).requirement(DocType.ID_CARD)
    if requirement is None or not requirement.sides:
        return Verdict(Status.NOT_APPLICABLE, [say("该客户类型无需身份证正反面", "the profile does not ask for both ID sides")])
    present = {d.side for d in bundle.of_type(DocType.ID_CARD)}
    missing = [s for s in requirement.sides if s not in present]
    ev = [evidence(d) for d in bundle.of_type(DocType.ID_CARD)]
    if not missing:
        return Verdict(Status.PASS, [say("身份证人像面和国徽面均已找到", "both the portrait side and the emblem side were found")], ev)
    names = {Side.FRONT: ("人像面", "portrait side (front)"), Side.BACK: ("国徽面", "emblem side (back)")}
    return Verdict(
        Status.MISSING,
        [say(f"未找到身份证{names[s][0]}", f"the ID card's {names[s][1]} was not found") for s in missing],
        ev,
        supplement=ask(
            "请提供身份证" + "、".join(names[s][0] for s in missing),
            "Please provide the ID card's " + " and ".join(names[s][1] for s in missing),
        ),
    )


def pages_complete(bundle: Bundle, policy: Policy, *, doc_type: DocType) -> Verdict:
    """Every page announced by 第X页 共Y页 / page i of n is present. A document that prints no numbering
    is "not numbered" (``[pages] unnumbered`` of the policy: not_applicable or review), never a pass."""
    docs = bundle.of_type(doc_type)
    if not docs:
        return Verdict(Status.NOT_APPLICABLE, [say(f"没有{zh(doc_type)}，无需核对页数", f"no {en(doc_type)} to count pages of")])
    reasons: list[str] = []
    failed = unnumbered = False
    for doc in docs:
        if doc.type == DocType.BANK_STATEMENT and (breaks := page_boundary_breaks(doc)):
            failed = True
            rows = [i + 1 for i in breaks]
            reasons.append(say(f"{where_zh(doc)}：第{pages_zh(rows)}行处余额在换页时不连续，似乎缺少一页",
                               f"{where(doc)}: the running balance jumps between pages at row(s) "
                               f"{', '.join(map(str, rows))}: a page seems to be missing"))
        if (numbering := page_numbering(doc)) is None:
            unnumbered = True
            reasons.append(say(f"{where_zh(doc)}：未印页码（未读到“第X页 共Y页”），已读取{len(doc.pages)}页，无法判断是否缺页",
                               f"{where(doc)}: not numbered (no 第X页 共Y页 / page i of n read); {len(doc.pages)} page(s) "
                               "read, none can be counted as missing"))
            continue
        declared, seen = numbering
        absent = sorted(set(range(1, declared + 1)) - seen)
        if absent and len(doc.pages) >= declared:  # every page is there; some numbers were not read
            reasons.append(say(f"{where_zh(doc)}：共{declared}页，已读取{len(doc.pages)}页；第{pages_zh(absent)}页的页码未能识别",
                               f"{where(doc)}: declares {declared} pages and {len(doc.pages)} were read; "
                               f"the page number of page(s) {absent} could not be read"))
        elif absent:
            failed = True
            reasons.append(say(f"{where_zh(doc)}：共{declared}页，缺第{pages_zh(absent)}页",
                               f"{where(doc)}: declares {declared} pages, page(s) {absent} missing"))
        else:
            reasons.append(say(f"{where_zh(doc)}：共{declared}页，全部齐全", f"{where(doc)}: all {declared} declared pages present"))
    if failed:
        return Verdict(
            Status.FAIL, reasons, [evidence(d) for d in docs],
            supplement=ask(f"{zh(doc_type)}缺页，请提供完整的{zh(doc_type)}", f"Pages of the {en(doc_type)} are missing: provide the complete document"),
        )
    if unnumbered:
        return Verdict(Status(policy.pages.unnumbered), reasons, [evidence(d) for d in docs])
    return Verdict(Status.PASS, reasons, [evidence(d) for d in docs])


def legible(bundle: Bundle, policy: Policy, *, doc_type: DocType) -> Verdict:
    """The fields a reviewer needs were read with enough confidence."""
    docs = bundle.of_type(doc_type)
    if not docs:
        return Verdict(Status.NOT_APPLICABLE, [say(f"没有{zh(doc_type)}需要识别", f"no {en(doc_type)} to read")])
    threshold = policy.legibility.min_confidence
    problems: list[str] = []
    ev, unreadable = [], []
    for doc in docs:
        required = REQUIRED_FIELDS.get((doc.type, doc.side), REQUIRED_FIELDS.get((doc.type, None), ()))
        if required and not any(name in doc.fields for name in required):
            unreadable.append(doc)
        for name in required:
            field = doc.fields.get(name)
            if field is None:
                problems.append(say(f"{where_zh(doc)}：{field_name(name)}未能识别", f"{where(doc)}: {field_name(name, 'en')} could not be read"))
                ev.append(evidence(doc))
            elif field.confidence < threshold:
                problems.append(say(f"{where_zh(doc)}：{field_name(name)}识别置信度{field.confidence:.2f}（低于{threshold}）",
                                    f"{where(doc)}: {field_name(name, 'en')} read with confidence {field.confidence:.2f} (< {threshold})"))
                ev.append(evidence(doc, name))
    if not problems:
        return Verdict(Status.PASS, [say(f"{zh(doc_type)}的关键信息均已识别", f"all required fields of the {en(doc_type)} were read")],
                       [evidence(d) for d in docs])
    pages = sorted({e.page for e in ev if e.page})
    if unreadable:  # nothing a reviewer needs could be read: a blank, covered or wrong copy
        return Verdict(
            Status.FAIL, [*(say(f"{where_zh(d)}：关键信息均未能识别", f"{where(d)}: none of the required fields could be read")
                            for d in unreadable), *problems], ev,
            supplement=ask(f"{zh(doc_type)}无法识别任何关键信息，请提供清晰完整的{zh(doc_type)}",
                           f"Nothing could be read on the {en(doc_type)}: provide a clear, complete copy"),
        )
    return Verdict(
        Status.REVIEW, problems, ev,
        supplement=ask(
            f"{zh(doc_type)}（第{'、'.join(map(str, pages))}页）不清晰，请重新扫描或拍照",
            f"The {en(doc_type)} (page {', '.join(map(str, pages))}) is not legible: please re-scan or re-photograph it",
        ),
    )


# An ID card carries no page numbers (and its photo is cut to the card), so only paper documents
# get a page count check.
PAGED_TYPES = [t for t in CHECKED_TYPES if t != DocType.ID_CARD]

for _type in PAGED_TYPES:
    register_check(
        f"completeness.pages.{_type.value}", Category.COMPLETENESS,
        title=(f"{zh(_type)}页数完整", f"{en(_type).capitalize()}: no missing pages"),
        fn=partial(pages_complete, doc_type=_type),
    )
for _type in CHECKED_TYPES:
    register_check(
        f"completeness.legibility.{_type.value}", Category.COMPLETENESS,
        title=(f"{zh(_type)}清晰可读", f"{en(_type).capitalize()} legible"),
        fn=partial(legible, doc_type=_type),
    )


@check("completeness.bank_statement.coverage", Category.COMPLETENESS, title=("银行流水覆盖月数", "Bank statement coverage"))
def statement_coverage(bundle: Bundle, policy: Policy) -> Verdict:
    """The statements cover at least the profile's number of months."""
    requirement = policy.profile(bundle.application.profile).requirement(DocType.BANK_STATEMENT)
    docs = bundle.of_type(DocType.BANK_STATEMENT)
    if requirement is None or requirement.min_months is None or not docs:
        return Verdict(Status.NOT_APPLICABLE, [say("无需核对流水覆盖月数", "no statement coverage to measure")])
    periods = [(value(d, "period_start"), value(d, "period_end"), d) for d in docs]
    known = [(s, e, d) for s, e, d in periods if isinstance(s, date) and isinstance(e, date)]
    if not known:
        return Verdict(Status.REVIEW, [say("银行流水起止日期未能识别", "the statement period could not be read")],
                       [evidence(d) for d in docs])
    start, end = min(s for s, _, _ in known), max(e for _, e, _ in known)
    months = months_between(start, end)
    need = requirement.min_months
    reason = say(f"覆盖{start}至{end}，共{months:.1f}个月；该客户类型要求{need}个月",
                 f"covers {start} to {end}, {months:.1f} months; the profile needs {need}")
    ev = [evidence(d, "period_start") for _, _, d in known]
    if months + 0.5 >= need:
        return Verdict(Status.PASS, [reason], ev)
    return Verdict(
        Status.FAIL, [reason], ev,
        supplement=ask(f"请提供覆盖最近{need}个月的银行流水", f"Please provide bank statements covering the last {need} months"),
    )


@check("completeness.business_license.legal_representative", Category.COMPLETENESS,
       title=("申请人为法定代表人", "Applicant is the legal representative"))
def applicant_is_legal_representative(bundle: Bundle, policy: Policy) -> Verdict:
    """For profiles that require it, the licence names the applicant as legal representative."""
    requirement = policy.profile(bundle.application.profile).requirement(DocType.BUSINESS_LICENSE)
    licences = bundle.of_type(DocType.BUSINESS_LICENSE)
    fronts = bundle.of_type(DocType.ID_CARD, Side.FRONT)
    if requirement is None or not requirement.applicant_is_legal_representative or not licences:
        return Verdict(Status.NOT_APPLICABLE, [say("该客户类型无需申请人为法定代表人",
                                                   "the profile does not ask for the applicant to be legal representative")])
    applicant = value(fronts[0], "name") if fronts else bundle.application.applicant_name
    named = value(licences[0], "legal_representative")
    ev = [evidence(licences[0], "legal_representative")] + ([evidence(fronts[0], "name")] if fronts else [])
    if not applicant or not named:
        return Verdict(Status.REVIEW, [say("法定代表人或申请人姓名未能识别",
                                           "the legal representative or the applicant's name could not be read")], ev)
    # OCR slips: a stray character beside a name (厂唐涵静) is tolerated; a changed character only in
    # names of four or more (李小明 and 李小红 are two people)
    a, b = normalize_name(str(applicant)), normalize_name(str(named))
    stray = len(a) != len(b) and (a in b or b in a) and edit_distance(a, b) <= policy.identity.max_name_edits
    if a == b or stray or (min(len(a), len(b)) >= 4 and edit_distance(a, b) <= policy.identity.max_name_edits):
        return Verdict(Status.PASS, [say(f"营业执照法定代表人为申请人{named}",
                                         f"the licence names the applicant {named} as legal representative")], ev)
    return Verdict(
        Status.FAIL, [say(f"营业执照法定代表人为{named}，申请人为{applicant}",
                          f"the licence names {named} as legal representative, the applicant is {applicant}")], ev,
        supplement=ask("营业执照法定代表人非申请人本人，请提供申请人为法定代表人的企业营业执照",
                       "The licence's legal representative is not the applicant: provide the licence of a company the applicant represents"),
    )
