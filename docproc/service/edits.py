"""Undoing mistakes: take a file out of the checks or put it back, and correct an application's facts.

Each change is kept (the file stays stored and listed; the old fact is in the history), audited (who, when,
old → new) and followed by a new checklist computed from the stored reads: nothing is read or OCR'd again.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from docproc.core.clock import utcnow
from docproc.core.errors import InputError
from docproc.core.models import Application, Checklist, StoredFile
from docproc.service import jobs, pipeline
from docproc.service.context import Context
from docproc.store import edits
from docproc.store.audit import AuditLog

if TYPE_CHECKING:
    from rq import Queue

FACTS = ("applicant_name", "applicant_id_number", "loan_amount", "profile", "application_date")


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | None):
        raise ValueError("must be a number")
    return Decimal(str(value)) if isinstance(value, int | float) else value


Amount = Annotated[Decimal | None, BeforeValidator(_number),
                   WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1e12}, {"type": "null"}]})]


class FactsEdit(BaseModel):
    """The facts an officer corrects; a field left out stays as it is, null clears a name, id number or amount
    (the profile and the application date cannot be cleared)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    applicant_name: str | None = Field(default=None, min_length=1, max_length=100)
    applicant_id_number: str | None = Field(default=None, pattern=r"^([0-9]{17}[0-9Xx]|[0-9]{15})$")
    loan_amount: Amount = Field(default=None, ge=0, le=10**12)
    profile: Annotated[str | None, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 40})] = Field(
        default=None, min_length=1, max_length=40)
    application_date: Annotated[date | None, WithJsonSchema({"type": "string", "format": "date"})] = None
    comment: str | None = Field(default=None, max_length=2000, description="Why the facts changed (kept in the history).")


class FactChange(BaseModel):
    """One corrected fact: which, from what to what, who and when (and why, if said)."""

    model_config = ConfigDict(frozen=True)

    field: str
    old: str | None
    new: str | None
    by: str
    at: datetime
    comment: str | None = None


def _wire(value: Any) -> str | None:
    return None if value is None else str(value)


def _same(old: Any, new: Any) -> bool:
    """Equal facts: amounts by value (1280000 is 1280000.00), the rest as written."""
    if isinstance(old, Decimal) and isinstance(new, Decimal):
        return old == new
    return _wire(old) == _wire(new)


def _recheck(ctx: Context, queue: Queue | None, application_id: str) -> Checklist | None:
    """A new checklist from the stored reads (only once there is one: an application without files has none)."""
    if ctx.db.latest_checklist(application_id) is None:
        return None
    checklist = pipeline.check_application(ctx, application_id)
    jobs.notify_checklist(ctx, queue, checklist)
    return checklist


def exclude_file(ctx: Context, queue: Queue | None, file_id: str, *, by: str,
                 comment: str | None = None) -> tuple[StoredFile, Checklist | None]:
    """Take a file out of the checks (kept, listed, restorable) and re-check the application."""
    stored = edits.set_exclusion(ctx.db, file_id, by=by, at=utcnow())
    AuditLog(ctx.db).record(actor=by, action="exclude", target_kind="file", target_id=file_id,
                            application_id=stored.application_id,
                            detail={"filename": stored.filename, "comment": comment})
    return stored, _recheck(ctx, queue, stored.application_id)


def restore_file(ctx: Context, queue: Queue | None, file_id: str, *, by: str) -> tuple[StoredFile, Checklist | None]:
    """Put an excluded file back into the checks and re-check the application."""
    stored = edits.set_exclusion(ctx.db, file_id, by=None, at=None)
    AuditLog(ctx.db).record(actor=by, action="restore", target_kind="file", target_id=file_id,
                            application_id=stored.application_id, detail={"filename": stored.filename})
    return stored, _recheck(ctx, queue, stored.application_id)


def edit_facts(ctx: Context, queue: Queue | None, application_id: str, edit: FactsEdit, *,
               by: str) -> tuple[Application, list[FactChange], Checklist | None]:
    """Correct the facts named in ``edit``; each change goes into the history, then the application is re-checked
    (nothing changes, and nothing is re-checked, when every value is the same)."""
    application = ctx.db.get_application(application_id)
    given = {name: getattr(edit, name) for name in FACTS if name in edit.model_fields_set}
    if any(name in given and given[name] is None for name in ("profile", "application_date")):
        raise InputError("the profile and the application date cannot be cleared")
    if given.get("profile", application.profile) not in ctx.policy.profiles:
        raise InputError(f"unknown profile {given['profile']!r}: choose one of {', '.join(ctx.policy.profiles)}")
    if given.get("applicant_id_number"):
        given["applicant_id_number"] = given["applicant_id_number"].upper()
    changed = {k: v for k, v in given.items() if not _same(getattr(application, k), v)}
    if not changed:
        return application, [], None
    now = utcnow()
    updated = edits.update_application(ctx.db, application.model_copy(update=changed))
    changes = [FactChange(field=k, old=_wire(getattr(application, k)), new=_wire(v), by=by, at=now,
                          comment=edit.comment) for k, v in changed.items()]
    log = AuditLog(ctx.db)
    for change in changes:
        log.record(actor=by, action="edit", target_kind="application", target_id=application_id,
                   application_id=application_id, detail=change.model_dump(mode="json", include={"field", "old", "new", "comment"}))
    return updated, changes, _recheck(ctx, queue, application_id)


def fact_history(ctx: Context, application_id: str) -> list[FactChange]:
    """Every correction of the application's facts, oldest first."""
    return [FactChange(**(event.detail or {}), by=event.actor, at=event.at)
            for event in AuditLog(ctx.db).events(application_id=application_id, action="edit")]
