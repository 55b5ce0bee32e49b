"""Everyday account activity: who a Chinese debit account pays and is paid by, and how banks word it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .finance import cents
from .people import make_name
from .regions import Region

_SHOPS = (
    ("支付宝（中国）网络技术有限公司", ("支付宝快捷支付", "快捷支付", "消费", "网上支付")),
    ("财付通支付科技有限公司", ("财付通", "微信支付", "快捷支付", "消费")),
    ("北京三快科技有限公司", ("美团支付", "消费")),
    ("拉扎斯网络科技（上海）有限公司", ("消费", "网上支付")),
    ("网银在线（北京）科技有限公司", ("京东支付", "网上支付")),
    ("永辉超市股份有限公司", ("POS消费", "消费")),
    ("沃尔玛（中国）投资有限公司", ("POS消费", "刷卡消费")),
    ("中国石化销售股份有限公司", ("POS消费", "加油")),
    ("银联商务股份有限公司", ("POS消费", "银联消费")),
    ("上海寻梦信息技术有限公司", ("网上支付", "快捷支付")),
)
_PAYERS = ("货款", "经营收入", "收款", "转账存入", "销售款", "服务费")
_FEES = ("劳务费", "稿费", "设计费", "咨询服务费", "技术服务费", "讲课费")


@dataclass(frozen=True)
class Entry:
    """One movement before balances are known: when, signed amount, wording, counterparty, channel."""

    day: date
    time: str
    description: str
    amount: Decimal
    counterparty: str
    counter_account: str
    channel: str
    kind: str = "other"


def clock(rng: random.Random, *, business: bool = False) -> str:
    """A time of day, business hours for payroll and settlements."""
    hour = rng.randint(8, 17) if business else min(23, max(0, int(rng.gauss(14, 4.5))))
    return f"{hour:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def masked_account(rng: random.Random) -> str:
    """A counterparty account as statements print it, partly masked (or blank)."""
    roll = rng.random()
    if roll < 0.25:
        return ""
    digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((16, 19))))
    if roll < 0.6:
        return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
    return digits


def _channel(rng: random.Random) -> str:
    return rng.choice(("手机银行", "网上银行", "第三方支付", "柜面", "ATM", "POS", "批量业务", "电子渠道"))


def not_round(rng: random.Random, low: float, high: float) -> Decimal:
    """An amount in [low, high] with cents, never a whole thousand (everyday money is not round)."""
    value = cents(rng.uniform(low, high))
    if value % 1000 == 0:
        value += Decimal("13.70")
    return value


def spending(rng: random.Random, day: date, budget: float, region: Region, bank_name: str) -> list[Entry]:
    """One month of debits worth about budget: shopping, bills, card repayment, transfers, cash."""
    out: list[Entry] = []
    spent = 0.0
    province = region.province.removesuffix("省").removesuffix("市")
    bills = (
        (f"国网{province}省电力公司" if len(province) <= 3 else "国家电网有限公司", "电费"),
        (f"中国移动通信集团{province}有限公司", "话费"),
        (f"{region.short_city}燃气集团有限责任公司", "燃气费"),
        (f"{region.short_city}自来水集团有限责任公司", "水费"),
    )
    for who, what in rng.sample(bills, rng.randint(1, 3)):
        amount = not_round(rng, 40, 420)
        out.append(Entry(_in_month(rng, day), clock(rng), rng.choice((what, "代扣" + what, "缴费")), -amount, who,
                         "", "代收代付", "bill"))
        spent += float(amount)
    if rng.random() < 0.7:
        amount = not_round(rng, budget * 0.15, budget * 0.4)
        out.append(Entry(_in_month(rng, day), clock(rng), rng.choice(("信用卡还款", "还款", "自动还款")), -amount,
                         f"{bank_name}信用卡中心", "", "电子渠道", "card"))
        spent += float(amount)
    while spent < budget:
        roll = rng.random()
        if roll < 0.62:
            who, words = rng.choice(_SHOPS)
            amount = not_round(rng, 15, min(2600.0, budget * 0.2 + 30))
            out.append(Entry(_in_month(rng, day), clock(rng), rng.choice(words), -amount, who, "", _channel(rng),
                             "shop"))
        elif roll < 0.85:
            amount = not_round(rng, 200, max(300.0, budget * 0.25))
            out.append(Entry(_in_month(rng, day), clock(rng), rng.choice(("转账", "手机银行转账", "跨行转出", "网银转出")),
                             -amount, make_name(rng, rng.choice("男女")), masked_account(rng), _channel(rng), "transfer"))
        else:
            amount = Decimal(rng.choice((200, 300, 500, 800, 1000, 2000)))
            out.append(Entry(_in_month(rng, day), clock(rng), rng.choice(("ATM取款", "取现", "ATM取现")), -amount, "", "",
                             "ATM", "cash"))
        spent += float(amount)
    return out


def small_credits(rng: random.Random, day: date) -> list[Entry]:
    """Occasional small transfers in from friends and family (refunds, shared bills)."""
    out = []
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        amount = not_round(rng, 50, 3000)
        out.append(Entry(_in_month(rng, day), clock(rng), rng.choice(("转账存入", "跨行转入", "网银转入", "退款")), amount,
                         make_name(rng, rng.choice("男女")), masked_account(rng), _channel(rng), "transfer_in"))
    return out


def business_flows(rng: random.Random, day: date, *, companies: list[str], scale: float) -> list[Entry]:
    """A self-employed month: customer receipts, card settlements, supplier payments."""
    out = []
    for _ in range(rng.randint(2, 5)):
        amount = not_round(rng, scale * 0.1, min(46000.0, scale * 0.6))
        out.append(Entry(_in_month(rng, day), clock(rng, business=True), rng.choice(_PAYERS), amount,
                         rng.choice(companies), masked_account(rng), rng.choice(("网上银行", "柜面", "电子渠道")),
                         "business_in"))
    if rng.random() < 0.6:
        amount = not_round(rng, scale * 0.05, scale * 0.3)
        out.append(Entry(_in_month(rng, day), clock(rng, business=True), rng.choice(("POS收单入账", "银联入账", "商户结算")),
                         amount, "银联商务股份有限公司", "", "POS", "business_in"))
    for _ in range(rng.randint(1, 3)):
        amount = not_round(rng, scale * 0.1, scale * 0.45)
        out.append(Entry(_in_month(rng, day), clock(rng, business=True), rng.choice(("货款", "进货款", "支付货款")), -amount,
                         rng.choice(companies), masked_account(rng), "网上银行", "business_out"))
    return out


def fee_credit(rng: random.Random, day: date, *, payer: str, net: Decimal) -> Entry:
    """A freelancer's fee paid in by a client."""
    return Entry(_in_month(rng, day), clock(rng, business=True), rng.choice(_FEES), net, payer, masked_account(rng),
                 rng.choice(("网上银行", "批量业务", "电子渠道")), "fee")


def interest(rng: random.Random, day: date, balance_hint: float) -> Entry:
    """Quarterly interest (结息) on the 21st."""
    amount = cents(max(0.01, balance_hint * rng.uniform(0.0004, 0.0008)))
    return Entry(day, "00:" + f"{rng.randint(0, 30):02d}:{rng.randint(0, 59):02d}",
                 rng.choice(("结息", "利息存入", "活期结息", "批量结息")), amount, "", "", "批量业务", "interest")


def _in_month(rng: random.Random, day: date) -> date:
    """A random day in the month of day (the caller clips to the statement period)."""
    return day.replace(day=rng.randint(1, 28))
