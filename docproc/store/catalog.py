"""Finding applications: filters, keyset pagination and each application's current state.

Read-only queries over the tables of ``docproc.store.tables``. Every filter is a condition on an indexed
column of ``applications`` (kept in step by docproc.store.app_index), and pages are read by keyset on
(created_at, id): one statement per page, whatever the number of applications.
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
from docproc.store.app_index import ref_digests
from docproc.store.database import Database
from docproc.store.sealing import Keyring
from docproc.store.stored import load
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

    def conditions(self, keyring: Keyring | None) -> list[sa.ColumnElement[bool]]:
        """The filters as conditions on the indexed columns."""
        found: list[sa.ColumnElement[bool]] = []
        if self.visible is not None:
            found.append(applications.c.branch.in_(sorted(self.visible)))
        for column, value in ((applications.c.branch, self.branch), (applications.c.profile, self.profile),
                              (applications.c.status, self.status.value if self.status else None)):
            if value is not None:
                found.append(column == value)
        if self.external_ref is not None:
            found.append(applications.c.external_ref_digest.in_(ref_digests(keyring, self.external_ref)))
        if self.created_after is not None:
            found.append(applications.c.created_at >= as_utc(self.created_after))
        if self.created_before is not None:
            found.append(applications.c.created_at < as_utc(self.created_before))
        return found


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
    return None if row is None else load(Checklist, row.data, where="checklists.data")


def _page(db: Database, flt: ApplicationFilter, *, after: tuple[datetime, str] | None,
          limit: int) -> list[tuple[Application, AppState]]:
    query = sa.select(applications.c.data, applications.c.status).where(*flt.conditions(db.keyring))
    if after is not None:
        moment, app_id = after
        query = query.where(sa.or_(applications.c.created_at < moment,
                                   sa.and_(applications.c.created_at == moment, applications.c.id < app_id)))
    query = query.order_by(applications.c.created_at.desc(), applications.c.id.desc()).limit(limit)
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [(load(Application, r.data, where="applications.data"), AppState(r.status)) for r in rows]


def iter_applications(db: Database, flt: ApplicationFilter, *,
                      after: tuple[datetime, str] | None = None) -> Iterator[tuple[Application, AppState]]:
    """Applications passing ``flt``, newest first, starting after a cursor position (read in batches)."""
    position = after
    while batch := _page(db, flt, after=position, limit=BATCH):
        yield from batch
        position = (as_utc(batch[-1][0].created_at), batch[-1][0].id)


def page_applications(db: Database, flt: ApplicationFilter, *, limit: int,
                      cursor: str | None = None) -> tuple[list[tuple[Application, AppState]], str | None]:
    """One page of applications and the cursor of the next page (None on the last page), in one statement."""
    found = _page(db, flt, after=decode_cursor(cursor) if cursor else None, limit=limit + 1)
    if len(found) > limit:
        return found[:limit], encode_cursor(found[limit - 1][0])
    return found, None


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
