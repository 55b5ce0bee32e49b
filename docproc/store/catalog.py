"""Finding applications: filters, keyset pagination and each application's current state.

Read-only queries over the tables of ``docproc.store.tables``. Fields that live inside an
application's JSON payload (branch, profile, external reference) are filtered in Python over
batches read in key order, so the queries stay portable between SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from docproc.core.errors import InputError
from docproc.core.models import Application, Checklist, FileState
from docproc.store.database import Database
from docproc.store.tables import applications, checklists, files

BATCH = 200
_BUSY = (FileState.RECEIVED.value, FileState.QUEUED.value, FileState.READING.value)


class InvalidCursor(InputError):
    """A pagination cursor that this server did not hand out."""

    code = "invalid_cursor"


class AppState(StrEnum):
    """Where an application is: no files yet, files in flight, or its checklist's status."""

    NEW = "new"
    PROCESSING = "processing"
    READY = "ready"
    NEEDS_SUPPLEMENT = "needs_supplement"
    FLAGGED = "flagged"


class ApplicationFilter(BaseModel):
    """Which applications to list; ``visible`` None means every branch."""

    model_config = ConfigDict(frozen=True)

    visible: frozenset[str] | None = None
    branch: str | None = None
    profile: str | None = None
    status: AppState | None = None
    external_ref: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None

    def admits(self, application: Application) -> bool:
        """Whether the application passes the filters on its payload."""
        return (
            (self.visible is None or application.branch in self.visible)
            and (self.branch is None or application.branch == self.branch)
            and (self.profile is None or application.profile == self.profile)
            and (self.external_ref is None or application.external_ref == self.external_ref)
        )


def encode_cursor(application: Application) -> str:
    """An opaque cursor pointing just after ``application`` in newest-first order."""
    raw = json.dumps([application.created_at.isoformat(), application.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The (created_at, id) a cursor points after; InputError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, app_id = json.loads(raw)
        return as_utc(datetime.fromisoformat(moment)), str(app_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor("the cursor is not valid: pass next_cursor from the previous page unchanged") from None


def states_of(db: Database, ids: list[str]) -> dict[str, AppState]:
    """Each application's state: processing (files in flight), its latest checklist's status, or new."""
    if not ids:
        return {}
    with db.engine.connect() as conn:
        busy = {r.application_id for r in conn.execute(
            sa.select(files.c.application_id).where(files.c.application_id.in_(ids), files.c.state.in_(_BUSY)))}
        rows = conn.execute(
            sa.select(checklists.c.application_id, checklists.c.status)
            .where(checklists.c.application_id.in_(ids)).order_by(checklists.c.seq)
        ).all()
    latest = {r.application_id: r.status for r in rows}  # ordered by seq: the last one wins
    return {
        app_id: AppState.PROCESSING if app_id in busy else AppState(latest[app_id]) if app_id in latest
        else AppState.NEW
        for app_id in ids
    }


def latest_seqs(db: Database, ids: list[str]) -> dict[str, int]:
    """The sequence number of each application's newest checklist (0 when it has none)."""
    out = dict.fromkeys(ids, 0)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        with db.engine.connect() as conn:
            rows = conn.execute(
                sa.select(checklists.c.application_id, sa.func.max(checklists.c.seq))
                .where(checklists.c.application_id.in_(chunk)).group_by(checklists.c.application_id)
            ).all()
        out.update({app_id: int(seq) for app_id, seq in rows})
    return out


def previous_checklist(db: Database, application_id: str) -> Checklist | None:
    """The checklist before the newest one (what a change is measured against), if any."""
    with db.engine.connect() as conn:
        row = conn.execute(
            sa.select(checklists.c.data).where(checklists.c.application_id == application_id)
            .order_by(checklists.c.seq.desc()).offset(1).limit(1)
        ).first()
    return None if row is None else Checklist.model_validate(row.data)


def iter_applications(db: Database, flt: ApplicationFilter, *,
                      after: tuple[datetime, str] | None = None) -> Iterator[tuple[Application, AppState]]:
    """Applications passing ``flt``, newest first, starting after a cursor position."""
    position = after
    while True:
        query = sa.select(applications.c.created_at, applications.c.id, applications.c.data)
        if flt.created_after is not None:
            query = query.where(applications.c.created_at >= as_utc(flt.created_after))
        if flt.created_before is not None:
            query = query.where(applications.c.created_at < as_utc(flt.created_before))
        if position is not None:
            moment, app_id = position
            query = query.where(sa.or_(applications.c.created_at < moment,
                                       sa.and_(applications.c.created_at == moment, applications.c.id < app_id)))
        query = query.order_by(applications.c.created_at.desc(), applications.c.id.desc()).limit(BATCH)
        with db.engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return
        batch = [Application.model_validate(r.data) for r in rows]
        admitted = [a for a in batch if flt.admits(a)]
        states = states_of(db, [a.id for a in admitted])
        for application in admitted:
            if flt.status is None or states[application.id] == flt.status:
                yield application, states[application.id]
        position = (as_utc(rows[-1].created_at), rows[-1].id)


def page_applications(db: Database, flt: ApplicationFilter, *, limit: int,
                      cursor: str | None = None) -> tuple[list[tuple[Application, AppState]], str | None]:
    """One page of applications and the cursor of the next page (None on the last page)."""
    found: list[tuple[Application, AppState]] = []
    for item in iter_applications(db, flt, after=decode_cursor(cursor) if cursor else None):
        if len(found) == limit:
            return found, encode_cursor(found[-1][0])
        found.append(item)
    return found, None


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
