"""Eighth-batch income-proof families (templates.py): a bank's printed form filled in by hand, and a 工作及收入证明
with the facts as a key/value list on the left and the seal and signature on the right.

`letter_bank_handfilled`: the 收入证明 a bank hands the applicant to take to the employer: the bank's name and form
number printed at the top, printed labels (工作单位全称/本单位职工/身份证号码/自…年…月起在本单位工作/现任/其月平均收入为
（小写）…元（大写）…), the blanks filled in by the employer in blue-black ink in a heavier face that leans and wanders
off the line, the date written into a printed 年 月 日, the unit's seal over 单位公章.
`letter_kv_seal_right`: a 工作及收入证明 typed by the unit: the facts as a two-column key/value list on the left half
(the wording and order of the labels vary), the seal, 单位负责人签字 with a signature and the date with 年 月 日 spaced
out on the right half, 特此证明 under the list.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

from .contract_pdf import signature
from .family_kit import amount_text, date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, Typeface, new_canvas, random_typeface
from .seal import other_make

GREY = (0.3, 0.3, 0.3)
_SCANNED_FORM = ("Canon iR-ADV C5535", "RICOH MP C3004", "Microsoft® Word 2016", "WPS Office")
_SIGNERS = ("王建国", "李红", "张伟", "刘敏", "陈志强", "杨静", "赵磊", "周丽")


def _canvas(facts: IncomeProofFacts, rng: random.Random, title: str) -> tuple[io.BytesIO, Pen]:
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(8, 17),
                                                                           minute=rng.randint(0, 59))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(_SCANNED_FORM), title=title)
    return buffer, Pen(canvas, random_typeface(rng), A4_PT)


def _finish(buffer: io.BytesIO, pen: Pen) -> bytes:
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def _hand(rng: random.Random, printed: Typeface) -> Typeface:
    """The filler's pen: the other CJK face, blue-black ink."""
    cjk = "droid" if printed.cjk == "wqy" else "wqy"
    return Typeface(cjk, rng.choice(("lib_serif", "dejavu", "lib_sans")),
                    (rng.uniform(0.05, 0.15), rng.uniform(0.1, 0.2), rng.uniform(0.4, 0.6)))


class _Filler:
    """Writes values into a printed form's blanks, off the line by a little each time."""

    def __init__(self, pen: Pen, rng: random.Random, size: float) -> None:
        self.pen, self.rng, self.size = pen, rng, size
        self.face = _hand(rng, pen.face)
        self.bigger = rng.uniform(1.05, 1.2)

    def blank(self, x: float, y: float, end: float, value: str) -> float:
        """An underlined blank from x to end with the value written on it; return end."""
        self.pen.line(x, y + 1.2, end, y + 1.2, width=0.35, color=GREY)
        c = self.pen.c
        c.saveState()
        dy = self.rng.uniform(-1.0, 0.3)
        self.pen.text(x + self.rng.uniform(1, 4), y + dy, value, self.size * self.bigger, face=self.face,
                      max_width=end - x - 4)
        c.restoreState()
        return end


def render_bank_handfilled(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A bank's printed 收入证明 form, values filled in by hand in blue-black ink, seal over 单位公章."""
    bank = rng.choice(BANKS)
    buffer, pen = _canvas(facts, rng, "收入证明")
    left, right = rng.uniform(22, 28), pen.w_mm - rng.uniform(20, 26)
    size = rng.uniform(11.5, 12.5)
    fill = _Filler(pen, rng, size)
    y = rng.uniform(18, 24)
    pen.text(left, y, bank, 12, bold=True, color=(0.6, 0.08, 0.1) if rng.random() < 0.6 else (0.05, 0.25, 0.5))
    pen.text(right, y, f"表单编号：GR-{rng.choice(('SR', 'DK', 'XD'))}-{rng.randint(1, 12):02d}", 8.5, align="right",
             color=GREY)
    pen.line(left, y + 2.5, right, y + 2.5, width=0.6, color=GREY)
    y += 20
    pen.text(pen.w_mm / 2, y, rng.choice(("收 入 证 明", "个人收入证明", "收入证明书")), 20, bold=True, align="center")
    y += 16
    pen.text(left, y, f"{bank}{facts.city}分行：" if rng.random() < 0.5 else f"致：{bank}", size)
    lead = rng.uniform(12.5, 14.5)
    y += lead
    lw = pen.text(left, y, "\u3000\u3000兹证明", size)
    fill.blank(left + lw, y, left + lw + 30, facts.name)
    lw2 = pen.text(left + lw + 31, y, rng.choice(("为本单位职工", "系本单位职工", "是本单位职工")) + "，性别", size)
    fill.blank(left + lw + 32 + lw2, y, left + lw + 44 + lw2, facts.sex)
    y += lead
    lw = pen.text(left, y, "身份证号码：", size)
    fill.blank(left + lw, y, right, facts.id_number)
    y += lead
    lw = pen.text(left, y, rng.choice(("工作单位全称：", "单位全称：")), size)
    fill.blank(left + lw, y, right, facts.employer)
    y += lead
    start = facts.employment_start
    lw = pen.text(left, y, "自", size)
    fill.blank(left + lw, y, left + lw + 18, str(start.year))
    x = left + lw + 19
    x += pen.text(x, y, "年", size)
    fill.blank(x, y, x + 10, str(start.month))
    x += 11
    x += pen.text(x, y, "月", size)
    fill.blank(x, y, x + 10, str(start.day))
    x += 11
    x += pen.text(x, y, "日起在本单位工作，现任", size)
    fill.blank(x, y, right, facts.position)
    y += lead
    lw = pen.text(left, y, rng.choice(("其月平均收入为（小写）：", "其月均税前收入（小写）：")), size)
    commas = rng.random() < 0.5
    fill.blank(left + lw, y, left + lw + 40, amount_text(facts.monthly_income, "commas" if commas else "plain"))
    pen.text(left + lw + 41, y, "元，", size)
    y += lead
    lw = pen.text(left, y, "（大写）：人民币", size)
    fill.blank(left + lw, y, right, facts.amount_in_words)
    y += lead
    lw = pen.text(left, y, "单位联系电话：", size)
    fill.blank(left + lw, y, left + lw + 55, facts.employer_phone)
    y += lead * 1.2
    note = ("\u3000\u3000本单位保证以上所填内容真实、准确，如因内容不实给贵行造成损失，本单位愿承担相应的法律责任。"
            "本证明仅用于申请个人贷款。")
    for line in pen.wrap(note, size - 0.5, right - left):
        pen.text(left, y, line, size - 0.5)
        y += (size - 0.5) * 0.72
    y += rng.uniform(18, 26)
    sign_x = left + (right - left) * rng.uniform(0.5, 0.56)
    pen.text(left, y, "单位负责人（签字）：", size)
    pen.text(sign_x, y, "单位公章：", size)
    y += lead * 2.6
    issue = facts.issue_date
    x = sign_x + 6
    for value, unit, width in ((str(issue.year), "年", 16), (str(issue.month), "月", 9), (str(issue.day), "日", 9)):
        pen.text(x + rng.uniform(0, 2), y + rng.uniform(-1.0, 0.3), value, size * fill.bigger, face=fill.face)
        x += width
        x += pen.text(x, y, unit, size) + 3
    pen.text(left, pen.h_mm - rng.uniform(22, 30), "注：1.本证明须由单位填写并加盖单位公章（或人事、财务专用章）；"
             "2.涂改无效。", 8.5, color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "人事专用章")))
        ink = (rng.randint(200, 235), rng.randint(20, 60), rng.randint(30, 60))
        mark = replace(mark, color=ink, ring=rng.choice((0.025, 0.04, 0.055)), fade=rng.choice((0.0, 0.2, 0.45)))
        press(pen, rng, mark, center=(sign_x + rng.uniform(20, 34), y - lead * rng.uniform(1.0, 2.2)),
              width_mm=rng.uniform(38, 42))
    return _finish(buffer, pen)


def _kv_rows(facts: IncomeProofFacts, rng: random.Random) -> list[tuple[str, str]]:
    money = f"{amount_text(facts.monthly_income, rng.choice(('commas', 'plain', 'yen')))}元"
    start = date_text(facts.employment_start, rng.choice(("cn", "iso", "dot", "cn_padded")))
    identity = [(rng.choice(("姓名", "员工姓名", "职工姓名")), facts.name), ("性别", facts.sex),
                (rng.choice(("身份证号", "公民身份号码", "证件号码")), facts.id_number)]
    work = [(rng.choice(("工作单位", "单位名称", "任职单位")), facts.employer),
            (rng.choice(("职务", "岗位", "现任职务")), facts.position),
            (rng.choice(("入职日期", "入职时间", "参加本单位工作时间")), start)]
    pay = [(rng.choice(("月收入", "月均收入", "税前月收入")), money), ("大写", f"人民币{facts.amount_in_words}"),
           (rng.choice(("单位电话", "联系电话")), facts.employer_phone)]
    if rng.random() < 0.4:
        work = [work[2], work[0], work[1]]
    return identity + work + pay


def render_kv_seal_right(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """工作及收入证明: key/value list on the left, seal + 单位负责人签字 + spaced 年 月 日 on the right."""
    title = rng.choice(("工作及收入证明", "在职及收入情况证明", "工作收入证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(20, 26), pen.w_mm - rng.uniform(20, 26)
    y = rng.uniform(30, 40)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(19, 22), bold=True, align="center", spacing=rng.choice((0.0, 1.2)))
    y += 18
    size = rng.uniform(11.5, 12.5)
    pen.text(left, y, rng.choice(("兹证明下列人员系我单位在职员工，其工作及收入情况如下：",
                                  "经核实，以下人员为我单位正式员工，情况如下：")), size)
    y += 12
    mid = left + (right - left) * rng.uniform(0.56, 0.6)
    step = rng.uniform(10, 12)
    top = y
    colon = rng.choice(("：", ""))
    ruled = rng.random() < 0.5
    rows = _kv_rows(facts, rng)
    label_w = max(pen.width(f"{label}{colon}", size) for label, _ in rows) + rng.uniform(3, 6)
    for label, value in rows:
        pen.text(left, y, f"{label}{colon}", size, color=GREY if not ruled else None)
        pen.text(left + label_w, y, value, size, max_width=mid - left - label_w - 4)
        if ruled:
            pen.line(left, y + 2.5, mid - 3, y + 2.5, width=0.25, color=(0.55, 0.55, 0.55))
        y += step
    if ruled:
        pen.line(left + label_w - 2, top - step * 0.7, left + label_w - 2, y - step + 2.5, width=0.25,
                 color=(0.55, 0.55, 0.55))
    pen.line(mid, top - 6, mid, y - 4, width=0.3, color=(0.7, 0.7, 0.7))
    rx = mid + (right - mid) / 2
    pen.text(rx, top + 4, "单位（盖章）", size, align="center")
    sig_y = top + step * 5
    pen.text(mid + 5, sig_y, "单位负责人签字：", size - 0.5)
    sig = signature(rng.choice(_SIGNERS), rng)
    sw = min(sig.width / sig.height * 11.0, right - mid - 10)
    pen.image(sig, mid + 8, sig_y + 2, sw, 11.0)
    issue = facts.issue_date
    day = f"{issue.year}  年  {issue.month}  月  {issue.day}  日"
    pen.text(rx, top + step * 7.6, day, size, align="center")
    y += 6
    pen.text(left, y, "\u3000\u3000特此证明。", size)
    y += 9
    for line in pen.wrap("\u3000\u3000本证明仅用于办理贷款业务，单位对以上内容的真实性负责，不作任何担保之用。", size - 1,
                         right - left):
        pen.text(left, y, line, size - 1, color=GREY)
        y += (size - 1) * 0.72
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "人事专用章", "财务专用章")))
        ink = rng.choice(((214, 30, 36), (190, 34, 70), (226, 66, 40), (176, 40, 48)))
        mark = replace(mark, color=ink, ring=rng.choice((0.018, 0.03, 0.05)))
        press(pen, rng, mark, center=(rx + rng.uniform(-6, 6), top + step * rng.uniform(1.6, 2.8)),
              width_mm=rng.uniform(36, 44))
    return _finish(buffer, pen)
