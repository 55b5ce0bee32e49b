"""How many threads OCR may use in this process: onnxruntime (rapidocr), OpenCV and tesseract.

Each library takes every core by default; two workers on one host then oversubscribe it. The limit is
``DOCPROC_OCR_THREADS``, else the host's usable cores divided by the docproc worker processes on it
(``DOCPROC_WORKER_PROCESSES``, which ``docproc serve`` sets for its own, else counted), at least 1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import cv2

from docproc.core.settings import Settings

_LIMIT: dict[str, int] = {}


def usable_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def is_worker_command(argv: list[str]) -> bool:
    """Whether a command line runs a docproc worker (``docproc worker``, ``-m docproc.cli.main worker``,
    ``worker.py``)."""
    if any(Path(a).name == "worker.py" for a in argv):
        return True
    return "worker" in argv[1:] and any("docproc" in a for a in argv)


def count_worker_processes(proc: Path = Path("/proc")) -> int:
    """The docproc worker processes running on this host (rq's work horses, their children, not counted)."""
    count = 0
    for entry in proc.glob("[0-9]*"):
        try:
            argv = [a.decode(errors="replace") for a in (entry / "cmdline").read_bytes().split(b"\0") if a]
        except OSError:
            continue
        if argv and is_worker_command(argv):
            count += 1
    return count


def ocr_threads(settings: Settings) -> int:
    """The OCR thread limit the settings ask for (see the module docstring)."""
    if settings.ocr_threads:
        return settings.ocr_threads
    processes = settings.worker_processes or count_worker_processes()
    return max(1, usable_cores() // max(1, processes))


def limit_threads(threads: int) -> int:
    """Apply ``threads`` to OpenCV now, to tesseract (OMP_THREAD_LIMIT, inherited by its process) and to
    the onnxruntime sessions made from now on; returns it."""
    threads = max(1, int(threads))
    _LIMIT["threads"] = threads
    os.environ["OMP_THREAD_LIMIT"] = str(threads)
    cv2.setNumThreads(threads)
    return threads


def onnx_options() -> dict[str, Any]:
    """RapidOCR's keyword arguments for the thread limit in force (none when no limit was set)."""
    threads = _LIMIT.get("threads")
    return {} if threads is None else {"intra_op_num_threads": threads, "inter_op_num_threads": 1}
