"""Twelfth-batch income-proof families (templates.py): an HR system's certificate whose facts sit as values under
small labels in a boxed grid, with the year's pay first, and a department's letter photographed lying on a desk.

`letter_label_grid`: a company's 员工收入证明 printed from its HR system: the company's name at the top left, a Code 128
barcode with the 证明编号 under it at the top right, a thick rule, the title, a one-line lead, then a three-column boxed
grid in which every cell holds a small grey label above its value (员工姓名/性别/证件号码, 任职公司, 所在岗位/入职日期/
工作年限), a shaded pay band giving 近十二个月税前收入合计 first and 月平均税前收入 with its 大写 after it, a row for the
HR phone, numbered notes, and the sign-off centred at the foot (the company's name over a 2026年3月5日 date) under a
purple-red double-ring seal.
`letter_desk_photo`: a department's 证明 photographed on a desk with a phone: a wooden desk around a sheet lying a
little off-centre, the sheet's drop shadow, a soft dark shadow of the phone and hand across one corner and uneven
light; on the sheet a prose letter giving 工作年限, 月均收入（税前） with its 大写 and 年收入约…万元, 部门负责人 with a
handwritten signature on the left, the company's name and a 2026/03/05 date on the right, and a scarlet thin-ring
seal pressed partly over the last lines of the prose.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.graphics.barcode.code128 import Code128

from .contract_pdf import signature
from .family_kit import amount_text, date_text, press
from .income_proof import IncomeProofFacts
from .pdfkit import A4_PT, MM, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.42, 0.42, 0.42)
RULE = (0.3, 0.3, 0.3)
_PRODUCERS = ("Kingdee EAS HR", "SAP SuccessFactors", "北森iTalent", "用友NC Cloud", "Moka People")
_DEPARTMENTS = ("技术研发部", "市场营销部", "财务管理部", "运营中心", "工程管理部", "客户服务部", "综合管理部")


def _canvas(facts: IncomeProofFacts, rng: random.Random, title: str, producer: str) -> tuple[io.BytesIO, Pen]:
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(8, 18),
                                                                           minute=rng.randint(0, 59))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title=title)
    return buffer, Pen(canvas, random_typeface(rng), A4_PT)


def _finish(buffer: io.BytesIO, pen: Pen) -> bytes:
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def _years(facts: IncomeProofFacts) -> int:
    return max(1, (facts.issue_date - facts.employment_start).days // 365)


def _box(pen: Pen, x: float, y: float, w: float, h: float, label: str, value: str, size: float, *,
         fill: tuple[float, float, float] | None = None, bold: bool = False) -> None:
    """A boxed cell: a small grey label at the top left and the value under it."""
    pen.rect(x, y, w, h, stroke=RULE, width=0.4, fill=fill)
    pen.text(x + 2, y + 4.2, label, size - 2.6, color=GREY)
    pen.text(x + 2, y + h - 3.2, value, size, bold=bold, max_width=w - 4)


def render_label_grid(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """HR system print: barcode and 证明编号, labels over values in boxes, the year's pay before the monthly mean."""
    title = rng.choice(("员工收入证明", "在职员工收入证明", "收入证明（员工自助）"))
    buffer, pen = _canvas(facts, rng, title, rng.choice(_PRODUCERS))
    left, right = rng.uniform(17, 21), pen.w_mm - rng.uniform(17, 21)
    span = right - left
    brand = rng.choice(((0.1, 0.25, 0.5), (0.0, 0.38, 0.33), (0.45, 0.12, 0.2), (0.18, 0.18, 0.18)))
    pen.text(left, 20, facts.employer, rng.uniform(12, 13.5), bold=True, color=brand, max_width=span * 0.58)
    pen.text(left, 26, "人力资源服务中心　HR Service", 8, color=GREY)
    number = f"SR{facts.issue_date:%y%m%d}{rng.randint(10**5, 10**6 - 1)}"
    code = Code128(number, barHeight=8 * MM, barWidth=0.62, quiet=False)
    code.drawOn(pen.c, (right - code.width / MM) * MM, (pen.h_mm - 22) * MM)
    pen.text(right - code.width / MM / 2, 26, f"证明编号：{number}", 7.8, align="center")
    pen.line(left, 30, right, 30, width=2.0, color=brand)
    pen.text(pen.w_mm / 2, 44, title, rng.uniform(17, 19), bold=True, align="center", spacing=rng.choice((0.0, 1.2)))
    size = rng.uniform(10.6, 11.6)
    pen.text(left, 55, rng.choice(("经核实，以下员工的在职及收入信息真实有效：", "兹证明下列员工在我司任职，其基本信息及收入情况如下：")),
             size - 0.6, max_width=span)
    y, h = 60.0, rng.uniform(13, 14.5)
    third = span / 3
    start = date_text(facts.employment_start, rng.choice(("iso", "cn_padded", "slash")))
    _box(pen, left, y, third, h, "员工姓名 / 性别", f"{facts.name}（{facts.sex}）", size)
    _box(pen, left + third, y, third * 2, h, rng.choice(("证件号码（居民身份证）", "身份证件号码")), facts.id_number, size)
    y += h
    _box(pen, left, y, span, h, rng.choice(("任职公司", "劳动合同签约主体")), facts.employer, size)
    y += h
    _box(pen, left, y, third, h, rng.choice(("所在岗位", "岗位名称")), facts.position, size)
    _box(pen, left + third, y, third, h, rng.choice(("入职日期", "本司入职时间")), start, size)
    _box(pen, left + 2 * third, y, third, h, "工作年限", f"{_years(facts)}年", size)
    y += h + 4
    shade = (0.94, 0.95, 0.97)
    style = rng.choice(("commas", "yen", "plain"))
    annual = facts.monthly_income * 12
    pen.rect(left, y, span, 6.5, fill=brand)
    pen.text(left + 2, y + 4.6, rng.choice(("收入情况（税前，单位：人民币元）", "薪酬信息（税前 / 人民币元）")), size - 1.6,
             bold=True, color=(1, 1, 1))
    y += 6.5
    half = span / 2
    _box(pen, left, y, half, h, rng.choice(("近十二个月税前收入合计", "年度税前总收入（近12个月）")),
         amount_text(annual, style), size + 0.8, fill=shade, bold=True)
    _box(pen, left + half, y, half, h, rng.choice(("月平均税前收入", "月均应发收入（税前）")),
         amount_text(facts.monthly_income, style), size + 0.8, fill=shade, bold=True)
    y += h
    _box(pen, left, y, span, h, "月平均税前收入（大写）", facts.amount_in_words, size, fill=shade)
    y += h
    _box(pen, left, y, span, h, rng.choice(("人力资源部联系电话", "核实电话（人力资源部）")), facts.employer_phone, size)
    y += h + 8
    notes = ("1. 本证明所列收入为税前应发收入，含基本工资、岗位津贴及绩效奖金；",
             "2. 本证明仅用于员工办理个人贷款业务，复印件无效；",
             "3. 如需核实，请于工作日拨打上述电话，或凭证明编号向人力资源部查询。")
    pen.text(left, y, "说明：", size - 1.4, bold=True)
    for k, note in enumerate(notes):
        pen.text(left + 2, y + 5.4 * (k + 1), note, size - 1.8, color=GREY, max_width=span - 4)
    y = max(y + 36, pen.h_mm - 62)
    name_w = pen.text(pen.w_mm / 2, y, facts.employer, size + 0.4, align="center", max_width=span * 0.7)
    day = date_text(facts.issue_date, "cn")
    pen.text(pen.w_mm / 2, y + 8, day, size, align="center")
    pen.text(pen.w_mm / 2, y - 8, "（公司盖章）", size - 1.5, align="center", color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章")))
        mark = replace(mark, color=rng.choice(((160, 34, 96), (148, 40, 112), (172, 44, 90))), ring=0.022, inner=True,
                       fade=rng.choice((0.0, 0.25)))
        press(pen, rng, mark, center=(pen.w_mm / 2 + name_w * rng.uniform(-0.15, 0.2), y + rng.uniform(-2, 4)),
              width_mm=rng.uniform(38, 42))
    return _finish(buffer, pen)


def _desk(w_mm: float, h_mm: float, rng: random.Random) -> Image.Image:
    """A wooden desk top: a warm base with darker grain streaks."""
    px = 3
    base = rng.choice(((150, 104, 66), (176, 132, 90), (120, 84, 56), (196, 170, 140)))
    img = Image.new("RGB", (int(w_mm * px), int(h_mm * px)), base)
    draw = ImageDraw.Draw(img)
    for _ in range(140):
        y = rng.uniform(0, img.height)
        shade = rng.randint(-26, 16)
        colour = tuple(max(0, min(255, c + shade)) for c in base)
        draw.line([(0, y), (img.width, y + rng.uniform(-30, 30))], fill=colour, width=rng.randint(1, 4))
    return img.filter(ImageFilter.GaussianBlur(1.2))


def _shadow(w_mm: float, h_mm: float, rng: random.Random) -> Image.Image:
    """The phone's and hand's soft shadow over one corner, and light falling off towards the far edge."""
    px = 2
    img = Image.new("L", (int(w_mm * px), int(h_mm * px)), 0)
    draw = ImageDraw.Draw(img)
    corner = rng.choice(("left", "right"))
    x0 = -img.width * 0.2 if corner == "left" else img.width * 0.55
    draw.ellipse((x0, img.height * rng.uniform(0.72, 0.82), x0 + img.width * 0.65, img.height * 1.25), fill=120)
    img = img.filter(ImageFilter.GaussianBlur(img.width * 0.09))
    fall = Image.linear_gradient("L").resize(img.size).point(lambda v: int(v * 0.22))
    img = ImageChops.lighter(img, fall)
    out = Image.new("RGBA", img.size, (20, 16, 12, 0))
    out.putalpha(img)
    return out


def render_desk_photo(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A department's 证明 lying on a desk, photographed: desk, sheet and shadows around a prose letter."""
    buffer, pen = _canvas(facts, rng, "IMG_" + f"{facts.issue_date:%Y%m%d}_{rng.randint(100000, 235959)}",
                          rng.choice(("iPhone 14 Pro", "HUAWEI Mate 50", "vivo X90", "OPPO Find X6")))
    w, h = pen.w_mm, pen.h_mm
    pen.image(_desk(w, h, rng), 0, 0, w, h)
    sx, sy = rng.uniform(7, 15), rng.uniform(8, 16)
    sw, sh = w - sx - rng.uniform(7, 15), h - sy - rng.uniform(8, 16)
    pen.rect(sx + 1.8, sy + 2.4, sw, sh, fill=(0.28, 0.2, 0.14))
    pen.rect(sx, sy, sw, sh, fill=rng.choice(((0.97, 0.97, 0.95), (0.95, 0.95, 0.93), (0.98, 0.97, 0.94))))
    left, right = sx + rng.uniform(18, 22), sx + sw - rng.uniform(16, 20)
    span = right - left
    y = sy + rng.uniform(34, 42)
    pen.text(w / 2, y, rng.choice(("证　　明", "收入证明", "工作及收入证明")), rng.uniform(19, 22), bold=True, align="center")
    y += 18
    size = rng.uniform(12.2, 13.2)
    lead = size * rng.uniform(0.72, 0.8)
    dept = rng.choice(_DEPARTMENTS)
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    money = amount_text(facts.monthly_income, rng.choice(("commas", "plain")))
    annual = (facts.monthly_income * 12 / Decimal(10000)).quantize(Decimal("0.1"))
    body = [f"\u3000\u3000兹证明{facts.name}（{facts.sex}，身份证号：{facts.id_number}）系{facts.employer}{dept}员工，"
            f"于{start}入职，工作年限{_years(facts)}年，现任{facts.position}。",
            f"\u3000\u3000该同志月均收入（税前）为人民币{money}元（大写：{facts.amount_in_words}），年收入约{annual}万元，"
            f"由公司按月以银行代发方式发放。",
            "\u3000\u3000本证明仅供该同志办理贷款使用，如有不实，我单位愿承担相应责任。",
            "\u3000\u3000特此证明。"]
    for para in body:
        for line in pen.wrap(para, size, span):
            pen.text(left, y, line, size)
            y += lead
        y += lead * 0.3
    y += lead * rng.uniform(2.0, 2.8)
    pen.text(left, y, "部门负责人：", size)
    boss = rng.choice(("周建国", "李晓东", "吴海燕", "郑伟", "黄丽华", "马俊"))
    sig = signature(boss, rng)
    pen.image(sig, left + pen.width("部门负责人：", size) + 1, y - 9, min(sig.width / sig.height * 12, 44), 12)
    pen.text(left, y + lead * 1.2, f"联系电话：{facts.employer_phone}", size - 1.5, color=GREY)
    name_w = pen.text(right, y, facts.employer, size, align="right", max_width=span * 0.5)
    pen.text(right, y + lead * 1.2, date_text(facts.issue_date, "slash"), size, align="right")
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer)
        mark = replace(mark, color=rng.choice(((236, 34, 40), (228, 28, 52), (240, 48, 36))), ring=0.016,
                       fade=rng.choice((0.0, 0.35)))
        cx = right - name_w * rng.uniform(0.3, 0.55)
        cy = y - rng.uniform(3, 9)
        press(pen, rng, mark, center=(cx, cy), width_mm=rng.uniform(39, 42))
    pen.image(_shadow(w, h, rng), 0, 0, w, h)
    return _finish(buffer, pen)
