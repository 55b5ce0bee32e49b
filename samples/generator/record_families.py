"""Held-out families of the two official records (templates.py): the counter-printed 税收完税证明 form, the tax app's
landscape table and (second batch) its portrait list of entries, (third batch) a 税务所's 完税证明 with the
withholding grouped by agent, (fourth batch) the e-tax bureau's 纳税清单 export; the 2015 三证合一 营业执照, the
电子营业执照 printout, (third batch) a county registry's ruled 副本 and (fourth batch) a self-service terminal's print. Same facts as tax.py and license.py; other layouts, wording, date styles and seal makes."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from docproc.cn.amount_words import to_words

from .batch5_records import render_tax_voucher, render_two_column_copy
from .batch6_records import render_landscape_copy, render_tax_year_groups
from .batch7_records import render_colon_copy, render_tax_proof_barcode
from .batch8_records import render_old_regno, render_tax_web_record
from .batch9_records import render_booklet_copy, render_tax_receipt_form
from .batch10_records import render_mobile_screenshot, render_tax_totals_top
from .batch11_records import render_tax_wide, render_wall_photo
from .batch12_records import render_certified_copy, render_tax_months
from .batch13_records import render_desk_angle, render_tax_wenzi
from .batch14_records import render_record_shot, render_under_glass
from .batch15_records import render_fax_copy, render_folded_photo
from .batch16_records import render_scan_app_color, render_tax_bilingual
from .batch17_records import render_screen_photo, render_watermark_photo
from .batch18_receipt import render_thermal
from .batch18_records import render_two_up
from .batch19_records import render_laminated
from .batch19_tax import render_two_pages
from .family_kit import date_text, press
from .finance import add_months, money
from .license import LicenseFacts, capital_text
from .pdfkit import A4_PT, MM, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts, TaxRow

GREY = (0.3, 0.3, 0.3)


def _cells(pen: Pen, x: float, y: float, widths: list[float], cells: tuple[str, ...], row_h: float, size: float, *,
           shade: bool = False, right: tuple[int, ...] = ()) -> float:
    """One ruled table row; return the y below it."""
    for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
        pen.rect(x, y, w, row_h, stroke=(0.2, 0.2, 0.2), width=0.35, fill=(0.93, 0.93, 0.93) if shade else None)
        if k in right:
            pen.text(x + w - 1.2, y + row_h * 0.68, text, size, align="right", max_width=w - 2.4)
        else:
            pen.text(x + 1.2, y + row_h * 0.68, text, size, max_width=w - 2.4)
        x += w
    return y + row_h


def render_tax_form(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """税收完税证明 printed at a tax-office counter: serial No., 二〇 date, 原凭证号/税种/品目 table, 大写 total."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="税收完税证明")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(12, 18), pen.w_mm - rng.uniform(12, 18)
    y = rng.uniform(22, 30)
    pen.text(pen.w_mm / 2, y, "中华人民共和国", 13, align="center", spacing=3.0)
    pen.text(pen.w_mm / 2, y + 10, "税 收 完 税 证 明", 19, bold=True, align="center")
    pen.text(right, y + 10, "No." + "".join(ch for ch in facts.serial if ch.isdigit())[-9:], 10, align="right", color=(0.6, 0.1, 0.1))
    y += 20
    pen.text(left, y, f"填发日期：{date_text(facts.issue_date, 'numerals')}", 10)
    pen.text(right, y, f"税务机关：{facts.authority}", 10, align="right", max_width=(right - left) * 0.55)
    y += 4
    span = right - left
    size = 9.0
    y = _cells(pen, left, y, [span * 0.18, span * 0.32, span * 0.16, span * 0.34],
               ("纳税人识别号", facts.id_number, "纳税人名称", facts.name), 8.0, 9.5)
    y = _cells(pen, left, y, [span * 0.18, span * 0.82],
               ("税款所属期间", f"{date_text(facts.period_start, 'cn')}至{date_text(facts.period_end, 'cn')}"), 8.0, 9.5)
    widths = [span * w for w in (0.15, 0.1, 0.16, 0.2, 0.13, 0.13, 0.13)]
    row_h = min(7.0, 140.0 / (len(facts.rows) + 2))
    y = _cells(pen, left, y, widths, ("原凭证号", "税种", "品目名称", "税款所属时期", "入（退）库日期", "收入额",
                                      "实缴（退）金额"), row_h, size, shade=True)
    for r in facts.rows:
        end = add_months(r.period.replace(day=1), 1) - timedelta(days=1)
        period = f"{r.period.replace(day=1):%Y%m%d}-{end:%Y%m%d}"
        voucher = f"3{rng.randint(10**16, 10**17 - 1)}"
        y = _cells(pen, left, y, widths, (voucher, "个人所得税", r.item, period, r.paid.strftime("%Y-%m-%d"),
                                          money(r.income), money(r.tax)), row_h, min(size, row_h * 1.3), right=(5, 6))
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    y = _cells(pen, left, y, [span * 0.6, span * 0.14, span * 0.13, span * 0.13],
               (f"金额合计（大写）{words}", "合计", money(facts.total_income), money(facts.total_tax)), 8.0, 9.5,
               right=(2, 3))
    y += 8
    pen.text(left, y, f"校验码：{facts.verification_code}", 10)
    pen.text(left, y + 6, "妥善保管。本凭证不作纳税人记账、抵扣凭证。", 8.5, color=GREY)
    sx, sy = left + rng.uniform(30, 55), y + rng.uniform(22, 32)
    pen.text(sx, sy, "税务机关（盖章）", 10, align="center")
    pen.text(right - 30, sy, f"填票人：{rng.choice(('自助终端', '电子税务局', '办税服务厅'))}", 10, align="center")
    if facts.sealed:
        style = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "税收业务专用章")))
        press(pen, rng, style, center=(sx + rng.uniform(-6, 6), sy - rng.uniform(0, 8)), width_mm=rng.uniform(38, 44))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_tax_app(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """个人所得税纳税记录 as the tax app prints it: landscape, period columns 起/止, masked-free id, ISO dates."""
    w, h = 297.0, 210.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer=producer, title="个人所得税纳税记录")
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    left, right = rng.uniform(12, 16), w - rng.uniform(12, 16)
    y = rng.uniform(16, 20)
    pen.text(w / 2, y, "中华人民共和国个人所得税纳税记录", 16, bold=True, align="center")
    pen.text(right, y + 7, f"记录编号：{facts.serial}", 8.5, align="right", color=GREY)
    y += 13
    size = 9.5
    line = (f"纳税人名称：{facts.name}　　纳税人识别号：{facts.id_number}　　"
            f"税款所属期：{date_text(facts.period_start, 'cn_padded')}至{date_text(facts.period_end, 'cn_padded')}")
    pen.text(left, y, line, size, max_width=right - left)
    pen.text(left, y + 6, f"开具日期：{facts.issue_date:%Y-%m-%d}　　开具税务机关：{facts.authority}", size,
             max_width=right - left)
    y += 10
    span = right - left
    widths = [span * k for k in (0.05, 0.13, 0.1, 0.1, 0.3, 0.11, 0.11, 0.1)]
    row_h = min(6.2, 118.0 / (len(facts.rows) + 2))
    y = _cells(pen, left, y, widths, ("序号", "所得项目", "所得期间起", "所得期间止", "扣缴义务人", "收入", "已申报税额",
                                      "入库日期"), row_h, 8.5, shade=True)
    for i, r in enumerate(facts.rows, 1):
        start = r.period.replace(day=1)
        end = add_months(start, 1) - timedelta(days=1)
        y = _cells(pen, left, y, widths, (str(i), r.item, f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", r.agent,
                                          money(r.income, commas=False), money(r.tax, commas=False),
                                          f"{r.paid:%Y-%m-%d}"), row_h, min(8.5, row_h * 1.35), right=(5, 6))
    y = _cells(pen, left, y, [sum(widths[:5]), widths[5], widths[6], widths[7]],
               ("合计", money(facts.total_income, commas=False), money(facts.total_tax, commas=False), ""), row_h,
               8.5, right=(1, 2))
    pen.text(left, y + 7, f"验证码：{facts.verification_code}　（可在个人所得税APP或自然人电子税务局查验）", 9)
    pen.text(left, y + 13, "本记录中的收入额与已申报税额以扣缴义务人申报为准，仅供参考。", 8, color=GREY)
    if facts.sealed:
        style = other_make(rng, facts.authority, bottom="征税专用章")
        press(pen, rng, style, center=(right - rng.uniform(30, 60), min(h - 28, y + rng.uniform(8, 20))),
              width_mm=rng.uniform(34, 40))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _license_rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("名称", c.name), ("类型", "个体工商户"), ("经营场所", c.address), ("经营者", c.legal_rep),
                ("组成形式", "个人经营"), ("注册日期", date_text(facts.established, "cn")), ("经营范围", facts.scope)]
    term = "长期" if facts.term_until is None else date_text(facts.term_until, "cn")
    return [("名称", c.name), ("类型", facts.kind), ("住所", c.address), ("法定代表人", c.legal_rep),
            ("注册资本", capital_text(facts)), ("成立日期", date_text(facts.established, "cn")),
            ("营业期限", f"{date_text(facts.established, 'cn')}至{term}"), ("经营范围", facts.scope)]


def render_three_in_one(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 2015 三证合一 licence: portrait, the code under the title, one column of labels, no QR code."""
    w, h = 210.0, 297.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer="EPSON Scan 2")
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    pen.rect(0, 0, w, h, fill=(rng.uniform(0.97, 1.0), rng.uniform(0.96, 0.99), rng.uniform(0.93, 0.97)))
    frame = (rng.uniform(0.55, 0.7), rng.uniform(0.35, 0.45), rng.uniform(0.15, 0.25))
    pen.rect(12, 12, w - 24, h - 24, stroke=frame, width=2.0)
    y = rng.uniform(48, 56)
    pen.text(w / 2, y, "营业执照", rng.uniform(30, 36), bold=True, align="center", spacing=4.0)
    if facts.copy:
        pen.text(w / 2, y + 11, "（副本）", 13, align="center")
    y += 22
    pen.text(w / 2, y, f"统一社会信用代码　{facts.uscc_printed}", 12, align="center")
    y += 8
    pen.text(w / 2, y, f"注册号　{rng.randint(10**14, 10**15 - 1)}", 10, align="center", color=GREY)
    y += 16
    size = rng.uniform(11, 12.5)
    lead = size * 0.6
    for label, value in _license_rows(facts):
        pen.text(30, y, label, size, bold=True)
        lines = pen.wrap(value, size, w - 30 - 62)[:5]
        for k, text in enumerate(lines):
            pen.text(62, y + k * lead, text, size)
        y += lead * max(1, len(lines)) + lead * 0.9
    x, sy = w - rng.uniform(55, 70), h - rng.uniform(52, 62)
    pen.text(x, sy, "登记机关", 12, bold=True, align="center")
    pen.text(x, sy + 12, date_text(facts.registered, "cn"), 12, align="center")
    press(pen, rng, other_make(rng, facts.authority), center=(x + rng.uniform(-5, 5), sy + rng.uniform(0, 8)),
          width_mm=rng.uniform(40, 44))
    pen.text(w / 2, h - 18, "企业信用信息公示系统网址：", 8.5, align="center")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_electronic_print(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """A printout of the 电子营业执照 (the app's card): a framed card on A4, two columns of fields, 登记机关 date."""
    from .license import qr_code

    w, h = 210.0, 297.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer=rng.choice(("Microsoft: Print To PDF",
                                                                                          "Chrome PDF Plugin")))
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    x0, y0 = rng.uniform(18, 24), rng.uniform(22, 34)
    cw, ch = w - 2 * x0, rng.uniform(150, 165)
    tone = (rng.uniform(0.82, 0.9), rng.uniform(0.9, 0.95), rng.uniform(0.95, 1.0))
    pen.rect(x0, y0, cw, ch, fill=tone, stroke=(0.55, 0.35, 0.2), width=1.4)
    pen.text(w / 2, y0 + 20, "营业执照", 24, bold=True, align="center", spacing=3.0)
    pen.text(w / 2, y0 + 28, "（电子）", 11, align="center")
    qr_code(pen, rng, x0 + cw - 30, y0 + 6, 24)
    pen.text(x0 + 8, y0 + 40, f"统一社会信用代码：{facts.uscc_printed}", 10.5)
    rows = _license_rows(facts)
    size, lead = 9.5, 5.4
    half = (cw - 16) / 2
    y = y0 + 52
    col = 0
    for label, value in rows:
        if label in ("经营范围", "住所", "经营场所", "营业期限"):  # long values take the card's whole width
            y += lead + 2.5 if col else 0
            lw = pen.text(x0 + 8, y, f"{label}：", size, bold=True)
            lines = pen.wrap(value, size, cw - 16 - lw)[:3]
            for j, text in enumerate(lines):
                pen.text(x0 + 8 + lw, y + j * lead, text, size)
            y, col = y + lead * len(lines) + 2.5, 0
            continue
        x = x0 + 8 + col * half
        lw = pen.text(x, y, f"{label}：", size, bold=True)
        pen.text(x + lw, y, value, size, max_width=half - 4 - lw)
        y, col = (y + lead + 2.5, 0) if col else (y, 1)
    sx, sy = x0 + cw - rng.uniform(40, 52), y0 + ch - rng.uniform(22, 28)
    pen.text(sx, sy, f"登记机关：{facts.authority}", 9, align="center", max_width=70)
    pen.text(sx, sy + 7, date_text(facts.registered, "cn_padded"), 9.5, align="center")
    press(pen, rng, other_make(rng, facts.authority), center=(sx, sy + 2), width_mm=rng.uniform(32, 38))
    pen.text(w / 2, y0 + ch + 10, "本打印件仅供参考，可通过国家企业信用信息公示系统查验。", 8.5, align="center", color=GREY)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_tax_app_list(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """个人所得税纳税记录 as the app's portrait list: a ruled facts box, one two-line entry per month
    (所得期间 and 所得项目 / 扣缴义务人, 收入额 and 已申报税额 on the right), totals, the seal over the facts box."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="个人所得税纳税记录")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(16, 22), pen.w_mm - rng.uniform(16, 22)
    span = right - left
    y = rng.uniform(18, 24)
    pen.text(pen.w_mm / 2, y, "个人所得税纳税记录", 17, bold=True, align="center", spacing=rng.choice((0.0, 1.5)))
    day_style = rng.choice(("dot", "cn_padded", "slash"))
    pen.text(pen.w_mm / 2, y + 7, f"（{date_text(facts.period_start, day_style)} - {date_text(facts.period_end, day_style)}）",
             9.5, align="center")
    y += 12
    y = _cells(pen, left, y, [span * 0.2, span * 0.3, span * 0.2, span * 0.3],
               ("纳税人姓名", facts.name, "身份证件号码", facts.id_number), 8.0, 9.0)
    y = _cells(pen, left, y, [span * 0.2, span * 0.3, span * 0.2, span * 0.3],
               ("开具日期", date_text(facts.issue_date, day_style), "查验码", facts.verification_code), 8.0, 9.0)
    box_bottom = y
    y = _cells(pen, left, y, [span * 0.2, span * 0.8], ("开具税务机关", facts.authority), 8.0, 9.0)
    commas = rng.random() < 0.6
    sign = rng.choice(("", "¥"))
    y += 6
    pen.text(left, y, "所得期间 / 所得项目 / 扣缴义务人", 8.5, color=GREY)
    pen.text(right, y, "收入额 / 已申报税额（元）", 8.5, align="right", color=GREY)
    y += 2
    pen.line(left, y, right, y, width=0.6)
    step = min(11.0, 190.0 / (len(facts.rows) + 2))
    size = min(9.0, step * 0.82)
    for r in sorted(facts.rows, key=lambda row: row.period, reverse=rng.random() < 0.5):
        pen.text(left + 1, y + step * 0.42, f"{r.period.year}年{r.period.month:02d}月　{r.item}", size)
        pen.text(left + 1, y + step * 0.85, f"扣缴义务人：{r.agent}", size - 1, color=GREY, max_width=span * 0.62)
        pen.text(right - 1, y + step * 0.42, f"收入额 {sign}{money(r.income, commas=commas)}", size, align="right")
        pen.text(right - 1, y + step * 0.85, f"已申报税额 {sign}{money(r.tax, commas=commas)}", size - 1, align="right")
        y += step
        pen.line(left, y, right, y, width=0.2, color=(0.65, 0.65, 0.65))
    y += 7
    pen.text(left, y, f"收入额合计：{sign}{money(facts.total_income, commas=commas)}元", 10, bold=True)
    pen.text(right, y, f"已申报税额合计：{sign}{money(facts.total_tax, commas=commas)}元", 10, bold=True, align="right")
    pen.text(left, y + 7, f"已申报税额合计（大写）：{to_words(facts.total_tax)}", 9)
    for k, note in enumerate(("说明：1. 本记录仅反映纳税人在上述期间已申报的个人所得税，不作为完税凭证。",
                              "2. 可通过个人所得税APP或自然人电子税务局输入查验码查验。")):
        pen.text(left + (0 if k == 0 else 9), y + 16 + k * 5.5, note, 8, color=GREY)
    if facts.sealed:
        style = other_make(rng, facts.authority, bottom=rng.choice(("", "征税专用章")))
        press(pen, rng, style, center=(right - rng.uniform(25, 45), box_bottom + rng.uniform(-6, 6)),
              width_mm=rng.uniform(34, 40))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_tax_office(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """个人所得税完税证明 printed at a 税务所 counter: facts in one prose line, the withholding grouped by 扣缴义务人
    (名称/所得项目/所得期间/收入/已缴税额, 小计 per agent), 合计 with 大写, 开具人/复核人, a double-ring seal."""
    buffer = io.BytesIO()
    title = rng.choice(("个人所得税完税证明", "个人所得税纳税清单"))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title=title)
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(18, 24), pen.w_mm - rng.uniform(18, 24)
    span = right - left
    y = rng.uniform(20, 26)
    pen.text(pen.w_mm / 2, y, title, 18, bold=True, align="center", spacing=rng.choice((0.0, 1.0)))
    pen.text(right, y + 7, facts.serial, 9, align="right")
    y += 16
    size = 10.5
    style = rng.choice(("cn", "cn_padded"))
    text = (f"\u3000\u3000兹证明纳税人{facts.name}（居民身份证：{facts.id_number}）自{date_text(facts.period_start, style)}"
            f"至{date_text(facts.period_end, style)}期间，由下列扣缴义务人代扣代缴（或自行申报缴纳）个人所得税，"
            "已入库税款明细如下：")
    for line in pen.wrap(text, size, span):
        pen.text(left, y, line, size)
        y += size * 0.6
    y += 2
    commas = rng.random() < 0.5
    widths = [span * k for k in (0.33, 0.17, 0.16, 0.17, 0.17)]
    groups: dict[str, list[TaxRow]] = {}
    for r in sorted(facts.rows, key=lambda row: (row.agent, row.period)):
        groups.setdefault(r.agent, []).append(r)
    n_lines = len(facts.rows) + len(groups) + 2
    row_h = min(7.0, 165.0 / n_lines)
    cell = min(9.0, row_h * 1.3)
    y = _cells(pen, left, y, widths, ("扣缴义务人名称", "所得项目", "所得期间", "收入", "已缴税额"), row_h, cell,
               shade=True)
    for agent, rows in groups.items():
        for k, r in enumerate(rows):
            y = _cells(pen, left, y, widths, (agent if k == 0 else "", r.item, f"{r.period:%Y.%m}",
                                              money(r.income, commas=commas), money(r.tax, commas=commas)),
                       row_h, cell, right=(3, 4))
        income = sum((r.income for r in rows), Decimal("0.00"))
        tax = sum((r.tax for r in rows), Decimal("0.00"))
        y = _cells(pen, left, y, widths, ("", "小计", "", money(income, commas=commas), money(tax, commas=commas)),
                   row_h, cell, right=(3, 4))
    y = _cells(pen, left, y, [sum(widths[:3]), widths[3], widths[4]],
               ("合　　计", money(facts.total_income, commas=commas), money(facts.total_tax, commas=commas)), row_h,
               cell, shade=True, right=(1, 2))
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    y = _cells(pen, left, y, [span], (f"已缴税额合计（大写）：{words}",), row_h + 1, cell)
    y += 8
    pen.text(left, y, f"校验码：{facts.verification_code}", 10)
    pen.text(left, y + 6, f"开具单位：{facts.authority}", 10, max_width=span * 0.6)
    pen.text(left, y + 12, f"开具日期：{date_text(facts.issue_date, rng.choice(('cn', 'numerals', 'iso')))}", 10)
    clerk = rng.choice(("王", "李", "赵", "周", "吴")) + rng.choice(("丽", "敏", "军", "静", "磊"))
    pen.text(left, y + 18, f"开具人：{clerk}　　复核人：", 10)
    pen.text(left, y + 28, "备注：本证明不作为纳税人记账、抵扣凭证；涂改、复印无效。", 8.5, color=GREY)
    sx, sy = right - rng.uniform(30, 42), y + rng.uniform(4, 12)
    pen.text(sx, y + 2, "（税务机关印章）", 9, align="center", color=GREY)
    if facts.sealed:
        style_ = replace(other_make(rng, facts.authority, bottom="征税专用章"), ring=rng.choice((0.05, 0.06)),
                         inner=True, star=True)
        press(pen, rng, style_, center=(sx, sy), width_mm=rng.uniform(40, 44))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _ruled_rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("名　　称", c.name), ("经 营 者", c.legal_rep), ("类　　型", "个体工商户"), ("组成形式", "个人经营"),
                ("经营场所", c.address), ("注册日期", date_text(facts.established, "cn_padded")), ("经营范围", facts.scope)]
    term = "长期" if facts.term_until is None else date_text(facts.term_until, "cn_padded")
    return [("名　　称", c.name), ("法定代表人", c.legal_rep), ("类　　型", facts.kind), ("注册资本", capital_text(facts)),
            ("成立日期", date_text(facts.established, "cn_padded")),
            ("营业期限", f"自{date_text(facts.established, 'cn_padded')}至{term}"), ("住　　所", c.address),
            ("经营范围", facts.scope)]


def render_ruled_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """营业执照 副本 on a county registry's form: a ruled label/value grid, the code boxed top right, QR code bottom
    left, 登记机关 and date bottom right under a faded orange-brown seal."""
    from .license import qr_code

    w, h = 210.0, 297.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer=rng.choice(("EPSON Scan", "HP Scan",
                                                                                          "Canon MF Scan Utility")))
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    pen.rect(0, 0, w, h, fill=(rng.uniform(0.95, 0.99), rng.uniform(0.96, 1.0), rng.uniform(0.92, 0.96)))
    edge = (rng.uniform(0.25, 0.4), rng.uniform(0.4, 0.5), rng.uniform(0.3, 0.4))
    pen.rect(14, 14, w - 28, h - 28, stroke=edge, width=1.0)
    left, right = 24.0, w - 24.0
    pen.text(left, 26, f"副本编号：{rng.randint(1, 3)}-{rng.randint(1, 2)}", 9)
    box_w = 70.0
    pen.rect(right - box_w, 21, box_w, 14, stroke=(0.2, 0.2, 0.2), width=0.5)
    pen.text(right - box_w / 2, 26.5, "统一社会信用代码", 9, align="center")
    pen.text(right - box_w / 2, 32.5, facts.uscc_printed, 11.5, align="center", max_width=box_w - 4)
    y = rng.uniform(56, 62)
    pen.text(w / 2, y, "营业执照", rng.uniform(30, 34), bold=True, align="center", spacing=rng.choice((2.0, 5.0)))
    pen.text(w / 2, y + 10, "（副　本）", 13, align="center")
    y += 20
    size = rng.uniform(10.5, 11.5)
    lead = size * 0.55
    label_w = 32.0
    for label, value in _ruled_rows(facts):
        lines = pen.wrap(value, size, right - left - label_w - 6)[:4]
        row_h = max(11.0, lead * len(lines) + 5)
        pen.rect(left, y, label_w, row_h, stroke=(0.15, 0.15, 0.15), width=0.6)
        pen.rect(left + label_w, y, right - left - label_w, row_h, stroke=(0.15, 0.15, 0.15), width=0.6)
        pen.text(left + label_w / 2, y + row_h / 2 + size * 0.14, label, size, bold=True, align="center")
        for k, text in enumerate(lines):
            pen.text(left + label_w + 3, y + row_h / 2 - lead * (len(lines) - 1) / 2 + size * 0.14 + k * lead, text, size)
        y += row_h
    qr = 24.0
    qr_code(pen, rng, left + 2, h - 24 - qr - 12, qr)
    pen.text(left + 2 + qr / 2, h - 28, "扫码查询登记信息", 7, align="center")
    sx, sy = right - rng.uniform(30, 40), h - rng.uniform(56, 62)
    pen.text(sx, sy, "登记机关", 12, bold=True, align="center")
    pen.text(sx, sy + 10, date_text(facts.registered, rng.choice(("cn", "cn_padded"))), 11.5, align="center")
    base = other_make(rng, facts.authority)
    brown = (rng.randint(176, 206), rng.randint(72, 100), rng.randint(36, 56))
    press(pen, rng, replace(base, color=brown, fade=rng.uniform(0.45, 0.7)), center=(sx + rng.uniform(-4, 4), sy + 4),
          width_mm=rng.uniform(40, 44))
    pen.text(w / 2, h - 20, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 8, align="center")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_etax_list(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """个人所得税纳税清单 exported from the e-tax bureau: a two-column taxpayer grid (纳税人名称/纳税人识别号/
    身份证件类型/身份证件号码), a per-month table with 税款所属期/入库日期/实缴(退)金额/征收机关, 合计, a round seal."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="个人所得税纳税清单")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(14, 18), pen.w_mm - rng.uniform(14, 18)
    span = right - left
    y = rng.uniform(18, 22)
    pen.text(left, y - 6, "国家税务总局自然人电子税务局", 8, color=GREY)
    pen.text(pen.w_mm / 2, y + 4, "个人所得税纳税清单", 17, bold=True, align="center")
    day_style = rng.choice(("iso", "cn_padded"))
    y += 12
    pen.text(left, y, f"清单编号：{facts.serial}", 8.5)
    pen.text(right, y, "金额单位：人民币元（列至角分）", 8.5, align="right")
    y += 3
    quarter = [span * 0.18, span * 0.32, span * 0.18, span * 0.32]
    y = _cells(pen, left, y, quarter, ("纳税人名称", facts.name, "纳税人识别号", facts.id_number), 8.0, 9.0)
    y = _cells(pen, left, y, quarter, ("身份证件类型", "居民身份证", "身份证件号码", facts.id_number), 8.0, 9.0)
    y = _cells(pen, left, y, [span * 0.18, span * 0.82], (
        "税款所属期间", f"{date_text(facts.period_start, day_style)} 至 {date_text(facts.period_end, day_style)}"), 8.0, 9.0)
    y += 5
    commas = rng.random() < 0.5
    widths = [span * k for k in (0.06, 0.13, 0.14, 0.16, 0.14, 0.14, 0.23)]
    n = len(facts.rows) + 2
    row_h = min(7.0, 180.0 / n)
    size = min(8.8, row_h * 1.3)
    y = _cells(pen, left, y, widths, ("序号", "税款所属期", "入库日期", "所得项目", "收入额", "实缴(退)金额", "征收机关"),
               row_h, size, shade=True)
    for k, r in enumerate(sorted(facts.rows, key=lambda row: row.period), start=1):
        y = _cells(pen, left, y, widths, (str(k), f"{r.period:%Y-%m}", date_text(r.paid, "iso"), r.item,
                                          money(r.income, commas=commas), money(r.tax, commas=commas), facts.authority),
                   row_h, size - 0.6, right=(4, 5))
    y = _cells(pen, left, y, [sum(widths[:4]), widths[4], widths[5], widths[6]],
               ("合计", money(facts.total_income, commas=commas), money(facts.total_tax, commas=commas), ""), row_h,
               size, shade=True, right=(1, 2))
    y += 8
    pen.text(left, y, f"开具日期：{date_text(facts.issue_date, day_style)}", 9.5)
    pen.text(left, y + 6, f"验证码：{facts.verification_code}", 9.5)
    for k, note in enumerate(("注：1. 本清单依据纳税人实际入库税款开具，可在自然人电子税务局输入验证码查验真伪；",
                              "2. 实缴(退)金额为负数的，表示退税。")):
        pen.text(left + (0 if k == 0 else 5), y + 16 + k * 5, note, 8, color=GREY)
    sx = right - rng.uniform(28, 38)
    pen.text(sx, y, "开具税务机关（章）", 9.5, align="center")
    pen.text(sx, y + 6, facts.authority, 8.5, align="center", max_width=right - left - 90)
    if facts.sealed:
        style = replace(other_make(rng, facts.authority), star=True, ring=rng.choice((0.02, 0.03)),
                        color=(rng.randint(200, 225), rng.randint(30, 60), rng.randint(30, 50)))
        press(pen, rng, style, center=(sx + rng.uniform(-4, 4), y + rng.uniform(2, 8)), width_mm=rng.uniform(36, 40))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _terminal_rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("字号名称", c.name), ("统一社会信用代码", facts.uscc_printed), ("主体类型", "个体工商户"),
                ("经营者", c.legal_rep), ("组成形式", "个人经营"), ("注册日期", date_text(facts.established, "iso")),
                ("经营场所", c.address), ("经营范围", facts.scope)]
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "iso")
    return [("企业名称", c.name), ("统一社会信用代码", facts.uscc_printed), ("企业类型", facts.kind),
            ("法定代表人", c.legal_rep), ("注册资本", capital_text(facts)), ("成立日期", date_text(facts.established, "iso")),
            ("营业期限自", date_text(facts.established, "iso")), ("营业期限至", until), ("住所", c.address),
            ("经营范围", facts.scope)]


def render_terminal_print(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """营业执照 副本 printed by a 政务服务中心 self-service terminal on guilloche paper: a two-column ruled grid with
    企业名称/企业类型/营业期限自/营业期限至 wording, 核准日期 and 登记机关 under a thin-ring seal, a 打印流水号 line."""
    from .license import qr_code

    w, h = 210.0, 297.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer=rng.choice(("Kyocera Scan", "EPSON Scan")))
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    tint = (rng.uniform(0.75, 0.85), rng.uniform(0.82, 0.9), rng.uniform(0.88, 0.95))
    for k in range(0, 300, 5):  # the security background: fine waves of light blue lines
        pen.line(0, k, w, k + rng.uniform(-3, 3), width=0.15, color=tint)
    left, right = 20.0, w - 20.0
    pen.text(w / 2, 40, "营业执照", rng.uniform(28, 32), bold=True, align="center", spacing=3.0)
    pen.text(w / 2, 50, "（副本）", 12, align="center")
    qr = 22.0
    qr_code(pen, rng, right - qr, 24, qr)
    y = 62.0
    size = rng.uniform(10, 11)
    lead = size * 0.5
    label_w = 38.0
    for label, value in _terminal_rows(facts):
        lines = pen.wrap(value, size, right - left - label_w - 6)[:5]
        row_h = max(10.0, lead * len(lines) + 5)
        pen.rect(left, y, label_w, row_h, stroke=(0.3, 0.35, 0.45), width=0.4, fill=(0.9, 0.93, 0.97))
        pen.rect(left + label_w, y, right - left - label_w, row_h, stroke=(0.3, 0.35, 0.45), width=0.4)
        pen.text(left + 2.5, y + row_h / 2 + size * 0.14, label, size - 0.5)
        for k, text in enumerate(lines):
            pen.text(left + label_w + 3, y + row_h / 2 - lead * (len(lines) - 1) / 2 + size * 0.14 + k * lead, text, size)
        y += row_h
    sy = max(y + 30, h - 70)
    sx = right - rng.uniform(32, 42)
    pen.text(sx, sy, f"登记机关：{facts.authority}", 10, align="center", max_width=100)
    pen.text(sx, sy + 8, f"核准日期：{date_text(facts.registered, 'iso')}", 10, align="center")
    style = replace(other_make(rng, facts.authority), ring=0.014, fade=rng.choice((0.0, 0.3)))
    press(pen, rng, style, center=(sx + rng.uniform(-6, 6), sy + rng.uniform(-2, 6)), width_mm=rng.uniform(38, 42))
    serial = "".join(rng.choice("0123456789") for _ in range(16))
    pen.text(left, h - 22, f"打印流水号：{serial}　　本执照由自助终端打印，与窗口领取的营业执照具有同等法律效力。", 7.5,
             color=GREY)
    pen.text(left, h - 17, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 7.5, color=GREY)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


TAX: dict[str, Callable[..., bytes]] = {"tax_completion_form": render_tax_form, "tax_app_landscape": render_tax_app,
                                        "tax_app_list": render_tax_app_list, "tax_office_withholding": render_tax_office,
                                        "tax_etax_list": render_etax_list, "tax_voucher_wenshu": render_tax_voucher,
                                        "tax_year_groups": render_tax_year_groups,
                                        "tax_proof_barcode": render_tax_proof_barcode,
                                        "tax_web_record": render_tax_web_record,
                                        "tax_receipt_red_form": render_tax_receipt_form,
                                        "tax_app_totals_top": render_tax_totals_top,
                                        "tax_wide_detail": render_tax_wide,
                                        "tax_month_columns": render_tax_months,
                                        "tax_wenzi_list": render_tax_wenzi,
                                        "tax_app_record_shot": render_record_shot,
                                        "tax_record_folded_photo": render_folded_photo,
                                        "tax_record_bilingual": render_tax_bilingual,
                                        "tax_screen_photo": render_screen_photo,
                                        "tax_thermal_receipt": render_thermal,
                                        "tax_record_two_pages": render_two_pages}
LICENSE: dict[str, Callable[..., bytes]] = {"license_three_in_one": render_three_in_one,
                                            "license_electronic_print": render_electronic_print,
                                            "license_ruled_copy": render_ruled_copy,
                                            "license_terminal_print": render_terminal_print,
                                            "license_two_column_copy": render_two_column_copy,
                                            "license_landscape_copy": render_landscape_copy,
                                            "license_colon_copy": render_colon_copy,
                                            "license_old_regno": render_old_regno,
                                            "license_booklet_copy": render_booklet_copy,
                                            "license_mobile_screenshot": render_mobile_screenshot,
                                            "license_wall_photo": render_wall_photo,
                                            "license_certified_copy": render_certified_copy,
                                            "license_desk_angle": render_desk_angle,
                                            "license_under_glass": render_under_glass,
                                            "license_fax_copy": render_fax_copy,
                                            "license_scan_app_color": render_scan_app_color,
                                            "license_watermark_photo": render_watermark_photo,
                                            "license_two_up_copy": render_two_up,
                                            "license_laminated_scan": render_laminated}
