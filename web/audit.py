"""The audit trail of the web app: which views of personal data are recorded, and the admins' page.

A view is audited by naming its endpoint in :data:`AUDITED` (a registry, not code in each view):
after a successful answer, the caller, the action and the target are appended to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, Flask, Request, Response, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from docproc.core.errors import DocprocError, InputError
from docproc.store.audit import Action, AuditLog
from web.auth import require_role
from web.principal import Principal, current_principal

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
PAGE = 200


@dataclass(frozen=True)
class Audited:
    """What a successful answer of one endpoint means for the audit log."""

    action: Action
    target_kind: str
    target_arg: str  # the URL argument naming the target
    when: Callable[[Request], bool] = lambda _request: True


def _override_recorded(req: Request) -> bool:
    return bool((req.form.get("comment") or "").strip())  # without a comment the view refuses it


AUDITED: dict[str, Audited] = {
    "pages.applications.detail": Audited("view", "application", "application_id"),
    "pages.casework.supplement": Audited("view", "application", "application_id"),
    "pages.casework.supplement_pdf": Audited("download", "application", "application_id"),
    "pages.casework.supplement_edit": Audited("view", "application", "application_id"),
    "pages.evidence.page": Audited("view", "page", "file_id"),
    "pages.evidence.page_image": Audited("view", "page", "file_id"),
    "pages.evidence.original": Audited("download", "file", "file_id"),
    "pages.casework.override": Audited("override", "checklist_item", "check_id", _override_recorded),
    "api.get_application": Audited("view", "application", "application_id"),
    "api.get_checklist": Audited("view", "checklist", "application_id"),
    "api.documents.get_document": Audited("view", "document", "document_id"),
    "api.documents.document_original": Audited("download", "document", "document_id"),
    "api.documents.file_content": Audited("download", "file", "file_id"),
}


def actor_name(principal: Principal) -> str:
    """How the audit log names a caller: a username, or ``api_key:<id>``."""
    return principal.name if principal.kind == "session" else f"api_key:{principal.name}"


def _application_of(view_args: dict[str, object]) -> str | None:
    if "application_id" in view_args:
        return str(view_args["application_id"])
    if "file_id" in view_args:
        try:
            return current_app.extensions["docproc"].db.get_file(str(view_args["file_id"])).application_id  # type: ignore[no-any-return]
        except DocprocError:
            return None
    return None


def record_access(response: Response) -> Response:
    """After a successful answer of an audited endpoint, append who did what to which target."""
    rule = AUDITED.get(request.endpoint or "")
    if rule is None or response.status_code >= 400 or not rule.when(request):
        return response
    principal = current_principal()
    args = dict(request.view_args or {})
    if principal is None or rule.target_arg not in args:
        return response
    detail = {"page": args["number"]} if "number" in args else None
    AuditLog(current_app.extensions["docproc"].db).record(
        actor=actor_name(principal), action=rule.action, target_kind=rule.target_kind,
        target_id=str(args[rule.target_arg]), application_id=_application_of(args), detail=detail)
    return response


def _moment(name: str) -> datetime | None:
    value = request.args.get(name)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} is a date or time like 2026-12-01 or 2026-12-01T09:30") from None


@bp.get("")
@require_role("admin")
def events() -> ResponseReturnValue:
    """The audit log, oldest first, filtered by actor, action, application and time (``?format=json``)."""
    found = AuditLog(current_app.extensions["docproc"].db).events(
        since=_moment("since"), until=_moment("until"), actor=request.args.get("actor") or None,
        action=request.args.get("action") or None, application_id=request.args.get("application_id") or None,
        after_seq=request.args.get("after", 0, type=int) or 0, limit=PAGE)
    if request.args.get("format") == "json" or request.accept_mimetypes.best == "application/json":
        return jsonify({"events": [e.model_dump(mode="json") for e in found],
                        "next_after": found[-1].seq if len(found) == PAGE else None})
    return render_template("admin_audit.html", events=found, page_size=PAGE)


def init_app(app: Flask) -> None:
    """Record audited access after each request and serve the admins' audit page."""
    app.after_request(record_access)
    app.register_blueprint(bp)
