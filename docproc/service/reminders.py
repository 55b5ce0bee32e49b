"""Supplement reminders (催缴): one pass sends what is due, logs every attempt and stops when papers arrive.

A pass (``docproc reminders run-due``, or the keeper of ``docproc serve`` every reconcile interval) looks at
every application whose checklist needs a supplement, or whose episode is still open:

- its newest checklist no longer ``needs_supplement``: the episode ends (time-to-supplement) and nothing
  more is sent;
- files still being read: nothing is sent (the papers may be arriving);
- during the quiet hours: nothing is sent;
- else, per configured channel, the next reminder when due (``docproc.core.reminders.due_at``, and never
  sooner than ``every_days`` after the one before); a failure is logged and retried after ``retry_minutes``,
  at most ``max_attempts`` times.

Time comes from a ``Clock`` so that tests (and ``--now``) run the schedule deterministically.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from docproc.core.clock import Clock, SystemClock, new_id
from docproc.core.models import Application, Checklist, ChecklistStatus
from docproc.core.policy import Reminders
from docproc.core.reminders import AttemptStatus, ReminderAttempt, due_at, in_quiet_hours
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.service.reminder_channels import Channel, ChannelError, Message, configured
from docproc.store.reminders import Episode, ReminderStore

log = logging.getLogger("docproc.service.reminders")
_SETTLED = (AttemptStatus.SENT, AttemptStatus.GAVE_UP, AttemptStatus.OPEN, AttemptStatus.DONE)


@dataclass
class PassReport:
    """What one pass did."""

    sent: list[str] = field(default_factory=list)  # "<application> <channel> #<n>"
    failed: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)  # episodes ended: the papers arrived
    quiet: bool = False


def message_for(application: Application, checklist: Checklist, sequence: int, reminder_id: str) -> Message:
    """The reminder's text: what is still needed, in Chinese and English."""
    ref = application.external_ref or application.id
    wanted = checklist.supplement_request
    zh = "；".join(f"{i}. {item.zh}" for i, item in enumerate(wanted, 1)) or "请与经办人联系"
    en = "; ".join(f"{i}. {item.en}" for i, item in enumerate(wanted, 1)) or "please contact your loan officer"
    text = (f"您好，您的房贷申请（{ref}）还需补充以下材料：{zh}。请尽快提交。（第{sequence}次提醒）\n"
            f"Your home-loan application ({ref}) still needs: {en}. Please hand them in soon. (reminder {sequence})")
    return Message(reminder_id, "补充材料提醒 / Documents needed for your loan application", text)


def _next(attempts: list[ReminderAttempt], started: datetime, rule: Reminders) -> tuple[int, datetime]:
    """The next reminder's sequence on one channel and when it is due."""
    settled = [a for a in attempts if a.status in _SETTLED]
    sequence = max((a.sequence for a in settled), default=0) + 1
    due = due_at(started, sequence, rule)
    sent = [a.at for a in settled if a.sequence == sequence - 1 and a.status != AttemptStatus.GAVE_UP]
    if sent:  # a pass that ran late does not send the next one right after
        due = max(due, min(sent) + timedelta(days=rule.every_days))
    return sequence, due


@dataclass
class ReminderRun:
    """One pass over the waiting applications (see the module docstring)."""

    ctx: Context
    clock: Clock = field(default_factory=SystemClock)
    channels: list[Channel] | None = None

    def __post_init__(self) -> None:
        self.store = ReminderStore(self.ctx.db)
        self.rule = self.ctx.policy.reminders
        if self.channels is None:
            self.channels = configured(self.ctx.settings, self.rule.channels)

    def run(self) -> PassReport:
        """Send what is due now."""
        now, report = self.clock.now(), PassReport()
        report.quiet = in_quiet_hours(now, self.rule)
        for application_id in self.store.waiting_or_open():
            try:
                self._one(application_id, now, report)
            except Exception:  # one application's trouble does not stop the others' reminders
                log.exception("reminders for %s failed", application_id)
        if report.sent or report.failed or report.tasks or report.stopped:
            log.info("reminders: %s sent, %s failed, %s phone task(s), %s stopped (papers arrived)",
                     len(report.sent), len(report.failed), len(report.tasks), len(report.stopped))
        return report

    def _one(self, application_id: str, now: datetime, report: PassReport) -> None:
        latest = self.ctx.db.latest_checklist(application_id)
        episode = self.store.open_episode(application_id)
        if latest is None or latest.status != ChecklistStatus.NEEDS_SUPPLEMENT:
            if episode is not None:
                self.store.end_episode(episode, min(latest.created_at, now) if latest else now)
                report.stopped.append(application_id)
            return
        if episode is None:
            episode = self.store.start_episode(application_id, min(latest.created_at, now))
        if report.quiet or pipeline.pending_files(self.ctx, application_id) or self.rule.max_count <= 0:
            return
        application = self.ctx.db.get_application(application_id)
        attempts = self.store.attempts(application_id, episode=episode.started_at)
        for channel in self.channels or []:
            recipient = channel.recipient(application)
            if recipient:
                mine = [a for a in attempts if a.channel == channel.name]
                self._channel(channel, recipient, application, latest, episode, mine, now, report)

    def _channel(self, channel: Channel, recipient: str, application: Application, checklist: Checklist,
                 episode: Episode, mine: list[ReminderAttempt], now: datetime, report: PassReport) -> None:
        sequence, due = _next(mine, episode.started_at, self.rule)
        if sequence > self.rule.max_count or now < due:
            return
        failed = [a for a in mine if a.sequence == sequence and a.status == AttemptStatus.FAILED]
        if failed and now < failed[-1].at + timedelta(minutes=self.rule.retry_minutes):
            return
        reminder_id = new_id("rem")
        entry = ReminderAttempt(id=reminder_id, application_id=application.id, episode=episode.started_at,
                                sequence=sequence, channel=channel.name, attempt=len(failed) + 1,
                                status=AttemptStatus.OPEN, due_at=due, at=now, recipient=channel.masked(recipient))
        label = f"{application.id} {channel.name} #{sequence}"
        if not channel.delivers:
            self.store.log(entry)
            report.tasks.append(label)
            return
        try:
            channel.send(message_for(application, checklist, sequence, reminder_id), recipient)
        except ChannelError as exc:
            last = len(failed) + 1 >= self.rule.max_attempts
            status = AttemptStatus.GAVE_UP if last else AttemptStatus.FAILED
            self.store.log(entry.model_copy(update={"status": status, "error": str(exc)}))
            report.failed.append(label)
            log.warning("reminder %s attempt %s failed%s: %s", label, len(failed) + 1,
                        " (giving up)" if last else f" (retry in {self.rule.retry_minutes:g} min)", exc)
            return
        self.store.log(entry.model_copy(update={"status": AttemptStatus.SENT}))
        report.sent.append(label)


def run_due(ctx: Context, *, clock: Clock | None = None, channels: list[Channel] | None = None) -> PassReport:
    """One reminder pass now (or at the clock's moment)."""
    return ReminderRun(ctx, clock or SystemClock(), channels).run()
