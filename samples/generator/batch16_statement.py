"""Sixteenth-batch bank-statement family (templates.py): a mobile bank's 电子流水 export listing the newest first.

`statement_app_newest_first`: the PDF a bank's app mails out when the customer asks for 交易明细 / 电子流水 (born
digital, portrait A4): a coloured band with the bank's name, the title and 流水号, the query as the app shows it —
户名 or 账户名称/客户姓名, 账号 or 卡号, 币种, 开户网点, 查询期间 2026-01-01 至 2026-03-31, 生成时间 with the clock time,
on most exports 排序：交易时间倒序 —, a shaded summary of 期初余额/期末余额/收入 N 笔/支出 N 笔; then the rows as the app
lists them, the newest on top, so page 1 holds the last weeks and the last page the first: the date (2026-03-05,
2026/03/05 or 20260305, the time in its own column on some), and in the export's own order 摘要/对方户名/收入/支出/
余额 (收入 and 支出 unsigned, in separate columns, either one first), 户名/账号 over the headings of later pages,
第 i 页 / 共 n 页 with the 流水号 at every foot, and after the oldest row — 以下空白 —, a note that the file carries
the bank's electronic seal with a 验证码 to check it, and the crisp round e-seal (电子专用章 / 电子业务专用章) beside it.

The plan's pages hold the rows oldest first; this export fills its pages with the same numbers of rows from the newest
back, so a page handed in or left out holds other rows than the plan's page of that number: `fields` lists the
transactions of the pages handed in (in date order, as every statement's truth does).
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

from .family_kit import press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import GREY, StatementPage

NEWEST_FIRST = "statement_app_newest_first"
_TOP, _HEAD, _REPEAT, _FOOT, _SUMMARY = 10.0, 62.0, 15.0, 14.0, 52.0
_HAIR = (0.82, 0.82, 0.84)


def _span(facts: StatementFacts, page: int) -> range:
    """Positions, in date order, of the rows printed on a page of the export (the newest rows come first)."""
    total = len(facts.transactions)
    start = sum(facts.page_rows[: page - 1])
    return range(total - 1 - start, total - 1 - start - facts.page_rows[page - 1], -1)


def _pitch(facts: StatementFacts) -> float:
    """The row pitch that fits every printed page."""
    n = facts.pages_declared
    pitches = []
    for k in range(1, n + 1):
        rows = facts.page_rows[k - 1] + 1.6  # the headings
        room = 297.0 - _TOP - (_HEAD if k == 1 else _REPEAT) - _FOOT - (_SUMMARY if k == n else 0.0)
        pitches.append(room / rows)
    return min([*pitches, 6.6])


def printed_rows(facts: StatementFacts, page: int) -> tuple[Transaction, ...]:
    """The rows printed on a page of the export, top to bottom (newest first)."""
    return tuple(facts.transactions[i] for i in _span(facts, page))


def fields(facts: StatementFacts) -> dict[str, Any]:
    """The statement's truth as the handed-in pages of this export show them (transactions in date order)."""
    out = facts.fields()
    shown = sorted(i for k in facts.present_pages() for i in _span(facts, k))
    out["transactions"] = [facts.transactions[i].fields() for i in shown]
    return out


class NewestFirst(StatementPage):
    """The app's export: brand band, query block and summary, rows newest first, e-seal after the oldest row."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.left, self.right = rng.uniform(12, 16), self.w - rng.uniform(12, 16)
        self.pitch = _pitch(facts)
        self.fs = min(8.0, self.pitch / 0.62)
        self.serial = f"{rng.choice(('DZLS', 'LS', 'EB'))}{facts.issue_date:%Y%m%d}{rng.randint(10**9, 10**10 - 1)}"
        self.code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
        self.clock = f"{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        self.date_fmt = rng.choice(("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"))
        self.sorted_note = rng.random() < 0.65
        credit = rng.choice(("收入", "存入", "收入金额"))
        debit = {"收入": "支出", "存入": "支取", "收入金额": "支出金额"}[credit]
        money_cols = [(credit, "credit"), (debit, "debit")]
        if rng.random() < 0.4:
            money_cols.reverse()
        balance = (rng.choice(("余额", "账户余额", "交易后余额")), "balance")
        text_cols = [(rng.choice(("摘要", "交易摘要", "交易类型")), "description"),
                     (rng.choice(("对方户名", "对方账户名", "交易对方")), "counterparty")]
        if rng.random() < 0.5:
            text_cols.reverse()
        dated = [("交易日期", "date"), ("时间", "time")] if rng.random() < 0.5 else [("交易日期", "date")]
        order = rng.choice(("text_first", "money_first"))
        rest = text_cols + money_cols + [balance] if order == "text_first" else money_cols + [balance] + text_cols
        self.columns = dated + rest
        weight = {"date": 1.15, "time": 0.8, "description": 1.3, "counterparty": 2.6, "credit": 1.3, "debit": 1.3,
                  "balance": 1.4}
        total = sum(weight[k] for _, k in self.columns)
        self.widths = [(self.right - self.left) * weight[k] / total for _, k in self.columns]
        self.printed = 0  # pages whose table is drawn

    def _cell(self, t: Transaction, key: str) -> str:
        commas = self.s.commas
        return {"date": t.day.strftime(self.date_fmt), "time": t.time, "description": t.description,
                "counterparty": t.counterparty or "—", "balance": money(t.balance, commas=commas),
                "credit": money(t.amount, commas=commas) if t.amount > 0 else "",
                "debit": money(-t.amount, commas=commas) if t.amount < 0 else ""}[key]

    def header(self) -> float:
        pen, f, s = self.pen, self.f, self.s
        band = f.bank.color
        pen.rect(0, 0, self.w, 17, fill=band)
        pen.text(self.left, 11, f.bank.name, 13, bold=True, color=(1, 1, 1))
        pen.text(self.right, 11, "手机银行", 9, align="right", color=(1, 1, 1))
        pen.text(self.w / 2, 27, s.title, 14, bold=True, align="center")
        pen.text(self.right, 33, f"流水号：{self.serial}", 7.2, align="right", color=GREY)
        period = f"{f.period_start.strftime(self.date_fmt)} 至 {f.period_end.strftime(self.date_fmt)}"
        made = f"{f.issue_date.strftime(self.date_fmt)} {self.clock}"
        rows = [((self.labels["holder"], f.account_holder), (self.labels["account"], self.account_text())),
                (("币种", "人民币"), ("开户网点", f.branch)),
                (("查询期间", period), ("生成时间", made))]
        y = 40.0
        half = (self.right - self.left) / 2
        for pair in rows:
            for k, (label, value) in enumerate(pair):
                x = self.left + k * half
                lw = pen.text(x, y, f"{label}：", 8.4, color=GREY)
                face = self.holder_face if label == self.labels["holder"] else None
                pen.text(x + lw, y, value, 8.4, face=face, max_width=half - lw - 3)
            y += 5.2
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [t.amount for t in f.transactions if t.amount < 0]
        pen.rect(self.left, y - 2, self.right - self.left, 7.5, fill=(0.94, 0.95, 0.97))
        quarter = (self.right - self.left) / 4
        summary = (f"期初余额：{money(f.opening_balance, commas=s.commas)}",
                   f"收入 {len(credits)} 笔：{money(sum(credits, Decimal(0)), commas=s.commas)}",
                   f"支出 {len(debits)} 笔：{money(-sum(debits, Decimal(0)), commas=s.commas)}",
                   f"期末余额：{money(f.closing_balance, commas=s.commas)}")
        for k, text in enumerate(summary):
            pen.text(self.left + 2 + k * quarter, y + 3.2, text, 7.6, max_width=quarter - 3)
        if self.sorted_note:
            pen.text(self.right, y + 10, "排序：交易时间倒序", 7.2, align="right", color=GREY)
        return _TOP + _HEAD - 2

    def repeat_header(self) -> float:
        pen = self.pen
        pen.text(self.left, _TOP + 3, f"{self.labels['holder']}：{self.f.account_holder}", 8, color=GREY)
        pen.text(self.right, _TOP + 3, f"{self.labels['account']}：{self.account_text()}", 8, align="right",
                 color=GREY)
        pen.line(self.left, _TOP + 5, self.right, _TOP + 5, width=0.4, color=self.f.bank.color)
        return _TOP + _REPEAT - 6

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        del rows, first_index  # the export lists the rows the other way round
        self.printed += 1
        pen = self.pen
        shown = printed_rows(self.f, self.printed)
        head = self.pitch * 1.3
        pen.rect(self.left, y, self.right - self.left, head, fill=(0.9, 0.92, 0.95))
        x = self.left
        for (title, key), w in zip(self.columns, self.widths, strict=True):
            right = key in ("credit", "debit", "balance")
            pen.text(x + w - 1.2 if right else x + 1.2, y + head * 0.7, title, self.fs, bold=True,
                     align="right" if right else "left", max_width=w - 2)
            x += w
        y += head
        for t in shown:
            x = self.left
            for (_, key), w in zip(self.columns, self.widths, strict=True):
                right = key in ("credit", "debit", "balance")
                pen.text(x + w - 1.2 if right else x + 1.2, y + self.pitch * 0.72, self._cell(t, key), self.fs,
                         align="right" if right else "left", max_width=w - 2.4)
                x += w
            y += self.pitch
            pen.line(self.left, y, self.right, y, width=0.2, color=_HAIR)
        return y

    def footer(self, page: int, pages: int) -> None:
        pen = self.pen
        pen.text(self.left, self.h - 7, f"流水号：{self.serial}", 7, color=GREY)
        pen.text(self.right, self.h - 7, f"第 {page} 页 / 共 {pages} 页", 7.6, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        pen, f = self.pen, self.f
        pen.text(self.w / 2, y + 5, "— 以下空白 —", 7.6, align="center", color=GREY)
        top = y + 8
        y += 12
        note = (f"本电子流水由{f.bank.name}手机银行生成，已加盖本行电子印章，与柜面打印的交易明细具有同等效力。"
                f"您可登录{f.bank.name}官方网站或手机银行“电子流水验真”栏目，输入验证码 {self.code} 核验。")
        for line in pen.wrap(note, 7.6, (self.right - self.left) * 0.62):
            pen.text(self.left, y, line, 7.6, color=GREY)
            y += 4.2
        return self.right - self.rng.uniform(24, 32), top + 20 + self.rng.uniform(0, 5)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Portrait A4, the app's titles, unsigned amounts and its round e-seal."""
    del facts
    return replace(style, landscape=False, plus=False, commas=rng.random() < 0.7,
                   title=rng.choice(("账户交易明细", "个人账户电子流水", "交易流水明细", "借记卡交易明细")),
                   seal_shape="round", seal_bottom=rng.choice(("电子专用章", "电子业务专用章")))


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """The bank's electronic seal as the export embeds it: crisp, even ink, a thin ring, bright red."""
    del family
    mark = other_make(rng, facts.branch, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(228, 246), rng.randint(10, 28), rng.randint(16, 34)),
                   ring=rng.choice((0.016, 0.022)), fade=0.0, opacity=0.96, star=True, rotation=0.0)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(36, 40))


PAGES = {NEWEST_FIRST: NewestFirst}
SHAPES = {NEWEST_FIRST: "round"}
