"""What the held-out template families share: date and amount styles, and pressing a seal onto a PDF page."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from .finance import money
from .pdfkit import Pen, png_seal
from .seal import SealStyle, render_seal

_DIGITS = "〇一二三四五六七八九"
_PX_PER_MM = 11.8


def numerals(n: int) -> str:
    """A day or month in Chinese numerals as dates are written out: 5 → 五, 11 → 十一, 20 → 二十, 31 → 三十一."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")) + ("" if ones == 0 and tens else _DIGITS[ones])


def date_text(d: date, style: str) -> str:
    """A date in one of the styles real documents print."""
    if style == "numerals":
        return "".join(_DIGITS[int(c)] for c in str(d.year)) + f"年{numerals(d.month)}月{numerals(d.day)}日"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "cn_padded":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    return d.strftime({"iso": "%Y-%m-%d", "slash": "%Y/%m/%d", "dot": "%Y.%m.%d", "compact": "%Y%m%d"}[style])


def amount_text(amount: Decimal, style: str) -> str:
    """An amount as printed: plain, with thousands commas, with a ¥ sign, or with 元 and commas."""
    if style == "yen":
        return "¥" + money(amount)
    return money(amount, commas=style != "plain")


def press(pen: Pen, rng: random.Random, style: SealStyle, *, center: tuple[float, float], width_mm: float) -> None:
    """Press a seal (multiply blend) centred on a point in mm; parts beyond the page edge are simply lost."""
    seal = png_seal(render_seal(rng, style, int(width_mm * _PX_PER_MM)))
    w = width_mm * seal.width / (int(width_mm * _PX_PER_MM) + 8)
    h = w * seal.height / seal.width
    pen.image(seal, center[0] - w / 2, center[1] - h / 2, w, h, multiply=True)
