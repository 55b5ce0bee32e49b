"""Thirteenth-batch bank-statement family (templates.py): a branch's 分户账 print with page carries and wrapped rows.

`statement_wrapped_carry`: a branch's 客户分户账 / 账户明细对账单, on landscape A4 where the rows fit (portrait otherwise):
the bank and the title, a ruled facts strip (户名/账号/币种/开户机构/起止日期 as 20260101-20260331), columns 交易日期
(compact 20260305 with the clock time under it)/摘要 (the description, counterparty and account wrapped onto a second
line inside the row)/借方发生额/贷方发生额 (no signed amount column)/余额/交易机构/柜员; every page opens with a 承前页
line (期初余额 on page 1) and closes with a 本页合计 line (the page's debits and credits) and, but on the last page, a
过次页 line carrying the balance; 借方合计/贷方合计 with counts and 期末余额 after the last page's rows, 第 i 页/共 n 页
at every foot and a brown-red oval 业务专用章 over the totals.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from .family_kit import date_text, press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import GREY, StatementPage

WRAPPED = "statement_wrapped_carry"
RULE = (0.2, 0.2, 0.2)
PT = 0.3528  # mm per point
_HEAD, _REPEAT, _FOOT, _SUMMARY, _TOP = 40.0, 14.0, 12.0, 30.0, 10.0


def _pitch(facts: StatementFacts, height: float) -> float:
    """The row pitch (two lines per row) that fits every page's rows and its carry lines."""
    n = facts.pages_declared
    pitches = []
    for p in range(1, n + 1):
        rows = len(facts.rows_on(p))
        room = height - _TOP - (_HEAD if p == 1 else _REPEAT) - _FOOT - (_SUMMARY if p == n else 0.0)
        lines = 1.2 + 1.0 + (0.0 if p == n else 1.0) + 0.6  # headings, 承前页, 本页合计, 过次页
        pitches.append(room / (rows + lines * 0.55))
    return min([*pitches, 9.0])


class WrappedCarry(StatementPage):
    """分户账 print: compact dates over times, two-line 摘要, 借方/贷方 columns, 承前页/本页合计/过次页 lines."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.pitch = _pitch(facts, self.h)
        self.fs = min(8.2, self.pitch / (2 * PT * 1.22))
        self.carry_h = self.pitch * 0.55
        self.heads = ("交易日期", "摘要", "借方发生额", "贷方发生额", "余额", "交易机构", "柜员")
        self.weights = (1.0, 2.5, 1.25, 1.25, 1.3, 1.2, 0.7)
        self.teller = f"{rng.choice('ABCDEFGHJK')}{rng.randint(1000, 9999)}"
        self.balance = facts.opening_balance

    def _widths(self) -> list[float]:
        total = sum(self.weights)
        return [(self.right - self.left) * w / total for w in self.weights]

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = _TOP + 6
        pen.text(self.left, y, f.bank.name, 14, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 5, s.title, 15, bold=True, align="center", spacing=1.0)
        pen.text(self.right, y, f"打印日期：{date_text(f.issue_date, 'compact')}", 8, align="right", color=GREY)
        top = y + 10
        cells = (("户名", f.account_holder, 0.2), ("账号", self.account_text(), 0.24), ("币种", "人民币", 0.1),
                 ("开户机构", f.branch, 0.26),
                 ("起止日期", f"{date_text(f.period_start, 'compact')}-{date_text(f.period_end, 'compact')}", 0.2))
        x = self.left
        rh = 7.0
        for label, value, share in cells:
            cw = (self.right - self.left) * share
            lw = pen.width(label, 8.4) + 3
            pen.rect(x, top, lw, rh, stroke=RULE, width=0.35, fill=(0.93, 0.93, 0.93))
            pen.rect(x + lw, top, cw - lw, rh, stroke=RULE, width=0.35)
            pen.text(x + 1.5, top + 4.8, label, 8.4)
            pen.text(x + lw + 1.2, top + 4.8, value, 8.4, face=self.holder_face if label == "户名" else None,
                     max_width=cw - lw - 2.4)
            x += cw
        pen.text(self.left, top + rh + 5, "单位：人民币元", 7.6, color=GREY)
        return _TOP + _HEAD

    def repeat_header(self) -> float:
        self.pen.text(self.left, _TOP + 5, f"户名：{self.f.account_holder}　账号：{self.account_text()}　{self.s.title}",
                      8, color=GREY, face=self.holder_face)
        return _TOP + _REPEAT

    def _carry(self, y: float, label: str, debit: str, credit: str, balance: str) -> float:
        widths, pen, h = self._widths(), self.pen, self.carry_h
        pen.rect(self.left, y, self.right - self.left, h, fill=(0.95, 0.95, 0.95))
        pen.text(self.left + widths[0] + 1.2, y + h * 0.74, label, self.fs, bold=True)
        x = self.left + widths[0] + widths[1]
        for text, w in zip((debit, credit, balance), widths[2:5], strict=True):
            if text:
                pen.text(x + w - 1.5, y + h * 0.74, text, self.fs, bold=True, align="right", max_width=w - 2)
            x += w
        pen.line(self.left, y + h, self.right, y + h, width=0.25, color=RULE)
        return y + h

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen, fs = self.s, self.pen, self.fs
        widths = self._widths()
        head_h = self.pitch * 0.66
        pen.line(self.left, y, self.right, y, width=0.8, color=RULE)
        x = self.left
        for head, w in zip(self.heads, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.7, head, fs, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        pen.line(self.left, y, self.right, y, width=0.5, color=RULE)
        label = "期初余额" if first_index == 1 else "承前页"
        y = self._carry(y, label, "", "", money(self.balance, commas=s.commas))
        debit = credit = Decimal(0)
        line = self.pitch / 2
        for t in rows:
            party = f"　对方：{t.counterparty}" if t.counterparty else ""
            party += f"　账号：{t.counter_account}" if t.counter_account else ""
            details = pen.wrap(f"{t.description}{party}", fs, widths[1] - 2.4)
            if len(details) > 2:
                details = [details[0], "".join(details[1:])]
            values = ("", "", money(-t.amount, commas=s.commas) if t.amount < 0 else "",
                      money(t.amount, commas=s.commas) if t.amount > 0 else "", money(t.balance, commas=s.commas),
                      t.channel, self.teller)
            x = self.left
            for k, (text, w) in enumerate(zip(values, widths, strict=True)):
                if k == 0:
                    pen.text(x + 1, y + line * 0.82, date_text(t.day, "compact"), fs)
                    pen.text(x + 1, y + line * 1.78, t.time, fs - 0.8, color=GREY)
                elif k == 1:
                    for j, part in enumerate(details):
                        pen.text(x + 1.2, y + line * (0.82 + 0.96 * j), part, fs, max_width=w - 2.4)
                elif text:
                    right = 2 <= k <= 4
                    pen.text(x + w - 1.5 if right else x + 1, y + line * 0.82, text, fs,
                             align="right" if right else "left", max_width=w - 2)
                x += w
            y += self.pitch
            pen.line(self.left, y, self.right, y, width=0.15, color=(0.7, 0.7, 0.7))
            debit += -t.amount if t.amount < 0 else 0
            credit += t.amount if t.amount > 0 else 0
            self.balance = t.balance
        y = self._carry(y, "本页合计", money(debit, commas=s.commas), money(credit, commas=s.commas), "")
        if first_index - 1 + len(rows) < len(self.f.transactions):
            y = self._carry(y, "过次页", "", "", money(self.balance, commas=s.commas))
        pen.line(self.left, y, self.right, y, width=0.8, color=RULE)
        return y

    def footer(self, page: int, pages: int) -> None:
        pen = self.pen
        y = self.h - _FOOT / 2
        pen.text(self.w / 2, y, f"第 {page} 页/共 {pages} 页", 8.4, align="center")
        pen.text(self.right, y, f"柜员：{self.teller}", 7.4, align="right", color=GREY)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        y += 6
        pen.text(self.left, y, f"借方合计：{money(sum(debits, Decimal(0)), commas=s.commas)}（{len(debits)}笔）　"
                 f"贷方合计：{money(sum(credits, Decimal(0)), commas=s.commas)}（{len(credits)}笔）　"
                 f"期末余额：{money(f.closing_balance, commas=s.commas)}", 9, max_width=self.right - self.left)
        pen.text(self.left, y + 5.5, "本对账单经我行打印，加盖业务专用章有效；借方为支出，贷方为收入。", 7.8, color=GREY)
        return self.right - self.rng.uniform(30, 50), y + self.rng.uniform(0, 8)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Landscape where every page's two-line rows keep a 4.8 mm pitch (portrait otherwise), the 分户账 titles and an
    oval 业务专用章."""
    return replace(style, landscape=_pitch(facts, 210.0) >= 4.8, plus=False, commas=rng.random() < 0.75,
                   title=rng.choice(("客户分户账", "账户明细对账单", "活期存款分户账")), seal_shape="oval",
                   seal_bottom="业务专用章")


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A brown-red thick-ring oval 业务专用章."""
    del family
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=rng.choice(((176, 52, 40), (186, 60, 44), (164, 44, 38))), ring=0.05,
                   fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 48))


PAGES = {WRAPPED: WrappedCarry}
SHAPES = {WRAPPED: "oval"}
