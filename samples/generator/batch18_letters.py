"""Eighteenth-batch income-proof and ID-card families (templates.py): a 收入证明 torn from a bound pad of red-printed
forms with a counterfoil, and both sides of the ID card photocopied enlarged on a landscape sheet that the bank's
clerk stamped as checked against the original.

`letter_counterfoil_torn`: many units keep a pad of 收入证明 forms printed in red, each leaf a counterfoil (存根) on
the left and the certificate on the right, divided by a perforation with the leaf's number written across it (骑缝
编号); the certificate is torn off along the perforation and handed in, so the sheet is a 16开 leaf cut short on the
left: a ragged edge with the perforation's half-holes and the right halves of the 骑缝 number's characters. The form
— title, （ ）字第 号, the wording with its blanks, the underlines, 单位（盖章）, 年 月 日 and a footnote — is printed in
red; the unit's clerk typed the values into the blanks in black, a little off the lines. The unit's seal (red-orange,
a thin ring) sits over 单位（盖章） and the date.
`id_enlarged_verified_copy`: both sides of the 居民身份证 photocopied side by side on a landscape A4 sheet at the
copier's 141 % (or 129 %) enlargement, grey on most copies, two binder holes punched down the left margin, and under the
copies the bank clerk's blue rectangular 与原件核对一致 stamp with the clerk's initials and the date written into it; a
side handed in alone sits in its place with the other place left blank.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

from . import fonts
from .batch15_letters import _hand
from .family_kit import date_text, press
from .finance import money
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import MM, Pen, Typeface, new_canvas, random_typeface
from .raster import np_rng
from .seal import other_make

COUNTERFOIL = "letter_counterfoil_torn"
VERIFIED = "id_enlarged_verified_copy"
_RED = (0.78, 0.12, 0.1)


# ------------------------------------------------------------------ letter_counterfoil_torn
def _torn_edge(height_mm: float, number: str, rng: random.Random) -> Image.Image:
    """The leaf's left edge at 12 px/mm: perforation half-holes, a ragged paper edge and the right halves of the
    骑缝 number's characters, red as the form is printed (a picture: the halves are no text)."""
    px = 12
    w, h = int(9 * px), int(height_mm * px)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    pitch = rng.uniform(3.2, 4.2) * px
    y = rng.uniform(0, pitch)
    while y < h:  # the half-holes the tear leaves, with the paper fibres round them
        r = rng.uniform(0.55, 0.75) * px
        draw.ellipse((-r, y - r, r, y + r), fill=(255, 255, 255, 255), outline=(178, 176, 170, 255), width=2)
        y += pitch
    for yy in range(0, h, 3):  # the ragged edge, its torn fibres a little grey against the scanner's white lid
        reach = rng.uniform(0.6, 1.6) * px
        draw.line((0, yy, reach, yy), fill=(255, 255, 255, 255), width=3)
        draw.point((reach, yy), fill=(170, 168, 160, 255))
    size = int(6.5 * px)
    fnt = fonts.font("serif", size)
    text = f"第{number}号"
    column = Image.new("L", (size * 2, int(size * 1.15 * len(text)) + size), 0)
    cd = ImageDraw.Draw(column)
    for k, ch in enumerate(text):  # written down the perforation, one character under the other
        cd.text((size // 2, k * size * 1.15), ch, font=fnt, fill=255)
    top = int((h - column.height) * rng.uniform(0.3, 0.6))
    half = column.crop((size, 0, column.width, column.height))  # only what lies right of the tear remains
    ink = Image.new("RGBA", half.size, (200, 32, 26, 0))
    ink.putalpha(half.point(lambda v: int(v * 0.9)))
    img.alpha_composite(ink, (0, max(top, 0)))
    return img


def render_counterfoil(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """The certificate torn off its counterfoil: red form, typed values in black, the seal over 单位（盖章）."""
    buffer = io.BytesIO()
    w, h = rng.uniform(186, 196), rng.uniform(182, 190)
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer="Microsoft® Word 2010", title="收入证明")
    pen = Pen(canvas, random_typeface(rng), (w * MM, h * MM))
    typed = Typeface("wqy_mono", "lib_mono", (0.06, 0.06, 0.1))  # the clerk's printer
    pen.rect(0, 0, w, h, fill=(0.995, 0.99, 0.975))
    number = f"{rng.randint(1, 9999):05d}"
    pen.image(_torn_edge(h, number, rng), 0, 0, 9, h)
    left, right = 20.0 + rng.uniform(-2, 2), w - rng.uniform(14, 18)
    span = right - left
    size = rng.uniform(11.2, 12.4)
    off = rng.uniform(-0.9, 0.6)  # the platen never quite meets the form's lines
    dx = rng.uniform(-1.5, 2.5)
    pen.text(w / 2 + 4, 24, "收　入　证　明", 21, bold=True, align="center", color=_RED, spacing=0.6)
    x0 = right - pen.width("号", 10) - pen.width(number, 10, face=typed) - 2 - pen.width("（　　）字第", 10)
    x = x0 + pen.text(x0, 33, "（　　）字第", 10, color=_RED)
    pen.text(x0 + pen.width("（", 10) + 0.3, 33 + off, rng.choice(("人", "劳", "财", "证")), 10, face=typed)
    x += pen.text(x + 1, 33 + off, number, 10, face=typed) + 2
    pen.text(x, 33, "号", 10, color=_RED)
    y = 46.0
    lead = size * 0.72

    def line(parts: list[tuple[str, bool, float]]) -> None:
        """One printed line: red wording and typed values on red underlines of at least the width given."""
        nonlocal y
        x = left
        for text, value, min_w in parts:
            if not value:
                x += pen.text(x, y, text, size, color=_RED)
                continue
            width = max(min_w, pen.width(text, size, face=typed) + 4)
            width = min(width, right - x)
            pen.line(x, y + 1.2, x + width, y + 1.2, width=0.35, color=_RED)
            pen.text(x + 2 + dx, y + off, text, size, face=typed, max_width=width - 2)
            x += width
        y += lead

    bank = rng.choice(BANKS)
    line([(f"{bank}{facts.city}分行", True, 70), ("：", False, 0)])
    y += 1.5
    start = facts.employment_start
    line([("\u3000\u3000兹证明", False, 0), (facts.name, True, 28), ("同志，性别", False, 0), (facts.sex, True, 12),
          ("，", False, 0)])
    line([("身份证号码", False, 0), (facts.id_number, True, 62), ("，系我单位职工，", False, 0)])
    line([("自", False, 0), (str(start.year), True, 15), ("年", False, 0), (str(start.month), True, 9), ("月", False, 0),
          (str(start.day), True, 9), ("日起在我单位工作，现任", False, 0), (facts.position, True, 30),
          ("职务。", False, 0)])
    line([("其月收入（税前）为人民币（小写）", False, 0), (money(facts.monthly_income, commas=rng.random() < 0.5), True, 34),
          ("元，", False, 0)])
    line([("（大写）", False, 0), (facts.amount_in_words, True, 70), ("。", False, 0)])
    line([("\u3000\u3000工作单位：", False, 0), (facts.employer, True, 90)])
    line([("\u3000\u3000单位电话：", False, 0), (facts.employer_phone, True, 48)])
    line([("\u3000\u3000特此证明。", False, 0)])
    y += lead * 0.6
    sx = left + span * rng.uniform(0.5, 0.56)
    pen.text(sx, y, "单位（盖章）", size, color=_RED)
    seal_y = y + lead * 0.9
    y += lead * 1.6
    d = facts.issue_date
    x = sx + 2
    for text, value in ((str(d.year), True), ("年", False), (str(d.month), True), ("月", False), (str(d.day), True),
                        ("日", False)):
        if value:
            pen.text(x + 1 + dx * 0.5, y + off, text, size, face=typed)
            x += max(pen.width(text, size, face=typed) + 3, 9)
        else:
            x += pen.text(x, y, text, size, color=_RED)
    pen.line(left, h - 22, right, h - 22, width=0.3, color=_RED)
    pen.text(left, h - 16, "注：1. 本证明须加盖单位公章，涂改无效；2. 本证明自开具之日起三十日内有效。", 8.5, color=_RED)
    pen.text(right, h - 10, f"{facts.city}{rng.choice(('印刷厂', '印务有限公司', '文印中心'))}印制", 7, align="right",
             color=_RED)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer)
        mark = replace(mark, color=(rng.randint(226, 240), rng.randint(70, 100), rng.randint(24, 40)), ring=0.022,
                       inner=False, star=True)
        press(pen, rng, mark, center=(sx + rng.uniform(14, 24), seal_y + rng.uniform(-3, 4)),
              width_mm=rng.uniform(38, 41))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ id_enlarged_verified_copy
def _stamp(clerk: str, checked: date, look: random.Random, rng: random.Random, px: float) -> Image.Image:
    """The clerk's blue rectangular 与原件核对一致 stamp with the initials and the date written in."""
    w, h = int(52 * px), int(22 * px)
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    edge = max(2, int(0.7 * px))
    draw.rectangle((edge, edge, w - edge, h - edge), outline=255, width=edge)
    draw.rectangle((3 * edge, 3 * edge, w - 3 * edge, h - 3 * edge), outline=255, width=max(1, edge // 2))
    big = fonts.font("sans_bold", int(5 * px))
    draw.text((w / 2, 3.5 * px), "与原件核对一致", font=big, fill=255, anchor="ma")
    small = fonts.font("sans", int(3.4 * px))
    draw.text((4 * px, 11 * px), "核对人：", font=small, fill=255)
    draw.text((4 * px, 16.2 * px), "日　期：", font=small, fill=255)
    arr = np.asarray(mask, dtype=np.float32) / 255.0
    arr = arr * np.clip(np_rng(rng).normal(0.85, 0.18, arr.shape), 0.25, 1.0)  # uneven ink on the rubber
    alpha = Image.fromarray((arr * 235).astype(np.uint8), "L")
    ink = Image.new("RGBA", (w, h), (34, 62, 168, 0))
    ink.putalpha(alpha)
    sig = _hand(clerk, rng, int(4.2 * px))
    ink.alpha_composite(sig, (int(18 * px), int(9.4 * px)))
    day = _hand(date_text(checked, look.choice(("dot", "slash", "cn"))), rng, int(3.6 * px))
    ink.alpha_composite(day, (int(18 * px), int(14.9 * px)))
    return ink.rotate(look.uniform(-4, 4), expand=True, resample=Image.Resampling.BICUBIC)


def verified_copy_page(sides: dict[str, Image.Image], checked: date, look: random.Random, rng: random.Random, *,
                       dpi: int) -> Image.Image:
    """The landscape copy: the sides enlarged side by side, binder holes, the clerk's stamp under them."""
    px = dpi / 25.4
    w, h = int(297 * px), int(210 * px)
    grey = look.random() < 0.7
    page = Image.new("RGB", (w, h), (250, 250, 248))
    ratio = look.choice((1.41, 1.41, 1.29))
    cw, ch = 85.6 * ratio, 54 * ratio
    gap = look.uniform(8, 16)
    x0 = (297 - 2 * cw - gap) / 2 + look.uniform(-3, 5)
    top = look.uniform(24, 38)
    for k, side in enumerate(("front", "back")):
        if side not in sides:
            continue
        art = sides[side].convert("RGBA").resize((int(cw * px), int(ch * px)), Image.Resampling.LANCZOS)
        flat = Image.new("RGB", art.size, (250, 250, 248))
        flat.paste(art, (0, 0), art)
        if grey:
            flat = ImageOps.autocontrast(flat.convert("L"), cutoff=1).point(lambda v: int(16 + v * 0.9)).convert("RGB")
        else:
            flat = ImageEnhance.Contrast(flat).enhance(look.uniform(1.1, 1.25))
        card = flat.convert("RGBA")
        card.putalpha(art.getchannel("A"))
        card = card.rotate(look.uniform(-0.8, 0.8), expand=True, resample=Image.Resampling.BICUBIC)
        page.paste(card, (int((x0 + k * (cw + gap)) * px), int(top * px)), card)
    draw = ImageDraw.Draw(page)
    for cy in (105 - 40, 105 + 40):  # the binder holes: the scanner's lid shows through them
        r = 3 * px
        cx = 11 * px
        draw.ellipse((cx - r, cy * px - r, cx + r, cy * px + r), fill=(236, 236, 236), outline=(150, 150, 150),
                     width=max(1, int(px / 5)))
    clerk = look.choice(("王", "李", "张", "陈", "赵", "周", "孙")) + look.choice(("敏", "洁", "强", "晖", "磊", "芳"))
    stamp = _stamp(clerk, checked, look, rng, px)
    sx = x0 + 2 * cw + gap - 56 + look.uniform(-10, 4)
    sy = top + ch + look.uniform(8, 18)
    page.paste(stamp, (int(sx * px), int(sy * px)), stamp)
    arr = np.asarray(page, dtype=np.float32)
    for _ in range(rng.randint(20, 60)):  # toner specks
        x, y = rng.randrange(w), rng.randrange(h)
        arr[y : y + 2, x : x + 2] *= rng.uniform(0.3, 0.7)
    arr += np_rng(rng).normal(0, 2.0, arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    return out
