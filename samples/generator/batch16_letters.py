"""Sixteenth-batch income-proof and ID-card families (templates.py): a unit's 收入证明 on its A5 letter paper and the
ID card held in the hand and photographed on a dark desk.

`letter_a5_letterhead`: the 收入证明 printed on the unit's own 信笺 cut to A5 and used landscape (210 × 148 mm), as
many large employers and state-owned units keep it for short certificates: the unit's mark and its name in red at the
top left with its name in pinyin under it, a red double rule, the letter in prose — 兹证明…同志（性别…，公民身份号码…）
系我公司正式员工，自…起在我公司工作，现在…部担任…职务 —, the pay as 人民币12,345.00元 with thousands separators and
the 大写 in brackets, the year's pay 年收入约人民币… beside it, a purpose line and 特此证明; 经办人 with a handwritten
signature and the HR phone on the left, 单位负责人（签字） with a signature, the unit's name and a date (2026年3月5日,
2026.03.05 or 二〇二六年三月五日) on the right under the seal (pressed over the signature and the name, vermilion or
purple-red, some with 人事专用章); the letter paper's footer under a red rule with the unit's city, phone, fax and web address.
`id_hand_held_collage`: each side of the 居民身份证 held between thumb and fingers a little above a dark desk and
photographed by phone at an angle: the card turned and foreshortened, the thumb over one edge or corner (over the
portrait's edge on the front, beside the emblem on the back), fingertips showing past the card's other edge, a
flash hotspot on the laminate, light falling off towards the corners; both photos joined top to bottom into one long
picture by the phone's collage (拼图) function with a white seam, or one photo where a side comes alone.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import replace
from datetime import datetime

import cv2
import numpy as np
from PIL import Image

from .backgrounds import surface
from .contract_pdf import signature
from .family_kit import date_text, press
from .income_proof import BANKS, IncomeProofFacts
from .pdfkit import MM, Pen, new_canvas, random_typeface
from .people import _BRANDS
from .raster import np_rng
from .seal import other_make

A5_LETTER = "letter_a5_letterhead"
HAND_HELD = "id_hand_held_collage"
A5_LANDSCAPE_MM = (210.0, 148.0)
RED = (0.78, 0.1, 0.1)
_DEPARTMENTS = ("综合管理部", "人力资源部", "财务部", "技术研发部", "市场营销部", "工程管理部", "运营管理部", "客户服务中心")
_PINYIN = {"华创": "HUACHUANG", "恒信": "HENGXIN", "瑞丰": "RUIFENG", "博远": "BOYUAN", "中科": "ZHONGKE",
           "新元": "XINYUAN", "汇通": "HUITONG", "锦程": "JINCHENG", "天域": "TIANYU", "联合": "LIANHE",
           "正泰": "ZHENGTAI", "国泰": "GUOTAI", "星河": "XINGHE", "鼎盛": "DINGSHENG", "宏达": "HONGDA",
           "金桥": "JINQIAO", "明德": "MINGDE", "嘉禾": "JIAHE", "云帆": "YUNFAN", "启明": "QIMING",
           "安信": "ANXIN", "东方": "DONGFANG", "海纳": "HAINA", "卓越": "ZHUOYUE", "致远": "ZHIYUAN",
           "蓝海": "LANHAI"}


# ------------------------------------------------------------------ letter_a5_letterhead
def _brand(employer: str) -> str:
    return next((b for b in _BRANDS if b in employer), employer[2:4])


def _mark(pen: Pen, x: float, y: float, size: float, brand: str) -> None:
    """The unit's mark: a red disc with a white ring cut through it and the brand's first character."""
    c = pen.c
    cx, cy = (x + size / 2) * MM, (pen.h_mm - y - size / 2) * MM
    c.saveState()
    c.setFillColorRGB(*RED)
    c.circle(cx, cy, size / 2 * MM, stroke=0, fill=1)
    c.setStrokeColorRGB(1, 1, 1)
    c.setLineWidth(size * 0.06 * MM)
    c.circle(cx, cy, size * 0.36 * MM, stroke=1, fill=0)
    c.restoreState()
    pen.text(x + size / 2, y + size * 0.68, brand[0], size * 1.3, bold=True, align="center", color=(1, 1, 1))


def render_a5_letterhead(facts: IncomeProofFacts, rng: random.Random) -> bytes:
    """收入证明 in prose on the unit's A5 landscape letter paper, the seal over the signature and the unit's name."""
    buffer = io.BytesIO()
    page = (A5_LANDSCAPE_MM[0] * MM, A5_LANDSCAPE_MM[1] * MM)
    when = datetime.combine(facts.issue_date, datetime.min.time()).replace(hour=rng.randint(9, 17))
    canvas = new_canvas(buffer, page_pt=page, when=when, producer=rng.choice(("Microsoft® Word 2016", "WPS 文字")),
                        title="收入证明")
    pen = Pen(canvas, random_typeface(rng), page)
    left, right = rng.uniform(15, 19), pen.w_mm - rng.uniform(15, 19)
    span = right - left
    brand = _brand(facts.employer)
    _mark(pen, left, 8, 11, brand)
    pen.text(left + 14, 14.5, facts.employer, 13.5, bold=True, color=RED, max_width=span * 0.7)
    latin = f"{_PINYIN.get(brand, 'HUAXIN')} {rng.choice(('CO., LTD.', 'GROUP CO., LTD.', 'CORPORATION'))}"
    pen.text(left + 14, 19.5, latin, 6.6, color=RED, spacing=0.35)
    pen.line(left, 23, right, 23, width=1.5, color=RED)
    pen.line(left, 24.2, right, 24.2, width=0.45, color=RED)
    pen.text(pen.w_mm / 2, 34, rng.choice(("收 入 证 明", "收入证明", "工资收入证明")), 16, bold=True, align="center",
             spacing=1.0)
    size = rng.uniform(9.8, 10.6)
    lead = size * 0.58
    bank = rng.choice(BANKS)
    y = 43.0
    pen.text(left, y, f"{bank}{rng.choice(('', '个人信贷部', '住房金融中心'))}：", size)
    amount = f"{facts.monthly_income:,.2f}"
    annual = f"{facts.monthly_income * 12:,.2f}"
    spaced = rng.random() < 0.5
    pay = f"人民币 {amount} 元" if spaced else f"人民币{amount}元"
    start = date_text(facts.employment_start, rng.choice(("cn", "cn_padded")))
    dept = rng.choice(_DEPARTMENTS)
    paragraphs = [
        f"兹证明{facts.name}同志（性别：{facts.sex}，公民身份号码：{facts.id_number}）系我公司正式员工，自{start}起在我公司"
        f"工作，现在{dept}担任{facts.position}职务。",
        f"该同志近十二个月月均税前收入为{pay}（大写：人民币{facts.amount_in_words}），年收入约人民币{annual}元，"
        f"由{rng.choice(('基本工资、岗位工资及绩效奖金', '岗位工资、绩效工资和津贴补贴', '基本工资和绩效奖金'))}构成，按月以银行转账方式发放。",
        "本证明仅供该同志向贵行申请个人住房贷款使用，不作为我公司对该同志债务提供担保的依据。",
        "特此证明。",
    ]
    y += 2
    for text in paragraphs:
        for line in pen.wrap("\u3000\u3000" + text, size, span):
            y += lead
            pen.text(left, y, line, size)
        y += 0.8
    y = max(y + 9, 102.0)
    handler = rng.choice(("王", "李", "刘", "陈", "杨", "黄")) + rng.choice(("静", "丽娟", "伟", "海燕", "磊", "敏"))
    pen.text(left, y, "经办人：", size - 0.4)
    sig = signature(handler, rng)
    pen.image(sig, left + 14, y - 7.5, min(sig.width / sig.height * 9, 30), 9)
    pen.text(left, y + 7, f"联系电话：{facts.employer_phone}", size - 0.4)
    sx = right - span * 0.24
    label_w = pen.text(sx - 30, y, "单位负责人（签字）：", size - 0.4)
    boss = rng.choice(("张", "赵", "周", "吴", "郑", "孙")) + rng.choice(("建国", "卫东", "志刚", "红梅", "立新", "明"))
    sig = signature(boss, rng)
    pen.image(sig, sx - 30 + label_w, y - 8, min(sig.width / sig.height * 10, 28), 10)
    name_w = pen.text(sx, y + 9, facts.employer, size, align="center", max_width=span * 0.45)
    day = date_text(facts.issue_date, rng.choice(("cn", "dot", "numerals")))
    pen.text(sx, y + 16, day, size, align="center")
    if facts.sealed:
        mark = other_make(rng, facts.seal_legend or facts.employer, bottom=rng.choice(("", "", "人事专用章")))
        mark = replace(mark, color=rng.choice(((220, 40, 38), (196, 36, 84), (206, 30, 60))), star=True,
                       ring=rng.choice((0.03, 0.045)))
        cx = sx - name_w / 2 + name_w * rng.uniform(0.2, 0.75)
        press(pen, rng, mark, center=(cx, y + rng.uniform(1, 8)), width_mm=rng.uniform(38, 41))
    fax = facts.employer_phone[:-4] + f"{(int(facts.employer_phone[-4:]) + rng.randint(1, 40)) % 10000:04d}"
    pen.line(left, pen.h_mm - 11, right, pen.h_mm - 11, width=0.6, color=RED)
    site = f"www.{_PINYIN.get(brand, 'huaxin').lower()}{rng.choice(('', 'group', 'tech'))}.com.cn"
    foot = f"地址：{facts.city}市　　电话：{facts.employer_phone}　　传真：{fax}　　网址：{site}"
    pen.text(pen.w_mm / 2, pen.h_mm - 6.5, foot, 6.8, align="center", color=RED, max_width=span)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ id_hand_held_collage
_PX_MM = 11.0  # card space: pixels per mm
_MARGIN = 60.0  # mm of room round the card for the hand (more than the photo shows)
# Where the thumb presses, per side: (tip x, tip y, the direction it comes from x, y), in card mm.
_THUMBS = {"front": ((81.0, 8.0, 1.0, -0.9), (79.0, 29.0, 1.0, 0.25)),
           "back": ((8.5, 31.0, -1.0, 0.25), (80.0, 5.0, 1.0, -0.9))}


def _capsule(yy: np.ndarray, xx: np.ndarray, a: tuple[float, float], b: tuple[float, float],
             radius: float) -> np.ndarray:
    """How deep each pixel lies inside a capsule from a to b (pixels): 1 on its axis, 0 at its edge and outside."""
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = np.clip(((xx - ax) * dx + (yy - ay) * dy) / max(dx * dx + dy * dy, 1e-6), 0, 1)
    dist = np.hypot(xx - (ax + t * dx), yy - (ay + t * dy))
    return np.clip((radius - dist) / radius, 0, 1)


def _skin(rng: random.Random) -> np.ndarray:
    return np.array([rng.uniform(0.78, 0.9), rng.uniform(0.58, 0.68), rng.uniform(0.47, 0.56)], np.float32)


def _hand_layers(side: str, rng: random.Random, h: int, w: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The thumb over the card and the fingers behind it: (thumb rgb, thumb alpha, fingers rgb, fingers alpha)."""
    tip_x, tip_y, dir_x, dir_y = rng.choice(_THUMBS[side])
    full = (w, h)
    h, w = h // 4, w // 4  # drawn at a quarter of the size (the hand is all soft shapes) and enlarged
    px, m = _PX_MM / 4, _MARGIN
    norm = math.hypot(dir_x, dir_y)
    ux, uy = -dir_x / norm, -dir_y / norm  # from the root towards the tip
    tip = ((tip_x + m) * px, (tip_y + m) * px)
    root = (tip[0] - ux * 110 * px, tip[1] - uy * 110 * px)  # the thumb runs on out of the picture
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    skin = _skin(rng)
    inside = _capsule(yy, xx, root, tip, 9.5 * px)
    thumb_a = np.clip(inside * 6, 0, 1)
    thumb = skin * (0.62 + 0.38 * np.sqrt(inside))[..., None]
    # the nail: a paler, glossier oval set back from the tip along the thumb
    centre = (tip[0] - ux * 6.5 * px, tip[1] - uy * 6.5 * px)
    nail = _capsule(yy, xx, (centre[0] - ux * 2.5 * px, centre[1] - uy * 2.5 * px),
                    (centre[0] + ux * 2.5 * px, centre[1] + uy * 2.5 * px), 4.6 * px)
    nail_a = np.clip(nail * 5, 0, 1)[..., None]
    thumb = thumb * (1 - nail_a) + np.array([0.93, 0.8, 0.76], np.float32) * (0.85 + 0.15 * nail[..., None]) * nail_a
    # the fingers behind the card run alongside the thumb and end under the card, past its edge
    nx, ny = -uy, ux
    sign = rng.choice((-1.0, 1.0))
    fingers_a = np.zeros((h, w), np.float32)
    for k in range(1, rng.randint(2, 3) + 1):
        off = sign * (k * 17.0 - rng.uniform(0, 4)) * px
        a = (root[0] + nx * off, root[1] + ny * off)
        b = (tip[0] + nx * off - ux * (4 + 5 * k) * px, tip[1] + ny * off - uy * (4 + 5 * k) * px)
        fingers_a = np.maximum(fingers_a, np.clip(_capsule(yy, xx, a, b, 8.5 * px) * 6, 0, 1))
    def up(a: np.ndarray) -> np.ndarray:
        return cv2.resize(a.astype(np.float32), full, interpolation=cv2.INTER_LINEAR)

    fingers = np.broadcast_to(skin * 0.7, (full[1], full[0], 3)).astype(np.float32)
    return up(thumb), up(thumb_a), fingers, up(fingers_a)


def hand_held_photo(art: Image.Image, side: str, rng: random.Random, *, desk: tuple[str, int] = ("dark", 0)) -> Image.Image:
    """One side held in the hand over a dark desk (``desk``: dark or dark-stained wood, and the seed of its grain, so
    that both sides can be shot over the same desk), photographed at an angle with the flash on."""
    px, m = _PX_MM, _MARGIN
    cw, ch = int(85.6 * px), int(54 * px)
    w, h = cw + int(2 * m * px), ch + int(2 * m * px)
    card = np.asarray(art.convert("RGBA").resize((cw, ch), Image.Resampling.LANCZOS), dtype=np.float32) / 255.0
    layer = np.zeros((h, w, 3), np.float32)
    alpha = np.zeros((h, w), np.float32)
    x0, y0 = int(m * px), int(m * px)
    thumb, thumb_a, fingers, fingers_a = _hand_layers(side, rng, h, w)
    layer = fingers * fingers_a[..., None]
    alpha = fingers_a.copy()
    ca = card[..., 3]
    region = layer[y0 : y0 + ch, x0 : x0 + cw]
    layer[y0 : y0 + ch, x0 : x0 + cw] = region * (1 - ca[..., None]) + card[..., :3] * ca[..., None]
    alpha[y0 : y0 + ch, x0 : x0 + cw] = np.maximum(alpha[y0 : y0 + ch, x0 : x0 + cw], ca)
    card_mask = np.zeros((h, w), np.float32)
    card_mask[y0 : y0 + ch, x0 : x0 + cw] = ca
    # the flash's hotspot on the laminate (kept off the bottom lines that carry the number and the validity)
    gx, gy = rng.uniform(0.2, 0.8) * cw + x0, rng.uniform(0.15, 0.55) * ch + y0
    yy, xx = np.ogrid[0:h, 0:w]
    sigma = rng.uniform(0.05, 0.09) * cw
    spot = np.exp(-((xx - gx) ** 2 + ((yy - gy) * 1.4) ** 2) / (2 * sigma**2)).astype(np.float32)
    spot = spot * rng.uniform(0.35, 0.55) * card_mask
    layer = layer + (1 - layer) * spot[..., None]
    # the thumb's shadow on the card, then the thumb itself
    shadow = cv2.GaussianBlur(np.roll(thumb_a, (int(1.6 * px), int(1.2 * px)), (0, 1)), (0, 0), 1.8 * px)
    layer = layer * (1 - 0.35 * (shadow * card_mask)[..., None])
    layer = layer * (1 - thumb_a[..., None]) + thumb * thumb_a[..., None]
    alpha = np.maximum(alpha, thumb_a)
    # the photo: turned and foreshortened, on a dark desk, the card's shadow a little off under it
    fw, fh = 1600, 1200
    scale = fw * rng.uniform(0.56, 0.66) / cw
    turn = math.radians(rng.uniform(-14, 14))
    tilt_x, tilt_y = rng.uniform(-0.1, 0.1), rng.uniform(-0.12, 0.12)
    src = np.array([[x0, y0], [x0 + cw, y0], [x0 + cw, y0 + ch], [x0, y0 + ch]], np.float32)
    corners = []
    for sx, sy in ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)):
        depth = 1 + tilt_x * sx * 2 + tilt_y * sy * 2  # the farther side of the card comes out smaller
        px_, py_ = sx * cw * scale / depth, sy * ch * scale / depth
        corners.append((px_ * math.cos(turn) - py_ * math.sin(turn), px_ * math.sin(turn) + py_ * math.cos(turn)))
    dst = np.array(corners, np.float32) + np.array([fw / 2 + rng.uniform(-90, 90), fh / 2 + rng.uniform(-60, 60)],
                                                  np.float32)
    mat = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(layer, mat, (fw, fh), flags=cv2.INTER_AREA)
    a = cv2.warpPerspective(alpha, mat, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    grain = random.Random(desk[1])
    table = surface(fw, fh, grain, kind=desk[0])
    if desk[0] == "wood":
        table = table * grain.uniform(0.35, 0.5)  # dark-stained
    drop = cv2.GaussianBlur(np.roll(a[..., 0], (int(rng.uniform(25, 50)), int(rng.uniform(-30, 30))), (0, 1)),
                            (0, 0), 22)[..., None]
    frame = table * (1 - 0.55 * drop)
    frame = frame * (1 - a) + warped * a
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    fall = 1.08 - 0.38 * (((xx - fw / 2) / fw) ** 2 + ((yy - fh / 2) / fh) ** 2) * 2
    frame = frame * fall[..., None] * np.array([1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 0.97)], np.float32)
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.6, 1.1))
    frame = frame + np_rng(rng).standard_normal(frame.shape, dtype=np.float32) * (rng.uniform(2.0, 4.0) / 255.0)
    return Image.fromarray(np.clip(frame * 255 + 0.5, 0, 255).astype(np.uint8), "RGB")


def collage(photos: list[Image.Image], rng: random.Random) -> Image.Image:
    """The phone's 拼图: the photos one above the other at the same width, a white seam between and round them."""
    if len(photos) == 1:
        return photos[0]
    seam = rng.choice((0, 12, 24))
    width = photos[0].width + 2 * seam
    out = Image.new("RGB", (width, sum(p.height for p in photos) + seam * (len(photos) + 1)), (255, 255, 255))
    y = seam
    for photo in photos:
        out.paste(photo, (seam, y))
        y += photo.height + seam
    return out


def printed_collage(picture: Image.Image, rng: random.Random, *, dpi: int) -> Image.Image:
    """The collage printed on A4 by the customer (for a scan): about 12 cm wide, centred near the top."""
    px = dpi / 25.4
    page = Image.new("RGB", (int(210 * px), int(297 * px)), (255, 255, 255))
    width = rng.uniform(110, 135) * px
    height = min(picture.height * width / picture.width, 270 * px)
    width = picture.width * height / picture.height
    small = picture.resize((int(width), int(height)), Image.Resampling.LANCZOS)
    page.paste(small, (int((page.width - small.width) / 2), int(rng.uniform(12, 20) * px)))
    return page
