"""Tenth-batch families of the two official records (templates.py).

`tax_app_totals_top`: the 收入纳税明细 the 个人所得税 APP exports as a PDF: a coloured band with the app's mark, the
title, the taxpayer's lines (纳税人姓名, 身份证件类型, 身份证件号码, 税款所属期 …至…), the totals first, in a shaded box of
two large figures (收入合计（元） and 已申报税额合计（元）) with the count of entries, then one row per entry with its
所得项目 (序号/所得项目/所得期间/扣缴义务人/收入/已申报税额/入库日期), 开具日期 and 验证码, numbered 说明, and the tax
office's round e-seal at the bottom right over its name.
`license_mobile_screenshot`: a screenshot of the 电子营业执照 mini-program printed on A4: the phone's status bar and the
nav bar (‹ 电子营业执照, the capsule), a red-bordered card with the emblem and 营业执照, each field as a grey label over
its value with hairlines between, 登记机关 and the date under a round seal, a faint diagonal 亮照 watermark (仅用于…
and the time) over the picture, and a row of buttons at the foot.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

from PIL import Image, ImageDraw

from docproc.cn.amount_words import to_words

from . import fonts
from .card_art import emblem
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, capital_text
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.42, 0.42, 0.45)
INK = (0.1, 0.1, 0.12)
HAIR = (0.86, 0.86, 0.88)


def render_tax_totals_top(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """收入纳税明细 from the tax app: totals box first, a 所得项目 on every row, e-seal bottom right."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="收入纳税明细")
    pen = Pen(canvas, facts.face, A4_PT)
    w, h = pen.w_mm, pen.h_mm
    left, right = 16.0, w - 16.0
    span = right - left
    band = rng.choice(((0.78, 0.13, 0.15), (0.1, 0.36, 0.72), (0.72, 0.16, 0.2)))
    pen.rect(0, 0, w, 20, fill=band)
    pen.rect(left, 5, 10, 10, fill=(1, 1, 1))
    pen.text(left + 5, 12.2, "税", 11, bold=True, align="center", color=band)
    pen.text(left + 13, 11, "个人所得税", 13, bold=True, color=(1, 1, 1))
    pen.text(left + 13, 16, "国家税务总局", 7.5, color=(0.95, 0.95, 0.95))
    pen.text(right, 12, "收入纳税明细查询", 9, align="right", color=(1, 1, 1))
    y = 33.0
    title = rng.choice(("收入纳税明细", "个人所得税收入纳税明细", "收入纳税明细（已申报）"))
    pen.text(w / 2, y, title, 17, bold=True, align="center")
    y += 11
    style = rng.choice(("iso", "cn_padded", "cn"))
    size = 10.0
    lines = [f"纳税人姓名：{facts.name}　　身份证件类型：居民身份证",
             f"身份证件号码：{facts.id_number}",
             f"税款所属期：{date_text(facts.period_start, style)} 至 {date_text(facts.period_end, style)}",
             "所得项目：全部　　申报状态：已申报"]
    for line in lines:
        pen.text(left, y, line, size, max_width=span)
        y += 6
    y += 2
    commas = rng.random() < 0.7
    box_h = 21.0
    half = span / 2
    for k, (label, amount) in enumerate((("收入合计（元）", facts.total_income), ("已申报税额合计（元）", facts.total_tax))):
        x = left + k * half
        pen.rect(x + (1.5 if k else 0), y, half - 1.5, box_h, fill=(0.95, 0.96, 0.98))
        pen.text(x + half / 2, y + 7, label, 9, align="center", color=GREY)
        pen.text(x + half / 2, y + 16, money(amount, commas=commas), 17, bold=True, align="center",
                 color=band if k else INK)
    y += box_h + 6
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"共 {len(facts.rows)} 条记录　　已申报税额合计（大写）：{words}", 9, color=GREY, max_width=span)
    y += 5
    cols = [span * k for k in (0.06, 0.15, 0.11, 0.32, 0.13, 0.11, 0.12)]
    heads = ("序号", "所得项目", "所得期间", "扣缴义务人", "收入", "已申报税额", "入库日期")
    rows = sorted(facts.rows, key=lambda r: (r.period, r.agent))
    row_h = min(7.0, (h - y - 66) / (len(rows) + 1))
    cell = min(8.6, row_h * 1.45)
    month = rng.choice(("%Y-%m", "%Y年%m月"))
    pen.line(left, y, right, y, width=0.8, color=band)
    x = left
    for head, cw in zip(heads, cols, strict=True):
        right_aligned = head in ("收入", "已申报税额")
        pen.text(x + cw - 1.5 if right_aligned else x + 1, y + row_h * 0.7, head, cell, bold=True,
                 align="right" if right_aligned else "left", max_width=cw - 2)
        x += cw
    y += row_h
    pen.line(left, y, right, y, width=0.4, color=GREY)
    for k, r in enumerate(rows, 1):
        texts = (str(k), r.item, r.period.strftime(month), r.agent, money(r.income, commas=commas),
                 money(r.tax, commas=commas), r.paid.isoformat())
        x = left
        for j, (text, cw) in enumerate(zip(texts, cols, strict=True)):
            if j in (4, 5):
                pen.text(x + cw - 1.5, y + row_h * 0.7, text, cell, align="right", max_width=cw - 2)
            else:
                pen.text(x + 1, y + row_h * 0.7, text, cell, max_width=cw - 2)
            x += cw
        y += row_h
        pen.line(left, y, right, y, width=0.15, color=HAIR)
    y += 8
    issued = date_text(facts.issue_date, style)
    code_label = rng.choice(("验证码", "查验码"))
    pen.text(left, y, f"开具日期：{issued}", 10)
    pen.text(left + span * 0.45, y, f"{code_label}：{facts.verification_code}", 10)
    y += 8
    notes = ("说明：1. 本明细所列收入为扣缴义务人或纳税人本人已申报的收入，金额单位为人民币元；",
             f"　　　2. 可通过个人所得税APP或自然人电子税务局输入{code_label}查验本明细真伪；",
             "　　　3. 本明细仅证明所列期间的申报情况，不作为完税凭证使用。")
    for note in notes:
        pen.text(left, y, note, 8.3, color=GREY, max_width=span)
        y += 4.8
    sx = right - 42
    sy = min(y + 14, h - 18)
    pen.text(sx, sy, facts.authority, 9.5, align="center", max_width=80)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("电子专用章", "")))
        mark = replace(mark, color=(rng.randint(214, 238), rng.randint(20, 44), rng.randint(26, 48)),
                       ring=rng.choice((0.018, 0.025)), star=True, fade=0.0, opacity=0.92)
        press(pen, rng, mark, center=(sx + rng.uniform(-6, 6), sy - rng.uniform(2, 7)), width_mm=rng.uniform(36, 40))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _watermark(text: str, width_mm: float, height_mm: float, rng: random.Random) -> Image.Image:
    """The 亮照 watermark as a transparent picture: the use and the time, repeated on a slant."""
    px = 8.0
    img = Image.new("RGBA", (int(width_mm * px), int(height_mm * px)), (0, 0, 0, 0))
    layer = Image.new("RGBA", (img.width * 2, img.height * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    fnt = fonts.font("wqy", int(4.2 * px))
    colour = rng.choice(((150, 150, 160), (200, 120, 120)))
    step_x, step_y = int(68 * px), int(30 * px)
    for row, y in enumerate(range(0, layer.height, step_y)):
        for x in range(-(row % 2) * step_x // 2, layer.width, step_x):
            draw.text((x, y), text, font=fnt, fill=(*colour, 46))
    layer = layer.rotate(28, resample=Image.Resampling.BICUBIC)
    dx, dy = (layer.width - img.width) // 2, (layer.height - img.height) // 2
    return layer.crop((dx, dy, dx + img.width, dy + img.height))


def _fields(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("名称", c.name), ("类型", "个体工商户"), ("经营者", c.legal_rep), ("组成形式", "个人经营"),
                ("注册日期", date_text(facts.established, "cn")), ("经营场所", c.address)]
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "cn")
    return [("名称", c.name), ("类型", facts.kind), ("法定代表人", c.legal_rep), ("注册资本", capital_text(facts)),
            ("成立日期", date_text(facts.established, "cn")),
            ("营业期限", f"{date_text(facts.established, 'cn')}至{until}"), ("住所", c.address)]


def _status_bar(pen: Pen, rng: random.Random, x0: float, y0: float, width: float, clock: str) -> None:
    pen.text(x0 + 6, y0 + 5, clock, 8, bold=True, color=INK)
    bx = x0 + width - 8
    pen.rect(bx - 7, y0 + 2.3, 7, 3.3, stroke=INK, width=0.5)
    pen.rect(bx - 6.5, y0 + 2.8, 6 * rng.uniform(0.3, 0.95), 2.3, fill=INK)
    pen.rect(bx, y0 + 3.3, 0.6, 1.3, fill=INK)
    pen.text(bx - 9, y0 + 5, rng.choice(("5G", "4G")), 6.5, bold=True, align="right", color=INK)
    for k in range(4):
        hh = 1.0 + k * 0.7
        pen.rect(bx - 21 + k * 1.5, y0 + 5.4 - hh, 1.0, hh, fill=INK)


def render_mobile_screenshot(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 电子营业执照 mini-program's screen, screenshot and printed on A4 with its 亮照 watermark."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when,
                        producer=rng.choice(("WPS 文字", "Microsoft® Word 2016", "Android 13 打印服务")))
    pen = Pen(canvas, facts.face, A4_PT)
    width, height = 116.0, 246.0
    x0, y0 = (pen.w_mm - width) / 2 + rng.uniform(-4, 4), rng.uniform(20, 28)
    pen.rect(x0, y0, width, height, fill=(0.955, 0.955, 0.965), stroke=(0.7, 0.7, 0.7), width=0.3)
    pen.rect(x0, y0, width, 20, fill=(1, 1, 1))
    clock = f"{when.hour}:{when.minute:02d}"
    _status_bar(pen, rng, x0, y0, width, clock)
    pen.text(x0 + 5, y0 + 16, "‹", 15, color=INK)
    pen.text(x0 + width / 2, y0 + 15.5, "电子营业执照", 10.5, bold=True, align="center", color=INK)
    cap_x = x0 + width - 27
    pen.rect(cap_x, y0 + 10.6, 22, 6.6, stroke=(0.8, 0.8, 0.8), width=0.4, fill=(1, 1, 1))
    pen.text(cap_x + 5.5, y0 + 15, "···", 9, align="center", color=INK)
    pen.line(cap_x + 11, y0 + 12, cap_x + 11, y0 + 15.8, width=0.3, color=(0.75, 0.75, 0.75))
    pen.c.saveState()
    pen.c.setStrokeColorRGB(*INK)
    pen.c.setLineWidth(0.6)
    pen.c.circle((cap_x + 16.5) * 72 / 25.4, (pen.h_mm - y0 - 13.9) * 72 / 25.4, 1.8 * 72 / 25.4, stroke=1, fill=0)
    pen.c.restoreState()
    red = rng.choice(((0.74, 0.1, 0.1), (0.66, 0.08, 0.12)))
    cx, cy, cw = x0 + 5, y0 + 24, width - 10
    rows = [("统一社会信用代码", facts.uscc_printed), *_fields(facts)]
    lx, room = cx + 7, cw - 14
    values = [pen.wrap(value, 9.4, room)[:2] for _, value in rows]
    scope = pen.wrap(facts.scope, 9, room)
    es = 13.0
    ch = es + 24 + sum(6.4 + 4.4 * len(v) for v in values) + 14 + 30
    pen.rect(cx, cy, cw, ch, fill=(1.0, 0.99, 0.97), stroke=red, width=1.4)
    pen.rect(cx + 1.6, cy + 1.6, cw - 3.2, ch - 3.2, stroke=red, width=0.4)
    pen.image(emblem(260), x0 + width / 2 - es / 2, cy + 5, es, es)
    pen.text(x0 + width / 2, cy + es + 14, "营 业 执 照", 17, bold=True, align="center", color=INK)
    y = cy + es + 24
    for (label, _), parts in zip(rows, values, strict=True):
        pen.text(lx, y, label, 7.5, color=GREY)
        for k, part in enumerate(parts):
            pen.text(lx, y + 4.8 + k * 4.4, part, 9.4, color=INK)
        y += 4.8 + 4.4 * len(parts) + 1.6
        pen.line(lx, y - 2.2, lx + room, y - 2.2, width=0.2, color=HAIR)
    pen.text(lx, y, "经营范围", 7.5, color=GREY)
    for k, part in enumerate(scope[:2]):
        text = part[:-2] + "…" if k == 1 and len(scope) > 2 else part
        pen.text(lx, y + 4.8 + k * 4.3, text, 9, color=INK)
    if len(scope) > 2:
        pen.text(lx + room, y + 4.8 + 4.3 * 2, "展开", 8, align="right", color=(0.1, 0.4, 0.8))
    ry = cy + ch - 15
    rx = cx + cw - 28
    pen.text(rx, ry, "登记机关", 9.5, bold=True, align="center", color=INK)
    pen.text(rx, ry + 6, date_text(facts.registered, "cn"), 9, align="center", color=INK)
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(214, 236), rng.randint(26, 48), rng.randint(30, 50)),
                   ring=rng.choice((0.025, 0.035)), star=True, fade=0.0)
    press(pen, rng, mark, center=(rx + rng.uniform(-4, 4), ry + rng.uniform(-2, 3)), width_mm=rng.uniform(26, 30))
    pen.text(x0 + width / 2, cy + ch + 8, "国家市场监督管理总局监制", 7, align="center", color=GREY)
    by = y0 + height - 17
    pen.rect(x0, by - 2, width, 19, fill=(1, 1, 1))
    for k, label in enumerate(("出示执照", "扫码核验", "授权管理")):
        bx = x0 + width * (k + 0.5) / 3
        pen.rect(bx - 3, by + 1, 6, 6, fill=red if k == 0 else (0.6, 0.6, 0.62))
        pen.text(bx, by + 11.5, label, 7.5, align="center", color=red if k == 0 else GREY)
    use = rng.choice(("仅用于办理个人住房贷款", "仅限银行贷款审核使用", "仅供贷款申请使用"))
    mark_text = f"{use}　亮照编号{rng.randint(10**9, 10**10 - 1)}"
    pen.image(_watermark(mark_text, width, height - 20, rng), x0, y0 + 20, width, height - 20)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
