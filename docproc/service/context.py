"""The frozen context every stage receives instead of reading globals."""

from __future__ import annotations

from dataclasses import dataclass

from docproc.core.policy import Policy, load_policy
from docproc.core.settings import Settings
from docproc.core.tax_verification import TaxVerifier
from docproc.reading.ocr import OcrEngine, make_engine
from docproc.reading.ocr_memo import MemoizedOcr
from docproc.reading.threads import limit_threads, ocr_threads
from docproc.service.signed_http import Provider
from docproc.service.tax_verify import HttpTaxVerifier
from docproc.store.blobs import Blobs, ZipLimits
from docproc.store.database import Database
from docproc.store.sealing import Keyring, load_keyring, make_private_dir
from docproc.store.storage import open_blobs


@dataclass(frozen=True)
class Context:
    """Settings plus the long-lived things built from them once per process."""

    settings: Settings
    db: Database
    blobs: Blobs  # the local directory or an S3 bucket (DOCPROC_STORAGE_URL)
    policy: Policy
    ocr: OcrEngine
    digits_ocr: OcrEngine  # tesseract: digit-only re-reads of a field's box (phone, numbers)
    tax_verifier: TaxVerifier | None = None  # DOCPROC_TAX_VERIFY_URL: the issuing service anomaly.tax_verified asks

    @property
    def zip_limits(self) -> ZipLimits:
        """Archive limits from the settings."""
        s = self.settings
        return ZipLimits(
            max_members=s.zip_max_members, max_total_bytes=s.zip_max_total_bytes, max_ratio=s.zip_max_ratio
        )


def keyring_of(settings: Settings) -> Keyring:
    """The data keys the settings name (creating the data dir owner-only first)."""
    make_private_dir(settings.data_dir)
    key = settings.data_key.get_secret_value() if settings.data_key else None
    return load_keyring(key=key, key_file=settings.data_key_file, data_dir=settings.data_dir)


def build_context(settings: Settings) -> Context:
    """Build the context at an entry point (CLI, web app, worker)."""
    keyring = keyring_of(settings)
    limit_threads(ocr_threads(settings))
    return Context(
        settings=settings,
        db=Database(settings.db_url, keyring=keyring),
        blobs=open_blobs(settings.storage_url, settings.blob_dir, keyring=keyring),
        policy=load_policy(settings.policy_file),
        ocr=_engine(settings, settings.ocr_engine),
        digits_ocr=_engine(settings, "tesseract"),
        tax_verifier=tax_verifier_of(settings),
    )


def tax_verifier_of(settings: Settings) -> TaxVerifier | None:
    """The configured tax verification service, if any."""
    if not settings.tax_verify_url:
        return None
    secret = settings.tax_verify_secret.get_secret_value() if settings.tax_verify_secret else ""
    return HttpTaxVerifier(Provider(settings.tax_verify_url, settings.tax_verify_key_id, secret,
                                    settings.tax_verify_timeout))


def _engine(settings: Settings, name: str) -> OcrEngine:
    engine = make_engine(name, timeout=settings.ocr_timeout)
    return MemoizedOcr(engine, settings.ocr_memo_dir) if settings.ocr_memo else engine
