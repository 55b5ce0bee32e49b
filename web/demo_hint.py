"""The first minute on a development server: the sign-in page names the demo account (`docproc demo` made it)."""

from __future__ import annotations

from flask import Flask, current_app, request

from docproc.service.demo import DEMO_PASSWORD, DEMO_USER


def init_app(app: Flask) -> None:
    """Offer ``demo_account`` (username, password) to the sign-in page, in development and when the account exists."""

    @app.context_processor
    def demo_account() -> dict[str, object]:
        ctx = current_app.extensions["docproc"]
        if request.endpoint != "auth.login" or not ctx.settings.development:
            return {}
        user = current_app.extensions["docproc.store.accounts"].find(DEMO_USER)
        return {"demo_account": (DEMO_USER, DEMO_PASSWORD)} if user is not None and user.active else {}
