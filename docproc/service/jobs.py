"""rq glue: connections, enqueue helpers, the job functions (which take ids) and the worker process.

Jobs: ``process_file_job(file_id)`` reads a stored file into documents; when an application has
no file left in flight, ``check_application_job(application_id)`` runs the checks and stores the
checklist. Failures are retried with backoff; when retries are spent the file shows the error.
"""

from __future__ import annotations

import logging
import resource
import signal
import time
from typing import Any

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Callback, Queue, Retry, Worker, get_current_job, worker_registration
from rq.job import Job
from rq.registry import StartedJobRegistry
from rq.utils import now as rq_now
from rq.utils import utcparse

from docproc.core.errors import ConfigError, QueueUnavailable, TransientError
from docproc.core.models import Checklist, FileState, StoredFile
from docproc.core.settings import Settings
from docproc.core.webhook_targets import TargetPolicy
from docproc.service import metrics, page_jobs, pipeline, webhooks
from docproc.service.context import Context, build_context
from docproc.service.embedded_redis import EmbeddedRedis  # noqa: F401 (re-exported: jobs.EmbeddedRedis)
from docproc.service.job_process import _CONTEXT  # noqa: F401 (re-exported: the process's context)
from docproc.service.job_process import context as _context
from docproc.service.job_process import current_queue as _current_queue
from docproc.store.integrations import IntegrationStore
from docproc.store.sealing import require_configured_key

log = logging.getLogger("docproc.worker")


# --- connections ----------------------------------------------------------------------------

def connect(url: str) -> Redis:
    """A Redis connection that has answered a PING."""
    conn = Redis.from_url(url)
    try:
        conn.ping()
    except Exception as exc:
        raise ConfigError(f"cannot reach Redis at {url}: {exc}") from exc
    return conn


def make_queue(conn: Redis, settings: Settings) -> Queue:
    """The docproc queue on ``conn``."""
    return Queue(settings.queue_name, connection=conn, default_timeout=settings.job_timeout)


# --- enqueueing -----------------------------------------------------------------------------

def enqueue_file(queue: Queue, ctx: Context, file_id: str) -> Job:
    """Queue a stored file for reading; the file shows ``queued``.

    When Redis does not answer the file goes back to ``received`` (the reconciler queues it once
    Redis is back) and QueueUnavailable is raised.
    """
    ctx.db.set_file_state(file_id, FileState.QUEUED)
    try:
        return queue.enqueue(
            process_file_job, file_id,
            retry=Retry(max=ctx.settings.job_retries, interval=ctx.settings.job_retry_intervals),
            job_timeout=ctx.settings.job_timeout,
            on_failure=Callback(on_file_job_failure),
            description=f"process {file_id}",
        )
    except RedisError as exc:
        ctx.db.set_file_state(file_id, FileState.RECEIVED)
        raise QueueUnavailable(f"the job queue does not answer ({type(exc).__name__})") from exc


def enqueue_check(queue: Queue, application_id: str) -> Job:
    """Queue the checks of an application (QueueUnavailable when Redis does not answer)."""
    try:
        return queue.enqueue(
            check_application_job, application_id, retry=Retry(max=3, interval=[1, 5, 30]),
            description=f"check {application_id}",
        )
    except RedisError as exc:
        raise QueueUnavailable(f"the job queue does not answer ({type(exc).__name__})") from exc


def enqueue_work(queue: Queue, ctx: Context, application_id: str, files: list[StoredFile]) -> bool:
    """Queue ``files`` for reading, or the checks when there are none; False when the queue is down.

    A stored file that could not be queued stays ``received``: the reconciler queues it (and the
    checks after it) once Redis answers again, so an upload is never lost nor stuck.
    """
    try:
        if not files:
            enqueue_check(queue, application_id)
        for stored in files:
            enqueue_file(queue, ctx, stored.id)
    except QueueUnavailable as exc:
        log.warning("application %s: %s; its files wait for the reconciler", application_id, exc.message)
        return False
    return True


# --- jobs (run inside the worker process) -----------------------------------------------------

def process_file_job(file_id: str) -> int:
    """Read one file; when its application has nothing else in flight, queue the checks. A big PDF is
    read in parts by every worker instead (docproc.service.page_jobs): its gather job goes on from here."""
    ctx = _context()
    queue = _current_queue()
    if queue is not None and page_jobs.fan_out(queue, ctx, file_id):
        return 0
    docs = pipeline.process_file(ctx, file_id)
    _check_when_idle(ctx, ctx.db.get_file(file_id).application_id)
    return len(docs)


def gather_pages_job(file_id: str) -> int:
    """Extract and store a file read in parts (docproc.service.page_jobs) as the single job does, then
    queue the checks when the application has nothing else in flight. A missing part fails the file."""
    ctx = _context()
    queue = _current_queue()
    if queue is None:
        raise RuntimeError("a gather job runs only under an rq worker")
    pages, missing = page_jobs.gathered(queue.connection, file_id)
    if missing:
        pipeline.fail_file(ctx, file_id, RuntimeError(f"pages {missing} could not be read"))
        docs = 0
    else:
        docs = len(pipeline.process_file(ctx, file_id, read=lambda: pages))
    page_jobs.forget(queue.connection, file_id)
    _check_when_idle(ctx, ctx.db.get_file(file_id).application_id)
    return docs


def check_application_job(application_id: str) -> str:
    """Run the checks, store the checklist and notify webhooks when it is new or changed; returns its status."""
    ctx = _context()
    checklist = pipeline.check_application(ctx, application_id)
    notify_checklist(ctx, _current_queue(), checklist)
    return checklist.status.value


# --- webhooks ----------------------------------------------------------------------------------

def notify_checklist(ctx: Context, queue: Queue | None, checklist: Checklist) -> list[str]:
    """Record a delivery per subscribed webhook when the checklist is new or changed, and send them.

    With a queue each delivery is a job retried with backoff; without one (no Redis configured)
    it is attempted once inline and its log says so.
    """
    delivery_ids = webhooks.deliveries_for(ctx, checklist)
    for delivery_id in delivery_ids:
        if queue is None:
            webhooks.attempt_delivery(IntegrationStore(ctx.db.engine), delivery_id, final=True,
                                      targets=TargetPolicy.of(ctx.settings))
        else:
            enqueue_delivery(queue, ctx, delivery_id)
    return delivery_ids


def enqueue_delivery(queue: Queue, ctx: Context, delivery_id: str) -> Job:
    """Queue one webhook delivery, retried with the job backoff until its attempts are spent."""
    return queue.enqueue(
        deliver_webhook_job, delivery_id,
        retry=Retry(max=ctx.settings.job_retries, interval=ctx.settings.job_retry_intervals),
        job_timeout=120, description=f"deliver {delivery_id}",
    )


def deliver_webhook_job(delivery_id: str) -> int | None:
    """POST one signed delivery; a failed attempt raises so that rq retries it (the log keeps each try)."""
    job = get_current_job()
    final = job is None or not job.retries_left
    ctx = _context()
    attempt = webhooks.attempt_delivery(IntegrationStore(ctx.db.engine), delivery_id, final=final,
                                        targets=TargetPolicy.of(ctx.settings))
    if attempt is not None and not attempt.ok:
        raise TransientError(f"webhook delivery {delivery_id} failed: {attempt.error or attempt.status_code}")
    return None if attempt is None else attempt.status_code


def _check_when_idle(ctx: Context, application_id: str) -> None:
    if pipeline.pending_files(ctx, application_id):
        return
    queue = _current_queue()
    if queue is None:  # run outside rq: check here, and tell the webhooks as the check job would
        notify_checklist(ctx, None, pipeline.check_application(ctx, application_id))
    else:
        enqueue_check(queue, application_id)


def on_file_job_failure(job: Job, connection: Redis, exc_type: Any, exc: Any, tb: Any) -> None:
    """rq failure callback: once retries are spent, the file shows the error and the checks run."""
    if job.retries_left:
        return
    ctx = _context()
    file_id = job.args[0]
    pipeline.fail_file(ctx, file_id, exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
    _check_when_idle_on(Queue(job.origin, connection=connection), ctx, ctx.db.get_file(file_id).application_id)


def _check_when_idle_on(queue: Queue, ctx: Context, application_id: str) -> None:
    if not pipeline.pending_files(ctx, application_id):
        enqueue_check(queue, application_id)


# --- the worker process ------------------------------------------------------------------------

def worker_alive(conn: Redis, name: str, ttl: float) -> bool:
    """Whether rq's registration of worker ``name`` is there with a heartbeat younger than ``ttl`` seconds.

    Only rq's own heartbeat counts: host names and process ids say nothing across containers and hosts.
    """
    raw = conn.hget(f"rq:worker:{name}", "last_heartbeat")
    if raw is None:
        return False
    try:
        beat = utcparse(raw.decode())
    except ValueError:
        return False
    return (rq_now() - beat).total_seconds() < ttl


def reap_dead_workers(queue: Queue, ttl: float, *, cleanup: bool = True) -> int:
    """Hand jobs of workers that stopped beating (SIGKILL, OOM, a lost host) back to rq's retry path.

    A job's own heartbeat outlives its worker by a minute or more; a worker whose rq heartbeat is
    older than ``ttl`` is dead wherever it ran. Without ``cleanup`` the jobs are only marked expired,
    for a worker's next maintenance to retry (rq runs failure callbacks under SIGALRM, which only a
    main thread may set).
    """
    conn = queue.connection
    registry = StartedJobRegistry(queue=queue)
    reaped = 0
    marked = 0  # reaped earlier without cleanup: waiting for a worker's maintenance
    for composite, score in conn.zrange(registry.key, 0, -1, withscores=True):
        if score <= 0:
            marked += 1
            continue
        job_id = composite.decode().split(":")[0]
        job = Job.fetch(job_id, connection=conn) if conn.exists(Job.key_for(job_id)) else None
        if job is None or not job.worker_name:
            continue
        if not worker_alive(conn, job.worker_name, ttl):
            conn.zadd(registry.key, {composite: 0}, xx=True)
            reaped += 1
    if (reaped or marked) and cleanup:
        registry.cleanup()
    return reaped


def after_fork() -> None:
    """In a work horse: drop the database connections inherited from the worker (they belong to it)."""
    ctx = _CONTEXT.get("ctx")
    if ctx is not None:
        ctx.db.engine.dispose(close=False)


class DocprocWorker(Worker):
    """An rq worker whose work horses open their own database connections, and which registers itself
    again after a Redis restart lost its registration (so that it is counted as listening)."""

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        """rq's heartbeat, plus the registration put back."""
        super().heartbeat(timeout, pipeline=pipeline)
        if not self.is_horse:
            worker_registration.register(self)

    def main_work_horse(self, job: Job, queue: Queue) -> None:
        """rq's work horse, after dropping the parent's database connections."""
        after_fork()
        super().main_work_horse(job, queue)

    def perform_job(self, job: Job, queue: Queue, execution: Any) -> bool:
        """rq's job run; then, in a work horse, the process's peak memory recorded (ru_maxrss)."""
        try:
            return bool(super().perform_job(job, queue, execution))
        finally:
            if self.is_horse:
                metrics.record_max("worker_peak_rss_bytes", peak_rss_bytes())


def peak_rss_bytes() -> int:
    """The largest resident memory this process has had (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def live_workers(queue: Queue, ttl: float) -> int:
    """Workers registered on ``queue`` whose rq heartbeat is younger than ``ttl`` seconds."""
    conn = queue.connection
    names = [key.removeprefix("rq:worker:") for key in worker_registration.get_keys(queue)]
    return sum(worker_alive(conn, name, ttl) for name in names)


def run_worker(settings: Settings, *, burst: bool = False) -> None:
    """Run rq workers (with the retry scheduler) until stopped; when Redis goes away, wait for it with
    backoff and start again instead of exiting. A wrong REDIS_URL at start is still a ConfigError."""
    if not settings.redis_url:
        raise ConfigError("docproc worker needs REDIS_URL (docproc serve starts its own workers)")
    require_configured_key(key=settings.data_key, key_file=settings.data_key_file, development=settings.development)
    conn = connect(settings.redis_url)
    metrics.bind(settings.redis_url, settings.queue_name)  # every entry point's jobs record their figures
    _CONTEXT["ctx"] = build_context(settings)
    while True:
        try:
            stopped = _work_until_stopped(conn, settings, burst=burst)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            log.warning("lost Redis (%s)", exc)
            stopped = False
        if stopped:
            return
        _wait_for_redis(conn)


def _work_until_stopped(conn: Redis, settings: Settings, *, burst: bool) -> bool:
    """One rq worker's life; True when it ended on purpose (signal or burst), False on a failure."""
    queue = make_queue(conn, settings)
    reaped = reap_dead_workers(queue, settings.worker_heartbeat_ttl)
    if reaped:
        log.warning("re-queued %s job(s) abandoned by dead workers", reaped)
    worker = DocprocWorker([queue], connection=conn, job_monitoring_interval=5, maintenance_interval=30,
                           worker_ttl=settings.worker_heartbeat_ttl)
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level="WARNING")
    finally:
        # rq's handlers would turn a stop during the reconnect wait into a silent no-op
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    return burst or worker._shutdown_requested_date is not None  # set by rq's SIGTERM/SIGINT handler


def _wait_for_redis(conn: Redis, *, first: float = 0.5, longest: float = 30.0) -> None:
    """Block until Redis answers a PING, retrying with exponential backoff."""
    delay = first
    while True:
        try:
            conn.ping()
            log.warning("Redis answers again: restarting the worker")
            return
        except (RedisConnectionError, RedisTimeoutError) as exc:
            log.warning("Redis does not answer (%s): retrying in %.1f s", exc, delay)
            time.sleep(delay)
            delay = min(delay * 2, longest)
