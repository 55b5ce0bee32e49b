"""Stateless workers: a work horse opens its own database connections, a worker's death is told by rq's
heartbeat (not by host name and pid, which containers share), and OCR takes only its share of the cores."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import cv2
import pytest
import sqlalchemy as sa
from rq.registry import StartedJobRegistry
from rq.utils import now, utcformat

from docproc.core.settings import Settings
from docproc.reading import threads
from docproc.reading.ocr import RapidOcrEngine
from docproc.service import jobs as worker
from docproc.service.context import build_context
from docproc.service.supervisor import WorkerProcesses

LONG_AGO = "2026-01-01T00:00:00.000000Z"


def backend_pid_job() -> int:
    """Run in a work horse: the PostgreSQL backend that serves this process's database engine."""
    with worker._context().db.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


def test_a_work_horse_does_not_use_the_workers_pooled_connection(tmp_path: Path, postgres_url: str,
                                                                 redis_url: str) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=postgres_url, redis_url=redis_url,
                        queue_name=f"docproc-test-{uuid.uuid4().hex[:8]}")
    ctx = build_context(settings)
    worker._CONTEXT["ctx"] = ctx
    try:
        with ctx.db.engine.connect() as conn:  # the worker's own connection, back in its pool
            parent = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        queue = worker.make_queue(worker.connect(redis_url), settings)
        job = queue.enqueue(backend_pid_job)
        worker.DocprocWorker([queue], connection=queue.connection).work(burst=True)
        assert job.get_status(refresh=True) == "finished"
        assert job.return_value() != parent  # the horse opened its own connection ...
        with ctx.db.engine.connect() as conn:  # ... and left the worker's one working
            assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one() == parent
    finally:
        worker._CONTEXT.pop("ctx", None)
        ctx.db.engine.dispose()


def _started(queue, worker_name: str, heartbeat: str, *, hostname: str, pid: int) -> str:  # type: ignore[no-untyped-def]
    job = queue.enqueue(backend_pid_job)
    queue.remove(job.id)  # taken by the worker ...
    conn = queue.connection
    conn.zadd(StartedJobRegistry(queue=queue).key, {f"{job.id}:exec": now().timestamp() + 600})
    conn.hset(job.key, mapping={"worker_name": worker_name, "status": "started"})
    conn.hset(f"rq:worker:{worker_name}", mapping={"hostname": hostname, "pid": pid, "last_heartbeat": heartbeat})
    return str(job.id)


def test_reaping_trusts_rq_heartbeats_not_host_names_and_pids(redis_url: str) -> None:
    settings = Settings(queue_name=f"docproc-test-{uuid.uuid4().hex[:8]}")
    queue = worker.make_queue(worker.connect(redis_url), settings)
    conn, registry = queue.connection, StartedJobRegistry(queue=queue)
    # On another host and silent for long: dead, though its host name is not ours to check.
    gone = _started(queue, f"gone-{uuid.uuid4().hex[:6]}", LONG_AGO, hostname="elsewhere", pid=1)
    # In another container with our host name and a pid that means nothing here, beating now: alive.
    busy = _started(queue, f"busy-{uuid.uuid4().hex[:6]}", utcformat(now()), hostname=socket.gethostname(),
                    pid=2**22 + 7)
    try:
        assert worker.reap_dead_workers(queue, 30, cleanup=False) == 1
        marked = {m.decode().split(":")[0]: s for m, s in conn.zrange(registry.key, 0, -1, withscores=True)}
        assert marked[gone] == 0 and marked[busy] > 0
    finally:
        queue.empty()
        conn.delete(registry.key)


def test_live_workers_are_those_whose_rq_heartbeat_is_fresh(redis_url: str) -> None:
    settings = Settings(queue_name=f"docproc-test-{uuid.uuid4().hex[:8]}")
    queue = worker.make_queue(worker.connect(redis_url), settings)
    beating = worker.DocprocWorker([queue], connection=queue.connection, name=f"a-{uuid.uuid4().hex[:6]}")
    silent = worker.DocprocWorker([queue], connection=queue.connection, name=f"b-{uuid.uuid4().hex[:6]}")
    for w in (beating, silent):
        w.register_birth()
    try:
        assert worker.live_workers(queue, 30) == 2
        queue.connection.hset(silent.key, "last_heartbeat", LONG_AGO)
        assert worker.live_workers(queue, 30) == 1
        silent.heartbeat()  # it beats again (and registers again should Redis have lost it)
        assert worker.live_workers(queue, 30) == 2
    finally:
        for w in (beating, silent):
            w.register_death()


def test_ocr_threads_default_to_the_hosts_share_and_reach_every_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "usable_cores", lambda: 8)
    assert threads.ocr_threads(Settings(ocr_threads=3)) == 3
    assert threads.ocr_threads(Settings(worker_processes=2)) == 4
    assert threads.ocr_threads(Settings(worker_processes=16)) == 1
    monkeypatch.setattr(threads, "count_worker_processes", lambda: 3)
    assert threads.ocr_threads(Settings()) == 2
    assert threads.is_worker_command(["/venv/bin/docproc", "worker"])
    assert threads.is_worker_command(["python", "-m", "docproc.cli.main", "worker", "--burst"])
    assert threads.is_worker_command(["python", "/srv/docproc/worker.py"])
    assert not threads.is_worker_command(["python", "-m", "docproc.cli.main", "serve", "--workers", "2"])

    monkeypatch.setenv("OMP_THREAD_LIMIT", "8")
    before = cv2.getNumThreads()
    try:
        threads.limit_threads(1)
        assert cv2.getNumThreads() == 1
        import os

        assert os.environ["OMP_THREAD_LIMIT"] == "1"  # tesseract's OpenMP, inherited by its process
        engine = RapidOcrEngine()._engine()
        for session in (engine.text_det.infer, engine.text_cls.infer, engine.text_rec.session):
            options = session.session.get_session_options()
            assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    finally:
        cv2.setNumThreads(before)
        threads._LIMIT.clear()


def test_serve_tells_its_workers_how_many_share_the_host(tmp_path: Path) -> None:
    out = tmp_path / "env"
    processes = WorkerProcesses(count=3, env={"PATH": "/usr/bin:/bin"},
                                command=("sh", "-c", f"echo $DOCPROC_WORKER_PROCESSES >> {out}"))
    processes.start()
    for pid_proc in [s.process for s in processes._slots]:
        assert pid_proc is not None
        pid_proc.wait(timeout=10)
    assert out.read_text().split() == ["3", "3", "3"]
