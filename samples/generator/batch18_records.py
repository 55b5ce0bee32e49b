"""Eighteenth-batch families of the contract and the business licence (templates.py); the tax record's family is
in batch18_receipt.py.

`contract_clause_table`: a developer's 商品房买卖合同 set, from its first article to the last, as one two-column ruled
table — the article's number in the narrow shaded left cell (第三条), its name and text in the wide right cell
(房屋价款：…), an article running over a page break continued under （续） —; the contract's number and the project in a boxed strip at
the top of the first page, the parties as the first rows (出卖人 with its 统一社会信用代码, 法定代表人 and address;
买受人 and 共同买受人 with their 身份证号码), the flat with 房屋坐落, 建筑面积 and 套内建筑面积, the price as 总价款 with the
小写 ¥ first and （大写） after, dates as 2026.03.05; 第 i 页 / 共 n 页 at the top right of every page over a thin rule,
附件 pages and a signing page whose last rows are 出卖人（盖章） with the name under the seller's red-orange thin-ring
seal, 买受人（签字） with signatures, and 签订日期.
`license_two_up_copy`: both the 营业执照 正本 (landscape) and its 副本 (portrait) laid on the copier's glass and copied in
grey onto one A4 sheet — the 正本 reduced across the top, the 副本 under it — the way an owner copies the pair for a
file, a staple's mark in the top-left corner; a picture only, the registry's seal showing (grey) on both copies.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw, ImageOps

from .contract_pdf import SealSpot, Typesetter, appendix, signature
from .contract_text import CHAPTERS
from .family_kit import date_text, numerals, press
from .finance import cn_date, money
from .license import LicenseFacts, render_license
from .pdfkit import A4_PT, MM, Pen, new_canvas
from .raster import np_rng
from .seal import other_make

CLAUSE_TABLE = "contract_clause_table"
TWO_UP = "license_two_up_copy"
_RULE = (0.2, 0.2, 0.2)
_SHADE = (0.94, 0.94, 0.92)


# ------------------------------------------------------------------ contract_clause_table
class _Sheet:
    """Pages of the clause table: 第 i 页 / 共 n 页 over a rule at the top, rows of label | text."""

    def __init__(self, t: Typesetter) -> None:
        self.t, self.page = t, 1
        self.split = t.left + (t.right - t.left) * t.rng.uniform(0.13, 0.16)
        self.size = t.s.size - 0.3
        self.lead = self.size * t.s.leading / MM
        self.head()

    def head(self) -> None:
        t, pen = self.t, self.t.pen
        pen.text(t.right, t.top - 7, f"第 {self.page} 页 / 共 {t.f.pages_declared} 页", 8.5, align="right")
        pen.line(t.left, t.top - 5, t.right, t.top - 5, width=0.4, color=(0.4, 0.4, 0.4))

    def finish(self) -> None:
        t = self.t
        t.pen.c.showPage()
        self.page += 1
        t.y = t.top
        if self.page <= t.f.pages_declared:
            self.head()

    def row(self, label: str, text: str, *, can_break: bool = True) -> bool:
        """One article as a ruled row, broken over pages (the rest under （续））; False when the page is full and
        the row may not break (nothing drawn)."""
        t, pen = self.t, self.t.pen
        lines = pen.wrap(text, self.size, t.right - self.split - 4)
        heads = [label] if label else []
        while lines:
            room = int((t.bottom - t.y - 2) // self.lead)
            if room < 2 or (not can_break and room < len(lines)):
                if not can_break:
                    return False
                self.finish()
                heads = ["（续）"]
                continue
            part, lines = lines[:room], lines[room:]
            h = self.lead * max(len(part), len(heads)) + 2.5
            pen.rect(t.left, t.y, self.split - t.left, h, stroke=_RULE, width=0.4, fill=_SHADE)
            pen.rect(self.split, t.y, t.right - self.split, h, stroke=_RULE, width=0.4)
            for k, head in enumerate(heads):
                pen.text((t.left + self.split) / 2, t.y + self.lead * (k + 0.85), head, self.size, bold=True,
                         align="center", max_width=self.split - t.left - 2)
            for k, line in enumerate(part):
                pen.text(self.split + 2, t.y + self.lead * (k + 0.85), line, self.size)
            t.y += h
            heads = ["（续）"]
        return True


def _article(text: str, number: int) -> tuple[str, str, bool]:
    """第十一条　交付时间和手续。… → ('第五条', '交付时间和手续：…', True), renumbered after the developer's own first
    articles; a paragraph with no number of its own gets an empty label cell (False: no number used up)."""
    if not text.startswith("第") or "　" not in text[:6]:
        return "", text, False
    rest = text.split("　", 1)[1]
    name, _, body = rest.partition("。")
    if len(name) > 12 or not body:
        return f"第{numerals(number)}条", rest, True
    return f"第{numerals(number)}条", f"{name}：{body}", True


def contract_clause_table(t: Typesetter, book: object) -> SealSpot:
    """The whole contract as one two-column clause table, 附件 pages and a signing page."""
    del book
    f, pen, rng = t.f, t.pen, t.rng
    sheet = _Sheet(t)
    n = f.pages_declared
    pen.rect(t.left, t.top, t.right - t.left, 9, stroke=_RULE, width=0.5)
    pen.text(t.left + 2, t.top + 6, f"合同编号：{f.number}", 9.5)
    pen.text(t.right - 2, t.top + 6, f"项目名称：{f.project}", 9.5, align="right", max_width=(t.right - t.left) / 2)
    pen.text(pen.w_mm / 2, t.top + 22, "商品房买卖合同", 19, bold=True, align="center", spacing=1.0)
    pen.text(pen.w_mm / 2, t.top + 30, "（预售）" if f.style.presale else "（现售）", 11, align="center")
    t.y = t.top + 36
    seller = f.seller
    sheet.row("出卖人", f"{seller.name}；统一社会信用代码：{seller.uscc}；法定代表人：{seller.legal_rep}；"
                       f"联系电话：{seller.phone}；地址：{seller.address}")
    for k, (name, number) in enumerate(f.buyers):
        sheet.row("买受人" if k == 0 else "共同买受人", f"{name}；证件类型：居民身份证；证件号码：{number}")
    sheet.row("通讯地址", f"{f.buyer_address}；联系电话：{f.buyer_phone}")
    sheet.row("第一条", f"房屋基本情况：房屋坐落：{f.property_address}。项目名称：{f.project}；房屋用途：住宅；"
                                f"建筑面积：{f.floor_area:.2f}平方米，其中套内建筑面积{f.inner_area:.2f}平方米。")
    commas = rng.random() < 0.6
    sheet.row("第二条", f"房屋价款：按建筑面积计价，单价为每平方米人民币{money(f.unit_price, commas=commas)}元。"
                              f"总价款：人民币（小写）¥{money(f.total_price, commas=commas)}元，"
                              f"（大写）{f.price_words}。")
    loan = f.total_price - f.down_payment
    sheet.row("第三条", f"付款方式：买受人于本合同签订之日支付首付款人民币{money(f.down_payment, commas=commas)}元；"
                              f"余款人民币{money(loan, commas=commas)}元以银行按揭贷款方式支付，由贷款银行直接划入"
                              "出卖人指定的监管账户。")
    sheet.row("第四条", f"交付期限：出卖人应当于{date_text(f.delivery_date, 'dot')}前将符合本合同约定条件的商品房"
                              "交付买受人使用。")
    values = {"seller": seller.name, "city": seller.region.short_city, "project": f.project,
              "delivery": cn_date(f.delivery_date), "days": rng.choice((30, 60, 90)), "rate": rng.choice((3, 4, 5)),
              "grace": rng.choice((7, 10, 15)), "months": rng.choice((3, 6)), "pages": n,
              "court": f"{seller.region.district}人民法院"}
    last_clause = max(n - 2, 2)
    done = False
    article = 5
    for _heading, articles in CHAPTERS:
        for text in articles:
            label, body, counted = _article(text.format(**values), article)
            article += counted
            if sheet.page == last_clause and not sheet.row(label, body, can_break=False):
                done = True
                break
            if sheet.page < last_clause:
                sheet.row(label, body)
            if sheet.page > last_clause:
                done = True
                break
        if done:
            break
    sheet.finish()  # the chapters end where the pages allowed (later articles drop) or ran out
    which = rng.randint(0, 2)
    while sheet.page < n:
        appendix(t, which)
        which += 1
        sheet.finish()
    return _signing(t, sheet)


def _signing(t: Typesetter, sheet: _Sheet) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    t.y += 4
    sheet.row("其　他", f"合同份数及生效：本合同共{n}页，一式肆份，出卖人、买受人各执壹份，其余报送登记机构及贷款银行，"
                              "具有同等法律效力。本合同自双方签字（盖章）之日起生效。")
    y = t.y
    h = 50.0
    mid = (t.left + t.right) / 2
    for x0, x1 in ((t.left, mid), (mid, t.right)):
        pen.rect(x0, y, x1 - x0, h, stroke=_RULE, width=0.4)
    size = t.s.size
    pen.text(t.left + 2, y + 7, "出卖人（盖章）：", size)
    pen.text(t.left + 4, y + 17, f.seller.name, size, max_width=mid - t.left - 8)
    name_w = min(pen.width(f.seller.name, size), mid - t.left - 8)
    pen.text(t.left + 2, y + 27, "法定代表人（签字）：", size - 0.5)
    sig = signature(f.seller.legal_rep, rng)
    pen.image(sig, t.left + 12, y + 30, min(sig.width / sig.height * 10, mid - t.left - 16), 10)
    pen.text(mid + 2, y + 7, "买受人（签字）：", size)
    by = y + 10
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, mid + 10, by, min(sig.width / sig.height * 10, t.right - mid - 14), 10)
        by += 12
    signed = date_text(f.signing_date, rng.choice(("dot", "dot", "cn")))
    pen.text(t.left + 2, y + h - 4, f"签订日期：{signed}", size - 0.5)
    pen.text(mid + 2, y + h - 4, f"签订日期：{signed}", size - 0.5)
    spot = SealSpot(n, (t.left + 4 + name_w * rng.uniform(0.35, 0.65)) / pen.w_mm,
                    (y + 15 + rng.uniform(-3, 3)) / pen.h_mm, rng.uniform(40, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        mark = replace(mark, color=(rng.randint(230, 244), rng.randint(72, 98), rng.randint(30, 46)), ring=0.022,
                       inner=False, star=True)
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = y + h + 4
    sheet.finish()
    return spot


# ------------------------------------------------------------------ license_two_up_copy
def _raster(pdf: bytes, dpi: float) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / 72.0).to_pil().convert("RGB")
    finally:
        document.close()


def seal_marks(facts: LicenseFacts) -> list[tuple[int, str, str]]:
    """The registry's seal shows on both copies of the one sheet."""
    return [(1, facts.authority, "round"), (1, facts.authority, "round")]


def render_two_up(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """正本 and 副本 copied in grey onto one portrait A4 sheet: a picture-only PDF."""
    px = 200 / 25.4
    sheet = Image.new("L", (int(210 * px), int(297 * px)), 248)
    original = _raster(render_license(replace(facts, copy=False), rng, when=when), 200)
    duplicate = _raster(render_license(replace(facts, copy=True), rng, when=when), 200)
    top_w = rng.uniform(178, 186)
    top_h = top_w * 210 / 297
    low_h = 297 - top_h - rng.uniform(22, 30)
    low_w = low_h * 210 / 297
    y0 = rng.uniform(7, 11)
    for img, (w, h), (x, y), turn in ((original, (top_w, top_h), ((210 - top_w) / 2 + rng.uniform(-2, 2), y0),
                                       rng.uniform(-0.8, 0.8)),
                                      (duplicate, (low_w, low_h), ((210 - low_w) / 2 + rng.uniform(-8, 8),
                                                                   y0 + top_h + rng.uniform(6, 10)),
                                       rng.uniform(-1.2, 1.2))):
        grey = ImageOps.autocontrast(img.convert("L"), cutoff=1).point(lambda v: int(20 + v * 0.88))
        grey = grey.resize((int(w * px), int(h * px)), Image.Resampling.LANCZOS)
        mask = Image.new("L", grey.size, 255).rotate(turn, expand=True)
        sheet.paste(grey.rotate(turn, expand=True, fillcolor=248), (int(x * px), int(y * px)), mask)
    draw = ImageDraw.Draw(sheet)
    sx, sy = int(rng.uniform(6, 10) * px), int(rng.uniform(5, 8) * px)  # the staple's two holes and its shadow
    draw.line((sx, sy, sx + int(11 * px), sy + int(5 * px)), fill=120, width=max(2, int(0.5 * px)))
    arr = np.asarray(sheet, dtype=np.float32)
    for _ in range(rng.randint(40, 110)):  # toner specks
        x, y = rng.randrange(arr.shape[1] - 3), rng.randrange(arr.shape[0] - 3)
        arr[y : y + 3, x : x + 3] *= rng.uniform(0.2, 0.6)
    arr += np_rng(rng).normal(0, 2.5, arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").convert("RGB")
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Canon iR-ADV C3525", "RICOH MP 2014AD",
                                                                              "KONICA MINOLTA bizhub 287")))
    pen = Pen(canvas, facts.face, A4_PT)
    pen.image(out, 0, 0, pen.w_mm, pen.h_mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
