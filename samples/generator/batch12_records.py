"""Twelfth-batch families of the contract and the two official records (templates.py).

`contract_filing_barcode`: a 商品房买卖合同 as the city's 网签备案 system prints it: every page opens with the system's
running head on the left and a Code 128 barcode of the 合同备案号 with the number under it on the right, a pale slanted
网上签约 watermark (a picture) lies over every page, the model text's filled-in blanks sit on dotted underlines
(出卖人……, 买受人……, 房屋坐落……), the price as 小写 on a dotted line and 大写 on the next, the model clauses, 附件
pages, and on the last page a ruled signing table (出卖人（签章）| 买受人（签字）, 法定代表人/委托代理人, 签订时间,
签订地点); a 骑缝章 slice of the seller's seal runs down the right edge of every page, and its seal sits over its
name in the signing table. 第 i 页 共 n 页 at every foot.
`tax_month_columns`: a 办税服务厅's 个人所得税收入纳税情况表 on landscape A4 with the months laid across as columns: for
every 所得项目 and 扣缴义务人 a 收入额 row and an 已缴税额 row, empty cells where nothing was declared, a 合计 column, two
grand-total rows, 已缴税额合计（大写）, 查验码, 开具人 and a 2026年3月5日 开具日期 under an orange-red thin-ring round seal
over the office's name. No page number.
`license_certified_copy`: a black-and-white photocopy of the 营业执照 副本 on portrait A4, certified by the company:
the copy in greys (frame, emblem, code and 副本编号, QR, the fields in one column with spaced labels, 登记机关 and the
date under the registry's seal — grey like the rest), a dark band where the copier's lid did not close, toner specks;
over it, in fresh ink, a handwritten 与原件一致 in blue-black, a red boxed 仅供…使用 / 再复印无效 note and the
company's own red round seal pressed across the copy's lower half.
"""

from __future__ import annotations

import io
import random
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from PIL import Image, ImageDraw
from reportlab.graphics.barcode.code128 import Code128

from docproc.cn.amount_words import to_words

from .batch10_records import _watermark as slanted_watermark
from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, capital_text, qr_code
from .pdfkit import A4_PT, MM, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.38, 0.38, 0.38)
RULE = (0.2, 0.2, 0.2)
FILING = "contract_filing_barcode"
CERTIFIED_COPY = "license_certified_copy"


# ------------------------------------------------------------------ contract_filing_barcode
def _finish(t: Typesetter, book: object, mark: Image.Image) -> None:
    """The filing system's running head with the barcode, the watermark, the riding slice and 第 i 页 共 n 页."""
    f, pen = t.f, t.pen
    page = book.page  # type: ignore[attr-defined]
    pen.image(mark, 0, 0, pen.w_mm, pen.h_mm)
    riding = book.riding  # type: ignore[attr-defined]
    if riding is not None:
        n = f.pages_declared
        strip = riding.crop((riding.width * (page - 1) // n, 0, riding.width * page // n, riding.height))
        width, top = book.riding_mm  # type: ignore[attr-defined]
        w = width * strip.width / riding.width
        pen.image(strip, pen.w_mm - w, top, w, width * riding.height / riding.width, multiply=True)
    code = Code128(f.number, barHeight=6.5 * MM, barWidth=0.55, quiet=False)
    top = 8.0
    code.drawOn(pen.c, (t.right - code.width / MM) * MM, (pen.h_mm - top - 6.5) * MM)
    pen.text(t.right - code.width / MM / 2, top + 10, f"合同备案号：{f.number}", 7.5, align="center")
    pen.text(t.left, top + 5, f"{f.seller.region.short_city}市房屋交易网签备案系统", 7.5, color=GREY)
    pen.line(t.left, top + 12, t.right, top + 12, width=0.5, color=GREY)
    pen.text(pen.w_mm / 2, pen.h_mm - f.style.margin / 2, f"第 {page} 页 共 {f.pages_declared} 页", 9,
             align="center")
    pen.c.showPage()
    book.page += 1  # type: ignore[attr-defined]
    t.y = t.top + 6


def _dotted(t: Typesetter, label: str, value: str, *, tail: str = "", indent: float = 0.0) -> None:
    """label then the value on a dotted underline (the model text's blank), then what follows the blank."""
    pen, size = t.pen, t.s.size
    t.y += t.line_h * 1.1
    x = t.left + indent
    lw = pen.text(x, t.y, label, size)
    room = t.right - x - lw - pen.width(tail, size) - 4
    vw = pen.text(x + lw + 2, t.y, value, size, max_width=room)
    end = x + lw + max(vw + 6, min(room, 60.0))
    dot = x + lw
    while dot < end:
        pen.line(dot, t.y + 1.3, dot + 0.5, t.y + 1.3, width=0.6)
        dot += 1.3
    if tail:
        pen.text(end + 1, t.y, tail, size)


def contract_filing_barcode(t: Typesetter, book: object) -> SealSpot:
    """网签备案 print: barcode heads, watermark, dotted blanks, 附件 pages, signing table; riding slices if sealed."""
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    city = f.seller.region.short_city
    mark = slanted_watermark(f"网上签约　{city}市住房和城乡建设局", pen.w_mm, pen.h_mm, rng)
    t.top = max(t.top, 28.0)
    t.y = t.top + 6
    kind = "预售" if f.style.presale else "现售"
    pen.text(pen.w_mm / 2, t.y + 8, "商品房买卖合同", 21, bold=True, align="center", spacing=1.0)
    pen.text(pen.w_mm / 2, t.y + 16, f"（{kind}）", 12, align="center")
    t.y += 20
    _dotted(t, "出卖人：", f.seller.name)
    _dotted(t, "统一社会信用代码：", f.seller.uscc, indent=8)
    _dotted(t, "法定代表人：", f.seller.legal_rep, indent=8, tail=f"联系电话：{f.seller.phone}")
    _dotted(t, "通讯地址：", f.seller.address, indent=8)
    for k, (name, number) in enumerate(f.buyers):
        t.y += t.line_h * 0.3
        _dotted(t, "买受人：" if len(f.buyers) == 1 else f"买受人（{k + 1}）：", name)
        _dotted(t, "【居民身份证】证件号码：", number, indent=8)
    _dotted(t, "通讯地址：", f.buyer_address, indent=8, tail=f"联系电话：{f.buyer_phone}")
    t.y += t.line_h * 0.6
    t.para("出卖人和买受人根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》等法律、法规的规定，"
           "在平等、自愿、公平、诚实信用的基础上，就买卖商品房达成如下协议：")
    t.para("第一条　商品房基本状况", indent=False, bold=True)
    _dotted(t, "该商品房坐落于：", f.property_address)
    _dotted(t, "合同约定建筑面积共", f"{f.floor_area:.2f}", tail="平方米，", indent=8)
    _dotted(t, "其中套内建筑面积", f"{f.inner_area:.2f}", tail="平方米。", indent=8)
    _finish(t, book, mark)
    commas = rng.random() < 0.5
    t.para("第二条　商品房价款", indent=False, bold=True)
    _dotted(t, "该商品房总价款为人民币（小写）", money(f.total_price, commas=commas), tail="元，")
    _dotted(t, "（大写）", f.price_words, tail="。", indent=8)
    t.y += t.line_h * 0.4
    t.para("第三条　付款方式及期限", indent=False, bold=True)
    _dotted(t, "买受人首期支付房价款（小写）", money(f.down_payment, commas=commas), tail="元，")
    t.para("其余房价款以商业贷款方式支付，买受人应于本合同签订后及时向贷款机构申请贷款。")
    t.para("第四条　交付期限", indent=False, bold=True)
    _dotted(t, "出卖人应当在", date_text(f.delivery_date, "cn"), tail="前向买受人交付该商品房。")
    clause_pages(t, max(n - 3, 1), lambda: _finish(t, book, mark))
    _finish(t, book, mark)
    which = 0
    while book.page < n:  # type: ignore[attr-defined]
        appendix(t, which)
        which += 1
        _finish(t, book, mark)
    t.heading("合同签署页")
    t.para("（本页无正文）", indent=False)
    y = t.y + 8
    size = t.s.size + 0.6
    half = (t.right - t.left) / 2
    rows = (34.0, 16.0, 14.0, 14.0)
    labels = (("出卖人（签章）：", "买受人（签字）："), ("法定代表人：", "委托代理人："), ("签订时间：", "签订时间："),
              ("签订地点：", ""))
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded")))
    values = (("", ""), (f.seller.legal_rep, ""), (signed, signed), (f"{city}市{f.seller.region.district}", ""))
    yy = y
    for h, (a, b), (va, vb) in zip(rows, labels, values, strict=True):
        for x, label, value in ((t.left, a, va), (t.left + half, b, vb)):
            pen.rect(x, yy, half, h, stroke=RULE, width=0.5)
            if label:
                pen.text(x + 2, yy + 5.5, label, size - 0.6, bold=label.endswith("）："))
            if value:
                pen.text(x + 4, yy + h - 2.5, value, size - 0.6, max_width=half - 8)
        yy += h
    name_w = pen.text(t.left + 4, y + 17, f.seller.name, size, max_width=half - 8)
    by = y + 9
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, t.left + half + 6, by, min(sig.width / sig.height * 11, half - 12), 11)
        by += 12
    spot = SealSpot(n, (t.left + 4 + name_w * rng.uniform(0.3, 0.7)) / pen.w_mm, (y + 16 + rng.uniform(-3, 4)) / pen.h_mm,
                    rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        seal = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        seal = replace(seal, color=rng.choice(((226, 50, 36), (214, 40, 48), (232, 66, 40))),
                       ring=rng.choice((0.03, 0.045)))
        press(pen, rng, seal, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = yy
    _finish(t, book, mark)
    return spot


# ------------------------------------------------------------------ tax_month_columns
def render_tax_months(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """收入纳税情况表 on landscape A4 with the months as columns: 收入额 and 已缴税额 rows per item and agent."""
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    title = rng.choice(("个人所得税收入纳税情况表", "个人所得税收入及纳税情况（按月）", "纳税人收入纳税情况月度表"))
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=producer, title=title)
    pen = Pen(canvas, facts.face, page)
    w, h = pen.w_mm, pen.h_mm
    left, right = 11.0, w - 11.0
    span = right - left
    pen.text(w / 2, 17, title, 16.5, bold=True, align="center")
    pen.text(right, 24, f"编号：{facts.serial}", 8.5, align="right", color=GREY)
    pen.text(left, 24, f"开具机关：{facts.authority}", 8.5, color=GREY, max_width=span * 0.6)
    y = 28.0
    style = rng.choice(("cn_padded", "cn"))
    strip = (("纳税人姓名", facts.name, 0.24), ("证件号码", facts.id_number, 0.32),
             ("所属期间", f"{date_text(facts.period_start, style)}至{date_text(facts.period_end, style)}", 0.44))
    x = left
    for label, value, share in strip:
        cw = span * share
        lw = pen.width(label, 9) + 4
        pen.rect(x, y, lw, 7.5, stroke=RULE, width=0.4, fill=(0.92, 0.92, 0.92))
        pen.rect(x + lw, y, cw - lw, 7.5, stroke=RULE, width=0.4)
        pen.text(x + 2, y + 5.1, label, 9)
        pen.text(x + lw + 1.5, y + 5.1, value, 9, max_width=cw - lw - 3)
        x += cw
    y += 12
    months = sorted({r.period.replace(day=1) for r in facts.rows})
    groups: dict[tuple[str, str], dict[date, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for r in facts.rows:
        key = r.period.replace(day=1)
        inc, tax = groups[(r.item, r.agent)].get(key, (Decimal(0), Decimal(0)))
        groups[(r.item, r.agent)][key] = (inc + r.income, tax + r.tax)
    commas = rng.random() < 0.4
    label_w = (span * 0.085, span * 0.15, span * 0.055)
    total_w = span * 0.075
    month_w = (span - sum(label_w) - total_w) / max(len(months), 1)
    rows_n = 2 * len(groups) + 2
    row_h = min(7.2, (h - y - 52) / (rows_n + 1.6))
    size = min(7.6, month_w * 0.95, row_h * 1.3)
    head_h = row_h * 1.6
    x = left
    for head, cw in zip(("所得项目", "扣缴义务人", "项目"), label_w, strict=True):
        pen.rect(x, y, cw, head_h, stroke=RULE, width=0.4, fill=(0.9, 0.92, 0.95))
        pen.text(x + cw / 2, y + head_h * 0.62, head, size, bold=True, align="center", max_width=cw - 1)
        x += cw
    for m in months:
        pen.rect(x, y, month_w, head_h, stroke=RULE, width=0.4, fill=(0.9, 0.92, 0.95))
        pen.text(x + month_w / 2, y + head_h * 0.42, f"{m.year}年", size - 0.8, align="center", max_width=month_w - 1)
        pen.text(x + month_w / 2, y + head_h * 0.85, f"{m.month:02d}月", size, bold=True, align="center")
        x += month_w
    pen.rect(x, y, total_w, head_h, stroke=RULE, width=0.4, fill=(0.9, 0.92, 0.95))
    pen.text(x + total_w / 2, y + head_h * 0.62, "合计", size, bold=True, align="center")
    y += head_h

    def row(values: dict[date, Decimal], what: str, *, bold: bool = False) -> None:
        nonlocal y
        xx = left + label_w[0] + label_w[1]
        pen.rect(xx, y, label_w[2], row_h, stroke=RULE, width=0.3)
        pen.text(xx + label_w[2] / 2, y + row_h * 0.7, what, size - 0.4, align="center", bold=bold,
                 max_width=label_w[2] - 1)
        xx += label_w[2]
        for m in months:
            pen.rect(xx, y, month_w, row_h, stroke=RULE, width=0.3)
            if m in values:
                pen.text(xx + month_w - 0.8, y + row_h * 0.7, money(values[m], commas=commas), size - 0.4,
                         align="right", bold=bold, max_width=month_w - 1.4)
            xx += month_w
        pen.rect(xx, y, total_w, row_h, stroke=RULE, width=0.3)
        pen.text(xx + total_w - 0.8, y + row_h * 0.7, money(sum(values.values(), Decimal(0)), commas=commas),
                 size - 0.4, align="right", bold=True, max_width=total_w - 1.4)
        y += row_h

    for (item, agent), cells in sorted(groups.items()):
        top = y
        row({m: v[0] for m, v in cells.items()}, "收入额")
        row({m: v[1] for m, v in cells.items()}, "已缴税额")
        pen.rect(left, top, label_w[0], y - top, stroke=RULE, width=0.3)
        pen.rect(left + label_w[0], top, label_w[1], y - top, stroke=RULE, width=0.3)
        pen.text(left + label_w[0] / 2, top + row_h * 1.15, item, size - 0.3, align="center", max_width=label_w[0] - 1)
        lines = pen.wrap(agent, size - 0.8, label_w[1] - 2)[:2]
        for k, line in enumerate(lines):
            pen.text(left + label_w[0] + 1, top + row_h * (0.8 + 0.8 * k), line, size - 0.8)
    top = y
    income_all: dict[date, Decimal] = defaultdict(Decimal)
    tax_all: dict[date, Decimal] = defaultdict(Decimal)
    for cells in groups.values():
        for m, (inc, tax) in cells.items():
            income_all[m] += inc
            tax_all[m] += tax
    row(dict(income_all), "收入额", bold=True)
    row(dict(tax_all), "已缴税额", bold=True)
    pen.rect(left, top, label_w[0] + label_w[1], y - top, stroke=RULE, width=0.4)
    pen.text(left + (label_w[0] + label_w[1]) / 2, top + row_h * 1.2, "合　　计", size + 0.4, bold=True, align="center")
    y += 7
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"已缴税额合计（大写）：{words}　　（金额单位：人民币元）", 9.5, max_width=span * 0.65)
    pen.text(left, y + 6, f"查验码：{facts.verification_code}　　可登录自然人电子税务局核验本表信息。", 8.5, color=GREY)
    pen.text(left, y + 12, f"开具人：{rng.choice(('张敏', '刘洋', '陈晨', '王芳', '李娜'))}", 8.5, color=GREY)
    sx = right - 48
    pen.text(sx, y + 4, facts.authority, 10, align="center", max_width=88)
    pen.text(sx, y + 11, f"开具日期：{date_text(facts.issue_date, 'cn')}", 10, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征收专用章", "")))
        mark = replace(mark, color=rng.choice(((232, 82, 40), (226, 70, 44), (238, 96, 50))), ring=0.018,
                       star=True, fade=rng.choice((0.0, 0.3)))
        press(pen, rng, mark, center=(sx + rng.uniform(-6, 8), y + rng.uniform(0, 8)), width_mm=rng.uniform(38, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ license_certified_copy
def _copy_fields(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    day = date_text(facts.established, "cn")
    if facts.individual:
        return [("名　　称", c.name), ("类　　型", "个体工商户"), ("经 营 者", c.legal_rep), ("组成形式", "个人经营"),
                ("注册日期", day), ("经营场所", c.address)]
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "cn")
    return [("名　　称", c.name), ("类　　型", facts.kind), ("住　　所", c.address), ("法定代表人", c.legal_rep),
            ("注册资本", capital_text(facts)), ("成立日期", day), ("营业期限", f"{day}至{until}")]


def _specks(w: float, h: float, rng: random.Random, *, lid: str) -> Image.Image:
    """Toner specks and the dark band where the copier's lid stood open."""
    px = 3
    img = Image.new("RGBA", (int(w * px), int(h * px)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(50, 120)):
        x, y = rng.uniform(0, img.width), rng.uniform(0, img.height)
        r = rng.uniform(0.3, 1.1)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(30, 30, 30, rng.randint(90, 200)))
    band = int(img.width * rng.uniform(0.02, 0.04))
    box = (0, 0, band, img.height) if lid == "left" else (img.width - band, 0, img.width, img.height)
    draw.rectangle(box, fill=(25, 25, 25, 215))
    return img


def render_certified_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """A grey photocopy of the 副本, certified in fresh ink: 与原件一致, a red use note and the company's red seal."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Canon iR-ADV C5535", "RICOH MP C3004",
                                                                              "Kyocera TASKalfa 4053ci")))
    grey_face = replace(facts.face, ink=(0.2, 0.2, 0.2))
    pen = Pen(canvas, grey_face, A4_PT)
    w = pen.w_mm
    cx0, cy0 = rng.uniform(14, 20), rng.uniform(14, 22)
    cw, ch = w - 2 * cx0, rng.uniform(196, 212)
    pen.rect(cx0, cy0, cw, ch, fill=(0.9, 0.9, 0.9))
    pen.rect(cx0 + 5, cy0 + 5, cw - 10, ch - 10, stroke=(0.3, 0.3, 0.3), width=2.2)
    pen.rect(cx0 + 7, cy0 + 7, cw - 14, ch - 14, stroke=(0.45, 0.45, 0.45), width=0.6)
    x0 = cx0 + 14
    pen.text(x0, cy0 + 17, "统一社会信用代码", 8.5)
    pen.text(x0, cy0 + 23, facts.uscc_printed, 10.5, bold=True)
    pen.text(x0, cy0 + 28.5, f"副本编号：{rng.randint(1, 3)}-{rng.randint(1, 3)}", 8)
    qr_code(pen, rng, cx0 + cw - 36, cy0 + 12, 21)
    pen.text(cx0 + cw - 25.5, cy0 + 37, "扫描二维码登录“国家企业信用信息公示系统”", 4.6, align="center", max_width=30)
    grey_emblem = emblem(300).convert("LA").convert("RGBA")
    pen.image(grey_emblem, w / 2 - 8, cy0 + 11, 16, 16)
    pen.text(w / 2, cy0 + 40, "营　业　执　照", 25, bold=True, align="center")
    pen.text(w / 2, cy0 + 48, "（副　本）", 11, align="center")
    y = cy0 + 62
    size = 10.4
    for label, value in _copy_fields(facts):
        pen.text(x0 + 4, y, label, size, bold=True)
        lines = pen.wrap(value, size, cw - 66)
        for j, line in enumerate(lines[:2]):
            pen.text(x0 + 32, y + j * 5.2, line, size)
        y += 8.5 + 5.2 * (len(lines[:2]) - 1)
    pen.text(x0 + 4, y, "经营范围", size, bold=True)
    for j, line in enumerate(pen.wrap(facts.scope, 9, cw - 66)[:4]):
        pen.text(x0 + 32, y + j * 4.8, line, 9)
    rx, ry = cx0 + cw - 48, cy0 + ch - 30
    pen.text(rx, ry, "登记机关", 11, bold=True, align="center")
    pen.text(rx, ry + 8, date_text(facts.registered, "cn"), 10.5, align="center")
    registry = other_make(rng, facts.authority)
    registry = replace(registry, color=(96, 96, 96), ring=0.03, star=True, fade=0.0)
    press(pen, rng, registry, center=(rx + rng.uniform(-4, 4), ry + rng.uniform(-1, 4)), width_mm=rng.uniform(38, 41))
    pen.text(w / 2, cy0 + ch - 12, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 6.6, align="center")
    pen.text(w / 2, cy0 + ch - 8, "国家市场监督管理总局监制", 6, align="center")
    pen.image(_specks(cw, ch, rng, lid=rng.choice(("left", "right"))), cx0, cy0, cw, ch)
    # the company's certification in fresh ink
    note_y = cy0 + ch + rng.uniform(12, 18)
    hand = signature("与原件一致", rng)
    hw = min(hand.width / hand.height * 13, 60)
    pen.image(hand, cx0 + rng.uniform(4, 16), note_y - 9, hw, 13)
    red = (0.82, 0.12, 0.12)
    use = rng.choice(("仅供办理个人住房贷款使用", "仅供银行贷款审核使用", "此复印件仅供办理按揭贷款使用"))
    bx = cx0 + cw * 0.48
    bw = pen.width(use, 10.5, face=facts.face) + 8
    pen.rect(bx, note_y - 7, bw, 15, stroke=red, width=1.2)
    pen.text(bx + bw / 2, note_y - 1, use, 10.5, align="center", color=red, face=facts.face)
    pen.text(bx + bw / 2, note_y + 5, "再复印无效", 10.5, align="center", color=red, face=facts.face)
    pen.text(cx0 + 4, note_y + 14, f"{facts.company.name}", 10, face=facts.face, max_width=cw * 0.6)
    own = other_make(rng, facts.company.name)
    own = replace(own, color=rng.choice(((222, 36, 40), (210, 30, 48), (230, 50, 38))), ring=rng.choice((0.03, 0.045)))
    press(pen, rng, own, center=(cx0 + cw * rng.uniform(0.32, 0.62), cy0 + ch * rng.uniform(0.7, 0.86)),
          width_mm=rng.uniform(40, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def seal_marks(facts: LicenseFacts) -> list[tuple[int, str, str]]:
    """The copy's two seals: the registry's (grey, part of the copy) and the company's (red, over it)."""
    return [(1, facts.authority, "round"), (1, facts.company.name, "round")]
