"""Held-out income-proof families (templates.py): a bank's fill-in form, a ruled table form, a two-column letter,
(second batch) a bank's printed form with boxes, (third batch) a state-owned unit's red-headed letter and (fourth
batch) a private company's letterhead with a two-row HR grid.

Each is typeset as an A4 PDF with the same facts as the prose letter; the delivery scans or photographs it.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from .batch5_letters import render_bilingual_cert, render_payroll_months
from .batch6_letters import render_hr_esign, render_pay_components
from .batch7_letters import render_dotted_leaders, render_one_sentence
from .batch8_letters import render_bank_handfilled, render_kv_seal_right
from .batch9_letters import render_hr_shared_service, render_institution_numerals
from .batch10_letters import render_memo_annual, render_numbered_facts
from .batch11_letters import render_net_and_gross, render_verify_stub
from .batch12_letters import render_desk_photo, render_label_grid
from .batch13_letters import render_merged_cells
from .batch14_letters import render_digit_boxes
from .batch15_letters import render_folded_table
from .batch16_letters import A5_LETTER, render_a5_letterhead
from .batch17_letters import MONTH_GRID, render_month_grid
from .batch18_letters import COUNTERFOIL, render_counterfoil
from .batch19_letters import STATIONERY, render_stationery
from .family_kit import amount_text, date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, Pen, new_canvas, random_typeface
from .seal import other_make

GREY = (0.3, 0.3, 0.3)
_OFFICE = ("Microsoft® Word 2016", "WPS Office", "Microsoft® Word for Microsoft 365", "LibreOffice 7.3")


def _canvas(facts: IncomeProofFacts, rng: random.Random, title: str) -> tuple[io.BytesIO, Pen]:
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(_OFFICE), title=title)
    return buffer, Pen(canvas, random_typeface(rng), A4_PT)


def _finish(buffer: io.BytesIO, pen: Pen) -> bytes:
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


def _flow(pen: Pen, text: str, *, x: float, y: float, width: float, size: float, leading: float) -> float:
    """Set a wrapped paragraph from y (baseline of the first line); return the y after it."""
    for line in pen.wrap(text, size, width):
        pen.text(x, y, line, size)
        y += leading
    return y


def render_bank_form(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A bank's own 收入证明 form: the officer's blanks filled in and underlined, notes, 二〇 date."""
    title = rng.choice(("借款人收入证明", "个人收入证明", "收入证明（贷款专用）"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(24, 30), pen.w_mm - rng.uniform(22, 28)
    y = rng.uniform(30, 40)
    pen.text(left, y - 12, f"{rng.choice(BANKS)}个人住房贷款", 9, color=GREY)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(17, 20), bold=True, align="center")
    size, lead = rng.uniform(11.5, 12.5), rng.uniform(9.5, 11)
    y += 16
    money_style = rng.choice(("commas", "plain"))
    blanks = [("兹证明", facts.name), ("，身份证号码", facts.id_number), ("，自", date_text(facts.employment_start, "cn")),
              ("起在我单位工作，现任", facts.position), ("职务，其月收入为人民币（小写）", amount_text(facts.monthly_income, money_style)),
              ("元，（大写）", facts.amount_in_words), ("。", "")]
    x = left + pen.width("\u3000\u3000", size)
    for label, value in blanks:
        for part, underline in ((label, False), (value, True)):
            for ch in _chunks(part):
                w = pen.width(ch, size)
                if x + w > right:
                    x, y = left, y + lead
                pen.text(x, y, ch, size)
                if underline:
                    pen.line(x - 0.5, y + 1.2, x + w + 0.5, y + 1.2, width=0.4)
                x += w
    y += lead * 1.5
    y = _flow(pen, "\u3000\u3000我单位对本收入证明内容的真实性承担法律责任。特此证明。", x=left, y=y, width=right - left,
              size=size, leading=lead)
    y += lead
    for label, value in (("单位全称：", facts.employer), ("联系电话：", facts.employer_phone)):
        w = pen.text(left, y, label, size)
        pen.text(left + w, y, value, size)
        y += lead
    y += lead * 1.2
    sign_x = right - rng.uniform(62, 72)
    pen.text(sign_x, y, "单位公章或人事（劳资）部门盖章", size - 1)
    pen.text(sign_x + 8, y + lead * 1.6, date_text(facts.issue_date, "numerals"), size)
    notes_y = pen.h_mm - rng.uniform(40, 50)
    for k, note in enumerate(("注：1．本证明仅用于申请个人住房贷款，不作其他用途。",
                              "2．如所填内容与事实不符，由出具单位承担相应责任。")):
        pen.text(left + (0 if k == 0 else 6), notes_y + k * 6, note, 9, color=GREY)
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer)
        press(pen, rng, style, center=(sign_x + rng.uniform(18, 34), y + rng.uniform(-4, 8)), width_mm=rng.uniform(36, 42))
    return _finish(buffer, pen)


def _chunks(text: str) -> list[str]:
    """Characters, with ASCII runs (numbers) kept whole so a line break never splits them."""
    out: list[str] = []
    for ch in text:
        if out and ch.isascii() and out[-1][-1:].isascii():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def render_table_form(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """在职收入证明 as a ruled two-column table, a declaration, ISO date; a thin orange-red seal over the table."""
    title = rng.choice(("在职收入证明", "在职及收入证明", "员工收入证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(20, 26), pen.w_mm - rng.uniform(20, 26)
    y = rng.uniform(28, 36)
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 21), bold=True, align="center", spacing=rng.choice((0.0, 2.0)))
    y += 12
    money_style = rng.choice(("commas", "yen"))
    rows = [("姓　　名", facts.name), ("身份证号码", facts.id_number), ("工作单位", facts.employer),
            ("职　　务", facts.position), ("入职时间", date_text(facts.employment_start, rng.choice(("iso", "cn")))),
            ("月收入（小写）", f"{amount_text(facts.monthly_income, money_style)}元"),
            ("月收入（大写）", facts.amount_in_words), ("单位联系电话", facts.employer_phone)]
    if rng.random() < 0.5:  # some firms put the money last
        rows = rows[:4] + rows[7:] + rows[4:7]
    label_w, row_h, size = rng.uniform(36, 44), rng.uniform(10, 12), rng.uniform(10.5, 12)
    top = y
    for label, value in rows:
        pen.rect(left, y, label_w, row_h, stroke=(0, 0, 0), width=0.6, fill=(0.94, 0.94, 0.94))
        pen.rect(left + label_w, y, right - left - label_w, row_h, stroke=(0, 0, 0), width=0.6)
        pen.text(left + label_w / 2, y + row_h * 0.65, label, size, align="center")
        pen.text(left + label_w + 3, y + row_h * 0.65, value, size, max_width=right - left - label_w - 6)
        y += row_h
    y += 12
    y = _flow(pen, "\u3000\u3000以上情况属实，本单位对所填内容负责。本证明仅供办理个人住房按揭贷款使用。",
              x=left, y=y, width=right - left, size=size, leading=size * 0.62)
    y += 18
    pen.text(right - 10, y, f"{facts.employer}（盖章）", size, align="right")
    pen.text(right - 10, y + 10, date_text(facts.issue_date, "iso"), size, align="right")
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer)
        # the stamp lands half on the table's last rows and half on the sign-off, as hurried offices press it
        cx = right - rng.uniform(30, 55)
        press(pen, rng, style, center=(cx, rng.uniform(min(y - 4, top + 60), y + 4)), width_mm=rng.uniform(38, 44))
    return _finish(buffer, pen)


def render_two_column(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """An office-authored 工作收入证明: letterhead, a two-column facts block, prose amount, slashed date."""
    title = rng.choice(("工作收入证明", "收入证明", "工作证明及收入证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(22, 28), pen.w_mm - rng.uniform(22, 28)
    y = rng.uniform(20, 26)
    pen.text(left, y, facts.employer, 12, bold=True)
    pen.text(right, y, f"电话 Tel：{facts.employer_phone}", 9, align="right", color=GREY)
    pen.line(left, y + 3, right, y + 3, width=1.2)
    y += 22
    pen.text(pen.w_mm / 2, y, title, rng.uniform(16, 19), bold=True, align="center")
    y += 14
    size = rng.uniform(10.5, 11.5)
    pen.text(left, y, f"致：{rng.choice(BANKS)}{facts.city}分行", size)
    y += 12
    half = (right - left) / 2
    cells = [("员工姓名", facts.name), ("性　　别", facts.sex), ("身份证号", facts.id_number),
             ("担任职务", facts.position), ("入职日期", date_text(facts.employment_start, "slash")),
             ("证明用途", "个人住房贷款")]
    for k, (label, value) in enumerate(cells):
        x = left + (k % 2) * half
        lw = pen.text(x, y + (k // 2) * 9, f"{label}：", size, color=GREY)
        pen.text(x + lw, y + (k // 2) * 9, value, size, max_width=half - lw - 3)
    y += 9 * 3 + 8
    amount = amount_text(facts.monthly_income, "yen")
    text = (f"\u3000\u3000经核实，上述员工为本公司正式在职员工，近十二个月平均每月应发工资为{amount}元"
            f"（人民币{facts.amount_in_words}），已按规定代扣代缴个人所得税及社会保险。")
    y = _flow(pen, text, x=left, y=y, width=right - left, size=size, leading=size * 0.66)
    y = _flow(pen, "\u3000\u3000特此证明。", x=left, y=y + 4, width=right - left, size=size, leading=size * 0.66)
    y += 20
    pen.text(right, y, f"单位名称：{facts.employer}", size, align="right")
    pen.text(right, y + 9, f"日期：{date_text(facts.issue_date, 'slash')}", size, align="right")
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer)
        name_w = pen.width(facts.employer, size)
        press(pen, rng, style, center=(right - name_w * rng.uniform(0.2, 0.6), y + rng.uniform(-2, 8)),
              width_mm=rng.uniform(34, 40))
    return _finish(buffer, pen)


def render_bank_boxes(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A bank's printed 收入证明 form with boxes: a fully ruled grid, tick-box purpose, 单位盖章 and 经办人 boxes."""
    bank = rng.choice(BANKS)
    title = rng.choice(("个人收入证明", "收入证明书", "借款申请人收入证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(16, 22), pen.w_mm - rng.uniform(16, 22)
    width = right - left
    y = rng.uniform(18, 26)
    pen.text(left, y, bank, 11, bold=True)
    pen.text(right, y, f"编号：{rng.randint(10, 99)}{rng.randint(100000, 999999)}", 8.5, align="right", color=GREY)
    y += 12
    pen.text(pen.w_mm / 2, y, title, rng.uniform(16, 18), bold=True, align="center", spacing=rng.choice((0.0, 3.0)))
    y += 6
    pen.text(right, y + 4, rng.choice(("（由借款人所在单位填写）", "（本表由单位人事或财务部门填写）")), 8.5, align="right",
             color=GREY)
    y += 8
    size, row_h = rng.uniform(10, 11), rng.uniform(10, 12)
    start = date_text(facts.employment_start, rng.choice(("cn_padded", "dot")))
    money_style = rng.choice(("commas", "plain"))
    # each row: (label, value, share of the width) cells, ruled all round
    rows: list[list[tuple[str, str, float]]] = [
        [("姓名", facts.name, 0.14), ("性别", facts.sex, 0.1), ("证件号码", facts.id_number, 0.3)],
        [("工作单位（全称）", facts.employer, 0.4)],
        [("职务/岗位", facts.position, 0.2), ("入职时间", start, 0.2)],
        [("月均收入（小写）", f"￥{amount_text(facts.monthly_income, money_style)}元", 0.25),
         ("单位电话", facts.employer_phone, 0.2)],
        [("月均收入（大写）", f"人民币{facts.amount_in_words}", 0.6)],
    ]
    if rng.random() < 0.5:  # some banks ask for the phone first, by the employer
        rows[1], rows[3] = ([rows[1][0], rows[3][1]], [rows[3][0], ("收入期间", "近十二个月", 0.2)])
    for row in rows:
        label_share = (1 - sum(v for _, _, v in row)) / len(row)
        x = left
        for label, value, share in row:
            lw, vw = width * label_share, width * share
            pen.rect(x, y, lw, row_h, stroke=(0, 0, 0), width=0.5, fill=(0.96, 0.96, 0.92))
            pen.text(x + lw / 2, y + row_h * 0.64, label, size - 0.5, align="center", max_width=lw - 2)
            pen.rect(x + lw, y, vw, row_h, stroke=(0, 0, 0), width=0.5)
            pen.text(x + lw + 2, y + row_h * 0.64, value, size, max_width=vw - 4)
            x += lw + vw
        y += row_h
    purpose = "证明用途：√个人住房贷款　□个人消费贷款　□信用卡　□其他"
    pen.rect(left, y, width, row_h, stroke=(0, 0, 0), width=0.5)
    pen.text(left + 3, y + row_h * 0.64, purpose, size - 0.5, max_width=width - 6)
    y += row_h
    decl_h = row_h * 2.4
    pen.rect(left, y, width, decl_h, stroke=(0, 0, 0), width=0.5)
    _flow(pen, "\u3000\u3000兹证明上述人员为我单位正式员工，以上所填情况真实无误。如因本证明与事实不符而给贵行造成损失，"
               "我单位愿承担相应责任。", x=left + 3, y=y + 6, width=width - 6, size=size - 0.5, leading=(size - 0.5) * 0.6)
    y += decl_h
    box_h = rng.uniform(46, 56)
    split = width * rng.uniform(0.5, 0.58)
    pen.rect(left, y, split, box_h, stroke=(0, 0, 0), width=0.5)
    pen.rect(left + split, y, width - split, box_h, stroke=(0, 0, 0), width=0.5)
    pen.text(left + 3, y + 7, rng.choice(("单位盖章：", "单位（公章）：")), size)
    date_style = rng.choice(("cn_padded", "cn", "numerals"))
    pen.text(left + split - 4, y + box_h - 5, date_text(facts.issue_date, date_style), size, align="right")
    ox = left + split + 3
    pen.text(ox, y + 7, "经办人（签字）：", size)
    pen.text(ox, y + 7 + box_h / 3, "经办人职务：人事专员", size)
    pen.text(ox, y + 7 + box_h * 2 / 3, f"联系电话：{facts.employer_phone}", size, max_width=width - split - 6)
    pen.text(left, y + box_h + 7, "注：本证明须加盖单位公章或人事章方为有效，涂改无效。", 8.5, color=GREY)
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "人事专用章")))
        press(pen, rng, style, center=(left + split * rng.uniform(0.35, 0.65), y + box_h * rng.uniform(0.4, 0.6)),
              width_mm=rng.uniform(38, 42))
    return _finish(buffer, pen)


_UNIT_POSTS = ("人事处", "人力资源部", "组织人事科", "劳动工资科", "人事劳资科")


def render_state_unit(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A state-owned unit's 收入证明: red head, 兹有我单位职工…同志, 参加工作时间, 年收入（税前） with 月均 in brackets,
    二〇 date under the unit's name with the seal over both, and a 单位地址/联系人/联系电话 footer under a rule."""
    title = rng.choice(("收入证明", "证　明", "职工收入证明"))
    buffer, pen = _canvas(facts, rng, title.replace("　", ""))
    left, right = rng.uniform(26, 31), pen.w_mm - rng.uniform(24, 29)
    red = (rng.uniform(0.75, 0.85), rng.uniform(0.05, 0.12), rng.uniform(0.08, 0.14))
    y = rng.uniform(26, 32)
    pen.text(pen.w_mm / 2, y, facts.employer, rng.uniform(17, 20), bold=True, align="center", color=red,
             max_width=right - left)
    pen.line(left - 4, y + 5, right + 4, y + 5, width=1.6, color=red)
    pen.line(left - 4, y + 6.3, right + 4, y + 6.3, width=0.4, color=red)
    y += 26
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 21), bold=True, align="center",
             spacing=rng.choice((0.0, 4.0)) if len(title) < 4 else 0.0)
    y += 18
    size = rng.uniform(12.5, 13.5)
    lead = size * rng.uniform(0.68, 0.76)
    pen.text(left, y, f"{rng.choice(BANKS)}{facts.city}{rng.choice(('分行', '支行'))}：", size)
    y += lead * 1.3
    yearly = facts.monthly_income * 12
    year_text, month_text = amount_text(yearly, "commas"), amount_text(facts.monthly_income, "commas")
    body = (f"\u3000\u3000兹有我单位职工{facts.name}同志，{facts.sex}，身份证号码：{facts.id_number}，"
            f"参加工作时间：{date_text(facts.employment_start, 'cn')}，现任我单位{facts.position}。")
    y = _flow(pen, body, x=left, y=y, width=right - left, size=size, leading=lead)
    money_text = (f"　　该同志上一年度年收入（税前）为人民币{year_text}元"
                  f"（其中月均收入{month_text}元，大写人民币{facts.amount_in_words}），"
                  "含基本工资、岗位津贴、绩效工资等，已依法代扣代缴个人所得税。")
    y = _flow(pen, money_text, x=left, y=y, width=right - left, size=size, leading=lead)
    y = _flow(pen, "　　该同志工作表现良好，本单位对以上证明内容的真实性负责。",
              x=left, y=y, width=right - left, size=size, leading=lead)
    y = _flow(pen, "　　特此证明。", x=left, y=y + 2, width=right - left, size=size, leading=lead)
    y += lead * rng.uniform(2.5, 3.5)
    unit_x = right - rng.uniform(4, 12)
    post = rng.choice(_UNIT_POSTS)
    pen.text(unit_x, y, facts.employer, size, align="right", max_width=right - left - 40)
    if rng.random() < 0.4:
        pen.text(unit_x, y + lead, f"（{post}）", size - 1, align="right")
    day = date_text(facts.issue_date, "numerals")
    date_y = y + lead * 2.2
    pen.text(unit_x, date_y, day, size, align="right")
    foot = pen.h_mm - rng.uniform(36, 44)
    pen.line(left, foot, right, foot, width=0.5, color=GREY)
    contact = rng.choice(("张老师", "王科长", "李主任", "刘同志", "陈老师"))
    rows = [f"单位地址：{facts.city}市{rng.choice(('人民路', '解放路', '建设大道', '中山路'))}{rng.randint(1, 299)}号",
            f"联 系 人：{contact}　　联系电话：{facts.employer_phone}"]
    for k, line in enumerate(rows):
        pen.text(left, foot + 7 + k * 6.5, line, 10, color=GREY)
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer,
                           bottom=rng.choice(("", "", "人事专用章")) if post.startswith("人事") else "")
        name_w = min(pen.width(facts.employer, size), right - left - 40)
        # the seal covers the unit's name and the date (骑年盖月), as the 公文 rules ask
        press(pen, rng, style, center=(unit_x - name_w * rng.uniform(0.3, 0.55), (y + date_y) / 2 + rng.uniform(-3, 3)),
              width_mm=rng.uniform(40, 42))
    return _finish(buffer, pen)


_DEPARTMENTS = ("综合管理部", "市场部", "技术研发部", "财务部", "运营中心", "销售部", "客户服务部")


def render_hr_grid(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """A private company's 收入证明 on letterhead: a two-row grid (labels over values) of 员工姓名/证件类型/证件号码/
    所在部门/担任职务/入司日期/税前月薪/年度总收入, 本证明仅用于…, HR contact, ISO date, seal over the name at the foot."""
    title = rng.choice(("收入证明", "员工收入证明", "薪资收入证明"))
    buffer, pen = _canvas(facts, rng, title)
    left, right = rng.uniform(16, 20), pen.w_mm - rng.uniform(16, 20)
    brand = (rng.uniform(0.05, 0.2), rng.uniform(0.25, 0.45), rng.uniform(0.55, 0.75))
    y = rng.uniform(18, 22)
    pen.rect(left, y - 6, 9, 9, fill=brand)
    pen.text(left + 12, y + 1.5, facts.employer, 13, bold=True, color=brand, max_width=right - left - 70)
    road = rng.choice(("科技园路", "创业大道", "金融街", "高新南路", "软件园二期"))
    pen.text(right, y - 1.5, f"地址：{facts.city}市{road}{rng.randint(1, 399)}号", 7.5, align="right", color=GREY)
    pen.text(right, y + 2.5, f"电话：{facts.employer_phone}", 7.5, align="right", color=GREY)
    pen.line(left, y + 6, right, y + 6, width=1.2, color=brand)
    y += 26
    pen.text(pen.w_mm / 2, y, title, rng.uniform(17, 19), bold=True, align="center")
    y += 14
    size = rng.uniform(10.5, 11.5)
    y = _flow(pen, "\u3000\u3000兹证明以下员工为我公司正式在职员工，其基本信息及收入情况如下：", x=left, y=y,
              width=right - left, size=size, leading=size * 0.62)
    y += 3
    commas = rng.random() < 0.6
    start = date_text(facts.employment_start, rng.choice(("iso", "cn")))
    yearly = facts.monthly_income * 12
    rows = [[("员工姓名", facts.name), ("证件类型", "居民身份证"), ("证件号码", facts.id_number),
             ("所在部门", rng.choice(_DEPARTMENTS))],
            [("担任职务", facts.position), ("入司日期", start),
             ("税前月薪（元）", amount_text(facts.monthly_income, "commas" if commas else "plain")),
             ("年度总收入（元）", amount_text(yearly, "commas" if commas else "plain"))]]
    widths = [0.2, 0.2, 0.36, 0.24]
    cell_h = rng.uniform(8.5, 10)
    for row in rows:
        x = left
        for (label, value), share in zip(row, widths, strict=True):
            w = (right - left) * share
            pen.rect(x, y, w, cell_h, stroke=(0.2, 0.2, 0.2), width=0.5, fill=(0.9, 0.93, 0.97))
            pen.rect(x, y + cell_h, w, cell_h, stroke=(0.2, 0.2, 0.2), width=0.5)
            pen.text(x + w / 2, y + cell_h * 0.66, label, size - 1, align="center", bold=True)
            pen.text(x + w / 2, y + cell_h * 1.66, value, size - 0.5, align="center", max_width=w - 3)
            x += w
        y += cell_h * 2
    y += 9
    y = _flow(pen, f"\u3000\u3000该员工税前月薪大写：人民币{facts.amount_in_words}。上述年度总收入为近十二个月税前收入合计，"
              "含基本工资、绩效奖金及各类津贴。", x=left, y=y, width=right - left, size=size, leading=size * 0.62)
    use = rng.choice(("办理个人住房贷款", "申请银行按揭贷款", "办理购房贷款手续"))
    y = _flow(pen, f"\u3000\u3000本证明仅用于该员工{use}，不作其他用途，亦不构成我公司对该员工任何形式的担保。",
              x=left, y=y + 1, width=right - left, size=size, leading=size * 0.62)
    y += 8
    hr = rng.choice(("人力资源部", "人事行政部", "HR共享中心"))
    contact = rng.choice(("李女士", "周先生", "王经理", "陈女士"))
    pen.text(left, y, f"{hr}联系人：{contact}　　联系电话：{facts.employer_phone}", size - 0.5)
    y += rng.uniform(26, 40)
    name_x = right - rng.uniform(6, 14)
    pen.text(name_x, y, f"{facts.employer}", size, align="right", max_width=right - left - 50)
    pen.text(name_x, y + 9, date_text(facts.issue_date, "iso"), size, align="right")
    if facts.sealed:
        style = other_make(rng, facts.seal_legend or facts.employer)
        style = replace(style, color=(rng.randint(170, 190), rng.randint(20, 40), rng.randint(80, 110)), ring=0.014)
        name_w = min(pen.width(facts.employer, size), right - left - 50)
        press(pen, rng, style, center=(name_x - name_w * rng.uniform(0.35, 0.6), y + rng.uniform(-2, 4)),
              width_mm=rng.uniform(38, 42))
    return _finish(buffer, pen)


RENDERERS: dict[str, Callable[[IncomeProofFacts, random.Random], bytes]] = {
    "letter_bank_form": render_bank_form, "letter_table_form": render_table_form,
    "letter_two_column": render_two_column, "letter_bank_boxes": render_bank_boxes,
    "letter_state_unit": render_state_unit,
    "letter_hr_grid": render_hr_grid,
    "letter_bilingual_cert": render_bilingual_cert,
    "letter_payroll_months": render_payroll_months,
    "letter_pay_components": render_pay_components,
    "letter_hr_esign": render_hr_esign,
    "letter_one_sentence": render_one_sentence,
    "letter_dotted_leaders": render_dotted_leaders,
    "letter_bank_handfilled": render_bank_handfilled,
    "letter_kv_seal_right": render_kv_seal_right,
    "letter_hr_shared_service": render_hr_shared_service,
    "letter_institution_numerals": render_institution_numerals,
    "letter_numbered_facts": render_numbered_facts, "letter_memo_annual": render_memo_annual,
    "letter_verify_stub": render_verify_stub, "letter_net_and_gross": render_net_and_gross,
    "letter_label_grid": render_label_grid, "letter_desk_photo": render_desk_photo,
    "letter_merged_cells": render_merged_cells, "letter_digit_boxes": render_digit_boxes,
    "letter_folded_table": render_folded_table, A5_LETTER: render_a5_letterhead,
    MONTH_GRID: render_month_grid, COUNTERFOIL: render_counterfoil, STATIONERY: render_stationery,
}
