"""The REST API under /api/v1: applications, checklist and reprocessing (documents, keys and webhooks nest here).

Every route needs an API key or an officer session (401 otherwise) except the API description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, Response, current_app

from docproc.core.errors import NotFoundError
from docproc.core.log_masking import mask_email, mask_mobile
from docproc.core.models import Application, Checklist
from docproc.service import pipeline, wire
from docproc.service.batch import readable_files
from docproc.service.context import Context
from docproc.service.dispatch import dispatch
from docproc.store import catalog
from docproc.store.catalog import ApplicationFilter
from web import access
from web.access import body, caller, creation_branch, invalid_fields, query, reply, visible_application
from web.api_models import (
    ApplicationDetail,
    ApplicationIn,
    ApplicationListItem,
    ApplicationPage,
    ApplicationQuery,
    ChecklistOut,
    Processing,
    ReprocessIn,
    ReprocessOut,
)
from web.idempotency import idempotent
from web.openapi import operation

if TYPE_CHECKING:
    from rq import Queue

bp = Blueprint("api", __name__)
bp.before_request(access.authenticate)
bp.register_error_handler(access.InvalidFields, invalid_fields)
APPS = "applications"


def mask_id_number(value: str | None) -> str | None:
    """An id number as list views show it: first 4 and last 4 characters."""
    if not value or len(value) <= 8:
        return value
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


@bp.post("/applications")
@operation("Create an application", tag=APPS, body=ApplicationIn, idempotent=True, responses={201: Application, 403: None})
@idempotent
def create_application() -> tuple[Response, int]:
    """Create an application in the caller's branch (or a named one within its scope)."""
    data = body(ApplicationIn)
    principal = caller()
    application = pipeline.create_application(
        access.ctx(), **data.model_dump(exclude={"branch"}), branch=creation_branch(principal, data.branch),
        created_by=principal.name,
    )
    return reply(application, 201)


@bp.get("/applications")
@operation("List applications (filters, cursor pagination; id numbers and contacts masked)", tag=APPS, query=ApplicationQuery,
           responses={200: ApplicationPage})
def list_applications() -> tuple[Response, int]:
    """Applications visible to the caller, newest first."""
    q = query(ApplicationQuery)
    principal = caller()
    visible = None if principal.role == "admin" or not principal.branches else frozenset(principal.branches)
    flt = ApplicationFilter(visible=visible, branch=q.branch, profile=q.profile, status=q.status,
                            external_ref=q.external_ref, created_after=q.created_after, created_before=q.created_before)
    found, next_cursor = catalog.page_applications(access.ctx().db, flt, limit=q.limit, cursor=q.cursor)
    items = [
        ApplicationListItem(**{**a.model_dump(), "applicant_id_number": mask_id_number(a.applicant_id_number),
                                "contact_mobile": mask_mobile(a.contact_mobile),
                                "contact_email": mask_email(a.contact_email)}, state=state)
        for a, state in found
    ]
    return reply(ApplicationPage(items=items, next_cursor=next_cursor))


@bp.get("/applications/<application_id>")
@operation("An application with its state and files", tag=APPS, responses={200: ApplicationDetail})
def get_application(application_id: str) -> tuple[Response, int]:
    """An application with its files and their states."""
    application = visible_application(application_id)
    ctx = access.ctx()
    state = catalog.states_of(ctx.db, [application_id])[application_id]
    return reply(ApplicationDetail(**application.model_dump(), state=state, files=ctx.db.files_of(application_id)))


def checklist_out(ctx: Context, checklist: Checklist) -> ChecklistOut:
    """The checklist JSON with the overrides made on the application."""
    return ChecklistOut.model_validate(
        {**wire.checklist_json(checklist), "overrides": ctx.db.overrides_of(checklist.application)})


@bp.get("/applications/<application_id>/checklist")
@operation("The latest checklist (officer overrides beside machine verdicts); 202 while files are read",
           tag="checklist", responses={200: ChecklistOut, 202: Processing})
def get_checklist(application_id: str) -> tuple[Response, int]:
    """The latest checklist; 202 with file states while files are still being read."""
    visible_application(application_id)
    ctx = access.ctx()
    pending = pipeline.pending_files(ctx, application_id)
    checklist = ctx.db.latest_checklist(application_id)
    if pending or checklist is None:
        return reply(Processing(application=application_id, status="processing", files=ctx.db.files_of(application_id)),
                     202)
    return reply(checklist_out(ctx, checklist))


def _queue() -> Queue | None:
    return current_app.extensions["docproc.queue"]  # type: ignore[no-any-return]


@bp.post("/applications/<application_id>/reprocess")
@operation("Re-run the checks (reusing extractions), or re-read the files with re_extract", tag="reprocess",
           body=ReprocessIn, idempotent=True, responses={202: ReprocessOut})
@idempotent
def reprocess_application(application_id: str) -> tuple[Response, int]:
    """Re-check an application; with ``re_extract`` its files are read again first."""
    visible_application(application_id)
    data = body(ReprocessIn)
    ctx = access.ctx()
    files = readable_files(ctx.db.files_of(application_id)) if data.re_extract else []
    queued = dispatch(ctx, _queue(), application_id, files, force=data.re_extract)
    return reply(ReprocessOut(application=application_id, re_extract=data.re_extract, queued=queued,
                              files=[ctx.db.get_file(f.id) for f in files]), 202)


@bp.post("/applications/<application_id>/documents/<document_id>/reprocess")
@operation("Re-read the file holding a document, then re-check the application", tag="reprocess",
           idempotent=True, responses={202: ReprocessOut})
@idempotent
def reprocess_document(application_id: str, document_id: str) -> tuple[Response, int]:
    """Re-extract one document's file (OCR again) and re-check."""
    visible_application(application_id)
    ctx = access.ctx()
    doc = next((d for d in ctx.db.documents_of(application_id) if d.id == document_id), None)
    if doc is None:
        raise NotFoundError(f"no document {document_id!r} in application {application_id!r}")
    files = [ctx.db.get_file(doc.file_id)]
    queued = dispatch(ctx, _queue(), application_id, files, force=True)
    return reply(ReprocessOut(application=application_id, re_extract=True, queued=queued,
                              files=[ctx.db.get_file(f.id) for f in files]), 202)
