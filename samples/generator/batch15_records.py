"""Fifteenth-batch families of the contract and the two official records (templates.py).

`contract_party_sheet`: a 商品房买卖合同 whose first page carries a ruled 当事人信息表 — one row per party across the
columns 当事人/名称或姓名/证件类型/证件号码/联系电话, the seller, its legal representative and every buyer, the buyers'
通讯地址 merged across —, then 房屋基本信息 in prose and a 付款方式 table (款项/付款时间/金额（小写）/金额（大写）:
首付款, 银行按揭贷款, 合计 with the 大写 of the price); clauses and appendices follow, 合同编号 in the running head and
— 第 i 页（共 n 页）— at every foot; on the last page the signing lines, the seller's double-ring orange-brown seal
pressed over its name and the date line.
`tax_record_folded_photo`: a 个人所得税纳税记录 printed on A4 (记录编号, 纳税人姓名/身份证件号码, 税款所属期, a table
税款所属期/所得项目/收入额/已缴税额/入库日期/扣缴义务人, 合计 and 大写, 验证码, the office and its e-seal), folded in
half for the bag and photographed by phone on a table: the crease across the middle with the halves lit differently,
perspective, the phone's shadow over a corner; a picture only.
`license_fax_copy`: the 营业执照 副本 sent by fax and saved by the bank's fax server: black and white at fax fine
resolution (204×196 dpi), the transmit header line at the top (the time, the sender's fax number and name,
P.01/01), a slight skew, a couple of streaks along the paper feed; a picture only.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
import pypdfium2
from PIL import Image, ImageDraw

from docproc.cn.amount_words import to_words

from . import fonts
from .backgrounds import surface
from .batch12_records import _copy_fields
from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, qr_code
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.4, 0.4, 0.4)
RULE = (0.1, 0.1, 0.1)
PARTY_SHEET = "contract_party_sheet"
FOLDED_PHOTO = "tax_record_folded_photo"
FAX = "license_fax_copy"


# ------------------------------------------------------------------ contract_party_sheet
def _finish(t: Typesetter, book: object) -> None:
    f, pen = t.f, t.pen
    pen.text(t.left, f.style.margin - 3, f"合同编号：{f.number}", f.style.size - 1.5)
    pen.text(pen.w_mm / 2, pen.h_mm - f.style.margin / 2, f"— 第 {book.page} 页（共 {f.pages_declared} 页）—",  # type: ignore[attr-defined]
             f.style.size - 1, align="center")
    pen.c.showPage()
    book.page += 1  # type: ignore[attr-defined]
    t.y = t.top


def _grid(t: Typesetter, rows: list[tuple[str, ...]], weights: tuple[float, ...], *, size: float) -> None:
    """A ruled table with a shaded heading row; a row of two cells spans the second over the rest."""
    pen = t.pen
    width = t.right - t.left
    rh = size * 0.75
    y = t.y + 3
    for r, row in enumerate(rows):
        cells = row if len(row) == len(weights) else (row[0], row[1])
        spans = weights if len(row) == len(weights) else (weights[0], sum(weights[1:]))
        x = t.left
        for text, wt in zip(cells, spans, strict=True):
            pen.rect(x, y, width * wt, rh, stroke=RULE, width=0.5, fill=(0.92, 0.92, 0.92) if r == 0 else None)
            pen.text(x + 1.5, y + rh * 0.68, text, size - (0.6 if r == 0 else 0.8), bold=r == 0,
                     max_width=width * wt - 3)
            x += width * wt
        y += rh
    t.y = y + 3


def contract_party_sheet(t: Typesetter, book: object) -> SealSpot:
    """当事人信息表 and 付款方式 tables on page 1, clauses, appendices, signing lines with the seal over the name."""
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    size = t.s.size
    t.y = t.top + 2
    pen.text(pen.w_mm / 2, t.y + 8, "商品房买卖合同", 20, bold=True, align="center", spacing=1.2)
    pen.text(pen.w_mm / 2, t.y + 15, rng.choice(("（现售）", "（预售）", "（示范文本）")), size, align="center")
    t.y += 20
    t.para(rng.choice(("一、当事人信息表", "第一部分　当事人信息")), indent=False, bold=True)
    rows: list[tuple[str, ...]] = [("当事人", "名称/姓名", "证件类型", "证件号码", "联系电话"),
                                   ("出卖人", f.seller.name, "统一社会信用代码", f.seller.uscc, f.seller.phone),
                                   ("法定代表人", f.seller.legal_rep, "居民身份证", "/", "/")]
    for k, (name, number) in enumerate(f.buyers, 1):
        who = "买受人" if len(f.buyers) == 1 else f"买受人{k}"
        rows.append((who, name, "居民身份证", number, f.buyer_phone))
    rows.append(("买受人通讯地址", f.buyer_address))
    rows.append(("出卖人地址", f.seller.address))
    _grid(t, rows, (0.15, 0.27, 0.17, 0.27, 0.14), size=size)
    t.para("二、房屋基本信息", indent=False, bold=True)
    t.para(f"买受人购买的商品房为{f.project}项目，坐落于{f.property_address}，用途为住宅，"
           f"建筑面积共{f.floor_area:.2f}平方米，其中套内建筑面积{f.inner_area:.2f}平方米。")
    t.para("三、付款方式", indent=False, bold=True)
    loan = f.total_price - f.down_payment
    signed = date_text(f.signing_date, rng.choice(("cn", "iso")))
    pay: list[tuple[str, ...]] = [("款项", "付款时间", "金额（小写）", "金额（大写）"),
                                  ("首付款", signed, f"¥{money(f.down_payment)}", to_words(f.down_payment)),
                                  ("银行按揭贷款", "贷款发放之日", f"¥{money(loan)}", to_words(loan)),
                                  ("合计（总价款）", "—", f"¥{money(f.total_price)}", f.price_words)]
    _grid(t, pay, (0.2, 0.2, 0.22, 0.38), size=size)
    t.para(f"买受人采取■按揭贷款□一次性付款方式付款，计价方式为按建筑面积计算，单价为每平方米{money(f.unit_price)}元。")
    _finish(t, book)
    clause_pages(t, max(n - 3, 1), lambda: _finish(t, book))
    _finish(t, book)
    which = rng.randint(0, 2)
    while book.page < n:  # type: ignore[attr-defined]
        appendix(t, which)
        which += 1
        _finish(t, book)
    t.para("（以下无正文）", indent=False)
    y = t.y + 16
    half = (t.right - t.left) / 2
    pen.text(t.left, y, "出卖人（盖章）：", size)
    name_w = pen.text(t.left, y + 9, f.seller.name, size, max_width=half - 6)
    pen.text(t.left, y + 20, "法定代表人（签字）：", size)
    sig = signature(f.seller.legal_rep, rng)
    pen.image(sig, t.left + 34, y + 12, min(sig.width / sig.height * 11, half - 38), 11)
    pen.text(t.left, y + 32, f"签订日期：{signed}", size)
    pen.text(t.left + half, y, "买受人（签字）：", size)
    by = y + 3
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, t.left + half + 4, by, min(sig.width / sig.height * 11, half - 8), 11)
        by += 13
    pen.text(t.left + half, y + 32, f"签订日期：{signed}", size)
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.35, 0.7)) / pen.w_mm, (y + 14 + rng.uniform(-3, 5)) / pen.h_mm,
                    rng.uniform(40, 44))
    if f.sealed and not f.pasted_seal:
        seal = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        seal = replace(seal, color=rng.choice(((196, 82, 40), (186, 70, 46), (206, 90, 52))), inner=True,
                       ring=rng.choice((0.04, 0.055)))
        press(pen, rng, seal, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    _finish(t, book)
    return spot


# ------------------------------------------------------------------ tax_record_folded_photo
def _rasterise(pdf: bytes, dpi: int) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / 72.0).to_pil().convert("RGB")
    finally:
        document.close()


def _record_sheet(facts: TaxFacts, rng: random.Random, when: datetime) -> bytes:
    """The record as printed on A4 before it was folded (a PDF, so its text can be checked)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer="record", title="纳税记录")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = 16.0, pen.w_mm - 16.0
    pen.text(pen.w_mm / 2, 24, "中华人民共和国", 14, bold=True, align="center", spacing=1.0)
    pen.text(pen.w_mm / 2, 33, "个人所得税纳税记录", 17, bold=True, align="center", spacing=1.2)
    pen.text(right, 42, f"记录编号：{facts.serial}", 8.4, align="right")
    pen.text(left, 42, f"税务机关：{facts.authority}", 8.4, max_width=110)
    pen.line(left, 45, right, 45, width=0.8)
    pen.text(left, 52, f"纳税人姓名：{facts.name}", 9.6)
    pen.text(left + 70, 52, f"身份证件号码：{facts.id_number}", 9.6)
    pen.text(left, 59, f"税款所属期：{date_text(facts.period_start, 'iso')} 至 {date_text(facts.period_end, 'iso')}", 9.6)
    pen.text(right, 59, f"开具日期：{date_text(facts.issue_date, 'iso')}", 9.6, align="right")
    heads = ("税款所属期", "所得项目", "收入额", "已缴税额", "入库日期", "扣缴义务人")
    weights = (0.13, 0.17, 0.14, 0.12, 0.14, 0.30)
    span = right - left
    room = 297 - 66 - 80
    rh = min(7.0, room / (len(facts.rows) + 2))
    fs = min(8.6, rh / 0.62)
    y = 64.0
    for r, row in enumerate([heads, *[(f"{x.period:%Y-%m}", x.item, money(x.income), money(x.tax), x.paid.isoformat(),
                                       x.agent) for x in facts.rows],
                             ("合计", "", money(facts.total_income), money(facts.total_tax), "", "")]):
        x = left
        for k, (text, wt) in enumerate(zip(row, weights, strict=True)):
            pen.rect(x, y, span * wt, rh, stroke=RULE, width=0.4, fill=(0.93, 0.93, 0.93) if r == 0 else None)
            right_align = 2 <= k <= 3 and r > 0
            pen.text(x + span * wt - 1.2 if right_align else x + 1.2, y + rh * 0.7, text, fs - (0.4 if r == 0 else 0),
                     bold=r == 0, align="right" if right_align else "left", max_width=span * wt - 2.4)
            x += span * wt
        y += rh
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y + 7, f"已缴税额合计（大写）：{words}", 9.4)
    pen.text(left, y + 14, f"收入额合计：{money(facts.total_income)}元　　已缴税额合计：{money(facts.total_tax)}元", 9.4)
    pen.rect(left, y + 19, 92, 12, stroke=RULE, width=0.5)
    pen.text(left + 3, y + 27, f"验证码：{facts.verification_code}", 10, bold=True)
    notes = ("说明：1. 本记录仅反映已申报并缴库的税款情况；", "2. 可通过个人所得税APP或自然人电子税务局输入验证码查验真伪。")
    for k, note in enumerate(notes):
        pen.text(left, y + 38 + k * 4.8, note, 7.6, color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom="征税专用章")
        mark = replace(mark, color=(218, 32, 40), ring=0.03, star=True, fade=0.0)
        press(pen, rng, mark, center=(right - 34, y + 24), width_mm=38)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_folded_photo(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The printed record, folded in half, photographed on a table: crease, two lights, perspective, a shadow."""
    del producer
    sheet = np.asarray(_rasterise(_record_sheet(facts, rng, when), 200), dtype=np.float32)
    sh, sw = sheet.shape[:2]
    # the crease: the two halves catch the light differently, a dark line and a bright ridge along the fold
    fold = int(sh * rng.uniform(0.48, 0.52))
    yy = np.arange(sh, dtype=np.float32)[:, None, None]
    upper, lower = rng.uniform(0.9, 0.97), rng.uniform(0.98, 1.03)
    shade = np.where(yy < fold, upper + (1 - upper) * (yy / fold) * 0.4, lower)
    ridge = np.exp(-((yy - fold) ** 2) / (2 * 3.0**2))
    sheet = np.clip(sheet * shade * (1 - 0.22 * ridge) + 10 * np.exp(-((yy - fold - 6) ** 2) / 18.0), 0, 255)
    fw, fh = 1900, 2500
    table = surface(fw, fh, rng) * 255.0
    width = fw * rng.uniform(0.8, 0.86)
    height = width * sh / sw
    top = (fh - height) / 2 + rng.uniform(-30, 30)
    cx = fw / 2 + rng.uniform(-30, 30)
    near, far = width, width * rng.uniform(0.88, 0.94)
    skew = rng.uniform(-50, 50)
    quad = np.array([[cx - far / 2 + skew, top], [cx + far / 2 + skew, top], [cx + near / 2, top + height * 0.97],
                     [cx - near / 2, top + height * 0.97]], dtype=np.float32)
    src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(sheet, m, (fw, fh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((sh, sw), np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    frame = table * (1 - mask) + warped * mask
    # the phone's shadow over one corner
    blob: np.ndarray = np.zeros((fh // 8, fw // 8), np.float32)  # drawn small and blurred, then enlarged: a soft edge
    corner = rng.choice(((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)))
    cv2.ellipse(blob, (int(corner[0] * fw / 8), int(corner[1] * fh / 8)), (int(fw * 0.42 / 8), int(fh * 0.26 / 8)),
                rng.uniform(0, 90), 0, 360, 1.0, -1)
    blob = cv2.resize(cv2.GaussianBlur(blob, (0, 0), 7.5), (fw, fh), interpolation=cv2.INTER_LINEAR)
    frame = frame * (1 - rng.uniform(0.3, 0.42) * blob[..., None])
    gy, gx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 0.9 + 0.12 * (1 - np.hypot(gx / fw - rng.uniform(0.3, 0.7), gy / fh - rng.uniform(0.3, 0.7)))
    img = Image.fromarray(np.clip(frame * light[..., None], 0, 255).astype(np.uint8), "RGB")
    buffer = io.BytesIO()
    pdf = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("iPhone 13", "Xiaomi 14", "HUAWEI P60")))
    pen = Pen(pdf, facts.face, A4_PT)
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ license_fax_copy
def _copy_sheet(facts: LicenseFacts, rng: random.Random, when: datetime) -> bytes:
    """The 副本 (2019 design) on portrait A4 as the sender laid it on the fax (a PDF, so its text can be checked)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer="licence", title="营业执照")
    pen = Pen(canvas, facts.face, A4_PT)
    w, h = pen.w_mm, pen.h_mm
    pen.rect(8, 8, w - 16, h - 16, stroke=(0.3, 0.3, 0.3), width=2.2)
    pen.rect(11, 11, w - 22, h - 22, stroke=(0.3, 0.3, 0.3), width=0.6)
    pen.text(20, 24, "统一社会信用代码", 9)
    pen.text(20, 31, facts.uscc_printed, 12, bold=True)
    pen.text(20, 37, f"副本编号：{rng.randint(1, 3)}-{rng.randint(1, 9)}", 8)
    qr_code(pen, rng, w - 48, 17, 26)
    pen.text(w - 35, 47, "扫描市场主体身份码", 6, align="center")
    pen.image(emblem(300), w / 2 - 11, 40, 22, 22)
    pen.text(w / 2, 78, "营　业　执　照", 28, bold=True, align="center")
    pen.text(w / 2, 88, "（副　本）", 13, align="center")
    size = 11.5
    y = 104.0
    for label, value in _copy_fields(facts):
        pen.text(30, y, label, size, bold=True)
        lines = pen.wrap(value, size, 120)
        for j, line in enumerate(lines[:2]):
            pen.text(62, y + j * 6.4, line, size)
        y += 10 + 6.4 * (len(lines[:2]) - 1)
    pen.text(30, y, "经营范围", size, bold=True)
    for j, line in enumerate(pen.wrap(facts.scope, 10.5, 120)[:5]):
        pen.text(62, y + j * 6, line, 10.5)
    rx, ry = w - 58, h - 48
    pen.text(rx, ry, "登记机关", 13, bold=True, align="center")
    pen.text(rx, ry + 9, date_text(facts.registered, "cn"), 12, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(214, 34, 40), ring=0.03, star=True, fade=0.0)
    press(pen, rng, mark, center=(rx + rng.uniform(-8, 0), ry - rng.uniform(4, 8)), width_mm=40)
    pen.text(w / 2, h - 17, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 7.5, align="center")
    pen.text(w / 2, h - 13, "国家市场监督管理总局监制", 7, align="center")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_fax_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 副本 as a fax server saves it: 1-bit at 204×196 dpi, a transmit header line, skew and feed streaks."""
    grey: np.ndarray = np.asarray(_rasterise(_copy_sheet(facts, rng, when), 204).convert("L"), dtype=np.float32)
    h, w = grey.shape
    grey = cv2.resize(grey, (w, int(h * 196 / 204)), interpolation=cv2.INTER_AREA)
    h = grey.shape[0]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-0.6, 0.6), 1.0)
    grey = cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    nrng = np.random.default_rng(rng.randrange(2**32))
    grey = grey + nrng.normal(0, 12, grey.shape).astype(np.float32)
    bw = np.where(grey < rng.uniform(150, 170), 0, 255).astype(np.uint8)
    for _ in range(rng.randint(1, 3)):  # streaks along the paper feed
        x = rng.randrange(w)
        bw[:, x : x + rng.randint(1, 2)] = rng.choice((0, 255))
    img = Image.fromarray(bw, "L")
    draw = ImageDraw.Draw(img)
    sender = facts.company.phone
    head = f"{rng.randint(9, 17):02d}:{rng.randint(0, 59):02d}  FROM:{sender}  {facts.company.name}  P.01/01"
    draw.text((40, 14), head, font=fonts.font("mono", 30), fill=0)
    buffer = io.BytesIO()
    pdf = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("RightFax 16.6", "OpenText Fax Server",
                                                                             "Brother MFC-L2700D PC-FAX")))
    pen = Pen(pdf, facts.face, A4_PT)
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
