"""Operations: /livez and /readyz in constant work, /metrics (figures from Redis, loopback or a token),
request ids, JSON log lines that keep personal data masked."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import re
import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from docproc.core.log_format import APPLICATION_ID, REQUEST_ID, JsonFormatter, log_ids
from docproc.core.log_masking import install_log_masking
from docproc.core.settings import Settings
from docproc.service import jobs as worker
from docproc.service import metrics, pipeline
from docproc.service.context import Context, build_context


def _client(ctx: Context):  # type: ignore[no-untyped-def]
    from web import create_app

    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    return app.test_client()


class _Statements:
    """Counts the SQL statements an engine runs inside the block."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine, self.count = engine, 0

    def _seen(self, *_args: object) -> None:
        self.count += 1

    def __enter__(self) -> _Statements:
        sa.event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._seen)


def _applications(ctx: Context, n: int) -> None:
    for _ in range(n):
        pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20), created_by="ops")


def test_livez_and_healthz_touch_no_database_and_readyz_runs_one_statement_whatever_the_volume(ctx: Context) -> None:
    client = _client(ctx)
    counts = []
    for volume in (0, 40):
        _applications(ctx, volume)
        for path in ("/livez", "/healthz", "/readyz"):
            with _Statements(ctx.db.engine) as seen:
                answer = client.get(path)
            assert answer.status_code == 200, (path, answer.get_json())
            counts.append((volume, path, seen.count))
    assert counts == [(v, p, 1 if p == "/readyz" else 0) for v in (0, 40) for p in ("/livez", "/healthz", "/readyz")]
    assert client.get("/livez").get_json() == client.get("/healthz").get_json() == {"status": "ok", "queue": "inline"}


class _BrokenStorage:
    def exists(self, sha256: str) -> bool:
        raise OSError("the storage is unreachable")


def test_readyz_is_503_when_the_storage_does_not_answer(ctx: Context) -> None:
    client = _client(dataclasses.replace(ctx, blobs=_BrokenStorage()))  # type: ignore[arg-type]
    answer = client.get("/readyz")
    assert answer.status_code == 503 and "storage does not answer" in answer.get_json()["reason"]
    assert answer.headers["Retry-After"] == "5"
    assert client.get("/livez").status_code == 200


def test_every_answer_carries_a_request_id_and_a_sane_incoming_one_is_kept(client) -> None:  # type: ignore[no-untyped-def]
    made = client.get("/livez").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/livez", headers={"X-Request-ID": "lb-7f3a.1"}).headers["X-Request-ID"] == "lb-7f3a.1"
    forged = client.get("/livez", headers={"X-Request-ID": "x\" injected=1 " + "a" * 80}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)
    assert REQUEST_ID.get() is None and APPLICATION_ID.get() is None  # nothing left bound after the request


def test_metrics_are_for_loopback_or_the_token_holder(settings: Settings) -> None:
    ctx = build_context(settings.model_copy(update={"metrics_token": SecretStr("s3cret-token-for-scrapes")}))
    client = _client(ctx)
    assert client.get("/metrics").status_code == 200  # the test client is 127.0.0.1
    outside = {"REMOTE_ADDR": "10.1.2.3"}
    assert client.get("/metrics", environ_base=outside).status_code == 404
    assert client.get("/metrics", environ_base=outside, headers={"Authorization": "Bearer wrong"}).status_code == 404
    answer = client.get("/metrics", environ_base=outside, headers={"Authorization": "Bearer s3cret-token-for-scrapes"})
    assert answer.status_code == 200 and answer.mimetype == "text/plain"


@pytest.fixture
def bound_metrics(settings: Settings, redis_url: str):  # type: ignore[no-untyped-def]
    metrics.bind(redis_url, settings.queue_name)
    yield
    from redis import Redis

    Redis.from_url(redis_url).delete(metrics.metrics_key(settings.queue_name))
    metrics.bind(None, settings.queue_name)


def _sample(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        metric, _, value = line.rpartition(" ")
        if metric == (f"{name}{{{want}}}" if labels else name):
            return float(value)
    raise AssertionError(f"{name} {labels} not in:\n{text}")


def test_metrics_count_checks_by_verdict_job_seconds_queue_depth_and_files(
        settings: Settings, redis_url: str, bound_metrics: None) -> None:
    from tests.conftest import TINY

    ctx = build_context(settings.model_copy(update={"redis_url": redis_url}))
    client = _client(ctx)
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20), created_by="ops")
    pipeline.store_upload(ctx, app.id, filename="id_back.jpg", data=(TINY / "a02_expired_id" / "id_back.jpg").read_bytes())
    checklist = pipeline.check_application(ctx, app.id)
    queue = worker.make_queue(worker.connect(redis_url), ctx.settings)
    queue.enqueue("builtins.print", "waiting")

    text = client.get("/metrics").get_data(as_text=True)

    counted = {m.group(1): float(m.group(2)) for m in re.finditer(r'^docproc_checks_total\{verdict="([^"]+)"\} (\S+)$', text, re.M)}
    assert counted and sum(counted.values()) == len(checklist.items)
    assert _sample(text, "docproc_job_seconds_count", stage="check") == 1.0
    assert _sample(text, "docproc_job_seconds_bucket", stage="check", le="+Inf") == 1.0
    assert _sample(text, "docproc_queue_depth", queue=settings.queue_name) == 1.0
    assert _sample(text, "docproc_files", state="received") == 1.0
    queue.empty()


def test_recording_without_redis_or_with_redis_gone_never_fails(settings: Settings) -> None:
    metrics.bind(None, settings.queue_name)
    metrics.inc("checks_total", {"verdict": "pass"})
    metrics.bind("redis://127.0.0.1:1/0", settings.queue_name)  # nothing listens there
    try:
        metrics.observe("job_seconds", 0.5, {"stage": "read"})
        metrics.inc("webhook_failures_total")
    finally:
        metrics.bind(None, settings.queue_name)


def _json_logger(name: str) -> tuple[logging.Logger, logging.Handler, io.StringIO]:
    """A logger of its own writing JSON lines into a string."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.propagate = False
    return logger, handler, stream


def test_json_log_lines_carry_the_ids_and_stay_masked() -> None:
    install_log_masking()
    logger, handler, stream = _json_logger("docproc.test_operations")
    token = REQUEST_ID.set("req-1")
    try:
        with log_ids(application_id="app_42"):
            logger.warning("looked up 110101199001011234 for 姓名：张三丰")
            try:
                raise ValueError("bad card 110101199001011234")
            except ValueError:
                logger.exception("failed")
        logger.warning("after")
    finally:
        REQUEST_ID.reset(token)
        logger.removeHandler(handler)
    first, second, third = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "looked up 110***********1234 for 姓名：张**"
    assert first["request_id"] == "req-1" and first["application_id"] == "app_42" and first["level"] == "WARNING"
    assert "110101199001011234" not in second["exception"] and "110***********1234" in second["exception"]
    assert "application_id" not in third and third["request_id"] == "req-1"


def test_the_cli_logs_json_when_asked(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DOCPROC_LOG_FORMAT": "json",
           "DOCPROC_DATA_DIR": str(tmp_path / "var"), "DOCPROC_ENV": "development"}
    result = subprocess.run([sys.executable, "-m", "docproc.cli.main", "-v", "keys", "list"], env=env,
                            capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines), result.stderr


def test_an_upload_of_many_files_is_read_one_file_at_a_time(settings: Settings, redis_url: str) -> None:
    import os
    import tracemalloc

    from werkzeug.test import EnvironBuilder, run_wsgi_app

    from docproc.store.integrations import IntegrationStore
    from web import create_app

    ctx = build_context(settings.model_copy(update={"redis_url": redis_url}))
    app = create_app(ctx=ctx)
    _, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              created_by="ops", branch="main")
    size, count = 4 * 1024 * 1024, 6
    files = [(io.BytesIO(os.urandom(size)), f"scan{i}.bin") for i in range(count)]
    environ = EnvironBuilder(path=f"/api/v1/applications/{application.id}/documents", method="POST",
                             headers={"Authorization": f"Bearer {key}"}, data={"file": files}).get_environ()
    del files
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        body_iter, status, _headers = run_wsgi_app(app, environ)
        b"".join(body_iter)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert status.startswith("4") or status.startswith("2"), status
    # one file in hand (its bytes, the sealed copy, the digest pass) whatever the count; all six before
    assert peak < 4 * size, f"peak {peak / 2**20:.1f} MiB for {count} files of {size / 2**20:.0f} MiB"


def _log_inside_a_job(message: str) -> str:
    logging.getLogger("docproc.test_operations.job").warning(message)
    return "logged"


def test_a_json_log_line_written_inside_an_rq_job_carries_the_job_id(redis_url: str) -> None:
    from redis import Redis
    from rq import Queue, SimpleWorker

    logger, handler, stream = _json_logger("docproc.test_operations.job")
    conn = Redis.from_url(redis_url)
    queue = Queue(f"ops-log-{uuid.uuid4().hex[:8]}", connection=conn)
    try:
        job = queue.enqueue(_log_inside_a_job, "inside")
        SimpleWorker([queue], connection=conn).work(burst=True)
        _log_inside_a_job("outside")
    finally:
        logger.removeHandler(handler)
        queue.delete(delete_jobs=True)
    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["message"] == "inside" and inside["job_id"] == job.id
    assert "job_id" not in outside


def test_a_worker_started_any_way_records_its_figures(settings: Settings, redis_url: str) -> None:
    """``python worker.py`` and ``docproc worker`` both run ``run_worker``: the figures are bound there."""
    queue_settings = settings.model_copy(update={"redis_url": redis_url, "queue_name": f"ops-{uuid.uuid4().hex[:8]}"})
    metrics.bind(None, queue_settings.queue_name)
    try:
        worker.run_worker(queue_settings, burst=True)  # an empty queue: the worker starts, finds nothing, ends
        assert metrics.bound()
    finally:
        metrics.bind(None, queue_settings.queue_name)
