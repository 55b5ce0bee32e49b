"""Ninth-batch families of the contract and the two official records (templates.py).

`contract_bureau_resale`: a city's 存量房买卖合同（示范文本） as its housing bureau issues it: a cover with the city's
title, the edition and the two bureaus that drew it up, the parties as 甲方（出卖人） and 乙方（买受人） paragraphs, 第一条
describing the flat as 该房屋坐落于… with its 不动产权证号 and 建筑面积, 第三条 成交价格 with 小写 ￥ and 大写 in (一),
resale clauses (资金监管, 交付, 税费, 登记, 户口, 违约), then attachments (设施设备清单, 交接确认书, 补充条款 …), and a
签署页 as a ruled three-column table (当事人 | 签字（盖章） | 签订日期) with the seller's seal over its name.
`tax_receipt_red_form`: a 税收完税证明 on the tax office's pre-printed 收据联 (第二联) in landscape: title, frame, labels
and the vertical 联次 note printed in red ink, the data printed in black monospace a little off the ruled cells (填发
日期/税务机关, 纳税人识别号/纳税人名称, rows 原凭证号/税种/品目名称/税款所属时期/入(退)库日期/实缴(退)金额, 金额合计
with 大写 and ¥), 税务机关（盖章） with the round 征税专用章, 填票人, and the 所得期间, 收入额合计 and 验证码 in 备注.
`license_booklet_copy`: a colour copy of the 营业执照 副本 in its booklet: the dark cover's edges round the cream
landscape sheet, the code with 副本编号 and a boxed QR block at the top left, 营业执照（副本） under the emblem, the short
fields in two columns with 经营范围 across under them, 登记机关 and a spaced date at the bottom right under the seal,
and on some copies a handwritten 与原件一致 note in blue ink.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime, timedelta

from docproc.cn.amount_words import to_words

from .card_art import emblem
from .contract_pdf import SealSpot, Typesetter, ruled_table, signature
from .family_kit import date_text, press
from .finance import add_months, money
from .license import LicenseFacts, capital_text, qr_code
from .pdfkit import MM, Pen, Typeface, new_canvas
from .regions import REGIONS
from .seal import other_make
from .tax import TaxFacts

GREY = (0.32, 0.32, 0.32)
LINE = (0.12, 0.12, 0.12)
PROVINCE = {"北京市": "京", "上海市": "沪", "广东省": "粤", "浙江省": "浙", "江苏省": "苏", "四川省": "川", "湖北省": "鄂",
            "陕西省": "陕", "山东省": "鲁", "重庆市": "渝", "天津市": "津", "宁夏回族自治区": "宁", "云南省": "云",
            "广西壮族自治区": "桂", "吉林省": "吉", "内蒙古自治区": "蒙", "湖南省": "湘", "福建省": "闽", "辽宁省": "辽"}

_CLAUSES = (
    ("第五条　交易资金监管",
     "甲、乙双方同意将首付款存入{city}市存量房交易资金监管专用账户，由监管机构在房屋转移登记完成后划转给甲方。"
     "乙方申请的个人住房贷款，由贷款银行在办妥抵押登记后直接划入甲方指定账户。"),
    ("第六条　房屋交付",
     "甲方应当在该房屋转移登记完成之日起{days}日内，将该房屋交付乙方。交付时，双方共同查验房屋及附属设施设备，"
     "签署《房屋交接确认书》；甲方应结清交付前的水、电、燃气、有线电视、通讯及物业服务等费用。"),
    ("第七条　税费承担",
     "因本次交易发生的税费，由甲、乙双方按照国家及本市有关规定各自承担。双方另有约定的，从其约定，"
     "但不得以此对抗税务机关。"),
    ("第八条　不动产转移登记",
     "甲、乙双方应当在本合同生效之日起{grace}日内，共同向不动产登记机构申请办理该房屋转移登记。"
     "因一方原因未能按期申请的，每逾期一日，应按成交总价的万分之五向对方支付违约金。"),
    ("第九条　户口迁出",
     "甲方保证该房屋内登记的户口在转移登记完成后{grace}日内全部迁出。逾期未迁出的，甲方应按成交总价的万分之三"
     "按日向乙方支付违约金。"),
    ("第十条　甲方违约责任",
     "甲方未按约定期限交付房屋的，每逾期一日，按已付房价款的万分之五向乙方支付违约金；逾期超过{months}个月的，"
     "乙方有权解除合同，甲方应退还已付全部房价款，并按成交总价的百分之二十支付违约金。"),
    ("第十一条　乙方违约责任",
     "乙方未按约定期限付款的，每逾期一日，按逾期应付款的万分之五向甲方支付违约金；逾期超过{months}个月的，"
     "甲方有权解除合同，乙方应按成交总价的百分之二十支付违约金。"),
    ("第十二条　权利瑕疵担保",
     "甲方保证该房屋权属清楚，未设立居住权，不存在司法查封、异议登记等限制转让的情形；如因甲方原因致使乙方"
     "不能取得该房屋所有权的，甲方应承担全部责任。"),
    ("第十三条　不可抗力",
     "因不可抗力不能按照约定履行本合同的，根据不可抗力的影响，部分或全部免除责任，但因不可抗力不能按照约定履行"
     "合同的一方应当及时告知另一方，并自不可抗力事件结束之日起{grace}日内向另一方提供证明。"),
    ("第十四条　争议解决",
     "本合同在履行过程中发生争议的，由双方协商解决；协商不成的，依法向该房屋所在地人民法院起诉。"),
    ("第十五条　合同生效",
     "本合同自甲、乙双方签字（盖章）之日起生效。本合同及附件共{pages}页，一式三份，甲、乙双方各执一份，"
     "不动产登记机构存档一份，具有同等法律效力。"),
)
_FITTINGS = (("项目", "品牌/规格", "数量", "状况"), ("入户门", "防盗门", "1", "完好"), ("厨房设备", "整体橱柜、燃气灶、油烟机", "1套", "完好"),
             ("卫生洁具", "坐便器、洗手盆、淋浴", "1套", "完好"), ("空调", "分体式", "2台", "正常使用"),
             ("热水器", "燃气热水器", "1台", "正常使用"), ("门窗", "铝合金窗", "全部", "完好"), ("其他", "—", "—", "—"))


def _flow(t: Typesetter, book: object, texts: list[tuple[str, bool]], last: int) -> None:
    """Set (text, bold heading) paragraphs from the current page on; never past page `last` (later text drops)."""
    for text, bold in texts:
        alone = bold and t.y + t.line_h * 3.5 > t.bottom  # a heading would stand alone at the foot of the page
        if not alone and t.para(text, indent=not bold, bold=bold):
            continue
        if book.page >= last:  # type: ignore[attr-defined]
            return
        book.finish()  # type: ignore[attr-defined]
        t.para(text, indent=not bold, bold=bold)


def _attachment(t: Typesetter, kind: int) -> None:
    f, rng = t.f, t.rng
    if kind == 0:
        t.heading("附件一　房屋附属设施设备及装饰装修清单")
        ruled_table(t, _FITTINGS, (0.22, 0.4, 0.14, 0.24))
        t.para("上述设施设备随房屋一并转让，其价款已包含在成交价格中。", indent=False)
    elif kind == 1:
        t.heading("附件二　房屋交接确认书")
        for text in ("甲、乙双方于该房屋交付之日共同对房屋及附属设施设备进行了查验，确认如下：",
                     "一、房屋钥匙共____把，门禁卡____张，已由甲方交付乙方；",
                     "二、水表读数：________；电表读数：________；燃气表读数：________；",
                     "三、截至交付之日的物业服务费、水电燃气费用已由甲方结清；",
                     "四、乙方确认房屋现状与合同约定相符。"):
            t.para(text)
    elif kind == 2:
        t.heading("附件三　交易资金监管约定")
        loan = f.total_price - f.down_payment
        for text in (f"一、监管资金为乙方支付的首付款人民币{money(f.down_payment)}元；",
                     f"二、乙方申请的贷款金额为人民币{money(loan)}元，以贷款银行最终审批为准；",
                     "三、转移登记完成后三个工作日内，监管机构将监管资金划入甲方指定账户；",
                     "四、合同解除的，监管资金按照双方书面约定或生效法律文书划转。"):
            t.para(text)
    elif kind == 3:
        t.heading("附件四　补充条款")
        t.para("经甲、乙双方协商，对本合同未尽事宜补充约定如下：")
        for k, text in enumerate(("该房屋内现有家具、家电随房屋一并交付乙方，不另计价款。",
                                  f"甲方应于{date_text(f.delivery_date, 'cn')}前腾空房屋。",
                                  "补充条款与合同正文不一致的，以补充条款为准。"), 1):
            t.para(f"{k}. {text}", indent=False)
        t.y += t.line_h * rng.uniform(1, 3)
        t.para("（以下空白）", indent=False)
    else:
        t.heading("附件五　物业及户籍事项约定")
        for text in ("一、甲方应在交付前办理物业服务合同权利义务转移手续，并向乙方移交房屋维修资金余额；",
                     "二、甲方承诺该房屋所涉学位、户籍等情况已如实告知乙方；",
                     "三、本约定与合同正文具有同等效力。"):
            t.para(text)


def contract_bureau_resale(t: Typesetter, book: object) -> SealSpot:
    """Cover, 甲方（出卖人）/乙方（买受人）, 房屋坐落于… with 不动产权证号, 小写/大写 price, clauses, attachments, ruled
    三-column 签署页 with the seal over the seller's name."""
    f, pen, rng = t.f, t.pen, t.rng
    finish = book.finish  # type: ignore[attr-defined]
    n = f.pages_declared
    region = f.seller.region
    city = region.short_city
    w = pen.w_mm
    edition = f.signing_date.year - rng.randint(1, 4)
    pen.text(w / 2, 78, f"{city}市存量房买卖合同", 25, bold=True, align="center", spacing=1.2)
    pen.text(w / 2, 92, "（示范文本）", 14, align="center")
    pen.text(w / 2, 101, f"（{edition}版）", 12, align="center")
    bx, bw, by = t.left + 14, t.right - t.left - 28, 130.0
    notes = ("1. 本合同文本为示范文本，双方当事人应当仔细阅读全部条款，对条款内容有疑问的，应向有关部门咨询。",
             "2. 签订本合同前，出卖人应当向买受人出示不动产权属证书及身份证明文件。",
             "3. 本合同【】中的选择内容，以划√方式选定；空格部分可以由双方协商填写，不作约定的，应当划“×”。",
             "4. 本合同经网上签约后打印，双方当事人对打印内容有异议的，应当在签字前提出。")
    lines = [part for note in notes for part in pen.wrap(note, 10, bw - 10)]
    pen.rect(bx, by, bw, 14 + len(lines) * 6.0, stroke=LINE, width=0.5)
    pen.text(bx + bw / 2, by + 8, "使 用 说 明", 11.5, bold=True, align="center")
    for k, part in enumerate(lines):
        pen.text(bx + 5, by + 15 + k * 6.0, part, 10)
    for k, line in enumerate((f"{city}市住房和城乡建设局", f"{city}市市场监督管理局")):
        pen.text(w / 2, 238 + k * 9, line, 13.5, align="center")
    pen.text(w / 2, 258, "制　定", 12.5, align="center")
    finish()
    t.para(f"甲方（出卖人）：{f.seller.name}", indent=False, bold=True)
    t.para(f"统一社会信用代码：{f.seller.uscc}　　法定代表人：{f.seller.legal_rep}", indent=False)
    t.para(f"住所：{f.seller.address}", indent=False)
    t.para(f"联系电话：{f.seller.phone}", indent=False)
    t.y += t.line_h * 0.4
    several = len(f.buyers) > 1
    for k, (name, number) in enumerate(f.buyers):
        tag = f"乙方（买受人）{'一二三'[k]}" if several else "乙方（买受人）"
        t.para(f"{tag}：{name}", indent=False, bold=True)
        t.para(f"国籍：中国　　证件类型：居民身份证　　身份证号码：{number}", indent=False)
    t.para(f"通讯地址：{f.buyer_address}", indent=False)
    t.para(f"联系电话：{f.buyer_phone}", indent=False)
    t.y += t.line_h * 0.4
    t.para(f"根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》等法律、法规及{city}市有关规定，甲、乙双方在"
           "平等、自愿、协商一致的基础上，就乙方购买甲方存量房屋事宜，订立本合同。")
    cert = f"{PROVINCE.get(region.province, region.province[:1])}（{f.signing_date.year - rng.randint(1, 9)}）{city}市不动产权第{rng.randint(10**6, 10**7 - 1)}号"
    t.para("第一条　房屋基本情况", indent=False, bold=True)
    t.para(f"（一）该房屋坐落于{f.property_address}；")
    t.para(f"（二）不动产权证号：{cert}；")
    t.para(f"（三）该房屋建筑面积{f.floor_area:.2f}平方米，其中套内建筑面积{f.inner_area:.2f}平方米；规划用途为住宅，"
           f"所在楼层为第{rng.randint(2, 30)}层。")
    finish()
    commas = rng.random() < 0.6
    t.para("第二条　房屋权属状况", indent=False, bold=True)
    t.para("（一）该房屋所有权人为甲方，共有情况：【单独所有】；")
    t.para(f"（二）该房屋【{rng.choice(('未设定抵押', '已设定抵押，甲方应在转移登记前注销抵押'))}】；该房屋【未出租】。")
    t.para("第三条　成交价格", indent=False, bold=True)
    t.para(f"（一）经甲、乙双方协商一致，该房屋成交价格为：小写￥{money(f.total_price, commas=commas)}元；"
           f"大写{f.price_words}。")
    t.para("（二）上述价格包含该房屋占用范围内的土地使用权及附属设施设备、装饰装修的价款。")
    t.para("第四条　付款方式", indent=False, bold=True)
    t.para(f"乙方以【贷款】方式付款：首付款人民币{money(f.down_payment, commas=commas)}元于本合同生效之日起"
           f"{rng.choice(('三', '五', '七'))}日内存入交易资金监管账户；其余房价款人民币"
           f"{money(f.total_price - f.down_payment, commas=commas)}元以个人住房贷款支付。")
    values = {"city": city, "days": rng.choice((7, 10, 15)), "grace": rng.choice((15, 30)),
              "months": rng.choice((2, 3)), "pages": n}
    texts = [(text, bold) for head, body in _CLAUSES for text, bold in ((head, True), (body.format(**values), False))]
    appendices = min(5, max(0, n - 5))
    _flow(t, book, texts, last=n - 1 - appendices)
    finish()
    kind = 0
    while book.page < n:  # type: ignore[attr-defined]
        _attachment(t, kind % 5)
        kind += 1
        finish()
    spot = _sign_table(t, city, region.district)
    finish()
    return spot


def _sign_table(t: Typesetter, city: str, district: str) -> SealSpot:
    """The 签署页: a ruled 当事人 | 签字（盖章） | 签订日期 table, the seal pressed over the seller's name."""
    f, pen, rng = t.f, t.pen, t.rng
    t.para("（以下无正文，为本合同签署页）", indent=False)
    size = t.s.size + 0.5
    span = t.right - t.left
    widths = [span * 0.24, span * 0.5, span * 0.26]
    y = t.y + 12
    head_h, row_h = 10.0, 42.0
    x = t.left
    for head, w in zip(("当事人", "签字（盖章）", "签订日期"), widths, strict=True):
        pen.rect(x, y, w, head_h, stroke=LINE, width=0.6, fill=(0.94, 0.94, 0.94))
        pen.text(x + w / 2, y + head_h * 0.66, head, size, bold=True, align="center")
        x += w
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded", "numerals")))
    rows = (("甲方（出卖人）", "（盖章）"), ("乙方（买受人）", "（签字）"))
    top = y + head_h
    for r, (role, how) in enumerate(rows):
        yy = top + r * row_h
        x = t.left
        for w in widths:
            pen.rect(x, yy, w, row_h, stroke=LINE, width=0.6)
            x += w
        pen.text(t.left + widths[0] / 2, yy + row_h / 2, role, size, bold=True, align="center")
        pen.text(t.left + widths[0] / 2, yy + row_h / 2 + 6, how, size - 1, align="center", color=GREY)
        pen.text(t.left + widths[0] + widths[1] + 3, yy + row_h / 2 + 1.5, signed, size - 0.5,
                 max_width=widths[2] - 5)
    mx = t.left + widths[0] + 3
    name_w = pen.text(mx, top + 14, f.seller.name, size, max_width=widths[1] - 6)
    pen.text(mx, top + 28, f"法定代表人：{f.seller.legal_rep}", size - 0.5, max_width=widths[1] - 6)
    sy = top + row_h + 6
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 12.0, widths[1] - 10)
        pen.image(sig, mx + 2, sy, width, 12.0)
        sy += 14
    yy = top + 2 * row_h
    pen.rect(t.left, yy, widths[0], 10, stroke=LINE, width=0.6)
    pen.rect(t.left + widths[0], yy, span - widths[0], 10, stroke=LINE, width=0.6)
    pen.text(t.left + widths[0] / 2, yy + 6.6, "签订地点", size, bold=True, align="center")
    pen.text(t.left + widths[0] + 3, yy + 6.6, f"{city}市{district}", size)
    spot = SealSpot(f.pages_declared, (mx + name_w * rng.uniform(0.35, 0.65)) / pen.w_mm,
                    (top + rng.uniform(10, 22)) / pen.h_mm, rng.uniform(38, 42))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "", "合同专用章")))
        mark = replace(mark, color=rng.choice(((220, 30, 40), (206, 52, 42), (190, 36, 64))),
                       ring=rng.choice((0.02, 0.035, 0.05)))
        press(pen, rng, mark, center=(spot.fx * pen.w_mm, spot.fy * pen.h_mm), width_mm=spot.width_mm)
    t.y = yy + 14
    return spot


def _vertical(pen: Pen, x: float, y: float, text: str, size: float, color: tuple[float, float, float]) -> None:
    """Characters stacked down from (x, y), centred on x (a spaced char leaves a gap)."""
    for k, ch in enumerate(text):
        if ch != " ":
            pen.text(x, y + k * size * 0.42, ch, size, align="center", color=color)


class _Form:
    """A pre-printed form: red rules and labels; the data printed later in black, off the cells by one offset."""

    def __init__(self, pen: Pen, red: tuple[float, float, float], data: Typeface, dx: float, dy: float) -> None:
        self.pen, self.red, self.data, self.dx, self.dy = pen, red, data, dx, dy

    def box(self, x: float, y: float, w: float, h: float, label: str = "", *, top: bool = False) -> None:
        self.pen.rect(x, y, w, h, stroke=self.red, width=0.45)
        if label and top:
            self.pen.text(x + 2, y + 5, label, 9.5, color=self.red)
        elif label:
            self.pen.text(x + w / 2, y + h * 0.66, label, 9.5, align="center", color=self.red, max_width=w - 2)

    def value(self, x: float, y: float, text: str, size: float, *, align: str = "left",
              max_width: float | None = None) -> float:
        return self.pen.text(x + self.dx, y + self.dy, text, size, face=self.data, align=align, max_width=max_width)


def render_tax_receipt_form(facts: TaxFacts, rng: random.Random, *, when: datetime, producer: str) -> bytes:
    """税收完税证明 on the red pre-printed 收据联 in landscape, data in black monospace, 征税专用章 in its box."""
    w, h = 297.0, 210.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when, producer=producer, title="税收完税证明")
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    red = rng.choice(((0.78, 0.16, 0.18), (0.74, 0.2, 0.24), (0.82, 0.24, 0.2)))
    form = _Form(pen, red, Typeface("wqy_mono", "lib_mono", (0.04, 0.04, 0.07)), rng.uniform(0.6, 2.2),
                 rng.uniform(-0.9, 0.7))
    left, right = 20.0, w - 24.0
    span = right - left
    pen.text(w / 2, 16, "中 华 人 民 共 和 国", 12, align="center", color=red)
    pen.text(w / 2, 26, "税 收 完 税 证 明", 20, bold=True, align="center", color=red)
    pen.line(w / 2 - 36, 28.8, w / 2 + 36, 28.8, width=0.9, color=red)
    pen.line(w / 2 - 36, 29.9, w / 2 + 36, 29.9, width=0.3, color=red)
    prov = next((PROVINCE[r.province] for r in REGIONS if r.city in facts.authority), "京")
    pen.text(right, 16, f"（{facts.issue_date.year}）{prov}税证电", 10, align="right", color=red)
    digits = "".join(ch for ch in facts.serial if ch.isdigit())[-8:]
    pen.text(right, 25, f"No. {digits}", 12, align="right", color=red)
    y = 38.0
    lw = pen.text(left, y, "填发日期：", 10, color=red)
    form.value(left + lw, y, date_text(facts.issue_date, rng.choice(("cn_padded", "cn", "iso"))), 10)
    ax = left + span * 0.42
    lw = pen.text(ax, y, "税务机关：", 10, color=red)
    form.value(ax + lw, y, facts.authority, 10, max_width=right - ax - lw - 3)
    y += 3
    top = y
    size = 9.5
    ws = [span * k for k in (0.14, 0.36, 0.14, 0.36)]
    x = left
    for k, wd in enumerate(ws):
        form.box(x, y, wd, 9, ("纳税人识别号", "", "纳税人名称", "")[k])
        x += wd
    form.value(left + ws[0] + 2, y + 6, facts.id_number, size, max_width=ws[1] - 4)
    form.value(left + sum(ws[:3]) + 2, y + 6, facts.name, size, max_width=ws[3] - 4)
    y += 9
    cols = [span * k for k in (0.2, 0.1, 0.15, 0.25, 0.14, 0.16)]
    heads = ("原凭证号", "税种", "品目名称", "税款所属时期", "入（退）库日期", "实缴（退）金额")
    x = left
    for head, wd in zip(heads, cols, strict=True):
        form.box(x, y, wd, 8, head)
        x += wd
    y += 8
    rows = sorted(facts.rows, key=lambda r: (r.period, r.agent))
    row_h = min(7.0, 96.0 / max(len(rows), 1))
    cell = min(9.0, row_h * 1.55)
    commas = rng.random() < 0.5
    for r in rows:
        end = add_months(r.period.replace(day=1), 1) - timedelta(days=1)
        texts = (f"{rng.randint(10**17, 10**18 - 1)}", "个人所得税", r.item,
                 f"{r.period.replace(day=1):%Y-%m-%d}至{end:%Y-%m-%d}", f"{r.paid:%Y-%m-%d}",
                 money(r.tax, commas=commas))
        x = left
        for k, (text, wd) in enumerate(zip(texts, cols, strict=True)):
            form.box(x, y, wd, row_h)
            base = y + row_h * 0.72
            if k == 5:
                form.value(x + wd - 3, base, text, cell, align="right", max_width=wd - 4)
            else:
                form.value(x + 1.5, base, text, cell, max_width=wd - 4)
            x += wd
        y += row_h
    words = to_words(facts.total_tax) if facts.total_tax > 0 else "零元整"
    tw = [cols[0], sum(cols[1:5]), cols[5]]
    form.box(left, y, tw[0], 9, "金额合计")
    form.box(left + tw[0], y, tw[1], 9)
    lw = pen.text(left + tw[0] + 2, y + 6, "（大写）", 9.5, color=red)
    form.value(left + tw[0] + 2 + lw, y + 6, words, size, max_width=tw[1] - lw - 6)
    form.box(left + tw[0] + tw[1], y, tw[2], 9)
    pen.text(left + tw[0] + tw[1] + 2, y + 6, "¥", 9.5, color=red)
    form.value(right - 3, y + 6, money(facts.total_tax, commas=commas), size, align="right", max_width=tw[2] - 8)
    y += 9
    bw = [span * 0.3, span * 0.2, span * 0.5]
    box_h = max(26.0, min(36.0, h - 16 - y))
    form.box(left, y, bw[0], box_h, "税务机关（盖章）", top=True)
    form.box(left + bw[0], y, bw[1], box_h, "填票人", top=True)
    form.box(left + bw[0] + bw[1], y, bw[2], box_h, "备　注", top=True)
    form.value(left + bw[0] + 3, y + 14, rng.choice(("办税服务厅", "电子税务局", "自助办税终端")), size)
    code_label = rng.choice(("验证码", "查验码"))
    notes = [f"所得期间：{facts.period_start:%Y-%m-%d}至{facts.period_end:%Y-%m-%d}",
             f"收入额合计：{money(facts.total_income, commas=commas)}元", f"{code_label}：{facts.verification_code}"]
    agents = sorted({r.agent for r in rows})
    if len(agents) == 1:
        notes.append(f"扣缴义务人：{agents[0]}")
    bx = left + bw[0] + bw[1]
    for k, note in enumerate(notes):
        form.value(bx + 3, y + 11 + k * 5.2, note, 8.8, max_width=bw[2] - 6)
    pen.rect(left, top, span, y + box_h - top, stroke=red, width=1.0)
    _vertical(pen, right + 6.5, top + 8, "第二联 收据 交纳税人作完税证明", 9, red)
    _vertical(pen, left - 6.5, top + 30, "妥善保管", 9, red)
    pen.text(left, y + box_h + 5, "本证明不作为纳税人记账、抵扣凭证。", 8.5, color=red)
    if facts.sealed:
        mark = other_make(rng, facts.authority, bottom="征税专用章")
        mark = replace(mark, color=(rng.randint(206, 232), rng.randint(24, 48), rng.randint(36, 60)),
                       ring=rng.choice((0.03, 0.04)), star=True, fade=rng.choice((0.0, 0.25)))
        press(pen, rng, mark, center=(left + bw[0] / 2 + rng.uniform(-6, 6), y + box_h / 2 + rng.uniform(0, 3)),
              width_mm=rng.uniform(36, 40))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _booklet_columns(facts: LicenseFacts) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    c = facts.company
    if facts.individual:
        return ([("名　　称", c.name), ("类　　型", "个体工商户"), ("经 营 者", c.legal_rep), ("经营场所", c.address)],
                [("组成形式", "个人经营"), ("注册日期", date_text(facts.established, "cn_padded"))])
    until = "长期" if facts.term_until is None else date_text(facts.term_until, "cn_padded")
    return ([("名　　称", c.name), ("类　　型", facts.kind), ("法定代表人", c.legal_rep), ("住　　所", c.address)],
            [("注册资本", capital_text(facts)), ("成立日期", date_text(facts.established, "cn_padded")),
             ("营业期限", f"{date_text(facts.established, 'cn_padded')} 至 {until}")])


def _column(pen: Pen, x: float, y: float, rows: list[tuple[str, str]], size: float, label_w: float,
            width: float) -> float:
    lead = size * 0.6
    for label, value in rows:
        pen.text(x, y, label, size, bold=True)
        parts = pen.wrap(value, size, width - label_w)[:3]
        for k, text in enumerate(parts):
            pen.text(x + label_w, y + k * lead, text, size)
        y += lead * len(parts) + lead * 0.75
    return y


def _handwritten(pen: Pen, rng: random.Random, x: float, y: float, lines: list[str]) -> None:
    """A note in blue ball-pen, in the other CJK face, turned a few degrees."""
    face = Typeface("droid" if pen.face.cjk == "wqy" else "wqy", "lib_serif",
                    (rng.uniform(0.05, 0.15), rng.uniform(0.12, 0.22), rng.uniform(0.45, 0.62)))
    c = pen.c
    c.saveState()
    c.translate(x * MM, (pen.h_mm - y) * MM)
    c.rotate(rng.uniform(3, 8))
    for k, line in enumerate(lines):
        pen.text(0, pen.h_mm + k * 7.5, line, 15 if k == 0 else 11.5, face=face)
    c.restoreState()


def render_booklet_copy(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """营业执照 副本 copied in its booklet: the cover's edges, code and boxed QR top left, two field columns."""
    w, h = 297.0, 210.0
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=(w * MM, h * MM), when=when,
                        producer=rng.choice(("Canon iR-ADV C3530", "SHARP MX-3070", "KONICA MINOLTA bizhub C300i")))
    pen = Pen(canvas, facts.face, (w * MM, h * MM))
    pen.rect(0, 0, w, h, fill=(0.96, 0.96, 0.95))
    cover = rng.choice(((0.42, 0.07, 0.09), (0.36, 0.08, 0.1), (0.5, 0.12, 0.1)))
    canvas.saveState()
    canvas.setFillColorRGB(*cover)
    canvas.roundRect(5 * MM, 5 * MM, (w - 10) * MM, (h - 10) * MM, 4 * MM, stroke=0, fill=1)
    canvas.restoreState()
    ox, oy = 13.0 + rng.uniform(-1, 1), 12.0 + rng.uniform(-1, 1)
    width, height = w - 26, h - 24
    pen.rect(ox, oy, width, height, fill=(0.99, 0.975, 0.93))
    frame = (rng.uniform(0.6, 0.7), rng.uniform(0.45, 0.52), rng.uniform(0.2, 0.26))
    pen.rect(ox + 4, oy + 4, width - 8, height - 8, stroke=frame, width=1.6)
    pen.rect(ox + 6, oy + 6, width - 12, height - 12, stroke=frame, width=0.4)
    es = 19.0
    pen.image(emblem(340), w / 2 - es / 2, oy + 9, es, es)
    title_y = oy + 9 + es + 12
    pen.text(w / 2, title_y, "营 业 执 照", 28, bold=True, align="center", color=(0.05, 0.05, 0.05))
    pen.text(w / 2, title_y + 8, "（副　本）", 12, align="center")
    cx = ox + 14
    pen.text(cx, oy + 16, "统一社会信用代码", 9.5)
    pen.text(cx, oy + 22.5, facts.uscc_printed, 12, face=Typeface(facts.face.cjk, "lib_sans_bold"))
    pen.text(cx, oy + 28, f"副本编号：{rng.randint(1, 3)}-{rng.randint(1, 2)}", 8, color=GREY)
    qs = 19.0
    qy = oy + 32
    pen.rect(cx - 1.5, qy - 1.5, 55, qs + 3, stroke=(0.45, 0.45, 0.45), width=0.4)
    qr_code(pen, rng, cx, qy, qs)
    for k, text in enumerate(("扫描二维码登录", "“国家企业信用信息", "公示系统”了解更多", "登记、备案、许可、", "监管信息")):
        pen.text(cx + qs + 2.5, qy + 4 + k * 3.4, text, 6.5)
    size = rng.uniform(10.5, 11.5)
    one, two = _booklet_columns(facts)
    y = qy + qs + 9
    half = width / 2
    y1 = _column(pen, ox + 16, y, one, size, 25, half - 24)
    y2 = _column(pen, ox + half + 8, y, two, size, 25, half - 24)
    y = max(y1, y2) + 1
    pen.text(ox + 16, y, "经营范围", size, bold=True)
    lead = size * 0.58
    for k, text in enumerate(pen.wrap(facts.scope, size - 0.5, width - 32 - 25 - 70)[:3]):
        pen.text(ox + 16 + 25, y + k * lead, text, size - 0.5)
    y += lead * 3
    rx, ry = ox + width - 48, oy + height - 27
    pen.text(rx, ry, "登　记　机　关", 12, bold=True, align="center")
    d = facts.registered
    pen.text(rx, ry + 9, f"{d.year} 年 {d.month} 月 {d.day} 日", 11.5, align="center")
    pen.text(ox + width * 0.42, oy + height - 12, "国家企业信用信息公示系统网址：https://www.gsxt.gov.cn", 7.5,
             align="center")
    pen.text(ox + width * 0.42, oy + height - 8.6, "国家市场监督管理总局监制", 7, align="center")
    mark = other_make(rng, facts.authority)
    mark = replace(mark, color=(rng.randint(206, 232), rng.randint(30, 56), rng.randint(30, 56)),
                   ring=rng.choice((0.03, 0.04)), star=True, fade=rng.choice((0.0, 0.3)))
    press(pen, rng, mark, center=(rx + rng.uniform(-6, 6), ry + rng.uniform(-1, 5)), width_mm=rng.uniform(40, 44))
    if rng.random() < 0.6 and y < oy + height - 40:
        note = rng.choice(("仅供办理个人住房贷款使用", "此复印件仅供银行贷款使用，再复印无效"))
        _handwritten(pen, rng, ox + rng.uniform(16, 24), oy + height - rng.uniform(24, 28), ["与原件一致", note])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
