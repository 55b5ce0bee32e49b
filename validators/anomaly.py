"""Anomalies: things a person must look at before anything else."""

from __future__ import annotations

from datetime import date

from docproc.cn.id_number import mask, parse_id_number
from docproc.cn.normalize import edit_distance, normalize_name
from docproc.core.models import Bundle, Category, DocType, Document, Evidence, Side, Status
from docproc.core.policy import Policy
from docproc.validators._common import Said, evidence, say, value, where, where_zh
from docproc.validators.registry import Verdict, check


@check("anomaly.id_number", Category.ANOMALY, title=("身份证号码校验", "ID number check digit, birth date and sex"))
def id_number_consistent(bundle: Bundle, policy: Policy) -> Verdict:
    """GB 11643 check digit holds, and the number's birth date and sex agree with the card."""
    fronts = bundle.of_type(DocType.ID_CARD, Side.FRONT)
    if not fronts:
        return Verdict(Status.NOT_APPLICABLE, [say("没有身份证人像面", "no ID card front in the bundle")])
    doc = fronts[0]
    number = value(doc, "id_number")
    if not number:
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的身份证号码未能识别", f"the id number on {where(doc)} could not be read")],
                       [evidence(doc)])
    info = parse_id_number(str(number))
    ev = [evidence(doc, "id_number")]
    problems: list[str] = []
    if not info.valid_format:
        problems.append(say(f"{number}不是18位身份证号码", f"{number} is not an 18-character id number"))
    elif not info.valid_check_digit:
        problems.append(say(f"{number}的校验位错误（GB 11643）", f"the check digit of {number} is wrong (GB 11643)"))
    birth, sex = value(doc, "birth_date"), value(doc, "sex")
    if isinstance(birth, date) and info.birth_date and birth != info.birth_date:
        problems.append(say(f"身份证出生日期为{birth}，号码中的出生日期为{info.birth_date}",
                            f"the card says born {birth}, the number encodes {info.birth_date}"))
        ev.append(evidence(doc, "birth_date"))
    if sex in ("男", "女") and info.sex and sex != info.sex:
        problems.append(say(f"身份证性别为{sex}，号码表示{info.sex}", f"the card says {sex}, the number encodes {info.sex}"))
        ev.append(evidence(doc, "sex"))
    if problems:
        return Verdict(Status.FAIL, problems, ev)
    return Verdict(Status.PASS, [say(f"{mask(number)}：校验位、出生日期和性别一致", f"{mask(number)}: check digit, birth date and sex agree")], ev)


_PERSON_FIELDS = {
    DocType.ID_CARD: ("name", "id_number"),
    DocType.INCOME_PROOF: ("name", "id_number"),
    DocType.BANK_STATEMENT: ("account_holder", None),
    DocType.TAX_CERTIFICATE: ("name", "id_number"),
    DocType.CREDIT_REPORT: ("name", "id_number"),
}


def _reference(bundle: Bundle) -> tuple[str | None, str | None, list[Evidence]]:
    fronts = bundle.of_type(DocType.ID_CARD, Side.FRONT)
    if fronts:
        doc = fronts[0]
        return value(doc, "name"), value(doc, "id_number"), [evidence(doc, "name"), evidence(doc, "id_number")]
    app = bundle.application
    return app.applicant_name, app.applicant_id_number, []


def _compare(doc: Document, ref_name: str | None, ref_id: str | None, policy: Policy) -> list[Said]:
    name_field, id_field = _PERSON_FIELDS[doc.type]
    problems = []
    name = value(doc, name_field)
    if ref_name and name:
        distance = edit_distance(normalize_name(str(ref_name)), normalize_name(str(name)))
        if distance > policy.identity.max_name_edits or (distance and len(normalize_name(str(ref_name))) <= 2):
            problems.append(say(f"{where_zh(doc)}上的姓名为{name}，身份证为{ref_name}", f"{where(doc)} names {name}, the ID card {ref_name}"))
    number = value(doc, id_field) if id_field else None
    if ref_id and number and edit_distance(str(ref_id).upper(), str(number).upper()) > policy.identity.max_id_number_edits:
        problems.append(say(f"{where_zh(doc)}上的身份证号码为{mask(str(number))}，身份证为{mask(str(ref_id))}",
                            f"{where(doc)} gives id number {mask(str(number))}, the ID card {mask(str(ref_id))}"))
    return problems


@check("anomaly.identity", Category.ANOMALY, title=("申请人身份一致", "Same person on every document"))
def same_person(bundle: Bundle, policy: Policy) -> Verdict:
    """Name and id number agree across documents (one OCR confusion tolerated, not a new person)."""
    ref_name, ref_id, ref_ev = _reference(bundle)
    others = [d for d in bundle.documents if d.type in _PERSON_FIELDS and d.type != DocType.ID_CARD]
    if not (ref_name or ref_id) or not others:
        return Verdict(Status.NOT_APPLICABLE, [say("没有可与申请人身份比对的材料", "nothing to compare the applicant's identity against")])
    problems: list[str] = []
    ev = list(ref_ev)
    for doc in others:
        found = _compare(doc, ref_name, ref_id, policy)
        problems += found
        name_field, id_field = _PERSON_FIELDS[doc.type]
        ev += [evidence(doc, name_field)] + ([evidence(doc, id_field)] if id_field else [])
    if problems:
        return Verdict(Status.FAIL, problems, ev)
    return Verdict(Status.PASS, [say(f"{len(others)}份材料与身份证为同一人", f"{len(others)} document(s) name the same person as the ID card")], ev)


@check("anomaly.contract_buyer", Category.ANOMALY, title=("购房合同买受人为申请人", "Applicant is a buyer on the contract"))
def contract_buyer(bundle: Bundle, policy: Policy) -> Verdict:
    """The applicant (as on the ID card) is among the contract's buyers."""
    contracts = bundle.of_type(DocType.PURCHASE_CONTRACT)
    ref_name, ref_id, ref_ev = _reference(bundle)
    if not contracts or not (ref_name or ref_id):
        return Verdict(Status.NOT_APPLICABLE, [say("需要购房合同和申请人身份证", "needs a contract and the applicant's ID card")])
    doc = contracts[0]
    names = value(doc, "buyer_names") or []
    numbers = [str(n).upper() for n in value(doc, "buyer_id_numbers") or []]
    ev = ref_ev + [evidence(doc, "buyer_names"), evidence(doc, "buyer_id_numbers")]
    if not names and not numbers:
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的买受人未能识别", f"the buyers on {where(doc)} could not be read")], ev)
    tolerance = policy.identity
    by_id = bool(ref_id) and any(edit_distance(str(ref_id).upper(), n) <= tolerance.max_id_number_edits for n in numbers)
    ref = normalize_name(str(ref_name or ""))
    by_name = bool(ref) and any((d := edit_distance(ref, normalize_name(str(n)))) <= tolerance.max_name_edits
                                and not (d and len(ref) <= 2) for n in names)  # 张伟 and 张为: two people
    # the name settles it when no number could be compared (none printed, or the card's unread), or when fewer
    # numbers were read than buyers named: the applicant's may be the one not read (under a filing stamp)
    if by_id or (by_name and not (numbers and ref_id)):
        return Verdict(Status.PASS, [say(f"申请人是{where_zh(doc)}的买受人", f"the applicant is a buyer on {where(doc)}")], ev)
    if by_name and len(numbers) < len(names):
        return Verdict(Status.PASS, [say(f"申请人{ref_name}是{where_zh(doc)}的买受人；其身份证号码未能识别，识别出的号码为其他买受人的",
                                         f"the applicant {ref_name} is named a buyer on {where(doc)}; the applicant's id number "
                                         f"was not read there, the number read is another buyer's")], ev)
    return Verdict(Status.FAIL, [say(f"{where_zh(doc)}的买受人：{'、'.join(map(str, names)) or '？'}；申请人为{ref_name}",
                                     f"buyers on {where(doc)}: {', '.join(map(str, names)) or '?'}; "
                                     f"the applicant is {ref_name}")], ev)


def _entered_vs_card(entered: str, read: str, *, name: bool, tolerance: int) -> Status:
    """pass when equal, review when within the OCR tolerance (a misread or a typo), else fail."""
    a, b = (normalize_name(entered), normalize_name(read)) if name else (entered.upper(), read.upper())
    distance = edit_distance(a, b)
    if distance == 0:
        return Status.PASS
    return Status.REVIEW if distance <= tolerance and not (name and len(b) <= 2) else Status.FAIL


@check("anomaly.applicant_name", Category.ANOMALY, title=("录入的申请人与身份证一致", "Applicant as entered matches the ID card"))
def applicant_as_entered(bundle: Bundle, policy: Policy) -> Verdict:
    """The name (and id number) typed for the application agree with the ID card's: a typed name never silently
    stands in for the card's."""
    app = bundle.application
    fronts = bundle.of_type(DocType.ID_CARD, Side.FRONT)
    if not (app.applicant_name or app.applicant_id_number) or not fronts:
        return Verdict(Status.NOT_APPLICABLE, [say("需要申请时录入的申请人和身份证人像面",
                                                    "needs an applicant entered with the application and an ID card front")])
    doc = fronts[0]
    pairs = [(app.applicant_name, value(doc, "name"), "name", policy.identity.max_name_edits),
             (app.applicant_id_number, value(doc, "id_number"), "id_number", policy.identity.max_id_number_edits)]
    verdicts: list[tuple[Status, Said]] = []
    ev = []
    for entered, read, field, tolerance in pairs:
        if not entered or not read:
            continue
        ev.append(evidence(doc, field))
        status = _entered_vs_card(str(entered), str(read), name=field == "name", tolerance=tolerance)
        shown = (str(entered), str(read)) if field == "name" else (mask(str(entered)), mask(str(read)))
        verb, verb_zh = ("matches", "一致") if status == Status.PASS else ("differs from", "不一致")
        label_zh = "姓名" if field == "name" else "身份证号码"
        verdicts.append((status, say(f"录入的{label_zh}（{shown[0]}）与身份证上的（{shown[1]}）{verb_zh}",
                                     f"the {field.replace('_', ' ')} entered ({shown[0]}) {verb} the ID card's ({shown[1]})")))
    if not verdicts:
        return Verdict(Status.NOT_APPLICABLE, [say(f"录入的信息无法与{where_zh(doc)}比对",
                                                        f"nothing entered could be compared with {where(doc)}")], [evidence(doc)])
    worst = max((s for s, _ in verdicts), key=[Status.PASS, Status.REVIEW, Status.FAIL].index)
    return Verdict(worst, [reason for _, reason in verdicts], ev)
