"""Personal data at rest and in logs: stored files and the database hold no name, id number or
account number in clear; keys rotate; logs are masked; access is audited; retention purges."""

from __future__ import annotations

import io
import json
import logging
import re
import stat
import threading
import urllib.request
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from docproc.core.clock import utcnow
from docproc.core.log_masking import install_log_masking, mask_personal_data
from docproc.core.models import FileState
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts, Casework
from docproc.store.audit import AuditLog
from docproc.store.blobs import BlobStore
from docproc.store.integrations import webhooks
from docproc.store.sealing import Keyring, SealError, generate_key
from docproc.store.tables import metadata
from tests.conftest import ROOT
from tests.pdfs import text_pdf

CASE = ROOT / "samples" / "corpus" / "c01_salaried"
NAME = "徐蕾丽"
ID_NUMBER = "500103197804027562"
ACCOUNT = "6217998238232309967"
SECRET = "whsec_never-in-clear-0123456789"
STATEMENT = "9d8fc4c67e.pdf"  # born-digital: the holder's name and the account number in its text layer


def needles() -> dict[str, bytes]:
    """The values in every encoding a store might hold them in."""
    escaped = json.dumps(NAME).strip('"').encode()  # JSON's \\uXXXX form
    found = {"id number": ID_NUMBER.encode(), "account": ACCOUNT.encode(), "webhook secret": SECRET.encode(),
             "name utf-8": NAME.encode("utf-8"), "name utf-16le": NAME.encode("utf-16-le"),
             "name utf-16be": NAME.encode("utf-16-be"), "name gb18030": NAME.encode("gb18030"),
             "name json-escaped": escaped, "name json-escaped upper": escaped.upper()}
    return found


def _notes() -> bytes:
    """A member the pipeline cannot read, kept as uploaded: the values in clear, UTF-8 and UTF-16."""
    text = f"申请人 {NAME} 身份证 {ID_NUMBER} 账号 {ACCOUNT}\n"
    return text.encode("utf-8") + text.encode("utf-16")


def process_bundle(ctx: Context, *, statement: bool = True) -> str:
    """An application with the applicant typed in, a born-digital bank statement, a text-layer PDF
    with the numbers and a stored (uncompressed) zip holding a note, read and checked; a webhook secret."""
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                      applicant_name=NAME, applicant_id_number=ID_NUMBER, external_ref=ID_NUMBER)
    uploads = [(STATEMENT, (CASE / STATEMENT).read_bytes())] if statement else []
    uploads.append(("numbers.pdf", text_pdf([[f"ID {ID_NUMBER}", f"Account {ACCOUNT}"]])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(f"{NAME}/notes.txt", _notes())
    uploads.append((f"{NAME}.zip", buf.getvalue()))
    for filename, data in uploads:
        for stored in pipeline.ingest(ctx, app.id, filename=filename, data=data):
            if stored.state != FileState.DONE:
                pipeline.process_file(ctx, stored.id)
    pipeline.check_application(ctx, app.id)
    with ctx.db.engine.begin() as conn:
        conn.execute(webhooks.insert().values(id="wh_test", url="https://receiver.invalid/hook", secret=SECRET,
                                              branches=[], events=["checklist.created"], created_at=utcnow()))
    return app.id


def assert_read_back(ctx: Context, application_id: str, *, statement: bool = True) -> None:
    """What was sealed opens again: the values were really stored (so their absence below means sealed)."""
    assert ctx.db.get_application(application_id).applicant_id_number == ID_NUMBER
    fields = json.dumps([d.model_dump(mode="json") for d in ctx.db.documents_of(application_id)], ensure_ascii=False)
    assert not statement or (NAME in fields and ACCOUNT in fields)
    note = next(f for f in ctx.db.files_of(application_id) if f.filename.endswith("notes.txt"))
    assert ctx.blobs.get(note.sha256) == _notes()
    with ctx.db.engine.connect() as conn:
        assert conn.execute(sa.select(webhooks.c.secret)).scalar() == SECRET


def clear_hits(blob: bytes) -> list[str]:
    """Which needles occur in ``blob``."""
    return [label for label, needle in needles().items() if needle in blob]


def test_stored_files_and_sqlite_hold_no_personal_data_in_clear(ctx: Context) -> None:
    application_id = process_bundle(ctx)
    assert_read_back(ctx, application_id)
    stored = [p for p in ctx.settings.data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "docproc.sqlite3" for p in stored) and len(stored) > 6
    found = {str(p.relative_to(ctx.settings.data_dir)): hits for p in stored if (hits := clear_hits(p.read_bytes()))}
    assert found == {}


def test_data_dir_database_and_blobs_are_owner_only(ctx: Context) -> None:
    process_bundle(ctx, statement=False)
    data_dir = ctx.settings.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(data_dir)} is {oct(mode)}"


@pytest.mark.postgres
def test_postgresql_rows_hold_no_personal_data_in_clear(tmp_path: Path, postgres_url: str) -> None:
    ctx = build_context(Settings(data_dir=tmp_path / "var", database_url=postgres_url, redis_url=None))
    application_id = process_bundle(ctx)
    assert_read_back(ctx, application_id)
    dump = bytearray()
    with ctx.db.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(sa.text(f"SELECT CAST(row_to_json(t) AS text) FROM {table.name} t")).scalars()
            dump += "\n".join(rows).encode("utf-8")
    assert b"sealed" in dump
    assert clear_hits(bytes(dump)) == []


def test_key_rotation_reseals_everything_and_old_keys_can_then_go(settings: Settings, runner,  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from docproc.cli.main import main

    monkeypatch.delenv("DOCPROC_DATA_KEY", raising=False)  # the key file under the data dir is rotated
    settings = settings.model_copy(update={"data_key": None})
    ctx = build_context(settings)
    application_id = process_bundle(ctx, statement=False)
    old_key = (settings.data_dir / "data.key").read_text().split()
    result = runner.invoke(main, ["admin", "rotate-key", "--add-key"])
    assert result.exit_code == 0, result.output
    assert "re-sealed" in result.output
    keys = (settings.data_dir / "data.key").read_text().split()
    assert len(keys) == 2 and keys[1:] == old_key
    assert runner.invoke(main, ["admin", "rotate-key", "--drop-old-keys"]).exit_code == 0
    assert (settings.data_dir / "data.key").read_text().split() == keys[:1]
    fresh = build_context(settings)  # the new key alone opens everything
    assert_read_back(fresh, application_id, statement=False)
    assert fresh.db.latest_checklist(application_id) is not None
    old_only = BlobStore(settings.blob_dir, keyring=Keyring.from_text(old_key[0]))
    note = next(f for f in fresh.db.files_of(application_id) if f.filename.endswith("notes.txt"))
    with pytest.raises(SealError):
        old_only.get(note.sha256)
    events = AuditLog(fresh.db).events(action="rotate_key")
    assert len(events) == 2


def test_rotation_keeps_duplicate_detection_of_text_pages(settings: Settings) -> None:
    from docproc.store.key_rotation import rotate

    settings = settings.model_copy(update={"data_key": None})  # start from the development key file
    ctx = build_context(settings)
    page = text_pdf([[f"ID {ID_NUMBER}", f"Account {ACCOUNT}", "2026-11-01 amount 16600.00"]])
    first = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [a] = pipeline.ingest(ctx, first.id, filename="a.pdf", data=page)
    pipeline.process_file(ctx, a.id)
    old = ctx.db.page_hashes_of(first.id)
    assert old and all(h.startswith("t") for _, _, h in old)
    keys = generate_key() + "," + (settings.data_dir / "data.key").read_text().strip()
    ctx = build_context(settings.model_copy(update={"data_key": SecretStr(keys)}))
    report = rotate(ctx.db, ctx.blobs)
    assert report.fingerprints == 1 and report.blobs >= 2 and report.rows > 0
    assert ctx.db.page_hashes_of(first.id) != old
    second = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [b] = pipeline.ingest(ctx, second.id, filename="b.pdf", data=page)
    pipeline.process_file(ctx, b.id)
    assert [d.other_application for d in pipeline.duplicate_pages(ctx, second.id)] == [first.id]


def test_a_value_moved_to_another_blob_does_not_open(tmp_path: Path) -> None:
    keyring = Keyring.from_text(generate_key())
    store = BlobStore(tmp_path, keyring=keyring)
    one, two = store.put(b"first"), store.put(b"second")
    store.path(two).write_bytes(store.path(one).read_bytes())
    with pytest.raises(SealError):
        store.get(two)


def test_masking_of_ids_phones_accounts_names_and_queries() -> None:
    line = (f'"GET /applications?q={ID_NUMBER}&status=ready HTTP/1.1" 200 - id {ID_NUMBER} phone 13812345678 '
            f"account {ACCOUNT} card 6222 0212 3456 7890 123 姓名：{NAME} name={NAME}")
    masked = mask_personal_data(line)
    assert "q=***&status=ready" in masked
    assert "500***********7562" in masked and "138****5678" in masked
    assert "***************9967" in masked and "**** **** **** ***8 123" not in masked
    assert NAME not in masked and "姓名：徐**" in masked
    assert ID_NUMBER not in masked and ACCOUNT not in masked and "13812345678" not in masked
    ids = "app_0123456789012345 file_9876543210987654 2026-12-03 13:00:00,123"
    assert mask_personal_data(ids) == ids


def test_every_log_line_is_masked_including_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    install_log_masking()
    log = logging.getLogger("docproc.test")
    with caplog.at_level(logging.INFO):
        log.info("looked up %s for %s", ID_NUMBER, NAME)
        try:
            raise ValueError(f"account {ACCOUNT} refused")
        except ValueError:
            log.exception("failed")
    text = caplog.text
    assert ID_NUMBER not in text and ACCOUNT not in text and "500***********7562" in text


def test_the_access_log_of_a_served_app_masks_searches(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from werkzeug.serving import make_server

    install_log_masking()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    access = logging.getLogger("werkzeug")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # not signed in: redirected to the sign-in page, which carries the search on in ?next=
        url = f"http://127.0.0.1:{server.port}/applications?q={ID_NUMBER}&status=ready"
        urllib.request.urlopen(url, timeout=10).read()
    finally:
        server.shutdown()
        access.removeHandler(handler)
    logged = stream.getvalue()
    assert "/applications?q=***&status=ready" in logged
    assert "/login?next=***" in logged
    assert ID_NUMBER not in logged


def _officer(client, accounts: Accounts, role: str = "officer") -> None:  # type: ignore[no-untyped-def]
    accounts.create(f"{role}1", "correct-horse", role=role, branch="main")
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf[-_]token" (?:value|content)="([^"]+)"', form)
    assert token
    response = client.post("/login", data={"username": f"{role}1", "password": "correct-horse",
                                           "csrf_token": token.group(1)})
    assert response.status_code in (302, 303)


def test_views_downloads_and_overrides_are_audited_and_admins_read_them(app, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              applicant_name=NAME)
    [stored] = pipeline.ingest(ctx, application.id, filename="n.pdf",
                                 data=text_pdf([[f"ID {ID_NUMBER}", f"Account {ACCOUNT}"]]))
    item = pipeline.check_application(ctx, application.id).items[0].id  # the file unread: items all the same
    accounts = Accounts(ctx.db)
    officer = app.test_client()
    _officer(officer, accounts)
    page = officer.get(f"/applications/{application.id}")
    assert page.status_code == 200
    assert officer.get(f"/files/{stored.id}/original").status_code == 200
    assert officer.get("/files/file_nope/original").status_code == 404
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.get_data(as_text=True))
    assert token
    override = f"/applications/{application.id}/items/{item}/override"
    assert officer.post(override, data={"status": "pass", "comment": "", "csrf_token": token.group(1)}).status_code == 422  # refused beside its form: a comment is required
    assert officer.post(override, data={"status": "pass", "comment": "seen the original",
                                        "csrf_token": token.group(1)}).status_code == 302
    assert officer.get("/admin/audit").status_code == 403
    events = AuditLog(ctx.db).events()
    assert [(e.actor, e.action, e.target_kind, e.target_id, e.application_id) for e in events] == [
        ("officer1", "view", "application", application.id, application.id),
        ("officer1", "download", "file", stored.id, application.id),
        ("officer1", "override", "checklist_item", item, application.id)]
    admin = app.test_client()
    _officer(admin, accounts, role="admin")
    listed = admin.get("/admin/audit?format=json").get_json()
    assert [e["action"] for e in listed["events"]] == ["view", "download", "override"]
    page = admin.get("/admin/audit")
    assert page.status_code == 200 and stored.id in page.get_data(as_text=True)


def test_audit_export_writes_json_lines_and_is_itself_audited(ctx: Context, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docproc.cli.main import main

    AuditLog(ctx.db).record(actor="officer1", action="view", target_kind="application", target_id="app_x",
                            application_id="app_x")
    out = tmp_path / "audit.jsonl"
    result = runner.invoke(main, ["admin", "audit-export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [line] = out.read_text().splitlines()
    assert json.loads(line)["target_id"] == "app_x"
    assert [e.action for e in AuditLog(ctx.db).events()] == ["view", "export"]


def test_retention_deletes_originals_and_renders_after_the_decision_and_keeps_the_checklist(
        ctx: Context, runner, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from docproc.cli.main import main
    from docproc.store.retention import purge_expired

    shared = text_pdf([[f"Account {ACCOUNT}", "2026-11-01 amount 16600.00"]])
    decided = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [own] = pipeline.ingest(ctx, decided.id, filename="own.pdf", data=text_pdf([[f"ID {ID_NUMBER}", "2026-11-02"]]))
    [both] = pipeline.ingest(ctx, decided.id, filename="both.pdf", data=shared)
    later = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    pipeline.ingest(ctx, later.id, filename="same.pdf", data=shared)
    for stored in (own, both):
        pipeline.process_file(ctx, stored.id)
    checklist = pipeline.check_application(ctx, decided.id)
    Casework(ctx.db).mark_reviewed(decided.id, by="officer1")
    assert purge_expired(ctx.db, ctx.blobs, days=30).applications == []  # decided today: kept
    report = purge_expired(ctx.db, ctx.blobs, days=30, now=utcnow() + timedelta(days=31), dry_run=True)
    assert (report.applications, report.originals, report.kept_shared) == ([decided.id], 1, 1)
    assert ctx.blobs.exists(own.sha256)
    report = purge_expired(ctx.db, ctx.blobs, days=30, now=utcnow() + timedelta(days=31))
    assert report.originals == 1
    assert not ctx.blobs.exists(own.sha256) and ctx.blobs.exists(both.sha256)
    renders = [p.render_sha256 for p in ctx.db.pages_of(own.id) if p.render_sha256]
    assert renders and report.renders == len(set(renders)) and not any(ctx.blobs.exists(r) for r in renders)
    assert all(ctx.blobs.exists(p.render_sha256) for p in ctx.db.pages_of(both.id) if p.render_sha256)
    again = purge_expired(ctx.db, ctx.blobs, days=30, now=utcnow() + timedelta(days=32))
    assert (again.applications, again.originals, again.renders) == ([], 0, 0)  # nothing left: nothing reported
    kept = ctx.db.latest_checklist(decided.id)
    assert kept is not None and kept.model_dump(mode="json") == checklist.model_dump(mode="json")
    result = runner.invoke(main, ["admin", "purge", "--days", "0"])
    assert "retention is off" in result.output
    result = runner.invoke(main, ["admin", "purge"])
    assert result.exit_code == 0 and "retention is off" in result.output  # the default policy keeps files


def _dev_keyring_of(data_dir: str) -> bytes:
    from docproc.store.sealing import load_keyring

    return load_keyring(key=None, key_file=None, data_dir=Path(data_dir)).keys[0]


def test_processes_starting_together_share_one_development_key(tmp_path: Path) -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(4) as pool:
        keys = pool.map(_dev_keyring_of, [str(tmp_path / "var")] * 8)
    assert len(set(keys)) == 1
    assert [p.name for p in (tmp_path / "var").iterdir()] == ["data.key"]
    assert stat.S_IMODE((tmp_path / "var" / "data.key").stat().st_mode) == 0o600


@pytest.mark.postgres
def test_a_first_schema_postgresql_database_is_upgraded_for_sealed_secrets(postgres_url: str) -> None:
    from docproc.store import migrate
    from docproc.store.database import Database, open_engine
    from docproc.store.tables import schema_info

    keyring = Keyring.from_text(generate_key())
    url = Settings(database_url=postgres_url).db_url
    engine = open_engine(url, keyring)
    migrate.upgrade(engine, "0001_baseline")
    with engine.begin() as conn:  # as the first schema made it (create_all, no Alembic)
        conn.execute(sa.text("DROP TABLE alembic_version"))
        conn.execute(sa.text("ALTER TABLE webhooks ALTER COLUMN secret TYPE VARCHAR(100)"))
        conn.execute(schema_info.delete())
        conn.execute(schema_info.insert().values(version=1))
    migrate.upgrade(engine)  # docproc db upgrade
    upgraded = Database(url, keyring=keyring)
    with upgraded.engine.begin() as conn:
        conn.execute(webhooks.insert().values(id="wh_1", url="https://receiver.invalid/hook", secret=SECRET,
                                              branches=[], events=["checklist.created"], created_at=utcnow()))
        assert conn.execute(sa.select(webhooks.c.secret)).scalar() == SECRET
        assert conn.execute(sa.select(sa.func.max(schema_info.c.version))).scalar() == 2
