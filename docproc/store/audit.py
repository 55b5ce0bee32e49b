"""The audit log: who viewed, downloaded, overrode or exported what, and when (append-only).

Rows name the actor (an officer's username or an API key's name), the action, the kind and id of
what was touched and its application; any further detail is sealed like other personal data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Literal, get_args

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, field_validator

from docproc.core.clock import utcnow
from docproc.store.database import Database
from docproc.store.tables import audit_events

Action = Literal["view", "download", "override", "export", "purge", "rotate_key", "exclude", "restore", "edit"]
ACTIONS: tuple[str, ...] = get_args(Action)



class AuditEvent(BaseModel):
    """One audited access."""

    model_config = ConfigDict(frozen=True)

    seq: int
    at: datetime
    actor: str
    action: Action
    target_kind: str
    target_id: str
    application_id: str | None = None
    detail: dict[str, Any] | None = None

    @field_validator("at")
    @classmethod
    def _aware(cls, moment: datetime) -> datetime:
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC


class AuditLog:
    """Append and read audit events."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine

    def record(self, *, actor: str, action: Action, target_kind: str, target_id: str,
               application_id: str | None = None, detail: dict[str, Any] | None = None) -> None:
        """Append one event (committed before returning)."""
        with self.engine.begin() as conn:
            conn.execute(audit_events.insert().values(
                at=utcnow(), actor=actor[:120], action=action, target_kind=target_kind,
                target_id=target_id[:120], application_id=application_id, detail=detail))

    def events(self, *, since: datetime | None = None, until: datetime | None = None,
               actor: str | None = None, action: str | None = None, application_id: str | None = None,
               after_seq: int = 0, limit: int | None = None) -> list[AuditEvent]:
        """Events matching the filters, oldest first."""
        return list(self.iter_events(since=since, until=until, actor=actor, action=action,
                                     application_id=application_id, after_seq=after_seq, limit=limit))

    def iter_events(self, *, since: datetime | None = None, until: datetime | None = None,
                    actor: str | None = None, action: str | None = None, application_id: str | None = None,
                    after_seq: int = 0, limit: int | None = None, batch: int = 500) -> Iterator[AuditEvent]:
        """Events matching the filters, oldest first, read in batches (for exports of any size)."""
        cols = audit_events.c
        query = sa.select(audit_events)
        for column, value in ((cols.actor, actor), (cols.action, action), (cols.application_id, application_id)):
            if value is not None:
                query = query.where(column == value)
        if since is not None:
            query = query.where(cols.at >= since)
        if until is not None:
            query = query.where(cols.at < until)
        yielded, position = 0, after_seq
        while limit is None or yielded < limit:
            size = batch if limit is None else min(batch, limit - yielded)
            with self.engine.connect() as conn:
                rows = conn.execute(query.where(cols.seq > position).order_by(cols.seq).limit(size)).all()
            if not rows:
                return
            for row in rows:
                yield AuditEvent.model_validate(row._asdict())
            yielded += len(rows)
            position = rows[-1].seq


def as_json_line(event: AuditEvent) -> str:
    """One event as a JSON line (the export format)."""
    return json.dumps(event.model_dump(mode="json"), ensure_ascii=False)
