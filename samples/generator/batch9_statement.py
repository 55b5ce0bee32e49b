"""Ninth-batch bank-statement families (templates.py): a city commercial bank's 对账单 whose every entry takes two
lines, and a 账户交易明细清单 that opens its rows with the 摘要.

`statement_two_line_entries`: a city commercial bank's counter 对账单, always on portrait A4: the bank's name with a
对账单编号, the customer's facts in three lines between double rules (客户名称/账号/币种, 开户机构/对账期间, 打印日期/
上期结余), every entry on two lines (the date and time, 摘要, the signed amount, the balance with ¥ and the channel on
the first; the 对方户名 and 对方账号 under it, smaller), a hairline between entries, 客户名称 and 账号 over the rows of
later pages, 本期收入/本期支出 and 期末余额 after the last row, a round 业务专用章 on the last page only.
`statement_summary_first`: another bank's 账户交易明细清单 on the plan's page (landscape on most prints): the bank and
the title over a double-ruled box holding 户名 and 卡号 in large type, a line of 开户网点/币种/查询期间/期初余额 under
it, a fully ruled table whose columns run 摘要/交易日期/支出/存入/余额/对方户名/对方账号/交易地点, the box repeated
smaller over later pages, 第 X 页 共 Y 页 centred at every foot, 支出合计/存入合计/期末余额 after the rows and an oval
seal.
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

TWO_LINE = "statement_two_line_entries"
SUMMARY_FIRST = "statement_summary_first"
RULE = (0.2, 0.2, 0.2)
HAIR = (0.68, 0.68, 0.68)
PT = 0.3528  # mm per point


class TwoLineEntries(StatementPage):
    """对账单 with two-line entries on portrait A4: the entry's pitch is what the plan's pagination leaves."""

    TOP, HEAD, REPEAT, FOOT, SUMMARY = 10.0, 37.0, 8.0, 11.0, 30.0

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.left, self.right = max(self.left, 13.0), min(self.right, self.w - 13.0)
        self.number = f"DZ{facts.issue_date:%Y%m%d}{rng.randint(100000, 999999)}"
        self.amount_head = rng.choice(("交易金额", "发生额"))
        self.balance_head = rng.choice(("账户余额", "余额"))
        self.symbol = rng.choice(("¥", "¥", "CNY "))
        self.page_text = rng.choice(("第{i}页/共{n}页", "页次：{i}/{n}"))
        head_h = 2 * PT * (self.s.size + 0.4) * 1.25 + 1.8
        self.head_h = head_h
        pitches = []
        n = facts.pages_declared
        for p in range(1, n + 1):
            rows = len(facts.rows_on(p))
            room = self.h - self.TOP - (self.HEAD if p == 1 else self.REPEAT) - head_h - self.FOOT
            room -= self.SUMMARY if p == n else 0.0
            if rows:
                pitches.append(room / rows)
        self.pitch = min([*pitches, PT * (self.s.size + 0.4) * 2.6])
        self.f1 = min(self.s.size + 0.4, self.pitch / 0.78)
        self.f2 = self.f1 * 0.86
        # the first line's columns as shares of the width: 日期时间 | 摘要 | 金额 | 余额 | 渠道
        self.shares = (0.25, 0.18, 0.17, 0.2, 0.2)

    def _xs(self) -> list[float]:
        span = self.right - self.left
        xs = [self.left]
        for share in self.shares:
            xs.append(xs[-1] + span * share)
        return xs

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = self.TOP + 5
        pen.rect(self.left, y - 4.2, 5.2, 5.2, fill=f.bank.color)
        pen.rect(self.left + 1.3, y - 2.9, 2.6, 2.6, stroke=(1, 1, 1), width=0.8)
        pen.text(self.left + 7, y, f.bank.name, 12, bold=True, color=f.bank.color)
        pen.text(self.right, y, f"对账单编号：{self.number}", s.size, align="right", color=GREY)
        pen.text(self.w / 2, y + 10, s.title, 14.5, bold=True, align="center", spacing=1.0)
        top = y + 12.5
        pen.line(self.left, top, self.right, top, width=0.9, color=RULE)
        pen.line(self.left, top + 0.9, self.right, top + 0.9, width=0.3, color=RULE)
        size = s.size + 1.0
        step = size * 0.6
        period = f"{f.period_start.strftime(s.date_style)} 至 {f.period_end.strftime(s.date_style)}"
        third = (self.right - self.left) / 3
        lines = [[("客户名称", f.account_holder), ("账　　号", self.account_text()), ("币　　种", "人民币（CNY）")],
                 [("开户机构", f.branch), ("", ""), ("对账期间", period)],
                 [("打印日期", f.issue_date.strftime(s.date_style)), ("", ""),
                  ("上期结余", f"{self.symbol}{money(f.opening_balance, commas=s.commas)}")]]
        for r, line in enumerate(lines):
            yy = top + 5.5 + r * step
            for k, (label, value) in enumerate(line):
                if not label:
                    continue
                x = self.left + k * third
                room = (third * (2 if k == 0 and not line[1][0] else 1)) - 2
                lw = pen.text(x, yy, f"{label}：", size, color=GREY)
                face = self.holder_face if label == "客户名称" else None
                pen.text(x + lw, yy, value, size, face=face, max_width=room - lw)
        bottom = self.TOP + self.HEAD - 1.5
        pen.line(self.left, bottom, self.right, bottom, width=0.3, color=RULE)
        return self.TOP + self.HEAD

    def repeat_header(self) -> float:
        pen, s = self.pen, self.s
        y = self.TOP + 4
        x = self.left + pen.text(self.left, y, "客户名称：", s.size + 0.6, color=GREY)
        x += pen.text(x, y, self.f.account_holder, s.size + 0.6, face=self.holder_face)
        pen.text(x, y, f"　　账号：{self.account_text()}　　（续）", s.size + 0.6)
        return self.TOP + self.REPEAT

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        xs = self._xs()
        hh = self.head_h
        pen.rect(self.left, y, self.right - self.left, hh, fill=(0.93, 0.93, 0.93))
        heads = ("交易日期　交易时间", "摘要", self.amount_head, self.balance_head, "交易渠道")
        hs = s.size + 0.2
        for k, head in enumerate(heads):
            if k in (2, 3):
                pen.text(xs[k + 1] - 2, y + hh * 0.42, head, hs, bold=True, align="right")
            else:
                pen.text(xs[k] + 1.2, y + hh * 0.42, head, hs, bold=True)
        split = self.left + (self.right - self.left) * 0.6
        pen.text(self.left + 4, y + hh * 0.86, "对方户名", hs - 0.6, color=GREY)
        pen.text(split, y + hh * 0.86, "对方账号", hs - 0.6, color=GREY)
        y += hh
        pen.line(self.left, y, self.right, y, width=0.6, color=RULE)
        p = self.pitch
        for t in rows:
            b1, b2 = y + p * 0.42, y + p * 0.87
            stamp = f"{t.day.strftime(s.date_style)}  {t.time}"
            pen.text(xs[0] + 1.2, b1, stamp, self.f1, max_width=xs[1] - xs[0] - 2)
            pen.text(xs[1] + 1.2, b1, t.description, self.f1, max_width=xs[2] - xs[1] - 2)
            amount = money(t.amount, commas=s.commas, sign="+" if s.plus else "")
            pen.text(xs[3] - 2, b1, amount, self.f1, align="right", max_width=xs[3] - xs[2] - 3)
            pen.text(xs[4] - 2, b1, f"{self.symbol}{money(t.balance, commas=s.commas)}", self.f1, align="right",
                     max_width=xs[4] - xs[3] - 3)
            pen.text(xs[4] + 2, b1, t.channel, self.f1, max_width=xs[5] - xs[4] - 3)
            pen.text(self.left + 4, b2, t.counterparty, self.f2, color=(0.22, 0.22, 0.22),
                     max_width=split - self.left - 6)
            pen.text(split, b2, t.counter_account, self.f2, color=(0.22, 0.22, 0.22), max_width=self.right - split - 1)
            y += p
            pen.line(self.left, y, self.right, y, width=0.15, color=HAIR)
        pen.line(self.left, y, self.right, y, width=0.6, color=RULE)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - self.FOOT / 2
        pen.text(self.left, y, f"对账单编号：{self.number}", s.size - 0.2, color=GREY)
        pen.text(self.right, y, self.page_text.format(i=page, n=pages), s.size + 0.4, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        size = s.size + 0.8
        y += 6
        pen.text(self.left, y, f"本期收入：{len(credits)} 笔　合计 {self.symbol}{money(sum(credits, Decimal(0)), commas=s.commas)}"
                 f"　　本期支出：{len(debits)} 笔　合计 {self.symbol}{money(sum(debits, Decimal(0)), commas=s.commas)}",
                 size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.62, f"期末余额：{self.symbol}{money(f.closing_balance, commas=s.commas)}", size)
        pen.text(self.left, y + size * 1.24, "如对本对账单所列账务有疑问，请持本人有效身份证件至我行任一营业网点查询。",
                 s.size, color=GREY, max_width=self.right - self.left)
        return self.right - self.rng.uniform(28, 42), min(y + self.rng.uniform(9, 15), self.h - self.FOOT - 18)


class SummaryFirst(StatementPage):
    """账户交易明细清单: boxed 户名/卡号, 摘要 first, 支出 before 存入, 对方户名 after the balance, ruled grid."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.card_label = rng.choice(("卡　号", "卡号/账号", "账　号"))
        self.cols = [Column(rng.choice(("摘要", "交易摘要")), 1.15, "left", "description"),
                     Column("交易日期", 1.1, "left", "date"),
                     Column(rng.choice(("支出", "支出金额")), 1.25, "right", "debit"),
                     Column(rng.choice(("存入", "存入金额")), 1.25, "right", "credit"),
                     Column("余额", 1.35, "right", "balance"),
                     Column("对方户名", 2.4, "left", "counterparty"), Column("对方账号", 1.8, "left", "account"),
                     Column(rng.choice(("交易地点", "交易渠道")), 1.0, "left", "channel")]
        r, g, b = facts.bank.color
        self.tint = (0.88 + 0.1 * r, 0.88 + 0.1 * g, 0.88 + 0.1 * b)

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 5
        pen.text(self.left, y, f.bank.name, 11, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 1, s.title, 14, bold=True, align="center", spacing=0.8)
        pen.text(self.right, y, f"打印日期：{f.issue_date.strftime(s.date_style)}", s.size, align="right", color=GREY)
        top = y + 5
        box_h = min(12.0, s.header - 24)
        pen.rect(self.left, top, self.right - self.left, box_h, stroke=RULE, width=1.0)
        pen.rect(self.left + 0.9, top + 0.9, self.right - self.left - 1.8, box_h - 1.8, stroke=RULE, width=0.3)
        half = (self.right - self.left) / 2
        big = min(11.5, s.size + 3.2)
        base = top + box_h * 0.66
        lw = pen.text(self.left + 4, base, "户　名：", big, bold=True)
        pen.text(self.left + 4 + lw, base, f.account_holder, big, bold=True, face=self.holder_face,
                 max_width=half - lw - 8)
        lw = pen.text(self.left + half + 4, base, f"{self.card_label}：", big, bold=True)
        pen.text(self.left + half + 4 + lw, base, self.account_text(), big, bold=True, max_width=half - lw - 8)
        period = f"{f.period_start.strftime(s.date_style)} — {f.period_end.strftime(s.date_style)}"
        line = (f"开户网点：{f.branch}　　币种：人民币　　查询期间：{period}　　"
                f"期初余额：{money(f.opening_balance, commas=s.commas)}")
        pen.text(self.left, top + box_h + 6, line, s.size + 0.6, max_width=self.right - self.left)
        return s.top + s.header

    def repeat_header(self) -> float:
        s, pen = self.s, self.pen
        if s.repeat > 6:
            top = s.top + 1
            h = min(7.0, s.repeat - 3)
            pen.rect(self.left, top, (self.right - self.left) * 0.7, h, stroke=RULE, width=0.6)
            x = self.left + 2
            base = top + h * 0.7
            x += pen.text(x, base, "户名：", s.size + 0.6, bold=True)
            x += pen.text(x, base, self.f.account_holder, s.size + 0.6, bold=True, face=self.holder_face)
            pen.text(x, base, f"　　{self.card_label}：{self.account_text()}", s.size + 0.6, bold=True)
        return s.top + s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.4
        top = y
        pen.rect(self.left, y, self.right - self.left, head_h, fill=self.tint)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, col.title, s.size, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        pen.line(self.left, y, self.right, y, width=0.4, color=RULE)
        for k, t in enumerate(rows):
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                text = cell(t, col.key, first_index + k, s)
                tx = x + w - 1.5 if col.align == "right" else x + 1.0
                pen.text(tx, y + s.row * 0.72, text, s.size, align=col.align, max_width=w - 2.5)
                x += w
            y += s.row
            pen.line(self.left, y, self.right, y, width=0.15, color=HAIR)
        x = self.left
        for w in [0.0, *widths]:
            x += w
            pen.line(x, top, x, y, width=0.25, color=(0.45, 0.45, 0.45))
        pen.rect(self.left, top, self.right - self.left, y - top, stroke=RULE, width=0.6)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        pen.text(self.w / 2, self.h - s.foot / 2, f"第 {page} 页 共 {pages} 页", s.size + 0.5, align="center")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"支出合计：{money(debit, commas=s.commas)}　　存入合计：{money(credit, commas=s.commas)}"
                 f"　　期末余额：{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.64, "本清单所列交易以我行账务系统记录为准，加盖我行业务印章后有效。", s.size,
                 color=GREY)
        return self.left + (self.right - self.left) * self.rng.uniform(0.55, 0.75), y + self.rng.uniform(6, 12)


def two_line_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The city commercial bank's 对账单: portrait A4 whatever the plan's page, a round 业务专用章."""
    title = rng.choice(("客户交易对账单", "储蓄账户对账单", "个人结算账户对账单", "借记卡对账单"))
    return replace(style, landscape=False, title=title, plus=rng.random() < 0.5, commas=rng.random() < 0.7,
                   date_style=rng.choice(("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")), seal_shape="round",
                   seal_bottom="业务专用章")


def summary_first_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The 明细清单's titles, unsigned split amounts, an oval seal."""
    title = rng.choice(("账户交易明细清单", "借记卡交易明细清单", "活期账户交易明细清单"))
    return replace(style, title=title, plus=False, date_style=rng.choice(("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d")),
                   seal_shape="oval", seal_bottom=rng.choice(("业务专用章", "业务受理章")))


def _press_two_line(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(200, 230), rng.randint(22, 44), rng.randint(30, 50)),
                   ring=rng.choice((0.018, 0.025)), star=True, fade=rng.choice((0.0, 0.2)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(38, 42))


def _press_summary_first(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(196, 226), rng.randint(40, 70), rng.randint(36, 56)),
                   ring=rng.choice((0.03, 0.045)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 50))


PAGES = {TWO_LINE: TwoLineEntries, SUMMARY_FIRST: SummaryFirst}
SHAPES = {TWO_LINE: "round", SUMMARY_FIRST: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording, page and seal on top of the plan's print style."""
    return two_line_style(style, rng) if family == TWO_LINE else summary_first_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (_press_two_line if family == TWO_LINE else _press_summary_first)(facts, rng, pen, spot)
