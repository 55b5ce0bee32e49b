"""Fifteenth-batch income-proof and ID-card families (templates.py): an employer's folded two-column table letter and
a bank's 身份证复印件粘贴单 with the copies glued on.

`letter_folded_table`: a company's 收入证明 typed as a two-column label/value table in its own wording (员工姓名,
公民身份号码, 任职单位, 任职起始日, 现任岗位, 月均税前收入（小写）/（大写）, 收入构成, 单位联系电话), the firm's name
over a rule as letterhead, 致：…银行 and one line of lead-in, a liability declaration, 证明人（签字） with a handwritten
signature on a line and the company's seal pressed across that line (over the signature, the name and the date), the
date as 2026年3月5日 or 2026-03-05; the letter was folded in three for its envelope, so two creases cross the page
with a shade on one side of each and the middle panel a little greyer.
`id_bank_paste_form`: the bank's pre-printed 居民身份证复印件粘贴单: the bank's name and 表号, 客户姓名 and 业务种类
filled in by hand, two dashed boxes 人像面粘贴处 / 国徽面粘贴处 with a grey photocopy of each side cut out and glued in,
a little turned, then the customer's own hand-written line 仅供…银行办理个人住房贷款使用，他用无效, 客户签名 and the
date, and an 经办人 strip at the foot. A side handed in alone sits in its box with the other box left empty.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from . import fonts
from .contract_pdf import signature
from .family_kit import date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import A4_PT, MM, Pen, new_canvas, random_typeface
from .seal import other_make

PASTE_FORM = "id_bank_paste_form"
FOLDED = "letter_folded_table"
RULE = (0.1, 0.1, 0.1)
_INCOME_PARTS = ("基本工资、岗位津贴、绩效奖金", "基本工资、绩效工资", "岗位工资、薪级工资、绩效工资、津贴补贴",
                 "固定工资及月度绩效")


# ------------------------------------------------------------------ letter_folded_table
def _creases(pen: Pen, rng: random.Random) -> None:
    """Two creases of a letter folded in three: the middle panel a shade greyer, a soft shadow beside each crease."""
    c = pen.c
    first = pen.h_mm / 3 + rng.uniform(-6, 6)
    second = pen.h_mm * 2 / 3 + rng.uniform(-6, 6)
    c.saveState()
    c.setFillColorRGB(0.35, 0.35, 0.38)
    c.setFillAlpha(rng.uniform(0.025, 0.045))
    c.rect(0, (pen.h_mm - second) * MM, pen.w_mm * MM, (second - first) * MM, stroke=0, fill=1)
    for y, side in ((first, 1), (second, -1)):
        for k in range(8):  # the shade fades away from the crease
            c.setFillAlpha(0.06 * (1 - k / 8))
            band = 0.7
            top = y + side * k * band if side > 0 else y - (k + 1) * band
            c.rect(0, (pen.h_mm - top - band) * MM, pen.w_mm * MM, band * MM, stroke=0, fill=1)
        c.setStrokeColorRGB(0.55, 0.55, 0.58)
        c.setStrokeAlpha(0.5)
        c.setLineWidth(0.5)
        tilt = rng.uniform(-1.2, 1.2)
        c.line(0, (pen.h_mm - y) * MM, pen.w_mm * MM, (pen.h_mm - y - tilt) * MM)
    c.restoreState()


def render_folded_table(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入证明 as a two-column label/value table, the seal across the signature line, folded in three."""
    buffer = io.BytesIO()
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=A4_PT, when=when, producer=rng.choice(("Microsoft® Word 2019", "WPS 文字")),
                        title="收入证明")
    pen = Pen(canvas, random_typeface(rng), A4_PT)
    left, right = rng.uniform(22, 28), pen.w_mm - rng.uniform(22, 28)
    span = right - left
    ink = rng.choice(((0.12, 0.22, 0.48), (0.1, 0.1, 0.1), (0.4, 0.1, 0.1)))
    pen.text(pen.w_mm / 2, 22, facts.employer, 15, bold=True, align="center", color=ink, max_width=span)
    pen.line(left, 26, right, 26, width=1.4, color=ink)
    pen.line(left, 27.2, right, 27.2, width=0.4, color=ink)
    title = rng.choice(("收入证明", "员工收入证明", "在职及收入情况证明"))
    pen.text(pen.w_mm / 2, 42, title, 20, bold=True, align="center", spacing=2.0)
    size = rng.uniform(10.6, 11.6)
    bank = rng.choice(BANKS)
    pen.text(left, 54, f"致：{bank}{rng.choice(('', '个人贷款中心', '住房金融部'))}：", size)
    pen.text(left, 62, "　　兹证明下列人员为我单位在职员工，其任职及收入情况如下：", size, max_width=span)
    start = date_text(facts.employment_start, rng.choice(("cn", "iso", "cn_padded")))
    money = f"{facts.monthly_income:,.2f}" if rng.random() < 0.6 else f"{facts.monthly_income:.2f}"
    rows = [("员工姓名", facts.name), ("性　　别", facts.sex), ("公民身份号码", facts.id_number),
            ("任职单位", facts.employer), ("任职起始日", start), ("现任岗位", facts.position),
            ("月均税前收入（小写）", f"¥{money}元" if rng.random() < 0.5 else f"{money}元"),
            ("月均税前收入（大写）", f"人民币{facts.amount_in_words}"), ("收入构成", rng.choice(_INCOME_PARTS)),
            ("单位联系电话", facts.employer_phone)]
    if rng.random() < 0.5:  # some units give the pay before the post
        rows[5], rows[6], rows[7] = rows[6], rows[7], rows[5]
    lab_w = span * rng.uniform(0.3, 0.34)
    rh = rng.uniform(9.5, 10.5)
    y = 68.0
    for label, value in rows:
        pen.rect(left, y, lab_w, rh, stroke=RULE, width=0.5)
        pen.rect(left + lab_w, y, span - lab_w, rh, stroke=RULE, width=0.5)
        pen.text(left + lab_w / 2, y + rh * 0.66, label, size - 0.6, align="center", max_width=lab_w - 3)
        pen.text(left + lab_w + 4, y + rh * 0.66, value, size, max_width=span - lab_w - 8)
        y += rh
    pen.rect(left, 68, span, y - 68, stroke=RULE, width=1.3)
    y += 9
    text = ("　　本单位保证上述信息真实有效，如有虚假，本单位愿承担由此引起的一切法律责任。"
            "本证明仅供贵行办理个人住房贷款审核使用，有效期三个月。")
    for line in pen.wrap(text, size, span):
        pen.text(left, y, line, size)
        y += size * 0.62
    y += 10
    pen.text(left, y, "证明人（签字）：", size)
    line_x = left + pen.width("证明人（签字）：", size)
    pen.line(line_x, y + 1.2, line_x + 48, y + 1.2, width=0.5)
    hr = rng.choice(("王", "李", "赵", "孙", "周", "吴")) + rng.choice(("晓梅", "建军", "丽华", "志强", "婷"))
    sig = signature(hr, rng)
    pen.image(sig, line_x + 4, y - 9, min(sig.width / sig.height * 10, 40), 10)
    pen.text(left, y + 8, f"职　　务：人力资源部{rng.choice(('经理', '主管', '负责人'))}", size - 0.6)
    sx = right - span * 0.26
    pen.text(sx, y + 18, "单位（盖章）：", size, align="center")
    name_w = pen.text(sx, y + 27, facts.employer, size, align="center", max_width=span * 0.48)
    pen.text(sx, y + 35, date_text(facts.issue_date, rng.choice(("cn", "iso"))), size, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "人事专用章")))
        mark = replace(mark, ring=rng.choice((0.03, 0.05)), inner=rng.random() < 0.4)
        # across the signature line and down over the unit's name and date
        cx = line_x + 48 + (sx - name_w / 2 - line_x - 48) * rng.uniform(0.2, 0.8)
        press(pen, rng, mark, center=(cx, y + rng.uniform(8, 16)), width_mm=rng.uniform(39, 43))
    _creases(pen, rng)
    pen.c.showPage()
    pen.c.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ id_bank_paste_form
def _hand(text: str, rng: random.Random, height_px: int) -> Image.Image:
    """A line written by hand: an uneven, slanted rendering in blue-black ballpoint ink."""
    face = rng.choice(("serif", "wqy", "sans"))
    fnt = fonts.font(face, height_px)
    width = int(fnt.getlength(text)) + height_px * 2
    img = Image.new("L", (width, int(height_px * 1.8)), 0)
    draw = ImageDraw.Draw(img)
    x = height_px * 0.5
    for ch in text:  # every character its own size and height, as a pen writes
        f = fonts.font(face, int(height_px * rng.uniform(0.88, 1.08)))
        draw.text((x, height_px * 0.3 + rng.uniform(-0.08, 0.08) * height_px), ch, font=f, fill=255)
        x += f.getlength(ch) * rng.uniform(0.9, 1.02)
    img = img.crop((0, 0, int(x + height_px * 0.5), img.height))
    shear = rng.uniform(0.12, 0.25)
    img = img.transform(img.size, Image.Transform.AFFINE, (1, shear, -shear * height_px, 0, 1, 0),
                        Image.Resampling.BICUBIC)
    img = img.rotate(rng.uniform(-2.5, 2.5), resample=Image.Resampling.BICUBIC, expand=True)
    img = img.filter(ImageFilter.GaussianBlur(0.5))
    ink = Image.new("RGBA", img.size, (rng.randint(10, 40), rng.randint(30, 60), rng.randint(110, 160), 0))
    ink.putalpha(img)
    return ink


def _copy_slip(art: Image.Image, rng: random.Random, px_mm: float) -> Image.Image:
    """One card side photocopied in grey and cut out with a margin of copy paper round it."""
    card = art.convert("RGBA").resize((int(85.6 * px_mm), int(54 * px_mm)), Image.Resampling.LANCZOS)
    margin = int(rng.uniform(3, 7) * px_mm)
    slip = Image.new("RGB", (card.width + 2 * margin, card.height + 2 * margin), (238, 238, 236))
    slip.paste(card, (margin, margin), card)
    grey = ImageOps.autocontrast(slip.convert("L"), cutoff=1)
    grey = grey.point(lambda v: int(18 + v * 0.88))  # toner never quite black, copy paper never quite white
    edge = ImageDraw.Draw(grey)
    edge.rounded_rectangle((margin, margin, margin + card.width, margin + card.height), radius=int(3 * px_mm),
                           outline=70, width=max(1, int(0.3 * px_mm)))
    out = grey.convert("RGBA")
    return out.rotate(rng.uniform(-2.5, 2.5), resample=Image.Resampling.BICUBIC, expand=True)


def paste_form_page(sides: dict[str, Image.Image], name: str, signed: date, look: random.Random,
                    rng: random.Random, *, dpi: int) -> Image.Image:
    """The bank's 粘贴单 on portrait A4 with each side handed in glued into its box (``look`` picks the bank)."""
    px = dpi / 25.4
    w, h = int(210 * px), int(297 * px)
    page = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    bank = look.choice(BANKS)
    title = look.choice(("居民身份证复印件粘贴单", "身份证件复印件粘贴处", "个人客户身份证明文件粘贴单"))
    colour = look.choice(((20, 60, 130), (150, 20, 30), (20, 100, 80)))

    def put(x_mm: float, y_mm: float, text: str, size_mm: float, *, face: str = "sans",
            fill: tuple[int, int, int] = (20, 20, 20),
            anchor: str = "la") -> None:
        draw.text((x_mm * px, y_mm * px), text, font=fonts.font(face, int(size_mm * px)), fill=fill, anchor=anchor)

    put(20, 14, bank, 5.2, face="sans_bold", fill=colour)
    put(190, 15, f"表号：{look.choice(('GR', 'DK', 'SX'))}-{look.randint(1, 30):02d}", 2.8, fill=colour, anchor="ra")
    draw.line((20 * px, 22 * px, 190 * px, 22 * px), fill=colour, width=max(1, int(0.6 * px)))
    put(105, 27, title, 6.4, face="sans_bold", anchor="ma")
    put(20, 42, "客户姓名：", 3.6)
    draw.line((40 * px, 47 * px, 90 * px, 47 * px), fill=(60, 60, 60), width=max(1, int(0.25 * px)))
    written = _hand(name, rng, int(5 * px))
    page.paste(written, (int(44 * px), int(38 * px)), written)
    put(105, 42, "业务种类：", 3.6)
    draw.line((125 * px, 47 * px, 190 * px, 47 * px), fill=(60, 60, 60), width=max(1, int(0.25 * px)))
    kind = _hand("个人住房贷款", rng, int(4.6 * px))
    page.paste(kind, (int(128 * px), int(38.5 * px)), kind)
    labels = {"front": "身份证人像面粘贴处", "back": "身份证国徽面粘贴处"}
    for k, side in enumerate(("front", "back")):
        x0, y0, bw, bh = 45.0, 56.0 + k * 86, 120.0, 78.0
        step = 2.4
        for s in range(int(bw / step)):  # the dashed cutting frame
            xa = (x0 + s * step) * px
            if s % 2 == 0:
                for yy in (y0, y0 + bh):
                    draw.line((xa, yy * px, xa + step * px, yy * px), fill=(120, 120, 120), width=max(1, int(0.3 * px)))
        for s in range(int(bh / step)):
            ya = (y0 + s * step) * px
            if s % 2 == 0:
                for xx in (x0, x0 + bw):
                    draw.line((xx * px, ya, xx * px, ya + step * px), fill=(120, 120, 120), width=max(1, int(0.3 * px)))
        put(x0 + bw / 2, y0 + bh / 2 - 2, labels[side], 4.2, fill=(200, 200, 200), anchor="mm")
        if side in sides:
            slip = _copy_slip(sides[side], rng, px)
            sx = int((x0 + bw / 2) * px - slip.width / 2 + rng.uniform(-3, 3) * px)
            sy = int((y0 + bh / 2) * px - slip.height / 2 + rng.uniform(-2, 2) * px)
            shadow = Image.new("L", slip.size, 0)
            shadow.paste(150, (0, 0), slip.getchannel("A"))
            page.paste((175, 175, 175), (sx + int(0.6 * px), sy + int(0.8 * px)),
                       shadow.filter(ImageFilter.GaussianBlur(px * 0.5)))
            page.paste(slip, (sx, sy), slip)
    y = 232.0
    put(20, y, "用途声明（客户本人手写）：", 3.4)
    use = _hand(f"仅供{bank}办理个人住房贷款使用，他用无效", rng, int(5.2 * px))
    scale = min(1.0, 168 * px / use.width)
    use = use.resize((int(use.width * scale), int(use.height * scale)), Image.Resampling.LANCZOS)
    page.paste(use, (int(20 * px), int((y + 4) * px)), use)
    put(20, y + 24, "客户签名：", 3.6)
    sig = _hand(name, rng, int(6.2 * px))
    page.paste(sig, (int(40 * px), int((y + 19) * px)), sig)
    put(112, y + 24, "日期：", 3.6)
    day = _hand(date_text(signed, look.choice(("cn", "dot"))), rng, int(4.6 * px))
    page.paste(day, (int(124 * px), int((y + 19.5) * px)), day)
    draw.line((20 * px, 283 * px, 190 * px, 283 * px), fill=(140, 140, 140), width=max(1, int(0.25 * px)))
    put(20, 285, "以下由银行填写　　经办人：__________　　复核人：__________　　□已核对原件", 2.8, fill=(90, 90, 90))
    return page

