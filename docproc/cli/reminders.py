"""``docproc reminders``: the supplement-reminder pass (for cron, or by hand) and an application's log."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from docproc.cli.common import edge
from docproc.core.clock import FixedClock, SystemClock
from docproc.core.settings import Settings
from docproc.service import reminders as service
from docproc.service.context import build_context
from docproc.store.reminders import ReminderStore, time_to_supplement


def _moment(_ctx: object, _param: object, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a moment (ISO 8601, e.g. 2026-12-03T09:00+08:00)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@click.group()
def reminders() -> None:
    """Supplement reminders (催缴) to customers whose papers are still missing."""


@reminders.command("run-due")
@click.option("--now", callback=_moment, help="Act as if it were this moment (ISO 8601; UTC when no offset).")
@edge
def run_due(now: datetime | None) -> None:
    """Send the reminders that are due, end the episodes of applications whose papers arrived."""
    ctx = build_context(Settings())
    report = service.run_due(ctx, clock=FixedClock(now) if now else SystemClock())
    if report.quiet:
        click.echo("quiet hours: nothing is sent now")
    for what, items in (("sent", report.sent), ("failed", report.failed), ("phone task", report.tasks),
                        ("stopped, papers arrived", report.stopped)):
        for item in items:
            click.echo(f"{what}: {item}")
    click.echo(f"{len(report.sent)} sent, {len(report.failed)} failed, {len(report.tasks)} phone task(s), "
               f"{len(report.stopped)} stopped")


@reminders.command("log")
@click.argument("application_id")
@edge
def show_log(application_id: str) -> None:
    """An application's reminder log (recipients masked)."""
    ctx = build_context(Settings())
    ctx.db.get_application(application_id)
    for a in ReminderStore(ctx.db).attempts(application_id):
        click.echo(f"{a.at:%Y-%m-%d %H:%M} {a.channel:6} #{a.sequence} attempt {a.attempt} {a.status.value:8} "
                   f"{a.recipient or '-'}{'  ' + a.error if a.error else ''}")


@reminders.command("stats")
@edge
def stats() -> None:
    """Time-to-supplement over every episode so far."""
    figures = time_to_supplement(build_context(Settings()).db)
    median = "-" if figures.median_hours is None else f"{figures.median_hours:.1f} h"
    click.echo(f"{figures.episodes} supplied (median {median}), {figures.open_episodes} still waiting")


COMMANDS = [reminders]
