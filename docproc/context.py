"""The frozen context every stage receives instead of reading globals."""

from __future__ import annotations

from dataclasses import dataclass

from docproc.database import Database
from docproc.ocr import OcrEngine, make_engine
from docproc.ocr_memo import MemoizedOcr
from docproc.policy import Policy, load_policy
from docproc.settings import Settings
from docproc.storage import BlobStore, ZipLimits


@dataclass(frozen=True)
class Context:
    """Settings plus the long-lived things built from them once per process."""

    settings: Settings
    db: Database
    blobs: BlobStore
    policy: Policy
    ocr: OcrEngine
    digits_ocr: OcrEngine  # tesseract: digit-only re-reads of a field's box (phone, numbers)

    @property
    def zip_limits(self) -> ZipLimits:
        """Archive limits from the settings."""
        s = self.settings
        return ZipLimits(
            max_members=s.zip_max_members, max_total_bytes=s.zip_max_total_bytes, max_ratio=s.zip_max_ratio
        )


def build_context(settings: Settings) -> Context:
    """Build the context at an entry point (CLI, web app, worker)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Context(
        settings=settings,
        db=Database(settings.db_url),
        blobs=BlobStore(settings.blob_dir),
        policy=load_policy(settings.policy_file),
        ocr=_engine(settings, settings.ocr_engine),
        digits_ocr=_engine(settings, "tesseract"),
    )


def _engine(settings: Settings, name: str) -> OcrEngine:
    engine = make_engine(name, timeout=settings.ocr_timeout)
    return MemoizedOcr(engine, settings.ocr_memo_dir) if settings.ocr_memo else engine
