"""Eighth-batch bank-statement families (templates.py): a rural bank's passbook-style print on continuous paper, and
a 个人账户历史交易明细 with a boxed query header and page subtotals.

`statement_continuous_passbook`: a 农商行 / 村镇银行 counter print of a 交易明细 on pin-feed continuous paper (tractor
holes down both edges, pale green bars), dot-matrix monospace type, the header facts on one line (户名/账号/开户网点/
起止日期/上期余额), columns 序号/交易日期/交易码/摘要/借贷/发生额/余额/对方户名/柜员/网点 with an unsigned amount and a
借/贷 marker, 打印日期 and 第i页 at the foot, a thick-ring round 业务专用章 in brown-red ink.
`statement_boxed_history`: a 个人账户历史交易明细 in the 对公 tradition: a bordered query box (查询账号/户名/币种/开户行/
查询期间/查询人/打印时间), columns 交易日/起息日/借方金额/贷方金额/余额/对方账号/对方户名/用途, 本页借方合计/本页贷方合计
under every page's rows, a 期初/期末 line after the last, a purple-red oval 业务专用章 or 对账专用章.
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

CONTINUOUS = "statement_continuous_passbook"
BOXED = "statement_boxed_history"
RULE = (0.3, 0.3, 0.3)


def _code(t: Transaction) -> str:
    """The bank's four-digit transaction code, a function of the entry (no draw)."""
    return f"{(sum(map(ord, t.description)) * 37 + (1 if t.amount > 0 else 2)) % 9000 + 1000}"


class ContinuousPassbook(StatementPage):
    """Continuous-paper dot-matrix print: tractor holes, green bars, one-line header, 借/贷 marker column."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.left, self.right = max(self.left, 15.0), min(self.right, self.w - 15.0)
        self.cols = [Column("序号", 0.55, "right", "index"), Column("交易日期", 1.05, "left", "date"),
                     Column("交易码", 0.7, "left", "code"), Column("摘要", 1.1, "left", "description"),
                     Column("借贷", 0.5, "left", "mark"), Column("发生额", 1.3, "right", "magnitude"),
                     Column("余额", 1.3, "right", "balance"), Column(rng.choice(("对方户名", "对方名称")), 2.3, "left",
                                                                     "counterparty"),
                     Column("柜员", 0.75, "left", "teller"), Column("网点", 0.75, "left", "outlet")]
        self.teller = f"{rng.randint(1, 99):02d}{rng.randint(100, 999)}"
        self.outlet = f"{rng.randint(1000, 9999)}"
        self.bars = rng.random() < 0.7

    def _paper(self) -> None:
        pen = self.pen
        if self.bars:
            y = 0.0
            while y < self.h:
                pen.rect(12, y, self.w - 24, 12.7, fill=(0.9, 0.96, 0.9))
                y += 25.4
        for x in (6.0, self.w - 6.0):
            y = 6.35
            while y < self.h:
                pen.c.saveState()
                pen.c.setStrokeColorRGB(0.6, 0.6, 0.6)
                pen.c.setFillColorRGB(1, 1, 1)
                pen.c.circle(x * 2.8346, (self.h - y) * 2.8346, 2.0 * 2.8346, stroke=1, fill=1)
                pen.c.restoreState()
                y += 12.7
        for x in (12.0, self.w - 12.0):
            pen.c.saveState()
            pen.c.setDash(1, 2)
            pen.line(x, 0, x, self.h, width=0.2, color=(0.7, 0.7, 0.7))
            pen.c.restoreState()

    def _row(self, t: Transaction, col: Column, index: int) -> str:
        if col.key == "code":
            return _code(t)
        if col.key == "mark":
            return "贷" if t.amount > 0 else "借"
        if col.key == "teller":
            return self.teller
        if col.key == "outlet":
            return self.outlet
        return cell(t, col.key, index, self.s)

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        self._paper()
        y = s.top + 6
        pen.text(self.w / 2, y, f"{f.bank.name}　{s.title}", 13, bold=True, align="center")
        period = f"{f.period_start.strftime(s.date_style)}-{f.period_end.strftime(s.date_style)}"
        size = s.size + 0.3
        rest = (f"  账号：{self.account_text()}  开户网点：{f.branch}  起止日期：{period}  "
                f"上期余额：{money(f.opening_balance, commas=s.commas)}")
        name_w = pen.width(f.account_holder, size, face=self.holder_face)
        full = pen.width("户名：", size) + name_w + pen.width(rest, size)
        size *= min(1.0, (self.right - self.left) / full)
        x = self.left + pen.text(self.left, y + 9, "户名：", size)
        x += pen.text(x, y + 9, f.account_holder, size, face=self.holder_face)
        pen.text(x, y + 9, rest, size)
        pen.line(self.left, y + 11, self.right, y + 11, width=0.3, color=RULE)
        return s.top + s.header

    def repeat_header(self) -> float:
        self._paper()
        s = self.s
        if s.repeat > 6:
            x = self.left + self.pen.text(self.left, s.top + 5, "户名：", s.size + 0.3)
            x += self.pen.text(x, s.top + 5, self.f.account_holder, s.size + 0.3, face=self.holder_face)
            self.pen.text(x, s.top + 5, f"  账号：{self.account_text()}  （续）", s.size + 0.3)
        return s.top + s.repeat

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s, pen = self.s, self.pen
        total = sum(c.weight for c in self.cols)
        widths = [(self.right - self.left) * c.weight / total for c in self.cols]
        pen.text(self.left, y + s.row * 0.4, "-" * 200, s.size, max_width=self.right - self.left, color=GREY)
        x = self.left
        for col, w in zip(self.cols, widths, strict=True):
            tx = x + w - 1.2 if col.align == "right" else x + 0.8
            pen.text(tx, y + s.row * 1.05, col.title, s.size, align=col.align, max_width=w - 1.5)
            x += w
        y += s.row * 1.4
        pen.text(self.left, y, "-" * 200, s.size, max_width=self.right - self.left, color=GREY)
        for k, t in enumerate(rows):
            x = self.left
            for col, w in zip(self.cols, widths, strict=True):
                text = self._row(t, col, first_index + k)
                tx = x + w - 1.2 if col.align == "right" else x + 0.8
                pen.text(tx, y + s.row * 0.72, text, s.size, align=col.align, max_width=w - 1.8)
                x += w
            y += s.row
        pen.text(self.left, y + 1.5, "-" * 200, s.size, max_width=self.right - self.left, color=GREY)
        return y

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        y = self.h - s.foot / 2
        pen.text(self.left, y, f"打印日期：{self.f.issue_date.strftime(s.date_style)}  柜员：{self.teller}", s.size)
        pen.text(self.right, y, f"第{page}页 共{pages}页", s.size, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        y += 6
        pen.text(self.left, y, f"借方发生额合计：{money(debit, commas=s.commas)}  贷方发生额合计：{money(credit, commas=s.commas)}"
                 f"  本期余额：{money(f.closing_balance, commas=s.commas)}", s.size + 0.3,
                 max_width=self.right - self.left)
        pen.text(self.left, y + s.size * 0.6, "注：借贷标志“借”为支出，“贷”为存入。本明细加盖我行业务专用章有效。", s.size,
                 color=GREY)
        return self.right - self.rng.uniform(30, 60), y + self.rng.uniform(0, 8)


class BoxedHistory(StatementPage):
    """个人账户历史交易明细: bordered query box, 交易日/起息日, split amounts, 用途 last, per-page subtotals."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.cols = [Column("交易日", 1.0, "left", "date"), Column("起息日", 1.0, "left", "date"),
                     Column("借方金额", 1.25, "right", "debit"), Column("贷方金额", 1.25, "right", "credit"),
                     Column("余额", 1.3, "right", "balance"), Column("对方账号", 1.8, "left", "account"),
                     Column("对方户名", 2.2, "left", "counterparty"), Column("用途", 1.1, "left", "description")]
        self.clerk = rng.choice(("柜员", "客户本人", "营业主管")) + f"（{rng.randint(10000, 99999)}）"
        self.when = f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 5
        pen.text(self.left, y, f.bank.name, 11, bold=True, color=f.bank.color)
        pen.text(self.w / 2, y + 6, s.title, 14, bold=True, align="center")
        top = y + 10
        h = max(12.0, s.top + s.header - 3 - top)
        pen.rect(self.left, top, self.right - self.left, h, stroke=RULE, width=0.6)
        period = f"{f.period_start.strftime(s.date_style)} 至 {f.period_end.strftime(s.date_style)}"
        cells = [("查询账号", self.account_text()), ("户名", f.account_holder), ("币种", "人民币"),
                 ("开户行", f.branch), ("查询期间", period), ("查询人", self.clerk),
                 ("打印时间", f"{f.issue_date.strftime(s.date_style)} {self.when}"),
                 ("期初余额", money(f.opening_balance, commas=s.commas))]
        col_w = (self.right - self.left) / 2
        step = h / 4
        for k, (label, value) in enumerate(cells):
            x = self.left + (k % 2) * col_w + 2
            yy = top + (k // 2) * step + step * 0.68
            lw = pen.text(x, yy, f"{label}：", s.size + 0.5, color=GREY)
            face = self.holder_face if label == "户名" else None
            pen.text(x + lw, yy, value, s.size + 0.5, face=face, max_width=col_w - lw - 4)
        pen.line(self.left + col_w, top, self.left + col_w, top + h, width=0.3, color=RULE)
        return s.top + s.header

    def repeat_header(self) -> float:
        s, pen = self.s, self.pen
        if s.repeat > 6:
            x = self.left + pen.text(self.left, s.top + 6, f"查询账号：{self.account_text()}　　户名：", s.size + 0.8)
            pen.text(x, s.top + 6, self.f.account_holder, s.size + 0.8, face=self.holder_face)
        return s.top + s.repeat

    def footer(self, page: int, pages: int) -> None:
        s, pen, f = self.s, self.pen, self.f
        rows = f.rows_on(page)
        debit = sum((-t.amount for t in rows if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in rows if t.amount > 0), Decimal(0))
        y = self.h - s.foot + 3
        pen.text(self.left, y, f"本页借方合计：{money(debit, commas=s.commas)}　　本页贷方合计：{money(credit, commas=s.commas)}"
                 f"　　本页笔数：{len(rows)}", s.size, max_width=self.right - self.left - 30)
        pen.text(self.right, y + 5, f"第 {page} 页 / 共 {pages} 页", s.size, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        y += 6
        pen.text(self.left, y, f"期初余额：{money(f.opening_balance, commas=s.commas)}　　期末余额："
                 f"{money(f.closing_balance, commas=s.commas)}　　交易笔数：{len(f.transactions)}", s.size + 0.5)
        pen.text(self.left, y + s.size * 0.62, "本明细仅反映查询期间内账户的交易情况，加盖银行业务章有效。", s.size, color=GREY)
        return self.left + self.rng.uniform(80, 130), y + self.rng.uniform(0, 8)


def continuous_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Dot-matrix look: the mono face, 交易明细 titles, unsigned amounts, a round seal."""
    face = replace(style.face, cjk="wqy_mono" if rng.random() < 0.7 else style.face.cjk, latin="lib_mono")
    title = rng.choice(("交易明细", "活期存款交易明细", "个人账户交易明细单", "存折交易明细"))
    return replace(style, face=face, title=title, plus=False, commas=rng.random() < 0.4,
                   date_style=rng.choice(("%Y%m%d", "%Y-%m-%d", "%Y.%m.%d")), seal_shape="round",
                   seal_bottom=rng.choice(("业务专用章", "业务专用章", "转讫")))


def boxed_style(style: StatementStyle, rng: random.Random) -> StatementStyle:
    """个人账户历史交易明细 titles, an oval seal."""
    title = rng.choice(("个人账户历史交易明细", "账户历史交易明细清单", "个人活期账户历史明细"))
    return replace(style, title=title, plus=False, date_style=rng.choice(("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")),
                   seal_shape="oval", seal_bottom=rng.choice(("业务专用章", "对账专用章")))


def _press_continuous(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(150, 190), rng.randint(40, 70), rng.randint(30, 50)),
                   ring=rng.choice((0.05, 0.065)), fade=rng.choice((0.2, 0.4, 0.6)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(38, 44))


def _press_boxed(facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    mark = other_make(rng, facts.branch, shape="oval", bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(160, 196), rng.randint(20, 40), rng.randint(80, 110)),
                   ring=rng.choice((0.025, 0.035)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(42, 48))


PAGES = {CONTINUOUS: ContinuousPassbook, BOXED: BoxedHistory}
SHAPES = {CONTINUOUS: "round", BOXED: "oval"}


def style_for(family: str, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The family's wording and seal on top of the plan's print style."""
    return continuous_style(style, rng) if family == CONTINUOUS else boxed_style(style, rng)


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """Press the family's seal."""
    (_press_continuous if family == CONTINUOUS else _press_boxed)(facts, rng, pen, spot)
