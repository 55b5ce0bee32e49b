"""``docproc serve``: the app on a threaded WSGI server, plus embedded Redis and workers if needed."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from types import FrameType

from werkzeug.serving import make_server

from docproc.settings import Settings
from web import create_app
from web.secret_key import session_secret

log = logging.getLogger("docproc.serve")


def _start_workers(settings: Settings, count: int) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "REDIS_URL": settings.redis_url or "", "DOCPROC_DATA_DIR": str(settings.data_dir.resolve())}
    return [
        subprocess.Popen([sys.executable, "-m", "docproc.cli", "worker"], env=env)
        for _ in range(max(0, count))
    ]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.terminate()
    for proc in processes:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_server(settings: Settings, *, host: str, port: int, n_workers: int) -> None:
    """Serve until SIGINT/SIGTERM, then stop workers and the embedded Redis."""
    import worker

    session_secret(settings)  # refuse before starting anything (ConfigError: exit 3)
    embedded = None
    workers: list[subprocess.Popen[bytes]] = []
    try:
        if not settings.redis_url:
            embedded = worker.EmbeddedRedis(settings.data_dir)
            settings = settings.model_copy(update={"redis_url": embedded.start()})
            workers = _start_workers(settings, n_workers)
        app = create_app(settings)
        resumed = worker.resume_unfinished(app.extensions["docproc.queue"], app.extensions["docproc"])
        if resumed:
            log.warning("re-queued %s unfinished file(s)", resumed)
        server = make_server(host, port, app, threaded=True)

        def shutdown(signum: int, _frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, shutdown)
        print(f"docproc serving on http://{host}:{server.port} (queue: {settings.redis_url})", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        _stop(workers)
        if embedded:
            embedded.stop()
