"""The reconciler: files whose job is gone are queued again, a bounded number of times.

A job can vanish without any worker saying so: its worker was killed with its work-horse, Redis was
restarted without its data, or Redis was down when the file was uploaded. A pass compares the files in
flight (and the applications still owed their checks) with the jobs Redis holds; what has no job is
queued again, and a file that lost its job too often ends as a visible error. Run at start (``confirm``
off: nothing else is queuing yet) and periodically, where a candidate must be seen twice in a row so
that a file caught between being marked ``queued`` and its job being written is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rq import Queue
from rq.job import Job
from rq.registry import DeferredJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from docproc.core.models import FileState
from docproc.service import jobs as worker
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.store.requeues import RequeueLedger

log = logging.getLogger("docproc.service.reconciler")
JOB_LOST = "job_lost"


@dataclass(frozen=True)
class Pass:
    """What one pass did."""

    reaped: int = 0
    requeued: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()


@dataclass
class Reconciler:
    """Re-queues work whose job is gone; remembers last pass's candidates to confirm them."""

    queue: Queue
    ctx: Context
    _suspects: set[str] = field(default_factory=set)
    _check_suspects: set[str] = field(default_factory=set)
    _check_requeues: dict[str, int] = field(default_factory=dict)  # a check that keeps failing is not looped

    def run_once(self, *, confirm: bool = True) -> Pass:
        """One pass (see the module docstring)."""
        reaped = worker.reap_dead_workers(self.queue, self.ctx.settings.worker_heartbeat_ttl, cleanup=False)  # may run in a thread
        ledger = RequeueLedger(self.ctx.db)
        in_flight = ledger.files_in_flight()
        owed = ledger.applications_owed_checks()
        live_files, live_checks = self._live_work()
        orphans = {f.id for f in in_flight if f.id not in live_files}
        owed_orphans = {a for a in owed if a not in live_checks}
        ready, self._suspects = (orphans & self._suspects if confirm else orphans), orphans
        ready_checks, self._check_suspects = (owed_orphans & self._check_suspects if confirm else owed_orphans,
                                              owed_orphans)
        requeued, failed = [], []
        for file_id in sorted(ready):
            if ledger.note_requeue(file_id) > self.ctx.settings.reconcile_max_requeues:
                self._give_up(file_id)
                failed.append(file_id)
            else:
                worker.enqueue_file(self.queue, self.ctx, file_id)
                requeued.append(file_id)
        given_up = {self.ctx.db.get_file(f).application_id for f in failed}
        limit = self.ctx.settings.reconcile_max_requeues
        checks = [a for a in sorted(ready_checks) if self._check_requeues.get(a, 0) < limit]
        checks = [a for a in sorted(set(checks) | given_up) if not pipeline.pending_files(self.ctx, a)]
        for application_id in checks:
            self._check_requeues[application_id] = self._check_requeues.get(application_id, 0) + 1
            worker.enqueue_check(self.queue, application_id)
        result = Pass(reaped=reaped, requeued=tuple(requeued), failed=tuple(failed), checks=tuple(checks))
        if requeued or failed or checks or reaped:
            log.warning("reconciler: %s file(s) re-queued, %s given up, %s check(s) queued, %s job(s) reaped",
                        len(requeued), len(failed), len(checks), reaped)
        return result

    def _live_work(self) -> tuple[set[str], set[str]]:
        """File ids and application ids that some job in Redis (waiting, running, retrying) is about."""
        queue, conn = self.queue, self.queue.connection
        ids = set(queue.get_job_ids())
        ids |= {i.decode() for i in conn.lrange(queue.intermediate_queue_key, 0, -1)}  # being dequeued
        for registry in (StartedJobRegistry, ScheduledJobRegistry, DeferredJobRegistry):
            ids |= set(registry(queue=queue).get_job_ids(cleanup=False))  # reaped jobs still count: a worker retries them
        files: set[str] = set()
        checks: set[str] = set()
        for job in Job.fetch_many(sorted(ids), connection=conn):
            if job is None or not job.args:
                continue
            name = job.func_name or ""
            if name.endswith(("process_file_job", "read_part_job", "gather_pages_job")):  # a file's parts too
                files.add(job.args[0])
            elif name.endswith("check_application_job"):
                checks.add(job.args[0])
        return files, checks

    def _give_up(self, file_id: str) -> None:
        limit = self.ctx.settings.reconcile_max_requeues
        self.ctx.db.set_file_state(
            file_id, FileState.ERROR, code=JOB_LOST,
            error=(f"the file's processing was interrupted {limit + 1} times (a worker stopped or the queue "
                   "restarted while it was being read): reprocess it or upload it again"))
        log.error("file %s: job lost %s times, marked as an error", file_id, limit + 1)
