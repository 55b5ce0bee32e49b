"""Supplement reminders against a real SMTP server (aiosmtpd on 127.0.0.1) and a local SMS gateway, with
the time injected: first e-mail at the scheduled time, the second after M days, none after the papers
arrive; an SMTP outage retried and logged; quiet hours; phone-call tasks; time-to-supplement."""

from __future__ import annotations

import email
import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pydantic import SecretStr

from docproc.core.clock import FixedClock
from docproc.core.models import Application, ChecklistStatus
from docproc.core.reminders import AttemptStatus, due_at, in_quiet_hours
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from docproc.service.reminders import run_due
from docproc.service.signed_http import verify
from docproc.store.reminders import ReminderStore, time_to_supplement

T0 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # 10:00 in Beijing: no quiet hours at 24 h steps
EMAIL = "chen.jing@example.cn"
MOBILE = "13812345678"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


class Smtp:
    """A real SMTP server on 127.0.0.1 that the test can stop (an outage) and start again on the same port."""

    def __init__(self) -> None:
        self.port, self.inbox = _free_port(), Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_ctx(settings: Settings, smtp: Smtp) -> Context:
    return build_context(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port,
                                                     "smtp_from": "loans@bank.example"}))


def waiting(ctx: Context, *, at: datetime = T0, **contact: str) -> Application:
    """An application without papers (its real checklist asks for every document) checked at ``at``."""
    app = pipeline.create_application(ctx, profile="salaried", application_date=at.date(), **contact)
    checklist = pipeline.check_application(ctx, app.id)
    assert checklist.status == ChecklistStatus.NEEDS_SUPPLEMENT
    ctx.db.save_checklist(checklist.model_copy(update={"created_at": at}))
    return app


def papers_arrive(ctx: Context, application_id: str, at: datetime) -> None:
    latest = ctx.db.latest_checklist(application_id)
    assert latest is not None
    ctx.db.save_checklist(latest.model_copy(update={"status": ChecklistStatus.READY, "created_at": at,
                                                    "supplement_request": []}))


def log_of(ctx: Context, application_id: str) -> list[tuple[str, int, int, str]]:
    return [(a.channel, a.sequence, a.attempt, a.status.value) for a in ReminderStore(ctx.db).attempts(application_id)]


def test_first_email_when_due_second_after_m_days_none_after_the_papers(mail_ctx: Context, smtp: Smtp) -> None:
    rule = mail_ctx.policy.reminders
    assert (rule.first_after_hours, rule.every_days, rule.max_count) == (24, 2, 3)
    app = waiting(mail_ctx, contact_email=EMAIL)
    clock = FixedClock(T0 + timedelta(hours=23, minutes=59))
    run_due(mail_ctx, clock=clock)
    assert smtp.inbox.messages == [], "not before first_after_hours"
    clock.at = T0 + timedelta(hours=24)
    report = run_due(mail_ctx, clock=clock)
    assert report.sent == [f"{app.id} email #1"]
    [first] = smtp.inbox.messages
    assert first["To"] == EMAIL and first["From"] == "loans@bank.example"
    body = first.get_payload(decode=True).decode()
    assert "还需补充以下材料" in body and "ID card" in body and app.id in body
    run_due(mail_ctx, clock=clock)
    clock.advance(days=1, hours=23)
    run_due(mail_ctx, clock=clock)
    assert len(smtp.inbox.messages) == 1, "exactly one, and not again before M days"
    clock.at = T0 + timedelta(hours=24, days=2)
    assert run_due(mail_ctx, clock=clock).sent == [f"{app.id} email #2"]
    assert len(smtp.inbox.messages) == 2
    papers_arrive(mail_ctx, app.id, T0 + timedelta(days=3, hours=12))
    clock.at = T0 + timedelta(days=6)
    report = run_due(mail_ctx, clock=clock)
    assert report.stopped == [app.id] and report.sent == []
    clock.advance(days=10)
    run_due(mail_ctx, clock=clock)
    assert len(smtp.inbox.messages) == 2, "nothing after the papers arrived"
    assert log_of(mail_ctx, app.id) == [("email", 1, 1, "sent"), ("email", 2, 1, "sent")]
    [entry, _] = ReminderStore(mail_ctx.db).attempts(app.id)
    assert entry.recipient == "c***@example.cn" and entry.at == T0 + timedelta(hours=24)
    figures = time_to_supplement(mail_ctx.db)
    assert (figures.episodes, figures.median_hours, figures.open_episodes) == (1, 84.0, 0)


def test_an_smtp_outage_is_logged_and_retried(mail_ctx: Context, smtp: Smtp) -> None:
    app = waiting(mail_ctx, contact_email=EMAIL)
    smtp.stop()
    clock = FixedClock(T0 + timedelta(hours=24))
    assert run_due(mail_ctx, clock=clock).failed == [f"{app.id} email #1"]
    clock.advance(minutes=10)
    run_due(mail_ctx, clock=clock)
    assert log_of(mail_ctx, app.id) == [("email", 1, 1, "failed")], "the retry waits retry_minutes"
    [failed] = ReminderStore(mail_ctx.db).attempts(app.id)
    assert failed.error and failed.error.startswith("SMTP ConnectionRefusedError")
    smtp.start()
    clock.advance(minutes=20)
    assert run_due(mail_ctx, clock=clock).sent == [f"{app.id} email #1"]
    assert len(smtp.inbox.messages) == 1
    assert log_of(mail_ctx, app.id) == [("email", 1, 1, "failed"), ("email", 1, 2, "sent")]
    # the second reminder is due M days after the first was actually sent
    clock.at = T0 + timedelta(hours=24, days=2)
    assert run_due(mail_ctx, clock=clock).sent == []
    clock.advance(minutes=30)
    assert run_due(mail_ctx, clock=clock).sent == [f"{app.id} email #2"]


def test_a_reminder_that_keeps_failing_gives_up_after_max_attempts(mail_ctx: Context, smtp: Smtp) -> None:
    app = waiting(mail_ctx, contact_email=EMAIL)
    smtp.stop()
    clock = FixedClock(T0 + timedelta(hours=24))
    for _ in range(5):
        run_due(mail_ctx, clock=clock)
        clock.advance(minutes=31)
    assert log_of(mail_ctx, app.id) == [("email", 1, 1, "failed"), ("email", 1, 2, "failed"),
                                        ("email", 1, 3, "gave_up")]


def test_quiet_hours_move_a_reminder_to_the_morning(mail_ctx: Context, smtp: Smtp) -> None:
    evening = datetime(2026, 12, 7, 13, 30, tzinfo=UTC)  # 21:30 in Beijing
    rule = mail_ctx.policy.reminders
    assert in_quiet_hours(evening, rule) and due_at(evening, 1, rule) == datetime(2026, 12, 9, 0, 0, tzinfo=UTC)
    app = waiting(mail_ctx, at=evening, contact_email=EMAIL)
    clock = FixedClock(evening + timedelta(hours=24))
    report = run_due(mail_ctx, clock=clock)
    assert report.quiet and report.sent == [] and smtp.inbox.messages == []
    clock.at = datetime(2026, 12, 9, 0, 0, tzinfo=UTC)  # 08:00 in Beijing
    assert run_due(mail_ctx, clock=clock).sent == [f"{app.id} email #1"]


def test_an_application_without_an_email_address_gets_no_email(mail_ctx: Context, smtp: Smtp) -> None:
    app = waiting(mail_ctx)
    run_due(mail_ctx, clock=FixedClock(T0 + timedelta(days=1)))
    assert smtp.inbox.messages == [] and log_of(mail_ctx, app.id) == []


# --- SMS gateway and phone tasks ------------------------------------------------------------------------------

KEY_ID, SECRET = "docproc-test", "gateway-secret-123"


class Gateway(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    rejected = 0

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        ok = self.headers.get("X-Docproc-Key-Id") == KEY_ID and verify(
            SECRET, timestamp=self.headers.get("X-Docproc-Timestamp", ""), body=body,
            signature=self.headers.get("X-Docproc-Signature", ""))
        if ok:
            type(self).received.append(json.loads(body))
        else:
            type(self).rejected += 1
        raw = json.dumps({"id": "msg-1"} if ok else {"error": "bad signature"}).encode()
        self.send_response(202 if ok else 401)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    Gateway.received, Gateway.rejected = [], 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sms"
    server.shutdown()


def test_sms_through_the_signed_gateway_and_a_phone_task(settings: Settings, gateway: str) -> None:
    ctx = build_context(settings.model_copy(update={"sms_url": gateway, "sms_key_id": KEY_ID, "sms_secret": SecretStr(SECRET)}))
    app = waiting(ctx, contact_mobile=MOBILE)
    clock = FixedClock(T0 + timedelta(hours=24))
    report = run_due(ctx, clock=clock)
    assert report.sent == [f"{app.id} sms #1"] and report.tasks == [f"{app.id} phone #1"]
    [sms] = Gateway.received
    assert sms["to"] == MOBILE and "还需补充以下材料" in sms["message"] and sms["reference"].startswith("rem_")
    store = ReminderStore(ctx.db)
    [task] = store.open_tasks()
    assert (task.application_id, task.channel, task.status, task.recipient) == (app.id, "phone", AttemptStatus.OPEN,
                                                                                "138****5678")
    done = store.finish_task(task.id, at=clock.now(), note="customer will bring the statement on Friday")
    assert done.status == AttemptStatus.DONE and store.open_tasks() == []


def test_a_gateway_refusing_the_signature_is_a_logged_failure(settings: Settings, gateway: str) -> None:
    ctx = build_context(settings.model_copy(update={"sms_url": gateway, "sms_key_id": KEY_ID, "sms_secret": SecretStr("wrong")}))
    app = waiting(ctx, contact_mobile=MOBILE)
    run_due(ctx, clock=FixedClock(T0 + timedelta(hours=24)))
    assert Gateway.rejected == 1 and Gateway.received == []
    sms = [a for a in ReminderStore(ctx.db).attempts(app.id) if a.channel == "sms"]
    assert [(a.status, a.error) for a in sms] == [(AttemptStatus.FAILED, "SMS gateway: HTTP 401")]


def test_cli_run_due_with_an_injected_moment(runner, settings: Settings, smtp: Smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from docproc.cli.main import main

    monkeypatch.setenv("DOCPROC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DOCPROC_SMTP_PORT", str(smtp.port))
    ctx = build_context(settings)
    app = waiting(ctx, contact_email=EMAIL)
    early = runner.invoke(main, ["reminders", "run-due", "--now", (T0 + timedelta(hours=2)).isoformat()])
    assert early.exit_code == 0 and "0 sent" in early.output
    result = runner.invoke(main, ["reminders", "run-due", "--now", (T0 + timedelta(hours=25)).isoformat()])
    assert result.exit_code == 0, result.output
    assert f"sent: {app.id} email #1" in result.output and len(smtp.inbox.messages) == 1
    shown = runner.invoke(main, ["reminders", "log", app.id])
    assert "email  #1 attempt 1 sent" in shown.output and "c***@example.cn" in shown.output
    assert EMAIL not in shown.output


def test_contacts_are_masked_in_log_lines() -> None:
    from docproc.core.log_masking import mask_email, mask_mobile, mask_personal_data

    assert mask_personal_data(f"reminder to {EMAIL} and {MOBILE}") == "reminder to c***@example.cn and 138****5678"
    assert mask_mobile("+86 138 1234 5678") == "138****5678" and mask_email(EMAIL) == "c***@example.cn"



def test_migration_0003_creates_the_tables_as_declared(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from docproc.store.database import make_engine
    from docproc.store.tables import metadata

    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    ours = {"watchlist_entries", "watchlist_names", "reminder_log", "supplement_episodes"}
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    mine = [d for d in diffs if any(name in repr(d) for name in ours)]
    assert mine == []


def test_the_schedule_and_the_log_on_postgresql(settings: Settings, smtp: Smtp, postgres_url: str) -> None:
    ctx = build_context(settings.model_copy(update={"database_url": postgres_url, "smtp_host": "127.0.0.1",
                                                    "smtp_port": smtp.port}))
    app = waiting(ctx, contact_email=EMAIL)
    clock = FixedClock(T0 + timedelta(hours=24))
    assert run_due(ctx, clock=clock).sent == [f"{app.id} email #1"]
    clock.advance(days=2)
    assert run_due(ctx, clock=clock).sent == [f"{app.id} email #2"]
    papers_arrive(ctx, app.id, T0 + timedelta(days=3))
    clock.advance(days=2)
    assert run_due(ctx, clock=clock).stopped == [app.id] and len(smtp.inbox.messages) == 2
    assert log_of(ctx, app.id) == [("email", 1, 1, "sent"), ("email", 2, 1, "sent")]
    assert time_to_supplement(ctx.db).median_hours == 72.0
