"""Fourteenth-batch income-proof and ID-card families (templates.py): a bank's boxed fill-in form and a phone scan
app's black-and-white copy of both card sides.

`letter_digit_boxes`: a bank's pre-printed 个人收入证明（银行格式）, typed in by the employer: the bank's name and the
form's number at the top, 致：…银行 and a filling instruction, then ruled rows — 姓名/性别, the 身份证号码 one digit to
a box in eighteen comb boxes, 工作单位（全称）, 部门及职务, 入职时间 as …年…月…日 boxes, 劳动合同类型 and 单位性质 as □/■
choices, the 税前月收入 as a cheque-style digit grid under 佰/拾/万/仟/佰/拾/元/角/分 headings with a ¥ in the cell before
the first digit, 月收入（大写）, 单位联系电话 — then the unit's declaration, 单位（公章）, the unit's name and a date in
…年…月…日 boxes under the seal, and a 银行经办人 strip at the foot.
`id_scan_app_bw`: both sides of the card photographed by a phone scan app and saved in its black-and-white 文档 mode:
the sides side by side on a landscape A4 page at about real size, thresholded to black on white (the portrait and the
guilloche turn into speckle, the text stays), a little perspective left from the phone, the app's small mark at the
foot. A side handed in alone gets the same treatment on its own page.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import cv2
import numpy as np
from PIL import Image, ImageDraw

from . import fonts
from .family_kit import press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

RULE = (0.12, 0.12, 0.12)
SCAN_APP = "id_scan_app_bw"
DIGITS = "letter_digit_boxes"
_GRID = ("佰", "拾", "万", "仟", "佰", "拾", "元", "角", "分")


def _boxes(pen: Pen, x: float, y: float, h: float, cells: list[str], cw: float, size: float) -> float:
    """A row of comb boxes, one character in each; return the x after the last box."""
    for k, ch in enumerate(cells):
        pen.rect(x + k * cw, y, cw, h, stroke=RULE, width=0.4)
        if ch:
            pen.text(x + k * cw + cw / 2, y + h * 0.7, ch, size, align="center")
    return x + len(cells) * cw


def _choices(pen: Pen, x: float, y: float, options: tuple[str, ...], ticked: int, size: float) -> None:
    for k, option in enumerate(options):
        box = "■" if k == ticked else "□"
        x += pen.text(x, y, f"{box}{option}", size) + 4


def _date_boxes(pen: Pen, x: float, y: float, h: float, when: object, size: float) -> float:
    """…年…月…日 with the figures typed into boxes."""
    for value, unit, cells in ((f"{when.year}", "年", 4), (f"{when.month:02d}", "月", 2),  # type: ignore[attr-defined]
                               (f"{when.day:02d}", "日", 2)):  # type: ignore[attr-defined]
        x = _boxes(pen, x, y, h, list(value.rjust(cells)), 5.2, size)
        x += pen.text(x + 0.8, y + h * 0.7, unit, size) + 1.6
    return x


def render_digit_boxes(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """个人收入证明（银行格式）: comb boxes for the ID number, a 佰拾万仟佰拾元角分 grid for the pay, □/■ choices."""
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("WPS Office", "Microsoft® Word 2016")),
                        title="个人收入证明")
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    bank = rng.choice(BANKS)
    left, right = rng.uniform(16, 22), pen.w_mm - rng.uniform(16, 22)
    span = right - left
    blue = rng.choice(((0.1, 0.2, 0.5), (0.05, 0.3, 0.32), (0.45, 0.08, 0.1)))
    pen.text(left, 18, bank, 11, bold=True, color=blue)
    pen.text(right, 18, f"表单编号：GR-{rng.randint(1, 40):02d}-{rng.randint(2019, 2024)}", 8, align="right", color=blue)
    pen.line(left, 21, right, 21, width=0.9, color=blue)
    pen.text(pen.w_mm / 2, 33, "个人收入证明", 19, bold=True, align="center", spacing=1.5)
    pen.text(pen.w_mm / 2, 39, "（银行格式）", 9.5, align="center", color=(0.3, 0.3, 0.3))
    pen.text(left, 49, f"致：{bank}", 10.5)
    pen.text(left, 55, "　　以下栏目由借款人所在单位如实填写，金额栏请逐格填写阿拉伯数字，选择项请将□涂黑为■。", 8.4,
             color=(0.3, 0.3, 0.3), max_width=span)
    size = rng.uniform(10.2, 11.0)
    lab_w, rh = 36.0, rng.uniform(11, 12.5)
    y = 60.0
    pen.rect(left, y, span, 0.01, stroke=RULE, width=1.2)

    def row(label: str) -> tuple[float, float]:
        nonlocal y
        pen.rect(left, y, lab_w, rh, stroke=RULE, width=0.5, fill=(0.94, 0.95, 0.97))
        pen.rect(left + lab_w, y, span - lab_w, rh, stroke=RULE, width=0.5)
        pen.text(left + 2, y + rh * 0.64, label, size - 0.8, max_width=lab_w - 3)
        top = y
        y += rh
        return left + lab_w + 3, top

    x, top = row("姓　　名")
    pen.text(x, top + rh * 0.64, facts.name, size)
    mid = left + lab_w + (span - lab_w) * 0.55
    pen.line(mid, top, mid, top + rh, width=0.5, color=RULE)
    pen.text(mid + 3, top + rh * 0.64, "性别：", size - 0.8)
    _choices(pen, mid + 16, top + rh * 0.64, ("男", "女"), 0 if facts.sex == "男" else 1, size - 0.6)
    x, top = row("身份证号码")
    _boxes(pen, x, top + 2, rh - 4, list(facts.id_number), 6.4, size)
    x, top = row("工作单位（全称）")
    pen.text(x, top + rh * 0.64, facts.employer, size, max_width=span - lab_w - 6)
    x, top = row("部门及职务")
    pen.text(x, top + rh * 0.64, facts.position, size)
    x, top = row("入职时间")
    _date_boxes(pen, x, top + 2, rh - 4, facts.employment_start, size)
    x, top = row("劳动合同类型")
    _choices(pen, x, top + rh * 0.64, ("固定期限", "无固定期限", "劳务派遣", "其他"), rng.choice((0, 0, 1)),
             size - 0.6)
    x, top = row("单位性质")
    _choices(pen, x, top + rh * 0.64, ("机关事业", "国有企业", "外资企业", "民营企业", "其他"), rng.choice((1, 3, 3, 2)),
             size - 0.8)
    # the pay grid: headings over the cells, the ¥ in the cell before the first digit
    pen.rect(left, y, lab_w, rh * 1.7, stroke=RULE, width=0.5, fill=(0.94, 0.95, 0.97))
    pen.rect(left + lab_w, y, span - lab_w, rh * 1.7, stroke=RULE, width=0.5)
    pen.text(left + 2, y + rh * 0.75, "税前月收入", size - 0.8)
    pen.text(left + 2, y + rh * 1.35, "（小写）", size - 1.6)
    cw = 8.0
    x0 = left + lab_w + 4
    cents = f"{int(facts.monthly_income * 100):d}"
    cells = [""] * (len(_GRID) - len(cents)) + list(cents)
    first = len(_GRID) - len(cents)
    if first > 0:
        cells[first - 1] = "¥"
    head_h = rh * 0.6
    for k, (unit, ch) in enumerate(zip(_GRID, cells, strict=True)):
        pen.rect(x0 + k * cw, y + 1.5, cw, head_h, stroke=RULE, width=0.35)
        pen.text(x0 + k * cw + cw / 2, y + 1.5 + head_h * 0.75, unit, size - 2.4, align="center")
        pen.rect(x0 + k * cw, y + 1.5 + head_h, cw, rh * 0.95, stroke=RULE, width=0.35)
        if ch:
            pen.text(x0 + k * cw + cw / 2, y + 1.5 + head_h + rh * 0.68, ch, size + 0.6, align="center")
    pen.text(x0 + len(_GRID) * cw + 4, y + rh * 1.1, "元", size - 0.8)
    y += rh * 1.7
    x, top = row("月收入（大写）")
    pen.text(x, top + rh * 0.64, f"人民币{facts.amount_in_words}", size, max_width=span - lab_w - 6)
    annual = facts.monthly_income * 12
    x, top = row("年收入（税前）")
    pen.text(x, top + rh * 0.64, f"{annual.quantize(Decimal('0.01')):,}元", size)
    x, top = row("单位联系电话")
    pen.text(x, top + rh * 0.64, facts.employer_phone, size)
    foot = rng.uniform(64, 72)
    pen.rect(left, y, span, foot, stroke=RULE, width=0.5)
    text = ("　　兹证明以上所填内容真实、准确，如因上述内容不实造成贵行损失，本单位承担相应的经济和法律责任。"
            "本证明仅用于借款人向贵行申请个人贷款。")
    for k, line in enumerate(pen.wrap(text, size - 0.6, span - 8)):
        pen.text(left + 4, y + 8 + k * 5.2, line, size - 0.6)
    sx = right - span * 0.3
    pen.text(sx - 22, y + foot - 34, "单位（公章）：", size - 0.4)
    name_w = pen.text(sx, y + foot - 22, facts.employer, size, align="center", max_width=span * 0.5)
    _date_boxes(pen, sx - 30, y + foot - 15, 7.0, facts.issue_date, size - 0.6)
    pen.text(left + 4, y + foot - 8, "单位经办人：人力资源部", size - 1)
    y += foot
    pen.rect(left, y, span, 0.01, stroke=RULE, width=1.2)
    pen.text(left, y + 7, "以下由银行填写：　经办客户经理：__________　核实电话：__________　核实日期：__________", 8.4,
             color=(0.35, 0.35, 0.35), max_width=span)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章")))
        mark = replace(mark, color=rng.choice(((222, 40, 40), (178, 48, 88), (196, 82, 40))),
                       ring=rng.choice((0.02, 0.05)), inner=rng.random() < 0.3)
        press(pen, rng, mark, center=(sx + name_w * rng.uniform(-0.2, 0.2), y - foot + 22 + rng.uniform(-5, 4)),
              width_mm=rng.uniform(38, 43))
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ id_scan_app_bw
def _threshold(img: Image.Image, rng: random.Random) -> Image.Image:
    """A scan app's 黑白 document mode: local-contrast threshold, so text stays black and tints go white."""
    grey = np.asarray(img.convert("L"))
    block = rng.choice((31, 41, 51))
    out = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block,
                                rng.uniform(9, 14))
    return Image.fromarray(out, "L")


def scan_app_page(sides: list[Image.Image], rng: random.Random, *, dpi: int) -> Image.Image:
    """The card sides side by side on a landscape A4 page, thresholded to black and white by a phone scan app."""
    px_mm = dpi / 25.4
    w, h = int(297 * px_mm), int(210 * px_mm)
    page = Image.new("RGB", (w, h), (255, 255, 255))
    scale = rng.uniform(1.0, 1.2)
    cw, ch = int(85.6 * scale * px_mm), int(54 * scale * px_mm)
    gap = rng.uniform(10, 22) * px_mm
    x = (w - 2 * cw - gap) / 2 if len(sides) == 2 else (w - cw) / 2
    y = rng.uniform(45, 70) * px_mm
    for art in sides:
        card = art.convert("RGBA").resize((cw, ch), Image.Resampling.LANCZOS)
        # the phone held a little off square: a slight keystone on each card
        src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
        d = rng.uniform(0.005, 0.02) * cw
        dst = np.array([[rng.uniform(0, d), rng.uniform(0, d)], [cw - rng.uniform(0, d), rng.uniform(0, d)],
                        [cw - rng.uniform(0, d), ch - rng.uniform(0, d)], [rng.uniform(0, d), ch - rng.uniform(0, d)]],
                       np.float32)
        m = cv2.getPerspectiveTransform(src, dst)
        warped = cv2.warpPerspective(np.asarray(card), m, (cw, ch), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
        piece = Image.fromarray(warped, "RGBA")
        page.paste(piece, (int(x), int(y + rng.uniform(-3, 3) * px_mm)), piece)
        edge = ImageDraw.Draw(page)
        edge.rounded_rectangle((int(x), int(y), int(x + cw), int(y + ch)), radius=int(3 * px_mm), outline=(90, 90, 90),
                               width=max(1, int(0.25 * px_mm)))
        x += cw + gap
    bw = _threshold(page, rng)
    draw = ImageDraw.Draw(bw)
    mark = rng.choice(("扫描全能助手", "证件扫描", "口袋扫描仪", "极速扫描王"))
    font = fonts.font("wqy", int(3.2 * px_mm))
    draw.text((w - int(12 * px_mm) - font.getlength(mark), h - int(12 * px_mm)), mark, font=font, fill=110)
    return bw.convert("RGB")
