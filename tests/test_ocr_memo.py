"""Remembered OCR answers: identical pixels are read once, anything else is read again."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from docproc.core.models import BBox, Unit, Word
from docproc.reading.ocr_memo import MemoizedOcr


class CountingEngine:
    name = "counting"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def read(self, image, *, lang="chi_sim+eng", psm=3, whitelist=None):
        self.calls.append(f"read:{psm}")
        box = BBox(x0=0, y0=0, x1=float(image.shape[1]), y1=10, unit=Unit.PX)
        return [Word(text=f"mean {float(image.mean()):.1f}", bbox=box, confidence=0.9, line=0)]

    def read_line(self, image, *, lang="chi_sim+eng", whitelist=None):
        self.calls.append("line")
        return f"w{image.shape[1]}", 0.5

    def orientation(self, image):
        self.calls.append("orientation")
        return 90


def test_identical_pixels_are_read_once_and_answers_survive_a_new_instance(tmp_path: Path) -> None:
    engine = CountingEngine()
    image = np.full((20, 30), 200, np.uint8)
    first = MemoizedOcr(engine, tmp_path).read(image)
    again = MemoizedOcr(engine, tmp_path).read(image.copy())
    assert again == first and again[0].text == "mean 200.0"
    assert MemoizedOcr(engine, tmp_path).read_line(image) == ("w30", 0.5)
    assert MemoizedOcr(engine, tmp_path).read_line(image) == ("w30", 0.5)
    assert MemoizedOcr(engine, tmp_path).orientation(image) == 90
    assert MemoizedOcr(engine, tmp_path).orientation(image) == 90
    assert engine.calls == ["read:3", "line", "orientation"]


def test_other_pixels_or_other_arguments_are_read_again(tmp_path: Path) -> None:
    engine = CountingEngine()
    memo = MemoizedOcr(engine, tmp_path)
    image = np.full((20, 30), 200, np.uint8)
    memo.read(image)
    changed = image.copy()
    changed[5, 5] = 0
    assert memo.read(changed)[0].text != memo.read(image)[0].text
    memo.read(image, psm=7)
    memo.read(image.reshape(30, 20))  # same bytes, other shape
    assert engine.calls == ["read:3", "read:3", "read:7", "read:3"]


class LatticeEngine(CountingEngine):
    name = "lattices"

    def read_line_lattice(self, image, *, lang="chi_sim+eng"):
        self.calls.append("lattice")
        return "上海", 0.8, ((("上", 0.9), ("土", 0.05)), (), (("海", 0.7),))


def test_a_line_read_with_its_lattice_is_remembered_and_an_engine_without_lattices_gives_none(tmp_path: Path) -> None:
    engine = LatticeEngine()
    image = np.full((20, 30), 200, np.uint8)
    first = MemoizedOcr(engine, tmp_path).read_line_lattice(image)
    assert MemoizedOcr(engine, tmp_path).read_line_lattice(image) == first == (
        "上海", 0.8, ((("上", 0.9), ("土", 0.05)), (), (("海", 0.7),)))
    assert engine.calls == ["lattice"]
    plain = CountingEngine()
    assert MemoizedOcr(plain, tmp_path / "plain").read_line_lattice(image) == ("w30", 0.5, ())
    assert plain.calls == ["line"]
