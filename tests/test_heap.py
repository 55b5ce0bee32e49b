"""Freed C heap given back to the system around RapidOCR's calls (docproc.reading.heap)."""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from docproc.reading import heap
from docproc.reading.ocr import RapidOcrEngine

CHUNK = 64 * 1024  # under glibc's mmap threshold: served from the heap, kept there when freed
CHUNKS = 1600  # 100 MB


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux only")
def test_trim_heap_gives_back_freed_heap_memory() -> None:
    if heap._malloc_trim() is None:
        pytest.skip("the C library has no malloc_trim")
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    heap.trim_heap()  # what other tests freed is not counted
    blocks, pins = [], []
    for _ in range(CHUNKS):  # each freed block lies between two kept ones: free() cannot shrink the heap
        blocks.append(libc.malloc(CHUNK))
        pins.append(libc.malloc(CHUNK))  # as large: not served from a small hole elsewhere in the heap
        ctypes.memset(blocks[-1], 1, CHUNK)  # touched: resident
    for block in blocks:
        libc.free(block)
    kept = resident_mb()
    try:
        assert heap.trim_heap()
        assert resident_mb() < kept - 0.8 * CHUNK * CHUNKS / 2**20
    finally:
        for pin in pins:
            libc.free(pin)


class _Recording:
    """Stands in for a loaded RapidOCR: records its calls among the heap trims."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def __call__(self, image: np.ndarray, **kwargs: Any) -> tuple[list[Any], None]:
        self.events.append("engine")
        return [[[[0, 0], [40, 0], [40, 12], [0, 12]], "收入证明", 0.99]], None


def test_rapidocr_page_read_returns_the_freed_heap_before_and_after(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    def trim() -> bool:
        events.append("trim")
        return True

    monkeypatch.setattr(heap, "trim_heap", trim)
    engine = RapidOcrEngine()
    engine._ocr = _Recording(events)
    words = engine.read(np.full((60, 200, 3), 255, np.uint8))
    assert [w.text for w in words] == ["收入证明"]
    assert events == ["trim", "engine", "trim"]


def test_rapidocr_sessions_allocate_as_needed_in_priority_order() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    import onnxruntime
    from rapidocr_onnxruntime.utils import infer_engine

    made = vars(infer_engine.OrtInferSession)["_init_sess_opts"]
    engine = RapidOcrEngine()._engine()
    sessions = [engine.text_det.infer.session, engine.text_cls.infer.session, engine.text_rec.session.session]
    for session in sessions:
        options = session.get_session_options()
        assert options.enable_mem_pattern is False
        assert options.execution_order == onnxruntime.ExecutionOrder.PRIORITY_BASED
    assert vars(infer_engine.OrtInferSession)["_init_sess_opts"] is made  # other sessions as RapidOCR makes them
