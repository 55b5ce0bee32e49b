"""Thirteenth-batch income-proof family (templates.py): a letter whose facts sit in a bordered table with merged
section cells, and an ID card photocopy's overprint.

`letter_merged_cells`: a unit's 收入证明 typed as one bordered table on A4: the title over a 编号 line, then three
columns — a section cell merged down its rows (基本信息 / 收入情况 / 单位信息, set vertically), the label, the value —
giving 姓名 and 性别 in one row split in four, 身份证号码, 工作单位, 所在部门及职务, 入职时间; 月收入（税前，小写）with ¥,
月收入（大写）, 年收入（税前）; 单位地址, 联系人及电话; a last row merged across all columns holding the declaration, 单位
（盖章） and the date (2026年03月05日), with the seal pressed in that cell.
`overprint`: the diagonal repeated 仅供…银行…使用，他用无效 text that customers lay over an ID copy (id_copy_overprint).
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import replace
from datetime import datetime

from PIL import Image, ImageDraw

from . import fonts
from .family_kit import amount_text, date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

RULE = (0.1, 0.1, 0.1)
OVERPRINT = "id_copy_overprint"


def render_merged_cells(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入证明 as one bordered table: merged section cells on the left, labels, values, a merged sign-off row."""
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    title = rng.choice(("收入证明", "职工收入证明", "个人收入证明"))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("WPS Office", "Microsoft® Word 2019")),
                        title=title)
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(20, 26), pen.w_mm - rng.uniform(20, 26)
    span = right - left
    pen.text(pen.w_mm / 2, 34, title, rng.uniform(18, 21), bold=True, align="center", spacing=2.0)
    pen.text(right, 44, f"编号：{facts.issue_date:%Y}-{rng.randint(1, 400):03d}", 9.5, align="right")
    size = rng.uniform(10.8, 11.6)
    sec_w, lab_w = span * 0.1, span * 0.27
    val_w = span - sec_w - lab_w
    rh = rng.uniform(10, 11.5)
    style = rng.choice(("yen", "commas"))
    annual = facts.monthly_income * 12
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    sections = (("基本信息", (("姓　　名", None), ("身份证号码", facts.id_number), ("工作单位", facts.employer),
                              ("所在部门及职务", facts.position), ("入职时间", start))),
                ("收入情况", (("月收入（税前，小写）", amount_text(facts.monthly_income, style)),
                              ("月收入（大写）", facts.amount_in_words),
                              ("年收入（税前）", amount_text(annual, style)))),
                ("单位信息", (("联系人及电话", f"人力资源部　{facts.employer_phone}"),
                              ("证明用途", "办理个人住房贷款"))))
    y = 50.0
    for section, rows in sections:
        top = y
        for label, value in rows:
            pen.rect(left + sec_w, y, lab_w, rh, stroke=RULE, width=0.6)
            pen.text(left + sec_w + lab_w / 2, y + rh * 0.64, label, size - 0.6, align="center", max_width=lab_w - 2)
            x = left + sec_w + lab_w
            if value is None:  # 姓名 and 性别 share the row: the value cell split in four
                quarter = val_w / 4
                for k, text in enumerate((facts.name, "性　别", facts.sex, "")):
                    if k < 3:
                        pen.rect(x + k * quarter, y, quarter if k < 2 else val_w - 2 * quarter, rh, stroke=RULE,
                                 width=0.6)
                    pen.text(x + k * quarter + quarter / 2, y + rh * 0.64, text, size, align="center")
            else:
                pen.rect(x, y, val_w, rh, stroke=RULE, width=0.6)
                pen.text(x + 3, y + rh * 0.64, value, size, max_width=val_w - 6)
            y += rh
        pen.rect(left, top, sec_w, y - top, stroke=RULE, width=0.6)
        chars = list(section)
        step = min(6.2, (y - top) / (len(chars) + 1))
        mid = top + (y - top) / 2 - step * (len(chars) - 1) / 2
        for k, ch in enumerate(chars):
            pen.text(left + sec_w / 2, mid + k * step + 1.6, ch, size, bold=True, align="center")
    foot = rng.uniform(78, 88)
    pen.rect(left, y, span, foot, stroke=RULE, width=0.6)
    lines = pen.wrap("\u3000\u3000兹证明上述人员系我单位在职职工，以上信息及收入情况真实无误，本证明仅供其办理个人住房贷款"
                     "使用。如因本证明内容不实给贵行造成损失，我单位愿承担相应责任。", size, span - 10)
    for k, line in enumerate(lines):
        pen.text(left + 5, y + 9 + k * size * 0.62, line, size)
    sx = right - span * 0.28
    pen.text(sx, y + foot - 26, "单位（盖章）：", size, align="center")
    name_w = pen.text(sx, y + foot - 17, facts.employer, size, align="center", max_width=span * 0.5)
    pen.text(sx, y + foot - 8, date_text(facts.issue_date, "cn_padded"), size, align="center")
    pen.rect(left, y + foot, span, 0.01, stroke=RULE, width=1.4)
    pen.rect(left, 50, span, y + foot - 50, stroke=RULE, width=1.4)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章", "财务专用章")))
        mark = replace(mark, color=rng.choice(((220, 36, 40), (206, 30, 50), (228, 52, 40))), ring=0.04)
        press(pen, rng, mark, center=(sx + name_w * rng.uniform(-0.2, 0.2), y + foot - 18 + rng.uniform(-4, 3)),
              width_mm=rng.uniform(38, 42))
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def overprint(img: Image.Image, rng: random.Random, *, px_per_mm: float) -> Image.Image:
    """Lay the customer's diagonal, repeated 仅供…使用，他用无效 text over an image (grey-black or red, semi-opaque)."""
    bank = rng.choice(BANKS)
    text = rng.choice((f"仅供{bank}按揭贷款使用，他用无效", f"此复印件仅供{bank}办理个人住房贷款使用", f"仅限{bank}房贷审核使用 他用无效"))
    size = max(12, int(rng.uniform(5.0, 6.5) * px_per_mm))
    font = fonts.font("wqy", size)
    colour = rng.choice(((40, 40, 40), (200, 30, 30), (60, 60, 140)))
    side = int(math.hypot(img.width, img.height)) + 2 * size
    layer = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(layer)
    step_x = int(font.getlength(text) + size * rng.uniform(2, 4))
    step_y = int(size * rng.uniform(3.2, 4.5))
    for row, y in enumerate(range(0, side, step_y)):
        for x in range(-step_x + (row % 2) * step_x // 2, side, step_x):
            draw.text((x, y), text, font=font, fill=int(255 * rng.uniform(0.42, 0.55)))
    layer = layer.rotate(rng.choice((1, -1)) * rng.uniform(25, 40), resample=Image.Resampling.BICUBIC)
    cx, cy = (side - img.width) // 2, (side - img.height) // 2
    alpha = layer.crop((cx, cy, cx + img.width, cy + img.height))
    base = img.convert("RGBA")
    ink = Image.new("RGBA", img.size, (*colour, 0))
    ink.putalpha(alpha)
    out = Image.alpha_composite(base, ink)
    if img.mode == "RGBA":  # a card's rounded corners stay transparent
        out.putalpha(base.getchannel("A"))
        return out
    return out.convert("RGB")
