"""System access: the API-key authenticator, and the API of keys (admins) and webhooks (client systems)."""

from __future__ import annotations

from flask import Blueprint, Flask, Request, Response

from docproc.core.errors import ForbiddenError, NotFoundError
from docproc.core.webhook_targets import TargetPolicy
from docproc.store.integrations import ApiKey, IntegrationStore, Webhook
from web import access
from web.access import body, caller, presented_key, reply
from web.api_models import (
    DeliveryList,
    KeyCreated,
    KeyIn,
    KeyList,
    KeyOut,
    WebhookCreated,
    WebhookIn,
    WebhookList,
    WebhookOut,
)
from web.idempotency import idempotent
from web.openapi import operation
from web.principal import Principal, authenticators

bp = Blueprint("integrations", __name__)
KEYS, HOOKS = "API keys", "webhooks"


def init_app(app: Flask) -> None:
    """Register the API-key authenticator first: an explicit key outranks an ambient session cookie."""
    authenticators(app).insert(0, api_key_principal)
    app.after_request(access.allow_header)


def store() -> IntegrationStore:
    """The integration tables of the app's database."""
    return IntegrationStore(access.ctx().db.engine)


def api_key_principal(request: Request) -> Principal | None:
    """The client system whose active key the request carries (``Authorization: Bearer`` or ``X-API-Key``)."""
    key = presented_key(request)
    record = store().key_by_secret(key) if key else None
    if record is None:
        return None
    return Principal(kind="api_key", name=record.id, role="system", branches=frozenset(record.branches))


def _admin() -> Principal:
    principal = caller()
    if principal.role != "admin":
        raise ForbiddenError("only an administrator may manage API keys (or use `docproc keys`)")
    return principal


def key_out(key: ApiKey) -> KeyOut:
    """A key as listed."""
    return KeyOut.model_validate(key.model_dump())


@bp.post("/keys")
@operation("Create an API key for a client system (administrators)", tag=KEYS, body=KeyIn, idempotent=True,
           responses={201: KeyCreated, 403: None})
@idempotent
def create_key() -> tuple[Response, int]:
    """Create a key scoped to branches; the key is in this answer only."""
    principal = _admin()
    data = body(KeyIn)
    record, secret = store().create_key(name=data.name, branches=data.branches, created_by=principal.name)
    return reply(KeyCreated(**record.model_dump(), key=secret), 201)


@bp.get("/keys")
@operation("List API keys (administrators)", tag=KEYS, responses={200: KeyList, 403: None})
def list_keys() -> tuple[Response, int]:
    """Every key with its prefix, branches and state."""
    _admin()
    return reply(KeyList(items=[key_out(k) for k in store().list_keys()]))


@bp.delete("/keys/<key_id>")
@operation("Revoke an API key (administrators); its calls answer 401 from now on", tag=KEYS,
           responses={200: KeyOut, 403: None})
def revoke_key(key_id: str) -> tuple[Response, int]:
    """Revoke a key by id or prefix."""
    _admin()
    return reply(key_out(store().revoke_key(key_id)))


def _client() -> Principal:
    principal = caller()
    if principal.kind != "api_key":
        raise ForbiddenError("webhooks belong to an API key: call with one, or use `docproc webhooks add`")
    return principal


def _own_webhook(webhook_id: str) -> Webhook:
    hook = store().get_webhook(webhook_id)
    if hook.api_key_id != _client().name or hook.deleted_at is not None:
        raise NotFoundError(f"no webhook {webhook_id!r}")
    return hook


def webhook_out(hook: Webhook) -> WebhookOut:
    """A webhook as listed (without its secret)."""
    return WebhookOut.model_validate(hook.model_dump())


@bp.post("/webhooks")
@operation("Register a URL for checklist events (signed with HMAC-SHA256; see the description)", tag=HOOKS,
           body=WebhookIn, idempotent=True, responses={201: WebhookCreated, 403: None},
           description="Each delivery is a POST of JSON {delivery_id, event, created_at, application, checklist} "
                       "with headers Docproc-Timestamp (unix seconds) and Docproc-Signature: sha256=<hex of "
                       "HMAC-SHA256(secret, timestamp + '.' + body)>. Answer 2xx; anything else is retried "
                       "with backoff through the queue, and every attempt is logged (see deliveries). "
                       "The URL must be https and reach a public address (checked again at every "
                       "delivery); redirects are not followed.")
@idempotent
def create_webhook() -> tuple[Response, int]:
    """Register a webhook for the calling key's branches; the signing secret is in this answer only."""
    principal = _client()
    data = body(WebhookIn)
    key = store().get_key(principal.name)
    hook = store().add_webhook(url=data.url, branches=key.branches, api_key_id=key.id, events=data.events,
                               targets=TargetPolicy.of(access.ctx().settings))
    return reply(WebhookCreated(**hook.model_dump()), 201)


@bp.get("/webhooks")
@operation("The calling key's webhooks", tag=HOOKS, responses={200: WebhookList, 403: None})
def list_webhooks() -> tuple[Response, int]:
    """Webhooks registered with the calling key."""
    principal = _client()
    return reply(WebhookList(items=[webhook_out(h) for h in store().list_webhooks(api_key_id=principal.name)]))


@bp.delete("/webhooks/<webhook_id>")
@operation("Stop a webhook (its delivery log is kept)", tag=HOOKS, responses={204: None, 403: None})
def delete_webhook(webhook_id: str) -> tuple[str, int]:
    """Delete one of the calling key's webhooks."""
    store().delete_webhook(_own_webhook(webhook_id).id)
    return "", 204


@bp.get("/webhooks/<webhook_id>/deliveries")
@operation("The delivery log of a webhook, newest first: status, attempts, answers", tag=HOOKS,
           responses={200: DeliveryList, 403: None})
def list_deliveries(webhook_id: str) -> tuple[Response, int]:
    """Deliveries of one of the calling key's webhooks with every attempt."""
    hook = _own_webhook(webhook_id)
    deliveries = store().deliveries_of(hook.id)
    return reply(DeliveryList.model_validate({"items": [d.model_dump() for d in deliveries]}))
