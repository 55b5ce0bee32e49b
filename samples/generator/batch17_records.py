"""Seventeenth-batch families of the contract and the two official records (templates.py).

`contract_initialled_pages`: a developer's own 商品房买卖合同 for one project (not the national model text): the
project's name on the left and 编号 on the right of a running head on every page, the parties as 出卖人（以下简称甲方）
and 买受人（以下简称乙方） paragraphs, 第一条 房屋基本情况 as a ruled one-row table 房号/坐落, 建筑面积（㎡）, 套内面积（㎡）,
单价（元/㎡）, 总价（元） with the price's 大写 in a sentence under it, 第二条 付款方式, the developer's clauses and
附件; the pages are numbered — n — at the foot with no total (the total stands in the last article: 本合同共 N 页);
the developer's sales office has the buyers initial every page, so a 乙方签字： box at every page's bottom right holds
their handwritten names; the last page is the signing page, the seller's seal (a double ring on some, crimson or
vermilion) over 甲方（盖章） and its name.
`tax_screen_photo`: the 个人所得税纳税记录 PDF open in the browser's PDF viewer on a computer screen and photographed
with a phone: the viewer's dark toolbar with the file name and 1 / 1, the grey background round the page, the page
filling the phone's portrait frame; the screen's moiré bands, its blue-white cast, a soft reflection of a window,
perspective, a little blur; a picture only.
`license_watermark_photo`: the 营业执照 副本 (2019 design) lying on a counter, photographed with a watermark camera app
(今日水印相机-like): the app's block at the bottom left — a large clock time beside a coloured bar, the date with the
weekday, the weather, the place (city, district, street), a typed 备注 on some — and its small 水印相机 已验证 mark at the bottom
right; the day is a few days before the application; a picture only.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime, timedelta

import cv2
import numpy as np
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter

from docproc.cn.amount_words import to_words

from . import fonts
from .backgrounds import surface
from .batch16_records import _copy_sheet
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, ruled_table, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts
from .pdfkit import A4_PT, MM, Pen, new_canvas
from .raster import np_rng
from .seal import other_make
from .tax import TaxFacts

INITIALLED = "contract_initialled_pages"
SCREEN = "tax_screen_photo"
WATERMARK = "license_watermark_photo"
GREY = (0.4, 0.4, 0.4)
RULE = (0.15, 0.15, 0.15)
PHOTO_MM = (210.0, 280.0)  # the page a 3:4 portrait photo is set on


# ------------------------------------------------------------------ contract_initialled_pages
class _Book:
    """Pages of the developer's contract: running head, — n — at the foot, the buyers' initials box."""

    def __init__(self, t: Typesetter) -> None:
        self.t, self.page = t, 1
        rng = t.rng
        self.label = rng.choice(("编号", "合同编号", "合同号"))
        self.names = [name for name, _ in t.f.buyers]
        self.dash = rng.choice(("—", "-"))
        self.head()

    def head(self) -> None:
        t, pen = self.t, self.t.pen
        pen.text(t.left, t.top - 6, f"{t.f.project}", 8, color=GREY)
        pen.text(t.right, t.top - 6, f"{self.label}：{t.f.number}", 8, align="right", color=GREY)
        pen.line(t.left, t.top - 4.5, t.right, t.top - 4.5, width=0.5, color=GREY)

    def finish(self) -> None:
        t, pen = self.t, self.t.pen
        pen.text(pen.w_mm / 2, pen.h_mm - 9, f"{self.dash} {self.page} {self.dash}", 9.5, align="center")
        bx, by = t.right - 52, pen.h_mm - 20
        pen.rect(bx, by, 52, 12, stroke=GREY, width=0.4)
        pen.text(bx + 1.5, by + 4.2, "乙方签字：", 7.5, color=GREY)
        x = bx + 15
        for name in self.names:  # signed afresh on every page
            sig = signature(name, t.rng)
            w = min(sig.width / sig.height * 8, 36 / len(self.names))
            pen.image(sig, x, by + 3 + t.rng.uniform(-1, 1), w, 8)
            x += w + 1
        pen.c.showPage()
        self.page += 1
        t.y = t.top
        if self.page <= t.f.pages_declared:
            self.head()


def _para(t: Typesetter, book: _Book, text: str, **kw: object) -> None:
    if not t.para(text, **kw):  # type: ignore[arg-type]
        book.finish()
        t.para(text, **kw)  # type: ignore[arg-type]


def contract_initialled_pages(t: Typesetter, book: object) -> SealSpot:
    """The developer's contract: parties, the flat as a one-row table, clauses, 附件, the signing page."""
    del book
    f, pen, rng = t.f, t.pen, t.rng
    pages = _Book(t)
    n = f.pages_declared
    t.y = t.top + 2
    pen.text(pen.w_mm / 2, t.y + 10, "商品房买卖合同", 20, bold=True, align="center", spacing=1.2)
    pen.text(pen.w_mm / 2, t.y + 18, f"（{f.project}）", 11.5, align="center")
    t.y += 26
    seller = f.seller
    for line in (f"出卖人（以下简称甲方）：{seller.name}", f"统一社会信用代码：{seller.uscc}",
                 f"法定代表人：{seller.legal_rep}　　联系电话：{seller.phone}", f"地址：{seller.address}"):
        t.para(line, indent=False)
    t.y += t.line_h * 0.5
    for k, (name, number) in enumerate(f.buyers):
        who = "买受人（以下简称乙方）" if k == 0 else "共同买受人"
        t.para(f"{who}：{name}　　身份证号码：{number}", indent=False)
    t.para(f"通讯地址：{f.buyer_address}　　联系电话：{f.buyer_phone}", indent=False)
    t.y += t.line_h * 0.5
    t.para("甲、乙双方根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及有关法律、法规的规定，"
           f"在平等、自愿、协商一致的基础上，就乙方购买甲方开发建设的{f.project}商品房事宜，订立本合同，共同遵守。")
    t.heading("第一条　房屋基本情况")
    commas = rng.random() < 0.5
    ruled_table(t, (("房号/坐落", "建筑面积（㎡）", "套内面积（㎡）", "单价（元/㎡）", "总价（元）"),
                    (f.property_address, f"{f.floor_area:.2f}", f"{f.inner_area:.2f}", money(f.unit_price, commas=commas),
                     money(f.total_price, commas=commas))), (0.36, 0.14, 0.14, 0.16, 0.2))
    _para(t, pages, f"该房屋用途为住宅，按建筑面积计价，房屋总价款为人民币（大写）{f.price_words}"
                    f"（小写：¥{money(f.total_price)}元）。")
    t.heading("第二条　付款方式")
    loan = f.total_price - f.down_payment
    _para(t, pages, f"乙方选择按揭贷款方式付款：乙方于本合同签订之日支付首付款人民币{money(f.down_payment)}元；"
                    f"余款人民币{money(loan)}元由乙方向贷款银行申请个人住房贷款，由贷款银行直接划入甲方指定账户。")
    _para(t, pages, f"第三条　交付。甲方应于{date_text(f.delivery_date, 'cn')}前将符合约定条件的房屋交付乙方使用。")
    pages.finish()
    budget = max(n - 2 - pages.page, 1)
    clause_pages(t, budget, pages.finish)
    pages.finish()
    which = rng.randint(0, 2)
    while pages.page < n:
        appendix(t, which)
        which += 1
        pages.finish()
    return _signing(t, pages)


def _signing(t: Typesetter, pages: _Book) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    t.heading("签署页")
    t.para(f"本合同共{n}页，一式{rng.choice(('肆', '伍'))}份，甲方执贰份，乙方执壹份，其余报送登记机构，"
           "具有同等法律效力。本合同自双方签字（盖章）之日起生效。")
    size = t.s.size + 0.5
    half = (t.right - t.left) / 2
    y = t.y + 16
    pen.text(t.left, y, "甲方（盖章）：", size)
    pen.text(t.left, y + 9, f.seller.name, size, max_width=half - 4)
    name_w = min(pen.width(f.seller.name, size), half - 4)
    pen.text(t.left, y + 26, "法定代表人或委托代理人（签字）：", size - 0.5)
    sig = signature(f.seller.legal_rep, rng)
    pen.image(sig, t.left + 8, y + 28, min(sig.width / sig.height * 11, half - 12), 11)
    pen.text(t.left + half, y, "乙方（签字）：", size)
    by = y + 3
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, t.left + half + 24, by, min(sig.width / sig.height * 11, half - 28), 11)
        by += 14
    signed = date_text(f.signing_date, rng.choice(("cn", "numerals", "cn_padded")))
    pen.text(t.left, y + 50, f"签订日期：{signed}", size)
    pen.text(t.left + half, y + 50, f"签订日期：{signed}", size)
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.3, 0.7)) / pen.w_mm, (y + 5 + rng.uniform(-3, 4)) / pen.h_mm,
                    rng.uniform(40, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章", "合同专用章")))
        mark = replace(mark, color=rng.choice(((200, 24, 70), (222, 44, 36), (190, 30, 90))), star=True,
                       inner=rng.random() < 0.5)
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = y + 56
    pages.finish()
    return spot


# ------------------------------------------------------------------ tax_screen_photo
def record_sheet(facts: TaxFacts, rng: random.Random, when: datetime) -> bytes:
    """The 纳税记录 PDF as the viewer shows it (born digital, one portrait page with the e-seal)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer="国家税务总局个人所得税", title="纳税记录")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = 18.0, pen.w_mm - 18.0
    span = right - left
    pen.text(pen.w_mm / 2, 24, "中华人民共和国", 12, align="center")
    pen.text(pen.w_mm / 2, 33, "个人所得税纳税记录", 17, bold=True, align="center", spacing=0.6)
    pen.text(left, 44, f"记录编号：{facts.serial}", 9)
    pen.text(right, 44, f"开具日期：{date_text(facts.issue_date, 'cn')}", 9, align="right")
    period = f"{date_text(facts.period_start, 'cn')}至{date_text(facts.period_end, 'cn')}"
    for k, line in enumerate((f"纳税人姓名：{facts.name}", f"身份证件号码：{facts.id_number}",
                              f"税款所属期：{period}", f"税务机关：{facts.authority}")):
        pen.text(left, 53 + k * 6.5, line, 9.6)
    y = 53 + 4 * 6.5 + 2
    heads = ("税款所属期", "入库日期", "所得项目", "扣缴义务人", "收入", "已申报税额")
    weights = (0.13, 0.14, 0.17, 0.3, 0.13, 0.13)
    widths = [span * w for w in weights]
    rh = min(8.0, (297 - y - 80) / (len(facts.rows) + 2))
    fs = min(9.0, rh / 0.72)
    x = left
    for head, w in zip(heads, widths, strict=True):
        pen.rect(x, y, w, rh, stroke=RULE, width=0.4, fill=(0.92, 0.93, 0.95))
        pen.text(x + w / 2, y + rh * 0.7, head, fs, bold=True, align="center", max_width=w - 2)
        x += w
    y += rh
    for r in facts.rows:
        cells = (f"{r.period:%Y-%m}", date_text(r.paid, "iso"), r.item, r.agent, money(r.income), money(r.tax))
        x = left
        for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
            pen.rect(x, y, w, rh, stroke=RULE, width=0.35)
            right_align = k >= 4
            pen.text(x + w - 1.2 if right_align else x + 1.2, y + rh * 0.7, text, fs,
                     align="right" if right_align else "left", max_width=w - 2.4)
            x += w
        y += rh
    pen.rect(left, y, span, rh, stroke=RULE, width=0.35)
    pen.text(left + 1.2, y + rh * 0.7, "合计", fs, bold=True)
    pen.text(left + sum(widths[:5]) - 1.2, y + rh * 0.7, money(facts.total_income), fs, align="right")
    pen.text(right - 1.2, y + rh * 0.7, money(facts.total_tax), fs, align="right")
    y += rh + 8
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"已申报税额合计（大写）：{words}", 9.6)
    y += 8
    for note in ("说明：1. 本记录中的收入和税额为纳税人已申报的收入和税额。",
                 "2. 本记录可通过个人所得税APP或自然人电子税务局网页端输入验证码进行验证。"):
        pen.text(left, y, note, 8, color=GREY)
        y += 5
    pen.text(left, y + 6, f"验证码：{facts.verification_code}", 10, bold=True)
    sx, sy = right - 32, y - 4
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "")))
        mark = replace(mark, color=(rng.randint(226, 242), rng.randint(16, 32), rng.randint(20, 36)),
                       ring=0.02, fade=0.0, opacity=0.95, star=True, rotation=0.0)
        press(pen, rng, mark, center=(sx, sy), width_mm=38)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _raster(pdf: bytes, scale: float) -> np.ndarray:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return np.asarray(document[0].render(scale=scale).to_pil().convert("RGB"), dtype=np.float32)
    finally:
        document.close()


def _photo_pdf(img: Image.Image, rng: random.Random, when: datetime, face: object) -> bytes:
    """A phone photo on a 3:4 portrait page (the picture is all the file holds)."""
    buffer = io.BytesIO()
    size = (PHOTO_MM[0] * MM, PHOTO_MM[1] * MM)
    pdf = new_canvas(buffer, page_pt=size, when=when, producer=rng.choice(("Microsoft: Print To PDF", "iOS Quartz PDFContext",
                                                                             "WPS Office 图片转PDF")))
    pen = Pen(pdf, face, size)  # type: ignore[arg-type]
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _warp(frame: np.ndarray, rng: random.Random, amount: float) -> np.ndarray:
    """A slight perspective from a phone held a little off square."""
    h, w = frame.shape[:2]
    d = [rng.uniform(-amount, amount) * w for _ in range(8)]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = src + np.array(d, np.float32).reshape(4, 2)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(frame, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def render_screen_photo(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The record open in a PDF viewer on a monitor, photographed by phone: toolbar, moiré, glare, perspective."""
    del producer
    page = _raster(record_sheet(facts, rng, when), 220 / 72.0)
    ph, pw = page.shape[:2]
    bar = int(ph * 0.035)
    fh = int(ph * rng.uniform(1.06, 1.1)) + bar  # the phone frames the page and a little round it
    fw = int(fh * 3 / 4)
    screen = np.empty((fh, fw, 3), np.float32)
    screen[:] = np.array([82, 86, 89], np.float32)  # the viewer's grey
    top = bar + int((fh - bar - ph) * rng.uniform(0.3, 0.6))
    x0 = (fw - pw) // 2 + int(rng.uniform(-0.02, 0.02) * fw)
    screen[top + 6 : top + ph + 6, x0 + 6 : x0 + pw + 6] *= 0.75  # the page's shadow
    screen[top : top + ph, max(x0, 0) : x0 + pw] = page[:, max(-x0, 0) : pw - max(x0 + pw - fw, 0)]
    img = Image.fromarray(np.clip(screen, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, fw, bar), fill=(50, 54, 57))
    small = fonts.font("sans", int(bar * 0.42))
    name = rng.choice((f"纳税记录_{facts.issue_date:%Y%m%d}.pdf", "个人所得税纳税记录.pdf",
                       f"纳税记录{rng.randint(10**11, 10**12 - 1)}.pdf"))
    draw.text((bar * 0.6, bar * 0.28), name, font=small, fill=(232, 234, 237))
    draw.text((fw / 2, bar * 0.28), f"1 / 1　　|　　—　{rng.choice((67, 75, 80, 90))}%　+", font=small,
              fill=(232, 234, 237), anchor="ma")
    arr = np.asarray(img, dtype=np.float32)
    # the monitor: a blue-white cast, the pixel grid beating with the camera's sensor (moiré), light falling off
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    arr = arr * np.array([rng.uniform(0.9, 0.95), rng.uniform(0.95, 0.98), 1.0], np.float32)
    for _ in range(2):
        angle = rng.uniform(0, np.pi)
        period = rng.uniform(18, 60)
        bend = rng.uniform(2e-4, 6e-4)  # the beat drifts across the frame: bands curve and change their spacing
        phase = np.cos(angle) * xx + np.sin(angle) * yy + bend * ((xx - fw / 2) ** 2 - (yy - fh / 2) ** 2)
        amp = rng.uniform(0.025, 0.05)
        for c, shift in enumerate((0.0, 2.1, 4.2)):
            arr[..., c] *= 1 + amp * np.sin(2 * np.pi * phase / period + shift)
    fall = 1.02 - 0.22 * (((xx - fw / 2) / fw) ** 2 + ((yy - fh / 2) / fh) ** 2) * 2
    arr = arr * fall[..., None]
    # a window reflected in the screen: a soft bright patch
    gx, gy = rng.uniform(0.1, 0.9) * fw, rng.uniform(0.1, 0.5) * fh
    glare = np.exp(-(((xx - gx) / (fw * rng.uniform(0.12, 0.25))) ** 2 + ((yy - gy) / (fh * 0.2)) ** 2))
    arr = arr + (255 - arr) * (glare * rng.uniform(0.1, 0.2))[..., None]
    arr = _warp(arr, rng, 0.02)
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.7, 1.1))
    arr = arr + np_rng(rng).normal(0, rng.uniform(2.5, 4.5), arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    out = out.resize((1800, 2400), Image.Resampling.LANCZOS)
    return _photo_pdf(out, rng, when, facts.face)


# ------------------------------------------------------------------ license_watermark_photo
_WEEK = "一二三四五六日"


def _overlay(img: Image.Image, facts: LicenseFacts, shot: datetime, rng: random.Random) -> Image.Image:
    """The watermark camera's block: clock time beside a coloured bar, date and weekday, weather, place."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    unit = w / 100
    x, y = 4 * unit, h - 30 * unit
    bar = rng.choice(((255, 196, 0), (35, 150, 250), (250, 90, 60)))
    big = fonts.font("sans_bold", int(9 * unit))
    clock = f"{shot:%H:%M}"
    for dx, dy in ((2, 2), (0, 0)):  # the app's white text with a soft shadow
        draw.text((x + dx, y + dy), clock, font=big, fill=(40, 40, 40) if dx else (255, 255, 255))
    cw = draw.textlength(clock, font=big)
    draw.rectangle((x + cw + 2 * unit, y + 1.5 * unit, x + cw + 2.8 * unit, y + 10 * unit), fill=bar)
    mid = fonts.font("sans", int(3.3 * unit))
    day = rng.choice((f"{shot:%Y.%m.%d}", f"{shot:%Y-%m-%d}", f"{shot.year}年{shot.month}月{shot.day}日"))
    weather = rng.choice(("晴", "多云", "阴", "小雨")) + f" {rng.randint(6, 28)}℃"
    for k, text in enumerate((day, f"星期{_WEEK[shot.weekday()]}　{weather}")):
        tx, ty = x + cw + 4 * unit, y + 1.6 * unit + k * 4.4 * unit
        draw.text((tx + 1, ty + 1), text, font=mid, fill=(40, 40, 40))
        draw.text((tx, ty), text, font=mid, fill=(255, 255, 255))
    region = facts.company.region
    place = f"{region.city}{region.district}{rng.choice(region.streets) if region.streets else ''}"
    lines = [place]
    if rng.random() < 0.4:
        lines.append(f"备注：{rng.choice(('营业执照', '营业执照副本', '贷款资料'))}")
    small = fonts.font("sans", int(2.9 * unit))
    for k, text in enumerate(lines):
        ty = y + 12.5 * unit + k * 3.9 * unit
        draw.text((x + 1, ty + 1), text, font=small, fill=(40, 40, 40))
        draw.text((x, ty), text, font=small, fill=(255, 255, 255))
    tiny = fonts.font("sans", int(2.3 * unit))
    mark = rng.choice(("水印相机 已验证 时间地点真实", "今日水印相机", "水印相机·真实时间"))
    draw.text((w - 3 * unit, h - 4 * unit), mark, font=tiny, fill=(255, 255, 255), anchor="rs")
    code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10))
    draw.text((w - 3 * unit, h - 7.5 * unit), f"防伪码 {code}", font=tiny, fill=(235, 235, 235), anchor="rs")
    return img


def render_watermark_photo(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 副本 on a counter, photographed with a watermark camera a few days before the application."""
    sheet = _raster(_copy_sheet(facts, rng, when), 150 / 72.0)
    sh, sw = sheet.shape[:2]
    fw = int(sw * rng.uniform(1.12, 1.22))
    fh = int(fw * 4 / 3)
    table = surface(fw, fh, rng, kind=rng.choice(("wood", "desk", "desk"))) * 255.0
    scale = rng.uniform(0.84, 0.9) * fh / sh
    angle = rng.uniform(-4, 4)
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, scale)
    m[0, 2] += fw / 2 - sw / 2 + rng.uniform(-0.03, 0.03) * fw
    m[1, 2] += fh / 2 - sh / 2 - rng.uniform(0.0, 0.04) * fh
    warped = cv2.warpAffine(sheet, m, (fw, fh), flags=cv2.INTER_AREA)
    mask = cv2.warpAffine(np.ones((sh, sw), np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    drop = cv2.GaussianBlur(np.roll(mask[..., 0], (int(fh * 0.01), int(fw * 0.012)), (0, 1)), (0, 0), fw * 0.01)
    frame = table * (1 - 0.45 * drop[..., None]) * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 1.05 - 0.3 * (((xx - fw * rng.uniform(0.3, 0.7)) / fw) ** 2 + ((yy - fh * 0.3) / fh) ** 2) * 2
    frame = frame * light[..., None] * np.array([1.0, rng.uniform(0.96, 0.99), rng.uniform(0.86, 0.94)], np.float32)
    frame = _warp(frame, rng, 0.025)
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.6, 1.0))
    frame = frame + np_rng(rng).normal(0, 3.0, frame.shape).astype(np.float32)
    img = Image.fromarray(np.clip(frame, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.SMOOTH)
    applied = facts.applied or (facts.registered + timedelta(days=rng.randint(3, 40)))
    day = applied - timedelta(days=rng.randint(2, 12))
    shot = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(8 * 60 + 30, 18 * 60))
    img = _overlay(img.resize((1800, 2400), Image.Resampling.LANCZOS), facts, shot, rng)
    return _photo_pdf(img, rng, when, facts.face)

