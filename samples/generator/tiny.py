"""The committed tiny set (samples/tiny): two salaried applicants with an ID card and an income proof only.

It predates the full generator and is kept byte for byte (tests and the demo depend on it), so it keeps
its own renderer and its original truth format: the ten checks of that scope, no supplement request.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from PIL import Image

from .applicant import ApplicantPlan, ApplicantSpec, plan, stream
from .delivery import Delivery, photograph, save, scan
from .idcard import render_back, render_front
from .income_proof import render_income_proof
from .manifest import manifest
from .truth import overall_status, write_truth

TINY_DIR = Path(__file__).resolve().parent.parent / "tiny"
CARD_PX_PER_MM = 20.0

BASE_CHECKS: dict[str, str] = {
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
}
EFFECTS: dict[str, dict[str, str]] = {
    "expired_id": {"freshness.id_card": "fail"},
    "bad_id_check_digit": {"anomaly.id_number": "fail"},
    "name_mismatch": {"anomaly.identity": "fail"},
    "stale_income_proof": {"freshness.income_proof": "fail"},
    "unsealed_income_proof": {"stamp.income_proof": "fail"},
    "missing_id_back": {"completeness.id_card.both_sides": "missing", "freshness.id_card": "review"},
}


def tiny_specs() -> list[ApplicantSpec]:
    """The two applicants of the committed tiny set."""
    photo = Delivery("photo", "jpg")
    return [
        ApplicantSpec("a01_salaried_clean", seed=101, forms={
            "id_front": photo, "id_back": photo, "income_proof": Delivery("scan", "png", tone="white")}),
        ApplicantSpec("a02_expired_id", seed=208, defects=("expired_id",), forms={
            "id_front": Delivery("scan", "jpg", tone="grey"), "id_back": photo,
            "income_proof": Delivery("scan", "jpg", tone="grey")}),
    ]


def expected_checks(defects: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The tiny scope's checks (ID card and income proof handed in) for these defects."""
    checks = dict(BASE_CHECKS)
    for defect in defects:
        checks.update(EFFECTS[defect])
    return checks


def _deliver(doc: Image.Image, how: Delivery, rng: random.Random, *, min_px: int, scan_scale: float,
             bed_margin: bool) -> Image.Image:
    if how.form == "photo":
        return photograph(doc, rng, min_doc_px=min_px)
    return scan(doc, rng, scale=scan_scale, grayscale=how.grayscale, bed_margin=bed_margin, tone=how.tone)


def _card_side(p: ApplicantPlan, item: str) -> Image.Image:
    rng = stream(p.spec, item)
    art = render_front(p.card, rng, px_per_mm=CARD_PX_PER_MM) if item == "id_front" else \
        render_back(p.card, rng, px_per_mm=CARD_PX_PER_MM)
    dpi = rng.choice((300, 320, 350))
    return _deliver(art, p.deliveries[item], rng, min_px=1050, scan_scale=dpi / 25.4 / CARD_PX_PER_MM,
                    bed_margin=True)


def _letter(p: ApplicantPlan) -> Image.Image:
    rng = stream(p.spec, "income_proof")
    how = p.deliveries["income_proof"]
    dpi = 200 if how.form == "photo" else rng.choice((200, 200, 240, 300))
    page = render_income_proof(p.proof, rng, dpi=dpi)
    return _deliver(page, how, rng, min_px=1650, scan_scale=1.0, bed_margin=False)


def _document(doc_type: str, fields: dict[str, str], *, side: str | None = None, sealed: bool = False,
              legend: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"type": doc_type}
    if side:
        doc["side"] = side
    doc.update({"pages": [1], "fields": fields, "stamps": 1 if sealed else 0})
    if legend:
        doc["seal_legend"] = legend
    return doc


def render_tiny(p: ApplicantPlan, out_dir: Path) -> Path:
    """Write one tiny applicant: the ID sides and the letter as images, and the tiny-scope truth.json."""
    folder = out_dir / p.spec.applicant
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files: dict[str, dict[str, Any]] = {}
    for item in ["id_front"] + ([] if "missing_id_back" in p.spec.defects else ["id_back"]):
        how = p.deliveries[item]
        name = f"{item}.{how.ext}"
        save(_card_side(p, item), folder / name)
        side = "front" if item == "id_front" else "back"
        fields = p.card.front_fields() if side == "front" else p.card.back_fields()
        files[name] = {"form": how.form, "documents": [_document("id_card", fields, side=side)]}
    how = p.deliveries["income_proof"]
    name = f"income_proof.{how.ext}"
    save(_letter(p), folder / name)
    files[name] = {"form": how.form, "documents": [_document(
        "income_proof", p.proof.fields(), sealed=p.proof.sealed, legend=p.proof.employer if p.proof.sealed else None)]}
    checks = expected_checks(p.spec.defects)
    write_truth(folder, {"applicant": p.spec.applicant, "profile": p.spec.profile,
                         "application_date": p.spec.application_date.isoformat(), "defects": list(p.spec.defects),
                         "files": files, "expected": {"checks": checks, "status": overall_status(checks)}})
    return folder


def build_tiny_set(out_dir: Path = TINY_DIR) -> None:
    """Write the tiny committed set (a01_salaried_clean, a02_expired_id) and its MANIFEST.json under out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = [render_tiny(plan(spec), out_dir) for spec in tiny_specs()]
    text = json.dumps(manifest(out_dir, folders), indent=2, sort_keys=True) + "\n"
    (out_dir / "MANIFEST.json").write_text(text, encoding="utf-8")
