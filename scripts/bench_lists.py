"""Benchmark: the lists at bank scale, through the real web app (Flask test client, no network).

    DATABASE_URL=postgresql://... DOCPROC_DATA_KEY=... DOCPROC_DATA_DIR=... \\
        python scripts/bench_lists.py [--applications 50000] [--runs 25]

Seeds the database up to N demo applications first (``docproc db seed-demo``'s bulk insert), then requests,
``--runs`` times each, and prints the median and the 90th percentile in milliseconds and the SQL statements
per request (counted with a SQLAlchemy ``before_cursor_execute`` event; sign-in and API-key look-ups included):

- the officer list (an officer of one branch, and an admin who sees every branch), first page and a later page;
- the officer list searched by the last 4 digits of an id number;
- the API list with filters (branch, status) and a later page by cursor;
- the API list by ``external_ref``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docproc.core.settings import Settings  # noqa: E402
from docproc.service.context import build_context  # noqa: E402
from docproc.store import seeding  # noqa: E402
from docproc.store.accounts import Accounts  # noqa: E402
from docproc.store.integrations import IntegrationStore  # noqa: E402
from docproc.store.tables import applications  # noqa: E402
from web import create_app  # noqa: E402

PASSWORD = "bench-password-1"


class Counter:
    """Statements sent to the database."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._one)

    def _one(self, *_args: Any) -> None:
        self.count += 1


def _sign_in(client: Any, username: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf[-_]token" (?:value|content)="([^"]+)"', page)
    assert token
    reply = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)})
    assert reply.status_code == 302, reply.status_code


def _measure(client: Any, counter: Counter, url: str, runs: int, headers: dict[str, str] | None = None
             ) -> tuple[float, float, int, int]:
    times, counts = [], []
    for _ in range(runs):
        before = counter.count
        start = time.perf_counter()
        reply = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
        counts.append(counter.count - before)
        assert reply.status_code == 200, (url, reply.status_code, reply.get_data(as_text=True)[:300])
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], min(counts), max(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    settings = Settings(redis_url=None)
    ctx = build_context(settings)
    have = seeding.seeded(ctx.db)
    if have < args.applications:
        print(f"seeding {args.applications - have} applications ...", flush=True)
        seeding.seed(ctx.db, args.applications - have, start=have)
    accounts = Accounts(ctx.db)
    for name, role, branch in (("bench-officer", "officer", "north"), ("bench-admin", "admin", "hq")):
        if not any(u.username == name for u in accounts.list()):
            accounts.create(name, PASSWORD, role=role, branch=branch)
    _, api_key = IntegrationStore(ctx.db.engine).create_key(name="bench", branches=["north"])
    with ctx.db.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(applications)).scalar_one()
        sample = conn.execute(sa.select(applications.c.data).where(applications.c.branch == "north")
                              .order_by(applications.c.id).offset(1234).limit(1)).scalar_one()
    digits, ref = sample["applicant_id_number"][-4:], sample["external_ref"]
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    counter = Counter(ctx.db.engine)
    officer, admin, api = app.test_client(), app.test_client(), app.test_client()
    _sign_in(officer, "bench-officer")
    _sign_in(admin, "bench-admin")
    key = {"X-API-Key": api_key}
    later = re.search(r'href="[^"]*after=([^&"]+)', officer.get("/applications").get_data(as_text=True))
    cursor = api.get("/api/v1/applications?branch=north&status=ready&limit=50", headers=key).get_json()["next_cursor"]
    cases = [
        ("officer list (branch north), first page", officer, "/applications", None),
        ("officer list (branch north), next page", officer, f"/applications?after={later.group(1) if later else ''}"
                                                            "&page=2", None),
        ("officer list (admin, every branch)", admin, "/applications", None),
        ("officer list, status filter (admin)", admin, "/applications?status=flagged", None),
        (f"officer search by id digits ({digits})", officer, f"/applications?q={digits}", None),
        ("officer search by id digits (admin)", admin, f"/applications?q={digits}", None),
        ("API list branch=north&status=ready", api, "/api/v1/applications?branch=north&status=ready&limit=50", key),
        ("API list, next page by cursor", api,
         f"/api/v1/applications?branch=north&status=ready&limit=50&cursor={cursor}", key),
        (f"API list external_ref={ref}", api, f"/api/v1/applications?external_ref={ref}", key),
    ]
    print(f"{total} applications in {ctx.db.engine.dialect.name}; {args.runs} runs each\n")
    print(f"{'request':<48} {'median ms':>10} {'p90 ms':>8} {'statements':>11}")
    for title, client, url, headers in cases:
        _measure(client, counter, url, 2, headers)  # warm
        median, p90, low, high = _measure(client, counter, url, args.runs, headers)
        shown = str(low) if low == high else f"{low}-{high}"
        print(f"{title:<48} {median:>10.1f} {p90:>8.1f} {shown:>11}")


if __name__ == "__main__":
    main()
