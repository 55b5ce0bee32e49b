"""Administration pages (admins only): users (role, branch, password, state), the managed list of branches, a
read-only view of API keys, the policy in force."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from docproc.core.errors import InputError
from docproc.store.accounts import MIN_PASSWORD, ROLES, Branches
from docproc.store.integrations import IntegrationStore
from web.auth import accounts, require_role, signed_in
from web.i18n import translate
from web.officer.common import ctx
from web.wording import exception_text

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _branches() -> Branches:
    return Branches(ctx().db)


def _users_page(status: int = 200, **shown: Any) -> ResponseReturnValue:
    """The users page; ``shown`` carries a refused form: ``errors`` by field and the ``typed`` values, or ``error``."""
    page = render_template("admin_users.html", users=accounts().list(), roles=ROLES, branches=_branches().list(),
                           error=shown.get("error"), errors=shown.get("errors", {}), typed=shown.get("typed", {}),
                           branch_error=shown.get("branch_error"))
    return page, status


@bp.get("/users")
@require_role("admin")
def users() -> ResponseReturnValue:
    """Every user with role, branch and state, and the add form."""
    return _users_page()


def _field_errors(form: Any) -> dict[str, str]:
    """What is wrong with the add form, field by field, before the store is asked."""
    errors = {}
    if len(form.get("password", "")) < MIN_PASSWORD:
        errors["password"] = translate("password_too_short").format(n=MIN_PASSWORD)
    if form.get("role", "officer") not in ROLES:
        errors["role"] = translate("choose_role")
    if not _branches().known(form.get("branch", "")):
        errors["branch"] = translate("choose_branch")
    return errors


@bp.post("/users")
@require_role("admin")
def add_user() -> ResponseReturnValue:
    """Add a user (the branch from the managed list); a refusal keeps what was typed, the reason beside its field."""
    form = request.form
    typed = {k: form.get(k, "") for k in ("username", "role", "branch")}
    errors = _field_errors(form)
    if not errors:
        try:
            accounts().create(form.get("username", "").strip(), form.get("password", ""),
                              role=form.get("role", "officer"), branch=form.get("branch", ""))
        except InputError as exc:  # what remains after the checks above is about the name: taken or malformed
            errors["username"] = exception_text(exc)
    if errors:
        return _users_page(422, errors=errors, typed=typed)
    flash(translate("user_saved"))
    return redirect(url_for(".users"))


@bp.post("/users/<username>")
@require_role("admin")
def update_user(username: str) -> ResponseReturnValue:
    """Change a user's role, branch, state or password (an admin cannot disable themself)."""
    form = request.form
    active = None if "active" not in form else form["active"] == "1"
    if active is False and username == signed_in().name:
        raise InputError("you cannot disable your own account", zh=translate("fe_own_account", "zh"))
    branch = form.get("branch") or None
    if branch is not None and not _branches().known(branch):
        return _users_page(422, error=translate("choose_branch"))
    try:
        accounts().update(username, role=form.get("role") or None, branch=branch,
                          active=active, password=form.get("password") or None)
    except InputError as exc:
        return _users_page(422, error=exception_text(exc))
    flash(translate("user_saved"))
    return redirect(url_for(".users"))


@bp.post("/branches")
@require_role("admin")
def add_branch() -> ResponseReturnValue:
    """Add a branch to the managed list (spaces around the name dropped, never listed twice)."""
    try:
        _branches().add(request.form.get("name", ""))
    except InputError as exc:
        return _users_page(422, branch_error=exc.message)
    flash(translate("branch_saved"))
    return redirect(url_for(".users"))


@bp.get("/api-keys")
@require_role("admin")
def api_keys() -> ResponseReturnValue:
    """Read-only list of API keys (names, owners, dates; never the secrets)."""
    keys = IntegrationStore(ctx().db.engine).list_keys()
    return render_template("admin_keys.html", keys=keys)


@bp.get("/policy")
@require_role("admin")
def policy() -> ResponseReturnValue:
    """The policy in force: profiles with their required documents, windows and thresholds."""
    return render_template("admin_policy.html", policy=ctx().policy)
