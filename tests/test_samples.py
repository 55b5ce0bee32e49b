"""The synthetic sample generator: determinism, truth consistency, defects and the committed tiny set."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from samples.generator import DEFECTS, ApplicantSpec, Delivery, expected_checks, overall_status, plan, render
from samples.generator.corpus import TINY_DIR, build_tiny_set, corpus_specs, render_environment
from samples.generator.fonts import available as fonts_available
from samples.generator.idcard import term_years
from samples.generator.people import edit_distance
from samples.generator.truth import BASE_CHECKS, load_truth
from validators._id_number import check_digit, parse_id_number

needs_fonts = pytest.mark.skipif(not fonts_available(),
                                 reason="CJK fonts (fonts-noto-cjk, fonts-wqy-microhei) not installed")

APPLIED = date(2026, 11, 20)
TINY_APPLICANTS = ("a01_salaried_clean", "a02_expired_id")
INCOME_FIELDS = {"name", "id_number", "employer", "position", "employment_start", "monthly_income",
                 "amount_in_words", "issue_date", "employer_phone"}


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _plans(n: int, defects: tuple[str, ...] = ()) -> list:
    return [plan(ApplicantSpec(f"t{i:03d}", seed=f"test:{i}", defects=defects)) for i in range(n)]


# --- truth consistency (planning only: fast) ----------------------------------------------------

def test_clean_plans_are_internally_consistent() -> None:
    for p in _plans(80):
        card, proof = p.card, p.proof
        info = parse_id_number(card.id_number)
        assert info.is_valid, card.id_number
        assert card.id_number == card.id_number.upper()
        assert info.birth_date == card.birth and info.sex == card.sex
        assert info.region_code == p.person.region.code
        assert card.address.startswith(p.person.region.prefix)
        assert proof.name == card.name and proof.id_number == card.id_number
        assert 3 <= (APPLIED - proof.issue_date).days <= 25
        assert proof.employment_start < proof.issue_date
        assert proof.employment_start >= date(card.birth.year + 21, 1, 1)
        assert proof.sealed


def test_id_validity_follows_age_rules() -> None:
    long_term = 0
    for p in _plans(120):
        card = p.card
        age = _age_on(card.birth, card.valid_from)
        assert 1 <= APPLIED.year - card.valid_from.year <= 15
        term = term_years(age)
        if card.valid_until is None:
            long_term += 1
            assert age >= 46 and term is None
        else:
            assert term is not None and card.valid_until == card.valid_from.replace(year=card.valid_from.year + term)
            assert card.valid_until >= APPLIED.replace(year=APPLIED.year + 5)
    assert long_term > 0, "some older applicants should hold long-term (长期) cards"


def test_amount_in_words_agrees_with_monthly_income() -> None:
    words = pytest.importorskip("validators._amount_words")
    for p in _plans(60):
        fields = p.proof.fields()
        assert fields["monthly_income"] == f"{Decimal(fields['monthly_income']):.2f}"
        assert words.from_words(fields["amount_in_words"]) == Decimal(fields["monthly_income"])


def test_truth_fields_use_canonical_names_and_formats() -> None:
    p = _plans(1)[0]
    assert set(p.proof.fields()) == INCOME_FIELDS
    assert set(p.card.front_fields()) == {"name", "sex", "ethnicity", "birth_date", "address", "id_number"}
    back = p.card.back_fields()
    assert set(back) == {"issuing_authority", "valid_from", "valid_until"}
    for value in (p.card.front_fields()["birth_date"], back["valid_from"], p.proof.fields()["issue_date"]):
        assert date.fromisoformat(value).isoformat() == value
    assert back["valid_until"] == "长期" or date.fromisoformat(back["valid_until"])


def test_same_seed_same_plan_different_seed_different_plan() -> None:
    a = plan(ApplicantSpec("x", seed=5))
    assert plan(ApplicantSpec("x", seed=5)) == a
    assert plan(ApplicantSpec("x", seed=6)).card != a.card


# --- defects ------------------------------------------------------------------------------------

@pytest.mark.parametrize("defect", DEFECTS)
def test_each_defect_changes_the_expected_checks(defect: str) -> None:
    clean = expected_checks("salaried", [])
    changed = expected_checks("salaried", [defect])
    assert changed != clean
    assert set(changed) == set(clean)
    diff = {k for k in clean if clean[k] != changed[k]}
    assert all(changed[k] in ("fail", "missing", "review") for k in diff)
    status = overall_status(changed)
    anomaly = any(k.startswith("anomaly.") for k in diff)
    assert status == ("flagged" if anomaly else "needs_supplement")


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_defect_shows_in_the_facts(defect: str) -> None:
    for p in _plans(12, (defect,)):
        card, proof = p.card, p.proof
        checked = check_digit(card.id_number[:17]) == card.id_number[17]
        assert checked == (defect != "bad_id_check_digit")
        assert proof.id_number == card.id_number
        if defect == "expired_id":
            assert card.valid_until is not None and card.valid_until < APPLIED
        else:
            assert card.valid_until is None or card.valid_until > APPLIED
        if defect == "name_mismatch":
            assert edit_distance(proof.name, card.name) >= 2
        else:
            assert proof.name == card.name
        age = (APPLIED - proof.issue_date).days
        assert (31 <= age <= 90) if defect == "stale_income_proof" else (3 <= age <= 25)
        assert proof.sealed == (defect != "missing_seal")


def test_status_rule() -> None:
    base = dict(BASE_CHECKS["salaried"])
    assert overall_status({k: "pass" for k in base}) == "ready"
    assert overall_status(base) == "needs_supplement"
    assert overall_status({**base, "anomaly.identity": "fail"}) == "flagged"
    assert overall_status({"freshness.id_card": "review"}) == "ready"


def test_unknown_defect_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown defect"):
        plan(ApplicantSpec("x", seed=1, defects=("coffee_stain",)))


def test_corpus_specs_are_seeded_and_mix_defects() -> None:
    specs = corpus_specs(applicants=40, seed=3)
    assert specs == corpus_specs(applicants=40, seed=3)
    assert specs != corpus_specs(applicants=40, seed=4)
    assert any(not s.defects for s in specs) and any(s.defects for s in specs)
    for s in specs:
        assert not {"expired_id", "missing_id_back"} <= set(s.defects)


# --- rendering ----------------------------------------------------------------------------------

@needs_fonts
def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    forms = {"id_front": Delivery("photo", "jpg"), "income_proof": Delivery("scan", "png", tone="white")}
    spec = ApplicantSpec("d01_missing_back", seed=77, defects=("missing_id_back", "missing_seal"), forms=forms)
    a = render(plan(spec), tmp_path / "a")
    b = render(plan(spec), tmp_path / "b")
    names = sorted(p.name for p in a.iterdir())
    assert names == ["id_front.jpg", "income_proof.png", "truth.json"]
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    t = load_truth(a)
    assert set(t["files"]) == {"id_front.jpg", "income_proof.png"}
    assert t["expected"]["checks"]["completeness.id_card.both_sides"] == "missing"
    assert t["expected"]["checks"]["stamp.income_proof"] == "fail"
    doc = t["files"]["income_proof.png"]["documents"][0]
    assert doc["stamps"] == 0 and "seal_legend" not in doc
    with Image.open(a / "id_front.jpg") as img:
        assert img.format == "JPEG" and img.width >= 1300
    with Image.open(a / "income_proof.png") as img:
        assert img.format == "PNG" and img.width >= 1600


def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"), dtype=np.int16)


@needs_fonts
def test_tiny_set_in_repo_matches_build_tiny_set(tmp_path: Path) -> None:
    build_tiny_set(tmp_path)
    committed = json.loads((TINY_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    fresh = json.loads((tmp_path / "MANIFEST.json").read_text(encoding="utf-8"))
    assert sorted(committed["files"]) == sorted(fresh["files"])
    repo_files = sorted(p.relative_to(TINY_DIR).as_posix() for p in TINY_DIR.glob("*/*") if p.is_file())
    assert repo_files == sorted(committed["files"]), "samples/tiny holds files the manifest does not list"
    for applicant in TINY_APPLICANTS:
        assert load_truth(TINY_DIR / applicant) == load_truth(tmp_path / applicant)
    same_env = committed["environment"] == render_environment()
    for rel, digest in committed["files"].items():
        assert hashlib.sha256((TINY_DIR / rel).read_bytes()).hexdigest() == digest, f"{rel} edited by hand?"
        if same_env:
            assert fresh["files"][rel] == digest, f"{rel} differs from build_tiny_set output"
        elif not rel.endswith(".json"):
            # Another Pillow/OpenCV/FreeType build encodes or rasterises slightly differently.
            a, b = _pixels(TINY_DIR / rel), _pixels(tmp_path / rel)
            assert a.shape == b.shape and float(np.abs(a - b).mean()) < 3.0, rel


def test_tiny_set_contents() -> None:
    assert sorted(p.name for p in TINY_DIR.iterdir() if p.is_dir()) == list(TINY_APPLICANTS)
    total = sum(p.stat().st_size for p in TINY_DIR.rglob("*") if p.is_file())
    assert total < 3 * 1024 * 1024
    a01, a02 = (load_truth(TINY_DIR / name) for name in TINY_APPLICANTS)
    for t in (a01, a02):
        assert t["application_date"] == "2026-11-20" and t["profile"] == "salaried"
        for name, entry in t["files"].items():
            assert (TINY_DIR / t["applicant"] / name).is_file()
            if entry["form"] == "photo":
                assert name.endswith(".jpg")
    assert a01["defects"] == [] and a01["expected"]["status"] == "needs_supplement"
    assert {n: e["form"] for n, e in a01["files"].items()} == {
        "id_front.jpg": "photo", "id_back.jpg": "photo", "income_proof.png": "scan"}
    assert a01["files"]["income_proof.png"]["documents"][0]["stamps"] == 1
    assert a02["defects"] == ["expired_id"]
    assert a02["files"]["id_front.jpg"]["form"] == "scan"
    back = a02["files"]["id_back.jpg"]["documents"][0]["fields"]
    assert back["valid_until"].startswith("2025-")
    assert a02["expected"]["checks"]["freshness.id_card"] == "fail"
    assert date.fromisoformat(back["valid_until"]) < date(2026, 11, 20) - timedelta(days=60)


def test_cli_refuses_zero_applicants(tmp_path: Path) -> None:
    from samples.generator.__main__ import main

    with pytest.raises(SystemExit):
        main(["generate", str(tmp_path), "--applicants", "0"])
