"""Webhook payloads, HMAC-SHA256 signatures and one delivery attempt over HTTP.

A receiver checks a delivery like this (``verify`` does exactly that)::

    expected = hmac_sha256(secret, f"{headers['Docproc-Timestamp']}.".encode() + body).hexdigest()
    headers["Docproc-Signature"] == "sha256=" + expected, and the timestamp is recent (replays)
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import socket
import ssl
import time
from typing import Any

from docproc.core.clock import utcnow
from docproc.core.errors import BlockedTarget, UnresolvedTarget
from docproc.core.models import Application, Checklist
from docproc.core.webhook_targets import Target, TargetPolicy, check
from docproc.service import metrics, wire
from docproc.service.changes import content_key
from docproc.service.context import Context
from docproc.store.catalog import previous_checklist
from docproc.store.integrations import DeliveryAttempt, IntegrationStore

SIGNATURE_HEADER = "Docproc-Signature"
TIMESTAMP_HEADER = "Docproc-Timestamp"
EVENT_HEADER = "Docproc-Event"
DELIVERY_HEADER = "Docproc-Delivery"
TOLERANCE_S = 300
TIMEOUT_S = 10.0


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value: ``sha256=`` + HMAC-SHA256(secret, "<timestamp>." + body) in hex."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, *, timestamp: str, body: bytes, signature: str, now: float | None = None,
           tolerance_s: int = TOLERANCE_S) -> bool:
    """Whether a delivery is authentic and fresh (what a receiver should check)."""
    try:
        moment = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - moment) > tolerance_s:
        return False
    return hmac.compare_digest(sign(secret, moment, body), signature)


def event_of(previous: Checklist | None, checklist: Checklist) -> str | None:
    """``checklist.created``, ``checklist.changed``, or None when the content did not change."""
    if previous is None:
        return "checklist.created"
    return None if content_key(previous) == content_key(checklist) else "checklist.changed"


def payload(event: str, application: Application, checklist: Checklist) -> dict[str, Any]:
    """What is POSTed: the event, the application's references and the whole checklist JSON."""
    return {
        "event": event,
        "created_at": utcnow().isoformat(),
        "application": {"id": application.id, "external_ref": application.external_ref,
                        "branch": application.branch},
        "checklist": wire.checklist_json(checklist),
    }


class _PinnedHTTP(http.client.HTTPConnection):
    """Plain http to the checked address (Host stays the URL's host)."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        """Connect to the checked address, never to a fresh lookup of the host."""
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """https to the checked address; the certificate is verified for the URL's host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self.address = target.address

    def connect(self) -> None:
        """Connect to the checked address and verify the certificate for the URL's host."""
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def error_class(exc: BaseException) -> str:
    """Our own word for a failed attempt: what a log may show (never the target's answer or address)."""
    if isinstance(exc, UnresolvedTarget):
        return "dns"
    if isinstance(exc, BlockedTarget):
        return "blocked target"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return "tls"
    if isinstance(exc, ConnectionResetError | http.client.RemoteDisconnected | BrokenPipeError):
        return "connection closed"
    if isinstance(exc, http.client.HTTPException):
        return "bad http answer"
    return "unreachable"


def _status_error(status: int) -> str | None:
    if 200 <= status < 300:
        return None
    if 300 <= status < 400:
        return f"http {status // 100}xx (redirects are not followed)"
    return f"http {status // 100}xx"


def post(url: str, body: bytes, headers: dict[str, str], *, targets: TargetPolicy,
         timeout: float = TIMEOUT_S) -> DeliveryAttempt:
    """POST once to the address checked now; a 2xx is success, anything else is logged by its class."""
    started, at = time.monotonic(), utcnow()
    status: int | None = None
    error: str | None = None
    connection: http.client.HTTPConnection | None = None
    try:
        target = check(url, targets)  # again at every delivery: the name may point elsewhere now
        connection = (_PinnedHTTPS if target.scheme == "https" else _PinnedHTTP)(target, timeout)
        connection.request("POST", target.path, body=body, headers={"Content-Type": "application/json", **headers})
        response = connection.getresponse()
        status, error = response.status, _status_error(response.status)
    except (BlockedTarget, OSError, http.client.HTTPException) as exc:
        error = error_class(exc)
    finally:
        if connection is not None:
            connection.close()
    return DeliveryAttempt(at=at, status_code=status, error=error,
                           duration_ms=int((time.monotonic() - started) * 1000))


def attempt_delivery(store: IntegrationStore, delivery_id: str, *, targets: TargetPolicy, final: bool = False,
                     timeout: float = TIMEOUT_S) -> DeliveryAttempt | None:
    """Sign and POST a stored delivery once and log the attempt (``final``: no retry follows).

    None when there is nothing to send any more (the webhook was deleted; logged as the last attempt).
    """
    delivery = store.get_delivery(delivery_id)
    hook = store.get_webhook(delivery.webhook_id)
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()
    timestamp = int(time.time())
    headers = {SIGNATURE_HEADER: sign(hook.secret, timestamp, body), TIMESTAMP_HEADER: str(timestamp),
               EVENT_HEADER: delivery.event, DELIVERY_HEADER: delivery.id, "User-Agent": "docproc-webhooks/1"}
    if hook.deleted_at is not None:
        store.record_attempt(delivery_id, DeliveryAttempt(at=utcnow(), error="the webhook was deleted"), final=True)
        return None
    attempt = post(hook.url, body, headers, targets=targets, timeout=timeout)
    store.record_attempt(delivery_id, attempt, final=final)
    if attempt.error is not None:
        metrics.inc("webhook_failures_total")
    return attempt


def record_deliveries(store: IntegrationStore, *, application: Application, previous: Checklist | None,
                      checklist: Checklist, max_attempts: int) -> list[str]:
    """Create a delivery for each subscriber when the checklist is new or changed; returns their ids."""
    event = event_of(previous, checklist)
    if event is None:
        return []
    body = payload(event, application, checklist)
    return [
        store.add_delivery(webhook_id=hook.id, event=event, application_id=application.id, payload=body,
                           max_attempts=max_attempts).id
        for hook in store.subscribers(branch=application.branch, event=event)
    ]


def deliveries_for(ctx: Context, checklist: Checklist) -> list[str]:
    """Deliveries for a just-stored checklist, measured against the one stored before it."""
    return record_deliveries(
        IntegrationStore(ctx.db.engine), application=ctx.db.get_application(checklist.application),
        previous=previous_checklist(ctx.db, checklist.application), checklist=checklist,
        max_attempts=ctx.settings.job_retries + 1,
    )
