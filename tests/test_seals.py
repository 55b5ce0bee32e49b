"""Seal detection on seals of other makes: third-party seal images and pages, and seals drawn here with OpenCV
in inks, ring widths and positions that differ from the generator's."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, BBox, Bundle, DocType, Document, Field, Status
from docproc.reading import imaging
from docproc.reading.read import _stamps_with_legends
from docproc.reading.seals import detect_seals
from docproc.service.context import Context
from docproc.validators.stamp import income_proof_seal, legend_match
from tests.conftest import REALDOCS


def _realdoc(relative: str) -> np.ndarray:
    path = REALDOCS / relative
    if not path.exists():
        pytest.skip(f"{relative} is not on this machine")
    return imaging.load_image(path.read_bytes())


def _pdf_pages(relative: str, dpi: int = 200) -> list[np.ndarray]:
    import pypdfium2

    path = REALDOCS / relative
    if not path.exists():
        pytest.skip(f"{relative} is not on this machine")
    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return [np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB"))[:, :, ::-1].copy() for page in document]
    finally:
        document.close()


def _text_page(size: tuple[int, int] = (800, 1100)) -> np.ndarray:
    """White page with rows of black print (Latin glyphs stand in for any print under a seal)."""
    h, w = size
    page = np.full((h, w, 3), 255, np.uint8)
    for i, y in enumerate(range(80, h - 40, 55)):
        cv2.putText(page, f"Item {i:02d}  amount 12,345.00  date 2026-11-0{i % 9 + 1}", (50, y),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2, cv2.LINE_AA)
    return page


def _draw_seal(page: np.ndarray, centre: tuple[int, int], radius: int, *, bgr: tuple[int, int, int],
               ring: int, fade: tuple[float, float] = (0.9, 0.9)) -> np.ndarray:
    """Press a round seal (ring, star, a legend of short strokes along the top) in ``bgr`` ink, multiplied
    onto the page so print under it stays dark; ``fade`` gives the ink's strength at the seal's left and right
    edges (a seal pressed harder on one side)."""
    ink = np.zeros(page.shape[:2], np.uint8)
    cv2.circle(ink, centre, radius, 255, ring, cv2.LINE_AA)
    cx, cy = centre
    star = [(cx + 0.28 * radius * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
             cy + 0.28 * radius * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4)) for i in range(10)]
    cv2.fillPoly(ink, [np.array(star, np.int32)], 255, cv2.LINE_AA)
    for start in range(150, 390, 18):  # one stroke group per legend character, 7:00 over the top to 5:00
        cv2.ellipse(ink, centre, (int(0.75 * radius), int(0.75 * radius)), 0, start, start + 9, 255,
                    max(2, radius // 12))
        cv2.line(ink, (int(cx + 0.65 * radius * math.cos(math.radians(start + 4))),
                       int(cy + 0.65 * radius * math.sin(math.radians(start + 4)))),
                 (int(cx + 0.85 * radius * math.cos(math.radians(start + 4))),
                  int(cy + 0.85 * radius * math.sin(math.radians(start + 4)))), 255, 2)
    strength = np.interp(np.arange(page.shape[1]), (cx - radius, cx + radius), fade).astype(np.float32)
    alpha = ink.astype(np.float32)[..., None] / 255 * strength[None, :, None]
    tint = np.array(bgr, np.float32) / 255
    out = page.astype(np.float32)
    out = out * (1 - alpha) + out * tint * alpha
    return out.astype(np.uint8)


# ---------------------------------------------------------------- seals drawn here


def test_orange_brown_thin_ring_seal_over_print_is_found() -> None:
    orange_brown = (50, 120, 200)  # BGR; hue about 14 on OpenCV's 0..180 scale, outside the classic red band
    page = _draw_seal(_text_page(), (700, 420), 110, bgr=orange_brown, ring=3)
    seals = detect_seals(page)
    assert len(seals) == 1
    seal = seals[0]
    assert (seal.color, seal.shape, seal.partial) == ("red", "round", False)
    x0, y0, x1, y1 = seal.bbox.as_list()
    assert abs((x0 + x1) / 2 - 700) < 15 and abs((y0 + y1) / 2 - 420) < 15


def test_seal_cut_in_half_by_the_page_edge_is_found_and_flagged_partial() -> None:
    page = _text_page()
    width = page.shape[1]
    page = _draw_seal(page, (width, 400), 120, bgr=(40, 35, 215), ring=8)  # 骑缝章: the other half is on the next sheet
    seals = detect_seals(page)
    assert len(seals) == 1
    seal = seals[0]
    assert seal.partial and seal.shape == "round" and seal.color == "red"
    x0, y0, x1, y1 = seal.bbox.as_list()
    assert x1 == pytest.approx(width, abs=2) and x0 == pytest.approx(width - 120, abs=15)
    assert y0 == pytest.approx(280, abs=15) and y1 == pytest.approx(520, abs=15)


def test_a_whole_seal_is_not_flagged_partial() -> None:
    page = _draw_seal(_text_page(), (500, 400), 120, bgr=(40, 35, 215), ring=8)
    assert [s.partial for s in detect_seals(page)] == [False]


def test_a_seal_pressed_harder_on_one_side_is_found() -> None:
    page = _draw_seal(_text_page(), (500, 400), 120, bgr=(60, 50, 215), ring=4, fade=(0.9, 0.12))
    assert [(s.shape, s.color) for s in detect_seals(page)] == [("round", "red")]


def test_a_seal_fading_out_on_tinted_paper_is_found() -> None:
    """Thin red ink on a light-blue form (a licence's panel) is less saturated than the paper where it fades."""
    paper = np.full((800, 1100, 3), (245, 232, 222), np.uint8)  # BGR: light blue
    page = _draw_seal(np.minimum(paper, _text_page()), (650, 420), 130, bgr=(30, 25, 215), ring=3, fade=(0.95, 0.15))
    seals = detect_seals(page, greyscale_rings=True)
    assert [(s.shape, s.color) for s in seals] == [("round", "red")]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - 650) < 15 and abs((y0 + y1) / 2 - 420) < 15


def test_red_print_on_warm_paper_is_no_seal() -> None:
    """Red headings and a red rule on cream paper: the pale second look around red ink finds no ring in them."""
    page = np.minimum(np.full((800, 1100, 3), (200, 225, 245), np.uint8), _text_page())
    cv2.putText(page, "NOTICE  2026", (120, 60), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (40, 40, 200), 6, cv2.LINE_AA)
    cv2.line(page, (40, 90), (1060, 90), (40, 40, 200), 4)
    cv2.circle(page, (850, 600), 90, (110, 140, 230), 3, cv2.LINE_AA)  # a faint pen circle, nothing inside
    assert detect_seals(page, greyscale_rings=True) == []


# ---------------------------------------------------------------- third-party seals and pages


@pytest.mark.parametrize("name", ["seal_crop_clean_round.png", "seal_crop_over_printed_text.png",
                                  "seal_crop_over_handwriting.png", "seal_closeup_round_cooperative.jpg",
                                  "seal_closeup_round_company_scan.png", "seal_digital_rgba_test_seal.png",
                                  "seal_digital_grunge_round_sports_committee.jpg",
                                  "seal_phone_photo_notice_round_seal.png"])
def test_third_party_round_seals_are_found_once(name: str) -> None:
    seals = detect_seals(_realdoc(f"seals/{name}"), greyscale_rings=True)
    assert [(s.color, s.shape) for s in seals] == [("red", "round")]


def test_all_three_seals_of_the_seal_kinds_sheet_are_found() -> None:
    seals = detect_seals(_realdoc("seals/seal_three_types_company_finance_legalrep.jpg"))
    assert sorted(s.shape for s in seals) == ["round", "round", "square"]


def test_both_oval_seals_of_the_e_invoice_are_found_over_its_red_brown_print() -> None:
    seals = detect_seals(_realdoc("invoices_licenses_cn/cn_vat_einvoice_two_seals.png"))
    assert [(s.shape, s.bbox.y0 < 200) for s in seals] == [("oval", True), ("oval", False)]


def test_two_overlapping_seals_on_a_notice_are_two_seals_and_the_letterhead_none() -> None:
    page = _realdoc("seals/seal_gov_notice_A4_two_round_seals.jpg")
    seals = detect_seals(page)
    assert len(seals) == 2
    assert all(s.shape == "round" and s.bbox.y0 > 0.7 * page.shape[0] for s in seals)  # by the date, not the heading


def test_the_gold_cnas_emblem_is_no_seal() -> None:
    page = _realdoc("seals/seal_NEGATIVE_cnas_certificates_gold_emblem.jpg")
    assert detect_seals(page, greyscale_rings=True) == []


@pytest.mark.parametrize("name", ["cn_income_proof_template_red_letterhead_mortgage_lo.pdf",
                                  "cn_employment_cert_template_red_letterhead_lo.pdf"])
def test_red_letterheads_and_rules_are_no_seal(name: str) -> None:
    assert [s for page in _pdf_pages(f"income_proof_cn/{name}") for s in detect_seals(page)] == []


def test_the_passport_portrait_is_no_seal() -> None:
    page = _realdoc("passports_mrz/mrz_mrva_us_visa_specimen.jpg")
    assert detect_seals(page, greyscale_rings=True) == []



def test_a_filled_emblem_is_no_seal() -> None:
    """A red disc in a gold ring with gold stars (as the national emblem on an ID card's back) is filled, not a ring."""
    page = np.full((700, 1000, 3), (235, 240, 235), np.uint8)
    cv2.circle(page, (500, 350), 150, (40, 190, 230), cv2.FILLED, cv2.LINE_AA)  # gold
    cv2.circle(page, (500, 350), 125, (40, 40, 210), cv2.FILLED, cv2.LINE_AA)  # red
    for dx, dy, r in ((0, -60, 30), (-60, -35, 12), (60, -35, 12)):
        cv2.circle(page, (500 + dx, 350 + dy), r, (40, 190, 230), cv2.FILLED)
    cv2.rectangle(page, (430, 360), (570, 420), (40, 190, 230), cv2.FILLED)
    assert detect_seals(page, greyscale_rings=True) == []


# ---------------------------------------------------------------- legends verified against the expected name

EMPLOYER = "北京星河科技有限公司"


def _income_proof_with_seal_of(legend: str, ctx: Context) -> Bundle:
    """An income proof naming EMPLOYER, sealed with a seal (legend ``legend``) pressed upside down: the free
    read of the ring's top half then catches only the end of the name and the start of it."""
    from PIL import Image

    from tests.test_imaging import BODY, seal_layer, stamp, text_page

    layer = seal_layer(130, legend).rotate(180, resample=Image.Resampling.BICUBIC)
    page = stamp(text_page(BODY, size=(900, 520)), layer, (480, 120), (200, 60, 40))
    stamps = _stamps_with_legends(page, 1, ctx, scanned=True)
    fields = {"employer": Field(value=EMPLOYER, confidence=0.95, page=1, bbox=BBox(x0=1, y0=2, x1=30, y1=10))}
    doc = Document(id="doc_income", file_id="file_1", type=DocType.INCOME_PROOF, pages=[1], fields=fields,
                   stamps=stamps)
    app = Application(id="app_1", profile="salaried", application_date=date(2026, 11, 20), created_at=utcnow())
    return Bundle(application=app, documents=[doc])


def test_a_turned_seal_naming_the_employer_passes_though_its_free_read_is_garbled(ctx: Context) -> None:
    bundle = _income_proof_with_seal_of(EMPLOYER, ctx)
    verdict = income_proof_seal(bundle, ctx.policy)
    assert verdict.status == Status.PASS, verdict.reasons
    assert "verified" in verdict.reasons[0].en


def test_a_turned_seal_naming_another_company_fails(ctx: Context) -> None:
    verdict = income_proof_seal(_income_proof_with_seal_of("上海瑞丰餐饮管理有限公司", ctx), ctx.policy)
    assert verdict.status == Status.FAIL, verdict.reasons


def test_legend_match_finds_the_name_in_any_rotation_and_not_a_namesake_of_region_and_form() -> None:
    assert legend_match(["有限公司2892重庆鼎盛房地产"], "重庆鼎盛房地产有限公司") == 1.0
    assert legend_match(["重庆天城息技术建限公司"], "重庆天域信息技术有限公司") >= 0.6  # two misreads
    assert legend_match(["重庆鼎盛房地产有限公司"], "重庆天域信息技术有限公司") < 0.25  # same city and form only


def _worn(page: np.ndarray, centre: tuple[int, int], radius: int, degrees: tuple[int, int]) -> np.ndarray:
    """Take the ink off a sector of the ring (worn or thinly inked there): the outline then runs inside the ring."""
    out = page.copy()
    cv2.ellipse(out, centre, (radius, radius), 0, degrees[0], degrees[1], (255, 255, 255), 12)
    return out


def test_a_thin_worn_seal_cut_by_the_edge_is_fitted_by_its_outside() -> None:
    page = _text_page()
    width = page.shape[1]
    centre, radius = (width - 60, 420), 150
    page = _worn(_draw_seal(page, centre, radius, bgr=(200, 60, 30), ring=3), centre, radius, (200, 215))
    seals = detect_seals(page)
    assert [(s.color, s.partial) for s in seals] == [("blue", True)]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert x0 == pytest.approx(width - 60 - radius, abs=12) and y1 - y0 == pytest.approx(2 * radius, abs=20)


def test_a_seal_cut_by_the_paper_edge_inside_a_scan_margin_is_found() -> None:
    page = _text_page()
    width = page.shape[1]
    paper_edge = width - 10  # the scanner saw a little beyond the sheet
    page = _draw_seal(page, (paper_edge + 30, 420), 140, bgr=(40, 35, 215), ring=6)
    page[:, paper_edge:] = 235  # the scanner's lid beyond the paper: no ink there
    seals = detect_seals(page)
    assert [(s.color, s.partial) for s in seals] == [("red", True)]


def test_a_pale_blue_seal_cut_by_the_edge_is_found_and_pale_blue_print_is_not() -> None:
    page = _text_page()
    width = page.shape[1]
    cv2.putText(page, "Signed", (200, 650), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.0, (160, 40, 20), 3)  # blue pen
    pale_blue = (235, 208, 190)  # BGR: saturation about 50 on white paper, below the clear-ink floor
    page = _draw_seal(page, (width - 20, 420), 140, bgr=pale_blue, ring=6)
    seals = detect_seals(page)
    assert [(s.color, s.partial) for s in seals] == [("blue", True)]
    ruled = _text_page()
    cv2.putText(ruled, "Signed", (200, 650), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.0, (160, 40, 20), 3)
    for y in range(60, ruled.shape[0], 55):  # pale blue ruling, as on a bank's form
        cv2.line(ruled, (30, y + 12), (ruled.shape[1] - 30, y + 12), pale_blue, 3)
    assert detect_seals(ruled) == []


def test_printed_blue_labels_on_a_flattened_card_are_no_square_seal() -> None:
    """The left half of an ID card's front as docproc flattens it from a phone photo (a synthetic card): its blue
    labels (姓名, 性别, 出生) close into square blobs of ink with no frame around them."""
    card = cv2.imread(str(Path(__file__).parent / "fixtures" / "card_labels_flattened.png"))
    assert detect_seals(card, greyscale_rings=True) == []
