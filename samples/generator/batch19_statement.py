"""Nineteenth-batch bank-statement family (templates.py): a counter print of the account's 明细 for a loan file,
stamped page by page with a riding seal (骑缝章).

`statement_riding_seal`: lenders ask for the 流水 to carry the bank's seal on every page, so the teller prints the
明细 at the counter, fans the sheets out on the desk and presses the branch's business seal once across their right
edges: every page keeps a vertical slice of the seal at its right edge, each page the next slice from the left, at the
same height; the seal is then pressed whole over the certification under the last row. The print itself is a plain
counter layout: the bank's name with 打印日期 on the right, the title, a ruled two-row facts box — 户名/账号/币种,
起止日期 (20260101—20260331)/开户网点/期初余额 —, a thin-ruled table 序号/交易日期 (20260305)/交易时间 (14:22:05)/摘要/
交易金额 (signed, + on some prints)/账户余额/对方账号/对方户名/交易渠道 with 日志号 on landscape prints, 户名 and 账号
in a （续） line over later pages, 打印网点/打印柜员 and 第 i 页 共 n 页 at every foot, 收入合计/支出合计 with counts and
期末余额 after the rows, and the certification 以上交易明细共 n 页，经核对与我行业务系统记录一致 with 经办/复核.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from PIL import Image

from .family_kit import press
from .finance import money
from .pdfkit import Pen, Typeface, png_seal
from .seal import SealStyle, other_make, render_seal
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import StatementPage

RIDING = "statement_riding_seal"
_TOP, _HEAD, _REPEAT, _FOOT, _SUMMARY = 12.0, 42.0, 11.0, 16.0, 30.0
_RULE = (0.3, 0.3, 0.3)
_PX_PER_MM = 11.8


def _mark(facts: StatementFacts) -> SealStyle:
    """The branch's seal: one stamp for the slices and the whole impression (a pure function of the statement)."""
    rng = random.Random(f"riding:{facts.account_number}:{facts.issue_date}")
    mark = other_make(rng, facts.branch, shape=facts.style.seal_shape, bottom=facts.style.seal_bottom)
    return replace(mark, fade=0.0, color=rng.choice(((214, 40, 36), (226, 62, 40), (196, 36, 52))),
                   ring=rng.choice((0.02, 0.03, 0.045)))


def _width(facts: StatementFacts) -> float:
    return 44.0 if facts.style.seal_shape == "oval" else 40.0


def seal_marks(facts: StatementFacts) -> list[tuple[int, str, str]]:
    """A slice of the seal at the edge of every page (a one-page print has none) and the whole seal on the last."""
    if not facts.sealed:
        return []
    n = facts.pages_declared
    marks = [(n, facts.branch, facts.style.seal_shape)]
    if n > 1:
        marks += [(page, facts.branch, "riding") for page in range(1, n + 1)]
    return sorted(marks)


class RidingPrint(StatementPage):
    """A counter print: facts box, a thin-ruled table, teller footer, and the riding seal's slice on every page."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        self.f, self.s, self.rng, self.pen = facts, facts.style, rng, pen
        self.holder_face = holder_face
        self.w, self.h = facts.style.page_mm
        self.left, self.right = rng.uniform(11, 15), self.w - rng.uniform(13, 17)
        n = facts.pages_declared
        room = [(self.h - _TOP - (_HEAD if k == 0 else _REPEAT) - _FOOT - (_SUMMARY if k == n - 1 else 2.0))
                / (rows + 1.4) for k, rows in enumerate(facts.page_rows)]
        self.pitch = min(6.6, *room)
        self.fs = min(8.4, self.pitch / 0.8)
        self.teller = f"{rng.choice(('G', 'T', ''))}{rng.randint(1000, 99999):05d}"
        self.checker = f"{rng.randint(1000, 99999):05d}"
        self.heads = [("序号", "index", 0.45), ("交易日期", "date", 1.0), ("交易时间", "time", 0.85),
                      (rng.choice(("摘要", "交易摘要")), "description", 1.05),
                      (rng.choice(("交易金额", "发生额")), "amount", 1.25),
                      (rng.choice(("账户余额", "本次余额", "余额")), "balance", 1.3),
                      ("对方账号", "account", 1.85), (rng.choice(("对方户名", "对方名称")), "counterparty", 1.9),
                      ("交易渠道", "channel", 0.85)]
        if self.s.landscape:
            self.heads.append(("日志号", "log", 0.95))
        total = sum(wt for _, _, wt in self.heads)
        self.widths = [(self.right - self.left) * wt / total for _, _, wt in self.heads]
        self.title = self.s.title
        seal = render_seal(random.Random(f"slices:{facts.account_number}"), _mark(facts),
                           int(_width(facts) * _PX_PER_MM))
        self.riding: Image.Image = png_seal(seal, max_px=700)
        self.riding_top = self.h * rng.uniform(0.3, 0.55)

    def _value(self, t: Transaction, key: str, index: int) -> str:
        s = self.s
        return {"index": str(index), "date": t.day.strftime("%Y%m%d"), "time": t.time, "description": t.description,
                "amount": money(t.amount, commas=s.commas, sign="+" if s.plus else ""),
                "balance": money(t.balance, commas=s.commas), "account": t.counter_account,
                "counterparty": t.counterparty, "channel": t.channel,
                "log": f"{(index * 7919 + t.day.toordinal() * 131) % 10**9:09d}"}[key]

    def header(self) -> float:
        pen, f, s = self.pen, self.f, self.s
        y = _TOP + 5
        pen.text(self.left, y, f.bank.name, 13.5, bold=True, color=f.bank.color)
        pen.text(self.right, y, f"打印日期：{f.issue_date:%Y%m%d}", 8.5, align="right")
        pen.text(self.w / 2, y + 9, self.title, 14, bold=True, align="center", spacing=0.4)
        top = y + 14
        span = self.right - self.left
        rows = ((("户　　名", f.account_holder, 0.34), ("账　　号", f.account_number, 0.4), ("币　　种", "人民币", 0.26)),
                (("起止日期", f"{f.period_start:%Y%m%d}—{f.period_end:%Y%m%d}", 0.34), ("开户网点", f.branch, 0.4),
                 ("期初余额", money(f.opening_balance, commas=s.commas), 0.26)))
        cell_h = 7.0
        for r, row in enumerate(rows):
            x = self.left
            for label, value, share in row:
                cw = span * share
                pen.rect(x, top + r * cell_h, cw, cell_h, stroke=_RULE, width=0.4)
                lw = pen.text(x + 1.5, top + r * cell_h + 4.8, f"{label}：", 8.6, color=(0.25, 0.25, 0.25))
                face = self.holder_face if label == "户　　名" else None
                pen.text(x + 1.5 + lw, top + r * cell_h + 4.8, value, 8.8, face=face, max_width=cw - lw - 3)
                x += cw
        return _TOP + _HEAD

    def repeat_header(self) -> float:
        pen, f = self.pen, self.f
        pen.text(self.left, _TOP + 5, f"{f.bank.name}　{self.title}（续）", 9, bold=True)
        x = self.right - pen.width(f"户名：{f.account_holder}　账号：{f.account_number}", 8.2)
        lw = pen.text(x, _TOP + 5, "户名：", 8.2)
        lw += pen.text(x + lw, _TOP + 5, f.account_holder, 8.2, face=self.holder_face)
        pen.text(x + lw, _TOP + 5, f"　账号：{f.account_number}", 8.2)
        return _TOP + _REPEAT

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        pen = self.pen
        if not rows:  # the plan's last page may hold only the totals: no empty heading row over them
            return y
        head_h = self.pitch * 1.4
        pen.rect(self.left, y, self.right - self.left, head_h, fill=(0.93, 0.93, 0.93), stroke=_RULE, width=0.5)
        x = self.left
        for (title, _, _), w in zip(self.heads, self.widths, strict=True):
            pen.text(x + w / 2, y + head_h * 0.68, title, self.fs, bold=True, align="center", max_width=w - 1)
            x += w
        top = y
        y += head_h
        for k, t in enumerate(rows):
            x = self.left
            for (_, key, _), w in zip(self.heads, self.widths, strict=True):
                text = self._value(t, key, first_index + k)
                right = key in ("amount", "balance", "index")
                pen.text(x + w - 0.9 if right else x + 0.9, y + self.pitch * 0.72, text, self.fs,
                         align="right" if right else "left", max_width=w - 1.8)
                x += w
            y += self.pitch
            pen.line(self.left, y, self.right, y, width=0.2, color=(0.55, 0.55, 0.55))
        x = self.left
        for w in [0.0, *self.widths]:
            x += w
            pen.line(x, top, x, y, width=0.2, color=(0.55, 0.55, 0.55))
        pen.line(self.left, y, self.right, y, width=0.5, color=_RULE)
        return y

    def footer(self, page: int, pages: int) -> None:
        pen, f = self.pen, self.f
        y = self.h - 8
        pen.text(self.left, y, f"打印网点：{f.branch}　打印柜员：{self.teller}", 7.6, max_width=(self.right - self.left) * 0.6)
        pen.text(self.right, y, f"第 {page} 页 共 {pages} 页", 8, align="right")
        if f.sealed and pages > 1:  # the sheets were fanned under one press: page k keeps the k-th slice
            seal = self.riding
            strip = seal.crop((seal.width * (page - 1) // pages, 0, seal.width * page // pages, seal.height))
            width = _width(f)
            w = width * strip.width / seal.width
            h = width * seal.height / seal.width
            pen.image(strip, self.w - w, self.riding_top + self.rng.uniform(-1.5, 1.5), w, h, multiply=True)

    def summary(self, y: float) -> tuple[float, float]:
        pen, f, s = self.pen, self.f, self.s
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        y += 6
        pen.text(self.left, y, f"收入合计：{len(credits)} 笔　{money(sum(credits, Decimal(0)), commas=s.commas)} 元　　"
                               f"支出合计：{len(debits)} 笔　{money(sum(debits, Decimal(0)), commas=s.commas)} 元", 8.8)
        y += 5.4
        pen.text(self.left, y, f"期末余额：{money(f.closing_balance, commas=s.commas)} 元", 8.8)
        y += 7
        n = f.pages_declared
        pen.text(self.left, y, f"以上交易明细共 {n} 页，经核对与我行业务系统记录一致。", 9)
        y += 6
        pen.text(self.left, y, f"经办：{self.teller}　　复核：{self.checker}", 8.6)
        return self.right - self.rng.uniform(25, 45), y - self.rng.uniform(6, 10)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """The plan's page and seal shape; a counter print's titles, signs on some, commas on most."""
    del facts
    return replace(style, plus=rng.random() < 0.35, commas=rng.random() < 0.7,
                   title=rng.choice(("个人活期账户明细", "账户交易明细清单", "活期储蓄明细查询", "个人账户交易流水")),
                   seal_bottom=rng.choice(("业务专用章", "业务受理章", "会计业务专用章")))


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """The same seal pressed whole over the certification under the last row."""
    del family
    press(pen, rng, _mark(facts), center=spot, width_mm=_width(facts))


PAGES = {RIDING: RidingPrint}
