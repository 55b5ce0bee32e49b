"""Nineteenth-batch tax-record family (templates.py): a 个人所得税纳税记录 that runs over two pages.

`tax_record_two_pages`: the 纳税记录 as the 自然人电子税务局 lays it out for printing when the entries are many and the
rows tall (the 扣缴义务人's name wraps onto a second line inside its cell): page 1 holds the bureau's line and a QR
code with 扫码验证 at the top, the title, 记录编号 and 开具日期, a ruled facts grid (纳税人姓名/纳税人识别号, 身份证件类型/
身份证件号码, 税款所属期 2025-04-01 至 2026-03-31), a lead-in sentence and the table 序号/所得期间 (2025.04 or
2025年04月)/所得项目/扣缴义务人/收入额/已申报税额/入库日期 as far as the page goes; page 2 opens with a （续） running
head naming the taxpayer and the 记录编号, repeats the table's heading row, holds the remaining rows, the 合计 row,
已申报税额合计（大写）, numbered 说明, the boxed 验证码, and the office's name and 开具日期 under its round seal; every
page's foot prints 第 i 页 共 2 页. The seal is on page 2 only.
"""

from __future__ import annotations

import io
import random
from datetime import datetime

from docproc.cn.amount_words import to_words

from .family_kit import date_text, press
from .finance import money
from .license import qr_code
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts, TaxRow

TWO_PAGES = "tax_record_two_pages"
PAGES = 2  # printed pages
SEAL_PAGE = 2
_RULE = (0.3, 0.3, 0.3)
_GREY = (0.35, 0.35, 0.35)
_TAIL = 92.0  # mm the totals, notes, code and the office's block take under the last row
_FOOT = 18.0


class _Table:
    """The entries' table: heading row, tall rows with the agent's name wrapped inside its cell."""

    def __init__(self, pen: Pen, left: float, right: float, rng: random.Random) -> None:
        self.pen, self.left, self.right = pen, left, right
        self.cols = (("序号", 0.55), ("所得期间", 1.15), ("所得项目", 1.35), ("扣缴义务人", 3.0),
                     ("收入额", 1.35), ("已申报税额", 1.3), ("入库日期", 1.25))
        total = sum(w for _, w in self.cols)
        self.widths = [(right - left) * w / total for _, w in self.cols]
        self.period = rng.choice(("%Y.%m", "%Y年%m月", "%Y-%m"))
        self.paid = rng.choice(("iso", "dot"))
        self.commas = rng.random() < 0.75
        self.size = rng.uniform(8.6, 9.4)

    def head(self, y: float) -> float:
        pen, h = self.pen, 9.0
        x = self.left
        for (title, _), w in zip(self.cols, self.widths, strict=True):
            pen.rect(x, y, w, h, fill=(0.9, 0.92, 0.95), stroke=_RULE, width=0.4)
            pen.text(x + w / 2, y + 6, title, self.size, bold=True, align="center", max_width=w - 1.5)
            x += w
        return y + h

    def row(self, y: float, index: int, r: TaxRow, row_h: float) -> float:
        pen = self.pen
        agent_w = self.widths[3] - 3
        agent = pen.wrap(r.agent, self.size, agent_w)[:2]
        cells = (str(index), r.period.strftime(self.period), r.item, "", money(r.income, commas=self.commas),
                 money(r.tax, commas=self.commas), date_text(r.paid, self.paid))
        x = self.left
        for k, (text, w) in enumerate(zip(cells, self.widths, strict=True)):
            pen.rect(x, y, w, row_h, stroke=_RULE, width=0.3)
            if k == 3:
                top = y + row_h / 2 - (len(agent) - 1) * self.size * 0.22 + self.size * 0.13
                for j, line in enumerate(agent):
                    pen.text(x + 1.5, top + j * self.size * 0.44, line, self.size, max_width=agent_w)
            else:
                right = k in (4, 5)
                pen.text(x + w - 1.5 if right else x + w / 2 if k in (0, 1, 6) else x + 1.5,
                         y + row_h / 2 + self.size * 0.13, text, self.size,
                         align="right" if right else "center" if k in (0, 1, 6) else "left", max_width=w - 3)
            x += w
        return y + row_h

    def totals(self, y: float, facts: TaxFacts, row_h: float) -> float:
        pen = self.pen
        x = self.left
        lead = sum(self.widths[:4])
        pen.rect(x, y, lead, row_h, stroke=_RULE, width=0.4, fill=(0.96, 0.96, 0.96))
        pen.text(x + lead / 2, y + row_h / 2 + self.size * 0.13, "合　　计", self.size, bold=True, align="center")
        x += lead
        for k, text in ((4, money(facts.total_income, commas=self.commas)), (5, money(facts.total_tax, commas=self.commas)),
                        (6, "")):
            w = self.widths[k]
            pen.rect(x, y, w, row_h, stroke=_RULE, width=0.4, fill=(0.96, 0.96, 0.96))
            pen.text(x + w - 1.5, y + row_h / 2 + self.size * 0.13, text, self.size, bold=True, align="right",
                     max_width=w - 3)
            x += w
        return y + row_h


def _foot(pen: Pen, page: int) -> None:
    pen.text(pen.w_mm / 2, pen.h_mm - 10, f"第 {page} 页 共 {PAGES} 页", 8.5, align="center", color=_GREY)


def render_two_pages(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """The record over two pages, the heading row repeated on the second, the seal under the totals there."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="个人所得税纳税记录")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(15, 19), pen.w_mm - rng.uniform(15, 19)
    span = right - left
    table = _Table(pen, left, right, rng)
    # page 1
    y = rng.uniform(14, 18)
    bureau = facts.authority.split("税务局")[0] + "税务局" if "税务局" in facts.authority else facts.authority
    pen.text(left, y + 2, f"{bureau} · 自然人电子税务局", 8.5, color=_GREY)
    qr = 19.0
    qr_code(pen, rng, right - qr, y - 4, qr)
    pen.text(right - qr / 2, y + qr - 1, "扫码验证", 6.5, align="center", color=_GREY)
    pen.text(pen.w_mm / 2, y + 16, "个人所得税纳税记录", 18, bold=True, align="center", spacing=rng.choice((0.0, 1.0)))
    y += 26
    day = rng.choice(("iso", "cn", "cn_padded"))
    pen.text(left, y, f"记录编号：{facts.serial}", 9)
    pen.text(right, y, f"开具日期：{date_text(facts.issue_date, day)}", 9, align="right")
    y += 3
    quarter = span / 4
    grid = ((("纳税人姓名", facts.name), ("纳税人识别号", facts.id_number)),
            (("身份证件类型", "居民身份证"), ("身份证件号码", facts.id_number)))
    for row in grid:
        x = left
        for label, value in row:
            pen.rect(x, y, quarter, 8, stroke=_RULE, width=0.4, fill=(0.95, 0.95, 0.95))
            pen.text(x + quarter / 2, y + 5.4, label, 9, align="center")
            pen.rect(x + quarter, y, quarter, 8, stroke=_RULE, width=0.4)
            pen.text(x + quarter + 2, y + 5.4, value, 9.2, max_width=quarter - 4)
            x += 2 * quarter
        y += 8
    pen.rect(left, y, quarter, 8, stroke=_RULE, width=0.4, fill=(0.95, 0.95, 0.95))
    pen.text(left + quarter / 2, y + 5.4, "税款所属期", 9, align="center")
    pen.rect(left + quarter, y, span - quarter, 8, stroke=_RULE, width=0.4)
    period = f"{date_text(facts.period_start, day)} 至 {date_text(facts.period_end, day)}"
    pen.text(left + quarter + 2, y + 5.4, period, 9.2)
    y += 15
    pen.text(left, y, "　　经查询，你在上述期间内已申报的个人所得税明细如下（金额单位：人民币元）：", 9.2, max_width=span)
    y += 4
    y = table.head(y)
    rows = list(facts.rows)
    bottom1 = pen.h_mm - _FOOT
    row_h = rng.uniform(10.0, 11.5)
    while True:  # page 1 takes what fits (at least one row goes over); page 2 must hold the rest and the tail
        first = min(max(1, int((bottom1 - y) // row_h)), len(rows) - 1)
        second_room = pen.h_mm - _FOOT - 34.0 - 9.0 - row_h - _TAIL
        if (len(rows) - first) * row_h <= second_room or row_h < 7.5:
            break
        row_h -= 0.5
    for k, r in enumerate(rows[:first], 1):
        y = table.row(y, k, r, row_h)
    _foot(pen, 1)
    canvas.showPage()
    # page 2
    y = rng.uniform(16, 20)
    pen.text(left, y, "个人所得税纳税记录（续）", 10.5, bold=True)
    pen.text(right, y, f"纳税人姓名：{facts.name}　记录编号：{facts.serial}", 8.2, align="right",
             max_width=span * 0.62, color=_GREY)
    pen.line(left, y + 2.5, right, y + 2.5, width=0.5, color=_RULE)
    y += 10
    y = table.head(y)
    for k, r in enumerate(rows[first:], first + 1):
        y = table.row(y, k, r, row_h)
    y = table.totals(y, facts, 9.0)
    y += 8
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"已申报税额合计（大写）：{words}", 9.6)
    y += 9
    notes = ("说明：1. 本记录所列为纳税人在上述期间内已申报的个人所得税，仅作为纳税人申报纳税情况的证明，不作为完税凭证。",
             "2. 纳税人可通过个人所得税APP或自然人电子税务局扫描二维码或输入验证码对本记录进行查验。",
             "3. 本记录涂改无效，打印后分页不影响效力。")
    for k, note in enumerate(notes):
        for j, line in enumerate(pen.wrap(note, 8.4, span - (0 if k == 0 else 9))):
            pen.text(left + (0 if k == 0 and j == 0 else 9), y, line, 8.4, color=_GREY)
            y += 4.6
    y += 4
    code_w = pen.width(f"验证码：{facts.verification_code}", 10) + 8
    pen.rect(left, y - 5.5, code_w, 8.5, stroke=_RULE, width=0.5)
    pen.text(left + 4, y, f"验证码：{facts.verification_code}", 10)
    sx, sy = right - rng.uniform(32, 44), y + rng.uniform(18, 24)
    pen.text(sx, sy, facts.authority, 10, align="center", max_width=span * 0.5)
    pen.text(sx, sy + 7, date_text(facts.issue_date, rng.choice(("cn", "cn_padded"))), 10, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "业务专用章")))
        press(pen, rng, mark, center=(sx + rng.uniform(-6, 6), sy - rng.uniform(1, 6)), width_mm=rng.uniform(38, 42))
    _foot(pen, 2)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
