"""The plain copies the dashboard counts on, written with every checklist: the check ids of its supplement
request (no personal data, so not sealed), one row per checklist and check."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from docproc.core.models import Checklist
from docproc.store.tables import supplement_reasons


def reason_rows(seq: int, checklist: Checklist) -> list[dict[str, Any]]:
    """One row per distinct check id of the checklist's supplement request (file errors count once)."""
    ids = dict.fromkeys(s.check_id for s in checklist.supplement_request)
    return [{"checklist_seq": seq, "check_id": check_id[:120], "application_id": checklist.application}
            for check_id in ids]


def after_checklist(conn: Connection, seq: int, checklist: Checklist) -> None:
    """Record the supplement check ids of the checklist just stored as ``seq``."""
    if rows := reason_rows(seq, checklist):
        conn.execute(supplement_reasons.insert(), rows)
