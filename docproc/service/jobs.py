"""rq glue: connections, the embedded Redis, enqueue helpers and the job functions (which take ids).

Jobs: ``process_file_job(file_id)`` reads a stored file into documents; when an application has
no file left in flight, ``check_application_job(application_id)`` runs the checks and stores the
checklist. Failures are retried with backoff; when retries are spent the file shows the error.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Callback, Queue, Retry, Worker, get_current_job, worker_registration
from rq.job import Job
from rq.registry import StartedJobRegistry

from docproc.core.errors import ConfigError, QueueUnavailable, TransientError
from docproc.core.models import Checklist, FileState, StoredFile
from docproc.core.settings import Settings
from docproc.core.webhook_targets import TargetPolicy
from docproc.service import pipeline, webhooks
from docproc.service.context import Context, build_context
from docproc.store.integrations import IntegrationStore
from docproc.store.sealing import require_configured_key

log = logging.getLogger("docproc.worker")
_CONTEXT: dict[str, Context] = {}


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedRedis:
    """A private redis-server under the data directory, started and stopped by docproc itself."""

    def __init__(self, data_dir: Path, *, persist: bool = True) -> None:
        self.data_dir = Path(data_dir) / "redis"
        self.persist = persist  # append-only file: the queue survives a restart
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.port = 0

    def start(self) -> str:
        """Start redis-server on a free loopback port (the same one again on a restart, so clients
        reconnect; its append-only file brings the queue back); returns its URL once it answers."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise ConfigError("no REDIS_URL and no redis-server on PATH: run scripts/bootstrap.sh or set REDIS_URL")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port = self.port = self.port or _free_port()
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(self.data_dir),
             "--appendonly", "yes" if self.persist else "no", "--save", "", "--daemonize", "no",
             "--logfile", "redis.log"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self.url = f"redis://127.0.0.1:{port}/0"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                Redis.from_url(self.url).ping()
                return self.url
            except Exception:
                if self.process.poll() is not None:
                    raise ConfigError(f"embedded redis-server exited (see {self.data_dir}/redis.log)") from None
                time.sleep(0.05)
        self.stop()
        raise ConfigError("embedded redis-server did not answer within 15 s")

    def alive(self) -> bool:
        """The server process is running."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the server and wait for it."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


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

def _context() -> Context:
    if "ctx" not in _CONTEXT:
        _CONTEXT["ctx"] = build_context(Settings())
    return _CONTEXT["ctx"]


def _current_queue() -> Queue | None:
    from rq import get_current_job

    job = get_current_job()
    return None if job is None else Queue(job.origin, connection=job.connection)


def process_file_job(file_id: str) -> int:
    """Read one file; when its application has nothing else in flight, queue the checks."""
    ctx = _context()
    docs = pipeline.process_file(ctx, file_id)
    _check_when_idle(ctx, ctx.db.get_file(file_id).application_id)
    return len(docs)


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

def reap_dead_local_workers(queue: Queue, *, cleanup: bool = True) -> int:
    """Hand jobs of workers that died on this host (SIGKILL, OOM) back to rq's retry path now.

    rq notices an abandoned job only when its heartbeat expires (over a minute); a worker on the
    same host can tell at once that the process is gone. Without ``cleanup`` the jobs are only marked
    expired, for a worker's next maintenance to retry (rq runs failure callbacks under SIGALRM, which
    only a main thread may set).
    """
    conn = queue.connection
    registry = StartedJobRegistry(queue=queue)
    host, reaped = socket.gethostname(), 0
    marked = 0  # reaped earlier without cleanup: waiting for a worker's maintenance
    for composite, score in conn.zrange(registry.key, 0, -1, withscores=True):
        if score <= 0:
            marked += 1
            continue
        job_id = composite.decode().split(":")[0]
        job = Job.fetch(job_id, connection=conn) if conn.exists(Job.key_for(job_id)) else None
        if job is None or not job.worker_name:
            continue
        info = conn.hmget(f"rq:worker:{job.worker_name}", "hostname", "pid")
        alive = info[0] is not None and not (info[0].decode() == host and not _pid_alive(int(info[1] or 0)))
        if not alive:
            conn.zadd(registry.key, {composite: 0}, xx=True)
            reaped += 1
    if (reaped or marked) and cleanup:
        registry.cleanup()
    return reaped


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def heartbeat_key(queue_name: str) -> str:
    """The sorted set of docproc workers' last heartbeats on a queue (member ``host:pid:name``)."""
    return f"docproc:heartbeats:{queue_name}"


class DocprocWorker(Worker):
    """An rq worker that also records a heartbeat /readyz can read, and registers itself again after
    a Redis restart lost its registration (so that it is counted as listening)."""

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        """rq's heartbeat, plus docproc's."""
        super().heartbeat(timeout, pipeline=pipeline)
        if self.is_horse:
            return
        member = f"{socket.gethostname()}:{os.getpid()}:{self.name}"
        with self.connection.pipeline() as beat:
            for queue in self.queues:
                beat.zadd(heartbeat_key(queue.name), {member: time.time()})
            worker_registration.register(self, pipeline=beat)
            beat.execute()

    def register_death(self) -> None:
        """rq's deregistration, and the heartbeat withdrawn at once."""
        super().register_death()
        member = f"{socket.gethostname()}:{os.getpid()}:{self.name}"
        for queue in self.queues:
            self.connection.zrem(heartbeat_key(queue.name), member)


def live_workers(queue: Queue, ttl: float) -> int:
    """Workers on ``queue`` with a heartbeat younger than ``ttl`` seconds (a dead local pid does not count)."""
    key, now, host = heartbeat_key(queue.name), time.time(), socket.gethostname()
    queue.connection.zremrangebyscore(key, "-inf", now - 10 * ttl)
    count = 0
    for member in queue.connection.zrangebyscore(key, now - ttl, "+inf"):
        member_host, pid, _name = member.decode().split(":", 2)
        if member_host != host or _pid_alive(int(pid)):
            count += 1
    return count


def run_worker(settings: Settings, *, burst: bool = False) -> None:
    """Run rq workers (with the retry scheduler) until stopped; when Redis goes away, wait for it with
    backoff and start again instead of exiting. A wrong REDIS_URL at start is still a ConfigError."""
    if not settings.redis_url:
        raise ConfigError("docproc worker needs REDIS_URL (docproc serve starts its own workers)")
    require_configured_key(key=settings.data_key, key_file=settings.data_key_file, development=settings.development)
    conn = connect(settings.redis_url)
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
    reaped = reap_dead_local_workers(queue)
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
