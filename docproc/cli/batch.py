"""Batch commands for operations: ``reprocess`` and ``import`` (plus ``keys`` and ``webhooks`` from cli_keys)."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import click

from docproc.cli.common import edge, parse_date_option
from docproc.cli.keys import keys, webhooks
from docproc.cli.runner import (
    Item,
    enqueue_reads,
    job_process,
    job_recheck,
    progress_bar,
    queue_for,
    run_inline,
    wait_for_queue,
    workers_listening,
)
from docproc.core.models import Application
from docproc.core.settings import Settings
from docproc.service import batch
from docproc.service.changes import ChangeSummary, ChecklistChange, Snapshot, snapshot, summarize_changes, summary_text
from docproc.service.context import Context, build_context
from docproc.store import catalog
from docproc.store.catalog import AppState


def _label(application: Application) -> str:
    return f"{application.id} ({application.external_ref})" if application.external_ref else application.id


def _warn_if_no_workers(queue: Any) -> None:
    if workers_listening(queue) == 0:
        click.echo(f"docproc: warning: no worker listens on queue {queue.name!r}: start `docproc worker` "
                   "(the work waits in the queue until one does)", err=True)


def _via_queue(ctx: Context, queue: Any, apps: list[Application], *, force: bool,
               timeout: float | None) -> list[ChecklistChange]:
    _warn_if_no_workers(queue)
    before: dict[str, Snapshot | None] = {}
    for application in apps:
        latest = ctx.db.latest_checklist(application.id)
        before[application.id] = snapshot(latest) if latest else None
    baseline = catalog.latest_seqs(ctx.db, [a.id for a in apps])
    items = [Item(a.id, _label(a)) for a in apps]
    with progress_bar("re-extracting (queue)" if force else "reading (queue)", len(items)) as advance:
        for application in apps:
            enqueue_reads(ctx, queue, application.id, force=force)
        return wait_for_queue(ctx, items, before=before, baseline=baseline, advance=advance, timeout=timeout)


def _emit(summary: ChangeSummary, *, as_json: bool, extra: dict[str, Any]) -> None:
    if as_json:
        click.echo(json.dumps({**extra, "summary": summary.model_dump(mode="json")}, ensure_ascii=False, indent=2))
    else:
        click.echo(summary_text(summary))
        click.echo(", ".join(f"{k}: {v}" for k, v in extra.items()))


@click.command()
@click.option("--application", "application_ids", multiple=True, help="Application id (repeatable).")
@click.option("--all", "all_", is_flag=True, help="Every application.")
@click.option("--status", type=click.Choice([s.value for s in AppState]), help="Only applications in this state.")
@click.option("--since", callback=parse_date_option, help="Only applications created on or after YYYY-MM-DD (UTC).")
@click.option("--re-extract", is_flag=True, help="Read the files again (OCR) before checking.")
@click.option("--dry-run", is_flag=True, help="Report what would change; store nothing, notify nobody.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for inline work (no REDIS_URL, or re-checks without --re-extract).")
@click.option("--timeout", type=float, help="With the queue: stop waiting for the workers after this many seconds.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@edge
def reprocess(application_ids: tuple[str, ...], all_: bool, status: str | None, since: date | None,
              re_extract: bool, dry_run: bool, workers: int, timeout: float | None, as_json: bool) -> None:
    """Re-run checks (and, on request, extraction) over many applications and summarise what changed.

    Without --re-extract the stored extractions are reused: no file is opened and nothing is OCR'd.
    With --re-extract and REDIS_URL set, the files go through the queue so all workers share them.
    """
    ctx = build_context(Settings())
    apps = batch.select_applications(ctx, ids=application_ids, all_=all_, status=AppState(status) if status else None,
                                     since=since)
    queue = queue_for(ctx.settings) if re_extract and not dry_run else None
    started = time.monotonic()
    if queue is not None:
        changes = _via_queue(ctx, queue, apps, force=True, timeout=timeout)
        mode = "queue"
    else:
        jobs = [(job_recheck, (Item(a.id, _label(a)), re_extract, dry_run)) for a in apps]
        with progress_bar("re-extracting" if re_extract else "re-checking", len(jobs)) as advance:
            changes = run_inline(ctx, jobs, workers=workers, advance=advance)
        mode = "inline" if workers <= 1 else f"{workers} processes"
    summary = summarize_changes(changes)
    _emit(summary, as_json=as_json, extra={"mode": mode, "dry_run": dry_run, "re_extract": re_extract,
                                           "elapsed_s": round(time.monotonic() - started, 2)})
    if summary.failed:
        sys.exit(1)


@click.command("import")
@click.argument("root", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--profile", help="Profile of folders whose truth.json names none.")
@click.option("--application-date", callback=parse_date_option, help="YYYY-MM-DD for folders whose truth.json names none; default today.")
@click.option("--branch", default="main", show_default=True, help="Branch of the new applications.")
@click.option("--again", is_flag=True, help="Also import folders imported before (a new application each).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes reading files when no REDIS_URL is set.")
@click.option("--timeout", type=float, help="With the queue: stop waiting for the workers after this many seconds.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@edge
def import_(root: Path, profile: str | None, application_date: date | None, branch: str, again: bool,
            workers: int, timeout: float | None, as_json: bool) -> None:
    """Create one application per sub-folder of ROOT (truth.json may give profile and application_date)."""
    ctx = build_context(Settings())
    folders = batch.discover(root, profile=profile, application_date=application_date)
    known = {} if again else batch.already_imported(ctx, branch=branch)
    todo = [f for f in folders if f"import:{f.path.name}" not in known]
    started = time.monotonic()
    # Folders stored by an interrupted run but never checked are finished now, not skipped.
    created = batch.unfinished_imports(ctx, [known[ref] for f in folders if (ref := f"import:{f.path.name}") in known])
    resumed = len(created)
    refused: list[str] = []
    with progress_bar("storing files", len(todo)) as advance:
        for folder in todo:
            application, files, bad = batch.create_from_folder(ctx, folder, branch=branch, created_by="cli:import")
            created.append((application, [f.id for f in files]))
            refused += [f"{folder.path.name}/{reason}" for reason in bad]
            advance(1)
    queue = queue_for(ctx.settings)
    if queue is not None:
        changes = _via_queue(ctx, queue, [a for a, _ in created], force=False, timeout=timeout)
    else:
        jobs = [(job_process, (Item(a.id, _label(a)), ids)) for a, ids in created]
        with progress_bar("reading and checking", len(jobs)) as advance:
            changes = run_inline(ctx, jobs, workers=workers, advance=advance)
    _report_import(changes, skipped=len(folders) - len(todo) - resumed, refused=refused, as_json=as_json,
                   elapsed=time.monotonic() - started)
    if any(c.error for c in changes):
        sys.exit(1)


def _report_import(changes: list[ChecklistChange], *, skipped: int, refused: list[str], as_json: bool,
                   elapsed: float) -> None:
    statuses = Counter(c.status_after or "error" for c in changes)
    if as_json:
        payload = {"imported": len(changes), "skipped": skipped, "statuses": dict(statuses), "refused_files": refused,
                   "elapsed_s": round(elapsed, 2),
                   "applications": [{"application": c.application_id, "label": c.label, "status": c.status_after,
                                     "error": c.error} for c in changes]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    counts = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())) or "nothing"
    click.echo(f"{len(changes)} application(s) imported ({skipped} skipped: imported before) in {elapsed:.1f}s: {counts}")
    for change in sorted(changes, key=lambda c: c.label or ""):
        click.echo(f"  {change.label}: {change.status_after or 'ERROR ' + (change.error or '')}")
    for reason in refused:
        click.echo(f"  refused: {reason}")


COMMANDS: list[click.Command] = [reprocess, import_, keys, webhooks]
