"""The retention policy: uploaded originals and page renders deleted N days after a decision.

An application is decided when an officer marks it reviewed. Its checklist, documents and the
fields read stay; only the stored files (and the cached reading of those bytes, which carries
their renders) go. A blob that another, not yet expired application also holds is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from docproc.core.clock import utcnow
from docproc.store.accounts import application_reviews
from docproc.store.blobs import Blobs
from docproc.store.database import Database
from docproc.store.tables import extractions, files


@dataclass
class PurgeReport:
    """What a purge removed (or, in a dry run, would remove)."""

    applications: list[str] = field(default_factory=list)  # those that still had files to delete
    originals: int = 0
    renders: int = 0
    kept_shared: int = 0


def decided_before(db: Database, cutoff: datetime) -> list[str]:
    """Applications marked reviewed before ``cutoff``."""
    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(application_reviews.c.application_id)
                            .where(application_reviews.c.reviewed_at < cutoff)).all()
    return sorted(r.application_id for r in rows)


def _blobs_of(db: Database, file_ids: list[str]) -> set[str]:
    """The page renders these files hold."""
    return {p.render_sha256 for file_id in file_ids for p in db.pages_of(file_id) if p.render_sha256}


def _files(db: Database, where: sa.ColumnElement[bool]) -> list[tuple[str, str, str]]:
    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(files.c.id, files.c.sha256, files.c.application_id).where(where)).all()
    return [(r.id, r.sha256, r.application_id) for r in rows]


def purge_expired(db: Database, blobs: Blobs, *, days: int, now: datetime | None = None,
                  dry_run: bool = False) -> PurgeReport:
    """Delete the originals and renders of applications decided more than ``days`` days ago."""
    expired = decided_before(db, (now or utcnow()) - timedelta(days=days))
    report = PurgeReport()
    if not expired:
        return report
    mine = _files(db, files.c.application_id.in_(expired))
    others = {sha for _, sha, _ in _files(db, files.c.application_id.not_in(expired))}
    originals = {sha for _, sha, _ in mine}
    shared = originals & others  # the same bytes handed in with an application still kept
    report.kept_shared = len(shared)
    doomed_originals = sorted(d for d in originals - shared if blobs.exists(d))
    # only files whose original is still here: renders go first, so a purge cut short is finished by the next
    renders = _blobs_of(db, [file_id for file_id, sha, _ in mine if sha in doomed_originals])
    doomed_renders = sorted(d for d in renders - _blobs_of(db, [f for f, sha, _ in mine if sha in shared])
                            if blobs.exists(d))
    report.applications = sorted({app for _, sha, app in mine if sha in doomed_originals})
    if dry_run:
        report.originals, report.renders = len(doomed_originals), len(doomed_renders)
        return report
    with db.engine.begin() as conn:  # the cached reading names the renders: it goes with them
        conn.execute(extractions.delete().where(extractions.c.sha256.in_(doomed_originals)))
    report.renders = sum(blobs.delete(d) for d in doomed_renders)
    report.originals = sum(blobs.delete(d) for d in doomed_originals)
    return report

