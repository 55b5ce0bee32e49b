"""Eighth-batch families of the contract and the two official records (templates.py).

`contract_party_table`: a 商品房买卖合同 as a developer's sales office types it from its own template: the 合同编号 at
the top right of every page and the 预售许可证号 in a box on the first, the parties in one bordered table (甲方（出卖人） | 乙方（买受人） rows with 名称/证件号码/地址/
电话), a ruled 房屋坐落 | 产权证号 | 建筑面积 table, the price as 小写 ¥ then 大写 in 【】 brackets, 第X条 clauses, and
甲方（盖章）/乙方（签字） lines on the last page with the seller's seal pressed over 甲方.
`tax_web_record`: a 个人所得税 收入纳税明细 printed from the 自然人电子税务局 web 版 through the browser: the print's
date/time and page title in the top margin, the URL and 1/1 at the foot, a 查询条件 line, a striped table 所得月份/
所得项目/扣缴义务人名称/扣缴义务人识别号/收入额/已申报税额/入库日期, 合计 with 大写, the 验证码 and the tax office's
round e-seal over 开具日期.
`license_old_regno`: the pre-2015 企业法人营业执照 / 个体工商户营业执照 (正本, landscape) with its 15-digit 注册号 and the
统一社会信用代码 printed onto it later on a pasted strip, a decorative double border with corner ornaments, the old
field list (名称/住所/法定代表人姓名/注册资本/实收资本/公司类型/经营范围/成立日期/营业期限; 个体: 名称/经营者/经营场所/
组成形式/注册日期), 登记机关 and the date under a large registration seal.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

from docproc.cn.amount_words import to_words

from .contract_pdf import SealSpot, Typesetter, clause_pages, ruled_table, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, capital_text
from .pdfkit import A4_PT, MM, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.32, 0.32, 0.32)
LINE = (0.1, 0.1, 0.1)


def _party_table(t: Typesetter, rows: list[tuple[str, str, str]]) -> None:
    """A bordered table: the role cell spans each party's rows on the left, label | value to its right."""
    pen, size = t.pen, t.s.size
    width = t.right - t.left
    role_w, label_w = width * 0.2, width * 0.2
    row_h = t.line_h * 1.45
    y = t.y + 4
    groups: dict[str, list[tuple[str, str]]] = {}
    for role, label, value in rows:
        groups.setdefault(role, []).append((label, value))
    for role, items in groups.items():
        h = row_h * len(items)
        pen.rect(t.left, y, role_w, h, stroke=LINE, width=0.6, fill=(0.95, 0.95, 0.95))
        pen.text(t.left + role_w / 2, y + h / 2 + 1.5, role, size, bold=True, align="center", max_width=role_w - 3)
        for label, value in items:
            pen.rect(t.left + role_w, y, label_w, row_h, stroke=LINE, width=0.4)
            pen.rect(t.left + role_w + label_w, y, width - role_w - label_w, row_h, stroke=LINE, width=0.4)
            pen.text(t.left + role_w + 2, y + row_h * 0.68, label, size, max_width=label_w - 4)
            pen.text(t.left + role_w + label_w + 2, y + row_h * 0.68, value, size,
                     max_width=width - role_w - label_w - 4)
            y += row_h
    t.y = y + 3


def contract_party_table(t: Typesetter, book: object) -> SealSpot:
    """预售许可证号 box, bordered 甲方（出卖人）/乙方（买受人） table, 房屋坐落 table, ¥ then 【大写】, 甲方（盖章） at the end."""
    f, pen, rng = t.f, t.pen, t.rng
    finish = book.finish  # type: ignore[attr-defined]
    n = f.pages_declared
    pen.rect(t.left, t.top - 2, 58, 9, stroke=LINE, width=0.5)
    pen.text(t.left + 2, t.top + 4, f"预售许可证号：{f.signing_date.year - rng.randint(1, 3)}预字第{rng.randint(10, 999):03d}号",
             t.s.size - 0.5, max_width=54)
    title = rng.choice(("商品房买卖合同", "商品房买卖合同（现房）", "商品房买卖合同书"))
    pen.text(pen.w_mm / 2, t.top + 20, title, 20, bold=True, align="center", spacing=rng.choice((0.0, 1.0)))
    t.y = t.top + 28
    rows = [("甲方（出卖人）", "名称", f.seller.name), ("甲方（出卖人）", "统一社会信用代码", f.seller.uscc),
            ("甲方（出卖人）", "法定代表人", f.seller.legal_rep), ("甲方（出卖人）", "地址", f.seller.address),
            ("甲方（出卖人）", "联系电话", f.seller.phone)]
    for k, (name, number) in enumerate(f.buyers):
        tag = "乙方（买受人）"
        rows += [(tag, "姓名" if k == 0 else "共同买受人", name), (tag, "身份证号码", number)]
    rows += [("乙方（买受人）", "通讯地址", f.buyer_address), ("乙方（买受人）", "联系电话", f.buyer_phone)]
    _party_table(t, rows)
    t.para("甲、乙双方根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及其他有关法律、法规之规定，"
           "在平等、自愿、协商一致的基础上，就乙方向甲方购买商品房事宜达成如下协议：")
    finish()
    cert = f"（{f.signing_date.year - rng.randint(0, 2)}）不动产权第{rng.randint(1000000, 9999999)}号"
    t.para("第一条　房屋基本情况", indent=False, bold=True)
    t.para(f"乙方购买的商品房为{f.project}项目，具体情况如下：")
    ruled_table(t, (("房屋坐落", "产权证号", "建筑面积（㎡）"), (f.property_address, cert, f"{f.floor_area:.2f}")),
                (0.5, 0.3, 0.2))
    t.para(f"该商品房套内建筑面积为{f.inner_area:.2f}平方米，用途为住宅，房屋交付时以房产测绘机构实测面积为准。")
    t.para("第二条　房屋价款", indent=False, bold=True)
    commas = rng.random() < 0.6
    t.para(f"该商品房总价款为人民币（小写）¥{money(f.total_price, commas=commas)}元，"
           f"（大写）【{f.price_words}】。")
    t.para("第三条　付款方式及期限", indent=False, bold=True)
    t.para(f"乙方于本合同签订之日支付首付款人民币{money(f.down_payment)}元，余款人民币"
           f"{money(f.total_price - f.down_payment)}元以商业银行个人住房贷款方式支付，由贷款银行直接划入甲方指定账户。")
    t.para("第四条　交付", indent=False, bold=True)
    t.para("甲方应当在本合同签订后九十日内将该商品房交付乙方使用，交付时应出具《住宅质量保证书》和《住宅使用说明书》。")
    finish()
    clause_pages(t, n - 3, finish)
    while book.page < n:  # type: ignore[attr-defined]
        finish()
    t.para("本合同自双方签字（盖章）之日起生效。本合同一式四份，甲乙双方各执一份，其余报有关部门备案。")
    size = t.s.size + 0.5
    y = t.y + 18
    half = (t.right - t.left) / 2
    pen.text(t.left, y, "甲方（出卖人）（盖章）：", size)
    pen.text(t.left, y + 11, f.seller.name, size, max_width=half - 6)
    pen.text(t.left, y + 22, f"法定代表人或委托代理人：{f.seller.legal_rep}", size - 0.5, max_width=half - 4)
    pen.text(t.left + half, y, "乙方（买受人）（签字）：", size)
    sy = y + 3
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 11.0, half - 20)
        pen.image(sig, t.left + half + 6, sy, width, 11.0)
        sy += 13
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded", "iso")))
    pen.text(t.left, y + 36, f"签订日期：{signed}", size - 0.5)
    pen.text(t.left + half, y + 36, f"签订日期：{signed}", size - 0.5)
    name_w = min(pen.width(f.seller.name, size), half - 6)
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.4, 0.75)) / pen.w_mm, (y + rng.uniform(3, 14)) / pen.h_mm,
                    rng.uniform(38, 44))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章", "销售专用章")))
        mark = replace(mark, color=rng.choice(((222, 28, 36), (200, 50, 40), (184, 30, 62))),
                       ring=rng.choice((0.02, 0.035, 0.05)), fade=rng.choice((0.0, 0.25)))
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = y + 44
    finish()
    return spot


def render_tax_web_record(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """收入纳税明细 printed from the web 版 through the browser: margin header/footer, query line, striped table, e-seal."""
    title = rng.choice(("个人所得税纳税记录", "收入纳税明细", "个人所得税收入纳税明细"))
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Chrome PDF Printer", "Skia/PDF m112",
                                                                              "Microsoft: Print To PDF")), title=title)
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = 12.0, pen.w_mm - 12.0
    span = right - left
    clock = f"{rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}"
    pen.text(left, 7, f"{facts.issue_date.year % 100:02d}/{facts.issue_date.month}/{facts.issue_date.day} {clock}", 7.5)
    pen.text(pen.w_mm / 2, 7, "自然人电子税务局", 7.5, align="center")
    pen.text(left, pen.h_mm - 6, "https://etax.chinatax.gov.cn/webstatic/ssfw/nsjl/print.html", 7.5)
    pen.text(right, pen.h_mm - 6, "1/1", 7.5, align="right")
    y = 22.0
    pen.rect(left, y - 6, span, 10, fill=(0.12, 0.36, 0.7))
    pen.text(left + 3, y, "国家税务总局 自然人电子税务局（WEB端）", 11, bold=True, color=(1, 1, 1))
    y += 16
    pen.text(pen.w_mm / 2, y, title, 16, bold=True, align="center")
    y += 10
    size = 10.0
    pen.text(left, y, f"纳税人姓名：{facts.name}", size)
    pen.text(left + span * 0.45, y, f"证件号码：{facts.id_number}", size)
    y += 6.5
    pen.text(left, y, f"查询条件：税款所属期 {facts.period_start:%Y-%m-%d} 至 {facts.period_end:%Y-%m-%d}　所得项目：全部", size)
    pen.text(right, y, f"验证码：{facts.verification_code}", size, align="right")
    y += 6.5
    pen.text(left, y, f"主管税务机关：{facts.authority}", size, max_width=span * 0.7)
    y += 5
    h = min(7.0, 150.0 / (len(facts.rows) + 2))
    widths = [span * k for k in (0.1, 0.15, 0.24, 0.17, 0.12, 0.11, 0.11)]
    heads = ("所得月份", "所得项目", "扣缴义务人名称", "扣缴义务人识别号", "收入额", "已申报税额", "入库日期")
    x = left
    pen.rect(left, y, span, h, fill=(0.86, 0.9, 0.96))
    for head, w in zip(heads, widths, strict=True):
        pen.text(x + w / 2, y + h * 0.68, head, 8.5, bold=True, align="center", max_width=w - 2)
        x += w
    y += h
    commas = rng.random() < 0.5
    for k, r in enumerate(facts.rows):
        if k % 2:
            pen.rect(left, y, span, h, fill=(0.96, 0.97, 0.99))
        agent_id = _agent_id(r.agent)
        cells = (r.period.strftime("%Y-%m"), r.item, r.agent, agent_id, money(r.income, commas=commas),
                 money(r.tax, commas=commas), r.paid.strftime("%Y-%m-%d"))
        x = left
        for j, (text, w) in enumerate(zip(cells, widths, strict=True)):
            if j in (4, 5):
                pen.text(x + w - 1.5, y + h * 0.68, text, 8.5, align="right", max_width=w - 3)
            else:
                pen.text(x + 1.2, y + h * 0.68, text, 8.5, max_width=w - 2.4)
            x += w
        y += h
        pen.line(left, y, right, y, width=0.15, color=(0.75, 0.78, 0.85))
    pen.text(left + 1.2, y + h * 0.68, "合计", 9, bold=True)
    pen.text(left + sum(widths[:5]) - 1.5, y + h * 0.68, money(facts.total_income, commas=commas), 9, align="right")
    pen.text(left + sum(widths[:6]) - 1.5, y + h * 0.68, money(facts.total_tax, commas=commas), 9, align="right")
    y += h + 6
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"已申报税额合计（大写）：{words}", size)
    y += 8
    for note in ("说明：1. 本页面数据来源于扣缴义务人的扣缴申报及纳税人自行申报；",
                 "　　　2. 可登录自然人电子税务局或个人所得税APP，凭验证码查验本记录。"):
        pen.text(left, y, note, 8.5, color=GREY)
        y += 5
    sx, sy = right - rng.uniform(36, 50), y + rng.uniform(14, 22)
    pen.text(sx, sy, f"开具日期：{date_text(facts.issue_date, rng.choice(('cn', 'iso')))}", size, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("", "电子专用章")))
        mark = replace(mark, color=(rng.randint(228, 246), rng.randint(10, 30), rng.randint(18, 34)),
                       ring=rng.choice((0.015, 0.02)), fade=0.0, opacity=0.92, star=True)
        press(pen, rng, mark, center=(sx + rng.uniform(-4, 6), sy - rng.uniform(2, 8)), width_mm=rng.uniform(36, 40))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _agent_id(agent: str) -> str:
    """A withholding agent's taxpayer number, a pure function of its name."""
    digits = f"{sum(ord(c) * (k + 7) for k, c in enumerate(agent)) * 7919:016d}"[-16:]
    return f"91{digits}"


def _old_rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("名　　称", c.name), ("经  营  者", c.legal_rep), ("经营场所", c.address), ("组成形式", "个人经营"),
                ("注册日期", date_text(facts.established, "cn"))]
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "cn")
    rows = [("名　　称", c.name), ("住　　所", c.address), ("法定代表人姓名", c.legal_rep),
            ("注册资本", capital_text(facts)), ("实收资本", capital_text(facts)), ("公司类型", facts.kind)]
    rows += [("成立日期", date_text(facts.established, "cn")),
             ("营业期限", f"{date_text(facts.established, 'cn')}至{until}")]
    return rows


def _ornament(pen: Pen, x: float, y: float, color: tuple[float, float, float]) -> None:
    for r in (5.0, 3.2, 1.4):
        pen.c.saveState()
        pen.c.setStrokeColorRGB(*color)
        pen.c.setLineWidth(0.6)
        pen.c.circle(x * MM, (pen.h_mm - y) * MM, r * MM, stroke=1, fill=0)
        pen.c.restoreState()


def render_old_regno(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """Pre-2015 正本 in landscape: decorative border, 注册号 (15 digits), the USCC on a pasted strip, old field list."""
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=rng.choice(("RICOH MP 2014", "Canon iR2525",
                                                                              "EPSON Scan")))
    pen = Pen(canvas, facts.face, page)
    w, h = pen.w_mm, pen.h_mm
    ink = rng.choice(((0.62, 0.14, 0.12), (0.55, 0.4, 0.1), (0.2, 0.3, 0.55)))
    pen.rect(0, 0, w, h, fill=(0.99, 0.97, 0.92))
    pen.rect(9, 9, w - 18, h - 18, stroke=ink, width=2.2)
    pen.rect(13, 13, w - 26, h - 26, stroke=ink, width=0.6)
    for k in range(0, int(w - 40), 6):  # a chain of small diamonds along the top and bottom borders
        for yy in (11.0, h - 11.0):
            x = 20 + k
            p = pen.c.beginPath()
            p.moveTo(x * MM, (h - yy + 1.2) * MM)
            p.lineTo((x + 1.5) * MM, (h - yy) * MM)
            p.lineTo(x * MM, (h - yy - 1.2) * MM)
            p.lineTo((x - 1.5) * MM, (h - yy) * MM)
            p.close()
            pen.c.saveState()
            pen.c.setFillColorRGB(*ink)
            pen.c.drawPath(p, stroke=0, fill=1)
            pen.c.restoreState()
    for cx, cy in ((20, 20), (w - 20, 20), (20, h - 20), (w - 20, h - 20)):
        _ornament(pen, cx, cy, ink)
    title = "个体工商户营业执照" if facts.individual else rng.choice(("企业法人营业执照", "营业执照"))
    pen.text(w / 2, 40, title, 30 if len(title) <= 4 else 26, bold=True, align="center", spacing=2.0)
    pen.text(w / 2, 49, "（正　本）", 12, align="center")
    regno = _regno(facts, rng)
    pen.text(w - 30, 58, f"注册号：{regno}", 11, align="right")
    strip_w = 98.0
    sx, sy = 28 + rng.uniform(0, 6), 52 + rng.uniform(-1, 2)
    pen.rect(sx, sy, strip_w, 9, fill=(1, 1, 1), stroke=(0.7, 0.7, 0.7), width=0.3)
    pen.text(sx + 2, sy + 6.3, f"统一社会信用代码：{facts.uscc_printed}", 10.5, max_width=strip_w - 4)
    size = rng.uniform(12, 13)
    x, label_w = 40.0, 40.0
    y = 74.0
    lead = size * 0.6
    for label, value in _old_rows(facts):
        pen.text(x, y, label, size)
        parts = pen.wrap(value, size, w * 0.62 - label_w)[:2]
        for k, text in enumerate(parts):
            pen.text(x + label_w, y + k * lead, text, size)
        y += lead * len(parts) + lead * 0.55
    pen.text(x, y, "经营范围", size)
    for k, text in enumerate(pen.wrap(facts.scope, size - 1, w * 0.62 - label_w)[:3]):
        pen.text(x + label_w, y + k * (size - 1) * 0.55, text, size - 1)
    rx, ry = w - rng.uniform(60, 72), h - rng.uniform(38, 46)
    pen.text(rx, ry, "登记机关", 13, bold=True, align="center")
    pen.text(rx, ry + 10, date_text(facts.registered, "numerals"), 12, align="center")
    pen.text(w / 2, h - 20, "提示：每年3月1日至6月30日通过企业信用信息公示系统报送上一年度年度报告并公示。", 8.5,
             align="center", color=GREY)
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(190, 225), rng.randint(30, 70), rng.randint(30, 60)),
                   ring=rng.choice((0.035, 0.05)), fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=(rx + rng.uniform(-8, 8), ry + rng.uniform(-4, 4)), width_mm=rng.uniform(42, 46))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _regno(facts: LicenseFacts, rng: random.Random) -> str:
    """The old 15-digit 注册号: six digits of the registry's area code, eight serial digits, a check digit."""
    head = facts.uscc_printed[2:8] if facts.uscc_printed[2:8].isdigit() else f"{rng.randint(110000, 659999)}"
    body = head + "".join(rng.choice("0123456789") for _ in range(8))
    p = 10
    for ch in body:  # GB 1006 / ISO 7064 MOD 11,10
        s = (p + int(ch)) % 10 or 10
        p = (s * 2) % 11
    return body + str((11 - p) % 10)
