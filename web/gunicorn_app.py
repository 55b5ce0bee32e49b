"""The web tier under gunicorn: ``python -m web.gunicorn_app HOST:PORT`` is what ``docproc serve`` starts.

Each gunicorn process builds its own app (``web:create_app()``) after the fork, so no database
connection or Redis socket is shared between processes. Any other WSGI host can serve
``web:create_app()`` the same way (``gunicorn 'web:create_app()'``, uWSGI, mod_wsgi).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from docproc.core.log_format import configure_logging, formatter
from docproc.core.log_masking import install_log_masking
from docproc.core.settings import Settings

# The access log line, with the request id the app gave the request (X-Request-ID) at its end.
ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
GRACEFUL_TIMEOUT_S = 20


def web_processes(settings: Settings) -> int:
    """``DOCPROC_WEB_WORKERS``, or (0) the cores, at most 4: requests are short, the heavy work is the queue's."""
    return settings.web_workers if settings.web_workers > 0 else max(1, min(os.cpu_count() or 1, 4))


class DocprocLogger(Logger):
    """gunicorn's logger with docproc's line format (text or JSON, ``DOCPROC_LOG_FORMAT``)."""

    def setup(self, cfg: Any) -> None:
        """gunicorn's set-up, then docproc's formatter on its handlers."""
        super().setup(cfg)
        chosen = formatter(os.environ.get("DOCPROC_LOG_FORMAT", "text").strip().lower())
        for handler in [*self.error_log.handlers, *self.access_log.handlers]:
            handler.setFormatter(chosen)


def _post_fork(_server: Any, _worker: Any) -> None:
    install_log_masking()  # before the first request: the access log carries query strings


class DocprocGunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn serving ``web:create_app()`` with options given in code (no config file is read)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply the options gunicorn knows."""
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        """The app, built in each web process from the environment."""
        from web import create_app

        return create_app(Settings())


def options(settings: Settings, bind: str) -> dict[str, Any]:
    """gunicorn's options for ``docproc serve``."""
    return {
        "bind": bind,
        "workers": web_processes(settings),
        "threads": max(1, settings.web_threads),
        "worker_class": "gthread",
        "timeout": 120,  # uploads of 100 MB on a slow link; the work itself is the queue's
        "graceful_timeout": GRACEFUL_TIMEOUT_S,
        "accesslog": "-",
        "errorlog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "logger_class": DocprocLogger,
        "post_fork": _post_fork,
        "forwarded_allow_ips": "",  # X-Forwarded-* are believed by the app alone (DOCPROC_TRUST_PROXY)
        "control_socket_disable": True,  # several instances on one host would fight over one socket
        "proc_name": "docproc-web",
    }


def main(argv: list[str]) -> None:
    """Run gunicorn on ``argv[0]`` (``HOST:PORT``) until it is stopped."""
    install_log_masking()
    settings = Settings()
    configure_logging(level=logging.WARNING, log_format=settings.log_format)  # the app's own log lines
    DocprocGunicorn(options(settings, argv[0])).run()


if __name__ == "__main__":
    main(sys.argv[1:])
