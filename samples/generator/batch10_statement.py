"""Tenth-batch bank-statement families (templates.py): an internet bank's 交易明细查询 page printed through the
browser, and a counter 对账单 whose one 发生额 column carries its 借 or 贷 flag after the amount.

`statement_browser_print`: the personal internet bank's query page as the browser prints it: the print's date and
time with the page title in the top margin and the page's URL with i/n at the foot (the browser's own header and
footer, on every page), the site's coloured nav bar with a breadcrumb, the query form (查询账户, 户名, 起始日期/截止日期
in boxes, a 查询 button), 查询结果 共N条 with the opening balance, a striped table 交易时间 (date and clock time)/摘要/
交易金额 (signed; red for income, green for spending)/账户余额/对方户名/对方账号/交易渠道, and the totals under it; the
customer took the print to a counter, which stamped a round 业务受理章 on the last page.
`statement_flag_after`: a 邮储 / 农商行 counter 个人活期明细对账单: bank and title centred, a ruled block of facts in
three columns and two rows (户名/账号/账户性质, 币种/起止日期/打印日期), the dates as 2026年03月05日, columns 记账日期/
摘要/发生额（借/贷）/余额/对方户名/对方账号/网点号/柜员 with the amount unsigned and its 借 or 贷 after it, 借方/贷方
合计 with their counts and 期末余额 … 贷 after the rows, 第i页（共n页） and the 打印柜员 at the foot, a purple-red oval
业务专用章.
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
from .statement_pdf import GREY, Column, StatementPage

BROWSER = "statement_browser_print"
FLAG_AFTER = "statement_flag_after"
RULE = (0.22, 0.22, 0.22)
HAIR = (0.78, 0.78, 0.78)
_HOSTS = {"中国工商银行": "mybank.icbc.com.cn", "中国建设银行": "ibsbjstar.ccb.com.cn", "中国农业银行": "perbank.abchina.com",
          "中国银行": "ebsnew.boc.cn", "招商银行": "pbsz.ebank.cmbchina.com", "交通银行": "pbank.95559.com.cn"}


def _host(bank: str) -> str:
    return _HOSTS.get(bank, "ebank.example-bank.com.cn")


class BrowserPrint(StatementPage):
    """The internet bank's query page printed through the browser: margins carry the print's header and footer."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.stamp = f"{facts.issue_date.year}/{facts.issue_date.month}/{facts.issue_date.day} " \
                     f"{rng.randint(8, 21)}:{rng.randint(0, 59):02d}"
        self.page_title = rng.choice(("个人网上银行", "个人网银 - 交易明细查询", "网上银行-明细查询"))
        session = "".join(rng.choice("abcdef0123456789") for _ in range(12))
        self.url = f"https://{_host(facts.bank.name)}/per/account/detailQuery.do?sid={session}"
        self.cols = [Column("交易时间", 1.75, "left", "datetime"), Column(rng.choice(("摘要", "交易摘要")), 1.1, "left",
                                                                       "description"),
                     Column("交易金额", 1.3, "right", "amount"), Column(rng.choice(("账户余额", "余额")), 1.35, "right",
                                                                     "balance"),
                     Column("对方户名", 2.3, "left", "counterparty"), Column("对方账号", 1.9, "left", "account"),
                     Column(rng.choice(("交易渠道", "渠道")), 0.9, "left", "channel")]
        self.brand = facts.bank.color

    def _margins(self, page: int, pages: int) -> None:
        pen, size = self.pen, 7.0
        pen.text(5.5, 6.0, self.stamp, size, color=(0.15, 0.15, 0.15))
        pen.text(self.w / 2, 6.0, self.page_title, size, align="center", color=(0.15, 0.15, 0.15))
        pen.text(5.5, self.h - 4.5, self.url, size, color=(0.15, 0.15, 0.15), max_width=self.w - 30)
        pen.text(self.w - 5.5, self.h - 4.5, f"{page}/{pages}", size, align="right", color=(0.15, 0.15, 0.15))

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top
        pen.rect(self.left, y, self.right - self.left, 8.5, fill=self.brand)
        pen.text(self.left + 3, y + 6, f.bank.name, 11, bold=True, color=(1, 1, 1))
        lw = pen.width(f.bank.name, 11)
        pen.text(self.left + 6 + lw, y + 6, "| 个人网上银行", 9, color=(0.92, 0.92, 0.92))
        pen.text(self.right - 3, y + 6, "安全退出", 8, align="right", color=(1, 1, 1))
        y += 13
        pen.text(self.left, y, "我的账户 > 账户查询 > 交易明细查询", s.size, color=GREY)
        y += 3
        box_h = min(15.0, s.header - 27)
        pen.rect(self.left, y, self.right - self.left, box_h, fill=(0.96, 0.97, 0.98), stroke=HAIR, width=0.4)
        size = s.size + 0.8
        r1, r2 = y + box_h * 0.38, y + box_h * 0.82
        third = (self.right - self.left) / 3
        lw = pen.text(self.left + 3, r1, "查询账户：", size, color=GREY)
        pen.text(self.left + 3 + lw, r1, self.account_text(), size, max_width=third * 1.3 - lw)
        lw = pen.text(self.left + third * 1.5, r1, "户名：", size, color=GREY)
        pen.text(self.left + third * 1.5 + lw, r1, f.account_holder, size, face=self.holder_face)
        pen.text(self.left + third * 2.3, r1, "币种：人民币", size)
        x = self.left + 3
        for label, day in (("起始日期：", f.period_start), ("截止日期：", f.period_end)):
            lw = pen.text(x, r2, label, size, color=GREY)
            text = day.strftime(s.date_style)
            bw = pen.width(text, size) + 4
            pen.rect(x + lw, r2 - size * 0.36 - 1.2, bw, size * 0.36 + 2.4, stroke=(0.6, 0.6, 0.6), width=0.4,
                     fill=(1, 1, 1))
            pen.text(x + lw + 2, r2, text, size)
            x += lw + bw + 6
        pen.rect(x, r2 - size * 0.36 - 1.4, 14, size * 0.36 + 2.8, fill=self.brand)
        pen.text(x + 7, r2, "查 询", size, align="center", color=(1, 1, 1))
        y += box_h + 6
        count = len(f.transactions)
        pen.text(self.left, y, f"查询结果：共 {count} 条　　期初余额：{money(f.opening_balance, commas=s.commas)}　　"
                 f"查询日期：{f.issue_date.strftime(s.date_style)}　　开户网点：{f.branch}", s.size + 0.4,
                 max_width=self.right - self.left)
        return s.top + s.header

    def repeat_header(self) -> float:
        return self.s.top + self.s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.4
        pen.rect(self.left, y, self.right - self.left, head_h, fill=(0.9, 0.92, 0.95))
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + 1.2, y + head_h * 0.68, col.title, s.size, bold=True, max_width=w - 2)
            x += w
        y += head_h
        for k, t in enumerate(rows):
            if k % 2:
                pen.rect(self.left, y, self.right - self.left, s.row, fill=(0.965, 0.97, 0.975))
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                text = money(t.amount, commas=s.commas, sign="+") if col.key == "amount" else \
                    f"{t.day.strftime(s.date_style)} {t.time}" if col.key == "datetime" else \
                    {"description": t.description, "balance": money(t.balance, commas=s.commas),
                     "counterparty": t.counterparty, "account": t.counter_account, "channel": t.channel}[col.key]
                color = ((0.78, 0.1, 0.1) if t.amount > 0 else (0.05, 0.5, 0.2)) if col.key == "amount" else None
                tx = x + w - 1.5 if col.align == "right" else x + 1.2
                pen.text(tx, y + s.row * 0.72, text, s.size, align=col.align, color=color, max_width=w - 2.5)
                x += w
            y += s.row
            pen.line(self.left, y, self.right, y, width=0.15, color=HAIR)
        return y

    def footer(self, page: int, pages: int) -> None:
        self._margins(page, pages)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        y += 6
        size = s.size + 0.7
        pen.text(self.left, y, f"收入合计：{money(credit, commas=s.commas)}　　支出合计：{money(debit, commas=s.commas)}"
                 f"　　期末余额：{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.64, "温馨提示：本页面信息仅供参考，具体以我行系统记录为准。", s.size, color=GREY)
        return self.right - self.rng.uniform(30, 48), y + self.rng.uniform(4, 10)


class FlagAfter(StatementPage):
    """个人活期明细对账单: one 发生额 column with 借/贷 after the amount, 2026年03月05日 dates, ruled facts block."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.cols = [Column("记账日期", 1.35, "left", "date"), Column("摘要", 1.0, "left", "description"),
                     Column("发生额（借/贷）", 1.6, "right", "flagged"), Column("余额", 1.35, "right", "balance"),
                     Column("对方户名", 2.2, "left", "counterparty"), Column("对方账号", 1.8, "left", "account"),
                     Column("网点号", 0.75, "left", "branch"), Column("柜员", 0.65, "left", "teller")]
        self.node = f"{rng.randint(10, 99)}{rng.randint(0, 999):03d}"
        self.teller = f"{rng.choice('ABCDEFGHK')}{rng.randint(100, 999)}"
        self.space = rng.choice(("", " "))

    def _flag(self, amount: Decimal) -> str:
        return f"{money(abs(amount), commas=self.s.commas)}{self.space}{'贷' if amount > 0 else '借'}"

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 5
        pen.text(self.w / 2, y, f.bank.name, 12, bold=True, align="center", color=f.bank.color)
        pen.text(self.w / 2, y + 8, s.title, 14.5, bold=True, align="center", spacing=1.2)
        top = y + 12
        row_h = min(7.5, (s.top + s.header - 3 - top) / 2)
        span = self.right - self.left
        period = f"{f.period_start.strftime(s.date_style)}至{f.period_end.strftime(s.date_style)}"
        pen.text(self.right, y + 8, "币种：人民币　单位：元", s.size, align="right", color=GREY)
        opening = f"{money(f.opening_balance, commas=s.commas)}{self.space}贷"
        cells = [[("户　名", f.account_holder), ("账　号", self.account_text()), ("账户性质", "个人结算账户")],
                 [("上期余额", opening), ("起止日期", period), ("打印日期", f.issue_date.strftime(s.date_style))]]
        shares = (0.27, 0.4, 0.33)
        size = s.size + 0.9
        for r, row in enumerate(cells):
            x = self.left
            for (label, value), share in zip(row, shares, strict=True):
                w = span * share
                lw = 17.0
                pen.rect(x, top + r * row_h, lw, row_h, stroke=RULE, width=0.4, fill=(0.94, 0.94, 0.94))
                pen.rect(x + lw, top + r * row_h, w - lw, row_h, stroke=RULE, width=0.4)
                base = top + r * row_h + row_h * 0.68
                pen.text(x + lw / 2, base, label, size, align="center", max_width=lw - 1.5)
                face = self.holder_face if label == "户　名" else None
                pen.text(x + lw + 1.5, base, value, size, face=face, max_width=w - lw - 3)
                x += w
        return s.top + s.header

    def repeat_header(self) -> float:
        s, pen = self.s, self.pen
        if s.repeat > 6:
            pen.text(self.left, s.top + 6, f"户名：{self.f.account_holder}　　账号：{self.account_text()}",
                     s.size + 0.8)
        return s.top + s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        head_h = s.row * 1.45
        top = y
        pen.line(self.left, y, self.right, y, width=0.9, color=RULE)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, col.title, s.size, bold=True, align="center", max_width=w - 1)
            x += w
        y += head_h
        pen.line(self.left, y, self.right, y, width=0.5, color=RULE)
        for t in rows:
            values = {"date": t.day.strftime(s.date_style), "description": t.description, "flagged": self._flag(t.amount),
                      "balance": money(t.balance, commas=s.commas), "counterparty": t.counterparty,
                      "account": t.counter_account, "branch": self.node, "teller": self.teller}
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                tx = x + w - 1.5 if col.align == "right" else x + 1.0
                pen.text(tx, y + s.row * 0.72, values[col.key], s.size, align=col.align, max_width=w - 2.2)
                x += w
            y += s.row
        pen.line(self.left, y, self.right, y, width=0.9, color=RULE)
        x = self.left
        for w in widths[:-1]:
            x += w
            pen.line(x, top, x, y, width=0.15, color=HAIR)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, f"打印柜员：{self.teller}　　网点号：{self.node}", s.size, color=GREY)
        pen.text(self.right, y, f"第{page}页（共{pages}页）", s.size + 0.4, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"借方发生额合计：{len(debits)}笔　{money(sum(debits, Decimal(0)), commas=s.commas)}　　"
                 f"贷方发生额合计：{len(credits)}笔　{money(sum(credits, Decimal(0)), commas=s.commas)}",
                 size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.64, f"期末余额：{money(f.closing_balance, commas=s.commas)}{self.space}贷", size)
        pen.text(self.left, y + size * 1.28, "注：发生额后“借”表示支出，“贷”表示收入。本对账单加盖业务专用章有效。",
                 s.size, color=GREY, max_width=self.right - self.left)
        return self.left + (self.right - self.left) * self.rng.uniform(0.55, 0.8), y + self.rng.uniform(3, 9)


def browser_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The web page's title and ISO or slashed dates; the counter's round 业务受理章."""
    return replace(style, title=rng.choice(("交易明细查询", "账户明细查询")), plus=True, commas=rng.random() < 0.8,
                   date_style=rng.choice(("%Y-%m-%d", "%Y/%m/%d")), seal_shape="round",
                   seal_bottom=rng.choice(("业务受理章", "业务专用章")))


def flag_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The 对账单's title, 2026年03月05日 dates, unsigned amounts, an oval seal."""
    return replace(style, title=rng.choice(("个人活期明细对账单", "活期储蓄账户对账单", "个人账户明细对账单")), plus=False,
                   date_style="%Y年%m月%d日", commas=rng.random() < 0.65, seal_shape="oval", seal_bottom="业务专用章")


def _press_browser(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(205, 235), rng.randint(30, 60), rng.randint(30, 55)),
                   ring=rng.choice((0.03, 0.045)), star=True)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(36, 40))


def _press_flag(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(150, 180), rng.randint(30, 50), rng.randint(90, 120)),
                   ring=rng.choice((0.025, 0.035)), fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 50))


PAGES = {BROWSER: BrowserPrint, FLAG_AFTER: FlagAfter}
SHAPES = {BROWSER: "round", FLAG_AFTER: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording, dates and seal on top of the plan's print style (page and pitch stay the plan's)."""
    return browser_style(style, rng) if family == BROWSER else flag_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (_press_browser if family == BROWSER else _press_flag)(facts, rng, pen, spot)
