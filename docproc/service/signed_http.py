"""One signed JSON request to a configured provider (the SMS gateway, the tax verification service).

The request carries the operator's key id and an HMAC-SHA256 signature over ``"<timestamp>." + body`` with
the shared secret, in the same form as docproc's webhooks::

    X-Docproc-Key-Id: <key id>
    X-Docproc-Timestamp: <unix seconds>
    X-Docproc-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + body)>

The secret is never logged and never part of an error message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

KEY_ID_HEADER = "X-Docproc-Key-Id"
TIMESTAMP_HEADER = "X-Docproc-Timestamp"
SIGNATURE_HEADER = "X-Docproc-Signature"


class ProviderError(Exception):
    """The provider could not be reached in time or did not answer as its contract says (a short reason)."""


@dataclass(frozen=True)
class Provider:
    """Where a provider listens and the credentials docproc signs with."""

    url: str
    key_id: str
    secret: str
    timeout: float = 10.0

    def __repr__(self) -> str:  # the secret never shows in a log line or a traceback
        return f"Provider(url={self.url!r}, key_id={self.key_id!r})"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=`` + HMAC-SHA256(secret, "<timestamp>." + body) in hex."""
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def verify(secret: str, *, timestamp: str, body: bytes, signature: str) -> bool:
    """Whether a request carries the signature ``secret`` gives (what a provider checks)."""
    try:
        moment = int(timestamp)
    except ValueError:
        return False
    return hmac.compare_digest(sign(secret, moment, body), signature)


def signed_headers(provider: Provider, body: bytes, *, now: float | None = None) -> dict[str, str]:
    """The headers of a signed request."""
    timestamp = int(now if now is not None else time.time())
    return {"Content-Type": "application/json", KEY_ID_HEADER: provider.key_id, TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(provider.secret, timestamp, body)}


def post_json(provider: Provider, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """POST ``payload``; the status and the JSON object answered (ProviderError when there is none)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    request = urllib.request.Request(provider.url, data=body, headers=signed_headers(provider, body), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=provider.timeout) as response:  # noqa: S310 (operator's URL)
            status, raw = response.status, response.read(1_000_000)
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read(1_000_000)
    except TimeoutError:
        raise ProviderError(f"no answer within {provider.timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise ProviderError(f"no answer within {provider.timeout:g} s") from None
        raise ProviderError(f"could not reach the provider: {type(reason).__name__}") from None
    try:
        data = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise ProviderError(f"HTTP {status} with a body that is not JSON") from None
    if not isinstance(data, dict):
        raise ProviderError(f"HTTP {status} with JSON that is not an object")
    return status, data
