"""Round seals on pages without colour (greyscale scans and photocopies), found by their ring on a small copy of
the page: seals of other makes and sizes, the pressed-together pair of a real notice, and portraits that are no seal."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docproc.reading.read import MIN_OCR_WIDTH
from docproc.reading.seals import detect_seals
from tests.test_seals import _draw_seal, _realdoc, _text_page


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
