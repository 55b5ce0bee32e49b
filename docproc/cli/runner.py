"""How batch commands run many applications: in this process, in a process pool, or through the queue.

Every way reports to one rich progress bar (done/total, rate, ETA) on stderr and returns one
ChecklistChange per application, so the commands print the same summary whichever way ran.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from docproc.core.models import Checklist
from docproc.core.pools import process_pool
from docproc.core.settings import Settings
from docproc.service import batch, pipeline
from docproc.service.changes import ChecklistChange, Snapshot, diff
from docproc.service.context import Context, build_context
from docproc.store import catalog

if TYPE_CHECKING:
    from rq import Queue

_STATE: dict[str, Any] = {}  # per process: the context and queue of pool workers (built once each)
POLL_S = 0.5
POOL_RESTARTS = 3


@dataclass(frozen=True)
class Item:
    """One application to work on, with the label the summary shows for it."""

    application_id: str
    label: str


class RateColumn(ProgressColumn):
    """Applications per second."""

    def render(self, task: Task) -> Text:
        """The task's speed: ``12.5/s``, or ``24.3 s each`` when slower than one a second."""
        speed = task.finished_speed or task.speed
        if not speed:
            return Text("–/s", style="progress.data.speed")
        return Text(f"{speed:.1f}/s" if speed >= 1 else f"{1 / speed:.1f} s each", style="progress.data.speed")


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr; yields ``advance(n)``. Printed once at the end when stderr is no terminal."""
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TextColumn("ETA"), TimeRemainingColumn(), TextColumn("elapsed"), TimeElapsedColumn(),
        console=Console(stderr=True), refresh_per_second=4,
    )
    with progress:
        task = progress.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            progress.advance(task, n)

        yield advance


def queue_for(settings: Settings) -> Queue | None:
    """The rq queue when REDIS_URL is configured, else None."""
    if not settings.redis_url:
        return None
    from docproc.service import jobs as worker

    return worker.make_queue(worker.connect(settings.redis_url), settings)


def _init_process() -> None:
    settings = Settings()
    _STATE["ctx"] = build_context(settings)
    _STATE["queue"] = queue_for(settings)


def _notify(checklist: Checklist) -> None:
    from docproc.service import jobs as worker

    worker.notify_checklist(_STATE["ctx"], _STATE["queue"], checklist)


def job_recheck(item: Item, re_extract: bool, dry_run: bool) -> ChecklistChange:
    """Pool job: re-check one application (and notify webhooks when its checklist changed)."""
    try:
        change, checklist = batch.recheck(_STATE["ctx"], item.application_id, re_extract=re_extract,
                                          dry_run=dry_run, label=item.label)
        if not dry_run:
            _notify(checklist)
        return change
    except Exception as exc:  # one broken application must not stop thousands
        return _failed(item, exc)


def job_process(item: Item, file_ids: Sequence[str]) -> ChecklistChange:
    """Pool job: read the stored files of a new application, check it and notify."""
    try:
        ctx = _STATE["ctx"]
        for file_id in file_ids:
            pipeline.process_file(ctx, file_id)
        checklist = pipeline.check_application(ctx, item.application_id)
        _notify(checklist)
        return diff(None, checklist, label=item.label)
    except Exception as exc:
        return _failed(item, exc)


def _failed(item: Item, exc: BaseException) -> ChecklistChange:
    return ChecklistChange(application_id=item.application_id, label=item.label, status_before=None,
                           status_after=None, changed=False, error=f"{type(exc).__name__}: {exc}")


def run_inline(ctx: Context, jobs: Sequence[tuple[Callable[..., ChecklistChange], tuple[Any, ...]]], *, workers: int,
               advance: Callable[[int], None]) -> list[ChecklistChange]:
    """Run ``(function, args)`` jobs here (workers ≤ 1) or in a pool of ``workers`` processes."""
    if workers <= 1:
        _STATE.update(ctx=ctx, queue=queue_for(ctx.settings))
        out = []
        for fn, args in jobs:
            out.append(fn(*args))
            advance(1)
        return out
    results: dict[int, ChecklistChange] = {}
    for _attempt in range(POOL_RESTARTS + 1):
        pending = [i for i in range(len(jobs)) if i not in results]
        if not pending:
            break
        try:
            with process_pool(workers, _init_process) as pool:
                futures = {pool.submit(jobs[i][0], *jobs[i][1]): i for i in pending}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    advance(1)
        except BrokenProcessPool:
            # A worker process died (killed, out of memory): the unfinished jobs run again in a new pool.
            continue
    lost = [i for i in range(len(jobs)) if i not in results]
    for i in lost:
        item = jobs[i][1][0]
        results[i] = _failed(item, RuntimeError("its worker process died repeatedly"))
        advance(1)
    return [results[i] for i in range(len(jobs))]


def wait_for_queue(ctx: Context, items: Sequence[Item], *, before: Mapping[str, Checklist | Snapshot | None],
                   baseline: dict[str, int], advance: Callable[[int], None],
                   timeout: float | None = None) -> list[ChecklistChange]:
    """Wait until every application's files are read and a checklist over its current documents is stored.

    A checklist counts only when it is newer than ``baseline`` and lists exactly the documents the
    application has now, so one stored while some files were still being re-read is not taken.
    """
    waiting = {i.application_id: i for i in items}
    results: list[ChecklistChange] = []
    deadline = None if timeout is None else time.monotonic() + timeout
    while waiting:
        ids = list(waiting)
        seqs = catalog.latest_seqs(ctx.db, ids)
        states = catalog.states_of(ctx.db, ids)
        for app_id in ids:
            if seqs[app_id] <= baseline.get(app_id, 0) or states[app_id] == catalog.AppState.PROCESSING:
                continue
            latest = ctx.db.latest_checklist(app_id)
            current = {d.id for d in ctx.db.documents_of(app_id)}
            if latest is None or {d.id for d in latest.documents} != current:
                continue
            item = waiting.pop(app_id)
            results.append(diff(before.get(app_id), latest, label=item.label))
            advance(1)
        if waiting:
            if deadline is not None and time.monotonic() > deadline:
                results += [_failed(i, TimeoutError("no checklist from the workers in time")) for i in waiting.values()]
                break
            time.sleep(POLL_S)
    return results


def workers_listening(queue: Queue) -> int:
    """How many rq workers listen on the queue (0: queued work would wait for ever)."""
    from rq import Worker

    return int(Worker.count(queue=queue))


def enqueue_reads(ctx: Context, queue: Queue, application_id: str, *, force: bool) -> int:
    """Queue an application's files for reading (cached extractions dropped when ``force``); returns the count."""
    from docproc.service import jobs as worker

    files = batch.readable_files(ctx.db.files_of(application_id))
    if force:
        batch.forget_extractions(ctx, files)
    if not files:
        worker.enqueue_check(queue, application_id)
    for stored in files:
        worker.enqueue_file(queue, ctx, stored.id)
    return len(files)
