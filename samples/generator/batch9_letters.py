"""Ninth-batch income-proof families (templates.py): a group's HR shared-service centre certificate with a months
table laid across the page, and a public institution's 工资收入证明 in prose dated in Chinese numerals.

`letter_hr_shared_service`: printed by a group's 人力资源共享服务中心 for one of its companies: a coloured rule under
the centre's name, a ruled reference block at the top right (受理编号/开具日期/核验电话), the employee's facts as a ruled
four-column grid (姓名/性别, 身份证件号码, 劳动合同签订单位 or 任职单位, 任职岗位/任职起始日), the recent months laid
across the page as columns of a three-row table (月份/月度应发/月度实发, the 应发 the same each month), the monthly
figure with its 大写 and the last year's 应发 total under it, numbered notes, 经办人/复核人 on the left and the
company's seal pressed over the 单位（盖章） signature line on the right.
`letter_institution_numerals`: a 事业单位's 工资收入证明 set like an official letter: a centred title with a
〔2026〕-style document number under it, prose paragraphs (公民身份号码, 系我单位在编在岗职工, 来本单位工作时间,
现任…), the monthly income first in 大写 with the figures in brackets, what it is made of, 特此证明, and at the
bottom left 所在单位（盖章）, the unit's name and the date in Chinese numerals under the unit's seal; 经办人 and the
phone on the right.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from .family_kit import amount_text, date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.3, 0.3, 0.3)
RULE = (0.25, 0.25, 0.25)
_PRODUCERS = ("Microsoft® Word 2016", "WPS Office", "Microsoft® Excel® 2019", "LibreOffice 7.3")
_CLERKS = ("王晓燕", "李静", "张倩", "刘洋", "陈敏", "杨帆", "赵婷", "孙悦")


def _canvas(facts: IncomeProofFacts, rng: random.Random, title: str) -> tuple[io.BytesIO, Pen]:
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(8, 17),
                                                                           minute=rng.randint(0, 59))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(_PRODUCERS), title=title)
    return buffer, Pen(canvas, random_typeface(rng), A4_PT)


def _finish(buffer: io.BytesIO, pen: Pen) -> bytes:
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def _months(facts: IncomeProofFacts, count: int) -> list[date]:
    """The last full months before the issue month, oldest first, none before the employment started."""
    month = facts.issue_date.replace(day=1)
    out = []
    for _ in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        if month < facts.employment_start.replace(day=1):
            break
        out.append(month)
    return out[::-1] or [(facts.issue_date.replace(day=1) - timedelta(days=1)).replace(day=1)]


def _take_home(gross: Decimal) -> Decimal:
    """实发: the 应发 less the employee's social insurance and housing fund (22.5 %) and the withheld tax."""
    insured = (gross * Decimal("0.225")).quantize(Decimal("0.01"))
    taxable = gross - insured - 5000
    tax = Decimal(0)
    for limit, rate, quick in ((3000, "0.03", 0), (12000, "0.10", 210), (25000, "0.20", 1410),
                               (35000, "0.25", 2660), (55000, "0.30", 4410), (80000, "0.35", 7160)):
        if taxable <= limit:
            tax = max(Decimal(0), taxable * Decimal(rate) - quick)
            break
    else:
        tax = taxable * Decimal("0.45") - 15160
    return gross - insured - tax.quantize(Decimal("0.01"))


def _grid(pen: Pen, x: float, y: float, widths: list[float], cells: list[str], h: float, size: float,
          shade: tuple[int, ...] = ()) -> float:
    """One ruled row of label/value cells (shaded cells are labels); return the y below it."""
    for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
        pen.rect(x, y, w, h, stroke=RULE, width=0.45, fill=(0.94, 0.95, 0.97) if k in shade else None)
        pen.text(x + 2, y + h * 0.66, text, size, color=GREY if k in shade else None, max_width=w - 4)
        x += w
    return y + h


def render_hr_shared_service(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """The HR shared-service centre's certificate: reference block, facts grid, months across, seal on the line."""
    title = rng.choice(("收入证明", "员工收入证明", "在职收入证明书"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(18, 23), pen.w_mm - rng.uniform(18, 23)
    width = right - left
    brand = rng.choice(((0.05, 0.32, 0.6), (0.0, 0.45, 0.42), (0.55, 0.1, 0.2), (0.2, 0.2, 0.45)))
    y = rng.uniform(16, 20)
    pen.rect(left, y - 5.5, 7, 7, fill=brand)
    pen.text(left + 3.5, y - 0.4, "HR", 7.5, bold=True, align="center", color=(1, 1, 1))
    pen.text(left + 10, y, "人力资源共享服务中心", 12.5, bold=True, color=brand)
    pen.text(left + 10, y + 4.6, "HR Shared Service Center", 7.5, color=GREY)
    pen.line(left, y + 7.5, right, y + 7.5, width=1.4, color=brand)
    number = f"HRSSC-{facts.issue_date:%Y%m}-{rng.randint(1, 99999):05d}"
    issue = date_text(facts.issue_date, rng.choice(("cn", "iso", "cn_padded")))
    box = [("受理编号", number), ("开具日期", issue), ("核验电话", facts.employer_phone)]
    bx, bw, bh = right - 74, 74.0, 5.6
    by = y + 12
    for k, (label, value) in enumerate(box):
        _grid(pen, bx, by + k * bh, [21.0, bw - 21.0], [label, value], bh, 8.5, shade=(0,))
    y = by + 3 * bh + 15
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 20), bold=True, align="center", spacing=rng.choice((0.0, 1.5)))
    y += 12
    size = rng.uniform(10.5, 11.5)
    pen.text(left, y, "\u3000\u3000经核查集团人力资源系统，下列员工为我集团所属企业在职员工，其任职及收入情况如下：", size,
             max_width=width)
    y += 5
    unit_label = rng.choice(("劳动合同签订单位", "任职单位"))
    start = date_text(facts.employment_start, rng.choice(("iso", "cn_padded", "cn")))
    h = rng.uniform(7.5, 8.5)
    four = [width * k for k in (0.2, 0.3, 0.18, 0.32)]
    two = [four[0], width - four[0]]
    y = _grid(pen, left, y, four, ["姓　　名", facts.name, "性　　别", facts.sex], h, size, shade=(0, 2))
    y = _grid(pen, left, y, two, ["身份证件号码", facts.id_number], h, size, shade=(0,))
    y = _grid(pen, left, y, two, [unit_label, facts.employer], h, size, shade=(0,))
    y = _grid(pen, left, y, four, ["任职岗位", facts.position, "任职起始日", start], h, size, shade=(0, 2))
    y += 7
    months = _months(facts, rng.choice((3, 6, 6)))
    month_style = rng.choice(("%Y-%m", "%Y年%m月", "%Y.%m"))
    commas = rng.random() < 0.6
    style = "commas" if commas else "plain"
    net = _take_home(facts.monthly_income)
    pen.text(left, y, f"近{len(months)}个月工资发放情况（单位：元）：", size)
    y += 3
    head_w = width * 0.16
    col_w = (width - head_w) / len(months)
    rows = [("月份", [m.strftime(month_style) for m in months]),
            ("月度应发", [amount_text(facts.monthly_income, style)] * len(months)),
            ("月度实发", [amount_text(net, style)] * len(months))]
    cell = size - 1.2
    for r, (label, values) in enumerate(rows):
        pen.rect(left, y, head_w, h, stroke=RULE, width=0.45, fill=(0.94, 0.95, 0.97))
        pen.text(left + head_w / 2, y + h * 0.66, label, cell, align="center", color=GREY)
        for k, value in enumerate(values):
            x = left + head_w + k * col_w
            pen.rect(x, y, col_w, h, stroke=RULE, width=0.45, fill=(0.94, 0.95, 0.97) if r == 0 else None)
            if r == 0:
                pen.text(x + col_w / 2, y + h * 0.66, value, cell, align="center", max_width=col_w - 2)
            else:
                pen.text(x + col_w - 1.5, y + h * 0.66, value, cell, align="right", max_width=col_w - 3)
        y += h
    y += 8
    pay_label = rng.choice(("税前月收入", "月均应发收入（税前）"))
    pen.text(left, y, f"{pay_label}：人民币{amount_text(facts.monthly_income, style)}元"
             f"（大写：{facts.amount_in_words}）", size, max_width=width)
    y += size * 0.62
    year = facts.issue_date.year - 1
    began = facts.employment_start
    worked = 12 if began.year < year else 13 - began.month if began.year == year else 0
    if worked:  # the months of last year on the payroll, at the same 应发
        pen.text(left, y, f"{year}年度应发工资合计：人民币{amount_text(facts.monthly_income * worked, style)}元", size,
                 max_width=width)
    y += size * 0.8
    notes = ("注：1. 月度应发为税前工资，含基本工资、岗位工资及绩效工资，不含年终奖励；",
             "　　2. 月度实发为扣除个人社会保险、住房公积金及个人所得税后的金额；",
             "　　3. 本证明仅用于员工办理个人贷款，自开具之日起一个月内有效，涂改无效；",
             f"　　4. 如需核实，请于工作日致电{facts.employer_phone}，并提供受理编号。")
    for note in notes:
        pen.text(left, y, note, 9, color=GREY, max_width=width)
        y += 5
    y += rng.uniform(16, 22)
    clerk, checker = rng.sample(_CLERKS, 2)
    pen.text(left, y, f"经办人：{clerk}", size)
    pen.text(left, y + 9, f"复核人：{checker}", size)
    sx = left + width * rng.uniform(0.5, 0.56)
    pen.text(sx, y, "单位（盖章）：", size)
    lw = pen.text(sx, y + 9, facts.employer, size, max_width=right - sx)
    pen.line(sx, y + 10.5, right, y + 10.5, width=0.4, color=GREY)
    pen.text(sx, y + 19, f"开具日期：{issue}", size)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章", "人事专用章")))
        mark = replace(mark, color=rng.choice(((218, 30, 40), (200, 36, 60), (230, 60, 42))),
                       ring=rng.choice((0.02, 0.032, 0.045)), fade=rng.choice((0.0, 0.0, 0.3)))
        press(pen, rng, mark, center=(sx + lw * rng.uniform(0.35, 0.65), y + 10.5 + rng.uniform(-4, 3)),
              width_mm=rng.uniform(38, 42))
    pen.text(pen.w_mm / 2, pen.h_mm - 12, "集团人力资源共享服务中心　统一开具", 8, align="center", color=GREY)
    return _finish(buffer, pen)


def _flow(pen: Pen, text: str, *, x: float, y: float, width: float, size: float, lead: float) -> float:
    for line in pen.wrap(text, size, width):
        pen.text(x, y, line, size)
        y += lead
    return y


def render_institution_numerals(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """事业单位 工资收入证明: title and 〔year〕 number, prose with 大写 first and the figures in brackets, seal
    bottom left over the unit and the 二〇 date."""
    title = rng.choice(("工资收入证明", "职工工资收入证明", "工资收入情况证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(27, 31), pen.w_mm - rng.uniform(25, 29)
    width = right - left
    y = rng.uniform(36, 44)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(20, 22), bold=True, align="center")
    y += 11
    short = rng.choice(("人", "人事", "政", "办"))
    pen.text(pen.w_mm / 2, y, f"{short}证字〔{facts.issue_date.year}〕{rng.randint(3, 160)}号", 12, align="center")
    y += 17
    size = rng.uniform(13, 14)
    lead = size * rng.uniform(0.74, 0.82)
    addressee = rng.choice((f"{rng.choice(BANKS)}{facts.city}分行：", f"{rng.choice(BANKS)}{facts.city}市分行：",
                            "有关银行："))
    pen.text(left, y, addressee, size)
    y += lead * 1.25
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    first = (f"\u3000\u3000{facts.name}，{facts.sex}，公民身份号码{facts.id_number}，系我单位在编在岗职工，"
             f"来本单位工作时间为{start}，现任{facts.position}。")
    y = _flow(pen, first, x=left, y=y, width=width, size=size, lead=lead)
    money = amount_text(facts.monthly_income, rng.choice(("commas", "plain")))
    second = (f"\u3000\u3000该同志月均收入为人民币{facts.amount_in_words}（¥{money}元），"
              f"由基本工资（岗位工资、薪级工资）、绩效工资和津贴补贴组成，按月由单位通过银行代发，"
              f"个人所得税已由单位依法代扣代缴。")
    y = _flow(pen, second, x=left, y=y, width=width, size=size, lead=lead)
    third = "\u3000\u3000以上情况属实。本证明仅供该同志办理个人住房贷款使用，不作其他用途。"
    y = _flow(pen, third, x=left, y=y, width=width, size=size, lead=lead)
    y = _flow(pen, "\u3000\u3000特此证明。", x=left, y=y + 1, width=width, size=size, lead=lead)
    y += lead * rng.uniform(3.0, 4.2)
    pen.text(left, y, "所在单位（盖章）：", size)
    name_w = pen.text(left, y + lead * 1.2, facts.employer, size, max_width=width * 0.55)
    day = date_text(facts.issue_date, "numerals")
    pen.text(left, y + lead * 2.5, day, size)
    rx = left + width * 0.62
    clerk = rng.choice(_CLERKS)
    pen.text(rx, y + lead * 1.2, f"经办人：{clerk}", size - 1)
    pen.text(rx, y + lead * 2.5, f"联系电话：{facts.employer_phone}", size - 1, max_width=right - rx)
    pen.text(left, pen.h_mm - rng.uniform(26, 32), "（本证明自开具之日起三个月内有效）", 10, color=GREY)
    if facts.sealed:
        post = rng.choice(("", "", "人事专用章"))
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=post)
        mark = replace(mark, color=rng.choice(((222, 34, 36), (206, 44, 40), (188, 30, 58))),
                       ring=rng.choice((0.025, 0.035)), fade=rng.choice((0.0, 0.25, 0.45)))
        press(pen, rng, mark, center=(left + name_w * rng.uniform(0.35, 0.6), y + lead * rng.uniform(1.0, 2.0)),
              width_mm=rng.uniform(40, 44))
    return _finish(buffer, pen)
