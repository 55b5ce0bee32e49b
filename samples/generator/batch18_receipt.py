"""Eighteenth-batch tax-record family (templates.py): a 纳税记录 printed on thermal paper by a 办税服务厅's
self-service terminal, stamped at the counter and photographed.

`tax_thermal_receipt`: the 自助办税终端 prints the 个人所得税纳税记录 as a long receipt on 80 mm thermal roll: the tax
bureau's name and 自助办税终端 centred, the title, dashed rules, 记录编号, 纳税人/证件号码, 所属期 2025.04.01-2026.03.31
(the terminal's dots), then every month on two lines — 2025-04 and the 所得项目, then 收入 and 税额 right-aligned —
with the 扣缴义务人 under the month wherever there is more than one, 收入合计/税额合计, 大写, 验证码, 开具时间 with the
clock time, 终端编号 and 请妥善保管; the thermal print grey rather than black, faint streaks along the paper's feed. The
counter clerk pressed the bureau's round red 征税专用章 by hand over the foot. The receipt lies on a desk, a little
curled and turned, photographed from above with a phone (a tall 9:16 picture); a picture only.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
from PIL import Image, ImageDraw

from docproc.cn.amount_words import to_words

from . import fonts
from .backgrounds import surface
from .finance import money
from .pdfkit import MM, Pen, new_canvas
from .raster import np_rng
from .seal import other_make, stamp
from .tax import TaxFacts

THERMAL = "tax_thermal_receipt"
PAGE_MM = (158.0, 281.0)  # the 9:16 page the phone's picture is set on
_PX = 9  # receipt pixels per mm (the terminal's 203 dpi head is about 8)


def _lines(facts: TaxFacts, when: datetime, rng: random.Random) -> list[tuple[str, str]]:
    """The receipt's lines as (alignment, text); alignment c centre, l left, r right, s split on the tab, - a rule."""
    agents = {r.agent for r in facts.rows}
    bureau = facts.authority.split("税务局")[0] + "税务局" if "税务局" in facts.authority else facts.authority
    out = [("c", bureau), ("c", "自助办税终端"), ("-", ""), ("c", "个人所得税纳税记录"), ("-", ""),
           ("l", f"记录编号：{facts.serial}"), ("l", f"纳税人：{facts.name}"), ("l", f"证件号码：{facts.id_number}"),
           ("l", f"所属期：{facts.period_start:%Y.%m.%d}-{facts.period_end:%Y.%m.%d}")]
    if len(agents) == 1:
        out.append(("l", f"扣缴义务人：{next(iter(agents))}"))
    out += [("-", ""), ("s", "所属月份 所得项目\t收入/税额")]
    for r in facts.rows:
        out.append(("s", f"{r.period:%Y-%m} {r.item}\t入库 {r.paid:%Y-%m-%d}"))
        if len(agents) > 1:
            out.append(("l", f"  {r.agent}"))
        out.append(("r", f"收入 {money(r.income)}  税额 {money(r.tax)}"))
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    out += [("-", ""), ("s", f"收入合计\t{money(facts.total_income)}"), ("s", f"税额合计\t{money(facts.total_tax)}"),
            ("l", f"大写：{words}"), ("-", ""), ("l", f"验证码：{facts.verification_code}"),
            ("l", f"开具时间：{facts.issue_date:%Y-%m-%d} {when:%H:%M:%S}"),
            ("l", f"终端编号：{rng.choice(('ZZ', 'BS'))}{rng.randint(100000, 999999)}"), ("-", ""),
            ("c", "请妥善保管  可登录电子税务局查验"), ("c", "税务机关（章）"), ("l", ""), ("l", ""), ("l", ""), ("l", "")]
    return out


def receipt(facts: TaxFacts, when: datetime, rng: random.Random) -> Image.Image:
    """The thermal receipt as a grey image at _PX px/mm, with the counter's seal if it was stamped."""
    lines = _lines(facts, when, rng)
    width_mm, margin = 80.0, 5.0
    pitch = 4.3
    height_mm = 14 + pitch * len(lines) + 12
    w, h = int(width_mm * _PX), int(height_mm * _PX)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    size = int(3.0 * _PX)
    fnt = fonts.font("mono", size)
    bold = fonts.font("mono_bold", int(size * 1.15))
    ink = rng.randint(50, 90)
    y = 10.0 * _PX
    for align, text in lines:
        if align == "-":
            draw.text((margin * _PX, y), "-" * 44, font=fnt, fill=ink)
        elif align == "c":
            draw.text((w / 2, y), text, font=bold if text.endswith("纳税记录") else fnt, fill=ink, anchor="ma")
        elif align == "r":
            draw.text((w - margin * _PX, y), text, font=fnt, fill=ink, anchor="ra")
        elif align == "s":
            a, b = text.split("\t")
            draw.text((margin * _PX, y), a, font=fnt, fill=ink)
            draw.text((w - margin * _PX, y), b, font=fnt, fill=ink, anchor="ra")
        else:
            draw.text((margin * _PX, y), text, font=fnt, fill=ink)
        y += pitch * _PX
    arr = np.asarray(img, dtype=np.float32)
    for _ in range(rng.randint(1, 3)):  # a worn spot on the head leaves a pale streak along the feed
        x = rng.randrange(int(margin * _PX), w - int(margin * _PX))
        arr[:, x : x + rng.randint(1, 3)] = 255 - (255 - arr[:, x : x + 3][:, :1]) * 0.35
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").convert("RGB")
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom="征税专用章")
        mark = replace(mark, color=(rng.randint(200, 225), rng.randint(20, 40), rng.randint(30, 50)), star=True)
        diameter = int(rng.uniform(36, 40) * _PX)
        out = stamp(out, rng, mark, center=(int(w / 2 + rng.uniform(-8, 8) * _PX), int(h - rng.uniform(16, 24) * _PX)),
                    diameter=diameter)
    return out


def render_thermal(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The stamped receipt on a desk, photographed from above: a picture-only PDF on a 9:16 page."""
    del producer
    slip = np.asarray(receipt(facts, when, rng), dtype=np.float32)
    sh, sw = slip.shape[:2]
    fh = int(sh * rng.uniform(1.08, 1.14))
    fw = int(fh * 9 / 16)
    desk = surface(fw, fh, rng, kind=rng.choice(("wood", "desk"))) * 255.0
    # the paper curls: the edges a little darker, the middle raised towards the light
    across = np.linspace(-1, 1, sw, dtype=np.float32)
    slip = slip * (1 - 0.08 * across**2)[None, :, None]
    angle = rng.uniform(-5, 5)
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1.0)
    m[0, 2] += fw / 2 - sw / 2 + rng.uniform(-0.05, 0.05) * fw
    m[1, 2] += fh / 2 - sh / 2
    warped = cv2.warpAffine(slip, m, (fw, fh), flags=cv2.INTER_AREA)
    mask = cv2.warpAffine(np.ones((sh, sw), np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    drop = cv2.GaussianBlur(np.roll(mask[..., 0], (int(fh * 0.004), int(fw * 0.012)), (0, 1)), (0, 0), fw * 0.008)
    frame = desk * (1 - 0.4 * drop[..., None]) * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 1.04 - 0.25 * (((xx - fw * rng.uniform(0.3, 0.7)) / fw) ** 2 + ((yy - fh * 0.4) / fh) ** 2) * 2
    frame = frame * light[..., None] * np.array([1.0, rng.uniform(0.97, 0.99), rng.uniform(0.9, 0.95)], np.float32)
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.5, 0.8))
    frame = frame + np_rng(rng).normal(0, 2.5, frame.shape).astype(np.float32)
    img = Image.fromarray(np.clip(frame, 0, 255).astype(np.uint8), "RGB").resize((1800, 3200),
                                                                                  Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    size = (PAGE_MM[0] * MM, PAGE_MM[1] * MM)
    pdf = new_canvas(buffer, page_pt=size, when=when, producer=rng.choice(("iOS Quartz PDFContext",
                                                                           "WPS Office 图片转PDF", "Microsoft: Print To PDF")))
    pen = Pen(pdf, facts.face, size)
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
