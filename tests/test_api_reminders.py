"""Contacts and reminders through the REST API: masked in lists, the reminder log, phone tasks closed."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from docproc.core.clock import FixedClock
from docproc.service.context import Context
from docproc.service.reminders import run_due
from docproc.service.supervisor import Keeper
from docproc.store.accounts import Accounts
from docproc.store.integrations import IntegrationStore
from docproc.store.reminders import ReminderStore
from tests.test_auth import PASSWORD, _token, sign_in
from tests.test_reminders import T0, waiting
from web import create_app


@pytest.fixture
def client(app, ctx):  # type: ignore[no-untyped-def]
    _, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    test_client = app.test_client()
    test_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return test_client


def test_contact_is_stored_and_masked_in_lists(client) -> None:  # type: ignore[no-untyped-def]
    made = client.post("/api/v1/applications", json={"profile": "salaried", "application_date": "2026-11-20",
                                                      "contact_mobile": "13812345678",
                                                      "contact_email": "chen.jing@example.cn"})
    assert made.status_code == 201, made.get_json()
    app_id = made.get_json()["id"]
    assert made.get_json()["contact_email"] == "chen.jing@example.cn"
    [item] = client.get("/api/v1/applications").get_json()["items"]
    assert (item["contact_mobile"], item["contact_email"]) == ("138****5678", "c***@example.cn")
    changed = client.put(f"/api/v1/applications/{app_id}/contact", json={"contact_mobile": "+86 139 0000 1111"})
    assert changed.status_code == 200 and changed.get_json() == {
        "application": app_id, "contact_mobile": "139****1111", "contact_email": None}
    assert client.get(f"/api/v1/applications/{app_id}").get_json()["contact_mobile"] == "+86 139 0000 1111"
    bad = client.put(f"/api/v1/applications/{app_id}/contact", json={"contact_email": "not an address"})
    assert bad.status_code == 422
    assert client.put("/api/v1/applications/app_nope/contact", json={}).status_code == 404


def test_reminder_log_and_closing_a_phone_task(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    app = waiting(ctx, contact_mobile="13812345678")
    run_due(ctx, clock=FixedClock(T0 + timedelta(hours=24)))
    shown = client.get(f"/api/v1/applications/{app.id}/reminders").get_json()
    assert shown["contact"]["contact_mobile"] == "138****5678" and shown["waiting_since"].startswith("2026-12-07T02:00")
    [task] = shown["open_tasks"]
    assert (task["channel"], task["sequence"], task["status"], task["recipient"]) == ("phone", 1, "open", "138****5678")
    done = client.post(f"/api/v1/applications/{app.id}/reminders/tasks/{task['id']}/done", json={"note": "called"})
    assert done.status_code == 200 and done.get_json()["status"] == "done"
    assert client.get(f"/api/v1/applications/{app.id}/reminders").get_json()["open_tasks"] == []
    again = client.post(f"/api/v1/applications/{app.id}/reminders/tasks/{task['id']}/done", json={})
    assert again.status_code == 404


def test_the_keeper_runs_the_reminder_pass_periodically() -> None:
    passes: list[float] = []
    keeper = Keeper(workers=None, revive_redis=None, reconcile=None, interval=0.05, tick=0.01,
                    remind=lambda: passes.append(time.monotonic()))
    keeper.start()
    time.sleep(0.4)
    keeper.stop()
    assert len(passes) >= 3


def test_the_page_shows_the_panel_and_closes_a_phone_task(ctx: Context) -> None:
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="main")
    app = waiting(ctx, contact_mobile="13812345678", contact_email="chen.jing@example.cn")
    run_due(ctx, clock=FixedClock(T0 + timedelta(hours=24)))
    web = create_app(ctx=ctx)
    web.config.update(TESTING=True)
    client = web.test_client()
    assert sign_in(client, "ann").status_code == 302
    html = client.get(f"/applications/{app.id}?lang=en").get_data(as_text=True)
    start = html.index('id="reminders"')
    panel = html[start:html.index("</section>", start)]
    assert "138****5678" in panel and "c***@example.cn" in panel and "Call the customer: reminder 1" in panel
    assert "13812345678" not in html and "chen.jing@example.cn" not in html
    [task] = ReminderStore(ctx.db).open_tasks()
    token = _token(html)
    done = client.post(f"/applications/{app.id}/reminders/tasks/{task.id}/done",
                       data={"csrf_token": token, "note": "will bring papers"})
    assert done.status_code == 302 and done.headers["Location"].endswith("#reminders")
    assert ReminderStore(ctx.db).open_tasks() == []
    zh = client.get(f"/applications/{app.id}?lang=zh").get_data(as_text=True)
    assert "没有待拨打的电话。" in zh and "已完成" in zh

