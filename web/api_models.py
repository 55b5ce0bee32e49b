"""Request and response models of the REST API; they validate the wire and generate the OpenAPI document."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from docproc.core.models import (
    Application,
    ChecklistItem,
    ChecklistStatus,
    DocType,
    Override,
    Side,
    Stamp,
    StoredFile,
    SupplementItem,
)
from docproc.store.catalog import AppState
from docproc.store.integrations import URL_PATTERN

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _number(value: Any) -> Any:
    if isinstance(value, str | bool):
        raise ValueError("must be a JSON number")
    return Decimal(str(value)) if isinstance(value, int | float) else value


def _rfc3339(value: Any) -> Any:
    if isinstance(value, str) and not _RFC3339.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time, e.g. 2026-11-20T08:00:00Z")
    return value


BRANCH_PATTERN = r"^[A-Za-z0-9_.-]{1,40}$"
MOBILE_PATTERN = r"^\+?[0-9][0-9 -]{6,19}$"
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$"
Branch = Annotated[str, Field(pattern=BRANCH_PATTERN)]
Amount = Annotated[Decimal, BeforeValidator(_number), Field(ge=0, le=10**12),
                   WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1e12})]
Timestamp = Annotated[datetime, BeforeValidator(_rfc3339), WithJsonSchema({"type": "string", "format": "date-time"})]
Event = Literal["checklist.created", "checklist.changed"]
ALL_EVENTS: tuple[Event, ...] = ("checklist.created", "checklist.changed")


class In(BaseModel):
    """Base of request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Out(BaseModel):
    """Base of response bodies."""

    model_config = ConfigDict(frozen=True)


# --- applications ---------------------------------------------------------------------------------

class ApplicationIn(In):
    """Body of POST /applications (``profile`` is one of the deployment policy's profiles)."""

    profile: str = Field(min_length=1, max_length=40)
    application_date: date = Field(default_factory=date.today)
    applicant_name: str | None = Field(default=None, max_length=100)
    applicant_id_number: str | None = Field(default=None, pattern=r"^([0-9]{17}[0-9Xx]|[0-9]{15})$")
    loan_amount: Amount | None = None
    external_ref: str | None = Field(default=None, max_length=200)
    branch: Branch | None = Field(default=None, description="Defaults to the API key's (first) branch.")
    contact_mobile: str | None = Field(default=None, pattern=MOBILE_PATTERN,
                                       description="The customer's mobile, for SMS reminders and phone calls.")
    contact_email: str | None = Field(default=None, max_length=254, pattern=EMAIL_PATTERN,
                                      description="The customer's e-mail address, for e-mail reminders.")


class ApplicationDetail(Application):
    """An application with its state and stored files."""

    state: AppState
    files: list[StoredFile]


class ApplicationListItem(Application):
    """An application in a list (personal data masked) with its state."""

    state: AppState


class ApplicationPage(Out):
    """One page of applications, newest first; pass ``next_cursor`` back as ``cursor`` for the next."""

    items: list[ApplicationListItem]
    next_cursor: str | None


class ApplicationQuery(In):
    """Filters and paging of GET /applications."""

    model_config = ConfigDict(extra="ignore")

    status: AppState | None = None
    profile: str | None = Field(default=None, max_length=40)
    branch: Branch | None = None
    external_ref: str | None = Field(default=None, max_length=200)
    created_after: Timestamp | None = None
    created_before: Timestamp | None = None
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, max_length=500)


# --- documents --------------------------------------------------------------------------------------

class FieldOut(Out):
    """An extracted field: value, confidence, 1-based page and box (``unit`` px or pt)."""

    value: Any
    confidence: float
    page: int
    bbox: list[float] | None
    unit: Literal["px", "pt"] | None


class DocumentOut(Out):
    """A document found in a file, with its fields and seals."""

    id: str
    file_id: str
    type: DocType
    side: Side | None
    pages: list[int]
    fields: dict[str, FieldOut]
    stamps: list[Stamp]


class DocumentSummary(Out):
    """A document in a list."""

    id: str
    file_id: str
    type: DocType
    side: Side | None
    pages: list[int]
    confidence: float
    fields: list[str]
    stamps: int


class DocumentList(Out):
    """An application's documents and the files they came from."""

    documents: list[DocumentSummary]
    files: list[StoredFile]


class Rejected(Out):
    """An upload that was stored but cannot be read (the reason says what to do)."""

    filename: str
    code: str
    detail: str


class UploadResult(Out):
    """Files stored and queued by an upload, and the ones refused."""

    files: list[StoredFile]
    rejected: list[Rejected]


class UploadForm(In):
    """multipart/form-data body of POST /applications/{id}/documents (``file`` repeatable)."""

    file: list[Annotated[bytes, WithJsonSchema({"type": "string", "format": "binary"})]] = Field(min_length=1)


# --- checklist and reprocessing ---------------------------------------------------------------------

class ChecklistOut(Out):
    """The checklist (SPEC §5): items with machine verdict and override beside it, and the overrides made."""

    application: str
    profile: str
    status: ChecklistStatus
    items: list[ChecklistItem]
    supplement_request: list[SupplementItem]
    documents: list[DocumentOut]
    errors: list[dict[str, str]]
    policy_version: str
    application_date: date
    created_at: datetime
    overrides: list[Override]


class Processing(Out):
    """Answer while files are still being read: poll again, or wait for the webhook."""

    application: str
    status: Literal["processing"]
    files: list[StoredFile]


class ReprocessIn(In):
    """Body of POST /applications/{id}/reprocess."""

    re_extract: bool = Field(default=False, description="Read the files again (OCR) instead of reusing extractions.")


class ReprocessOut(Out):
    """What a reprocess request started."""

    application: str
    re_extract: bool
    queued: bool = Field(description="True when the work went to the queue; false when it ran in the request.")
    files: list[StoredFile]


# --- keys and webhooks --------------------------------------------------------------------------------

class KeyIn(In):
    """Body of POST /keys (administrators only)."""

    name: str = Field(min_length=1, max_length=100)
    branches: list[Branch] = Field(min_length=1, max_length=50)


class KeyOut(Out):
    """An API key as listed (the key itself is never shown again)."""

    id: str
    name: str
    prefix: str
    branches: list[str]
    created_by: str | None
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class KeyCreated(KeyOut):
    """A new API key; ``key`` is shown this once (stored hashed)."""

    key: str


class WebhookIn(In):
    """Body of POST /webhooks."""

    url: str = Field(pattern=URL_PATTERN, max_length=2000)
    events: list[Event] = Field(default_factory=lambda: list(ALL_EVENTS), min_length=1)


class WebhookOut(Out):
    """A registered webhook."""

    id: str
    url: str
    branches: list[str]
    events: list[str]
    created_at: datetime


class WebhookCreated(WebhookOut):
    """A new webhook; ``secret`` signs its deliveries and is shown this once."""

    secret: str


class WebhookList(Out):
    """The caller's webhooks."""

    items: list[WebhookOut]


class AttemptOut(Out):
    """One attempt of a delivery."""

    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


class DeliveryOut(Out):
    """A delivery and its log."""

    id: str
    webhook_id: str
    event: str
    application_id: str
    status: Literal["pending", "retrying", "delivered", "failed"]
    attempts: int
    max_attempts: int
    created_at: datetime
    delivered_at: datetime | None
    log: list[AttemptOut]


class DeliveryList(Out):
    """A webhook's deliveries, newest first."""

    items: list[DeliveryOut]


class KeyList(Out):
    """Every API key."""

    items: list[KeyOut]


class Problem(Out):
    """An RFC 9457 problem; ``type`` is stable, ``detail`` says what to do."""

    model_config = ConfigDict(frozen=True, extra="allow")

    type: str
    title: str
    status: int
    detail: str
