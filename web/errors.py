"""Errors at the web edge: application/problem+json for the API, plain pages elsewhere."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from docproc.core.errors import DocprocError

log = logging.getLogger(__name__)


def problem(status: int, code: str, detail: str, **extra: object) -> Response:
    """An RFC 9457 problem response with a stable ``type``."""
    body = {"type": f"https://docproc.dev/problems/{code}", "title": code.replace("_", " "),
            "status": status, "detail": detail, **extra}
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def register(app: Flask) -> None:
    """Install the handlers."""

    @app.errorhandler(DocprocError)
    def docproc_error(exc: DocprocError) -> Response:
        return problem(exc.http_status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        code = (exc.name or "error").lower().replace(" ", "_")
        return problem(exc.code or 500, code, exc.description or "")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem(500, "internal_error", "an unexpected error occurred; it has been logged")
