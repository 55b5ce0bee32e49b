"""The web page and the REST API (Flask app factory)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from docproc.core.log_masking import install_log_masking
from docproc.core.settings import Settings
from docproc.service.context import Context, build_context


def create_app(settings: Settings | None = None, *, ctx: Context | None = None,
               config: dict[str, Any] | None = None) -> Flask:
    """Build the app; settings are read from the environment when not given."""
    from web import api_integrations, api_tree, audit, auth, demo_hint, errors, headers, operations, pages
    from web.secret_key import session_secret

    install_log_masking()  # every log line of the process, the access log included
    settings = settings or (ctx.settings if ctx else Settings())
    app = Flask(__name__)
    app.config.update(SECRET_KEY=session_secret(settings), MAX_CONTENT_LENGTH=settings.max_upload_bytes + 1024 * 1024,
                      SESSION_COOKIE_SECURE=settings.cookie_secure)
    app.config.update(config or {})
    app.extensions["docproc"] = ctx or build_context(settings)
    app.extensions["docproc.queue"] = _queue(settings)
    errors.register(app)
    operations.init_app(app)
    headers.init_app(app, settings)
    auth.init_app(app)
    demo_hint.init_app(app)
    api_integrations.init_app(app)
    audit.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api_tree.bp, url_prefix="/api/v1")
    return app


def _queue(settings: Settings) -> Any:
    if not settings.redis_url:
        return None
    from docproc.service import jobs as worker

    return worker.make_queue(worker.connect(settings.redis_url), settings)
