"""Bank statements (个人账户交易明细): facts, the running balance, pagination and the statement's defects."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from . import aml_defects, ledger
from .finance import DATE_STYLES, Bank, add_months, cents
from .ledger import Entry
from .pdfkit import Typeface, page_format, random_typeface
from .people import make_name
from .regions import Region

TITLES = ("个人账户交易明细", "借记卡账户交易明细清单", "个人活期账户交易明细", "账户交易明细", "个人客户交易流水",
          "活期账户历史交易明细")
COLUMN_SETS = ("signed", "split", "compact")


@dataclass(frozen=True)
class Transaction:
    """One printed row of the statement."""

    day: date
    time: str
    description: str
    amount: Decimal
    balance: Decimal
    counterparty: str
    counter_account: str
    channel: str
    kind: str = "other"

    def fields(self) -> dict[str, str]:
        """The canonical transaction fields (SPEC §2): signed amount, credit > 0."""
        return {"date": self.day.isoformat(), "description": self.description, "amount": f"{self.amount:.2f}",
                "balance": f"{self.balance:.2f}", "counterparty": self.counterparty}


@dataclass(frozen=True)
class StatementStyle:
    """Layout choices that decide pagination: page, margins, row height, columns, wording, typeface."""

    landscape: bool
    margin: float
    top: float
    header: float
    repeat: float
    row: float
    size: float
    columns: str
    date_style: str
    commas: bool
    plus: bool
    title: str
    footer: str
    grid: bool
    shade: bool
    face: Typeface
    seal_shape: str
    seal_bottom: str
    summary: float = 34.0
    foot: float = 14.0

    @property
    def page_mm(self) -> tuple[float, float]:
        """Page size in mm."""
        return (297.0, 210.0) if self.landscape else (210.0, 297.0)

    def capacity(self, *, first: bool) -> int:
        """Rows that fit on a page below the header and above the footer."""
        usable = self.page_mm[1] - self.top - (self.header if first else self.repeat) - self.row * 1.4 - self.foot
        return max(5, int(usable // self.row))


def make_style(rng: random.Random) -> StatementStyle:
    """Pick the look of one bank's statement print."""
    landscape = rng.random() < 0.55
    size = rng.uniform(7.2, 8.6) if landscape else rng.uniform(6.8, 8.0)
    round_seal = rng.random() < 0.45
    return StatementStyle(
        landscape=landscape, margin=rng.uniform(10, 18), top=rng.uniform(10, 16), header=rng.uniform(40, 48),
        repeat=rng.uniform(12, 16) if rng.random() < 0.5 else 6.0, row=size * rng.uniform(0.56, 0.66),
        size=size, columns=rng.choice(COLUMN_SETS), date_style=rng.choice(DATE_STYLES), commas=rng.random() < 0.75,
        plus=rng.random() < 0.35, title=rng.choice(TITLES), footer=page_format(rng), grid=rng.random() < 0.5,
        shade=rng.random() < 0.4, face=random_typeface(rng), seal_shape="round" if round_seal else "oval",
        seal_bottom=rng.choice(("电子回单专用章", "业务专用章")) if round_seal else rng.choice(("业务专用章", "业务受理章")))


@dataclass(frozen=True)
class StatementFacts:
    """Everything one statement prints, its pagination and the defects it carries."""

    bank: Bank
    branch: str
    account_holder: str
    account_number: str
    period_start: date
    period_end: date
    issue_date: date
    opening_balance: Decimal
    transactions: tuple[Transaction, ...]
    style: StatementStyle
    page_rows: tuple[int, ...]
    sealed: bool = True
    missing_page: int | None = None
    original_holder: str | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def pages_declared(self) -> int:
        """Pages the statement was printed with."""
        return len(self.page_rows)

    @property
    def closing_balance(self) -> Decimal:
        """The balance after the last transaction (the opening balance when there is none)."""
        return self.transactions[-1].balance if self.transactions else self.opening_balance

    def rows_on(self, page: int) -> tuple[Transaction, ...]:
        """The transactions printed on a 1-based page."""
        start = sum(self.page_rows[: page - 1])
        return self.transactions[start : start + self.page_rows[page - 1]]

    def present_pages(self) -> list[int]:
        """Printed pages the customer handed in."""
        return [p for p in range(1, self.pages_declared + 1) if p != self.missing_page]

    def fields(self) -> dict[str, object]:
        """Canonical bank_statement fields as the handed-in pages show them."""
        rows = [t.fields() for p in self.present_pages() for t in self.rows_on(p)]
        return {"bank_name": self.bank.name, "account_holder": self.account_holder,
                "account_number": self.account_number, "period_start": self.period_start.isoformat(),
                "period_end": self.period_end.isoformat(), "issue_date": self.issue_date.isoformat(),
                "opening_balance": f"{self.opening_balance:.2f}", "closing_balance": f"{self.closing_balance:.2f}",
                "transactions": rows}


@dataclass(frozen=True)
class Income:
    """Where the account holder's money comes from, as the profile says."""

    profile: str
    monthly: Decimal
    payer: str | None = None
    fees: tuple[tuple[date, str, Decimal], ...] = ()
    factor: float = 1.0


def _salary_entries(rng: random.Random, months: list[date], income: Income) -> list[Entry]:
    """Monthly payroll credits (代发工资) or the owner's pay from the own company."""
    pay_day = rng.randint(5, 15)
    wording = rng.choice(("代发工资", "工资", "批量代发", "代发工资收入", "工资性收入"))
    steady = rng.random() < 0.7
    out = []
    for month in months:
        base = float(income.monthly) * income.factor
        amount = cents(base if steady else base * rng.uniform(0.975, 1.025))
        out.append(Entry(month.replace(day=pay_day), ledger.clock(rng, business=True), wording, amount,
                         income.payer or "", ledger.masked_account(rng), "批量业务", "salary"))
    return out


def _month_entries(rng: random.Random, month: date, income: Income, region: Region, bank: Bank,
                   companies: list[str]) -> list[Entry]:
    """Everything but the payroll for one month."""
    inflow = float(income.monthly)
    out: list[Entry] = []
    if income.profile == "self_employed":
        out += ledger.business_flows(rng, month, companies=companies, scale=inflow * 1.6)
    if income.profile == "enterprise_owner" and rng.random() < 0.4:
        amount = ledger.not_round(rng, 800, 9000)
        out.append(Entry(month.replace(day=rng.randint(1, 28)), ledger.clock(rng, business=True),
                         rng.choice(("报销", "费用报销", "差旅费报销")), amount, income.payer or "",
                         ledger.masked_account(rng), "网上银行", "refund"))
    out += ledger.spending(rng, month, inflow * rng.uniform(0.45, 0.8), region, bank.name)
    out += ledger.small_credits(rng, month)
    if month.month in (3, 6, 9, 12):
        out.append(ledger.interest(rng, month.replace(day=21), inflow * 2))
    return out


def _large_deposit(rng: random.Random, start: date, end: date, applied: date, income: Income) -> Entry:
    """A round sum from a relative 3–25 days before the application (the down-payment top-up)."""
    need = max(100_000.0, float(income.monthly) * 8)
    sums = [a for a in (100_000, 150_000, 200_000, 300_000, 500_000, 800_000, 1_000_000, 2_000_000) if a >= need]
    amount = Decimal(rng.choice(sums[:3] or [2_000_000]))
    day = max(start, min(end, applied - timedelta(days=rng.randint(3, 25))))
    who = make_name(rng, rng.choice("男女"))
    return Entry(day, ledger.clock(rng, business=True), rng.choice(("转账存入", "跨行转入", "网银转入", "现金存入")),
                 amount, who, ledger.masked_account(rng), rng.choice(("柜面", "手机银行", "网上银行")), "deposit")


def _repayment_entries(rng: random.Random, months: list[date],
                       repayments: tuple[tuple[int, Decimal, str, date], ...]) -> list[Entry]:
    """A loan's monthly repayment debited on its day, from the month after it was opened (nothing drawn without)."""
    out = []
    for day, amount, lender, opened in repayments:
        wording = rng.choice(("贷款还款", "个贷扣款", "还贷", "贷款归还"))
        for month in months:
            if month > opened.replace(day=1):
                out.append(Entry(month.replace(day=min(day, 28)), ledger.clock(rng, business=True), wording, -amount,
                                 lender, "", "批量业务", "loan"))
    return out


def _with_balances(entries: list[Entry], opening: Decimal) -> list[Transaction]:
    """Apply entries in order, skipping debits the balance cannot cover; balances are exact to the cent."""
    balance = opening
    out = []
    for e in entries:
        if e.amount < 0 and balance + e.amount < Decimal("20.00") and e.kind != "loan":
            continue
        balance += e.amount
        out.append(Transaction(e.day, e.time, e.description, e.amount, balance, e.counterparty, e.counter_account,
                               e.channel, e.kind))
    return out


def _break_chain(rng: random.Random, rows: list[Transaction]) -> list[Transaction]:
    """Make one spending in the middle smaller while its printed balance stays (one broken link, no new credit)."""
    lo, hi = len(rows) // 5, max(len(rows) * 4 // 5, len(rows) // 5 + 1)
    candidates = [i for i in range(lo, hi) if rows[i].amount < -10] or [i for i in range(len(rows)) if rows[i].amount < -10]
    i = rng.choice(candidates)
    row = rows[i]
    amount = -cents(abs(row.amount) * Decimal(str(rng.uniform(0.1, 0.6))))
    rows[i] = Transaction(row.day, row.time, row.description, amount, row.balance, row.counterparty,
                          row.counter_account, row.channel, "edited")
    return rows


def paginate(n_rows: int, style: StatementStyle, *, at_least: int = 1) -> tuple[int, ...]:
    """Rows per page: full pages, the last one leaving room for the totals and the seal."""
    first, rest = style.capacity(first=True), style.capacity(first=False)
    reserve = math.ceil(style.summary / style.row)
    pages: list[int] = []
    left = n_rows
    while True:
        cap = first if not pages else rest
        if left + reserve <= cap:
            pages.append(left)
            break
        take = min(left, cap)
        pages.append(take)
        left -= take
        if left == 0:
            pages.append(0)
            break
    while len(pages) < at_least:
        # Spread the rows over more, shorter pages (some banks print few rows per page).
        per = math.ceil(n_rows / at_least)
        pages = [per] * (at_least - 1) + [n_rows - per * (at_least - 1)]
    return tuple(pages)


def make_statement(rng: random.Random, *, holder: str, bank: Bank, branch: str, account: str, region: Region,
                   period: tuple[date, date], issue: date, income: Income, companies: list[str],
                   applied: date | None = None, large_deposit: bool = False, broken_chain: bool = False, sealed: bool = True,
                   missing_page: bool = False, original_holder: str | None = None,
                   aml: frozenset[str] = frozenset(),
                   repayments: tuple[tuple[int, Decimal, str, date], ...] = ()) -> StatementFacts:
    """Draw a statement's transactions for a period, with exact running balances unless broken_chain."""
    start, end = period
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    entries: list[Entry] = []
    if income.profile in ("salaried", "enterprise_owner"):
        entries += _salary_entries(rng, months, income)
    for day, payer, net in income.fees:
        entries.append(ledger.fee_credit(rng, day, payer=payer, net=net))
    for month in months:
        entries += _month_entries(rng, month, income, region, bank, companies)
    if large_deposit:
        entries.append(_large_deposit(rng, start, end, applied or end, income))
    entries += aml_defects.planted(rng, aml, start=start, end=end, applied=applied or end)
    entries += _repayment_entries(rng, months, repayments)
    entries = sorted((e for e in entries if start <= e.day <= end), key=lambda e: (e.day, e.time))
    opening = cents(float(income.monthly) * rng.uniform(0.6, 4.0) + rng.uniform(0, 999))
    opening += sum((-e.amount for e in entries if e.kind == "loan"), Decimal(0))  # the repayments never bounce
    rows = _with_balances(entries, opening)
    if broken_chain:
        rows = _break_chain(rng, rows)
    style = make_style(rng)
    pages = paginate(len(rows), style, at_least=3 if missing_page else 1)
    missing = rng.randint(2, len(pages) - 1) if missing_page else None
    return StatementFacts(bank, branch, holder, account, start, end, issue, opening, tuple(rows), style, pages,
                          sealed=sealed, missing_page=missing, original_holder=original_holder)
