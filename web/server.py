"""``docproc serve``: the app on a threaded WSGI server, with its workers (and the embedded Redis when
there is no REDIS_URL) kept running, and the reconciler at start and periodically."""

from __future__ import annotations

import logging
import os
import signal
from types import FrameType
from typing import TYPE_CHECKING

from werkzeug.serving import make_server

from docproc.core.settings import Settings
from docproc.service.supervisor import Keeper, WorkerProcesses
from docproc.store.sealing import require_configured_key
from web import create_app
from web.secret_key import session_secret

if TYPE_CHECKING:
    from docproc.service.jobs import EmbeddedRedis

log = logging.getLogger("docproc.serve")
EMBEDDED_WORKERS = 2


def _workers(settings: Settings, count: int) -> WorkerProcesses:
    env = {**os.environ, "REDIS_URL": settings.redis_url or "", "DOCPROC_DATA_DIR": str(settings.data_dir.resolve())}
    return WorkerProcesses(count=count, env=env)


def _revive(embedded: EmbeddedRedis) -> None:
    if not embedded.alive():
        log.warning("the embedded redis-server exited: starting it again on port %s", embedded.port)
        embedded.start()


def run_server(settings: Settings, *, host: str, port: int, n_workers: int | None) -> None:
    """Serve until SIGINT/SIGTERM, then stop the keeper, the workers and the embedded Redis.

    ``n_workers`` workers are started and kept running (default: 2 with the embedded Redis, none
    with REDIS_URL, where workers usually run elsewhere).
    """
    from docproc.service import jobs as worker
    from docproc.service.reconciler import Reconciler

    session_secret(settings)  # refuse before starting anything (ConfigError: exit 3)
    require_configured_key(key=settings.data_key, key_file=settings.data_key_file, development=settings.development)
    embedded = None
    workers = None
    keeper = None
    try:
        if not settings.redis_url:
            embedded = worker.EmbeddedRedis(settings.data_dir)
            settings = settings.model_copy(update={"redis_url": embedded.start()})
        count = (EMBEDDED_WORKERS if embedded else 0) if n_workers is None else n_workers
        app = create_app(settings)
        reconciler = Reconciler(app.extensions["docproc.queue"], app.extensions["docproc"])
        first = reconciler.run_once(confirm=False)
        if first.requeued or first.checks:
            log.warning("re-queued %s unfinished file(s) and %s check(s)", len(first.requeued), len(first.checks))
        if count:
            workers = _workers(settings, count)
            workers.start()
        keeper = Keeper(workers=workers, revive_redis=(lambda: _revive(embedded)) if embedded else None,
                        reconcile=reconciler.run_once, interval=settings.reconcile_interval)
        keeper.start()
        server = make_server(host, port, app, threaded=True)

        def shutdown(signum: int, _frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, shutdown)
        print(f"docproc serving on http://{host}:{server.port} (queue: {settings.redis_url}, workers: {count})",
              flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        if keeper:
            keeper.stop()
        if workers:
            workers.stop()
        if embedded:
            embedded.stop()
