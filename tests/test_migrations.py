"""Schema migrations, tolerant reads of stored JSON, and the lists read in SQL a keyset page at a time."""

from __future__ import annotations

import multiprocessing
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from docproc.core.errors import ConfigError
from docproc.core.models import Application, ChecklistStatus
from docproc.core.settings import Settings
from docproc.store import migrate
from docproc.store.accounts import Casework
from docproc.store.catalog import ApplicationFilter, AppState, page_applications
from docproc.store.database import Database, open_engine
from docproc.store.listing import ListQuery, list_page
from docproc.store.sealing import Keyring, generate_key
from docproc.store.tables import applications, checklists, overrides
from tests.fixtures.make_release_db import APPLICANTS, KEY

FIXTURE = Path(__file__).parent / "fixtures" / "release2.sqlite3"
KEYRING = Keyring.from_text(KEY)


def _release_copy(tmp_path: Path) -> str:
    path = tmp_path / "docproc.sqlite3"
    shutil.copy(FIXTURE, path)
    return f"sqlite:///{path}"


def _counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("applications", "files", "pages", "documents", "checklists", "overrides", "users",
                          "application_reviews", "application_assignments")}


def test_a_database_of_the_previous_release_is_refused_then_upgraded_keeping_every_row(tmp_path: Path) -> None:
    url = _release_copy(tmp_path)
    before = _counts(url)
    assert before["applications"] == 3 and before["checklists"] == 3 and before["overrides"] == 2
    with pytest.raises(ConfigError, match=r"run `docproc db upgrade`") as refused:
        Database(url, keyring=KEYRING)
    assert refused.value.exit_code == 3
    assert migrate.upgrade(open_engine(url, KEYRING)) == (migrate.LEGACY, migrate.head())
    assert _counts(url) == before
    db = Database(url, keyring=KEYRING)  # starts now
    for n, (branch, name, number, ref, statuses) in enumerate(APPLICANTS, start=1):
        application = db.get_application(f"app_fixture{n}")
        assert (application.branch, application.applicant_name, application.external_ref) == (branch, name, ref)
        assert application.applicant_id_number == number
        latest = db.latest_checklist(application.id)
        assert (latest.status if latest else None) == (statuses[-1] if statuses else None)
        assert len(db.overrides_of(application.id)) == (1 if statuses else 0)
    with db.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(sa.select(applications))}
        assert conn.execute(sa.select(sa.func.count()).select_from(checklists)).scalar_one() == 3
        assert conn.execute(sa.select(sa.func.count()).select_from(overrides)).scalar_one() == 2
    assert {k: (r.branch, r.status, r.external_ref_digest is not None) for k, r in rows.items()} == {
        "app_fixture1": ("north", "ready", True), "app_fixture2": ("north", "flagged", True),
        "app_fixture3": ("south", "new", False)}
    by_ref = page_applications(db, ApplicationFilter(external_ref="EXT-2"), limit=5)[0]
    assert [(a.id, state) for a, state in by_ref] == [("app_fixture2", AppState.FLAGGED)]
    # the applicant read from the ID card is searchable, by the blind index only
    assert rows["app_fixture2"].applicant == {"name": None, "id_number": "110101198001011234"}
    found = list_page(db, ListQuery(visible=None, search="1234"), limit=10)
    assert {ln.application.id for ln in found.lines} == {"app_fixture2"}
    assert Casework(db).review_of("app_fixture1") is not None
    assert migrate.upgrade(db.engine) == (migrate.head(), migrate.head())  # a second run changes nothing


def test_an_unknown_revision_and_a_half_done_schema_are_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    engine = open_engine(url, KEYRING)
    migrate.upgrade(engine, "0001_baseline")
    with pytest.raises(ConfigError, match=r"0001_baseline, this release needs .*docproc db upgrade"):
        Database(url, keyring=KEYRING)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num='9999_future'"))
    with pytest.raises(ConfigError, match="9999_future"):
        migrate.upgrade(engine)


def _open(url: str) -> str:
    Database(url, keyring=KEYRING)
    return migrate.state(open_engine(url)).current or ""


@pytest.mark.postgres
def test_processes_starting_together_on_an_empty_postgresql_do_not_crash(postgres_url: str) -> None:
    url = Settings(database_url=postgres_url).db_url
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        revisions = pool.map(_open, [url] * 6)
    assert revisions == [migrate.head()] * 6


def test_processes_starting_together_on_an_empty_sqlite_do_not_crash(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open, [url] * 4) == [migrate.head()] * 4


def _new(db: Database, n: int, *, branch: str = "north", moment: datetime, ref: str | None = None) -> Application:
    return db.add_application(Application(
        id=f"app_{n:04d}", profile="salaried", application_date=moment.date(), branch=branch, external_ref=ref,
        applicant_name=f"申请人{n}", applicant_id_number=f"11010119900101{n:04d}", created_by="ann",
        created_at=moment))


def test_a_stored_row_with_an_unknown_key_is_still_read(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}", keyring=Keyring.from_text(generate_key()))
    application = _new(db, 1, moment=datetime(2026, 11, 1, tzinfo=UTC))
    with db.engine.begin() as conn:
        data = {**application.model_dump(mode="json"), "written_by_a_newer_release": {"x": 1}}
        conn.execute(applications.update().values(data=data))
    assert db.list_applications() == [application]
    assert db.get_application(application.id) == application
    found, _ = page_applications(db, ApplicationFilter(), limit=5)
    assert [a for a, _ in found] == [application]
    with db.engine.begin() as conn:  # a wrong value is still an error, not silently dropped
        conn.execute(applications.update().values(data={**data, "application_date": "not a date"}))
    with pytest.raises(ValueError, match="application_date"):
        db.get_application(application.id)


def test_keyset_pages_walk_every_application_once_in_order_with_filters(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}", keyring=Keyring.from_text(generate_key()))
    start = datetime(2026, 11, 1, tzinfo=UTC)
    made = [_new(db, n, branch=("north", "south")[n % 2], moment=start + timedelta(hours=n // 3), ref=f"R{n}")
            for n in range(37)]  # three at a time share a created_at: the id breaks the tie
    north = sorted((a for a in made if a.branch == "north"), key=lambda a: (a.created_at, a.id), reverse=True)
    seen, cursor = [], None
    while True:
        found, cursor = page_applications(db, ApplicationFilter(branch="north"), limit=4, cursor=cursor)
        seen += [a.id for a, state in found]
        assert all(state == AppState.NEW for _, state in found)
        if cursor is None:
            break
    assert seen == [a.id for a in north]
    assert [a.id for a, _ in page_applications(db, ApplicationFilter(external_ref="R5"), limit=4)[0]] == ["app_0005"]
    officer = ListQuery(visible=frozenset({"north"}))
    listed = sorted(north, key=lambda a: (a.application_date, a.created_at, a.id), reverse=True)
    pages, after = [], None
    while True:
        page = list_page(db, officer, limit=5, after=after)
        pages.append([ln.application.id for ln in page.lines])
        assert page.total == len(north)
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert [i for p in pages for i in p] == [a.id for a in listed]
    back = list_page(db, officer, limit=5, before=list_page(db, officer, limit=5, after=after).previous_cursor)
    assert [ln.application.id for ln in back.lines] == pages[-2]
    oldest = list_page(db, ListQuery(visible=frozenset({"north"}), newest_first=False), limit=3)
    assert [ln.application.id for ln in oldest.lines] == [a.id for a in listed[::-1][:3]]


def test_the_state_column_follows_files_and_checklists(tmp_path: Path) -> None:
    from tests.test_storage import _exercise

    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}", keyring=Keyring.from_text(generate_key()))
    _exercise(db)  # a file queued then failed, two checklists: ready then flagged
    with db.engine.connect() as conn:
        states = dict(conn.execute(sa.select(applications.c.id, applications.c.status)).all())
    first = next(a for a in db.list_applications() if db.latest_checklist(a.id))
    assert states[first.id] == ChecklistStatus.FLAGGED.value
    flagged = page_applications(db, ApplicationFilter(status=AppState.FLAGGED), limit=10)[0]
    assert [a.id for a, _ in flagged] == [first.id]


def test_after_a_key_rotation_the_old_key_can_go_and_search_still_finds(tmp_path: Path) -> None:
    from docproc.store.blobs import BlobStore
    from docproc.store.key_rotation import rotate

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    old, new = Keyring.from_text(generate_key()), Keyring.from_text(generate_key())
    made = _new(Database(url, keyring=old), 7, moment=datetime(2026, 11, 1, tzinfo=UTC), ref="BANK-7")
    both = Keyring(new.keys + old.keys)
    report = rotate(Database(url, keyring=both), BlobStore(tmp_path / "blobs", keyring=both))
    assert report.applications == 1
    db = Database(url, keyring=new)  # the old key is gone
    assert [ln.application.id for ln in list_page(db, ListQuery(visible=None, search="0007"), limit=5).lines] == [made.id]
    assert [ln.application.id for ln in list_page(db, ListQuery(visible=None, search="申请人7"), limit=5).lines] == [
        made.id]
    assert [a.id for a, _ in page_applications(db, ApplicationFilter(external_ref="BANK-7"), limit=5)[0]] == [made.id]


def _statements(engine: sa.Engine, client: object, url: str, headers: dict[str, str] | None = None) -> int:
    seen: list[str] = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        reply = client.get(url, headers=headers or {})  # type: ignore[attr-defined]
        assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def test_a_list_page_costs_the_same_statements_with_ten_or_three_hundred_applications(tmp_path: Path) -> None:
    from docproc.service.context import build_context
    from docproc.store import seeding
    from docproc.store.accounts import Accounts
    from docproc.store.integrations import IntegrationStore
    from tests.test_auth import PASSWORD, sign_in
    from web import create_app

    ctx = build_context(Settings(data_dir=tmp_path / "var", redis_url=None, database_url=None))
    Accounts(ctx.db).create("root", PASSWORD, role="admin", branch="hq")
    _, key = IntegrationStore(ctx.db.engine).create_key(name="t", branches=list(seeding.BRANCHES))
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    officer, api = app.test_client(), app.test_client()
    assert sign_in(officer, "root").status_code == 302
    urls = ["/applications", "/applications?status=ready", "/applications?q=1234"]
    api_list = "/api/v1/applications?limit=50&branch=north"
    api.get(api_list, headers={"X-API-Key": key})  # the key's first use is recorded once
    costs = []
    for count in (10, 290):
        seeding.seed(ctx.db, count - seeding.seeded(ctx.db), start=seeding.seeded(ctx.db))
        costs.append([_statements(ctx.db.engine, officer, u) for u in urls]
                     + [_statements(ctx.db.engine, api, api_list, {"X-API-Key": key})])
    assert costs[0] == costs[1], costs


def test_the_cli_refuses_an_outdated_database_until_docproc_db_upgrade(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from docproc.cli.main import main

    shutil.copy(FIXTURE, tmp_path / "docproc.sqlite3")
    env = {"DOCPROC_DATA_DIR": str(tmp_path), "DOCPROC_DATA_KEY": KEY, "DATABASE_URL": "", "DOCPROC_DATABASE_URL": ""}
    runner = CliRunner()
    refused = runner.invoke(main, ["users", "list"], env=env)
    assert refused.exit_code == 3 and "run `docproc db upgrade`" in refused.output
    assert "run docproc db upgrade" in runner.invoke(main, ["db", "current"], env=env).output
    upgraded = runner.invoke(main, ["db", "upgrade"], env=env)
    assert upgraded.exit_code == 0 and f"to {migrate.head()}" in upgraded.output
    assert "up to date" in runner.invoke(main, ["db", "current"], env=env).output
    listed = runner.invoke(main, ["users", "list"], env=env)
    assert listed.exit_code == 0 and "ann" in listed.output


def test_an_unreachable_database_is_one_line_without_its_password(runner, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from docproc.cli.main import main

    monkeypatch.setenv("DATABASE_URL", "postgresql://docproc:hunter2-secret@127.0.0.1:1/nowhere")  # nothing listens there
    for command in (["db", "current"], ["db", "upgrade"]):
        result = runner.invoke(main, command)
        assert result.exit_code != 0 and not isinstance(result.exception, sa.exc.OperationalError), command
        assert "cannot reach the database at" in result.output and "hunter2" not in result.output
        assert "Traceback" not in result.output
