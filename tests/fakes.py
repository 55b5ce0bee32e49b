"""Swappable engines for failure injection (selected with DOCPROC_OCR_ENGINE=tests.fakes:Name)."""

from __future__ import annotations

import time
from typing import Any

from docproc.core.models import Word


class CrashingEngine:
    """An OCR engine that always fails, as a broken install or a crashing library would."""

    name = "crashing"

    def read(self, image: Any, **_: Any) -> list[Word]:
        raise RuntimeError("engine crashed")

    def read_line(self, image: Any, **_: Any) -> tuple[str, float]:
        raise RuntimeError("engine crashed")

    def orientation(self, image: Any) -> int:
        return 0


class HangingEngine(CrashingEngine):
    """An OCR engine that never answers."""

    name = "hanging"

    def read(self, image: Any, **_: Any) -> list[Word]:
        time.sleep(3600)
        return []


class SlowEngine(CrashingEngine):
    """An OCR engine that takes its time (8 s a page) and finds nothing: a long job to disturb."""

    name = "slow"

    def read(self, image: Any, **_: Any) -> list[Word]:
        time.sleep(8)
        return []

    def read_line(self, image: Any, **_: Any) -> tuple[str, float]:
        return "", 0.0


class WhiteRender:
    """A blob store whose every blob is a blank white page render (1000 × 900): re-reads of a field's box crop it."""

    def __init__(self) -> None:
        import io

        from PIL import Image
        buffer = io.BytesIO()
        Image.new("RGB", (1000, 900), "white").save(buffer, format="PNG")
        self.data = buffer.getvalue()

    def get(self, sha256: str) -> bytes:
        return self.data


class LineOcr:
    """Re-reads of a field's box: answers every one with the same line."""

    name = "line"

    def __init__(self, line: str) -> None:
        self.line = line

    def read_line(self, image: object, **_: object) -> tuple[str, float]:
        return self.line, 0.95
