"""CSRF protection for the officers' page: a per-session token checked on every unsafe request.

Forms carry it in a hidden ``csrf_token`` field, ``fetch`` calls in an ``X-CSRF-Token`` header.
Requests to /api/v1 are exempt only when they authenticate with a valid API key: one that rides on
an officer's session cookie needs the token, whatever else it carries in its headers.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from flask import Flask, request, session
from werkzeug.exceptions import BadRequest

from web.principal import current_principal

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
        # A browser adds the cookie by itself, never a valid key: the session is what must be guarded.
        principal = current_principal()
        return principal is not None and principal.kind == "session"
    return True


class CsrfRefused(BadRequest):
    """A post without this session's token (400); ``zh`` is what a Chinese page says."""

    description = "the form has expired or was not sent from this site (CSRF token missing or wrong)"
    zh = "表单已过期或不是从本站提交的（CSRF 令牌缺失或错误），请返回刷新后重试"


def protect() -> None:
    """Refuse (400) an unsafe request whose token is missing or wrong."""
    if not _needs_check():
        return
    sent = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    expected = session.get(FIELD)
    if not isinstance(expected, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfRefused()


def safe_path(target: str | None, default: str = "/") -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirects).

    Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so ``/<tab>/evil``
    would become ``//evil``: any control character or backslash disqualifies the target.
    """
    if not target or "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def init_app(app: Flask) -> None:
    """Check every request; give templates ``csrf_token()``."""
    app.before_request(protect)
    app.jinja_env.globals["csrf_token"] = token
