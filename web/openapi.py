"""The OpenAPI 3.1 document, generated from the views' pydantic models, and its reference page.

Views declare what they take and answer with ``@operation(...)``; :func:`build_spec` walks the
app's URL map, so a route cannot exist without appearing in the document (or vice versa).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from flask import Blueprint, Flask, Response, current_app, jsonify
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from web.access import public
from web.api_models import Problem

F = TypeVar("F", bound=Callable[..., Any])
REF = "#/components/schemas/{model}"
PATH_PARAM = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,64}$"}
PROBLEM = "application/problem+json"
Body = type[BaseModel] | tuple[str, ...] | None  # a model (JSON), media types (bytes), or no body
_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No content", 400: "Bad request",
            401: "No valid API key or session", 403: "Not allowed for this caller", 404: "Not found (or not visible)",
            409: "Idempotency-Key in use by a request still running", 413: "Upload too large",
            415: "Unsupported media type", 422: "Invalid fields or input"}

docs_bp = Blueprint("docs", __name__)


@dataclass(frozen=True)
class Operation:
    """What one view takes and answers, for the OpenAPI document."""

    summary: str
    tag: str
    responses: dict[int, Body]
    body: type[BaseModel] | None = None
    body_media: Literal["application/json", "multipart/form-data"] = "application/json"
    query: type[BaseModel] | None = None
    idempotent: bool = False
    public: bool = False
    description: str = ""
    extra_headers: dict[str, str] = field(default_factory=dict)


def operation(summary: str, *, tag: str, responses: dict[int, Body], **options: Any) -> Callable[[F], F]:
    """Attach an :class:`Operation` to a view (read by :func:`build_spec`)."""

    def mark(view: F) -> F:
        view._openapi = Operation(summary=summary, tag=tag, responses=responses, **options)  # type: ignore[attr-defined]
        return view

    return mark


def _collect(app: Flask) -> list[tuple[str, str, str, Operation]]:
    found = []
    for rule in app.url_map.iter_rules():
        op = getattr(app.view_functions.get(rule.endpoint), "_openapi", None)
        if op is None or not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((path, method.lower(), rule.endpoint, op))
    return sorted(found)


def _models(ops: list[tuple[str, str, str, Operation]]) -> list[tuple[type[BaseModel], Literal["validation", "serialization"]]]:
    wanted: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = [(Problem, "serialization")]
    for *_, op in ops:
        wanted += [(m, "serialization") for m in op.responses.values() if isinstance(m, type)]
        wanted += [(m, "validation") for m in (op.body, op.query) if m is not None]
    return list(dict.fromkeys(wanted))


def _response(status: int, body: Body, refs: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"description": _REASONS.get(status, "")}
    if isinstance(body, type):
        out["content"] = {"application/json": {"schema": refs[(body, "serialization")]}}
    elif isinstance(body, tuple):
        out["content"] = {media: {"schema": {"type": "string", "format": "binary"}} for media in body}
    return out


def _query_parameters(model: type[BaseModel], definitions: dict[str, Any]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(ref_template=REF, mode="validation")
    definitions.update(schema.get("$defs", {}))
    params = []
    for name, prop in schema["properties"].items():
        prop = dict(prop)
        if "anyOf" in prop:  # optional: the parameter is simply left out, never sent as null
            prop = next((s for s in prop.pop("anyOf") if s.get("type") != "null"), {}) | prop
        if prop.get("default") is None:
            prop.pop("default", None)
        prop.pop("title", None)
        params.append({"name": name, "in": "query", "required": name in schema.get("required", []), "schema": prop})
    return params


def _operation(path: str, method: str, endpoint: str, op: Operation, refs: dict[Any, Any],
               definitions: dict[str, Any]) -> dict[str, Any]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": PATH_PARAM} for name in re.findall(r"{(\w+)}", path)
    ]
    if op.query is not None:
        params += _query_parameters(op.query, definitions)
    if op.idempotent:
        params.append({"name": "Idempotency-Key", "in": "header", "required": False,
                       "description": "A retry with the same key (same caller, same body) returns the first answer "
                                      "and creates nothing twice; keys are kept 24 hours.",
                       "schema": {"type": "string", "pattern": r"^[!-~]{1,200}$"}})
    responses = {str(s): _response(s, b, refs) for s, b in sorted(op.responses.items())}
    problems = {401, 422} | ({404} if "{" in path else set()) | ({409} if op.idempotent else set())
    for code in sorted(problems - set(op.responses) - ({401} if op.public else set())):
        responses[str(code)] = _response(code, None, refs)
    responses = dict(sorted(responses.items()))
    for key, value in responses.items():
        if int(key) >= 400 and "content" not in value:
            value["content"] = {PROBLEM: {"schema": refs[(Problem, "serialization")]}}
    out: dict[str, Any] = {"operationId": endpoint.replace(".", "_"), "summary": op.summary, "tags": [op.tag],
                           "parameters": params, "responses": responses}
    if op.description:
        out["description"] = op.description
    if op.public:
        out["security"] = []
    if op.body is not None:
        required = op.body_media == "multipart/form-data" or bool(op.body.model_json_schema().get("required"))
        out["requestBody"] = {"required": required,
                              "content": {op.body_media: {"schema": refs[(op.body, "validation")]}}}
    return out


def build_spec(app: Flask, *, dynamic: dict[str, dict[str, list[str]]] | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the /api/v1 routes; ``dynamic`` pins enums known at run time."""
    ops = _collect(app)
    refs, schema = models_json_schema(_models(ops), ref_template=REF)
    definitions: dict[str, Any] = dict(schema.get("$defs", {}))
    paths: dict[str, dict[str, Any]] = {}
    for path, method, endpoint, op in ops:
        paths.setdefault(path, {})[method] = _operation(path, method, endpoint, op, refs, definitions)
    for model, props in (dynamic or {}).items():
        for prop, values in props.items():
            if model in definitions:
                definitions[model]["properties"][prop] = {"type": "string", "enum": values}
    return {
        "openapi": "3.1.0",
        "info": {"title": "docproc API", "version": "1",
                 "description": "Home-loan document pre-review: applications, documents, checklists, webhooks. "
                                "Authenticate with `Authorization: Bearer <API key>` (or `X-API-Key`). "
                                "Applications of branches outside the key's scope answer 404, as if absent."},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": definitions,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An API key from `docproc keys create`."},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
        },
        "security": [{"bearer": []}, {"apiKey": []}],
    }


def spec_for(app: Flask) -> dict[str, Any]:
    """The document of this app (built once; profiles come from the deployment's policy)."""
    cached: dict[str, Any] | None = app.extensions.get("docproc.openapi")
    if cached is None:
        profiles = sorted(app.extensions["docproc"].policy.profiles)
        cached = build_spec(app, dynamic={"ApplicationIn": {"profile": profiles}, "FactsEdit": {"profile": profiles}})
        app.extensions["docproc.openapi"] = cached
    return cached


@docs_bp.get("/openapi.json")
@public
def openapi_json() -> Response:
    """The OpenAPI document (public: it describes, it does not open anything)."""
    return jsonify(spec_for(current_app))


@docs_bp.get("/docs")
@public
def reference() -> Response:
    """A human-readable reference page rendered from the same document."""
    return Response(render_reference(spec_for(current_app)), mimetype="text/html")


def _schema_text(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f'<a href="#schema-{html.escape(name)}">{html.escape(name)}</a>'
    if "anyOf" in schema:
        return " | ".join(_schema_text(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array of {_schema_text(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(f"<code>{html.escape(str(v))}</code>" for v in schema["enum"])
    text = html.escape(str(schema.get("type", "any")))
    return text + (f" ({html.escape(schema['format'])})" if "format" in schema else "")


def render_reference(spec: dict[str, Any]) -> str:
    """The reference page: operations with parameters, bodies and answers, then the schemas."""
    esc = html.escape
    parts = [f"<!doctype html><meta charset=utf-8><title>{esc(spec['info']['title'])}</title>",
             "<style>body{font:14px/1.5 sans-serif;max-width:60em;margin:2em auto}code,td{font-size:13px}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
             "h3{margin-top:2em}</style>",
             f"<h1>{esc(spec['info']['title'])}</h1><p>{esc(spec['info']['description'])}</p>",
             '<p>Machine-readable: <a href="openapi.json">openapi.json</a>. Base path <code>/api/v1</code>. '
             "Errors are <code>application/problem+json</code> with a stable <code>type</code>.</p>"]
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            parts.append(f"<h3 id='{esc(op['operationId'])}'><code>{method.upper()} {esc(path)}</code></h3>"
                         f"<p>{esc(op['summary'])}</p>")
            if op.get("parameters"):
                rows = "".join(f"<tr><td><code>{esc(p['name'])}</code></td><td>{p['in']}</td>"
                               f"<td>{'yes' if p['required'] else ''}</td><td>{_schema_text(p['schema'])}</td></tr>"
                               for p in op["parameters"])
                parts.append(f"<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th></tr>{rows}</table>")
            for media, body in op.get("requestBody", {}).get("content", {}).items():
                parts.append(f"<p>Body ({esc(media)}): {_schema_text(body['schema'])}</p>")
            answers = "".join(
                f"<li><b>{code}</b> {esc(r['description'])}"
                + "".join(f" — {_schema_text(c['schema'])}" for c in r.get("content", {}).values()) + "</li>"
                for code, r in op["responses"].items())
            parts.append(f"<ul>{answers}</ul>")
    parts.append("<h2>Schemas</h2>")
    for name, schema in spec["components"]["schemas"].items():
        rows = "".join(f"<tr><td><code>{esc(prop)}</code></td><td>{_schema_text(sub)}</td>"
                       f"<td>{esc(str(sub.get('description', '')))}</td></tr>"
                       for prop, sub in schema.get("properties", {}).items())
        parts.append(f"<h3 id='schema-{esc(name)}'>{esc(name)}</h3><p>{esc(schema.get('description', ''))}</p>"
                     + (f"<table>{rows}</table>" if rows else _schema_text(schema)))
    return "\n".join(parts)
