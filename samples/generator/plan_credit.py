"""Plan an applicant's credit report (``--credit-reports``) and what follows from it: the loan repayments the
statement shows, the loan applied for, and the verdicts of the checks that weigh debt against income.

The debt-to-income verdict is worked out from the facts by the rule the check states (an annuity computed here,
not the product's, and the shipped policy's figures), so the truth holds whatever the random draws were.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from docproc.core.policy import load_policy

from .applicant import ApplicantSpec, stream
from .contract import ContractFacts
from .credit import CreditAccount, CreditReportFacts, make_credit_report
from .income_proof import IncomeProofFacts
from .people import Job, Person
from .regions import Region
from .statement import StatementFacts
from .tax import TaxFacts, TaxRow

POLICY = load_policy()
TEN_THOUSAND = Decimal(10_000)
MIN_LOAN = Decimal(50_000)


def income_estimate(spec: ApplicantSpec, job: Job, earnings: list[TaxRow]) -> Decimal:
    """About what the applicant earns a month, before the statement is drawn (it sizes the accounts)."""
    if spec.profile == "salaried":
        return job.monthly_income
    if earnings:
        return (sum((r.income for r in earnings), Decimal(0)) / 17).quantize(Decimal("0.01"))
    return Decimal(20_000)  # an enterprise owner pays himself 18,000–65,000


def _payments(accounts: tuple[CreditAccount, ...]) -> Decimal:
    return sum((a.monthly_payment for a in accounts), Decimal(0))


def plan_report(spec: ApplicantSpec, *, person: Person, id_number: str, region: Region, monthly: Decimal,
                first_loan: Decimal) -> CreditReportFacts:
    """The report; under dti_over_limit with a business loan large enough that the payments take 80 % of ``monthly``."""
    def draw(extra: Decimal) -> CreditReportFacts:
        return make_credit_report(stream(spec, "credit"), name=person.name, id_number=id_number,
                                  applied=spec.application_date, city=region.short_city, monthly=monthly,
                                  defects=spec.defects, extra_payment=extra)

    facts = draw(Decimal(0))
    if "dti_over_limit" in spec.defects:
        new = annuity(first_loan, rate=POLICY.credit.new_loan_rate, years=POLICY.credit.new_loan_years)
        extra = monthly * Decimal("0.8") - _payments(facts.accounts) - new
        if extra > 0:
            facts = draw(extra.quantize(Decimal("1")))
    return facts


def annuity(principal: Decimal, *, rate: float, years: int) -> Decimal:
    """等额本息 monthly payment P·r/(1−(1+r)^−n), worked in Decimal here (not the product's): 1,000,000 at 3.5 % over
    30 years is 4,490.45 a month."""
    n, r = years * 12, Decimal(str(rate)) / 12
    if r == 0:
        return (principal / n).quantize(Decimal("0.01"))
    return (principal * r / (1 - (1 + r) ** -n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def repayments(facts: CreditReportFacts) -> tuple[tuple[int, Decimal, str, date], ...]:
    """(day of month, amount, lender, opened) of each loan the statement shows being repaid."""
    return tuple((a.due_day, a.monthly_payment, a.institution, a.opened) for a in facts.loans if not a.paid_elsewhere)


def verified_income(statement: StatementFacts | None, tax: TaxFacts | None, employer: str | None) -> Decimal | None:
    """Monthly income by the rule anomaly.debt_to_income states: salary credits of the statement's handed-in rows
    averaged over the months the statement covers, else the tax record's income over the months of its period."""
    if statement is not None:
        by_month: dict[tuple[int, int], Decimal] = {}
        words = [w.lower() for w in POLICY.income.salary_words]
        for row in statement.fields()["transactions"]:  # type: ignore[attr-defined]
            amount = Decimal(row["amount"])
            text = f"{row['description']}{row['counterparty']}".lower()
            if amount > 0 and (any(w in text for w in words) or (employer and employer in row["counterparty"])):
                day = date.fromisoformat(row["date"])
                by_month[(day.year, day.month)] = by_month.get((day.year, day.month), Decimal(0)) + amount
        if by_month:  # over the months the statement covers: a month without pay lowers the average
            covered = max(len(by_month), round((statement.period_end - statement.period_start).days / 30.44))
            return (sum(by_month.values(), Decimal(0)) / covered).quantize(Decimal("0.01"))
    if tax is not None and tax.period_end > tax.period_start:
        months = max(1, round((tax.period_end - tax.period_start).days / 30.44))
        return (tax.total_income / months).quantize(Decimal("0.01"))
    return None


def existing_payments(facts: CreditReportFacts) -> tuple[Decimal, bool]:
    """What the check counts as existing monthly payments, and whether a loan's payment is not printed."""
    if facts.layout == "detailed":
        return _payments(facts.accounts), False
    share = Decimal(str(POLICY.credit.card_payment_share))
    cards = sum(((a.balance * share).quantize(Decimal("0.01")) for a in facts.accounts if a.kind == "credit_card"),
                Decimal(0))
    return cards, bool(facts.loans)


def loan_amount(spec: ApplicantSpec, facts: CreditReportFacts, income: Decimal | None, first_loan: Decimal) -> Decimal:
    """The loan applied for: the mortgage part as before, cut so that debt payments take 20–38 % of the verified
    income (banks lend by it); under dti_over_limit the whole mortgage part."""
    if income is None or "dti_over_limit" in spec.defects:
        return first_loan
    rule = POLICY.credit
    share = Decimal(str(round(stream(spec, "credit:loan").uniform(0.2, 0.38), 3)))
    room = income * share - existing_payments(facts)[0]
    per_unit = annuity(TEN_THOUSAND * 100, rate=rule.new_loan_rate, years=rule.new_loan_years) / (TEN_THOUSAND * 100)
    fits = (room / per_unit / TEN_THOUSAND).to_integral_value(rounding=ROUND_FLOOR) * TEN_THOUSAND if room > 0 else MIN_LOAN
    return max(MIN_LOAN, min(first_loan, fits)).quantize(Decimal("0.01"))


def debt_verdict(facts: CreditReportFacts, income: Decimal | None, loan: Decimal) -> str:
    """anomaly.debt_to_income as the product decides it."""
    if income is None or income <= 0:
        return "review"  # a report and a loan amount without a verified income: checked by hand
    rule = POLICY.credit
    existing, unknown = existing_payments(facts)
    ratio = (existing + annuity(loan, rate=rule.new_loan_rate, years=rule.new_loan_years)) / income
    if ratio > Decimal(str(rule.dti_limit)):
        return "fail"
    if unknown or ratio >= Decimal(str(rule.dti_review_from)):
        return "review"
    return "pass"


def hidden_debt_verdict(facts: CreditReportFacts, statement: StatementFacts | None) -> str:
    """anomaly.credit_hidden_debt as the product decides it (loans opened before the statement ends)."""
    if statement is None or not statement.transactions:
        return "not_applicable"
    loans = [a for a in facts.loans if a.opened < statement.period_end]
    if not loans:
        return "pass"
    if facts.layout != "detailed":
        return "not_applicable"
    return "review" if any(a.paid_elsewhere for a in loans) else "pass"


def first_loan_of(contract: ContractFacts) -> Decimal:
    """The contract's mortgage part in whole 10,000s (as every corpus plans the loan)."""
    mortgage = contract.total_price - contract.down_payment
    return ((mortgage / TEN_THOUSAND).to_integral_value(rounding=ROUND_FLOOR) * TEN_THOUSAND).quantize(Decimal("0.01"))


def employer_of(proof: IncomeProofFacts | None, present: frozenset[str]) -> str | None:
    """The employer the product reads from the income proof (when one is handed in)."""
    return proof.employer if proof is not None and "income_proof" in present else None

