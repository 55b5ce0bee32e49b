"""Idempotency-Key on POSTs: a retried request with the same key creates nothing twice.

The first request with a key claims it and its answer is stored; a retry from the same caller
with the same request gets that answer again (header ``Idempotent-Replayed: true``). The same key
with a different request is 422; a retry while the first request still runs is 409. Server
errors release the key, so a retry after a 5xx runs again. Keys live 24 hours.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, jsonify, make_response, request

from docproc.store.integrations import IntegrationStore
from web.access import caller, ctx, scope_key
from web.errors import problem

F = TypeVar("F", bound=Callable[..., Any])
HEADER = "Idempotency-Key"
_VALID = re.compile(r"[!-~]{1,200}")


def fingerprint() -> str:
    """What makes two requests "the same": path and content (file digests for uploads, not boundaries)."""
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if request.mimetype == "multipart/form-data":
        for name, value in sorted(request.form.items(multi=True)):
            digest.update(f"form {name}={value}\n".encode())
        for name, upload in request.files.items(multi=True):
            content = hashlib.sha256()
            for chunk in iter(lambda: upload.stream.read(1 << 20), b""):  # noqa: B023 (consumed at once)
                content.update(chunk)
            upload.stream.seek(0)
            digest.update(f"file {name} {upload.filename} {content.hexdigest()}\n".encode())
    else:
        raw = request.get_data()
        with contextlib.suppress(ValueError):
            raw = json.dumps(json.loads(raw), sort_keys=True).encode()
        digest.update(raw)
    return digest.hexdigest()


def _replay(status: int, body: Any) -> Response:
    response = jsonify(body)
    response.status_code = status
    if status >= 400:
        response.mimetype = "application/problem+json"
    response.headers["Idempotent-Replayed"] = "true"
    return response


def idempotent(view: F) -> F:
    """Honour an Idempotency-Key header on this POST view."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not _VALID.fullmatch(key):
            return problem(422, "invalid_idempotency_key", "Idempotency-Key must be 1-200 printable ASCII characters")
        store, scope, signature = IntegrationStore(ctx().db.engine), scope_key(caller()), fingerprint()
        earlier = store.begin_idempotent(scope, key, signature)
        if earlier is not None:
            if earlier.fingerprint != signature:
                return problem(422, "idempotency_key_reused",
                               "this Idempotency-Key was used for a different request: use a new key")
            if earlier.status_code is None:
                return problem(409, "idempotency_key_in_use",
                               "a request with this Idempotency-Key is still running: retry in a moment")
            return _replay(earlier.status_code, earlier.body)
        try:
            response = make_response(view(*args, **kwargs))
        except BaseException:
            store.abandon_idempotent(scope, key)  # an error answer is not remembered: the retry runs again
            raise
        if response.status_code >= 500 or not response.is_json:
            store.abandon_idempotent(scope, key)
        else:
            store.finish_idempotent(scope, key, status_code=response.status_code, body=response.get_json())
        return response

    return wrapper  # type: ignore[return-value]
