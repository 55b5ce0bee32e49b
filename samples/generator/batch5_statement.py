"""Fifth-batch bank-statement family (templates.py): a foreign-facing bilingual 账户交易明细 / Account Statement.

Banks print it for visa and overseas-study applications: every heading in English and Chinese, the facts as a
two-column block (Account Name 账户名称 … / Account No. 账号 …), one signed amount column (CNY) between the
compact date (20260305) and the balance, the description last, and a small dark-red oval seal with a thin ring
pressed half off the right page edge of the last page.
"""

from __future__ import annotations

import random
from dataclasses import replace

from .family_kit import press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle
from .statement_pdf import GREY, Column, StatementPage

FAMILY = "statement_bilingual_signed"


class BilingualSigned(StatementPage):
    """English/Chinese headings, a two-column facts block, one signed CNY amount column, page n of N."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder="Account Name 账户名称", account=rng.choice(("Account No. 账号", "Card No. 卡号")))
        self.cols = [Column("Date 日期", 1.1, "left", "date"),
                     Column(rng.choice(("Amount (CNY) 金额", "Debit/Credit 发生额")), 1.5, "right", "amount"),
                     Column(rng.choice(("Balance 余额", "Available Bal. 可用余额")), 1.5, "right", "balance"),
                     Column(rng.choice(("Counterparty 对方户名", "Payer/Payee 对方名称")), 2.6, "left", "counterparty"),
                     Column("Description 摘要", 1.5, "left", "description")]
        if rng.random() < 0.5:  # some branches put the counterparty last
            self.cols.append(self.cols.pop(3))

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 5
        pen.text(self.left, y, f.bank.name, 11, bold=True, color=f.bank.color)
        pen.text(self.right, y, self.rng.choice(("Personal Banking 个人金融", "Retail Banking 零售业务")), 8, align="right",
                 color=GREY)
        pen.text(self.w / 2, y + 8, s.title, 13.5, bold=True, align="center")
        pen.line(self.left, y + 11, self.right, y + 11, width=0.8)
        size = s.size + 0.6
        period = f"{f.period_start.strftime(s.date_style)} - {f.period_end.strftime(s.date_style)}"
        left_col = [(self.labels["holder"], f.account_holder), (self.labels["account"], self.account_text()),
                    ("Currency 币种", "CNY 人民币")]
        right_col = [("Branch 开户网点", f.branch), ("Period 起止日期", period),
                     ("Opening Balance 期初余额", f"CNY {money(f.opening_balance, commas=s.commas)}")]
        half = (self.right - self.left) / 2
        step = (s.top + s.header - y - 16) / 3
        for k, ((l1, v1), (l2, v2)) in enumerate(zip(left_col, right_col, strict=True)):
            yy = y + 17 + k * step
            lw = pen.text(self.left, yy, f"{l1}：", size, color=GREY)
            pen.text(self.left + lw, yy, v1, size, face=self.holder_face if k == 0 else None, max_width=half - lw - 3)
            lw = pen.text(self.left + half, yy, f"{l2}：", size, color=GREY)
            pen.text(self.left + half + lw, yy, v2, size, max_width=half - lw)
        return s.top + s.header

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        pen.text(self.right, self.h - s.foot / 2, f"Page {page} of {pages}　第{page}页 共{pages}页", s.size, align="right")
        pen.text(self.left, self.h - s.foot / 2, f"Printed 打印日期：{self.f.issue_date.strftime(s.date_style)}", s.size,
                 color=GREY)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"Closing Balance 期末余额：CNY {money(f.closing_balance, commas=s.commas)}", size)
        pen.text(self.left, y + size * 0.6, "Positive amounts are credits, negative amounts are debits. 正数为存入，负数为支取。",
                 s.size, color=GREY)
        pen.text(self.left, y + size * 1.1, "This statement is valid with the bank's business seal. 本明细加盖业务专用章有效。",
                 s.size, color=GREY)
        # pressed at the right edge: part of the seal is off the page
        return self.w - self.rng.uniform(6, 12), min(y + self.rng.uniform(4, 10), self.h - s.foot - 14)


def style_for(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The bilingual print's wording: a bilingual title, compact or ISO dates, a signed amount (minus, some with +)."""
    title = rng.choice(("Account Statement 账户交易明细", "Statement of Account 对账单", "Transaction History 交易流水"))
    return replace(style, title=title, date_style=rng.choice(("%Y%m%d", "%Y%m%d", "%Y-%m-%d")), plus=rng.random() < 0.4,
                   commas=rng.random() < 0.7, seal_shape="oval", seal_bottom="业务专用章")


def press_seal(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A small dark-red oval seal with a thin ring."""
    mark = other_make(rng, facts.branch, shape="oval", bottom="业务专用章")
    mark = replace(mark, color=(rng.randint(150, 172), rng.randint(18, 34), rng.randint(26, 40)), ring=0.014)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(34, 38))
