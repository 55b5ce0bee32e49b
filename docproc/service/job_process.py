"""What a job process holds: the context built once per process, and the queue of the job it runs.

Shared by the job modules (``jobs``, ``page_jobs``) so that neither needs the other for it.
"""

from __future__ import annotations

from rq import Queue, get_current_job

from docproc.core.settings import Settings
from docproc.service.context import Context, build_context

_CONTEXT: dict[str, Context] = {}


def context() -> Context:
    """This process's context (built from the environment at first use, unless an entry point set it)."""
    if "ctx" not in _CONTEXT:
        _CONTEXT["ctx"] = build_context(Settings())
    return _CONTEXT["ctx"]


def current_queue() -> Queue | None:
    """The queue of the rq job running here (None outside rq)."""
    job = get_current_job()
    return None if job is None else Queue(job.origin, connection=job.connection)
