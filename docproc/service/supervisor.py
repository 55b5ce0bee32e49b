"""What keeps ``docproc serve`` whole: worker processes restarted when they die (a crash, an OOM kill,
``kill -9``), the embedded Redis restarted when it dies, and the reconciler run periodically."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

log = logging.getLogger("docproc.service.supervisor")
QUICK_DEATH_S = 10.0  # a worker that dies sooner than this after its start is restarted with backoff
LONGEST_BACKOFF_S = 30.0


@dataclass
class _Slot:
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    quick_deaths: int = 0
    not_before: float = 0.0


@dataclass
class WorkerProcesses:
    """``count`` ``docproc worker`` processes, each restarted when it exits while serving."""

    count: int
    env: Mapping[str, str]
    command: tuple[str, ...] = (sys.executable, "-m", "docproc.cli.main", "worker")
    restarts: int = 0
    _slots: list[_Slot] = field(default_factory=list)

    def start(self) -> None:
        """Start every worker."""
        self._slots = [_Slot() for _ in range(max(0, self.count))]
        for slot in self._slots:
            self._launch(slot)

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        return [s.process.pid for s in self._slots if s.process is not None and s.process.poll() is None]

    def revive(self) -> int:
        """Restart the workers that exited (backing off one that keeps dying at once); returns how many."""
        revived, now = 0, time.monotonic()
        for slot in self._slots:
            if slot.process is None or slot.process.poll() is None:
                continue
            if not slot.not_before:
                # one that keeps failing on its own at start backs off; one killed by a signal comes back at once
                quick = now - slot.started < QUICK_DEATH_S and slot.process.returncode > 0
                slot.quick_deaths = slot.quick_deaths + 1 if quick else 0
                slot.not_before = now + (min(2.0 ** slot.quick_deaths, LONGEST_BACKOFF_S) if quick else 0.0)
                log.warning("worker pid %s exited with %s: starting another", slot.process.pid,
                            slot.process.returncode)
            if now >= slot.not_before:
                self._launch(slot)
                self.restarts += 1
                revived += 1
        return revived

    def stop(self, timeout: float = 20.0) -> None:
        """Ask every worker to finish its job and stop; kill those that do not within ``timeout``."""
        running = [s.process for s in self._slots if s.process is not None and s.process.poll() is None]
        for proc in running:
            proc.terminate()
        for proc in running:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _launch(self, slot: _Slot) -> None:
        env = {"DOCPROC_WORKER_PROCESSES": str(max(1, self.count)), **self.env}  # their share of the cores
        slot.process = subprocess.Popen(list(self.command), env=env)
        slot.started, slot.not_before = time.monotonic(), 0.0


class Keeper(threading.Thread):
    """A background thread: every ``tick`` seconds revive workers and the embedded Redis; every
    ``interval`` seconds run ``reconcile`` and ``remind`` (the supplement-reminder pass). Nothing it meets
    stops it; it logs and carries on."""

    def __init__(self, *, workers: WorkerProcesses | None, revive_redis: Callable[[], None] | None,
                 reconcile: Callable[[], object] | None, interval: float, tick: float = 1.0,
                 remind: Callable[[], object] | None = None) -> None:
        super().__init__(name="docproc-keeper", daemon=True)
        self.workers, self.revive_redis, self.reconcile, self.remind = workers, revive_redis, reconcile, remind
        self.interval, self.tick = interval, tick
        self._stopping = threading.Event()

    def run(self) -> None:
        """The loop (see the class docstring)."""
        next_pass = time.monotonic() + self.interval
        while not self._stopping.wait(self.tick):
            self._guarded("restarting the embedded Redis", self.revive_redis)
            if self.workers is not None:
                self._guarded("restarting workers", self.workers.revive)
            if time.monotonic() >= next_pass:
                self._guarded("reconciling", self.reconcile)
                self._guarded("sending supplement reminders", self.remind)
                next_pass = time.monotonic() + self.interval

    def stop(self) -> None:
        """Stop the loop and wait for it (before the workers are stopped, so none is restarted)."""
        self._stopping.set()
        if self.is_alive():
            self.join(timeout=60)

    @staticmethod
    def _guarded(what: str, action: Callable[[], object] | None) -> None:
        if action is None:
            return
        try:
            action()
        except Exception as exc:  # one failed round must not end supervision (Redis may be restarting)
            log.warning("%s failed: %s: %s", what, type(exc).__name__, exc)
