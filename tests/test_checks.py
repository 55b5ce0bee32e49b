"""Checks and the checklist on hand-built bundles (real-file runs are in test_pipeline)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from docproc.cn.id_number import make_id_number
from docproc.core.clock import utcnow
from docproc.core.models import (
    Application,
    BBox,
    Bundle,
    Category,
    ChecklistStatus,
    CheckResult,
    DocType,
    Document,
    Field,
    Override,
    Side,
    Stamp,
    Status,
    Title,
)
from docproc.core.policy import Policy, default_policy_text, load_policy, parse_policy
from docproc.service import wire
from docproc.service.checklist import summarize
from docproc.validators import CHECKS, run_checks

APPLIED = date(2026, 11, 20)
BORN = date(1988, 4, 2)
ID = make_id_number("110105", BORN, 123, "男")


def f(value: object, confidence: float = 0.95) -> Field:
    return Field(value=value, confidence=confidence, page=1, bbox=BBox(x0=1, y0=2, x1=30, y1=10))


def front(**over: object) -> Document:
    fields = {"name": f("张伟"), "sex": f("男"), "ethnicity": f("汉"), "birth_date": f(BORN),
              "address": f("北京市海淀区中关村大街1号"), "id_number": f(ID)}
    fields.update({k: f(v) for k, v in over.items()})
    return Document(id="doc_front", file_id="file_1", type=DocType.ID_CARD, side=Side.FRONT, pages=[1], fields=fields)


def back(until: object = date(2036, 5, 4)) -> Document:
    return Document(id="doc_back", file_id="file_2", type=DocType.ID_CARD, side=Side.BACK, pages=[1],
                    fields={"issuing_authority": f("北京市公安局海淀分局"), "valid_from": f(date(2016, 5, 4)),
                            "valid_until": f(until)})


def income(**over: object) -> Document:
    fields = {"name": f("张伟"), "id_number": f(ID), "employer": f("北京星河科技有限公司"), "position": f("工程师"),
              "monthly_income": f("12500.00"), "amount_in_words": f("壹万贰仟伍佰元整"),
              "issue_date": f(APPLIED - timedelta(days=10))}
    fields.update({k: f(v) for k, v in over.items()})
    seal = Stamp(bbox=BBox(x0=50, y0=50, x1=150, y1=150), color="red", shape="round", text="北京星河科技有限公司",
                 confidence=0.9)
    return Document(id="doc_income", file_id="file_3", type=DocType.INCOME_PROOF, pages=[1], fields=fields,
                    stamps=[seal])


def bundle(*docs: Document, profile: str = "salaried") -> Bundle:
    app = Application(id="app_1", profile=profile, application_date=APPLIED, created_at=utcnow())
    return Bundle(application=app, documents=list(docs))


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


def results(b: Bundle, policy: Policy) -> dict[str, Status]:
    return {r.id: r.status for r in run_checks(b, policy)}


def test_every_spec_minimum_check_id_is_registered() -> None:
    wanted = {"completeness.id_card", "completeness.id_card.both_sides", "completeness.bank_statement.coverage",
              "completeness.pages.bank_statement", "completeness.legibility.id_card", "freshness.id_card",
              "freshness.income_proof", "freshness.bank_statement", "freshness.tax_certificate",
              "freshness.business_license", "anomaly.id_number", "anomaly.identity"}
    assert wanted <= set(CHECKS.keys())


def test_clean_bundle_passes_what_it_has_and_misses_the_rest(policy: Policy) -> None:
    got = results(bundle(front(), back(), income()), policy)
    for check_id in ("completeness.id_card", "completeness.id_card.both_sides", "completeness.income_proof",
                     "freshness.id_card", "freshness.income_proof", "anomaly.id_number", "anomaly.identity",
                     "completeness.legibility.id_card", "completeness.legibility.income_proof"):
        assert got[check_id] == Status.PASS, check_id
    assert got["completeness.bank_statement"] == Status.MISSING
    assert got["completeness.purchase_contract"] == Status.MISSING
    assert got["completeness.business_license"] == Status.NOT_APPLICABLE


def test_missing_back_side(policy: Policy) -> None:
    got = results(bundle(front(), income()), policy)
    assert got["completeness.id_card.both_sides"] == Status.MISSING
    assert got["completeness.id_card"] == Status.PASS


@pytest.mark.parametrize(("until", "status"), [
    (date(2025, 3, 1), Status.FAIL),
    (APPLIED + timedelta(days=30), Status.REVIEW),
    ("长期", Status.PASS),
    (date(2040, 1, 1), Status.PASS),
])
def test_id_card_validity(policy: Policy, until: object, status: Status) -> None:
    assert results(bundle(front(), back(until), income()), policy)["freshness.id_card"] == status


def test_stale_income_proof_says_dates_and_window(policy: Policy) -> None:
    b = bundle(front(), back(), income(issue_date=APPLIED - timedelta(days=45)))
    [result] = [r for r in run_checks(b, policy) if r.id == "freshness.income_proof"]
    assert result.status == Status.FAIL
    assert "45 days before the application; the limit is 30" in result.reasons[0]
    assert result.evidence[0].field == "issue_date" and result.evidence[0].page == 1


def test_bad_check_digit_and_wrong_sex(policy: Policy) -> None:
    bad = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    assert results(bundle(front(id_number=bad), back(), income(id_number=bad)), policy)["anomaly.id_number"] == Status.FAIL
    assert results(bundle(front(sex="女"), back(), income()), policy)["anomaly.id_number"] == Status.FAIL


def test_identity_tolerates_one_ocr_confusion_but_not_another_person(policy: Policy) -> None:
    one_off = ID[:5] + ("7" if ID[5] != "7" else "1") + ID[6:]
    assert results(bundle(front(), back(), income(id_number=one_off)), policy)["anomaly.identity"] == Status.PASS
    assert results(bundle(front(), back(), income(name="李娜")), policy)["anomaly.identity"] == Status.FAIL
    other = make_id_number("310101", date(1990, 1, 1), 7, "女")
    assert results(bundle(front(), back(), income(id_number=other)), policy)["anomaly.identity"] == Status.FAIL


def test_low_confidence_field_asks_for_rescan(policy: Policy) -> None:
    blurry = front()
    blurry = blurry.model_copy(update={"fields": {**blurry.fields, "id_number": f(ID, confidence=0.2)}})
    b = bundle(blurry, back(), income())
    checklist = summarize(b, run_checks(b, policy), overrides=[], policy=policy)
    item = next(i for i in checklist.items if i.id == "completeness.legibility.id_card")
    assert item.status == Status.REVIEW
    assert any("重新扫描" in s.zh and s.check_id == item.id for s in checklist.supplement_request)


def test_summary_status_order_and_overrides(policy: Policy) -> None:
    clean = bundle(front(), back(), income())
    checklist = summarize(clean, run_checks(clean, policy), overrides=[], policy=policy)
    assert checklist.status == ChecklistStatus.NEEDS_SUPPLEMENT
    asked = [s.check_id for s in checklist.supplement_request]
    assert asked == ["completeness.bank_statement", "completeness.purchase_contract"]
    flagged = bundle(front(), back(), income(name="李娜"))
    assert summarize(flagged, run_checks(flagged, policy), overrides=[], policy=policy).status == ChecklistStatus.FLAGGED
    override = Override(check_id="anomaly.identity", status=Status.PASS, comment="name change, marriage cert seen",
                        officer="wang", at=utcnow())
    after = summarize(flagged, run_checks(flagged, policy), overrides=[override], policy=policy)
    item = next(i for i in after.items if i.id == "anomaly.identity")
    assert (item.status, item.machine_status, item.override) == (Status.PASS, Status.FAIL, override)
    assert after.status == ChecklistStatus.NEEDS_SUPPLEMENT


def test_policy_change_changes_verdicts_and_version() -> None:
    text = default_policy_text()
    strict = parse_policy(text.replace("income_proof_days = 30", "income_proof_days = 5"))
    default = parse_policy(text)
    b = bundle(front(), back(), income())
    assert results(b, default)["freshness.income_proof"] == Status.PASS
    assert results(b, strict)["freshness.income_proof"] == Status.FAIL
    assert strict.version != default.version
    assert summarize(b, run_checks(b, strict), overrides=[], policy=strict).policy_version == strict.version


def test_image_thresholds_are_policy() -> None:
    text = default_policy_text()
    scanned = income().model_copy(update={"meta": {"image_forensics": {
        "ela": None, "clones": 0, "seal_patches": [{"bbox": [50, 50, 150, 150], "sharpness": 0.62, "page": 1}]}}})
    b = bundle(front(), back(), scanned)
    assert results(b, parse_policy(text))["anomaly.image_edit"] == Status.FAIL  # 0.62 < 0.75: a pasted patch
    lenient = parse_policy(text.replace("patch_sharpness_fail = 0.75", "patch_sharpness_fail = 0.5"))
    assert results(b, lenient)["anomaly.image_edit"] == Status.PASS
    card = front().model_copy(update={"meta": scanned.meta})  # a red emblem on a card is not a seal on a patch
    assert results(bundle(card, back(), income()), parse_policy(text))["anomaly.image_edit"] == Status.PASS


def test_a_check_that_raises_becomes_review(policy: Policy) -> None:
    from docproc.validators import Check, Verdict, run_check

    item = CHECKS.get("anomaly.identity")

    def boom(bundle: Bundle, policy: Policy) -> Verdict:
        raise RuntimeError("bug")

    result = run_check(Check(item.id, item.category, item.title, boom), bundle(front()), policy)
    assert result.status == Status.REVIEW and "could not run" in result.reasons[0]


def test_a_document_with_nothing_readable_fails_legibility(policy: Policy) -> None:
    blank = Document(id="doc_blank", file_id="file_9", type=DocType.ID_CARD, side=Side.BACK, pages=[1], fields={})
    b = bundle(front(), blank, income())
    checklist = summarize(b, run_checks(b, policy), overrides=[], policy=policy)
    item = next(i for i in checklist.items if i.id == "completeness.legibility.id_card")
    assert item.status == Status.FAIL and "none of the required fields" in item.reasons[0]
    assert any(s.check_id == item.id for s in checklist.supplement_request)
    assert checklist.status == ChecklistStatus.NEEDS_SUPPLEMENT


def test_pages_whose_numbers_were_not_read_are_not_missing_pages(policy: Policy) -> None:
    def contract(pages: list[int], printed: list[list[int] | None]) -> Document:
        return Document(id="doc_c", file_id="file_c", type=DocType.PURCHASE_CONTRACT, pages=pages,
                        fields={"buyer_names": f(["张伟"])}, meta={"printed_page_numbers": printed})

    unread = contract([1, 2, 3, 4], [None, [2, 4], [3, 4], None])  # 4 of 4 pages read, two numbers not
    assert results(bundle(unread), policy)["completeness.pages.purchase_contract"] == Status.PASS
    short = contract([1, 2, 3], [[1, 4], [2, 4], [4, 4]])  # 3 of 4 read: page 3 is missing
    assert results(bundle(short), policy)["completeness.pages.purchase_contract"] == Status.FAIL


def _result(check_id: str, category: Category, status: Status) -> CheckResult:
    return CheckResult(id=check_id, category=category, title=Title(zh=check_id, en=check_id), status=status)


def test_a_review_the_policy_names_keeps_the_file_from_ready(policy: Policy) -> None:
    """review_blocks_ready: an anomaly review (an edited digit explaining a balance break) flags the file by
    default, the item says that it holds the status, and an officer's verdict releases it."""
    b = bundle(front(), back(), income())
    passed = _result("completeness.id_card", Category.COMPLETENESS, Status.PASS)
    edited = _result("anomaly.balance_chain", Category.ANOMALY, Status.REVIEW)
    expiring = _result("freshness.id_card", Category.FRESHNESS, Status.REVIEW)
    checklist = summarize(b, [passed, edited, expiring], overrides=[], policy=policy)
    assert checklist.status == ChecklistStatus.FLAGGED
    assert [i.id for i in checklist.items if i.blocks_ready] == ["anomaly.balance_chain"]
    assert wire.checklist_json(checklist)["items"][1]["blocks_ready"] is True
    assert summarize(b, [passed, expiring], overrides=[], policy=policy).status == ChecklistStatus.READY
    seen = Override(check_id="anomaly.balance_chain", status=Status.PASS, comment="paper seen", officer="ann",
                    at=utcnow())
    released = summarize(b, [passed, edited, expiring], overrides=[seen], policy=policy)
    assert released.status == ChecklistStatus.READY and not any(i.blocks_ready for i in released.items)
    text = default_policy_text().replace('categories = ["anomaly"]', "categories = []").replace(
        "checks = []", 'checks = ["freshness.id_card"]')
    custom = parse_policy(text)
    by_id = summarize(b, [passed, edited, expiring], overrides=[], policy=custom)
    assert by_id.status == ChecklistStatus.FLAGGED
    assert [i.id for i in by_id.items if i.blocks_ready] == ["freshness.id_card"]


def test_the_readme_counts_and_names_registered_check_ids() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    counted = re.search(r"Checks \(`validators/`, (\d+) ids\)", readme)
    assert counted, "the README's checks section lost its count"
    assert int(counted.group(1)) == len(CHECKS.keys())
    named = set(re.findall(r"`((?:completeness|stamp|freshness|anomaly)\.[a-z_.]+)`", readme))
    assert named and named <= set(CHECKS.keys())


def test_a_document_without_page_numbers_is_not_numbered_never_a_silent_pass(policy: Policy) -> None:
    letter = income().model_copy(update={"meta": {"printed_page_numbers": [None]}})
    [verdict] = [r for r in run_checks(bundle(front(), back(), letter), policy)
                 if r.id == "completeness.pages.income_proof"]
    assert verdict.status == Status.NOT_APPLICABLE and "not numbered" in verdict.reasons[0]
    strict = parse_policy(default_policy_text().replace('unnumbered = "not_applicable"', 'unnumbered = "review"'))
    assert results(bundle(front(), back(), letter), strict)["completeness.pages.income_proof"] == Status.REVIEW
    numbered = income().model_copy(update={"meta": {"printed_page_numbers": [[1, 1]]}})
    assert results(bundle(front(), back(), numbered), strict)["completeness.pages.income_proof"] == Status.PASS


def _contract(names: list[str], numbers: list[str]) -> Document:
    return Document(id="doc_contract", file_id="file_c", type=DocType.PURCHASE_CONTRACT, pages=[1],
                    fields={"buyer_names": f(names), "buyer_id_numbers": f(numbers)})


def test_a_named_buyer_whose_number_was_not_read_beside_a_co_buyers_is_the_applicant(policy: Policy) -> None:
    """Two buyers named, one number read (the co-buyer's; the applicant's under a filing stamp): the name settles it.
    As many numbers as names, none the applicant's: another person of that name."""
    co_buyer = make_id_number("430104", date(1981, 8, 20), 782, "女")
    check = "anomaly.contract_buyer"
    assert results(bundle(front(), _contract(["李娟", "张伟"], [co_buyer])), policy)[check] == Status.PASS
    other = make_id_number("310101", date(1990, 1, 1), 7, "男")
    assert results(bundle(front(), _contract(["李娟", "张伟"], [co_buyer, other])), policy)[check] == Status.FAIL
    assert results(bundle(front(), _contract(["张伟"], [other])), policy)[check] == Status.FAIL
    assert results(bundle(front(), _contract(["李娟", "王芳"], [co_buyer])), policy)[check] == Status.FAIL
    assert results(bundle(front(), _contract(["李娟", "张为"], [co_buyer])), policy)[check] == Status.FAIL  # a two-character name read otherwise
