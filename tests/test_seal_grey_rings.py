"""Round seals on pages without colour (greyscale scans and photocopies), found by their ring on a small copy of
the page: seals of other makes and sizes, the pressed-together pair of a real notice, and portraits that are no seal."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docproc.reading.read import MIN_OCR_WIDTH
from docproc.reading.seals import detect_seals
from tests.test_seals import _draw_seal, _pdf_pages, _realdoc, _text_page


def _grey(page: np.ndarray) -> np.ndarray:
    """A greyscale copy of a page, as a photocopier gives it (three equal channels)."""
    return cv2.cvtColor(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)


def _as_read(page: np.ndarray) -> np.ndarray:
    """A small scan widened as it is before its seals are looked for (``prepare_for_ocr``)."""
    factor = max(1.0, MIN_OCR_WIDTH / page.shape[1])
    return cv2.resize(page, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


@pytest.mark.parametrize(("size", "centre", "radius", "ring"), [
    ((2339, 1654), (496, 818), 81, 6),  # A4 at 200 dpi: a 2 cm seal with a ring under a millimetre wide
    ((2339, 1654), (496, 818), 81, 8),
    ((3507, 2480), (744, 1227), 122, 12),  # A4 at 300 dpi: the same seal
    ((1100, 800), (489, 661), 38, 3),  # a small scan
])
def test_a_small_seal_on_a_greyscale_copy_is_found_by_its_ring(size: tuple[int, int], centre: tuple[int, int],
                                                                 radius: int, ring: int) -> None:
    page = _grey(_draw_seal(_text_page(size), centre, radius, bgr=(70, 70, 70), ring=ring))
    seals = detect_seals(page, greyscale_rings=True)
    assert [(s.color, s.shape) for s in seals] == [("black", "round")]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - centre[0]) < 0.15 * radius and abs((y0 + y1) / 2 - centre[1]) < 0.15 * radius
    assert abs((x1 - x0) / 2 - radius) < 0.2 * radius


def test_the_overlapping_seals_of_a_greyscale_notice_are_two_seals() -> None:
    page = _grey(_realdoc("seals/seal_gov_notice_A4_two_round_seals.jpg"))
    seals = detect_seals(page, greyscale_rings=True)
    assert len(seals) == 2
    assert all(s.bbox.y0 > 0.7 * page.shape[0] for s in seals)
    left, right = sorted(seals, key=lambda s: s.bbox.x0)
    assert right.bbox.x0 - left.bbox.x1 < 0.2 * (left.bbox.x1 - left.bbox.x0)  # side by side, legends interlocked


@pytest.mark.parametrize("name", ["mrz_mrva_us_visa_specimen.jpg", "mrz_td3_icao_specimen_utopia.jpg",
                                  "mrz_td3_japan_specimen.png", "mrz_td3_roc_taiwan_specimen2_score43.jpg"])
def test_a_portrait_on_a_greyscale_copy_is_no_seal(name: str) -> None:
    """A face in the ring of its hair is grey inside, where a seal shows the paper between its strokes."""
    assert detect_seals(_as_read(_grey(_realdoc(f"passports_mrz/{name}"))), greyscale_rings=True) == []


def _on_desk(sheet: np.ndarray, seed: int = 3) -> np.ndarray:
    """A phone photo of ``sheet`` lying on a wooden desk: a brown, grained ground all round it."""
    rng = np.random.default_rng(seed)
    h, w = sheet.shape[:2]
    photo = np.empty((h + 400, w + 300, 3), np.float32)
    photo[:] = (55, 105, 150)  # BGR of a mid-brown wood
    photo += rng.normal(0, 12, photo.shape[:2])[..., None] + 15 * np.sin(np.arange(photo.shape[1]) / 9.0)[None, :, None]
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    photo[180:180 + h, 140:140 + w] = sheet
    return photo


def test_a_grey_copy_photographed_on_a_desk_has_its_seals_found_on_the_sheet() -> None:
    """The desk's colour is no ink on the copy: the sheet is still a colourless page searched for rings, and the
    wood's grain around it gives none."""
    sheet = _grey(_draw_seal(_text_page((2200, 1600)), (1150, 1700), 150, bgr=(80, 80, 80), ring=8))
    seals = detect_seals(_on_desk(sheet), greyscale_rings=True)
    assert [(s.color, s.shape) for s in seals] == [("black", "round")]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - (140 + 1150)) < 25 and abs((y0 + y1) / 2 - (180 + 1700)) < 25
    assert detect_seals(_on_desk(_grey(_text_page((2200, 1600)))), greyscale_rings=True) == []


def test_a_small_pale_seal_with_a_thin_ring_on_a_grey_copy_is_found() -> None:
    """A copy's second, smaller seal (a 副本's, some 2.5 % of the page's length across its radius) pressed lightly:
    made small for the ring search, its half-millimetre ring would fade into the paper."""
    page = _grey(_draw_seal(_text_page((3300, 2480)), (1800, 2700), 80, bgr=(120, 120, 120), ring=3))
    seals = detect_seals(page, greyscale_rings=True)
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - 1800) < 15 and abs((x1 - x0) / 2 - 80) < 16


@pytest.mark.parametrize(("name", "page"), [("bank_statements/en/en_woodforest_template_word_3p.pdf", 0),
                                          ("bank_statements/en/en_cc_statement_sg_4p_ocr_layer.pdf", 0)])
def test_print_on_a_grey_scan_is_no_seal(name: str, page: int) -> None:
    """Print thickens on the darkest-pixel copy that keeps thin rings: a circle through lines of text is ink nearly
    all round there, but has ink all round outside it too."""
    assert detect_seals(_as_read(_grey(_pdf_pages(name)[page])), greyscale_rings=True) == []


def test_a_grey_copy_of_an_id_card_photo_has_no_seal() -> None:
    """The lines of a card's background and print around its fields are no ring standing on paper."""
    assert detect_seals(_as_read(_grey(_realdoc("tampering/sidtd_alb00_GENUINE.jpg"))), greyscale_rings=True) == []
