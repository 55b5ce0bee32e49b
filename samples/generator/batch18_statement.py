"""Eighteenth-batch bank-statement family (templates.py): a 交易明细 printed by a branch's self-service terminal.

`statement_kiosk_microtext`: the customer puts the card into the lobby's 自助打印终端 / 智能柜台 and prints the account's
history on portrait A4 security paper: a pale tiled microtext ground (the bank's name and 自助打印 repeated, printed
with the page, so a picture) under everything, the bank and 自助打印 at the top left, 终端号 and 打印流水号 in a small
box at the top right, the title, the account facts as an unruled block (户名/账号, 币种/钞汇, 查询起止日期 with the
dates as 2026.03.05, 开户机构/打印日期, 期初余额), then a table under a thick rule — 交易日期/交易地点/摘要/入账金额/
出账金额/余额/对方账户名称/对方账号 — the place a branch or a channel (手机银行, ATM), the counterparty's name wrapping
onto a second line inside its cell where it is long; every page's foot repeats 终端号, 打印流水号 and 第 i 页 共 n 页
with a note that the print is valid with the electronic seal; after the last row 入账合计/出账合计 with counts and
期末余额, and the terminal's red-orange electronic seal (the plan's shape) printed over them, run partly off the
page's right edge.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from PIL import Image, ImageDraw

from . import fonts
from .family_kit import press
from .finance import money
from .pdfkit import Pen, Typeface
from .seal import other_make
from .statement import StatementFacts, StatementStyle, Transaction
from .statement_pdf import StatementPage

KIOSK = "statement_kiosk_microtext"
_TOP, _FOOT = 12.0, 18.0
_RULE = (0.25, 0.25, 0.25)


def dotted(day: object) -> str:
    """A date as the terminal prints it: 2026.03.05."""
    return f"{day:%Y.%m.%d}"


def _ground(w_mm: float, h_mm: float, words: str, tint: tuple[float, float, float], rng: random.Random) -> Image.Image:
    """The security paper's microtext ground as a picture at 6 px/mm: rows of tiny text, every other row shifted."""
    px = 6
    img = Image.new("RGB", (int(w_mm * px), int(h_mm * px)), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    fnt = fonts.font("sans", int(1.6 * px))
    colour = tuple(int(255 - (255 - 255 * c) * 0.09) for c in tint)
    line = (words + "　") * 30
    step = 2.6 * px
    shift = rng.uniform(0, 20)
    y, k = 0.0, 0
    while y < img.height:
        draw.text((-(shift + (k % 2) * 9) * px, y), line, font=fnt, fill=colour)
        y += step
        k += 1
    return img


class KioskPrint(StatementPage):
    """One terminal print: microtext ground, header box, an unruled facts block, the table, the terminal's footer."""

    def __init__(self, facts: StatementFacts, rng: random.Random, pen: Pen, holder_face: Typeface | None) -> None:
        self.f, self.s, self.rng, self.pen = facts, facts.style, rng, pen
        self.holder_face = holder_face
        self.w, self.h = facts.style.page_mm
        self.left, self.right = rng.uniform(10, 14), self.w - rng.uniform(10, 14)
        n = len(facts.page_rows)
        room = [(self.h - _TOP - (58.0 if k == 0 else 10.0) - _FOOT - (24.0 if k == n - 1 else 2.0)) / (rows + 1.4)
                for k, rows in enumerate(facts.page_rows)]
        self.pitch = min(7.4, *room)
        self.fs = min(8.2, self.pitch / 0.88)
        self.terminal = f"{rng.choice(('ZZ', 'SST', 'ITM'))}{rng.randint(10000, 99999)}"
        self.serial = f"{facts.issue_date:%Y%m%d}{rng.randint(10**9, 10**10 - 1)}"
        self.ground = _ground(self.w, self.h, f"{facts.bank.name}自助打印", facts.bank.color, rng)
        self.heads = [("交易日期", "date", 1.05), ("交易地点", "place", 1.2), ("摘要", "description", 1.0),
                     (rng.choice(("入账金额", "收入金额")), "credit", 1.1),
                     (rng.choice(("出账金额", "支出金额")), "debit", 1.1), ("余额", "balance", 1.15),
                     (rng.choice(("对方账户名称", "对方户名")), "counterparty", 1.9), ("对方账号", "account", 1.7)]
        total = sum(wt for _, _, wt in self.heads)
        self.widths = [(self.right - self.left) * wt / total for _, _, wt in self.heads]

    def _paper(self) -> None:
        self.pen.image(self.ground, 0, 0, self.w, self.h)

    def _value(self, t: Transaction, key: str) -> str:
        commas = self.s.commas
        return {"date": dotted(t.day), "place": t.channel if t.channel and t.channel != "柜面" else self.f.branch,
                "description": t.description,
                "credit": money(t.amount, commas=commas) if t.amount > 0 else "",
                "debit": money(-t.amount, commas=commas) if t.amount < 0 else "",
                "balance": money(t.balance, commas=commas), "counterparty": t.counterparty,
                "account": t.counter_account}[key]

    def header(self) -> float:
        pen, f = self.pen, self.f
        self._paper()
        y = _TOP + 6
        pen.text(self.left, y, f.bank.name, 13, bold=True, color=f.bank.color)
        pen.text(self.left, y + 5.5, "自助打印  SELF-SERVICE PRINT", 6.5, color=(0.4, 0.4, 0.4))
        bw = 62.0
        pen.rect(self.right - bw, _TOP, bw, 12, stroke=_RULE, width=0.3)
        pen.text(self.right - bw + 2, _TOP + 4.6, f"终端号：{self.terminal}", 7.2)
        pen.text(self.right - bw + 2, _TOP + 9.6, f"打印流水号：{self.serial}", 7.2, max_width=bw - 4)
        pen.text(self.w / 2, y + 14, self.s.title, 14.5, bold=True, align="center")
        y += 24
        size = 8.8
        half = (self.right - self.left) / 2
        rows = ((("户　　名", f.account_holder), ("账　　号", f.account_number)),
                (("币　　种", "人民币"), ("钞汇标志", "钞")),
                (("查询起止日期", f"{dotted(f.period_start)}—{dotted(f.period_end)}"), ("开户机构", f.branch)),
                (("期初余额", money(f.opening_balance, commas=self.s.commas)), ("打印日期", dotted(f.issue_date))))
        for row in rows:
            for k, (label, value) in enumerate(row):
                x = self.left + k * half
                lw = pen.text(x, y, f"{label}：", size, color=(0.3, 0.3, 0.3))
                face = self.holder_face if label == "户　　名" else None
                pen.text(x + lw, y, value, size, face=face, max_width=half - lw - 3)
            y += 5.6
        return _TOP + 58.0

    def repeat_header(self) -> float:
        pen, f = self.pen, self.f
        self._paper()
        pen.text(self.left, _TOP + 5, f"{f.bank.name}　{self.s.title}（续）", 9, bold=True)
        pen.text(self.right, _TOP + 5, f"户名：{f.account_holder}　账号：{f.account_number}", 8, align="right",
                 face=None)
        return _TOP + 10

    def table(self, y: float, rows: tuple[Transaction, ...], first_index: int) -> float:
        del first_index
        pen = self.pen
        pen.line(self.left, y, self.right, y, width=1.1, color=_RULE)
        x = self.left
        for (title, _, _), w in zip(self.heads, self.widths, strict=True):
            pen.text(x + w / 2, y + self.pitch * 0.95, title, self.fs, bold=True, align="center", max_width=w - 1)
            x += w
        y += self.pitch * 1.4
        pen.line(self.left, y, self.right, y, width=0.5, color=_RULE)
        for t in rows:
            x = self.left
            for (_, key, _), w in zip(self.heads, self.widths, strict=True):
                text = self._value(t, key)
                right = key in ("credit", "debit", "balance")
                if key == "counterparty" and pen.width(text, self.fs * 0.92) > w - 1.6:
                    cut = len(text)
                    while cut > 1 and pen.width(text[:cut], self.fs * 0.92) > w - 1.6:
                        cut -= 1
                    pen.text(x + 0.8, y + self.pitch * 0.45, text[:cut], self.fs * 0.92)
                    pen.text(x + 0.8, y + self.pitch * 0.9, text[cut:], self.fs * 0.92, max_width=w - 1.6)
                else:
                    pen.text(x + w - 0.8 if right else x + 0.8, y + self.pitch * 0.7, text, self.fs,
                             align="right" if right else "left", max_width=w - 1.6)
                x += w
            y += self.pitch
            pen.line(self.left, y, self.right, y, width=0.15, color=(0.6, 0.6, 0.6))
        pen.line(self.left, y, self.right, y, width=0.8, color=_RULE)
        return y

    def footer(self, page: int, pages: int) -> None:
        pen = self.pen
        y = self.h - 9
        pen.line(self.left, y - 4.5, self.right, y - 4.5, width=0.2, color=(0.5, 0.5, 0.5))
        pen.text(self.left, y, f"终端号：{self.terminal}　打印流水号：{self.serial}", 7)
        pen.text(self.right, y, f"第 {page} 页 共 {pages} 页", 7.5, align="right")
        pen.text(self.left, y + 4, "本明细由自助终端打印，加盖电子印章后有效；可凭打印流水号至柜面核验。", 6.5,
                 color=(0.4, 0.4, 0.4))

    def summary(self, y: float) -> tuple[float, float]:
        pen, f = self.pen, self.f
        credits = [t.amount for t in f.transactions if t.amount > 0]
        debits = [-t.amount for t in f.transactions if t.amount < 0]
        commas = self.s.commas
        y += 6
        lines = (f"入账合计：{len(credits)} 笔　{money(sum(credits, Decimal(0)), commas=commas)} 元",
                 f"出账合计：{len(debits)} 笔　{money(sum(debits, Decimal(0)), commas=commas)} 元",
                 f"期末余额：{money(f.closing_balance, commas=commas)} 元")
        for line in lines:
            pen.text(self.left, y, line, 8.8)
            y += 5.2
        return self.right - self.rng.uniform(2, 10), y - self.rng.uniform(8, 14)


def style_for(facts: StatementFacts, style: StatementStyle, rng: random.Random) -> StatementStyle:
    """Portrait security paper (the plan's rows fit a portrait page whatever the plan's orientation), unsigned
    amounts, the terminal's own title; the seal's shape stays the plan's."""
    del facts
    return replace(style, landscape=False, plus=False,
                   title=rng.choice(("个人账户交易明细", "借记卡交易明细", "账户历史交易明细", "活期账户交易明细")),
                   seal_bottom=rng.choice(("电子专用章", "业务专用章", "自助业务专用章")))


def press_seal(family: str, facts: StatementFacts, rng: random.Random, pen: Pen, spot: tuple[float, float]) -> None:
    """The terminal's electronic seal: crisp red-orange ink, a thin ring, run partly off the right edge."""
    del family
    mark = other_make(rng, facts.branch, shape=facts.style.seal_shape, bottom=facts.style.seal_bottom)
    mark = replace(mark, color=(rng.randint(232, 246), rng.randint(70, 96), rng.randint(28, 44)), ring=0.02,
                   fade=0.0, inner=False)
    press(pen, rng, mark, center=spot, width_mm=rng.uniform(42, 46) if facts.style.seal_shape == "oval"
          else rng.uniform(38, 41))


PAGES = {KIOSK: KioskPrint}
