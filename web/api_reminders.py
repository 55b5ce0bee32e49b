"""The customer's contact and the supplement reminders of an application (log, phone-call tasks)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response
from pydantic import Field

from docproc.core.clock import utcnow
from docproc.core.errors import NotFoundError
from docproc.core.log_masking import mask_email, mask_mobile
from docproc.core.reminders import AttemptStatus, ReminderAttempt
from docproc.store.contacts import set_contact
from docproc.store.reminders import ReminderStore
from web import access
from web.access import body, caller, reply, visible_application
from web.api_models import EMAIL_PATTERN, MOBILE_PATTERN, In, Out
from web.openapi import operation

bp = Blueprint("reminders", __name__)
TAG = "reminders"


class ContactIn(In):
    """Body of PUT /applications/{id}/contact: both fields replace the stored ones (null clears)."""

    contact_mobile: str | None = Field(default=None, pattern=MOBILE_PATTERN)
    contact_email: str | None = Field(default=None, max_length=254, pattern=EMAIL_PATTERN)


class ContactOut(Out):
    """The contact as stored, masked (138****5678, c***@example.cn)."""

    application: str
    contact_mobile: str | None
    contact_email: str | None


class TaskDoneIn(In):
    """Body of POST .../tasks/{task_id}/done: what the call settled."""

    note: str = Field(default="", max_length=500)


class RemindersOut(Out):
    """Every reminder attempt and phone task of the application, oldest first (recipients masked)."""

    application: str
    contact: ContactOut
    waiting_since: datetime | None = Field(description="Start of the current wait for papers, if any.")
    attempts: list[ReminderAttempt]
    open_tasks: list[ReminderAttempt]


def _contact(application_id: str, mobile: str | None, email: str | None) -> ContactOut:
    return ContactOut(application=application_id, contact_mobile=mask_mobile(mobile), contact_email=mask_email(email))


@bp.put("/applications/<application_id>/contact")
@operation("Set the customer's contact (mobile, e-mail) for reminders", tag=TAG, body=ContactIn,
           responses={200: ContactOut})
def put_contact(application_id: str) -> tuple[Response, int]:
    """Replace the application's contact; the answer shows it masked."""
    visible_application(application_id)
    data = body(ContactIn)
    updated = set_contact(access.ctx().db, application_id, mobile=data.contact_mobile, email=data.contact_email)
    return reply(_contact(application_id, updated.contact_mobile, updated.contact_email))


@bp.get("/applications/<application_id>/reminders")
@operation("The application's supplement reminders: log, open phone tasks, masked contact", tag=TAG,
           responses={200: RemindersOut})
def get_reminders(application_id: str) -> tuple[Response, int]:
    """Reminder log and open phone-call tasks."""
    application = visible_application(application_id)
    store = ReminderStore(access.ctx().db)
    attempts = store.attempts(application_id)
    episode = store.open_episode(application_id)
    return reply(RemindersOut(
        application=application_id, contact=_contact(application_id, application.contact_mobile,
                                                      application.contact_email),
        waiting_since=episode.started_at if episode else None, attempts=attempts,
        open_tasks=[a for a in attempts if a.status == AttemptStatus.OPEN]))


@bp.post("/applications/<application_id>/reminders/tasks/<task_id>/done")
@operation("Close a phone-call task (the officer called the customer)", tag=TAG, body=TaskDoneIn,
           responses={200: ReminderAttempt})
def finish_task(application_id: str, task_id: str) -> tuple[Response, int]:
    """Mark the phone task done, with the caller's note."""
    visible_application(application_id)
    data = body(TaskDoneIn)
    store = ReminderStore(access.ctx().db)
    if not any(a.id == task_id for a in store.attempts(application_id)):
        raise NotFoundError(f"no phone task {task_id!r} in application {application_id!r}")
    note = f"{caller().name}: {data.note}".strip().rstrip(":")
    return reply(store.finish_task(task_id, at=utcnow(), note=note))
