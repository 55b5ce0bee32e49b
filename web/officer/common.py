"""What the officers' views share: the context, visibility checks, summaries and live file states."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import current_app, url_for

from docproc.cn.id_number import mask
from docproc.core.errors import NotFoundError
from docproc.core.models import Application, Checklist, Document, FileState, StoredFile
from docproc.service import batch
from docproc.service.context import Context
from docproc.service.dispatch import dispatch
from docproc.store.accounts import Review
from docproc.store.app_index import applicant_of as applicant_of  # re-exported for the views
from docproc.store.edits import counted
from docproc.store.listing import Line
from web.auth import casework, signed_in
from web.i18n import translate
from web.officer.undo_rows import undo_fields
from web.wording import error_text

if TYPE_CHECKING:
    from rq import Queue

LIST_STATUSES = ("ready", "needs_supplement", "flagged", "processing")


def ctx() -> Context:
    """The app's docproc context."""
    return current_app.extensions["docproc"]  # type: ignore[no-any-return]


def visible_application(application_id: str) -> Application:
    """The application, when the signed-in officer may see it; another branch's answers 404 like a missing one."""
    application = ctx().db.get_application(application_id)
    if not signed_in().can_see(application):
        raise NotFoundError(f"no application {application_id!r}")
    return application


def visible_file(file_id: str) -> tuple[StoredFile, Application]:
    """A stored file and its application, when the signed-in officer may see them (else 404 as for a missing file)."""
    stored = ctx().db.get_file(file_id)
    application = ctx().db.get_application(stored.application_id)
    if not signed_in().can_see(application):
        raise NotFoundError(f"no file {file_id!r}")
    return stored, application


def queue() -> Queue | None:
    """The app's job queue, or None when files are read in the request."""
    return current_app.extensions.get("docproc.queue")


def request_checks(application_id: str, files: list[StoredFile], *, force: bool) -> None:
    """Note that checks were asked for (the page shows them as due), then read ``files`` (again, past the
    extraction cache, when ``force``) and re-check, as :func:`docproc.service.dispatch.dispatch` does for the API."""
    casework().request_check(application_id)
    dispatch(ctx(), queue(), application_id, files, force=force)


@dataclass(frozen=True)
class Progress:
    """Where an application is: its files, latest checklist, and whether checks are still due."""

    files: list[StoredFile]
    checklist: Checklist | None
    pending: bool
    checking: bool

    @property
    def busy(self) -> bool:
        """Still reading or checking."""
        return self.pending or self.checking

    @property
    def status(self) -> str:
        """ready / needs_supplement / flagged / processing, or empty when nothing was uploaded."""
        if self.busy:
            return "processing"
        if self.checklist is None:
            return "empty"
        return self.checklist.status.value


def progress_of(application_id: str) -> Progress:
    """The application's live progress (a checklist older than the last request is stale)."""
    context = ctx()
    files = context.db.files_of(application_id)
    checklist = context.db.latest_checklist(application_id)
    pending = any(f.state in (FileState.RECEIVED, FileState.QUEUED, FileState.READING) for f in files)
    requested = casework().check_requested_at(application_id)
    stale = checklist is None or (requested is not None and checklist.created_at < requested)
    return Progress(files=files, checklist=checklist, pending=pending, checking=not pending and bool(files) and stale)


def file_kinds(checklist: Checklist | None) -> dict[str, str]:
    """What each file turned out to be, by file id, as the latest checklist found it ("银行流水 · 3页")."""
    found: dict[str, list[Document]] = {}
    for doc in checklist.documents if checklist else []:
        found.setdefault(doc.file_id, []).append(doc)
    out = {}
    for file_id, docs in found.items():
        names = []
        for doc in docs:
            name = translate(f"doc_{doc.type.value}") + (f" · {translate(f'side_{doc.side.value}')}" if doc.side else "")
            if name not in names:
                names.append(name)
        pages = max((p for d in docs for p in d.pages), default=0)
        out[file_id] = " + ".join(names) + (" · " + translate("pages_n").format(n=pages) if pages else "")
    return out


def file_row(stored: StoredFile, progress: Progress, parents: dict[str, str],
             kinds: dict[str, str] | None = None) -> dict[str, Any]:
    """One file as the upload list shows it (``checking`` between read and checklist), labelled with what it
    turned out to be and a thumbnail of its first page once read."""
    shown = stored.state.value
    if stored.state == FileState.DONE and progress.busy:
        shown = "checking"
    read = stored.state == FileState.DONE and stored.id not in parents
    kind = (kinds or {}).get(stored.id)
    if kind is None and read and progress.checklist is not None and not progress.busy:
        kind = translate("doc_unknown")
    if stored.duplicate_of or stored.excluded_at:  # kept and listed, out of the checks
        shown = "duplicate" if stored.duplicate_of else "excluded"
    return {
        "kind": kind,
        "thumb_url": url_for("pages.evidence.thumbnail", file_id=stored.id) if read else None,
        "id": stored.id,
        "filename": stored.filename,
        "size": stored.size,
        "state": stored.state.value,
        "shown": shown,
        "error": error_text(stored.error_code, stored.error) if stored.error else None,
        "parent": parents.get(stored.parent_id or ""),
        "archive": stored.id in parents,
        "download_url": url_for("pages.evidence.original", file_id=stored.id),
        "reprocess_url": url_for("pages.applications.reprocess_file", file_id=stored.id),
        **undo_fields(stored, progress.files),
    }


def file_rows(progress: Progress) -> list[dict[str, Any]]:
    """Every file of the application as rows, archives before their members."""
    parents = {f.id: f.filename for f in progress.files if any(c.parent_id == f.id for c in progress.files)}
    kinds = file_kinds(progress.checklist)
    return [file_row(f, progress, parents, kinds) for f in progress.files]


@dataclass(frozen=True)
class Summary:
    """One line of the applications list (personal data masked)."""

    application: Application
    status: str
    name: str | None
    id_number: str | None
    typed_name: str | None  # the name as typed, when it is not the ID card's (shown beside it)
    files: int
    assignee: str | None
    review: Review | None

    @property
    def masked_id(self) -> str | None:
        """The id number as lists show it."""
        return mask(self.id_number) if self.id_number else None


def summarize_line(line: Line) -> Summary:
    """The list line of one application, from what the list query read (no statement of its own)."""
    pending = any(f.state in (FileState.RECEIVED, FileState.QUEUED, FileState.READING) for f in line.files)
    checked_at = line.latest[1] if line.latest else None
    stale = checked_at is None or (line.requested_at is not None and checked_at < line.requested_at)
    checking = not pending and bool(line.files) and stale
    status = "processing" if pending or checking else line.latest[0] if line.latest else "empty"
    review = Review(line.application.id, line.review[0], line.review[1]) if line.review else None
    return Summary(application=line.application, status=status, name=line.name, id_number=line.id_number,
                   typed_name=line.typed_name, files=len(batch.readable_files(counted(line.files))),
                   assignee=line.assignee, review=review)
