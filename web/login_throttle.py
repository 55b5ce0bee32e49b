"""Sign-in throttling: failed sign-ins counted per username, per client address and per both.

Counters live in Redis when REDIS_URL is set (shared by every server process, kept across restarts),
else in this process's memory. The limits are moving windows: a caller over one waits until the
oldest failure in the window ages out, then may try again. Nothing locks an account for good, and
one client address alone cannot keep an officer out: its own failures against a username stop at
the per-pair limit, which is lower than the per-username one.

Counting uses ``limits``, the rate-limit library under Flask-Limiter, with the same storage URLs:
its route decorators count requests, whereas only failed sign-ins keyed by the submitted name count here.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from docproc.core.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attempt:
    """Who tried to sign in: the submitted username and the client address."""

    username: str
    address: str

    def keys(self) -> dict[str, tuple[str, ...]]:
        """The counter of each limit (the username hashed: any text may be submitted)."""
        name = hashlib.sha256(self.username.strip().lower().encode()).hexdigest()[:32]
        return {"pair": ("pair", name, self.address), "account": ("account", name),
                "address": ("address", self.address)}


class LoginThrottle:
    """Whether an attempt must wait, and the record of failed ones."""

    def __init__(self, settings: Settings) -> None:
        self.limits: dict[str, RateLimitItem] = {
            "pair": parse(settings.login_limit_pair),
            "account": parse(settings.login_limit_account),
            "address": parse(settings.login_limit_address),
        }
        self.namespace = ("docproc-login", settings.queue_name)
        uri = settings.redis_url or "memory://"
        if not settings.redis_url:
            log.warning("sign-in limits are kept in this process's memory (forgotten at restart): set REDIS_URL")
        self._limiter = MovingWindowRateLimiter(storage_from_string(uri))
        self._fallback = MovingWindowRateLimiter(MemoryStorage())

    def _call(self, method: str, limit: RateLimitItem, key: tuple[str, ...]) -> Any:
        # Redis down must neither open the door nor break sign-in: count in memory until it is back.
        try:
            return getattr(self._limiter, method)(limit, *self.namespace, *key)
        except Exception as exc:  # any storage failure
            log.warning("sign-in limit storage unavailable (%s): counting in memory", type(exc).__name__)
            return getattr(self._fallback, method)(limit, *self.namespace, *key)

    def retry_after(self, attempt: Attempt) -> int | None:
        """Seconds to wait when a limit is used up for this attempt, else None."""
        waits = []
        for name, key in attempt.keys().items():
            if not self._call("test", self.limits[name], key):
                stats = self._call("get_window_stats", self.limits[name], key)
                waits.append(max(1, math.ceil(stats.reset_time - time.time())))
        return max(waits) if waits else None

    def failed(self, attempt: Attempt) -> None:
        """Count a failed sign-in against every limit."""
        for name, key in attempt.keys().items():
            self._call("hit", self.limits[name], key)
