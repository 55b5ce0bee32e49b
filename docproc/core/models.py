"""Frozen pydantic models at every stage boundary (SPEC §2–§5 names).

Coordinates: top-left origin. ``BBox.unit`` says whether the numbers are pixels of the
stored page render (``px``) or PDF points (``pt``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic import Field as PydanticField

from docproc.core.screening import Screening
from docproc.core.tax_verification import TaxVerifications


class Frozen(BaseModel):
    """Base for immutable models."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class DocType(StrEnum):
    """Document type ids (SPEC §2)."""

    ID_CARD = "id_card"
    INCOME_PROOF = "income_proof"
    BANK_STATEMENT = "bank_statement"
    PURCHASE_CONTRACT = "purchase_contract"
    TAX_CERTIFICATE = "tax_certificate"
    BUSINESS_LICENSE = "business_license"
    CREDIT_REPORT = "credit_report"
    UNKNOWN = "unknown"


class Side(StrEnum):
    """ID card side."""

    FRONT = "front"
    BACK = "back"


class Status(StrEnum):
    """Verdict of one checklist item (SPEC §4)."""

    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"
    REVIEW = "review"
    NOT_APPLICABLE = "not_applicable"


class Category(StrEnum):
    """Check families (SPEC §4)."""

    COMPLETENESS = "completeness"
    STAMP = "stamp"
    FRESHNESS = "freshness"
    ANOMALY = "anomaly"


class ChecklistStatus(StrEnum):
    """Overall status of an application's checklist."""

    READY = "ready"
    NEEDS_SUPPLEMENT = "needs_supplement"
    FLAGGED = "flagged"
    PROCESSING = "processing"


class FileState(StrEnum):
    """Where a stored file is in the queue."""

    RECEIVED = "received"
    QUEUED = "queued"
    READING = "reading"
    DONE = "done"
    ERROR = "error"


class Unit(StrEnum):
    """Coordinate unit of a bbox."""

    PX = "px"
    PT = "pt"


class BBox(Frozen):
    """Axis-aligned box, top-left origin."""

    x0: float
    y0: float
    x1: float
    y1: float
    unit: Unit = Unit.PX

    def as_list(self) -> list[float]:
        """``[x0, y0, x1, y1]`` as SPEC §2 prints it."""
        return [round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1)]

    def union(self, other: BBox) -> BBox:
        """Smallest box holding both."""
        return BBox(
            x0=min(self.x0, other.x0),
            y0=min(self.y0, other.y0),
            x1=max(self.x1, other.x1),
            y1=max(self.y1, other.y1),
            unit=self.unit,
        )


class Word(Frozen):
    """One recognised word or text run on a page."""

    text: str
    bbox: BBox
    confidence: float = PydanticField(ge=0.0, le=1.0)
    line: int = 0
    font: str | None = None


FieldValue = str | int | float | Decimal | date | list[Any] | None


class Field(Frozen):
    """One extracted field with its evidence."""

    value: Any
    confidence: float = PydanticField(ge=0.0, le=1.0)
    page: int = PydanticField(ge=1, description="1-based page within its file")
    bbox: BBox | None = None
    raw: str | None = None


class Stamp(Frozen):
    """A seal found on a page."""

    bbox: BBox
    color: Literal["red", "blue", "black", "other"]
    shape: Literal["round", "oval", "square"]
    text: str | None = None
    confidence: float = PydanticField(ge=0.0, le=1.0)
    page: int = 1
    partial: bool = False  # cut by the page's edge (骑缝章, or a seal half off a scan): the box is the visible part
    legend_reads: tuple[str, ...] = ()  # raw OCR reads of the whole ring, each starting at another angle
    legend_lattices: tuple[tuple[tuple[tuple[str, float], ...], ...], ...] = ()  # per ring read: per position, (char, p)


class PageSource(StrEnum):
    """How a page's words were obtained."""

    TEXT_LAYER = "text_layer"
    OCR = "ocr"


class Page(Frozen):
    """One page of a stored file, with its words and the render kept for evidence."""

    file_id: str
    number: int = PydanticField(ge=1)
    width: float
    height: float
    unit: Unit
    source: PageSource
    words: tuple[Word, ...] = ()
    render_sha256: str | None = None
    render_width: int = 0
    render_height: int = 0
    stamps: tuple[Stamp, ...] = ()
    meta: dict[str, Any] = PydanticField(default_factory=dict)

    @property
    def text(self) -> str:
        """Words joined in reading order, one line per OCR line."""
        lines: dict[int, list[str]] = {}
        for word in self.words:
            lines.setdefault(word.line, []).append(word.text)
        return "\n".join(" ".join(parts) for _, parts in sorted(lines.items()))


class PageLabel(Frozen):
    """Classification of one page."""

    doc_type: DocType
    side: Side | None = None
    confidence: float = PydanticField(ge=0.0, le=1.0)
    page_of: tuple[int, int] | None = None
    both_sides: bool = False  # an ID card photocopied front and back on one page


class RawDocument(Frozen):
    """Pages grouped as one document, before field extraction."""

    file_id: str
    doc_type: DocType
    side: Side | None = None
    pages: tuple[Page, ...]
    confidence: float = 1.0
    printed_page_numbers: tuple[tuple[int, int] | None, ...] = ()

    @property
    def page_numbers(self) -> list[int]:
        """1-based page numbers within the file."""
        return [p.number for p in self.pages]


DATE_FIELDS = frozenset({"birth_date", "valid_from", "valid_until", "employment_start", "issue_date", "period_start",
                         "period_end", "signing_date", "established_date", "business_term_until", "date", "report_date",
                         "opened"})
AMOUNT_FIELDS = frozenset({"monthly_income", "opening_balance", "closing_balance", "total_price", "total_income", "total_tax",
                           "registered_capital", "floor_area", "amount", "balance", "limit_or_principal", "monthly_payment",
                           "overdue_amount", "total_monthly_payment"})


def typed_value(name: str, value: Any) -> Any:
    """A field value with its canonical Python type restored (after a JSON round-trip)."""
    if isinstance(value, str):
        if name in DATE_FIELDS:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value  # e.g. 长期 (long-term validity)
        if name in AMOUNT_FIELDS:
            try:
                return Decimal(value)
            except ArithmeticError:
                return value
    if isinstance(value, list):
        return [
            {k: typed_value(k, v) for k, v in item.items()} if isinstance(item, dict) else item for item in value
        ]
    return value


class Document(Frozen):
    """A classified document with its fields, stamps and read metadata."""

    id: str
    file_id: str
    type: DocType
    side: Side | None = None
    pages: list[int]
    fields: dict[str, Field] = PydanticField(default_factory=dict)
    stamps: list[Stamp] = PydanticField(default_factory=list)
    confidence: float = 1.0
    meta: dict[str, Any] = PydanticField(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _typed(cls, fields: dict[str, Field]) -> dict[str, Field]:
        return {
            name: f if typed_value(name, f.value) is f.value else f.model_copy(update={"value": typed_value(name, f.value)})
            for name, f in fields.items()
        }


class Evidence(Frozen):
    """What a verdict rests on: a document, page, box and value."""

    document_id: str | None = None
    file_id: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    field: str | None = None
    value: Any = None


class Title(Frozen):
    """A bilingual title."""

    zh: str
    en: str


class CheckResult(Frozen):
    """One checklist item as the machine decided it."""

    id: str
    category: Category
    title: Title
    status: Status
    reasons: list[str] = PydanticField(default_factory=list)
    reasons_zh: list[str] = PydanticField(default_factory=list)  # the same, one for one, in Chinese
    evidence: list[Evidence] = PydanticField(default_factory=list)
    supplement: Title | None = None


class Override(Frozen):
    """An officer's verdict beside the machine's; never replaces it."""

    check_id: str
    status: Status
    comment: str = PydanticField(min_length=1)
    officer: str
    at: datetime


class ChecklistItem(Frozen):
    """A check result as shown on the checklist, with any override beside it."""

    id: str
    category: Category
    title: Title
    status: Status
    machine_status: Status
    reasons: list[str]
    reasons_zh: list[str] = PydanticField(default_factory=list)  # empty in checklists of earlier releases
    evidence: list[Evidence]
    override: Override | None = None
    blocks_ready: bool = False  # a review the policy lets hold the status (review_blocks_ready): not ready


class SupplementItem(Frozen):
    """One line of the supplement request (补件清单)."""

    check_id: str
    zh: str
    en: str


class Checklist(Frozen):
    """The per-applicant pre-review result."""

    application: str
    profile: str
    status: ChecklistStatus
    items: list[ChecklistItem]
    supplement_request: list[SupplementItem]
    documents: list[Document]
    errors: list[dict[str, str]] = PydanticField(default_factory=list)
    policy_version: str
    application_date: date
    created_at: datetime


class Application(Frozen):
    """An applicant's pre-review case."""

    id: str
    profile: str
    application_date: date
    applicant_name: str | None = None
    applicant_id_number: str | None = None
    loan_amount: Decimal | None = None
    external_ref: str | None = None
    branch: str = "main"
    created_by: str | None = None
    created_at: datetime
    contact_mobile: str | None = None  # the customer's, for supplement reminders (masked in lists and logs)
    contact_email: str | None = None


class StoredFile(Frozen):
    """An uploaded file: content-addressed blob plus its queue state."""

    id: str
    application_id: str
    sha256: str
    filename: str
    size: int
    content_type: str | None = None
    state: FileState
    error: str | None = None
    error_code: str | None = None
    created_at: datetime
    parent_id: str | None = None
    excluded_by: str | None = None  # an officer took it out of the checks: kept, shown, restorable
    excluded_at: datetime | None = None
    duplicate_of: str | None = None  # the same bytes were already in the application: kept, not counted twice


class DuplicatePage(Frozen):
    """A page of this application whose image was already seen in another application."""

    file_id: str
    page: int
    other_application: str
    other_file_id: str
    other_page: int


class Bundle(Frozen):
    """Everything the checks see: one application, its documents, and facts gathered for them."""

    application: Application
    documents: list[Document]
    files: list[StoredFile] = PydanticField(default_factory=list)
    duplicates: list[DuplicatePage] = PydanticField(default_factory=list)
    screening: Screening | None = None  # names against the imported watch list (None: not screened)
    tax_verification: TaxVerifications | None = None  # None: no verification service is configured

    def of_type(self, doc_type: DocType, side: Side | None = None) -> list[Document]:
        """Documents of a type (and side), in file order."""
        return [
            d for d in self.documents if d.type == doc_type and (side is None or d.side == side)
        ]
