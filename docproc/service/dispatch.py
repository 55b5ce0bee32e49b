"""Reading files and checking an application again: the one way the API, the officers' page and a job do it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docproc.core.models import Checklist, Override, StoredFile
from docproc.service import jobs, pipeline
from docproc.service.batch import forget_extractions
from docproc.service.context import Context

if TYPE_CHECKING:
    from rq import Queue


def dispatch(ctx: Context, queue: Queue | None, application_id: str, files: list[StoredFile], *,
             force: bool = False) -> bool:
    """Read ``files`` and re-check the application, the one way the API and the officers' page do it.

    ``force`` reads the bytes again (OCR included) instead of reusing the cached extraction. With a
    queue the files (or, when there are none, the checks) are queued and the check job notifies the
    webhooks: True. Without one (no Redis configured) everything runs here, webhooks too: False.
    """
    if queue is None:
        for stored in files:
            pipeline.process_file(ctx, stored.id, force=force)
        jobs.notify_checklist(ctx, None, pipeline.check_application(ctx, application_id))
        return False
    if force:
        forget_extractions(ctx, files)  # the queued jobs then read the bytes again
    jobs.enqueue_work(queue, ctx, application_id, files)  # queue down: files wait for the reconciler
    return True


def override_and_notify(ctx: Context, queue: Queue | None, application_id: str, override: Override) -> Checklist:
    """An officer's verdict is a content change: record it, store the new checklist and notify the webhooks."""
    checklist = pipeline.record_override(ctx, application_id, override)
    jobs.notify_checklist(ctx, queue, checklist)
    return checklist
