"""The checklist and what officers do with it: overrides, reviewed mark, reassignment (the supplement letter:
:mod:`web.officer.letter`, on this blueprint)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from docproc.core.clock import utcnow
from docproc.core.errors import ForbiddenError, InputError
from docproc.core.models import Category, Checklist, ChecklistItem, Document, Evidence, Override, Status
from docproc.service.dispatch import override_and_notify
from web.auth import accounts, casework, login_required, require_role, signed_in
from web.i18n import translate
from web.officer.common import ctx, progress_of, queue, visible_application

bp = Blueprint("casework", __name__)
CATEGORY_ORDER = (Category.COMPLETENESS, Category.STAMP, Category.FRESHNESS, Category.ANOMALY)
_SEVERITY = {Status.FAIL: 0, Status.MISSING: 1, Status.REVIEW: 2, Status.PASS: 3, Status.NOT_APPLICABLE: 4}


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence as the checklist shows it: crop, full-page link and the values read."""

    crop_url: str | None
    page_url: str | None
    field: str | None
    value: Any
    document: Document | None
    page: int | None


@dataclass(frozen=True)
class Group:
    """The items of one category, worst first."""

    category: Category
    items: list[ChecklistItem]
    counts: dict[str, int] = field(default_factory=dict)


def _document(checklist: Checklist, evidence: Evidence) -> Document | None:
    return next((d for d in checklist.documents if d.id == evidence.document_id), None)


def evidence_views(checklist: Checklist, item: ChecklistItem) -> list[EvidenceView]:
    """The item's evidence with image links (only where a page can be shown)."""
    version = int(checklist.created_at.timestamp())
    views = []
    for index, evidence in enumerate(item.evidence):
        doc = _document(checklist, evidence)
        file_id = evidence.file_id or (doc.file_id if doc else None)
        page = evidence.page or (doc.pages[0] if doc and doc.pages else None)
        crop = page_url = None
        if file_id and page:
            crop = url_for("pages.evidence.crop", application_id=checklist.application, check_id=item.id,
                           index=index, v=version)
            box = ",".join(f"{v:g}" for v in evidence.bbox.as_list()) if evidence.bbox else None
            page_url = url_for("pages.evidence.page", file_id=file_id, number=page, box=box,
                               unit=evidence.bbox.unit.value if evidence.bbox else None)
        views.append(EvidenceView(crop_url=crop, page_url=page_url, field=evidence.field, value=evidence.value,
                                  document=doc, page=page))
    return views


def groups_of(checklist: Checklist) -> list[Group]:
    """Items by category (completeness, stamp, freshness, anomaly), failing ones first."""
    out = []
    for category in CATEGORY_ORDER:
        items = sorted((i for i in checklist.items if i.category == category), key=lambda i: _SEVERITY[i.status])
        counts: dict[str, int] = {}
        for item in items:
            counts[item.status.value] = counts.get(item.status.value, 0) + 1
        out.append(Group(category=category, items=items, counts=counts))
    return out


def render_checklist(application_id: str) -> str:
    """The checklist fragment (also fetched by the page when a new checklist lands)."""
    progress = progress_of(application_id)
    checklist = progress.checklist
    return render_template("_checklist.html", application_id=application_id, progress=progress,
                           checklist=checklist, groups=groups_of(checklist) if checklist else [],
                           evidence_views=evidence_views, statuses=[s.value for s in Status])


@bp.get("/applications/<application_id>/checklist.part")
@login_required
def checklist_part(application_id: str) -> ResponseReturnValue:
    """The checklist fragment alone, for the live page."""
    visible_application(application_id)
    return render_checklist(application_id)


@bp.post("/applications/<application_id>/items/<check_id>/override")
@login_required
def override(application_id: str, check_id: str) -> ResponseReturnValue:
    """Record an officer's verdict beside the machine's; a comment is mandatory."""
    visible_application(application_id)
    checklist = ctx().db.latest_checklist(application_id)
    if checklist is None or all(i.id != check_id for i in checklist.items):
        abort(404, description=f"no checklist item {check_id!r}")
    comment = (request.form.get("comment") or "").strip()
    try:
        status = Status(request.form.get("status", ""))
    except ValueError:
        raise InputError("choose a verdict") from None
    if not comment:
        flash(translate("comment_required"), "error")
        return redirect(url_for("pages.applications.detail", application_id=application_id, _anchor=check_id))
    entry = Override(check_id=check_id, status=status, comment=comment[:2000], officer=signed_in().name, at=utcnow())
    override_and_notify(ctx(), queue(), application_id, entry)
    return redirect(url_for("pages.applications.detail", application_id=application_id, _anchor=check_id))


@bp.post("/applications/<application_id>/reviewed")
@login_required
def reviewed(application_id: str) -> ResponseReturnValue:
    """Mark the application as reviewed by the signed-in officer."""
    visible_application(application_id)
    casework().mark_reviewed(application_id, by=signed_in().name)
    return redirect(url_for("pages.applications.detail", application_id=application_id))


@bp.post("/applications/<application_id>/assign")
@require_role("supervisor", "admin")
def assign(application_id: str) -> ResponseReturnValue:
    """Hand the application to another officer of its branch (supervisors and admins)."""
    application = visible_application(application_id)
    target = accounts().find(request.form.get("assignee", ""))
    if target is None or not target.active or target.branch != application.branch:
        raise ForbiddenError("an application can only go to an active officer of its own branch")
    casework().assign(application_id, to=target.username, by=signed_in().name)
    flash(translate("reassigned"))
    return redirect(url_for("pages.applications.detail", application_id=application_id))
