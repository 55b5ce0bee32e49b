"""The blob store a deployment names (DOCPROC_STORAGE_URL): the local directory, or an S3-compatible bucket."""

from __future__ import annotations

from pathlib import Path

from docproc.core.errors import ConfigError
from docproc.store.blobs import Blobs, BlobStore
from docproc.store.sealing import Keyring


def open_blobs(storage_url: str | None, local_dir: Path, *, keyring: Keyring | None) -> Blobs:
    """``s3://bucket/prefix``: an S3-compatible object store (endpoint, region and credentials from the
    standard ``AWS_*`` variables); unset: the local directory ``local_dir``."""
    if not storage_url:
        return BlobStore(local_dir, keyring=keyring)
    if storage_url.startswith("s3://"):
        from docproc.store.s3_blobs import S3BlobStore

        return S3BlobStore.from_url(storage_url, keyring=keyring)
    raise ConfigError(f"DOCPROC_STORAGE_URL must be s3://bucket/prefix (or unset for the local directory), "
                      f"not {storage_url!r}")
