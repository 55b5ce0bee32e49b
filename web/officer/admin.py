"""Administration pages (admins only): users, a read-only view of API keys, the policy in force."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from docproc.core.errors import InputError
from docproc.store.accounts import ROLES
from docproc.store.integrations import IntegrationStore
from web.auth import accounts, require_role, signed_in
from web.i18n import translate
from web.officer.common import ctx
from web.wording import exception_text

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@require_role("admin")
def users() -> ResponseReturnValue:
    """Every user with role, branch and state, and the add form."""
    return render_template("admin_users.html", users=accounts().list(), roles=ROLES, error=None)


@bp.post("/users")
@require_role("admin")
def add_user() -> ResponseReturnValue:
    """Add a user."""
    form = request.form
    try:
        accounts().create(form.get("username", "").strip(), form.get("password", ""),
                          role=form.get("role", "officer"), branch=form.get("branch", ""))
    except InputError as exc:
        return render_template("admin_users.html", users=accounts().list(), roles=ROLES, error=exception_text(exc)), 422
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
    try:
        accounts().update(username, role=form.get("role") or None, branch=form.get("branch") or None,
                          active=active, password=form.get("password") or None)
    except InputError as exc:
        return render_template("admin_users.html", users=accounts().list(), roles=ROLES, error=exception_text(exc)), 422
    flash(translate("user_saved"))
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
