"""Officers' corrections kept on the stored rows: a file taken out of the checks (or put back), and an
application's facts rewritten. Nothing is deleted: an excluded or duplicate file stays stored and listed, and
the history of every change is in the audit log (docproc.store.audit)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from docproc.core.errors import NotFoundError
from docproc.core.models import Application, Checklist, StoredFile
from docproc.store import app_index
from docproc.store.database import Database
from docproc.store.stored import load
from docproc.store.tables import applications, checklists, files


def counted(stored_files: list[StoredFile]) -> list[StoredFile]:
    """The files the checks see: not excluded by an officer, not a re-upload of bytes already there, and not
    a member of an excluded zip."""
    out = {f.id for f in stored_files if f.excluded_at is not None or f.duplicate_of}
    out |= {f.id for f in stored_files if f.parent_id in out}
    return [f for f in stored_files if f.id not in out]


def original_of(stored_files: list[StoredFile], sha256: str) -> StoredFile | None:
    """The file of the application that first brought these bytes, if any (a re-upload points at it)."""
    return next((f for f in stored_files if f.sha256 == sha256 and not f.duplicate_of), None)


def set_exclusion(db: Database, file_id: str, *, by: str | None, at: datetime | None) -> StoredFile:
    """Take a file out of the checks (``by`` and ``at`` given) or put it back (both None); the row is locked."""
    with db.engine.begin() as conn:
        row = conn.execute(sa.select(files.c.data).where(files.c.id == file_id).with_for_update()).first()
        if row is None:
            raise NotFoundError(f"no file {file_id!r}")
        updated = load(StoredFile, row.data, where="files.data").model_copy(
            update={"excluded_by": by, "excluded_at": at})
        conn.execute(files.update().where(files.c.id == file_id).values(data=updated.model_dump(mode="json")))
    return updated


def update_application(db: Database, application: Application) -> Application:
    """Store an application's new facts with its list columns and search digests (the applicant as the latest
    checklist reads it)."""
    with db.engine.begin() as conn:
        row = conn.execute(sa.select(applications.c.applicant).where(applications.c.id == application.id)
                           .with_for_update()).first()
        if row is None:
            raise NotFoundError(f"no application {application.id!r}")
        conn.execute(applications.update().where(applications.c.id == application.id).values(
            data=application.model_dump(mode="json"), **app_index.indexed_values(application, db.keyring)))
        latest = conn.execute(sa.select(checklists.c.data).where(checklists.c.application_id == application.id)
                              .order_by(checklists.c.seq.desc()).limit(1)).first()
        checklist = load(Checklist, latest.data, where="checklists.data") if latest else None
        shown = app_index.applicant_of(application, checklist)
        app_index.write_applicant(conn, db.keyring, application.id, shown, previous=row.applicant,
                                  typed=app_index.typed_beside(application, shown[0]))
    return application
