"""Time the operations endpoints against a large PostgreSQL database: /livez, /healthz, /readyz, /metrics.

    python scripts/bench_ops.py [--applications 50000] [--files-per-application 5] [--runs 30]

Seeds a fresh database (dropped afterwards) with applications and files straight through the tables
(sealed payloads, no OCR), then prints the median and 95th percentile of each endpoint through the app
(Flask test client: the app's own work, no network) and the SQL statements each one ran.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DOCPROC_SECRET_KEY", secrets.token_urlsafe(48))
os.environ.setdefault("DOCPROC_DATA_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())

from docproc.core.settings import Settings  # noqa: E402
from docproc.service.context import build_context  # noqa: E402
from docproc.store import tables  # noqa: E402

SERVER = os.environ.get("DOCPROC_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ADMIN_URL = SERVER.replace("postgresql://", "postgresql+psycopg2://", 1)
STATES = ("done", "done", "done", "done", "error", "queued", "reading", "received")


def seed(engine: sa.Engine, applications: int, per_application: int) -> None:
    """``applications`` applications with ``per_application`` files each, in batches."""
    now = datetime.now(UTC)
    batch = 2000
    for start in range(0, applications, batch):
        ids = [f"app_{i:08d}" for i in range(start, min(start + batch, applications))]
        with engine.begin() as conn:
            conn.execute(tables.applications.insert(), [
                {"id": a, "created_at": now, "data": {"id": a, "profile": "salaried", "branch": "main"}} for a in ids])
            conn.execute(tables.files.insert(), [
                {"id": f"file_{a}_{k}", "application_id": a, "sha256": uuid.uuid4().hex * 2,
                 "state": STATES[(hash(a) + k) % len(STATES)], "created_at": now, "data": {"filename": "x.pdf"}}
                for a in ids for k in range(per_application)])


def main() -> int:
    """Seed, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--files-per-application", type=int, default=5)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    name = f"ops_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        url = SERVER.rsplit("/", 1)[0] + "/" + name
        settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="docproc-bench-ops-")), database_url=url,
                            redis_url=None)
        ctx = build_context(settings)
        started = time.perf_counter()
        seed(ctx.db.engine, args.applications, args.files_per_application)
        with ctx.db.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
        print(f"seeded {args.applications} applications, {args.applications * args.files_per_application} files "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
        from web import create_app

        client = create_app(ctx=ctx).test_client()
        statements = [0]
        sa.event.listen(ctx.db.engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))
        for path in ("/livez", "/healthz", "/readyz", "/metrics"):
            client.get(path)  # warm
            times = []
            statements[0] = 0
            for _ in range(args.runs):
                t = time.perf_counter()
                answer = client.get(path)
                times.append((time.perf_counter() - t) * 1000)
                assert answer.status_code == 200, (path, answer.status_code)
            times.sort()
            print(f"{path:9} median {statistics.median(times):7.1f} ms   p95 {times[int(0.95 * len(times)) - 1]:7.1f} ms"
                  f"   SQL statements per request {statements[0] / args.runs:.0f}")
        ctx.db.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
