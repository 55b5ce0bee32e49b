"""Sixth-batch families of the contract and the two official records (templates.py).

`contract_agency_form`: a city's 存量房屋买卖合同（经纪成交版） as the online system fills it in: a cover naming the
出卖人/买受人/经纪机构, the parties in the model text's option style (【法定代表人】【负责人】, 【身份证】【护照】…, 出生日期
and 性别 for a person), the brokerage with its 经纪人, 第一条 (一)(二) clauses with the filled values underlined, the
成交价格 with ¥ and 大写, and a three-column 签章 table (出卖人/买受人/经纪机构) with the seller's and the brokerage's
seals pressed in their columns.
`tax_year_groups`: the tax app's later 个人所得税纳税记录: № top right, the taxpayer in two boxes, a 你在…期间 sentence
with the full dates, the rows grouped by year with a 小计 row per year, 合计 with ¥ and 大写, numbered 说明, the 查验码
boxed beside a QR code, and a round electronic seal over the 开具日期.
`license_landscape_copy`: the 2019 design's 营业执照 副本 on landscape A4: guilloche ground, emblem and title on top,
the code top left, one wide column of fields, the QR code on the right at mid-height with the 市场主体身份码 caption, and
登记机关 with the date at the bottom right under the registration seal.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from docproc.cn.amount_words import to_words

from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, clause_pages, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, capital_text, qr_code
from .pdfkit import MM, Pen, Typeface, new_canvas
from .people import make_name
from .seal import other_make
from .tax import TaxFacts, TaxRow

GREY = (0.32, 0.32, 0.32)
LINE = (0.15, 0.15, 0.15)


def _spaced_date(d: date) -> str:
    """A signing date as the form's blanks hold it: 2026年 3月 5日."""
    return f"{d.year}年 {d.month}月 {d.day}日"


def _born(number: str) -> tuple[str, str]:
    """Birth date and sex read off an ID number (digits 7–14, and the 17th: odd for 男)."""
    return f"{number[6:10]}年{number[10:12]}月{number[12:14]}日", "男" if int(number[16]) % 2 else "女"


def _filled(t: Typesetter, label: str, value: str, *, bold: bool = False) -> None:
    """A form line: the printed label, then the filled-in value underlined."""
    pen, size = t.pen, t.s.size
    lines = pen.wrap(label + value, size, t.right - t.left)
    if t.y + t.line_h * len(lines) > t.bottom:
        return
    first = True
    for line in lines:
        t.y += t.line_h
        pen.text(t.left, t.y, line, size, bold=bold)
        end = t.left + pen.width(line, size)
        start = min(t.left + pen.width(label, size), end) if first else t.left
        if end > start:
            pen.line(start, t.y + 1.2, end, t.y + 1.2, width=0.35)
        first = False
    t.y += t.line_h * 0.25


def contract_agency_form(t: Typesetter, book: object, agency: str) -> SealSpot:
    """Cover, option-style parties with the brokerage, (一)(二) clauses, three-column 签章 table on the last page."""
    f, pen, rng = t.f, t.pen, t.rng
    finish = book.finish  # type: ignore[attr-defined]
    n = f.pages_declared
    city = f.seller.region.city
    w = pen.w_mm
    pen.text(w / 2, 88, f"{city}存量房屋买卖合同", 24, bold=True, align="center", spacing=1.5)
    pen.text(w / 2, 101, "（经纪成交版）", 14, align="center")
    y = 145.0
    for label, value in (("出卖人：", f.seller.name), ("买受人：", "、".join(b[0] for b in f.buyers)),
                         ("经纪机构：", agency)):
        lw = pen.text(t.left + 20, y, label, 13)
        pen.text(t.left + 20 + lw, y, value, 13, max_width=t.right - t.left - 26 - lw)
        pen.line(t.left + 20 + lw, y + 1.5, t.right - 6, y + 1.5, width=0.4)
        y += 14
    for k, line in enumerate((f"{city}住房和城乡建设委员会", f"{city}市场监督管理局", "制定")):
        pen.text(w / 2, 236 + k * 8, line, 12, align="center")
    finish()
    _filled(t, "出卖人：", f.seller.name, bold=True)
    _filled(t, "【法定代表人】【负责人】：", f.seller.legal_rep)
    _filled(t, "国籍：中国　【身份证】【护照】【营业执照注册号】【统一社会信用代码】：", f.seller.uscc)
    _filled(t, "通讯地址：", f.seller.address)
    _filled(t, "联系电话：", f.seller.phone)
    t.y += t.line_h * 0.4
    for k, (name, number) in enumerate(f.buyers):
        born, sex = _born(number)
        _filled(t, "买受人：" if k == 0 else "买受人（共有人）：", name, bold=True)
        _filled(t, "国籍：中国　【身份证】【护照】【　　】：", number)
        _filled(t, "出生日期：", f"{born}　　性别：{sex}")
    _filled(t, "通讯地址：", f.buyer_address)
    _filled(t, "联系电话：", f.buyer_phone)
    t.y += t.line_h * 0.4
    broker = make_name(rng, rng.choice("男女"))
    _filled(t, "经纪机构：", agency, bold=True)
    _filled(t, "备案证明编号：", f"{f.seller.region.short_city[:1]}FC{rng.randint(100000, 999999)}")
    _filled(t, "经纪人：", f"{broker}　　经纪人员职业资格证书编号：{rng.randint(10**9, 10**10 - 1)}")
    t.para("根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及其他有关法律、法规的规定，出卖人和买受人在"
           "平等、自愿、公平、协商一致的基础上就存量房屋买卖事宜达成如下协议：")
    finish()
    t.para("第一条　房屋基本情况", indent=False, bold=True)
    _filled(t, "（一）出卖人所售房屋（以下简称该房屋）为【楼房】【平房】，坐落为：", f.property_address)
    _filled(t, "该房屋建筑面积共（平方米）：", f"{f.floor_area:.2f}")
    _filled(t, "（二）该房屋规划设计用途为：", "【住宅】")
    cert = (f"{f.seller.region.short_city[:1]}（{f.signing_date.year - rng.randint(1, 7)}）不动产权第"
            f"{rng.randint(1000000, 9999999)}号")
    _filled(t, "（三）该房屋【不动产权证书】【房屋所有权证】编号为：", cert)
    t.para("第二条　房屋权属情况", indent=False, bold=True)
    t.para("出卖人保证该房屋没有产权纠纷，未设定抵押，未被查封；因出卖人原因造成该房屋不能办理产权登记或发生债权债务纠纷的，"
           "由出卖人承担相应责任。")
    t.para("第三条　成交价格、付款方式及资金划转方式", indent=False, bold=True)
    commas = rng.random() < 0.7
    _filled(t, "（一）经买卖双方协商一致，该房屋成交价格为：人民币", f"{money(f.total_price, commas=commas)}元")
    _filled(t, "（大写）：", f"{f.price_words}")
    _filled(t, "（小写）：", f"¥{money(f.total_price, commas=commas)}")
    _filled(t, "（二）买受人采取【自有资金】【贷款】方式付款，首付款为人民币：", f"{money(f.down_payment, commas=commas)}元")
    t.para("（三）买卖双方通过【资金监管】方式划转房屋交易结算资金，监管账户由经纪机构协助办理。", indent=False)
    t.para("（四）出卖人应当在买受人付清首付款且贷款审批通过之日起三十日内，将该房屋交付买受人。", indent=False)
    finish()
    clause_pages(t, n - 4, finish)
    while book.page < n:  # type: ignore[attr-defined]
        finish()
    t.para("（以下无正文）", indent=False)
    size = t.s.size + 0.5
    y, third = t.y + 8, (t.right - t.left) / 3
    box_h = 78.0
    for k, head in enumerate(("出卖人（签章）", "买受人（签章）", "经纪机构（签章）")):
        x = t.left + k * third
        pen.rect(x, y, third, box_h, stroke=LINE, width=0.5)
        pen.rect(x, y, third, 9, stroke=LINE, width=0.5, fill=(0.94, 0.94, 0.94))
        pen.text(x + third / 2, y + 6.3, head, size, bold=True, align="center")
    pen.text(t.left + 2, y + 20, f.seller.name, size - 0.5, max_width=third - 4)
    pen.text(t.left + 2, y + 34, "【法定代表人】：", size - 1)
    pen.text(t.left + 2, y + 41, f.seller.legal_rep, size - 1)
    sy = y + 15
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 11.0, third - 6)
        pen.image(sig, t.left + third + 3, sy, width, 11.0)
        sy += 14
    pen.text(t.left + 2 * third + 2, y + 20, agency, size - 0.5, max_width=third - 4)
    pen.text(t.left + 2 * third + 2, y + 34, f"经纪人：{broker}", size - 1)
    signed = _spaced_date(f.signing_date)
    for k in range(3):
        pen.text(t.left + k * third + 2, y + box_h - 12, "签订时间：", size - 1)
        pen.text(t.left + k * third + 2, y + box_h - 5, signed, size - 1)
    spot = SealSpot(n, (t.left + third / 2 + rng.uniform(-6, 6)) / pen.w_mm, (y + rng.uniform(20, 32)) / pen.h_mm,
                    rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        press(pen, rng, other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章"))),
              center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    brokerage = other_make(rng, agency)
    press(pen, rng, brokerage, center=(t.left + 2.5 * third + rng.uniform(-6, 6), y + rng.uniform(22, 36)),
          width_mm=rng.uniform(36, 40))
    t.y = y + box_h + 4
    finish()
    return spot


def _cells(pen: Pen, x: float, y: float, widths: list[float], cells: tuple[str, ...], h: float, size: float, *,
           shade: tuple[float, float, float] | None = None, right: tuple[int, ...] = (), bold: bool = False) -> float:
    for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
        pen.rect(x, y, w, h, stroke=(0.45, 0.45, 0.45), width=0.35, fill=shade)
        if k in right:
            pen.text(x + w - 1.5, y + h * 0.68, text, size, align="right", max_width=w - 3, bold=bold)
        else:
            pen.text(x + 1.5, y + h * 0.68, text, size, max_width=w - 3, bold=bold)
        x += w
    return y + h


def render_tax_year_groups(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """个人所得税纳税记录 (later app design): taxpayer boxes, 你在…期间 sentence, rows grouped by year with 小计."""
    buffer = io.BytesIO()
    page = (210.0 * MM, 297.0 * MM)
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=producer, title="个人所得税纳税记录")
    pen = Pen(canvas, facts.face, page)
    left, right = rng.uniform(13, 17), pen.w_mm - rng.uniform(13, 17)
    span = right - left
    y = rng.uniform(18, 22)
    pen.text(pen.w_mm / 2, y, "中华人民共和国", 12, align="center")
    pen.text(pen.w_mm / 2, y + 9, "个人所得税纳税记录", 18, bold=True, align="center", spacing=1.0)
    serial = "".join(rng.choice("0123456789") for _ in range(18))
    pen.text(right, y + 16, f"№ {serial}", 9, align="right", color=(0.55, 0.1, 0.1))
    y += 22
    pen.text(left, y, f"税务机关：{facts.authority}", 9.5, max_width=span * 0.7)
    y += 3
    y = _cells(pen, left, y, [span * 0.15, span * 0.3, span * 0.17, span * 0.38],
               ("纳税人名称", facts.name, "纳税人识别号", facts.id_number), 8.5, 9.5, shade=None)
    y += 7
    lead = (f"你在{date_text(facts.period_start, 'cn_padded')}至{date_text(facts.period_end, 'cn_padded')}期间"
            "（以下称记录期间）在本系统中的个人所得税纳税记录如下：")
    for line in pen.wrap(lead, 9.5, span):
        pen.text(left, y, line, 9.5)
        y += 5.5
    y += 1
    years: dict[int, list[TaxRow]] = {}
    for r in sorted(facts.rows, key=lambda row: (row.period, row.agent)):
        years.setdefault(r.period.year, []).append(r)
    n = len(facts.rows) + len(years) + 2
    h = min(7.0, 150.0 / n)
    size = min(8.6, h * 1.28)
    widths = [span * k for k in (0.06, 0.13, 0.14, 0.11, 0.3, 0.13, 0.13)]
    y = _cells(pen, left, y, widths, ("序号", "申报日期", "所得项目", "税款所属期", "扣缴义务人", "收入", "已申报税额"),
               h, size, shade=(0.9, 0.93, 0.97), bold=True)
    commas = rng.random() < 0.7
    k = 0
    for year, rows in years.items():
        for r in rows:
            k += 1
            y = _cells(pen, left, y, widths, (str(k), r.paid.strftime("%Y/%m/%d"), r.item, r.period.strftime("%Y-%m"),
                                              r.agent, money(r.income, commas=commas), money(r.tax, commas=commas)),
                       h, size - 0.4, right=(5, 6))
        income = sum((r.income for r in rows), Decimal(0))
        tax = sum((r.tax for r in rows), Decimal(0))
        y = _cells(pen, left, y, [sum(widths[:5]), widths[5], widths[6]],
                   (f"{year}年小计", money(income, commas=commas), money(tax, commas=commas)), h, size - 0.4,
                   shade=(0.97, 0.97, 0.97), right=(1, 2))
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    y = _cells(pen, left, y, [widths[0] + widths[1], sum(widths[2:5]), widths[5], widths[6]],
               ("合计", f"（大写）{words}", f"¥{money(facts.total_income, commas=commas)}",
                f"¥{money(facts.total_tax, commas=commas)}"), h + 1, size, right=(2, 3), bold=False)
    y += 7
    notes = ("说明：1. 本记录涉及纳税人敏感信息，请妥善保管。",
             "2. 记录中的收入为纳税人在记录期间取得的各项所得的收入额，已申报税额为扣缴义务人或纳税人申报的税额。",
             "3. 对本记录如有疑问，请与扣缴义务人或主管税务机关联系。",
             "4. 本记录可扫描二维码或登录个人所得税APP、自然人电子税务局，凭查验码查验。")
    for note in notes:
        for line in pen.wrap(note, 8.2, span * 0.95):
            pen.text(left, y, line, 8.2, color=GREY)
            y += 4.6
    y += 6
    qr = 22.0
    qr_code(pen, rng, left, y, qr)
    pen.rect(left + qr + 4, y + 4, 64, 14, stroke=(0.4, 0.4, 0.4), width=0.4)
    pen.text(left + qr + 7, y + 9.5, "查验码", 8.5, color=GREY)
    pen.text(left + qr + 7, y + 15, facts.verification_code, 10)
    sx = right - rng.uniform(32, 42)
    pen.text(sx, y + 8, f"开具日期：{date_text(facts.issue_date, 'cn_padded')}", 9.5, align="center")
    pen.text(sx, y + 15, facts.authority, 9, align="center", max_width=70)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "纳税记录专用章")))
        mark = replace(mark, color=(rng.randint(222, 240), rng.randint(16, 34), rng.randint(22, 40)), ring=0.018,
                       fade=0.0, opacity=0.94, star=True)
        press(pen, rng, mark, center=(sx + rng.uniform(-6, 6), y + rng.uniform(6, 14)), width_mm=rng.uniform(38, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _guilloche(pen: Pen, rng: random.Random) -> None:
    """A pale ground of interlaced waves, as security paper carries."""
    c = pen.c
    c.saveState()
    tint = (rng.uniform(0.8, 0.88), rng.uniform(0.86, 0.92), rng.uniform(0.8, 0.86))
    c.setStrokeColorRGB(*tint)
    c.setLineWidth(0.3)
    amp, period = rng.uniform(3, 5), rng.uniform(28, 40)
    for k in range(34):
        base = 12 + k * (pen.h_mm - 24) / 33
        phase = k * 0.7
        path = c.beginPath()
        for i in range(0, 121):
            x = 10 + i * (pen.w_mm - 20) / 120
            yy = base + amp * math.sin(2 * math.pi * x / period + phase)
            (path.moveTo if i == 0 else path.lineTo)(x * MM, (pen.h_mm - yy) * MM)
        c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def _licence_rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    day = "cn_padded"
    if facts.individual:
        return [("名　　称", c.name), ("类　　型", "个体工商户"), ("经  营  者", c.legal_rep), ("组成形式", "个人经营"),
                ("注册日期", date_text(facts.established, day)), ("经营场所", c.address), ("经营范围", facts.scope)]
    until = "长期" if facts.term_until is None else date_text(facts.term_until, day)
    return [("名　　称", c.name), ("类　　型", facts.kind), ("法定代表人", c.legal_rep), ("经营范围", facts.scope),
            ("注册资本", capital_text(facts)), ("成立日期", date_text(facts.established, day)),
            ("营业期限", f"{date_text(facts.established, day)} 至 {until}"), ("住　　所", c.address)]


def render_landscape_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """营业执照 副本 (2019 design) on landscape A4: QR code right at mid-height, one column of fields, seal bottom right."""
    page = (297.0 * MM, 210.0 * MM)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=rng.choice(("Canon iR-ADV C5535", "EPSON Scan")))
    pen = Pen(canvas, facts.face, page)
    w, h = pen.w_mm, pen.h_mm
    pen.rect(0, 0, w, h, fill=(rng.uniform(0.97, 0.99), rng.uniform(0.97, 0.99), rng.uniform(0.93, 0.96)))
    _guilloche(pen, rng)
    frame = (rng.uniform(0.6, 0.72), rng.uniform(0.42, 0.5), rng.uniform(0.18, 0.26))
    pen.rect(7, 7, w - 14, h - 14, stroke=frame, width=2.6)
    pen.rect(9.5, 9.5, w - 19, h - 19, stroke=frame, width=0.6)
    es = rng.uniform(20, 24)
    pen.image(emblem(360), w / 2 - es / 2, 13, es, es)
    pen.text(w / 2, 13 + es + 13, "营 业 执 照", rng.uniform(30, 34), bold=True, align="center", color=(0.05, 0.05, 0.05))
    pen.text(w / 2, 13 + es + 21, "（副　本）", 12, align="center")
    pen.text(20, 22, "统一社会信用代码", 10)
    pen.text(20, 28.5, facts.uscc_printed, 12, face=Typeface(facts.face.cjk, "lib_sans_bold"))
    pen.text(20, 35, f"副本编号：{rng.randint(1, 4)}-{rng.randint(1, 2)}", 8.5, color=GREY)
    size = rng.uniform(10.5, 11.5)
    line = size * 0.6
    x, label_w, width = 40.0, 28.0, w - 40 - 80
    y = 13 + es + 36
    for label, value in _licence_rows(facts):
        pen.text(x, y, label, size, bold=True)
        parts = pen.wrap(value, size, width - label_w)[:3]
        for k, text in enumerate(parts):
            pen.text(x + label_w, y + k * line, text, size)
        y += line * max(1, len(parts)) + line * 0.55
    qr = rng.uniform(24, 28)
    qx, qy = w - 30 - qr, h / 2 - qr / 2 - rng.uniform(4, 12)
    qr_code(pen, rng, qx, qy, qr)
    caption = ("扫描市场主体身份码", "了解更多登记、备案、", "许可、监管信息，体验", "更多应用服务。")
    for k, text in enumerate(caption):
        pen.text(qx + qr / 2, qy + qr + 4 + k * 3.6, text, 6.5, align="center")
    rx, ry = w - 58, h - rng.uniform(36, 42)
    pen.text(rx, ry, "登　记　机　关", 12, bold=True, align="center")
    d = facts.registered
    pen.text(rx, ry + 10, f"{d.year}年{d.month:02d}月{d.day:02d}日", 11.5, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(206, 232), rng.randint(24, 50), rng.randint(30, 56)),
                   ring=rng.choice((0.03, 0.04)), star=True, fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=(rx + rng.uniform(-5, 5), ry + rng.uniform(0, 6)), width_mm=rng.uniform(40, 44))
    pen.text(w / 2, h - 14, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 8, align="center")
    pen.text(w / 2, h - 10.8, "国家市场监督管理总局监制", 7.5, align="center")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
