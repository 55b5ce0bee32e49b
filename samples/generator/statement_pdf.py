"""Draw a bank statement as a born-digital PDF: header, transaction table, totals, page i/n, bank seal."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from .finance import money
from .pdfkit import MM, Pen, Typeface, new_canvas, png_seal
from .seal import make_style, render_seal
from .statement import StatementFacts, StatementStyle, Transaction

GREY = (0.35, 0.35, 0.35)


@dataclass(frozen=True)
class Column:
    """One table column: heading, relative width, alignment and how a row fills it."""

    title: str
    weight: float
    align: str
    key: str


def columns(style: StatementStyle, rng: random.Random) -> list[Column]:
    """The column set of this bank's print, with its own headings."""
    if style.columns == "split":
        return [Column(rng.choice(("交易日期", "日期")), 1.2, "left", "date"),
                Column("摘要", 1.3, "left", "description"),
                Column(rng.choice(("收入金额", "贷方发生额", "存入")), 1.3, "right", "credit"),
                Column(rng.choice(("支出金额", "借方发生额", "支取")), 1.3, "right", "debit"),
                Column(rng.choice(("余额", "账户余额")), 1.4, "right", "balance"),
                Column(rng.choice(("对方户名", "对方账户名称")), 2.6, "left", "counterparty"),
                Column(rng.choice(("对方账号", "对方账户")), 1.9, "left", "account")]
    if style.columns == "compact":
        return [Column("记账日期", 1.2, "left", "date"), Column("货币", 0.6, "left", "currency"),
                Column("交易金额", 1.4, "right", "amount"), Column("联机余额", 1.4, "right", "balance"),
                Column("交易摘要", 1.4, "left", "description"), Column("对手信息", 4.4, "left", "party")]
    return [Column("序号", 0.6, "right", "index"), Column(rng.choice(("交易日期", "交易时间")), 1.2, "left", "date"),
            Column(rng.choice(("摘要", "交易摘要", "交易类型")), 1.3, "left", "description"),
            Column(rng.choice(("交易金额", "发生额")), 1.4, "right", "amount"),
            Column(rng.choice(("账户余额", "余额", "本次余额")), 1.4, "right", "balance"),
            Column(rng.choice(("对方户名", "对方名称")), 2.5, "left", "counterparty"),
            Column(rng.choice(("对方账号", "对方卡号/账号")), 1.9, "left", "account"),
            Column(rng.choice(("交易渠道", "渠道")), 1.0, "left", "channel")]


def cell(t: Transaction, key: str, index: int, style: StatementStyle) -> str:
    """The text a column prints for one transaction."""
    amount = money(t.amount, commas=style.commas, sign="+" if style.plus else "")
    values = {
        "index": str(index), "date": t.day.strftime(style.date_style), "description": t.description,
        "datetime": f"{t.day.strftime(style.date_style)} {t.time}",
        "amount": amount, "balance": money(t.balance, commas=style.commas),
        "credit": money(t.amount, commas=style.commas) if t.amount > 0 else "",
        "debit": money(-t.amount, commas=style.commas) if t.amount < 0 else "",
        "counterparty": t.counterparty, "account": t.counter_account, "channel": t.channel, "currency": "人民币",
        "party": f"{t.counterparty} {t.counter_account}".strip(),
        "time": t.time, "voucher": f"{(index * 7919 + t.day.toordinal() * 31) % 10**8:08d}",
        "direction": "收入" if t.amount > 0 else "支出", "magnitude": money(abs(t.amount), commas=style.commas),
        "short_date": f"{t.day.year}/{t.day.month}/{t.day.day}",
        "credit_yen": "¥" + money(t.amount, commas=style.commas) if t.amount > 0 else "",
        "debit_yen": "¥" + money(-t.amount, commas=style.commas) if t.amount < 0 else "",
    }
    return values[key]


class StatementPage:
    """Drawing state for one statement: facts, style, pen, geometry."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        self.f, self.s, self.rng, self.pen = facts, facts.style, rng, pen
        self.holder_face = holder_face
        self.w, self.h = facts.style.page_mm
        self.left, self.right = self.s.margin, self.w - self.s.margin
        self.cols = columns(self.s, rng)
        self.labels = {
            "holder": rng.choice(("户名", "账户名称", "客户姓名", "户　名")),
            "account": rng.choice(("账号", "卡号", "账户", "卡号/账号")),
            "period": rng.choice(("起止日期", "查询期间", "交易期间", "查询起止日")),
            "printed": rng.choice(("打印日期", "打印时间", "制单日期")),
            "branch": rng.choice(("开户机构", "开户网点", "开户行")),
            "opening": rng.choice(("期初余额", "上期余额", "起始余额")),
        }
        self.split_number = rng.random() < 0.3
        self.footer_align = rng.choice(("center", "right"))
        self.summary_words = rng.random() < 0.5

    def account_text(self) -> str:
        number = self.f.account_number
        if self.split_number:
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        return number

    def header(self) -> float:
        """The first page's bank name, title and account block; return the y where the table starts."""
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 8
        pen.c.saveState()
        pen.c.setFillColorRGB(*f.bank.color)
        pen.c.circle((self.left + 4) * MM, (pen.h_mm - y + 2.5) * MM, 4 * MM, stroke=0, fill=1)
        pen.c.restoreState()
        pen.text(self.left + 10, y + 1, f.bank.name, 15, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 11, s.title, 14, bold=True, align="center")
        y += 20
        size = s.size + 1.2
        period = f"{f.period_start.strftime(s.date_style)} 至 {f.period_end.strftime(s.date_style)}"
        cells = [(self.labels["holder"], f.account_holder), (self.labels["account"], self.account_text()),
                 ("币种", "人民币"), (self.labels["period"], period),
                 (self.labels["branch"], f.branch), (self.labels["printed"], f.issue_date.strftime(s.date_style)),
                 (self.labels["opening"], money(f.opening_balance, commas=s.commas))]
        col_w = (self.right - self.left) / 2
        for i, (label, value) in enumerate(cells):
            x = self.left + (i % 2) * col_w
            yy = y + (i // 2) * size * 0.55
            lw = pen.text(x, yy, f"{label}：", size, color=GREY)
            face = self.holder_face if label == self.labels["holder"] else None
            pen.text(x + lw, yy, value, size, face=face, max_width=col_w - lw - 2)
        return s.top + s.header

    def repeat_header(self) -> float:
        """Later pages: the holder and account repeated above the table (or nothing)."""
        s, pen = self.s, self.pen
        if s.repeat > 6:
            y = s.top + 6
            lw = pen.text(self.left, y, f"{self.labels['holder']}：", s.size + 1, color=GREY)
            pen.text(self.left + lw, y, self.f.account_holder, s.size + 1, face=self.holder_face)
            lw2 = pen.text(self.w / 2, y, f"{self.labels['account']}：", s.size + 1, color=GREY)
            pen.text(self.w / 2 + lw2, y, self.account_text(), s.size + 1)
        return s.top + s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        """Column headings and rows; return the y below the last row."""
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.4
        pen.rect(self.left, y, self.right - self.left, head_h, fill=(0.88, 0.9, 0.93) if s.shade else (0.95, 0.95, 0.95))
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, col.title, s.size, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        for k, t in enumerate(rows):
            if s.shade and k % 2:
                pen.rect(self.left, y, self.right - self.left, s.row, fill=(0.95, 0.96, 0.97))
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                text = cell(t, col.key, first_index + k, s)
                tx = x + w - 1.8 if col.align == "right" else x + 1.2
                pen.text(tx, y + s.row * 0.72, text, s.size, align=col.align, max_width=w - 3.0)
                x += w
            y += s.row
            if s.grid or k == len(rows) - 1:
                pen.line(self.left, y, self.right, y, width=0.2, color=(0.6, 0.6, 0.6))
        if s.grid:
            x = self.left
            top = y - s.row * len(rows) - head_h
            for w in [0.0, *widths]:
                x += w
                pen.line(x, top, x, y, width=0.2, color=(0.6, 0.6, 0.6))
        return y

    def footer(self, page: int, pages: int) -> None:
        """The page number (i/n) at the bottom, with the bank's disclaimer on some prints."""
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        where = self.footer_align
        x = self.w / 2 if where == "center" else self.right
        pen.text(x, y, s.footer.format(i=page, n=pages), s.size + 0.5, align=where)

    def summary(self, y: float) -> tuple[float, float]:
        """Totals and closing balance under the table; return where the seal goes (x, y mm)."""
        s, pen, f = self.s, self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [t.amount for t in f.transactions if t.amount < 0]
        y += 7
        size = s.size + 1
        lines = [f"收入合计：{len(credits)} 笔，{money(sum(credits, Decimal(0)), commas=s.commas)} 元",
                 f"支出合计：{len(debits)} 笔，{money(-sum(debits, Decimal(0)), commas=s.commas)} 元",
                 f"期末余额：{money(f.closing_balance, commas=s.commas)} 元"]
        for line in lines:
            pen.text(self.left, y, line, size)
            y += size * 0.6
        note = self.rng.choice(("本明细仅供参考，如有疑问请以银行系统记录为准。", "本交易明细由我行系统自动生成，加盖业务章后有效。",
                                "以上信息仅供客户对账使用。"))
        pen.text(self.left, y + 2, note, s.size, color=GREY)
        return self.right - self.rng.uniform(40, 70), y - self.rng.uniform(4, 10)


def _seal(facts: StatementFacts, rng: random.Random, pen: Pen, at: tuple[float, float]) -> None:
    """Press the bank's oval or round business seal over the totals."""
    s = facts.style
    style = make_style(rng, facts.branch, bottom=s.seal_bottom, shape=s.seal_shape, star=rng.random() < 0.4)
    width_mm = rng.uniform(44, 50) if s.seal_shape == "oval" else rng.uniform(38, 42)
    seal = png_seal(render_seal(rng, style, int(width_mm * 11.8)))
    scale = width_mm / (seal.width / 11.8)
    w, h = seal.width / 11.8 * scale, seal.height / 11.8 * scale
    pen.image(seal, at[0] - w / 2, at[1] - h / 2, w, h, multiply=True)


def render_statement(facts: StatementFacts, rng: random.Random, *, when: datetime, producer: str,
                     holder_face: Typeface | None = None) -> bytes:
    """The whole statement as PDF bytes (every printed page; the delivery drops a missing one)."""
    return typeset_statement(facts, rng, when=when, producer=producer, holder_face=holder_face,
                             page_of=StatementPage, seal=lambda pen, spot: _seal(facts, rng, pen, spot))


def typeset_statement(facts: StatementFacts, rng: random.Random, *, when: datetime, producer: str,
                      holder_face: Typeface | None, page_of: Callable[..., Any],
                      seal: Callable[[Pen, tuple[float, float]], None]) -> bytes:
    """Every printed page of a statement laid out by ``page_of``'s page; ``seal`` presses the seal on the last."""
    buffer = io.BytesIO()
    w, h = facts.style.page_mm
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer=producer, title=facts.style.title)
    pen = Pen(canvas, facts.style.face, (w * MM, h * MM))
    page = page_of(facts, rng, pen, holder_face)
    n = facts.pages_declared
    index = 1
    for p in range(1, n + 1):
        y = page.header() if p == 1 else page.repeat_header()
        rows = facts.rows_on(p)
        y = page.table(y, rows, index)
        index += len(rows)
        if p == n:
            spot = page.summary(y)
            if facts.sealed:
                seal(pen, spot)
        page.footer(p, n)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def edited_face(face: Typeface) -> Typeface:
    """The face an editor substitutes when a name is retyped (another CJK font, slightly lighter ink)."""
    other = "droid" if face.cjk == "wqy" else "wqy"
    return replace(face, cjk=other, ink=(0.1, 0.1, 0.12))
