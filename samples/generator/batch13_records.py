"""Thirteenth-batch families of the contract and the two official records (templates.py).

`contract_annex_terms`: a 商品房预售合同 typed from a provincial model text whose body leaves the key terms to an annex:
the blanks are filled in by hand-like blue-black type (出卖人/买受人 lines, the flat's seat spread over 省/市/区/路/号/栋/
单元/室 blanks), the price given as 单价×面积 in 第三条 (按建筑面积计算，该商品房单价为每平方米…元) with the total left to
the annex (详见附件六), the model clauses, and on the last page 附件六 合同主要条款 as a ruled two-column table (合同编号,
项目名称, 房屋坐落, 建筑面积, 套内建筑面积, 单价, 总价款（小写）/（大写）, 首付款, 交付日期) over the signing lines with the
seller's seal pressed over its name. 第 i 页 共 n 页 at every foot, 合同编号 at the top right of every page.
`tax_wenzi_list`: a 税收完税证明（文字版） printed from the 电子税务局: the title and （文字版） under it, № top right, 填发日期
and 税务机关, 纳税人识别号/纳税人名称 lines, 兹证明 prose, then each paid ticket as an indented numbered block of
label：value lines (原凭证号, 税种, 品目名称, 税款所属时期, 入(退)库日期, 实缴(退)金额), 金额合计（大写）…（小写）¥…, 备注 with the
收入额合计 and 验证码, the 妥善保管 note and an e-seal over 税务机关（章）. No page number.
`license_desk_angle`: the 营业执照 正本 (landscape, 2019 design) photographed lying on a desk from an angle: the sheet
drawn flat, then seen in perspective (the far edge shorter), on wood with a soft shadow; a picture only.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
import pypdfium2
from PIL import Image

from docproc.cn.amount_words import to_words

from .batch11_records import _fields as licence_fields
from .batch12_letters import _desk
from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, signature
from .family_kit import date_text, press
from .finance import add_months, money
from .license import LicenseFacts, qr_code
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make
from .tax import TaxFacts

GREY = (0.38, 0.38, 0.38)
RULE = (0.15, 0.15, 0.15)
HAND = (0.1, 0.16, 0.42)  # blue-black ink of the filled-in blanks
ANNEX = "contract_annex_terms"
DESK = "license_desk_angle"


# ------------------------------------------------------------------ contract_annex_terms
def _finish(t: Typesetter, book: object) -> None:
    f, pen = t.f, t.pen
    pen.text(t.right, f.style.margin - 4, f"合同编号：{f.number}", f.style.size - 1.5, align="right")
    pen.text(pen.w_mm / 2, pen.h_mm - f.style.margin / 2, f"第 {book.page} 页 共 {f.pages_declared} 页",  # type: ignore[attr-defined]
             f.style.size - 1, align="center")
    pen.c.showPage()
    book.page += 1  # type: ignore[attr-defined]
    t.y = t.top


def _blanks(t: Typesetter, parts: list[tuple[str, str]]) -> None:
    """A line of model text with blanks: (printed words, hand-filled value) pairs, values underlined in blue-black."""
    pen, size = t.pen, t.s.size
    t.y += t.line_h * 1.15
    x = t.left
    for words, value in parts:
        if words:
            if x + pen.width(words, size) > t.right:
                x, t.y = t.left, t.y + t.line_h * 1.15
            x += pen.text(x, t.y, words, size)
        if value:
            vw = pen.width(value, size + 0.6) + 6
            if x + vw > t.right:
                x, t.y = t.left, t.y + t.line_h * 1.15
            pen.text(x + 3, t.y - t.rng.uniform(0.2, 0.9), value, size + 0.6, color=HAND)
            pen.line(x, t.y + 1.2, x + vw, t.y + 1.2, width=0.4)
            x += vw


def _seat(f: object) -> list[tuple[str, str]]:
    """The flat's seat split over the model text's 省/市/区/路/号/栋/单元/室 blanks."""
    region = f.seller.region  # type: ignore[attr-defined]
    rest = f.property_address[len(region.prefix):]  # type: ignore[attr-defined]
    road, _, rest = rest.partition("号")
    road_name = road.rstrip("0123456789")
    project = f.project  # type: ignore[attr-defined]
    rest = rest[len(project):] if rest.startswith(project) else rest
    building, _, rest = rest.partition("号楼")
    unit, _, room = rest.partition("单元")
    seat: list[tuple[str, str]] = []
    after = ""
    if region.province != region.city:
        after = "省" if region.province.endswith("省") else ""
        seat.append(("", region.province.removesuffix("省")))
    seat += [(after, region.city.removesuffix("市")), ("市", region.district[:-1]),
             (region.district[-1], road_name[:-1] if road_name[-1] in "路街" else road_name),
             ("路（街）", road[len(road_name):]), ("号", project), ("项目", building), ("栋", unit),
             ("单元", room.removesuffix("室")), ("室。", "")]
    return seat


def contract_annex_terms(t: Typesetter, book: object) -> SealSpot:
    """预售 model text with hand-filled blanks, 单价×面积, key terms in 附件六 on the last page under the signatures."""
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    t.y = t.top + 4
    pen.text(pen.w_mm / 2, t.y + 6, "商品房预售合同", 20, bold=True, align="center", spacing=1.2)
    pen.text(pen.w_mm / 2, t.y + 13, f"（{f.seller.region.province}示范文本）", 10, align="center", color=GREY)
    t.y += 16
    _blanks(t, [("出卖人（甲方）：", f.seller.name)])
    _blanks(t, [("统一社会信用代码：", f.seller.uscc), ("法定代表人：", f.seller.legal_rep)])
    _blanks(t, [("通讯地址：", f.seller.address)])
    for name, number in f.buyers:
        _blanks(t, [("买受人（乙方）：", name), ("身份证号码：", number)])
    _blanks(t, [("通讯地址：", f.buyer_address), ("联系电话：", f.buyer_phone)])
    t.y += t.line_h * 0.5
    t.para("甲、乙双方根据《中华人民共和国民法典》《城市房地产开发经营管理条例》及有关法律、法规的规定，"
           "就乙方购买甲方预售的商品房达成如下协议：")
    t.para("第一条　项目建设依据及预售依据", indent=False, bold=True)
    t.para(f"甲方开发建设的{f.project}项目已取得商品房预售许可证，许可证号为{f.seller.region.short_city}房预售证第"
           f"{rng.randint(2023, 2026)}{rng.randint(100, 999)}号。")
    t.para("第二条　乙方所购商品房的基本情况", indent=False, bold=True)
    t.y -= t.line_h * 0.2
    _blanks(t, [("该商品房坐落于", "")] + _seat(f))
    _blanks(t, [("该商品房建筑面积共", f"{f.floor_area:.2f}"), ("平方米，其中套内建筑面积", f"{f.inner_area:.2f}"),
                ("平方米。", "")])
    _finish(t, book)
    t.para("第三条　计价方式与价款", indent=False, bold=True)
    _blanks(t, [("按建筑面积计算，该商品房单价为每平方米人民币", money(f.unit_price, commas=False)),
                ("元，", "")])
    t.para("总价款为单价乘以建筑面积，总金额详见附件六《合同主要条款》。", indent=True)
    t.para("第四条　付款方式及期限", indent=False, bold=True)
    t.para("乙方按附件六约定的首付款金额支付首期房价款，其余房价款以商业贷款方式支付。")
    t.para("第五条　交付期限", indent=False, bold=True)
    t.para("甲方应当在附件六约定的交付日期前，将经验收合格的商品房交付乙方使用。")
    clause_pages(t, max(n - 3, 1), lambda: _finish(t, book))
    _finish(t, book)
    which = 0
    while book.page < n:  # type: ignore[attr-defined]
        appendix(t, which)
        which += 1
        _finish(t, book)
    t.heading("附件六　合同主要条款")
    commas = rng.random() < 0.6
    rows = (("合同编号", f.number), ("项目名称", f.project), ("房屋坐落", f.property_address),
            ("建筑面积", f"{f.floor_area:.2f}平方米"), ("套内建筑面积", f"{f.inner_area:.2f}平方米"),
            ("单价（按建筑面积）", f"{money(f.unit_price, commas=commas)}元/平方米"),
            ("总价款（小写）", f"¥{money(f.total_price, commas=commas)}元"), ("总价款（大写）", f.price_words),
            ("首期房价款", f"{money(f.down_payment, commas=commas)}元"), ("交付日期", date_text(f.delivery_date, "cn")))
    size = t.s.size
    lw = (t.right - t.left) * 0.3
    y = t.y + 4
    for label, value in rows:
        lines = pen.wrap(value, size, t.right - t.left - lw - 6)
        rh = 7.0 + 4.6 * (len(lines) - 1)
        pen.rect(t.left, y, lw, rh, stroke=RULE, width=0.5, fill=(0.94, 0.94, 0.94))
        pen.rect(t.left + lw, y, t.right - t.left - lw, rh, stroke=RULE, width=0.5)
        pen.text(t.left + 2, y + 4.8, label, size - 0.4)
        for j, line in enumerate(lines):
            pen.text(t.left + lw + 3, y + 4.8 + 4.6 * j, line, size - 0.2)
        y += rh
    y += 16
    half = (t.right - t.left) / 2
    pen.text(t.left, y, "出卖人（甲方）（盖章）：", size)
    name_w = pen.text(t.left, y + 8, f.seller.name, size, max_width=half - 4)
    pen.text(t.left + half, y, "买受人（乙方）（签字）：", size)
    by = y + 2
    for name, _ in f.buyers:
        sig = signature(name, rng)
        pen.image(sig, t.left + half + 4, by, min(sig.width / sig.height * 11, half - 10), 11)
        by += 11
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded")))
    pen.text(t.left, y + 22, f"签订日期：{signed}", size)
    pen.text(t.left + half, y + 22, f"签订日期：{signed}", size)
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.3, 0.7)) / pen.w_mm, (y + 5 + rng.uniform(-3, 3)) / pen.h_mm,
                    rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        seal = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        seal = replace(seal, color=rng.choice(((218, 40, 40), (206, 34, 52), (224, 58, 42))), ring=0.035)
        press(pen, rng, seal, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    _finish(t, book)
    return spot


# ------------------------------------------------------------------ tax_wenzi_list
def render_tax_wenzi(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """税收完税证明（文字版）: each ticket a numbered block of label：value lines, 金额合计 大写/小写, 备注, e-seal."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="税收完税证明（文字版）")
    pen = Pen(canvas, facts.face, A4_PT)
    w, h = pen.w_mm, pen.h_mm
    left, right = 22.0, w - 22.0
    pen.text(w / 2, 24, "中华人民共和国", 15, bold=True, align="center", spacing=2.0)
    pen.text(w / 2, 33, "税 收 完 税 证 明", 18, bold=True, align="center")
    pen.text(w / 2, 40, "（文字版）", 10.5, align="center")
    pen.text(right, 40, f"№ {facts.serial}", 9.5, align="right")
    size, lead = 9.6, 5.4
    y = 50.0
    lines = (f"填发日期：{date_text(facts.issue_date, 'cn')}　　税务机关：{facts.authority}",
             f"纳税人识别号：{facts.id_number}", f"纳税人名称：{facts.name}")
    for line in lines:
        pen.text(left, y, line, size, max_width=right - left)
        y += lead
    y += 2
    start, end = date_text(facts.period_start, "iso"), date_text(facts.period_end, "iso")
    prose = (f"\u3000\u3000兹证明纳税人{facts.name}在{start}至{end}期间缴纳税款如下（共{len(facts.rows)}张原凭证）：")
    for line in pen.wrap(prose, size, right - left):
        pen.text(left, y, line, size)
        y += lead
    step = min(lead * 0.92, (h - y - 80) / max(len(facts.rows) * 2.5, 1))
    small = min(size - 0.6, step / 0.44)
    shares = (0.0, 0.36, 0.66, 1.0)
    for k, r in enumerate(facts.rows, 1):
        last = add_months(r.period.replace(day=1), 1).toordinal() - 1
        period = f"{r.period.replace(day=1).isoformat()}至{datetime.fromordinal(last).date().isoformat()}"
        ticket = f"3{facts.serial[-6:]}{k:02d}{r.paid:%m%d}{(k * 7919) % 10**5:05d}"
        items = (("原凭证号", ticket), ("税种", "个人所得税"), ("品目名称", r.item), ("税款所属时期", period),
                 ("入(退)库日期", r.paid.isoformat()), ("实缴(退)金额", f"¥{money(r.tax)}"))
        pen.text(left, y, f"{k}.", small, bold=True)
        span = right - left - 7
        for j, (label, value) in enumerate(items):
            x0, x1 = shares[j % 3], shares[j % 3 + 1]
            pen.text(left + 7 + span * x0, y + (j // 3) * step, f"{label}：{value}", small,
                     max_width=span * (x1 - x0) - 2)
        y += step * 2.5
    y += 3
    pen.line(left, y - 3, right, y - 3, width=0.4, color=GREY)
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    pen.text(left, y + 2, f"金额合计（大写）：{words}　　（小写）¥{money(facts.total_tax)}", size + 0.4, bold=True,
             max_width=right - left)
    y += 10
    pen.text(left, y, f"备注：收入额合计{money(facts.total_income)}元；验证码：{facts.verification_code}", size,
             max_width=right - left)
    y += lead + 1
    for note in ("妥善保管：本证明为文字版完税证明，不作纳税人记账、抵扣凭证。",
                 "可通过国家税务总局网站或电子税务局，凭验证码核验本证明的真伪。"):
        pen.text(left, y, note, size - 1.2, color=GREY, max_width=right - left)
        y += lead - 0.6
    sx, sy = right - 42, max(y + 14, h - 56)
    pen.text(sx, sy, "税务机关（章）", size + 0.4, align="center")
    pen.text(sx, sy + 7, facts.authority, size, align="center", max_width=80)
    pen.text(left, sy + 7, f"填票人：{rng.choice(('电子税务局', '系统自动生成'))}", size, color=GREY)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom=rng.choice(("征税专用章", "")))
        mark = replace(mark, color=rng.choice(((214, 30, 38), (226, 42, 46), (200, 26, 40))), ring=0.026, star=True)
        press(pen, rng, mark, center=(sx + rng.uniform(-5, 5), sy + rng.uniform(-2, 6)), width_mm=rng.uniform(38, 42))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ license_desk_angle
def _licence_sheet(facts: LicenseFacts, rng: random.Random, when: datetime) -> Image.Image:
    """The 正本 drawn flat on landscape A4 (2019 design) and rasterised at 150 dpi."""
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    canvas = new_canvas(buffer, page_pt=page, when=when, producer="licence")
    pen = Pen(canvas, facts.face, page)
    w, h = pen.w_mm, pen.h_mm
    red = (0.74, 0.13, 0.12)
    pen.rect(0, 0, w, h, fill=(0.99, 0.97, 0.9))
    pen.rect(7, 7, w - 14, h - 14, stroke=red, width=2.4)
    pen.rect(10, 10, w - 20, h - 20, stroke=red, width=0.6)
    pen.text(20, 24, "统一社会信用代码", 9)
    pen.text(20, 31, facts.uscc_printed, 12, bold=True)
    qr_code(pen, rng, w - 50, 17, 26)
    pen.text(w - 37, 48, "扫描市场主体身份码", 6, align="center", color=GREY)
    pen.image(emblem(300), w / 2 - 10, 15, 20, 20)
    pen.text(w / 2, 52, "营　业　执　照", 30, bold=True, align="center")
    left_fields, right_fields = licence_fields(facts)
    size = 12.0
    for k, items in enumerate((left_fields, right_fields)):
        x, y = 28 + k * 126, 72
        for label, value in items:
            lab_w = pen.text(x, y, label, size, bold=True)
            lines = pen.wrap(value, size, 118 - max(lab_w, 26))
            for j, line in enumerate(lines[:2]):
                pen.text(x + max(lab_w, 26) + 4, y + j * 6, line, size)
            y += 9 + 6 * (len(lines[:2]) - 1)
    pen.text(28, 112, "经营范围", size, bold=True)
    for j, line in enumerate(pen.wrap(facts.scope, 10.5, 120)[:5]):
        pen.text(58, 112 + j * 5.6, line, 10.5)
    rx, ry = w - 62, h - 40
    pen.text(rx, ry, "登记机关", 13, bold=True, align="center")
    pen.text(rx, ry + 9, date_text(facts.registered, "cn"), 12, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(200, 230), rng.randint(26, 48), rng.randint(30, 50)), ring=0.03, star=True)
    press(pen, rng, mark, center=(rx + rng.uniform(-4, 4), ry + rng.uniform(0, 4)), width_mm=42)
    pen.text(w / 2, h - 16, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 7.5, align="center", color=GREY)
    pen.text(w / 2, h - 12, "国家市场监督管理总局监制", 7, align="center", color=GREY)
    canvas.showPage()
    canvas.save()
    document = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        return document[0].render(scale=150 / 72.0).to_pil().convert("RGB")
    finally:
        document.close()


def render_desk_angle(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The 正本 lying on a desk, photographed from the near side at an angle: perspective, wood, shadow."""
    sheet = np.asarray(_licence_sheet(facts, rng, when), dtype=np.float32)
    sh, sw = sheet.shape[:2]
    fw, fh = 1800, 1350
    desk = np.asarray(_desk(fw / 3, fh / 3, rng).resize((fw, fh)), dtype=np.float32)
    far = rng.uniform(0.74, 0.86)  # the far edge looks shorter
    width = fw * rng.uniform(0.8, 0.88)
    height = width * sh / sw * rng.uniform(0.78, 0.88)
    cx, top = fw / 2 + rng.uniform(-40, 40), (fh - height) / 2 + rng.uniform(-30, 30)
    skew = rng.uniform(-60, 60)
    quad = np.array([[cx - width * far / 2 + skew, top], [cx + width * far / 2 + skew, top],
                     [cx + width / 2, top + height], [cx - width / 2, top + height]], dtype=np.float32)
    src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(sheet, m, (fw, fh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((sh, sw), np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    shadow = cv2.GaussianBlur(np.roll(mask[..., 0], (int(rng.uniform(8, 18)), int(rng.uniform(-10, 10))), (0, 1)),
                              (0, 0), 14)[..., None]
    frame = desk * (1 - 0.45 * shadow) * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 0.86 + 0.16 * (yy / fh) + 0.05 * np.cos((xx / fw - rng.uniform(0.3, 0.7)) * 3)
    frame = np.clip(frame * light[..., None], 0, 255).astype(np.uint8)
    img = Image.fromarray(frame, "RGB")
    buffer = io.BytesIO()
    page = (A4_PT[1], A4_PT[0])
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=rng.choice(("iPhone 14", "HUAWEI Mate 60", "vivo X100")))
    pen = Pen(canvas, facts.face, page)
    pen.image(img, 0, 0, pen.w_mm, pen.h_mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
