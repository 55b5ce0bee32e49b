"""Giving freed heap memory back to the system after a large OCR call.

onnxruntime runs RapidOCR's models with its memory arena off, so every tensor of a run comes from the C
library's ``malloc``. A whole page's text detection frees some hundreds of MB of activations when it ends,
but glibc keeps most of them in its arenas (one per thread that allocated), where they stay resident:
the worker's resident size then carries the last page's peak into every later stage and page, and the
next detection's tensors are laid out around what is kept. ``malloc_trim`` returns the arenas' free pages.
Where the C library has no ``malloc_trim`` (not glibc) nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim  # type: ignore[no-any-return]


def trim_heap() -> bool:
    """Return the C heap's free pages to the system; True when some were."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


@contextmanager
def heap_returned() -> Iterator[None]:
    """Trim the heap before the work inside (it starts from what is really in use) and after it (what
    it freed is not kept resident)."""
    trim_heap()
    try:
        yield
    finally:
        trim_heap()


@contextmanager
def lean_onnx_sessions() -> Iterator[None]:
    """RapidOCR's onnxruntime sessions made inside allocate each tensor when it is made (no memory pattern)
    and run their nodes in onnxruntime's priority-based order.

    With its memory pattern on, onnxruntime records a run's allocations and, on every later run with the
    same input shape (each page of a bundle scanned at one size), takes one block laid out for the whole
    pattern: a page's detection then held about 130 MB more at its height than its tensors alive at once.
    In the priority-based order (any order computes each node from the same inputs, so the same figures) a
    page's detection holds about 50 MB fewer tensors at once than in the default one. Outside RapidOCR's
    session class (another release) nothing is done.
    """
    try:
        import onnxruntime
        from rapidocr_onnxruntime.utils import infer_engine
    except ImportError:
        yield
        return
    session_class = infer_engine.OrtInferSession
    made = vars(session_class).get("_init_sess_opts")
    if not isinstance(made, staticmethod):
        yield
        return
    order = getattr(getattr(onnxruntime, "ExecutionOrder", None), "PRIORITY_BASED", None)

    def options(config: Any) -> Any:
        opts = made.__func__(config)
        opts.enable_mem_pattern = False
        if order is not None:
            opts.execution_order = order
        return opts

    session_class._init_sess_opts = staticmethod(options)
    try:
        yield
    finally:
        session_class._init_sess_opts = made
