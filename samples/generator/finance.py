"""Chinese banks, card numbers (Luhn), branch names, amount and date formats shared by the documents."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .regions import Region

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Bank:
    """A bank as its statements and seals name it, with card prefixes, card length and house colour."""

    name: str
    legal: str
    bins: tuple[str, ...]
    card_length: int
    color: tuple[float, float, float]


BANKS: tuple[Bank, ...] = (
    Bank("中国工商银行", "中国工商银行股份有限公司", ("622202", "621226", "621723", "622208"), 19, (0.78, 0.05, 0.13)),
    Bank("中国建设银行", "中国建设银行股份有限公司", ("621700", "622700", "621284", "436742"), 19, (0.0, 0.24, 0.55)),
    Bank("中国农业银行", "中国农业银行股份有限公司", ("622848", "621282", "622845"), 19, (0.0, 0.5, 0.38)),
    Bank("中国银行", "中国银行股份有限公司", ("621785", "621790", "621661", "456351"), 19, (0.67, 0.08, 0.16)),
    Bank("招商银行", "招商银行股份有限公司", ("622588", "621483", "621486", "622609"), 16, (0.78, 0.08, 0.16)),
    Bank("交通银行", "交通银行股份有限公司", ("622262", "622260", "621335"), 19, (0.0, 0.2, 0.47)),
    Bank("兴业银行", "兴业银行股份有限公司", ("622909", "622908", "621691"), 18, (0.0, 0.27, 0.59)),
    Bank("中国邮政储蓄银行", "中国邮政储蓄银行股份有限公司", ("621799", "622188", "621098"), 19, (0.0, 0.47, 0.27)),
    Bank("上海浦东发展银行", "上海浦东发展银行股份有限公司", ("621792", "622521", "622518"), 16, (0.05, 0.2, 0.5)),
    Bank("中信银行", "中信银行股份有限公司", ("621768", "622690", "622696"), 16, (0.75, 0.1, 0.12)),
    Bank("中国民生银行", "中国民生银行股份有限公司", ("621691", "622622", "622615"), 16, (0.0, 0.35, 0.55)),
    Bank("平安银行", "平安银行股份有限公司", ("623058", "622155", "622157"), 19, (0.93, 0.4, 0.05)),
)

_BRANCH_NAMES = ("中关村", "营业部", "科技园", "高新", "城东", "城西", "解放路", "人民路", "世纪城", "金融街", "滨江", "新城")


def luhn_digit(body: str) -> str:
    """The Luhn check digit for a card number body."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def card_number(rng: random.Random, bank: Bank) -> str:
    """A 16–19 digit debit card number with the bank's prefix and a valid Luhn digit."""
    prefix = rng.choice(bank.bins)
    body = prefix + "".join(rng.choice("0123456789") for _ in range(bank.card_length - len(prefix) - 1))
    return body + luhn_digit(body)


def branch_name(rng: random.Random, bank: Bank, region: Region) -> str:
    """The issuing branch as the seal legend prints it, e.g. 招商银行股份有限公司北京中关村支行."""
    city = region.short_city
    spot = rng.choice(_BRANCH_NAMES)
    if spot == "营业部":
        return f"{bank.legal}{city}分行营业部"
    if rng.random() < 0.4:
        return f"{bank.legal}{city}{region.district[:-1] if len(region.district) > 2 else region.district}支行"
    return f"{bank.legal}{city}{spot}支行"


def money(amount: Decimal, *, commas: bool = True, sign: str = "") -> str:
    """An amount printed with two decimals: 12,345.60; sign "+" prints a plus on credits."""
    text = f"{abs(amount):,.2f}" if commas else f"{abs(amount):.2f}"
    if amount < 0:
        return "-" + text
    return sign + text if amount > 0 else text


def cents(value: float | Decimal) -> Decimal:
    """Round to the cent (half up)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def cn_date(d: date) -> str:
    """A date as letters print it: 2026年11月10日."""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_date_padded(d: date) -> str:
    """A date with zero-padded month and day: 2026年03月05日 (certificates)."""
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


DATE_STYLES = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d")


def add_months(d: date, months: int) -> date:
    """The same day some months later or earlier (clamped to the month's length)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, min(d.day, day))
        except ValueError:
            continue
    raise ValueError(f"cannot move {d} by {months} months")
