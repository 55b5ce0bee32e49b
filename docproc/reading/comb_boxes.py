"""Comb boxes on forms: rows of equal cells, one character per cell (身份证号码 □□□…, 年□□□□, 佰拾万仟佰拾元角分).

A cell's walls sit a few pixels from the digit inside, and a "1" is itself a short vertical stroke: an
OCR engine reads the row with digits lost or doubled. The walls are found as short vertical rulings that
run from one horizontal ruling to the next, at a regular pitch close to the cell's height, and wiped
together with the rulings above and below them, so the digits are read as a spaced string.

Only walls of such regular rows are wiped: a table's column rulings (far apart, or irregular) and the
strokes of the characters stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from docproc.core.models import BBox, Unit, Word
from docproc.reading.ocr import OcrEngine, number_lines

MIN_CELLS = 4  # a comb row holds at least this many cells, counting the rows of one pitch in one band
PITCH_RATIO = (0.3, 2.2)  # cell width ÷ wall height: squares, tall cells of a two-row grid, wide-ish boxes
PITCH_TOLERANCE = 0.22  # neighbouring cells of one row differ in width by at most this fraction


@dataclass(frozen=True)
class Wall:
    """A vertical ruling: x range and the rows it spans (pixels), and its component label in the mask."""

    x0: int
    x1: int
    y0: int
    y1: int
    label: int

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> int:
        return self.y1 - self.y0


@dataclass(frozen=True)
class CombRow:
    """Walls of one comb row (left to right) and the box they enclose."""

    walls: tuple[Wall, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.walls[0].x0, min(w.y0 for w in self.walls), self.walls[-1].x1, max(w.y1 for w in self.walls))

    @property
    def cells(self) -> int:
        return len(self.walls) - 1


def _masks(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rulings of a gray page, as 0/255 masks."""
    import cv2

    height, width = gray.shape[:2]
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 10)
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(20, width // 60)), np.uint8))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((max(10, height // 220), 1), np.uint8))
    return across, down


def _walls(across: np.ndarray, down: np.ndarray) -> tuple[list[Wall], np.ndarray]:
    """Vertical rulings that meet a horizontal ruling at both ends (a cell's sides, not a stroke)."""
    import cv2

    height, width = down.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(down, connectivity=8)
    near = cv2.dilate(across, np.ones((7, 7), np.uint8))
    walls = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        if w > max(5, width // 250) or h > height // 6:
            continue
        x0, x1 = max(0, x - 2), min(width, x + w + 2)
        if near[y, x0:x1].any() and near[min(height - 1, y + h - 1), x0:x1].any():
            walls.append(Wall(x, x + w, y, y + h, label))
    return walls, labels


def _bands(walls: list[Wall]) -> list[list[Wall]]:
    """Walls grouped by the rows they span (same top and bottom, within a few pixels)."""
    bands: list[list[Wall]] = []
    for wall in sorted(walls, key=lambda w: (w.y0, w.x)):
        tol = max(4.0, 0.15 * wall.height)
        for band in bands:
            if abs(band[0].y0 - wall.y0) <= tol and abs(band[0].y1 - wall.y1) <= tol:
                band.append(wall)
                break
        else:
            bands.append([wall])
    return [sorted(band, key=lambda w: w.x) for band in bands]


def _runs(band: list[Wall]) -> list[list[Wall]]:
    """Maximal runs of walls at a steady pitch that suits cells of the band's height."""
    runs: list[list[Wall]] = []
    run: list[Wall] = [band[0]]
    for wall in band[1:]:
        gap = wall.x - run[-1].x
        height = (wall.height + run[-1].height) / 2
        fits = PITCH_RATIO[0] * height <= gap <= PITCH_RATIO[1] * height
        steady = len(run) < 2 or abs(gap - (run[-1].x - run[-2].x)) <= PITCH_TOLERANCE * gap
        if fits and steady:
            run.append(wall)
            continue
        if len(run) >= 3:
            runs.append(run)
        run = [run[-1], wall] if fits else [wall]
    if len(run) >= 3:
        runs.append(run)
    return runs


def _pitch(run: list[Wall]) -> float:
    return (run[-1].x - run[0].x) / (len(run) - 1)


def _rows(walls: list[Wall]) -> list[CombRow]:
    """Runs of ≥ 2 cells whose band holds ≥ ``MIN_CELLS`` cells of that pitch (年□□□□月□□日 counts as one)."""
    rows = []
    for band in _bands(walls):
        runs = _runs(band)
        for run in runs:
            pitch = _pitch(run)
            alike = [r for r in runs if abs(_pitch(r) - pitch) <= PITCH_TOLERANCE * pitch]
            if sum(len(r) - 1 for r in alike) >= MIN_CELLS:
                rows.append(CombRow(tuple(run)))
    return rows


def find_comb_rows(gray: np.ndarray) -> list[CombRow]:
    """The comb rows of a gray page."""
    return _rows(_walls(*_masks(gray))[0])


def _wiped(gray: np.ndarray, rows: list[CombRow], across: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """``gray`` with the rows' walls and the rulings closing them turned to paper."""
    import cv2

    paper = np.zeros(gray.shape, np.uint8)
    for row in rows:
        x0, y0, x1, y1 = row.box
        for wall in row.walls:
            here = labels[wall.y0 : wall.y1, wall.x0 : wall.x1] == wall.label
            paper[wall.y0 : wall.y1, wall.x0 : wall.x1] |= here.astype(np.uint8) * 255
        for y in (y0, y1 - 1):
            lo, hi = max(0, y - 4), min(gray.shape[0], y + 5)
            paper[lo:hi, x0:x1] |= across[lo:hi, x0:x1]
    wiped = gray.copy()
    wiped[cv2.dilate(paper, np.ones((5, 5), np.uint8)) > 0] = 255
    return wiped


@dataclass(frozen=True)
class CombPage:
    """A page's comb rows, its horizontal rulings and the page with the rows' walls wiped."""

    rows: tuple[CombRow, ...]
    across: np.ndarray
    wiped: np.ndarray

    @property
    def cells(self) -> int:
        return sum(row.cells for row in self.rows)


def comb_page(gray: np.ndarray) -> CombPage | None:
    """The comb rows of a grey page and the page with their walls wiped; None when it has none."""
    across, down = _masks(gray)
    walls, labels = _walls(across, down)
    rows = _rows(walls)
    if not rows:
        return None
    return CombPage(tuple(rows), across, _wiped(gray, rows, across, labels))


# ---------------------------------------------------------------- reading the rows


MIN_READ_CONFIDENCE = 0.6  # a row read worse than this keeps the page's own words


def _sub_rows(across: np.ndarray, row: CombRow) -> list[tuple[int, int]]:
    """The text rows inside a comb row: a two-row grid (佰拾万… over the digits) splits at its inner ruling."""
    x0, y0, x1, y1 = row.box
    covered = (across[y0:y1, x0:x1] > 0).mean(axis=1) > 0.5
    spans, start = [], None
    for offset, ruled in enumerate(list(covered) + [True]):
        if not ruled and start is None:
            start = offset
        elif ruled and start is not None:
            if offset - start >= 0.25 * (y1 - y0):
                spans.append((y0 + start, y0 + offset))
            start = None
    return spans


def _cell_ink(cell: np.ndarray, size: float) -> tuple[int, int, int, int] | None:
    """Box (x0, y0, x1, y1) of what is written in a cell, or None when it is empty (specks and wiped-wall
    remains are not writing: a mark counts when it is at least a quarter of the cell's ``size``)."""
    import cv2

    ink = (cell < 150).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks = [stats[i] for i in range(1, count) if stats[i, 3] >= 0.25 * size or stats[i, 2] >= 0.25 * size]
    if not marks:
        return None
    x0 = min(int(m[0]) for m in marks)
    x1 = max(int(m[0] + m[2]) for m in marks)
    inside = [stats[i] for i in range(1, count) if stats[i, 0] >= x0 and stats[i, 0] + stats[i, 2] <= x1]
    y0 = min(int(m[1]) for m in inside)
    y1 = max(int(m[1] + m[3]) for m in inside)
    return x0, y0, x1, y1


def _row_word(wiped: np.ndarray, row: CombRow, span: tuple[int, int], ocr: OcrEngine) -> Word | None:
    """One text row of a comb row read as one line: the cells' writing set close together, then recognised."""
    y0, y1 = span
    height = y1 - y0
    if height <= 4:  # the cells' 2 px margins meet: no room for writing (strokes of small print taken for walls)
        return None
    found = []
    for left, right in zip(row.walls, row.walls[1:], strict=False):
        a, b = left.x1 + 3, right.x0 - 3
        ink = _cell_ink(wiped[y0 + 2 : y1 - 2, a:b], min(height, right.x - left.x)) if b - a >= 4 else None
        if ink is not None:
            found.append((a + ink[0], y0 + 2 + ink[1], a + ink[2], y0 + 2 + ink[3]))
    if not found:
        return None
    top = max(0, min(f[1] for f in found) - 3)  # the writing's band, not the cell's
    bottom = min(wiped.shape[0], max(f[3] for f in found) + 3)
    gap = np.full((bottom - top, max(4, (bottom - top) // 3)), 255, np.uint8)
    strip = np.hstack([gap] + [part for f in found for part in (wiped[top:bottom, f[0] : f[2]], gap)])
    text, confidence = ocr.read_line(np.pad(strip, 8, constant_values=255))
    text = re.sub(r"\s+", "", text)
    if not text or confidence < MIN_READ_CONFIDENCE:
        return None
    box = BBox(x0=found[0][0], y0=min(f[1] for f in found), x1=found[-1][2], y1=max(f[3] for f in found), unit=Unit.PX)
    return Word(text=text, bbox=box, confidence=round(confidence, 3))


def read_comb_rows(comb: CombPage, words: Sequence[Word], ocr: OcrEngine) -> list[Word]:
    """The page's words with each comb row's text replaced by a read of its cells set close together.

    A row whose read is unsure keeps the page's own words there.
    """
    kept, read = list(words), []
    for row in comb.rows:
        x0, _, x1, _ = row.box
        for span in _sub_rows(comb.across, row):
            word = _row_word(comb.wiped, row, span, ocr)
            if word is None:
                continue
            inside = BBox(x0=x0, y0=span[0], x1=x1, y1=span[1], unit=Unit.PX)
            read += [part for w in kept if _centre_in(w.bbox, inside) for part in _outside(w, x0, x1)]
            kept = [w for w in kept if not _centre_in(w.bbox, inside)]
            read.append(word)
    return number_lines([[w] for w in kept + read])


def _outside(word: Word, x0: float, x1: float) -> list[Word]:
    """The characters of ``word`` left and right of the comb row (2026年07月09日 read over the row: 日), by width."""
    pitch = (word.bbox.x1 - word.bbox.x0) / max(1, len(word.text))
    before = round((x0 - word.bbox.x0) / pitch) if word.bbox.x0 < x0 else 0
    after = round((word.bbox.x1 - x1) / pitch) if word.bbox.x1 > x1 else 0
    parts = []
    if 0 < before < len(word.text):
        box = word.bbox.model_copy(update={"x1": word.bbox.x0 + before * pitch})
        parts.append(word.model_copy(update={"text": word.text[:before], "bbox": box}))
    if 0 < after < len(word.text) - before:
        box = word.bbox.model_copy(update={"x0": word.bbox.x1 - after * pitch})
        parts.append(word.model_copy(update={"text": word.text[-after:], "bbox": box}))
    return parts


def _centre_in(box: BBox, area: BBox) -> bool:
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return area.x0 <= cx <= area.x1 and area.y0 <= cy <= area.y1
