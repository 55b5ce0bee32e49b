"""Seventh-batch families of the contract and the two official records (templates.py).

`contract_transfer_parties`: a southern city's 二手房买卖合同 in the 转让方/受让方 tradition: the parties as 转让方（甲方）
and 受让方（乙方） blocks, 第一条 房地产基本情况 with the 房地产位置, the 房地产证号 and the 建筑面积 in a sentence, the
转让成交价 as 小写 ¥ and 大写 on separate underlined lines, 第X条 clauses, and a signature page as a ruled two-row
table (甲方（转让方）签章 | 乙方（受让方）签名并按手印) with the seller's seal in its cell.
`tax_proof_barcode`: a 个人所得税纳税证明 the tax office writes as a certificate: a Code 128 barcode with the 防伪校验码
under it, 证明编号, 兹证明 prose naming the taxpayer and the period, a table 序号/所属期/所得项目/扣缴单位/收入额/已缴税额/
缴款日期, 合计 and 大写 under it, 特此证明, the office and a 二〇 date on the right under a double-ring seal, and a pale
diagonal watermark (an image, so the text layer stays the document's).
`license_colon_copy`: a 营业执照 副本 printed in portrait by a county registry: 副本 in a ruled box, the code and a QR
code at the top left, labels with full-width colons, 经营范围 as an indented paragraph, the 年度报告 note, 二〇 dates, a
brownish seal left of centre over 登记机关, and photocopy toner specks.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

from PIL import Image, ImageDraw
from reportlab.graphics.barcode.code128 import Code128

from docproc.cn.amount_words import to_words

from . import fonts
from .contract_pdf import SealSpot, Typesetter, clause_pages, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, capital_text, qr_code
from .pdfkit import A4_PT, MM, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.32, 0.32, 0.32)
LINE = (0.15, 0.15, 0.15)


def _underlined(t: Typesetter, label: str, value: str) -> None:
    """A line with a printed label and the filled value underlined."""
    pen, size = t.pen, t.s.size
    t.y += t.line_h
    lw = pen.text(t.left + pen.width("\u3000\u3000", size), t.y, label, size)
    x = t.left + pen.width("\u3000\u3000", size) + lw
    vw = pen.text(x + 1, t.y, value, size, max_width=t.right - x - 2)
    pen.line(x, t.y + 1.3, x + vw + 2, t.y + 1.3, width=0.4)
    t.y += t.line_h * 0.25


def contract_transfer_parties(t: Typesetter, book: object) -> SealSpot:
    """转让方/受让方 blocks, 第一条 房地产基本情况, 小写/大写 price lines, 第X条 clauses, ruled two-cell signature table."""
    f, pen, rng = t.f, t.pen, t.rng
    finish = book.finish  # type: ignore[attr-defined]
    n = f.pages_declared
    city = f.seller.region.short_city
    title = rng.choice(("二手房买卖合同", f"{city}市二手房买卖合同", "二手房屋买卖合同"))
    pen.text(pen.w_mm / 2, t.top + 12, title, 19, bold=True, align="center", spacing=rng.choice((0.0, 1.0)))
    t.y = t.top + 22
    t.para(f"转让方（甲方）：{f.seller.name}", indent=False, bold=True)
    t.para(f"证件名称：营业执照　　证件号码：{f.seller.uscc}", indent=False)
    t.para(f"法定代表人：{f.seller.legal_rep}　　联系电话：{f.seller.phone}", indent=False)
    t.para(f"通讯地址：{f.seller.address}", indent=False)
    t.y += t.line_h * 0.5
    for k, (name, number) in enumerate(f.buyers):
        t.para(f"受让方（乙方）：{name}" if k == 0 else f"受让方（乙方）共有人：{name}", indent=False, bold=True)
        t.para(f"证件名称：居民身份证　　证件号码：{number}", indent=False)
    t.para(f"通讯地址：{f.buyer_address}　　联系电话：{f.buyer_phone}", indent=False)
    t.y += t.line_h * 0.5
    t.para("甲、乙双方根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及有关法律、法规的规定，"
           "在平等、自愿、诚实信用的基础上，就乙方受让甲方房地产事宜，经协商一致，订立本合同。")
    finish()
    cert = (f"{city[:1]}房地字第{rng.randint(3000000000, 3999999999)}号" if rng.random() < 0.4 else
            f"{city[:1]}（{f.signing_date.year - rng.randint(1, 8)}）不动产权第{rng.randint(1000000, 9999999)}号")
    t.para("第一条　房地产基本情况", indent=False, bold=True)
    t.para(f"甲方转让的房地产位于{f.property_address}（以下简称该房地产），房地产证号（不动产权证书号）：{cert}，"
           f"用途为住宅，建筑面积为{f.floor_area:.2f}平方米，套内建筑面积{f.inner_area:.2f}平方米。")
    t.para("甲方保证该房地产权属清楚，不存在查封、抵押或其他权利限制；如有未结清的抵押贷款，由甲方负责在过户前清偿。")
    t.para("第二条　转让成交价", indent=False, bold=True)
    t.para("经甲乙双方协商，该房地产转让成交价为：", indent=True)
    _underlined(t, "人民币（小写）：", f"¥{money(f.total_price, commas=rng.random() < 0.6)}元")
    _underlined(t, "人民币（大写）：", f.price_words)
    t.para("上述价款包括该房地产内现有的固定装修和附属设施，不含税费。", indent=True)
    t.para("第三条　付款方式", indent=False, bold=True)
    t.para(f"乙方以银行按揭贷款方式付款：于本合同签订之日起三日内，将首期款人民币{money(f.down_payment)}元存入交易资金"
           f"监管账户；余款人民币{money(f.total_price - f.down_payment)}元由乙方申请的贷款银行直接支付给甲方。")
    t.para("第四条　税费承担", indent=False, bold=True)
    t.para("本次交易所产生的税费，由甲乙双方按照国家及本市有关规定各自承担。")
    finish()
    clause_pages(t, n - 3, finish)
    while book.page < n:  # type: ignore[attr-defined]
        finish()
    t.para("（以下无正文，为合同签署页）", indent=False)
    size = t.s.size + 0.5
    y, half = t.y + 10, (t.right - t.left) / 2
    head_h, body_h = 10.0, 66.0
    for k, head in enumerate(("甲方（转让方）签章", "乙方（受让方）签名并按手印")):
        x = t.left + k * half
        pen.rect(x, y, half, head_h, stroke=LINE, width=0.5, fill=(0.95, 0.95, 0.95))
        pen.rect(x, y + head_h, half, body_h, stroke=LINE, width=0.5)
        pen.text(x + half / 2, y + head_h * 0.68, head, size, bold=True, align="center", max_width=half - 4)
    pen.text(t.left + 3, y + head_h + 10, f.seller.name, size, max_width=half - 6)
    pen.text(t.left + 3, y + head_h + 24, f"法定代表人：{f.seller.legal_rep}", size - 0.5, max_width=half - 6)
    sy = y + head_h + 5
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 12.0, half - 30)
        pen.image(sig, t.left + half + 4, sy, width, 12.0)
        sy += 15
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded", "numerals")))
    for k in range(2):
        pen.text(t.left + k * half + 3, y + head_h + body_h - 6, f"签署日期：{signed}", size - 0.5)
    name_w = min(pen.width(f.seller.name, size), half - 6)
    spot = SealSpot(n, (t.left + 3 + name_w * rng.uniform(0.35, 0.7)) / pen.w_mm,
                    (y + head_h + rng.uniform(8, 22)) / pen.h_mm, rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        mark = replace(mark, color=rng.choice(((214, 34, 40), (230, 70, 46), (196, 44, 70))),
                       ring=rng.choice((0.02, 0.035, 0.05)))
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = y + head_h + body_h + 4
    pen.text(t.left, t.y + 6, f"签署地点：{city}市", size - 0.5)
    finish()
    return spot


def _cells(pen: Pen, x: float, y: float, widths: list[float], cells: tuple[str, ...], h: float, size: float, *,
           right: tuple[int, ...] = (), shade: tuple[float, float, float] | None = None, bold: bool = False) -> float:
    for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
        pen.rect(x, y, w, h, stroke=(0.3, 0.3, 0.3), width=0.35, fill=shade)
        if k in right:
            pen.text(x + w - 1.5, y + h * 0.68, text, size, align="right", max_width=w - 3, bold=bold)
        else:
            pen.text(x + 1.5, y + h * 0.68, text, size, max_width=w - 3, bold=bold)
        x += w
    return y + h


def _watermark(rng: random.Random, text: str) -> Image.Image:
    """A pale diagonal repeated word as an RGBA image (no text layer)."""
    w, h = 1400, 1980
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    fnt = fonts.font("wqy", 90)
    tint = (rng.randint(205, 220), rng.randint(205, 220), rng.randint(210, 226), 70)
    for row in range(5):
        draw.text((120 + (row % 2) * 300, 150 + row * 380), text, font=fnt, fill=tint)
    return img.rotate(rng.uniform(24, 34), resample=Image.Resampling.BICUBIC, expand=False)


def render_tax_proof_barcode(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """纳税证明 as a certificate: barcode with the 防伪校验码, 兹证明 prose, monthly table, 大写, 特此证明, seal right."""
    title = rng.choice(("个人所得税纳税证明", "纳税证明", "个人所得税纳税情况证明"))
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title=title)
    pen = Pen(canvas, facts.face, A4_PT)
    pen.image(_watermark(rng, rng.choice(("仅供证明使用", "纳税证明专用"))), 0, 0, pen.w_mm, pen.h_mm)
    left, right = rng.uniform(18, 24), pen.w_mm - rng.uniform(18, 24)
    span = right - left
    y = rng.uniform(16, 20)
    code = Code128(facts.verification_code, barHeight=9 * MM, barWidth=0.75, quiet=False)
    code.drawOn(canvas, (right - code.width / MM) * MM, (pen.h_mm - y - 9) * MM)
    pen.text(right - code.width / MM / 2, y + 13, f"防伪校验码：{facts.verification_code}", 8.5, align="center")
    pen.text(left, y + 4, facts.authority, 10, color=GREY, max_width=span * 0.45)
    y += 30
    pen.text(pen.w_mm / 2, y, title, rng.uniform(18, 20), bold=True, align="center", spacing=rng.choice((0.0, 1.5)))
    y += 9
    pen.text(right, y, f"证明编号：{facts.serial}", 9.5, align="right")
    y += 10
    size = rng.uniform(11, 12)
    body = (f"\u3000\u3000兹证明纳税人{facts.name}（身份证件号码：{facts.id_number}）在"
            f"{date_text(facts.period_start, 'cn')}至{date_text(facts.period_end, 'cn')}期间，"
            f"在本税务机关管辖范围内缴纳个人所得税情况如下：")
    for line in pen.wrap(body, size, span):
        pen.text(left, y, line, size)
        y += size * 0.7
    y += 2
    h = min(7.0, 130.0 / (len(facts.rows) + 2))
    cell = min(8.8, h * 1.28)
    widths = [span * k for k in (0.06, 0.11, 0.14, 0.3, 0.14, 0.12, 0.13)]
    y = _cells(pen, left, y, widths, ("序号", "所属期", "所得项目", "扣缴单位", "收入额", "已缴税额", "缴款日期"), h, cell,
               shade=(0.92, 0.92, 0.92), bold=True)
    commas = rng.random() < 0.6
    for k, r in enumerate(facts.rows, 1):
        y = _cells(pen, left, y, widths, (str(k), r.period.strftime("%Y-%m"), r.item, r.agent,
                                          money(r.income, commas=commas), money(r.tax, commas=commas),
                                          r.paid.strftime("%Y-%m-%d")), h, cell - 0.3, right=(4, 5))
    y = _cells(pen, left, y, [sum(widths[:4]), widths[4], widths[5], widths[6]],
               ("合　　计", money(facts.total_income, commas=commas), money(facts.total_tax, commas=commas), ""), h, cell,
               right=(1, 2))
    y += 7
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y, f"已缴税额合计（大写）：{words}", size)
    y += size * 0.7 + 2
    pen.text(left, y, "\u3000\u3000特此证明。", size)
    y += size * 0.7 + 3
    for note in ("注：本证明仅证明纳税人在上述期间的纳税情况，不作为收入证明；", "　　可凭防伪校验码在电子税务局查验本证明的真伪。"):
        pen.text(left, y, note, 9, color=GREY)
        y += 5
    sx = right - rng.uniform(30, 40)
    sy = max(y + 14, pen.h_mm - 70)
    pen.text(sx, sy, facts.authority, size - 0.5, align="center", max_width=78)
    pen.text(sx, sy + 8, date_text(facts.issue_date, "numerals"), size - 0.5, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "证明专用章", "")))
        mark = replace(mark, color=(rng.randint(170, 200), rng.randint(20, 40), rng.randint(28, 48)), ring=0.04,
                       inner=True, star=True)
        press(pen, rng, mark, center=(sx + rng.uniform(-8, 8), sy + rng.uniform(-2, 6)), width_mm=rng.uniform(40, 44))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _colon_rows(facts: LicenseFacts) -> list[tuple[str, str]]:
    c = facts.company
    if facts.individual:
        return [("名　　称：", c.name), ("经  营  者：", c.legal_rep), ("组成形式：", "个人经营"),
                ("经营场所：", c.address), ("注册日期：", date_text(facts.established, "numerals"))]
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "numerals")
    return [("名　　称：", c.name), ("类　　型：", facts.kind), ("住　　所：", c.address), ("法定代表人：", c.legal_rep),
            ("注册资本：", capital_text(facts)), ("成立日期：", date_text(facts.established, "numerals")),
            ("营业期限：", f"自{date_text(facts.established, 'numerals')}至{until}")]


def render_colon_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """营业执照 副本 in portrait on plain paper: 副本 box, colon labels, scope paragraph, seal over 登记机关, specks."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("RICOH MP 2014", "HP LaserJet MFP",
                                                                              "Kyocera TASKalfa 2211")))
    pen = Pen(canvas, facts.face, A4_PT)
    w, h = pen.w_mm, pen.h_mm
    frame = (rng.uniform(0.35, 0.5),) * 3
    pen.rect(12, 12, w - 24, h - 24, stroke=frame, width=1.4)
    pen.text(w / 2, 42, "营 业 执 照", rng.uniform(30, 34), bold=True, align="center")
    pen.rect(w - 50, 22, 28, 11, stroke=(0.1, 0.1, 0.1), width=0.7)
    pen.text(w - 36, 29.8, "副　本", 12, align="center")
    pen.text(w - 22, 40, f"（{rng.randint(1, 3)}-{rng.randint(1, 2)}）", 9, align="right", color=GREY)
    qr = 22.0
    qr_code(pen, rng, 22, 20, qr)
    pen.text(w / 2, 54, f"统一社会信用代码：{facts.uscc_printed}", 12, align="center")
    size = rng.uniform(12, 13)
    lead = size * 0.62
    x, label_w = 30.0, 32.0
    y = 74.0
    for label, value in _colon_rows(facts):
        pen.text(x, y, label, size)
        parts = pen.wrap(value, size, w - x - label_w - 26)[:3]
        for k, text in enumerate(parts):
            pen.text(x + label_w, y + k * lead, text, size)
        y += lead * len(parts) + lead * 0.9
    pen.text(x, y, "经营范围：", size)
    y += lead * 1.1
    for text in pen.wrap("\u3000\u3000" + facts.scope, size - 0.5, w - 2 * x)[:5]:
        pen.text(x, y, text, size - 0.5)
        y += lead
    y += 8
    pen.text(x, y, "（依法须经批准的项目，经相关部门批准后方可开展经营活动）", 9.5, color=GREY)
    rx, ry = w / 2 - rng.uniform(-6, 14), h - rng.uniform(62, 74)
    pen.text(rx, ry, "登记机关", 13, bold=True, align="center")
    pen.text(rx, ry + 11, date_text(facts.registered, "numerals"), 12, align="center")
    pen.text(w / 2, h - 32, "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送上一年度年度报告。", 8.5,
             align="center", max_width=w - 40)
    pen.text(w / 2, h - 27, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 8.5, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(168, 196), rng.randint(58, 84), rng.randint(40, 60)),
                   ring=rng.choice((0.03, 0.045)), fade=rng.choice((0.0, 0.3, 0.5)))
    press(pen, rng, mark, center=(rx - rng.uniform(4, 14), ry + rng.uniform(0, 6)), width_mm=rng.uniform(40, 44))
    for _ in range(rng.randint(30, 90)):  # toner specks of the copier
        d = rng.uniform(0.15, 0.6)
        pen.rect(rng.uniform(5, w - 5), rng.uniform(5, h - 5), d, d * rng.uniform(0.6, 1.4), fill=(0.2, 0.2, 0.2))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
