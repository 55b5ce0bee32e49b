"""Seconds spent in each stage of reading and checking, gathered without printing anything.

A caller that wants the figures opens a clock (``with collecting() as clock:``); the code it runs marks
its stages (``with stage("ocr"):``). Without an open clock a mark costs one context-variable lookup.
Stages nest: a stage's seconds are its own, without the stages marked inside it (a seal search that
reads its legend counts the legend under ``legend_read``), so the stages of a run add up to no more
than its wall time. Seconds are wall seconds (``time.perf_counter``).

A clock keeps the seconds by page: ``with on_page(number):`` names the page the stages inside belong
to (stages outside any page, such as extraction and the checks, count under page 0).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

# The stages in the order a page meets them (a table lists them so; others follow, sorted).
STAGES = ("engine_load", "render", "pdf_text", "card_find", "orientation", "deskew", "upscale", "store_render", "seal_search",
          "legend_read", "forensics", "ocr_prep", "ocr", "overprint", "re_reads", "extraction", "checks")


@dataclass
class StageClock:
    """Seconds by page number and stage, and the pages read while it was open."""

    pages: dict[int, dict[str, float]] = field(default_factory=dict)
    pages_read: int = 0
    _stack: list[list[float]] = field(default_factory=list)  # [started, seconds of nested stages]
    _page: int = 0

    def add(self, name: str, seconds: float, page: int | None = None) -> None:
        """Count ``seconds`` under ``name`` for ``page`` (the current page when None)."""
        row = self.pages.setdefault(self._page if page is None else page, {})
        row[name] = row.get(name, 0.0) + seconds

    def totals(self) -> dict[str, float]:
        """Seconds by stage over every page."""
        out: dict[str, float] = {}
        for row in self.pages.values():
            for name, seconds in row.items():
                out[name] = out.get(name, 0.0) + seconds
        return out

    def merge(self, totals: Mapping[str, float], pages_read: int = 0) -> None:
        """Add another clock's totals (read in another process) under page 0."""
        for name, seconds in totals.items():
            self.add(name, seconds, page=0)
        self.pages_read += pages_read


_CLOCK: ContextVar[StageClock | None] = ContextVar("docproc_stage_clock", default=None)


@contextmanager
def collecting(clock: StageClock | None = None) -> Iterator[StageClock]:
    """Gather the stages marked inside into ``clock`` (a new one when None)."""
    clock = clock if clock is not None else StageClock()
    token = _CLOCK.set(clock)
    try:
        yield clock
    finally:
        _CLOCK.reset(token)


def current() -> StageClock | None:
    """The clock open here, if any."""
    return _CLOCK.get()


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the seconds inside under ``name`` (less those of stages marked within it)."""
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    frame = [time.perf_counter(), 0.0]
    clock._stack.append(frame)
    try:
        yield
    finally:
        clock._stack.pop()
        elapsed = time.perf_counter() - frame[0]
        clock.add(name, elapsed - frame[1])
        if clock._stack:
            clock._stack[-1][1] += elapsed


@contextmanager
def on_page(number: int) -> Iterator[None]:
    """Stages inside belong to page ``number``; the page counts as read."""
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    before, clock._page = clock._page, number
    clock.pages_read += 1
    try:
        yield
    finally:
        clock._page = before


def per_page(totals: Mapping[str, float], pages: int) -> dict[str, float]:
    """Seconds per page by stage, in :data:`STAGES` order then the others sorted."""
    order = [s for s in STAGES if s in totals] + sorted(s for s in totals if s not in STAGES)
    return {name: totals[name] / pages for name in order} if pages else {}
