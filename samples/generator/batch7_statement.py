"""Seventh-batch bank-statement families (templates.py): an app's 电子流水 with a summary block in its header, and a
Debit/Credit statement with English sub-headings under the Chinese ones.

`statement_app_liushui`: the 电子流水 a customer downloads from a big bank's app: a brand strip, the title with 流水号
and 防伪码 (and the 生成时间 it was made) on the right, the account facts in a two-column unruled block on the left (户名/账号/账户类型/开户网点/
起止日期/币种) and a shaded summary block on the right (期初余额/收入 N 笔/支出 N 笔/期末余额), then columns 记账日期/
交易时间/摘要/交易金额 (signed)/账户余额/对方户名/对方账号, a 第i页/共n页 line with the 流水号 on every page, and a crisp
thin-ring round 电子回单专用章 (or 电子专用章) on the last page.
`statement_debit_credit_en`: a branch's 账户对账单 in the Debit/Credit tradition (A4 landscape on most prints): the
facts in one ruled strip across the page (户名 | 账号 | 币种 | 起止日期 | 开户网点), two-line column headings with the
English under the Chinese (日期 Date/借方发生额 Debit/贷方发生额 Credit/余额 Balance/对方信息 Counterparty/附言
Remarks), 借方合计/贷方合计 after the rows, 打印柜员 and page n/N in the footer, a dark oval 业务专用章 with a wide ring.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from .family_kit import press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import GREY, Column, StatementPage, cell

LIUSHUI = "statement_app_liushui"
DEBIT_CREDIT = "statement_debit_credit_en"
RULE = (0.35, 0.35, 0.35)


class AppLiushui(StatementPage):
    """电子流水: facts left and a shaded summary block right in the header, 交易时间 in its own column."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("户名", "客户姓名", "账户名称")),
                           account=rng.choice(("账号", "卡号", "账户号码")))
        self.cols = [Column("记账日期", 1.1, "left", "date"), Column("交易时间", 0.85, "left", "time"),
                     Column(rng.choice(("摘要", "交易摘要")), 1.1, "left", "description"),
                     Column("交易金额", 1.3, "right", "amount"), Column("账户余额", 1.3, "right", "balance"),
                     Column("对方户名", 2.2, "left", "counterparty"), Column("对方账号", 1.8, "left", "account")]
        if rng.random() < 0.35:  # some exports put the counterparty before the amount
            self.cols = self.cols[:3] + self.cols[5:] + self.cols[3:5]
        self.serial = f"{facts.issue_date:%Y%m%d}{rng.randint(10**11, 10**12 - 1)}"
        self.code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10))
        self.kind = rng.choice(("借记卡", "I类账户", "活期储蓄"))

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top
        pen.rect(self.left, y, self.right - self.left, 1.6, fill=f.bank.color)
        y += 8
        pen.text(self.left, y, f.bank.name, 11, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 1, s.title, 14, bold=True, align="center")
        pen.text(self.right, y - 2, f"流水号：{self.serial}", s.size, align="right", color=GREY)
        pen.text(self.right, y + 2.5, f"防伪码：{self.code}", s.size, align="right", color=GREY)
        clock = int(self.serial[-6:])  # the export's time of day, from its serial: no draw, the stream stays
        made = f"{f.issue_date:%Y-%m-%d} {clock % 24:02d}:{clock // 24 % 60:02d}:{clock // 1440 % 60:02d}"
        pen.text(self.right, y + 6.3, f"生成时间：{made}", s.size, align="right", color=GREY)
        size = s.size + 0.8
        period = f"{f.period_start.strftime(s.date_style)} 至 {f.period_end.strftime(s.date_style)}"
        facts = [(self.labels["holder"], f.account_holder), (self.labels["account"], self.account_text()),
                 ("账户类型", self.kind), ("币种", "人民币"), ("开户网点", f.branch), ("起止日期", period)]
        block_w = (self.right - self.left) * 0.6
        top = y + 7
        step = (s.top + s.header - 3 - top) / 3
        for k, (label, value) in enumerate(facts):
            x = self.left + (k % 2) * block_w / 2
            yy = top + (k // 2) * step + step * 0.6
            lw = pen.text(x, yy, f"{label}：", size, color=GREY)
            face = self.holder_face if label == self.labels["holder"] else None
            pen.text(x + lw, yy, value, size, face=face, max_width=block_w / 2 - lw - 2)
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        sx = self.left + block_w + 4
        box_h = s.top + s.header - 3 - top
        pen.rect(sx, top, self.right - sx, box_h, fill=(0.94, 0.95, 0.97), stroke=(0.75, 0.78, 0.82), width=0.4)
        lines = [f"期初余额：{money(f.opening_balance, commas=s.commas)}",
                 f"收入：{len(credits)} 笔　{money(sum(credits, Decimal(0)), commas=s.commas)}",
                 f"支出：{len(debits)} 笔　{money(sum(debits, Decimal(0)), commas=s.commas)}",
                 f"期末余额：{money(f.closing_balance, commas=s.commas)}"]
        inner = box_h / len(lines)
        for k, line in enumerate(lines):
            pen.text(sx + 2.5, top + inner * (k + 0.68), line, size, max_width=self.right - sx - 5)
        return s.top + s.header

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, f"流水号：{self.serial}", s.size, color=GREY)
        pen.text(self.right, y, f"第{page}页/共{pages}页", s.size + 0.4, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen = self.s, self.pen
        y += 6
        notes = ("说明：交易金额为“-”表示支出，无符号表示收入。",
                 "本电子流水经数字签名并加盖电子印章，可通过手机银行“电子流水验真”凭防伪码查验；打印件与电子件内容一致时有效。")
        for k, note in enumerate(notes):
            pen.text(self.left, y + k * s.size * 0.62, note, s.size, color=GREY, max_width=self.right - self.left)
        return self.right - self.rng.uniform(24, 40), min(y + self.rng.uniform(4, 12), self.h - s.foot - 18)


def liushui_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The app export's wording: 电子流水 titles, ISO or slashed dates, signed amounts, a round e-seal."""
    title = rng.choice(("个人账户电子流水", "账户交易电子流水", "电子交易流水", "个人活期账户交易流水"))
    return replace(style, title=title, date_style=rng.choice(("%Y-%m-%d", "%Y/%m/%d")), plus=False,
                   commas=rng.random() < 0.65, seal_shape="round",
                   seal_bottom=rng.choice(("电子回单专用章", "电子专用章")))


def press_liushui_seal(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A crisp round e-seal with a thin ring, even ink."""
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(226, 244), rng.randint(14, 30), rng.randint(20, 36)), ring=0.016,
                   fade=0.0, opacity=0.95, star=True)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(36, 40))


class DebitCreditEn(StatementPage):
    """账户对账单: facts in one ruled strip, two-line Chinese/English headings, 借方/贷方 split, 附言 last."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("户名", "账户名称")), account="账号")
        self.cols = [Column("日期|Date", 1.0, "left", "date"), Column("借方发生额|Debit", 1.25, "right", "debit"),
                     Column("贷方发生额|Credit", 1.25, "right", "credit"), Column("余额|Balance", 1.35, "right", "balance"),
                     Column("对方信息|Counterparty", 3.4, "left", "party"),
                     Column(rng.choice(("附言|Remarks", "摘要/附言|Remarks")), 1.3, "left", "description")]
        self.teller = f"{rng.choice('ABCDGKT')}{rng.randint(100, 999)}{rng.randint(10, 99)}"
        self.lift = 0.0  # the two-line headings' extra height, taken from the header above

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        self.lift = s.row * 0.7
        y = s.top + 5
        pen.text(self.left, y, f.bank.name, 10.5, bold=True, color=f.bank.color)
        pen.text(self.right, y, f"打印日期 Print Date：{f.issue_date.strftime(s.date_style)}", s.size, align="right",
                 color=GREY)
        pen.text(self.w / 2, y + 8, s.title, 14, bold=True, align="center")
        pen.text(self.w / 2, y + 12.5, "Statement of Account", 8.5, align="center", color=GREY)
        period = f"{f.period_start.strftime(s.date_style)} - {f.period_end.strftime(s.date_style)}"
        cells = [(f"{self.labels['holder']} Name", f.account_holder, 0.2), ("账号 Account No.", self.account_text(), 0.24),
                 ("币种 Currency", "人民币 CNY", 0.12), ("起止日期 Period", period, 0.22),
                 ("开户网点 Branch", f.branch, 0.22)]
        top = y + 16
        h = max(9.0, s.top + s.header - self.lift - 2 - top)
        x = self.left
        size = s.size + 0.4
        for k, (label, value, share) in enumerate(cells):
            w = (self.right - self.left) * share
            pen.rect(x, top, w, h, stroke=RULE, width=0.4)
            pen.text(x + 1.5, top + h * 0.36, label, s.size - 0.3, color=GREY, max_width=w - 3)
            face = self.holder_face if k == 0 else None
            pen.text(x + 1.5, top + h * 0.8, value, size, face=face, max_width=w - 3)
            x += w
        return s.top + s.header - self.lift

    def repeat_header(self) -> float:
        s, pen = self.s, self.pen
        if s.repeat > 6:
            pen.text(self.left, s.top + 5, f"{self.labels['holder']} Name：{self.f.account_holder}　　账号 Account No.："
                     f"{self.account_text()}", s.size + 0.6, max_width=self.right - self.left)
        return s.top + s.repeat - self.lift

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.4 + self.lift
        pen.rect(self.left, y, self.right - self.left, head_h, fill=(0.9, 0.9, 0.9), stroke=RULE, width=0.4)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            cn, en = col.title.split("|")
            pen.text(x + w / 2, y + head_h * 0.42, cn, s.size, bold=True, align="center", max_width=w - 1)
            pen.text(x + w / 2, y + head_h * 0.85, en, s.size - 0.8, align="center", color=GREY, max_width=w - 1)
            x += w
        y += head_h
        top = y - head_h
        for k, t in enumerate(rows):
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                text = cell(t, col.key, first_index + k, s)
                tx = x + w - 1.5 if col.align == "right" else x + 1.0
                pen.text(tx, y + s.row * 0.72, text, s.size, align=col.align, max_width=w - 2.5)
                x += w
            y += s.row
            pen.line(self.left, y, self.right, y, width=0.15, color=(0.65, 0.65, 0.65))
        x = self.left
        for w in [0.0, *widths]:
            x += w
            pen.line(x, top, x, y, width=0.2, color=(0.55, 0.55, 0.55))
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, f"打印柜员 Teller：{self.teller}", s.size, color=GREY)
        pen.text(self.right, y, f"{page}/{pages}", s.size + 0.4, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"借方合计 Total Debit：{money(debit, commas=s.commas)}　　贷方合计 Total Credit："
                 f"{money(credit, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.62, f"期初余额 Opening：{money(f.opening_balance, commas=s.commas)}　　"
                 f"期末余额 Closing：{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 1.24, "本对账单加盖业务专用章有效 Valid with the bank's business seal.", s.size,
                 color=GREY)
        return self.left + self.rng.uniform(70, 110), y + self.rng.uniform(2, 8)


def debit_credit_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The Debit/Credit print on the plan's page (landscape on most prints): 对账单 titles, an oval seal."""
    title = rng.choice(("账户对账单", "客户账户对账单", "活期账户对账单"))
    return replace(style, title=title, plus=False, date_style=rng.choice(("%Y-%m-%d", "%Y%m%d", "%Y.%m.%d")),
                   seal_shape="oval", seal_bottom=rng.choice(("业务专用章", "对账专用章")))


def press_debit_credit_seal(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A dark-red oval seal with a wide ring."""
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(150, 176), rng.randint(16, 34), rng.randint(24, 44)),
                   ring=rng.choice((0.05, 0.06)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 50))


PAGES = {LIUSHUI: AppLiushui, DEBIT_CREDIT: DebitCreditEn}
SHAPES = {LIUSHUI: "round", DEBIT_CREDIT: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording and seal on top of the plan's print style."""
    return liushui_style(style, rng) if family == LIUSHUI else debit_credit_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (press_liushui_seal if family == LIUSHUI else press_debit_credit_seal)(facts, rng, pen, spot)
