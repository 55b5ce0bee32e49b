"""Sixteenth-batch families of the contract and the two official records (templates.py).

`contract_shaded_fields`: a 商品房买卖合同（预售/现售） as a city's web 网签 system prints it: the model text in black
with every value the parties filled in printed inside the form field's pale shaded box (blue-grey on a colour
printer, grey on a black-and-white one), choices as ■/□; a vertical line of grey text down the left margin on every
page (the system's name and that the print is no basis for registration until filed), a small QR code of the
contract's record at the bottom left, 合同编号 beside it and 第 X 页 共 Y 页 at the bottom right; page one holds the
title, the boxed 合同编号 and the parties (出卖人 with 统一社会信用代码, 法定代表人, 通讯地址 and phone; each
买受人 with ■居民身份证 and the number), 第一条 to 第十条 follow (预售许可证号, 坐落, 建筑面积/套内/分摊, ■按照建筑面积
计算, 单价, 总价款 ¥ with 大写, 首期 and 贷款), the model chapters and 附件; the last page is a 签署页 with the
seller's shaded name under 出卖人（签章） and its seal over it, 法定代表人 with a handwritten signature, the buyers'
signatures, 签订日期 and 签订地点 in shaded boxes.
`tax_record_bilingual`: the 个人所得税纳税记录 in the app's 中英文 version (born digital, portrait A4): the title in
Chinese over Individual Income Tax Payment Record, 记录编号 Record No., a ruled grid of bilingual labels — 纳税人姓名
Taxpayer Name, 身份证件类型 ID Type, 身份证件号码 ID No., 税款所属期 Tax Period (2025-04-01 至 2026-03-31), 开具日期
Date of Issue, 主管税务机关 Tax Authority —, a table with two-line headings 序号 No./税款所属期 Period/所得项目 Income
Item/扣缴义务人 Withholding Agent/收入 Income/已申报税额 Tax Paid/入库日期 Date of Payment and a 合计 Total row, the
tax in 大写 with Total Tax (in words), bilingual notes, 验证码 Verification Code boxed and the office's crisp e-seal
over its name and the date at the foot; no page number.
`license_scan_app_color`: the 营业执照 副本 (2019 design, portrait) photographed by a phone scan app and saved in its
enhanced colour mode (增强并锐化): the app's crop and perspective fix leave a sliver of the table along an edge and a
slight keystone, the paper flattened to white, colours and the seal oversaturated, edges sharpened with a light halo,
the app's grey 扫描全能王 创建 mark in the bottom right corner; a picture only.
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
from .batch11_statement import _qr
from .batch12_records import _copy_fields
from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, signature
from .family_kit import date_text, press
from .finance import money
from .income_proof import BANKS
from .license import LicenseFacts, qr_code
from .pdfkit import A4_PT, Pen, _tokens, new_canvas
from .seal import other_make
from .tax import TaxFacts

SHADED = "contract_shaded_fields"
BILINGUAL = "tax_record_bilingual"
SCAN_COLOR = "license_scan_app_color"
GREY = (0.4, 0.4, 0.4)
RULE = (0.15, 0.15, 0.15)


# ------------------------------------------------------------------ contract_shaded_fields
def _banner(text: str) -> Image.Image:
    """The system's line down the left margin, characters stacked, as the page template's picture (no text layer)."""
    px = 12  # per mm
    size = int(2.5 * px)
    img = Image.new("RGBA", (int(4 * px), int(len(text) * 3.1 * px) + size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    face = fonts.font("sans", size)
    for k, ch in enumerate(text):
        draw.text((img.width / 2, k * 3.1 * px), ch, font=face, fill=(140, 140, 148, 255), anchor="ma")
    return img


class _Book:
    """Pages of the web print: margin banner, QR and number at the foot, 第 X 页 共 Y 页."""

    def __init__(self, t: Typesetter) -> None:
        self.t, self.page = t, 1
        rng = t.rng
        city = t.f.seller.region.short_city
        self.banner = rng.choice((f"{city}市新建商品房网上签约系统打印　未经网上备案不得作为办理不动产登记的依据",
                                  f"{city}房地产市场信息系统　本合同文本经网上签约生成　以备案信息为准"))
        self.box = rng.choice(((0.87, 0.9, 0.96), (0.88, 0.88, 0.88), (0.9, 0.93, 0.97)))
        self.key = "".join(rng.choice("0123456789abcdef") for _ in range(24))
        self.strip = _banner(self.banner)

    def finish(self) -> None:
        t, f, pen = self.t, self.t.f, self.t.pen
        pen.image(self.strip, 5.5, 28, 4, 4 * self.strip.height / self.strip.width)
        _qr(pen, t.left, pen.h_mm - 21, 13, f"https://wq.fdc.gov.cn/ht?bh={f.number}&k={self.key}&p={self.page}")
        pen.text(t.left + 15, pen.h_mm - 11, f"合同编号：{f.number}", 8, color=GREY)
        pen.text(t.right, pen.h_mm - 11, f"第 {self.page} 页 共 {f.pages_declared} 页", 9, align="right")
        pen.c.showPage()
        self.page += 1
        t.y = t.top


def _fill(t: Typesetter, book: _Book, parts: list[tuple[str, bool]], *, size: float | None = None,
          indent: bool = True, bold: bool = False) -> bool:
    """A paragraph whose filled-in parts (True) sit in shaded boxes; False when it does not fit the page."""
    pen = t.pen
    size = size or t.s.size
    tokens: list[tuple[str, bool]] = [("\u3000\u3000", False)] if indent else []
    for text, filled in parts:
        tokens += [(tok, filled) for tok in _tokens(text)]
    lines: list[list[tuple[str, bool]]] = [[]]
    width = 0.0
    for tok, filled in tokens:
        w = pen.width(tok, size)
        if lines[-1] and width + w > t.right - t.left:
            lines.append([])
            width = 0.0
        lines[-1].append((tok, filled))
        width += w
    line_h = size * t.s.leading / 2.8346
    if t.y + line_h * len(lines) > t.bottom:
        return False
    for line in lines:
        t.y += line_h
        x = t.left
        runs: list[tuple[str, bool]] = []
        for tok, filled in line:
            if runs and runs[-1][1] == filled:
                runs[-1] = (runs[-1][0] + tok, filled)
            else:
                runs.append((tok, filled))
        for text, filled in runs:
            w = pen.width(text, size)
            if filled:
                pen.rect(x - 0.4, t.y - size * 0.3, w + 0.8, size * 0.42, fill=book.box)
            pen.text(x, t.y, text, size, bold=bold)
            x += w
    t.y += line_h * 0.25
    return True


def _flow(t: Typesetter, book: _Book, parts: list[tuple[str, bool]], **kw: object) -> None:
    if not _fill(t, book, parts, **kw):  # type: ignore[arg-type]
        book.finish()
        _fill(t, book, parts, **kw)  # type: ignore[arg-type]


def _key_clauses(t: Typesetter, book: _Book) -> None:
    """第一条 to 第十条 with the parties' values in shaded fields."""
    f, rng = t.f, t.rng
    permit = f"{f.seller.region.short_city}房预售证第{f.signing_date.year - rng.randint(0, 2)}{rng.randint(100, 999)}号"
    loan = f.total_price - f.down_payment
    items: list[tuple[str | None, list[tuple[str, bool]]]] = [
        ("第一章　合同订立依据", [("第一条　出卖人与买受人依据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》等法律法规，"
                           "在平等、自愿、公平、协商一致的基础上，就商品房买卖事项订立本合同。", False)]),
        ("第二章　商品房基本状况", [("第二条　项目建设依据。出卖人以出让方式取得坐落于", False),
                             (f"{f.seller.region.short_city}市{f.seller.region.district}", True),
                             ("的土地使用权，该地块上建设的项目核准名称为", False), (f.project, True), ("。", False)]),
        (None, [("第三条　预售依据。该商品房已由主管部门批准预售，预售许可证号为", False), (permit, True), ("。", False)]),
        (None, [("第四条　商品房基本情况。该商品房坐落于", False), (f.property_address, True),
                ("，用途为", False), ("住宅", True), ("。该商品房合同约定建筑面积共", False), (f"{f.floor_area:.2f}", True),
                ("平方米，其中套内建筑面积", False), (f"{f.inner_area:.2f}", True), ("平方米，分摊共有建筑面积", False),
                (f"{f.floor_area - f.inner_area:.2f}", True), ("平方米。", False)]),
        (None, [("第五条　抵押情况。与该商品房有关的抵押情况为：■未抵押　□已抵押。", False)]),
        ("第三章　商品房价款", [("第六条　计价方式与价款。出卖人与买受人按照下列第", False), ("1", True),
                           ("种方式计算该商品房价款：1. ■按照建筑面积计算，该商品房单价为每平方米（币种）", False),
                           ("人民币", True), (f"{money(f.unit_price)}", True), ("元，总价款为（币种）", False),
                           ("人民币", True), (f"¥{money(f.total_price)}", True), ("元（大写", False),
                           (f.price_words, True), ("）。2. □按照套内建筑面积计算。3. □按照套计算。", False)]),
        (None, [("第七条　付款方式及期限。买受人采取下列第", False), ("3", True), ("种方式付款：1. □一次性付款。2. □分期付款。"
                "3. ■贷款方式付款：买受人于", False), (date_text(f.signing_date, "cn_padded"), True),
                ("前支付首期房价款（币种）人民币", False), (money(f.down_payment), True), ("元，余款（币种）人民币", False),
                (money(loan), True), ("元向", False), (rng.choice(BANKS), True), ("申请贷款支付。", False)]),
        (None, [("第八条　逾期付款责任。除不可抗力外，买受人未按照约定时间付款的，逾期在", False), ("60", True),
                ("日之内，自约定的应付款期限届满之次日起至实际支付应付款之日止，买受人按日计算向出卖人支付逾期应付款万分之",
                 False), ("五", True), ("的违约金。", False)]),
        (None, [("第九条　商品房交付时间。出卖人应当在", False), (date_text(f.delivery_date, "cn_padded"), True),
                ("前向买受人交付该商品房。", False)]),
        (None, [("第十条　其他。本合同未尽事宜，双方可另行签订补充协议，补充协议与本合同具有同等法律效力。", False)]),
    ]
    for heading, parts in items:
        if heading and not t.heading(heading):
            book.finish()
            t.heading(heading)
        _flow(t, book, parts)


def contract_shaded_fields(t: Typesetter, book: object) -> SealSpot:
    """The 网签 print: parties on page 1, key clauses with shaded fields, model chapters, 附件, a 签署页."""
    f, pen, rng = t.f, t.pen, t.rng
    pages = _Book(t)
    n = f.pages_declared
    t.y = t.top + 4
    presale = f.style.presale
    pen.text(pen.w_mm / 2, t.y + 10, "商品房买卖合同", 22, bold=True, align="center", spacing=1.5)
    pen.text(pen.w_mm / 2, t.y + 19, "（预售）" if presale else "（现售）", 13, align="center")
    t.y += 28
    _fill(t, pages, [("合同编号：", False), (f.number, True)], indent=False)
    t.y += 3
    t.heading("合同当事人")
    seller = f.seller
    for parts in ([("出卖人：", False), (seller.name, True)], [("通讯地址：", False), (seller.address, True)],
                  [("统一社会信用代码：", False), (seller.uscc, True)],
                  [("法定代表人：", False), (seller.legal_rep, True), ("　联系电话：", False), (seller.phone, True)]):
        _fill(t, pages, parts, indent=False)
    t.y += t.line_h * 0.5
    for k, (name, number) in enumerate(f.buyers, 1):
        who = "买受人" if len(f.buyers) == 1 else f"买受人（{'一二三'[k - 1]}）"
        for parts in ([(f"{who}：", False), (name, True)], [("【国籍】", False), ("中国", True)],
                      [("【证件类型】■居民身份证　□护照　□其他，证件号码：", False), (number, True)],
                      [("通讯地址：", False), (f.buyer_address, True)], [("联系电话：", False), (f.buyer_phone, True)]):
            _fill(t, pages, parts, indent=False)
        t.y += t.line_h * 0.4
    pages.finish()
    _key_clauses(t, pages)
    budget = max(n - 2 - pages.page, 1)
    clause_pages(t, budget, pages.finish)
    pages.finish()
    which = rng.randint(0, 2)
    while pages.page < n:
        appendix(t, which)
        which += 1
        pages.finish()
    return _sign_page(t, pages)


def _sign_page(t: Typesetter, pages: _Book) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    t.heading("合同签署页")
    t.para("（本页无正文，为《商品房买卖合同》之签署页）", indent=False)
    size = t.s.size
    half = (t.right - t.left) / 2
    y = t.y + 14
    pen.text(t.left, y, "出卖人（签章）：", size)
    t.y = y + 3
    _fill(t, pages, [(f.seller.name, True)], indent=False)
    name_y = t.y
    name_w = min(pen.width(f.seller.name, size), half - 4)
    pen.text(t.left, y + 26, "法定代表人（签字）：", size)
    sig = signature(f.seller.legal_rep, rng)
    pen.image(sig, t.left + 40, y + 18, min(sig.width / sig.height * 11, half - 44), 11)
    pen.text(t.left, y + 38, "委托代理人（签字）：", size)
    pen.text(t.left + half, y, "买受人（签字）：", size)
    by = y + 4
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, t.left + half + 6, by, min(sig.width / sig.height * 11, half - 10), 11)
        by += 14
    t.y = y + 52
    signed = date_text(f.signing_date, rng.choice(("cn_padded", "cn")))
    _fill(t, pages, [("签订日期：", False), (signed, True)], indent=False)
    _fill(t, pages, [("签订地点：", False), (f"{f.seller.region.short_city}市{f.seller.region.district}", True)],
          indent=False)
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.3, 0.7)) / pen.w_mm, (name_y - 2 + rng.uniform(-4, 4)) / pen.h_mm,
                    rng.uniform(40, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "", "合同专用章")))
        mark = replace(mark, color=rng.choice(((222, 40, 36), (204, 36, 72), (214, 56, 40))), star=True)
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    pages.finish()
    return spot


# ------------------------------------------------------------------ tax_record_bilingual

def render_tax_bilingual(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """纳税记录（中英文）: bilingual labels and headings, monthly rows, 合计 Total, 大写, verification code, e-seal."""
    del producer
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer="国家税务总局个人所得税APP", title="纳税记录")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(14, 18), pen.w_mm - rng.uniform(14, 18)
    span = right - left
    pen.text(pen.w_mm / 2, 20, "中华人民共和国个人所得税纳税记录", 15, bold=True, align="center")
    pen.text(pen.w_mm / 2, 26.5, "Individual Income Tax Payment Record of the People's Republic of China", 9.4,
             align="center")
    pen.text(right, 34, f"记录编号 Record No.：{facts.serial}", 8, align="right")
    period = f"{date_text(facts.period_start, 'iso')} 至 {date_text(facts.period_end, 'iso')}"
    grid = (("纳税人姓名", "Taxpayer Name", facts.name), ("身份证件类型", "ID Type", "居民身份证 Resident ID Card"),
            ("身份证件号码", "ID No.", facts.id_number), ("税款所属期", "Tax Period", period),
            ("开具日期", "Date of Issue", date_text(facts.issue_date, "iso")),
            ("主管税务机关", "Tax Authority", facts.authority))
    half = span / 2
    y = 37.0
    for k, (zh, en, value) in enumerate(grid):
        x, yy = left + (k % 2) * half, y + (k // 2) * 11
        pen.rect(x, yy, half * 0.36, 11, stroke=RULE, width=0.4, fill=(0.94, 0.95, 0.96))
        pen.rect(x + half * 0.36, yy, half * 0.64, 11, stroke=RULE, width=0.4)
        pen.text(x + 1.5, yy + 4.6, zh, 8.2, max_width=half * 0.36 - 3)
        pen.text(x + 1.5, yy + 8.8, en, 6.4, color=GREY, max_width=half * 0.36 - 3)
        pen.text(x + half * 0.36 + 1.5, yy + 7, value, 8.6, max_width=half * 0.64 - 3)
    y += 33 + 6
    heads = (("序号", "No."), ("税款所属期", "Period"), ("所得项目", "Income Item"), ("扣缴义务人", "Withholding Agent"),
             ("收入", "Income"), ("已申报税额", "Tax Paid"), ("入库日期", "Date of Payment"))
    weights = (0.06, 0.11, 0.15, 0.31, 0.13, 0.12, 0.12)
    widths = [span * w for w in weights]
    room = 297 - y - 92
    rh = min(7.2, room / (len(facts.rows) + 1.8))
    fs = min(8.4, rh / 0.75)
    x = left
    for (zh, en), w in zip(heads, widths, strict=True):
        pen.rect(x, y, w, rh * 1.8, stroke=RULE, width=0.4, fill=(0.9, 0.92, 0.95))
        pen.text(x + w / 2, y + rh * 0.8, zh, fs, bold=True, align="center", max_width=w - 2)
        pen.text(x + w / 2, y + rh * 1.5, en, fs - 1.8, align="center", color=GREY, max_width=w - 2)
        x += w
    y += rh * 1.8
    body = [(str(k), f"{r.period:%Y-%m}", r.item, r.agent, money(r.income), money(r.tax), date_text(r.paid, "iso"))
            for k, r in enumerate(facts.rows, 1)]
    body.append(("合计 Total", "", "", "", money(facts.total_income), money(facts.total_tax), ""))
    for r, cells in enumerate(body):
        x = left
        last = r == len(body) - 1
        for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
            if not (last and 0 < k < 4):  # the 合计 Total cell spans the first four columns
                pen.rect(x, y, sum(widths[:4]) if last and k == 0 else w, rh, stroke=RULE, width=0.35)
            if last and k == 0:
                pen.text(x + 1.2, y + rh * 0.7, text, fs, bold=True, max_width=sum(widths[:4]) - 2.4)
            elif text:
                right_align = k in (4, 5)
                pen.text(x + w - 1.2 if right_align else x + 1.2, y + rh * 0.7, text, fs,
                         align="right" if right_align else "left", max_width=w - 2.4)
            x += w
        y += rh
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    y += 7
    pen.text(left, y, f"已申报税额合计（大写）Total Tax (in words)：{words}", 9)
    y += 8
    notes = ("说明 Notes：1. 本记录仅反映纳税人已申报的个人所得税情况。This record only reflects the individual income tax"
             " declared by the taxpayer.",
             "2. 纳税人可通过个人所得税APP或自然人电子税务局输入验证码查验本记录。The record may be verified with the"
             " verification code in the IIT App or on the e-tax website.")
    for note in notes:
        for line in pen.wrap(note, 7.4, span * 0.6):
            pen.text(left, y, line, 7.4, color=GREY)
            y += 4
    pen.rect(left, y + 2, 98, 10, stroke=RULE, width=0.5)
    pen.text(left + 2.5, y + 8.6, f"验证码 Verification Code：{facts.verification_code}", 8.8, bold=True, max_width=93)
    sx, sy = right - 34, y - 18
    pen.text(sx, sy, "税务机关（章）Tax Authority (Seal)", 7.6, align="center", color=GREY)
    pen.text(sx, sy + 8, facts.authority, 8.6, align="center", max_width=66)
    pen.text(sx, sy + 14, date_text(facts.issue_date, "cn"), 8.6, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "")))
        mark = replace(mark, color=(rng.randint(226, 242), rng.randint(16, 32), rng.randint(20, 36)),
                       ring=rng.choice((0.016, 0.024)), fade=0.0, opacity=0.95, star=True, rotation=0.0)
        press(pen, rng, mark, center=(sx + rng.uniform(-4, 4), sy + 6), width_mm=38)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ license_scan_app_color
def _copy_sheet(facts: LicenseFacts, rng: random.Random, when: datetime) -> bytes:
    """The 副本 (2019 design) flat on portrait A4, in colour (a PDF, so its text can be checked)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer="licence", title="营业执照")
    pen = Pen(canvas, facts.face, A4_PT)
    w, h = pen.w_mm, pen.h_mm
    frame = (0.72, 0.2, 0.16)
    pen.rect(0, 0, w, h, fill=(0.99, 0.975, 0.93))
    pen.rect(8, 8, w - 16, h - 16, stroke=frame, width=3.0)
    pen.rect(11.5, 11.5, w - 23, h - 23, stroke=frame, width=0.7)
    for k in range(int((w - 30) / 6)):  # the frame's running ornament
        x = 15 + k * 6
        for yy in (9.8, h - 9.8):
            pen.rect(x, yy - 0.7, 2.6, 1.4, fill=(0.8, 0.5, 0.3))
    pen.text(20, 24, "统一社会信用代码", 9)
    pen.text(20, 31, facts.uscc_printed, 12.5, bold=True)
    pen.text(20, 37, f"（{rng.randint(1, 3)}-{rng.randint(1, 2)}）", 8.5)
    qr_code(pen, rng, w - 46, 16, 24)
    pen.text(w - 34, 44, "扫描二维码登录“国家企业信用", 5.6, align="center", color=GREY)
    pen.text(w - 34, 47, "信息公示系统”了解更多登记、", 5.6, align="center", color=GREY)
    pen.text(w - 34, 50, "备案、许可、监管信息。", 5.6, align="center", color=GREY)
    pen.image(emblem(300), w / 2 - 11, 44, 22, 22)
    pen.text(w / 2, 82, "营 业 执 照", 30, bold=True, align="center", color=(0.12, 0.1, 0.1))
    pen.text(w / 2, 92, "（副　　本）", 12.5, align="center")
    size = 11.5
    y = 110.0
    for label, value in _copy_fields(facts):
        pen.text(28, y, label, size, bold=True)
        lines = pen.wrap(value, size, 118)
        for j, line in enumerate(lines[:2]):
            pen.text(60, y + j * 6.2, line, size)
        y += 10.5 + 6.2 * (len(lines[:2]) - 1)
    pen.text(28, y, "经营范围", size, bold=True)
    for j, line in enumerate(pen.wrap(facts.scope, 10.5, 120)[:5]):
        pen.text(60, y + j * 6, line, 10.5)
    rx, ry = w - 60, h - 46
    pen.text(rx, ry, "登记机关", 13, bold=True, align="center")
    pen.text(rx, ry + 9, date_text(facts.registered, "cn"), 12, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(206, 232), rng.randint(24, 46), rng.randint(28, 48)), ring=0.03, star=True,
                   fade=0.0)
    press(pen, rng, mark, center=(rx + rng.uniform(-6, 2), ry - rng.uniform(2, 7)), width_mm=40)
    pen.text(w / 2, h - 20, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 7.5, align="center", color=GREY)
    pen.text(w / 2, h - 15.5, "国家市场监督管理总局监制", 7, align="center", color=GREY)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _enhance(img: np.ndarray, rng: random.Random) -> np.ndarray:
    """The app's 增强并锐化: paper flattened to white, contrast and saturation up, an unsharp mask with halos."""
    back = cv2.GaussianBlur(cv2.dilate(img, np.ones((15, 15), np.uint8)), (0, 0), 25)
    flat = np.clip(img.astype(np.float32) / np.maximum(back.astype(np.float32), 1) * 255 * 1.04, 0, 255)
    hsv = cv2.cvtColor(flat.astype(np.uint8), cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 1] = np.clip(hsv[..., 1] * rng.uniform(1.35, 1.6), 0, 255)
    out = cv2.cvtColor(hsv.astype(np.uint8), cv2.COLOR_HSV2RGB).astype(np.float32)
    out = np.clip((out - 255) * rng.uniform(1.15, 1.3) + 255, 0, 255)  # darker darks, the paper stays white
    soft = cv2.GaussianBlur(out, (0, 0), 2.2)
    return np.clip(out + (out - soft) * rng.uniform(0.8, 1.2), 0, 255)


def render_scan_app_color(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 副本 as a scan app's enhanced-colour page: residual keystone and table sliver, white paper, halo, mark."""
    document = pypdfium2.PdfDocument(_copy_sheet(facts, rng, when))
    try:
        sheet = np.asarray(document[0].render(scale=170 / 72.0).to_pil().convert("RGB"), dtype=np.float32)
    finally:
        document.close()
    sh, sw = sheet.shape[:2]
    # uneven room light on the sheet as the phone saw it
    gy, gx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    light = 0.84 + 0.14 * (1 - np.hypot(gx / sw - rng.uniform(0.2, 0.8), gy / sh - rng.uniform(0.2, 0.8)))
    sheet = sheet * light[..., None]
    # the app's crop is a little off: a sliver of the table on one or two edges, a slight keystone left over
    table = surface(sw, sh, rng, kind=rng.choice(("wood", "desk", "dark"))) * 255.0
    d = [rng.uniform(-0.012, 0.018) * sw for _ in range(4)]
    quad = np.array([[d[0], abs(d[1])], [sw - d[2], d[1]], [sw + rng.uniform(-0.01, 0.006) * sw, sh - d[3]],
                     [rng.uniform(-0.006, 0.01) * sw, sh + rng.uniform(-0.012, 0.004) * sh]], np.float32)
    src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], np.float32)
    m = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(sheet, m, (sw, sh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((sh, sw), np.float32), m, (sw, sh), flags=cv2.INTER_LINEAR)[..., None]
    frame = table * (1 - mask) + warped * mask
    frame = frame + np.random.default_rng(rng.randrange(2**32)).normal(0, 3.0, frame.shape)
    out = _enhance(np.clip(frame, 0, 255).astype(np.uint8), rng)
    img = Image.fromarray(out.astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(img)
    mark = fonts.font("sans", int(sw * 0.017))
    text = "扫描全能王 创建"
    tw = draw.textlength(text, font=mark)
    x, y = sw - tw - sw * 0.03, sh - sh * 0.028
    box = int(sw * 0.02)
    draw.rounded_rectangle((x - box - 8, y - box * 0.15, x - 8, y + box * 0.85), radius=box // 4, fill=(120, 120, 120))
    draw.text((x - box - 8 + box * 0.18, y - box * 0.05), "CS", font=fonts.font("sans_bold", int(box * 0.55)),
              fill=(255, 255, 255))
    draw.text((x, y), text, font=mark, fill=(130, 130, 130))
    buffer = io.BytesIO()
    pdf = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("CamScanner", "扫描全能王 6.58",
                                                                             "CamScanner 6.62.5")))
    pen = Pen(pdf, facts.face, A4_PT)
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
