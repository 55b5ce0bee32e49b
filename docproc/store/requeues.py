"""What the reconciler reads and keeps in the database: files in flight, applications still owed their
checks, and how many times each file's job was lost (so that re-queuing it is bounded)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from docproc.core.clock import utcnow
from docproc.core.models import FileState, StoredFile
from docproc.store.database import Database
from docproc.store.tables import applications, check_requests, checklists, file_requeues, files

IN_FLIGHT = (FileState.RECEIVED.value, FileState.QUEUED.value, FileState.READING.value)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


class RequeueLedger:
    """Reads for the reconciler and its count of re-queued files."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine

    def files_in_flight(self) -> list[StoredFile]:
        """Every file received, queued or being read."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(files.c.data).where(files.c.state.in_(IN_FLIGHT))).all()
        return [StoredFile.model_validate(r.data) for r in rows]

    def applications_owed_checks(self) -> list[str]:
        """Applications with files, none in flight, and no checklist, or only one older than the
        last check asked for. Read from the state column and the (officer-made) check requests, not by
        walking every application: a start-up on a large database stays quick."""
        unchecked = (sa.select(applications.c.id).where(applications.c.status == "new")
                     .where(sa.exists().where(files.c.application_id == applications.c.id)))
        latest = (sa.select(sa.func.max(checklists.c.created_at))
                  .where(checklists.c.application_id == check_requests.c.application_id).scalar_subquery())
        requested = (sa.select(check_requests.c.application_id, check_requests.c.requested_at, latest.label("at"))
                     .where(sa.exists().where(files.c.application_id == check_requests.c.application_id))
                     .where(~sa.exists().where(files.c.application_id == check_requests.c.application_id,
                                               files.c.state.in_(IN_FLIGHT))))
        with self.engine.begin() as conn:
            owed = set(conn.execute(unchecked).scalars())
            for application_id, requested_at, checked_at in conn.execute(requested):
                checked = _aware(checked_at)
                if checked is None or _aware(requested_at) > checked:  # type: ignore[operator]
                    owed.add(application_id)
        return sorted(owed)

    def note_requeue(self, file_id: str) -> int:
        """Count one more re-queue of a file whose job was lost; returns the new count."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(file_requeues.c.count).where(file_requeues.c.file_id == file_id)
                               .with_for_update()).first()
            count = 1 if row is None else int(row[0]) + 1
            if row is None:
                conn.execute(file_requeues.insert().values(file_id=file_id, count=count, last_at=utcnow()))
            else:
                conn.execute(file_requeues.update().where(file_requeues.c.file_id == file_id)
                             .values(count=count, last_at=utcnow()))
        return count
