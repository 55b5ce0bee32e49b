"""Seventeenth-batch income-proof and ID-card families (templates.py): a bank's 收入证明 form with the last twelve
months' pay in a grid and the seal pressed over the amount, and both sides of the ID card colour-copied side by side
by a copy shop with the customer's handwritten 仅供… line across them.

`letter_month_grid_form`: a lender's pre-printed 个人收入证明（单位填写） on portrait A4: the bank's name and 表单编号
over a coloured rule, a filling instruction under the title, 一、基本情况 as a ruled grid with shaded labels (姓名/性别,
身份证号码, 工作单位, 部门及职务, 入职时间, 单位电话), 二、近十二个月收入情况（税前，单位：元） as two six-column bands
of 月份 over 应发金额 (the months before the certificate's month, each month's pay different: basic pay and a
performance part), then 月均税前收入（小写） with ¥ and thousands separators — the mean of the twelve months — and
（大写）人民币…; 三、单位声明, 单位（公章） with the name and 填表日期, 经办人 with a handwritten signature; the bank asks
for the seal over the amount, so the unit's seal sits across the 月均 line; a 以下由银行填写 strip at the foot.
`id_copyshop_pair`: both sides of the 居民身份证 colour-copied by a copy shop side by side across the top of a
portrait A4 sheet at real size (front on the left, the copier's slightly raised contrast and warm toner), the
customer's handwritten 仅供…银行办理住房贷款使用，他用无效 written in ballpoint across both copies at a slant, with
the signature and date under them; a side handed in alone sits in its place with the other place left blank.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance

from .batch15_letters import _hand
from .contract_pdf import signature
from .family_kit import date_text, press
from .finance import add_months, money
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .raster import np_rng
from .seal import other_make

MONTH_GRID = "letter_month_grid_form"
COPYSHOP = "id_copyshop_pair"
RULE = (0.12, 0.12, 0.12)
_SHADE = (0.93, 0.94, 0.95)


# ------------------------------------------------------------------ letter_month_grid_form
def month_pay(facts: IncomeProofFacts, rng: random.Random) -> list[tuple[date, Decimal]]:
    """Twelve months before the issue month, each with its own pay; their mean is the monthly income to the fen."""
    first = add_months(facts.issue_date.replace(day=1), -12)
    months = [add_months(first, k) for k in range(12)]
    base = facts.monthly_income
    cents = [int(rng.uniform(-0.12, 0.12) * float(base) * 100) for _ in range(12)]
    drift = sum(cents)
    cents[max(range(12), key=lambda k: cents[k] * (1 if drift > 0 else -1))] -= drift
    pays = [base + Decimal(c) / 100 for c in cents]
    assert sum(pays, Decimal(0)) == base * 12
    return list(zip(months, pays, strict=True))


def render_month_grid(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """The bank's 个人收入证明（单位填写）: facts grid, twelve months of pay, the 月均 with the seal over it."""
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Microsoft® Word 2019", "WPS 文字")),
                        title="个人收入证明")
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(17, 21), pen.w_mm - rng.uniform(17, 21)
    span = right - left
    bank = rng.choice(BANKS)
    colour = rng.choice(((0.1, 0.28, 0.55), (0.62, 0.08, 0.12), (0.05, 0.42, 0.32)))
    pen.text(left, 17, bank, 12.5, bold=True, color=colour)
    pen.text(right, 17, f"表单编号：{rng.choice(('GRDK', 'ZFDK', 'LS'))}-{rng.randint(1, 40):03d}（{facts.issue_date.year - rng.randint(1, 4)}版）",
             7.6, align="right", color=colour)
    pen.line(left, 20, right, 20, width=1.2, color=colour)
    pen.text(pen.w_mm / 2, 31, rng.choice(("个人收入证明", "借款人收入证明", "个人收入情况证明")), 17, bold=True, align="center",
             spacing=0.8)
    pen.text(pen.w_mm / 2, 37.5, "（单位填写）", 10, align="center")
    pen.text(left, 45, "本表由借款人所在单位如实填写，涂改无效；月均收入处须加盖单位公章。", 8, color=(0.35, 0.35, 0.35))
    size = 9.6
    y = 53.0
    pen.text(left, y, "一、基本情况", 10.5, bold=True)
    y += 2.5
    rh = 8.6
    lw, vw = span * 0.17, span * 0.33
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded", "iso")))
    grid = ((("姓　　名", facts.name), ("性　　别", facts.sex)),
            (("身份证号码", facts.id_number),),
            (("工作单位", facts.employer),),
            (("部门及职务", facts.position),),
            (("入职时间", start), ("单位电话", facts.employer_phone)))
    for row in grid:
        x = left
        for label, value in row:
            width = vw if len(row) == 2 else span - lw
            pen.rect(x, y, lw, rh, stroke=RULE, width=0.45, fill=_SHADE)
            pen.rect(x + lw, y, width, rh, stroke=RULE, width=0.45)
            pen.text(x + 1.8, y + rh * 0.66, label, size, max_width=lw - 3)
            pen.text(x + lw + 2.2, y + rh * 0.66, value, size, max_width=width - 4)
            x += lw + width
        y += rh
    y += 8
    pen.text(left, y, "二、近十二个月收入情况（税前，单位：元）", 10.5, bold=True)
    y += 2.5
    pays = month_pay(facts, rng)
    head = span * 0.13
    cw = (span - head) / 6
    fmt = rng.choice(("%Y年%m月", "%Y.%m", "%Y-%m"))
    commas = rng.random() < 0.5
    for band in (pays[:6], pays[6:]):
        for r, (label, cells) in enumerate((("月　份", [m.strftime(fmt) for m, _ in band]),
                                            ("应发金额", [money(p, commas=commas) for _, p in band]))):
            pen.rect(left, y, head, rh, stroke=RULE, width=0.45, fill=_SHADE)
            pen.text(left + head / 2, y + rh * 0.66, label, size - 0.6, align="center", max_width=head - 2)
            for k, text in enumerate(cells):
                x = left + head + k * cw
                pen.rect(x, y, cw, rh, stroke=RULE, width=0.45, fill=_SHADE if r == 0 else None)
                pen.text(x + cw / 2, y + rh * 0.66, text, size - 0.6, align="center", max_width=cw - 2)
            y += rh
        y += 2
    y += 4
    amount_y = y
    big = span * 0.3
    for label, value in (("月均税前收入（小写）", f"¥{money(facts.monthly_income)}"),
                         ("月均税前收入（大写）", f"人民币{facts.amount_in_words}")):
        pen.rect(left, y, big, rh + 1, stroke=RULE, width=0.45, fill=_SHADE)
        pen.rect(left + big, y, span - big, rh + 1, stroke=RULE, width=0.45)
        pen.text(left + 1.8, y + rh * 0.7, label, size, max_width=big - 3)
        pen.text(left + big + 3, y + rh * 0.7, value, size + 0.8, bold=label.endswith("（小写）"),
                 max_width=span - big - 6)
        y += rh + 1
    y += 9
    pen.text(left, y, "三、单位声明", 10.5, bold=True)
    statement = ("本单位保证以上所填内容真实、准确、完整，并同意贵行向本单位核实；如因本证明内容不实给贵行造成损失，"
                 "本单位愿承担相应责任。本证明仅用于该员工向贵行申请个人住房贷款。")
    for line in pen.wrap("\u3000\u3000" + statement, size, span):
        y += size * 0.55
        pen.text(left, y, line, size)
    y += 14
    pen.text(left, y, "经办人（签字）：", size)
    handler = rng.choice(("王", "李", "刘", "陈", "周", "徐")) + rng.choice(("丽", "海涛", "静", "志强", "敏", "晓燕"))
    sig = signature(handler, rng)
    pen.image(sig, left + 28, y - 8, min(sig.width / sig.height * 10, 34), 10)
    pen.text(left, y + 9, f"联系电话：{facts.employer_phone}", size)
    sx = left + span * 0.58
    pen.text(sx, y, "单位（公章）：", size)
    pen.text(sx, y + 9, facts.employer, size, max_width=right - sx)
    pen.text(sx, y + 18, f"填表日期：{date_text(facts.issue_date, rng.choice(('cn', 'cn_padded', 'iso')))}", size)
    pen.line(left, 272, right, 272, width=0.4, color=(0.5, 0.5, 0.5))
    pen.text(left, 277, "以下由银行填写：　核实方式 □电话 □实地　　核实人：__________　　核实日期：__________", 8,
             color=(0.4, 0.4, 0.4))
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "财务专用章")))
        mark = replace(mark, color=rng.choice(((214, 34, 44), (200, 28, 88), (226, 60, 40))), star=True,
                       inner=rng.random() < 0.4)
        cx = left + big + rng.uniform(18, 40)
        press(pen, rng, mark, center=(cx, amount_y + rh * rng.uniform(0.7, 1.3)), width_mm=rng.uniform(38, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ id_copyshop_pair
def _colour_copy(card: Image.Image, rng: random.Random) -> Image.Image:
    """A colour copier's rendering of the card: more contrast, a warm cast, the finest lines a little lost."""
    rgb = Image.new("RGB", card.size, (255, 255, 255))
    rgb.paste(card, (0, 0), card)
    rgb = ImageEnhance.Contrast(rgb).enhance(rng.uniform(1.15, 1.35))
    rgb = ImageEnhance.Color(rgb).enhance(rng.uniform(0.8, 1.1))
    arr = np.asarray(rgb, dtype=np.float32)
    arr = arr * np.array([1.0, rng.uniform(0.96, 0.99), rng.uniform(0.88, 0.95)], np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").convert("RGBA")
    out.putalpha(card.getchannel("A"))
    return out


def copyshop_page(sides: dict[str, Image.Image], bank: str, name: str, signed: date, look: random.Random,
                  rng: random.Random, *, dpi: int) -> Image.Image:
    """The copy shop's A4 sheet: front left and back right at real size near the top, the handwritten line across."""
    px = dpi / 25.4
    w, h = int(210 * px), int(297 * px)
    page = Image.new("RGB", (w, h), (252, 251, 248))
    gap = look.uniform(6, 14)
    top = look.uniform(22, 40)
    x0 = (210 - 2 * 85.6 - gap) / 2 + look.uniform(-4, 4)
    turn = look.uniform(-1.2, 1.2)
    for k, side in enumerate(("front", "back")):
        if side not in sides:
            continue
        art = sides[side].convert("RGBA").resize((int(85.6 * px), int(54 * px)), Image.Resampling.LANCZOS)
        card = _colour_copy(art, rng).rotate(turn + rng.uniform(-0.4, 0.4), expand=True,
                                             resample=Image.Resampling.BICUBIC)
        page.paste(card, (int((x0 + k * (85.6 + gap)) * px), int(top * px)), card)
    words = look.choice((f"仅供{bank}办理个人住房贷款使用，他用无效", f"仅供办理{bank}住房按揭贷款使用 他用无效",
                         f"此复印件仅供{bank}房贷使用，再复印无效"))
    line = _hand(words, rng, int(6 * px))
    line = line.rotate(look.uniform(1, 4), expand=True, resample=Image.Resampling.BICUBIC)
    scale = min(1.0, 128 * px / line.width)
    line = line.resize((int(line.width * scale), int(line.height * scale)), Image.Resampling.LANCZOS)
    lx = int((x0 + 48) * px)  # from the foot of the portrait over the emblem side's blank middle band
    ly = int((top + 31.5) * px - line.height / 2)
    page.paste(line, (lx, ly), line)
    y = top + 54 + look.uniform(10, 18)
    sig = _hand(name, rng, int(7 * px))
    page.paste(sig, (int((x0 + 100) * px), int(y * px)), sig)
    day = _hand(date_text(signed, look.choice(("cn", "dot", "slash"))), rng, int(5.2 * px))
    page.paste(day, (int((x0 + 104) * px), int((y + 11) * px)), day)
    # toner dust and the faint grey the copier leaves along the platen's edge
    draw = ImageDraw.Draw(page)
    for _ in range(rng.randint(30, 90)):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.5, 1.6) * px / 12
        g = rng.randint(60, 150)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(g, g, g))
    arr = np.asarray(page, dtype=np.float32)
    edge = np.linspace(1.0, 0.0, int(4 * px), dtype=np.float32) ** 2 * look.uniform(0.04, 0.1)
    arr[: edge.size] *= (1 - edge)[:, None, None]
    arr += np_rng(rng).normal(0, 2.0, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
