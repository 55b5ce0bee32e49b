"""The columns lists query, kept in step with every write: an application's branch, profile, external
reference, creator, date, state and applicant, and the blind index of the applicant's name and id number.

Personal data is never stored in clear for searching: the applicant (name and id number as the list shows
them) sits sealed in ``applications.applicant``, and search goes through ``application_search``, which holds
keyed digests (:meth:`Keyring.blind_index`) of the name's pieces (every run of two characters or more, and the
whole name) and of the id number (whole, masked as lists show it, its last 4 and last 6 characters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from docproc.cn.id_number import mask
from docproc.core.models import Application, Checklist, DocType, FileState, Side
from docproc.store.sealing import Keyring
from docproc.store.stored import load
from docproc.store.tables import application_search, applications, checklists, files

SEARCH_PURPOSE = "applicant-search"
TOKEN_CHARS = 32
MAX_NAME_CHARS = 16  # pieces of longer names are not indexed past this length
BUSY = (FileState.RECEIVED.value, FileState.QUEUED.value, FileState.READING.value)


def read_applicant(checklist: Checklist | None) -> tuple[str | None, str | None]:
    """Name and id number as read from the documents: the ID card (front first), else another document."""
    name = number = None
    if checklist is not None:
        docs = sorted(checklist.documents, key=lambda d: (d.type != DocType.ID_CARD, d.side != Side.FRONT))
        for doc in docs:
            if not name and "name" in doc.fields and doc.fields["name"].value:
                name = str(doc.fields["name"].value)
            if not number and "id_number" in doc.fields and doc.fields["id_number"].value:
                number = str(doc.fields["id_number"].value)
    return name, number


def applicant_of(application: Application, checklist: Checklist | None) -> tuple[str | None, str | None]:
    """The name as the documents give it (the ID card first), else as entered: a typed name never hides the
    card's (the check ``anomaly.applicant_name`` compares the two, and lists show a differing one beside it); the
    id number as entered, else as read."""
    name, number = read_applicant(checklist)
    return name or application.applicant_name, application.applicant_id_number or number


def typed_beside(application: Application, shown: str | None) -> str | None:
    """The name as entered, when it is not the one shown (lists show both, and search finds either)."""
    typed = application.applicant_name
    return typed if typed and shown and _norm(typed) != _norm(shown) else None


def _norm(text: str) -> str:
    return "".join(text.split()).upper()


def _name_pieces(name: str) -> set[str]:
    clean = _norm(name)[:MAX_NAME_CHARS]
    pieces = {clean[i:j] for i in range(len(clean)) for j in range(i + 2, len(clean) + 1)}
    return pieces | {_norm(name)} if clean else set()


def _id_pieces(number: str) -> set[str]:
    clean = _norm(number)
    if len(clean) < 4:
        return set()
    return {f"id:{clean}", f"id4:{clean[-4:]}", f"id6:{clean[-6:]}", f"idm:{mask(clean)}"}


def _digest(keyring: Keyring, piece: str, *, every_key: bool) -> list[str]:
    digests = [d[:TOKEN_CHARS] for d in keyring.blind_index(piece, purpose=SEARCH_PURPOSE)]
    return digests if every_key else digests[:1]


def search_tokens(keyring: Keyring, name: str | None, number: str | None, typed: str | None = None) -> set[str]:
    """The digests stored for an applicant (under the current key): the name shown, the one typed if it differs,
    and the id number."""
    pieces = {f"name:{p}" for n in (name, typed) for p in _name_pieces(n or "")} | _id_pieces(number or "")
    return {_digest(keyring, p, every_key=False)[0] for p in pieces}


def query_tokens(keyring: Keyring, query: str) -> list[str]:
    """The digests a search for ``query`` looks up (under every configured key, so rows written before a
    rotation are still found): a name or a piece of it, the whole id number, its masked form, or its last 4
    or 6 characters."""
    q = _norm(query)
    pieces = [f"name:{q}"]
    if "*" in q:
        pieces.append(f"idm:{q}")
    elif len(q) >= 7:
        pieces.append(f"id:{q}")
    if len(q) in (4, 6) and "*" not in q:
        pieces.append(f"id{len(q)}:{q}")
    return [d for p in pieces for d in _digest(keyring, p, every_key=True)]


def ref_digests(keyring: Keyring | None, external_ref: str) -> list[str]:
    """The digests an external reference is looked up by (under every key); none without a keyring. A client may
    put personal data there (an id number as its reference), so the column holds a keyed digest, not the value."""
    return [] if keyring is None else _digest(keyring, f"ref:{external_ref}", every_key=True)


def indexed_values(application: Application, keyring: Keyring | None) -> dict[str, Any]:
    """The list columns of an application row (its state and applicant are written separately)."""
    ref = application.external_ref
    return {"branch": application.branch, "profile": application.profile,
            "external_ref_digest": ref_digests(keyring, ref)[0] if ref and keyring else None,
            "created_by": application.created_by, "application_date": application.application_date}


def write_applicant(conn: Connection, keyring: Keyring | None, application_id: str,
                    applicant: tuple[str | None, str | None], *, previous: Any = None, typed: str | None = None) -> None:
    """Store the applicant as listed (with the typed name when it differs) and replace its search digests (nothing
    when unchanged)."""
    name, number = applicant
    value: dict[str, str | None] | None = {"name": name, "id_number": number} if name or number else None
    if value is not None and typed:
        value["typed"] = typed
    if value == previous:
        return
    conn.execute(applications.update().where(applications.c.id == application_id).values(applicant=value))
    conn.execute(application_search.delete().where(application_search.c.application_id == application_id))
    if keyring is not None and value is not None:
        conn.execute(application_search.insert(), [{"token": t, "application_id": application_id}
                                                   for t in sorted(search_tokens(keyring, name, number, typed))])


def refresh_state(conn: Connection, application_id: str) -> str:
    """Recompute and store an application's state: processing while a file is in flight, else its latest
    checklist's status, else new. The application row is locked first, so two writers cannot cross."""
    conn.execute(sa.select(applications.c.id).where(applications.c.id == application_id).with_for_update())
    busy = conn.execute(sa.select(files.c.id).where(files.c.application_id == application_id,
                                                    files.c.state.in_(BUSY)).limit(1)).first()
    latest = None if busy else conn.execute(
        sa.select(checklists.c.status).where(checklists.c.application_id == application_id)
        .order_by(checklists.c.seq.desc()).limit(1)).scalar()
    state = "processing" if busy else latest or "new"
    conn.execute(applications.update().where(applications.c.id == application_id).values(status=state))
    return state


def after_checklist(conn: Connection, keyring: Keyring | None, checklist: Checklist) -> None:
    """Bring the state and applicant of a checklist's application up to date (in the checklist's transaction)."""
    refresh_state(conn, checklist.application)
    row = conn.execute(sa.select(applications.c.data, applications.c.applicant)
                       .where(applications.c.id == checklist.application)).first()
    if row is not None:
        application = load(Application, row.data, where="applications.data")
        shown = applicant_of(application, checklist)
        write_applicant(conn, keyring, application.id, shown, previous=row.applicant,
                        typed=typed_beside(application, shown[0]))


def tokens_rows(keyring: Keyring, pairs: Sequence[tuple[str, tuple[str | None, str | None]]]) -> list[dict[str, str]]:
    """``application_search`` rows for many applicants at once (bulk loads and migrations)."""
    return [{"token": t, "application_id": app_id} for app_id, (name, number) in pairs
            for t in sorted(search_tokens(keyring, name, number))]


def reindex_all(engine: sa.Engine, keyring: Keyring, *, batch: int = 500) -> int:
    """Digest every application's search pieces and external reference again under the current key (after
    a key rotation, before the old key goes); a batch per transaction, so it can be run again. Returns how many."""
    done, after = 0, ""
    while True:
        with engine.begin() as conn:
            rows = conn.execute(sa.select(applications.c.id, applications.c.data, applications.c.applicant)
                                .where(applications.c.id > after).order_by(applications.c.id).limit(batch)).all()
            for row in rows:
                application = load(Application, row.data, where="applications.data")
                conn.execute(applications.update().where(applications.c.id == row.id)
                             .values(external_ref_digest=indexed_values(application, keyring)["external_ref_digest"]))
                applicant = row.applicant or {}
                write_applicant(conn, keyring, row.id, (applicant.get("name"), applicant.get("id_number")),
                                typed=applicant.get("typed"))
        if not rows:
            return done
        done += len(rows)
        after = rows[-1].id
