"""Seventh-batch income-proof families (templates.py): a one-sentence certificate dated in the upper right, and a
form whose values stand on dotted leaders.

`letter_one_sentence`: the short 证明 many small firms and schools write: the date in the upper right above the
title, the addressee, then every fact in one running sentence (任职单位…, 身份证号…, 自…起任…, 月收入人民币 in 大写
with the 小写 ¥ amount in brackets), 特此证明, and 证明单位（公章） with the phone at the foot; a round seal over the
unit's name.
`letter_dotted_leaders`: a printed 收入情况证明表 whose labels end in a full-width colon and whose values stand on
dotted leaders running to the right margin (姓　　名：…… 所在单位：…… 税前月工资：……), the label wording varying
(工作单位/任职单位/所在单位, 月收入/月均收入/税前月工资), a declaration, 单位负责人 and 经办人 lines, the seal on the
left under the declaration.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

from .family_kit import amount_text, date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.3, 0.3, 0.3)
_OFFICE = ("WPS Office", "Microsoft® Word 2010", "Microsoft® Word 2019", "LibreOffice 6.4")


def _canvas(facts: IncomeProofFacts, rng: random.Random, title: str) -> tuple[io.BytesIO, Pen]:
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(8, 17),
                                                                           minute=rng.randint(0, 59))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(_OFFICE), title=title)
    return buffer, Pen(canvas, random_typeface(rng), A4_PT)


def _finish(buffer: io.BytesIO, pen: Pen) -> bytes:
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def render_one_sentence(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """Date top right, title, addressee, all facts in one sentence (大写 then ¥ 小写 in brackets), seal at the foot."""
    title = rng.choice(("证明", "收入证明", "证　明"))
    buffer, pen = _canvas(facts, rng, title.replace("　", ""))
    left, right = rng.uniform(25, 32), pen.w_mm - rng.uniform(24, 30)
    size = rng.uniform(12.5, 14)
    lead = size * rng.uniform(0.78, 0.9)
    y = rng.uniform(24, 32)
    day = date_text(facts.issue_date, rng.choice(("cn", "cn_padded", "numerals")))
    pen.text(right, y, day, size - 1, align="right")
    y += rng.uniform(18, 24)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(20, 24), bold=True, align="center",
             spacing=4.0 if len(title) == 2 else 0.0)
    y += 18
    addressee = rng.choice((f"{rng.choice(BANKS)}：", f"{rng.choice(BANKS)}{facts.city}分行：", "致有关单位：",
                            "贷款银行："))
    pen.text(left, y, addressee, size)
    y += lead * 1.4
    unit_word = rng.choice(("任职单位", "工作单位"))
    money = amount_text(facts.monthly_income, rng.choice(("commas", "plain")))
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    sentence = (f"\u3000\u3000兹证明{facts.name}，{facts.sex}，身份证号：{facts.id_number}，{unit_word}为{facts.employer}，"
                f"自{start}起任{facts.position}，月收入人民币{facts.amount_in_words}（¥{money}元），"
                f"{rng.choice(('以上情况属实', '情况属实', '所述属实'))}。")
    for line in pen.wrap(sentence, size, right - left):
        pen.text(left, y, line, size)
        y += lead
    y += lead * 0.4
    pen.text(left, y, "\u3000\u3000特此证明。", size)
    y += lead * rng.uniform(3.5, 5.0)
    sign_x = right - rng.uniform(62, 76)
    pen.text(sign_x, y, "证明单位（公章）：", size)
    pen.text(sign_x, y + lead * 1.1, facts.employer, size, max_width=right - sign_x)
    pen.text(sign_x, y + lead * 2.4, f"联系电话：{facts.employer_phone}", size - 1)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "人事专用章")))
        ink = rng.choice(((224, 36, 40), (204, 30, 52), (232, 78, 44)))
        mark = replace(mark, color=ink, ring=rng.choice((0.02, 0.03, 0.05)))
        name_w = min(pen.width(facts.employer, size), right - sign_x)
        press(pen, rng, mark, center=(sign_x + name_w * rng.uniform(0.35, 0.65), y + lead * rng.uniform(0.4, 1.6)),
              width_mm=rng.uniform(38, 44))
    return _finish(buffer, pen)


def _dotted(pen: Pen, x: float, y: float, end: float, label: str, value: str, size: float) -> None:
    """A label ending in a full-width colon, the value set on a dotted leader (round dots) that runs to `end`."""
    lw = pen.text(x, y, label, size)
    start = x + lw + 1
    pen.text(start + 2, y, value, size, max_width=end - start - 3)
    c = pen.c
    c.saveState()
    c.setLineCap(1)
    c.setDash(0.1, 2.2)
    pen.line(start, y + 1.4, end, y + 1.4, width=0.9, color=GREY)
    c.restoreState()


def render_dotted_leaders(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入情况证明表: full-width-colon labels, values on dotted leaders, declaration, 负责人/经办人, seal on the left."""
    title = rng.choice(("收入情况证明", "职工收入情况证明表", "个人收入证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(24, 30), pen.w_mm - rng.uniform(22, 28)
    y = rng.uniform(30, 38)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 21), bold=True, align="center", spacing=rng.choice((0.0, 1.5)))
    pen.line(pen.w_mm / 2 - 30, y + 3, pen.w_mm / 2 + 30, y + 3, width=0.6)
    y += 20
    size = rng.uniform(12, 13)
    step = rng.uniform(11.5, 13.5)
    unit = rng.choice(("工作单位：", "任职单位：", "所在单位："))
    pay = rng.choice(("月收入（税前）：", "月均收入：", "税前月工资："))
    money = f"{amount_text(facts.monthly_income, rng.choice(('commas', 'plain')))}元"
    start = date_text(facts.employment_start, rng.choice(("cn_padded", "dot", "cn")))
    rows = [("姓　　名：", facts.name), ("性　　别：", facts.sex), ("身份证号码：", facts.id_number), (unit, facts.employer),
            ("职务（岗位）：", facts.position), ("入职时间：", start), (pay, money),
            ("大写金额：", f"人民币{facts.amount_in_words}"), ("单位电话：", facts.employer_phone)]
    if rng.random() < 0.5:  # some forms pair 姓名 and 性别 on one line
        half = left + (right - left) * 0.55
        _dotted(pen, left, y, half - 4, rows[0][0], rows[0][1], size)
        _dotted(pen, half, y, right, rows[1][0], rows[1][1], size)
        rows = rows[2:]
        y += step
    for label, value in rows:
        _dotted(pen, left, y, right, label, value, size)
        y += step
    y += 4
    text = ("\u3000\u3000上述人员为我单位正式职工，所填收入为近十二个月平均应发工资（含奖金、津贴），"
            "我单位对以上内容的真实性负责，如有不实，愿承担由此产生的一切责任。")
    for line in pen.wrap(text, size - 0.5, right - left):
        pen.text(left, y, line, size - 0.5)
        y += (size - 0.5) * 0.72
    y += rng.uniform(16, 22)
    pen.text(left, y, "单位（盖章）", size)
    head_x = left + (right - left) * 0.52
    pen.text(head_x, y, "单位负责人（签字）：", size - 0.5)
    pen.text(head_x, y + 11, "经办人（签字）：", size - 0.5)
    day = date_text(facts.issue_date, rng.choice(("cn", "cn_padded", "iso")))
    pen.text(head_x, y + 24, f"填表日期：{day}", size - 0.5)
    pen.text(left, pen.h_mm - rng.uniform(30, 38), "注：本表涂改无效；复印件无效。", 9.5, color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "财务专用章", "人事专用章")))
        ink = (rng.randint(180, 215), rng.randint(30, 70), rng.randint(30, 60))
        mark = replace(mark, color=ink, ring=rng.choice((0.014, 0.03, 0.06)), fade=rng.choice((0.0, 0.4)))
        press(pen, rng, mark, center=(left + rng.uniform(16, 30), y + rng.uniform(-2, 10)), width_mm=rng.uniform(36, 42))
    return _finish(buffer, pen)
