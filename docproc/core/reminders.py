"""Supplement reminders (催缴): the schedule as plain arithmetic on aware datetimes, and the log's records.

The n-th reminder of an episode (an application waiting for papers since ``started``) is due at
``started + first_after_hours + (n-1) * every_days``, moved out of the quiet hours to their end; at most
``max_count`` of them. A failed attempt is retried after ``retry_minutes``, at most ``max_attempts`` times.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from docproc.core.policy import Reminders


class AttemptStatus(StrEnum):
    """One line of the reminder log."""

    SENT = "sent"  # handed to the SMTP server / the SMS gateway (attempt > 1: sent on a retry)
    FAILED = "failed"  # this attempt failed; retried after retry_minutes while attempts are left
    GAVE_UP = "gave_up"  # max_attempts failed: this reminder is not sent on this channel
    OPEN = "open"  # a phone-call task waiting for the officer
    DONE = "done"  # the officer made the call


class ReminderAttempt(BaseModel):
    """One logged attempt (or phone task) of one reminder on one channel."""

    model_config = ConfigDict(frozen=True)

    id: str
    application_id: str
    episode: datetime
    sequence: int
    channel: str
    attempt: int
    status: AttemptStatus
    due_at: datetime
    at: datetime
    recipient: str | None = None  # masked
    error: str | None = None


def _zone(rule: Reminders) -> timezone:
    return timezone(timedelta(hours=rule.utc_offset_hours))


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(moment: datetime, rule: Reminders) -> bool:
    """Whether ``moment`` falls in the quiet hours (local time of the policy's offset)."""
    local = moment.astimezone(_zone(rule)).time()
    start, end = _clock(rule.quiet_start), _clock(rule.quiet_end)
    if start == end:
        return False
    return (start <= local or local < end) if start > end else (start <= local < end)


def out_of_quiet_hours(moment: datetime, rule: Reminders) -> datetime:
    """``moment``, or the end of the quiet hours it falls in."""
    if not in_quiet_hours(moment, rule):
        return moment
    local = moment.astimezone(_zone(rule))
    end = local.replace(hour=_clock(rule.quiet_end).hour, minute=_clock(rule.quiet_end).minute, second=0,
                        microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return end.astimezone(UTC)


def due_at(started: datetime, sequence: int, rule: Reminders) -> datetime:
    """When reminder ``sequence`` (1-based) of an episode that started at ``started`` is due."""
    raw = started + timedelta(hours=rule.first_after_hours) + timedelta(days=rule.every_days) * (sequence - 1)
    return out_of_quiet_hours(raw.astimezone(UTC), rule)
