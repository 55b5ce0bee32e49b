"""Log lines as text or as JSON (``DOCPROC_LOG_FORMAT=json``), carrying the request id, job id and
application id of what the process is doing when it logs.

The ids live in context variables: the web sets the request id (and the application id of the URL)
per request, the job functions set the application id; the job id is rq's current job when there is
one. Masking (:mod:`docproc.core.log_masking`) happens when the record is made, before any formatter,
so a JSON line carries the masked message and traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID: ContextVar[str | None] = ContextVar("docproc_request_id", default=None)
JOB_ID: ContextVar[str | None] = ContextVar("docproc_job_id", default=None)
APPLICATION_ID: ContextVar[str | None] = ContextVar("docproc_application_id", default=None)
TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"


@contextmanager
def log_ids(*, application_id: str | None = None, job_id: str | None = None) -> Iterator[None]:
    """Within the block, log lines carry these ids (those not given keep their current value)."""
    tokens = [(var, var.set(value)) for var, value in ((APPLICATION_ID, application_id), (JOB_ID, job_id))
              if value is not None]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def _current_job_id() -> str | None:
    job_id = JOB_ID.get()
    if job_id is not None or "rq" not in sys.modules:
        return job_id
    from rq import get_current_job  # only in processes that run rq jobs (the module is loaded already)

    try:
        job = get_current_job()
    except Exception:  # no connection bound: not inside a job
        return None
    return job.id if job is not None else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the ids that are set, and the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in (("request_id", REQUEST_ID.get()), ("job_id", _current_job_id()),
                           ("application_id", APPLICATION_ID.get())):
            if value:
                line[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False)


def formatter(log_format: str) -> logging.Formatter:
    """The formatter for ``DOCPROC_LOG_FORMAT`` (``text`` or ``json``)."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure_logging(*, level: int, log_format: str) -> None:
    """Send the process's log lines to stderr in the chosen format (replaces the root handlers)."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(log_format))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
