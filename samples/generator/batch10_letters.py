"""Tenth-batch income-proof families (templates.py): a 收入证明 written as a numbered list of facts, and a company's
证明函 set as an internal memo that gives the pay as an annual package.

`letter_numbered_facts`: the unit states each fact as an item of its own (一、二、三、… or （一）（二）…): who the
employee is, since when and as what they work there, the monthly income before tax with its 大写, how it is paid, what
the letter is for and whom to call; then 特此证明, 证明单位（公章） over the unit's name with the seal on it, the date
and a blue-black signature over 经办人.
`letter_memo_annual`: a memo head (致/发文部门/日期/编号/事由 in a ruled block) under the firm's coloured name, prose
that gives the pay as 税前年薪 with the monthly figure in brackets (折合月均…元，大写…) and the last year's 年终奖金,
a small ruled 薪酬构成 table, and the 人力资源部 sign-off with the seal over the company's name.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from .contract_pdf import signature
from .family_kit import amount_text, date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.34, 0.34, 0.34)
RULE = (0.2, 0.2, 0.2)
_PRODUCERS = ("Microsoft® Word 2019", "WPS 文字", "Microsoft® Word for Microsoft 365", "LibreOffice 7.5")
_CLERKS = ("周丽", "吴倩", "郑凯", "冯雪", "何静", "许文", "马琳", "高洁")
_ITEMS = ("一、", "二、", "三、", "四、", "五、", "六、", "七、")
_PAREN = ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）")


def _canvas(facts: IncomeProofFacts, rng: random.Random, title: str) -> tuple[io.BytesIO, Pen]:
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(8, 18),
                                                                           minute=rng.randint(0, 59))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(_PRODUCERS), title=title)
    return buffer, Pen(canvas, random_typeface(rng), A4_PT)


def _finish(buffer: io.BytesIO, pen: Pen) -> bytes:
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def _flow(pen: Pen, text: str, *, x: float, y: float, width: float, size: float, lead: float,
          hang: float = 0.0) -> float:
    """Set a paragraph; lines after the first start `hang` mm further right (a hanging item number)."""
    lines = pen.wrap(text, size, width)
    if hang and len(lines) > 1:
        rest = pen.wrap(text[len(lines[0]):], size, width - hang)
        lines = [lines[0], *rest]
    for k, line in enumerate(lines):
        pen.text(x + (hang if k else 0.0), y, line, size)
        y += lead
    return y


def render_numbered_facts(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入证明 as a numbered list of facts, 证明单位（公章） with the seal over the unit's name."""
    title = rng.choice(("收入证明", "个人收入证明", "职工收入情况证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(24, 30), pen.w_mm - rng.uniform(22, 28)
    width = right - left
    y = rng.uniform(34, 46)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(19, 22), bold=True, align="center", spacing=rng.choice((0.0, 2.0)))
    y += 16
    size = rng.uniform(11.5, 12.8)
    lead = size * rng.uniform(0.68, 0.78)
    bank = rng.choice(BANKS)
    addressee = rng.choice((f"致：{bank}{facts.city}分行", f"{bank}：", f"致：{bank}个人贷款中心"))
    pen.text(left, y, addressee, size)
    y += lead * 1.3
    y = _flow(pen, "\u3000\u3000根据贵行要求，现将我单位职工的有关情况证明如下：", x=left, y=y, width=width, size=size, lead=lead)
    y += lead * 0.3
    marks = _ITEMS if rng.random() < 0.65 else _PAREN
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    money = amount_text(facts.monthly_income, rng.choice(("commas", "plain")))
    how = rng.choice(("由我单位按月通过银行代发", "按月以转账方式发放至本人工资卡", "于每月十五日前由单位代发"))
    items = [f"{facts.name}，{facts.sex}，居民身份证号码：{facts.id_number}。",
             f"该职工自{start}起在我单位工作，现任{facts.position}，与我单位签订了劳动合同。",
             f"该职工月收入（税前）为人民币{money}元，大写：{facts.amount_in_words}。",
             f"上述收入包括基本工资、岗位津贴及绩效奖金，{how}，个人所得税已依法代扣代缴。",
             "本证明仅供该职工申请个人住房贷款使用，不作为我单位对其债务承担任何担保责任的依据。"]
    if rng.random() < 0.5:  # some units put the post before the pay, some the pay first
        items[1], items[2] = items[2], items[1]
    clerk = rng.choice(_CLERKS)
    items.append(f"我单位联系人：{clerk}，联系电话：{facts.employer_phone}。")
    hanging = rng.random() < 0.5  # the items' later lines under the text, or back at the margin
    hang = pen.width(marks[0], size) if hanging else 0.0
    for k, item in enumerate(items):
        y = _flow(pen, f"{'' if hanging else chr(0x3000) * 2}{marks[k]}{item}", x=left, y=y, width=width,
                  size=size, lead=lead, hang=hang)
        y += lead * 0.15
    y = _flow(pen, "\u3000\u3000特此证明。", x=left, y=y + lead * 0.3, width=width, size=size, lead=lead)
    y += lead * rng.uniform(2.2, 3.4)
    sx = left + width * rng.uniform(0.42, 0.5)
    pen.text(sx, y, "证明单位（公章）：", size)
    name_w = pen.text(sx, y + lead * 1.2, facts.employer, size, max_width=right - sx)
    day = date_text(facts.issue_date, rng.choice(("cn_padded", "cn", "iso")))
    pen.text(sx, y + lead * 2.4, day, size)
    lx = left
    pen.text(lx, y + lead * 1.2, "经办人：", size - 0.5)
    sig = signature(clerk, rng)
    sw = min(sig.width / sig.height * 10.0, sx - lx - 22)
    pen.image(sig, lx + pen.width("经办人：", size - 0.5), y + lead * 1.2 - 7.5, sw, 10.0)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "人力资源部")))
        mark = replace(mark, color=rng.choice(((214, 32, 44), (226, 48, 38), (196, 28, 52))),
                       ring=rng.choice((0.025, 0.04, 0.055)))
        press(pen, rng, mark, center=(sx + name_w * rng.uniform(0.4, 0.65), y + lead * rng.uniform(0.8, 1.8)),
              width_mm=rng.uniform(39, 43))
    return _finish(buffer, pen)


def _memo_block(pen: Pen, rng: random.Random, facts: IncomeProofFacts, left: float, right: float, y: float,
                when: str, number: str) -> float:
    """The memo head: 致/发文部门, 日期/编号 and 事由 in a ruled three-row block; return the y below it."""
    width = right - left
    bank = rng.choice(BANKS)
    rows = [(("致 To", f"{bank}{facts.city}分行个人信贷部"), ("发文 From", "人力资源部")),
            (("日期 Date", when), ("编号 Ref.", number)),
            (("事由 Re", "员工收入证明"), ("", ""))]
    h = 7.2
    label_w = 21.0
    half = width / 2
    for r, row in enumerate(rows):
        top = y + r * h
        pen.line(left, top + h, right, top + h, width=0.35, color=RULE)
        for k, (label, value) in enumerate(row):
            if not label:
                continue
            x = left + k * half
            pen.text(x + 1, top + h * 0.68, label, 8.8, bold=True, color=GREY)
            pen.text(x + label_w, top + h * 0.68, value, 10.2, max_width=half - label_w - 3)
    pen.line(left, y, right, y, width=1.1, color=RULE)
    pen.line(left, y + 3 * h, right, y + 3 * h, width=1.1, color=RULE)
    return y + 3 * h


def render_memo_annual(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """证明函 in a memo head: 税前年薪 with the monthly figure in brackets, bonus, a 薪酬构成 table, HR sign-off."""
    buffer, pen = _canvas(facts, rng, "证明函")
    left, right = rng.uniform(20, 25), pen.w_mm - rng.uniform(20, 25)
    width = right - left
    brand = rng.choice(((0.0, 0.36, 0.55), (0.55, 0.12, 0.14), (0.1, 0.4, 0.25), (0.28, 0.22, 0.5)))
    y = rng.uniform(18, 24)
    pen.text(left, y, facts.employer, rng.uniform(13, 15), bold=True, color=brand, max_width=width * 0.75)
    pen.text(right, y, "证 明 函", 15, bold=True, align="right")
    pen.line(left, y + 3.5, right, y + 3.5, width=2.2, color=brand)
    when = date_text(facts.issue_date, rng.choice(("compact", "dot", "iso")))
    number = f"HR〔{facts.issue_date.year}〕{rng.randint(12, 480):03d}号"
    y = _memo_block(pen, rng, facts, left, right, y + 9, when, number)
    y += 12
    size = rng.uniform(11, 12)
    lead = size * rng.uniform(0.7, 0.78)
    pen.text(left, y, "尊敬的先生/女士：", size)
    y += lead * 1.3
    start = date_text(facts.employment_start, rng.choice(("cn", "iso", "cn_padded")))
    style = rng.choice(("commas", "plain"))
    annual = facts.monthly_income * 12
    bonus = (facts.monthly_income * Decimal(rng.choice(("1", "1.5", "2", "3")))).quantize(Decimal("1"))
    first = (f"\u3000\u3000兹证明{facts.name}（身份证号码：{facts.id_number}）系我公司正式员工，于{start}入职，"
             f"现任{facts.position}。")
    second = (f"\u3000\u3000该员工税前年薪为人民币{amount_text(annual, style)}元（折合月均人民币{amount_text(facts.monthly_income, style)}元，"
              f"大写：{facts.amount_in_words}），按月平均发放；另按公司绩效政策享有年终奖金，"
              f"{facts.issue_date.year - 1}年度实际发放年终奖金人民币{amount_text(bonus, style)}元（税前）。")
    third = "\u3000\u3000以上内容真实无误，仅供贵行审核该员工个人住房贷款申请之用。如需核实，请与我公司人力资源部联系。"
    for text in (first, second, third):
        y = _flow(pen, text, x=left, y=y, width=width, size=size, lead=lead)
        y += lead * 0.2
    y += 4
    pen.text(left, y, "薪酬构成（税前，单位：元）", size - 1, bold=True)
    y += 2.5
    rows = (("项目", "年度金额", "说明"), ("基本年薪", amount_text(annual, style), "十二个月平均发放"),
            ("年终奖金", amount_text(bonus, style), f"{facts.issue_date.year - 1}年度，视绩效考核结果"),
            ("合计", amount_text(annual + bonus, style), ""))
    widths = (width * 0.22, width * 0.3, width * 0.48)
    h = 7.0
    for r, row in enumerate(rows):
        x = left
        for k, (text, w) in enumerate(zip(row, widths, strict=True)):
            pen.rect(x, y, w, h, stroke=RULE, width=0.4, fill=(0.93, 0.94, 0.95) if r == 0 else None)
            if k == 1 and r:
                pen.text(x + w - 2, y + h * 0.68, text, size - 1.5, align="right", max_width=w - 4)
            else:
                pen.text(x + 2, y + h * 0.68, text, size - 1.5, bold=r == 0, max_width=w - 4)
            x += w
        y += h
    y += 9
    pen.text(left, y, f"联系人：{rng.choice(_CLERKS)}　　电话：{facts.employer_phone}", size - 0.5)
    y += lead * rng.uniform(2.6, 3.6)
    sx = right - max(pen.width(facts.employer, size), 62.0) - 2
    pen.text(sx, y, "人力资源部", size)
    name_w = pen.text(sx, y + lead * 1.2, facts.employer, size, max_width=right - sx)
    pen.text(sx, y + lead * 2.4, when, size)
    pen.line(left, pen.h_mm - 18, right, pen.h_mm - 18, width=0.6, color=brand)
    pen.text(left, pen.h_mm - 13, "本函一式一份，复印无效。", 8.5, color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章")))
        mark = replace(mark, color=rng.choice(((208, 36, 40), (222, 56, 46), (186, 30, 60))),
                       ring=rng.choice((0.02, 0.035)), fade=rng.choice((0.0, 0.0, 0.4)))
        press(pen, rng, mark, center=(sx + name_w * rng.uniform(0.35, 0.6), y + lead * rng.uniform(0.6, 1.6)),
              width_mm=rng.uniform(38, 42))
    return _finish(buffer, pen)
