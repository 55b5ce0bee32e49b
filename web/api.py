"""The REST API under /api/v1 (minimum set: applications, documents, checklist)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docproc import pipeline, render
from docproc.context import Context
from docproc.errors import InputError
from docproc.models import StoredFile
from web.errors import problem

bp = Blueprint("api", __name__)


class ApplicationIn(BaseModel):
    """Body of POST /applications."""

    model_config = ConfigDict(extra="forbid")

    profile: str
    application_date: date = Field(default_factory=date.today)
    applicant_name: str | None = Field(default=None, max_length=100)
    applicant_id_number: str | None = Field(default=None, max_length=18)
    loan_amount: Decimal | None = Field(default=None, ge=0)
    external_ref: str | None = Field(default=None, max_length=200)


def _ctx() -> Context:
    return current_app.extensions["docproc"]  # type: ignore[no-any-return]


def _file_json(stored: StoredFile) -> dict[str, Any]:
    data = stored.model_dump(mode="json", exclude={"sha256"})
    data["sha256"] = stored.sha256
    return data


@bp.post("/applications")
def create_application() -> tuple[Response, int] | Response:
    """Create an application."""
    try:
        body = ApplicationIn.model_validate(request.get_json(force=True, silent=True) or {})
    except ValidationError as exc:
        return problem(422, "invalid_fields", "the request body is invalid",
                       errors=[{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()])
    application = pipeline.create_application(_ctx(), **body.model_dump())
    return jsonify(application.model_dump(mode="json")), 201


@bp.get("/applications/<application_id>")
def get_application(application_id: str) -> Response:
    """An application with its files and their states."""
    ctx = _ctx()
    application = ctx.db.get_application(application_id)
    return jsonify({**application.model_dump(mode="json"),
                    "files": [_file_json(f) for f in ctx.db.files_of(application_id)]})


@bp.post("/applications/<application_id>/documents")
def post_documents(application_id: str) -> tuple[Response, int] | Response:
    """Upload one or many files (multipart field ``file``); each is stored before the answer."""
    ctx = _ctx()
    ctx.db.get_application(application_id)
    uploads = request.files.getlist("file") or list(request.files.values())
    if not uploads:
        return problem(422, "no_file", "send the document as multipart/form-data field 'file'")
    accepted: list[StoredFile] = []
    rejected: list[dict[str, str]] = []
    for upload in uploads:
        name = upload.filename or "upload"
        try:
            accepted += pipeline.ingest(ctx, application_id, filename=name, data=upload.read())
        except InputError as exc:
            rejected.append({"filename": name, "code": exc.code, "detail": exc.message})
    _dispatch(ctx, application_id, accepted)
    if rejected and not accepted:
        status = 415 if all(r["code"] == "unsupported_file_type" for r in rejected) else 422
        return problem(status, rejected[0]["code"], rejected[0]["detail"], rejected=rejected)
    return jsonify({"files": [_file_json(ctx.db.get_file(f.id)) for f in accepted], "rejected": rejected}), 202


def _dispatch(ctx: Context, application_id: str, files: list[StoredFile]) -> None:
    queue = current_app.extensions["docproc.queue"]
    if queue is None:  # no Redis configured: process in the request (development and tests)
        for stored in files:
            pipeline.process_file(ctx, stored.id)
        pipeline.check_application(ctx, application_id)
        return
    import worker

    if not files:
        worker.enqueue_check(queue, application_id)
    for stored in files:
        worker.enqueue_file(queue, ctx, stored.id)


@bp.get("/applications/<application_id>/checklist")
def get_checklist(application_id: str) -> tuple[Response, int] | Response:
    """The latest checklist; 202 with file states while files are still being read."""
    ctx = _ctx()
    ctx.db.get_application(application_id)
    pending = pipeline.pending_files(ctx, application_id)
    checklist = ctx.db.latest_checklist(application_id)
    if pending or checklist is None:
        return jsonify({"application": application_id, "status": "processing",
                        "files": [_file_json(f) for f in ctx.db.files_of(application_id)]}), 202
    return jsonify(render.checklist_json(checklist))
