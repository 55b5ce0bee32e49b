"""CSRF protection for the officers' page: a per-session token checked on every unsafe request.

Forms carry it in a hidden ``csrf_token`` field, ``fetch`` calls in an ``X-CSRF-Token`` header.
Requests to /api/v1 are exempt unless they ride on an officer's session cookie.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def token() -> str:
    """This session's token, created on first use."""
    value = session.get(FIELD)
    if not isinstance(value, str):
        value = secrets.token_urlsafe(32)
        session[FIELD] = value
    return value


def rotate() -> str:
    """A fresh token (at sign-in, so a token seen before sign-in is useless after it)."""
    session.pop(FIELD, None)
    return token()


def _needs_check() -> bool:
    if request.method in SAFE_METHODS:
        return False
    if request.path.startswith("/api/"):
        # Systems use API keys; only a browser carrying an officer's session needs the token.
        return "user" in session and "Authorization" not in request.headers and "X-API-Key" not in request.headers
    return True


def protect() -> None:
    """Refuse (400) an unsafe request whose token is missing or wrong."""
    if not _needs_check():
        return
    sent = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    expected = session.get(FIELD)
    if not isinstance(expected, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description="the form has expired or was not sent from this site (CSRF token missing or wrong)")


def safe_path(target: str | None, default: str = "/") -> str:
    """``target`` when it is a local path, else ``default`` (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return default
    return target


def init_app(app: Flask) -> None:
    """Check every request; give templates ``csrf_token()``."""
    app.before_request(protect)
    app.jinja_env.globals["csrf_token"] = token
