"""Officer accounts, sign-in, sessions, roles, CSRF and the `docproc users` commands."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from docproc.cli.main import main
from docproc.core.errors import InputError, NotFoundError
from docproc.service.context import Context
from docproc.store.accounts import Accounts, users
from docproc.store.integrations import IntegrationStore

PASSWORD = "s3cret-pass"


def _token(html: str) -> str:
    match = re.search(r'name="csrf[-_]token" (?:value|content)="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_in(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    """Sign in through the form like a browser; returns the response."""
    token = _token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def test_passwords_are_salted_hashes_and_checked(ctx: Context) -> None:
    accounts = Accounts(ctx.db)
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    accounts.create("bob", PASSWORD, role="officer", branch="north")
    with ctx.db.engine.begin() as conn:
        hashes = [r.password_hash for r in conn.execute(sa.select(users.c.password_hash)).all()]
    assert all(PASSWORD not in h for h in hashes) and hashes[0] != hashes[1]  # salted
    assert accounts.authenticate("ann", PASSWORD) is not None
    assert accounts.authenticate("ann", "wrong-pass") is None
    assert accounts.authenticate("nobody", PASSWORD) is None
    accounts.update("ann", active=False)
    assert accounts.authenticate("ann", PASSWORD) is None


@pytest.mark.parametrize(("username", "password", "role", "branch"), [
    ("a", PASSWORD, "officer", "north"),          # name too short
    ("ann", "short", "officer", "north"),         # password too short
    ("ann", PASSWORD, "astronaut", "north"),      # unknown role
    ("ann", PASSWORD, "officer", " "),            # no branch
])
def test_invalid_users_are_refused(ctx: Context, username: str, password: str, role: str, branch: str) -> None:
    with pytest.raises(InputError):
        Accounts(ctx.db).create(username, password, role=role, branch=branch)


def test_duplicate_and_unknown_users(ctx: Context) -> None:
    accounts = Accounts(ctx.db)
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    with pytest.raises(InputError, match="taken"):
        accounts.create("ann", PASSWORD, role="admin", branch="south")
    with pytest.raises(NotFoundError):
        accounts.get("zed")


def test_cli_creates_first_admin_adds_and_lists_users(runner, settings) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["users", "create-admin", "--username", "root"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "created admin root" in result.output
    result = runner.invoke(main, ["users", "add", "ann", "--role", "supervisor", "--branch", "north",
                                  "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["users", "add", "ann", "--branch", "north", "--password", PASSWORD])
    assert again.exit_code == 2 and "already taken" in again.output
    listing = runner.invoke(main, ["users", "list"])
    assert re.search(r"root\s+admin", listing.output) and re.search(r"ann\s+supervisor\s+north", listing.output)
    assert runner.invoke(main, ["users", "disable", "ann"]).exit_code == 0
    assert "disabled" in runner.invoke(main, ["users", "list"]).output


def test_pages_need_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/applications", "/applications/new", "/admin/users", "/files/file_x/pages/1.jpg"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
    json_poll = client.get("/applications/app_x/status.json", headers={"Accept": "application/json"})
    assert json_poll.status_code == 401


def test_sign_in_wrong_password_then_right_then_out(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    bad = sign_in(client, "ann", "not-the-password")
    assert bad.status_code == 401 and "错误" in bad.get_data(as_text=True)
    good = sign_in(client, "ann")
    assert good.status_code == 302 and good.headers["Location"].endswith("/applications")
    page = client.get("/applications")
    assert page.status_code == 200 and "ann" in page.get_data(as_text=True)
    token = _token(page.get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/applications").status_code == 302


def test_session_is_renewed_at_sign_in(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    before = _token(client.get("/login").get_data(as_text=True))
    sign_in(client, "ann")
    after = _token(client.get("/applications").get_data(as_text=True))
    assert before != after  # a token planted before sign-in is useless afterwards


def test_next_only_redirects_inside_the_site(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    token = _token(client.get("/login").get_data(as_text=True))
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/login", data={"username": "ann", "password": PASSWORD, "csrf_token": token,
                                               "next": target})
        assert response.headers["Location"].endswith("/applications"), target
        token = _token(client.get("/applications").get_data(as_text=True))


def test_repeated_failures_lock_the_name_for_a_while(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    for _ in range(5):
        assert sign_in(client, "ann", "guess-guess").status_code == 401
    assert sign_in(client, "ann").status_code == 429  # even the right password, until the window moves on


def test_disabled_user_loses_the_session_at_once(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    accounts = Accounts(ctx.db)
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    sign_in(client, "ann")
    assert client.get("/applications").status_code == 200
    accounts.update("ann", active=False)
    assert client.get("/applications").status_code == 302


def test_forms_without_csrf_token_are_refused(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="north")
    assert client.post("/login", data={"username": "ann", "password": PASSWORD}).status_code == 400
    sign_in(client, "ann")
    form = {"profile": "salaried", "application_date": "2026-11-20"}
    refused = client.post("/applications", data=form)
    assert refused.status_code == 400 and "CSRF" in refused.get_data(as_text=True)
    wrong = client.post("/applications", data=form, headers={"X-CSRF-Token": "forged"})
    assert wrong.status_code == 400
    token = _token(client.get("/applications").get_data(as_text=True))
    assert client.post("/applications", data={**form, "csrf_token": token}).status_code == 302
    assert client.post("/logout").status_code == 400  # no signing officers out from other sites either
    # A browser session riding on the API needs the token too; systems without a session do not.
    assert client.post("/api/v1/applications", json={"profile": "salaried"}).status_code == 400


def test_api_without_session_needs_no_csrf_token(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/applications", json={"profile": "salaried"},
                           headers={"Authorization": "Bearer some-key"})
    assert response.status_code != 400  # whatever the API's own authentication says, CSRF is not asked
    assert response.mimetype == "application/problem+json" or response.status_code == 201


def test_roles_guard_admin_pages(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    accounts = Accounts(ctx.db)
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    accounts.create("root", PASSWORD, role="admin", branch="hq")
    sign_in(client, "ann")
    for path in ("/admin/users", "/admin/api-keys", "/admin/policy"):
        response = client.get(path)
        assert response.status_code == 403 and "无权" in response.get_data(as_text=True), path
    client.post("/logout", data={"csrf_token": _token(client.get("/applications").get_data(as_text=True))})
    sign_in(client, "root")
    assert "salaried" in client.get("/admin/policy").get_data(as_text=True)
    assert "No API keys yet" in client.get("/admin/api-keys?lang=en").get_data(as_text=True)
    record, secret = IntegrationStore(ctx.db.engine).create_key(name="crm-prod", branches=["north"], created_by="root")
    keys_page = client.get("/admin/api-keys").get_data(as_text=True)
    assert "crm-prod" in keys_page and record.prefix in keys_page and secret not in keys_page
    token = _token(client.get("/admin/users").get_data(as_text=True))
    form = {"username": "carl", "password": PASSWORD, "role": "supervisor", "branch": "south", "csrf_token": token}
    refused = client.post("/admin/users", data=form)  # "south" is not on the managed list of branches yet
    assert refused.status_code == 422 and 'value="carl"' in refused.get_data(as_text=True)
    assert client.post("/admin/branches", data={"name": " south ", "csrf_token": token}).status_code == 302
    added = client.post("/admin/users", data=form)
    assert added.status_code == 302 and accounts.get("carl").role == "supervisor"
    assert accounts.get("carl").branch == "south"
    assert client.post("/admin/users/root", data={"active": "0", "csrf_token": token}).status_code == 422
    assert accounts.get("root").active
