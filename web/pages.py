"""HTML pages (the officers' page) and the health probe."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, url_for
from flask.typing import ResponseReturnValue

from web import officer
from web.auth import officer as signed_in_officer

bp = Blueprint("pages", __name__)
for _child in officer.blueprints():
    bp.register_blueprint(_child)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    """200 when the database (and the queue, if any) answer."""
    ctx = current_app.extensions["docproc"]
    ctx.db.list_applications()
    queue = current_app.extensions["docproc.queue"]
    if queue is not None:
        queue.connection.ping()
    return jsonify({"status": "ok", "queue": "redis" if queue is not None else "inline"})


@bp.get("/")
def index() -> ResponseReturnValue:
    """Officers go to their applications; everyone else to the sign-in page."""
    if signed_in_officer() is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for("pages.applications.index"))
