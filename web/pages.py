"""HTML pages (the officers' page); the probes live in :mod:`web.operations`."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask.typing import ResponseReturnValue

from web import officer
from web.auth import officer as signed_in_officer

bp = Blueprint("pages", __name__)
for _child in officer.blueprints():
    bp.register_blueprint(_child)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Officers go to their applications; everyone else to the sign-in page."""
    if signed_in_officer() is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for("pages.applications.index"))
