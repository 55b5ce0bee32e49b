"""Undo in the API: exclude a file from the checks or restore it, correct an application's facts, read the history.

The same service functions as the officers' page (docproc.service.edits): the file stays stored, every change is
audited, and the checklist is recomputed from the stored reads.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app

from docproc.core.errors import NotFoundError
from docproc.core.models import Application, ChecklistStatus, StoredFile
from docproc.service import edits
from docproc.service.edits import FactChange, FactsEdit
from web import access
from web.access import body, caller, reply, visible_application
from web.api_models import In, Out
from web.audit import actor_name
from web.idempotency import idempotent
from web.openapi import operation

bp = Blueprint("edits", __name__)
UNDO = "undo"


class ExcludeIn(In):
    """Body of POST .../files/{file_id}/exclude (optional)."""

    comment: str | None = None


class FileEdited(Out):
    """The file after the change (still stored) and the status of the recomputed checklist (None before the first)."""

    file: StoredFile
    status: ChecklistStatus | None


class FactsEdited(Out):
    """The application after the correction, what changed, and the recomputed checklist's status."""

    application: Application
    changes: list[FactChange]
    status: ChecklistStatus | None


class History(Out):
    """Every correction of an application's facts, oldest first."""

    changes: list[FactChange]


def _file_of(application_id: str, file_id: str) -> StoredFile:
    visible_application(application_id)
    stored = next((f for f in access.ctx().db.files_of(application_id) if f.id == file_id), None)
    if stored is None:
        raise NotFoundError(f"no file {file_id!r} in application {application_id!r}")
    return stored


@bp.post("/applications/<application_id>/files/<file_id>/exclude")
@operation("Take a file out of the checks (kept and listed; the checklist is recomputed from stored reads)", tag=UNDO,
           body=ExcludeIn, idempotent=True, responses={200: FileEdited})
@idempotent
def exclude_file(application_id: str, file_id: str) -> tuple[Response, int]:
    """Exclude one file of the application."""
    _file_of(application_id, file_id)
    data = body(ExcludeIn)
    stored, checklist = edits.exclude_file(access.ctx(), current_app.extensions.get("docproc.queue"), file_id,
                                           by=actor_name(caller()), comment=data.comment)
    return reply(FileEdited(file=stored, status=checklist.status if checklist else None))


@bp.post("/applications/<application_id>/files/<file_id>/restore")
@operation("Put an excluded file back into the checks (the checklist is recomputed)", tag=UNDO, idempotent=True,
           responses={200: FileEdited})
@idempotent
def restore_file(application_id: str, file_id: str) -> tuple[Response, int]:
    """Restore one excluded file of the application."""
    _file_of(application_id, file_id)
    stored, checklist = edits.restore_file(access.ctx(), current_app.extensions.get("docproc.queue"), file_id,
                                           by=actor_name(caller()))
    return reply(FileEdited(file=stored, status=checklist.status if checklist else None))


@bp.patch("/applications/<application_id>")
@operation("Correct the application's facts (name, id number, loan amount, profile, date); kept in the history, "
           "then re-checked", tag=UNDO, body=FactsEdit, idempotent=True, responses={200: FactsEdited})
@idempotent
def edit_facts(application_id: str) -> tuple[Response, int]:
    """Change the facts named in the body; a field left out stays, null clears it."""
    visible_application(application_id)
    application, changes, checklist = edits.edit_facts(
        access.ctx(), current_app.extensions.get("docproc.queue"), application_id, body(FactsEdit),
        by=actor_name(caller()))
    return reply(FactsEdited(application=application, changes=changes, status=checklist.status if checklist else None))


@bp.get("/applications/<application_id>/history")
@operation("Corrections of the application's facts: who, when, old → new", tag=UNDO, responses={200: History})
def history(application_id: str) -> tuple[Response, int]:
    """The facts' history, oldest first."""
    visible_application(application_id)
    return reply(History(changes=edits.fact_history(access.ctx(), application_id)))
