"""Painted-over regions in photos and scans, measured on edits made by other tools than our generator."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest

from docproc.core.models import Application, Bundle, DocType, Document, Side, Status
from docproc.core.policy import load_policy
from docproc.reading.image_forensics import jpeg_ghosts, smooth_regions
from docproc.validators.forgery import image_edited
from tests import forgeries
from tests.conftest import REALDOCS, ROOT

TAMPERING = REALDOCS / "tampering"
needs_realdocs = pytest.mark.skipif(not TAMPERING.is_dir(), reason="realdocs not present")


def verdict(image: np.ndarray) -> tuple[Status, list[str], list[dict[str, object]]]:
    """anomaly.image_edit on a bundle holding one ID-card photo with this image's facts."""
    regions = [{**r, "page": 1} for r in smooth_regions(image)]
    ghosts = [{**r, "page": 1} for r in jpeg_ghosts(image)]
    facts = {"ela": None, "clones": 0, "seal_patches": [], "smooth_regions": regions, "jpeg_ghosts": ghosts}
    doc = Document(id="d", file_id="f", type=DocType.ID_CARD, side=Side.FRONT, pages=[1],
                   meta={"image_forensics": facts})
    app = Application(id="a", profile="salaried", application_date=date(2026, 1, 5),
                      created_at=datetime(2026, 1, 5, tzinfo=UTC))
    result = image_edited(Bundle(application=app, documents=[doc]), load_policy(None))
    return result.status, result.reasons, regions


def load(path: Path) -> np.ndarray:
    return cv2.imread(str(path), cv2.IMREAD_COLOR)


@needs_realdocs
@pytest.mark.parametrize("name", ["sidtd_alb00_FAKE_name_inpaint.jpg", "sidtd_alb00_FAKE_name_inpaint_italic.jpg"])
def test_a_name_in_painted_and_retyped_on_an_id_card_is_flagged(name: str) -> None:
    status, reasons, regions = verdict(load(TAMPERING / name))
    assert status in (Status.REVIEW, Status.FAIL)
    assert "in-painted" in reasons[0]
    x0, y0, x1, y1 = regions[0]["bbox"]  # type: ignore[misc]
    assert x0 <= 780 <= x1 and y0 <= 390 <= y1  # the given-name field (x683-878, y364-419)


@needs_realdocs
@pytest.mark.parametrize("name", ["sidtd_alb00_GENUINE.jpg", "sidtd_alb01_GENUINE_donor.jpg",
                                  "sidtd_aze00_GENUINE_passport_mrz.jpg"])
def test_genuine_id_documents_pass(name: str) -> None:
    assert verdict(load(TAMPERING / name))[0] == Status.PASS


@needs_realdocs
def test_a_field_cleared_with_opencv_inpainting_is_flagged_and_its_original_passes() -> None:
    original = load(TAMPERING / "sidtd_alb01_GENUINE_donor.jpg")
    field = forgeries.text_lines(original)[0]
    assert verdict(original)[0] == Status.PASS
    status, _reasons, regions = verdict(forgeries.inpaint_field(original, field))
    assert status in (Status.REVIEW, Status.FAIL)
    x0, y0, x1, y1 = regions[0]["bbox"]  # type: ignore[misc]
    assert x0 <= (field[0] + field[2]) / 2 <= x1 and y0 <= (field[1] + field[3]) / 2 <= y1


@needs_realdocs
def test_a_portrait_swapped_in_from_a_lower_quality_jpeg_is_flagged() -> None:
    card, donor = load(TAMPERING / "sidtd_alb00_GENUINE.jpg"), load(TAMPERING / "sidtd_alb01_GENUINE_donor.jpg")
    box = (128, 272, 648, 816)  # the portrait, with some of the card's ground
    status, reasons, _ = verdict(forgeries.swap_region(card, donor, box, donor_quality=60))
    assert status == Status.REVIEW and "pasted from another picture" in " ".join(reasons)
    (ghost,) = jpeg_ghosts(forgeries.swap_region(card, donor, box, donor_quality=60))[:1]
    x0, y0, x1, y1 = ghost["bbox"]
    assert x0 < 388 < x1 and y0 < 544 < y1


def test_a_flat_silhouette_on_a_scanned_card_is_artwork_not_a_painted_region() -> None:
    import pdfplumber

    with pdfplumber.open(ROOT / "samples" / "corpus" / "c06_enterprise_owner" / "scan0053.pdf") as pdf:
        page = np.asarray(pdf.pages[0].to_image(resolution=200).original.convert("RGB"))[:, :, ::-1].copy()
    assert verdict(page)[0] == Status.PASS


def test_a_clean_digital_image_has_no_grain_to_compare() -> None:
    blank = np.full((600, 900, 3), 245, np.uint8)
    cv2.putText(blank, "12345678", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 3, (20, 20, 20), 6)
    assert smooth_regions(blank) == []


@pytest.mark.slow
@needs_realdocs
def test_the_inpainted_id_card_read_end_to_end_is_flagged(ctx) -> None:  # type: ignore[no-untyped-def]
    from docproc.reading import read as reading
    from docproc.service import pipeline

    data = (TAMPERING / "sidtd_alb00_FAKE_name_inpaint.jpg").read_bytes()
    pages = reading.read_file(data, file_id="f1", filename="card.jpg", ctx=ctx)
    assert pages[0].meta["smooth_regions"]
    docs = pipeline.documents_from_pages(ctx, pages)
    app = Application(id="a", profile="salaried", application_date=date(2026, 1, 5),
                      created_at=datetime(2026, 1, 5, tzinfo=UTC))
    result = image_edited(Bundle(application=app, documents=docs), load_policy(None))
    assert result.status in (Status.REVIEW, Status.FAIL)



def test_a_photo_saved_once_at_a_ghost_quality_shows_no_pasted_region(tmp_path: Path) -> None:
    """A licence photographed on a table and saved once as a JPEG at quality 80: saved again at 80, part of its
    smooth paper does not change at all while the rest changes a little, yet all of it has the page's own
    history (the paper around that part shows the same dip at 80), so no region was pasted."""
    import json

    from samples.generator.applicant import plan
    from samples.generator.corpus import corpus_specs
    from samples.generator.render import render

    spec = next(s for s in corpus_specs(applicants=12, seed=9811, templates="unseen8")
                if s.applicant == "a009_self_employed")
    folder = render(plan(spec), tmp_path)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    (name,) = [f for f, t in truth["files"].items()
               if t["form"] == "photo" and t["documents"][0]["type"] == "business_license"]
    assert jpeg_ghosts(load(folder / name)) == []


@needs_realdocs
@pytest.mark.parametrize(("name", "quality"), [("tampering/sidtd_alb00_GENUINE.jpg", 60),
                                               ("seals/seal_closeup_round_company_scan.png", 70),
                                               ("seals/seal_crop_over_printed_text.png", 70),
                                               ("invoices_licenses_cn/cn_vat_einvoice_two_seals.png", 60),
                                               ("passports_mrz/mrz_mrva_us_visa_specimen.jpg", 60)])
def test_a_genuine_page_sent_on_as_a_lower_quality_jpeg_shows_no_pasted_region(name: str, quality: int) -> None:
    """A messenger app or an editor re-saves the whole page: all of it then re-saves almost unchanged at that
    quality, some blocks exactly so, and none of them was pasted from another picture."""
    again = forgeries.resave(load(REALDOCS / name), quality)
    assert jpeg_ghosts(again) == []


@needs_realdocs
@pytest.mark.parametrize("donor_quality", [50, 60, 70, 80])
def test_a_region_pasted_from_a_lower_quality_jpeg_is_found_whatever_that_quality(donor_quality: int) -> None:
    card = load(REALDOCS / "id_cards_cn" / "cn_id_front_ccf_cropped.png")
    donor = load(REALDOCS / "tampering" / "sidtd_alb01_GENUINE_donor.jpg")
    h, w = card.shape[:2]
    box = (int(0.06 * w), int(0.2 * h), int(0.3 * w), int(0.6 * h))
    (ghost,) = jpeg_ghosts(forgeries.swap_region(card, donor, box, donor_quality=donor_quality))[:1]
    assert ghost["quality"] == donor_quality
    x0, y0, x1, y1 = ghost["bbox"]
    assert x0 < (box[0] + box[2]) / 2 < x1 and y0 < (box[1] + box[3]) / 2 < y1


def test_paper_at_the_scanners_white_point_is_not_judged_for_lost_grain() -> None:
    # a scanned form with a photocopied card pasted on it: the copy's washed-out ground is as white as the scan
    # makes paper, and the copier squashed its grain in places; grey print round it keeps the scanner's grain
    rng = np.random.default_rng(7)
    page = np.clip(rng.normal(200, 3, (1200, 1600)), 0, 255).astype(np.uint8)
    page[304:704, 400:1200] = np.clip(rng.normal(246, 2, (400, 800)), 0, 255).astype(np.uint8)  # the copy's ground
    page[448:512, 640:800] = 247  # grainless, at the white point
    assert smooth_regions(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)) == []
    page[304:704, 400:1200] = np.clip(rng.normal(200, 3, (400, 800)), 0, 255).astype(np.uint8)
    page[448:512, 640:800] = 200  # the same patch on grey print is judged, and found
    assert [r["bbox"] for r in smooth_regions(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR))] == [[640, 448, 800, 512]]
