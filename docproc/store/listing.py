"""The officers' applications list in SQL: search, state filter, "mine", date order and keyset pages.

A page costs a fixed number of statements whatever the number of applications: the page itself, its count,
and one statement each for the shown lines' files, checklist states, check requests and reviews.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from docproc.core.models import Application, StoredFile
from docproc.store.app_index import query_tokens
from docproc.store.catalog import InvalidCursor, as_utc
from docproc.store.database import Database
from docproc.store.stored import load
from docproc.store.tables import (
    application_assignments,
    application_reviews,
    application_search,
    applications,
    check_requests,
    checklists,
    files,
)

Key = tuple[date, datetime, str]


@dataclass(frozen=True)
class ListQuery:
    """What the officer asked for; ``visible`` None means every branch."""

    visible: frozenset[str] | None
    search: str = ""
    status: str = ""  # an applications.status value ("processing", "ready", ...) or "" for all
    assignee: str | None = None  # only the applications in this officer's charge
    newest_first: bool = True


@dataclass
class Line:
    """One application on the page, with what its list line shows."""

    application: Application
    status: str  # applications.status
    name: str | None
    id_number: str | None
    assignee: str | None
    typed_name: str | None = None  # the name as typed, when the ID card's differs
    files: list[StoredFile] = field(default_factory=list)
    latest: tuple[str, datetime] | None = None  # newest checklist: status and when
    requested_at: datetime | None = None  # checks last asked for by an officer
    review: tuple[str, datetime] | None = None  # reviewed by, at


@dataclass
class ListPage:
    """A page of lines, how many match in all, and the cursors of the pages around it."""

    lines: list[Line]
    total: int
    next_cursor: str | None
    previous_cursor: str | None


def encode_key(key: Key) -> str:
    """An opaque cursor for a list position."""
    raw = json.dumps([key[0].isoformat(), key[1].isoformat(), key[2]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_key(cursor: str) -> Key:
    """The position a cursor names; InvalidCursor when it is not one of ours."""
    try:
        day, moment, app_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return date.fromisoformat(day), as_utc(datetime.fromisoformat(moment)), str(app_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor("the cursor is not valid: follow the list's own links") from None


def _conditions(db: Database, q: ListQuery) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    if q.visible is not None:
        found.append(applications.c.branch.in_(sorted(q.visible)))
    if q.status:
        found.append(applications.c.status == ("new" if q.status == "empty" else q.status))
    if q.assignee is not None:
        found.append(sa.func.coalesce(application_assignments.c.assignee, applications.c.created_by) == q.assignee)
    text = q.search.strip()
    if text:  # the few applications the blind index finds (or an application id), then the other filters
        candidates: sa.CompoundSelect[Any] | sa.Select[Any] = sa.select(applications.c.id).where(
            applications.c.id == text.lower())
        if db.keyring is not None:
            candidates = sa.union(candidates, sa.select(application_search.c.application_id).where(
                application_search.c.token.in_(query_tokens(db.keyring, text))))
        found.append(applications.c.id.in_(candidates))
    return found


def list_page(db: Database, q: ListQuery, *, limit: int, after: str | None = None,
              before: str | None = None) -> ListPage:
    """The page after cursor ``after`` (or before ``before``; the first page without either)."""
    order = (applications.c.application_date, applications.c.created_at, applications.c.id)
    position = sa.tuple_(*order)
    where = _conditions(db, q)
    backwards = before is not None
    if after or before:
        key = decode_key(after or before or "")
        later = q.newest_first == backwards  # reading towards later keys
        where.append(position > sa.tuple_(*key) if later else position < sa.tuple_(*key))
    descending = q.newest_first != backwards
    joined = applications.outerjoin(application_assignments,
                                    application_assignments.c.application_id == applications.c.id)
    query = (sa.select(applications.c.data, applications.c.status, applications.c.applicant,
                       application_assignments.c.assignee)
             .select_from(joined).where(*where)
             .order_by(*(c.desc() if descending else c.asc() for c in order)).limit(limit + 1))
    count = sa.select(sa.func.count()).select_from(joined).where(*_conditions(db, q))
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = int(conn.execute(count).scalar_one())
    more = len(rows) > limit
    rows = rows[:limit][::-1] if backwards else rows[:limit]
    lines = []
    for r in rows:
        application = load(Application, r.data, where="applications.data")
        applicant = r.applicant or {}
        lines.append(Line(application=application, status=r.status, name=applicant.get("name"),
                          id_number=applicant.get("id_number"), assignee=r.assignee or application.created_by,
                          typed_name=applicant.get("typed")))
    _fill(db, lines)
    keys = [encode_key((ln.application.application_date, as_utc(ln.application.created_at), ln.application.id))
            for ln in lines]
    has_next, has_previous = (True, more) if backwards else (more, after is not None)
    return ListPage(lines=lines, total=total, next_cursor=keys[-1] if keys and has_next else None,
                    previous_cursor=keys[0] if keys and has_previous else None)


def _fill(db: Database, lines: list[Line]) -> None:
    """The shown lines' files, newest checklist, check request and review: one statement each."""
    by_id = {ln.application.id: ln for ln in lines}
    if not by_id:
        return
    ids = list(by_id)
    with db.engine.connect() as conn:
        for r in conn.execute(sa.select(files.c.data).where(files.c.application_id.in_(ids))
                              .order_by(files.c.created_at, files.c.id)):
            stored = load(StoredFile, r.data, where="files.data")
            by_id[stored.application_id].files.append(stored)
        for r in conn.execute(sa.select(checklists.c.application_id, checklists.c.status, checklists.c.created_at)
                              .where(checklists.c.application_id.in_(ids)).order_by(checklists.c.seq)):
            by_id[r.application_id].latest = (r.status, as_utc(r.created_at))  # the last one wins
        for r in conn.execute(sa.select(check_requests).where(check_requests.c.application_id.in_(ids))):
            by_id[r.application_id].requested_at = as_utc(r.requested_at)
        for r in conn.execute(sa.select(application_reviews).where(application_reviews.c.application_id.in_(ids))):
            by_id[r.application_id].review = (r.reviewed_by, as_utc(r.reviewed_at))


def any_visible(db: Database, visible: frozenset[str] | None) -> bool:
    """Whether the officer can see any application at all."""
    query = sa.select(applications.c.id).limit(1)
    if visible is not None:
        query = query.where(applications.c.branch.in_(sorted(visible)))
    with db.engine.connect() as conn:
        return conn.execute(query).first() is not None
