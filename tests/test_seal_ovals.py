"""Oval seals cut by the page's edge (a bank's 业务专用章 pressed half off the sheet, 骑缝章 on an oval seal), drawn
here with OpenCV at several cuts, tilts and inks; and oval-ish red shapes at the edge that are no seal."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from docproc.reading.seals import detect_seals

RED = (40, 35, 200)  # BGR
PALE_RED = (185, 175, 240)  # faded ink: saturation about 70 and bright, below the clear-ink floor
GREYISH_RED = (120, 115, 175)  # ink gone dull (an old pad, a grey scan): saturation about 88, value about 175


def _text_page(size: tuple[int, int] = (1100, 800)) -> np.ndarray:
    """White page (height, width) with rows of black print (Latin glyphs stand in for any print)."""
    h, w = size
    page = np.full((h, w, 3), 255, np.uint8)
    for i, y in enumerate(range(80, h - 40, 55)):
        cv2.putText(page, f"{i:02d} 2026-05-{i % 28 + 1:02d}  transfer  12,345.00", (40, y),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.8, (20, 20, 20), 2, cv2.LINE_AA)
    return page


def _press(page: np.ndarray, ink: np.ndarray, bgr: tuple[int, int, int], strength: float = 0.9) -> np.ndarray:
    """Multiply ``ink`` (0..255) onto the page in ``bgr``: print under it stays dark."""
    alpha = ink.astype(np.float32)[..., None] / 255 * strength
    tint = np.array(bgr, np.float32) / 255
    out = page.astype(np.float32)
    return (out * (1 - alpha) + out * tint * alpha).astype(np.uint8)


def _oval_seal_ink(shape: tuple[int, ...], centre: tuple[float, float], axes: tuple[int, int], *, tilt: float = 0.0,
                   ring: int = 4) -> np.ndarray:
    """An oval bank seal's ink: ring, a legend of short strokes along the upper ellipse, a star, a line of
    characters across the middle. Drawn on a canvas larger than the page so a seal off the edge is cut."""
    pad = 2 * max(axes)
    canvas = np.zeros((shape[0] + 2 * pad, shape[1] + 2 * pad), np.uint8)
    cx, cy = centre[0] + pad, centre[1] + pad
    a, b = axes
    turn = math.radians(tilt)

    def at(u: float, v: float) -> tuple[int, int]:
        return (round(cx + u * math.cos(turn) - v * math.sin(turn)), round(cy + u * math.sin(turn) + v * math.cos(turn)))

    cv2.ellipse(canvas, (round(cx), round(cy)), (a, b), tilt, 0, 360, 255, ring, cv2.LINE_AA)
    for degrees in range(195, 350, 13):  # one stroke group per legend character along the upper ellipse
        t = math.radians(degrees)
        cv2.line(canvas, at(0.88 * a * math.cos(t), 0.86 * b * math.sin(t)),
                 at(0.70 * a * math.cos(t), 0.64 * b * math.sin(t)), 255, max(2, b // 25))
        cv2.line(canvas, at(0.84 * a * math.cos(t + 0.05), 0.80 * b * math.sin(t + 0.05)),
                 at(0.76 * a * math.cos(t - 0.05), 0.72 * b * math.sin(t - 0.05)), 255, max(2, b // 25))
    star = [at(0.18 * b * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
               0.18 * b * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4)) for i in range(10)]
    cv2.fillPoly(canvas, [np.array(star, np.int32)], 255, cv2.LINE_AA)
    for i in range(5):  # 业务专用章 across the lower middle
        u = (i - 2) * 0.26 * a
        cv2.rectangle(canvas, at(u - 0.08 * a, 0.38 * b), at(u + 0.08 * a, 0.58 * b), 255, max(2, b // 30))
    return canvas[pad : pad + shape[0], pad : pad + shape[1]]


def _oval_cut_by_right_edge(shown: float, *, bgr: tuple[int, int, int] = RED, tilt: float = 0.0,
                            axes: tuple[int, int] = (150, 100), page: np.ndarray | None = None) -> np.ndarray:
    """A page with an oval seal whose right part is off the page, ``shown`` of its width left on it."""
    page = _text_page() if page is None else page
    width = page.shape[1]
    a, _b = axes
    centre = (width - shown * 2 * a + a, 600.0)
    return _press(page, _oval_seal_ink(page.shape, centre, axes, tilt=tilt), bgr)


# ---------------------------------------------------------------- oval seals cut by the edge


@pytest.mark.parametrize("shown", [0.55, 0.7, 0.85])
def test_an_oval_seal_cut_by_the_right_edge_is_found_and_flagged_partial(shown: float) -> None:
    page = _oval_cut_by_right_edge(shown)
    seals = detect_seals(page)
    assert [(s.color, s.shape, s.partial) for s in seals] == [("red", "oval", True)]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    width = page.shape[1]
    assert x1 == pytest.approx(width, abs=2) and x0 == pytest.approx(width - shown * 300, abs=15)
    assert y0 == pytest.approx(500, abs=15) and y1 == pytest.approx(700, abs=15)


def test_a_tilted_oval_seal_cut_by_the_bottom_edge_is_found() -> None:
    page = _text_page()
    height = page.shape[0]
    page = _press(page, _oval_seal_ink(page.shape, (420.0, height - 30.0), (160, 105), tilt=-20), RED)
    seals = detect_seals(page, greyscale_rings=True)
    assert [(s.shape, s.partial) for s in seals] == [("oval", True)]
    assert seals[0].bbox.y1 == pytest.approx(height, abs=2)


@pytest.mark.parametrize("shown", [0.6, 0.8])
def test_a_pale_oval_seal_cut_by_the_edge_is_found(shown: float) -> None:
    seals = detect_seals(_oval_cut_by_right_edge(shown, bgr=PALE_RED), greyscale_rings=True)
    assert [(s.color, s.shape, s.partial) for s in seals] == [("red", "oval", True)]


@pytest.mark.parametrize("shown", [0.6, 0.8])
def test_a_dull_greyish_oval_seal_cut_by_the_edge_is_found(shown: float) -> None:
    seals = detect_seals(_oval_cut_by_right_edge(shown, bgr=GREYISH_RED), greyscale_rings=True)
    assert [(s.color, s.shape, s.partial) for s in seals] == [("red", "oval", True)]


@pytest.mark.parametrize("far_side", [0.15, 0.3])
def test_an_oval_seal_cut_by_the_edge_and_pressed_lightly_on_its_far_side_is_found(far_side: float) -> None:
    """Clear red by the edge, fading towards the page's inside: the faint part is found around the clear part."""
    page = _text_page()
    width, a = page.shape[1], 150
    centre = (width - 0.85 * 2 * a + a, 600.0)
    ink = _oval_seal_ink(page.shape, centre, (a, 100)).astype(np.float32)
    ink *= np.interp(np.arange(width), (centre[0] - a, centre[0] + a), (far_side / 0.9, 1.0))[None, :]
    seals = detect_seals(_press(page, ink.astype(np.uint8), (60, 50, 215)), greyscale_rings=True)
    assert [(s.color, s.shape, s.partial) for s in seals] == [("red", "oval", True)]


def test_a_whole_oval_seal_near_the_edge_is_not_flagged_partial() -> None:
    page = _text_page()
    page = _press(page, _oval_seal_ink(page.shape, (page.shape[1] - 170.0, 600.0), (150, 100)), RED)
    assert [(s.shape, s.partial) for s in detect_seals(page)] == [("oval", False)]


def test_a_whole_seal_whose_ring_touches_the_edge_is_not_flagged_partial() -> None:
    """A seal image cropped tight (a digital seal, a close-up): its ring grazes the image's edges but is whole."""
    page = np.full((260, 380, 3), 255, np.uint8)
    page = _press(page, _oval_seal_ink(page.shape, (190.0, 130.0), (188, 128)), RED)
    assert [(s.shape, s.partial) for s in detect_seals(page)] == [("oval", False)]


# ---------------------------------------------------------------- oval-ish red shapes at the edge that are no seal


def test_a_red_rounded_rectangle_logo_cut_by_the_edge_is_no_seal() -> None:
    page = _text_page()
    width = page.shape[1]
    ink = np.zeros(page.shape[:2], np.uint8)
    x0, y0, x1, y1, r = width - 200, 520, width + 120, 700, 60  # a badge with round corners, its right end cut
    cv2.rectangle(ink, (x0 + r, y0), (x1 - r, y1), 255, 5)
    cv2.rectangle(ink, (x0, y0 + r), (x1, y1 - r), 255, 5)
    for cx, cy, start in ((x0 + r, y0 + r, 180), (x1 - r, y0 + r, 270), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90)):
        cv2.ellipse(ink, (cx, cy), (r, r), 0, start, start + 90, 255, 5)
    cv2.rectangle(ink, (x0 + 5, y0 + 5), (x1 - 5, y1 - 5), 0, cv2.FILLED)  # a clean frame of even width
    cv2.putText(ink, "BANK", (x0 + 40, y0 + 110), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 255, 6)
    assert detect_seals(_press(page, ink, RED), greyscale_rings=True) == []


def test_a_red_arc_of_text_at_the_edge_is_no_seal() -> None:
    page = _text_page()
    width = page.shape[1]
    ink = np.zeros(page.shape[:2], np.uint8)
    cx, cy, a, b = width, 620, 200, 140  # a heading bent along an arc up to the edge, no ring around it
    for degrees in range(94, 270, 8):
        t = math.radians(degrees)
        x, y = round(cx + a * math.cos(t)), round(cy + b * math.sin(t))
        cv2.putText(ink, "M", (x - 14, y + 14), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 4)
    assert detect_seals(_press(page, ink, RED), greyscale_rings=True) == []


@pytest.mark.parametrize("gap", [(150, 210), (120, 240)])
def test_an_open_oval_swoosh_cut_by_the_edge_is_no_seal(gap: tuple[int, int]) -> None:
    """An emblem's swoosh: an oval stroke cut by the edge and open towards the page, with a word inside."""
    page = _text_page()
    width = page.shape[1]
    ink = np.zeros(page.shape[:2], np.uint8)
    cv2.ellipse(ink, (width - 60, 600), (170, 110), 0, gap[1], gap[0] + 360, 255, 8, cv2.LINE_AA)
    cv2.putText(ink, "CREDIT", (width - 190, 615), cv2.FONT_HERSHEY_SIMPLEX, 1.3, 255, 4)
    assert detect_seals(_press(page, ink, RED), greyscale_rings=True) == []
