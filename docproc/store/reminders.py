"""The reminder log and the supplement episodes (time-to-supplement) in the database.

An episode is one stretch an application waits for papers: it starts with the first checklist that is
``needs_supplement`` and ends with the first later one that is not. Every reminder attempt and phone task
is one row of ``reminder_log`` (recipients masked; the addresses themselves stay in the sealed application).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from statistics import median

import sqlalchemy as sa

from docproc.core.errors import NotFoundError
from docproc.core.reminders import AttemptStatus, ReminderAttempt
from docproc.store.database import Database
from docproc.store.tables import applications, reminder_log, supplement_episodes


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite gives naive datetimes back


@dataclass(frozen=True)
class Episode:
    """One stretch of waiting for papers."""

    application_id: str
    started_at: datetime
    ended_at: datetime | None

    @property
    def hours(self) -> float | None:
        """How long the papers took, in hours (None while still waiting)."""
        return None if self.ended_at is None else (self.ended_at - self.started_at).total_seconds() / 3600


@dataclass(frozen=True)
class SupplementTimes:
    """Time-to-supplement over the closed episodes of a period (what a dashboard shows)."""

    episodes: int
    median_hours: float | None
    mean_hours: float | None
    open_episodes: int


class ReminderStore:
    """Reads and writes of the reminder tables."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # episodes -----------------------------------------------------------------------------------------
    def open_episode(self, application_id: str) -> Episode | None:
        """The application's episode still waiting, if any."""
        with self.db.engine.connect() as conn:
            row = conn.execute(sa.select(supplement_episodes).where(
                supplement_episodes.c.application_id == application_id,
                supplement_episodes.c.ended_at.is_(None))).first()
        return None if row is None else Episode(row.application_id, _utc(row.started_at), None)

    def start_episode(self, application_id: str, started_at: datetime) -> Episode:
        """Record that the application started waiting for papers."""
        with self.db.engine.begin() as conn:
            conn.execute(supplement_episodes.insert().values(application_id=application_id, started_at=started_at))
        return Episode(application_id, started_at, None)

    def end_episode(self, episode: Episode, ended_at: datetime) -> Episode:
        """Record that the papers arrived."""
        with self.db.engine.begin() as conn:
            conn.execute(supplement_episodes.update().where(
                supplement_episodes.c.application_id == episode.application_id,
                supplement_episodes.c.started_at == episode.started_at).values(ended_at=ended_at))
        return Episode(episode.application_id, episode.started_at, ended_at)

    def waiting_or_open(self) -> list[str]:
        """Applications whose state is needs_supplement or whose episode is still open."""
        with self.db.engine.connect() as conn:
            waiting = conn.execute(sa.select(applications.c.id).where(applications.c.status == "needs_supplement"))
            open_ = conn.execute(sa.select(supplement_episodes.c.application_id)
                                 .where(supplement_episodes.c.ended_at.is_(None)))
            return sorted({r[0] for r in waiting} | {r[0] for r in open_})

    def episodes(self, *, since: datetime | None = None, until: datetime | None = None) -> list[Episode]:
        """Episodes that started in [since, until)."""
        query = sa.select(supplement_episodes).order_by(supplement_episodes.c.started_at)
        if since is not None:
            query = query.where(supplement_episodes.c.started_at >= since)
        if until is not None:
            query = query.where(supplement_episodes.c.started_at < until)
        with self.db.engine.connect() as conn:
            return [Episode(r.application_id, _utc(r.started_at), _utc(r.ended_at) if r.ended_at else None)
                    for r in conn.execute(query)]

    # the log ------------------------------------------------------------------------------------------
    def log(self, attempt: ReminderAttempt) -> ReminderAttempt:
        """Append one attempt (or phone task)."""
        with self.db.engine.begin() as conn:
            conn.execute(reminder_log.insert().values(**attempt.model_dump(mode="python")))
        return attempt

    def attempts(self, application_id: str, *, episode: datetime | None = None) -> list[ReminderAttempt]:
        """An application's log, oldest first (of one episode when given)."""
        query = sa.select(reminder_log).where(reminder_log.c.application_id == application_id)
        if episode is not None:
            query = query.where(reminder_log.c.episode == episode)
        with self.db.engine.connect() as conn:
            rows = conn.execute(query.order_by(reminder_log.c.at, reminder_log.c.id)).mappings().all()
        return [ReminderAttempt.model_validate({**r, "episode": _utc(r["episode"]), "due_at": _utc(r["due_at"]),
                                                "at": _utc(r["at"])}) for r in rows]

    def open_tasks(self, application_ids: Sequence[str] | None = None) -> list[ReminderAttempt]:
        """Phone-call tasks waiting for an officer."""
        query = sa.select(reminder_log.c.application_id).where(reminder_log.c.status == AttemptStatus.OPEN.value)
        if application_ids is not None:
            query = query.where(reminder_log.c.application_id.in_(list(application_ids)))
        with self.db.engine.connect() as conn:
            ids = sorted({r[0] for r in conn.execute(query)})
        return [a for app in ids for a in self.attempts(app) if a.status == AttemptStatus.OPEN]

    def finish_task(self, task_id: str, *, at: datetime, note: str | None = None) -> ReminderAttempt:
        """Mark a phone task done (the officer called); NotFoundError when there is no open task by that id."""
        with self.db.engine.begin() as conn:
            done = conn.execute(reminder_log.update().where(
                reminder_log.c.id == task_id, reminder_log.c.status == AttemptStatus.OPEN.value)
                .values(status=AttemptStatus.DONE.value, at=at, error=note))
            if not done.rowcount:
                raise NotFoundError(f"no open phone task {task_id!r}")
            row = conn.execute(sa.select(reminder_log).where(reminder_log.c.id == task_id)).mappings().one()
        return ReminderAttempt.model_validate({**row, "episode": _utc(row["episode"]), "due_at": _utc(row["due_at"]),
                                               "at": _utc(row["at"])})


def time_to_supplement(db: Database, *, since: datetime | None = None, until: datetime | None = None) -> SupplementTimes:
    """Time-to-supplement of the episodes that started in [since, until): median and mean hours of the closed
    ones, and how many are still waiting (the dashboard's figure)."""
    found = ReminderStore(db).episodes(since=since, until=until)
    hours = [e.hours for e in found if e.hours is not None]
    return SupplementTimes(episodes=len(hours), median_hours=median(hours) if hours else None,
                           mean_hours=sum(hours) / len(hours) if hours else None,
                           open_episodes=sum(e.ended_at is None for e in found))
