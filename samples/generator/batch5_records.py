"""Fifth-batch families of the contract and the two official records (templates.py).

`contract_sale_two_column`: a developer's 商品房买卖合同 print (（现售）, or （预售） for a flat handed over later) with
the parties as a two-column block (出卖人 | 买受人) on the first page, Arabic-numbered clauses, the price as RMB/CNY with 大写 in brackets, and a small
orange-brown seal pressed over the printed seller name and the 签约日期 on the last page.
`tax_voucher_wenshu`: the 中华人民共和国税收完税证明（文书式）, a counter form with 原凭证号/税种/品目名称/税款所属时期/
入(退)库日期/计税依据/实缴(退)金额, 金额合计 with ¥ and 大写 in one row, and a thick-ring dark-red seal.
`license_two_column_copy`: a 营业执照 副本 photocopied onto A4, fields in two columns, 经营范围 across the page, a
small orange-brown registration seal partly over the date line.
"""

from __future__ import annotations

import calendar
import io
import random
from dataclasses import replace
from datetime import datetime

from docproc.cn.amount_words import to_words

from .contract_pdf import SealSpot, Typesetter, clause_pages, signature
from .family_kit import date_text, press
from .finance import money
from .license import LicenseFacts, capital_text, qr_code
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.3, 0.3, 0.3)
BROWN_INKS = ((178, 84, 40), (190, 96, 46), (160, 70, 36))


def _brown(rng: random.Random) -> tuple[int, int, int]:
    base = rng.choice(BROWN_INKS)
    return (base[0] + rng.randint(-8, 8), base[1] + rng.randint(-8, 8), base[2] + rng.randint(-6, 6))


def _column(pen: Pen, x: float, y: float, width: float, lines: list[tuple[str, str]], size: float) -> float:
    """A label：value column, values wrapped within the column; return the y below it."""
    lead = size * 0.6
    for label, value in lines:
        lw = pen.text(x, y, f"{label}：", size, color=GREY)
        parts = pen.wrap(value, size, width - lw - 2)[:3]
        for k, part in enumerate(parts):
            pen.text(x + lw, y + k * lead, part, size)
        y += lead * len(parts) + 1.2
    return y


def contract_two_column(t: Typesetter, book: object) -> SealSpot:
    """Title, the parties side by side, numbered clauses, the standard chapters, signature block sealed over
    the printed seller name."""
    f, pen, rng = t.f, t.pen, t.rng
    finish = book.finish  # type: ignore[attr-defined]
    n = f.pages_declared
    day_style = rng.choice(("slash", "compact", "cn_padded"))
    pen.text(pen.w_mm / 2, t.top + 12, "商品房买卖合同", 20, bold=True, align="center", spacing=rng.choice((0.0, 2.0)))
    built = (f.delivery_date - f.signing_date).days <= 120  # a flat handed over within months is sold as built
    pen.text(pen.w_mm / 2, t.top + 20, "（现售）" if built else "（预售）", 12, align="center")
    y = t.top + 32
    half = (t.right - t.left) / 2
    size = t.s.size
    pen.rect(t.left, y - 5, t.right - t.left, 7, fill=(0.92, 0.92, 0.92))
    pen.text(t.left + 2, y, "出卖人（甲方）", size + 0.5, bold=True)
    pen.text(t.left + half + 2, y, "买受人（乙方）", size + 0.5, bold=True)
    seller = [("名称", f.seller.name), ("统一社会信用代码", f.seller.uscc), ("法定代表人", f.seller.legal_rep),
              ("联系电话", f.seller.phone), ("住所", f.seller.address)]
    buyers: list[tuple[str, str]] = []
    for k, (name, number) in enumerate(f.buyers):
        buyers += [("姓名" if k == 0 else "共有人", name), ("身份证号码", number)]
    buyers += [("联系电话", f.buyer_phone), ("通讯地址", f.buyer_address)]
    y1 = _column(pen, t.left + 2, y + 9, half - 6, seller, size)
    y2 = _column(pen, t.left + half + 2, y + 9, half - 4, buyers, size)
    bottom = max(y1, y2)
    pen.line(t.left + half, y - 5, t.left + half, bottom - 2, width=0.4, color=GREY)
    pen.rect(t.left, y - 5, t.right - t.left, bottom - y + 3, stroke=(0.2, 0.2, 0.2), width=0.5)
    t.y = bottom + 4
    t.para("出卖人与买受人根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》《商品房销售管理办法》等法律、"
           f"法规的规定，就买受人购买出卖人{'现售' if built else '预售'}商品房事宜，经协商一致，订立本合同。")
    commas = rng.random() < 0.6
    clauses = (
        f"房屋坐落：{f.property_address}。该房屋为{f.project}项目内{'已竣工' if built else '在建'}商品住宅，用途为住宅。",
        f"房屋面积：建筑面积{f.floor_area:.2f}平方米，其中套内建筑面积{f.inner_area:.2f}平方米，"
        f"分摊共有建筑面积{f.floor_area - f.inner_area:.2f}平方米。",
        f"计价方式与价款：按建筑面积计价，单价为每平方米CNY {money(f.unit_price, commas=commas)}元，"
        f"总价款为RMB {money(f.total_price, commas=commas)}元（大写：人民币{f.price_words}）。",
        f"付款方式：买受人于本合同签订当日支付首付款CNY {money(f.down_payment, commas=commas)}元，"
        "其余价款以商业银行个人住房贷款支付，由贷款银行直接划入出卖人指定的商品房交易资金监管账户。",
        f"交付时间：出卖人应于{date_text(f.delivery_date, day_style)}前将该房屋交付买受人。",
    )
    t.para("一、房屋基本情况及价款", indent=False, bold=True)
    for k, text in enumerate(clauses, start=1):
        t.para(f"{k}. {text}", indent=False)
    finish()
    clause_pages(t, n - 2, finish)
    while book.page < n:  # type: ignore[attr-defined]
        finish()
    t.para("（以下为签署页，无正文）", indent=False)
    y, size, col = t.y + 18, t.s.size + 1, (t.right - t.left) / 2
    pen.text(t.left, y, "出卖人（盖章）：", size)
    pen.text(t.left, y + 10, f.seller.name, size, max_width=col - 4)
    pen.text(t.left, y + 20, "法定代表人/委托代理人：", size)
    pen.text(t.left + col, y, "买受人（签字）：", size)
    x = t.left + col
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 12.0, col / len(f.buyers) - 6)
        pen.image(sig, x, y + 3, width, 12.0)
        x += width + 4
    signed = date_text(f.signing_date, day_style)
    pen.text(t.left, y + 32, f"签约日期：{signed}", size)
    pen.text(t.left + col, y + 32, f"签约日期：{signed}", size)
    name_w = min(pen.width(f.seller.name, size), col - 4)
    # small and low: the seal covers the printed seller name and reaches the 签约日期 line
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.3, 0.6)) / pen.w_mm, (y + rng.uniform(14, 22)) / pen.h_mm,
                    rng.uniform(32, 36))
    if f.sealed and not f.pasted_seal:
        style = replace(other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章"))), color=_brown(rng))
        press(pen, rng, style, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = y + 40
    finish()
    return spot


def _row(pen: Pen, x: float, y: float, widths: list[float], cells: tuple[str, ...], h: float, size: float, *,
         shade: bool = False, right: tuple[int, ...] = ()) -> float:
    for k, (text, w) in enumerate(zip(cells, widths, strict=True)):
        pen.rect(x, y, w, h, stroke=(0.15, 0.15, 0.15), width=0.4, fill=(0.94, 0.94, 0.94) if shade else None)
        tx = x + w - 1.2 if k in right else x + 1.2
        pen.text(tx, y + h * 0.68, text, size, align="right" if k in right else "left", max_width=w - 2.4)
        x += w
    return y + h


def render_tax_voucher(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """中华人民共和国税收完税证明（文书式）: No., 填发日期/税务机关, taxpayer boxes, voucher table, 金额合计 row, seal box."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="税收完税证明")
    pen = Pen(canvas, facts.face, A4_PT)
    left, right = rng.uniform(14, 18), pen.w_mm - rng.uniform(14, 18)
    span = right - left
    y = rng.uniform(22, 28)
    pen.text(pen.w_mm / 2, y, "中 华 人 民 共 和 国", 13, align="center")
    pen.text(pen.w_mm / 2, y + 10, "税 收 完 税 证 明", 19, bold=True, align="center")
    pen.text(right, y + 2, f"No. {facts.serial}", 10, align="right", color=(0.6, 0.1, 0.1))
    pen.text(pen.w_mm / 2, y + 16, "（文书式）", 9, align="center")
    y += 26
    day_style = rng.choice(("cn_padded", "cn"))
    pen.text(left, y, f"填发日期：{date_text(facts.issue_date, day_style)}", 9.5)
    pen.text(right, y, f"税务机关：{facts.authority}", 9.5, align="right", max_width=span * 0.6)
    y += 3
    y = _row(pen, left, y, [span * 0.16, span * 0.34, span * 0.16, span * 0.34],
             ("纳税人识别号", facts.id_number, "纳税人名称", facts.name), 9.0, 9.5)
    n = len(facts.rows) + 2
    h = min(7.5, 170.0 / n)
    size = min(8.8, h * 1.25)
    widths = [span * k for k in (0.15, 0.09, 0.15, 0.2, 0.13, 0.14, 0.14)]
    y = _row(pen, left, y, widths, ("原凭证号", "税种", "品目名称", "税款所属时期", "入(退)库日期", "计税依据",
                                    "实缴(退)金额"), h, size, shade=True)
    commas = rng.random() < 0.5
    base = rng.randint(10**15, 10**16 - 1)
    for k, r in enumerate(sorted(facts.rows, key=lambda row: row.period)):
        last = r.period.replace(day=calendar.monthrange(r.period.year, r.period.month)[1])
        y = _row(pen, left, y, widths, (str(base + k * 7), "个人所得税", r.item,
                                        f"{r.period:%Y-%m-%d}至{last:%Y-%m-%d}", date_text(r.paid, "iso"),
                                        money(r.income, commas=commas), money(r.tax, commas=commas)),
                 h, size - 0.6, right=(5, 6))
    y = _row(pen, left, y, [span * 0.15, span * 0.57, span * 0.14, span * 0.14],
             ("金额合计", f"（大写）{to_words(facts.total_tax)}", f"¥{money(facts.total_income, commas=commas)}",
              f"¥{money(facts.total_tax, commas=commas)}"), h + 1, size, right=(2, 3))
    box_h = rng.uniform(34, 40)
    third = span / 3
    for k in range(3):
        pen.rect(left + k * third, y, third, box_h, stroke=(0.15, 0.15, 0.15), width=0.4)
    pen.text(left + 2, y + 6, "税务机关（盖章）", 9.5)
    pen.text(left + third + 2, y + 6, f"填票人：{rng.choice(('系统', '王敏', '李娜', '张伟'))}", 9.5)
    notes = [f"备注：所得期间 {date_text(facts.period_start, 'iso')} 至 {date_text(facts.period_end, 'iso')}",
             f"验证码：{facts.verification_code}", "计税依据为收入额（元）"]
    for k, note in enumerate(notes):
        pen.text(left + 2 * third + 2, y + 6 + k * 6, note, 8.2, max_width=third - 4)
    pen.text(left, y + box_h + 6, "妥善保管　本证明不作纳税人记账、抵扣凭证", 8.5, color=GREY)
    if facts.sealed:
        style = replace(other_make(rng, facts.authority), ring=rng.choice((0.05, 0.06)), star=True,
                        color=(rng.randint(150, 170), rng.randint(16, 32), rng.randint(24, 38)))
        press(pen, rng, style, center=(left + third / 2 + rng.uniform(-6, 6), y + box_h / 2 + rng.uniform(0, 4)),
              width_mm=rng.uniform(34, 38))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _columns(facts: LicenseFacts) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    c = facts.company
    day = "cn_padded"
    if facts.individual:
        return ([("名　　称", c.name), ("类　　型", "个体工商户"), ("经 营 者", c.legal_rep)],
                [("组成形式", "个人经营"), ("注册日期", date_text(facts.established, day)), ("经营场所", c.address)])
    until = "长期" if facts.term_until is None else date_text(facts.term_until, day)
    return ([("名　　称", c.name), ("类　　型", facts.kind), ("法定代表人", c.legal_rep)],
            [("注册资本", capital_text(facts)), ("成立日期", date_text(facts.established, day)),
             ("营业期限", f"自{date_text(facts.established, day)}至{until}"), ("住　　所", c.address)])


def render_two_column_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """营业执照 副本 photocopied on A4: code and QR above, two field columns, 经营范围 across, small brown seal."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Canon iR-ADV Scan", "RICOH MP Scan")))
    pen = Pen(canvas, facts.face, A4_PT)
    w = pen.w_mm
    left, right = rng.uniform(20, 26), w - rng.uniform(20, 26)
    top = rng.uniform(26, 34)
    pen.rect(left - 6, top - 8, right - left + 12, 200, stroke=(0.45, 0.35, 0.25), width=1.6)
    pen.text(left, top + 4, f"统一社会信用代码 {facts.uscc_printed}", 10.5)
    pen.text(w / 2, top + 22, "营 业 执 照", 26, bold=True, align="center")
    pen.text(w / 2, top + 31, "（副　本）", 11, align="center")
    qr_code(pen, rng, right - 20, top - 2, 20)
    pen.text(right - 10, top + 22, "副本编号：1-1", 8, align="center", color=GREY)
    size = rng.uniform(10, 11)
    half = (right - left) / 2
    one, two = _columns(facts)
    y = top + 46
    y1 = _column(pen, left, y, half - 4, one, size)
    y2 = _column(pen, left + half, y, half, two, size)
    y = max(y1, y2) + 2
    lw = pen.text(left, y, "经营范围：", size, color=GREY)
    for part in pen.wrap(facts.scope, size, right - left - lw)[:4]:
        pen.text(left + lw, y, part, size)
        y += size * 0.6
    sy = top + 170
    sx = right - rng.uniform(30, 40)
    pen.text(sx, sy, "登记机关", size + 1, align="center", spacing=2.0)
    pen.text(sx, sy + 12, date_text(facts.registered, "cn_padded"), size, align="center")
    pen.text(sx, sy + 18, facts.authority, 8.5, align="center", max_width=70)
    style = replace(other_make(rng, facts.authority), color=_brown(rng), fade=rng.choice((0.0, 0.3)))
    press(pen, rng, style, center=(sx + rng.uniform(-4, 4), sy + rng.uniform(6, 12)), width_mm=rng.uniform(30, 34))
    pen.text(w / 2, top + 197, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn　　市场主体应当于每年1月1日至6月30日"
             "通过国家企业信用信息公示系统报送上一年度年度报告。", 7, align="center", max_width=right - left + 8,
             color=GREY)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
