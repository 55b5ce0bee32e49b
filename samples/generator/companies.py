"""Companies the documents name: developers, the applicant's own business, clients and suppliers."""

from __future__ import annotations

import random
from dataclasses import dataclass

from docproc.cn.uscc import make_uscc

from .people import _BRANDS, _TRADES, make_address, make_name, make_phone
from .regions import Region

_SHOP_KINDS = ("便利店", "餐饮店", "服装店", "五金经营部", "电子产品经营部", "美容美发店", "水果店", "建材经营部", "汽车维修部",
               "茶叶店", "文具店", "通讯器材店")
_ESTATES = ("花园", "华府", "名苑", "公馆", "壹号院", "国际社区", "湾", "府", "悦府", "雅苑", "天玺", "中心")


@dataclass(frozen=True)
class Company:
    """A registered business: name, credit code, legal representative, address and phone."""

    name: str
    uscc: str
    legal_rep: str
    address: str
    phone: str
    region: Region


def _credit_code(rng: random.Random, region: Region, *, individual: bool) -> str:
    return make_uscc(region.code, rng.randint(10_000_000, 99_999_999), kind="2" if individual else "1")


def make_company(rng: random.Random, region: Region, *, trade: str | None = None, rep: str | None = None) -> Company:
    """A limited company in a city (trade picks the line of business; rep the legal representative)."""
    form = rng.choice(("有限公司", "有限公司", "有限责任公司", "股份有限公司"))
    name = f"{region.short_city}{rng.choice(_BRANDS)}{trade or rng.choice(_TRADES)}{form}"
    return Company(name, _credit_code(rng, region, individual=False), rep or make_name(rng, rng.choice("男女")),
                   make_address(rng, region), make_phone(rng, region), region)


def make_shop(rng: random.Random, region: Region, owner: str) -> Company:
    """An individual business (个体工商户) run by its owner, e.g. 海淀区恒信便利店."""
    district = region.district
    name = f"{region.short_city}市{district}{rng.choice(_BRANDS)}{rng.choice(_SHOP_KINDS)}"
    return Company(name, _credit_code(rng, region, individual=True), owner, make_address(rng, region),
                   make_phone(rng, region), region)


def make_developer(rng: random.Random, region: Region) -> Company:
    """A property developer (房地产开发有限公司 / 置业有限公司)."""
    trade = rng.choice(("房地产开发", "置业", "地产", "房地产", "实业"))
    return make_company(rng, region, trade=trade)


def estate_name(rng: random.Random) -> str:
    """A housing estate's marketing name, e.g. 锦程华府."""
    return rng.choice(_BRANDS) + rng.choice(_ESTATES)


def counterparties(rng: random.Random, region: Region, n: int) -> list[str]:
    """Names of clients and suppliers a business trades with."""
    return [make_company(rng, region).name for _ in range(n)]
