"""A big PDF read in parts by every worker gives what one job gives: real Redis, real rq workers, real OCR."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from rq.job import Job
from rq.registry import FinishedJobRegistry

from docproc.core.models import FileState
from docproc.core.settings import Settings
from docproc.service import jobs as worker
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from tests.conftest import ROOT

CORPUS = ROOT / "samples" / "corpus"
CONTRACT = CORPUS / "c01_salaried" / "file0032.pdf"  # 7 born-digital pages
SCANNED = CORPUS / "c04_self_employed" / "doc00071.pdf"  # scanned pages (the first two are used)


def _first_pages(path: Path, count: int) -> bytes:
    with pikepdf.open(path) as pdf:
        del pdf.pages[count:]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _run(tmp: Path, redis_url: str, name: str, files: dict[str, bytes], *, workers: int,
         **env: str) -> tuple[Context, str]:
    """Upload ``files`` as one application on a fresh data dir and queue, read them with real workers."""
    settings = Settings(data_dir=tmp / name, redis_url=redis_url, database_url=None,
                        queue_name=f"docproc-test-{uuid.uuid4().hex[:8]}", job_retry_intervals=[1, 1, 1])
    ctx = build_context(settings)
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    queue = worker.make_queue(worker.connect(redis_url), settings)
    stored = [s for filename, data in files.items() for s in pipeline.ingest(ctx, app.id, filename=filename, data=data)]
    for item in stored:
        worker.enqueue_file(queue, ctx, item.id)
    run_env = {**os.environ, "PYTHONPATH": str(ROOT), "REDIS_URL": redis_url, "DOCPROC_DATA_DIR": str(settings.data_dir),
               "DOCPROC_QUEUE_NAME": settings.queue_name, "DOCPROC_JOB_RETRY_INTERVALS": "[1,1,1]", **env}
    run_env.pop("DATABASE_URL", None)
    procs = [subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "worker", "--burst"], env=run_env,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(workers)]
    try:
        deadline = time.monotonic() + 600
        while ctx.db.latest_checklist(app.id) is None or any(p.poll() is None for p in procs):
            assert time.monotonic() < deadline, "no checklist in time"
            time.sleep(0.5)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
            proc.wait(timeout=60)
    assert all(ctx.db.get_file(s.id).state == FileState.DONE for s in stored)
    return ctx, app.id


def _jobs_run(ctx: Context) -> list[str]:
    queue = worker.make_queue(worker.connect(ctx.settings.redis_url or ""), ctx.settings)
    ids = FinishedJobRegistry(queue=queue).get_job_ids()
    return sorted((job.func_name or "").rsplit(".", 1)[-1] for job in Job.fetch_many(ids, connection=queue.connection) if job)


def _comparable(ctx: Context, app_id: str) -> dict[str, Any]:
    """The checklist and the pages read, without what differs from one run to another (ids, times)."""
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None
    files = {f.id: f.filename for f in ctx.db.files_of(app_id)}
    docs = {d.id: f"{files[d.file_id]}#{d.type.value}#{d.pages}" for d in checklist.documents}
    names = {app_id: "APP", **files, **docs}

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if not k.endswith("_at")}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str):
            for raw, name in names.items():  # reasons name files by id ("... (file_…, page 1, 2)")
                value = value.replace(raw, name)
        return value

    pages = {files[fid]: [p.model_dump(mode="json", exclude={"file_id"}) for p in ctx.db.pages_of(fid)] for fid in files}
    return {"checklist": clean(checklist.model_dump(mode="json")), "pages": clean(pages)}


@pytest.mark.timeout(1200)
def test_a_pdf_read_in_parts_by_two_workers_gives_the_same_checklist(tmp_path: Path, redis_url: str) -> None:
    files = {CONTRACT.name: CONTRACT.read_bytes(), "scan2.pdf": _first_pages(SCANNED, 2)}
    one_ctx, one_app = _run(tmp_path, redis_url, "one", files, workers=1, DOCPROC_FANOUT_PAGES="0")
    parts_ctx, parts_app = _run(tmp_path, redis_url, "parts", files, workers=2,
                                DOCPROC_FANOUT_PAGES="2", DOCPROC_FANOUT_CHUNK_PAGES="1")

    assert "read_part_job" not in _jobs_run(one_ctx)
    ran = _jobs_run(parts_ctx)
    assert ran.count("read_part_job") == 7 + 2 and ran.count("gather_pages_job") == 2
    one, parts = _comparable(one_ctx, one_app), _comparable(parts_ctx, parts_app)
    assert len(one["pages"][CONTRACT.name]) == 7 and len(one["pages"]["scan2.pdf"]) == 2
    assert one["pages"] == parts["pages"]
    assert one["checklist"] == parts["checklist"]


def test_a_file_read_in_parts_is_not_taken_for_an_orphan(settings: Settings, redis_url: str) -> None:
    from docproc.service import page_jobs
    from docproc.service.reconciler import Reconciler

    ctx = build_context(settings.model_copy(update={"redis_url": redis_url, "fanout_pages": 2}))
    queue = worker.make_queue(worker.connect(redis_url), ctx.settings)
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [stored] = pipeline.ingest(ctx, app.id, filename=CONTRACT.name, data=CONTRACT.read_bytes())

    assert page_jobs.fan_out(queue, ctx, stored.id)  # what process_file_job does with a 7-page PDF
    assert ctx.db.get_file(stored.id).state == FileState.READING
    queued = [(j.func_name or "").rsplit(".", 1)[-1] for j in queue.get_jobs()]
    assert queued == ["read_part_job"] * 2  # pages 1-4 and 5-7
    reconciler = Reconciler(queue, ctx)
    assert reconciler.run_once(confirm=False).requeued == ()
    assert reconciler.run_once().requeued == ()  # the part jobs are its jobs
    queue.empty()
    queue.connection.delete(page_jobs.parts_key(stored.id))


def test_a_pdf_under_the_threshold_stays_one_job(settings: Settings, redis_url: str) -> None:
    from docproc.service import page_jobs

    ctx = build_context(settings.model_copy(update={"redis_url": redis_url, "fanout_pages": 8}))
    queue = worker.make_queue(worker.connect(redis_url), ctx.settings)
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [small] = pipeline.ingest(ctx, app.id, filename=CONTRACT.name, data=CONTRACT.read_bytes())
    assert not page_jobs.fan_out(queue, ctx, small.id)  # 7 pages < 8
    assert page_jobs.chunks(16, 4) == [(1, 4), (5, 8), (9, 12), (13, 16)]
    assert page_jobs.chunks(7, 3) == [(1, 3), (4, 6), (7, 7)]
    assert queue.count == 0
