"""The sample generator: truth consistency, defects and their verdicts, determinism, files that open,
and the committed sets (samples/tiny, samples/corpus) matching what the generator makes."""

from __future__ import annotations

import hashlib
import io
import json
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image

from docproc.cn.amount_words import amounts_agree
from docproc.cn.id_number import check_digit, parse_id_number
from docproc.cn.normalize import edit_distance
from docproc.cn.uscc import is_valid_uscc
from samples.cli import samples as samples_cli
from samples.generator import (
    CHECK_IDS,
    DEFECTS,
    EFFECTS,
    UNJUDGED_CHECK_IDS,
    ApplicantSpec,
    committed_specs,
    corpus_specs,
    expected_checks,
    overall_status,
    plan,
    render,
    supplement_request,
)
from samples.generator.aml_defects import LISTED
from samples.generator.corpus import CORPUS_DIR
from samples.generator.defects import PROFILES, STATEMENT_MONTHS, applicable
from samples.generator.finance import luhn_digit
from samples.generator.idcard import term_years
from samples.generator.manifest import pdf_environment, render_environment, sha256
from samples.generator.printing import EDITORS
from samples.generator.record import applicant_truth
from samples.generator.tiny import TINY_DIR, build_tiny_set
from samples.generator.truth import load_truth

APPLIED = date(2026, 11, 20)
SPEC_FIELDS = {
    "id_card/front": {"name", "sex", "ethnicity", "birth_date", "address", "id_number"},
    "id_card/back": {"issuing_authority", "valid_from", "valid_until"},
    "income_proof": {"name", "id_number", "employer", "position", "employment_start", "monthly_income",
                     "amount_in_words", "issue_date", "employer_phone"},
    "bank_statement": {"bank_name", "account_holder", "account_number", "period_start", "period_end", "issue_date",
                       "opening_balance", "closing_balance", "transactions"},
    "purchase_contract": {"contract_number", "buyer_names", "buyer_id_numbers", "seller", "property_address",
                          "floor_area", "total_price", "total_price_in_words", "signing_date", "pages_declared",
                          "pages_present"},
    "tax_certificate": {"name", "id_number", "period_start", "period_end", "total_income", "total_tax", "issue_date",
                        "verification_code"},
    "business_license": {"company_name", "uscc", "legal_representative", "registered_capital", "established_date",
                         "business_term_until", "address"},
}


def _spec(i: int | str, profile: str = "salaried", *defects: str, **kw: object) -> ApplicantSpec:
    return ApplicantSpec(f"t_{profile}_{i}", seed=f"test:{i}", profile=profile, defects=defects, **kw)  # type: ignore[arg-type]


def _donor(profile: str = "salaried") -> ApplicantSpec:
    """A clean applicant whose emblem side is its own file (a duplicate_document donor)."""
    return next(s for s in (_spec(f"donor{k}", profile) for k in range(50))
                if any(f.items == ("id_back",) for f in plan(s).files))


def _with(defect: str, profile: str, i: int = 0) -> ApplicantSpec:
    donor = _donor() if defect == "duplicate_document" else None
    return _spec(i, profile, defect, donor=donor)


def _chain_breaks(s):  # type: ignore[no-untyped-def]
    rows, prev, breaks = s.transactions, s.opening_balance, 0
    for t in rows:
        breaks += prev + t.amount != t.balance
        prev = t.balance
    return breaks


def _salary_ratio(p) -> float:  # type: ignore[no-untyped-def]
    credits = [t.amount for t in p.statement.transactions if t.counterparty == p.proof.employer and t.amount > 0]
    return float(sum(credits) / len(credits) / p.proof.monthly_income)


def _months(s) -> float:  # type: ignore[no-untyped-def]
    return (s.period_end - s.period_start).days / 30.44


# --- truth consistency (planning only: fast) -----------------------------------------------------------------

def test_identity_facts_are_consistent() -> None:
    for i in range(60):
        p = plan(_spec(i))
        card, proof = p.card, p.proof
        info = parse_id_number(card.id_number)
        assert info.is_valid and info.birth_date == card.birth and info.sex == card.sex
        assert info.region_code == p.person.region.code and card.address.startswith(p.person.region.prefix)
        assert (proof.name, proof.id_number, proof.sealed) == (card.name, card.id_number, True)
        assert 3 <= (APPLIED - proof.issue_date).days <= 25 and proof.employment_start < proof.issue_date


def test_id_validity_follows_age_rules() -> None:
    long_term = 0
    for i in range(100):
        card = plan(_spec(i)).card
        issued = card.valid_from
        term = term_years(issued.year - card.birth.year - ((issued.month, issued.day) < (card.birth.month, card.birth.day)))
        if card.valid_until is None:
            long_term += 1
            assert term is None
        else:
            assert term is not None and card.valid_until == issued.replace(year=issued.year + term)
            assert card.valid_until >= APPLIED.replace(year=APPLIED.year + 5)
    assert long_term > 0, "some older applicants should hold long-term (长期) cards"


@pytest.mark.parametrize("profile", PROFILES)
def test_truth_uses_the_canonical_fields(profile: str) -> None:
    for i in range(3):
        truth = applicant_truth(plan(_spec(i, profile)))
        assert set(truth["expected"]["checks"]) == set(CHECK_IDS)
        for entry in truth["files"].values():
            assert entry["form"] in ("born_digital", "scan", "photo", "bundle_scan")
            for doc in entry["documents"]:
                key = f"id_card/{doc['side']}" if doc["type"] == "id_card" else doc["type"]
                assert set(doc["fields"]) <= SPEC_FIELDS[key], key
                assert doc["pages"] == list(range(doc["pages"][0], doc["pages"][-1] + 1))
                for name in ("issue_date", "period_start", "period_end", "signing_date", "birth_date"):
                    if name in doc["fields"]:
                        assert date.fromisoformat(doc["fields"][name]).isoformat() == doc["fields"][name]


def test_statements_balance_cover_and_are_fresh() -> None:
    for i in range(24):
        profile = PROFILES[i % 4]
        p = plan(_spec(i, profile))
        s = p.statement
        assert s is not None and _chain_breaks(s) == 0, "running balance must hold to the cent"
        assert 16 <= len(s.account_number) <= 19 and luhn_digit(s.account_number[:-1]) == s.account_number[-1]
        assert _months(s) + 0.5 >= STATEMENT_MONTHS[profile]
        assert (APPLIED - s.period_end).days <= 30 and s.period_end <= s.issue_date <= APPLIED
        assert sum(s.page_rows) == len(s.transactions) and s.pages_declared >= 1
        window = [t for t in s.transactions if t.amount > 0 and (APPLIED - t.day).days <= 30 and t.kind != "salary"]
        assert not [t for t in window if t.amount >= 50_000 or (t.amount >= 20_000 and t.amount % 10_000 == 0)]
        if profile == "salaried":
            assert abs(_salary_ratio(p) - 1) <= 0.03


def test_contracts_licences_and_tax_records_agree_with_themselves() -> None:
    for i in range(24):
        p = plan(_spec(i, PROFILES[i % 4]))
        c = p.contract
        assert c is not None and 6 <= c.pages_declared <= 10 and c.missing_page is None
        assert c.total_price == (c.floor_area * c.unit_price).quantize(Decimal("1"))
        assert amounts_agree(c.total_price, c.price_words)
        assert all(parse_id_number(n).is_valid for _, n in c.buyers) and p.card.id_number == c.buyers[0][1]
        assert 5 <= (APPLIED - c.signing_date).days <= 60
        assert p.loan_amount is not None and p.loan_amount / c.total_price <= Decimal("0.7")
        if p.license is not None:
            assert is_valid_uscc(p.license.uscc_printed) and p.license.company.legal_rep == p.card.name
            assert p.license.term_until is None or p.license.term_until > APPLIED
        if p.tax is not None:
            assert p.tax.id_number == p.card.id_number and len({r.period for r in p.tax.rows}) == 12
            assert p.tax.total_income == sum(r.income for r in p.tax.rows) and (APPLIED - p.tax.issue_date).days <= 30


def test_same_seed_same_plan_and_truth() -> None:
    a = plan(_spec(5, "freelancer"))
    assert plan(_spec(5, "freelancer")) == a
    assert applicant_truth(plan(_spec(5, "freelancer"))) == applicant_truth(a)
    assert plan(replace(_spec(5, "freelancer"), seed="other")).card != a.card


# --- defects: each one is planted and each one changes the expected verdicts -------------------------------------

def _fields_of(p, doc_type: str):  # type: ignore[no-untyped-def]
    return [d["fields"] for f in applicant_truth(p)["files"].values() for d in f["documents"] if d["type"] == doc_type]


def _lacks(p, *, doc_type: str) -> bool:  # type: ignore[no-untyped-def]
    return not _fields_of(p, doc_type)


def _structured(rows) -> bool:  # type: ignore[no-untyped-def]
    """Three or more deposits of 45,000–49,999 within 30 days."""
    under = sorted(t.day for t in rows if 45_000 <= t.amount < 50_000)
    return any((under[i + 2] - under[i]).days <= 30 for i in range(len(under) - 2))


def _passed_through(rows) -> bool:  # type: ignore[no-untyped-def]
    """A credit of 50,000 or more of which debits in the next 3 days take 90 %."""
    return any(sum(-o.amount for o in rows if o.amount < 0 and 0 < (o.day - t.day).days <= 3) >= t.amount * Decimal("0.9")
               for t in rows if t.amount >= 50_000)


PLANTED: dict[str, Callable[..., bool]] = {
    "expired_id": lambda p: p.card.valid_until is not None and p.card.valid_until < APPLIED,
    "expiring_id": lambda p: p.card.valid_until is not None and 0 < (p.card.valid_until - APPLIED).days <= 90,
    "bad_id_check_digit": lambda p: check_digit(p.card.id_number[:17]) != p.card.id_number[17],
    "missing_id_back": lambda p: not any("id_back" in f.items for f in p.files),
    "illegible_id_back": lambda p: any(f.items == ("id_back",) and f.form == "photo" for f in p.files)
    and "illegible_id_back" in p.spec.defects,
    "duplicate_document": lambda p: p.donor is not None and p.donor.card.back_fields() in _fields_of(p, "id_card")
    and p.card.back_fields() not in _fields_of(p, "id_card"),
    "name_mismatch": lambda p: p.name_target is not None and edit_distance(
        {"income_proof": p.proof.name, "tax_certificate": getattr(p.tax, "name", ""),
         "bank_statement": getattr(p.statement, "account_holder", "")}[p.name_target], p.card.name) >= 2,
    "stale_income_proof": lambda p: (APPLIED - p.proof.issue_date).days > 30,
    "unsealed_income_proof": lambda p: not p.proof.sealed,
    "wrong_seal_income_proof": lambda p: p.proof.seal_legend not in (None, p.proof.employer),
    "income_mismatch": lambda p: _salary_ratio(p) < 0.8,
    "stale_bank_statement": lambda p: (APPLIED - p.statement.period_end).days > 30,
    "short_statement": lambda p: _months(p.statement) + 0.5 < STATEMENT_MONTHS[p.spec.profile],
    "missing_statement_page": lambda p: p.statement.missing_page is not None,
    "broken_balance_chain": lambda p: _chain_breaks(p.statement) == 1,
    "large_deposit": lambda p: any(t.amount >= 100_000 and t.amount % 10_000 == 0 and (APPLIED - t.day).days <= 30
                                   for t in p.statement.transactions),
    "structuring": lambda p: _structured(p.statement.transactions),
    "rapid_in_out": lambda p: _passed_through(p.statement.transactions),
    "listed_counterparty": lambda p: any(t.counterparty in {name for _, _, name, _, _ in LISTED}
                                         for t in p.statement.transactions),
    "unsealed_bank_statement": lambda p: not p.statement.sealed,
    "edited_pdf": lambda p: p.statement.original_holder not in (None, p.card.name),
    "amount_words_mismatch": lambda p: not amounts_agree(p.contract.total_price, p.contract.price_words),
    "missing_contract_page": lambda p: p.contract.missing_page is not None,
    "unsealed_purchase_contract": lambda p: not p.contract.sealed,
    "pasted_region": lambda p: p.contract.pasted_seal,
    "grey_copy": lambda p: any(f.items == ("purchase_contract",) and f.delivery.grayscale for f in p.files),
    "foreign_buyer": lambda p: p.card.id_number not in [n for _, n in p.contract.buyers],
    "excessive_loan": lambda p: p.loan_amount / p.contract.total_price > Decimal("0.7"),
    "stale_tax_certificate": lambda p: (APPLIED - p.tax.issue_date).days > 30,
    "unsealed_tax_certificate": lambda p: not p.tax.sealed,
    "bad_uscc": lambda p: not is_valid_uscc(p.license.uscc_printed) and p.license.uscc_printed[:17] == p.license.company.uscc[:17],
    "expired_license": lambda p: p.license.term_until is not None and p.license.term_until < APPLIED,
    "not_legal_representative": lambda p: p.license.company.legal_rep != p.card.name,
    **{f"missing_{t}": partial(_lacks, doc_type=t)
       for t in ("income_proof", "bank_statement", "purchase_contract", "tax_certificate", "business_license")},
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_each_defect_is_planted_in_the_documents(defect: str) -> None:
    assert set(PLANTED) == set(DEFECTS)
    for profile in applicable_profiles(defect)[:2]:
        for i in range(3):
            assert PLANTED[defect](plan(_with(defect, profile, i))), (defect, profile, i)
            if defect not in ("illegible_id_back", "duplicate_document") and not defect.startswith("missing_"):
                assert not PLANTED[defect](plan(_spec(i, profile))), (defect, profile, i)


def applicable_profiles(defect: str) -> list[str]:
    return [p for p in PROFILES if defect in applicable(p)]


@pytest.mark.parametrize(("defect", "profile"), [(d, p) for d in sorted(DEFECTS) for p in applicable_profiles(d)])
def test_each_defect_changes_the_expected_verdicts(defect: str, profile: str) -> None:
    clean, changed = expected_checks(profile, []), expected_checks(profile, [defect])
    diff = {k for k in clean if clean[k] != changed[k]}
    assert set(EFFECTS[defect]) <= diff, "every effect in the table shows"
    assert all(changed[k] in ("fail", "missing", "review", "review_or_fail", "not_applicable") for k in diff)
    anomaly = any(k.startswith("anomaly.") and changed[k] == "fail" for k in diff)
    blocking = any(changed[k] in ("fail", "missing") for k in diff)
    queried = any(k.startswith("anomaly.") and changed[k] == "review" for k in diff)  # review_blocks_ready
    assert overall_status(changed) == ("flagged" if anomaly else "needs_supplement" if blocking
                                       else "flagged" if queried else "ready")
    # The truth the generator writes for a planned applicant follows the same table.
    with_defect, without = applicant_truth(plan(_with(defect, profile))), applicant_truth(plan(_spec(0, profile)))
    assert with_defect["expected"]["checks"] != without["expected"]["checks"]
    for check_id, status in EFFECTS[defect].items():
        assert with_defect["expected"]["checks"][check_id] == status


def test_defect_combinations_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown defect"):
        plan(_spec(1, "salaried", "coffee_stain"))
    with pytest.raises(ValueError, match="does not apply"):
        plan(_spec(1, "freelancer", "stale_income_proof"))
    with pytest.raises(ValueError, match="cannot be combined"):
        plan(_spec(1, "salaried", "expired_id", "missing_id_back"))
    with pytest.raises(ValueError, match="cannot be combined"):
        plan(_spec(1, "salaried", "missing_bank_statement", "broken_balance_chain"))
    with pytest.raises(ValueError, match="donor"):
        plan(_spec(1, "salaried", "duplicate_document"))


def test_status_and_supplement_rules() -> None:
    checks = dict.fromkeys(CHECK_IDS, "pass")
    assert overall_status(checks) == "ready" and supplement_request(checks) == []
    review = {**checks, "freshness.id_card": "review", "completeness.legibility.id_card": "review"}
    assert overall_status(review) == "ready" and supplement_request(review) == ["completeness.legibility.id_card"]
    assert overall_status({**checks, "anomaly.balance_chain": "review"}) == "flagged"  # review_blocks_ready
    missing = {**checks, "completeness.bank_statement": "missing", "stamp.income_proof": "fail"}
    assert overall_status(missing) == "needs_supplement"
    assert supplement_request(missing) == ["completeness.bank_statement", "stamp.income_proof"]
    assert overall_status({**missing, "anomaly.uscc": "fail"}) == "flagged"
    assert "anomaly.uscc" not in supplement_request({**missing, "anomaly.uscc": "fail"})


def test_readme_table_lists_every_defect() -> None:
    text = (CORPUS_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert [d for d in DEFECTS if f"| `{d}` |" not in text] == []


def test_truth_covers_every_check_the_product_registers() -> None:
    from docproc.validators import CHECKS

    registered = {check_id for check_id, _ in CHECKS}
    known = set(CHECK_IDS) | set(UNJUDGED_CHECK_IDS)  # a bundle's truth judges its files, not what was typed in
    assert registered <= known, f"extend samples/generator/truth.py for {registered - known}"


def test_corpus_specs_spread_profiles_clean_share_and_defects() -> None:
    specs = corpus_specs(applicants=48, seed=1)
    assert specs == corpus_specs(applicants=48, seed=1) and specs != corpus_specs(applicants=48, seed=2)
    assert {p: sum(s.profile == p for s in specs) for p in PROFILES} == dict.fromkeys(PROFILES, 12)
    assert sum(not s.defects for s in specs) == 16
    assert set(DEFECTS) == {d for s in specs for d in s.defects}, "a 48-applicant corpus shows every defect"
    names = {s.applicant for s in specs}
    for s in specs:
        assert not any(d in s.applicant for d in DEFECTS), "folder names do not give the defects away"
        if s.donor is not None:
            assert s.donor.applicant in names and s.donor.applicant < s.applicant
        for f in plan(s).files:
            low = f.name.lower()
            assert not any(w in low for w in ("id_", "income", "statement", "contract", "tax", "licen", "bank")), low


# --- rendering ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two applicants written through the click command (`docproc samples generate`); seed 25 gives a
    born-digital statement edited in an incremental update, a scanned bundle, photos and scans."""
    out = tmp_path_factory.mktemp("corpus")
    result = CliRunner().invoke(samples_cli, ["generate", str(out), "--applicants", "2", "--seed", "25",
                                              "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out


def _check_files_open(folder: Path) -> None:
    truth = load_truth(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*truth["files"], "truth.json"])
    for name, entry in truth["files"].items():
        pages = max(p for d in entry["documents"] for p in d["pages"])
        data = (folder / name).read_bytes()
        if name.endswith(".pdf"):
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                assert len(pdf.pages) == pages, name
                chars = "".join(c["text"] for c in pdf.pages[0].chars)
            if entry["form"] == "born_digital":
                first = entry["documents"][0]["fields"]
                key = first.get("account_holder") or first.get("contract_number") or first.get("verification_code")
                assert key and key in chars, (name, key)
            else:
                assert chars == "", f"{name}: a scan has no text layer"
        else:
            assert pages == 1
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                assert img.format == {"jpg": "JPEG", "png": "PNG"}[name.rsplit(".", 1)[1]] and min(img.size) > 600


def test_every_file_of_a_generated_corpus_opens(small_corpus: Path) -> None:
    folders = sorted(p for p in small_corpus.iterdir() if p.is_dir())
    assert [f.name for f in folders] == [s.applicant for s in corpus_specs(applicants=2, seed=25)]
    for folder in folders:
        _check_files_open(folder)


def test_same_seed_gives_identical_bytes(small_corpus: Path, tmp_path: Path) -> None:
    spec = corpus_specs(applicants=2, seed=25)[0]
    assert "edited_pdf" in spec.defects, "covers the incremental update too"
    again = render(plan(spec), tmp_path)
    for path in sorted((small_corpus / spec.applicant).iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_pasted_patch_and_camera_shake_leave_measurable_traces() -> None:
    from samples.generator.contract_pdf import SealSpot
    from samples.generator.forms import _shake, paste_seal
    from samples.generator.seal import make_style, render_seal

    rng = random.Random(3)
    noisy = np.clip(np.random.default_rng(1).normal(225, 6, (1200, 900)), 0, 255).astype(np.uint8)
    page = Image.fromarray(noisy, "L")
    seal = render_seal(rng, make_style(rng, "测试房地产开发有限公司"), 400)
    out = np.asarray(paste_seal(page, SealSpot(1, 0.5, 0.5, 40.0), seal, dpi=150, rng=rng), dtype=np.float32)
    assert np.abs(out - noisy).max() > 60, "the seal's ink is on the page"
    blank = Image.new("RGBA", seal.size, (0, 0, 0, 0))
    patch = np.asarray(paste_seal(page, SealSpot(1, 0.5, 0.5, 40.0), blank, dpi=150, rng=rng), dtype=np.float32)
    assert patch[540:660, 390:510].std() < 0.5 * noisy[:200, :200].std(), "the patch is cleaner than the scan"
    assert patch[540:660, 390:510].mean() > noisy[:200, :200].mean() + 3, "and its paper is lighter"
    card = Image.fromarray(np.tile((np.arange(600) // 6 % 2 * 255).astype(np.uint8), (400, 1)), "L").convert("RGB")
    sharp = np.abs(np.diff(np.asarray(card, np.float32)[..., 0], axis=1)).mean()
    shaken = np.abs(np.diff(np.asarray(_shake(card, rng), np.float32)[..., 0], axis=1)).mean()
    assert shaken < 0.5 * sharp


# --- the committed sets ------------------------------------------------------------------------------------------

def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"), dtype=np.int16)


def test_committed_corpus_is_what_the_generator_plans() -> None:
    manifest = json.loads((CORPUS_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    specs = committed_specs()
    on_disk = sorted(p.relative_to(CORPUS_DIR).as_posix() for p in CORPUS_DIR.glob("*/*") if p.is_file())
    assert on_disk == sorted(manifest["files"]), "samples/corpus holds files the manifest does not list"
    assert sum((CORPUS_DIR / rel).stat().st_size for rel in on_disk) < 15 * 1024 * 1024
    for rel, digest in manifest["files"].items():
        assert sha256(CORPUS_DIR / rel) == digest, f"{rel} edited by hand?"
    assert sorted({s.profile for s in specs}) == sorted(PROFILES) and sum(not s.defects for s in specs) == 3
    for spec in specs:
        folder = CORPUS_DIR / spec.applicant
        assert load_truth(folder) == json.loads(json.dumps(applicant_truth(plan(spec)), ensure_ascii=False))
        _check_files_open(folder)


def test_committed_corpus_shows_its_forgeries() -> None:
    truths = {s.applicant: load_truth(CORPUS_DIR / s.applicant) for s in committed_specs()}
    forms = {e["form"] for t in truths.values() for e in t["files"].values()}
    assert forms == {"born_digital", "scan", "photo", "bundle_scan"}
    edited = next(n for n, e in truths["c06_enterprise_owner"]["files"].items()
                  if e["documents"][0]["type"] == "bank_statement")
    data = (CORPUS_DIR / "c06_enterprise_owner" / edited).read_bytes()
    assert data.count(b"%%EOF") == 2, "an incremental update follows the issuer's file"
    holder = truths["c06_enterprise_owner"]["files"][edited]["documents"][0]["fields"]["account_holder"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        meta = pdf.metadata
        chars = pdf.pages[0].chars
    text = "".join(c["text"] for c in chars)
    at = text.index(holder)
    name_fonts = {c["fontname"] for c in chars[at : at + len(holder)]}
    title_font = chars[text.index("银行") if "银行" in text else 0]["fontname"]
    assert meta["Producer"] in EDITORS and meta["ModDate"] > meta["CreationDate"]
    assert title_font not in name_fonts, "the retyped name is set in another font than the rest of the page"
    dup = truths["c08_freelancer"]["duplicate_of"]
    mine = next(n for n, e in truths["c08_freelancer"]["files"].items() if e["documents"][0].get("side") == "back")
    a, b = _pixels(CORPUS_DIR / dup["applicant"] / dup["file"]), _pixels(CORPUS_DIR / "c08_freelancer" / mine)
    assert a.shape == b.shape and float(np.abs(a - b).mean()) < 2.0, "the same image as the donor's"


def test_committed_corpus_matches_generator_bytes(tmp_path: Path) -> None:
    manifest = json.loads((CORPUS_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    if manifest["environment"] != {**render_environment(), **pdf_environment()}:
        pytest.skip("other library or font versions: bytes differ by design (truth is compared above)")
    spec = next(s for s in committed_specs() if s.applicant == "c08_freelancer")  # the quickest to render
    fresh = render(plan(spec), tmp_path)
    for path in sorted((CORPUS_DIR / spec.applicant).iterdir()):
        assert hashlib.sha256((fresh / path.name).read_bytes()).hexdigest() == sha256(path), path.name


def test_tiny_set_in_repo_matches_build_tiny_set(tmp_path: Path) -> None:
    build_tiny_set(tmp_path)
    committed = json.loads((TINY_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    fresh = json.loads((tmp_path / "MANIFEST.json").read_text(encoding="utf-8"))
    assert sorted(committed["files"]) == sorted(fresh["files"])
    repo_files = sorted(p.relative_to(TINY_DIR).as_posix() for p in TINY_DIR.glob("*/*") if p.is_file())
    assert repo_files == sorted(committed["files"]), "samples/tiny holds files the manifest does not list"
    for applicant in ("a01_salaried_clean", "a02_expired_id"):
        assert load_truth(TINY_DIR / applicant) == load_truth(tmp_path / applicant)
    same_env = committed["environment"] == render_environment()
    for rel, digest in committed["files"].items():
        assert sha256(TINY_DIR / rel) == digest, f"{rel} edited by hand?"
        if same_env:
            assert fresh["files"][rel] == digest, f"{rel} differs from build_tiny_set output"
        elif not rel.endswith(".json"):
            a, b = _pixels(TINY_DIR / rel), _pixels(tmp_path / rel)
            assert a.shape == b.shape and float(np.abs(a - b).mean()) < 3.0, rel


def test_tiny_set_contents() -> None:
    assert sorted(p.name for p in TINY_DIR.iterdir() if p.is_dir()) == ["a01_salaried_clean", "a02_expired_id"]
    a01, a02 = load_truth(TINY_DIR / "a01_salaried_clean"), load_truth(TINY_DIR / "a02_expired_id")
    assert a01["defects"] == [] and a01["expected"]["status"] == "needs_supplement"
    assert {n: e["form"] for n, e in a01["files"].items()} == {
        "id_front.jpg": "photo", "id_back.jpg": "photo", "income_proof.png": "scan"}
    assert a02["defects"] == ["expired_id"] and a02["expected"]["checks"]["freshness.id_card"] == "fail"
    back = a02["files"]["id_back.jpg"]["documents"][0]["fields"]
    assert date.fromisoformat(back["valid_until"]) < date(2026, 11, 20) - timedelta(days=60)


def test_cli_refuses_zero_applicants(tmp_path: Path) -> None:
    from samples.generator.__main__ import main

    with pytest.raises(SystemExit):
        main(["generate", str(tmp_path), "--applicants", "0"])
    result = CliRunner().invoke(samples_cli, ["generate", str(tmp_path), "--applicants", "0"])
    assert result.exit_code != 0
