"""Sixth-batch bank-statement families (templates.py): a debit card's 历史明细清单 with the account facts in every
page's footer, and a counter-printed 分户账 with 承前页/过次页 carry-forward rows.

`statement_history_footer` follows the big banks' 借记卡账户历史明细清单 print: a short title line on the first page
only (bank, title, 查询时间), the account facts (户名/卡号/起止日期) at the foot of every page under a rule with 第 i 页 /
共 n 页, a wide column set 交易日期/币种/钞汇/摘要/地区/收入/支出金额 (always signed, + and −)/余额/对方户名/对方帐号/渠道,
the opening and closing balance and the totals after the last row, and a round seal over them.
`statement_carry_forward` is a rural bank's / credit union's 分户账 as the counter prints it: 科目 and account lines in
the header, columns 日期 (2026.03.05)/摘要/凭证号/借方发生额/贷方发生额/借或贷/余额/对方户名, a 期初余额 row opening the
first page, a 承前页 row opening every later page (the balance brought forward) and a 过次页 row closing every page
but the last (the page's debits, credits and balance), 会计主管/复核/记账 in the footer, a brown oval 业务专用章.
The carry rows are not transactions: the truth lists only the transactions.
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

HISTORY = "statement_history_footer"
CARRY = "statement_carry_forward"
RULE = (0.3, 0.3, 0.3)


def _area(branch: str) -> str:
    """The four-digit 地区 code the print gives every row (the branch's area, fixed per account)."""
    return f"{sum(ord(c) for c in branch) % 9000 + 1000:04d}"


class HistoryFooter(StatementPage):
    """历史明细清单: title line on page 1 only, account facts in every footer, wide signed column set."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("户名", "户　名", "客户姓名")),
                           account=rng.choice(("卡号", "卡号/帐号", "帐号")))
        self.area = _area(facts.branch)
        self.cols = [Column("交易日期", 1.1, "left", "date"), Column("币种", 0.6, "left", "currency"),
                     Column("钞汇", 0.45, "left", "cash"), Column(rng.choice(("摘要", "交易摘要")), 1.1, "left", "description"),
                     Column("地区", 0.55, "left", "area"), Column("收入/支出金额", 1.4, "right", "amount"),
                     Column(rng.choice(("余额", "账户余额")), 1.35, "right", "balance"),
                     Column(rng.choice(("对方户名", "对方户名/商户")), 2.2, "left", "counterparty"),
                     Column(rng.choice(("对方帐号", "对方卡号/帐号")), 1.6, "left", "account"),
                     Column("渠道", 0.8, "left", "channel")]
        self.stamp = f"{rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 6
        pen.text(self.left, y, f.bank.name, 10.5, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 9, s.title, 14.5, bold=True, align="center")
        pen.text(self.right, y + 16, f"查询时间：{f.issue_date.strftime(s.date_style)} {self.stamp}", s.size,
                 align="right", color=GREY)
        pen.text(self.left, y + 16, f"开户网点：{f.branch}", s.size, color=GREY, max_width=(self.right - self.left) * 0.55)
        return s.top + s.header

    def repeat_header(self) -> float:
        return self.s.top + self.s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        # the generic table, with this print's own cells (币种/钞汇/地区, an always-signed amount)
        s = self.s
        signed = replace(s, plus=True)
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.4
        pen = self.pen
        pen.rect(self.left, y, self.right - self.left, head_h, fill=(0.9, 0.9, 0.9), stroke=RULE, width=0.3)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, col.title, s.size, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        for k, t in enumerate(rows):
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                text = {"cash": "钞", "area": self.area}.get(col.key) or cell(t, col.key, first_index + k, signed)
                tx = x + w - 1.5 if col.align == "right" else x + 1.0
                pen.text(tx, y + s.row * 0.72, text, s.size, align=col.align, max_width=w - 2.5)
                x += w
            y += s.row
            pen.line(self.left, y, self.right, y, width=0.15, color=(0.7, 0.7, 0.7))
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen, f = self.s, self.pen, self.f
        y = self.h - s.foot + 3
        pen.line(self.left, y, self.right, y, width=0.5, color=RULE)
        period = f"{f.period_start.strftime(s.date_style)} 至 {f.period_end.strftime(s.date_style)}"
        lw = pen.text(self.left, y + 4.5, f"{self.labels['holder']}：", s.size + 0.2, color=GREY)
        pen.text(self.left + lw, y + 4.5, f.account_holder, s.size + 0.2, face=self.holder_face)
        pen.text(self.left + (self.right - self.left) * 0.25, y + 4.5, f"{self.labels['account']}：{self.account_text()}",
                 s.size + 0.2)
        pen.text(self.left, y + 8.5, f"起止日期：{period}　　币种：人民币", s.size, color=GREY)
        pen.text(self.right, y + 4.5, f"第 {page} 页 / 共 {pages} 页", s.size + 0.3, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        debits = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        y += 6
        size = s.size + 0.8
        lines = (f"起始余额：{money(f.opening_balance, commas=s.commas)}　　截止余额：{money(f.closing_balance, commas=s.commas)}",
                 f"收入合计：+{money(credits, commas=s.commas)}　　支出合计：-{money(debits, commas=s.commas)}",
                 "注：收入/支出金额中“+”为收入，“-”为支出。本清单仅反映查询期间的账户交易情况。")
        for k, line in enumerate(lines):
            pen.text(self.left, y + k * size * 0.62, line, size if k < 2 else s.size, color=None if k < 2 else GREY,
                     max_width=self.right - self.left)
        return self.left + self.rng.uniform(60, 95), y + self.rng.uniform(0, 6)


def history_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The 历史明细清单's wording: its titles, ISO or compact dates, a round seal."""
    title = rng.choice(("借记卡账户历史明细清单", "账户历史明细清单", "个人账户历史交易明细清单"))
    return replace(style, title=title, date_style=rng.choice(("%Y-%m-%d", "%Y%m%d")), plus=True,
                   seal_shape="round", seal_bottom=rng.choice(("业务专用章", "电子业务专用章")))


def press_history_seal(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A large round red seal with a thin ring pressed over the balances and totals."""
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(205, 230), rng.randint(20, 44), rng.randint(30, 50)), ring=0.02,
                   star=True)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(42, 46))


class CarryForward(StatementPage):
    """分户账: 期初余额 / 承前页 rows opening each page, 过次页 rows closing each page but the last, 借或贷 column."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("户名", "账户名称")), account=rng.choice(("账号", "分户账号")))
        self.cols = [Column("日期", 1.05, "left", "dot_date"), Column("摘要", 1.2, "left", "description"),
                     Column(rng.choice(("凭证号", "凭证号码")), 1.0, "left", "voucher"),
                     Column(rng.choice(("借方发生额", "借方金额")), 1.3, "right", "debit"),
                     Column(rng.choice(("贷方发生额", "贷方金额")), 1.3, "right", "credit"),
                     Column("借或贷", 0.5, "left", "side"), Column("余额", 1.35, "right", "balance"),
                     Column(rng.choice(("对方户名", "对方单位/户名")), 2.2, "left", "counterparty")]
        self.page = 0
        self.director = rng.choice(("", "王", "李", "陈"))

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 6
        pen.text(self.w / 2, y, f.bank.name, 11, align="center", color=GREY)
        pen.text(self.w / 2, y + 8, s.title, 16, bold=True, align="center", spacing=2.0)
        pen.line(self.w / 2 - 28, y + 10, self.w / 2 + 28, y + 10, width=0.6)
        pen.line(self.w / 2 - 28, y + 11, self.w / 2 + 28, y + 11, width=0.6)
        size = s.size + 0.9
        half = (self.right - self.left) / 2
        lines = [((f"{self.labels['holder']}：", f.account_holder), (f"{self.labels['account']}：", self.account_text())),
                 (("科目：", self.rng.choice(("个人活期储蓄存款", "活期储蓄存款", "个人结算账户"))), ("币种：", "人民币（元）")),
                 (("开户机构：", f.branch),
                  ("记账期间：", f"{f.period_start.strftime('%Y.%m.%d')}—{f.period_end.strftime('%Y.%m.%d')}")),
                 (("打印日期：", f.issue_date.strftime("%Y.%m.%d")), ("", ""))]
        step = (s.top + s.header - y - 17) / len(lines)
        for k, pair in enumerate(lines):
            for j, (label, value) in enumerate(pair):
                if not label:
                    continue
                x, yy = self.left + j * half, y + 18 + k * step
                lw = pen.text(x, yy, label, size, color=GREY)
                face = self.holder_face if label.startswith(self.labels["holder"]) else None
                pen.text(x + lw, yy, value, size, face=face, max_width=half - lw - 3)
        return s.top + s.header

    def _row(self, y: float, widths: list[float], cells: list[str], row: float, size: float, *, bold: bool) -> float:
        pen, x = self.pen, self.left
        for col, w, text in zip(self.cols, widths, cells, strict=True):
            tx = x + w - 1.5 if col.align == "right" else x + 1.0
            pen.text(tx, y + row * 0.72, text, size, align=col.align, max_width=w - 2.5, bold=bold)
            x += w
        y += row
        pen.line(self.left, y, self.right, y, width=0.2, color=(0.55, 0.55, 0.55))
        return y

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen, f = self.s, self.pen, self.f
        self.page += 1
        last = self.page == f.pages_declared
        # two more rows than the plan's page holds (the carry rows): the rows are set a little closer
        cap = s.capacity(first=self.page == 1)
        row = s.row * cap / (cap + 2)
        size = s.size * min(1.0, (cap + 1) / (cap + 2) + 0.02)
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.4
        top = y
        pen.rect(self.left, y, self.right - self.left, head_h, fill=(0.93, 0.91, 0.86))
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, col.title, size, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        before = f.transactions[first_index - 2].balance if first_index > 1 else f.opening_balance
        first_day = (rows[0].day if rows else f.period_end).strftime("%Y.%m.%d")
        opening = "期初余额" if self.page == 1 else "承前页"
        day = f.period_start.strftime("%Y.%m.%d") if self.page == 1 else first_day
        y = self._row(y, widths, [day, opening, "", "", "", "贷", money(before, commas=s.commas), ""], row, size,
                      bold=False)
        for k, t in enumerate(rows):
            values = {"dot_date": t.day.strftime("%Y.%m.%d"), "side": "贷"}
            cells = [values.get(c.key) or cell(t, c.key, first_index + k, s) for c in self.cols]
            y = self._row(y, widths, cells, row, size, bold=False)
        if not last:
            debit = sum((-t.amount for t in rows if t.amount < 0), Decimal(0))
            credit = sum((t.amount for t in rows if t.amount > 0), Decimal(0))
            after = rows[-1].balance if rows else before
            end_day = (rows[-1].day if rows else f.period_end).strftime("%Y.%m.%d")
            y = self._row(y, widths, [end_day, "过次页", "", money(debit, commas=s.commas), money(credit, commas=s.commas),
                                      "贷", money(after, commas=s.commas), ""], row, size, bold=False)
        x = self.left
        for w in [0.0, *widths]:
            x += w
            pen.line(x, top, x, y, width=0.2, color=(0.55, 0.55, 0.55))
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, f"会计主管：{self.director}　　复核：　　　　记账：", s.size + 0.3, color=GREY)
        pen.text(self.right, y, f"第{page}页　共{pages}页", s.size + 0.3, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"本期借方发生额合计：{money(debit, commas=s.commas)}　　本期贷方发生额合计："
                 f"{money(credit, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.62, f"期末余额：贷 {money(f.closing_balance, commas=s.commas)}", size)
        pen.text(self.left, y + size * 1.24, "（借方为支出，贷方为存入；余额方向“贷”表示存款余额。）", s.size, color=GREY)
        return self.right - self.rng.uniform(30, 48), y + self.rng.uniform(2, 8)


def carry_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The 分户账's wording: ledger titles, no plus signs, grid always ruled, an oval seal."""
    title = rng.choice(("分户账", "存款分户账", "活期储蓄分户账", "个人存款分户账明细"))
    return replace(style, title=title, plus=False, seal_shape="oval",
                   seal_bottom=rng.choice(("业务专用章", "会计业务专用章")))


def press_carry_seal(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A brown oval seal with a thick ring over the closing lines."""
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(160, 184), rng.randint(64, 86), rng.randint(34, 50)), ring=0.045)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 50))


PAGES = {HISTORY: HistoryFooter, CARRY: CarryForward}
SHAPES = {HISTORY: "round", CARRY: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording and seal on top of the plan's print style."""
    return history_style(style, rng) if family == HISTORY else carry_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (press_history_seal if family == HISTORY else press_carry_seal)(facts, rng, pen, spot)
