"""Fourteenth-batch families of the contract and the two official records (templates.py).

`contract_brokerage_tripartite`: an estate agency's 房屋买卖居间合同 for a resale flat, three parties: 甲方（出卖人）,
乙方（买受人）, 丙方（居间方） with its 经纪人 and 信息卡号; the agency's name and a 合同编号 in the running head of every
page, the flat's facts and the price as one ruled table (房屋坐落, 不动产权证号, 建筑面积, 成交总价 小写/大写, 首付款,
贷款金额), a 居间服务费 table, the agency's standard clauses, and a signing table with three columns — the seller's
legal representative signs by hand and the seller's own seal goes over its name (the seller's seal: the 出卖人 is a
company that owns the flat), the buyers sign, the agency's seal sits in 丙方's cell. 第 i 页 / 共 n 页 at every foot.
`tax_app_record_shot`: the 个人所得税 App's 纳税记录 preview captured as one long phone screenshot and printed on A4 cut
in two, the halves side by side: the status bar, the ‹ 纳税记录 nav bar, a card with 纳税人姓名/身份证件号码/税款所属期,
then one card per month (所得项目, 扣缴义务人, 收入, 已申报税额, 入库日期), the totals card (收入合计/已申报税额合计),
the 验证码 and 开具日期, and the record's e-seal as the app shows it over the office's name.
`license_under_glass`: the 营业执照 正本 lying under the glass top of a shop counter, photographed from above: a
green-edged glass sheet, reflections of ceiling lamps and a window over parts of the sheet, other slips (a business
card, a receipt) beside it; a picture only.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from docproc.cn.amount_words import to_words

from .batch13_records import _licence_sheet
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, ruled_table, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.4, 0.4, 0.4)
RULE = (0.15, 0.15, 0.15)
TRIPARTITE = "contract_brokerage_tripartite"
RECORD_SHOT = "tax_app_record_shot"
GLASS = "license_under_glass"


# ------------------------------------------------------------------ contract_brokerage_tripartite
def _finish(t: Typesetter, book: object, agency: str) -> None:
    f, pen = t.f, t.pen
    pen.text(t.left, f.style.margin - 4, agency, f.style.size - 1.5, color=GREY)
    pen.text(t.right, f.style.margin - 4, f"合同编号：{f.number}", f.style.size - 1.5, align="right")
    pen.line(t.left, f.style.margin - 2.5, t.right, f.style.margin - 2.5, width=0.4, color=GREY)
    pen.text(pen.w_mm / 2, pen.h_mm - f.style.margin / 2, f"第 {book.page} 页 / 共 {f.pages_declared} 页",  # type: ignore[attr-defined]
             f.style.size - 1, align="center")
    pen.c.showPage()
    book.page += 1  # type: ignore[attr-defined]
    t.y = t.top


def contract_brokerage_tripartite(t: Typesetter, book: object, agency: str) -> SealSpot:
    """三方 居间合同: parties 甲/乙/丙, the flat and price in a ruled table, a three-column signing table."""
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    t.y = t.top + 4
    pen.text(pen.w_mm / 2, t.y + 8, rng.choice(("房屋买卖居间合同", "存量房买卖居间合同", "二手房买卖居间合同")), 19,
             bold=True, align="center", spacing=1.0)
    t.y += 18
    broker = rng.choice(("王", "李", "张", "刘", "陈", "杨")) + rng.choice(("建国", "丽", "磊", "婷", "强", "敏"))
    t.para(f"甲方（出卖人）：{f.seller.name}", indent=False, bold=True)
    t.para(f"统一社会信用代码：{f.seller.uscc}　法定代表人：{f.seller.legal_rep}", indent=False)
    t.para(f"联系地址：{f.seller.address}", indent=False)
    for name, number in f.buyers:
        t.para(f"乙方（买受人）：{name}", indent=False, bold=True)
        t.para(f"身份证号码：{number}　联系电话：{f.buyer_phone}", indent=False)
    t.para(f"丙方（居间方）：{agency}", indent=False, bold=True)
    t.para(f"经纪人：{broker}　信息卡号：{rng.randint(10000000, 99999999)}", indent=False)
    t.para("甲、乙、丙三方经平等协商，就丙方居间促成甲方出售、乙方购买下列房屋事宜，订立本合同。")
    t.para("第一条　房屋基本情况及成交价格", indent=False, bold=True)
    cert = (f"{f.seller.region.short_city[:1]}（{f.signing_date.year - rng.randint(1, 8)}）不动产权第"
            f"{rng.randint(1000000, 9999999)}号")
    commas = rng.random() < 0.6
    rows: tuple[tuple[str, ...], ...] = (
        ("项　目", "内　容"), ("房屋坐落", f.property_address), ("不动产权证号", cert),
        ("建筑面积", f"{f.floor_area:.2f}平方米"), ("成交总价（小写）", f"¥{money(f.total_price, commas=commas)}元"),
        ("成交总价（大写）", f"人民币{f.price_words}"), ("首付款", f"{money(f.down_payment, commas=commas)}元"),
        ("贷款金额", f"{money(f.total_price - f.down_payment, commas=commas)}元"))
    ruled_table(t, rows, (0.28, 0.72))
    _finish(t, book, agency)
    t.para("第二条　居间服务费", indent=False, bold=True)
    fee = f.total_price * rng.choice((1, 2)) / 100
    ruled_table(t, (("收费项目", "费率", "金额（元）", "支付方"), ("居间服务费", "成交价的1%~2%", money(fee), "乙方"),
                    ("权证代办费", "—", "1,000.00", "乙方")), (0.3, 0.25, 0.25, 0.2))
    t.para("第三条　房屋交付", indent=False, bold=True)
    t.para(f"甲方应于{date_text(f.delivery_date, 'cn')}前将该房屋腾空交付乙方，丙方协助办理交接手续。")
    clause_pages(t, max(n - 3, 1), lambda: _finish(t, book, agency))
    _finish(t, book, agency)
    which = 0
    while book.page < n:  # type: ignore[attr-defined]
        appendix(t, which)
        which += 1
        _finish(t, book, agency)
    t.para("（以下无正文，为签署页）", indent=False)
    size = t.s.size
    col = (t.right - t.left) / 3
    y, rh = t.y + 8, 62.0
    for k, head in enumerate(("甲方（出卖人）（盖章）", "乙方（买受人）（签字）", "丙方（居间方）（盖章）")):
        pen.rect(t.left + k * col, y, col, 9, stroke=RULE, width=0.5, fill=(0.94, 0.94, 0.94))
        pen.rect(t.left + k * col, y + 9, col, rh, stroke=RULE, width=0.5)
        pen.text(t.left + k * col + col / 2, y + 6, head, size - 0.6, align="center", max_width=col - 2)
    name_w = pen.text(t.left + 2, y + 20, f.seller.name, size - 0.4, max_width=col - 4)
    pen.text(t.left + 2, y + 40, "法定代表人：", size - 0.6)
    sig = signature(f.seller.legal_rep, rng)
    pen.image(sig, t.left + 4, y + 42, min(sig.width / sig.height * 10, col - 8), 10)
    by = y + 14
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, t.left + col + 4, by, min(sig.width / sig.height * 11, col - 8), 11)
        by += 13
    pen.text(t.left + 2 * col + 2, y + 20, agency, size - 0.6, max_width=col - 4)
    pen.text(t.left + 2 * col + 2, y + 44, f"经纪人：{broker}", size - 0.6)
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded")))
    for k in range(3):
        pen.text(t.left + k * col + 2, y + rh + 5, f"日期：{signed}", size - 0.8, max_width=col - 4)
    brokerage = other_make(rng, agency, bottom=rng.choice(("", "合同专用章")))
    press(pen, rng, brokerage, center=(t.left + 2.5 * col + rng.uniform(-4, 4), y + 26 + rng.uniform(-4, 6)),
          width_mm=rng.uniform(36, 40))
    spot = SealSpot(n, (t.left + 2 + name_w * rng.uniform(0.3, 0.7)) / pen.w_mm, (y + 20 + rng.uniform(-3, 4)) / pen.h_mm,
                    rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        seal = other_make(rng, f.seller.name)
        seal = replace(seal, color=rng.choice(((214, 38, 44), (196, 70, 40), (176, 40, 86))))
        press(pen, rng, seal, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    _finish(t, book, agency)
    return spot


# ------------------------------------------------------------------ tax_app_record_shot
def render_record_shot(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The app's 纳税记录 preview as a long screenshot cut in two, the halves side by side on portrait A4."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="纳税记录")
    pen = Pen(canvas, facts.face, A4_PT)
    w, h = pen.w_mm, pen.h_mm
    top, bottom = 12.0, h - 12.0
    need = 24 + 34 + 72 + 36 * len(facts.rows)
    cols = 2 if need <= 2 * (bottom - top - 6) else 3
    gap = 8.0 if cols == 2 else 5.0
    colw = min(90.0, (w - 16 - gap * (cols - 1)) / cols)
    x0 = (w - cols * colw - gap * (cols - 1)) / 2
    card = min(36.0, (cols * (bottom - top - 6) - 24 - 34 - 72) / max(len(facts.rows), 1))
    accent = rng.choice(((0.78, 0.12, 0.14), (0.1, 0.36, 0.72)))
    card_bg = (0.96, 0.96, 0.97)
    state = {"col": 0, "y": top}
    for k in range(cols):
        pen.rect(x0 + k * (colw + gap), top, colw, bottom - top, fill=(0.93, 0.93, 0.94), stroke=(0.7, 0.7, 0.7),
                 width=0.3)

    def room(need: float) -> tuple[float, float]:
        if state["y"] + need > bottom - 1 and state["col"] < cols - 1:
            state["col"], state["y"] = state["col"] + 1, top + 3
        x = x0 + state["col"] * (colw + gap)
        y = state["y"]
        state["y"] += need
        return x, y

    x, y = room(24)
    pen.rect(x, y, colw, 24, fill=(1, 1, 1))
    pen.text(x + 4, y + 4.5, f"{rng.randint(8, 17)}:{rng.randint(0, 59):02d}", 8, bold=True)
    pen.text(x + colw - 4, y + 4.5, rng.choice(("5G 86%", "4G 64%", "5G 41%")), 7, align="right")
    pen.text(x + 4, y + 14, "‹", 14)
    pen.text(x + colw / 2, y + 14, "纳税记录", 11, bold=True, align="center")
    pen.line(x, y + 20, x + colw, y + 20, width=0.2, color=(0.8, 0.8, 0.8))
    pen.text(x + colw / 2, y + 23.2, "个人所得税 · 国家税务总局", 6.2, align="center", color=accent)
    x, y = room(34)
    pen.rect(x + 3, y + 2, colw - 6, 30, fill=(1, 1, 1))
    start, end = date_text(facts.period_start, "iso"), date_text(facts.period_end, "iso")
    for j, (label, value) in enumerate((("纳税人姓名", facts.name), ("身份证件号码", facts.id_number),
                                        ("税款所属期", f"{start}至{end}"), ("开具日期", date_text(facts.issue_date, "iso")))):
        pen.text(x + 6, y + 8 + j * 6.6, label, 7.0, color=GREY)
        pen.text(x + colw - 6, y + 8 + j * 6.6, value, 7.2, align="right", max_width=colw - 30)
    step = card / 6.4
    size = min(7.6, step / 0.5)
    for r in facts.rows:
        x, y = room(card)
        pen.rect(x + 3, y + 1, colw - 6, card - 1.6, fill=(1, 1, 1))
        pen.text(x + 6, y + 1 + step, f"{r.period:%Y-%m}", size + 1.2, bold=True)
        pen.text(x + colw - 6, y + 1 + step, r.item, size, align="right", color=accent)
        pen.text(x + 6, y + 1 + step * 2, f"扣缴义务人：{r.agent}", size - 0.4, color=GREY, max_width=colw - 12)
        pen.text(x + 6, y + 1 + step * 3, f"收入：{money(r.income)}", size)
        pen.text(x + 6, y + 1 + step * 4, f"已申报税额：{money(r.tax)}", size)
        pen.text(x + 6, y + 1 + step * 5, f"入库日期：{r.paid.isoformat()}", size - 1, color=GREY)
    x, y = room(72)
    pen.rect(x + 3, y + 2, colw - 6, 68, fill=card_bg)
    pen.text(x + 6, y + 9, "收入合计（元）", size, color=GREY)
    pen.text(x + colw - 6, y + 9, money(facts.total_income), 9.4, bold=True, align="right")
    pen.text(x + 6, y + 16, "已申报税额合计（元）", size, color=GREY)
    pen.text(x + colw - 6, y + 16, money(facts.total_tax), 9.4, bold=True, align="right")
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(x + 6, y + 22.5, f"大写：{words}", size - 0.6, max_width=colw - 12)
    pen.text(x + 6, y + 29, f"验证码：{facts.verification_code}", size)
    pen.text(x + 6, y + 35, f"税务机关：{facts.authority}", size - 0.6, max_width=colw - 12)
    pen.text(x + 6, y + 41, "本记录可在个人所得税App或电子税务局凭验证码查验。", 6.4, color=GREY, max_width=colw - 12)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom="征税专用章")
        mark = replace(mark, color=rng.choice(((220, 34, 40), (204, 40, 60))), ring=0.03, star=True, fade=0.0)
        press(pen, rng, mark, center=(x + colw - 24, y + 52), width_mm=rng.uniform(28, 32))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ license_under_glass
def _counter(w: int, h: int, rng: random.Random) -> np.ndarray:
    """A counter top seen through glass: a plain tinted board with faint grain."""
    base = np.array(rng.choice(((196, 186, 168), (150, 160, 150), (210, 206, 196))), np.float32)
    nrng = np.random.default_rng(rng.randrange(2**32))
    noise = cv2.GaussianBlur(nrng.standard_normal((h // 8, w // 8)).astype(np.float32), (0, 0), 2)
    noise = cv2.resize(noise, (w, h))
    return np.clip(base[None, None, :] * (1 + 0.05 * noise[..., None]), 0, 255)


def render_under_glass(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 正本 under a counter's glass top: green glass tint, lamp and window reflections, slips beside it."""
    sheet = _licence_sheet(facts, rng, when)
    fw, fh = 1900, 1400
    frame = _counter(fw, fh, rng)
    width = int(fw * rng.uniform(0.76, 0.84))
    height = int(width * sheet.height / sheet.width)
    angle = rng.uniform(-3, 3)
    sheet = sheet.resize((width, height), Image.Resampling.LANCZOS)
    mask = Image.new("L", sheet.size, 255).rotate(angle, expand=True, fillcolor=0)
    sheet = sheet.rotate(angle, expand=True, fillcolor=(0, 0, 0))
    canvas = Image.fromarray(frame.astype(np.uint8), "RGB")
    # a business card and a receipt slid under the glass beside the licence
    draw = ImageDraw.Draw(canvas)
    bx, by = rng.randint(30, 200), fh - rng.randint(150, 220)
    draw.rectangle((bx, by, bx + 260, by + 150), fill=(246, 246, 242))
    draw.rectangle((fw - 220, rng.randint(20, 60), fw - 60, rng.randint(300, 420)), fill=(240, 238, 230))
    px, py = (fw - sheet.width) // 2 + rng.randint(-30, 30), (fh - sheet.height) // 2 + rng.randint(-20, 20)
    canvas.paste(sheet, (px, py), mask)
    arr = np.asarray(canvas, np.float32)
    arr = arr * np.array([0.93, 1.0, 0.95], np.float32)  # the glass's green cast
    # reflections: two ceiling lamps as soft bright strips and a window as a pale quadrilateral
    glare = Image.new("L", (fw, fh), 0)
    g = ImageDraw.Draw(glare)
    for _ in range(2):
        x, y = rng.randint(200, fw - 300), rng.randint(100, fh - 200)
        g.rounded_rectangle((x, y, x + rng.randint(160, 260), y + rng.randint(30, 50)), radius=20, fill=150)
    wx, wy = rng.randint(0, fw // 2), rng.randint(0, fh // 3)
    g.polygon([(wx, wy), (wx + 380, wy + 40), (wx + 340, wy + 330), (wx - 30, wy + 290)], fill=70)
    glare = glare.filter(ImageFilter.GaussianBlur(rng.uniform(18, 30)))
    a = np.asarray(glare, np.float32)[..., None] / 255.0
    arr = arr * (1 - a) + 250 * a
    # the glass's green edge along the near side
    edge = int(fh * 0.035)
    arr[-edge:] = arr[-edge:] * np.array([0.55, 0.75, 0.6], np.float32)
    yy = np.linspace(0.92, 1.04, fh, dtype=np.float32)[:, None, None]
    img = Image.fromarray(np.clip(arr * yy, 0, 255).astype(np.uint8), "RGB")
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    pdf = new_canvas(buffer, page_pt=page, when=when, producer=rng.choice(("iPhone 15", "HONOR Magic6", "OPPO Find X7")))
    pen = Pen(pdf, facts.face, page)
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
