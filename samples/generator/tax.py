"""Individual income tax records (个人所得税纳税记录 / 税收完税证明): monthly table, totals, 验证码, seal."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from docproc.cn.amount_words import to_words

from .finance import add_months, cents, cn_date, money
from .pdfkit import A4_PT, Pen, Typeface, new_canvas, png_seal, random_typeface
from .seal import make_style, render_seal

TITLES = ("中华人民共和国个人所得税纳税记录", "中华人民共和国税收完税证明")


@dataclass(frozen=True)
class TaxRow:
    """One month's income item: period, item, income, tax, withholding agent, paid-in date."""

    period: date
    item: str
    income: Decimal
    tax: Decimal
    agent: str
    paid: date


@dataclass(frozen=True)
class TaxFacts:
    """Everything the tax record prints and whether the tax office sealed it."""

    name: str
    id_number: str
    rows: tuple[TaxRow, ...]
    period_start: date
    period_end: date
    issue_date: date
    verification_code: str
    serial: str
    authority: str
    title: str
    face: Typeface
    sealed: bool = True

    @property
    def total_income(self) -> Decimal:
        """Sum of the income column."""
        return sum((r.income for r in self.rows), Decimal("0.00"))

    @property
    def total_tax(self) -> Decimal:
        """Sum of the tax column."""
        return sum((r.tax for r in self.rows), Decimal("0.00"))

    def fields(self) -> dict[str, str]:
        """Canonical tax_certificate fields, normalised as SPEC §2 says."""
        return {"name": self.name, "id_number": self.id_number, "period_start": self.period_start.isoformat(),
                "period_end": self.period_end.isoformat(), "total_income": f"{self.total_income:.2f}",
                "total_tax": f"{self.total_tax:.2f}", "issue_date": self.issue_date.isoformat(),
                "verification_code": self.verification_code}


def fee_tax(gross: Decimal) -> Decimal:
    """Withholding on a service fee (劳务报酬): 800 or 20 % deducted, then 20/30/40 % brackets."""
    taxable = gross - 800 if gross <= 4000 else gross * Decimal("0.8")
    if taxable <= 20000:
        tax = taxable * Decimal("0.2")
    elif taxable <= 50000:
        tax = taxable * Decimal("0.3") - 2000
    else:
        tax = taxable * Decimal("0.4") - 7000
    return cents(max(tax, Decimal(0)))


def month_span(issue: date, months: int) -> tuple[date, date, list[date]]:
    """The months before the issue month: first day, last day and the month starts."""
    end_month = add_months(issue.replace(day=1), -1)
    starts = [add_months(end_month, -k) for k in range(months - 1, -1, -1)]
    return starts[0], add_months(end_month, 1) - timedelta(days=1), starts


def fee_schedule(rng: random.Random, issue: date, payers: list[str], *, months: int = 12) -> list[TaxRow]:
    """A freelancer's fees: one to three clients a month, gross amounts with the withholding."""
    _, _, starts = month_span(issue, months)
    rows = []
    for start in starts:
        for payer in rng.sample(payers, rng.randint(1, min(2, len(payers)))):
            gross = cents(rng.uniform(3500, 26000))
            rows.append(TaxRow(start, "劳务报酬所得", gross, fee_tax(gross), payer,
                               add_months(start, 1).replace(day=rng.randint(8, 15))))
    return rows


def business_schedule(rng: random.Random, issue: date, agent: str, monthly: Decimal, *,
                      months: int = 12) -> list[TaxRow]:
    """A self-employed owner's monthly business income (经营所得) with the assessed tax."""
    _, _, starts = month_span(issue, months)
    rate = Decimal(str(rng.choice((0.015, 0.02, 0.03, 0.05))))
    rows = []
    for start in starts:
        income = cents(float(monthly) * rng.uniform(0.7, 1.3))
        rows.append(TaxRow(start, "经营所得", income, cents(income * rate), agent,
                           add_months(start, 1).replace(day=rng.randint(10, 20))))
    return rows


def make_tax(rng: random.Random, *, name: str, id_number: str, rows: list[TaxRow], issue: date, authority: str,
             sealed: bool = True) -> TaxFacts:
    """The record's header facts around its rows."""
    start, end, _ = month_span(issue, len({r.period for r in rows}))
    code = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXY") for _ in range(rng.choice((16, 18, 20))))
    serial = f"（{issue.year}）{rng.choice('京沪粤浙苏川鄂陕鲁渝津宁云桂吉蒙湘闽辽')}个证{rng.randint(10_000_000, 99_999_999)}号"
    return TaxFacts(name, id_number, tuple(sorted(rows, key=lambda r: (r.period, r.agent))), start, end, issue, code,
                    serial, authority, rng.choice(TITLES), random_typeface(rng), sealed)


def render_tax(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The tax record as a one-page PDF with the tax office's seal over the issue block."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title=facts.title)
    pen = Pen(canvas, facts.face, A4_PT)
    margin = rng.uniform(14, 22)
    left, right = margin, pen.w_mm - margin
    y = rng.uniform(20, 30)
    pen.text(pen.w_mm / 2, y, facts.title, rng.uniform(15, 18), bold=True, align="center")
    y += 9
    pen.text(right, y, facts.serial, 9, align="right")
    y += 4
    info = (("纳税人名称", facts.name), ("纳税人识别号", facts.id_number), ("证件类型", "居民身份证"),
            ("开具日期", cn_date(facts.issue_date)), ("税款所属期", f"{facts.period_start:%Y-%m-%d} 至 {facts.period_end:%Y-%m-%d}"),
            ("税务机关", facts.authority))
    half = (right - left) / 2
    for k, (label, value) in enumerate(info):
        x = left + (k % 2) * half
        yy = y + (k // 2) * 8
        pen.rect(x, yy, half, 8, stroke=(0.3, 0.3, 0.3), width=0.4)
        lw = pen.text(x + 2, yy + 5.5, f"{label}：", 9, color=(0.3, 0.3, 0.3))
        pen.text(x + 2 + lw, yy + 5.5, value, 9.5, max_width=half - lw - 4)
    y += 8 * 3 + 6
    y = _rows(pen, facts, left, right, y, rng)
    y += 8
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"金额合计（大写）：{words}", 10)
    y += 10
    for line in pen.wrap(rng.choice((
            "说明：本记录仅证明纳税人在税务系统中申报及缴纳个人所得税的情况，不作为纳税人收入证明。",
            "说明：本证明根据纳税人申请开具，记载内容以税务系统记录为准，涂改无效。")), 9, right - left):
        pen.text(left, y, line, 9, color=(0.3, 0.3, 0.3))
        y += 5
    y += 3
    pen.text(left, y, f"验证码：{facts.verification_code}", 10)
    pen.text(left, y + 6, "可通过个人所得税APP或电子税务局对本记录进行验证。", 8.5, color=(0.35, 0.35, 0.35))
    sx, sy = right - rng.uniform(30, 45), y + rng.uniform(20, 30)
    pen.text(sx, sy, facts.authority, 10, align="center")
    pen.text(sx, sy + 7, cn_date(facts.issue_date), 10, align="center")
    if facts.sealed:
        style = make_style(rng, facts.authority, bottom=rng.choice(("征税专用章", "业务专用章")))
        width = rng.uniform(38, 42)
        seal = png_seal(render_seal(rng, style, int(width * 11.8)))
        pen.image(seal, sx - width / 2, sy - width / 2 + 2, width, width, multiply=True)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _rows(pen: Pen, facts: TaxFacts, left: float, right: float, y: float, rng: random.Random) -> float:
    """The monthly table with its header and totals; return the y below it."""
    cols = (("序号", 0.6), ("所得项目", 1.5), ("税款所属期", 1.3), ("入库日期", 1.3), ("收入额", 1.4),
            ("实缴（退）金额", 1.5), ("扣缴义务人", 3.2))
    total = sum(w for _, w in cols)
    widths = [(right - left) * w / total for _, w in cols]
    row_h = min(7.0, 150.0 / (len(facts.rows) + 2))
    size = min(9.0, row_h * 1.35)
    x = left
    for (title, _), w in zip(cols, widths, strict=True):
        pen.rect(x, y, w, row_h, fill=(0.92, 0.92, 0.92), stroke=(0.3, 0.3, 0.3), width=0.4)
        pen.text(x + w / 2, y + row_h * 0.7, title, size, bold=True, align="center", max_width=w - 1.5)
        x += w
    y += row_h
    period_fmt = rng.choice(("%Y-%m", "%Y年%m月", "%Y%m"))
    for i, r in enumerate(facts.rows, 1):
        cells = (str(i), r.item, r.period.strftime(period_fmt), r.paid.strftime("%Y-%m-%d"), money(r.income),
                 money(r.tax), r.agent)
        y = _row(pen, left, y, widths, cells, row_h, size)
    totals = ("合计", "", "", "", money(facts.total_income), money(facts.total_tax), "")
    return _row(pen, left, y, widths, totals, row_h, size)


def _row(pen: Pen, left: float, y: float, widths: list[float], cells: tuple[str, ...], row_h: float,
         size: float) -> float:
    x = left
    for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
        pen.rect(x, y, w, row_h, stroke=(0.3, 0.3, 0.3), width=0.3)
        right_aligned = k in (4, 5)
        pen.text(x + w - 1.5 if right_aligned else x + 1.5, y + row_h * 0.7, text, size,
                 align="right" if right_aligned else "left", max_width=w - 3)
        x += w
    return y + row_h

