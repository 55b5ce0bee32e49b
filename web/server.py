"""``docproc serve``: the app under gunicorn (a child process), with its workers (and the embedded Redis
when there is no REDIS_URL) kept running, and the reconciler at start and periodically."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from types import FrameType
from typing import TYPE_CHECKING

from docproc.core.errors import DocprocError
from docproc.core.settings import Settings
from docproc.service.supervisor import Keeper, WorkerProcesses
from docproc.store.sealing import require_configured_key
from web.gunicorn_app import GRACEFUL_TIMEOUT_S, web_processes
from web.secret_key import session_secret

if TYPE_CHECKING:
    from docproc.service.jobs import EmbeddedRedis

log = logging.getLogger("docproc.serve")
EMBEDDED_WORKERS = 2


def _environment(settings: Settings) -> dict[str, str]:
    """What the child processes (gunicorn, workers) read their settings from."""
    return {**os.environ, "REDIS_URL": settings.redis_url or "", "DOCPROC_DATA_DIR": str(settings.data_dir.resolve()),
            "DOCPROC_WEB_WORKERS": str(web_processes(settings)), "DOCPROC_WEB_THREADS": str(settings.web_threads),
            "DOCPROC_LOG_FORMAT": settings.log_format}


def _revive(embedded: EmbeddedRedis) -> None:
    if not embedded.alive():
        log.warning("the embedded redis-server exited: starting it again on port %s", embedded.port)
        embedded.start()


def _stop_web(web: subprocess.Popen[bytes]) -> None:
    if web.poll() is None:
        web.terminate()  # gunicorn: graceful stop, requests in flight finish
        try:
            web.wait(timeout=GRACEFUL_TIMEOUT_S + 10)
        except subprocess.TimeoutExpired:
            web.kill()
            web.wait()


def run_server(settings: Settings, *, host: str, port: int, n_workers: int | None) -> None:
    """Serve until SIGINT/SIGTERM, then stop gunicorn, the keeper, the workers and the embedded Redis.

    ``n_workers`` workers are started and kept running (default: 2 with the embedded Redis, none
    with REDIS_URL, where workers usually run elsewhere).
    """
    from docproc.service import jobs as worker
    from docproc.service import reminders
    from docproc.service.context import build_context
    from docproc.service.reconciler import Reconciler

    session_secret(settings)  # refuse before starting anything (ConfigError: exit 3)
    require_configured_key(key=settings.data_key, key_file=settings.data_key_file, development=settings.development)
    embedded = workers = keeper = web = None
    try:
        if not settings.redis_url:
            embedded = worker.EmbeddedRedis(settings.data_dir)
            settings = settings.model_copy(update={"redis_url": embedded.start()})
        count = (EMBEDDED_WORKERS if embedded else 0) if n_workers is None else n_workers
        ctx = build_context(settings)
        reconciler = Reconciler(worker.make_queue(worker.connect(settings.redis_url or ""), settings), ctx)
        first = reconciler.run_once(confirm=False)
        if first.requeued or first.checks:
            log.warning("re-queued %s unfinished file(s) and %s check(s)", len(first.requeued), len(first.checks))
        env = _environment(settings)
        if count:
            workers = WorkerProcesses(count=count, env=env)
            workers.start()
        keeper = Keeper(workers=workers, revive_redis=(lambda: _revive(embedded)) if embedded else None,
                        reconcile=reconciler.run_once, interval=settings.reconcile_interval,
                        remind=lambda: reminders.run_due(ctx))
        keeper.start()
        web = subprocess.Popen([sys.executable, "-m", "web.gunicorn_app", f"{host}:{port}"], env=env)

        def shutdown(signum: int, _frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, shutdown)
        print(f"docproc serving on http://{host}:{port} (queue: {settings.redis_url}, workers: {count}, "
              f"web processes: {web_processes(settings)} x {settings.web_threads} threads)", flush=True)
        try:
            code = web.wait()
        except KeyboardInterrupt:
            code = 0
        if code:
            raise DocprocError(f"the web server (gunicorn) exited with code {code}: see the lines above")
    finally:
        if web is not None:
            _stop_web(web)
        if keeper:
            keeper.stop()
        if workers:
            workers.stop()
        if embedded:
            embedded.stop()
