"""The pre-review policy: profiles, required documents, windows and thresholds, loaded from data."""

from __future__ import annotations

import hashlib
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic import Field as PydanticField

from docproc.core.errors import ConfigError, UnknownProfile
from docproc.core.models import Category, DocType, Side, Title


class _PolicyModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Requirement(_PolicyModel):
    """One required document of a profile."""

    type: DocType
    sides: tuple[Side, ...] = ()
    min_months: int | None = None
    applicant_is_legal_representative: bool = False


class Profile(_PolicyModel):
    """An applicant profile and what it must hand in."""

    title: Title
    required: tuple[Requirement, ...]

    def requirement(self, doc_type: DocType) -> Requirement | None:
        """The requirement for ``doc_type``, or None when the profile does not ask for it."""
        return next((r for r in self.required if r.type == doc_type), None)


class Freshness(_PolicyModel):
    """Freshness windows in days."""

    income_proof_days: int = 30
    bank_statement_days: int = 30
    tax_certificate_days: int = 30
    credit_report_days: int = 30
    id_card_expiry_warning_days: int = 90


class Legibility(_PolicyModel):
    """Confidence below which a required field asks for a re-scan."""

    min_confidence: float = 0.55


class Identity(_PolicyModel):
    """Tolerances when matching the applicant across documents."""

    max_name_edits: int = 1
    max_id_number_edits: int = 1


class Pages(_PolicyModel):
    """completeness.pages on a document that prints no page numbering: nothing can be counted as missing."""

    unnumbered: Literal["not_applicable", "review"] = "not_applicable"


class Stamps(_PolicyModel):
    """Seal legend matching."""

    legend_min_similarity: float = 0.5
    legend_mismatch_below: float = 0.25
    legend_verified_min: float = 0.75


class Income(_PolicyModel):
    """Declared income against salary credits."""

    tolerance: float = 0.2
    salary_words: tuple[str, ...] = ("工资", "代发", "薪", "奖金", "salary", "payroll")


class Deposits(_PolicyModel):
    """Large or round deposits shortly before the application."""

    window_days: int = 30
    large_amount: float = 50000
    round_unit: float = 10000


class Aml(_PolicyModel):
    """anomaly.aml: patterns in the statement rows that an anti-money-laundering review looks at."""

    reporting_threshold: float = 50000  # large-cash reporting threshold (China: 50,000 CNY a transaction)
    structuring_margin: float = 0.1  # a deposit this share or less below the threshold is "just under" it
    structuring_count: int = 3  # this many just-under deposits ...
    structuring_days: int = 30  # ... within this many days -> review
    rapid_min_amount: float = 50000  # a credit at least this large ...
    rapid_days: int = 3  # ... of which debits within this many days take ...
    rapid_share: float = 0.9  # ... at least this share -> review (rapid in-and-out)
    counterparties_days: int = 30  # distinct payers in any window of this many days ...
    counterparties_max: int = 15  # ... above this -> review
    cash_days: int = 30  # cash deposits this close to the application date ...
    cash_min_amount: float = 20000  # ... of at least this much -> review
    cash_words: tuple[str, ...] = ("现金", "现存", "存现", "cash")
    round_amount: float = 100000  # a round credit (a multiple of round_unit) this large anywhere -> review
    round_unit: float = 10000
    screen_counterparties: bool = True  # screen payers and payees, not only the applicant, against the list


class TaxVerificationRules(_PolicyModel):
    """anomaly.tax_verified: what an unknown code means (a scanned code may be misread by one character)."""

    unknown_serial: Literal["review", "fail"] = "review"


class Reminders(_PolicyModel):
    """Supplement reminders (催缴): when, how often and through which channels the customer is reminded."""

    first_after_hours: float = PydanticField(default=24, ge=0)  # after the checklist first asks for papers
    every_days: float = PydanticField(default=2, gt=0)  # then every M days
    max_count: int = PydanticField(default=3, ge=0)  # at most K reminders per channel (0: off)
    quiet_start: str = PydanticField(default="21:00", pattern=r"^\d{2}:\d{2}$")  # local time: nothing sent ...
    quiet_end: str = PydanticField(default="08:00", pattern=r"^\d{2}:\d{2}$")  # ... until this time
    utc_offset_hours: float = 8  # the customers' local time (China Standard Time)
    channels: tuple[str, ...] = ("email", "sms", "phone")  # of docproc.service.reminder_channels
    retry_minutes: float = PydanticField(default=30, gt=0)  # a failed attempt is retried after this
    max_attempts: int = PydanticField(default=3, ge=1)  # attempts per reminder and channel


class Loan(_PolicyModel):
    """Loan limits."""

    max_ltv: float = 0.7


class Credit(_PolicyModel):
    """The credit report (个人信用报告) checks: overdue history, hard inquiries, debt against income."""

    past_overdue_months_max: int = PydanticField(default=2, ge=0)  # overdue months in 24 above this -> review
    hard_query_months: int = PydanticField(default=6, ge=1)  # loan/card approval inquiries in these months ...
    hard_queries_max: int = PydanticField(default=3, ge=0)  # ... above this many -> review
    hard_query_reasons: tuple[str, ...] = ("贷款审批", "信用卡审批", "融资审批", "担保资格审查")
    worst_status_review: int = PydanticField(default=3, ge=1, le=7)  # a late status this bad (3: 61-90 days) -> review
    # shares are written as fractions (0.5, not 50): the bounds refuse a percentage typed as a whole number
    dti_limit: float = PydanticField(default=0.5, gt=0, le=1.5)  # monthly debt payments / verified income above -> fail
    dti_review_from: float = PydanticField(default=0.45, gt=0, le=1.5)  # at or above (up to the limit) -> review
    new_loan_rate: float = PydanticField(default=0.035, ge=0, lt=0.3)  # yearly rate for the new loan's annuity
    new_loan_years: int = PydanticField(default=30, ge=1, le=40)  # its term
    repayment_tolerance: float = PydanticField(default=0.0, ge=0, lt=1)  # statement debit vs monthly payment (share; 1 yuan at least)
    repayment_months_min: int = PydanticField(default=2, ge=1)  # months a loan's payment must be seen debited in
    card_payment_share: float = PydanticField(default=0.1, ge=0, le=1)  # a card printing no monthly payment: this share of its balance

    @model_validator(mode="after")
    def _review_below_limit(self) -> Credit:
        if self.dti_review_from > self.dti_limit:
            raise ValueError("credit.dti_review_from must not be above credit.dti_limit")
        return self


class ProducerReview(_PolicyModel):
    """Where an office suite or PDF editor as producer asks for a look: only on types whose issuer prints them."""

    doc_types: tuple[DocType, ...] = ()
    producers: tuple[str, ...] = ()  # lower-case substrings of /Producer or /Creator


class PdfRules(_PolicyModel):
    """How anomaly.pdf_edit weighs a PDF: its structure is evidence, its producer only a hint."""

    producer_review: ProducerReview = ProducerReview()


class ImageRules(_PolicyModel):
    """Thresholds on the figures measured in photos and scans (docproc.reading.forensics)."""

    clone_matches_review: int = 40  # keypoints repeating one region elsewhere: copy-move?
    patch_sharpness_fail: float = 0.75  # print under a seal this much softer than beside it: a pasted patch
    smooth_min_share: float = 0.003  # painted-over regions smaller than this share of the page are glyph gaps
    smooth_grain_review: float = 0.25  # region grain / grain around it: painted over or in-painted?
    smooth_grain_fail: float = -1.0  # off: grain alone never fails (genuine flat artwork measures 0)
    ghost_ratio_review: float = 0.3  # a region with another JPEG history than the page around it


class ReviewBlocksReady(_PolicyModel):
    """Which ``review`` verdicts keep an application from ``ready`` (it is ``flagged`` until an officer
    overrides them); any other review is shown on the checklist and leaves the status as it is."""

    categories: tuple[Category, ...] = (Category.ANOMALY,)
    checks: tuple[str, ...] = ()  # check ids, beside whole categories

    def applies(self, check_id: str, category: Category) -> bool:
        """Whether a review of this check holds the status."""
        return category in self.categories or check_id in self.checks


class Retention(_PolicyModel):
    """How long uploaded originals and page renders are kept once an application is decided."""

    originals_days: int = PydanticField(default=0, ge=0)  # 0: kept; N: deleted N days after the decision


class Letter(_PolicyModel):
    """The supplement letter: how long the customer has to bring what is missing."""

    deadline_working_days: int = PydanticField(default=10, ge=1, le=60)  # Monday–Friday, less closed_days
    closed_days: tuple[date, ...] = ()  # public holidays on weekdays: not counted
    working_weekends: tuple[date, ...] = ()  # Saturdays or Sundays worked in lieu (调休): counted


class Policy(_PolicyModel):
    """The whole policy; ``version`` is the declared version plus a content hash."""

    version: str
    freshness: Freshness = Freshness()
    legibility: Legibility = Legibility()
    identity: Identity = Identity()
    pages: Pages = Pages()
    stamps: Stamps = Stamps()
    income: Income = Income()
    deposits: Deposits = Deposits()
    loan: Loan = Loan()
    credit: Credit = Credit()
    aml: Aml = Aml()
    reminders: Reminders = Reminders()
    tax_verification: TaxVerificationRules = TaxVerificationRules()
    pdf: PdfRules = PdfRules()
    images: ImageRules = ImageRules()
    retention: Retention = Retention()
    letter: Letter = Letter()
    review_blocks_ready: ReviewBlocksReady = ReviewBlocksReady()
    profiles: dict[str, Profile]

    def profile(self, name: str) -> Profile:
        """A profile by id; an unknown id is a configuration error."""
        try:
            return self.profiles[name]
        except KeyError:
            known = ", ".join(sorted(self.profiles))
            raise UnknownProfile(f"unknown profile {name!r}: choose one of {known}") from None


def default_policy_text() -> str:
    """The shipped default policy file's text."""
    return resources.files("docproc.core").joinpath("policy.toml").read_text(encoding="utf-8")


def parse_policy(text: str, *, source: str = "policy") -> Policy:
    """Parse policy TOML; the version gets the content hash so edits are always visible."""
    try:
        data = tomllib.loads(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        data["version"] = f"{data.get('version', 'custom')}+{digest}"
        return Policy.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{source} is not a valid policy: {exc}") from exc


def load_policy(path: Path | None = None) -> Policy:
    """Load ``path`` or the shipped default."""
    if path is None:
        return parse_policy(default_policy_text(), source="default policy")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read policy file {path}: {exc.strerror}") from exc
    return parse_policy(text, source=str(path))
