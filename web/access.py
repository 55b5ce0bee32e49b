"""Shared plumbing of the API views: who is calling, what they may see, bodies in and out.

404 versus 403: an application (or a document, file or webhook under it) outside the caller's
branches answers 404 exactly as an absent one does, so ids of other branches cannot be probed.
403 is kept for things the caller named openly and may not do: creating an application in a
branch outside its scope, managing API keys without the admin role, webhooks without an API key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Request, Response, current_app, jsonify, request
from pydantic import BaseModel, ValidationError

from docproc.core.errors import ForbiddenError, InputError, NotFoundError
from docproc.core.models import Application
from docproc.service.context import Context
from web.errors import problem
from web.principal import Principal, current_principal

M = TypeVar("M", bound=BaseModel)
F = TypeVar("F", bound=Callable[..., Any])


class InvalidFields(InputError):
    """A request body or query that does not match its model (422 with the field errors)."""

    code = "invalid_fields"

    def __init__(self, message: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.errors = errors


class BranchRequired(InputError):
    """A caller serving several branches created an application without naming one."""

    code = "branch_required"


def public(view: F) -> F:
    """Mark a view as open to unauthenticated callers (the API description)."""
    view._public = True  # type: ignore[attr-defined]
    return view


def ctx() -> Context:
    """The app's context."""
    return current_app.extensions["docproc"]  # type: ignore[no-any-return]


def presented_key(req: Request) -> str | None:
    """The API key a request carries, if any (``Authorization: Bearer <key>`` or ``X-API-Key``)."""
    auth = req.headers.get("Authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return req.headers.get("X-API-Key", "").strip() or None


def authenticate() -> Response | None:
    """``before_request`` of the API: 401 problem+json unless an API key or a session answers.

    A key that is presented but unknown or revoked is refused even beside a valid session cookie.
    """
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "_public", False):
        return None
    principal = current_principal()
    if principal is not None and (principal.kind == "api_key" or presented_key(request) is None):
        return None
    if presented_key(request) is not None:
        code, detail = "invalid_api_key", "the API key is unknown or revoked: ask an administrator for a new one"
    else:
        code, detail = "unauthenticated", "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
    response = problem(401, code, detail)
    response.headers["WWW-Authenticate"] = 'Bearer realm="docproc"'
    return response


def caller() -> Principal:
    """The authenticated caller of this request (``authenticate`` ran before)."""
    principal = current_principal()
    if principal is None:  # pragma: no cover - authenticate() answers 401 first
        raise ForbiddenError("not authenticated")
    return principal


def scope_key(principal: Principal) -> str:
    """A stable name of the caller, for idempotency keys and ownership."""
    return f"{principal.kind}:{principal.name}"


def visible_application(application_id: str) -> Application:
    """The application when the caller may see it; NotFoundError otherwise, the same as for an absent one."""
    application = ctx().db.get_application(application_id)
    if not caller().can_see(application):
        raise NotFoundError(f"no application {application_id!r}")
    return application


def creation_branch(principal: Principal, requested: str | None) -> str:
    """The branch a new application goes to: the one named (within scope) or the caller's only one."""
    unrestricted = principal.role == "admin" or not principal.branches
    if requested is not None:
        if not unrestricted and requested not in principal.branches:
            raise ForbiddenError(f"this caller may not create applications in branch {requested!r}")
        return requested
    if unrestricted:
        return "main"
    if len(principal.branches) > 1:
        raise BranchRequired("this caller serves several branches: name one in 'branch'")
    return next(iter(principal.branches))


def _invalid(exc: ValidationError, what: str) -> InvalidFields:
    errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in exc.errors()]
    return InvalidFields(f"the {what} is invalid", errors)


def body(model: type[M]) -> M:
    """The JSON body validated strictly by ``model`` (an absent body is an empty object).

    Strict JSON validation: a date must be "YYYY-MM-DD", not a number; a flag true/false, not "yes".
    """
    raw = request.get_data() or b"{}"
    try:
        return model.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise _invalid(exc, "request body") from None


def query(model: type[M]) -> M:
    """The query string validated by ``model`` (the first value of a repeated parameter)."""
    try:
        return model.model_validate(request.args.to_dict(flat=True))
    except ValidationError as exc:
        raise _invalid(exc, "query") from None


def reply(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    """A model as the JSON answer."""
    return jsonify(model.model_dump(mode="json")), status


def allow_header(response: Response) -> Response:
    """``after_request``: a 405 from the API names the methods the URL does support (RFC 9110)."""
    if response.status_code == 405 and "Allow" not in response.headers and request.path.startswith("/api/"):
        adapter = current_app.url_map.bind_to_environ(request.environ)
        response.headers["Allow"] = ", ".join(sorted(adapter.allowed_methods(request.path)))
    return response


def invalid_fields(exc: InvalidFields) -> Response:
    """Error handler: 422 problem with each field's location and message."""
    return problem(422, exc.code, exc.message, errors=exc.errors)
