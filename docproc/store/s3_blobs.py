"""Blobs in any S3-compatible object store (AWS S3, SeaweedFS, MinIO, Ceph RGW): ``s3://bucket/prefix``.

Objects are named ``prefix/ab/cd/<sha256>`` and hold the same sealed bytes as the local directory's
files, so either backend can be copied to the other as is. The endpoint, region and credentials come
from the standard ``AWS_ENDPOINT_URL``, ``AWS_DEFAULT_REGION``, ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` (or any other source boto3 reads). The client is made per process: one
inherited through ``fork`` (an rq work horse) is never reused.
"""

from __future__ import annotations

import os
import threading
from typing import Any
from urllib.parse import urlparse

from docproc.core.errors import ConfigError, StorageUnavailable
from docproc.store.blobs import Blobs, blob_key
from docproc.store.sealing import Keyring

_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3BlobStore(Blobs):
    """Sealed, content-addressed blobs in one bucket under one prefix."""

    def __init__(self, bucket: str, prefix: str = "", *, keyring: Keyring | None = None,
                 client_factory: Any = None) -> None:
        if not bucket:
            raise ConfigError("DOCPROC_STORAGE_URL names no bucket: use s3://bucket/prefix")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.keyring = keyring
        self._factory = client_factory or _make_client
        self._client: Any = None
        self._pid = 0
        self._lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, *, keyring: Keyring | None = None) -> S3BlobStore:
        """The store ``s3://bucket/prefix`` names."""
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise ConfigError(f"not an s3://bucket/prefix URL: {url!r}")
        return cls(parsed.netloc, parsed.path, keyring=keyring)

    def __repr__(self) -> str:
        return f"S3BlobStore(s3://{self.bucket}/{self.prefix})"

    @property
    def client(self) -> Any:
        """This process's boto3 client (a new one after a fork)."""
        if self._client is None or self._pid != os.getpid():
            with self._lock:
                if self._client is None or self._pid != os.getpid():
                    self._client = self._factory()
                    self._pid = os.getpid()
        return self._client

    def key(self, sha256: str) -> str:
        """The object key of a blob."""
        return f"{self.prefix}/{blob_key(sha256)}" if self.prefix else blob_key(sha256)

    def _read(self, sha256: str) -> bytes | None:
        try:
            answer = self._call("get_object", Bucket=self.bucket, Key=self.key(sha256))
        except _Missing:
            return None
        return bytes(answer["Body"].read())

    def _write(self, sha256: str, sealed: bytes) -> None:
        self._call("put_object", Bucket=self.bucket, Key=self.key(sha256), Body=sealed,
                   ContentType="application/octet-stream")

    def _has(self, sha256: str) -> bool:
        try:
            self._call("head_object", Bucket=self.bucket, Key=self.key(sha256))
        except _Missing:
            return False
        return True

    def _remove(self, sha256: str) -> bool:
        if not self._has(sha256):
            return False
        self._call("delete_object", Bucket=self.bucket, Key=self.key(sha256))
        return True

    def _names(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"{self.prefix}/" if self.prefix else "")
        try:
            return [obj["Key"].rsplit("/", 1)[-1] for page in pages for obj in page.get("Contents", [])]
        except Exception as exc:
            raise _translate(exc, "list") from exc

    def check(self) -> None:
        """StorageUnavailable unless the bucket answers."""
        try:
            self._call("head_bucket", Bucket=self.bucket)
        except _Missing:
            raise StorageUnavailable(f"the bucket {self.bucket!r} does not exist") from None

    def _call(self, operation: str, **kwargs: Any) -> Any:
        try:
            return getattr(self.client, operation)(**kwargs)
        except Exception as exc:
            raise _translate(exc, operation) from exc


class _Missing(Exception):
    """The object (or bucket) is not there."""


def _translate(exc: Exception, operation: str) -> Exception:
    from botocore.exceptions import BotoCoreError, ClientError

    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        if code in _MISSING or code == "NoSuchBucket" and operation == "head_bucket":
            return _Missing(code)
        return StorageUnavailable(f"the object store refused {operation} ({code}: {error.get('Message', '')})")
    if isinstance(exc, BotoCoreError):
        return StorageUnavailable(f"the object store does not answer ({type(exc).__name__}: {exc})")
    return exc


def _make_client() -> Any:
    """A boto3 S3 client from the standard AWS_* environment; path-style addressing on a custom endpoint."""
    try:
        import boto3
        from botocore.config import Config
    except ImportError as exc:  # pragma: no cover - boto3 is a dependency
        raise ConfigError("DOCPROC_STORAGE_URL=s3://... needs boto3: pip install boto3") from exc
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    config = Config(retries={"max_attempts": 5, "mode": "standard"}, connect_timeout=5, read_timeout=60,
                    s3={"addressing_style": "path" if endpoint else "auto"})
    return boto3.session.Session().client("s3", endpoint_url=endpoint or None, config=config)
