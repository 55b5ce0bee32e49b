"""What operators and their tools read: liveness (``/livez``, and ``/healthz`` as before), readiness
(``/readyz``), Prometheus figures (``/metrics``), and a request id on every request and log line.

Each probe costs a fixed number of round trips whatever the data volume: liveness none, readiness one
``SELECT 1``, one object lookup in storage and two Redis calls; ``/metrics`` one Redis hash, the queue
length and one grouped count of files by state.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import uuid
from contextvars import Token
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, abort, current_app, g, jsonify, request
from redis.exceptions import RedisError

from docproc.core.log_format import APPLICATION_ID, REQUEST_ID
from docproc.service import metrics
from docproc.store import tables

bp = Blueprint("operations", __name__)
REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
PROBE_PATHS = ("/livez", "/healthz", "/readyz", "/metrics")
_ABSENT_BLOB = "0" * 64  # no upload hashes to this: looking it up proves storage answers, in O(1)


@bp.get("/livez")
def livez():  # type: ignore[no-untyped-def]
    """Liveness: 200 while the process answers requests (it touches neither the database nor Redis)."""
    queue = current_app.extensions["docproc.queue"]
    return jsonify({"status": "ok", "queue": "redis" if queue is not None else "inline"})


bp.add_url_rule("/healthz", "healthz", livez)  # the name load balancers already probe


@bp.get("/readyz")
def readyz():  # type: ignore[no-untyped-def]
    """Readiness: 200 when the database and storage answer and, with a queue, Redis answers and at least
    one worker has a live heartbeat; else 503 with the reason."""
    from docproc.service import jobs as worker

    ctx = current_app.extensions["docproc"]
    queue = current_app.extensions["docproc.queue"]
    try:
        with ctx.db.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        return _not_ready(f"the database does not answer ({type(exc).__name__})")
    try:
        ctx.blobs.exists(_ABSENT_BLOB)
    except Exception as exc:  # any backend's failure (a local disk error, S3 unreachable or refusing)
        return _not_ready(f"the storage does not answer ({type(exc).__name__})")
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


@bp.get("/metrics")
def prometheus_metrics() -> Response:
    """The Prometheus text format: recorded figures (from Redis) and gauges read now. Open to loopback
    clients, or to anyone presenting ``DOCPROC_METRICS_TOKEN`` as a bearer token; else 404."""
    from prometheus_client import CONTENT_TYPE_LATEST
    from prometheus_client.exposition import generate_latest

    if not _may_read_metrics():
        abort(404)
    ctx = current_app.extensions["docproc"]
    queue = current_app.extensions["docproc.queue"]
    recorded: dict[str, float] = {}
    gauges: dict[str, tuple[str, dict[tuple[tuple[str, str], ...], float]]] = {}
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(sa.select(tables.files.c.state, sa.func.count()).group_by(tables.files.c.state)).all()
    gauges["files"] = ("Stored files by state.", {(("state", str(state)),): float(n) for state, n in rows})
    if queue is not None:
        try:
            gauges["queue_depth"] = ("Jobs waiting in the queue.", {(("queue", queue.name),): float(queue.count)})
            recorded = metrics.read_recorded(queue.connection, ctx.settings.queue_name)
        except RedisError:
            gauges["queue_up"] = ("Whether the queue answered this scrape.", {(): 0.0})
    body = generate_latest(_Families(metrics.families(recorded, gauges)))  # type: ignore[arg-type]
    return Response(body, mimetype=CONTENT_TYPE_LATEST.split(";")[0], content_type=CONTENT_TYPE_LATEST)


class _Families:
    """A one-shot registry for ``generate_latest``: these families, collected once."""

    def __init__(self, families: list[Any]) -> None:
        self._families = families

    def collect(self) -> list[Any]:
        """The families."""
        return self._families


def _may_read_metrics() -> bool:
    token = current_app.extensions["docproc"].settings.metrics_token
    given = request.headers.get("Authorization", "")
    if token is not None and token.get_secret_value() and given.startswith("Bearer "):
        return hmac.compare_digest(given[len("Bearer "):].encode(), token.get_secret_value().encode())
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def _bind_request_ids() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.log_tokens = [REQUEST_ID.set(g.request_id)]
    application_id = (request.view_args or {}).get("application_id")
    if isinstance(application_id, str):
        g.log_tokens.append(APPLICATION_ID.set(application_id))


def _add_request_id(response: Response) -> Response:
    if "request_id" in g:
        response.headers[REQUEST_ID_HEADER] = g.request_id
    return response


def _unbind_request_ids(_exc: BaseException | None) -> None:
    tokens: list[Token[str | None]] = g.pop("log_tokens", [])
    for token in reversed(tokens):
        token.var.reset(token)


def init_app(app: Flask) -> None:
    """Register the probes and /metrics, and give every request an id (``X-Request-ID``, taken from
    the proxy when it sends a sane one) that its log lines carry."""
    app.register_blueprint(bp)
    app.before_request_funcs.setdefault(None, []).insert(0, _bind_request_ids)
    app.after_request(_add_request_id)
    app.teardown_request(_unbind_request_ids)
