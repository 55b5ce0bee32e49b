"""Typeset a 商品房买卖合同 as a PDF: cover, parties, price, clauses, appendices, signature page, 第X页 共Y页."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, ImageDraw

from . import fonts
from .contract import ContractFacts
from .contract_text import CHAPTERS, FITTINGS, NOTES, SERVICES, SUPPLEMENT
from .finance import cn_date, money
from .pdfkit import A4_PT, MM, Pen, new_canvas, png_seal
from .seal import make_style, render_seal


@dataclass(frozen=True)
class SealSpot:
    """Where a seal sits (or would sit): page, centre as fractions of the page, width in mm."""

    page: int
    fx: float
    fy: float
    width_mm: float


class Typesetter:
    """Flows paragraphs down A4 pages in millimetres."""

    def __init__(self, facts: ContractFacts, pen: Pen, rng: random.Random) -> None:
        self.f, self.pen, self.rng = facts, pen, rng
        self.s = facts.style
        self.left, self.right = self.s.margin, pen.w_mm - self.s.margin
        self.top, self.bottom = self.s.margin + 6, pen.h_mm - self.s.margin - 4
        self.line_h = self.s.size * self.s.leading / MM
        self.y = self.top

    def para(self, text: str, *, size: float | None = None, indent: bool = True, bold: bool = False) -> bool:
        """Set a paragraph from the current y; False (nothing drawn) when it does not fit the page."""
        size = size or self.s.size
        lines = self.pen.wrap(("\u3000\u3000" if indent else "") + text, size, self.right - self.left)
        line_h = size * self.s.leading / MM
        if self.y + line_h * len(lines) > self.bottom:
            return False
        for line in lines:
            self.y += line_h
            self.pen.text(self.left, self.y, line, size, bold=bold)
        self.y += line_h * 0.25
        return True

    def heading(self, text: str) -> bool:
        """A centred chapter heading."""
        if self.y + self.line_h * 2.2 > self.bottom:
            return False
        self.y += self.line_h * 1.4
        self.pen.text(self.pen.w_mm / 2, self.y, text, self.s.size + 1, bold=True, align="center")
        self.y += self.line_h * 0.5
        return True


def _cover(t: Typesetter) -> None:
    f, pen = t.f, t.pen
    pen.text(t.right, t.top + 8, f"合同编号：{f.number}", t.s.size, align="right")
    pen.text(pen.w_mm / 2, 95, "商品房买卖合同", 26, bold=True, align="center", spacing=2.5)
    pen.text(pen.w_mm / 2, 110, "（预售）" if f.style.presale else "（现售）", 16, align="center")
    y = 150.0
    for label, value in (("出卖人：", f.seller.name), ("买受人：", "、".join(b[0] for b in f.buyers))):
        w = pen.text(t.left + 25, y, label, 13)
        pen.text(t.left + 25 + w, y, value, 13, max_width=t.right - t.left - 30 - w)
        pen.line(t.left + 25 + w, y + 1.5, t.right - 5, y + 1.5, width=0.4)
        y += 14
    for k, line in enumerate(("中华人民共和国住房和城乡建设部", "中华人民共和国国家工商行政管理总局", "制定")):
        pen.text(pen.w_mm / 2, 232 + k * 8, line, 12, align="center")
    pen.text(pen.w_mm / 2, 262, "GF—2014—0171" if f.style.presale else "GF—2014—0172", 11, align="center")


def _parties(t: Typesetter) -> None:
    f = t.f
    t.heading("说　　明")
    for note in NOTES[: t.rng.randint(3, len(NOTES))]:
        t.para(note, size=t.s.size - 1)
    t.heading("合同当事人")
    seller = f.seller
    for line in (f"出卖人：{seller.name}", f"通讯地址：{seller.address}", f"统一社会信用代码：{seller.uscc}",
                 f"法定代表人：{seller.legal_rep}", f"联系电话：{seller.phone}"):
        t.para(line, indent=False)
    t.y += t.line_h * 0.6
    for name, number in f.buyers:
        for line in (f"买受人：{name}", "【国籍】中国　【证件类型】居民身份证", f"证件号码：{number}",
                     f"通讯地址：{f.buyer_address}", f"联系电话：{f.buyer_phone}"):
            t.para(line, indent=False)
        t.y += t.line_h * 0.4


def _price(t: Typesetter) -> None:
    f = t.f
    t.heading("第一章　合同订立依据")
    t.para("第一条　依据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》《城市房地产开发经营管理条例》等法律、法规的规定，"
           "出卖人和买受人在平等、自愿、公平、协商一致的基础上就商品房买卖事项达成如下协议。")
    t.heading("第二章　商品房基本状况")
    t.para(f"第二条　买受人购买的商品房位于{f.property_address}（以下简称该商品房），所在项目名称为{f.project}，"
           "房屋用途为住宅，房屋结构为钢筋混凝土结构。")
    t.para(f"第三条　该商品房合同约定建筑面积为{f.floor_area:.2f}平方米，其中套内建筑面积{f.inner_area:.2f}平方米，"
           f"分摊共有建筑面积{f.floor_area - f.inner_area:.2f}平方米。")
    t.heading("第三章　商品房价款")
    t.para(f"第四条　计价方式与价款。出卖人与买受人按照建筑面积计算该商品房价款，该商品房单价为每平方米人民币"
           f"{money(f.unit_price)}元，总价款为人民币{money(f.total_price)}元（大写：{f.price_words}）。")
    loan = f.total_price - f.down_payment
    t.para(f"第五条　付款方式及期限。买受人采取贷款方式付款：首期房价款人民币{money(f.down_payment)}元，于本合同签订当日支付；"
           f"余款人民币{money(loan)}元由买受人向贷款机构申请个人住房按揭贷款支付。")
    t.para("第六条　逾期付款责任。除不可抗力外，买受人未按照约定时间付款的，逾期在60日之内，自约定的应付款期限届满之次日起至"
           "实际支付应付款之日止，买受人按日计算向出卖人支付逾期应付款万分之五的违约金。")


def clause_pages(t: Typesetter, pages: int, new_page: Callable[[], None]) -> int:
    """Flow the chapters over at most `pages` pages (later articles drop); return the pages used."""
    f = t.f
    values = {"seller": f.seller.name, "city": f.seller.region.short_city, "project": f.project,
              "delivery": cn_date(f.delivery_date), "days": t.rng.choice((30, 60, 90)), "rate": t.rng.choice((3, 4, 5)),
              "grace": t.rng.choice((7, 10, 15)), "months": t.rng.choice((3, 6)), "pages": f.pages_declared,
              "court": f"{f.seller.region.district}人民法院"}
    used = 1
    for heading, articles in CHAPTERS:
        for k, text in enumerate([heading, *articles]):
            ok = t.heading(text) if k == 0 else t.para(text.format(**values))
            if not ok:
                if used == pages:
                    return used
                new_page()
                used += 1
                _ = t.heading(text) if k == 0 else t.para(text.format(**values))
    return used


def appendix(t: Typesetter, which: int) -> None:
    """One appendix page: floor plan, payment schedule, fittings, supplementary terms or property services."""
    f, pen = t.f, t.pen
    kind = which % 5
    if kind == 3:
        t.heading("附件四　补充协议")
        for text in SUPPLEMENT:
            t.para(text.format(seller=f.seller.name, delivery=cn_date(f.delivery_date)))
        return
    if kind == 4:
        t.heading("附件五　前期物业服务合同（摘要）")
        for text in SERVICES:
            t.para(text.format(project=f.project))
        return
    if kind == 0:
        t.heading("附件一　房屋平面图")
        x0, y0 = t.left + 15, t.y + 15
        w, h = t.right - t.left - 30, 110.0
        pen.rect(x0, y0, w, h, stroke=(0, 0, 0), width=1.6)
        split = t.rng.uniform(0.45, 0.6)
        pen.line(x0 + w * split, y0, x0 + w * split, y0 + h, width=1.2)
        pen.line(x0, y0 + h * 0.55, x0 + w * split, y0 + h * 0.55, width=1.2)
        pen.line(x0 + w * split, y0 + h * 0.4, x0 + w, y0 + h * 0.4, width=1.2)
        for name, fx, fy in (("客厅", 0.25, 0.3), ("卧室", 0.78, 0.2), ("主卧", 0.78, 0.72), ("厨房", 0.12, 0.8),
                             ("卫生间", 0.38, 0.8)):
            pen.text(x0 + w * fx, y0 + h * fy, name, 11, align="center")
        pen.text(pen.w_mm / 2, y0 + h + 12, f"建筑面积：{f.floor_area:.2f}平方米　套内建筑面积：{f.inner_area:.2f}平方米",
                 t.s.size, align="center")
        t.y = y0 + h + 20
    elif kind == 1:
        t.heading("附件二　付款方式和付款期限")
        loan = f.total_price - f.down_payment
        rows = (("款项", "金额（元）", "支付时间"), ("首期房价款", money(f.down_payment), cn_date(f.signing_date)),
                ("按揭贷款", money(loan), "贷款审批通过后由贷款机构支付"), ("合计", money(f.total_price), ""))
        ruled_table(t, rows, (0.25, 0.3, 0.45))
    else:
        t.heading("附件三　装饰装修及相关设备标准")
        ruled_table(t, (("部位", "标准"), *FITTINGS), (0.25, 0.75))


def ruled_table(t: Typesetter, rows: tuple[tuple[str, ...], ...], weights: tuple[float, ...]) -> None:
    """A ruled table from the current y (first row bold), with column widths as shares of the text width."""
    pen = t.pen
    width = t.right - t.left
    row_h = t.line_h * 1.5
    y = t.y + 6
    for r, row in enumerate(rows):
        x = t.left
        for text, wt in zip(row, weights, strict=True):
            pen.rect(x, y, width * wt, row_h, stroke=(0, 0, 0), width=0.5)
            pen.text(x + 2, y + row_h * 0.68, text, t.s.size, bold=r == 0, max_width=width * wt - 4)
            x += width * wt
        y += row_h
    t.y = y + 4


def signature(name: str, rng: random.Random) -> Image.Image:
    """A handwritten-looking signature: a slanted, uneven brush rendering of the name in blue-black ink."""
    fnt = fonts.font(rng.choice(("serif_bold", "sans_bold", "wqy")), 96)
    width = int(fnt.getlength(name)) + 80
    img = Image.new("L", (width, 150), 0)
    ImageDraw.Draw(img).text((30, 10), name, font=fnt, fill=255)
    shear = rng.uniform(0.15, 0.35)
    img = img.transform(img.size, Image.Transform.AFFINE, (1, shear, -shear * 60, 0, 1, 0), Image.Resampling.BICUBIC)
    img = img.rotate(rng.uniform(-6, 6), resample=Image.Resampling.BICUBIC, expand=True)
    ink = Image.new("RGBA", img.size, (rng.randint(10, 40), rng.randint(20, 50), rng.randint(80, 130), 0))
    ink.putalpha(img)
    return ink


def _sign_page(t: Typesetter, spot_out: list[SealSpot]) -> None:
    f, pen = t.f, t.pen
    t.para("（以下无正文）", indent=False)
    y = t.y + 25
    w = pen.text(t.left, y, "出卖人（签章）：", t.s.size + 1)
    pen.text(t.left + w, y, f.seller.name, t.s.size + 1)
    seal_x = t.left + w + pen.width(f.seller.name, t.s.size + 1) / 2 + t.rng.uniform(-10, 10)
    seal_y = y - t.rng.uniform(-6, 10)
    pen.text(t.left, y + 12, f"法定代表人：{f.seller.legal_rep}", t.s.size + 1)
    pen.text(t.left, y + 24, "委托代理人：", t.s.size + 1)
    y2 = y + 55
    w2 = pen.text(t.left, y2, "买受人（签章）：", t.s.size + 1)
    x = t.left + w2
    for name, _ in f.buyers:
        sig = signature(name, t.rng)
        height = 13.0
        width = sig.width / sig.height * height
        pen.image(sig, x, y2 - height * 0.75, width, height)
        x += width + 6
    pen.text(t.left, y2 + 20, f"签订时间：{cn_date(f.signing_date)}", t.s.size + 1)
    pen.text(t.left, y2 + 32, f"签订地点：{f.seller.region.short_city}市", t.s.size + 1)
    spot_out.append(SealSpot(f.pages_declared, seal_x / pen.w_mm, seal_y / pen.h_mm, t.rng.uniform(40, 42)))


def render_contract(facts: ContractFacts, rng: random.Random, *, when: datetime,
                    producer: str) -> tuple[bytes, SealSpot]:
    """The whole contract as PDF bytes, and where the seller's seal is (or, when pasted later, goes)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="商品房买卖合同")
    pen = Pen(canvas, facts.style.face, A4_PT)
    t = Typesetter(facts, pen, rng)
    n = facts.pages_declared
    page = [1]

    def finish_page() -> None:
        if facts.style.number_on_every_page and page[0] > 1:
            pen.text(t.right, facts.style.margin - 2, f"合同编号：{facts.number}", facts.style.size - 1.5, align="right")
        pen.text(pen.w_mm / 2, pen.h_mm - facts.style.margin / 2, facts.style.footer.format(i=page[0], n=n),
                 facts.style.size - 1, align="center")
        canvas.showPage()
        page[0] += 1
        t.y = t.top

    _cover(t)
    finish_page()
    _parties(t)
    finish_page()
    _price(t)
    finish_page()
    middle = n - 4
    text_pages = max(1, (middle + 1) // 2)
    used = clause_pages(t, text_pages, finish_page)
    finish_page()
    for k in range(middle - used):
        appendix(t, k)
        finish_page()
    spots: list[SealSpot] = []
    _sign_page(t, spots)
    spot = spots[0]
    if facts.sealed and not facts.pasted_seal:
        _press_seal(facts, rng, pen, spot)
    finish_page()
    canvas.save()
    return buffer.getvalue(), spot


def seller_seal(facts: ContractFacts, rng: random.Random, width_mm: float) -> Image.Image:
    """The developer's round seal (sometimes the 合同专用章) at about 300 dpi."""
    style = make_style(rng, facts.seller.name, bottom=rng.choice(("", "", "合同专用章")))
    return png_seal(render_seal(rng, style, int(width_mm * 11.8)))


def _press_seal(facts: ContractFacts, rng: random.Random, pen: Pen, spot: SealSpot) -> None:
    seal = seller_seal(facts, rng, spot.width_mm)
    size = spot.width_mm
    cx, cy = spot.fx * pen.w_mm, spot.fy * pen.h_mm
    pen.image(seal, cx - size / 2, cy - size / 2, size, size, multiply=True)
