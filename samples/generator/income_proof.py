"""Income proofs (收入证明): an A4 employer letter with wording templates and a red company seal."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PIL import Image, ImageDraw

from docproc.cn.amount_words import to_words

from . import fonts
from .idcard import IdCardFacts
from .people import Job
from .raster import text_width, wrap_chars
from .seal import random_style, stamp

A4_MM = (210.0, 297.0)
TITLES = ("收入证明", "工作及收入证明", "在职收入证明", "收入证明")

# Body templates: {name} {sex} {id} {start} {position} {amount} {words}; \n starts a new paragraph.
TEMPLATES = (
    "兹证明{name}（身份证号码：{id}）自{start}起在我单位工作，现任{position}职务，"
    "月收入人民币{amount}元（大写：{words}）。\n特此证明。",
    "兹有我单位员工{name}，性别{sex}，身份证号：{id}，于{start}入职我单位，目前担任{position}一职。"
    "该员工近一年平均月收入为人民币{amount}元（大写：{words}）。\n"
    "本单位承诺以上情况属实，如有不实，愿承担相应法律责任。\n特此证明。",
    "{name}，身份证号码{id}，系我公司正式员工，自{start}起至今在我公司工作，职务为{position}，"
    "每月税前收入为人民币{amount}元（大写：{words}）。\n以上情况属实，特此证明。",
    "兹证明：{name}同志（身份证号：{id}）为我单位在职职工，入职时间为{start}，现任{position}，"
    "月均收入{amount}元（人民币大写：{words}）。\n特此证明，本证明仅供办理个人住房按揭贷款使用。",
)
BANKS = ("中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "招商银行", "交通银行", "兴业银行")


@dataclass(frozen=True)
class IncomeProofFacts:
    """Everything the letter states, plus whether it carries the employer's seal."""

    name: str
    id_number: str
    sex: str
    employer: str
    position: str
    employment_start: date
    monthly_income: Decimal
    amount_in_words: str
    issue_date: date
    employer_phone: str
    city: str
    sealed: bool
    seal_legend: str | None = None

    def fields(self) -> dict[str, str]:
        """Canonical income_proof fields, normalised as SPEC §2 says."""
        return {"name": self.name, "id_number": self.id_number, "employer": self.employer,
                "position": self.position, "employment_start": self.employment_start.isoformat(),
                "monthly_income": f"{self.monthly_income:.2f}", "amount_in_words": self.amount_in_words,
                "issue_date": self.issue_date.isoformat(), "employer_phone": self.employer_phone}


def make_income_proof(card: IdCardFacts, job: Job, *, issue_date: date, name: str | None = None,
                      sealed: bool = True, seal_legend: str | None = None) -> IncomeProofFacts:
    """Return the letter's facts for a card holder and job (name overrides the card's name; seal_legend the seal's)."""
    return IncomeProofFacts(
        name=name or card.name, id_number=card.id_number, sex=card.sex, employer=job.employer.name,
        position=job.position, employment_start=job.start, monthly_income=job.monthly_income,
        amount_in_words=to_words(job.monthly_income), issue_date=issue_date,
        employer_phone=job.employer.phone, city=job.employer.region.short_city, sealed=sealed,
        seal_legend=seal_legend)


def cn_date(d: date) -> str:
    """A date as letters print it: 2026年11月10日."""
    return f"{d.year}年{d.month}月{d.day}日"


def body_text(facts: IncomeProofFacts, rng: random.Random) -> list[str]:
    """Fill a randomly chosen wording template; return its paragraphs."""
    amount = f"{facts.monthly_income:,.2f}" if rng.random() < 0.6 else f"{facts.monthly_income:.2f}"
    text = rng.choice(TEMPLATES).format(
        name=facts.name, sex=facts.sex, id=facts.id_number, start=cn_date(facts.employment_start),
        position=facts.position, amount=amount, words=facts.amount_in_words)
    return text.split("\n")


@dataclass(frozen=True)
class _Layout:
    """Page geometry and type sizes in pixels for one letter."""

    dpi: int
    width: int
    height: int
    left: int
    right: int
    top: int
    body_px: int
    title_px: int
    leading: float
    family: str


def _layout(rng: random.Random, dpi: int) -> _Layout:
    mm = dpi / 25.4
    body_pt = rng.uniform(12.0, 14.5)
    return _Layout(
        dpi=dpi, width=int(A4_MM[0] * mm), height=int(A4_MM[1] * mm),
        left=int(rng.uniform(22, 32) * mm), right=int(rng.uniform(22, 30) * mm), top=int(rng.uniform(28, 45) * mm),
        body_px=int(body_pt * dpi / 72), title_px=int(rng.uniform(18, 24) * dpi / 72),
        leading=rng.uniform(1.6, 2.0), family=rng.choice(fonts.BODY_FAMILIES))


def _letterhead(draw: ImageDraw.ImageDraw, lay: _Layout, facts: IncomeProofFacts, y: float) -> float:
    """Draw the company name and a rule across the top; return the next y."""
    fnt = fonts.font(fonts.font_set(lay.family).bold, int(lay.body_px * 1.15))
    w = fnt.getlength(facts.employer)
    draw.text(((lay.width - w) / 2, y), facts.employer, font=fnt, fill=(40, 40, 40))
    y += lay.body_px * 1.7
    draw.line((lay.left, y, lay.width - lay.right, y), fill=(60, 60, 60), width=max(2, lay.dpi // 100))
    return y + lay.body_px * 1.6


def render_income_proof(facts: IncomeProofFacts, rng: random.Random, *, dpi: int = 200) -> Image.Image:
    """Render the letter as an RGB page at the given dpi, with the seal over the signature block."""
    lay = _layout(rng, dpi)
    page = Image.new("RGB", (lay.width, lay.height), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    fs = fonts.font_set(lay.family)
    body = fonts.font(fs.body, lay.body_px)
    ink = (rng.randint(0, 30),) * 3
    y = float(lay.top)
    if rng.random() < 0.35:
        y = _letterhead(draw, lay, facts, y - lay.body_px * 1.5)
    title = rng.choice(TITLES)
    tfont = fonts.font(fs.bold if rng.random() < 0.7 else fs.body, lay.title_px)
    gap = lay.title_px * (0.6 if len(title) <= 4 and rng.random() < 0.6 else 0.0)
    tw = text_width(title, tfont, spacing=gap)
    x = (lay.width - tw) / 2
    for ch in title:
        draw.text((x, y), ch, font=tfont, fill=ink)
        x += tfont.getlength(ch) + gap
    y += lay.title_px * 2.4
    line_h = lay.body_px * lay.leading
    text_w = lay.width - lay.left - lay.right
    if rng.random() < 0.5:
        draw.text((lay.left, y), f"{rng.choice(BANKS)}{facts.city}分行：", font=body, fill=ink)
        y += line_h
    for para in body_text(facts, rng):
        indent = "\u3000\u3000"
        for line in wrap_chars(indent + para, body, text_w):
            draw.text((lay.left, y), line, font=body, fill=ink)
            y += line_h
    y += line_h * rng.uniform(1.5, 3.0)
    return _sign_off(page, facts, rng, lay, y, ink)


def _sign_off(page: Image.Image, facts: IncomeProofFacts, rng: random.Random, lay: _Layout, y: float,
              ink: tuple[int, ...]) -> Image.Image:
    """Draw 单位名称 / 联系电话 / date, right-leaning, then press the seal over the name and date."""
    draw = ImageDraw.Draw(page)
    body = fonts.font(fonts.font_set(lay.family).body, lay.body_px)
    line_h = lay.body_px * lay.leading
    label = rng.choice(("单位名称（盖章）：", "单位名称：", "单位（盖章）：", "证明单位："))
    lines = [label + facts.employer, rng.choice(("联系电话：", "单位电话：", "电话：")) + facts.employer_phone,
             rng.choice(("", "日期：", "开具日期：")) + cn_date(facts.issue_date)]
    widest = max(body.getlength(s) for s in lines)
    right_edge = lay.width - lay.right
    x = min(lay.width * rng.uniform(0.45, 0.55), right_edge - widest)
    name_y = y
    for line in lines:
        draw.text((x, y), line, font=body, fill=ink)
        y += line_h
    if not facts.sealed:
        return page
    mm = lay.dpi / 25.4
    diameter = int(rng.uniform(38, 42) * mm)
    name_x = x + body.getlength(label) + body.getlength(facts.employer) / 2
    cx = int(name_x + rng.uniform(-12, 12) * mm)
    cx = min(max(cx, diameter // 2 + int(5 * mm)), lay.width - diameter // 2 - int(5 * mm))
    cy = int((name_y + y) / 2 + rng.uniform(-10, 6) * mm)
    return stamp(page, rng, random_style(rng, facts.seal_legend or facts.employer), center=(cx, cy), diameter=diameter)
