"""Fifth-batch bank-statement families (templates.py): a bilingual 账户交易明细 / Account Statement and a counter
print of a 活期 account's passbook 明细.

Banks print it for visa and overseas-study applications: every heading in English and Chinese, the facts as a
two-column block (Account Name 账户名称 … / Account No. 账号 …), one signed amount column (CNY) between the
compact date (20260305) and the balance, the description last, and a small dark-red oval seal with a thin ring
pressed half off the right page edge of the last page. The passbook 明细 sets the facts as labels over values,
取出 before 存入 with ¥, unpadded 2026/3/5 dates, and a thick-ring orange-brown round seal over the closing lines.
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


PASSBOOK = "statement_passbook_detail"


class PassbookDetail(StatementPage):
    """A counter print of a 活期 account's 明细 (the passbook's rows on A4): facts as labels over values in a ruled
    two-row grid, 取出 before 存入 with ¥, 可用余额, unpadded 2026/3/5 dates, 共n页 第i页."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("户名", "客户名称")), account=rng.choice(("账号", "存折账号", "卡/折号")))
        self.cols = [Column("序号", 0.55, "right", "index"), Column("记账日", 1.0, "left", "short_date"),
                     Column(rng.choice(("摘要", "业务摘要")), 1.2, "left", "description"),
                     Column(rng.choice(("取出", "支取")), 1.35, "right", "debit_yen"),
                     Column(rng.choice(("存入", "存入金额")), 1.35, "right", "credit_yen"),
                     Column(rng.choice(("可用余额", "账户余额")), 1.4, "right", "balance"),
                     Column(rng.choice(("对方户名", "对方名称")), 2.4, "left", "counterparty"),
                     Column(rng.choice(("交易渠道", "交易地点")), 0.9, "left", "channel")]

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 6
        pen.text(self.left, y, f.bank.name, 11, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 6, s.title, 14, bold=True, align="center", spacing=1.0)
        top = y + 10
        cells = [[(self.labels["holder"], f.account_holder), (self.labels["account"], self.account_text()),
                  ("开户网点", f.branch)],
                 [("起止日期", f"{f.period_start.isoformat()} 至 {f.period_end.isoformat()}"), ("币种", "人民币（CNY）"),
                  ("期初余额", "¥" + money(f.opening_balance, commas=s.commas))]]
        shares = (0.24, 0.34, 0.42)
        row_h = (s.top + s.header - 2 - top) / 4
        size = s.size + 0.6
        for r, row in enumerate(cells):
            x = self.left
            for (label, value), share in zip(row, shares, strict=True):
                w = (self.right - self.left) * share
                y0 = top + r * 2 * row_h
                pen.rect(x, y0, w, row_h, stroke=(0.3, 0.3, 0.3), width=0.4, fill=(0.95, 0.93, 0.88))
                pen.rect(x, y0 + row_h, w, row_h, stroke=(0.3, 0.3, 0.3), width=0.4)
                pen.text(x + w / 2, y0 + row_h * 0.7, label, size - 0.4, align="center", color=GREY)
                face = self.holder_face if label == self.labels["holder"] else None
                pen.text(x + 1.5, y0 + row_h * 1.7, value, size, face=face, max_width=w - 3)
                x += w
        return s.top + s.header

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        pen.text(self.w / 2, self.h - s.foot / 2, f"共{pages}页　第{page}页", s.size + 0.3, align="center")
        pen.text(self.right, self.h - s.foot / 2, f"打印日期：{self.f.issue_date.isoformat()}", s.size, align="right",
                 color=GREY)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"截至{f.period_end.isoformat()}，账户余额：¥{money(f.closing_balance, commas=s.commas)}",
                 size)
        pen.text(self.left, y + size * 0.6, "经办：柜员　　复核：　　　　本明细经我行核对无误，加盖业务章有效。", s.size)
        # pressed over the printed lines, near the left
        return self.left + self.rng.uniform(35, 70), y + self.rng.uniform(0, 4)


def passbook_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The counter print's wording: 明细 titles, no plus signs, commas on most prints, a round seal."""
    title = rng.choice(("活期账户交易明细", "个人活期明细清单", "存折明细打印"))
    return replace(style, title=title, plus=False, commas=rng.random() < 0.7, seal_shape="round",
                   seal_bottom=rng.choice(("业务专用章", "业务受理专用章")))


def press_passbook_seal(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A thick-ring orange-brown round seal over the printed closing lines."""
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(176, 200), rng.randint(80, 100), rng.randint(36, 52)), ring=0.055)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(38, 42))
