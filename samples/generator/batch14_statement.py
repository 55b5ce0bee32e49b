"""Fourteenth-batch bank-statement family (templates.py): a counter print on continuous green-bar paper.

`statement_greenbar_print`: a branch's dot-matrix 对账单 on pre-printed continuous stationery: tractor-feed holes
down both margins, a perforation line at the foot, pale green bands behind every other pair of lines and no vertical
rules; the paper's pre-printed heading in green (the bank's name and 客户对账单 / 存款对账单), the data typed in black
on fixed columns — 户名 and 账号 on one line, 币种/开户网点 and 起止日期 2026.01.01-2026.03.31 on the next —, columns
日期 (2026.03.05)/摘要/支出/存入/余额/对方户名 with the amounts right-aligned, the balance brought forward as
上页余额 at the top of every later page, 本页 支出/存入 笔数 at every page's foot, 合计 and 期末余额 after the last row,
页号 i/n, and a purple-red or orange-brown round 业务专用章 over the totals.
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
from .statement_pdf import StatementPage

GREENBAR = "statement_greenbar_print"
GREEN = (0.2, 0.5, 0.32)
BAND = (0.87, 0.95, 0.88)
INK = (0.12, 0.12, 0.14)
_HEAD, _REPEAT, _FOOT, _SUMMARY, _TOP = 42.0, 16.0, 16.0, 26.0, 8.0


def _pitch(facts: StatementFacts, height: float) -> float:
    """The line pitch that fits every page's rows with its carry and count lines."""
    n = facts.pages_declared
    pitches = []
    for p in range(1, n + 1):
        rows = len(facts.rows_on(p)) + 3  # headings, 上页余额, 本页 line
        room = height - _TOP - (_HEAD if p == 1 else _REPEAT) - _FOOT - (_SUMMARY if p == n else 0.0)
        pitches.append(room / rows)
    return min([*pitches, 6.4])


def _dot(day: object) -> str:
    return date_text(day, "dot")  # type: ignore[arg-type]


class GreenBar(StatementPage):
    """Continuous stationery: holes in the margins, green bands, typed columns without rules."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.left, self.right = 19.0, self.w - 19.0
        self.pitch = _pitch(facts, self.h)
        self.fs = min(8.6, self.pitch / 0.5)
        self.heads = ("日期", "摘要", "支出", "存入", "余额", "对方户名")
        self.weights = (1.05, 1.6, 1.25, 1.25, 1.35, 2.3)
        self.band = 0
        self.balance = facts.opening_balance

    def _paper(self) -> None:
        """Tractor-feed holes down both margins and the perforated tear lines."""
        pen = self.pen
        for x in (6.0, self.w - 6.0):
            y = 6.35
            while y < self.h:
                pen.c.saveState()
                pen.c.setStrokeColorRGB(0.55, 0.55, 0.55)
                pen.c.setFillColorRGB(0.82, 0.82, 0.82)
                pen.c.circle(x * 2.8346, (self.h - y) * 2.8346, 2.0 * 2.8346, stroke=1, fill=1)
                pen.c.restoreState()
                y += 12.7
        for x in (13.0, self.w - 13.0):
            for k in range(int(self.h / 2.2)):
                pen.line(x, k * 2.2, x, k * 2.2 + 1.1, width=0.2, color=(0.6, 0.6, 0.6))

    def _widths(self) -> list[float]:
        total = sum(self.weights)
        return [(self.right - self.left) * w / total for w in self.weights]

    def _line(self, y: float, cells: tuple[str, ...], *, bold: bool = False, color: tuple[float, float, float] = INK
              ) -> float:
        """One typed line on the next band position (every other pair of lines sits on green)."""
        pen = self.pen
        if self.band % 4 < 2:
            pen.rect(self.left - 2, y, self.right - self.left + 4, self.pitch, fill=BAND)
        self.band += 1
        x = self.left
        for k, (text, w) in enumerate(zip(cells, self._widths(), strict=True)):
            if text:
                right = 2 <= k <= 4
                pen.text(x + w - 1.5 if right else x + 0.8, y + self.pitch * 0.74, text, self.fs, bold=bold,
                         align="right" if right else "left", max_width=w - 1.6, color=color)
            x += w
        return y + self.pitch

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        self._paper()
        y = _TOP + 8
        pen.text(self.w / 2, y, f.bank.name, 13, bold=True, align="center", color=GREEN)
        pen.text(self.w / 2, y + 7, s.title, 14, bold=True, align="center", color=GREEN, spacing=2.0)
        pen.line(self.w / 2 - 30, y + 9.5, self.w / 2 + 30, y + 9.5, width=0.6, color=GREEN)
        size = 9.0
        y += 17
        pen.text(self.left, y, f"户名：{f.account_holder}", size, color=INK, face=self.holder_face)
        pen.text(self.left + (self.right - self.left) * 0.45, y, f"账号：{self.account_text()}", size, color=INK)
        y += 5.6
        period = f"{_dot(f.period_start)}-{_dot(f.period_end)}"
        pen.text(self.left, y, f"币种：人民币　　开户网点：{f.branch}", size, color=INK,
                 max_width=(self.right - self.left) * 0.44)
        pen.text(self.left + (self.right - self.left) * 0.45, y, f"起止日期：{period}　　打印日期：{_dot(f.issue_date)}",
                 size, color=INK)
        return _TOP + _HEAD

    def repeat_header(self) -> float:
        pen, f = self.pen, self.f
        self._paper()
        pen.text(self.w / 2, _TOP + 6, f"{f.bank.name}　{self.s.title}（续）", 10, bold=True, align="center", color=GREEN)
        pen.text(self.left, _TOP + 12, f"户名：{f.account_holder}　账号：{self.account_text()}", 8.4, color=INK,
                 face=self.holder_face)
        return _TOP + _REPEAT

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s = self.s
        self.band = 0
        y = self._line(y, self.heads, bold=True, color=GREEN)
        label = "期初余额" if first_index == 1 else "上页余额"
        y = self._line(y, ("", label, "", "", money(self.balance, commas=s.commas), ""))
        debit = credit = Decimal(0)
        nd = nc = 0
        for t in rows:
            cells = (_dot(t.day), t.description, money(-t.amount, commas=s.commas) if t.amount < 0 else "",
                     money(t.amount, commas=s.commas) if t.amount > 0 else "", money(t.balance, commas=s.commas),
                     t.counterparty)
            y = self._line(y, cells)
            if t.amount < 0:
                debit, nd = debit - t.amount, nd + 1
            else:
                credit, nc = credit + t.amount, nc + 1
            self.balance = t.balance
        y = self._line(y, ("", f"本页 {nd}/{nc} 笔", money(debit, commas=s.commas), money(credit, commas=s.commas),
                           "", ""))
        return y

    def footer(self, page: int, pages: int) -> None:
        pen = self.pen
        y = self.h - _FOOT / 2 - 2
        pen.text(self.right, y, f"页号：{page}/{pages}", 8.6, align="right", color=INK)
        pen.text(self.left, y, f"网点：{self.f.branch}", 7.6, color=GREEN, max_width=(self.right - self.left) * 0.6)
        for k in range(int(self.w / 2.4)):  # the tear line between sheets of the fanfold
            pen.line(k * 2.4, self.h - 2.5, k * 2.4 + 1.2, self.h - 2.5, width=0.25, color=(0.55, 0.55, 0.55))

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        y += 6
        pen.text(self.left, y, f"合计　支出：{money(sum(debits, Decimal(0)), commas=s.commas)}（{len(debits)}笔）　"
                 f"存入：{money(sum(credits, Decimal(0)), commas=s.commas)}（{len(credits)}笔）", 9, color=INK)
        pen.text(self.left, y + 5.5, f"期末余额：{money(f.closing_balance, commas=s.commas)}", 9, color=INK)
        pen.text(self.left, y + 11, "本对账单加盖我行业务专用章有效。", 7.8, color=GREEN)
        return self.right - self.rng.uniform(35, 60), y + self.rng.uniform(0, 6)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Landscape where every page's lines keep a 4.2 mm pitch (portrait otherwise); the 对账单 titles."""
    return replace(style, landscape=_pitch(facts, 210.0) >= 4.2, plus=False, commas=rng.random() < 0.5,
                   title=rng.choice(("客户对账单", "存款对账单", "活期账户对账单")), seal_shape="round",
                   seal_bottom="业务专用章")


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A purple-red or orange-brown round 业务专用章, thin or thick ring."""
    del family
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=rng.choice(((168, 40, 92), (190, 84, 40), (176, 36, 70))),
                   ring=rng.choice((0.018, 0.05)), fade=rng.choice((0.0, 0.4)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(38, 42))


PAGES = {GREENBAR: GreenBar}
SHAPES = {GREENBAR: "round"}
