"""Eleventh-batch income-proof families (templates.py): a bank's two-part 收入证明 form whose lower part the bank's
checker fills in, and a company letter that gives the pay before and after deductions.

`letter_verify_stub`: a lender's printed form (表号 top left, 第一联 银行留存 down the right margin), the upper part a
four-column ruled grid the employer fills in: shaded label cells with the values in the cells beside them (姓名 | 性别,
身份证件号码, 工作单位（全称）, 单位性质 tick boxes, 现任职务 | 参加本单位工作时间, 税前月收入（小写） | （大写）,
单位联系电话（座机）), a 单位声明 cell holding the declaration, 单位公章 and the date; then, under a dashed rule,
以下由贷款银行填写 with empty 核实方式/核实人/核实时间 cells. The seal is pressed over the 单位公章 cell, in a purple-red
or orange-brown ink with a thick or double ring.
`letter_net_and_gross`: a company's 收入证明 on its letterhead (name and English name at the top left, a coloured rule,
address/phone/website in the footer under another rule, 第1页 共1页), an addressee line, the body in running prose
giving the 税前 monthly pay with its 大写 and then what is paid out after tax and contributions (实发 about …), the
date as 二〇二六年三月五日 under 单位名称（公章）, the seal pressed over the date and partly over the printed text.
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

GREY = (0.36, 0.36, 0.36)
RULE = (0.15, 0.15, 0.15)
SHADE = (0.93, 0.93, 0.93)
_PRODUCERS = ("Microsoft® Word 2016", "WPS 文字", "LibreOffice 7.6", "Microsoft® Word for Microsoft 365")
_NATURES = ("机关事业单位", "国有企业", "民营企业", "外资企业", "其他")


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


def _cell(pen: Pen, x: float, y: float, w: float, h: float, text: str, size: float, *, label: bool) -> None:
    """One ruled cell: labels shaded and centred, values on the left; long values wrap inside."""
    pen.rect(x, y, w, h, stroke=RULE, width=0.45, fill=SHADE if label else None)
    lines = pen.wrap(text, size, w - 3) if text else []
    lead = size * 0.42
    base = y + h / 2 - lead * (len(lines) - 1) / 2 + size * 0.14
    for k, line in enumerate(lines):
        if label:
            pen.text(x + w / 2, base + k * lead, line, size, align="center", bold=True)
        else:
            pen.text(x + 1.8, base + k * lead, line, size)


def _ink(rng: random.Random) -> tuple[int, int, int]:
    """Purple-red or orange-brown seal ink."""
    return rng.choice(((168, 36, 96), (150, 40, 110), (196, 92, 40), (184, 78, 36)))


def render_verify_stub(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A lender's two-part 收入证明 form: the employer's ruled grid, then the bank's empty 核实 part."""
    bank = rng.choice(BANKS)
    title = rng.choice(("个人收入证明（贷款专用）", "借款人收入证明", "职工收入证明表"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(18, 22), pen.w_mm - rng.uniform(20, 24)
    span = right - left
    pen.text(left, 14, f"表号：{rng.choice(('DK', 'GD', 'ZX'))}-GR-{rng.randint(1, 30):02d}", 8,
             color=GREY)
    pen.text(right, 14, f"{bank}个人住房贷款资料", 8, align="right", color=GREY)
    pen.text(pen.w_mm / 2, 28, title, rng.uniform(16, 18), bold=True, align="center")
    y = 36.0
    size = rng.uniform(9.6, 10.6)
    pen.text(left, y, f"致{bank}：", size)
    pen.text(left, y + 6, "\u3000\u3000应贵行要求，现将我单位职工的有关情况填列如下（请用黑色或蓝黑色签字笔填写，涂改无效）：",
             size - 0.6, max_width=span)
    y += 10
    w = (span * 0.19, span * 0.31, span * 0.19, span * 0.31)
    h = rng.uniform(10, 11.5)
    start = date_text(facts.employment_start, rng.choice(("cn_padded", "iso", "cn")))
    money = amount_text(facts.monthly_income, rng.choice(("commas", "plain", "yen")))
    nature = rng.choice(_NATURES[1:4])
    boxes = "  ".join(("■" if n == nature else "□") + n for n in _NATURES)
    rows: list[tuple[tuple[str, str], ...]] = [
        (("姓　　名", facts.name), ("性　　别", facts.sex)),
        (("身份证件号码", facts.id_number),),
        (("工作单位（全称）", facts.employer),),
        (("单位性质", boxes),),
        (("现任职务", facts.position), ("参加本单位\n工作时间", start)),
        (("税前月收入\n（小写）", f"{money}元"), ("（大写）", facts.amount_in_words)),
        (("单位联系电话\n（座机）", facts.employer_phone), ("经办人", "")),
    ]
    clerk_spot = (0.0, 0.0)
    for row in rows:
        x = left
        for k, (label, value) in enumerate(row):
            lw = w[2 * k]
            vw = w[2 * k + 1] if len(row) == 2 else span - lw
            _label_cell(pen, x, y, lw, h, label, size - 0.4)
            _cell(pen, x + lw, y, vw, h, value, size, label=False)
            if label == "经办人":
                clerk_spot = (x + lw + 2, y + 1)
            x += lw + vw
        y += h
    sig = signature(rng.choice(("刘芳", "陈静", "王磊", "赵敏", "孙丽")), rng)
    pen.image(sig, clerk_spot[0], clerk_spot[1], min(sig.width / sig.height * (h - 2), w[3] - 4), h - 2)
    decl_h = 46.0
    _label_cell(pen, left, y, w[0], decl_h, "单位声明", size - 0.4)
    pen.rect(left + w[0], y, span - w[0], decl_h, stroke=RULE, width=0.45)
    inner = left + w[0] + 2.5
    text = ("\u3000\u3000我单位保证以上所填内容真实、准确，并愿意就此承担相应的法律责任。本证明仅作为该职工向贵行申请"
            "个人贷款之用，不构成我单位对该笔贷款的任何担保。")
    yy = y + 6.5
    for line in pen.wrap(text, size - 0.3, span - w[0] - 5):
        pen.text(inner, yy, line, size - 0.3)
        yy += (size - 0.3) * 0.5
    sx = left + w[0] + (span - w[0]) * 0.52
    pen.text(sx, y + decl_h - 15, "单位公章：", size)
    day = date_text(facts.issue_date, rng.choice(("cn_padded", "cn")))
    pen.text(sx, y + decl_h - 6, day, size)
    y += decl_h
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章")))
        double = rng.random() < 0.5
        mark = replace(mark, color=_ink(rng), ring=rng.choice((0.05, 0.065)) if not double else 0.03, inner=double,
                       fade=rng.choice((0.0, 0.3)))
        press(pen, rng, mark, center=(sx + rng.uniform(14, 26), y - decl_h / 2 + rng.uniform(-4, 6)),
              width_mm=rng.uniform(38, 42))
    y += 9
    x = left
    while x < right:
        pen.line(x, y, min(x + 2.4, right), y, width=0.4, color=GREY)
        x += 4.0
    note_w = pen.width("以下由贷款银行填写", size - 1) + 6
    pen.rect(pen.w_mm / 2 - note_w / 2, y - 3, note_w, 6, fill=(1, 1, 1))
    pen.text(pen.w_mm / 2, y + 1.2, "以下由贷款银行填写", size - 1, align="center", color=GREY)
    y += 7
    cw = span / 6
    for k, label in enumerate(("核实方式", "□电话 □实地 □函证", "核实人", "", "核实时间", "")):
        _cell(pen, left + k * cw, y, cw, h, label, size - 0.8, label=k % 2 == 0)
    y += h
    _label_cell(pen, left, y, cw, h * 1.6, "核实意见", size - 0.8)
    pen.rect(left + cw, y, span - cw, h * 1.6, stroke=RULE, width=0.45)
    pen.text(left + 2, pen.h_mm - 16, "注：1. 本表一式两联，第一联银行留存，第二联借款人留存；2. 收入指税前工资薪金收入。",
             8, color=GREY, max_width=span)
    for k, ch in enumerate("第一联　银行留存"):
        pen.text(pen.w_mm - 10, 110 + k * 5.2, ch, 9, align="center", color=GREY)
    return _finish(buffer, pen)


def _label_cell(pen: Pen, x: float, y: float, w: float, h: float, label: str, size: float) -> None:
    """A shaded label cell whose text may break where the form breaks it (\\n)."""
    pen.rect(x, y, w, h, stroke=RULE, width=0.45, fill=SHADE)
    parts = label.split("\n")
    lead = size * 0.42
    base = y + h / 2 - lead * (len(parts) - 1) / 2 + size * 0.14
    for k, part in enumerate(parts):
        pen.text(x + w / 2, base + k * lead, part, size, align="center", bold=True, max_width=w - 2)


def render_net_and_gross(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入证明 on letterhead: the 税前 pay with 大写, then what is paid out after deductions; 二〇 date under the seal."""
    buffer, pen = _canvas(facts, rng, "收入证明")
    left, right = rng.uniform(25, 30), pen.w_mm - rng.uniform(24, 28)
    span = right - left
    brand = rng.choice(((0.05, 0.3, 0.6), (0.62, 0.1, 0.12), (0.0, 0.45, 0.42), (0.2, 0.2, 0.2)))
    pen.text(left, 20, facts.employer, rng.uniform(12.5, 14), bold=True, color=brand, max_width=span * 0.8)
    initials = "".join(rng.choice("ABCDEFGHJKLMNPRSTWXYZ") for _ in range(rng.randint(2, 4)))
    pen.text(left, 25.5, f"{initials} {rng.choice(('Co., Ltd.', 'Technology Co., Ltd.', 'Group Co., Ltd.'))}", 8,
             color=GREY)
    pen.line(left, 29, right, 29, width=1.6, color=brand)
    pen.line(left, 30.2, right, 30.2, width=0.3, color=brand)
    title = rng.choice(("收 入 证 明", "收入证明", "收 入 情 况 证 明"))
    y = rng.uniform(50, 58)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 21), bold=True, align="center")
    y += 17
    size = rng.uniform(12, 13.2)
    lead = size * rng.uniform(0.74, 0.84)
    bank = rng.choice(BANKS)
    pen.text(left, y, rng.choice((f"致：{bank}股份有限公司{facts.city}分行", f"{bank}{facts.city}分行：",
                                  "致：有关银行")), size)
    y += lead * 1.4
    style = rng.choice(("commas", "plain"))
    gross = facts.monthly_income
    net = (gross * Decimal(rng.choice(("0.78", "0.8", "0.82", "0.84")))).quantize(Decimal("100"))
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    text = (f"\u3000\u3000兹有{facts.name}（{facts.sex}，居民身份证号码{facts.id_number}），自{start}起与我公司建立劳动关系，"
            f"现在{rng.choice(('我公司', '本公司'))}担任{facts.position}。该员工每月税前工资收入为人民币"
            f"{amount_text(gross, style)}元（大写：{facts.amount_in_words}），依法扣除个人所得税及个人应缴社会保险费、"
            f"住房公积金后，每月实发约人民币{amount_text(net, style)}元，工资以银行转账方式按月发放。")
    texts = [text, "\u3000\u3000我公司对上述内容的真实性负责。本证明仅用于该员工办理个人住房贷款，不作其他用途。",
             "\u3000\u3000特此证明。"]
    for para in texts:
        for line in pen.wrap(para, size, span):
            pen.text(left, y, line, size)
            y += lead
        y += lead * 0.25
    y += lead * rng.uniform(2.4, 3.4)
    label = rng.choice(("单位名称（公章）：", "证明单位（盖章）："))
    sx = right - max(pen.width(facts.employer, size), pen.width(label, size)) - 4
    pen.text(sx, y, label, size)
    name_w = pen.text(sx, y + lead * 1.3, facts.employer, size, max_width=right - sx)
    day = date_text(facts.issue_date, "numerals")
    day_w = pen.text(sx, y + lead * 2.6, day, size)
    pen.text(left, y + lead * 1.3, f"人力资源部联系电话：{facts.employer_phone}", size - 1.5, color=GREY,
             max_width=sx - left - 4)
    pen.line(left, pen.h_mm - 22, right, pen.h_mm - 22, width=0.5, color=brand)
    host = "".join(rng.choice("abcdefghkmnprstwxyz") for _ in range(rng.randint(4, 7)))
    pen.text(left, pen.h_mm - 17, f"地址：{facts.city}市{rng.choice(('高新区', '经开区', '中心区'))}"
             f"{rng.choice(('科技路', '创业大道', '人民路', '学府街'))}{rng.randint(1, 299)}号　"
             f"电话：{facts.employer_phone}　网址：www.{host}.com.cn", 7.5, color=GREY, max_width=span)
    pen.text(pen.w_mm / 2, pen.h_mm - 10, "第 1 页 共 1 页", 8, align="center", color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "")))
        mark = replace(mark, color=rng.choice(((214, 40, 40), (200, 64, 36), (222, 58, 52))),
                       ring=rng.choice((0.045, 0.06, 0.07)), fade=rng.choice((0.0, 0.25)))
        cx = sx + max(name_w, day_w) * rng.uniform(0.45, 0.7)
        press(pen, rng, mark, center=(cx, y + lead * rng.uniform(1.2, 2.2)), width_mm=rng.uniform(40, 43))
    return _finish(buffer, pen)
