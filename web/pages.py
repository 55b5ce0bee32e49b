"""HTML pages (the officers' page grows here) and the health probe."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

bp = Blueprint("pages", __name__)


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
def index():  # type: ignore[no-untyped-def]
    """A pointer to the API until the officers' page lands."""
    return (
        "<!doctype html><meta charset=utf-8><title>docproc</title>"
        "<h1>docproc</h1><p>API: <code>/api/v1</code>; health: <a href=/healthz>/healthz</a></p>"
    )
