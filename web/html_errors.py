"""Error pages for people: HTML outside /api, problem+json (the API's contract) inside it."""

from __future__ import annotations

import logging

from flask import Flask, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from docproc.core.errors import DocprocError, ForbiddenError, NotFoundError
from web.errors import problem
from web.i18n import current_lang
from web.operations import PROBE_PATHS
from web.wording import exception_text

log = logging.getLogger(__name__)
_KNOWN = (400, 401, 403, 404, 413, 500)


def _for_api() -> bool:
    return (request.path.startswith("/api/") or request.path in PROBE_PATHS
            or request.accept_mimetypes.best == "application/json")


def error_page(status: int, detail: str = "") -> ResponseReturnValue:
    """The error page, in the officer's language, with a way back."""
    key = f"err_{status if status in _KNOWN else 400 if 400 <= status < 500 else 500}"
    return render_template("error.html", status=status, key=key, detail=detail), status


def init_app(app: Flask) -> None:
    """Install handlers that answer HTML for pages and keep problem+json for the API."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        if _for_api():
            return problem(status, (exc.name or "error").lower().replace(" ", "_"), exc.description or "")
        if status == 401:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        # werkzeug's and our abort() descriptions are English: a Chinese page shows an exception's own
        # Chinese (``zh``, as web.csrf.CsrfRefused has) or keeps to its title
        return error_page(status, exc.description or "" if current_lang() == "en" else getattr(exc, "zh", ""))

    @app.errorhandler(DocprocError)
    def docproc_error(exc: DocprocError) -> ResponseReturnValue:
        if _for_api():
            return problem(exc.http_status, exc.code, exc.message)
        if exc.http_status >= 500:
            log.error("error on %s %s: %s", request.method, request.path, exc.message)
        status = exc.http_status if isinstance(exc, ForbiddenError | NotFoundError) else min(exc.http_status, 500)
        return error_page(status, exception_text(exc))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("unhandled error on %s %s", request.method, request.path)
        if _for_api():
            return problem(500, "internal_error", "an unexpected error occurred; it has been logged")
        return error_page(500)
