"""Held-out bank-statement families (templates.py): other banks' ways of laying out the same statement.

The facts, the pagination and the seal's page and shape are the plan's (statement.py); what differs is the
header (a ruled label table, prose, a stacked label column, a mobile-banking export, a counter-printed 对账单, an
internet bank's e-statement with a summary box),
the column set and order, the wording and the date and amount styles, and the seal's make. A mobile-banking
export always carries the round 电子回单专用章, a counter 对账单 the oval 业务专用章, an e-statement the round
电子专用章 (`seal_shape` tells the truth so).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from . import (
    batch5_statement,
    batch6_statement,
    batch7_statement,
    batch8_statement,
    batch9_statement,
    batch10_statement,
    batch11_statement,
    batch12_statement,
    batch13_statement,
    batch14_statement,
    batch15_statement,
    batch16_statement,
    batch17_statement,
    batch18_statement,
    batch19_statement,
)
from .family_kit import date_text, press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle
from .statement_pdf import GREY, Column, StatementPage, typeset_statement

LINE = (0.25, 0.25, 0.25)


class _LabelledTable(StatementPage):
    """Header as a ruled label/value table; 借方 (debit) before 贷方 (credit); the date first."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("账户名称", "户名")), account=rng.choice(("客户账号", "账号")))
        self.cols = [Column(rng.choice(("交易日期", "记账日期")), 1.2, "left", "date"),
                     Column(rng.choice(("摘要", "交易摘要")), 1.3, "left", "description"),
                     Column(rng.choice(("借方发生额", "借方金额")), 1.3, "right", "debit"),
                     Column(rng.choice(("贷方发生额", "贷方金额")), 1.3, "right", "credit"),
                     Column("余额", 1.4, "right", "balance"),
                     Column(rng.choice(("对方户名", "对方名称")), 2.5, "left", "counterparty"),
                     Column("对方账号", 1.9, "left", "account")]

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 6
        pen.text(self.left, y, f.bank.name, 12, bold=True)
        pen.text(self.w / 2, y + 7, s.title, 13, bold=True, align="center")
        top = y + 11
        row_h = (s.top + s.header - 1 - top) / 4
        period = f"{f.period_start.strftime(s.date_style)}—{f.period_end.strftime(s.date_style)}"
        cells = [(self.labels["holder"], f.account_holder, self.labels["account"], self.account_text()),
                 ("开户机构", f.branch, "币种", "人民币"),
                 ("查询起止日期", period, "打印日期", f.issue_date.strftime(s.date_style)),
                 ("期初余额", money(f.opening_balance, commas=s.commas), "钞汇标志", "钞")]
        widths = [0.16, 0.38, 0.14, 0.32]
        span = self.right - self.left
        size = s.size + 0.8
        for r, row in enumerate(cells):
            x = self.left
            for k, (text, share) in enumerate(zip(row, widths, strict=True)):
                w = span * share
                pen.rect(x, top + r * row_h, w, row_h, stroke=LINE, width=0.4,
                         fill=(0.93, 0.93, 0.93) if k % 2 == 0 else None)
                pen.text(x + 1.5, top + r * row_h + row_h * 0.7, text, size, color=GREY if k % 2 == 0 else None,
                         max_width=w - 3)
                x += w
        return s.top + s.header


class _ProseHeader(StatementPage):
    """Header as prose addressed to the customer; signed amounts; 记账日期/交易金额/余额/摘要/对方户名."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder="客户姓名", account=rng.choice(("卡号", "账号")))
        self.cols = [Column("记账日期", 1.2, "left", "date"), Column("交易金额", 1.4, "right", "amount"),
                     Column(rng.choice(("余额", "账户余额")), 1.4, "right", "balance"),
                     Column(rng.choice(("摘要", "交易说明")), 1.4, "left", "description"),
                     Column(rng.choice(("对方户名", "交易对手")), 2.6, "left", "counterparty"),
                     Column(rng.choice(("渠道", "交易渠道")), 1.0, "left", "channel")]

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 7
        pen.text(self.w / 2, y, s.title, 14, bold=True, align="center")
        pen.text(self.right, y + 6, f.bank.name, 9, align="right", color=GREY)
        size = s.size + 1.2
        y += 13
        line = f"客户姓名：{f.account_holder}　　{self.labels['account']}：{self.account_text()}　　开户行：{f.branch}"
        pen.text(self.left, y, line, size, max_width=self.right - self.left)
        text = (f"尊敬的客户：您在{date_text(f.period_start, 'cn')}至{date_text(f.period_end, 'cn')}期间的交易明细如下"
                f"（币种：人民币；期初余额：{money(f.opening_balance, commas=s.commas)}元；"
                f"打印日期：{date_text(f.issue_date, 'cn')}）。")
        for k, part in enumerate(pen.wrap(text, size, self.right - self.left)[:3]):
            pen.text(self.left, y + (k + 1) * size * 0.62, part, size)
        return s.top + s.header


class _StackedBlock(StatementPage):
    """Header as one stacked label column; 摘要 before the date; 收入/支出 split; the balance last."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder="账户名称", account=rng.choice(("卡号", "账号/卡号")))
        self.cols = [Column(rng.choice(("摘要", "业务摘要")), 1.3, "left", "description"),
                     Column(rng.choice(("交易日", "交易日期")), 1.2, "left", "date"),
                     Column(rng.choice(("收入", "存入金额")), 1.3, "right", "credit"),
                     Column(rng.choice(("支出", "支取金额")), 1.3, "right", "debit"),
                     Column(rng.choice(("对方信息", "对方户名/账号")), 4.0, "left", "party"),
                     Column(rng.choice(("余额", "结余")), 1.4, "right", "balance")]

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 7
        pen.text(self.right, y, s.title, 14, bold=True, align="right")
        pen.text(self.right, y + 6, f"打印日期 {f.issue_date.strftime(s.date_style)}", s.size, align="right", color=GREY)
        size = s.size + 0.9
        rows = [("开户行", f"{f.bank.name}{f.branch}" if not f.branch.startswith(f.bank.name) else f.branch),
                ("账户名称", f.account_holder), (self.labels["account"], self.account_text()), ("币种", "人民币元"),
                ("起止日期", f"{f.period_start.strftime(s.date_style)} ~ {f.period_end.strftime(s.date_style)}"),
                ("上期结余", money(f.opening_balance, commas=s.commas))]
        step = (s.header - 9) / len(rows)
        for k, (label, value) in enumerate(rows):
            yy = y + k * step
            pen.text(self.left, yy, f"{label}", size, color=GREY)
            pen.text(self.left + 20, yy, value, size, max_width=(self.right - self.left) * 0.55)
        return s.top + s.header


class _MobileExport(StatementPage):
    """A mobile-banking 交易明细 export: facts as lines under the title, date with time, 对手信息, e-seal at the foot."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("户名", "客户姓名")), account=rng.choice(("账号", "卡号", "账户")))
        self.cols = [Column("记账日期", 1.9, "left", "datetime"),
                     Column(rng.choice(("交易金额", "发生额")), 1.4, "right", "amount"),
                     Column(rng.choice(("账户余额", "联机余额")), 1.4, "right", "balance"),
                     Column(rng.choice(("交易摘要", "摘要")), 1.3, "left", "description"),
                     Column(rng.choice(("对手信息", "对方户名/账号")), 4.2, "left", "party")]
        if rng.random() < 0.4:  # some apps put the summary right after the date
            self.cols.insert(1, self.cols.pop(3))
        self.stamp = f"{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 6
        pen.text(self.left, y, f.bank.name, 10, color=f.bank.color)
        pen.text(self.w / 2, y + 7, s.title, 15, bold=True, align="center")
        size = s.size + 1.0
        period = f"{f.period_start.strftime(s.date_style)} - {f.period_end.strftime(s.date_style)}"
        lw = pen.text(self.left, y + 12, f"{self.labels['holder']}：", size)
        pen.text(self.left + lw, y + 12, f.account_holder, size, face=self.holder_face)
        lines = ["", f"{self.labels['account']}：{self.account_text()}",
                 f"币种：人民币　　钞汇标志：钞　　开户网点：{f.branch}", f"起止日期：{period}",
                 f"期初余额：{money(f.opening_balance, commas=s.commas)}",
                 f"生成时间：{f.issue_date.strftime(s.date_style)} {self.stamp}"]
        step = (s.header - 22) / len(lines)
        for k, line in enumerate(lines):
            pen.text(self.left, y + 12 + k * step, line, size, max_width=self.right - self.left)
        return s.top + s.header

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        pen.text(self.w / 2, self.h - s.foot / 2, f"第{page}页/共{pages}页", s.size + 0.5, align="center")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        credits = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        debits = sum((t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"收入总金额：{money(credits, commas=s.commas)}　　支出总金额：{money(-debits, commas=s.commas)}"
                 f"　　期末余额：{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        code = "".join(self.rng.choice("0123456789ABCDEF") for _ in range(16))
        pen.text(self.left, y + size * 0.7, f"验证码：{code}　本明细由手机银行生成，电子印章仅对本文件有效。", s.size,
                 color=GREY)
        return self.right - self.rng.uniform(22, 32), min(y + self.rng.uniform(8, 16), self.h - s.foot - 18)


class _CounterLedger(StatementPage):
    """A counter-printed 对账单 (city commercial bank / rural credit union): a framed three-column facts block,
    交易日期/交易时间/凭证号/摘要/借方/贷方/余额/对方账号/对方户名/交易渠道, page totals and 打印日期 in every footer."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder="客户名称", account=rng.choice(("账号", "账　号")))
        self.cols = [Column("交易日期", 1.15, "left", "date"), Column("交易时间", 0.85, "left", "time"),
                     Column("凭证号", 1.0, "left", "voucher"), Column("摘要", 1.2, "left", "description"),
                     Column("借方发生额", 1.25, "right", "debit"), Column("贷方发生额", 1.25, "right", "credit"),
                     Column("余额", 1.35, "right", "balance"), Column("对方账号", 1.6, "left", "account"),
                     Column("对方户名", 2.1, "left", "counterparty"), Column("交易渠道", 0.85, "left", "channel")]
        self.teller = f"{rng.randint(1, 9)}{rng.randint(0, 999):03d}"
        self.printed = f"{facts.issue_date.strftime(facts.style.date_style)}"

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top + 5
        pen.text(self.left, y, f.bank.name, 10.5, bold=True)
        pen.text(self.right, y, f"柜员号：{self.teller}", s.size, align="right", color=GREY)
        pen.text(self.w / 2, y + 8, s.title, 15, bold=True, align="center", spacing=1.5)
        top = y + 12
        box_h = s.top + s.header - 2 - top
        pen.rect(self.left, top, self.right - self.left, box_h, stroke=LINE, width=0.6)
        third = (self.right - self.left) / 3
        cells = [("客户名称", f.account_holder), (self.labels["account"], self.account_text()), ("币种", "人民币"),
                 ("钞汇标志", "钞"), ("起始日期", f.period_start.strftime(s.date_style)),
                 ("终止日期", f.period_end.strftime(s.date_style)),
                 ("开户机构", f.branch), ("上期余额", money(f.opening_balance, commas=s.commas)), ("", "")]
        size = s.size + 1.0
        step = box_h / 3
        for k, (label, value) in enumerate(cells):
            if not label:
                continue
            x, yy = self.left + 2 + (k % 3) * third, top + step * (k // 3) + step * 0.65
            lw = pen.text(x, yy, f"{label}：", size, color=GREY)
            face = self.holder_face if label == "客户名称" else None
            pen.text(x + lw, yy, value, size, face=face, max_width=third - lw - 4)
        return s.top + s.header

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        rows = self.f.rows_on(page)
        debit = sum((-t.amount for t in rows if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in rows if t.amount > 0), Decimal(0))
        y = self.h - s.foot + 3.5
        pen.text(self.left, y, f"本页借方合计：{money(debit, commas=s.commas)}　　本页贷方合计：{money(credit, commas=s.commas)}"
                 f"　　本页笔数：{len(rows)}", s.size + 0.3)
        pen.text(self.left, y + 5, f"打印日期：{self.printed}", s.size, color=GREY)
        pen.text(self.right, y + 5, f"第 {page} 页　共 {pages} 页", s.size + 0.3, align="right")

    def summary(self, y: float) -> tuple[float, float]:
        s, pen, f = self.s, self.pen, self.f
        debit = sum((-t.amount for t in f.transactions if t.amount < 0), Decimal(0))
        credit = sum((t.amount for t in f.transactions if t.amount > 0), Decimal(0))
        y += 6
        size = s.size + 0.8
        pen.text(self.left, y, f"本期借方累计：{money(debit, commas=s.commas)}　　本期贷方累计：{money(credit, commas=s.commas)}"
                 f"　　期末余额：{money(f.closing_balance, commas=s.commas)}", size, max_width=self.right - self.left)
        pen.text(self.left, y + size * 0.65, "请核对上述账务，如有不符请于收到本对账单之日起十五日内与我行联系。", s.size,
                 color=GREY)
        return self.right - self.rng.uniform(30, 45), min(y + self.rng.uniform(6, 12), self.h - s.foot - 16)


class _EbankSummary(StatementPage):
    """An internet bank's 电子对账单: brand bar, account lines, a ruled summary box (期初/期末余额, 收入/支出 笔数 and
    金额) before the detail, columns 交易时间 (date and time)/交易类型/收支/金额/余额/交易对方/备注, page n/N top right."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        super().__init__(facts, rng, pen, holder_face)
        self.labels.update(holder=rng.choice(("账户名称", "户名")), account=rng.choice(("账户号码", "电子账户")))
        self.cols = [Column("交易时间", 2.0, "left", "datetime"), Column("交易类型", 1.3, "left", "description"),
                     Column("收支", 0.6, "left", "direction"), Column("金额", 1.4, "right", "magnitude"),
                     Column("余额", 1.4, "right", "balance"), Column("交易对方", 2.6, "left", "counterparty"),
                     Column("备注", 1.0, "left", "channel")]

    def header(self) -> float:
        pen, s, f = self.pen, self.s, self.f
        y = s.top
        pen.rect(self.left, y, self.right - self.left, 7, fill=f.bank.color)
        pen.text(self.left + 3, y + 5, f.bank.name, 10.5, bold=True, color=(1, 1, 1))
        pen.text(self.right - 3, y + 5, "电子对账单", 9, align="right", color=(1, 1, 1))
        pen.text(self.w / 2, y + 14, s.title, 13.5, bold=True, align="center")
        size = s.size + 0.8
        period = f"{f.period_start.strftime(s.date_style)} 至 {f.period_end.strftime(s.date_style)}"
        half = (self.right - self.left) / 2
        lw = pen.text(self.left, y + 20, f"{self.labels['holder']}：", size)
        pen.text(self.left + lw, y + 20, f.account_holder, size, face=self.holder_face)
        pen.text(self.left + half, y + 20, f"{self.labels['account']}：{self.account_text()}", size, max_width=half)
        pen.text(self.left, y + 20 + size * 0.55, f"对账期间：{period}", size)
        pen.text(self.left + half, y + 20 + size * 0.55, f"开户机构：{f.branch}", size, max_width=half)
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        cells = [("期初余额", money(f.opening_balance, commas=s.commas)),
                 ("收入笔数", str(len(credits))), ("收入金额", money(sum(credits, Decimal(0)), commas=s.commas)),
                 ("期末余额", money(f.closing_balance, commas=s.commas)),
                 ("支出笔数", str(len(debits))), ("支出金额", money(sum(debits, Decimal(0)), commas=s.commas))]
        box_top = s.top + s.header - 14
        box_h, cw = 5.5, (self.right - self.left) / 6
        for k, (label, value) in enumerate(cells):
            x, yy = self.left + (k % 3) * 2 * cw, box_top + (k // 3) * box_h
            pen.rect(x, yy, cw, box_h, stroke=LINE, width=0.4, fill=(0.93, 0.95, 0.98))
            pen.rect(x + cw, yy, cw, box_h, stroke=LINE, width=0.4)
            pen.text(x + cw / 2, yy + box_h * 0.7, label, s.size, align="center", bold=True)
            pen.text(x + 2 * cw - 2, yy + box_h * 0.7, value, s.size, align="right", max_width=cw - 3)
        return s.top + s.header

    def footer(self, page: int, pages: int) -> None:
        s, pen = self.s, self.pen
        pen.text(self.right, s.top - 3, f"{page}/{pages}", s.size, align="right", color=GREY)
        pen.text(self.w / 2, self.h - s.foot / 2, "本对账单由网上银行系统生成，加盖电子印章后与纸质对账单具有同等效力。",
                 s.size - 0.3, align="center", color=GREY)

    def summary(self, y: float) -> tuple[float, float]:
        s, pen = self.s, self.pen
        y += 6
        pen.text(self.left, y, f"生成日期：{self.f.issue_date.strftime(s.date_style)}　　—— 以下空白 ——", s.size + 0.5)
        return self.right - self.rng.uniform(28, 40), min(y + self.rng.uniform(8, 14), self.h - s.foot - 18)


def seal_shape(family: str, style: StatementStyle) -> str:
    """The shape of the bank's seal on a statement of this family (a mobile export carries the round e-seal,
    a counter 对账单 the oval business seal)."""
    if family in ("statement_counter_ledger", batch5_statement.FAMILY):
        return "oval"
    if family in batch6_statement.SHAPES:
        return batch6_statement.SHAPES[family]
    if family in batch7_statement.SHAPES:
        return batch7_statement.SHAPES[family]
    if family in batch8_statement.SHAPES:
        return batch8_statement.SHAPES[family]
    if family in batch9_statement.SHAPES:
        return batch9_statement.SHAPES[family]
    if family in batch10_statement.SHAPES:
        return batch10_statement.SHAPES[family]
    if family in batch11_statement.SHAPES:
        return batch11_statement.SHAPES[family]
    if family in batch12_statement.SHAPES:
        return batch12_statement.SHAPES[family]
    if family in batch13_statement.SHAPES:
        return batch13_statement.SHAPES[family]
    if family in batch14_statement.SHAPES:
        return batch14_statement.SHAPES[family]
    if family in batch15_statement.SHAPES:
        return batch15_statement.SHAPES[family]
    if family in batch16_statement.SHAPES:
        return batch16_statement.SHAPES[family]
    rounds = ("statement_mobile_export", "statement_ebank_summary", batch5_statement.PASSBOOK)
    return "round" if family in rounds else style.seal_shape


_PAGES: dict[str, Callable[[StatementFacts, random.Random, Pen, Typeface | None], StatementPage]] = {
    "statement_labelled_table": _LabelledTable, "statement_prose_header": _ProseHeader,
    "statement_stacked_block": _StackedBlock, "statement_mobile_export": _MobileExport,
    "statement_counter_ledger": _CounterLedger, "statement_ebank_summary": _EbankSummary,
    batch5_statement.FAMILY: batch5_statement.BilingualSigned, batch5_statement.PASSBOOK: batch5_statement.PassbookDetail,
    **batch6_statement.PAGES, **batch7_statement.PAGES, **batch8_statement.PAGES,
    **batch9_statement.PAGES, **batch10_statement.PAGES, **batch11_statement.PAGES,
    **batch12_statement.PAGES, **batch13_statement.PAGES, **batch14_statement.PAGES,
    **batch15_statement.PAGES, **batch16_statement.PAGES, **batch17_statement.PAGES,
    **batch18_statement.PAGES, **batch19_statement.PAGES,
}
_DATE_FORMATS = ("%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y%m%d")


def render_family(family: str, facts: StatementFacts, rng: random.Random, *, when: datetime, producer: str,
                  holder_face: Typeface | None = None) -> bytes:
    """The statement in a held-out family's layout: every printed page, the seal on the last (if sealed)."""
    style = replace(facts.style, date_style=rng.choice(_DATE_FORMATS), plus=family == "statement_prose_header"
                    and rng.random() < 0.5)
    if family == "statement_mobile_export":
        style = replace(style, title=rng.choice(("交易明细", "账户交易明细", "个人账户交易明细")), plus=rng.random() < 0.5,
                        commas=rng.random() < 0.6, seal_shape="round", seal_bottom="电子回单专用章")
    if family == "statement_counter_ledger":
        style = replace(style, title=rng.choice(("对账单", "客户对账单", "活期存款对账单", "个人账户对账单")),
                        seal_shape="oval", seal_bottom="业务专用章", plus=False)
    if family == "statement_ebank_summary":
        style = replace(style, title=rng.choice(("账户对账单", "个人账户对账单", "活期账户交易对账单")), plus=False,
                        seal_shape="round", seal_bottom="电子专用章")
    if family == batch5_statement.FAMILY:
        style = batch5_statement.style_for(style, rng)
    if family == batch5_statement.PASSBOOK:
        style = batch5_statement.passbook_style(style, rng)
    if family in batch6_statement.PAGES:
        style = batch6_statement.style_for(family, style, rng)
    if family in batch7_statement.PAGES:
        style = batch7_statement.style_for(family, style, rng)
    if family in batch8_statement.PAGES:
        style = batch8_statement.style_for(family, style, rng)
    if family in batch9_statement.PAGES:
        style = batch9_statement.style_for(family, style, rng)
    if family in batch10_statement.PAGES:
        style = batch10_statement.style_for(family, style, rng)
    if family in batch11_statement.PAGES:
        style = batch11_statement.style_for(family, style, rng)
    if family in batch12_statement.PAGES:
        style = batch12_statement.style_for(family, style, rng)
    if family in batch13_statement.PAGES:
        style = batch13_statement.style_for(facts, style, rng)
    if family in batch14_statement.PAGES:
        style = batch14_statement.style_for(facts, style, rng)
    if family in batch15_statement.PAGES:
        style = batch15_statement.style_for(facts, style, rng)
    if family in batch16_statement.PAGES:
        style = batch16_statement.style_for(facts, style, rng)
    if family in batch17_statement.PAGES:
        style = batch17_statement.style_for(facts, style, rng)
    if family in batch18_statement.PAGES:
        style = batch18_statement.style_for(facts, style, rng)
    if family in batch19_statement.PAGES:
        style = batch19_statement.style_for(facts, style, rng)
    facts = replace(facts, style=style)

    def seal(pen: Pen, spot: tuple[float, float]) -> None:
        if family == batch5_statement.FAMILY:
            batch5_statement.press_seal(facts, rng, pen, spot)
            return
        if family == batch5_statement.PASSBOOK:
            batch5_statement.press_passbook_seal(facts, rng, pen, spot)
            return
        if family in batch6_statement.PAGES:
            batch6_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch7_statement.PAGES:
            batch7_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch8_statement.PAGES:
            batch8_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch9_statement.PAGES:
            batch9_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch10_statement.PAGES:
            batch10_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch11_statement.PAGES:
            batch11_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch12_statement.PAGES:
            batch12_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch13_statement.PAGES:
            batch13_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch14_statement.PAGES:
            batch14_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch15_statement.PAGES:
            batch15_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch16_statement.PAGES:
            batch16_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch17_statement.PAGES:
            batch17_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch18_statement.PAGES:
            batch18_statement.press_seal(family, facts, rng, pen, spot)
            return
        if family in batch19_statement.PAGES:
            batch19_statement.press_seal(family, facts, rng, pen, spot)
            return
        mark = other_make(rng, facts.branch, shape=style.seal_shape, bottom=style.seal_bottom)
        press(pen, rng, mark, center=spot, width_mm=rng.uniform(42, 50) if style.seal_shape == "oval"
              else rng.uniform(36, 42))

    return typeset_statement(facts, rng, when=when, producer=producer, holder_face=holder_face,
                             page_of=_PAGES[family], seal=seal)


FAMILIES = tuple(_PAGES)
