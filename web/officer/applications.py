"""Applications: the list, a new application, the workspace (upload + live progress) and reprocessing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from docproc.core.errors import InputError
from docproc.core.models import StoredFile
from docproc.service import pipeline, quotas
from docproc.service.batch import readable_files
from docproc.store.catalog import InvalidCursor
from docproc.store.listing import ListQuery, any_visible, list_page
from web.auth import accounts, casework, login_required, signed_in
from web.i18n import translate
from web.officer.casework import render_checklist
from web.officer.common import (
    LIST_STATUSES,
    applicant_of,
    ctx,
    file_rows,
    progress_of,
    request_checks,
    summarize_line,
    visible_application,
    visible_file,
)
from web.officer.undo_rows import undo_context

bp = Blueprint("applications", __name__)
PAGE_SIZE = 50


@bp.get("/applications")
@login_required
def index() -> ResponseReturnValue:
    """Applications the officer may see: search, status filter, date sort, masked personal data; read in SQL a
    page at a time (keyset cursors in ``after`` / ``before``)."""
    me = signed_in()
    query, status = request.args.get("q", ""), request.args.get("status", "")
    order, mine = request.args.get("sort", "desc"), request.args.get("mine") == "1"
    visible = None if me.role == "admin" or not me.branches else frozenset(me.branches)
    wanted = ListQuery(visible=visible, search=query, status=status if status in LIST_STATUSES else "",
                       assignee=me.name if mine else None, newest_first=order != "asc")
    try:
        found = list_page(ctx().db, wanted, limit=PAGE_SIZE, after=request.args.get("after") or None,
                          before=request.args.get("before") or None)
    except InvalidCursor:
        found = list_page(ctx().db, wanted, limit=PAGE_SIZE)
    lines = [summarize_line(line) for line in found.lines]
    page = max(1, request.args.get("page", 1, type=int) or 1)
    return render_template("applications.html", lines=lines, total=found.total,
                           any_at_all=bool(lines) or any_visible(ctx().db, visible),
                           q=query, status=status, sort=order, mine=mine, page=page,
                           pages=max(1, -(-found.total // PAGE_SIZE)), next_cursor=found.next_cursor,
                           previous_cursor=found.previous_cursor, statuses=LIST_STATUSES,
                           profiles=ctx().policy.profiles)


@bp.get("/applications/new")
@login_required
def new() -> ResponseReturnValue:
    """The new-application form with its drop zone."""
    return render_template("application.html", application=None, progress=None, rows=[],
                           profiles=ctx().policy.profiles, today=date.today().isoformat(), errors={})


def _form_errors() -> tuple[dict[str, Any], dict[str, str]]:
    """The create form's values, and a message per invalid field."""
    form = request.form
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    profile = form.get("profile", "")
    if profile not in ctx().policy.profiles:
        errors["profile"] = f"unknown profile {profile!r}"
    values["profile"] = profile
    try:
        values["application_date"] = date.fromisoformat(form.get("application_date") or date.today().isoformat())
    except ValueError:
        errors["application_date"] = "YYYY-MM-DD"
    amount = (form.get("loan_amount") or "").replace(",", "").strip()
    try:
        loan = Decimal(amount) if amount else None
        if loan is not None and (not loan.is_finite() or loan < 0):
            raise InvalidOperation
        values["loan_amount"] = loan
    except InvalidOperation:
        errors["loan_amount"] = "a positive amount"
    name = (form.get("applicant_name") or "").strip()[:100]
    values["applicant_name"] = name or None
    return values, errors


@bp.post("/applications")
@login_required
def create() -> ResponseReturnValue:
    """Create an application in the officer's branch (with any files sent along)."""
    me, wants_json = signed_in(), request.accept_mimetypes.best == "application/json"
    values, errors = _form_errors()
    if errors:
        if wants_json:
            return jsonify({"errors": errors}), 422
        return render_template("application.html", application=None, progress=None, rows=[],
                               profiles=ctx().policy.profiles, today=date.today().isoformat(), errors=errors), 422
    branch = accounts().get(me.name).branch
    application = pipeline.create_application(ctx(), branch=branch, created_by=me.name, **values)
    if request.files:
        _ingest(application.id)
    detail = url_for(".detail", application_id=application.id)
    if wants_json:
        header = render_template("_header.html", application=application, progress=progress_of(application.id),
                                 profiles=ctx().policy.profiles)
        return jsonify({"id": application.id, "url": detail, "header_html": header,
                        "upload_url": url_for(".upload", application_id=application.id),
                        "status_url": url_for(".status", application_id=application.id)}), 201
    return redirect(detail)


@bp.get("/applications/<application_id>")
@login_required
def detail(application_id: str) -> ResponseReturnValue:
    """The workspace: header, drop zone, live file list and the checklist."""
    application = visible_application(application_id)
    progress = progress_of(application_id)
    team = [u.username for u in accounts().list(branch=application.branch) if u.active and u.role != "admin"]
    applicant = applicant_of(application, progress.checklist)[0]
    return render_template("application.html", application=application, progress=progress,
                           applicant=applicant, rows=file_rows(progress), team=team, review=casework().review_of(application_id),
                           profiles=ctx().policy.profiles, errors={}, **undo_context(application, applicant),
                           checklist_html=Markup(render_checklist(application_id)))


@bp.get("/applications/<application_id>/status.json")
@login_required
def status(application_id: str) -> ResponseReturnValue:
    """Live progress for the page's poller: file states and the checklist version."""
    application = visible_application(application_id)
    progress = progress_of(application_id)
    checklist = progress.checklist
    return jsonify({"status": progress.status, "busy": progress.busy, "files": file_rows(progress),
                    "applicant": applicant_of(application, checklist)[0],
                    "status_label": translate(f"st_{progress.status}"),
                    "checklist_version": checklist.created_at.isoformat() if checklist else None})


def _ingest(application_id: str) -> tuple[list[StoredFile], list[dict[str, str]]]:
    accepted: list[StoredFile] = []
    rejected: list[dict[str, str]] = []
    uploads = request.files.getlist("file") or list(request.files.values())
    try:  # measured on the spooled files; each is read into memory only when its turn comes
        quotas.check_upload(ctx(), application_id, [u.stream for u in uploads])
    except InputError as exc:  # nothing is stored: every file comes back with the reason
        return [], [{"filename": u.filename or "upload", "code": exc.code, "detail": exc.message} for u in uploads]
    for upload in uploads:
        name = upload.filename or "upload"
        try:
            accepted += pipeline.ingest(ctx(), application_id, filename=name, data=upload.read())
        except InputError as exc:
            rejected.append({"filename": name, "code": exc.code, "detail": exc.message})
    request_checks(application_id, accepted, force=False)
    return accepted, rejected


@bp.post("/applications/<application_id>/files")
@login_required
def upload(application_id: str) -> ResponseReturnValue:
    """Store each uploaded file before answering, then queue it; bad files come back with the reason."""
    visible_application(application_id)
    if not request.files:
        return jsonify({"files": [], "rejected": [{"filename": "", "code": "no_file",
                                                   "detail": "no file was sent"}]}), 422
    before = {f.id for f in ctx().db.files_of(application_id)}
    accepted, rejected = _ingest(application_id)
    if request.accept_mimetypes.best != "application/json":
        for item in rejected:
            flash(f"{translate('upload_failed')}: {item['filename']}: {item['detail']}", "error")
        return redirect(url_for(".detail", application_id=application_id))
    progress = progress_of(application_id)
    names = {u.filename or "upload" for u in request.files.getlist("file") or request.files.values()}
    # Every file this request stored, bad ones included (they carry their error), not a neighbour's.
    rows = [r for r in file_rows(progress) if r["id"] not in before and (r["filename"] in names or r["parent"] in names)]
    refused = 413 if rejected and all(r["code"] == "too_large" for r in rejected) else 422
    return jsonify({"files": rows, "rejected": rejected}), 202 if accepted else refused


@bp.post("/applications/<application_id>/reprocess")
@login_required
def reprocess(application_id: str) -> ResponseReturnValue:
    """Read every file again and re-check (through the queue)."""
    visible_application(application_id)
    request_checks(application_id, readable_files(ctx().db.files_of(application_id)), force=True)
    flash(translate("reprocess_queued"))
    return redirect(url_for(".detail", application_id=application_id))


@bp.post("/files/<file_id>/reprocess")
@login_required
def reprocess_file(file_id: str) -> ResponseReturnValue:
    """Read one file again and re-check its application."""
    stored, application = visible_file(file_id)
    request_checks(application.id, [f for f in readable_files(ctx().db.files_of(application.id)) if f.id == stored.id],
                   force=True)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"queued": stored.id}), 202
    flash(translate("reprocess_queued"))
    return redirect(url_for(".detail", application_id=application.id))
