"""Blobs behind one interface: the local directory and a real S3-compatible store (SeaweedFS on 127.0.0.1).

The same contract runs on both backends; then a bundle is read with S3 storage by one context and a second
context with another, empty data directory (same database, same bucket) serves its originals, page images
and evidence crops, and finds the same pages handed in again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import boto3
import pytest

from docproc.core.errors import ConfigError, NotFoundError, StorageUnavailable
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.context import build_context
from docproc.store.accounts import Accounts
from docproc.store.blobs import Blobs, BlobStore, sha256_hex
from docproc.store.s3_blobs import S3BlobStore
from docproc.store.sealing import Keyring, generate_key
from docproc.store.storage import open_blobs
from tests.bundles import read_bundle
from tests.conftest import TINY
from tests.test_auth import PASSWORD, sign_in
from web import create_app

OLD, NEW = generate_key(), generate_key()


@pytest.fixture(params=["local", "s3"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store under test lives: a directory path or an s3:// URL."""
    if request.param == "local":
        return str(tmp_path / "blobs")
    return str(request.getfixturevalue("s3_url"))


def _open(where: str, keyring: Keyring | None) -> Blobs:
    return open_blobs(where if where.startswith("s3://") else None, Path(where), keyring=keyring)


def test_the_blob_contract_holds_on_both_backends(backend: str) -> None:
    store = _open(backend, Keyring.from_text(OLD))
    assert isinstance(store, S3BlobStore if backend.startswith("s3://") else BlobStore)
    digest = store.put(b"hello, sealed world")
    assert digest == sha256_hex(b"hello, sealed world")
    assert store.put(b"hello, sealed world") == digest  # content addressed: stored once
    assert store.exists(digest) and store.get(digest) == b"hello, sealed world"
    other = store.put(b"another")
    assert store.digests() == sorted([digest, other])
    with pytest.raises(NotFoundError):
        store.get("0" * 64)
    with pytest.raises(NotFoundError):
        store.get("../../etc/passwd")
    assert not store.exists("0" * 64)

    rotated = _open(backend, Keyring.from_text(f"{NEW}\n{OLD}"))  # a new key first, the old one still opens
    assert rotated.get(digest) == b"hello, sealed world"
    assert rotated.reseal(digest) is True and rotated.reseal(digest) is False
    assert _open(backend, Keyring.from_text(NEW)).get(digest) == b"hello, sealed world"
    with pytest.raises(ConfigError):  # without a key nothing is stored, and sealed bytes are not handed out
        _open(backend, None).put(b"clear")
    with pytest.raises(ConfigError):
        _open(backend, None).get(digest)

    assert store.delete(digest) is True and store.delete(digest) is False
    assert not store.exists(digest) and store.digests() == [other]
    store.check()


def test_objects_in_the_bucket_are_sealed(s3_url: str) -> None:
    store = S3BlobStore.from_url(s3_url, keyring=Keyring.from_text(OLD))
    digest = store.put(b"applicant 110101199003071234")
    raw = boto3.client("s3").get_object(Bucket=store.bucket, Key=store.key(digest))["Body"].read()
    assert b"110101199003071234" not in raw
    assert store.key(digest) == f"blobs/{digest[:2]}/{digest[2:4]}/{digest}"


def test_an_unreachable_or_missing_bucket_is_a_clear_transient_error(s3_url: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(StorageUnavailable, match="does not exist"):
        S3BlobStore("docproc-no-such-bucket", keyring=Keyring.from_text(OLD)).check()
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with pytest.raises(StorageUnavailable, match="does not answer"):
        S3BlobStore.from_url(s3_url, keyring=Keyring.from_text(OLD)).get("a" * 64)
    with pytest.raises(ConfigError):
        open_blobs("ftp://somewhere", Path("."), keyring=None)


def test_a_bundle_read_on_one_host_is_served_and_matched_on_another(s3_url: str, tmp_path: Path) -> None:
    """Writer and reader share the database and the bucket, and nothing else: the reader's data dir is empty."""
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    # the local volume's free space does not matter: nothing is written there (a floor no disk has)
    writer = build_context(Settings(data_dir=tmp_path / "writer", storage_url=s3_url, database_url=database,
                                    redis_url=None, min_free_bytes=2**62))
    bundle = TINY / "a02_expired_id"
    application = pipeline.create_application(writer, profile="salaried", application_date=date(2026, 11, 20),
                                              branch="north", created_by="ann")
    read_bundle(writer, application.id, bundle)
    assert not (tmp_path / "writer" / "blobs").exists()  # nothing went to the writer's disk

    reader_dir = tmp_path / "reader"
    reader = build_context(Settings(data_dir=reader_dir, storage_url=s3_url, database_url=database, redis_url=None))
    files = reader.db.files_of(application.id)
    front = next(f for f in files if f.filename == "id_front.jpg")
    assert reader.blobs.get(front.sha256) == (bundle / "id_front.jpg").read_bytes()
    Accounts(reader.db).create("ann", PASSWORD, role="officer", branch="north")
    app = create_app(ctx=reader)
    app.config.update(TESTING=True)
    web = app.test_client()
    assert sign_in(web, "ann").status_code == 302
    original = web.get(f"/files/{front.id}/original")
    assert original.status_code == 200 and original.data == (bundle / "id_front.jpg").read_bytes()
    page = web.get(f"/files/{front.id}/pages/1.jpg")
    assert page.status_code == 200 and page.data[:2] == b"\xff\xd8"
    checklist = reader.db.latest_checklist(application.id)
    assert checklist is not None
    item = next(i for i in checklist.items if i.evidence)
    crop = web.get(f"/applications/{application.id}/evidence/{item.id}/0.jpg")
    assert crop.status_code == 200 and crop.mimetype == "image/jpeg"

    # The same ID card handed in again, read on the reader's side: matched against the writer's renders.
    again = pipeline.create_application(reader, profile="salaried", application_date=date(2026, 11, 21),
                                        branch="north", created_by="ann")
    for stored in pipeline.ingest(reader, again.id, filename="card.jpg", data=(bundle / "id_front.jpg").read_bytes()):
        pipeline.process_file(reader, stored.id)
    duplicates = pipeline.duplicate_pages(reader, again.id)
    assert [d.other_application for d in duplicates] == [application.id]
    assert not (reader_dir / "blobs").exists()


def test_a_forked_process_makes_its_own_s3_client() -> None:
    """An rq work horse is a fork: it must not share the worker's HTTP connections to the object store."""
    import os

    store = S3BlobStore("docproc-any", keyring=None, client_factory=object)
    parent = store.client
    assert store.client is parent  # one per process ...
    pid = os.fork()
    if pid == 0:  # ... and a new one in the child
        os._exit(0 if store.client is not parent else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
