"""Metadata store: applications, files, pages, documents, checklists and overrides (SQLAlchemy 2).

SQLite under the data directory by default; PostgreSQL when DATABASE_URL says so. The schema comes from the
migrations (docproc.store.migrate): an empty database is set up on first use, any other must already be at this
release's revision (``docproc db upgrade``). Model payloads are stored as JSON so the schema stays small and
stable, and are read tolerantly (docproc.store.stored); the columns lists query are kept in step on every
write (docproc.store.app_index).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from docproc.core.clock import utcnow
from docproc.core.errors import NotFoundError
from docproc.core.models import Application, Checklist, Document, FileState, Override, Page, StoredFile
from docproc.store import app_index, figures, migrate
from docproc.store.fingerprints import TEXT_FINGERPRINT, card_hash_bands, page_fingerprint
from docproc.store.sealing import Keyring
from docproc.store.stored import load
from docproc.store.tables import (
    applications,
    checklists,
    documents,
    extractions,
    files,
    overrides,
    page_bands,
    page_hashes,
    pages,
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Web, CLI and workers write concurrently: WAL plus a busy timeout instead of "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_engine(url: str, keyring: Keyring | None = None) -> Engine:
    """An engine for ``url`` whose sealed columns seal and open with ``keyring`` (the schema is not checked)."""
    engine = sa.create_engine(url, pool_pre_ping=True, future=True)
    engine.dialect.docproc_keyring = keyring  # type: ignore[attr-defined]
    if engine.dialect.name == "sqlite":
        _private_sqlite_file(engine)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_engine(url: str, keyring: Keyring | None = None) -> Engine:
    """An engine for ``url`` on a database at this release's schema (an empty one is set up; ConfigError
    when the schema is outdated: run ``docproc db upgrade``)."""
    engine = open_engine(url, keyring)
    migrate.ensure_current(engine)
    return engine


def _private_sqlite_file(engine: Engine) -> None:
    """Create the SQLite file (and its WAL companions, which SQLite gives the same mode) owner-only."""
    database = engine.url.database
    if not database or database == ":memory:":
        return
    path = os.path.abspath(database)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for companion in (path, path + "-wal", path + "-shm"):
        if os.path.exists(companion):
            os.chmod(companion, 0o600)


class Database:
    """All metadata reads and writes; every write commits before it returns."""

    def __init__(self, url: str, *, keyring: Keyring | None = None) -> None:
        self.url = url
        self.keyring = keyring
        self.engine = make_engine(url, keyring)

    def page_key(self, page: Page) -> str | None:
        """The fingerprint stored for a page (text pages keyed with the data key)."""
        # A text page's fingerprint is a digest of its words: keyed, so that a guessed page (a name and
        # an id number on a known template) cannot be confirmed from the table without the data key.
        fingerprint = page_fingerprint(page)
        if fingerprint is None or not fingerprint.startswith(TEXT_FINGERPRINT) or self.keyring is None:
            return fingerprint
        return TEXT_FINGERPRINT + self.keyring.blind_index(fingerprint, purpose="page-text")[0][:63]

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # applications -------------------------------------------------------------------------
    def add_application(self, application: Application) -> Application:
        """Insert an application."""
        with self._tx() as conn:
            conn.execute(
                applications.insert().values(
                    id=application.id,
                    created_at=application.created_at,
                    data=application.model_dump(mode="json"),
                    **app_index.indexed_values(application, self.keyring),
                )
            )
            app_index.write_applicant(conn, self.keyring, application.id, app_index.applicant_of(application, None))
        return application

    def get_application(self, application_id: str) -> Application:
        """One application; NotFoundError when absent."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(applications.c.data).where(applications.c.id == application_id)
            ).first()
        if row is None:
            raise NotFoundError(f"no application {application_id!r}")
        return load(Application, row.data, where="applications.data")

    def get_applications(self, ids: set[str] | Sequence[str]) -> list[Application]:
        """The applications with these ids (absent ones left out), in one query."""
        if not ids:
            return []
        with self._tx() as conn:
            rows = conn.execute(sa.select(applications.c.data).where(applications.c.id.in_(list(ids)))).all()
        return [load(Application, r.data, where="applications.data") for r in rows]

    def list_applications(self) -> list[Application]:
        """All applications, newest first."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(applications.c.data).order_by(applications.c.created_at.desc())
            ).all()
        return [load(Application, r.data, where="applications.data") for r in rows]

    # files ---------------------------------------------------------------------------------
    def add_file(self, stored: StoredFile) -> StoredFile:
        """Record a stored file (its blob is already durable)."""
        with self._tx() as conn:
            conn.execute(
                files.insert().values(
                    id=stored.id,
                    application_id=stored.application_id,
                    sha256=stored.sha256,
                    state=stored.state.value,
                    created_at=stored.created_at,
                    data=stored.model_dump(mode="json"),
                )
            )
            app_index.refresh_state(conn, stored.application_id)
        return stored

    def get_file(self, file_id: str) -> StoredFile:
        """One stored file; NotFoundError when absent."""
        with self._tx() as conn:
            row = conn.execute(sa.select(files.c.data).where(files.c.id == file_id)).first()
        if row is None:
            raise NotFoundError(f"no file {file_id!r}")
        return load(StoredFile, row.data, where="files.data")

    def files_of(self, application_id: str) -> list[StoredFile]:
        """An application's files in upload order."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(files.c.data)
                .where(files.c.application_id == application_id)
                .order_by(files.c.created_at, files.c.id)
            ).all()
        return [load(StoredFile, r.data, where="files.data") for r in rows]

    def set_file_state(
        self, file_id: str, state: FileState, *, error: str | None = None, code: str | None = None
    ) -> StoredFile:
        """Move a file to ``state`` (with the error shown to the officer, if any)."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(files.c.data).where(files.c.id == file_id).with_for_update()
            ).first()
            if row is None:
                raise NotFoundError(f"no file {file_id!r}")
            updated = load(StoredFile, row.data, where="files.data").model_copy(
                update={"state": state, "error": error, "error_code": code}
            )
            conn.execute(
                files.update()
                .where(files.c.id == file_id)
                .values(state=state.value, data=updated.model_dump(mode="json"))
            )
            app_index.refresh_state(conn, updated.application_id)
        return updated

    # pages and documents ---------------------------------------------------------------------
    def save_read(self, file_id: str, application_id: str, *, read_pages: Sequence[Page],
                  docs: Sequence[Document]) -> None:
        """Replace a file's pages and documents in one transaction."""
        with self._tx() as conn:
            conn.execute(pages.delete().where(pages.c.file_id == file_id))
            conn.execute(page_hashes.delete().where(page_hashes.c.file_id == file_id))
            conn.execute(page_bands.delete().where(page_bands.c.file_id == file_id))
            conn.execute(documents.delete().where(documents.c.file_id == file_id))
            for page in read_pages:
                conn.execute(
                    pages.insert().values(
                        file_id=file_id, number=page.number, data=page.model_dump(mode="json")
                    )
                )
                if fingerprint := self.page_key(page):
                    conn.execute(page_hashes.insert().values(
                        file_id=file_id, number=page.number, application_id=application_id, hash=fingerprint))
                for band, band_value in card_hash_bands(page):
                    conn.execute(page_bands.insert().values(file_id=file_id, number=page.number, band=band,
                                                            value=band_value, application_id=application_id))
            for position, doc in enumerate(docs):
                conn.execute(
                    documents.insert().values(
                        id=doc.id,
                        file_id=file_id,
                        application_id=application_id,
                        position=position,
                        data=doc.model_dump(mode="json"),
                    )
                )

    def page_hashes_of(self, application_id: str) -> list[tuple[str, int, str]]:
        """``(file_id, page, hash)`` of every page of an application."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(page_hashes.c.file_id, page_hashes.c.number, page_hashes.c.hash)
                .where(page_hashes.c.application_id == application_id)
            ).all()
        return [(r.file_id, r.number, r.hash) for r in rows]

    def forget_page_hashes_of(self, created_by: str) -> int:
        """Drop the page hashes of the applications one creator made (an earlier ``docproc eval`` run over
        the same data dir), so that their pages no longer count as seen before; returns how many."""
        with self._tx() as conn:
            ids = list(conn.execute(sa.select(applications.c.id).where(applications.c.created_by == created_by))
                       .scalars())
        return self.forget_page_hashes(ids)

    def forget_page_hashes(self, application_ids: Sequence[str]) -> int:
        """Drop these applications' page hashes: their pages no longer count as seen before; returns how many."""
        if not application_ids:
            return 0
        with self._tx() as conn:
            conn.execute(page_bands.delete().where(page_bands.c.application_id.in_(list(application_ids))))
            deleted = conn.execute(page_hashes.delete().where(page_hashes.c.application_id.in_(list(application_ids))))
            return int(deleted.rowcount or 0)

    def pages_with_hashes(self, hashes: Sequence[str], *, excluding: str) -> list[tuple[str, str, int, str]]:
        """``(application_id, file_id, page, hash)`` of other applications' pages with these hashes."""
        if not hashes:
            return []
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(page_hashes.c.application_id, page_hashes.c.file_id, page_hashes.c.number, page_hashes.c.hash)
                .where(page_hashes.c.hash.in_(list(hashes)), page_hashes.c.application_id != excluding)
            ).all()
        return [(r.application_id, r.file_id, r.number, r.hash) for r in rows]

    def card_pages_sharing_a_band(self, application_id: str) -> list[tuple[str, int, str, str, str, int, str]]:
        """``(file_id, page, hash, other_application, other_file_id, other_page, other_hash)``: this
        application's card photos and other applications' card photos whose hashes share a band."""
        mine, theirs = page_bands.alias("mine"), page_bands.alias("theirs")
        my_hash, their_hash = page_hashes.alias("my_hash"), page_hashes.alias("their_hash")
        query = (
            sa.select(mine.c.file_id, mine.c.number, my_hash.c.hash, theirs.c.application_id,
                      theirs.c.file_id.label("other_file"), theirs.c.number.label("other_page"),
                      their_hash.c.hash.label("other_hash"))
            .distinct()
            .select_from(
                mine.join(theirs, sa.and_(theirs.c.band == mine.c.band, theirs.c.value == mine.c.value))
                .join(my_hash, sa.and_(my_hash.c.file_id == mine.c.file_id, my_hash.c.number == mine.c.number))
                .join(their_hash, sa.and_(their_hash.c.file_id == theirs.c.file_id,
                                          their_hash.c.number == theirs.c.number)))
            .where(mine.c.application_id == application_id, theirs.c.application_id != application_id)
        )
        with self._tx() as conn:
            rows = conn.execute(query).all()
        return [(r.file_id, r.number, r.hash, r.application_id, r.other_file, r.other_page, r.other_hash) for r in rows]

    def pages_of(self, file_id: str) -> list[Page]:
        """A file's pages in order."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(pages.c.data).where(pages.c.file_id == file_id).order_by(pages.c.number)
            ).all()
        return [load(Page, r.data, where="pages.data") for r in rows]

    def documents_of(self, application_id: str) -> list[Document]:
        """An application's documents in file then page order."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(documents.c.data)
                .select_from(documents.join(files, files.c.id == documents.c.file_id))
                .where(documents.c.application_id == application_id)
                .order_by(files.c.created_at, files.c.id, documents.c.position)
            ).all()
        return [load(Document, r.data, where="documents.data") for r in rows]

    def get_extraction(self, sha256: str, version: str) -> tuple[list[Page], list[Document], str | None] | None:
        """Pages read earlier from the same bytes by the same reader version, their documents and the
        extractor version that made those documents (None for entries older than that record)."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(extractions.c.data).where(
                    extractions.c.sha256 == sha256, extractions.c.version == version
                )
            ).first()
        if row is None:
            return None
        return ([load(Page, p, where="pages.data") for p in row.data["pages"]],
                [load(Document, d, where="documents.data") for d in row.data["documents"]],
                row.data.get("extractor_version"))

    def put_extraction(self, sha256: str, version: str, *, read_pages: Sequence[Page],
                       docs: Sequence[Document], extractor_version: str) -> None:
        """Remember what these bytes were read as (replacing an older entry)."""
        data = {"pages": [p.model_dump(mode="json") for p in read_pages],
                "documents": [d.model_dump(mode="json") for d in docs], "extractor_version": extractor_version}
        with self._tx() as conn:
            conn.execute(extractions.delete().where(
                extractions.c.sha256 == sha256, extractions.c.version == version))
            conn.execute(extractions.insert().values(sha256=sha256, version=version, created_at=utcnow(), data=data))

    # checklists and overrides --------------------------------------------------------------
    def save_checklist(self, checklist: Checklist) -> None:
        """Append a checklist version (history is kept)."""
        with self._tx() as conn:
            inserted = conn.execute(
                checklists.insert().values(
                    application_id=checklist.application,
                    status=checklist.status.value,
                    policy_version=checklist.policy_version,
                    created_at=checklist.created_at,
                    data=checklist.model_dump(mode="json"),
                )
            )
            figures.after_checklist(conn, int(inserted.inserted_primary_key[0]), checklist)  # type: ignore[index]
            app_index.after_checklist(conn, self.keyring, checklist)

    def latest_checklist(self, application_id: str) -> Checklist | None:
        """The newest checklist of an application, if any."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(checklists.c.data)
                .where(checklists.c.application_id == application_id)
                .order_by(checklists.c.seq.desc())
                .limit(1)
            ).first()
        return None if row is None else load(Checklist, row.data, where="checklists.data")

    def add_override(self, application_id: str, override: Override) -> None:
        """Record an officer's override."""
        with self._tx() as conn:
            conn.execute(
                overrides.insert().values(
                    application_id=application_id, data=override.model_dump(mode="json"), check_id=override.check_id
                )
            )

    def overrides_of(self, application_id: str) -> list[Override]:
        """Overrides in the order they were made (the last one per check wins)."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(overrides.c.data)
                .where(overrides.c.application_id == application_id)
                .order_by(overrides.c.seq)
            ).all()
        return [load(Override, r.data, where="overrides.data") for r in rows]
