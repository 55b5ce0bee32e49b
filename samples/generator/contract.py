"""Home purchase contracts (商品房买卖合同): the facts, price and 大写, pages, and the contract's defects."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from docproc.cn.amount_words import to_words

from .companies import Company, estate_name
from .pdfkit import Typeface, page_format, random_typeface
from .regions import Region

# Price per square metre by city, in yuan (2026 asking prices, roughly).
_UNIT_PRICE = {"北京市": (52_000, 98_000), "上海市": (50_000, 95_000), "深圳市": (55_000, 90_000),
               "广州市": (30_000, 60_000), "杭州市": (28_000, 55_000), "南京市": (25_000, 45_000)}
_DEFAULT_PRICE = (9_000, 24_000)


@dataclass(frozen=True)
class ContractStyle:
    """How this contract is typeset: face, sizes, margins, page-number format, header."""

    face: Typeface
    size: float
    leading: float
    margin: float
    footer: str
    number_on_every_page: bool
    presale: bool


@dataclass(frozen=True)
class ContractFacts:
    """Everything the contract states, how many pages it has and which defects it carries."""

    number: str
    buyers: tuple[tuple[str, str], ...]
    buyer_address: str
    buyer_phone: str
    seller: Company
    project: str
    property_address: str
    floor_area: Decimal
    inner_area: Decimal
    unit_price: Decimal
    total_price: Decimal
    price_words: str
    down_payment: Decimal
    signing_date: date
    delivery_date: date
    pages_declared: int
    style: ContractStyle
    missing_page: int | None = None
    sealed: bool = True
    pasted_seal: bool = False

    def present_pages(self) -> list[int]:
        """Printed pages the customer handed in."""
        return [p for p in range(1, self.pages_declared + 1) if p != self.missing_page]

    def fields(self) -> dict[str, object]:
        """Canonical purchase_contract fields, normalised as SPEC §2 says."""
        return {"contract_number": self.number, "buyer_names": [b[0] for b in self.buyers],
                "buyer_id_numbers": [b[1] for b in self.buyers], "seller": self.seller.name,
                "property_address": self.property_address, "floor_area": f"{self.floor_area:.2f}",
                "total_price": f"{self.total_price:.2f}", "total_price_in_words": self.price_words,
                "signing_date": self.signing_date.isoformat(), "pages_declared": self.pages_declared,
                "pages_present": len(self.present_pages())}


def contract_number(rng: random.Random, year: int) -> str:
    """A contract number in one of the formats the city filing systems use."""
    digits = "".join(rng.choice("0123456789") for _ in range(7))
    return rng.choice((f"YS{year}{digits}", f"X{year}-{digits[:6]}", f"{year}YS{digits[:6]}", f"Y{year}{digits}",
                       f"GF{year}{digits[:6]}"))


def _wrong_words(rng: random.Random, total: Decimal) -> str:
    """The 大写 of a nearby but different amount (two digits swapped, or one digit changed)."""
    digits = list(str(int(total)))
    while True:
        trial = digits[:]
        i = rng.randrange(len(trial))
        if rng.random() < 0.5 and i + 1 < len(trial) and trial[i] != trial[i + 1]:
            trial[i], trial[i + 1] = trial[i + 1], trial[i]
        else:
            trial[i] = rng.choice([d for d in "0123456789" if d != trial[i]])
        if trial[0] != "0" and trial != digits:
            return to_words(Decimal("".join(trial)))


def make_style(rng: random.Random) -> ContractStyle:
    """Pick typesetting choices for one contract."""
    return ContractStyle(face=random_typeface(rng), size=rng.uniform(10.0, 11.5), leading=rng.uniform(1.55, 1.85),
                         margin=rng.uniform(20, 28), footer=page_format(rng, chinese=True),
                         number_on_every_page=rng.random() < 0.5, presale=rng.random() < 0.75)


def make_contract(rng: random.Random, *, buyers: tuple[tuple[str, str], ...], buyer_address: str, buyer_phone: str,
                  seller: Company, region: Region, applied: date, words_mismatch: bool = False,
                  missing_page: bool = False, sealed: bool = True, pasted_seal: bool = False) -> ContractFacts:
    """Draw the flat, its price and the paperwork (signed 5–60 days before the application)."""
    project = estate_name(rng)
    street = rng.choice(region.streets)
    address = (f"{region.prefix}{street}{rng.randint(1, 999)}号{project}{rng.randint(1, 26)}号楼"
               f"{rng.randint(1, 4)}单元{rng.randint(2, 32)}{rng.randint(1, 4):02d}室")
    area = Decimal(str(round(rng.uniform(58, 168), 2)))
    inner = (area * Decimal(str(round(rng.uniform(0.76, 0.86), 4)))).quantize(Decimal("0.01"))
    lo, hi = _UNIT_PRICE.get(region.city, _DEFAULT_PRICE)
    unit = Decimal(rng.randrange(lo, hi, 10))
    total = (area * unit).quantize(Decimal("1")).quantize(Decimal("0.01"))
    words = _wrong_words(rng, total) if words_mismatch else to_words(total)
    share = Decimal(rng.choice(("0.30", "0.35", "0.40", "0.50")))
    signed = applied - timedelta(days=rng.randint(5, 60))
    delivery = date(signed.year + rng.randint(1, 2), rng.choice((6, 9, 12)), 30)
    pages = rng.randint(6, 10)
    missing = rng.randint(4, pages - 1) if missing_page else None
    return ContractFacts(contract_number(rng, signed.year), buyers, buyer_address, buyer_phone, seller, project,
                         address, area, inner, unit, total, words, (total * share).quantize(Decimal("1")), signed,
                         delivery, pages, make_style(rng), missing, sealed, pasted_seal)
