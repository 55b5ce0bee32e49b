"""Process pools for CPU-bound batch work whose children never outlive the command that started them.

Children are spawned (not forked: a parent's threads, such as a progress bar's, must not be copied
mid-lock) and each watches its parent: when the parent dies (killed by an operator, a timeout or the
OOM killer) the child exits instead of reading on as an orphan.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

PARENT_POLL_S = 1.0


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _start_child(parent: int, initializer: Callable[[], None] | None) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), name="exit-with-parent", daemon=True).start()
    if initializer is not None:
        initializer()


def process_pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """A spawn-based pool of ``workers`` processes that exit when this process dies."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_child, initargs=(os.getpid(), initializer))
