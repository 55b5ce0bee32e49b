"""One applicant: plan the facts (pure and fast), then render and deliver the files with truth.json."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from . import truth
from .delivery import Delivery, photograph, save, scan
from .idcard import IdCardFacts, make_id_card, render_back, render_front
from .income_proof import IncomeProofFacts, make_income_proof, render_income_proof
from .people import Person, make_job, make_person, other_name

CARD_PX_PER_MM = 20.0
ITEMS = ("id_front", "id_back", "income_proof")


@dataclass(frozen=True)
class ApplicantSpec:
    """What to generate: folder name, seed, profile, application date, defects, forced deliveries."""

    applicant: str
    seed: int | str
    application_date: date = date(2026, 11, 20)
    profile: str = "salaried"
    defects: tuple[str, ...] = ()
    forms: dict[str, Delivery] = field(default_factory=dict)


@dataclass(frozen=True)
class ApplicantPlan:
    """The facts behind every file of one applicant and how each file is delivered."""

    spec: ApplicantSpec
    person: Person
    card: IdCardFacts
    proof: IncomeProofFacts
    deliveries: dict[str, Delivery]


def stream(spec: ApplicantSpec, label: str) -> random.Random:
    """An independent, reproducible random stream for one purpose of one applicant."""
    return random.Random(f"{spec.seed}:{spec.applicant}:{label}")


def random_delivery(rng: random.Random, item: str) -> Delivery:
    """Pick photo or scan, file format, colour and paper tone for one item."""
    photo_share = 0.75 if item.startswith("id_") else 0.3
    if rng.random() < photo_share:
        return Delivery("photo", "jpg")
    ext = "png" if rng.random() < 0.4 else "jpg"
    tone = "white" if ext == "png" or rng.random() < 0.5 else "grey"
    return Delivery("scan", ext, grayscale=rng.random() < 0.1, tone=tone)


def plan(spec: ApplicantSpec) -> ApplicantPlan:
    """Draw the person, card, job and letter facts that the spec's defects call for (no rendering)."""
    for defect in spec.defects:
        truth.expected_checks(spec.profile, [defect])
    rng = stream(spec, "plan")
    today = spec.application_date
    while True:
        person = make_person(rng, today=today)
        try:
            card = make_id_card(rng, person, today=today, expired="expired_id" in spec.defects,
                                bad_check_digit="bad_id_check_digit" in spec.defects)
        except ValueError:
            continue
        break
    job = make_job(rng, person, today=today)
    stale = "stale_income_proof" in spec.defects
    issued = today - timedelta(days=rng.randint(31, 90) if stale else rng.randint(3, 25))
    name = other_name(rng, person.name, person.sex) if "name_mismatch" in spec.defects else None
    proof = make_income_proof(card, job, issue_date=issued, name=name, sealed="missing_seal" not in spec.defects)
    deliveries = {item: spec.forms.get(item) or random_delivery(rng, item) for item in ITEMS}
    return ApplicantPlan(spec, person, card, proof, deliveries)


def _deliver(doc: Image.Image, how: Delivery, rng: random.Random, *, min_px: int, scan_scale: float,
             bed_margin: bool) -> Image.Image:
    """Turn a rendered document into the photo or scan the customer hands in."""
    if how.form == "photo":
        return photograph(doc, rng, min_doc_px=min_px)
    return scan(doc, rng, scale=scan_scale, grayscale=how.grayscale, bed_margin=bed_margin, tone=how.tone)


def _render_card_side(p: ApplicantPlan, item: str) -> Image.Image:
    rng = stream(p.spec, item)
    art = render_front(p.card, rng, px_per_mm=CARD_PX_PER_MM) if item == "id_front" else \
        render_back(p.card, rng, px_per_mm=CARD_PX_PER_MM)
    dpi = rng.choice((300, 320, 350))
    return _deliver(art, p.deliveries[item], rng, min_px=1050, scan_scale=dpi / 25.4 / CARD_PX_PER_MM,
                    bed_margin=True)


def _render_letter(p: ApplicantPlan) -> Image.Image:
    rng = stream(p.spec, "income_proof")
    how = p.deliveries["income_proof"]
    dpi = 200 if how.form == "photo" else rng.choice((200, 200, 240, 300))
    page = render_income_proof(p.proof, rng, dpi=dpi)
    return _deliver(page, how, rng, min_px=1650, scan_scale=1.0, bed_margin=False)


def render(p: ApplicantPlan, out_dir: Path) -> Path:
    """Write the applicant's folder (replacing an old one): image files and truth.json."""
    folder = out_dir / p.spec.applicant
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files: dict[str, dict[str, Any]] = {}
    sides = ["id_front"] + ([] if "missing_id_back" in p.spec.defects else ["id_back"])
    for item in sides:
        how = p.deliveries[item]
        name = f"{item}.{how.ext}"
        save(_render_card_side(p, item), folder / name)
        side = "front" if item == "id_front" else "back"
        fields = p.card.front_fields() if side == "front" else p.card.back_fields()
        files[name] = {"form": how.form, "documents": [truth.document("id_card", fields, side=side)]}
    how = p.deliveries["income_proof"]
    name = f"income_proof.{how.ext}"
    save(_render_letter(p), folder / name)
    legend = p.proof.employer if p.proof.sealed else None
    files[name] = {"form": how.form, "documents": [
        truth.document("income_proof", p.proof.fields(), stamps=1 if p.proof.sealed else 0, seal_legend=legend)]}
    truth.write_truth(folder, truth.truth(
        applicant=p.spec.applicant, profile=p.spec.profile, application_date=p.spec.application_date.isoformat(),
        defects=list(p.spec.defects), files=files))
    return folder
