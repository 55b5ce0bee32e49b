"""The queue for real: rq on a real Redis, real worker processes, real OCR, real process kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from docproc.core.models import FileState
from docproc.core.settings import Settings
from docproc.service import jobs as worker
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from tests.conftest import TINY

CLEAN = TINY / "a01_salaried_clean"


@pytest.fixture
def qsettings(settings: Settings, redis_url: str) -> Settings:
    return settings.model_copy(update={"redis_url": redis_url, "job_retry_intervals": [1, 1, 1]})


@pytest.fixture
def qctx(qsettings: Settings) -> Context:
    return build_context(qsettings)


def _env(s: Settings, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), "REDIS_URL": s.redis_url or "", "DOCPROC_DATA_DIR": str(s.data_dir),
           "DOCPROC_QUEUE_NAME": s.queue_name, "DOCPROC_JOB_RETRY_INTERVALS": "[1,1,1]", **extra}
    env.pop("DATABASE_URL", None)
    return env


def _start_worker(s: Settings, *, burst: bool = False, **extra: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "docproc.cli.main", "worker"] + (["--burst"] if burst else [])
    return subprocess.Popen(args, env=_env(s, **extra), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _enqueue(ctx: Context, path: Path) -> tuple[str, str]:
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [stored] = pipeline.ingest(ctx, app.id, filename=path.name, data=path.read_bytes())
    queue = worker.make_queue(worker.connect(ctx.settings.redis_url or ""), ctx.settings)
    worker.enqueue_file(queue, ctx, stored.id)
    return app.id, stored.id


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def test_file_goes_through_the_queue_to_a_stored_checklist(qctx: Context) -> None:
    app_id, file_id = _enqueue(qctx, CLEAN / "income_proof.png")
    assert qctx.db.get_file(file_id).state == FileState.QUEUED
    proc = _start_worker(qctx.settings)
    try:
        _wait(lambda: qctx.db.latest_checklist(app_id) is not None, 120, "the checklist")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert qctx.db.get_file(file_id).state == FileState.DONE
    checklist = qctx.db.latest_checklist(app_id)
    assert checklist is not None
    [doc] = checklist.documents
    assert doc.type.value == "income_proof" and doc.fields["monthly_income"].value
    statuses = {i.id: i.status.value for i in checklist.items}
    assert statuses["completeness.income_proof"] == "pass"
    assert statuses["completeness.id_card"] == "missing"


def test_sigkilled_worker_job_is_finished_by_another_worker(qctx: Context) -> None:
    app_id, file_id = _enqueue(qctx, CLEAN / "id_front.jpg")
    first = _start_worker(qctx.settings)
    try:
        _wait(lambda: qctx.db.get_file(file_id).state == FileState.READING, 60, "the job to start")
        time.sleep(0.3)
    finally:
        _kill_group(first)  # worker and its work-horse, as a crash or OOM kill would
    assert qctx.db.get_file(file_id).state == FileState.READING
    second = _start_worker(qctx.settings)
    try:
        _wait(lambda: qctx.db.get_file(file_id).state == FileState.DONE, 120, "the retried job")
        _wait(lambda: qctx.db.latest_checklist(app_id) is not None, 60, "the checklist")
    finally:
        second.terminate()
        second.wait(timeout=30)
    docs = qctx.db.documents_of(app_id)
    assert [d.type.value for d in docs] == ["id_card"]


def test_failing_job_ends_as_visible_error_after_retries(qctx: Context) -> None:
    app_id, file_id = _enqueue(qctx, CLEAN / "income_proof.png")
    proc = _start_worker(qctx.settings, DOCPROC_OCR_ENGINE="tests.fakes:CrashingEngine")
    try:
        _wait(lambda: qctx.db.get_file(file_id).state == FileState.ERROR, 90, "the error state")
        _wait(lambda: qctx.db.latest_checklist(app_id) is not None, 60, "the checklist")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    stored = qctx.db.get_file(file_id)
    assert stored.error and "could not be processed" in stored.error
    checklist = qctx.db.latest_checklist(app_id)
    assert checklist is not None and checklist.errors[0]["file_id"] == file_id
    assert any(s.check_id == "file_error" for s in checklist.supplement_request)


def test_bad_input_is_an_error_on_its_file_not_a_retry(qctx: Context) -> None:
    app = pipeline.create_application(qctx, profile="salaried", application_date=date(2026, 11, 20))
    [stored] = pipeline.ingest(qctx, app.id, filename="scan.pdf", data=b"%PDF-1.4\nthis is not a pdf")
    queue = worker.make_queue(worker.connect(qctx.settings.redis_url or ""), qctx.settings)
    worker.enqueue_file(queue, qctx, stored.id)
    proc = _start_worker(qctx.settings, burst=True)
    proc.wait(timeout=120)
    got = qctx.db.get_file(stored.id)
    assert got.state == FileState.ERROR and got.error_code == "corrupt_file"
    assert qctx.blobs.exists(got.sha256)  # the original is kept
