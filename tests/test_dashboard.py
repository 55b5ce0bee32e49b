"""The manager's dashboard: its figures, on the page and in the CSV export, equal those an independent SQL query
computes over the database (the default SQLite and a real PostgreSQL); officers cannot open it, supervisors see
their branch only. State is written through the store (tests/dashboard_seed.py), no OCR."""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from docproc.core.settings import Settings
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts
from tests.dashboard_seed import seed
from tests.test_auth import PASSWORD, sign_in
from web import create_app

ALL = {"from": "2026-01-01", "to": "2026-12-31"}


def _sql(engine: sa.Engine, branch: str | None, since: str) -> dict[str, Any]:
    """The figures by hand-written SQL, per dialect (month of creation, seconds between two moments)."""
    pg = engine.dialect.name == "postgresql"
    month = "to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM')" if pg else "strftime('%Y-%m', a.created_at)"
    seconds = ("EXTRACT(EPOCH FROM ({end} - {start}))" if pg
               else "(julianday({end}) - julianday({start})) * 86400.0")
    since_literal = f"'{since} 00:00:00+00'" if pg else f"'{since} 00:00:00'"
    where = f"a.created_at >= {since_literal}" + (f" AND a.branch = '{branch}'" if branch else "")
    with engine.connect() as conn:
        def q(text: str) -> list[Any]:
            return [tuple(r) for r in conn.execute(sa.text(text))]
        out: dict[str, Any] = {
            "by_month": q(f"SELECT {month}, a.branch, a.status, COUNT(*) FROM applications a WHERE {where} "
                          "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"),
            "checked": q(f"SELECT COUNT(DISTINCT c.application_id) FROM checklists c JOIN applications a "
                         f"ON a.id = c.application_id WHERE {where}")[0][0],
            "supplemented": q(f"SELECT COUNT(DISTINCT s.application_id) FROM supplement_reasons s JOIN applications a "
                              f"ON a.id = s.application_id WHERE {where}")[0][0],
            "reasons": q(f"SELECT s.check_id, COUNT(DISTINCT s.application_id) FROM supplement_reasons s "
                         f"JOIN applications a ON a.id = s.application_id WHERE {where} "
                         "GROUP BY s.check_id ORDER BY 2 DESC, 1 LIMIT 10"),
            "overrides": q(f"SELECT o.check_id, COUNT(*), COUNT(DISTINCT o.application_id) FROM overrides o "
                           f"JOIN applications a ON a.id = o.application_id WHERE {where} "
                           "GROUP BY o.check_id ORDER BY 2 DESC, 1 LIMIT 10"),
        }
        out["to_ready"] = sorted(float(r[0]) / 3600 for r in q(
            f"SELECT {seconds.format(end='r.at', start='f.at')} FROM "
            "(SELECT application_id, MIN(created_at) AS at FROM files GROUP BY application_id) f JOIN "
            "(SELECT application_id, MIN(created_at) AS at FROM checklists WHERE status = 'ready' "
            "GROUP BY application_id) r ON r.application_id = f.application_id "
            f"JOIN applications a ON a.id = f.application_id WHERE {where}"))
        returns = q(
            f"SELECT {seconds.format(end='x.back', start='x.at')} FROM (SELECT n.application_id, n.at, "
            "(SELECT MIN(f.created_at) FROM files f WHERE f.application_id = n.application_id AND f.created_at > n.at)"
            " AS back FROM (SELECT application_id, MIN(created_at) AS at FROM checklists "
            "WHERE status = 'needs_supplement' GROUP BY application_id) n) x "
            f"JOIN applications a ON a.id = x.application_id WHERE {where}")
        out["to_return"] = sorted(float(r[0]) / 3600 for r in returns if r[0] is not None)
        out["waiting"] = sum(1 for r in returns if r[0] is None)
    return out


def _csv(text: str) -> dict[str, list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["section", "month", "branch", "status", "check", "label", "value"]
    sections: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        sections.setdefault(row[0], []).append(row[1:])
    return sections


def _assert_equal(sections: dict[str, list[list[str]]], html: str, expected: dict[str, Any]) -> None:
    assert [(m, b, s, int(v)) for m, b, s, _, _, v in sections["applications"]] == expected["by_month"]
    summary = {label: value for _, _, _, _, label, value in sections["summary"]}
    total = sum(n for *_, n in expected["by_month"])
    assert int(summary["total"]) == total and int(summary["checked"]) == expected["checked"]
    assert int(summary["supplemented"]) == expected["supplemented"]
    assert float(summary["supplement_rate"]) == pytest.approx(expected["supplemented"] / expected["checked"])
    assert int(summary["waiting"]) == expected["waiting"]
    assert [(c, int(v)) for _, _, _, c, _, v in sections["supplement_reason"]] == expected["reasons"]
    assert [(c, int(v)) for _, _, _, c, _, v in sections["overrides"]] == [(c, n) for c, n, _ in expected["overrides"]]
    assert [(c, int(v)) for _, _, _, c, _, v in sections["overridden_applications"]] == [
        (c, a) for c, _, a in expected["overrides"]]
    for name in ("to_ready", "to_return"):
        got = {label: value for _, _, _, _, label, value in sections[f"{name}_hours"]}
        hours = expected[name]
        assert int(got["count"]) == len(hours) > 0
        assert float(got["median"]) == pytest.approx(statistics.median(hours), abs=1e-4)
        assert float(got["mean"]) == pytest.approx(statistics.fmean(hours), abs=1e-4)
    # the page shows the same key figures
    rate = f"{100 * expected['supplemented'] / expected['checked']:.1f}%"
    assert f'<div class="value">{total}</div>' in html and rate in html
    assert f"({expected['supplemented']}/{expected['checked']})" in html
    assert f"n={len(expected['to_ready'])}" in html and f"n={len(expected['to_return'])}" in html
    assert html.count('<svg class="chart"') == 6 and 'class="chart-bar"' in html


def _world(ctx: Context) -> tuple[Any, Any]:
    accounts = Accounts(ctx.db)
    accounts.create("sue", PASSWORD, role="supervisor", branch="north")
    accounts.create("root", PASSWORD, role="admin", branch="hq")
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    seeded = seed(ctx.db)
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    return app, seeded


def _check(ctx: Context) -> None:
    app, seeded = _world(ctx)
    engine = ctx.db.engine
    # the stored copies the dashboard counts on are what was written
    with engine.connect() as conn:
        stored: dict[str, set[str]] = {}
        for app_id, check_id in conn.execute(sa.text("SELECT application_id, check_id FROM supplement_reasons")):
            stored.setdefault(app_id, set()).add(check_id)
        by_check = dict(conn.execute(sa.text("SELECT check_id, COUNT(*) FROM overrides GROUP BY check_id")).all())
    assert stored == seeded.asked and by_check == seeded.overrides
    admin = app.test_client()
    assert sign_in(admin, "root").status_code == 302
    expected = _sql(engine, None, ALL["from"])
    assert expected["waiting"] and expected["overrides"] and len(expected["by_month"]) > 6
    html = admin.get("/dashboard", query_string=ALL).get_data(as_text=True)
    reply = admin.get("/dashboard.csv", query_string=ALL)
    assert reply.mimetype == "text/csv" and "attachment" in reply.headers["Content-Disposition"]
    _assert_equal(_csv(reply.get_data(as_text=True)), html, expected)
    # a period and a branch: the supervisor of north sees north only, whatever branch is asked for
    supervisor = app.test_client()
    assert sign_in(supervisor, "sue").status_code == 302
    since = {"from": "2026-10-01", "to": "2026-12-31"}
    expected = _sql(engine, "north", since["from"])
    for asked in ({}, {"branch": "south"}):
        query = {**since, **asked}
        html = supervisor.get("/dashboard", query_string=query).get_data(as_text=True)
        _assert_equal(_csv(supervisor.get("/dashboard.csv", query_string=query).get_data(as_text=True)), html, expected)
    assert 'value="south"' not in html
    officer = app.test_client()
    assert sign_in(officer, "ann").status_code == 302
    assert officer.get("/dashboard").status_code == 403 and officer.get("/dashboard.csv").status_code == 403


def test_dashboard_figures_equal_an_independent_sql_query_on_sqlite(ctx: Context) -> None:
    _check(ctx)


@pytest.mark.postgres
def test_dashboard_figures_equal_an_independent_sql_query_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    _check(build_context(Settings(data_dir=tmp_path / "var", redis_url=None, database_url=postgres_url)))


@pytest.fixture
def empty_app(ctx: Context) -> Iterator[Any]:
    Accounts(ctx.db).create("root", PASSWORD, role="admin", branch="hq")
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    yield app.test_client()


def test_an_empty_dashboard_shows_no_data_and_a_bad_date_is_refused(empty_app) -> None:  # type: ignore[no-untyped-def]
    assert sign_in(empty_app, "root").status_code == 302
    html = empty_app.get("/dashboard").get_data(as_text=True)
    assert '<div class="value">0</div>' in html and "暂无数据" in html
    assert empty_app.get("/dashboard?from=someday").status_code == 422



def test_the_upgrade_fills_the_dashboard_copies_from_existing_rows(ctx: Context) -> None:
    """Down to the revision before (the copies dropped) and up again: the copies are rebuilt from the payloads."""
    from alembic import command

    from docproc.store import migrate

    seeded = seed(ctx.db, 24)
    query = {"reasons": "SELECT application_id, check_id FROM supplement_reasons",
             "overrides": "SELECT check_id, COUNT(*) FROM overrides GROUP BY check_id"}
    with ctx.db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0002_list_columns")
        assert "supplement_reasons" not in sa.inspect(conn).get_table_names()
        command.upgrade(migrate._config(conn), "head")
    with ctx.db.engine.connect() as conn:
        stored: dict[str, set[str]] = {}
        for app_id, check_id in conn.execute(sa.text(query["reasons"])):
            stored.setdefault(app_id, set()).add(check_id)
        assert stored == seeded.asked and len(stored) > 3
        assert dict(conn.execute(sa.text(query["overrides"])).all()) == seeded.overrides
