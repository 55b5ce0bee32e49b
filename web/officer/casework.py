"""The checklist and what officers do with it: overrides, reviewed mark, reassignment (the supplement letter:
:mod:`web.officer.letter`, on this blueprint)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from docproc.core.clock import utcnow
from docproc.core.errors import ForbiddenError
from docproc.core.models import BBox, Category, Checklist, ChecklistItem, Document, Evidence, Override, Status
from docproc.service.dispatch import override_and_notify
from web.auth import accounts, casework, login_required, require_role, signed_in
from web.i18n import translate
from web.officer.common import applicant_of, ctx, file_rows, progress_of, queue, visible_application
from web.officer.undo_rows import undo_context

bp = Blueprint("casework", __name__)
CATEGORY_ORDER = (Category.COMPLETENESS, Category.STAMP, Category.FRESHNESS, Category.ANOMALY)
_SEVERITY = {Status.FAIL: 0, Status.MISSING: 1, Status.REVIEW: 2, Status.PASS: 3, Status.NOT_APPLICABLE: 4}
LINE_RATIO = 6
_OPEN = (Status.FAIL, Status.MISSING, Status.REVIEW)


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence as the checklist shows it: crop, full-page link and the values read."""

    crop_url: str | None
    page_url: str | None
    field: str | None
    value: Any
    document: Document | None
    page: int | None
    line: bool = False  # a box of one text line: its crop is shown large enough to read


@dataclass(frozen=True)
class Group:
    """The items of one category: what needs attention, worst first, then the passes (folded on the page)."""

    category: Category
    items: list[ChecklistItem]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def open_items(self) -> list[ChecklistItem]:
        """Failed, missing or to be reviewed."""
        return [i for i in self.items if i.status in _OPEN]

    @property
    def passes(self) -> list[ChecklistItem]:
        """The items that passed."""
        return [i for i in self.items if i.status == Status.PASS]

    @property
    def not_applicable(self) -> list[ChecklistItem]:
        """The items that do not apply (shown on request)."""
        return [i for i in self.items if i.status == Status.NOT_APPLICABLE]

    @property
    def worst(self) -> int:
        """The severity of its worst item (groups with a failure come first)."""
        return min((_SEVERITY[i.status] for i in self.items), default=len(_SEVERITY))


def _document(checklist: Checklist, evidence: Evidence) -> Document | None:
    return next((d for d in checklist.documents if d.id == evidence.document_id), None)


def _is_line(box: BBox) -> bool:
    """A wide, short box: one line of text."""
    width, height = abs(box.x1 - box.x0), abs(box.y1 - box.y0)
    return height > 0 and width >= LINE_RATIO * height


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
        line = evidence.bbox is not None and _is_line(evidence.bbox)
        views.append(EvidenceView(crop_url=crop, page_url=page_url, field=evidence.field, value=evidence.value,
                                  document=doc, page=page, line=line))
    return views


def groups_of(checklist: Checklist) -> list[Group]:
    """Items by category, failing ones first; the categories holding the worst items come first."""
    out = []
    for category in CATEGORY_ORDER:
        items = sorted((i for i in checklist.items if i.category == category), key=lambda i: _SEVERITY[i.status])
        counts: dict[str, int] = {}
        for item in items:
            counts[item.status.value] = counts.get(item.status.value, 0) + 1
        out.append(Group(category=category, items=items, counts=counts))
    return sorted(out, key=lambda g: g.worst)  # stable: the fixed order among equals


def exceptions_of(checklist: Checklist) -> list[ChecklistItem]:
    """What failed, is missing or needs review, worst first: the summary at the top of the page."""
    return sorted((i for i in checklist.items if i.status in _OPEN), key=lambda i: _SEVERITY[i.status])


def render_checklist(application_id: str, *, form_error: dict[str, str] | None = None) -> str:
    """The checklist fragment (also fetched by the page when a new checklist lands)."""
    progress = progress_of(application_id)
    checklist = progress.checklist
    return render_template("_checklist.html", application_id=application_id, progress=progress, form_error=form_error,
                           checklist=checklist, groups=groups_of(checklist) if checklist else [],
                           exceptions=exceptions_of(checklist) if checklist else [],
                           evidence_views=evidence_views, statuses=[s.value for s in Status])


@bp.get("/applications/<application_id>/checklist.part")
@login_required
def checklist_part(application_id: str) -> ResponseReturnValue:
    """The checklist fragment alone, for the live page."""
    visible_application(application_id)
    return render_checklist(application_id)


def render_workspace(application_id: str, *, status: int = 200, **refused: Any) -> ResponseReturnValue:
    """The workspace page: header, upload, checklist and files; ``refused`` carries a form refused with its input
    (``form_error`` for an override, ``review_error``, ``assign_error``), shown beside its field."""
    application = visible_application(application_id)
    progress = progress_of(application_id)
    team = [u.username for u in accounts().list(branch=application.branch) if u.active and u.role != "admin"]
    review = casework().review_of(application_id)
    applicant = applicant_of(application, progress.checklist)[0]
    html = render_template(
        "application.html", application=application, progress=progress, rows=file_rows(progress), team=team,
        applicant=applicant, review=review, **undo_context(application, applicant),
        review_stale=review is not None and review.stale(progress.checklist), missing=_missing(progress.checklist),
        assignee=casework().assignee_of(application_id) or application.created_by, profiles=ctx().policy.profiles,
        errors={}, checklist_html=Markup(render_checklist(application_id, form_error=refused.get("form_error"))),
        **{k: v for k, v in refused.items() if k != "form_error"})
    return html, status


def _missing(checklist: Checklist | None) -> int:
    """Items still missing, and files that could not be read (the customer must bring them)."""
    if checklist is None:
        return 0
    return sum(1 for i in checklist.items if i.status == Status.MISSING) + len(checklist.errors)


@bp.post("/applications/<application_id>/items/<check_id>/override")
@login_required
def override(application_id: str, check_id: str) -> ResponseReturnValue:
    """Record an officer's verdict beside the machine's; a comment is mandatory (refused: said beside the form,
    with what was typed kept)."""
    visible_application(application_id)
    checklist = ctx().db.latest_checklist(application_id)
    if checklist is None or all(i.id != check_id for i in checklist.items):
        abort(404, description=f"no checklist item {check_id!r}")
    typed = request.form.get("comment") or ""
    comment = typed.strip()
    try:
        status = Status(request.form.get("status", ""))
    except ValueError:
        status = None
    if not comment or status is None:
        message = translate("comment_required") if status is not None else translate("choose_verdict")
        error = {"check_id": check_id, "comment": typed, "status": status.value if status else "", "message": message}
        return render_workspace(application_id, status=422, form_error=error)
    entry = Override(check_id=check_id, status=status, comment=comment[:2000], officer=signed_in().name, at=utcnow())
    override_and_notify(ctx(), queue(), application_id, entry)
    return redirect(url_for("pages.applications.detail", application_id=application_id, _anchor=check_id))


@bp.post("/applications/<application_id>/reviewed")
@login_required
def reviewed(application_id: str) -> ResponseReturnValue:
    """Mark the application reviewed as its latest checklist shows it; refused while documents are missing unless
    a comment says why."""
    visible_application(application_id)
    checklist = ctx().db.latest_checklist(application_id)
    typed = request.form.get("review_comment") or ""
    missing = _missing(checklist)
    if missing and not typed.strip():
        return render_workspace(application_id, status=422, review_typed=typed,
                                review_error=translate("review_needs_comment").format(n=missing))
    casework().mark_reviewed(application_id, by=signed_in().name, checklist=checklist, comment=typed.strip()[:2000])
    flash(translate("reviewed_done"))
    return redirect(url_for("pages.applications.detail", application_id=application_id))


@bp.post("/applications/<application_id>/reviewed/undo")
@login_required
def unreview(application_id: str) -> ResponseReturnValue:
    """Withdraw the reviewed mark."""
    visible_application(application_id)
    casework().unmark_reviewed(application_id)
    flash(translate("review_undone"))
    return redirect(url_for("pages.applications.detail", application_id=application_id))


@bp.post("/applications/<application_id>/assign")
@require_role("supervisor", "admin")
def assign(application_id: str) -> ResponseReturnValue:
    """Hand the application to another officer of its branch (supervisors and admins); the confirmation names them."""
    application = visible_application(application_id)
    chosen = request.form.get("assignee", "")
    if not chosen:
        return render_workspace(application_id, status=422, assign_error=translate("choose_assignee"))
    target = accounts().find(chosen)
    if target is None or not target.active or target.branch != application.branch:
        raise ForbiddenError("an application can only go to an active officer of its own branch",
                             zh=translate("fe_assignee", "zh"))
    casework().assign(application_id, to=target.username, by=signed_in().name)
    flash(translate("reassigned_to").format(name=target.username))
    return redirect(url_for("pages.applications.detail", application_id=application_id))
