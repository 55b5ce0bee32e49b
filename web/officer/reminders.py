"""The reminders panel of an application's page: the masked contact, open phone-call tasks, the log."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for
from flask.typing import ResponseReturnValue

from docproc.core.clock import utcnow
from docproc.core.log_masking import mask_email, mask_mobile
from docproc.core.reminders import AttemptStatus
from docproc.store.reminders import ReminderStore
from web.auth import login_required, signed_in
from web.officer.common import ctx, visible_application

bp = Blueprint("reminders", __name__)
SHOWN = 12  # newest log lines on the page (the API has them all)


def reminder_panel(application_id: str) -> dict[str, Any]:
    """What the panel shows for one application."""
    application = ctx().db.get_application(application_id)
    store = ReminderStore(ctx().db)
    attempts = store.attempts(application_id)
    episode = store.open_episode(application_id)
    return {"mobile": mask_mobile(application.contact_mobile), "email": mask_email(application.contact_email),
            "waiting_since": episode.started_at if episode else None,
            "tasks": [a for a in attempts if a.status == AttemptStatus.OPEN],
            "log": [a for a in reversed(attempts) if a.status != AttemptStatus.OPEN][:SHOWN]}


@bp.app_context_processor
def helpers() -> dict[str, object]:
    """``reminder_panel(application_id)`` in templates."""
    return {"reminder_panel": reminder_panel}


@bp.post("/applications/<application_id>/reminders/tasks/<task_id>/done")
@login_required
def task_done(application_id: str, task_id: str) -> ResponseReturnValue:
    """The officer called the customer: close the phone task with what the call settled."""
    visible_application(application_id)
    store = ReminderStore(ctx().db)
    if any(a.id == task_id for a in store.attempts(application_id)):
        note = (request.form.get("note") or "").strip()[:500]
        store.finish_task(task_id, at=utcnow(), note=f"{signed_in().name}: {note}".rstrip(": "))
    return redirect(url_for("pages.applications.detail", application_id=application_id, _anchor="reminders"))
