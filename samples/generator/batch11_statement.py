"""Eleventh-batch bank-statement families (templates.py): an e-statement with a verification QR code and a slanted
use watermark on every page, and a counter print with 转入/转出 columns whose oval seal hangs off the page edge.

`statement_qr_watermark`: a bank's 电子交易流水 for a loan file: the bank's name and the title at the top left, a QR
code with 验真码 at the top right, the account facts as small grey labels over their values in a bordered box (户名/
账号/币种/开户行, 起止日期/期初余额/期末余额/生成时间), columns 交易日期 (20260305)/时间/收入/支出/余额/对方账号与户名
(the name, then the number, in one cell)/摘要, a pale diagonal 仅供…使用 watermark over every page, - i / n - and the
验真码 at the foot, a thin double-ring round 电子专用章 over the totals on the last page.
`statement_transfer_ledger`: a rural bank's counter 账户明细打印: 客户号 and 打印次数 over a ruled strip (户名/账号/
起止日期 with the dates as 2026年3月5日), columns 日期/凭证种类/凭证号/摘要/转入金额/转出金额/结余/对方信息,
页码 i/n with 经办/复核 at the foot, the totals as 转入合计/转出合计 with 上期结余/本期结余, and an orange-brown or
purple-red thick-ring oval 业务专用章 pressed at the right margin so part of it runs off the page.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from .batch10_records import _watermark as use_watermark
from .family_kit import date_text, press
from .finance import money
from .pdfkit import MM, Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import GREY, Column, StatementPage

QR_MARK = "statement_qr_watermark"
TRANSFER = "statement_transfer_ledger"
RULE = (0.25, 0.25, 0.25)
HAIR = (0.8, 0.8, 0.8)


def _qr(pen: Pen, x: float, y: float, size: float, payload: str) -> None:
    widget = QrCodeWidget(payload)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size * MM, size * MM, transform=[size * MM / (x1 - x0), 0, 0, size * MM / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pen.c, x * MM, (pen.h_mm - y - size) * MM)


class QrWatermark(StatementPage):
    """电子交易流水: QR and 验真码, labels-over-values facts box, combined counterparty cell, watermark."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16))
        self.mark = rng.choice(("仅供办理贷款使用", "仅限贷款审核使用", "仅供个人住房贷款使用"))
        self.cols = [Column("交易日期", 1.05, "left", "date"), Column("时间", 0.8, "left", "time"),
                     Column(rng.choice(("收入", "收入金额")), 1.15, "right", "credit"),
                     Column(rng.choice(("支出", "支出金额")), 1.15, "right", "debit"),
                     Column("余额", 1.25, "right", "balance"), Column("对方账号与户名", 3.2, "left", "party"),
                     Column("摘要", 1.05, "left", "description")]
        self.picture = use_watermark(f"{self.mark}　{self.f.issue_date:%Y%m%d}", self.w, self.h, rng)

    def _mark(self) -> None:
        self.pen.image(self.picture, 0, 0, self.w, self.h)

    def header(self) -> float:
        self._mark()
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 4
        pen.text(self.left, y, f.bank.name, 13, bold=True, color=f.bank.color)
        pen.text(self.left, y + 8, s.title, 14, bold=True)
        q = min(20.0, s.header - 10)
        _qr(pen, self.right - q, s.top - 3, q, f"https://verify.bank.example/{self.code}")
        pen.text(self.right - q - 2, s.top + q * 0.5, f"验真码：{self.code}", s.size, align="right", color=GREY)
        top = y + 12
        box_h = min(20.0, s.top + s.header - top - 2)
        pen.rect(self.left, top, self.right - self.left, box_h, stroke=RULE, width=0.5)
        cells = [[("户名", f.account_holder), ("账号", self.account_text()), ("币种", "人民币（CNY）"),
                  ("开户行", f.branch)],
                 [("起止日期", f"{f.period_start.strftime(s.date_style)}-{f.period_end.strftime(s.date_style)}"),
                  ("期初余额", money(f.opening_balance, commas=s.commas)),
                  ("期末余额", money(f.closing_balance, commas=s.commas)),
                  ("生成时间", f"{f.issue_date.strftime(s.date_style)} {self.rng.randint(8, 20):02d}:"
                               f"{self.rng.randint(0, 59):02d}")]]
        q4 = (self.right - self.left) / 4
        half = box_h / 2
        for r, row in enumerate(cells):
            for k, (label, value) in enumerate(row):
                x, yy = self.left + k * q4 + 2, top + r * half
                pen.text(x, yy + half * 0.38, label, s.size - 0.6, color=GREY)
                face = self.holder_face if label == "户名" else None
                pen.text(x, yy + half * 0.85, value, s.size + 0.6, face=face, max_width=q4 - 3)
        pen.line(self.left, top + half, self.right, top + half, width=0.2, color=HAIR)
        return s.top + s.header

    def repeat_header(self) -> float:
        self._mark()
        s, pen = self.s, self.pen
        if s.repeat > 6:
            pen.text(self.left, s.top + 5, f"{self.f.account_holder}　{self.account_text()}　{s.title}（续）",
                     s.size + 0.5, color=GREY)
        return s.top + s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.35
        pen.rect(self.left, y, self.right - self.left, head_h, fill=self.f.bank.color)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            tx = x + w - 1.5 if col.align == "right" else x + 1.2
            pen.text(tx, y + head_h * 0.68, col.title, s.size, bold=True, align=col.align, color=(1, 1, 1),
                     max_width=w - 2)
            x += w
        y += head_h
        for t in rows:
            values = {"date": t.day.strftime("%Y%m%d"), "time": t.time,
                      "credit": money(t.amount, commas=s.commas) if t.amount > 0 else "",
                      "debit": money(-t.amount, commas=s.commas) if t.amount < 0 else "",
                      "balance": money(t.balance, commas=s.commas), "description": t.description,
                      "party": f"{t.counterparty} {t.counter_account}".strip()}
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                tx = x + w - 1.5 if col.align == "right" else x + 1.2
                pen.text(tx, y + s.row * 0.7, values[col.key], s.size, align=col.align, max_width=w - 2.4)
                x += w
            y += s.row
            pen.line(self.left, y, self.right, y, width=0.15, color=HAIR)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.w / 2, y, f"- {page} / {pages} -", s.size + 0.4, align="center")
        pen.text(self.right, y, f"验真码：{self.code}", s.size - 0.5, align="right", color=GREY)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        y += 6
        size = s.size + 0.6
        pen.text(self.left, y, f"本期收入 {money(credit, commas=s.commas)}　本期支出 {money(debit, commas=s.commas)}　"
                 f"共 {len(f.transactions)} 笔", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.62, "说明：本流水由系统生成，可扫描右上角二维码或凭验真码在我行网站核验真伪。",
                 s.size - 0.3, color=GREY, max_width=self.right - self.left)
        return self.right - self.rng.uniform(28, 40), y - self.rng.uniform(0, 6)


class TransferLedger(StatementPage):
    """账户明细打印: 转入/转出 columns, 2026年3月5日 dates, 经办/复核 footer, oval seal off the right edge."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.cols = [Column("日期", 1.2, "left", "date"), Column("凭证种类", 0.8, "left", "kind"),
                     Column("凭证号", 0.95, "left", "voucher"), Column("摘要", 0.95, "left", "description"),
                     Column("转入金额", 1.2, "right", "credit"), Column("转出金额", 1.2, "right", "debit"),
                     Column("结余", 1.3, "right", "balance"), Column("对方信息", 3.0, "left", "party")]
        self.client = f"{rng.randint(10**9, 10**10 - 1)}"
        self.clerk = f"{rng.choice('ABCDEFGHJK')}{rng.randint(1000, 9999)}"

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 5
        pen.text(self.w / 2, y, f"{f.bank.name}　{s.title}", 13.5, bold=True, align="center")
        pen.text(self.left, y + 7, f"客户号：{self.client}", s.size, color=GREY)
        pen.text(self.right, y + 7, f"打印次数：{self.rng.randint(1, 3)}　单位：元", s.size, align="right", color=GREY)
        top = y + 10
        h = min(8.0, s.top + s.header - top - 2)
        period = f"{date_text(f.period_start, 'cn')}至{date_text(f.period_end, 'cn')}"
        cells = (("户名", f.account_holder, 0.22), ("账号", self.account_text(), 0.3), ("起止日期", period, 0.48))
        x = self.left
        span = self.right - self.left
        for label, value, share in cells:
            w = span * share
            lw = pen.width(label, s.size + 0.6) + 4
            pen.rect(x, top, lw, h, stroke=RULE, width=0.4, fill=(0.94, 0.94, 0.94))
            pen.rect(x + lw, top, w - lw, h, stroke=RULE, width=0.4)
            pen.text(x + 2, top + h * 0.66, label, s.size + 0.6)
            face = self.holder_face if label == "户名" else None
            pen.text(x + lw + 1.5, top + h * 0.66, value, s.size + 0.6, face=face, max_width=w - lw - 3)
            x += w
        if top + h + 5 < s.top + s.header:
            pen.text(self.left, top + h + 4.5, f"开户网点：{f.branch}　　打印日期：{date_text(f.issue_date, 'cn')}",
                     s.size, max_width=span)
        return s.top + s.header

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.3
        top = y
        pen.rect(self.left, y, self.right - self.left, head_h, stroke=RULE, width=0.5)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, col.title, s.size, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        for k, t in enumerate(rows):
            values = {"date": date_text(t.day, "cn"), "kind": "转账" if t.counter_account else "现金",
                      "voucher": f"{(first_index + k) * 7919 % 10**7:07d}", "description": t.description,
                      "credit": money(t.amount, commas=s.commas) if t.amount > 0 else "",
                      "debit": money(-t.amount, commas=s.commas) if t.amount < 0 else "",
                      "balance": money(t.balance, commas=s.commas),
                      "party": f"{t.counterparty}/{t.counter_account}" if t.counter_account else t.counterparty}
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                tx = x + w - 1.5 if col.align == "right" else x + 1.0
                pen.text(tx, y + s.row * 0.72, values[col.key], s.size - 0.2, align=col.align, max_width=w - 2.2)
                x += w
            y += s.row
        pen.rect(self.left, top, self.right - self.left, y - top, stroke=RULE, width=0.5)
        x = self.left
        for w in widths[:-1]:
            x += w
            pen.line(x, top, x, y, width=0.2, color=RULE)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, f"经办：{self.clerk}　　复核：　　　　授权：", s.size, color=GREY)
        pen.text(self.right, y, f"页码 {page}/{pages}", s.size + 0.4, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        y += 6
        size = s.size + 0.7
        pen.text(self.left, y, f"上期结余：{money(f.opening_balance, commas=s.commas)}　　转入合计："
                 f"{money(credit, commas=s.commas)}　　转出合计：{money(debit, commas=s.commas)}　　本期结余："
                 f"{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.65, "本明细加盖我行业务专用章有效，复印无效。", s.size, color=GREY)
        return self.w - self.rng.uniform(6, 14), y + self.rng.uniform(-4, 6)


def qr_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The e-statement's title, ISO or slashed period dates, a round e-seal."""
    return replace(style, title=rng.choice(("电子交易流水", "账户交易流水（电子版）", "个人账户电子流水")), plus=False,
                   date_style=rng.choice(("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")), commas=rng.random() < 0.75,
                   seal_shape="round", seal_bottom="电子专用章")


def transfer_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The counter print's title and an oval 业务专用章."""
    return replace(style, title=rng.choice(("账户明细打印", "活期账户明细", "账户交易明细表")), plus=False,
                   commas=rng.random() < 0.6, seal_shape="oval", seal_bottom="业务专用章")


def _press_qr(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(212, 236), rng.randint(24, 46), rng.randint(30, 50)), ring=0.018,
                   inner=True, star=True, fade=0.0, opacity=0.9)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(36, 40))


def _press_transfer(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    ink = rng.choice(((190, 88, 40), (176, 74, 36), (160, 40, 104)))
    mark = replace(mark, color=ink, ring=rng.choice((0.05, 0.065)), fade=rng.choice((0.0, 0.35)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 50))


PAGES = {QR_MARK: QrWatermark, TRANSFER: TransferLedger}
SHAPES = {QR_MARK: "round", TRANSFER: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording, dates and seal on top of the plan's print style (page and pitch stay the plan's)."""
    return qr_style(style, rng) if family == QR_MARK else transfer_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (_press_qr if family == QR_MARK else _press_transfer)(facts, rng, pen, spot)
