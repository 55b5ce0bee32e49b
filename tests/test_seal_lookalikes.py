"""Seals beside what shares their ink: a round seal touching the coloured frame that encloses it (a certificate's
border, an app screen's frame, photographed tilted), and shapes that are no seal — a white tile knocked out of a
coloured title bar (an app's icon), a filled badge in blue. Drawn here with OpenCV."""

from __future__ import annotations

import math

import cv2
import numpy as np

from docproc.reading.seals import detect_seals

RED = (40, 35, 200)  # BGR
BLUE = (190, 90, 20)


def _paper(h: int, w: int) -> np.ndarray:
    page = np.full((h, w, 3), 250, np.uint8)
    for i, y in enumerate(range(300, h - 300, 70)):
        cv2.putText(page, f"{i:02d}  registered capital  1000  2024-01-15", (w // 4, y), cv2.FONT_HERSHEY_SIMPLEX,
                    0.9, (30, 30, 30), 2, cv2.LINE_AA)
    return page


def _seal_ink(canvas: np.ndarray, centre: tuple[int, int], r: int) -> None:
    """A round seal's ink: ring, a legend of short strokes round the top, a star."""
    cx, cy = centre
    cv2.circle(canvas, centre, r, 255, max(4, r // 18), cv2.LINE_AA)
    for degrees in range(160, 390, 16):
        t = math.radians(degrees)
        cv2.line(canvas, (round(cx + 0.85 * r * math.cos(t)), round(cy - 0.85 * r * math.sin(t))),
                 (round(cx + 0.68 * r * math.cos(t)), round(cy - 0.68 * r * math.sin(t))), 255, max(3, r // 22))
    star = [(cx + 0.3 * r * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
             cy + 0.3 * r * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4)) for i in range(10)]
    cv2.fillPoly(canvas, [np.array(star, np.int32)], 255, cv2.LINE_AA)


def _tilted(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=(250, 250, 250))


def test_a_seal_touching_the_coloured_frame_it_lies_in_is_found_on_a_tilted_photo() -> None:
    """The frame (double rule, 45 % of the page's width) and the seal are one group of red ink; the seal is a
    small part of it, and the frame's rules, photographed 2.5° off, are no longer level."""
    h, w = 2700, 2000
    ink = np.zeros((h, w), np.uint8)
    x0, y0, x1, y1 = 560, 520, 1460, 1880
    cv2.rectangle(ink, (x0, y0), (x1, y1), 255, 9)
    cv2.rectangle(ink, (x0 + 16, y0 + 16), (x1 - 16, y1 - 16), 255, 4)
    r = 105
    centre = (x1 - 16 - 2 - r - 40, y1 - 16 - r + 2)  # the ring rests on the inner rule
    _seal_ink(ink, centre, r)
    page = _paper(h, w)
    page[ink > 0] = RED
    photo = _tilted(page, 2.5)
    seals = detect_seals(photo, greyscale_rings=True)
    assert [(s.color, s.shape) for s in seals] == [("red", "round")]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 2.5, 1.0)
    cx, cy = turn @ np.array([centre[0], centre[1], 1.0])
    box = seals[0].bbox
    assert abs((box.x0 + box.x1) / 2 - cx) < 15 and abs((box.y0 + box.y1) / 2 - cy) < 15
    assert abs((box.x1 - box.x0) / 2 - r) < 15


def test_a_white_tile_knocked_out_of_a_coloured_title_bar_is_no_seal() -> None:
    """An app's icon: a blue bar across the page with a white square in it holding a blue character. The square's
    outline is the bar's edge, closed all round, which scores as a square seal's frame."""
    page = _paper(2339, 1655)
    cv2.rectangle(page, (0, 0), (1654, 150), BLUE, cv2.FILLED)
    cv2.rectangle(page, (120, 35), (205, 120), (255, 255, 255), cv2.FILLED)
    cv2.putText(page, "T", (142, 100), cv2.FONT_HERSHEY_SIMPLEX, 1.8, BLUE, 5, cv2.LINE_AA)
    assert detect_seals(page, greyscale_rings=True) == []


def test_a_filled_blue_badge_is_no_seal_and_a_blue_seal_on_paper_is_one() -> None:
    page = _paper(1400, 1000)
    cv2.circle(page, (250, 200), 90, BLUE, cv2.FILLED)  # a badge: a blue disc with a white letter
    cv2.putText(page, "B", (215, 235), cv2.FONT_HERSHEY_SIMPLEX, 2.5, (255, 255, 255), 8, cv2.LINE_AA)
    assert detect_seals(page) == []
    ink = np.zeros(page.shape[:2], np.uint8)
    _seal_ink(ink, (700, 1000), 120)
    page[ink > 0] = BLUE
    assert [(s.color, s.shape) for s in detect_seals(page)] == [("blue", "round")]
