"""Personal credit reports (个人信用报告, 中国人民银行征信中心): accounts, 24-month history, inquiries, planted defects.

Only applicants of a corpus generated with ``--credit-reports`` get one; nothing here draws from the random
streams of the other documents, so corpora without credit reports keep their bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .finance import BANKS, add_months
from .pdfkit import Typeface, random_typeface

LAYOUTS = ("detailed", "simple")
# 业务种类 as the report prints it, and the kind (SPEC §2) it is
PRODUCTS = {"mortgage": "个人住房商业贷款", "consumer": "个人消费贷款", "business": "个人经营性贷款", "car": "个人汽车消费贷款",
            "credit_card": "贷记卡"}
KIND = {"car": "consumer"}
SOFT_REASONS = ("贷后管理", "本人查询")
HARD_REASONS = ("贷款审批", "信用卡审批")
YUAN = Decimal("1")


@dataclass(frozen=True)
class CreditAccount:
    """One account of the report: who manages it, what it is, its figures and its last 24 months (oldest first)."""

    institution: str
    product: str  # a key of PRODUCTS
    opened: date
    limit_or_principal: Decimal
    balance: Decimal
    monthly_payment: Decimal
    overdue_amount: Decimal
    statuses: tuple[str, ...]
    due_day: int
    paid_elsewhere: bool = False  # repaid from an account the statement does not show (credit_hidden_debt)

    @property
    def kind(self) -> str:
        """credit_card | mortgage | consumer | business."""
        return KIND.get(self.product, self.product)

    @property
    def is_loan(self) -> bool:
        """A loan (not a card) still being repaid."""
        return self.kind != "credit_card" and self.balance > 0

    @property
    def overdue_months(self) -> int:
        """Months of the 24 with an overdue status."""
        return sum(1 for s in self.statuses if s.isdigit())

    @property
    def worst_status(self) -> str:
        """The worst of the 24 statuses (N when none was overdue)."""
        return max((s for s in self.statuses if s.isdigit()), default="N")


@dataclass(frozen=True)
class CreditQuery:
    """One inquiry: when, by whom, why."""

    day: date
    institution: str
    reason: str


@dataclass(frozen=True)
class CreditReportFacts:
    """Everything one report prints, and its layout."""

    name: str
    id_number: str
    report_number: str
    report_time: datetime
    layout: str
    accounts: tuple[CreditAccount, ...]
    queries: tuple[CreditQuery, ...]
    face: Typeface
    date_style: str

    @property
    def report_date(self) -> date:
        """The day the report was made."""
        return self.report_time.date()

    @property
    def loans(self) -> tuple[CreditAccount, ...]:
        """The loans still being repaid."""
        return tuple(a for a in self.accounts if a.is_loan)

    def fields(self) -> dict[str, object]:
        """Canonical credit_report fields (SPEC §2) as this layout prints them."""
        detailed = self.layout == "detailed"
        rows = []
        for a in self.accounts:
            row = {"institution": a.institution, "kind": a.kind, "opened": a.opened.isoformat(),
                   "limit_or_principal": _yuan(a.limit_or_principal), "balance": _yuan(a.balance),
                   "overdue_amount": _yuan(a.overdue_amount)}
            if detailed:
                row |= {"monthly_payment": _yuan(a.monthly_payment), "worst_status_24m": a.worst_status,
                        "overdue_months_24m": a.overdue_months}
            rows.append(row)
        queries = [{"date": q.day.isoformat(), "institution": q.institution, "reason": q.reason} for q in self.queries]
        overdue = sum(1 for a in self.accounts if a.overdue_amount > 0 or a.overdue_months)
        total = sum((a.monthly_payment for a in self.accounts), Decimal(0)) if detailed else None
        return {"report_number": self.report_number, "report_date": self.report_date.isoformat(), "name": self.name,
                "id_number": self.id_number, "accounts": rows, "queries": queries, "overdue_accounts": overdue,
                "total_monthly_payment": _yuan(total) if total is not None else None}


def _yuan(amount: Decimal) -> str:
    return f"{amount:.2f}"


def annuity(principal: Decimal, *, rate: float, months: int) -> Decimal:
    """The monthly payment of an equal-instalment loan (等额本息), to the yuan."""
    r = rate / 12
    value = float(principal) / months if r == 0 else float(principal) * r / (1 - (1 + r) ** -months)
    return Decimal(str(value)).quantize(YUAN, rounding=ROUND_HALF_UP)


def _statuses(rng: random.Random, *, past: int, current: bool) -> tuple[str, ...]:
    """24 months of N, with ``past`` months overdue (1 or 2) some months back, and the last months overdue now."""
    out = ["N"] * 24
    if past:
        start = rng.randint(3, 24 - past - 1)
        for k in range(start, start + past):
            out[k] = rng.choice("1112")
    if current:
        out[-2:] = ["1", "2"]
    return tuple(out)


def _account(rng: random.Random, product: str, *, today: date, city: str, monthly: Decimal, past: int = 0,
             current: bool = False, elsewhere: bool = False) -> CreditAccount:
    bank = rng.choice(BANKS)
    if product == "credit_card":
        limit = max(Decimal(5000), (monthly * Decimal(str(rng.uniform(8, 40))) / 1000).quantize(YUAN) * 1000)
        balance = (limit * Decimal(str(rng.uniform(0.02, 0.25)))).quantize(YUAN)
        opened = today - timedelta(days=rng.randint(400, 3600))
        payment = (balance * Decimal(str(rng.uniform(0.1, 0.3)))).quantize(YUAN)
        overdue = (payment * Decimal("1.2")).quantize(YUAN) if current else Decimal(0)
        return CreditAccount(f"{bank.name}信用卡中心", product, opened, limit, balance, payment, overdue,
                             _statuses(rng, past=past, current=current), rng.randint(1, 28))
    years = {"mortgage": 30, "consumer": 3, "business": 5, "car": 5}[product]
    principal = (monthly * 12 * years * Decimal(str(rng.uniform(0.6, 0.8))) / 1000).quantize(YUAN) * 1000
    rate = {"mortgage": 0.045, "consumer": 0.06, "business": 0.05, "car": 0.055}[product]
    payment = annuity(principal, rate=rate, months=years * 12)
    elapsed = rng.randint(6, years * 12 - 6)
    opened = add_months(today.replace(day=1), -elapsed).replace(day=rng.randint(1, 28))
    balance = (principal * Decimal(1 - elapsed / (years * 12)) * Decimal("1.05")).quantize(YUAN).min(principal)
    overdue = (payment * 2).quantize(YUAN) if current else Decimal(0)
    return CreditAccount(f"{bank.name}{city}分行", product, opened, principal, balance, payment, overdue,
                         _statuses(rng, past=past, current=current), rng.randint(5, 25), elsewhere)


def _loan_payments(monthly: Decimal) -> Decimal:
    return (monthly * Decimal("0.08")).quantize(YUAN)


def _queries(rng: random.Random, *, today: date, hard: int, institutions: list[str]) -> tuple[CreditQuery, ...]:
    """Inquiries over two years: after-loan checks and own queries, and ``hard`` approvals in the last 6 months."""
    out = [CreditQuery(today - timedelta(days=rng.randint(200, 700)), rng.choice(institutions), rng.choice(HARD_REASONS))
           for _ in range(rng.randint(0, 2))]
    out += [CreditQuery(today - timedelta(days=rng.randint(5, 700)), rng.choice(institutions), rng.choice(SOFT_REASONS))
            for _ in range(rng.randint(1, 4))]
    out += [CreditQuery(today - timedelta(days=rng.randint(3, 170)), rng.choice(institutions), rng.choice(HARD_REASONS))
            for _ in range(hard)]
    return tuple(sorted(out, key=lambda q: q.day, reverse=True))


def make_credit_report(rng: random.Random, *, name: str, id_number: str, applied: date, city: str, monthly: Decimal,
                       defects: tuple[str, ...], extra_payment: Decimal = Decimal(0)) -> CreditReportFacts:
    """A report printed a few days before the application, for a person earning about ``monthly`` a month.

    ``extra_payment`` (dti_over_limit) adds a business loan with that monthly payment.
    """
    made = applied - timedelta(days=rng.randint(1, 20))
    when = datetime.combine(made, time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59)))
    products = ["credit_card"] * rng.randint(1, 2)
    if rng.random() < 0.5:
        products.append(rng.choice(("consumer", "car")))
    past, current = "credit_overdue_past" in defects, "credit_overdue_current" in defects
    hidden = "credit_hidden_debt" in defects
    if hidden and not any(p != "credit_card" for p in products):
        products.append("consumer")
    accounts = []
    budget = _loan_payments(monthly)
    for k, product in enumerate(products):
        account = _account(rng, product, today=made, city=city, monthly=budget, past=rng.randint(3, 6) if past and k == 0 else 0,
                           current=current and k == len(products) - 1, elsewhere=hidden and product != "credit_card")
        accounts.append(account)
    if extra_payment > 0:
        years = 5
        principal = (extra_payment * years * 12 * Decimal("0.88") / 1000).quantize(YUAN) * 1000
        base = _account(rng, "business", today=made, city=city, monthly=budget)
        payment = annuity(principal, rate=0.05, months=years * 12)
        accounts.append(CreditAccount(base.institution, "business", base.opened, principal,
                                      (principal * Decimal("0.9")).quantize(YUAN), payment, Decimal(0), base.statuses,
                                      base.due_day))
    # the simple layout prints no monthly payment: these two defects need the detailed one to show
    layout = "detailed" if hidden or "dti_over_limit" in defects else rng.choice(LAYOUTS)
    number = f"{made:%Y%m%d}{when:%H%M%S}" + "".join(rng.choice("0123456789") for _ in range(8))
    institutions = [a.institution for a in accounts] + [f"{b.name}股份有限公司" for b in rng.sample(BANKS, 3)]
    queries = _queries(rng, today=made, hard=rng.randint(5, 7) if "credit_excess_queries" in defects else rng.randint(0, 2),
                       institutions=institutions)
    return CreditReportFacts(name, id_number, number, when, layout, tuple(accounts), queries, random_typeface(rng),
                             rng.choice(("%Y.%m.%d", "%Y-%m-%d")))
