"""Nothing stuck: the reconciler, uploads while Redis is down, /readyz, the free-space floor and the
worker supervisor, each on small inputs with a real Redis (a private one where it is stopped)."""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rq.job import Job

from docproc.core.errors import StorageFull
from docproc.core.models import FileState
from docproc.core.settings import Settings
from docproc.service import jobs as worker
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from docproc.service.reconciler import JOB_LOST, Reconciler
from docproc.service.supervisor import Keeper, WorkerProcesses
from docproc.store import capacity
from docproc.store.integrations import IntegrationStore
from tests.conftest import TINY

CLEAN = TINY / "a01_salaried_clean"


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[worker.EmbeddedRedis]:
    """A redis-server of this test's own (no persistence: a restart loses every job), stoppable at will."""
    server = worker.EmbeddedRedis(tmp_path / "private", persist=False)
    server.start()
    yield server
    server.stop()


def _qctx(settings: Settings, url: str, **extra: object) -> Context:
    return build_context(settings.model_copy(update={"redis_url": url, **extra}))


def _queue(ctx: Context):  # type: ignore[no-untyped-def]
    return worker.make_queue(worker.connect(ctx.settings.redis_url or ""), ctx.settings)


def _api(ctx: Context):  # type: ignore[no-untyped-def]
    from web import create_app

    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    client = app.test_client()
    _, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def _application(client) -> str:  # type: ignore[no-untyped-def]
    answer = client.post("/api/v1/applications", json={"profile": "salaried", "application_date": "2026-11-20"})
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def _upload(client, app_id: str, path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return client.post(f"/api/v1/applications/{app_id}/documents", data={"file": (handle, path.name)},
                           content_type="multipart/form-data")


def _stored(ctx: Context, path: Path, state: FileState) -> tuple[str, str]:
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [stored] = pipeline.ingest(ctx, app.id, filename=path.name, data=path.read_bytes())
    ctx.db.set_file_state(stored.id, state)
    return app.id, stored.id


def _jobs(queue) -> list[Job]:  # type: ignore[no-untyped-def]
    return [j for j in Job.fetch_many(queue.get_job_ids(), connection=queue.connection) if j is not None]


# --- uploads while Redis is down --------------------------------------------------------------

def test_upload_while_redis_is_down_is_kept_and_queued_once_redis_is_back(
        settings: Settings, private_redis: worker.EmbeddedRedis) -> None:
    ctx = _qctx(settings, private_redis.url)
    client = _api(ctx)
    app_id = _application(client)
    private_redis.stop()

    answer = _upload(client, app_id, CLEAN / "income_proof.png")

    assert answer.status_code == 202, answer.get_json()
    [posted] = answer.get_json()["files"]
    assert posted["state"] == "received"  # stored, waiting for the queue
    assert ctx.blobs.exists(ctx.db.get_file(posted["id"]).sha256)
    assert client.get(f"/api/v1/applications/{app_id}/checklist").status_code == 202

    private_redis.start()  # same port, empty: the upload never reached it
    queue = _queue(ctx)
    done = Reconciler(queue, ctx).run_once(confirm=False)

    assert done.requeued == (posted["id"],)
    assert ctx.db.get_file(posted["id"]).state == FileState.QUEUED
    assert [j.args[0] for j in _jobs(queue)] == [posted["id"]]


# --- the reconciler -----------------------------------------------------------------------------

def test_reconciler_requeues_an_orphan_on_the_second_sighting_and_gives_up_after_the_limit(
        settings: Settings, redis_url: str) -> None:
    ctx = _qctx(settings, redis_url, reconcile_max_requeues=1)
    queue = _queue(ctx)
    app_id, file_id = _stored(ctx, CLEAN / "income_proof.png", FileState.READING)  # its job is gone
    reconciler = Reconciler(queue, ctx)

    assert reconciler.run_once().requeued == ()  # a first sighting is only a suspicion
    assert reconciler.run_once().requeued == (file_id,)
    assert ctx.db.get_file(file_id).state == FileState.QUEUED
    assert reconciler.run_once().requeued == ()  # its job is live now

    queue.empty()  # lost again
    reconciler.run_once()
    second = reconciler.run_once()

    assert second.failed == (file_id,)
    stored = ctx.db.get_file(file_id)
    assert stored.state == FileState.ERROR and stored.error_code == JOB_LOST
    assert stored.error and "upload it again" in stored.error
    assert second.checks == (app_id,)  # the checklist then shows the error
    assert [(j.func_name or "").rsplit(".", 1)[-1] for j in _jobs(queue)] == ["check_application_job"]
    queue.empty()


def test_reconciler_leaves_files_with_a_live_job_alone(settings: Settings, redis_url: str) -> None:
    ctx = _qctx(settings, redis_url)
    queue = _queue(ctx)
    _, file_id = _stored(ctx, CLEAN / "income_proof.png", FileState.RECEIVED)
    worker.enqueue_file(queue, ctx, file_id)
    reconciler = Reconciler(queue, ctx)

    assert reconciler.run_once(confirm=False).requeued == ()
    assert reconciler.run_once().requeued == ()
    assert len(_jobs(queue)) == 1
    queue.empty()


def test_reconciler_queues_the_checks_an_application_is_owed(settings: Settings, redis_url: str) -> None:
    ctx = _qctx(settings, redis_url)
    queue = _queue(ctx)
    app_id, _ = _stored(ctx, CLEAN / "income_proof.png", FileState.DONE)  # read, but its check job was lost

    reconciler = Reconciler(queue, ctx)
    assert reconciler.run_once(confirm=False).checks == (app_id,)
    assert [j.args[0] for j in _jobs(queue)] == [app_id]
    for _ in range(2 * ctx.settings.reconcile_max_requeues):  # a check that keeps failing is not looped
        queue.empty()
        reconciler.run_once()
    assert sum(1 for _ in _jobs(queue)) == 0
    queue.empty()


# --- readiness and liveness ---------------------------------------------------------------------

def test_readyz_is_503_without_a_live_worker_and_healthz_stays_ok(
        settings: Settings, private_redis: worker.EmbeddedRedis) -> None:
    ctx = _qctx(settings, private_redis.url)
    client = _api(ctx)
    queue = _queue(ctx)

    answer = client.get("/readyz")
    assert answer.status_code == 503 and "no worker" in answer.get_json()["reason"]

    rq_worker = worker.DocprocWorker([queue], connection=queue.connection)
    rq_worker.register_birth()
    rq_worker.heartbeat()
    assert client.get("/readyz").get_json() == {"status": "ready", "queue": "redis", "workers": 1}

    stale = worker.DocprocWorker([queue], connection=queue.connection, name="stale")  # registered, silent since
    stale.register_birth()
    queue.connection.hset(stale.key, "last_heartbeat", "2026-01-01T00:00:00.000000Z")
    assert client.get("/readyz").get_json()["workers"] == 1
    stale.register_death()

    rq_worker.register_death()
    assert client.get("/readyz").status_code == 503
    private_redis.stop()
    answer = client.get("/readyz")
    assert answer.status_code == 503 and "queue does not answer" in answer.get_json()["reason"]
    assert client.get("/healthz").status_code == 200


# --- the free-space floor -----------------------------------------------------------------------

def test_upload_below_the_free_space_floor_is_refused_with_nothing_stored(
        settings: Settings, tmp_path: Path) -> None:
    floor = capacity.free_bytes(tmp_path) + 10**12
    ctx = build_context(settings.model_copy(update={"min_free_bytes": floor}))
    client = _api(ctx)
    app_id = _application(client)

    answer = _upload(client, app_id, CLEAN / "income_proof.png")

    assert answer.status_code == 507 and answer.get_json()["type"].endswith("/storage_full")
    assert "nothing was stored" in answer.get_json()["detail"]
    assert ctx.db.files_of(app_id) == []
    assert not settings.blob_dir.exists() or not any(p.is_file() for p in settings.blob_dir.rglob("*"))


def test_a_write_that_runs_out_of_space_is_storage_full() -> None:
    with pytest.raises(StorageFull), capacity.disk_full_as_storage_full():
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(PermissionError), capacity.disk_full_as_storage_full():
        raise PermissionError(errno.EACCES, "denied")


# --- the worker supervisor ----------------------------------------------------------------------

def test_a_sigkilled_worker_process_is_restarted_by_the_keeper() -> None:
    processes = WorkerProcesses(count=2, env=dict(os.environ), command=("sleep", "60"))
    processes.start()
    keeper = Keeper(workers=processes, revive_redis=None, reconcile=None, interval=3600, tick=0.05)
    keeper.start()
    try:
        first = processes.pids
        assert len(first) == 2
        os.kill(first[0], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while (len(processes.pids) < 2 or first[0] in processes.pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(processes.pids) == 2 and first[0] not in processes.pids and first[1] in processes.pids
        assert processes.restarts == 1
    finally:
        keeper.stop()
        processes.stop(timeout=5)
    assert processes.pids == []


def test_a_worker_that_dies_at_once_is_restarted_with_backoff() -> None:
    processes = WorkerProcesses(count=1, env=dict(os.environ), command=("false",))
    processes.start()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        processes.revive()
        time.sleep(0.05)
    assert 1 <= processes.restarts <= 3  # backoff 2 s, 4 s...: not a tight loop


# --- real processes (slow) ----------------------------------------------------------------------

def _worker_process(ctx: Context, **extra: str):  # type: ignore[no-untyped-def]
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
           "REDIS_URL": ctx.settings.redis_url or "", "DOCPROC_DATA_DIR": str(ctx.settings.data_dir),
           "DOCPROC_QUEUE_NAME": ctx.settings.queue_name, "DOCPROC_WORKER_HEARTBEAT_TTL": "16", **extra}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "worker"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out after {timeout}s waiting for {what}"
        time.sleep(0.2)


@pytest.mark.slow
def test_worker_comes_back_after_redis_restarts_under_a_running_job(
        settings: Settings, private_redis: worker.EmbeddedRedis) -> None:
    ctx = _qctx(settings, private_redis.url)
    _, busy = _stored(ctx, CLEAN / "id_front.jpg", FileState.RECEIVED)
    worker.enqueue_file(_queue(ctx), ctx, busy)
    proc = _worker_process(ctx, DOCPROC_OCR_ENGINE="tests.fakes:SlowEngine")
    try:
        _wait(lambda: ctx.db.get_file(busy).state == FileState.READING, 60, "the job to start")
        private_redis.stop()  # while the worker watches its work-horse (it beats every 5 s)
        time.sleep(7)
        private_redis.start()  # empty: the running job's record is gone
        queue = _queue(ctx)
        _wait(lambda: worker.live_workers(queue, 16) >= 1, 60, "the worker to register again")
        assert proc.poll() is None
        app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
        [bad] = pipeline.ingest(ctx, app.id, filename="scan.pdf", data=b"%PDF-1.4\nnot a pdf")
        worker.enqueue_file(queue, ctx, bad.id)
        _wait(lambda: ctx.db.get_file(bad.id).state == FileState.ERROR, 60, "the new job to be done")
        assert ctx.db.get_file(bad.id).error_code == "corrupt_file"
        assert proc.poll() is None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def test_a_dead_workers_job_is_reaped_once_and_retried_by_the_next_cleanup(settings: Settings, redis_url: str) -> None:
    from rq.registry import ScheduledJobRegistry, StartedJobRegistry

    ctx = _qctx(settings, redis_url)
    queue = _queue(ctx)
    _, file_id = _stored(ctx, CLEAN / "income_proof.png", FileState.RECEIVED)
    job = worker.enqueue_file(queue, ctx, file_id)
    queue.remove(job.id)  # as if a worker had taken it ...
    conn, registry = queue.connection, StartedJobRegistry(queue=queue)
    conn.zadd(registry.key, {f"{job.id}:exec1": time.time() + 600})
    conn.hset(job.key, mapping={"worker_name": "gone", "status": "started"})
    conn.hset("rq:worker:gone", mapping={"last_heartbeat": "2026-01-01T00:00:00.000000Z"})  # ... and died

    assert worker.reap_dead_workers(queue, 30, cleanup=False) == 1
    assert worker.reap_dead_workers(queue, 30, cleanup=False) == 0  # marked once, not counted again
    assert [j.id for j in _jobs(queue)] == []
    worker.reap_dead_workers(queue, 30)  # a worker's cleanup hands it to rq's retry
    assert conn.zcard(registry.key) == 0
    assert job.id in ScheduledJobRegistry(queue=queue).get_job_ids() + queue.get_job_ids()
    ScheduledJobRegistry(queue=queue).remove(job.id)
    conn.delete("rq:worker:gone")
    queue.empty()
