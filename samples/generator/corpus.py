"""Corpora of applicant folders: a seeded corpus of any size and the small corpus committed to the repo."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from .aml_defects import write_watchlist
from .applicant import ApplicantSpec, plan
from .defects import CREDIT_DEFECTS, PROFILES, applicable, conflict
from .manifest import manifest
from .render import render
from .tiny import TINY_DIR, build_tiny_set, tiny_specs
from .truth import DOC_TYPES, default_bundle

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
FIRST_DAY = date(2026, 6, 1)
_ID_BACK = {"expired_id", "expiring_id", "missing_id_back", "illegible_id_back", "duplicate_document"}

__all__ = ["CORPUS_DIR", "TINY_DIR", "build_committed_corpus", "build_tiny_set", "committed_specs", "corpus_specs",
           "generate", "tiny_specs"]


def _donor_for(specs: list[ApplicantSpec]) -> ApplicantSpec | None:
    """The latest earlier applicant whose own emblem-side file can be re-used (valid card, its own file)."""
    for spec in reversed(specs):
        if set(spec.defects) & _ID_BACK or "bad_id_check_digit" in spec.defects:
            continue
        if any(f.items == ("id_back",) for f in plan(spec).files):
            return spec
    return None


def _pick(rng: random.Random, queue: list[str], profile: str, taken: tuple[str, ...], *,
          donor_ok: bool, credit: bool = False) -> str | None:
    """The next defect in the rotating queue that fits the profile and the defects already taken."""
    fits = set(applicable(profile, credit=credit))
    for k, name in enumerate(queue):
        if name in fits and name not in taken and not any(conflict(name, t) for t in taken) \
                and (name != "duplicate_document" or donor_ok):
            queue.append(queue.pop(k))
            return name
    return None


def corpus_specs(*, applicants: int, seed: int, templates: str = "seen", credit_reports: bool = False) -> list[ApplicantSpec]:
    """A seeded corpus: profiles in rotation, about a third clean, defects cycled so each one shows up.

    `templates` picks the layout families (templates.py); it draws from streams of its own, so the
    defects, facts and, for `seen`, the bytes are those the seed always gave.
    """
    rng = random.Random(f"corpus:{seed}")
    offset = rng.randrange(len(PROFILES))
    clean = set(rng.sample(range(applicants), round(applicants / 3)))
    queue = sorted({name for p in PROFILES for name in applicable(p)})
    rng.shuffle(queue)
    if credit_reports:  # the credit-report defects come first, so that even a small corpus shows each of them
        queue = sorted(CREDIT_DEFECTS) + queue
    specs: list[ApplicantSpec] = []
    for i in range(applicants):
        profile = PROFILES[(offset + i) % len(PROFILES)]
        applied = FIRST_DAY + timedelta(days=rng.randint(0, 197))
        spec = ApplicantSpec(f"a{i + 1:03d}_{profile}", seed=f"{seed}:{i}", application_date=applied,
                             profile=profile, templates=templates, credit_reports=credit_reports)
        defects: tuple[str, ...] = ()
        if i not in clean:
            donor = _donor_for(specs) if specs else None
            for _ in range(1 if rng.random() < 0.5 else 2):
                name = _pick(rng, queue, profile, defects, donor_ok=donor is not None, credit=credit_reports)
                if name:
                    defects += (name,)
            spec = replace(spec, defects=defects, donor=donor if "duplicate_document" in defects else None)
        specs.append(spec)
    return _take_turns(specs, seed)


def _take_turns(specs: list[ApplicantSpec], seed: int) -> list[ApplicantSpec]:
    """Give each applicant its turn in every document type's rotation of template families (own random stream)."""
    rng = random.Random(f"templates:{seed}")
    next_turn = {t: rng.randrange(60) for t in DOC_TYPES}
    out = []
    for spec in specs:
        turns = {}
        for doc_type in sorted(default_bundle(spec.profile, spec.defects).present):  # credit reports: one design
            turns[doc_type] = next_turn[doc_type]
            next_turn[doc_type] += 1
        out.append(replace(spec, template_turns=turns))
    return out


def committed_specs() -> list[ApplicantSpec]:
    """The small corpus committed under samples/corpus: two applicants per profile, three of them clean.

    Seeds were picked so the set stays well under 15 MB while showing every delivery form.
    """
    day = date(2026, 11, 20)

    def spec(name: str, seed: int, profile: str, *defects: str, bundle: bool | None = False,
             donor: ApplicantSpec | None = None) -> ApplicantSpec:
        return ApplicantSpec(name, seed=seed, application_date=day, profile=profile, defects=defects, bundle=bundle,
                             donor=donor)

    c01 = spec("c01_salaried", 3124, "salaried")
    return [
        c01,
        spec("c02_salaried", 3135, "salaried", "stale_income_proof", "large_deposit"),
        spec("c03_self_employed", 3116, "self_employed", bundle=True),
        spec("c04_self_employed", 3106, "self_employed", "bad_uscc", "missing_contract_page"),
        spec("c05_enterprise_owner", 3143, "enterprise_owner"),
        spec("c06_enterprise_owner", 3125, "enterprise_owner", "edited_pdf", "expired_license"),
        spec("c07_freelancer", 3107, "freelancer", "pasted_region", "unsealed_tax_certificate"),
        spec("c08_freelancer", 3144, "freelancer", "duplicate_document", "broken_balance_chain", donor=c01),
    ]


def _render_one(spec: ApplicantSpec, out_dir: Path) -> Path:
    return render(plan(spec), out_dir)


def render_all(specs: Iterable[ApplicantSpec], out_dir: Path, *, workers: int | None = None) -> list[Path]:
    """Plan and render specs, in parallel processes when there are several (output does not depend on it)."""
    specs = list(specs)
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(workers or os.cpu_count() or 1, len(specs))
    if workers <= 1:
        return [_render_one(s, out_dir) for s in specs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_render_one, specs, [out_dir] * len(specs)))


def generate(out_dir: Path, *, applicants: int, seed: int, workers: int | None = None,
             templates: str = "seen", credit_reports: bool = False) -> list[Path]:
    """Write a seeded corpus of applicant folders under out_dir, and the watch list its listed_counterparty
    defects name (watchlist.csv: ``docproc eval --watchlist``); return the folders. With ``credit_reports`` every
    applicant hands in a credit report too, and policy.toml (the shipped policy, each profile requiring the
    report) sits beside the folders: ``docproc eval`` uses it."""
    specs = corpus_specs(applicants=applicants, seed=seed, templates=templates, credit_reports=credit_reports)
    folders = render_all(specs, out_dir, workers=workers)
    write_watchlist(out_dir)
    if credit_reports:
        (out_dir / "policy.toml").write_text(credit_policy_text(), encoding="utf-8")
    return folders


def credit_policy_text() -> str:
    """The shipped policy with a credit report added to every profile's required documents."""
    from docproc.core.policy import default_policy_text

    return default_policy_text().replace("required = [\n", 'required = [\n  { type = "credit_report" },\n')


def build_committed_corpus(out_dir: Path = CORPUS_DIR, *, workers: int | None = None) -> list[Path]:
    """Write the committed corpus and its MANIFEST.json under out_dir."""
    folders = render_all(committed_specs(), out_dir, workers=workers)
    text = json.dumps(manifest(out_dir, folders, pdf=True), indent=2, sort_keys=True) + "\n"
    (out_dir / "MANIFEST.json").write_text(text, encoding="utf-8")
    return folders
