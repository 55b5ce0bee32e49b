"""Officer sign-in: users, sessions, roles and CSRF (the officers' web page)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the session authenticator and the sign-in pages."""
