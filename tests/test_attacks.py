"""Attacks on sign-in, sessions and the web surface, tried as an outside reviewer would: all refused.

Forged cookies, open redirects, stolen cookies, cross-branch probing, CSRF variants, lockout abuse,
headers and inline script.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from docproc.core.clock import utcnow
from docproc.core.errors import ConfigError
from docproc.core.models import Application, Bundle, DocType, Document, DuplicatePage
from docproc.core.policy import load_policy
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.store.accounts import Accounts
from docproc.store.integrations import IntegrationStore
from docproc.validators import run_checks
from tests.conftest import ROOT, TINY
from tests.test_auth import PASSWORD, _token, sign_in
from web import create_app

OLD_DEFAULT_KEY = "dev-only-change-me"
ATTACKER = {"REMOTE_ADDR": "203.0.113.66"}
OFFICE = {"REMOTE_ADDR": "198.51.100.7"}


def _forged_cookie(payload: dict[str, object], key: str = OLD_DEFAULT_KEY) -> str:
    signer = Flask("forger")
    signer.secret_key = key
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    assert serializer is not None
    return str(serializer.dumps(payload))


def _bare_settings(tmp_path: Path, **updates: object) -> Settings:
    values: dict[str, object] = {"data_dir": tmp_path / "var", "redis_url": None, "database_url": None, **updates}
    return Settings(**values)  # type: ignore[arg-type]


# --- 1. forged admin sessions --------------------------------------------------------------------

def test_no_app_without_a_real_secret_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCPROC_SECRET_KEY", raising=False)
    monkeypatch.delenv("DOCPROC_ENV", raising=False)
    with pytest.raises(ConfigError, match="without a secret key"):
        create_app(_bare_settings(tmp_path))
    with pytest.raises(ConfigError, match="published secret key"):
        create_app(_bare_settings(tmp_path, secret_key=OLD_DEFAULT_KEY))
    with pytest.raises(ConfigError, match="of 12 characters"):
        create_app(_bare_settings(tmp_path, secret_key="short-secret"))


def test_development_generates_a_private_local_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCPROC_SECRET_KEY", raising=False)
    first = create_app(_bare_settings(tmp_path, env="development"))
    again = create_app(_bare_settings(tmp_path, env="development"))
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.secret_key == again.secret_key == key_file.read_text() and len(key_file.read_text()) >= 32
    assert first.config["SESSION_COOKIE_SECURE"] is False  # plain http on a developer's machine


def test_serve_refuses_without_a_secret_key_exit_3(tmp_path: Path, redis_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DOCPROC_SECRET_KEY", "DOCPROC_ENV", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT), REDIS_URL=redis_url)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = subprocess.run([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", "0"],
                            env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 3
    assert "refusing to serve without a secret key" in result.stderr and "DOCPROC_SECRET_KEY" in result.stderr


def test_serve_and_worker_refuse_without_a_data_key_exit_3(tmp_path: Path, redis_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DOCPROC_DATA_KEY", "DOCPROC_DATA_KEY_FILE",
                                                           "DOCPROC_ENV", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT), REDIS_URL=redis_url)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    for command in (["serve", "--port", str(port), "--workers", "0"], ["worker"]):
        result = subprocess.run([sys.executable, "-m", "docproc.cli.main", *command],
                                env=env, capture_output=True, text=True, timeout=30)
        assert result.returncode == 3, (command, result.stderr)
        assert "refusing to serve without a data key" in result.stderr and "DOCPROC_DATA_KEY" in result.stderr
    assert not (tmp_path / "var" / "data.key").exists()  # no key generated beside the data


def test_forged_admin_cookie_is_refused(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("admin", PASSWORD, role="admin", branch="hq")
    for payload, key in (({"user": "admin"}, OLD_DEFAULT_KEY), ({"sid": "guessed", "user": "admin"}, OLD_DEFAULT_KEY),
                         ({"sid": "guessed"}, client.application.secret_key)):
        client.set_cookie("session", _forged_cookie(payload, key))
        response = client.get("/admin/users")
        assert response.status_code == 302 and "/login" in response.headers["Location"], payload


# --- 6. open redirect ----------------------------------------------------------------------------

REDIRECTS = ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/%0D/evil.example",
             "//evil.example", "/%5Cevil.example", "/\\evil.example", "https://evil.example/",
             "%2F%2Fevil.example", "/%7F/evil.example", "http:/evil.example", "javascript:alert(1)"]


def _lands_at_home(location: str) -> bool:
    parts = urlsplit(location)
    return parts.netloc in ("", "localhost") and parts.path == "/applications" and not re.search(r"[\x00-\x20\\]", location)


@pytest.mark.parametrize("target", REDIRECTS)
def test_next_never_leaves_the_site(client, ctx: Context, target: str) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    signed_in = client.post(f"/login?next={target}", data={"username": "ann", "password": PASSWORD,
                                                           "csrf_token": _token(client.get("/login").get_data(as_text=True))})
    assert signed_in.status_code == 302 and _lands_at_home(signed_in.headers["Location"]), signed_in.headers["Location"]
    again = client.get(f"/login?next={target}")  # already signed in: straight to the target
    assert again.status_code == 302 and _lands_at_home(again.headers["Location"]), again.headers["Location"]


def test_next_inside_the_site_is_kept(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    sign_in(client, "ann")
    response = client.get("/login?next=/applications/new%3Fprofile%3Dsalaried")
    assert response.headers["Location"] == "/applications/new?profile=salaried"


# --- 7. stolen cookies after sign-out and password change ----------------------------------------

def _stolen(app: Flask, cookie: str):  # type: ignore[no-untyped-def]
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def test_cookie_copied_before_sign_out_is_dead_after_it(app, client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    sign_in(client, "ann")
    cookie = client.get_cookie("session").value
    assert _stolen(app, cookie).get("/applications").status_code == 200
    client.post("/logout", data={"csrf_token": _token(client.get("/applications").get_data(as_text=True))})
    assert _stolen(app, cookie).get("/applications").status_code == 302


def test_password_change_ends_every_session(app, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    accounts = Accounts(ctx.db)
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "ann")
    sign_in(phone, "ann")
    cookie = laptop.get_cookie("session").value
    accounts.update("ann", password="a-brand-new-pass")
    for client in (laptop, phone, _stolen(app, cookie)):
        assert client.get("/applications").status_code == 302
    assert sign_in(laptop, "ann", "a-brand-new-pass").status_code == 302


def test_signing_in_again_replaces_the_earlier_session(app, client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    sign_in(client, "ann")
    first = client.get_cookie("session").value
    assert client.post("/login", data={"username": "ann", "password": PASSWORD, "csrf_token": _token(
        client.get("/applications").get_data(as_text=True))}).status_code == 302
    assert _stolen(app, first).get("/applications").status_code == 302
    assert client.get("/applications").status_code == 200


def test_sessions_are_stored_as_hashes_only(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from docproc.store.sessions import officer_sessions

    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    sign_in(client, "ann")
    with client.session_transaction() as session:
        token = session["sid"]
    with ctx.db.engine.begin() as conn:
        stored = [r.token_hash for r in conn.execute(sa.select(officer_sessions)).all()]
    assert len(stored) == 1 and token not in stored[0]


# --- 12. cross-branch probing --------------------------------------------------------------------

@pytest.fixture
def two_branches(ctx: Context) -> tuple[str, str]:
    """An application with one file in branch south; returns its id and the file's id."""
    south = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20), branch="south")
    [stored] = pipeline.ingest(ctx, south.id, filename="id_back.jpg",
                               data=(TINY / "a01_salaried_clean" / "id_back.jpg").read_bytes())
    return south.id, stored.id


def _same_answer(client, real: str, missing: str, real_id: str, missing_id: str, **kw: object) -> None:  # type: ignore[no-untyped-def]
    one, other = client.get(real, **kw), client.get(missing, **kw)
    assert one.status_code == other.status_code == 404, real
    assert one.get_data(as_text=True).replace(real_id, "ID") == other.get_data(as_text=True).replace(missing_id, "ID")


def test_pages_answer_404_alike_for_another_branch_and_a_missing_id(client, ctx: Context, two_branches) -> None:  # type: ignore[no-untyped-def]
    app_id, file_id = two_branches
    Accounts(ctx.db).create("nora", PASSWORD, role="officer", branch="north")
    sign_in(client, "nora")
    for path in ("/applications/{}", "/applications/{}/status.json", "/applications/{}/supplement",
                 "/applications/{}/checklist.part"):
        _same_answer(client, path.format(app_id), path.format("app_0000000000000000"), app_id, "app_0000000000000000")
    for path in ("/files/{}/original", "/files/{}/pages/1.jpg", "/files/{}/pages/1"):
        _same_answer(client, path.format(file_id), path.format("file_0000000000000000"), file_id, "file_0000000000000000")


def test_api_answers_404_alike_for_another_branch_and_a_missing_id(client, ctx: Context, two_branches) -> None:  # type: ignore[no-untyped-def]
    app_id, file_id = two_branches
    _, key = IntegrationStore(ctx.db.engine).create_key(name="north-crm", branches=["north"], created_by="root")
    auth = {"headers": {"Authorization": f"Bearer {key}"}}
    for path in ("/api/v1/applications/{}", "/api/v1/applications/{}/checklist", "/api/v1/applications/{}/files"):
        _same_answer(client, path.format(app_id), path.format("app_0000000000000000"), app_id,
                     "app_0000000000000000", **auth)


def test_duplicate_reason_names_no_other_application_or_file(ctx: Context) -> None:
    application = Application(id="app_mine", profile="salaried", application_date=date(2026, 11, 20),
                              created_at=utcnow())
    doc = Document(id="d", file_id="file_mine", type=DocType.ID_CARD, pages=[1], fields={}, stamps=[], meta={})
    dup = DuplicatePage(file_id="file_mine", page=1, other_application="app_theirs", other_file_id="file_theirs",
                        other_page=2)
    bundle = Bundle(application=application, documents=[doc], duplicates=[dup])
    [item] = [r for r in run_checks(bundle, load_policy()) if r.id == "anomaly.duplicate_document"]
    shown = item.model_dump_json()
    assert item.status == "fail" and "another application" in " ".join(item.reasons)
    assert "app_theirs" not in shown and "file_theirs" not in shown


# --- 15. CSRF exemption only for a real API key --------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Authorization": ""}, {"Authorization": "Bearer "}, {"Authorization": "Basic Zm9vOmJhcg=="},
    {"Authorization": "Token abc"}, {"X-API-Key": ""}, {"X-API-Key": "   "}, {"Authorization": "Bearer junk"},
    {"X-API-Key": "junk"},
])
def test_session_cookie_with_junk_auth_headers_still_needs_the_token(client, ctx: Context,  # type: ignore[no-untyped-def]
                                                                     headers: dict[str, str]) -> None:
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    sign_in(client, "ann")
    response = client.post("/api/v1/applications", json={"profile": "salaried"}, headers=headers)
    assert response.status_code in (400, 401), headers
    assert ctx.db.list_applications() == []


def test_a_real_api_key_beside_a_session_needs_no_token(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    _, key = IntegrationStore(ctx.db.engine).create_key(name="crm", branches=["north"], created_by="root")
    sign_in(client, "ann")
    response = client.post("/api/v1/applications", json={"profile": "salaried"}, headers={"X-API-Key": key})
    assert response.status_code == 201


# --- 14. lockout abuse ---------------------------------------------------------------------------

def _attempt(client, username: str, password: str, environ: dict[str, str]):  # type: ignore[no-untyped-def]
    token = _token(client.get("/login", environ_base=environ).get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       environ_base=environ)


def test_an_attacker_cannot_lock_an_officer_out(app, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    attacker, officer = app.test_client(), app.test_client()
    answers = [_attempt(attacker, "ann", f"guess-{i}", ATTACKER).status_code for i in range(12)]
    assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
    throttled = _attempt(attacker, "ann", PASSWORD, ATTACKER)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
    assert _attempt(officer, "ann", PASSWORD, OFFICE).status_code == 302  # from her own desk she gets in


def test_password_spraying_from_one_address_is_slowed(tmp_path: Path) -> None:
    app = create_app(_bare_settings(tmp_path, login_limit_address="8 per 15 minutes"))
    Accounts(app.extensions["docproc"].db).create("ann", PASSWORD, role="officer", branch="north")
    sprayer = app.test_client()
    answers = [_attempt(sprayer, f"user{i}", "Spring2026!", ATTACKER).status_code for i in range(8)]
    assert set(answers) == {401}  # one try per name: no name's own limit is reached
    assert _attempt(sprayer, "ann", PASSWORD, ATTACKER).status_code == 429
    assert _attempt(app.test_client(), "ann", PASSWORD, OFFICE).status_code == 302


def test_throttle_is_a_window_not_a_lock(tmp_path: Path) -> None:
    app = create_app(_bare_settings(tmp_path, login_limit_pair="2 per 2 seconds"))
    Accounts(app.extensions["docproc"].db).create("ann", PASSWORD, role="officer", branch="north")
    client = app.test_client()
    assert [_attempt(client, "ann", "nope-nope", OFFICE).status_code for _ in range(3)] == [401, 401, 429]
    time.sleep(2.2)
    assert _attempt(client, "ann", PASSWORD, OFFICE).status_code == 302


def test_limits_in_redis_survive_a_restart(tmp_path: Path, redis_url: str) -> None:
    settings = _bare_settings(tmp_path, redis_url=redis_url, queue_name=f"attack-{os.getpid()}-{time.time_ns()}")
    before = create_app(settings)
    Accounts(before.extensions["docproc"].db).create("ann", PASSWORD, role="officer", branch="north")
    client = before.test_client()
    assert {_attempt(client, "ann", "nope-nope", ATTACKER).status_code for _ in range(5)} == {401}
    after = create_app(settings)  # a new server process would build the same
    assert _attempt(after.test_client(), "ann", PASSWORD, ATTACKER).status_code == 429


def test_limits_keep_counting_when_redis_is_down(tmp_path: Path) -> None:
    from web.login_throttle import Attempt, LoginThrottle

    throttle = LoginThrottle(_bare_settings(tmp_path, redis_url="redis://127.0.0.1:1/0", login_limit_pair="1 per minute"))
    attempt = Attempt(username="ann", address="198.51.100.7")
    assert throttle.retry_after(attempt) is None
    throttle.failed(attempt)
    assert throttle.retry_after(attempt) is not None


# --- 11. headers, cookies, inline script ---------------------------------------------------------

def test_security_headers_on_pages_and_api(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/login", "/api/v1/applications", "/healthz"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, path
        assert headers["Referrer-Policy"] == "same-origin" and headers["X-Content-Type-Options"] == "nosniff"
        assert "Strict-Transport-Security" not in headers  # plain http: HSTS would mean nothing
    assert "max-age=" in client.get("/login", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_proxy_headers_count_only_when_trusted(tmp_path: Path) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    untrusted = create_app(_bare_settings(tmp_path)).test_client()
    assert "Strict-Transport-Security" not in untrusted.get("/login", headers=forwarded).headers
    trusted = create_app(_bare_settings(tmp_path, trust_proxy=1)).test_client()
    assert "Strict-Transport-Security" in trusted.get("/login", headers=forwarded).headers


def test_session_cookie_is_secure_httponly_samesite(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    cookie = sign_in(client, "ann").headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_templates_and_pages_carry_no_inline_script() -> None:
    for template in (ROOT / "web" / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        for tag in re.findall(r"<script[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (template.name, tag)
