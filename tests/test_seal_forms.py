"""Seals on forms printed in the seal's own hue (a tax office's receipt ruled and labelled in red, a bank slip in
blue): the seal touches the frame, the rules and the labels; and the red ruling alone, whole or broken into pieces
by a scan, is no seal. Drawn here with OpenCV."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from docproc.reading.seals import detect_seals

RED = (45, 40, 215)  # BGR: the red of the form's print and of the seal
BLUE = (190, 90, 30)


def _ruled_form(*, ink: tuple[int, int, int] = RED, size: tuple[int, int] = (1240, 1754), rows: int = 12,
                broken: bool = False) -> np.ndarray:
    """A landscape receipt (height, width) ruled and labelled in ``ink``, its data in black: a frame, a header
    row, ``rows`` data rows, a totals row and a bottom row of three cells (an office's seal goes in the first).
    With ``broken`` the rules have gaps, as a light scan drops thin lines."""
    h, w = size
    page = np.full((h, w, 3), 255, np.uint8)
    left, right, top = 120, w - 120, 200
    row = 38
    lines = [top + i * row for i in range(rows + 3)]
    bottom_row = lines[-1]
    cols = [left, left + 230, left + 400, left + 560, left + 900, left + 1130, right]
    for y in [*lines, bottom_row + 230]:
        cv2.line(page, (left, y), (right, y), ink, 2)
    for x in cols:
        cv2.line(page, (x, top), (x, lines[-2]), ink, 2)
    for x in (left, left + 520, left + 900, right):  # the bottom row's three cells
        cv2.line(page, (x, bottom_row), (x, bottom_row + 230), ink, 2)
    cv2.line(page, (left, lines[-2]), (left, bottom_row), ink, 2)
    cv2.line(page, (right, lines[-2]), (right, bottom_row), ink, 2)
    if broken:  # white gaps across the rules, some rows cut off from the frame
        for x in range(left + 60, right, 150):
            page[top - 3 : lines[-2] + 3, x : x + 6] = 255
    cv2.putText(page, "TAX PAYMENT CERTIFICATE", (left + 380, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.6, ink, 4, cv2.LINE_AA)
    for x, label in zip(cols, ("Voucher no", "Tax", "Item", "Period", "Paid on", "Amount"), strict=False):
        cv2.putText(page, label, (x + 12, top + 27), cv2.FONT_HERSHEY_SIMPLEX, 0.7, ink, 2, cv2.LINE_AA)
    for i, y in enumerate(lines[1:-2]):
        cv2.putText(page, f"{50295698674066852 + i * 7919}  IIT  services  2025-{i % 12 + 1:02d}-01  "
                          f"2025-{i % 12 + 1:02d}-15   {1000 + 37 * i}.{i:02d}",
                    (left + 10, y + 27), cv2.FONT_HERSHEY_SIMPLEX, 0.65, (25, 25, 25), 2, cv2.LINE_AA)
    cv2.putText(page, "Total", (left + 60, lines[-2] + 27), cv2.FONT_HERSHEY_SIMPLEX, 0.8, ink, 2, cv2.LINE_AA)
    cv2.putText(page, "Tax office (seal)", (left + 12, bottom_row + 32), cv2.FONT_HERSHEY_SIMPLEX, 0.8, ink, 2,
                cv2.LINE_AA)
    cv2.putText(page, "Notes", (left + 912, bottom_row + 32), cv2.FONT_HERSHEY_SIMPLEX, 0.8, ink, 2, cv2.LINE_AA)
    cv2.putText(page, "This certificate is no receipt for bookkeeping.", (left, bottom_row + 270),
                cv2.FONT_HERSHEY_SIMPLEX, 0.7, ink, 2, cv2.LINE_AA)
    return page


def _press_seal(page: np.ndarray, centre: tuple[int, int], radius: int, *, ink: tuple[int, int, int] = RED,
                ring: int = 8) -> np.ndarray:
    """A round office seal (ring, star, legend strokes over the top, a line of characters under the star) multiplied
    onto the page, so the rules and print under it stay."""
    mark = np.zeros(page.shape[:2], np.uint8)
    cx, cy = centre
    cv2.circle(mark, centre, radius, 255, ring, cv2.LINE_AA)
    star = [(cx + 0.3 * radius * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
             cy + 0.3 * radius * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4)) for i in range(10)]
    cv2.fillPoly(mark, [np.array(star, np.int32)], 255, cv2.LINE_AA)
    for start in range(140, 400, 20):  # one character per step along the ring, inside it
        a = math.radians(start + 5)
        cv2.line(mark, (int(cx + 0.62 * radius * math.cos(a)), int(cy + 0.62 * radius * math.sin(a))),
                 (int(cx + 0.82 * radius * math.cos(a)), int(cy + 0.82 * radius * math.sin(a))), 255, 5)
    cv2.line(mark, (cx - radius // 3, cy + radius // 2), (cx + radius // 3, cy + radius // 2), 255, 9)
    alpha = mark.astype(np.float32)[..., None] / 255 * 0.9
    tint = np.array(ink, np.float32) / 255
    out = page.astype(np.float32)
    return (out * (1 - alpha) + out * tint * alpha).astype(np.uint8)


BOTTOM_ROW = 200 + 14 * 38  # the top rule of the default form's bottom row


@pytest.mark.parametrize("ink", [RED, BLUE])
def test_a_seal_pressed_over_the_rules_and_labels_of_a_form_in_its_own_ink_is_found(ink: tuple[int, int, int]) -> None:
    """The ring crosses the bottom row's top rule, runs along the frame's left side and over the cell's label."""
    page = _ruled_form(ink=ink)
    top = BOTTOM_ROW
    centre, radius = (265, top + 125), 145
    seals = detect_seals(_press_seal(page, centre, radius, ink=ink), greyscale_rings=True)
    assert [(s.shape, s.color) for s in seals] == [("round", "red" if ink == RED else "blue")]
    x0, y0, x1, y1 = seals[0].bbox.as_list()
    assert abs((x0 + x1) / 2 - centre[0]) < 15 and abs((y0 + y1) / 2 - centre[1]) < 15
    assert abs((x1 - x0) / 2 - radius) < 15


def test_a_seal_on_a_red_form_cut_by_the_bottom_of_a_scan_is_found() -> None:
    page = _ruled_form()
    top = BOTTOM_ROW
    page = _press_seal(page, (265, top + 125), 145)[: top + 255]  # the scan ends just under the seal
    assert [s.shape for s in detect_seals(page, greyscale_rings=True)] == ["round"]


def test_the_red_ruling_and_labels_of_a_form_alone_are_no_seal() -> None:
    assert detect_seals(_ruled_form(), greyscale_rings=True) == []


@pytest.mark.parametrize(("width", "height", "rows", "cols"), [(700, 560, 10, 3), (500, 500, 8, 2), (400, 400, 6, 3)])
def test_a_table_ruled_in_red_is_no_square_seal(width: int, height: int, rows: int, cols: int) -> None:
    """A small table, or a piece of a big one that a scan's dropped lines cut off from the rest: a frame whose
    inside is crossed by rules from side to side is cells, not a square seal's legend."""
    page = np.full((1240, 1754, 3), 255, np.uint8)
    x0, y0 = 900, 300
    for i in range(rows + 1):
        cv2.line(page, (x0, y0 + i * height // rows), (x0 + width, y0 + i * height // rows), RED, 2)
    for j in range(cols + 1):
        cv2.line(page, (x0 + j * width // cols, y0), (x0 + j * width // cols, y0 + height), RED, 2)
    for i in range(rows):
        cv2.putText(page, f"2025-{i + 1:02d}-11     {1000 + i * 37}.25", (x0 + 12, y0 + i * height // rows + 38),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.8, (25, 25, 25), 2, cv2.LINE_AA)
    assert detect_seals(page, greyscale_rings=True) == []


def test_a_square_seal_beside_a_red_form_is_still_found() -> None:
    """A square seal's frame and its characters' strokes are straight too: neither the rules taken out of a ruled
    page nor the test for a table's cells cost it."""
    page = _ruled_form()
    mark = np.zeros(page.shape[:2], np.uint8)
    x, y, side = 1400, 1000, 160
    cv2.rectangle(mark, (x, y), (x + side, y + side), 255, 9)
    for i in range(2):  # four characters of strokes, each in its quarter, clear of the frame
        for j in range(2):
            cx, cy = x + 22 + 62 * i, y + 22 + 62 * j
            cv2.rectangle(mark, (cx, cy), (cx + 52, cy + 52), 255, 5)
            cv2.line(mark, (cx + 4, cy + 26), (cx + 48, cy + 26), 255, 5)
            cv2.line(mark, (cx + 26, cy + 4), (cx + 26, cy + 48), 255, 5)
    alpha = mark.astype(np.float32)[..., None] / 255 * 0.9
    page = (page * (1 - alpha) + page * (np.array(RED, np.float32) / 255) * alpha).astype(np.uint8)
    assert [s.shape for s in detect_seals(page, greyscale_rings=True)] == ["square"]
