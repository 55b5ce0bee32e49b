"""Ground truth: per-file documents and fields, defects, and the checklist they must produce."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFECTS = ("expired_id", "bad_id_check_digit", "name_mismatch", "stale_income_proof", "missing_seal",
           "missing_id_back")

# What each profile's clean bundle (as generated today: ID card and income proof only) must yield.
BASE_CHECKS: dict[str, dict[str, str]] = {
    "salaried": {
        "completeness.id_card": "pass",
        "completeness.id_card.both_sides": "pass",
        "completeness.income_proof": "pass",
        "completeness.bank_statement": "missing",
        "completeness.purchase_contract": "missing",
        "stamp.income_proof": "pass",
        "freshness.id_card": "pass",
        "freshness.income_proof": "pass",
        "anomaly.id_number": "pass",
        "anomaly.identity": "pass",
    },
}

# Each defect's effect on the expected checks. Without the emblem side the validity period cannot
# be read, so freshness.id_card asks a person to review rather than passing or failing.
DEFECT_EFFECTS: dict[str, dict[str, str]] = {
    "expired_id": {"freshness.id_card": "fail"},
    "bad_id_check_digit": {"anomaly.id_number": "fail"},
    "name_mismatch": {"anomaly.identity": "fail"},
    "stale_income_proof": {"freshness.income_proof": "fail"},
    "missing_seal": {"stamp.income_proof": "fail"},
    "missing_id_back": {"completeness.id_card.both_sides": "missing", "freshness.id_card": "review"},
}


def expected_checks(profile: str, defects: list[str] | tuple[str, ...]) -> dict[str, str]:
    """The check verdicts a correct pre-review gives a generated bundle with these defects."""
    checks = dict(BASE_CHECKS[profile])
    for defect in defects:
        if defect not in DEFECT_EFFECTS:
            raise ValueError(f"unknown defect {defect!r}; known: {', '.join(DEFECTS)}")
        checks.update(DEFECT_EFFECTS[defect])
    return checks


def overall_status(checks: dict[str, str]) -> str:
    """Any anomaly fail → flagged; else any fail or missing → needs_supplement; else ready."""
    if any(cid.startswith("anomaly.") and status == "fail" for cid, status in checks.items()):
        return "flagged"
    if any(status in ("fail", "missing") for status in checks.values()):
        return "needs_supplement"
    return "ready"


def document(doc_type: str, fields: dict[str, str], *, side: str | None = None, stamps: int = 0,
             seal_legend: str | None = None) -> dict[str, Any]:
    """One document inside a file: type, side, pages, fields, stamp count and seal legend."""
    doc: dict[str, Any] = {"type": doc_type}
    if side:
        doc["side"] = side
    doc.update({"pages": [1], "fields": fields, "stamps": stamps})
    if seal_legend:
        doc["seal_legend"] = seal_legend
    return doc


def truth(*, applicant: str, profile: str, application_date: str, defects: list[str],
          files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The whole truth.json for one applicant folder."""
    checks = expected_checks(profile, defects)
    return {"applicant": applicant, "profile": profile, "application_date": application_date,
            "defects": list(defects), "files": files,
            "expected": {"checks": checks, "status": overall_status(checks)}}


def write_truth(folder: Path, data: dict[str, Any]) -> Path:
    """Write truth.json (UTF-8, readable Chinese, stable formatting)."""
    path = folder / "truth.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load_truth(folder: Path) -> dict[str, Any]:
    """Read an applicant folder's truth.json."""
    data: dict[str, Any] = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return data
