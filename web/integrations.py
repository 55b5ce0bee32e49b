"""System access: API keys and webhooks for integrating systems."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the API-key authenticator and the integration endpoints."""
