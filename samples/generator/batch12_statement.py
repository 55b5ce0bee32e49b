"""Twelfth-batch bank-statement families (templates.py): a mobile bank's 收支明细 long screenshot printed across A4
pages by the branch, and a counter 对账单 with the account facts in a side box, day-first dates and trailing minus signs.

`statement_app_month_groups`: the branch's 交易明细证明 header (bank and title, 户名/账号/币种, 查询期间/打印日期/开户网点
and 期初余额) over a phone-width screenshot: a status bar, the ‹ 收支明细 nav bar, an account card with the card's last
four digits; the transactions grouped by month under grey month bars (2026年03月 支出 ¥… 收入 ¥…), each a two-line
card — the counterparty (or 摘要) with the signed amount on the first line, the day as 03月05日 with the clock time
and 摘要, and 余额 on the second; the year shows only in the month bars. — 已显示全部 — and the branch's totals with
期末余额 after the last card, 第i页/共n页 under every page, a round vermilion-orange 业务专用章 on the last page.
`statement_sidebar_minus`: a counter 对账单: the bank and the title at the top left, the account facts in a ruled box
at the top right (户名/账号/币种/开户网点/对账期间/期初余额), columns 记账日期 (05/03/2026, day first)/摘要/交易金额
(debits with a trailing minus, 1,234.00-)/余额/对方户名/对方账号/流水号, 收入合计/支出合计 (trailing minus)/期末余额
after the rows, 第i页，共n页 and a query line at every foot, a purple-red thin double-ring oval 业务专用章.
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

MONTH_GROUPS = "statement_app_month_groups"
SIDEBAR = "statement_sidebar_minus"
HAIR = (0.82, 0.82, 0.82)
RULE = (0.25, 0.25, 0.25)
PT = 0.3528  # mm per point


def _month_totals(facts: StatementFacts) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """(year, month) → (spent, received) over the whole statement."""
    out: dict[tuple[int, int], tuple[Decimal, Decimal]] = {}
    for t in facts.transactions:
        spent, got = out.get((t.day.year, t.day.month), (Decimal(0), Decimal(0)))
        out[(t.day.year, t.day.month)] = (spent - t.amount if t.amount < 0 else spent,
                                          got + t.amount if t.amount > 0 else got)
    return out


class MonthGroups(StatementPage):
    """收支明细 screenshot on A4: month bars with totals, two-line cards, the branch's header and totals."""

    TOP, HEAD, REPEAT, FOOT, SUMMARY = 10.0, 62.0, 6.0, 12.0, 34.0

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        gap = rng.uniform(6, 10)
        width = min(self.right - self.left, rng.uniform(180, 190))
        self.px0, self.px1 = self.w / 2 - width / 2, self.w / 2 + width / 2
        self.cols_x = ((self.px0, self.w / 2 - gap / 2), (self.w / 2 + gap / 2, self.px1))
        self.totals = _month_totals(facts)
        # which rows open a month bar: the first row of the statement and every row whose month differs from the last
        self.bars: set[int] = set()
        last = None
        for k, t in enumerate(facts.transactions):
            if (t.day.year, t.day.month) != last:
                self.bars.add(k)
            last = (t.day.year, t.day.month)
        pitches = []
        index = 0
        n = facts.pages_declared
        for p in range(1, n + 1):
            rows = len(facts.rows_on(p))
            bars = sum(1 for k in range(index, index + rows) if k in self.bars)
            index += rows
            room = self.h - self.TOP - (self.HEAD if p == 1 else self.REPEAT) - self.FOOT
            room -= self.SUMMARY if p == n else 0.0
            if rows:  # the long screenshot is cut in two and the halves printed side by side
                pitches.append(room / ((rows + 0.7 * bars) / 2 + 1.2))
        self.pitch = min([*pitches, 12.0])
        self.f1 = min(9.6, self.pitch / (2 * PT * 1.3))
        self.f2 = self.f1 * 0.84

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = self.TOP + 6
        pen.text(self.w / 2, y, f"{f.bank.name}　{s.title}", 14, bold=True, align="center")
        size = 8.6
        lines = (f"户名：{f.account_holder}　　账号：{self.account_text()}　　币种：人民币",
                 f"查询期间：{date_text(f.period_start, 'cn_padded')}至{date_text(f.period_end, 'cn_padded')}　　"
                 f"打印日期：{date_text(f.issue_date, 'cn_padded')}",
                 f"开户网点：{f.branch}　　期初余额：{money(f.opening_balance, commas=s.commas)}")
        for k, line in enumerate(lines):
            pen.text(self.w / 2, y + 7 + k * 4.6, line, size, align="center", max_width=self.right - self.left)
        top = y + 7 + 3 * 4.6
        # the screenshot's top: status bar, nav bar, account card
        pen.rect(self.px0, top, self.px1 - self.px0, self.TOP + self.HEAD - top, fill=(0.96, 0.96, 0.97))
        pen.text(self.px0 + 3, top + 3.6, f"{self.rng.randint(8, 21)}:{self.rng.randint(0, 59):02d}", 6.5, bold=True)
        pen.text(self.px1 - 3, top + 3.6, f"{self.rng.choice(('5G', '4G'))}  {self.rng.randint(20, 99)}%", 6.5,
                 align="right")
        pen.text(self.px0 + 3, top + 10, "‹", 11)
        pen.text(self.w / 2, top + 10, "收支明细", 9.5, bold=True, align="center")
        pen.text(self.px1 - 3, top + 10, "筛选", 7.5, align="right", color=GREY)
        card = top + 13
        pen.rect(self.px0 + 3, card, self.px1 - self.px0 - 6, self.TOP + self.HEAD - card - 2, fill=f.bank.color)
        pen.text(self.px0 + 6, card + 5, f"{f.bank.name}借记卡（尾号{f.account_number[-4:]}）", 7.8,
                 color=(1, 1, 1))
        pen.text(self.px0 + 6, card + 10, "全部交易 ▾　　全部账户 ▾", 6.8, color=(0.9, 0.9, 0.9))
        return self.TOP + self.HEAD

    def repeat_header(self) -> float:
        return self.TOP + self.REPEAT

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        """The page's cards in two columns: the first half of the screenshot on the left, the rest on the right."""
        c = self.pitch
        weights = [1 + (0.7 if first_index - 1 + j in self.bars else 0) for j in range(len(rows))]
        half, run, cut = sum(weights) / 2, 0.0, len(rows)
        for j, wgt in enumerate(weights):
            if run + wgt / 2 > half:
                cut = j
                break
            run += wgt
        bottom = y
        for (x0, x1), part, start in (((self.cols_x[0]), rows[:cut], first_index), (self.cols_x[1], rows[cut:],
                                                                                   first_index + cut)):
            yy = y
            for j, t in enumerate(part):
                yy = self._card(x0, x1, yy, t, start - 1 + j, c)
            bottom = max(bottom, yy)
        return bottom

    def _card(self, x0: float, x1: float, y: float, t: Transaction, k: int, c: float) -> float:
        s, pen = self.s, self.pen
        if k in self.bars:
            bh = 0.7 * c
            pen.rect(x0, y, x1 - x0, bh, fill=(0.93, 0.93, 0.94))
            spent, got = self.totals[(t.day.year, t.day.month)]
            base = y + bh * 0.68
            pen.text(x0 + 2.5, base, f"{t.day.year}年{t.day.month:02d}月", self.f1, bold=True)
            pen.text(x1 - 2.5, base, f"支出¥{money(spent, commas=s.commas)}　收入¥{money(got, commas=s.commas)}",
                     self.f2, align="right", color=GREY, max_width=(x1 - x0) * 0.62)
            y += bh
        who = t.counterparty or t.description
        sign = "+" if t.amount > 0 else "-"
        pen.text(x0 + 2.5, y + c * 0.42, who, self.f1, max_width=(x1 - x0) * 0.6)
        pen.text(x1 - 2.5, y + c * 0.42, f"{sign}{money(abs(t.amount), commas=s.commas)}", self.f1,
                 bold=True, align="right", color=(0.75, 0.35, 0.05) if t.amount > 0 else (0.1, 0.1, 0.1))
        pen.text(x0 + 2.5, y + c * 0.82, f"{t.day.month:02d}月{t.day.day:02d}日 {t.time[:5]}　{t.description}",
                 self.f2, color=GREY, max_width=(x1 - x0) * 0.6)
        pen.text(x1 - 2.5, y + c * 0.82, f"余额 {money(t.balance, commas=s.commas)}", self.f2, align="right",
                 color=GREY)
        y += c
        pen.line(x0 + 2.5, y, x1, y, width=0.2, color=HAIR)
        return y

    def footer(self, page: int, pages: int) -> None:
        pen = self.pen
        y = self.h - self.FOOT / 2
        pen.text(self.w / 2, y, f"第{page}页/共{pages}页", 8, align="center")
        pen.text(self.left, y, "本页为手机银行交易明细截图打印件", 6.5, color=GREY)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        pen.text(self.w / 2, y + 4, "— 已显示全部 —", 7, align="center", color=GREY)
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        y += 11
        size = 8.8
        pen.text(self.left, y, f"本期收入合计：{money(credit, commas=s.commas)}　本期支出合计："
                 f"{money(debit, commas=s.commas)}　期末余额：{money(f.closing_balance, commas=s.commas)}", size,
                 max_width=self.right - self.left)
        pen.text(self.left, y + 5.5, "经核对，以上截图内容与我行系统记录一致，加盖业务专用章有效。", size - 0.8, color=GREY,
                 max_width=self.right - self.left)
        return self.right - self.rng.uniform(26, 40), y + self.rng.uniform(2, 10)


class SidebarMinus(StatementPage):
    """对账单: facts in a ruled box at the top right, day-first dates, trailing minus signs on debits."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.heads = (rng.choice(("记账日期", "交易日期")), "摘要", rng.choice(("交易金额", "发生额")),
                      rng.choice(("余额", "账户余额")), "对方户名", "对方账号", "流水号")
        self.weights = (1.1, 1.0, 1.3, 1.3, 2.3, 2.0, 1.1)
        self.aligns = ("left", "left", "right", "right", "left", "left", "left")

    def amount(self, value: Decimal) -> str:
        return money(abs(value), commas=self.s.commas) + ("-" if value < 0 else "")

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 6
        pen.text(self.left, y, f.bank.name, 14, bold=True, color=f.bank.color)
        pen.text(self.left, y + 10, s.title, 15, bold=True, spacing=0.8)
        pen.text(self.left, y + 17, f"单位：人民币元　　打印日期：{date_text(f.issue_date, 'iso')}", s.size, color=GREY)
        box_w = (self.right - self.left) * (0.5 if self.w < 250 else 0.4)
        x0 = self.right - box_w
        rows = (("户　　名", f.account_holder), ("账　　号", self.account_text()), ("币　　种", "人民币 CNY"),
                ("开户网点", f.branch),
                ("对账期间", f"{date_text(f.period_start, 'iso')} 至 {date_text(f.period_end, 'iso')}"),
                ("期初余额", money(f.opening_balance, commas=s.commas)))
        rh = min(5.6, (s.header - 8) / len(rows))
        top = s.top + 1
        lw = pen.width("开户网点", s.size + 0.4) + 4
        for k, (label, value) in enumerate(rows):
            yy = top + k * rh
            pen.rect(x0, yy, lw, rh, stroke=RULE, width=0.35, fill=(0.93, 0.93, 0.93))
            pen.rect(x0 + lw, yy, box_w - lw, rh, stroke=RULE, width=0.35)
            pen.text(x0 + 2, yy + rh * 0.72, label, s.size + 0.2)
            face = self.holder_face if k == 0 else None
            pen.text(x0 + lw + 1.5, yy + rh * 0.72, value, s.size + 0.4, face=face, max_width=box_w - lw - 3)
        return s.top + s.header

    def repeat_header(self) -> float:
        s, pen = self.s, self.pen
        if s.repeat > 6:
            pen.text(self.right, s.top + 5, f"{self.f.account_holder}　{self.account_text()}　{s.title}", s.size,
                     align="right", color=GREY)
        return s.top + s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(self.weights)
        widths = [(self.right - self.left) * w / total for w in self.weights]
        head_h = s.row * 1.4
        pen.line(self.left, y, self.right, y, width=0.9, color=RULE)
        x = self.left
        for head, w, align in zip(self.heads, widths, self.aligns, strict=True):
            tx = x + w - 1.5 if align == "right" else x + 1
            pen.text(tx, y + head_h * 0.68, head, s.size, bold=True, align=align, max_width=w - 2)
            x += w
        y += head_h
        pen.line(self.left, y, self.right, y, width=0.4, color=RULE)
        for k, t in enumerate(rows):
            values = (t.day.strftime("%d/%m/%Y"), t.description, self.amount(t.amount),
                      money(t.balance, commas=s.commas), t.counterparty, t.counter_account,
                      f"{(first_index + k) * 104729 % 10**6:06d}")
            x = self.left
            for text, w, align in zip(values, widths, self.aligns, strict=True):
                tx = x + w - 1.5 if align == "right" else x + 1
                pen.text(tx, y + s.row * 0.72, text, s.size, align=align, max_width=w - 2.2)
                x += w
            y += s.row
        pen.line(self.left, y, self.right, y, width=0.9, color=RULE)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, "如对本对账单有疑问，请于收到后十五日内与开户网点联系。", s.size - 0.4, color=GREY)
        pen.text(self.right, y, f"第{page}页，共{pages}页", s.size + 0.4, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [t.amount for t in f.transactions if t.amount < 0]
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"收入合计：{money(sum(credits, Decimal(0)), commas=s.commas)}（{len(credits)}笔）　"
                 f"支出合计：{self.amount(sum(debits, Decimal(0)))}（{len(debits)}笔）　"
                 f"期末余额：{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.62, "注：交易金额后带“-”者为支出。本对账单加盖我行业务专用章后有效。", s.size,
                 color=GREY, max_width=self.right - self.left)
        return self.left + (self.right - self.left) * self.rng.uniform(0.55, 0.8), y + self.rng.uniform(2, 8)


def month_groups_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The screenshot print: portrait A4 whatever the plan's page, signed amounts, a round 业务专用章."""
    return replace(style, landscape=False, title=rng.choice(("交易明细证明", "手机银行交易明细（打印件）", "收支明细证明")),
                   plus=True, commas=rng.random() < 0.7, seal_shape="round", seal_bottom="业务专用章")


def sidebar_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The counter 对账单's titles and an oval 业务专用章."""
    return replace(style, title=rng.choice(("活期账户对账单", "个人账户对账单", "储蓄存款对账单")), plus=False,
                   commas=rng.random() < 0.8, seal_shape="oval", seal_bottom="业务专用章")


def _press_groups(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=rng.choice(((236, 92, 44), (228, 80, 40), (240, 70, 46))),
                   ring=rng.choice((0.03, 0.045)), star=True, fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(38, 42))


def _press_sidebar(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=rng.choice(((158, 38, 104), (170, 42, 92), (150, 36, 116))), ring=0.016, inner=True,
                   fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 48))


PAGES = {MONTH_GROUPS: MonthGroups, SIDEBAR: SidebarMinus}
SHAPES = {MONTH_GROUPS: "round", SIDEBAR: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording, page and seal on top of the plan's print style."""
    return month_groups_style(style, rng) if family == MONTH_GROUPS else sidebar_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (_press_groups if family == MONTH_GROUPS else _press_sidebar)(facts, rng, pen, spot)
