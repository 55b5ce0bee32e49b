"""What reading and extraction need from the process they run in: settings, the blob store and the OCR engines.

A structural type: the service's `Context` (built once per process at an entry point) is one, and so is any
test's stand-in. Reading declares its needs here instead of importing the service that builds them.
"""

from __future__ import annotations

from typing import Protocol

from docproc.core.settings import Settings
from docproc.reading.ocr import OcrEngine
from docproc.store.blobs import Blobs


class ReadingContext(Protocol):
    """The long-lived things a read or an extraction uses."""

    @property
    def settings(self) -> Settings: ...

    @property
    def blobs(self) -> Blobs: ...

    @property
    def ocr(self) -> OcrEngine:
        """The engine that reads pages."""
        ...

    @property
    def digits_ocr(self) -> OcrEngine:
        """The engine for digit-only re-reads of a field's box."""
        ...
