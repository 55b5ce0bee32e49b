"""Resident identity cards (居民身份证): facts, validity rules and the front/back renderers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image, ImageDraw

from docproc.cn.id_number import check_digit, make_id_number

from . import fonts
from .card_art import emblem, guilloche, portrait, rounded_mask
from .people import Person
from .raster import wrap_chars

CARD_MM = (85.6, 54.0)
LONG_TERM = "长期"


@dataclass(frozen=True)
class IdCardFacts:
    """Everything printed on both sides of one card (valid_until None means 长期)."""

    name: str
    sex: str
    ethnicity: str
    birth: date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: date
    valid_until: date | None

    def front_fields(self) -> dict[str, str]:
        """Canonical front fields, normalised as SPEC §2 says."""
        return {"name": self.name, "sex": self.sex, "ethnicity": self.ethnicity,
                "birth_date": self.birth.isoformat(), "address": self.address, "id_number": self.id_number}

    def back_fields(self) -> dict[str, str]:
        """Canonical back fields (valid_until is an ISO date or 长期)."""
        until = self.valid_until.isoformat() if self.valid_until else LONG_TERM
        return {"issuing_authority": self.issuing_authority, "valid_from": self.valid_from.isoformat(),
                "valid_until": until}

    @property
    def validity_text(self) -> str:
        """The 有效期限 line as printed, e.g. 2016.05.04-2036.05.04."""
        until = f"{self.valid_until:%Y.%m.%d}" if self.valid_until else LONG_TERM
        return f"{self.valid_from:%Y.%m.%d}-{until}"


def _add_years(d: date, years: int) -> date:
    """The same month and day some years later (days are kept at 28 or below)."""
    return d.replace(year=d.year + years)


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def term_years(age_at_issue: int) -> int | None:
    """Validity term by age at issue: under 16 → 5, 16–25 → 10, 26–45 → 20, 46+ → long-term."""
    if age_at_issue < 16:
        return 5
    if age_at_issue < 26:
        return 10
    if age_at_issue < 46:
        return 20
    return None


def _expiring_validity(rng: random.Random, birth: date, today: date) -> tuple[date, date | None]:
    """An issue date whose 10- or 20-year term ends 5–80 days after today."""
    for _ in range(500):
        until = today + timedelta(days=rng.randint(5, 80))
        until = until.replace(day=min(until.day, 28))
        term = rng.choice((10, 20))
        start = until.replace(year=until.year - term)
        if term_years(_age_on(birth, start)) == term:
            return start, until
    raise ValueError(f"no expiring card term fits birth date {birth}")


def make_validity(rng: random.Random, birth: date, today: date, *, expired: bool,
                  expiring: bool = False) -> tuple[date, date | None]:
    """Pick an issue date and its matching expiry: valid for 5+ more years, expired 2–20 months ago, or expiring."""
    if expiring:
        return _expiring_validity(rng, birth, today)
    for _ in range(500):
        years_ago = rng.randint(10, 25) if expired else rng.randint(1, 15)
        start = date(today.year - years_ago, rng.randint(1, 12), rng.randint(1, 28))
        age = _age_on(birth, start)
        if age < 16 or start > today - timedelta(days=200):
            continue
        term = term_years(age)
        until = _add_years(start, term) if term else None
        if expired and until and today - timedelta(days=600) <= until <= today - timedelta(days=60):
            return start, until
        if not expired and (until is None or until >= _add_years(today, 5)):
            return start, until
    raise ValueError(f"no {'expired' if expired else 'valid'} card term fits birth date {birth}")


def make_id_card(rng: random.Random, person: Person, *, today: date, expired: bool = False,
                 bad_check_digit: bool = False, expiring: bool = False) -> IdCardFacts:
    """Return the card facts for a person, optionally expired, expiring soon or with a wrong check digit."""
    number = make_id_number(person.region.code, person.birth, rng.randint(0, 999), person.sex)
    if bad_check_digit:
        good = check_digit(number[:17])
        number = number[:17] + rng.choice([c for c in "0123456789X" if c != good])
    start, until = make_validity(rng, person.birth, today, expired=expired, expiring=expiring)
    return IdCardFacts(person.name, person.sex, person.ethnicity, person.birth, person.address, number,
                       person.region.authority, start, until)


@dataclass(frozen=True)
class CardStyle:
    """Per-card rendering variation: faces, size factor, block offset, ink colours."""

    family: str
    digits_face: str
    size: float
    dx: float
    dy: float
    label_rgb: tuple[int, int, int]
    ink_rgb: tuple[int, int, int]


def random_card_style(rng: random.Random) -> CardStyle:
    """Pick a font family, ±10 % sizes, ±3 % block offset and slightly varying inks."""
    return CardStyle(
        family=rng.choice(fonts.BODY_FAMILIES),
        digits_face=rng.choice(("latin_mono", "latin_mono_bold", "mono_bold")),
        size=rng.uniform(0.9, 1.1),
        dx=rng.uniform(-0.03, 0.03) * CARD_MM[0],
        dy=rng.uniform(-0.03, 0.03) * CARD_MM[1],
        label_rgb=(rng.randint(20, 60), rng.randint(100, 130), rng.randint(160, 200)),
        ink_rgb=(rng.randint(10, 35),) * 3,
    )


class _Pen:
    """Draws text on a card in millimetre coordinates (baseline-anchored)."""

    def __init__(self, img: Image.Image, px_per_mm: float, style: CardStyle) -> None:
        self.draw = ImageDraw.Draw(img)
        self.s = px_per_mm
        self.style = style

    def px(self, mm: float) -> int:
        return int(round(mm * self.s))

    def text(self, x: float, y: float, text: str, face: str, size_mm: float, fill: tuple[int, int, int],
             *, spread_mm: float = 0.0, spacing_mm: float = 0.0) -> float:
        """Draw text with its baseline at (x, y) mm; return its width in mm."""
        fnt = fonts.font(face, self.px(size_mm * self.style.size))
        sx, sy = (x + self.style.dx) * self.s, (y + self.style.dy) * self.s
        if spread_mm:
            width = spread_mm * self.s
            gap = (width - sum(fnt.getlength(c) for c in text)) / max(len(text) - 1, 1)
        else:
            gap = spacing_mm * self.s
        for ch in text:
            self.draw.text((sx, sy), ch, font=fnt, fill=fill, anchor="ls")
            sx += fnt.getlength(ch) + gap
        return (sx - gap - (x + self.style.dx) * self.s) / self.s


def _blank(px_per_mm: float, rng: random.Random, tint: tuple[float, float, float]) -> Image.Image:
    w, h = int(round(CARD_MM[0] * px_per_mm)), int(round(CARD_MM[1] * px_per_mm))
    return guilloche(w, h, rng, tint=tint)


def _finish(img: Image.Image, px_per_mm: float) -> Image.Image:
    out = img.convert("RGBA")
    out.putalpha(rounded_mask(img.width, img.height, int(3.2 * px_per_mm)))
    return out


def render_front(facts: IdCardFacts, rng: random.Random, *, px_per_mm: float = 20.0) -> Image.Image:
    """Render the 人像面 as an RGBA image of the real 85.6 × 54 mm proportions."""
    style = random_card_style(rng)
    img = _blank(px_per_mm, rng, (rng.uniform(0.95, 0.99), rng.uniform(0.9, 0.95), rng.uniform(0.88, 0.93)))
    face = portrait(int(26 * px_per_mm), int(32 * px_per_mm), rng)
    img.paste(face, (int((54.5 + style.dx) * px_per_mm), int((7.5 + style.dy) * px_per_mm)), face)
    pen = _Pen(img, px_per_mm, style)
    fs = fonts.font_set(style.family)
    lab, ink, ls, vs = style.label_rgb, style.ink_rgb, 2.5, 3.3
    pen.text(6.8, 10.6, "姓名", "sans", ls, lab, spread_mm=6.4)
    pen.text(16.5, 10.6, facts.name, fs.bold, 3.9, ink, spacing_mm=0.6)
    pen.text(6.8, 16.9, "性别", "sans", ls, lab, spread_mm=6.4)
    pen.text(16.5, 16.9, facts.sex, fs.body, vs, ink)
    pen.text(27.5, 16.9, "民族", "sans", ls, lab, spread_mm=6.4)
    pen.text(36.5, 16.9, facts.ethnicity, fs.body, vs, ink)
    pen.text(6.8, 23.1, "出生", "sans", ls, lab, spread_mm=6.4)
    x = 16.5
    for value, unit in ((str(facts.birth.year), "年"), (str(facts.birth.month), "月"), (str(facts.birth.day), "日")):
        x += pen.text(x, 23.1, value, fs.digits, vs, ink) + 0.9
        x += pen.text(x, 23.1, unit, "sans", ls, lab) + 1.6
    pen.text(6.8, 29.4, "住址", "sans", ls, lab, spread_mm=6.4)
    value_font = fonts.font(fs.body, pen.px(vs * style.size))
    for i, line in enumerate(wrap_chars(facts.address, value_font, 34.0 * px_per_mm)[:3]):
        pen.text(16.5, 29.4 + i * 4.7, line, fs.body, vs, ink)
    pen.text(6.8, 49.0, "公民身份号码", "sans", ls, lab)
    pen.text(28.0, 49.2, facts.id_number, style.digits_face, 4.2, ink, spacing_mm=0.5)
    return _finish(img, px_per_mm)


def render_back(facts: IdCardFacts, rng: random.Random, *, px_per_mm: float = 20.0) -> Image.Image:
    """Render the 国徽面 as an RGBA image: emblem, title, 签发机关 and 有效期限."""
    style = random_card_style(rng)
    img = _blank(px_per_mm, rng, (rng.uniform(0.93, 0.98), rng.uniform(0.93, 0.97), rng.uniform(0.85, 0.9)))
    mark = emblem(int(17 * px_per_mm * style.size))
    img.paste(mark, (int((6.5 + style.dx) * px_per_mm), int((5.0 + style.dy) * px_per_mm)), mark)
    pen = _Pen(img, px_per_mm, style)
    fs = fonts.font_set(style.family)
    title = (10, 10, 10)
    pen.text(30.0, 12.5, "中华人民共和国", fs.bold, 4.4, title, spread_mm=46.0)
    pen.text(30.0, 24.0, "居民身份证", fs.bold, 7.4, title, spread_mm=46.0)
    lab, ink = style.label_rgb, style.ink_rgb
    pen.text(15.5, 40.6, "签发机关", "sans", 2.6, lab)
    pen.text(30.5, 40.6, facts.issuing_authority, fs.body, 3.2, ink)
    pen.text(15.5, 47.2, "有效期限", "sans", 2.6, lab)
    pen.text(30.5, 47.2, facts.validity_text, fs.digits, 3.2, ink)
    return _finish(img, px_per_mm)

