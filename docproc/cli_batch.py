"""Batch commands for operations: reprocess (and, later, import, API keys, webhooks)."""

from __future__ import annotations

import sys
from typing import Any

import click

from docproc import pipeline
from docproc.context import build_context
from docproc.errors import DocprocError, InputError
from docproc.settings import Settings


def _statuses(checklist: Any) -> dict[str, str]:
    return {i.id: i.status.value for i in checklist.items}


@click.command()
@click.option("--application", "application_ids", multiple=True, help="Application id (repeatable).")
@click.option("--all", "all_", is_flag=True, help="Every application.")
@click.option("--re-extract", is_flag=True, help="Read the files again (OCR) before checking.")
def reprocess(application_ids: tuple[str, ...], all_: bool, re_extract: bool) -> None:
    """Re-run checks (and, on request, extraction) and say which checklists changed."""
    try:
        ctx = build_context(Settings())
        ids = [a.id for a in ctx.db.list_applications()] if all_ else list(application_ids)
        if not ids:
            raise InputError("name --application ID or --all")
        changed = 0
        with click.progressbar(ids, label="reprocessing", file=sys.stderr) as bar:
            for application_id in bar:
                before = ctx.db.latest_checklist(application_id)
                if re_extract:
                    for stored in ctx.db.files_of(application_id):
                        pipeline.process_file(ctx, stored.id, force=True)
                after = pipeline.check_application(ctx, application_id)
                if before is None or _statuses(before) != _statuses(after) or before.status != after.status:
                    changed += 1
    except DocprocError as exc:
        click.echo(f"docproc: error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    click.echo(f"{len(ids)} application(s) re-checked, {changed} checklist(s) changed")


COMMANDS: list[click.Command] = [reprocess]
