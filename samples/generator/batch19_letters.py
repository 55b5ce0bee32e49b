"""Nineteenth-batch income-proof and ID-card families (templates.py): a 收入证明 written out by hand on the unit's
printed letter paper, and a photocopy of both sides of the ID card sent to the bank by fax.

`letter_handwritten_stationery`: small units (a shop, a workshop, a clinic, a branch office) often have no letter
template at all: the clerk takes a sheet of the unit's 信笺 — the unit's name printed in red at the head over a red
double rule, pale ruled lines down the page, a red rule and the unit's telephone at the foot — and writes the whole
certificate by hand in a blue-black ballpoint: the title, the addressee, one paragraph with the name, sex, ID number,
the day the employee started, the post and the monthly income before tax in figures and in 大写, 特此证明, then the
unit's name and the date at the lower right; the writing runs a little off the ruled lines and every character has its
own size, slant and height. The unit's red seal is pressed over the name and the date. A 16开 sheet (185 × 260 mm) or
A4; the writing is a picture, the printed stationery is not.
`id_fax_copy`: both sides photocopied on one A4 sheet and faxed to the bank's loan centre (by the employer's office or
a print shop), saved by the bank's fax server: black and white at the fax's resolution — standard (204 × 98, every
line doubled) or fine (204 × 196) —, the portrait and the guilloche either dithered to dots (photo mode) or cut to
black and white (text mode), the sending machine's header line across the top (date and time, FROM: the sender's
number, on some the sender's name, P.01/01), the sheet a little skewed by the feeder, lines lost or repeated in
transmission (horizontal streaks and a band shifted sideways) and on some a dirty-glass line down the page. A side
handed in alone is faxed alone on its own sheet.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from . import fonts
from .family_kit import date_text, press
from .finance import money
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import MM, Pen, Typeface, new_canvas
from .raster import np_rng, smooth_noise
from .seal import other_make

STATIONERY = "letter_handwritten_stationery"
FAX_ID = "id_fax_copy"
_RED = (0.8, 0.1, 0.1)
_HAND_PX = 10.0  # pixels per mm of the handwriting layer
_NO_LINE_START = "，。、；：）”！？"


# ------------------------------------------------------------------ letter_handwritten_stationery
class _Hand:
    """A ballpoint writing on a page-sized layer: each character its own size, tilt, slant and height."""

    def __init__(self, w_mm: float, h_mm: float, rng: random.Random, look: random.Random) -> None:
        self.rng = rng
        self.mask = Image.new("L", (int(w_mm * _HAND_PX), int(h_mm * _HAND_PX)), 0)
        self.face = look.choice(("sans", "sans", "serif", "wqy"))
        self.slant = look.uniform(0.06, 0.2)  # the writer's forward lean
        self.wide = look.uniform(0.96, 1.08)  # how loosely this writer spaces
        self.drift = look.uniform(-0.012, 0.018)  # mm the line rises per mm written (negative: falls)

    def advance(self, ch: str, size: float) -> float:
        """The room one character takes (mm), before the jitter."""
        fnt = fonts.font(self.face, int(size * _HAND_PX))
        return fnt.getlength(ch) / _HAND_PX * (0.94 if ch.isascii() else 1.0) * self.wide

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(ch, size) for ch in text)

    def char(self, x: float, y: float, ch: str, size: float) -> float:
        """One character with its baseline at (x, y) mm; return the x after it."""
        rng = self.rng
        px = size * _HAND_PX * rng.uniform(0.86, 1.1)
        fnt = fonts.font(self.face, int(px))
        box = int(px * 1.8)
        glyph = Image.new("L", (box, box), 0)
        ImageDraw.Draw(glyph).text((box * 0.25, box * 0.72), ch, font=fnt, fill=255, anchor="ls")
        shear = self.slant + rng.uniform(-0.05, 0.05)
        glyph = glyph.transform(glyph.size, Image.Transform.AFFINE, (1, shear, -shear * box * 0.72, 0, 1, 0),
                                Image.Resampling.BICUBIC)
        glyph = glyph.rotate(rng.uniform(-4.5, 4.5), resample=Image.Resampling.BICUBIC)
        left = int(x * _HAND_PX - box * 0.25)
        top = int((y + rng.uniform(-0.5, 0.5)) * _HAND_PX - box * 0.72)
        region = self.mask.crop((left, top, left + box, top + box))
        self.mask.paste(ImageChops.lighter(region, glyph), (left, top))
        return x + self.advance(ch, size) * rng.uniform(0.9, 1.04)

    def line(self, x: float, y: float, text: str, size: float) -> float:
        """A run of characters written along a line that drifts off the ruling a little; return the end x."""
        x0 = x
        for ch in text:
            x = self.char(x, y - (x - x0) * self.drift, ch, size) if ch != " " else x + size * 0.35
        return x

    def ink(self, look: random.Random) -> Image.Image:
        """The layer in blue-black ballpoint ink: uneven pressure, thin strokes softened a little."""
        mask = self.mask.filter(ImageFilter.GaussianBlur(0.55))
        arr = np.asarray(mask, dtype=np.float32) / 255.0
        h, w = arr.shape
        pressure = 0.72 + 0.28 * smooth_noise(h, w, cells=9, nrng=np_rng(self.rng))
        alpha = Image.fromarray((np.clip(arr * pressure * 1.15, 0, 1) * 255).astype(np.uint8), "L")
        colour = look.choice(((22, 38, 120), (18, 30, 92), (30, 34, 60), (24, 52, 140)))
        layer = Image.new("RGBA", mask.size, (*colour, 0))
        layer.putalpha(alpha)
        return layer


def _tokens(text: str) -> list[str]:
    """Characters, with figures and Latin runs kept whole and closing punctuation kept with what precedes it."""
    out: list[str] = []
    for ch in text:
        after_figure = ch in "年月日元" and out and out[-1][-1:].isdigit()  # 2015年 and 12.00元 stay whole
        if out and ((ch.isascii() and ch != " " and out[-1][-1:].isascii()) or ch in _NO_LINE_START or after_figure):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _body(facts: IncomeProofFacts, look: random.Random) -> list[str]:
    """The paragraphs the clerk writes (the first two characters of each left blank)."""
    start = date_text(facts.employment_start, "cn")
    amount = money(facts.monthly_income, commas=look.random() < 0.45)
    words = facts.amount_in_words
    first = look.choice((
        f"兹证明{facts.name}同志，性别{facts.sex}，身份证号码：{facts.id_number}，自{start}起在我单位工作，"
        f"现任{facts.position}，其月收入（税前）为人民币{amount}元（大写：{words}）。",
        f"兹有{facts.name}，{facts.sex}，身份证号：{facts.id_number}，系我单位职工，于{start}入职，现任{facts.position}"
        f"一职，月均税前收入人民币{amount}元，大写{words}。",
        f"{facts.name}（{facts.sex}，身份证号码{facts.id_number}）是我单位正式职工，{start}起在本单位工作，职务为"
        f"{facts.position}，每月税前工资收入{amount}元（人民币{words}）。",
    ))
    rest = look.choice(("以上情况属实，特此证明。", "特此证明。", "本单位对以上情况的真实性负责。特此证明。"))
    return [first, rest]


def render_stationery(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """The certificate written by hand on the unit's 信笺, the seal over the unit's name and the date."""
    look = random.Random(rng.getrandbits(32))
    w, h = (185.0, 260.0) if look.random() < 0.6 else (210.0, 297.0)
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when,
                        producer=look.choice(("Canon iR-ADV C3525", "RICOH MP 2014AD", "HP LaserJet MFP M227")))
    pen = Pen(canvas, Typeface("wqy", "lib_serif"), (w * MM, h * MM))
    left, right = look.uniform(16, 20), w - look.uniform(14, 18)
    pen.rect(0, 0, w, h, fill=(0.995, 0.99, 0.975))
    # the printed stationery: the unit's name in red, a red double rule, pale ruled lines, the foot line
    head = look.uniform(17, 21)
    pen.text(w / 2, head, facts.employer, look.uniform(17, 21), bold=True, align="center", color=_RED,
             max_width=right - left, spacing=look.choice((0.0, 0.6, 1.2)))
    pen.line(left, head + 5, right, head + 5, width=1.6, color=_RED)
    pen.line(left, head + 6.3, right, head + 6.3, width=0.45, color=_RED)
    pitch = look.uniform(9.2, 10.4)
    rule = look.choice(((0.9, 0.55, 0.5), (0.62, 0.72, 0.88)))
    first_rule = head + 6.3 + pitch * 1.2
    rules = []
    y = first_rule
    while y < h - 26:
        pen.line(left, y, right, y, width=0.35, color=rule)
        rules.append(y)
        y += pitch
    pen.line(left, h - 18, right, h - 18, width=0.6, color=_RED)
    foot = f"电话：{facts.employer_phone}"
    if look.random() < 0.5:
        foot = f"{facts.city}　{foot}　邮编：{look.randint(10, 85)}{look.randint(0, 9)}{look.choice(('000', '100', '200'))}"
    pen.text(w / 2, h - 13, foot, 8.5, align="center", color=_RED)
    # the writing
    hand = _Hand(w, h, rng, look)
    size = look.uniform(4.6, 5.4)  # mm, the height a character takes
    lift = look.uniform(0.9, 1.6)  # how far above the ruling the writer's baseline sits
    k = 0
    title = look.choice(("收入证明", "收 入 证 明", "工资收入证明"))
    hand.line(w / 2 - hand.width(title, size * 1.35) / 2, rules[k] - lift, title, size * 1.35)
    k += 1
    bank = look.choice(BANKS)
    hand.line(left + look.uniform(0, 3), rules[k] - lift, look.choice((f"{bank}{facts.city}分行：", f"{bank}：",
                                                                       f"致{bank}：")), size)
    k += 1
    span_right = right - look.uniform(1, 5)
    for para in _body(facts, look):
        x = left + hand.width("兹证", size) + look.uniform(-1, 1)  # the paragraph's indent
        for token in _tokens(para):
            need = hand.width(token, size)
            if x + need > span_right and x > left + 20 and token[0] not in _NO_LINE_START:
                k += 1
                x = left + look.uniform(0, 2)
            x = hand.line(x, rules[k] - lift, token, size)
        k += 1
    k += 1
    sx = left + (right - left) * look.uniform(0.42, 0.52)
    name_end = hand.line(sx, rules[k] - lift, facts.employer, size * 0.95)
    k += 1
    day = date_text(facts.issue_date, look.choice(("cn", "cn", "numerals")))
    hand.line(sx + look.uniform(4, 14), rules[k] - lift, day, size * 0.95)
    pen.image(hand.ink(look), 0, 0, w, h)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer)
        mark = replace(mark, color=(rng.randint(210, 236), rng.randint(28, 60), rng.randint(28, 48)), star=True)
        centre = ((sx + min(name_end, right)) / 2 + look.uniform(-6, 6), rules[k] - pitch * look.uniform(0.4, 0.9))
        press(pen, rng, mark, center=centre, width_mm=rng.uniform(38, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ id_fax_copy
_FAX_DPI = 204  # the fax's pixels per inch across the page


def _tti(look: random.Random, sender: str, company: str, sent: datetime) -> str:
    """The sending machine's header line (its own clock, number and name)."""
    clock = look.choice((f"{sent:%Y/%m/%d %H:%M}", f"{sent:%b-%d-%Y %H:%M}".upper(), f"{sent:%d-%m-%Y %H:%M}",
                         f"{sent:%Y-%m-%d %H:%M}"))
    name = f"  {company}" if look.random() < 0.45 else ""
    page = look.choice(("P.01/01", "P. 1/1", "P.001", "P.1"))
    return f"{clock}  FROM:{sender}{name}  {page}"


def _sheet(sides: dict[str, Image.Image], look: random.Random, px: float) -> Image.Image:
    """The sender's photocopy: the sides at real size down an A4 sheet, greys as a copier makes them."""
    page = Image.new("L", (int(210 * px), int(297 * px)), 250)
    x_centre = look.uniform(90, 118)
    y = look.uniform(30, 52)
    for side in ("front", "back"):
        if side in sides:
            art = sides[side].convert("RGBA").resize((int(85.6 * px), int(54 * px)), Image.Resampling.LANCZOS)
            flat = Image.new("RGB", art.size, (250, 250, 250))
            flat.paste(art, (0, 0), art)
            grey = ImageOps.autocontrast(flat.convert("L"), cutoff=1).point(lambda v: int(14 + v * 0.92))
            card = grey.rotate(look.uniform(-1.2, 1.2), expand=True, resample=Image.Resampling.BICUBIC, fillcolor=250)
            page.paste(card, (int((x_centre - 42.8) * px), int(y * px)))
        y += look.uniform(72, 92)
    return page


def fax_page(sides: dict[str, Image.Image], sender: str, company: str, sent: datetime, look: random.Random,
             rng: random.Random, *, dpi: int) -> Image.Image:
    """The fax as the bank's server saved it, drawn on A4 at dpi (an "L" image of black and white)."""
    px = _FAX_DPI / 25.4
    grey = np.asarray(_sheet(sides, look, px), dtype=np.float32)
    h, w = grey.shape
    skew = look.uniform(-0.9, 0.9)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
    grey = cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=250)
    fine = look.random() < 0.45
    if not fine:  # standard resolution: half the lines are sent, each shown twice
        grey = cv2.resize(grey, (w, h // 2), interpolation=cv2.INTER_AREA)
    grey = grey + np_rng(rng).normal(0, 6, grey.shape).astype(np.float32)
    photo = look.random() < 0.6
    if photo:  # the machine's photo mode: greys become dots
        level = np.clip((grey - 25) / 215, 0, 1) ** 1.6 * 255  # the paper comes out white, light tints sparse
        lifted = np.clip(level, 0, 255).astype(np.uint8)
        bw = np.asarray(Image.fromarray(lifted, "L").convert("1"), dtype=np.uint8) * 255
    else:  # text mode: one threshold
        bw = np.where(grey < look.uniform(135, 162), 0, 255).astype(np.uint8)
    rows = bw.shape[0]
    for _ in range(rng.randint(1, 4)):  # lines lost in transmission: the last good line repeated, or white
        r = rng.randrange(rows // 12, rows - 20)
        k = rng.randint(2, 9)
        bw[r : r + k] = bw[r - 1] if rng.random() < 0.6 else 255
    if rng.random() < 0.5:  # a band slipped sideways by a resync
        r = rng.randrange(rows // 6, rows - 60)
        k = rng.randint(8, 40)
        bw[r : r + k] = np.roll(bw[r : r + k], rng.randint(-24, 24), axis=1)
    if look.random() < 0.4:  # dirt on the sending machine's glass: a dark line down the page
        x = rng.randrange(w // 10, w - w // 10)
        bw[:, x : x + rng.randint(1, 2)] = 0
    if not fine:
        bw = np.repeat(bw, 2, axis=0)[:h]
        if bw.shape[0] < h:
            bw = np.vstack([bw, np.full((h - bw.shape[0], w), 255, np.uint8)])
    img = Image.fromarray(bw, "L")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, w, int(6 * px)), fill=255)
    draw.text((int(look.uniform(6, 12) * px), int(1.6 * px)), _tti(look, sender, company, sent),
              font=fonts.font("mono", int(2.9 * px)), fill=0)
    out_w, out_h = int(210 * dpi / 25.4), int(297 * dpi / 25.4)
    return img.resize((out_w, out_h), Image.Resampling.NEAREST)
