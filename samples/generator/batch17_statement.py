"""Seventeenth-batch bank-statement family (templates.py): a counter clerk's spreadsheet export printed from Excel.

`statement_excel_print`: the branch's core system exports the 交易明细 to a spreadsheet and the clerk prints it from
Excel or WPS 表格 (landscape A4, "fit all columns on one page"): the sheet's gridlines round every cell, a merged title
row with the bank's name, the account facts in cells of their own (账号/户名/币种, 起始日期/终止日期/开户机构, 期初余额/期末余额/笔数), then
the columns 序号/交易日期/交易时间/借贷标志/交易金额/账户余额/摘要/对方户名/对方账号/交易机构: the direction as 借 or
贷 beside an unsigned amount, dates as Excel shows them (2026/3/5) or as text (2026-03-05), amounts in the sheet's
General format on most prints — no trailing zeros, 1234.5 and 300 — or with two decimals, and a counterparty
account held as a number shown as 6.22848E+18 on some; the heading row repeated on later pages only where the clerk
set print titles; Excel's footer 第 1 页，共 3 页 and, on some, the file name in the page header; after the last
row a 打印机构/打印柜员/打印时间 line with the branch's seal pressed over it by hand.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from .family_kit import press
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction

EXCEL = "statement_excel_print"
_GRID = (0.72, 0.72, 0.72)
_TOP, _FOOT = 14.0, 14.0
_HEAD_ROWS = 5  # title, three rows of account facts, a blank row


def general(amount: Decimal) -> str:
    """A number as a spreadsheet's General format shows it: no thousands separators, no trailing zeros."""
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def scientific(number: str) -> str:
    """A long digit string stored as a number and shown in a narrow General cell: 6.22848E+18."""
    if not number.isdigit() or len(number) < 12 or number[0] == "0":
        return number
    mantissa = f"{int(number) / 10 ** (len(number) - 1):.5f}".rstrip("0").rstrip(".")
    return f"{mantissa}E+{len(number) - 1}"


class ExcelPrint:
    """One sheet printed over landscape pages: gridlines, a title block on page 1, rows at a fixed pitch."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        self.f, self.s, self.rng, self.pen = facts, facts.style, rng, pen
        self.holder_face = holder_face
        self.w, self.h = facts.style.page_mm
        self.left, self.right = rng.uniform(9, 14), self.w - rng.uniform(9, 14)
        most = max(facts.page_rows) + _HEAD_ROWS + 3
        self.pitch = min(6.2, (self.h - _TOP - _FOOT - 16) / most)
        self.fs = min(8.6, self.pitch / 0.6)
        self.general = rng.random() < 0.65
        self.sci = rng.random() < 0.5
        self.slash = rng.random() < 0.6
        self.titles = rng.random() < 0.6  # heading row repeated on every page
        self.file_header = rng.choice(("", "", f"{facts.account_number[-4:]}交易明细.xls", "交易明细查询结果.xlsx",
                                       "Sheet1"))
        self.teller = f"{rng.choice(('A', 'B', 'G'))}{rng.randint(1000, 9999)}"
        self.clock = f"{rng.randint(9, 16):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        self.cols = [("序号", "index", 0.5), ("交易日期", "date", 1.05), ("交易时间", "time", 0.9),
                     (rng.choice(("借贷标志", "借贷", "借/贷")), "flag", 0.6), ("交易金额", "amount", 1.15),
                     (rng.choice(("账户余额", "余额", "联机余额")), "balance", 1.2),
                     ("摘要", "description", 1.1), ("对方户名", "counterparty", 2.4),
                     ("对方账号", "account", 1.5 if self.sci else 2.0), ("交易机构", "branch", 1.6)]
        if rng.random() < 0.4:
            self.cols.remove(("交易时间", "time", 0.9))
        total = sum(wt for _, _, wt in self.cols)
        self.widths = [(self.right - self.left) * wt / total for _, _, wt in self.cols]
        self.index = 0
        self.page = 0

    def _num(self, amount: Decimal) -> str:
        return general(amount) if self.general else f"{amount:.2f}"

    def _cell(self, t: Transaction, key: str) -> str:
        return {"index": str(self.index), "date": f"{t.day.year}/{t.day.month}/{t.day.day}" if self.slash
                else t.day.isoformat(), "time": t.time, "flag": "贷" if t.amount > 0 else "借",
                "amount": self._num(abs(t.amount)), "balance": self._num(t.balance), "description": t.description,
                "counterparty": t.counterparty, "account": scientific(t.counter_account) if self.sci
                else t.counter_account, "branch": self.f.branch}[key]

    def _row(self, y: float, cells: list[str], *, bold: bool = False, numbers: bool = True) -> None:
        pen = self.pen
        x = self.left
        for (_, key, _), w, text in zip(self.cols, self.widths, cells, strict=True):
            right = numbers and key in ("index", "amount", "balance") and not bold
            if key == "branch" and not bold:  # Excel cuts text at the cell's edge when it does not fit
                while text and pen.width(text, self.fs) > w - 1.6:
                    text = text[:-1]
            pen.text(x + w - 0.9 if right else x + 0.9, y + self.pitch * 0.74, text, self.fs,
                     align="right" if right else "left", max_width=None if key == "branch" else w - 1.6)
            x += w

    def _grid(self, top: float, bottom: float) -> None:
        pen = self.pen
        y = top
        while y <= bottom + 0.01:
            pen.line(self.left, y, self.right, y, width=0.3, color=_GRID)
            y += self.pitch
        x = self.left
        for w in [0.0, *self.widths]:
            x += w
            pen.line(x, top, x, bottom, width=0.3, color=_GRID)

    def header(self) -> float:
        pen, f = self.pen, self.f
        y = _TOP
        pen.text((self.left + self.right) / 2, y + self.pitch * 0.8, f"{f.bank.name}{self.s.title}", self.fs + 3,
                 bold=True, align="center")
        y += self.pitch * 1.4
        period = (f"{f.period_start.year}/{f.period_start.month}/{f.period_start.day}" if self.slash
                  else f.period_start.isoformat(),
                  f"{f.period_end.year}/{f.period_end.month}/{f.period_end.day}" if self.slash
                  else f.period_end.isoformat())
        lines = ((("账号", f.account_number), ("户名", f.account_holder), ("币种", "人民币")),
                 (("起始日期", period[0]), ("终止日期", period[1]), ("开户机构", f.branch)),
                 (("期初余额", self._num(f.opening_balance)), ("期末余额", self._num(f.closing_balance)),
                  ("笔数", str(len(f.transactions)))))
        third = (self.right - self.left) / 3
        for row in lines:
            for k, (label, value) in enumerate(row):
                x = self.left + k * third
                lw = pen.text(x + 0.9, y + self.pitch * 0.74, f"{label}：", self.fs)
                face = self.holder_face if label == "户名" else None
                pen.text(x + 0.9 + lw, y + self.pitch * 0.74, value, self.fs, face=face, max_width=third - lw - 3)
            pen.line(self.left, y, self.right, y, width=0.3, color=_GRID)
            y += self.pitch
        pen.line(self.left, y, self.right, y, width=0.3, color=_GRID)
        return y + self.pitch

    def repeat_header(self) -> float:
        return _TOP

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        self.page += 1
        top = y
        if self.page == 1 or self.titles:
            self.pen.rect(self.left, y, self.right - self.left, self.pitch, fill=(0.86, 0.89, 0.94))
            self._row(y, [title for title, _, _ in self.cols], bold=True)
            y += self.pitch
        for t in rows:
            self.index += 1
            self._row(y, [self._cell(t, key) for _, key, _ in self.cols])
            y += self.pitch
        self._grid(top, y)
        return y

    def footer(self, page: int, pages: int) -> None:
        pen = self.pen
        pen.text(self.w / 2, self.h - 8, f"第 {page} 页，共 {pages} 页", 8, align="center")
        if self.file_header:
            pen.text(self.w / 2, 8, self.file_header, 8, align="center")

    def summary(self, y: float) -> tuple[float, float]:
        pen, f = self.pen, self.f
        y += self.pitch * 0.9
        day = f.issue_date
        made = f"{day.year}/{day.month}/{day.day} {self.clock}" if self.slash else f"{day.isoformat()} {self.clock}"
        pen.text(self.left + 0.9, y, f"打印机构：{f.branch}　　打印柜员：{self.teller}　　打印时间：{made}", self.fs)
        return self.left + self.rng.uniform(45, 90), y + self.rng.uniform(-2, 8)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Landscape, unsigned amounts, the export's own title; the seal's shape stays the plan's."""
    del facts
    return replace(style, landscape=True, plus=False, commas=False,
                   title=rng.choice(("个人活期账户交易明细", "账户交易明细表", "客户交易明细", "活期存款账户明细")),
                   seal_bottom=rng.choice(("业务专用章", "业务受理专用章", "会计业务章")))


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """The branch's seal pressed by hand over the print line: the plan's shape, uneven ink, sometimes half-faded."""
    del family
    mark = other_make(rng, facts.branch, shape=facts.style.seal_shape, bottom=facts.style.seal_bottom)
    mark = replace(mark, fade=rng.choice((0.0, 0.4, 0.6)), inner=rng.random() < 0.3)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(44, 48) if facts.style.seal_shape == "oval"
          else rng.uniform(38, 42))


PAGES = {EXCEL: ExcelPrint}

