"""Fifth-batch income-proof families (templates.py): the bilingual 在职及收入证明 / Certificate of Employment and
Income that foreign-invested firms issue (for visas and bank loans alike).

English and Chinese side by side: a bilingual title, "To whom it may concern / 致有关部门", the facts as one column
of English/Chinese labels, a paragraph in each language, the signatory's printed name and title with a small round
seal over them, and the date in the compact (20260305) or slashed style. `letter_payroll_months` lists the last
six months' pay in a table (应发/个人社保公积金/个人所得税/实发) before the 月均应发 and its 大写.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from .family_kit import amount_text, date_text, press
from .income_proof import IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.32, 0.32, 0.32)
_TITLES = (("CERTIFICATE OF EMPLOYMENT AND INCOME", "在职及收入证明"), ("EMPLOYMENT VERIFICATION LETTER", "在职收入证明"),
           ("INCOME CERTIFICATE", "收入证明"))
_POSITIONS = {"助理": "Assistant", "总监": "Director", "经理": "Manager", "工程师": "Engineer", "会计": "Accountant",
              "主管": "Supervisor", "专员": "Specialist", "设计师": "Designer"}


def _english(position: str) -> str:
    for cn, en in _POSITIONS.items():
        if cn in position:
            return en
    return "Staff"


def render_bilingual_cert(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """The bilingual certificate: label column, English then Chinese prose, signatory block with a small seal."""
    en_title, cn_title = rng.choice(_TITLES)
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Microsoft® Word 2019", "WPS Office")),
                        title=cn_title)
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(22, 28), pen.w_mm - rng.uniform(22, 28)
    width = right - left
    y = rng.uniform(20, 26)
    pen.text(right, y, facts.employer, 10.5, bold=True, align="right", max_width=width * 0.7)
    pen.text(right, y + 5, f"Tel 电话：{facts.employer_phone}", 8.5, align="right", color=GREY)
    pen.line(left, y + 8, right, y + 8, width=0.5, color=GREY)
    y += 24
    pen.text(pen.w_mm / 2, y, en_title, rng.uniform(13, 15), bold=True, align="center")
    pen.text(pen.w_mm / 2, y + 8, cn_title, rng.uniform(15, 17), bold=True, align="center")
    y += 22
    size = rng.uniform(10.5, 11.5)
    day_style = rng.choice(("compact", "slash", "iso"))
    pen.text(right, y, f"Date 日期：{date_text(facts.issue_date, day_style)}", size, align="right")
    pen.text(left, y + 9, "To whom it may concern / 致有关部门：", size)
    y += 20
    money = rng.choice(("commas", "plain"))
    rows = [("Name 姓名", facts.name), ("ID No. 身份证号码", facts.id_number),
            ("Position 职位", f"{_english(facts.position)} / {facts.position}"),
            ("Date of Joining 入职日期", date_text(facts.employment_start, rng.choice(("iso", "compact", "slash")))),
            ("Monthly Salary 月薪（税前）", f"RMB {amount_text(facts.monthly_income, money)}"),
            ("In Words 大写", f"人民币{facts.amount_in_words}")]
    label_w = rng.uniform(52, 58)
    lead = size * 0.66
    for label, value in rows:
        pen.text(left + 4, y, label, size, color=GREY)
        pen.text(left + 4 + label_w, y, f"：{value}", size, max_width=width - label_w - 8)
        y += lead + 1.5
    y += 6
    english = (f"This is to certify that the above-named person has been employed by {facts.employer} on a full-time "
               "basis since the date of joining stated above, and that the monthly salary stated above is before tax. "
               "This certificate is issued at the employee's request for the application of a personal housing loan.")
    for line in pen.wrap(english, size - 0.5, width):
        pen.text(left, y, line, size - 0.5)
        y += lead
    y += 5
    chinese = ("\u3000\u3000兹证明上述人员为我公司全职员工，自上述入职日期起在我公司工作至今，上列月薪为税前收入。"
               "本证明应员工本人要求出具，仅用于办理个人住房贷款。")
    for line in pen.wrap(chinese, size, width):
        pen.text(left, y, line, size)
        y += lead
    y += rng.uniform(22, 32)
    sign_x = left + width * rng.uniform(0.5, 0.58)
    signer = rng.choice(("HR Director 人力资源总监", "HR Manager 人事经理", "General Manager 总经理"))
    pen.line(sign_x, y, right, y, width=0.4)
    pen.text(sign_x, y + 6, "Authorized Signature 授权签字", size - 1.5, color=GREY)
    pen.text(sign_x, y + 13, signer, size - 0.5)
    pen.text(sign_x, y + 20, f"For and on behalf of 单位：{facts.employer}", size - 1, max_width=right - sign_x)
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer)
        style = replace(style, ring=rng.choice((0.014, 0.02)), fade=rng.choice((0.0, 0.25)))
        # a small seal pressed over the signatory's printed title and the company line
        press(pen, rng, style, center=(sign_x + rng.uniform(14, 30), y + rng.uniform(8, 16)),
              width_mm=rng.uniform(30, 34))
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


_BRACKETS = ((3000, "0.03", 0), (12000, "0.1", 210), (25000, "0.2", 1410), (35000, "0.25", 2660),
             (55000, "0.3", 4410), (80000, "0.35", 7160), (10**12, "0.45", 15160))


def _monthly_tax(taxable: Decimal) -> Decimal:
    """Withholding on one month's taxable pay by the monthly brackets (税率表 with its quick deductions)."""
    if taxable <= 0:
        return Decimal("0.00")
    top, rate, quick = next(b for b in _BRACKETS if taxable <= b[0])
    return (taxable * Decimal(rate) - quick).quantize(Decimal("0.01"))


def render_payroll_months(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入证明 with the last six months' pay as a table (月份/应发工资/个人社保公积金/个人所得税/实发工资), the 应发 the
    same each month, 月均应发 with 大写 under it, a 财务部 sign-off with the seal partly over the table's foot."""
    title = rng.choice(("收入证明", "工资收入证明", "个人收入明细证明"))
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("WPS Office", "Microsoft® Excel® 2016")),
                        title=title)
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(20, 26), pen.w_mm - rng.uniform(20, 26)
    width = right - left
    y = rng.uniform(30, 38)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(17, 20), bold=True, align="center")
    y += 16
    size = rng.uniform(11, 12)
    lead = size * 0.68
    intro = (f"\u3000\u3000{facts.name}（身份证号：{facts.id_number}），{facts.sex}，于{date_text(facts.employment_start, 'cn')}"
             f"入职我公司，现任{facts.position}。其近六个月工资收入明细如下：")
    for line in pen.wrap(intro, size, width):
        pen.text(left, y, line, size)
        y += lead
    y += 3
    commas = rng.random() < 0.6
    gross = facts.monthly_income
    insurance = (gross * Decimal("0.225")).quantize(Decimal("0.01"))  # 养老 8 %, 医疗 2 %, 失业 0.5 %, 公积金 12 %
    heads = ("月份", "应发工资", "个人社保公积金", "个人所得税", "实发工资")
    shares = (0.16, 0.21, 0.22, 0.19, 0.22)
    row_h = rng.uniform(8, 9)
    widths = [width * k for k in shares]
    month = facts.issue_date.replace(day=1)
    months = []
    for _ in range(6):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    rows = [heads]
    for m in reversed(months):
        tax = _monthly_tax(gross - insurance - 5000)
        rows.append((f"{m.year}年{m.month}月", amount_text(gross, "commas" if commas else "plain"),
                     amount_text(insurance, "plain"), amount_text(tax, "plain"),
                     amount_text(gross - insurance - tax, "commas" if commas else "plain")))
    for r, row in enumerate(rows):
        x = left
        for k, (text, w) in enumerate(zip(row, widths, strict=True)):
            pen.rect(x, y, w, row_h, stroke=(0.2, 0.2, 0.2), width=0.45, fill=(0.93, 0.93, 0.93) if r == 0 else None)
            if r and k:
                pen.text(x + w - 2, y + row_h * 0.68, text, size - 1, align="right")
            else:
                pen.text(x + w / 2, y + row_h * 0.68, text, size - 1, align="center", bold=r == 0)
            x += w
        y += row_h
    table_end = y
    y += 9
    pen.text(left, y, f"月均应发工资：¥{amount_text(gross, 'commas' if commas else 'plain')}元", size)
    pen.text(left, y + lead, f"（大写：人民币{facts.amount_in_words}）", size)
    y += lead * 2.6
    for line in pen.wrap("\u3000\u3000以上收入为税前应发工资，由我公司按月以银行转账方式发放。特此证明。", size, width):
        pen.text(left, y, line, size)
        y += lead
    y += 20
    pen.text(right, y, f"{facts.employer}（财务部）", size, align="right", max_width=width * 0.7)
    pen.text(right, y + lead * 1.3, f"联系电话：{facts.employer_phone}", size - 1, align="right")
    pen.text(right, y + lead * 2.6, date_text(facts.issue_date, rng.choice(("cn", "dot"))), size, align="right")
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("财务专用章", "")))
        # pressed between the table's foot and the sign-off, over the 月均 lines
        press(pen, rng, style, center=(right - rng.uniform(30, 50), rng.uniform(table_end, y + lead)),
              width_mm=rng.uniform(38, 42))
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()
