"""Synthetic identities: Chinese names, addresses, ethnicity, employers, positions and salaries."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from docproc.cn.normalize import edit_distance

from .regions import REGIONS, Region

# Common surnames, roughly by frequency (the first ones are drawn more often).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方")
GIVEN_MALE = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国志文博昊然晨轩天泽子睿成"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲桂英华慧巧美莉燕红梅琳雪婷颖倩琪欣怡悦佳雨萱涵诗晓彤璐嘉瑶冰月蕾"

POSITIONS = (
    "高级工程师", "软件工程师", "项目经理", "财务主管", "销售经理", "行政专员", "人力资源经理", "会计",
    "产品经理", "技术总监", "部门经理", "质量工程师", "采购主管", "市场专员", "客户经理", "设计师",
    "运营主管", "研发工程师", "总经理助理", "审计专员",
)

_BRANDS = (
    "华创", "恒信", "瑞丰", "博远", "中科", "新元", "汇通", "锦程", "天域", "联合", "正泰", "国泰", "星河",
    "鼎盛", "宏达", "金桥", "明德", "嘉禾", "云帆", "启明", "安信", "东方", "海纳", "卓越", "致远", "蓝海",
)
_TRADES = (
    "科技", "信息技术", "电子", "物流", "建设工程", "医药", "生物技术", "商贸", "文化传媒", "智能装备", "环保科技",
    "软件", "网络科技", "新材料", "食品", "会计师事务所", "咨询", "汽车服务", "教育科技", "设计",
)
_FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司")

_COMPOUNDS = ("花园", "小区", "家园", "公寓", "新村", "苑", "嘉园", "雅居")


@dataclass(frozen=True)
class Person:
    """One applicant as the ID card shows them."""

    name: str
    sex: str
    ethnicity: str
    birth: date
    region: Region
    address: str


@dataclass(frozen=True)
class Employer:
    """The applicant's employer as the income proof shows it."""

    name: str
    region: Region
    phone: str


@dataclass(frozen=True)
class Job:
    """Position, start date and monthly income at the employer."""

    employer: Employer
    position: str
    start: date
    monthly_income: Decimal


def make_name(rng: random.Random, sex: str) -> str:
    """Return a plausible Chinese full name (surname + one or two given characters)."""
    if rng.random() < 0.01:
        surname = rng.choice(COMPOUND_SURNAMES)
    else:
        surname = SURNAMES[min(int(rng.expovariate(1 / 25)), len(SURNAMES) - 1)]
    pool = GIVEN_MALE if sex == "男" else GIVEN_FEMALE
    given = "".join(rng.choice(pool) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


def other_name(rng: random.Random, name: str, sex: str) -> str:
    """Return a name of the same sex at least two edits away (another person, not an OCR slip)."""
    while True:
        candidate = make_name(rng, sex)
        if edit_distance(candidate, name) >= 2:
            return candidate


def make_address(rng: random.Random, region: Region) -> str:
    """Return a household-register address as printed on the card (about 16 to 32 characters)."""
    street = rng.choice(region.streets)
    number = rng.randint(1, 399)
    shape = rng.random()
    if shape < 0.35:
        tail = f"{number}号{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}号"
    elif shape < 0.7:
        estate = rng.choice(_BRANDS) + rng.choice(_COMPOUNDS)
        tail = f"{number}号{estate}{rng.randint(1, 20)}栋{rng.randint(1, 32)}{rng.randint(1, 8):02d}室"
    elif shape < 0.85:
        tail = f"{number}号院{rng.randint(1, 12)}号楼{rng.randint(1, 24)}{rng.randint(1, 6):02d}"
    else:
        tail = f"{number}号"
    return f"{region.prefix}{street}{tail}"


def make_person(rng: random.Random, *, today: date, age_range: tuple[int, int] = (23, 58)) -> Person:
    """Return a random adult with a home region, ethnicity, birth date and address."""
    region = rng.choice(REGIONS)
    sex = rng.choice(("男", "女"))
    age = rng.randint(*age_range)
    birth = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if birth > date(today.year - age, today.month, min(today.day, 28)):
        birth = birth.replace(year=birth.year - 1)
    ethnicity = "汉" if rng.random() < 0.8 else rng.choice(region.ethnicities)
    return Person(make_name(rng, sex), sex, ethnicity, birth, region, make_address(rng, region))


def make_phone(rng: random.Random, region: Region) -> str:
    """Return a landline number like 010-62345678 or 0951-5123456."""
    first = rng.choice("2345678")
    rest = "".join(rng.choice("0123456789") for _ in range(region.local_digits - 1))
    return f"{region.area_code}-{first}{rest}"


def make_employer(rng: random.Random, region: Region) -> Employer:
    """Return a company in the given city with its switchboard number."""
    city = region.short_city
    prefix = region.city if region.city == "深圳市" else city
    name = f"{prefix}{rng.choice(_BRANDS)}{rng.choice(_TRADES)}{rng.choice(_FORMS)}"
    return Employer(name=name, region=region, phone=make_phone(rng, region))


def make_job(rng: random.Random, person: Person, *, today: date) -> Job:
    """Return an employer, position, start date (after age 21) and monthly income."""
    region = person.region if rng.random() < 0.6 else rng.choice(REGIONS)
    earliest = max(person.birth.year + 21, today.year - 20)
    year, month = rng.randint(earliest, today.year - 1), rng.randint(1, 12)
    start = date(year, month, rng.choice((1, 1, 1, 15, rng.randint(2, 28))))
    if start >= today:
        start = start.replace(year=today.year - 1)
    hundreds = int(rng.lognormvariate(4.75, 0.45))
    income = Decimal(max(45, min(hundreds, 900)) * 100)
    if rng.random() < 0.25:
        income += Decimal(rng.choice((50, 20, 80, 35))) + Decimal(rng.choice(("0", "0.50", "0.00")))
    return Job(make_employer(rng, region), rng.choice(POSITIONS), start, income.quantize(Decimal("0.01")))
