"""Plan the profile's documents beyond the ID card and the letter: business, statement, tax record, contract."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from docproc.cn.id_number import make_id_number

from . import plan_credit
from .applicant import ApplicantSpec, name_target, stream
from .companies import Company, counterparties, make_company, make_developer, make_shop
from .contract import ContractFacts, make_contract
from .credit import CreditReportFacts
from .defects import STATEMENT_MONTHS
from .finance import BANKS, add_months, branch_name, card_number, cents
from .idcard import IdCardFacts
from .license import LicenseFacts, make_license
from .people import Job, Person, make_name
from .regions import REGIONS, Region
from .statement import Income, StatementFacts, make_statement
from .tax import TaxFacts, TaxRow, business_schedule, fee_schedule, make_tax, month_span
from .truth import default_bundle


@dataclass(frozen=True)
class Documents:
    """The planned facts of the non-identity documents (None where the profile has none)."""

    company: Company | None
    license: LicenseFacts | None
    statement: StatementFacts | None
    tax: TaxFacts | None
    contract: ContractFacts | None
    loan_amount: Decimal
    credit: CreditReportFacts | None = None
    credit_checks: tuple[tuple[str, str], ...] = ()


def plan_documents(spec: ApplicantSpec, *, person: Person, card: IdCardFacts, job: Job,
                   alias: str | None) -> Documents:
    """Draw business, earnings, statement, tax record and contract, each from its own random stream."""
    present = default_bundle(spec.profile, spec.defects, credit=spec.credit_reports).present
    target = name_target(spec)
    company, licence = _business(spec, person)
    earnings = _earnings(spec, person, company)
    contract = _contract(spec, person, card, job, company)  # each document draws from its own stream: order is free
    credit = None
    if spec.credit_reports:
        region = company.region if company else job.employer.region if spec.profile == "salaried" else person.region
        credit = plan_credit.plan_report(spec, person=person, id_number=card.id_number, region=region,
                                         monthly=plan_credit.income_estimate(spec, job, earnings),
                                         first_loan=plan_credit.first_loan_of(contract))
    statement = _statement(spec, person, job, company, earnings, alias if target == "bank_statement" else None,
                           plan_credit.repayments(credit) if credit else ()) if "bank_statement" in present else None
    tax = _tax(spec, person, card, company, earnings, alias if target == "tax_certificate" else None) \
        if "tax_certificate" in present else None
    loan = _loan(spec, contract)
    checks: tuple[tuple[str, str], ...] = ()
    if credit is not None:
        employer = job.employer.name if spec.profile == "salaried" and "income_proof" in present else None
        income = plan_credit.verified_income(statement, tax, employer)
        loan = plan_credit.loan_amount(spec, credit, income, loan) if "excessive_loan" not in spec.defects else loan
        checks = (("anomaly.debt_to_income", plan_credit.debt_verdict(credit, income, loan)),
                  ("anomaly.credit_hidden_debt", plan_credit.hidden_debt_verdict(credit, statement)))
    return Documents(company, licence if "business_license" in present else None, statement, tax,
                     contract if "purchase_contract" in present else None, loan, credit, checks)


def _loan(spec: ApplicantSpec, contract: ContractFacts) -> Decimal:
    """The loan applied for: the contract's mortgage part in whole 10,000s, or (excessive_loan) 75–85 % of the price."""
    if "excessive_loan" in spec.defects:
        share = Decimal(str(round(stream(spec, "loan").uniform(0.75, 0.85), 3)))
        return ((contract.total_price * share / 10_000).to_integral_value(rounding="ROUND_CEILING") * 10_000) \
            .quantize(Decimal("0.01"))
    mortgage = contract.total_price - contract.down_payment
    return ((mortgage / 10_000).to_integral_value(rounding="ROUND_FLOOR") * 10_000).quantize(Decimal("0.01"))


def _business(spec: ApplicantSpec, person: Person) -> tuple[Company | None, LicenseFacts | None]:
    """The applicant's own business and its licence (self-employed: 个体工商户; owner: a company)."""
    if spec.profile not in ("self_employed", "enterprise_owner"):
        return None, None
    rng = stream(spec, "business")
    region = person.region if rng.random() < 0.7 else rng.choice(REGIONS)
    individual = spec.profile == "self_employed"
    rep = make_name(rng, rng.choice("男女")) if "not_legal_representative" in spec.defects else person.name
    company = make_shop(rng, region, person.name) if individual else make_company(rng, region, rep=rep)
    licence = make_license(rng, company=company, individual=individual, applied=spec.application_date,
                           expired="expired_license" in spec.defects, bad_uscc="bad_uscc" in spec.defects)
    return company, licence


def _earnings(spec: ApplicantSpec, person: Person, company: Company | None) -> list[TaxRow]:
    """Taxed income rows up to the month before the application (fees, or business income)."""
    rng = stream(spec, "earnings")
    if spec.profile == "freelancer":
        return fee_schedule(rng, spec.application_date, counterparties(rng, person.region, 4), months=17)
    if spec.profile == "self_employed" and company is not None:
        monthly = Decimal(rng.randrange(12_000, 50_000, 100))
        return business_schedule(rng, spec.application_date, company.name, monthly, months=17)
    return []


def _statement(spec: ApplicantSpec, person: Person, job: Job, company: Company | None, earnings: list[TaxRow],
               alias: str | None, repayments: tuple[tuple[int, Decimal, str, date], ...] = ()) -> StatementFacts:
    """The statement: bank, account, period by profile, income model, and its planted defects."""
    rng = stream(spec, "statement")
    d, today = spec.defects, spec.application_date
    bank = rng.choice(BANKS)
    home = company.region if company else job.employer.region if spec.profile == "salaried" else person.region
    region = home if rng.random() < 0.7 else person.region
    need = STATEMENT_MONTHS[spec.profile]
    months = need if rng.random() < 0.7 else need + (6 if need == 6 and rng.random() < 0.5 else 1)
    if "short_statement" in d:
        months = 3 if need == 6 else rng.randint(6, 8)
    end = today - timedelta(days=rng.randint(35, 90) if "stale_bank_statement" in d else rng.randint(2, 20))
    start = add_months(end, -months) + timedelta(days=1)
    issue = min(end + timedelta(days=rng.randint(0, 3)), today)
    income = _income(spec, rng, job, company, earnings)
    original = make_name(rng, person.sex) if "edited_pdf" in d else None
    companies = counterparties(rng, region, 5)
    return make_statement(rng, holder=alias or person.name, bank=bank, branch=branch_name(rng, bank, region),
                          account=card_number(rng, bank), region=region, period=(start, end), issue=issue,
                          income=income, companies=companies, applied=today, large_deposit="large_deposit" in d,
                          broken_chain="broken_balance_chain" in d, sealed="unsealed_bank_statement" not in d,
                          missing_page="missing_statement_page" in d, original_holder=original, aml=frozenset(d),
                          repayments=repayments)


def _income(spec: ApplicantSpec, rng: random.Random, job: Job, company: Company | None,
            earnings: list[TaxRow]) -> Income:
    """Where the statement's money comes from, by profile."""
    if spec.profile == "salaried":
        factor = rng.uniform(0.35, 0.6) if "income_mismatch" in spec.defects else 1.0
        return Income("salaried", job.monthly_income, payer=job.employer.name, factor=factor)
    if spec.profile == "enterprise_owner":
        return Income("enterprise_owner", cents(rng.uniform(18_000, 65_000)), payer=company.name if company else "")
    if spec.profile == "freelancer":
        fees = tuple((r.period.replace(day=rng.randint(3, 26)), r.agent, r.income - r.tax) for r in earnings)
        monthly = cents(sum(float(r.income) for r in earnings) / 17)
        return Income("freelancer", monthly, fees=fees)
    return Income("self_employed", Decimal(rng.randrange(12_000, 40_000, 100)))


def _tax(spec: ApplicantSpec, person: Person, card: IdCardFacts, company: Company | None, earnings: list[TaxRow],
         alias: str | None) -> TaxFacts:
    """The tax record: the 12 months before its issue month, from the applicant's taxed income."""
    rng = stream(spec, "tax")
    stale = "stale_tax_certificate" in spec.defects
    issue = spec.application_date - timedelta(days=rng.randint(35, 120) if stale else rng.randint(2, 25))
    start, end, _ = month_span(issue, 12)
    rows = [r for r in earnings if start <= r.period <= end]
    region = company.region if company else person.region
    authority = f"国家税务总局{region.city}{region.district}税务局"
    return make_tax(rng, name=alias or person.name, id_number=card.id_number, rows=rows, issue=issue,
                    authority=authority, sealed="unsealed_tax_certificate" not in spec.defects)


def _spouse(rng: random.Random, person: Person, region: Region) -> tuple[str, str]:
    """A co-buyer: spouse of the other sex, a few years apart, with a valid id number."""
    sex = "女" if person.sex == "男" else "男"
    birth = person.birth.replace(year=person.birth.year + rng.randint(-4, 4), day=min(person.birth.day, 28))
    return make_name(rng, sex), make_id_number(region.code, birth, rng.randint(0, 999), sex)


def _contract(spec: ApplicantSpec, person: Person, card: IdCardFacts, job: Job,
              company: Company | None) -> ContractFacts:
    """The purchase contract for a flat in the city where the applicant works or trades."""
    rng = stream(spec, "contract")
    d = spec.defects
    home = company.region if company else job.employer.region if spec.profile == "salaried" else person.region
    region = home if rng.random() < 0.7 else rng.choice(REGIONS)
    buyers: tuple[tuple[str, str], ...] = ((person.name, card.id_number),)
    if "foreign_buyer" in d:
        stranger = replace(person, sex=rng.choice(("男", "女")), birth=person.birth.replace(year=person.birth.year - 3))
        buyers = (_spouse(rng, stranger, rng.choice(REGIONS)),)
    if rng.random() < 0.2:
        buyers += (_spouse(rng, person, rng.choice(REGIONS)),)
    phone = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
    return make_contract(rng, buyers=buyers, buyer_address=person.address, buyer_phone=phone,
                         seller=make_developer(rng, region), region=region, applied=spec.application_date,
                         words_mismatch="amount_words_mismatch" in d, missing_page="missing_contract_page" in d,
                         sealed="unsealed_purchase_contract" not in d, pasted_seal="pasted_region" in d)

