"""Batch work over many applications: choose them, re-check one, and import applicant folders.

Plain functions over a Context, so a process-pool worker, a queue job and a test run the same code.
Re-checking without re-extraction reads the stored documents only: no file, no OCR.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from docproc.core.errors import InputError
from docproc.core.models import Application, Checklist, Document, FileState, StoredFile
from docproc.service import pipeline
from docproc.service.changes import ChecklistChange, diff
from docproc.service.checklist import summarize
from docproc.service.context import Context
from docproc.store import catalog
from docproc.store.catalog import ApplicationFilter, AppState
from docproc.store.tables import extractions
from docproc.validators import run_checks

SUPPORTED_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".zip", ".gif"})


def select_applications(ctx: Context, *, ids: Iterable[str] = (), all_: bool = False, status: AppState | None = None,
                        since: date | None = None) -> list[Application]:
    """The applications a batch command names: ids, or every one, narrowed by state and creation date."""
    ids = list(dict.fromkeys(ids))
    if not ids and not all_ and status is None and since is None:
        raise InputError("name the applications: --application ID ..., --all, --status S or --since DATE")
    after = datetime.combine(since, time.min) if since else None
    if ids:
        chosen = [ctx.db.get_application(i) for i in ids]
        states = catalog.states_of(ctx.db, ids)
        return [a for a in chosen if (status is None or states[a.id] == status)
                and (after is None or a.created_at >= catalog.as_utc(after))]
    flt = ApplicationFilter(status=status, created_after=after)
    return [a for a, _ in catalog.iter_applications(ctx.db, flt)][::-1]  # oldest first


def readable_files(files: list[StoredFile]) -> list[StoredFile]:
    """Files that hold pages (a zip's own row is only a container of its member files)."""
    parents = {f.parent_id for f in files if f.parent_id}
    return [f for f in files if f.id not in parents]


def forget_extractions(ctx: Context, files: list[StoredFile]) -> int:
    """Drop cached extractions of these files' bytes, so that the next read (a queued job) reads them again."""
    digests = sorted({f.sha256 for f in files})
    if not digests:
        return 0
    with ctx.db.engine.begin() as conn:
        return int(conn.execute(sa.delete(extractions).where(extractions.c.sha256.in_(digests))).rowcount or 0)


def _read_in_memory(ctx: Context, files: list[StoredFile]) -> list[Document]:
    docs: list[Document] = []
    for stored in readable_files(files):
        try:
            docs += pipeline.documents_from_pages(ctx, pipeline.read_pages(ctx, stored))
        except InputError:
            continue
    return docs


def preview_checklist(ctx: Context, application_id: str, *, re_extract: bool = False) -> Checklist:
    """The checklist a re-check would produce, stored nowhere (``--dry-run``)."""
    bundle = pipeline.bundle_of(ctx, application_id)
    if re_extract:
        bundle = bundle.model_copy(update={"documents": _read_in_memory(ctx, bundle.files)})
    results = run_checks(bundle, ctx.policy)
    return summarize(bundle, results, overrides=ctx.db.overrides_of(application_id), policy=ctx.policy)


def recheck(ctx: Context, application_id: str, *, re_extract: bool = False, dry_run: bool = False,
            label: str | None = None) -> tuple[ChecklistChange, Checklist]:
    """Re-run the checks of one application (re-reading its files on request) and say what changed."""
    before = ctx.db.latest_checklist(application_id)
    if dry_run:
        after = preview_checklist(ctx, application_id, re_extract=re_extract)
    else:
        if re_extract:
            for stored in readable_files(ctx.db.files_of(application_id)):
                pipeline.process_file(ctx, stored.id, force=True)
        after = pipeline.check_application(ctx, application_id)
    return diff(before, after, label=label), after


# --- import ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ApplicantFolder:
    """One applicant's folder to import, with what its truth.json (or the options) say."""

    path: Path
    profile: str
    application_date: date
    files: tuple[Path, ...]
    loan_amount: Decimal | None = None


def _truth(folder: Path) -> dict[str, object]:
    path = folder / "truth.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None
    return data if isinstance(data, dict) else {}


def applicant_files(folder: Path) -> tuple[Path, ...]:
    """Supported files inside an applicant folder (recursively, hidden ones skipped, sorted)."""
    return tuple(sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ))


def discover(root: Path, *, profile: str | None, application_date: date | None) -> list[ApplicantFolder]:
    """One ApplicantFolder per sub-folder holding documents; truth.json wins over the options."""
    if not root.is_dir():
        raise InputError(f"{root} is not a folder")
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = applicant_files(folder)
        if not files:
            continue
        truth = _truth(folder)
        chosen_profile = str(truth.get("profile") or profile or "")
        if not chosen_profile:
            raise InputError(f"{folder.name}: no profile (give --profile, or 'profile' in its truth.json)")
        raw_date = truth.get("application_date")
        try:
            when = date.fromisoformat(str(raw_date)) if raw_date else application_date or date.today()
        except ValueError:
            raise InputError(f"{folder.name}: application_date {raw_date!r} in truth.json is not YYYY-MM-DD") from None
        amount = truth.get("loan_amount")
        found.append(ApplicantFolder(path=folder, profile=chosen_profile, application_date=when, files=files,
                                     loan_amount=Decimal(str(amount)) if amount is not None else None))
    return found


def already_imported(ctx: Context, *, branch: str) -> dict[str, str]:
    """External references already imported into ``branch``, mapped to their application ids."""
    flt = ApplicationFilter(branch=branch)
    return {a.external_ref: a.id for a, _ in catalog.iter_applications(ctx.db, flt) if a.external_ref}


def create_from_folder(ctx: Context, folder: ApplicantFolder, *, branch: str, created_by: str | None = None,
                       ref_prefix: str = "import:") -> tuple[Application, list[StoredFile], list[str]]:
    """Create the application and store its files; returns it, the files to read and refused files' reasons."""
    application = pipeline.create_application(
        ctx, profile=folder.profile, application_date=folder.application_date, loan_amount=folder.loan_amount,
        external_ref=f"{ref_prefix}{folder.path.name}", branch=branch, created_by=created_by,
    )
    to_read: list[StoredFile] = []
    refused: list[str] = []
    for path in folder.files:
        try:
            to_read += pipeline.ingest(ctx, application.id, filename=path.name, data=path.read_bytes())
        except InputError as exc:
            refused.append(f"{path.name}: {exc.message}")
    return application, to_read, refused


def unfinished_imports(ctx: Context, application_ids: Iterable[str]) -> list[tuple[Application, list[str]]]:
    """Imported applications never checked (an interrupted import), with their files still to read."""
    ids = list(application_ids)
    states = catalog.states_of(ctx.db, ids)
    out = []
    for app_id in ids:
        if states[app_id] in (AppState.NEW, AppState.PROCESSING):
            waiting = [f.id for f in readable_files(ctx.db.files_of(app_id)) if f.state == FileState.RECEIVED]
            out.append((ctx.db.get_application(app_id), waiting))
    return out
