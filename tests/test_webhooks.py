"""Webhooks: signatures, events only on change, and deliveries retried through a real Redis and worker."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from docproc.core.settings import Settings
from docproc.service import pipeline, webhooks
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts
from docproc.store.integrations import IntegrationStore
from tests.test_auth import PASSWORD, _token, sign_in
from tests.test_worker import _start_worker, _wait


class Receiver:
    """A loopback HTTP endpoint that records each POST and answers the next scripted status."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.calls: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.calls.append(({k: v for k, v in self.headers.items()}, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/docproc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


LOCAL_RECEIVERS = {"DOCPROC_ENV": "development", "DOCPROC_WEBHOOK_ALLOW": "127.0.0.1/32"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Development settings that allow the loopback receivers these tests deliver to."""
    return settings.model_copy(update={"env": "development", "webhook_allow": "127.0.0.1/32"})


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver([])
    yield server
    server.close()


def _key(ctx: Context, *branches: str) -> tuple[str, str]:
    record, key = IntegrationStore(ctx.db.engine).create_key(name="crm", branches=branches)
    return record.id, key


def _register(client, key: str, url: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/webhooks", json={"url": url}, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def _assert_signed(call: tuple[dict[str, str], bytes], secret: str) -> dict[str, Any]:
    headers, body = call
    assert webhooks.verify(secret, timestamp=headers["Docproc-Timestamp"], body=body,
                           signature=headers["Docproc-Signature"])
    assert not webhooks.verify("whsec_wrong", timestamp=headers["Docproc-Timestamp"], body=body,
                               signature=headers["Docproc-Signature"])
    return json.loads(body)  # type: ignore[no-any-return]


def test_signature_is_hmac_sha256_over_timestamp_and_body() -> None:
    body = b'{"event":"checklist.created"}'
    signature = webhooks.sign("whsec_s3cret", 1_700_000_000, body)
    import hashlib
    import hmac

    expected = hmac.new(b"whsec_s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert signature == f"sha256={expected}"
    assert webhooks.verify("whsec_s3cret", timestamp="1700000000", body=body, signature=signature, now=1_700_000_100)
    assert not webhooks.verify("whsec_s3cret", timestamp="1700000000", body=body + b" ", signature=signature,
                               now=1_700_000_100)
    assert not webhooks.verify("whsec_s3cret", timestamp="1700000000", body=body, signature=signature,
                               now=1_700_009_000)  # too old: a replay


def _officer_override(client, ctx: Context, app_id: str, check_id: str, status: str, comment: str) -> None:  # type: ignore[no-untyped-def]
    """An officer of the application's branch overrides an item through the page's form, CSRF token and all."""
    if Accounts(ctx.db).find("ann") is None:
        Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="main")
        assert sign_in(client, "ann").status_code == 302
    token = _token(client.get(f"/applications/{app_id}").get_data(as_text=True))
    answer = client.post(f"/applications/{app_id}/items/{check_id}/override",
                         data={"csrf_token": token, "status": status, "comment": comment})
    assert answer.status_code == 302, answer.get_data(as_text=True)


def test_events_on_creation_and_change_only_and_not_for_revoked_keys(client, ctx: Context, receiver: Receiver) -> None:  # type: ignore[no-untyped-def]
    key_id, key = _key(ctx, "main")
    hook = _register(client, key, receiver.url)
    auth = {"Authorization": f"Bearer {key}"}
    app_id = client.post("/api/v1/applications", json={"profile": "salaried", "application_date": "2026-11-20"},
                         headers=auth).get_json()["id"]
    assert client.post(f"/api/v1/applications/{app_id}/reprocess", json={}, headers=auth).status_code == 202
    assert client.post(f"/api/v1/applications/{app_id}/reprocess", json={}, headers=auth).status_code == 202
    assert len(receiver.calls) == 1  # the second check changed nothing: no event
    first = _assert_signed(receiver.calls[0], hook["secret"])
    assert first["event"] == "checklist.created" and first["application"]["id"] == app_id
    assert first["checklist"]["application"] == app_id and first["checklist"]["status"] == "needs_supplement"
    # An officer's override on the page is a change of content: the webhook hears of it at once.
    _officer_override(client, ctx, app_id, "completeness.id_card", "pass", "seen")
    assert [_assert_signed(c, hook["secret"])["event"] for c in receiver.calls] == [
        "checklist.created", "checklist.changed"]
    item = next(i for i in json.loads(receiver.calls[1][1])["checklist"]["items"] if i["id"] == "completeness.id_card")
    assert item["status"] == "pass" and item["override"]["officer"] == "ann"
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=auth).get_json()["items"]
    assert [d["status"] for d in log] == ["delivered", "delivered"] and log[0]["log"][0]["status_code"] == 200
    IntegrationStore(ctx.db.engine).revoke_key(key_id)
    _officer_override(client, ctx, app_id, "completeness.id_card", "fail", "no")
    _, other = _key(ctx, "main")
    client.post(f"/api/v1/applications/{app_id}/reprocess", json={}, headers={"Authorization": f"Bearer {other}"})
    assert len(receiver.calls) == 2  # the revoked key's webhook is silent


@pytest.fixture
def qctx(settings: Settings, redis_url: str) -> Context:
    return build_context(settings.model_copy(update={"redis_url": redis_url, "job_retry_intervals": [1, 1, 1]}))


@pytest.fixture
def qclient(qctx: Context):  # type: ignore[no-untyped-def]
    from web import create_app

    app = create_app(ctx=qctx)
    app.config.update(TESTING=True)
    assert app.extensions["docproc.queue"] is not None
    return app.test_client()


def _check_through_queue(qclient, qctx: Context, url: str) -> tuple[dict[str, Any], str]:  # type: ignore[no-untyped-def]
    _, key = _key(qctx, "main")
    hook = _register(qclient, key, url)
    auth = {"Authorization": f"Bearer {key}"}
    app_id = qclient.post("/api/v1/applications", json={"profile": "freelancer", "application_date": "2026-11-20"},
                          headers=auth).get_json()["id"]
    answer = qclient.post(f"/api/v1/applications/{app_id}/reprocess", json={}, headers=auth)
    assert answer.status_code == 202 and answer.get_json()["queued"] is True
    return hook, app_id


def test_delivery_through_the_queue_is_signed(qclient, qctx: Context, receiver: Receiver) -> None:  # type: ignore[no-untyped-def]
    hook, app_id = _check_through_queue(qclient, qctx, receiver.url)
    proc = _start_worker(qctx.settings, **LOCAL_RECEIVERS)
    try:
        _wait(lambda: len(receiver.calls) >= 1, 60, "the webhook delivery")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    headers, _ = receiver.calls[0]
    payload = _assert_signed(receiver.calls[0], hook["secret"])
    assert payload["event"] == headers["Docproc-Event"] == "checklist.created"
    assert payload["delivery_id"] == headers["Docproc-Delivery"] and payload["application"]["id"] == app_id
    assert headers["Content-Type"] == "application/json"


def test_failed_deliveries_are_retried_with_backoff_and_logged(qclient, qctx: Context) -> None:  # type: ignore[no-untyped-def]
    flaky = Receiver([500, 503, 200])
    try:
        hook, _ = _check_through_queue(qclient, qctx, flaky.url)
        proc = _start_worker(qctx.settings, **LOCAL_RECEIVERS)
        store = IntegrationStore(qctx.db.engine)
        try:
            _wait(lambda: [d.status for d in store.deliveries_of(hook["id"])] == ["delivered"], 90,
                  "the third attempt")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        flaky.close()
    assert len(flaky.calls) == 3
    payloads = [_assert_signed(call, hook["secret"]) for call in flaky.calls]
    assert len({p["delivery_id"] for p in payloads}) == 1  # the same delivery, three times
    [delivery] = store.deliveries_of(hook["id"])
    assert delivery.attempts == 3 and [a.status_code for a in delivery.log] == [500, 503, 200]
    assert delivery.log[1].at > delivery.log[0].at and delivery.delivered_at == delivery.log[2].at


def test_a_deleted_webhook_gets_nothing_more(client, ctx: Context, receiver: Receiver) -> None:  # type: ignore[no-untyped-def]
    _, key = _key(ctx, "main")
    auth = {"Authorization": f"Bearer {key}"}
    hook = _register(client, key, receiver.url)
    assert client.delete(f"/api/v1/webhooks/{hook['id']}", headers=auth).status_code == 204
    assert client.get("/api/v1/webhooks", headers=auth).get_json()["items"] == []
    app_id = client.post("/api/v1/applications", json={"profile": "salaried"}, headers=auth).get_json()["id"]
    client.post(f"/api/v1/applications/{app_id}/reprocess", json={}, headers=auth)
    assert receiver.calls == []
    _, stranger = _key(ctx, "main")
    assert client.get(f"/api/v1/webhooks/{hook['id']}/deliveries",
                      headers={"Authorization": f"Bearer {stranger}"}).status_code == 404


def test_a_file_job_run_outside_the_queue_notifies_too(client, ctx: Context, receiver: Receiver,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from docproc.service import jobs as worker
    from tests.pdfs import text_pdf

    _, key = _key(ctx, "main")
    _register(client, key, receiver.url)
    app_id = client.post("/api/v1/applications", json={"profile": "salaried"},
                         headers={"Authorization": f"Bearer {key}"}).get_json()["id"]
    [stored] = pipeline.ingest(ctx, app_id, filename="contract.pdf", data=text_pdf([["Contract", "page 1 of 1"]]))
    monkeypatch.setitem(worker._CONTEXT, "ctx", ctx)
    worker.process_file_job(stored.id)  # no rq job around it: the checks run here
    assert [json.loads(body)["event"] for _, body in receiver.calls] == ["checklist.created"]
