"""What a file row of the page carries for the undo controls: excluded or duplicate, why, and where to post."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from docproc.core.models import Application, StoredFile
from docproc.service.edits import fact_history
from docproc.store.app_index import typed_beside
from web.i18n import translate


def undo_fields(stored: StoredFile, files: list[StoredFile]) -> dict[str, Any]:
    """The row's exclusion state, its note (a duplicate names the file of ``files`` it repeats) and the
    exclude/restore URLs."""
    original = next((f for f in files if f.id == stored.duplicate_of), None) if stored.duplicate_of else None
    note = translate("duplicate_of").format(name=original.filename if original else stored.duplicate_of) \
        if stored.duplicate_of else None
    return {
        "excluded": stored.excluded_at is not None,
        "excluded_by": stored.excluded_by,
        "duplicate_of": stored.duplicate_of,
        "note": note,
        "exclude_url": url_for("pages.undo.exclude", file_id=stored.id),
        "restore_url": url_for("pages.undo.restore", file_id=stored.id),
    }


def undo_context(application: Application, applicant: str | None) -> dict[str, Any]:
    """What the workspace shows of the undo: the typed name beside the card's, and the facts' history."""
    context = current_app.extensions["docproc"]
    return {"typed_name": typed_beside(application, applicant), "history": fact_history(context, application.id)}
