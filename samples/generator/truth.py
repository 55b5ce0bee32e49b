"""Ground truth: per-file documents and fields, defects, and the checklist a correct pre-review gives.

The expected verdict of every check id follows from two things only: which documents (and ID sides)
the bundle holds, and the defects planted (`defects.EFFECTS`). Rules for a clean bundle:

- completeness.<type>: pass when required and present, missing when required and absent, else not_applicable
- completeness.id_card.both_sides: pass with both sides, missing otherwise
- completeness.legibility.<type>, stamp.<type>, freshness.<type>: pass when the document is present, else
  not_applicable (freshness.id_card: review when only the front is present)
- completeness.pages.<type>: pass when the document is present and prints page numbers (statements,
  contracts, and any family marked `numbered`); a letter, record or licence without them is "not numbered":
  not_applicable (the default policy)
- completeness.bank_statement.coverage, anomaly.balance_chain, anomaly.statement_deposits, anomaly.aml: with a
  statement; anomaly.tax_verified: never (a corpus run configures no tax verification service)
- completeness.business_license.legal_representative: for enterprise owners with a licence
- anomaly.income: with both an income proof and a statement; anomaly.amount_in_words: with a contract or an
  income proof; anomaly.uscc: with a licence; anomaly.id_number: with the ID front; anomaly.identity: with
  the ID front and an income proof, statement or tax record (the contract has its own check,
  anomaly.contract_buyer, with the ID front and a contract); anomaly.loan_to_value: with a contract (pass the
  truth's `loan_amount` as the application's loan amount)
- anomaly.pdf_edit: when any file is a PDF; anomaly.image_edit: when any page is a scan or photo;
  anomaly.duplicate_document: always (every application has page images to compare)

A missing page leaves the visible balance chain intact on every pair of adjacent printed rows, so the
gap it leaves is reported by completeness.pages, not by anomaly.balance_chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .defects import REQUIRED, check_defects, defect, effects_of, missing_type
from .templates import Family

DOC_TYPES = ("id_card", "income_proof", "bank_statement", "purchase_contract", "tax_certificate", "business_license")
STAMPED = ("income_proof", "bank_statement", "purchase_contract", "tax_certificate")
FRESH = ("id_card", "income_proof", "bank_statement", "tax_certificate", "business_license")
ANOMALIES = ("id_number", "identity", "contract_buyer", "amount_in_words", "income", "balance_chain",
             "statement_deposits", "loan_to_value", "pdf_edit", "image_edit", "uscc", "duplicate_document", "aml",
             "tax_verified")
CHECK_IDS: tuple[str, ...] = (
    *(f"completeness.{t}" for t in DOC_TYPES), "completeness.id_card.both_sides",
    *(f"completeness.pages.{t}" for t in DOC_TYPES if t != "id_card"),
    *(f"completeness.legibility.{t}" for t in DOC_TYPES),
    "completeness.bank_statement.coverage", "completeness.business_license.legal_representative",
    *(f"stamp.{t}" for t in STAMPED), *(f"freshness.{t}" for t in FRESH), *(f"anomaly.{a}" for a in ANOMALIES),
)
# The checks a credit report adds (a corpus generated with --credit-reports; its profiles require the report).
CREDIT_CHECK_IDS: tuple[str, ...] = (
    "completeness.credit_report", "completeness.pages.credit_report", "completeness.legibility.credit_report",
    "freshness.credit_report", "anomaly.credit_overdue", "anomaly.credit_queries", "anomaly.debt_to_income",
    "anomaly.credit_hidden_debt",
)
# Checks a bundle's truth has no verdict for in every corpus (unjudged): what is typed in with the application (not a file:
# never judged), and the credit report's (judged only in a corpus generated with --credit-reports, whose truth adds
# CREDIT_CHECK_IDS; other corpora keep the truth, and the bytes, they always had).
UNJUDGED_CHECK_IDS: tuple[str, ...] = ("anomaly.applicant_name", *CREDIT_CHECK_IDS)
_PERSONAL = ("income_proof", "bank_statement", "tax_certificate", "credit_report")
# The generated types that print 第X页 共Y页 / page i of n, unless their family says otherwise (Family.numbered).
NUMBERED = ("bank_statement", "purchase_contract", "credit_report")


def numbered_types(families: dict[str, Family]) -> frozenset[str]:
    """The document types whose pages print page numbers, given the family each type follows."""
    types = set(NUMBERED) | set(families)
    return frozenset(t for t in types if (families[t].numbered if t in families and families[t].numbered is not None
                                          else t in NUMBERED))


@dataclass(frozen=True)
class Bundle:
    """What the applicant handed in, as far as the verdicts care."""

    profile: str
    present: frozenset[str]
    id_sides: frozenset[str] = frozenset({"front", "back"})
    has_pdf: bool = True
    has_image: bool = True
    credit: tuple[tuple[str, str], ...] = ()  # verdicts of the credit checks that follow from the facts (debt to income)
    numbered: frozenset[str] = frozenset(NUMBERED)  # the types that print page numbers in this bundle's families


def default_bundle(profile: str, defects: tuple[str, ...] | list[str], *, credit: bool = False) -> Bundle:
    """The bundle a profile's generated applicant hands in: every required document a defect leaves (and, with
    ``credit``, a credit report)."""
    removed = {missing_type(d) for d in defects}
    present = frozenset(t for t in REQUIRED[profile] + (("credit_report",) if credit else ()) if t not in removed)
    sides = frozenset({"front"} if "missing_id_back" in defects else {"front", "back"})
    return Bundle(profile, present, sides)


def _na(ok: bool) -> str:
    return "pass" if ok else "not_applicable"


def base_checks(b: Bundle) -> dict[str, str]:
    """Verdicts for a bundle without planted defects (see the module docstring)."""
    has = b.present.__contains__
    checks: dict[str, str] = {}
    for t in DOC_TYPES:
        checks[f"completeness.{t}"] = ("pass" if has(t) else "missing") if t in REQUIRED[b.profile] else "not_applicable"
    checks["completeness.id_card.both_sides"] = "pass" if b.id_sides >= {"front", "back"} else "missing"
    for t in DOC_TYPES:
        if t != "id_card":  # an ID card carries no page numbers
            checks[f"completeness.pages.{t}"] = _na(has(t) and t in b.numbered)
        checks[f"completeness.legibility.{t}"] = _na(has(t))
    checks["completeness.bank_statement.coverage"] = _na(has("bank_statement"))
    checks["completeness.business_license.legal_representative"] = _na(
        b.profile == "enterprise_owner" and has("business_license"))
    for t in STAMPED:
        checks[f"stamp.{t}"] = _na(has(t))
    for t in FRESH:
        checks[f"freshness.{t}"] = _na(has(t))
    if has("id_card") and "back" not in b.id_sides:
        checks["freshness.id_card"] = "review"
    front = has("id_card") and "front" in b.id_sides
    checks.update({
        "anomaly.id_number": _na(front),
        "anomaly.identity": _na(front and any(has(t) for t in _PERSONAL)),
        "anomaly.contract_buyer": _na(front and has("purchase_contract")),
        "anomaly.loan_to_value": _na(has("purchase_contract")),
        "anomaly.amount_in_words": _na(has("purchase_contract") or has("income_proof")),
        "anomaly.income": _na(has("income_proof") and has("bank_statement")),
        "anomaly.balance_chain": _na(has("bank_statement")),
        "anomaly.statement_deposits": _na(has("bank_statement")),
        "anomaly.aml": _na(has("bank_statement")),
        "anomaly.tax_verified": "not_applicable",  # no verification service is configured for a corpus run
        "anomaly.pdf_edit": _na(b.has_pdf),
        "anomaly.image_edit": _na(b.has_image),
        "anomaly.uscc": _na(has("business_license")),
        "anomaly.duplicate_document": "pass",
    })
    if has("credit_report"):
        checks.update({"completeness.credit_report": "pass", "completeness.pages.credit_report": "pass",
                       "completeness.legibility.credit_report": "pass", "freshness.credit_report": "pass",
                       "anomaly.credit_overdue": "pass", "anomaly.credit_queries": "pass", **dict(b.credit)})
        return {cid: checks[cid] for cid in CHECK_IDS + CREDIT_CHECK_IDS}
    return {cid: checks[cid] for cid in CHECK_IDS}


def expected_checks(profile: str, defects: tuple[str, ...] | list[str], *,
                    bundle: Bundle | None = None) -> dict[str, str]:
    """The verdict of every check id for a generated bundle with these defects."""
    check_defects(profile, defects, credit=bundle is not None and "credit_report" in bundle.present)
    checks = base_checks(bundle or default_bundle(profile, defects))
    for name in defects:
        checks.update(effects_of(name))
    return checks


def overall_status(checks: dict[str, str]) -> str:
    """Any anomaly fail → flagged; else any fail or missing → needs_supplement; else an anomaly review →
    flagged (review_blocks_ready); else ready (SPEC §4: ready
    means nothing failed or is missing; a re-scan asked for a hard-to-read page rides along in the
    supplement request)."""
    if any(cid.startswith("anomaly.") and status == "fail" for cid, status in checks.items()):
        return "flagged"
    if any(status in ("fail", "missing") for status in checks.values()):
        return "needs_supplement"
    if any(cid.startswith("anomaly.") and status == "review" for cid, status in checks.items()):
        return "flagged"  # the default policy's review_blocks_ready: an anomaly review holds the status
    return "ready"


def supplement_request(checks: dict[str, str]) -> list[str]:
    """Check ids the customer must act on: fail/missing outside anomalies, and illegible documents (re-scan)."""
    return [cid for cid, status in checks.items()
            if (status in ("fail", "missing") and not cid.startswith("anomaly."))
            or (status in ("review", "review_or_fail") and cid.startswith("completeness.legibility."))]


def document(doc_type: str, fields: dict[str, Any], *, side: str | None = None, pages: list[int] | None = None,
             seals: list[dict[str, Any]] | None = None, template: Family | None = None) -> dict[str, Any]:
    """One document inside a file: type, side, template family, pages in the file, fields and the seals on it."""
    doc: dict[str, Any] = {"type": doc_type}
    if side:
        doc["side"] = side
    if template is not None:
        doc.update({"template": template.id, "held_out": template.held_out})
    seals = seals or []
    doc.update({"pages": pages or [1], "fields": fields, "stamps": len(seals)})
    if seals:
        doc["seal_legend"] = seals[0]["legend"]
        doc["seals"] = seals
    return doc


def truth(*, applicant: str, profile: str, application_date: str, defects: list[str], files: dict[str, Any],
          bundle: Bundle, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole truth.json for one applicant folder."""
    checks = expected_checks(profile, defects, bundle=bundle)
    data: dict[str, Any] = {"applicant": applicant, "profile": profile, "application_date": application_date,
                            "defects": list(defects), "defect_effects": defect_effects(defects), **(extra or {}),
                            "files": files}
    data["expected"] = {"checks": checks, "status": overall_status(checks),
                        "supplement_request": supplement_request(checks)}
    return data


def defect_effects(defects: list[str]) -> dict[str, dict[str, str]]:
    """The checks each planted defect turns, written beside it so an evaluation needs no generator."""
    return {name: dict(defect(name).effects) for name in defects}


def write_truth(folder: Path, data: dict[str, Any]) -> Path:
    """Write truth.json (UTF-8, readable Chinese, stable formatting)."""
    path = folder / "truth.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load_truth(folder: Path) -> dict[str, Any]:
    """Read an applicant folder's truth.json."""
    data: dict[str, Any] = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return data
