"""Eleventh-batch families of the contract and the two official records (templates.py).

`contract_fill_lines`: a 存量房买卖合同 in the 出卖方/买受方 wording typed by the seller's office: the parties as
label：value lines (出卖方（甲方）/买受方（乙方）, 证件名称/证件号码, 通讯地址), 房屋基本情况 as a column of colon lines with
the values underlined (房屋坐落：…, 建筑面积：…平方米, 权属证书编号：…), the price in one sentence with the 大写 first and
(小写：¥…) after it, 第一条… clauses, a footer of the contract number on the left and — i — centred (共 n 页 on the
first page), and a signing page with 甲方（出卖方）盖章 | 乙方（买受方）签字并捺印: signatures, red fingerprints beside
them, and the seller's orange-brown or purple-red seal partly over its printed name.
`tax_wide_detail`: a 个人所得税纳税清单 printed from the tax office's system on landscape A4: 纳税人姓名/证件号码/打印流水号
in one strip, a wide ruled table (序号/电子税票号码/扣缴义务人名称/所得项目/税款所属期起/税款所属期止/收入额/减除费用/
已缴税额/入库日期) with full day dates, 合计 with （大写）, a 2026.03.05 开具日期, the 查验码, 第1页/共1页 and a
double-ring round 征收专用章 over the office's name.
`license_wall_photo`: the 营业执照 正本 photographed where it hangs: a wall around a dark wooden frame with a mat, the
licence of the 2019 design inside (code top left, QR top right, emblem and title, the fields in two columns with
spaced labels, 登记机关 and the date at the bottom right under the seal, the registry's web address), and a band of
glare from the glass across part of it.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

from PIL import Image, ImageDraw, ImageFilter

from docproc.cn.amount_words import to_words

from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, clause_pages, signature
from .family_kit import date_text, press
from .finance import add_months, money
from .license import LicenseFacts, capital_text, qr_code
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.35, 0.35, 0.35)
RULE = (0.15, 0.15, 0.15)


# ------------------------------------------------------------------ contract_fill_lines
def _finish(t: Typesetter, book: object) -> None:
    """The office print's own footer (contract number left, — i — centred), then a new page."""
    f, pen = t.f, t.pen
    page = book.page  # type: ignore[attr-defined]
    y = pen.h_mm - f.style.margin / 2
    pen.text(t.left, y, f"合同编号：{f.number}", 8, color=GREY)
    pen.text(pen.w_mm / 2, y, f"— {page} —", 9.5, align="center")
    if page == 1:
        pen.text(t.right, y, f"本合同共 {f.pages_declared} 页", 8, align="right", color=GREY)
    pen.c.showPage()
    book.page += 1  # type: ignore[attr-defined]
    t.y = t.top


def _colon_line(t: Typesetter, label: str, value: str) -> None:
    """label：value with the value underlined, as typed into a form's blank."""
    pen, size = t.pen, t.s.size
    t.y += t.line_h * 1.05
    lw = pen.text(t.left + 6, t.y, f"{label}：", size)
    vw = pen.text(t.left + 6 + lw + 1, t.y, value, size, max_width=t.right - t.left - lw - 10)
    pen.line(t.left + 6 + lw, t.y + 1.2, max(t.left + 6 + lw + vw + 3, t.left + 6 + lw + 50), t.y + 1.2, width=0.35)


def contract_fill_lines(t: Typesetter, book: object) -> SealSpot:
    """出卖方/买受方 parties, colon lines for the house, 大写 then 小写 price, own footer, fingerprinted signing page."""
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    city = f.seller.region.short_city
    pen.text(pen.w_mm / 2, t.top + 12, "存量房买卖合同", 21, bold=True, align="center", spacing=1.2)
    pen.text(pen.w_mm / 2, t.top + 20, f"（{city}市）", 11, align="center", color=GREY)
    t.y = t.top + 26
    t.para(f"出卖方（甲方）：{f.seller.name}", indent=False, bold=True)
    t.para(f"统一社会信用代码：{f.seller.uscc}　法定代表人：{f.seller.legal_rep}", indent=False)
    t.para(f"通讯地址：{f.seller.address}　联系电话：{f.seller.phone}", indent=False)
    t.y += t.line_h * 0.4
    for k, (name, number) in enumerate(f.buyers):
        tag = "买受方（乙方）" if len(f.buyers) == 1 else f"买受方（乙方{k + 1}）"
        t.para(f"{tag}：{name}", indent=False, bold=True)
        t.para(f"证件名称：居民身份证　证件号码：{number}", indent=False)
    t.para(f"通讯地址：{f.buyer_address}　联系电话：{f.buyer_phone}", indent=False)
    t.y += t.line_h * 0.4
    t.para("甲、乙双方根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》等法律法规的规定，在平等、自愿、"
           "协商一致的基础上，就乙方购买甲方存量房屋事宜达成如下协议：")
    t.para("第一条　房屋基本情况", indent=False, bold=True)
    cert = f"{city[:1]}（{f.signing_date.year - rng.randint(1, 9)}）不动产权第{rng.randint(1000000, 9999999)}号"
    for label, value in (("房屋坐落", f.property_address), ("建筑面积", f"{f.floor_area:.2f}平方米"),
                         ("套内建筑面积", f"{f.inner_area:.2f}平方米"), ("房屋用途", "住宅"),
                         ("权属证书编号", cert), ("共有情况", "单独所有")):
        _colon_line(t, label, value)
    t.y += t.line_h * 0.6
    _finish(t, book)
    commas = rng.random() < 0.5
    t.para("第二条　成交价格", indent=False, bold=True)
    t.para(f"经甲乙双方协商一致，该房屋成交总价为人民币（大写）{f.price_words}"
           f"（小写：¥{money(f.total_price, commas=commas)}元）。该价格包括房屋及其附属设施设备、装饰装修的价款。")
    t.para("第三条　付款方式", indent=False, bold=True)
    loan = f.total_price - f.down_payment
    t.para(f"乙方于本合同签订之日起三日内支付首付款人民币{money(f.down_payment, commas=commas)}元；余款人民币"
           f"{money(loan, commas=commas)}元由乙方以商业贷款方式支付，贷款银行放款后直接划入甲方指定账户。")
    t.para("第四条　房屋交付", indent=False, bold=True)
    t.para(f"甲方应当于{date_text(f.delivery_date, 'cn')}前将该房屋交付乙方，并结清交付前的水、电、燃气、物业管理等费用。")
    used = clause_pages(t, max(n - 3, 1), lambda: _finish(t, book))
    del used
    while book.page < n:  # type: ignore[attr-defined]
        _finish(t, book)
    t.para("（以下无正文，为签署页）", indent=False)
    y, size, half = t.y + 14, t.s.size + 0.8, (t.right - t.left) / 2
    pen.rect(t.left, y - 7, t.right - t.left, 74, stroke=RULE, width=0.6)
    pen.line(t.left + half, y - 7, t.left + half, y + 67, width=0.4, color=RULE)
    pen.text(t.left + 3, y, "甲方（出卖方）盖章：", size, bold=True)
    name_w = pen.text(t.left + 3, y + 11, f.seller.name, size, max_width=half - 8)
    pen.text(t.left + 3, y + 24, "法定代表人或授权代表（签字）：", size - 1, max_width=half - 6)
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded", "dot")))
    pen.text(t.left + 3, y + 60, f"签订日期：{signed}", size - 0.8, max_width=half - 6)
    x2 = t.left + half + 3
    pen.text(x2, y, "乙方（买受方）签字并捺印：", size, bold=True, max_width=half - 6)
    yy = y + 6
    for name, _ in f.buyers:
        sig = signature(name, rng)
        w = min(sig.width / sig.height * 12.0, half - 30)
        pen.image(sig, x2 + 2, yy, w, 12.0)
        pen.image(_fingerprint(rng), x2 + w + 4, yy + 1, 10, 12, multiply=True)
        yy += 15
    pen.text(x2, y + 60, f"签订日期：{signed}", size - 0.8, max_width=half - 6)
    pen.text(t.left, y + 76, f"签订地点：{city}市{f.seller.region.district}", size - 0.8)
    spot = SealSpot(n, (t.left + 3 + name_w * rng.uniform(0.35, 0.7)) / pen.w_mm,
                    (y + 9 + rng.uniform(-4, 5)) / pen.h_mm, rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        ink = rng.choice(((192, 86, 40), (178, 70, 38), (162, 38, 100), (150, 44, 112)))
        mark = replace(mark, color=ink, ring=rng.choice((0.05, 0.065, 0.03)), inner=rng.random() < 0.4)
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = y + 80
    _finish(t, book)
    return spot


def _fingerprint(rng: random.Random) -> Image.Image:
    """A red fingerprint: an oval of broken ridges in 印泥 red."""
    w, h = 100, 120
    img = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(img)
    for k in range(14):
        inset = 4 + k * 3.2
        if inset * 2 >= w - 4:
            break
        draw.ellipse((inset, inset * 1.15, w - inset, h - inset * 1.05), outline=rng.randint(120, 230), width=2)
    img = img.filter(ImageFilter.GaussianBlur(0.8)).rotate(rng.uniform(-25, 25), expand=False)
    ink = Image.new("RGBA", (w, h), (rng.randint(200, 226), rng.randint(30, 50), rng.randint(40, 60), 0))
    ink.putalpha(img)
    return ink


# ------------------------------------------------------------------ tax_wide_detail
def render_tax_wide(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """个人所得税纳税清单 on landscape A4: wide ruled table with ticket numbers and day-exact periods."""
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=producer, title="个人所得税纳税清单")
    pen = Pen(canvas, facts.face, page)
    w, h = pen.w_mm, pen.h_mm
    left, right = 12.0, w - 12.0
    span = right - left
    pen.text(w / 2, 18, rng.choice(("个人所得税纳税清单", "个人所得税纳税情况清单")), 17, bold=True, align="center",
             spacing=1.0)
    pen.text(right, 18, f"打印流水号：{facts.serial}", 8.5, align="right", color=GREY)
    y = 26.0
    strip = [("纳税人姓名", facts.name, 0.22), ("身份证件类型", "居民身份证", 0.2), ("证件号码", facts.id_number, 0.3),
             ("查验码", facts.verification_code, 0.28)]
    x = left
    for label, value, share in strip:
        cw = span * share
        lw = pen.width(label, 9.5) + 4
        pen.rect(x, y, lw, 8, stroke=RULE, width=0.4, fill=(0.93, 0.93, 0.93))
        pen.rect(x + lw, y, cw - lw, 8, stroke=RULE, width=0.4)
        pen.text(x + 2, y + 5.4, label, 9.5)
        pen.text(x + lw + 1.5, y + 5.4, value, 9.5, max_width=cw - lw - 3)
        x += cw
    y += 13
    style = rng.choice(("iso", "dot"))
    pen.text(left, y, f"税款所属期间：{date_text(facts.period_start, style)}至{date_text(facts.period_end, style)}"
             f"　　税务机关：{facts.authority}　　金额单位：人民币元", 9, max_width=span)
    y += 4
    heads = ("序号", "电子税票号码", "扣缴义务人名称", "所得项目", "税款所属期起", "税款所属期止", "收入额", "减除费用",
             "已缴税额", "入库日期")
    shares = (0.04, 0.12, 0.2, 0.1, 0.09, 0.09, 0.09, 0.07, 0.08, 0.09)
    cols = [span * s for s in shares]
    rows = sorted(facts.rows, key=lambda r: (r.period, r.agent))
    row_h = min(7.0, (h - y - 46) / (len(rows) + 2))
    size = min(8.2, row_h * 1.25)
    commas = rng.random() < 0.5
    x = left
    for head, cw in zip(heads, cols, strict=True):
        pen.rect(x, y, cw, row_h * 1.3, stroke=RULE, width=0.4, fill=(0.9, 0.92, 0.95))
        pen.text(x + cw / 2, y + row_h * 0.85, head, size, bold=True, align="center", max_width=cw - 1.5)
        x += cw
    y += row_h * 1.3
    base = rng.randint(10**17, 10**18 - 10**6)
    for k, r in enumerate(rows, 1):
        end = add_months(r.period, 1).toordinal() - 1
        last = r.period.fromordinal(end)
        texts = (str(k), str(base + k * rng.randint(3, 97)), r.agent, r.item, r.period.isoformat(), last.isoformat(),
                 money(r.income, commas=commas), "5000.00" if r.item.startswith("工资") else "",
                 money(r.tax, commas=commas), r.paid.isoformat())
        x = left
        for j, (text, cw) in enumerate(zip(texts, cols, strict=True)):
            pen.rect(x, y, cw, row_h, stroke=RULE, width=0.3)
            if j in (6, 7, 8):
                pen.text(x + cw - 1.2, y + row_h * 0.7, text, size, align="right", max_width=cw - 2)
            else:
                pen.text(x + 1, y + row_h * 0.7, text, size, max_width=cw - 2)
            x += cw
        y += row_h
    total_w = sum(cols[:6])
    pen.rect(left, y, total_w, row_h, stroke=RULE, width=0.4)
    pen.text(left + total_w / 2, y + row_h * 0.7, "合　　计", size, bold=True, align="center")
    x = left + total_w
    for j, cw in enumerate(cols[6:], 6):
        pen.rect(x, y, cw, row_h, stroke=RULE, width=0.4)
        text = {6: money(facts.total_income, commas=commas), 8: money(facts.total_tax, commas=commas)}.get(j, "")
        pen.text(x + cw - 1.2, y + row_h * 0.7, text, size, bold=True, align="right", max_width=cw - 2)
        x += cw
    y += row_h + 6
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"已缴税额合计（大写）：{words}", 9.5)
    y += 6
    pen.text(left, y, "备注：本清单依据税务机关征收系统记录打印，纳税人可登录自然人电子税务局凭查验码核对。", 8.5, color=GREY,
             max_width=span * 0.62)
    sx = right - 50
    pen.text(sx, y + 2, facts.authority, 10, align="center", max_width=90)
    pen.text(sx, y + 9, f"开具日期：{date_text(facts.issue_date, 'dot')}", 10, align="center")
    pen.text(w / 2, h - 8, "第1页/共1页", 8.5, align="center", color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom="征收专用章")
        mark = replace(mark, color=(rng.randint(200, 228), rng.randint(28, 50), rng.randint(34, 56)), ring=0.035,
                       inner=True, star=True, fade=rng.choice((0.0, 0.3)))
        press(pen, rng, mark, center=(sx + rng.uniform(-5, 8), y + rng.uniform(0, 6)), width_mm=rng.uniform(38, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ license_wall_photo
def _fields(facts: LicenseFacts) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    c = facts.company
    day = date_text(facts.established, "cn_padded")
    if facts.individual:
        return ([("名　　称", c.name), ("类　　型", "个体工商户"), ("经 营 者", c.legal_rep)],
                [("组成形式", "个人经营"), ("注册日期", day), ("经营场所", c.address)])
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "cn_padded")
    return ([("名　　称", c.name), ("类　　型", facts.kind), ("法定代表人", c.legal_rep)],
            [("注册资本", capital_text(facts)), ("成立日期", day), ("营业期限", f"{day}至{until}"), ("住　　所", c.address)])


def _glare(w: float, h: float, rng: random.Random) -> Image.Image:
    """A soft slanted band of light from the frame's glass."""
    px = 4
    img = Image.new("L", (int(w * px), int(h * px)), 0)
    draw = ImageDraw.Draw(img)
    x0 = rng.uniform(0.15, 0.6) * img.width
    band = rng.uniform(0.12, 0.22) * img.width
    draw.polygon([(x0, 0), (x0 + band, 0), (x0 + band - img.height * 0.5, img.height), (x0 - img.height * 0.5,
                                                                                      img.height)], fill=175)
    img = img.filter(ImageFilter.GaussianBlur(band / 4))
    out = Image.new("RGBA", img.size, (255, 255, 255, 0))
    out.putalpha(img)
    return out


def render_wall_photo(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The framed 正本 on the wall: wall, wooden frame and mat, the 2019 licence inside, glare over the glass."""
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=rng.choice(("iPhone 13", "HUAWEI P40", "Xiaomi 12")))
    pen = Pen(canvas, facts.face, page)
    w, h = pen.w_mm, pen.h_mm
    wall = rng.choice(((0.86, 0.83, 0.77), (0.8, 0.82, 0.8), (0.9, 0.88, 0.84)))
    pen.rect(0, 0, w, h, fill=wall)
    fx, fy = rng.uniform(8, 16), rng.uniform(6, 12)
    fw, fh = w - 2 * fx, h - 2 * fy
    wood = rng.choice(((0.25, 0.15, 0.08), (0.12, 0.1, 0.09), (0.55, 0.38, 0.2)))
    pen.rect(fx + 1.5, fy + 2, fw, fh, fill=(wall[0] * 0.7, wall[1] * 0.7, wall[2] * 0.7))
    pen.rect(fx, fy, fw, fh, fill=wood)
    mat = 7.0
    pen.rect(fx + mat, fy + mat, fw - 2 * mat, fh - 2 * mat, fill=(0.97, 0.96, 0.92))
    lx, ly = fx + mat + 4, fy + mat + 4
    lw, lh = fw - 2 * mat - 8, fh - 2 * mat - 8
    cream = (0.99, 0.97, 0.9)
    red = (0.72, 0.14, 0.12)
    pen.rect(lx, ly, lw, lh, fill=cream, stroke=red, width=1.6)
    pen.rect(lx + 2.2, ly + 2.2, lw - 4.4, lh - 4.4, stroke=red, width=0.5)
    pen.text(lx + 9, ly + 14, "统一社会信用代码", 8.5)
    pen.text(lx + 9, ly + 20, facts.uscc_printed, 10.5, bold=True)
    qr_code(pen, rng, lx + lw - 33, ly + 8, 21)
    pen.text(lx + lw - 22.5, ly + 33, "扫描二维码登录", 5.2, align="center", color=GREY)
    es = 15.0
    pen.image(emblem(300), lx + lw / 2 - es / 2, ly + 7, es, es)
    pen.text(lx + lw / 2, ly + es + 20, "营　业　执　照", 24, bold=True, align="center")
    left_fields, right_fields = _fields(facts)
    col_w = (lw - 30) / 2
    size = 10.0
    for k, items in enumerate((left_fields, right_fields)):
        x = lx + 15 + k * (col_w + 4)
        y = ly + es + 34
        for label, value in items:
            lab_w = pen.text(x, y, label, size, bold=True)
            lines = pen.wrap(value, size, col_w - lab_w - 4)
            for j, line in enumerate(lines[:2]):
                pen.text(x + max(lab_w, 22) + 3, y + j * 5, line, size)
            y += 6.5 + 5 * (len(lines[:2]) - 1)
    y = ly + es + 34 + 6.5 * 3 + 3
    scope = pen.wrap(facts.scope, 8.6, col_w - 26)
    pen.text(lx + 15, y + 4, "经营范围", size, bold=True)
    for j, line in enumerate(scope[:4]):
        pen.text(lx + 15 + 25, y + 4 + j * 4.4, line, 8.6)
    rx, ry = lx + lw - 42, ly + lh - 24
    pen.text(rx, ry, "登记机关", 11, bold=True, align="center")
    pen.text(rx, ry + 8, date_text(facts.registered, "cn"), 10.5, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(206, 232), rng.randint(28, 50), rng.randint(30, 52)), ring=0.03,
                   star=True, fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=(rx + rng.uniform(-4, 4), ry + rng.uniform(-1, 4)), width_mm=rng.uniform(38, 42))
    pen.text(lx + lw / 2, ly + lh - 9, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 6.8, align="center",
             color=GREY)
    pen.text(lx + lw / 2, ly + lh - 5, "国家市场监督管理总局监制", 6.2, align="center", color=GREY)
    pen.image(_glare(fw, fh, rng), fx, fy, fw, fh)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
