"""Business licences (营业执照): company or 个体工商户, USCC, term, QR code, frame and registration seal."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from docproc.cn.amount_words import to_words
from docproc.cn.uscc import CHARSET

from .card_art import emblem
from .companies import Company
from .finance import cn_date_padded
from .pdfkit import MM, Pen, Typeface, new_canvas, png_seal, random_typeface
from .seal import make_style, render_seal

COMPANY_KINDS = ("有限责任公司（自然人独资）", "有限责任公司（自然人投资或控股）", "其他有限责任公司")
SCOPES = (
    "技术开发、技术咨询、技术服务；软件开发；计算机系统服务；销售电子产品、计算机软硬件及辅助设备。",
    "销售日用品、服装、鞋帽、针纺织品、五金交电、文具用品；货物进出口；技术进出口。",
    "餐饮服务；食品经营（销售预包装食品）；烟草制品零售。",
    "建筑材料销售；装饰装修工程施工；园林绿化工程施工；室内装饰设计。",
    "企业管理咨询；市场营销策划；会议及展览服务；广告设计、代理、制作、发布。",
    "道路货物运输（不含危险货物）；仓储服务（不含危险化学品）；装卸搬运。",
)


@dataclass(frozen=True)
class LicenseFacts:
    """Everything the licence prints (capital and term are None for an individual business)."""

    company: Company
    individual: bool
    kind: str
    capital: Decimal | None
    established: date
    term_until: date | None
    has_term: bool
    scope: str
    authority: str
    registered: date
    uscc_printed: str
    face: Typeface
    copy: bool
    capital_style: int
    applied: date | None = None  # the application the licence was handed in for (a photo's day goes by it)

    def fields(self) -> dict[str, str]:
        """Canonical business_license fields as printed (a bad check character stays as printed)."""
        out = {"company_name": self.company.name, "uscc": self.uscc_printed,
               "legal_representative": self.company.legal_rep, "established_date": self.established.isoformat(),
               "address": self.company.address}
        if self.capital is not None:
            out["registered_capital"] = f"{self.capital:.2f}"
        if self.has_term:
            out["business_term_until"] = self.term_until.isoformat() if self.term_until else "长期"
        return out


def corrupt_uscc(rng: random.Random, code: str) -> str:
    """The code with a different (wrong) check character."""
    return code[:17] + rng.choice([c for c in CHARSET if c != code[17]])


def make_license(rng: random.Random, *, company: Company, individual: bool, applied: date, expired: bool = False,
                 bad_uscc: bool = False) -> LicenseFacts:
    """Draw the licence's kind, capital, dates and term (expired: the term ended 1–11 months ago)."""
    if expired:
        term_years = rng.choice((10, 15, 20))
        ended = applied - timedelta(days=rng.randint(30, 330))
        established = date(ended.year - term_years, ended.month, min(ended.day, 28))
        until: date | None = ended
    else:
        established = date(applied.year - rng.randint(2, 18), rng.randint(1, 12), rng.randint(1, 28))
        until = None if rng.random() < 0.6 else established.replace(year=established.year + rng.choice((20, 30, 50)))
        if until is not None and until <= applied:
            until = None
    registered = max(established, date(applied.year - rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28)))
    registered = min(registered, date(applied.year, applied.month, 1))
    capital = None if individual else Decimal(rng.choice((10, 30, 50, 100, 200, 300, 500, 1000)) * 10_000)
    printed = corrupt_uscc(rng, company.uscc) if bad_uscc else company.uscc
    district = company.region.district
    authority = f"{company.region.city}{district}市场监督管理局" if rng.random() < 0.7 else f"{company.region.city}市场监督管理局"
    return LicenseFacts(company, individual, "个体工商户" if individual else rng.choice(COMPANY_KINDS), capital,
                        established, until, not individual, rng.choice(SCOPES), authority, registered, printed,
                        random_typeface(rng), rng.random() < 0.6, rng.randint(0, 2), applied=applied)


def capital_text(facts: LicenseFacts) -> str:
    """The registered capital in the licence's own style (大写, 万元, or 万元人民币)."""
    assert facts.capital is not None
    wan = int(facts.capital / 10_000)
    return (f"人民币{to_words(facts.capital)}", f"{wan}万元", f"{wan}万元人民币")[facts.capital_style]


def _rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("名　　称", c.name), ("类　　型", "个体工商户"), ("经  营  者", c.legal_rep), ("组成形式", "个人经营"),
                ("注册日期", cn_date_padded(facts.established)), ("经营场所", c.address), ("经营范围", facts.scope)]
    term = "长期" if facts.term_until is None else cn_date_padded(facts.term_until)
    return [("名　　称", c.name), ("类　　型", facts.kind), ("法定代表人", c.legal_rep), ("经营范围", facts.scope),
            ("注册资本", capital_text(facts)), ("成立日期", cn_date_padded(facts.established)),
            ("营业期限", f"{cn_date_padded(facts.established)} 至 {term}"), ("住　　所", c.address)]


def _frame(pen: Pen, rng: random.Random) -> None:
    """The double decorative border and a faint background tint."""
    w, h = pen.w_mm, pen.h_mm
    tint = (rng.uniform(0.97, 1.0), rng.uniform(0.95, 0.98), rng.uniform(0.9, 0.95))
    pen.rect(0, 0, w, h, fill=tint)
    gold = (rng.uniform(0.65, 0.8), rng.uniform(0.45, 0.55), rng.uniform(0.2, 0.3))
    pen.rect(8, 8, w - 16, h - 16, stroke=gold, width=3.2)
    pen.rect(11, 11, w - 22, h - 22, stroke=gold, width=0.8)
    step = rng.uniform(5, 7)
    x = 12.0
    while x < w - 12:
        pen.line(x, 9.5, x + step / 2, 10.5, width=0.5, color=gold)
        pen.line(x, h - 9.5, x + step / 2, h - 10.5, width=0.5, color=gold)
        x += step


def qr_code(pen: Pen, rng: random.Random, x: float, y: float, size: float) -> None:
    """The public-registry QR code of a licence, top-left at (x, y) mm."""
    token = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    widget = QrCodeWidget(f"http://www.gsxt.gov.cn/index.html?uniscid={token}")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size * MM, size * MM, transform=[size * MM / (x1 - x0), 0, 0, size * MM / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pen.c, x * MM, (pen.h_mm - y - size) * MM)


def render_license(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The licence as a one-page PDF (landscape original or portrait copy) with the registration seal."""
    landscape = not facts.copy
    page = (297.0, 210.0) if landscape else (210.0, 297.0)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(page[0] * MM, page[1] * MM), when=when, producer="Canon iR-ADV C5535")
    pen = Pen(canvas, facts.face, (page[0] * MM, page[1] * MM))
    w, h = page
    _frame(pen, rng)
    mark = emblem(420)
    es = rng.uniform(24, 30)
    pen.image(mark, w / 2 - es / 2, 17, es, es)
    title_y = 17 + es + 17
    pen.text(w / 2, title_y, "营 业 执 照", rng.uniform(34, 40), bold=True, align="center", color=(0.05, 0.05, 0.05))
    if facts.copy:
        pen.text(w / 2, title_y + 10, "（副　本）", 14, align="center")
        pen.text(w - 22, 24, f"副本编号：{rng.randint(1, 3)}-1", 9, align="right")
    pen.text(22, title_y - 14, "统一社会信用代码", 11)
    pen.text(22, title_y - 7, facts.uscc_printed, 12.5, face=Typeface(facts.face.cjk, "lib_sans_bold"))
    qr = 27.0
    qr_code(pen, rng, w - 22 - qr, title_y - 26, qr)
    pen.text(w - 22 - qr / 2, title_y + 5, "扫描二维码登录“国家企业", 6.5, align="center")
    pen.text(w - 22 - qr / 2, title_y + 8.5, "信用信息公示系统”了解更多", 6.5, align="center")
    _fields(pen, facts, rng, y=title_y + (22 if facts.copy else 16), landscape=landscape)
    _registration(pen, facts, rng)
    pen.text(w / 2, h - 16, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 8.5, align="center")
    pen.text(w / 2, h - 12.5, "国家市场监督管理总局监制", 8, align="center")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fields(pen: Pen, facts: LicenseFacts, rng: random.Random, *, y: float, landscape: bool) -> None:
    rows = _rows(facts)
    size = rng.uniform(11.5, 13)
    line = size * 0.62
    if landscape:
        split = (len(rows) + 1) // 2
        columns = [(28.0, rows[:split]), (pen.w_mm / 2 + 8, rows[split:])]
        width = pen.w_mm / 2 - 42
    else:
        columns = [(28.0, rows)]
        width = pen.w_mm - 70
    for x, col in columns:
        yy = y
        for label, value in col:
            pen.text(x, yy, label, size, bold=True)
            lines = pen.wrap(value, size, width - 30)[:4]
            for k, text in enumerate(lines):
                pen.text(x + 30, yy + k * line, text, size)
            yy += line * max(1, len(lines)) + line * 0.7


def _registration(pen: Pen, facts: LicenseFacts, rng: random.Random) -> None:
    """登记机关, the date and the authority's round seal pressed over them."""
    x = pen.w_mm - rng.uniform(55, 70)
    y = pen.h_mm - rng.uniform(38, 46)
    pen.text(x - 20, y, "登记机关", 12, bold=True, align="right")
    d = facts.registered
    pen.text(x + 8, y + 9, f"{d.year}  年  {d.month:02d}  月  {d.day:02d}  日", 12, align="center")
    style = make_style(rng, facts.authority, bottom="")
    width = rng.uniform(40, 44)
    seal = png_seal(render_seal(rng, style, int(width * 11.8)))
    pen.image(seal, x + 8 - width / 2, y - width / 2 + 2, width, width, multiply=True)
