"""One big PDF read by every worker: its pages split into part jobs, gathered by a fan-in set in Redis.

``process_file_job`` hands a PDF of at least ``fanout_pages`` pages (not read before) to :func:`fan_out`:
the whole-file checks and facts are made once (:func:`docproc.reading.read.pdf_plan`), then one
``read_part_job(file_id, first, last)`` per ``fanout_chunk_pages`` pages goes on the queue. Each part job
stores its pages in one Redis hash and adds its number to the file's "done" set, in one transaction; the
job that completes the set queues ``docproc.service.jobs.gather_pages_job(file_id)``, which hands the pages, in order, to the
same :func:`docproc.service.pipeline.process_file` the single job runs (classify, split, extract, cache,
store) and then queues the checks when the application has nothing else in flight. A part that fails
after its retries counts as done without pages: the gather then marks the file failed, as a failed
single job does. The file stays ``reading`` throughout, so the checks wait for the gather.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from redis import Redis
from rq import Callback, Queue, Retry
from rq.job import Job

from docproc.core.errors import InputError
from docproc.core.models import FileState, Page
from docproc.reading import read as reading
from docproc.service import job_process, pipeline
from docproc.service.context import Context

log = logging.getLogger("docproc.worker")
GATHER_JOB = "docproc.service.jobs.gather_pages_job"
FILE_FAILURE_CALLBACK = "docproc.service.jobs.on_file_job_failure"
Field = bytes | float | int | str  # a Redis hash value
KEEP_SECONDS = 2 * 24 * 3600  # parts of a file nobody gathers (Redis lost the gather) expire


def parts_key(file_id: str) -> str:
    """The hash holding a file's plan (``parts``, ``pages``, ``facts``) and its pages read (``page:N``)."""
    return f"docproc:parts:{file_id}"


def done_key(file_id: str) -> str:
    """The set of a file's part numbers that are finished (read, or failed for good)."""
    return f"docproc:parts:{file_id}:done"


def chunks(count: int, size: int) -> list[tuple[int, int]]:
    """Pages 1..count in runs of ``size`` (first, last), the last run shorter."""
    return [(first, min(count, first + size - 1)) for first in range(1, count + 1, size)]


def fan_out(queue: Queue, ctx: Context, file_id: str) -> bool:
    """Queue a big PDF's pages as part jobs; False (nothing queued) when the file is read as one job:
    not a PDF, fewer pages than ``fanout_pages``, read before, or refused by the whole-file checks (the
    single job then records that error exactly as before)."""
    settings = ctx.settings
    stored = ctx.db.get_file(file_id)
    if not settings.fanout_pages or pipeline.cached_read(ctx, stored.sha256) is not None:
        return False
    data = ctx.blobs.get(stored.sha256)
    try:
        if reading.sniff(data, stored.filename) != "pdf":
            return False
        count, facts = reading.pdf_plan(data, ctx)
    except InputError:
        return False
    if count < settings.fanout_pages:
        return False
    parts = chunks(count, settings.fanout_chunk_pages)
    conn = queue.connection
    with conn.pipeline() as pipe:
        pipe.delete(parts_key(file_id), done_key(file_id))
        pipe.hset(parts_key(file_id), mapping={"parts": len(parts), "pages": count, "facts": json.dumps(facts)})
        pipe.expire(parts_key(file_id), KEEP_SECONDS)
        pipe.execute()
    ctx.db.set_file_state(file_id, FileState.READING)
    for index, (first, last) in enumerate(parts):
        queue.enqueue(
            read_part_job, file_id, index, first, last,
            retry=Retry(max=settings.job_retries, interval=settings.job_retry_intervals),
            job_timeout=settings.job_timeout, on_failure=Callback(on_part_job_failure),
            description=f"read {file_id} pages {first}-{last}",
        )
    log.info("file %s: %s pages in %s part jobs", file_id, count, len(parts))
    return True


def read_part_job(file_id: str, part: int, first: int, last: int) -> int:
    """Read pages ``first``..``last`` of a planned PDF and record them; the last part queues the gather."""
    ctx = job_process.context()
    stored = ctx.db.get_file(file_id)
    queue = job_process.current_queue()
    conn = _conn(queue)
    facts = json.loads(conn.hget(parts_key(file_id), "facts") or "null")
    started = time.perf_counter()
    pages = reading.read_pdf_pages(ctx.blobs.get(stored.sha256), file_id=file_id, ctx=ctx,
                                   numbers=range(first, last + 1), facts=facts)
    pipeline.observe_read(pages, time.perf_counter() - started)
    rows: dict[str | bytes, Field] = {f"page:{p.number}": p.model_dump_json() for p in pages}
    _finish_part(conn, queue, file_id, part, rows)
    return len(pages)


def on_part_job_failure(job: Job, connection: Redis, exc_type: Any, exc: Any, tb: Any) -> None:
    """rq failure callback: a part whose retries are spent counts as done, without its pages."""
    if job.retries_left:
        return
    file_id, part = job.args[0], job.args[1]
    log.warning("file %s: part %s failed for good (%s)", file_id, part, exc)
    _finish_part(connection, Queue(job.origin, connection=connection), file_id, part, {})


def _finish_part(conn: Redis, queue: Queue | None, file_id: str, part: int, pages: dict[str | bytes, Field]) -> None:
    with conn.pipeline() as pipe:  # MULTI: the pages, the part's mark and the count seen after it, at once
        if pages:
            pipe.hset(parts_key(file_id), mapping=pages)
        pipe.sadd(done_key(file_id), part)
        pipe.expire(done_key(file_id), KEEP_SECONDS)
        pipe.scard(done_key(file_id))
        pipe.hget(parts_key(file_id), "parts")
        *_, added_done, _ttl, done, parts = pipe.execute()
    if added_done and parts is not None and done == int(parts):  # this part completed the set: gather once
        settings = job_process.context().settings
        target = queue or Queue(settings.queue_name, connection=conn)
        target.enqueue(  # by name: the gather and its failure callback are the file job's (service.jobs)
            GATHER_JOB, file_id,
            retry=Retry(max=settings.job_retries, interval=settings.job_retry_intervals),
            job_timeout=settings.job_timeout, on_failure=Callback(FILE_FAILURE_CALLBACK),
            description=f"gather {file_id}",
        )


def gathered(conn: Redis, file_id: str) -> tuple[list[Page], list[int]]:
    """A file's pages read by its parts, in order, and the numbers of those missing."""
    stored = dict(conn.hgetall(parts_key(file_id)))
    count = int(stored.get(b"pages", 0))
    raw = [stored.get(f"page:{n}".encode()) for n in range(1, count + 1)]
    missing = [n for n, row in enumerate(raw, 1) if row is None] if count else [1]
    return [Page.model_validate_json(row) for row in raw if row is not None], missing


def forget(conn: Redis, file_id: str) -> None:
    """Drop a gathered file's parts from Redis."""
    conn.delete(parts_key(file_id), done_key(file_id))


def _conn(queue: Queue | None) -> Redis:
    if queue is None:
        raise RuntimeError("part jobs run only under an rq worker")
    return queue.connection
