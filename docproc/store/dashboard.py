"""The manager's figures, counted in SQL over plain columns (no sealed payload is opened).

Every figure is about the applications *created* in the period (and the branches asked for):
- applications per month (UTC) of creation, branch and current state (``applications.status``);
- the supplement rate: of the applications with at least one checklist, the share whose checklists ever asked for
  papers (a row in ``supplement_reasons``), and the check ids asked for most, counted once per application;
- first upload to ready: from the application's first file to its first ``ready`` checklist;
- the customer's time to bring what was missing: from the first ``needs_supplement`` checklist to the first file
  uploaded after it (applications with none yet are still waiting);
- overrides per check id, with how many applications they touched.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Connection

from docproc.store.database import Database
from docproc.store.tables import applications, checklists, files, overrides, supplement_reasons

TOP = 10


class Period(BaseModel):
    """Which applications count: created in [since, until), in these branches (None: every branch)."""

    model_config = ConfigDict(frozen=True)

    since: datetime | None = None
    until: datetime | None = None
    branches: frozenset[str] | None = None


class Durations(BaseModel):
    """Hours per application, with their median and mean."""

    model_config = ConfigDict(frozen=True)

    hours: list[float]

    @property
    def count(self) -> int:
        """How many applications were measured."""
        return len(self.hours)

    @property
    def median(self) -> float | None:
        """The median in hours (None without any)."""
        return statistics.median(self.hours) if self.hours else None

    @property
    def mean(self) -> float | None:
        """The mean in hours (None without any)."""
        return statistics.fmean(self.hours) if self.hours else None


class Figures(BaseModel):
    """Everything the dashboard shows and exports."""

    model_config = ConfigDict(frozen=True)

    by_month: list[tuple[str, str, str, int]]  # (YYYY-MM, branch, state, applications)
    total: int
    checked: int  # with at least one checklist
    supplemented: int  # asked for papers at least once
    reasons: list[tuple[str, int]]  # (check id, applications), most first
    to_ready: Durations
    to_return: Durations
    waiting: int  # asked for papers, nothing uploaded since
    overrides: list[tuple[str, int, int]]  # (check id, overrides, applications), most first

    @property
    def supplement_rate(self) -> float | None:
        """supplemented / checked."""
        return self.supplemented / self.checked if self.checked else None


def _in_period(period: Period) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    if period.since is not None:
        found.append(applications.c.created_at >= period.since)
    if period.until is not None:
        found.append(applications.c.created_at < period.until)
    if period.branches is not None:
        found.append(applications.c.branch.in_(sorted(period.branches)))
    return found


def _month(conn: Connection) -> sa.ColumnElement[str]:
    if conn.dialect.name == "postgresql":
        return sa.func.to_char(sa.func.timezone("UTC", applications.c.created_at), "YYYY-MM")
    return sa.func.strftime("%Y-%m", applications.c.created_at)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def _hours(pairs: list[sa.Row]) -> list[float]:  # type: ignore[type-arg]
    return sorted((_aware(end) - _aware(start)).total_seconds() / 3600 for _, start, end in pairs)


def figures(db: Database, period: Period) -> Figures:
    """The dashboard's figures for ``period``: a handful of statements, whatever the number of applications."""
    chosen = sa.select(applications.c.id).where(*_in_period(period))
    with db.engine.connect() as conn:
        month = _month(conn).label("month")
        by_month = conn.execute(
            sa.select(month, applications.c.branch, applications.c.status, sa.func.count())
            .where(*_in_period(period)).group_by(month, applications.c.branch, applications.c.status)
            .order_by(month, applications.c.branch, applications.c.status)).all()
        checked = conn.execute(sa.select(sa.func.count(sa.distinct(checklists.c.application_id)))
                               .where(checklists.c.application_id.in_(chosen))).scalar_one()
        supplemented = conn.execute(sa.select(sa.func.count(sa.distinct(supplement_reasons.c.application_id)))
                                    .where(supplement_reasons.c.application_id.in_(chosen))).scalar_one()
        apps = sa.func.count(sa.distinct(supplement_reasons.c.application_id))
        reasons = conn.execute(
            sa.select(supplement_reasons.c.check_id, apps).where(supplement_reasons.c.application_id.in_(chosen))
            .group_by(supplement_reasons.c.check_id).order_by(apps.desc(), supplement_reasons.c.check_id)
            .limit(TOP)).all()
        first_file = (sa.select(files.c.application_id, sa.func.min(files.c.created_at).label("at"))
                      .where(files.c.application_id.in_(chosen)).group_by(files.c.application_id).subquery())
        first_ready = (sa.select(checklists.c.application_id, sa.func.min(checklists.c.created_at).label("at"))
                       .where(checklists.c.application_id.in_(chosen), checklists.c.status == "ready")
                       .group_by(checklists.c.application_id).subquery())
        to_ready = conn.execute(sa.select(first_file.c.application_id, first_file.c.at, first_ready.c.at).join(
            first_ready, first_ready.c.application_id == first_file.c.application_id)).all()
        asked = (sa.select(checklists.c.application_id, sa.func.min(checklists.c.created_at).label("at"))
                 .where(checklists.c.application_id.in_(chosen), checklists.c.status == "needs_supplement")
                 .group_by(checklists.c.application_id).subquery())
        brought = (sa.select(sa.func.min(files.c.created_at)).where(
            files.c.application_id == asked.c.application_id, files.c.created_at > asked.c.at).scalar_subquery())
        returns = conn.execute(sa.select(asked.c.application_id, asked.c.at, brought.label("brought"))).all()
        count = sa.func.count()
        overridden = conn.execute(
            sa.select(overrides.c.check_id, count, sa.func.count(sa.distinct(overrides.c.application_id)))
            .where(overrides.c.application_id.in_(chosen), overrides.c.check_id.is_not(None))
            .group_by(overrides.c.check_id).order_by(count.desc(), overrides.c.check_id).limit(TOP)).all()
    came_back = [r for r in returns if r.brought is not None]
    return Figures(
        by_month=[(str(m), str(b), str(s), int(n)) for m, b, s, n in by_month],
        total=sum(int(r[3]) for r in by_month), checked=int(checked), supplemented=int(supplemented),
        reasons=[(str(c), int(n)) for c, n in reasons],
        to_ready=Durations(hours=_hours(list(to_ready))), to_return=Durations(hours=_hours(came_back)),
        waiting=len(returns) - len(came_back),
        overrides=[(str(c), int(n), int(a)) for c, n, a in overridden])
