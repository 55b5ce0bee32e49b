"""One applicant: the spec, and the plan of every fact behind its files (pure and fast; nothing rendered)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .companies import Company
from .contract import ContractFacts
from .credit import CreditReportFacts
from .defects import check_defects
from .delivery import Delivery
from .idcard import IdCardFacts, make_id_card
from .income_proof import IncomeProofFacts, make_income_proof
from .license import LicenseFacts
from .people import Job, Person, make_job, make_person, other_name
from .statement import StatementFacts
from .tax import TaxFacts
from .templates import FAMILY, choose
from .truth import Bundle, default_bundle, numbered_types

ITEMS = ("id_front", "id_back", "income_proof", "bank_statement", "purchase_contract", "tax_certificate",
         "business_license", "credit_report")
ITEM_TYPE = {"id_front": "id_card", "id_back": "id_card", **{i: i for i in ITEMS[2:]}}
NAME_TARGETS = ("income_proof", "tax_certificate", "bank_statement")


@dataclass(frozen=True)
class ApplicantSpec:
    """What to generate: folder name, seed, profile, application date, defects, forced deliveries, bundling.

    `forms` forces the delivery of an item; `bundle` forces (True) or forbids (False) one scanned bundle PDF;
    `donor` is the earlier applicant whose ID emblem-side image a duplicate_document defect re-uses;
    `templates` says which layout families the documents follow (seen | unseen | unseen2 … unseen19 | all,
    see templates.py);
    `template_turns` gives, per document type, this applicant's turn in a corpus's rotation of families.
    """

    applicant: str
    seed: int | str
    application_date: date = date(2026, 11, 20)
    profile: str = "salaried"
    defects: tuple[str, ...] = ()
    forms: dict[str, Delivery] = field(default_factory=dict)
    bundle: bool | None = None
    donor: ApplicantSpec | None = None
    templates: str = "seen"
    template_turns: dict[str, int] = field(default_factory=dict)
    credit_reports: bool = False  # hand in a credit report too (docproc samples generate --credit-reports)


@dataclass(frozen=True)
class FilePlan:
    """One file the applicant hands in: its name, delivery and the items it holds, in page order."""

    name: str
    delivery: Delivery
    items: tuple[str, ...]

    @property
    def form(self) -> str:
        """born_digital | scan | photo | bundle_scan."""
        return self.delivery.form


@dataclass(frozen=True)
class ApplicantPlan:
    """The facts behind every file of one applicant and how each file is delivered."""

    spec: ApplicantSpec
    person: Person
    card: IdCardFacts
    proof: IncomeProofFacts
    deliveries: dict[str, Delivery]
    job: Job | None = None
    company: Company | None = None
    statement: StatementFacts | None = None
    contract: ContractFacts | None = None
    tax: TaxFacts | None = None
    license: LicenseFacts | None = None
    files: tuple[FilePlan, ...] = ()
    donor: ApplicantPlan | None = None
    name_target: str | None = None
    loan_amount: Decimal | None = None
    templates: dict[str, str] = field(default_factory=dict)
    credit: CreditReportFacts | None = None
    credit_checks: tuple[tuple[str, str], ...] = ()  # the credit checks' verdicts that follow from the facts

    @property
    def bundle(self) -> Bundle:
        """The truth-relevant view of what was handed in."""
        base = default_bundle(self.spec.profile, self.spec.defects, credit=self.spec.credit_reports)
        forms = {f.form for f in self.files}
        exts = {f.delivery.ext for f in self.files}
        return Bundle(base.profile, base.present, base.id_sides, has_pdf="pdf" in exts,
                      has_image=bool(forms & {"scan", "photo", "bundle_scan"}), credit=self.credit_checks,
                      numbered=numbered_types({t: FAMILY[f] for t, f in self.templates.items()}))

    def family(self, item: str) -> str:
        """The template family an item follows."""
        return self.templates[ITEM_TYPE[item]]

    def items(self) -> list[str]:
        """The items handed in, in file order."""
        return [item for f in self.files for item in f.items]


def stream(spec: ApplicantSpec, label: str) -> random.Random:
    """An independent, reproducible random stream for one purpose of one applicant."""
    return random.Random(f"{spec.seed}:{spec.applicant}:{label}")


def identity(spec: ApplicantSpec) -> tuple[Person, IdCardFacts, Job, IncomeProofFacts, str | None]:
    """Person, card, job and letter, drawn in the order the committed tiny set was drawn (keep it so)."""
    defects = spec.defects
    rng = stream(spec, "plan")
    today = spec.application_date
    while True:
        person = make_person(rng, today=today)
        try:
            card = make_id_card(rng, person, today=today, expired="expired_id" in defects,
                                bad_check_digit="bad_id_check_digit" in defects, expiring="expiring_id" in defects)
        except ValueError:
            continue
        break
    job = make_job(rng, person, today=today)
    stale = "stale_income_proof" in defects
    issued = today - timedelta(days=rng.randint(31, 90) if stale else rng.randint(3, 25))
    alias = other_name(rng, person.name, person.sex) if "name_mismatch" in defects else None
    target = name_target(spec)
    legend = None
    if "wrong_seal_income_proof" in defects:
        from .companies import make_company

        legend = make_company(stream(spec, "seal"), job.employer.region).name
    proof = make_income_proof(card, job, issue_date=issued, name=alias if target == "income_proof" else None,
                              sealed="unsealed_income_proof" not in defects, seal_legend=legend)
    return person, card, job, proof, alias


def name_target(spec: ApplicantSpec) -> str | None:
    """The document that names someone else under name_mismatch (the first one present of NAME_TARGETS)."""
    if "name_mismatch" not in spec.defects:
        return None
    present = default_bundle(spec.profile, spec.defects, credit=spec.credit_reports).present
    return next(t for t in NAME_TARGETS if t in present)


def plan(spec: ApplicantSpec) -> ApplicantPlan:
    """Draw every fact the spec's profile and defects call for, and decide each file's delivery."""
    from .plan_docs import plan_documents
    from .plan_files import plan_files

    check_defects(spec.profile, spec.defects, credit=spec.credit_reports)
    if "duplicate_document" in spec.defects and spec.donor is None:
        raise ValueError("duplicate_document needs a donor applicant (ApplicantSpec.donor)")
    person, card, job, proof, alias = identity(spec)
    docs = plan_documents(spec, person=person, card=card, job=job, alias=alias)
    donor = plan(spec.donor) if spec.donor is not None and "duplicate_document" in spec.defects else None
    files, deliveries = plan_files(spec, statement=docs.statement, contract=docs.contract, donor=donor)
    return ApplicantPlan(spec, person, card, proof, deliveries, job, docs.company, docs.statement, docs.contract,
                         docs.tax, docs.license, files, donor, name_target(spec), docs.loan_amount,
                         choose_families(spec), docs.credit, docs.credit_checks)


def choose_families(spec: ApplicantSpec) -> dict[str, str]:
    """The template family of every document type, each drawn from its own stream (see templates.py)."""
    types = dict.fromkeys(t for t in ITEM_TYPE.values() if t != "credit_report")  # one design: no families
    return {t: choose(stream(spec, f"template:{t}"), t, spec.templates, spec.template_turns.get(t)).id for t in types}
