"""Reading a committed sample bundle into an application, as the worker would, for tests that need a read one."""

from __future__ import annotations

from pathlib import Path

from docproc.service import pipeline
from docproc.service.context import Context

TINY_BUNDLE_FILES = ("id_front.jpg", "id_back.jpg", "income_proof.jpg")


def read_bundle(ctx: Context, application_id: str, folder: Path, names: tuple[str, ...] = TINY_BUNDLE_FILES) -> None:
    """Store, read and check every file of ``folder`` named in ``names``."""
    for name in names:
        for stored in pipeline.ingest(ctx, application_id, filename=name, data=(folder / name).read_bytes()):
            pipeline.process_file(ctx, stored.id)
    pipeline.check_application(ctx, application_id)
