"""Every check verdict on real files: generated applicants (clean, and one per planted defect) read end to end.

The files are rendered by the sample generator (PDFs, scans, photos), stored, read (text layer or OCR),
classified, extracted and checked exactly as an uploaded bundle is; only the verdicts of the truth are
compared. Items a defect does not touch are delivered identically in every case, so their bytes repeat and
the extraction cache reads each of them once for the whole module.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from docproc.cn.terms import field_name
from docproc.core.models import Checklist
from docproc.core.settings import Settings
from docproc.eval.benchmark import EVAL_CREATOR, _run_files
from docproc.eval.evaluation import ACCEPT_EITHER
from docproc.service.context import Context, build_context
from docproc.store import watchlist
from samples.generator.aml_defects import write_watchlist
from samples.generator.applicant import ApplicantSpec, plan
from samples.generator.defects import DEFECTS
from samples.generator.delivery import Delivery
from samples.generator.render import render

APPLIED = date(2026, 11, 20)
PROFILES = ("salaried", "self_employed", "enterprise_owner", "freelancer")

# How each item is handed in unless a defect needs another form: ID sides scanned, income proof a colour
# scan, everything the issuer prints as a born-digital PDF.
STANDARD = {
    "id_front": Delivery("scan", "jpg", quality=85),
    "id_back": Delivery("scan", "jpg", quality=85),
    "income_proof": Delivery("scan", "png", tone="white", skew=(1.0, 2.0), dpi=200),
    "bank_statement": Delivery("born_digital", "pdf"),
    "purchase_contract": Delivery("born_digital", "pdf"),
    "tax_certificate": Delivery("born_digital", "pdf"),
    "business_license": Delivery("born_digital", "pdf"),
}
_MULTI_SCAN = Delivery("scan", "pdf", tone="white", skew=(1.0, 2.5), dpi=150, quality=72)
# The forms a defect is planted in (a removed page is noticed on a scan; a grey copy is a grayscale scan).
NEEDS = {
    "missing_statement_page": {"bank_statement": _MULTI_SCAN},
    "missing_contract_page": {"purchase_contract": _MULTI_SCAN},
    "pasted_region": {"purchase_contract": _MULTI_SCAN},
    "grey_copy": {"purchase_contract": replace(_MULTI_SCAN, grayscale=True)},
    "illegible_id_back": {"id_back": Delivery("photo", "jpg", quality=84)},
}


def _spec(defects: tuple[str, ...], profile: str, *, donor: ApplicantSpec | None = None,
          applicant: str = "applicant") -> ApplicantSpec:
    forms = dict(STANDARD)
    for defect in defects:
        forms.update(NEEDS.get(defect, {}))
    return ApplicantSpec(f"{applicant}_{profile}", seed="checks", application_date=APPLIED, profile=profile,
                         defects=defects, forms=forms, bundle=False, donor=donor)


def _profile_for(defect: str) -> str:
    return next(p for p in PROFILES if p in DEFECTS[defect].profiles)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Context, Path]:
    """One context (and so one extraction cache) and one output folder for the whole module."""
    root = tmp_path_factory.mktemp("checks_real")
    settings = Settings(data_dir=root / "var", redis_url=None, database_url=None)
    context = build_context(settings)
    # The watch list a generated corpus ships beside its applicants (listed_counterparty names one of its entries),
    # loaded as an operator loads theirs; without it anomaly.aml screens no names.
    watchlist.import_file(context.db, write_watchlist(root))
    return context, root / "out"


def _check(shared: tuple[Context, Path], spec: ApplicantSpec, label: str, *,
           after: bool = False) -> tuple[Checklist, dict[str, str]]:
    """Render the spec, run its files as one application; the checklist and the truth's expected verdicts.

    The cases share a database (for its read cache), and the items a defect leaves alone are the same
    files in every case; so each case first forgets the page fingerprints of the earlier ones, which
    are not other applications of this applicant's. ``after`` keeps them (the duplicate's donor).
    """
    ctx, out = shared
    if not after:
        ctx.db.forget_page_hashes_of(EVAL_CREATOR)
    folder = render(plan(spec), out / label)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    loan = truth.get("loan_amount")
    _docs, checklist, errors = _run_files(
        ctx, profile=truth["profile"], application_date=APPLIED, files=[folder / n for n in truth["files"]],
        loan_amount=Decimal(loan) if loan is not None else None)
    assert not errors, errors
    return checklist, truth["expected"]["checks"]


def _verdicts(checklist: Checklist) -> dict[str, str]:
    return {item.id: item.machine_status.value for item in checklist.items}


def _explain(checklist: Checklist, ids: set[str]) -> str:
    return "\n".join(f"{i.id}: {i.machine_status.value} — {' / '.join(i.reasons)}" for i in checklist.items
                     if i.id in ids)


@pytest.mark.parametrize("profile", PROFILES)
def test_a_clean_applicant_passes_every_check(shared: tuple[Context, Path], profile: str) -> None:
    checklist, expected = _check(shared, _spec((), profile), f"clean_{profile}")
    got = _verdicts(checklist)
    wrong = {k for k, v in expected.items() if got.get(k) != v}
    assert not wrong, _explain(checklist, wrong)
    assert checklist.status.value == "ready"
    assert not checklist.supplement_request and not any(i.blocks_ready for i in checklist.items)


# Defects planted in multi-page scans cost a minute of OCR each: they run in the slow set (make test-all).
_SCANNED = {"missing_statement_page", "missing_contract_page", "grey_copy", "pasted_region"}


def _defect_case(defect: str) -> object:
    marks = [pytest.mark.slow] if defect in _SCANNED else []
    return pytest.param(defect, marks=marks, id=defect)


@pytest.mark.parametrize("defect", [_defect_case(d) for d in sorted(DEFECTS) if not d.startswith("missing_") or d in (
    "missing_id_back", "missing_statement_page", "missing_contract_page")])
def test_each_defect_trips_its_check_on_real_files(shared: tuple[Context, Path], defect: str) -> None:
    profile = _profile_for(defect)
    donor = None
    if defect == "duplicate_document":  # another applicant handed in the same emblem-side image before
        donor = _spec((), profile, applicant="donor")
        _check(shared, donor, f"donor_{profile}")
    checklist, expected = _check(shared, _spec((defect,), profile, donor=donor), f"{defect}", after=donor is not None)
    got = _verdicts(checklist)
    effects = DEFECTS[defect].effects
    wrong = {k for k in effects if got.get(k) not in ACCEPT_EITHER.get(expected[k], {expected[k]})}
    assert not wrong, _explain(checklist, wrong)
    if donor is not None:  # the one re-used image is the copy, nothing else of this applicant's
        item = next(i for i in checklist.items if i.id == "anomaly.duplicate_document")
        assert len(item.evidence) == 1, item.reasons


@pytest.mark.parametrize("doc_type", ["income_proof", "bank_statement", "purchase_contract", "tax_certificate",
                                      "business_license"])
def test_a_required_document_left_out_is_missing(shared: tuple[Context, Path], doc_type: str) -> None:
    defect = f"missing_{doc_type}"
    profile = _profile_for(defect)
    checklist, expected = _check(shared, _spec((defect,), profile), defect)
    got = _verdicts(checklist)
    assert expected[f"completeness.{doc_type}"] == got[f"completeness.{doc_type}"] == "missing"
    assert checklist.status.value == "needs_supplement"


def test_a_bundle_without_the_id_card_misses_it(shared: tuple[Context, Path]) -> None:
    ctx, out = shared
    ctx.db.forget_page_hashes_of(EVAL_CREATOR)
    folder = render(plan(_spec((), "salaried")), out / "no_id_card")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    kept = [folder / n for n, f in truth["files"].items() if all(d["type"] != "id_card" for d in f["documents"])]
    _docs, checklist, _errors = _run_files(ctx, profile="salaried", application_date=APPLIED, files=kept,
                                           loan_amount=Decimal(truth["loan_amount"]))
    got = _verdicts(checklist)
    assert got["completeness.id_card"] == "missing" and got["completeness.id_card.both_sides"] == "missing"
    assert any(s.check_id == "completeness.id_card" for s in checklist.supplement_request)


def _with_footer(data: bytes, footer: str, *, image: bool) -> bytes:
    """The document as the first page of a PDF whose footer announces more pages than it holds."""
    import io

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    from samples.generator.pdfkit import register_fonts

    register_fonts()
    if image:  # a scanned page: the image, the footer printed under it
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
        page_w, page_h = 595.0, 842.0
        scale = min((page_w - 60) / width, (page_h - 120) / height)
        buf = io.BytesIO()
        canvas = Canvas(buf, pagesize=(page_w, page_h))
        from reportlab.lib.utils import ImageReader

        canvas.drawImage(ImageReader(io.BytesIO(data)), 30, page_h - 40 - height * scale, width * scale, height * scale)
        canvas.setFont("wqy", 14)
        canvas.drawCentredString(page_w / 2, 40, footer)
        canvas.save()
        return buf.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    while len(writer.pages) > 1:
        del writer.pages[-1]  # type: ignore[attr-defined]  # pypdf pages support deletion
    first = writer.pages[0]
    w, h = float(first.mediabox.width), float(first.mediabox.height)
    stamp = io.BytesIO()
    canvas = Canvas(stamp, pagesize=(w, h))
    canvas.setFont("wqy", 10)
    canvas.drawCentredString(w / 2, 18, footer)
    canvas.save()
    first.merge_page(PdfReader(io.BytesIO(stamp.getvalue())).pages[0])
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("doc_type", "profile"), [("income_proof", "salaried"),
                                                   ("tax_certificate", "freelancer"),
                                                   ("business_license", "enterprise_owner")])
def test_a_page_the_numbering_announces_but_is_absent_fails(shared: tuple[Context, Path], doc_type: str,
                                                             profile: str) -> None:
    ctx, out = shared
    ctx.db.forget_page_hashes_of(EVAL_CREATOR)
    folder = render(plan(_spec((), profile)), out / f"paged_{doc_type}")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    files = []
    for name, spec in truth["files"].items():
        path = folder / name
        if spec["documents"][0]["type"] == doc_type and spec["documents"][0].get("side", "front") == "front":
            path = path.with_suffix(".paged.pdf")
            path.write_bytes(_with_footer((folder / name).read_bytes(), "第1页 共2页", image=name.endswith((".jpg", ".png"))))
        files.append(path)
    _docs, checklist, errors = _run_files(ctx, profile=profile, application_date=APPLIED, files=files,
                                          loan_amount=Decimal(truth["loan_amount"]))
    assert not errors
    item = next(i for i in checklist.items if i.id == f"completeness.pages.{doc_type}")
    assert item.machine_status.value == "fail", item.reasons
    assert any("page(s) [2] missing" in r for r in item.reasons)


@pytest.mark.parametrize(("doc_type", "profile"), [("income_proof", "salaried"), ("tax_certificate", "freelancer"),
                                                   ("business_license", "enterprise_owner"),
                                                   ("bank_statement", "salaried"), ("purchase_contract", "salaried")])
def test_a_copy_with_its_required_fields_covered_is_not_legible(shared: tuple[Context, Path], doc_type: str,
                                                                profile: str) -> None:
    """The first page as read, with the values a reviewer needs painted over (a covered or smudged copy), handed
    in as an image instead of the clean document: the checklist asks for a legible copy."""
    import cv2

    from docproc.reading import imaging
    from docproc.validators.completeness import REQUIRED_FIELDS

    ctx, out = shared
    ctx.db.forget_page_hashes_of(EVAL_CREATOR)
    folder = render(plan(_spec((), profile)), out / f"covered_{doc_type}")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    loan = Decimal(truth["loan_amount"])
    _docs, clean, _errors = _run_files(ctx, profile=profile, application_date=APPLIED,
                                       files=[folder / n for n in truth["files"]], loan_amount=loan)
    doc = next(d for d in clean.documents if d.type.value == doc_type)
    page = next(p for p in ctx.db.pages_of(doc.file_id) if p.number == doc.pages[0])
    assert page.render_sha256
    image = imaging.load_image(ctx.blobs.get(page.render_sha256)).copy()
    scale = page.render_width / page.width
    required = REQUIRED_FIELDS[(doc.type, None)]
    for name in required:
        box = doc.fields[name].bbox
        assert box is not None, name
        if doc.fields[name].page != page.number:
            continue  # printed on a later page, which the first page alone does not bring
        pad = 0.4 * (box.y1 - box.y0)
        cv2.rectangle(image, (int((box.x0 - pad) * scale), int((box.y0 - pad) * scale)),
                      (int((box.x1 + pad) * scale), int((box.y1 + pad) * scale)), (255, 255, 255), cv2.FILLED)
    covered = folder / "covered.png"
    covered.write_bytes(imaging.encode_png(image))
    original = next(n for n, f in truth["files"].items() if f["documents"][0]["type"] == doc_type)
    files = [covered if n == original else folder / n for n in truth["files"]]
    _docs, checklist, errors = _run_files(ctx, profile=profile, application_date=APPLIED, files=files, loan_amount=loan)
    assert not errors
    item = next(i for i in checklist.items if i.id == f"completeness.legibility.{doc_type}")
    assert item.machine_status.value in ("review", "fail"), item.reasons
    assert any(field_name(name, "en") in reason for reason in item.reasons for name in required), item.reasons
    assert any(s.check_id == item.id for s in checklist.supplement_request)
    clean_item = next(i for i in clean.items if i.id == item.id)
    assert clean_item.machine_status.value == "pass", clean_item.reasons  # the same document, uncovered, passes
