"""Held-out purchase-contract families (templates.py): other filing systems' and developers' prints.

`contract_land_parcel` opens without a cover, states the land parcel (…位于…、编号为…的地块) before the flat's
location (该商品房坐落于…) and has its signature page, with the seller's seal, before the appendices.
`contract_riding_seal` sets the parties and the flat as tables and carries a 骑缝章: one seal pressed across
the fanned right edges, so every page shows its own slice; the main seal sits over the printed seller name.
`contract_city_netsign` follows a big city's online-signing print (第X条 headings, the parties side by side in a
two-column table, the price split in a 付款方式 table, a two-column signature table sealed over 出卖人（签章）).
`contract_presale_prose` is a provincial 商品房预售合同 in prose (甲方（出卖人）/乙方（买受人）, 一、二、 clauses, the
price with 大写 first), signed at the end with the seller's seal pressed partly off the right page edge.
`contract_private_resale` is a 存量房买卖合同 the parties drafted themselves (卖方/买方, no brokerage): the flat in a
ruled 房屋基本情况 table, 成交价格 and 付款 clauses, 卖方（签字/盖章） and 买方（签字） side by side, the seal over the
seller's line.
`seal_marks` says where the seals are; the renderer and the truth (record.py) both ask it.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from datetime import datetime

from PIL import Image

from .batch5_records import contract_two_column
from .batch6_records import contract_agency_form
from .batch7_records import contract_transfer_parties
from .batch8_records import contract_party_table
from .batch9_records import contract_bureau_resale
from .batch10_contract import contract_bracket_annex
from .batch11_records import contract_fill_lines
from .batch12_records import FILING, contract_filing_barcode
from .batch13_records import ANNEX, contract_annex_terms
from .batch14_records import TRIPARTITE, contract_brokerage_tripartite
from .batch15_records import PARTY_SHEET, contract_party_sheet
from .batch16_records import SHADED, contract_shaded_fields
from .batch17_records import INITIALLED, contract_initialled_pages
from .batch18_records import CLAUSE_TABLE, contract_clause_table
from .batch19_records import FILED, contract_filed_supplement, seller_marks, signing_page
from .contract import ContractFacts
from .contract_pdf import SealSpot, Typesetter, appendix, clause_pages, ruled_table, seller_seal, signature
from .family_kit import date_text, press
from .finance import money
from .pdfkit import A4_PT, Pen, new_canvas
from .seal import other_make

FAMILIES = ("contract_land_parcel", "contract_riding_seal", "contract_resale_agency", "contract_city_netsign",
            "contract_presale_prose", "contract_private_resale", "contract_sale_two_column", "contract_agency_form",
            "contract_transfer_parties", "contract_party_table", "contract_bureau_resale", "contract_bracket_annex",
            "contract_fill_lines", FILING, ANNEX, TRIPARTITE, PARTY_SHEET, SHADED, INITIALLED,
            CLAUSE_TABLE, FILED)
_RIDING = ("contract_riding_seal", FILING)  # families with a 骑缝章 slice on every page
_WITH_AGENCY = ("contract_resale_agency", "contract_agency_form", TRIPARTITE)  # families with a brokerage that seals too
_AGENCY_WORDS = ("安居", "恒信", "置家", "房友", "宜居", "诚达", "链通", "金钥匙")


def signature_page(facts: ContractFacts, family: str) -> int:
    """The page the parties sign and the seller seals (never the page a missing_contract_page drops)."""
    if family == FILED:  # the 签署页 before the 补充协议
        return signing_page(facts)
    if family != "contract_land_parcel":
        return facts.pages_declared
    appendices = 1 if facts.missing_page == facts.pages_declared - 2 else 2
    return facts.pages_declared - appendices


def seal_marks(facts: ContractFacts, family: str) -> list[tuple[int, str, str]]:
    """The seller's seals on a sealed contract: (printed page, legend, shape); a riding seal shows on every page."""
    if not facts.sealed:
        return []
    if family == FILED:  # sealed on the 签署页 and again at the end of the 补充协议
        return seller_marks(facts)
    marks = [(signature_page(facts, family), facts.seller.name, "round")]
    if family in _RIDING and not facts.pasted_seal:
        marks += [(page, facts.seller.name, "riding") for page in range(1, facts.pages_declared + 1)]
    return sorted(marks)


def agency(facts: ContractFacts) -> str:
    """The brokerage that drew up a resale contract (a pure function of the contract, so the truth can name it)."""
    rng = random.Random(f"agency:{facts.number}")
    return f"{facts.seller.region.short_city}{rng.choice(_AGENCY_WORDS)}房地产经纪有限公司"


def agency_marks(facts: ContractFacts, family: str) -> list[tuple[int, str, str]]:
    """The brokerage's own seal on a resale contract's signature page (present whatever the seller did)."""
    return [(facts.pages_declared, agency(facts), "round")] if family in _WITH_AGENCY else []


class _Book:
    """Page bookkeeping: page numbers (第X页 共Y页), the contract number in the running head, riding-seal slices."""

    def __init__(self, t: Typesetter, facts: ContractFacts, riding: Image.Image | None = None) -> None:
        self.t, self.f, self.page, self.riding = t, facts, 1, riding
        self.riding_mm = (t.rng.uniform(38, 42), t.rng.uniform(90, 200))  # seal width, top of the slices

    def finish(self) -> None:
        t, f = self.t, self.f
        if self.riding is not None:
            # the pages were fanned under one press: page k shows the k-th vertical slice of the seal
            n, seal = f.pages_declared, self.riding
            strip = seal.crop((seal.width * (self.page - 1) // n, 0, seal.width * self.page // n, seal.height))
            width, top = self.riding_mm
            w = width * strip.width / seal.width
            t.pen.image(strip, t.pen.w_mm - w, top, w, width * seal.height / seal.width, multiply=True)
        t.pen.text(t.right, f.style.margin - 2, f"合同编号：{f.number}", f.style.size - 1.5, align="right")
        t.pen.text(t.pen.w_mm / 2, t.pen.h_mm - f.style.margin / 2,
                   f.style.footer.format(i=self.page, n=f.pages_declared), f.style.size - 1, align="center")
        t.pen.c.showPage()
        self.page += 1
        t.y = t.top


def _parties_block(t: Typesetter) -> None:
    f = t.f
    t.para("出卖人：" + f.seller.name, indent=False, bold=True)
    for line in (f"注册地址：{f.seller.address}", f"统一社会信用代码：{f.seller.uscc}",
                 f"法定代表人：{f.seller.legal_rep}　联系电话：{f.seller.phone}"):
        t.para(line, indent=False)
    t.y += t.line_h * 0.5
    for name, number in f.buyers:
        t.para(f"买受人：{name}", indent=False, bold=True)
        t.para(f"证件类型：居民身份证　证件号码：{number}", indent=False)
        t.para(f"住所（址）：{f.buyer_address}　联系电话：{f.buyer_phone}", indent=False)


def _land_and_flat(t: Typesetter) -> None:
    f = t.f
    region = f.seller.region
    parcel = f"{region.short_city[:1]}{t.rng.randint(2008, 2024)}-{t.rng.randint(1, 99):02d}"
    street = t.rng.choice(region.streets)
    t.heading("第一章　项目建设依据与商品房基本状况")
    t.para(f"第一条　项目建设依据。出卖人以出让方式取得位于{region.prefix}{street}以东、编号为{parcel}号的地块的"
           f"国有建设用地使用权。该地块土地面积为{t.rng.randint(18, 160) * 1000}平方米，规划用途为城镇住宅用地，"
           f"土地使用年限自{t.rng.randint(2010, 2023)}年至{t.rng.randint(2080, 2093)}年。")
    t.para(f"出卖人经批准，在上述地块上建设的商品房项目核准名称为{f.project}。")
    t.para(f"第二条　该商品房坐落于{f.property_address}。该商品房的规划用途为住宅，主体结构为钢筋混凝土结构。")
    t.para(f"第三条　该商品房合同约定建筑面积共{f.floor_area}平方米，其中套内建筑面积{f.inner_area}平方米，"
           f"分摊共有建筑面积{f.floor_area - f.inner_area:.2f}平方米。")
    t.para(f"第四条　计价方式与价款。按照建筑面积计算，单价为每平方米{money(f.unit_price, commas=False)}元，"
           f"总价款为（币种）人民币{money(f.total_price, commas=False)}元（大写{f.price_words}）。")
    t.para(f"第五条　付款方式。买受人首期支付{money(f.down_payment)}元，其余房价款以商业贷款方式支付。")


def _sign(t: Typesetter, *, date_style: str, seal_over_name: bool) -> SealSpot:
    """The signing block; return where the seller's seal is pressed."""
    f, pen = t.f, t.pen
    y = t.y + 20
    w = pen.text(t.left, y, "出卖人（盖章）：", t.s.size + 1)
    pen.text(t.left + w, y, f.seller.name, t.s.size + 1)
    name_mid = t.left + w + pen.width(f.seller.name, t.s.size + 1) * t.rng.uniform(0.3, 0.7)
    pen.text(t.left, y + 11, f"法定代表人（签字）：{f.seller.legal_rep}", t.s.size + 1)
    y2 = y + 42
    w2 = pen.text(t.left, y2, "买受人（签字）：", t.s.size + 1)
    x = t.left + w2
    for name, _ in f.buyers:
        sig = signature(name, t.rng)
        width = sig.width / sig.height * 12.0
        pen.image(sig, x, y2 - 9, width, 12.0)
        x += width + 6
    pen.text(t.left, y2 + 18, f"签订日期：{date_text(f.signing_date, date_style)}", t.s.size + 1)
    cy = y + (t.rng.uniform(-3, 3) if seal_over_name else t.rng.uniform(4, 14))
    return SealSpot(0, name_mid / pen.w_mm, cy / pen.h_mm, t.rng.uniform(38, 42))


def _land_parcel(t: Typesetter, book: _Book) -> SealSpot:
    f = t.f
    n, sig = f.pages_declared, signature_page(f, "contract_land_parcel")
    t.pen.text(t.pen.w_mm / 2, t.top + 10, "商品房买卖合同", 20, bold=True, align="center", spacing=1.5)
    t.y = t.top + 18
    t.para("（合同示范文本）", indent=False)
    _parties_block(t)
    book.finish()
    _land_and_flat(t)
    book.finish()
    clause_pages(t, sig - 3, book.finish)
    while book.page < sig:
        book.finish()
    t.para("（以下无正文，为签署页）", indent=False)
    spot = _sign(t, date_style="numerals", seal_over_name=False)
    spot = SealSpot(sig, spot.fx, spot.fy, spot.width_mm)
    _seal_here(t, spot)
    book.finish()
    for k in range(n - sig):
        appendix(t, k)
        book.finish()
    return spot


def _riding(t: Typesetter, book: _Book) -> SealSpot:
    f, pen = t.f, t.pen
    n = f.pages_declared
    pen.text(pen.w_mm / 2, t.top + 12, "商品房买卖合同（预售）" if f.style.presale else "商品房买卖合同（现售）", 18,
             bold=True, align="center")
    t.y = t.top + 20
    buyers = "；".join(f"{name}（{number}）" for name, number in f.buyers)
    ruled_table(t, (("当事人", "名称 / 姓名（证件号码）"), ("出卖人", f.seller.name), ("统一社会信用代码", f.seller.uscc),
               ("买受人", buyers), ("通讯地址", f.buyer_address)), (0.28, 0.72))
    book.finish()
    t.heading("商品房基本情况")
    ruled_table(t, (("房屋坐落", f.property_address), ("建筑面积（㎡）", f"{f.floor_area}"),
               ("套内建筑面积（㎡）", f"{f.inner_area}"), ("单价（元/㎡）", money(f.unit_price)),
               ("总价款（小写）", f"¥{money(f.total_price)}"), ("总价款（大写）", f"人民币{f.price_words}")), (0.3, 0.7))
    book.finish()
    clause_pages(t, n - 3, book.finish)
    while book.page < n:
        book.finish()
    spot = _sign(t, date_style="cn_padded", seal_over_name=True)
    spot = SealSpot(n, spot.fx, spot.fy, spot.width_mm)
    _seal_here(t, spot)
    book.finish()
    return spot


def _seal_here(t: Typesetter, spot: SealSpot) -> None:
    f = t.f
    if f.sealed and not f.pasted_seal:
        style = other_make(t.rng, f.seller.name, bottom=t.rng.choice(("", "合同专用章")))
        press(t.pen, t.rng, style, center=(spot.fx * t.pen.w_mm, spot.fy * t.pen.h_mm), width_mm=spot.width_mm)


def _resale(t: Typesetter, book: _Book) -> SealSpot:
    f, pen = t.f, t.pen
    n = f.pages_declared
    pen.text(pen.w_mm / 2, t.top + 12, t.rng.choice(("存量房屋买卖合同", "房屋买卖合同（存量房）")), 19, bold=True,
             align="center")
    t.y = t.top + 22
    t.para(f"出卖人（甲方）：{f.seller.name}", indent=False, bold=True)
    t.para(f"统一社会信用代码：{f.seller.uscc}　法定代表人：{f.seller.legal_rep}", indent=False)
    for name, number in f.buyers:
        t.para(f"买受人（乙方）：{name}　身份证号码：{number}", indent=False, bold=True)
    t.para(f"居间方（丙方）：{agency(f)}", indent=False)
    t.para("甲、乙、丙三方在平等、自愿、协商一致的基础上，就乙方购买甲方房屋事宜订立本合同。")
    book.finish()
    t.heading("第一条　房屋基本情况")
    t.para(f"甲方所有的房屋坐落：{f.property_address}（以下简称该房屋），不动产权证书号："
           f"{f.seller.region.short_city[:1]}（{f.signing_date.year - t.rng.randint(1, 6)}）不动产权第"
           f"{t.rng.randint(1000000, 9999999)}号，房屋用途为住宅。")
    t.para(f"该房屋登记建筑面积{f.floor_area}平方米，套内建筑面积{f.inner_area}平方米。")
    t.heading("第二条　成交价格与付款")
    t.para(f"甲乙双方协商一致，该房屋成交价格为人民币{money(f.total_price)}元（大写：{f.price_words}）。"
           f"乙方于本合同签订之日支付首付款{money(f.down_payment)}元，余款以银行按揭贷款方式支付。")
    book.finish()
    clause_pages(t, n - 3, book.finish)
    while book.page < n:
        book.finish()
    spot = _sign(t, date_style="cn_padded", seal_over_name=True)
    pen.text(t.right - 62, t.y + 20, "居间方（盖章）：", t.s.size + 1)
    pen.text(t.right - 62, t.y + 30, agency(f), t.s.size, max_width=60)
    brokerage = other_make(t.rng, agency(f))
    press(pen, t.rng, brokerage, center=(t.right - 32, t.y + 24 + t.rng.uniform(-4, 6)), width_mm=t.rng.uniform(36, 40))
    spot = SealSpot(n, spot.fx, spot.fy, spot.width_mm)
    _seal_here(t, spot)
    book.finish()
    return spot


def _city_netsign(t: Typesetter, book: _Book) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    kind = rng.choice(("预售", "出售")) if f.style.presale else rng.choice(("现售", "出售"))
    pen.text(pen.w_mm / 2, t.top + 12, f"{f.seller.region.city}商品房{kind}合同", 19, bold=True, align="center",
             spacing=1.0)
    t.y = t.top + 18
    t.para(rng.choice(("（网上签约版）", "（示范文本）")), indent=False)
    t.para("出卖人与买受人根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及其他有关法律、法规的规定，"
           "在平等、自愿、公平、协商一致的基础上，就买卖商品房达成如下协议：")
    names = "、".join(name for name, _ in f.buyers)
    rows: list[tuple[str, ...]] = [("当事人", "出卖人", "买受人"), ("名称 / 姓名", f.seller.name, names),
                                   ("证件类型", "营业执照", "居民身份证")]
    for k, (name, number) in enumerate(f.buyers):
        rows.append(("证件号码", f.seller.uscc if k == 0 else "", number if len(f.buyers) == 1 else f"{name} {number}"))
    rows += [("法定代表人", f.seller.legal_rep, "—"), ("通讯地址", f.seller.address, f.buyer_address),
             ("联系电话", f.seller.phone, f.buyer_phone)]
    if rng.random() < 0.5:  # some systems name the buyer first
        rows = [(r[0], r[2], r[1]) for r in rows]
    ruled_table(t, tuple(rows), (0.2, 0.4, 0.4))
    book.finish()
    unit = money(f.unit_price, commas=rng.random() < 0.5)
    articles = (("第一条　项目建设依据", f"出卖人以出让方式取得{f.project}项目所在地块的国有建设用地使用权，"
                 "该项目已取得建设工程规划许可证及施工许可证。"),
                ("第二条　商品房基本状况", f"买受人购买的商品房坐落于{f.property_address}，规划用途为住宅，"
                 f"预测（实测）建筑面积共{f.floor_area}平方米，其中套内建筑面积{f.inner_area}平方米。"),
                ("第三条　计价方式与价款", f"该商品房按建筑面积计价，单价为每平方米人民币{unit}元，总价款为人民币"
                 f"{money(f.total_price, commas=False)}元（大写：{f.price_words}）。"),
                ("第四条　付款方式及期限", "买受人按下表约定的方式和期限付款："))
    for heading, body in articles:
        t.para(heading, indent=False, bold=True)
        t.para(body)
    when = date_text(f.signing_date, rng.choice(("iso", "cn")))
    pay = [("款项", "金额（元）", "付款时间"), ("首付款", money(f.down_payment), f"{when}前"),
           (rng.choice(("商业贷款", "银行按揭贷款")), money(f.total_price - f.down_payment), "以贷款银行放款为准"),
           ("总价款（小写）", money(f.total_price), ""), ("总价款（大写）", f.price_words, "")]
    ruled_table(t, tuple(pay), (0.26, 0.4, 0.34))
    book.finish()
    clause_pages(t, n - 3, book.finish)
    while book.page < n:
        book.finish()
    t.para("（以下无正文，为签章页）", indent=False)
    y, size, half = t.y + 10, t.s.size + 1, (t.right - t.left) / 2
    pen.rect(t.left, y, half, 70, stroke=(0, 0, 0), width=0.5)
    pen.rect(t.left + half, y, half, 70, stroke=(0, 0, 0), width=0.5)
    pen.text(t.left + 3, y + 9, "出卖人（签章）：", size)
    pen.text(t.left + 3, y + 18, f.seller.name, size, max_width=half - 6)
    pen.text(t.left + 3, y + 36, "法定代表人（签字）：", size)
    pen.text(t.left + 3, y + 46, "委托代理人（签字）：", size)
    pen.text(t.left + half + 3, y + 9, "买受人（签章）：", size)
    x = t.left + half + 6
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 12.0, half / len(f.buyers) - 6)
        pen.image(sig, x, y + 14, width, 12.0)
        x += width + 4
    signed = date_text(f.signing_date, rng.choice(("cn", "cn_padded", "numerals")))
    for col in (t.left, t.left + half):
        pen.text(col + half - 4, y + 64, signed, size - 0.5, align="right")
    name_w = min(pen.width(f.seller.name, size), half - 6)
    spot = SealSpot(n, (t.left + 3 + name_w * rng.uniform(0.3, 0.7)) / pen.w_mm,
                    (y + 18 + rng.uniform(-4, 8)) / pen.h_mm, rng.uniform(38, 42))
    t.y = y + 72
    _seal_here(t, spot)
    book.finish()
    return spot


_CN_NUMBERS = "一二三四五六七八九十"


def _flat_parts(address: str) -> str:
    """The flat's building, unit and number as a presale contract names them (…栋…单元…号), from the address."""
    match = re.search(r"(\d+)号楼(\d+)单元(\d+)室$", address)
    return f"{match[1]}栋{match[2]}单元{match[3]}号" if match else "该套"


def _presale_prose(t: Typesetter, book: _Book) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    city = f.seller.region.city
    pen.text(pen.w_mm / 2, t.top + 12, "商品房预售合同", 20, bold=True, align="center", spacing=rng.choice((0.0, 2.0)))
    t.y = t.top + 16
    t.para(f"（{city}住房和城乡建设局监制）" if rng.random() < 0.5 else "（期房）", indent=False)
    t.y += t.line_h * 0.5
    t.para(f"甲方（出卖人）：{f.seller.name}", indent=False, bold=True)
    t.para(f"住所：{f.seller.address}", indent=False)
    t.para(f"统一社会信用代码：{f.seller.uscc}", indent=False)
    t.para(f"法定代表人：{f.seller.legal_rep}　　电话：{f.seller.phone}", indent=False)
    t.y += t.line_h * 0.5
    for k, (name, number) in enumerate(f.buyers):
        t.para(f"乙方（买受人）：{name}" if k == 0 else f"共同买受人：{name}", indent=False, bold=True)
        t.para(f"身份证号码：{number}", indent=False)
    t.para(f"住址：{f.buyer_address}　　电话：{f.buyer_phone}", indent=False)
    t.y += t.line_h * 0.5
    t.para("甲、乙双方根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》《城市商品房预售管理办法》及其他"
           "有关法律、法规的规定，在平等、自愿、协商一致的基础上，就乙方购买甲方预售的商品房达成如下协议：")
    book.finish()
    unit_words = money(f.unit_price, commas=False)
    clauses = (
        f"乙方购买的商品房为甲方开发建设的{f.project}项目{_flat_parts(f.property_address)}（以下简称该房屋），"
        f"房屋坐落：{f.property_address}。该房屋用途为住宅，结构为钢筋混凝土结构，尚未竣工（期房）。",
        f"该房屋预测建筑面积共{f.floor_area:.2f}平方米，其中套内建筑面积{f.inner_area:.2f}平方米，公共部位与公用房屋分摊建筑面积"
        f"{f.floor_area - f.inner_area:.2f}平方米。面积以房产测绘机构实测为准，按本合同约定结算。",
        f"该房屋按建筑面积计价，单价为每平方米{unit_words}元，总价款为人民币（大写）{f.price_words}"
        f"（小写：¥{money(f.total_price, commas=rng.random() < 0.5)}元）。",
        f"乙方采取银行按揭方式付款：于本合同签订之日向甲方支付首付款人民币{money(f.down_payment)}元，"
        f"余款由乙方向贷款银行申请个人住房贷款支付。乙方未按期付款的，按日向甲方支付逾期应付款万分之三的违约金。",
        f"甲方应当在{date_text(f.delivery_date, 'cn')}前，将经验收合格的该房屋交付乙方使用。",
    )
    for k, text in enumerate(clauses):
        t.para(f"{_CN_NUMBERS[k]}、{text}", indent=False)
    book.finish()
    clause_pages(t, n - 3, book.finish)
    while book.page < n:
        book.finish()
    t.para("（以下无正文）", indent=False)
    size = t.s.size + 1
    y = t.y + 18
    right = t.right
    sign_x = right - rng.uniform(80, 92)
    pen.text(sign_x, y, "甲方（出卖人）（盖章）：", size)
    pen.text(right, y + 10, f.seller.name, size, align="right", max_width=right - sign_x)
    pen.text(sign_x, y + 22, "法定代表人或委托代理人（签字）：", size)
    y2 = y + 44
    pen.text(sign_x, y2, "乙方（买受人）（签字）：", size)
    x = sign_x
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 12.0, (right - sign_x) / len(f.buyers) - 4)
        pen.image(sig, x, y2 + 3, width, 12.0)
        x += width + 4
    pen.text(sign_x, y2 + 26, f"签订日期：{date_text(f.signing_date, rng.choice(('cn', 'numerals')))}", size)
    pen.text(sign_x, y2 + 36, f"签订地点：{f.seller.region.short_city}", size)
    # pressed near the edge, part of the seal is lost beyond the paper; a seal cut from another copy is pasted within
    cx = right - rng.uniform(16, 26) if f.pasted_seal else pen.w_mm - rng.uniform(8, 14)
    spot = SealSpot(n, cx / pen.w_mm, (y + 8 + rng.uniform(-4, 6)) / pen.h_mm, rng.uniform(40, 44))
    t.y = y2 + 40
    _seal_here(t, spot)
    book.finish()
    return spot


def _private_resale(t: Typesetter, book: _Book) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    pen.text(pen.w_mm / 2, t.top + 12, rng.choice(("二手房买卖合同", "存量房买卖合同", "房屋买卖合同")), 19, bold=True,
             align="center", spacing=rng.choice((0.0, 1.5)))
    t.y = t.top + 24
    t.para(f"卖方：{f.seller.name}", indent=False, bold=True)
    t.para(f"统一社会信用代码：{f.seller.uscc}", indent=False)
    t.para(f"法定代表人：{f.seller.legal_rep}　　联系电话：{f.seller.phone}", indent=False)
    t.para(f"地址：{f.seller.address}", indent=False)
    t.y += t.line_h * 0.5
    for name, number in f.buyers:
        t.para(f"买方：{name}", indent=False, bold=True)
        t.para(f"身份证号：{number}", indent=False)
    t.para(f"联系地址：{f.buyer_address}　　联系电话：{f.buyer_phone}", indent=False)
    t.y += t.line_h * 0.5
    t.para("卖方与买方经友好协商，本着平等、自愿、诚实信用的原则，就买方购买卖方合法拥有的存量房屋一事，"
           "未经任何中介机构居间，自行订立本合同，以资共同遵守。")
    book.finish()
    t.para("第一条　房屋基本情况", indent=False, bold=True)
    cert = (f"{f.seller.region.short_city[:1]}（{f.signing_date.year - rng.randint(1, 8)}）不动产权第"
            f"{rng.randint(1000000, 9999999)}号")
    rows: tuple[tuple[str, ...], ...] = (
        ("项目", "内容"), ("坐落", f.property_address), ("建筑面积", f"{f.floor_area}平方米（套内{f.inner_area}平方米）"),
        ("产权证号", cert), ("用途", "住宅"), ("权利人", f.seller.name))
    ruled_table(t, rows, (0.24, 0.76))
    t.para("第二条　成交价格", indent=False, bold=True)
    t.para(f"经双方协商，该房屋成交价格为人民币{money(f.total_price, commas=rng.random() < 0.5)}元"
           f"（大写：{f.price_words}），折合每平方米{money(f.unit_price, commas=False)}元。该价格包含房屋内现有固定装修及设施。")
    t.para("第三条　付款方式", indent=False, bold=True)
    t.para(f"买方于本合同签订之日向卖方支付首付款人民币{money(f.down_payment)}元；其余房款人民币"
           f"{money(f.total_price - f.down_payment)}元由买方申请银行按揭贷款，由贷款银行直接划入卖方指定账户。")
    t.para("第四条　房屋交付", indent=False, bold=True)
    t.para(f"卖方应于{date_text(f.delivery_date, rng.choice(('cn', 'iso')))}前腾空房屋并交付买方，同时结清水、电、燃气、"
           "物业等费用。")
    book.finish()
    clause_pages(t, n - 3, book.finish)
    while book.page < n:
        book.finish()
    t.para("（本页以下无正文）", indent=False)
    y, size, half = t.y + 16, t.s.size + 1, (t.right - t.left) / 2
    pen.text(t.left, y, "卖方（签字/盖章）：", size)
    pen.text(t.left, y + 10, f.seller.name, size, max_width=half - 6)
    pen.text(t.left, y + 22, f"法定代表人：{f.seller.legal_rep}", size, max_width=half - 6)
    pen.text(t.left + half, y, "买方（签字）：", size)
    x = t.left + half + 2
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 12.0, half / len(f.buyers) - 6)
        pen.image(sig, x, y + 3, width, 12.0)
        x += width + 4
    signed = date_text(f.signing_date, rng.choice(("cn", "numerals", "iso")))
    for col in (t.left, t.left + half):
        pen.text(col, y + 34, f"日期：{signed}", size - 0.5)
    name_w = min(pen.width(f.seller.name, size), half - 6)
    spot = SealSpot(n, (t.left + name_w * rng.uniform(0.35, 0.65)) / pen.w_mm, (y + 6 + rng.uniform(-3, 5)) / pen.h_mm,
                    rng.uniform(38, 42))
    t.y = y + 40
    _seal_here(t, spot)
    book.finish()
    return spot


def _agency_form(t: Typesetter, book: _Book) -> SealSpot:
    return contract_agency_form(t, book, agency(t.f))


def _tripartite(t: Typesetter, book: _Book) -> SealSpot:
    return contract_brokerage_tripartite(t, book, agency(t.f))


_LAYOUTS: dict[str, Callable[[Typesetter, _Book], SealSpot]] = {
    "contract_land_parcel": _land_parcel, "contract_riding_seal": _riding, "contract_resale_agency": _resale,
    "contract_city_netsign": _city_netsign, "contract_presale_prose": _presale_prose,
    "contract_private_resale": _private_resale, "contract_sale_two_column": contract_two_column,
    "contract_agency_form": _agency_form, "contract_transfer_parties": contract_transfer_parties,
    "contract_party_table": contract_party_table, "contract_bureau_resale": contract_bureau_resale,
    "contract_bracket_annex": contract_bracket_annex, "contract_fill_lines": contract_fill_lines,
    FILING: contract_filing_barcode, ANNEX: contract_annex_terms, TRIPARTITE: _tripartite,
    PARTY_SHEET: contract_party_sheet, SHADED: contract_shaded_fields, INITIALLED: contract_initialled_pages,
    CLAUSE_TABLE: contract_clause_table, FILED: contract_filed_supplement,
}


def render_family(family: str, facts: ContractFacts, rng: random.Random, *, when: datetime,
                  producer: str) -> tuple[bytes, SealSpot]:
    """The contract in a held-out family's layout, and where its seller's seal is (or a pasted one goes)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=producer, title="商品房买卖合同")
    t = Typesetter(facts, Pen(canvas, facts.style.face, A4_PT), rng)
    riding = family in _RIDING and facts.sealed and not facts.pasted_seal
    spot = _LAYOUTS[family](t, _Book(t, facts, seller_seal(facts, rng, 40.0) if riding else None))
    canvas.save()
    return buffer.getvalue(), spot
