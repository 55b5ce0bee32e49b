"""Text-layer forensics: fonts mixed inside one figure."""

from __future__ import annotations

from docproc.forensics import mixed_font_numbers
from docproc.models import BBox, Word


def w(text: str, x0: float, x1: float, font: str) -> Word:
    return Word(text=text, bbox=BBox(x0=x0, y0=100, x1=x1, y1=110), confidence=1.0, line=3, font=font)


def test_a_figure_retyped_in_another_font_is_found() -> None:
    found = mixed_font_numbers([w("16,", 10, 22, "SimSun"), w("600.00", 22.5, 50, "ArialMT")])
    assert [f["text"] for f in found] == ["16,600.00"]


def test_digits_beside_cjk_in_their_own_faces_are_not_an_edit() -> None:
    # "2025/10/02至2026/04/01" and "2025年": Latin digits, CJK characters, each in its face, as printed
    words = [w("2025/10/02", 10, 60, "LiberationSerif"), w("至", 60.5, 70, "DroidSansFallback"),
             w("2026/04/01", 70.5, 120, "LiberationSerif"), w("2025", 200, 220, "LiberationSans"),
             w("年", 220.2, 230, "WenQuanYiMicroHei")]
    assert mixed_font_numbers(words) == []


def test_the_same_font_or_apart_is_not_flagged() -> None:
    assert mixed_font_numbers([w("16,", 10, 22, "SimSun"), w("600.00", 22.5, 50, "SimSun")]) == []
    assert mixed_font_numbers([w("16", 10, 22, "SimSun"), w("600.00", 80, 110, "ArialMT")]) == []
