"""Security headers on every answer, and the proxy headers to trust (``DOCPROC_TRUST_PROXY``)."""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from docproc.core.settings import Settings

# Scripts and styles come from our own static files only: no inline script, handler or style.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000; includeSubDomains"
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def add_security_headers(response: Response) -> Response:
    """``after_request``: the headers above; HSTS when the request came over https."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask, settings: Settings) -> None:
    """Install the headers; behind ``trust_proxy`` proxies, take client address, scheme and host from them."""
    if settings.trust_proxy > 0:
        hops = settings.trust_proxy
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.after_request(add_security_headers)
