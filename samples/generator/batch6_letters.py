"""Sixth-batch income-proof families (templates.py): a public body's 工资收入证明 with the pay's parts, and an HR
system's 在职收入证明 with an electronic seal.

`letter_pay_components`: 机关 and 事业单位 state the month's pay as its parts (岗位工资, 薪级工资, 绩效工资, 津贴补贴) in
a one-row ruled table whose last cell is the 月收入合计, then the 大写 and an approximate 年收入 in 万元; the 人事处
signs with 经办人 and a phone number, the date in Chinese numerals or 2026年3月5日, and a large red seal over it.
`letter_hr_esign`: an HR platform's generated certificate: a coloured brand bar, 证明编号, a shaded key/value table
(the monthly pay as ¥ with commas, the yearly pay as about N.NN万元), a QR code with 扫码验证 and a 验证码, the 开具时间
with the clock time, and a crisp thin-ring electronic seal.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from .family_kit import amount_text, date_text, press
from .income_proof import IncomeProofFacts
from .pdfkit import A4_PT, MM, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.35, 0.35, 0.35)
LINE = (0.2, 0.2, 0.2)


def year_wan(monthly: Decimal) -> str:
    """Twelve months' pay in 万元 to two places, as letters round it (20,500.00 a month → 24.60)."""
    return str((monthly * 12 / Decimal(10_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pay_parts(monthly: Decimal) -> list[tuple[str, Decimal]]:
    """The month's pay split into 岗位工资/薪级工资/绩效工资/津贴补贴 (whole yuan but the last), adding up exactly."""
    post = (monthly * Decimal("0.18")).quantize(Decimal("1"))
    grade = (monthly * Decimal("0.15")).quantize(Decimal("1"))
    merit = (monthly * Decimal("0.41")).quantize(Decimal("1"))
    return [("岗位工资", post), ("薪级工资", grade), ("绩效工资", merit), ("津贴补贴", monthly - post - grade - merit)]


def render_pay_components(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """兹证明…同志 prose, the pay's parts in a one-row table with the total last, 年收入 in 万元, 人事处 sign-off."""
    title = rng.choice(("工资收入证明", "工资证明", "收入证明"))
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 16))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("WPS Office", "Microsoft® Word 2016")),
                        title=title)
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(24, 30), pen.w_mm - rng.uniform(24, 30)
    width = right - left
    y = rng.uniform(34, 44)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 21), bold=True, align="center", spacing=rng.choice((0.0, 3.0)))
    y += 18
    size = rng.uniform(11.5, 12.5)
    lead = size * 0.72
    if rng.random() < 0.6:
        pen.text(left, y, rng.choice(("致：贷款经办银行", "有关银行：", "住房公积金管理中心、有关银行：")), size)
        y += lead * 1.4
    company = "公司" in facts.employer
    office = rng.choice(("人力资源部", "人事行政部")) if company else rng.choice(("人事处", "人事科", "组织人事部"))
    staff = "在职职工" if company else "在职在编职工"
    intro = (f"\u3000\u3000兹证明{facts.name}同志，{facts.sex}，身份证号码：{facts.id_number}，系我单位{staff}，"
             f"于{date_text(facts.employment_start, rng.choice(('cn', 'cn_padded')))}起在我单位工作，现任{facts.position}。"
             "该同志每月工资收入构成如下（单位：元）：")
    for line in pen.wrap(intro, size, width):
        pen.text(left, y, line, size)
        y += lead
    y += 4
    style = rng.choice(("commas", "plain"))
    parts = pay_parts(facts.monthly_income)
    heads = [name for name, _ in parts] + ["月收入合计"]
    values = [amount_text(v, style) for _, v in parts] + [amount_text(facts.monthly_income, style)]
    shares = [0.18, 0.18, 0.18, 0.18, 0.28]
    row_h = rng.uniform(9, 10.5)
    for r, row in enumerate((heads, values)):
        x = left
        for k, (text, share) in enumerate(zip(row, shares, strict=True)):
            w = width * share
            pen.rect(x, y, w, row_h, stroke=LINE, width=0.5, fill=(0.94, 0.94, 0.94) if r == 0 else None)
            pen.text(x + w / 2, y + row_h * 0.66, text, size - 1, align="center", bold=r == 0 or k == 4, max_width=w - 2)
            x += w
        y += row_h
    y += 8
    body = (f"\u3000\u3000月收入合计人民币{amount_text(facts.monthly_income, style)}元（大写：{facts.amount_in_words}），"
            f"年收入约{year_wan(facts.monthly_income)}万元。以上工资由我单位按月通过银行代发，情况属实。"
            f"\n\u3000\u3000本证明仅用于{facts.name}同志办理个人住房贷款，不作其他用途。")
    for para in body.split("\n"):
        for line in pen.wrap(para, size, width):
            pen.text(left, y, line, size)
            y += lead
    y += rng.uniform(14, 22)
    pen.text(left, y, f"经办人：{rng.choice(('张敏', '刘洋', '陈静', '王磊', '赵丽'))}", size - 0.5)
    pen.text(left, y + lead, f"联系电话：{facts.employer_phone}", size - 0.5)
    sign_x = right - rng.uniform(4, 12)
    pen.text(sign_x, y + lead * 2.5, f"{facts.employer}（{office}）", size, align="right", max_width=width * 0.62)
    day = date_text(facts.issue_date, rng.choice(("numerals", "cn")))
    pen.text(sign_x - 6, y + lead * 4, day, size, align="right")
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章")))
        mark = replace(mark, color=(rng.randint(214, 236), rng.randint(24, 46), rng.randint(30, 52)),
                       ring=rng.choice((0.03, 0.04)), star=True)
        # large, over the unit's name and the date
        press(pen, rng, mark, center=(sign_x - pen.width(day, size) / 2 - rng.uniform(0, 14), y + lead * 3.2),
              width_mm=rng.uniform(42, 45))
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def _qr(pen: Pen, x: float, y: float, size: float, payload: str) -> None:
    widget = QrCodeWidget(payload)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size * MM, size * MM, transform=[size * MM / (x1 - x0), 0, 0, size * MM / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pen.c, x * MM, (pen.h_mm - y - size) * MM)


_BARS = ((0.11, 0.33, 0.63), (0.0, 0.47, 0.55), (0.2, 0.2, 0.35), (0.55, 0.1, 0.18), (0.1, 0.45, 0.3))


def render_hr_esign(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """The HR platform's certificate: brand bar, 证明编号, shaded key/value table, QR 扫码验证, e-seal."""
    title = rng.choice(("在职收入证明", "员工收入证明", "收入证明（电子版）"))
    stamp = datetime.combine(facts.issue_date, datetime.min.time()).replace(
        hour=rng.randint(9, 19), minute=rng.randint(0, 59), second=rng.randint(0, 59))
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=stamp, producer=rng.choice(("OpenPDF 1.3.30", "iText® 7.2.5",
                                                                               "wkhtmltopdf 0.12.6")), title=title)
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(18, 22), pen.w_mm - rng.uniform(18, 22)
    width = right - left
    bar = rng.choice(_BARS)
    pen.rect(0, 0, pen.w_mm, 16, fill=bar)
    pen.text(left, 10.5, facts.employer, 11, bold=True, color=(1, 1, 1), max_width=width * 0.62)
    pen.text(right, 10.5, rng.choice(("人力资源服务中心", "HR Service Center", "员工服务平台")), 8.5, align="right",
             color=(0.9, 0.9, 0.9))
    number = f"{rng.choice(('HR', 'ZM', 'SR'))}{facts.issue_date:%Y%m}{rng.randint(10_000, 99_999)}"
    y = 28.0
    pen.text(right, y, f"证明编号：{number}", 9, align="right", color=GREY)
    y += 14
    pen.text(pen.w_mm / 2, y, title, rng.uniform(17, 19), bold=True, align="center")
    y += 14
    size = rng.uniform(10.5, 11.5)
    pen.text(left, y, "兹证明以下员工信息真实有效：", size)
    y += 5
    rows = [("员工姓名", facts.name), ("证件类型", "居民身份证"), ("证件号码", facts.id_number),
            ("所属公司", facts.employer), ("岗位", facts.position),
            ("入职日期", date_text(facts.employment_start, rng.choice(("iso", "slash")))),
            ("税前月收入", f"¥{amount_text(facts.monthly_income, 'commas')}"),
            ("月收入（大写）", f"人民币{facts.amount_in_words}"),
            ("税前年收入", f"约{year_wan(facts.monthly_income)}万元")]
    row_h = rng.uniform(8.5, 9.5)
    label_w = width * rng.uniform(0.26, 0.3)
    for k, (label, value) in enumerate(rows):
        pen.rect(left, y, label_w, row_h, fill=(0.93, 0.95, 0.98), stroke=(0.75, 0.78, 0.82), width=0.4)
        pen.rect(left + label_w, y, width - label_w, row_h, fill=(0.98, 0.98, 0.98) if k % 2 else None,
                 stroke=(0.75, 0.78, 0.82), width=0.4)
        pen.text(left + 3, y + row_h * 0.66, label, size - 0.5, color=GREY)
        pen.text(left + label_w + 3, y + row_h * 0.66, value, size, max_width=width - label_w - 6)
        y += row_h
    y += 8
    notes = ("本证明用于员工办理个人住房贷款，收入为税前应发金额。",
             "本证明自开具之日起30日内有效，复印、涂改无效。",
             "本证明由系统生成并加盖电子印章，可扫描右侧二维码或凭验证码在线核验真伪。")
    for k, note in enumerate(notes, 1):
        for line in pen.wrap(f"{k}. {note}", size - 1, width * 0.68):
            pen.text(left, y, line, size - 1, color=GREY)
            y += (size - 1) * 0.62
    code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
    qr = 24.0
    qx = right - qr
    _qr(pen, qx, y - 24, qr, f"https://verify.example-hr.cn/c/{number}?k={code}")
    pen.text(qx + qr / 2, y + 3, "扫码验证", 8, align="center", color=GREY)
    y += 14
    pen.text(left, y, f"验证码：{code}", size - 0.5)
    pen.text(left, y + 7, f"开具时间：{stamp:%Y-%m-%d %H:%M:%S}", size - 0.5)
    pen.text(left, y + 14, f"联系电话：{facts.employer_phone}", size - 0.5)
    sign_x = right - rng.uniform(30, 40)
    pen.text(sign_x, y + 24, facts.employer, size, align="center", max_width=width * 0.5)
    pen.text(sign_x, y + 31, "（电子签章）", size - 1.5, align="center", color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "电子印章")))
        mark = replace(mark, color=(rng.randint(228, 245), rng.randint(10, 30), rng.randint(16, 34)), ring=0.016,
                       fade=0.0, opacity=0.95, star=True)
        press(pen, rng, mark, center=(sign_x + rng.uniform(-8, 8), y + 24 + rng.uniform(-6, 2)),
              width_mm=rng.uniform(36, 40))
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()
