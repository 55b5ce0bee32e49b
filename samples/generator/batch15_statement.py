"""Fifteenth-batch bank-statement family (templates.py): a certified photocopy of a 活期储蓄存折's pages.

`statement_passbook_copy`: the customer's passbook brought up to date at the counter (补登) and copied in black and
white, two passbook pages to an A4 sheet (the booklet opened flat and enlarged, its edges and the stitched gutter
showing): each passbook page has its pre-printed heading in the passbook's own wording (the bank, 活期储蓄存折,
户名/账号 typed in by the passbook printer), numbered lines with faint guides and the columns 日期/摘要/支取/存入/结余/
对方户名/网点/柜员; the entries are dot-matrix type a little off the guides, dates as 20260305, no signs, the first
line 期初余额 and every later passbook page opening with 承前页 and the balance carried. The copier numbers the sheets
复印件 第 i 页 / 共 n 页 at the foot; on the last sheet the branch types its certification under the booklet (the
account, the period 2026.01.01至2026.03.31, the 期末余额, the date) and presses its oval 业务专用章 in red over it.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace

from .family_kit import date_text, press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import StatementPage

PASSBOOK_COPY = "statement_passbook_copy"
PRINTED = (0.42, 0.42, 0.42)  # the passbook's pre-printed ink, copied grey
TONER = (0.12, 0.12, 0.12)
_TOP, _BOTTOM, _FOOT = 12.0, 262.0, 35.0  # the booklet's top and bottom on the sheet; the sheet's foot below it
_HEAD, _GUTTER = 17.0, 7.0  # a passbook page's pre-printed heading; the stitched gutter between the two pages


def _lines(rows: int) -> int:
    """Lines the fuller of a sheet's two passbook pages holds (its rows and the carried balance)."""
    return math.ceil(rows / 2) + 1


def _pitch(facts: StatementFacts) -> float:
    page_h = (_BOTTOM - _TOP - _GUTTER) / 2
    room = page_h - _HEAD - 3
    return min([room / _lines(len(facts.rows_on(p))) for p in range(1, facts.pages_declared + 1)] + [5.2])


class PassbookCopy(StatementPage):
    """Two passbook pages copied on each A4 sheet, the rows shared between them."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.left, self.right = rng.uniform(16, 20), self.w - rng.uniform(16, 20)
        self.pitch = _pitch(facts)
        self.fs = min(8.2, self.pitch / 0.52)
        self.mono = Typeface("wqy_mono", "lib_mono", TONER)
        self.weights = (0.55, 1.2, 1.15, 1.25, 1.25, 1.4, 2.0, 0.75, 0.75)
        self.heads = ("行", "日期", "摘要", "支取", "存入", "结余", "对方户名", "网点", "柜员")
        self.branch_no = f"{rng.randint(1, 9999):04d}"
        self.tellers = [f"{rng.randint(1000, 99999):05d}" for _ in range(3)]
        self.skip = rng.randint(0, 6)  # lines already used on the first passbook page before the period began

    def _widths(self) -> list[float]:
        total = sum(self.weights)
        return [(self.right - self.left - 8) * w / total for w in self.weights]

    def _booklet(self) -> None:
        """The booklet opened flat on the copier: its grey edge, the tinted pages, the stitched gutter."""
        pen = self.pen
        pen.rect(self.left - 3, _TOP - 3, self.right - self.left + 6, _BOTTOM - _TOP + 6, fill=(0.55, 0.55, 0.55))
        pen.rect(self.left - 1.2, _TOP - 1.2, self.right - self.left + 2.4, _BOTTOM - _TOP + 2.4,
                 fill=(0.93, 0.93, 0.93))
        mid = (_TOP + _BOTTOM) / 2
        pen.rect(self.left - 1.2, mid - _GUTTER / 2, self.right - self.left + 2.4, _GUTTER, fill=(0.8, 0.8, 0.8))
        for k in range(4):
            x = self.left + (self.right - self.left) * (k + 0.5) / 4
            pen.line(x - 5, mid, x + 5, mid, width=1.0, color=(0.3, 0.3, 0.3))

    def _passbook_page(self, top: float, rows: tuple[Transaction, ...], carry: str, balance: object) -> None:
        """One passbook page: heading, numbered guide lines, then the printed entries a little off the guides."""
        pen, f, s = self.pen, self.f, self.s
        x0 = self.left + 4
        pen.text(x0, top + 5, f"{f.bank.name}　活期储蓄存折", 8.2, bold=True, color=PRINTED)
        pen.text(self.right - 4, top + 5, "钞汇标志：钞　币种：人民币", 6.4, align="right", color=PRINTED)
        pen.text(x0, top + 10, "户名", 6.4, color=PRINTED)
        pen.text(x0 + 8, top + 10.3, self.f.account_holder, self.fs, face=self.holder_face or self.mono)
        pen.text(x0 + 48, top + 10, "账号", 6.4, color=PRINTED)
        pen.text(x0 + 56, top + 10.3, self.account_text(), self.fs, face=self.mono)
        y = top + _HEAD - 3
        x = x0
        widths = self._widths()
        for head, w in zip(self.heads, widths, strict=True):
            pen.text(x + w / 2, y, head, 6.6, align="center", color=PRINTED)
            x += w
        pen.line(x0, y + 1.2, self.right - 4, y + 1.2, width=0.6, color=PRINTED)
        y += 1.2
        dx, dy = self.rng.uniform(-1.2, 1.2), self.rng.uniform(-0.35, 0.45)
        lines = [("", carry, "", "", balance, "", "", "")]
        for t in rows:
            lines.append((date_text(t.day, "compact"), t.description, money(-t.amount, commas=s.commas) if t.amount < 0
                          else "", money(t.amount, commas=s.commas) if t.amount > 0 else "",
                          money(t.balance, commas=s.commas), t.counterparty, self.branch_no,
                          self.rng.choice(self.tellers)))
        capacity = int(((_BOTTOM - _TOP - _GUTTER) / 2 - _HEAD - 3) / self.pitch)
        skip = min(self.skip, capacity - len(lines))
        self.skip = 0
        for k in range(capacity):  # the pre-printed, numbered guide lines of the whole page
            pen.line(x0, y + (k + 1) * self.pitch, self.right - 4, y + (k + 1) * self.pitch, width=0.2,
                     color=(0.78, 0.78, 0.78))
            pen.text(x0 + widths[0] / 2, y + (k + 1) * self.pitch - 0.6, f"{k + 1:02d}", min(6.0, self.fs),
                     align="center", color=PRINTED)
        y += skip * self.pitch
        for cells in lines:
            x = x0 + widths[0]
            for k, (text, w) in enumerate(zip(cells, widths[1:], strict=True)):
                if text:
                    right = 2 <= k <= 4
                    pen.text((x + w - 1.2 if right else x + 0.8) + dx, y + self.pitch * 0.78 + dy, str(text), self.fs,
                             align="right" if right else "left", face=self.mono, max_width=w - 1.4)
                x += w
            y += self.pitch

    def header(self) -> float:
        self._booklet()
        return _TOP

    def repeat_header(self) -> float:
        self._booklet()
        return _TOP

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        s = self.s
        half = math.ceil(len(rows) / 2)
        upper, lower = rows[:half], rows[half:]
        before = rows[0].balance - rows[0].amount if rows else self.f.closing_balance
        label = "期初余额" if first_index == 1 else "承前页"
        page_h = (_BOTTOM - _TOP - _GUTTER) / 2
        self._passbook_page(_TOP, upper, label, money(before, commas=s.commas))
        carried = upper[-1].balance if upper else before
        self._passbook_page(_TOP + page_h + _GUTTER, lower, "承前页", money(carried, commas=s.commas))
        return _BOTTOM

    def footer(self, page: int, pages: int) -> None:
        self.pen.text(self.right, self.h - 8, f"复印件　第 {page} 页 / 共 {pages} 页", 7.6, align="right",
                      color=(0.3, 0.3, 0.3))

    def summary(self, y: float) -> tuple[float, float]:
        pen, f, s = self.pen, self.f, self.s
        y = _BOTTOM + 9
        period = f"{date_text(f.period_start, 'dot')}至{date_text(f.period_end, 'dot')}"
        text = (f"以上为{f.account_holder}（账号{f.account_number}）{period}存折交易明细复印件，"
                f"期末余额{money(f.closing_balance, commas=s.commas)}元，经核对与原件一致。")
        for line in pen.wrap(text, 8.6, self.right - self.left):
            pen.text(self.left, y, line, 8.6)
            y += 4.8
        pen.text(self.left, y + 1, f"核对机构：{f.branch}　　核对日期：{date_text(f.issue_date, 'cn')}", 8.6,
                 max_width=self.right - self.left)
        return self.right - self.rng.uniform(30, 45), _BOTTOM + self.rng.uniform(8, 14)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Portrait sheets; the 存折 wording; the branch's oval 业务专用章."""
    del facts
    return replace(style, landscape=False, plus=False, commas=rng.random() < 0.4, title="存折明细复印件",
                   seal_shape="oval", seal_bottom="业务专用章")


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """A red oval 业务专用章, thick ring, pressed on the copy after copying (so in colour)."""
    del family
    mark = other_make(rng, facts.branch, shape="oval", bottom="业务专用章")
    mark = replace(mark, color=rng.choice(((214, 36, 40), (200, 46, 60), (226, 60, 44))), ring=rng.choice((0.03, 0.045)))
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 48))


PAGES = {PASSBOOK_COPY: PassbookCopy}
SHAPES = {PASSBOOK_COPY: "oval"}
