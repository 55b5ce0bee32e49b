"""HTML pages (the officers' page) and the liveness and readiness probes."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, jsonify, redirect, url_for
from flask.typing import ResponseReturnValue
from redis.exceptions import RedisError

from web import officer
from web.auth import officer as signed_in_officer

bp = Blueprint("pages", __name__)
for _child in officer.blueprints():
    bp.register_blueprint(_child)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    """Liveness: 200 while the process answers requests (it touches neither the database nor Redis)."""
    queue = current_app.extensions["docproc.queue"]
    return jsonify({"status": "ok", "queue": "redis" if queue is not None else "inline"})


@bp.get("/readyz")
def readyz():  # type: ignore[no-untyped-def]
    """Readiness: 200 when the database answers and, with a queue, Redis answers and at least one
    worker has a live heartbeat; else 503 with the reason."""
    from docproc.service import jobs as worker

    ctx = current_app.extensions["docproc"]
    queue = current_app.extensions["docproc.queue"]
    try:
        with ctx.db.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        return _not_ready(f"the database does not answer ({type(exc).__name__})")
    if queue is None:
        return jsonify({"status": "ready", "queue": "inline"})
    try:
        live = worker.live_workers(queue, ctx.settings.worker_heartbeat_ttl)
    except RedisError as exc:
        return _not_ready(f"the queue does not answer ({type(exc).__name__})")
    if not live:
        return _not_ready("no worker has a live heartbeat: uploads are stored but not read")
    return jsonify({"status": "ready", "queue": "redis", "workers": live})


def _not_ready(reason: str) -> tuple[Response, int]:
    response = jsonify({"status": "not_ready", "reason": reason})
    response.headers["Retry-After"] = "5"
    return response, 503


@bp.get("/")
def index() -> ResponseReturnValue:
    """Officers go to their applications; everyone else to the sign-in page."""
    if signed_in_officer() is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for("pages.applications.index"))
