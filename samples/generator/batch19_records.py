"""Nineteenth-batch families of the contract and the business licence (templates.py); the tax record's family is in
batch19_tax.py.

`contract_filed_supplement`: a developer's 商品房买卖合同 printed on 16开 paper (185 × 260 mm) as the copy handed back
after filing: the housing bureau printed 合同备案号 and 备案时间 at the top left of the first page and pressed its round
合同备案专用章 over them; 合同编号 at the top right; the title with （预售）/（现售）; the parties (出卖人 with 统一社会信用代码,
法定代表人 and address; 买受人 and any co-buyer with 证件类型/证件号码; 通讯地址); 第一章 to 第三章 set by the developer
— 第三条 with 房屋坐落, 第四条 with 建筑面积 and 套内建筑面积, 第六条 with the 总价款 as 人民币（大写）… first and
（小写）¥… after —, the model chapters from 第四章 as far as the pages go, 附件 pages where they run short, and a 签署页
(本页无正文) with 出卖人（盖章） and the seller's seal over its name, 法定代表人 and the buyers' signatures and 签订日期;
then the developer's own 补充协议 on the last one or two pages — 出卖人（甲方）/买受人（乙方）, a 鉴于 paragraph naming the
main contract's number and date and the flat, numbered 一、二、… terms (the price restated in 大写 and 小写), a 生效
clause, and its own signing block sealed by the seller once more. Every page is numbered 第 i 页 共 n 页 straight
through (the 补充协议 with the main contract), so the truth's pages are the print's pages; the seller's seal shows
twice (签署页 and the 补充协议's end) and the bureau's once, on page 1, whatever the seller did.
`license_laminated_scan`: the 营业执照 副本 (the 2019 design) sealed in a clear laminating pouch (过塑) by the owner
and scanned on a flatbed: a few millimetres of clear film with rounded corners round the sheet showing the scanner's
lid through it, the film's rim a faint line, the sheet's bottom edge and the film's lost past the A4 glass, the gloss
lifting the blacks a little, one or two patches of faint rainbow Newton rings where the film touched the glass, a few
trapped-air bubbles, a skew under a degree; a picture only, the registry's seal red under the film.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime, timedelta

import cv2
import numpy as np
import pypdfium2
from PIL import Image
from reportlab.lib.utils import ImageReader

from .contract import ContractFacts
from .contract_pdf import SealSpot, Typesetter, appendix, signature
from .contract_text import CHAPTERS
from .family_kit import date_text, numerals, press
from .finance import cn_date, money
from .license import LicenseFacts, render_license
from .pdfkit import MM, Pen, new_canvas
from .raster import np_rng, smooth_noise
from .seal import other_make

FILED = "contract_filed_supplement"
LAMINATED = "license_laminated_scan"
PAGE_MM = (185.0, 260.0)  # 16开
_SIGN_H = 70.0  # the signing block of the 签署页 and of the 补充协议


# ------------------------------------------------------------------ contract_filed_supplement
def supplement_pages(facts: ContractFacts) -> int:
    """Pages the 补充协议 takes: two on a long contract, one on a short; never ending the main part on the page a
    missing_contract_page drops."""
    n = facts.pages_declared
    k = 2 if n >= 8 else 1
    if facts.missing_page == n - k:
        k = 1 if k == 2 else 2
    return k


def signing_page(facts: ContractFacts) -> int:
    """The main contract's 签署页 (where the seller seals, or a pasted seal goes)."""
    return facts.pages_declared - supplement_pages(facts)


def bureau(facts: ContractFacts) -> str:
    """The housing bureau that filed the contract (a pure function of the contract, so the truth can name it)."""
    return f"{facts.seller.region.city}住房和城乡建设局"


def filing(facts: ContractFacts) -> tuple[str, date]:
    """The bureau's filing number and day."""
    rng = random.Random(f"filing:{facts.number}")
    day = facts.signing_date + timedelta(days=rng.randint(1, 4))  # signed 5 days or more before the application
    return f"{facts.signing_date.year}{rng.choice(('YB', 'BA', 'SPFBA'))}{rng.randint(10**6, 10**7 - 1)}", day


def seller_marks(facts: ContractFacts) -> list[tuple[int, str, str]]:
    """The seller's seal on the 签署页 and again at the end of the 补充协议 (a pasted seal only on the 签署页)."""
    if not facts.sealed:
        return []
    marks = [(signing_page(facts), facts.seller.name, "round")]
    if not facts.pasted_seal:
        marks.append((facts.pages_declared, facts.seller.name, "round"))
    return marks


def bureau_marks(facts: ContractFacts) -> list[tuple[int, str, str]]:
    """The bureau's 合同备案专用章 on page 1, there whatever the seller did."""
    return [(1, bureau(facts), "round")]


class _Pages:
    """Numbered 16开 pages: 第 i 页 共 n 页 at every foot, straight through."""

    def __init__(self, t: Typesetter) -> None:
        self.t, self.page = t, 1

    def finish(self) -> None:
        t, f = self.t, self.t.f
        t.pen.text(t.pen.w_mm / 2, t.pen.h_mm - 10, f.style.footer.format(i=self.page, n=f.pages_declared),
                   f.style.size - 1.5, align="center")
        t.pen.c.showPage()
        self.page += 1
        t.y = t.top

    def flow(self, text: str, *, last: int, reserve: float = 0.0, indent: bool = True) -> bool:
        """A paragraph from the current y, going on to the next page while pages up to ``last`` remain (on
        ``last`` keeping ``reserve`` mm free); False when it no longer fits."""
        t = self.t
        while True:
            lines = t.pen.wrap(("\u3000\u3000" if indent else "") + text, t.s.size, t.right - t.left)
            room = t.bottom - (reserve if self.page == last else 0.0)
            if t.y + t.line_h * len(lines) <= room:
                for line in lines:
                    t.y += t.line_h
                    t.pen.text(t.left, t.y, line, t.s.size)
                t.y += t.line_h * 0.25
                return True
            if self.page >= last:
                return False
            self.finish()


def _room_for(t: Typesetter, first: str) -> bool:
    """Whether a chapter heading and its first article still fit on the page."""
    lines = t.pen.wrap("\u3000\u3000" + first, t.s.size, t.right - t.left)
    return t.y + t.line_h * (2.2 + len(lines)) <= t.bottom


def _front(t: Typesetter, book: _Pages, last: int) -> None:
    """Page 1's head (filing block, number, title), the parties and the developer's first ten articles."""
    f, pen, rng = t.f, t.pen, t.rng
    number, filed = filing(f)
    x0, y0 = t.left, t.top - 8
    pen.text(x0, y0, f"合同备案号：{number}", 8.8)
    pen.text(x0, y0 + 5, f"备案时间：{date_text(filed, rng.choice(('iso', 'cn')))}", 8.8)
    pen.text(t.right, y0, f"合同编号：{f.number}", 9, align="right")
    # the bureau stamps the filed copy whatever the seller did
    mark = other_make(random.Random(f"bureau:{f.number}"), bureau(f), bottom="合同备案专用章")
    mark = replace(mark, color=(rng.randint(205, 230), rng.randint(30, 56), rng.randint(30, 50)), fade=0.0)
    press(pen, rng, mark, center=(x0 + rng.uniform(18, 30), y0 + rng.uniform(-2, 4)), width_mm=rng.uniform(36, 40))
    pen.text(pen.w_mm / 2, t.top + 16, "商品房买卖合同", 19, bold=True, align="center", spacing=1.2)
    pen.text(pen.w_mm / 2, t.top + 24, "（预售）" if f.style.presale else "（现售）", 11, align="center")
    t.y = t.top + 30
    s = f.seller
    t.heading("第一章　合同当事人")
    for line in (f"出卖人：{s.name}", f"统一社会信用代码：{s.uscc}", f"法定代表人：{s.legal_rep}　联系电话：{s.phone}",
                 f"通讯地址：{s.address}"):
        book.flow(line, last=last, indent=False)
    for k, (name, idno) in enumerate(f.buyers):
        label = "买受人" if k == 0 else "共同买受人"
        book.flow(f"{label}：{name}　证件类型：居民身份证　证件号码：{idno}", last=last, indent=False)
    book.flow(f"买受人通讯地址：{f.buyer_address}　联系电话：{f.buyer_phone}", last=last, indent=False)
    region = s.region
    licence = f"{region.short_city[:1]}房预售证第{rng.randint(2020, 2026)}{rng.randint(100, 999)}号"
    commas = rng.random() < 0.5
    loan = f.total_price - f.down_payment
    articles = [
        ("第二章　商品房基本状况", (
            f"第一条　项目建设依据。出卖人以出让方式取得{region.prefix}{rng.choice(region.streets)}地块的国有建设用地使用权，"
            f"经批准建设的商品房项目核准名称为{f.project}。",
            f"第二条　销售依据。该商品房{'已取得预售许可，预售许可证号为' + licence if f.style.presale else '已竣工验收并办理备案'}。",
            f"第三条　商品房基本情况。该商品房坐落于{f.property_address}，规划用途为住宅，主体结构为钢筋混凝土结构。",
            f"第四条　商品房面积。该商品房合同约定建筑面积共{f.floor_area:.2f}平方米，其中套内建筑面积"
            f"{f.inner_area:.2f}平方米，分摊共有建筑面积{f.floor_area - f.inner_area:.2f}平方米。",
            "第五条　抵押情况。与该商品房有关的抵押情况为：未抵押。")),
        ("第三章　商品房价款", (
            f"第六条　计价方式与价款。出卖人与买受人按照建筑面积计算该商品房价款，单价为每平方米人民币"
            f"{money(f.unit_price, commas=commas)}元，总价款为人民币（大写）{f.price_words}"
            f"（小写）¥{money(f.total_price, commas=commas)}元。",
            f"第七条　付款方式及期限。买受人采取贷款方式付款：首期房价款人民币{money(f.down_payment, commas=commas)}元，"
            f"于本合同签订当日支付；余款人民币{money(loan, commas=commas)}元由买受人向贷款机构申请个人住房贷款支付。",
            "第八条　逾期付款责任。除不可抗力外，买受人未按照约定时间付款的，自约定的应付款期限届满之次日起至实际支付"
            "应付款之日止，按日计算向出卖人支付逾期应付款万分之五的违约金。",
            "第九条　商品房价款的监管。该商品房的预售资金按照规定存入监管账户，由监管机构实施监管。",
            "第十条　税费。因该商品房买卖发生的税费，由双方按照国家的有关规定各自承担。")),
    ]
    for heading, paras in articles:
        if not _room_for(t, paras[0]) and book.page < last:  # a heading goes over with its first article
            book.finish()
        t.heading(heading)
        for para in paras:
            book.flow(para, last=last)


def contract_filed_supplement(t0: Typesetter, book0: object) -> SealSpot:
    """The filed 16开 contract: filing block and bureau seal, articles, 附件, 签署页, then the 补充协议."""
    del book0
    size = (PAGE_MM[0] * MM, PAGE_MM[1] * MM)
    t0.pen.c.setPageSize(size)
    t = Typesetter(t0.f, Pen(t0.pen.c, t0.f.style.face, size), t0.rng)
    t.left, t.right = t.left - 3, t.right + 3
    t.top, t.bottom = t.top - 4, t.bottom + 2
    t.y = t.top
    f, rng = t.f, t.rng
    n, m = f.pages_declared, signing_page(f)
    book = _Pages(t)
    _front(t, book, m - 1)
    values = {"seller": f.seller.name, "city": f.seller.region.short_city, "project": f.project,
              "delivery": cn_date(f.delivery_date), "days": rng.choice((30, 60, 90)), "rate": rng.choice((3, 4, 5)),
              "grace": rng.choice((7, 10, 15)), "months": rng.choice((3, 6)), "pages": n,
              "court": f"{f.seller.region.district}人民法院"}
    done = False
    for heading, paras in CHAPTERS:
        if not _room_for(t, paras[0].format(**values)):  # a heading goes over with its first article, or not at all
            if book.page >= m - 1:
                break
            book.finish()
        t.heading(heading)
        for para in paras:
            if not book.flow(para.format(**values), last=m - 1):
                done = True
                break
        if done:
            break
    book.finish()
    which = rng.randint(0, 2)
    while book.page < m:  # the articles ended early: the 附件 fill the pages before the 签署页
        appendix(t, which % 3)
        which += 1
        book.finish()
    spot = _signing_page(t, book)
    _supplement(t, book)
    return spot


def _sign_block(t: Typesetter, y: float, seller_label: str, buyer_label: str, day: str) -> tuple[float, float, float]:
    """出卖人 and 买受人 signing lines from y; return the seal's centre and the y under the block."""
    f, pen, rng = t.f, t.pen, t.rng
    size = t.s.size
    w = pen.text(t.left, y, seller_label, size + 0.5)
    pen.text(t.left + w, y, f.seller.name, size + 0.5, max_width=t.right - t.left - w)
    name_w = min(pen.width(f.seller.name, size + 0.5), t.right - t.left - w)
    cx, cy = t.left + w + name_w * rng.uniform(0.35, 0.65), y - rng.uniform(-4, 6)
    pen.text(t.left, y + 12, "法定代表人（签字）：", size)
    sig = signature(f.seller.legal_rep, rng)
    pen.image(sig, t.left + pen.width("法定代表人（签字）：", size) + 2, y + 4, min(sig.width / sig.height * 10, 40), 10)
    pen.text(t.left, y + 22, f"签订日期：{day}", size)
    yb = y + 40
    pen.text(t.left, yb, buyer_label, size + 0.5)
    x = t.left + pen.width(buyer_label, size + 0.5) + 2
    for name, _ in f.buyers:
        sig = signature(name, rng)
        width = min(sig.width / sig.height * 11, 38)
        pen.image(sig, x, yb - 9, width, 11)
        x += width + 4
    pen.text(t.left, yb + 12, f"签订日期：{day}", size)
    return cx, cy, yb + 16


def _signing_page(t: Typesetter, book: _Pages) -> SealSpot:
    f, pen, rng = t.f, t.pen, t.rng
    pen.text(pen.w_mm / 2, t.top + 8, "签　署　页", 15, bold=True, align="center")
    pen.text(pen.w_mm / 2, t.top + 15, "（本页无正文，为《商品房买卖合同》之签署页）", 9.5, align="center")
    day = date_text(f.signing_date, rng.choice(("cn", "cn_padded")))
    cx, cy, _ = _sign_block(t, t.top + 40, "出卖人（盖章）：", "买受人（签字）：", day)
    spot = SealSpot(book.page, cx / pen.w_mm, cy / pen.h_mm, rng.uniform(38, 41))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        mark = replace(mark, color=(rng.randint(214, 236), rng.randint(40, 70), rng.randint(30, 48)), star=True)
        press(pen, rng, mark, center=(cx, cy), width_mm=spot.width_mm)
    book.finish()
    return spot


_TERMS = (
    "乙方所购商品房总价款为人民币（大写）{words}（小写）¥{price}元，付款方式以主合同约定为准。",
    "乙方选择以按揭贷款方式支付房价款的，应在主合同签订之日起十五日内向贷款银行提交全部贷款申请资料；因乙方原因"
    "未获贷款批准的，乙方应在接到通知之日起三十日内以其他方式付清余款。",
    "该商品房实测面积与合同约定面积的差异，按主合同第五章的约定处理，差价款在办理交付手续时一并结清。",
    "甲方应于{delivery}前将该商品房交付乙方；因不可抗力或政府行为造成延期的，交付日期相应顺延。",
    "乙方应按甲方书面通知的时间办理交付手续；乙方逾期未办理的，视为甲方已按约交付，此后的物业服务费由乙方承担。",
    "该商品房的装修标准以主合同附件约定为准，样板间展示内容仅供参考，不作为交付标准。",
    "甲方应在该商品房交付使用之日起三百六十五日内协助乙方办理不动产权属登记，登记所需税费由双方按规定各自承担。",
    "乙方同意甲方依法选聘的前期物业服务企业提供物业服务，并签署前期物业服务合同及临时管理规约。",
    "本补充协议履行中发生争议的，双方协商解决；协商不成的，依法向该商品房所在地人民法院提起诉讼。",
)
_CLOSING = ("本补充协议与主合同不一致的，以本补充协议为准；本补充协议未约定的，按主合同执行。本补充协议一式四份，"
            "自甲方盖章、乙方签字之日起生效，与主合同具有同等法律效力。")


def _supplement(t: Typesetter, book: _Pages) -> None:
    """The developer's 补充协议 on the last page or two, its own signing block sealed again."""
    f, pen, rng = t.f, t.pen, t.rng
    n = f.pages_declared
    pen.text(pen.w_mm / 2, t.top + 6, rng.choice(("补　充　协　议", "《商品房买卖合同》补充协议")), 15, bold=True,
             align="center")
    t.y = t.top + 12
    names = "、".join(name for name, _ in f.buyers)
    book.flow(f"出卖人（甲方）：{f.seller.name}", last=n, indent=False)
    book.flow(f"买受人（乙方）：{names}", last=n, indent=False)
    day = date_text(f.signing_date, "cn")
    book.flow(f"鉴于甲、乙双方于{day}签订了编号为{f.number}的《商品房买卖合同》（以下简称“主合同”），乙方购买甲方开发的"
              f"位于{f.property_address}的商品房。经双方平等协商，就主合同未尽事宜达成如下补充协议：", last=n)
    commas = rng.random() < 0.5
    values = {"words": f.price_words, "price": money(f.total_price, commas=commas), "delivery": cn_date(f.delivery_date)}
    k = 1
    for term in _TERMS:  # as many terms as the pages leave room for, the closing term after them
        if not book.flow(f"{numerals(k)}、{term.format(**values)}", last=n, reserve=_SIGN_H + t.line_h * 4):
            break
        k += 1
    book.flow(f"{numerals(k)}、{_CLOSING}", last=n, reserve=_SIGN_H)
    while book.page < n:  # a short 补充协议 on two pages: its signing block stands on the last
        book.finish()
    y = max(t.y + 14, t.top + 10)
    cx, cy, _ = _sign_block(t, y, "甲方（出卖人）（盖章）：", "乙方（买受人）（签字）：",
                            date_text(f.signing_date, rng.choice(("cn", "cn_padded", "dot"))))
    if f.sealed and not f.pasted_seal:
        mark = other_make(rng, f.seller.name, bottom=rng.choice(("", "合同专用章")))
        mark = replace(mark, color=(rng.randint(214, 236), rng.randint(40, 70), rng.randint(30, 48)), star=True)
        press(pen, rng, mark, center=(cx, cy), width_mm=rng.uniform(38, 41))
    book.finish()


# ------------------------------------------------------------------ license_laminated_scan
def _raster(pdf: bytes, dpi: float) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / 72.0).to_pil().convert("RGB")
    finally:
        document.close()


def _rounded(h: int, w: int, r: float) -> np.ndarray:
    """A mask of a rectangle with rounded corners (1 inside)."""
    mask = np.zeros((h, w), np.uint8)
    ri = int(r)
    cv2.rectangle(mask, (ri, 0), (w - 1 - ri, h - 1), 1, -1)
    cv2.rectangle(mask, (0, ri), (w - 1, h - 1 - ri), 1, -1)
    for cx, cy in ((ri, ri), (w - 1 - ri, ri), (ri, h - 1 - ri), (w - 1 - ri, h - 1 - ri)):
        cv2.circle(mask, (cx, cy), ri, 1, -1)
    return mask.astype(np.float32)


def render_laminated(facts: LicenseFacts, rng: random.Random, *, when: datetime) -> bytes:
    """The laminated 副本 on the flatbed: film border, rim, gloss, Newton rings, bubbles; a picture-only PDF."""
    dpi = 200
    px = dpi / 25.4
    sheet = np.asarray(_raster(render_license(replace(facts, copy=True), rng, when=when), dpi), dtype=np.float32)
    sh, sw = sheet.shape[:2]
    border = rng.uniform(3.0, 5.0) * px
    fw, fh = int(sw + 2 * border), int(sh + 2 * border)
    bed_w, bed_h = int(216 * px), int(297 * px)
    lid = rng.uniform(222, 236)
    bed = np.full((bed_h, bed_w, 3), lid, np.float32) * np.array([1.0, 1.0, rng.uniform(0.98, 1.0)], np.float32)
    # the pouch: the paper inside, the clear film round it (the lid seen through, a shade darker and greener)
    pouch = np.full((fh, fw, 3), lid, np.float32) * np.array([0.95, 0.965, 0.95], np.float32)
    b = int(border)
    pouch[b : b + sh, b : b + sw] = sheet * np.array([0.985, 0.975, 0.95], np.float32) + 10.0  # gloss lifts blacks
    film = _rounded(fh, fw, rng.uniform(2.5, 4.0) * px)
    rim = film - cv2.erode(film, np.ones((5, 5), np.uint8))
    pouch = pouch * (1 - 0.22 * rim[..., None])
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    for _ in range(rng.randint(1, 2)):  # Newton rings where the film lies on the glass
        cx, cy, radius = rng.uniform(0.15, 0.85) * fw, rng.uniform(0.1, 0.9) * fh, rng.uniform(12, 32) * px
        d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
        fall = np.clip(1 - d / radius, 0, 1) ** 1.5
        phase = (d / px) ** 2 * rng.uniform(0.05, 0.09)
        for c, shift in enumerate((0.0, 2.1, 4.2)):
            pouch[..., c] += 9.0 * fall * np.cos(phase + shift)
    for _ in range(rng.randint(2, 6)):  # air trapped in the pouch: a pale blister with a darker edge
        cx, cy = int(rng.uniform(0.05, 0.95) * fw), int(rng.uniform(0.05, 0.95) * fh)
        r = int(rng.uniform(1.2, 4.0) * px)
        blob = np.zeros((fh, fw), np.float32)
        cv2.ellipse(blob, (cx, cy), (r, int(r * rng.uniform(0.5, 1.0))), rng.uniform(0, 180), 0, 360, 1.0, -1)
        edge = blob - cv2.erode(blob, np.ones((3, 3), np.uint8))
        blob = cv2.GaussianBlur(blob, (0, 0), 2.0)
        pouch = pouch + (255 - pouch) * 0.35 * blob[..., None] - 30 * edge[..., None]
    sheen = smooth_noise(fh, fw, cells=3, nrng=np_rng(rng))
    pouch = pouch + (255 - pouch) * (0.05 * sheen)[..., None]
    angle = rng.uniform(-0.9, 0.9)
    x0, y0 = rng.uniform(0.5, 3.0) * px, rng.uniform(0.5, 2.5) * px
    m = cv2.getRotationMatrix2D((fw / 2, fh / 2), angle, 1.0)
    m[0, 2] += x0
    m[1, 2] += y0
    warped = cv2.warpAffine(pouch, m, (bed_w, bed_h), flags=cv2.INTER_LINEAR)
    alpha = cv2.warpAffine(film, m, (bed_w, bed_h), flags=cv2.INTER_LINEAR)[..., None]
    scan = bed * (1 - alpha) + warped * alpha
    lamp = 0.97 + 0.04 * smooth_noise(bed_h, bed_w, cells=4, nrng=np_rng(rng))
    scan = cv2.GaussianBlur(scan * lamp[..., None], (0, 0), rng.uniform(0.5, 0.8))
    scan = scan + np_rng(rng).normal(0, 1.8, scan.shape).astype(np.float32)
    img = Image.fromarray(np.clip(scan, 0, 255).astype(np.uint8), "RGB")
    buffer = io.BytesIO()
    glass = (216 * MM, 297 * MM)  # the scanner's glass, a little wider than A4
    pdf = new_canvas(buffer, page_pt=glass, when=when, producer=rng.choice(("EPSON Scan 2", "Canon MF Scan Utility",
                                                                          "HP Scan", "Adobe PSL 1.3e for Canon")))
    jpeg = io.BytesIO()
    img.save(jpeg, format="JPEG", quality=rng.randint(80, 90), subsampling=2, optimize=True)
    jpeg.seek(0)
    pdf.drawImage(ImageReader(jpeg), 0, 0, width=glass[0], height=glass[1])  # the scanner's own JPEG page
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()

