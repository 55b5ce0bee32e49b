"""Integration records: API keys, webhook subscriptions and deliveries, idempotency keys.

The tables live in ``docproc.store.tables`` with every other. API keys are stored as sha256 digests:
the key itself is shown once, when it is created, and only its prefix afterwards.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy.engine import Connection, Engine

from docproc.core import webhook_targets
from docproc.core.clock import new_id, utcnow
from docproc.core.errors import InputError, NotFoundError
from docproc.core.webhook_targets import TargetPolicy
from docproc.store.tables import api_keys, idempotency_keys, webhook_deliveries, webhooks

KEY_PREFIX = "dpk_"
SHOWN_PREFIX_LENGTH = 12  # "dpk_" and 8 characters: enough to tell keys apart in a list
IDEMPOTENCY_TTL = timedelta(hours=24)
DeliveryStatus = Literal["pending", "retrying", "delivered", "failed"]
EVENTS = ("checklist.created", "checklist.changed")
URL_PATTERN = r"^https?://([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:[0-9]{1,5})?(/[!-~]*)?$"



def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes: they were written as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_aware)]


class Record(BaseModel):
    """Base of the stored integration records."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class ApiKey(Record):
    """A client system's API key as stored (the digest, never the key)."""

    id: str
    name: str
    prefix: str
    branches: list[str]
    created_by: str | None = None
    created_at: UtcDatetime
    revoked_at: UtcDatetime | None = None
    last_used_at: UtcDatetime | None = None

    @property
    def active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


class Webhook(Record):
    """A URL a client registered to receive checklist events."""

    id: str
    api_key_id: str | None = None
    url: str
    secret: str
    branches: list[str]
    events: list[str]
    created_at: UtcDatetime
    deleted_at: UtcDatetime | None = None


class DeliveryAttempt(Record):
    """One POST of a delivery: when, the answer and how long it took."""

    at: UtcDatetime
    status_code: int | None = None
    error: str | None = None
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.status_code is not None and 200 <= self.status_code < 300


class Delivery(Record):
    """A webhook delivery with its log of attempts."""

    id: str
    webhook_id: str
    event: str
    application_id: str
    status: DeliveryStatus
    attempts: int
    max_attempts: int
    created_at: UtcDatetime
    delivered_at: UtcDatetime | None = None
    payload: dict[str, Any]
    log: list[DeliveryAttempt] = PydanticField(default_factory=list)


class IdempotentResponse(Record):
    """What a request with an Idempotency-Key answered (or None while it still runs)."""

    fingerprint: str
    status_code: int | None
    body: Any = None


def hash_key(key: str) -> str:
    """The stored digest of an API key (keys are 190-bit random: sha256 is enough)."""
    return hashlib.sha256(key.encode()).hexdigest()


def generate_key() -> str:
    """A new random API key ``dpk_...``."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


class IntegrationStore:
    """Reads and writes of the integration tables; every write commits before it returns."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # API keys -------------------------------------------------------------------------------
    def create_key(self, *, name: str, branches: Iterable[str], created_by: str | None = None) -> tuple[ApiKey, str]:
        """Create a key; returns the record and the key itself (shown once, stored hashed)."""
        key = generate_key()
        record = ApiKey(id=new_id("key"), name=name, prefix=key[:SHOWN_PREFIX_LENGTH],
                        branches=sorted(set(branches)), created_by=created_by, created_at=utcnow())
        with self._tx() as conn:
            conn.execute(api_keys.insert().values(key_hash=hash_key(key), **record.model_dump()))
        return record, key

    def key_by_secret(self, key: str) -> ApiKey | None:
        """The active key whose digest matches, or None (unknown or revoked)."""
        with self._tx() as conn:
            row = conn.execute(sa.select(api_keys).where(api_keys.c.key_hash == hash_key(key))).first()
            if row is None or row.revoked_at is not None:
                return None
            now = utcnow()
            last = row.last_used_at
            if last is None or _aware(last) < now - timedelta(minutes=1):  # at most one write a minute
                conn.execute(api_keys.update().where(api_keys.c.id == row.id).values(last_used_at=now))
        return ApiKey.model_validate(row._mapping)

    def get_key(self, key_id: str) -> ApiKey:
        """One key by id or by its shown prefix; NotFoundError when absent."""
        with self._tx() as conn:
            row = conn.execute(sa.select(api_keys).where(
                sa.or_(api_keys.c.id == key_id, api_keys.c.prefix == key_id))).first()
        if row is None:
            raise NotFoundError(f"no API key {key_id!r}")
        return ApiKey.model_validate(row._mapping)

    def list_keys(self) -> list[ApiKey]:
        """Every key, newest first."""
        with self._tx() as conn:
            rows = conn.execute(sa.select(api_keys).order_by(api_keys.c.created_at.desc())).all()
        return [ApiKey.model_validate(r._mapping) for r in rows]

    def revoke_key(self, key_id: str) -> ApiKey:
        """Revoke a key (idempotent); its webhooks stop receiving events."""
        key = self.get_key(key_id)
        if key.revoked_at is None:
            with self._tx() as conn:
                conn.execute(api_keys.update().where(api_keys.c.id == key.id).values(revoked_at=utcnow()))
        return self.get_key(key.id)

    # webhooks -------------------------------------------------------------------------------
    def add_webhook(self, *, url: str, branches: Iterable[str], targets: TargetPolicy, api_key_id: str | None = None,
                    events: Iterable[str] = EVENTS) -> Webhook:
        """Register a URL whose target ``targets`` allows; the signing secret is generated here and returned once."""
        if not re.fullmatch(URL_PATTERN, url) or len(url) > 2000:
            raise InputError(f"{url[:200]!r} is not an http(s) URL with a host name")
        webhook_targets.check(url, targets)
        unknown = set(events) - set(EVENTS)
        if unknown:
            raise InputError(f"unknown event(s) {sorted(unknown)}: use {', '.join(EVENTS)}")
        hook = Webhook(id=new_id("wh"), api_key_id=api_key_id, url=url, secret="whsec_" + secrets.token_urlsafe(24),
                       branches=sorted(set(branches)), events=sorted(set(events)), created_at=utcnow())
        with self._tx() as conn:
            conn.execute(webhooks.insert().values(**hook.model_dump()))
        return hook

    def get_webhook(self, webhook_id: str) -> Webhook:
        """One webhook (also a deleted one: its deliveries stay readable)."""
        with self._tx() as conn:
            row = conn.execute(sa.select(webhooks).where(webhooks.c.id == webhook_id)).first()
        if row is None:
            raise NotFoundError(f"no webhook {webhook_id!r}")
        return Webhook.model_validate(row._mapping)

    def list_webhooks(self, *, api_key_id: str | None = None) -> list[Webhook]:
        """Live webhooks (of one key, when given), oldest first."""
        query = sa.select(webhooks).where(webhooks.c.deleted_at.is_(None)).order_by(webhooks.c.created_at)
        if api_key_id is not None:
            query = query.where(webhooks.c.api_key_id == api_key_id)
        with self._tx() as conn:
            rows = conn.execute(query).all()
        return [Webhook.model_validate(r._mapping) for r in rows]

    def delete_webhook(self, webhook_id: str) -> None:
        """Stop a webhook (its delivery log is kept)."""
        with self._tx() as conn:
            conn.execute(webhooks.update().where(webhooks.c.id == webhook_id).values(deleted_at=utcnow()))

    def subscribers(self, *, branch: str, event: str) -> list[Webhook]:
        """Live webhooks of active keys (or key-less ones) that see ``branch`` and want ``event``."""
        revoked = {k.id for k in self.list_keys() if not k.active}
        return [
            w for w in self.list_webhooks()
            if event in w.events and (not w.branches or branch in w.branches) and w.api_key_id not in revoked
        ]

    # deliveries -----------------------------------------------------------------------------
    def add_delivery(self, *, webhook_id: str, event: str, application_id: str, payload: dict[str, Any],
                     max_attempts: int) -> Delivery:
        """Record a delivery to be made (the payload gets the delivery's id)."""
        delivery_id = new_id("dlv")
        delivery = Delivery(id=delivery_id, webhook_id=webhook_id, event=event, application_id=application_id,
                            status="pending", attempts=0, max_attempts=max_attempts, created_at=utcnow(),
                            payload={"delivery_id": delivery_id, **payload})
        with self._tx() as conn:
            conn.execute(webhook_deliveries.insert().values(**delivery.model_dump(exclude={"log"}), log=[]))
        return delivery

    def get_delivery(self, delivery_id: str) -> Delivery:
        """One delivery with its log."""
        with self._tx() as conn:
            row = conn.execute(sa.select(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id)).first()
        if row is None:
            raise NotFoundError(f"no delivery {delivery_id!r}")
        return Delivery.model_validate(row._mapping)

    def deliveries_of(self, webhook_id: str, *, limit: int = 100) -> list[Delivery]:
        """A webhook's deliveries, newest first."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(webhook_deliveries).where(webhook_deliveries.c.webhook_id == webhook_id)
                .order_by(webhook_deliveries.c.created_at.desc(), webhook_deliveries.c.id.desc()).limit(limit)
            ).all()
        return [Delivery.model_validate(r._mapping) for r in rows]

    def record_attempt(self, delivery_id: str, attempt: DeliveryAttempt, *, final: bool = False) -> Delivery:
        """Append an attempt; the delivery becomes delivered, retrying, or failed once attempts are spent."""
        with self._tx() as conn:
            row = conn.execute(sa.select(webhook_deliveries).where(
                webhook_deliveries.c.id == delivery_id).with_for_update()).first()
            if row is None:
                raise NotFoundError(f"no delivery {delivery_id!r}")
            attempts = row.attempts + 1
            status: DeliveryStatus = "delivered" if attempt.ok else (
                "failed" if final or attempts >= row.max_attempts else "retrying")
            conn.execute(webhook_deliveries.update().where(webhook_deliveries.c.id == delivery_id).values(
                attempts=attempts, status=status, delivered_at=attempt.at if attempt.ok else None,
                log=[*row.log, attempt.model_dump(mode="json")]))
        return self.get_delivery(delivery_id)

    # idempotency keys -----------------------------------------------------------------------
    def begin_idempotent(self, scope: str, key: str, fingerprint: str) -> IdempotentResponse | None:
        """Claim ``key`` for a new request (None), or return what an earlier request with it did."""
        now = utcnow()
        with self._tx() as conn:
            conn.execute(idempotency_keys.delete().where(idempotency_keys.c.created_at < now - IDEMPOTENCY_TTL))
        try:
            with self._tx() as conn:
                conn.execute(idempotency_keys.insert().values(scope=scope, key=key, fingerprint=fingerprint,
                                                              created_at=now))
            return None
        except sa.exc.IntegrityError:
            with self._tx() as conn:
                row = conn.execute(sa.select(idempotency_keys).where(
                    idempotency_keys.c.scope == scope, idempotency_keys.c.key == key)).first()
            if row is None:  # expired between the two statements: claim it again
                return self.begin_idempotent(scope, key, fingerprint)
            return IdempotentResponse.model_validate(row._mapping)

    def finish_idempotent(self, scope: str, key: str, *, status_code: int, body: Any) -> None:
        """Remember the answer to replay it to retries."""
        with self._tx() as conn:
            conn.execute(idempotency_keys.update().where(
                idempotency_keys.c.scope == scope, idempotency_keys.c.key == key
            ).values(status_code=status_code, body=body))

    def abandon_idempotent(self, scope: str, key: str) -> None:
        """Release a key whose request failed with a server error, so a retry runs again."""
        with self._tx() as conn:
            conn.execute(idempotency_keys.delete().where(
                idempotency_keys.c.scope == scope, idempotency_keys.c.key == key))
