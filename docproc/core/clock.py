"""Time and ids: one clock (UTC, aware) and one id format for every record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol


def new_id(prefix: str) -> str:
    """A short random id with a readable prefix (``app_``, ``file_``, ``doc_``)."""
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


def utcnow() -> datetime:
    """Timezone-aware now."""
    return datetime.now(UTC)


class Clock(Protocol):
    """Where "now" comes from: the system, or a test's (and ``--now``'s) fixed moment."""

    def now(self) -> datetime:
        """Timezone-aware now."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Timezone-aware now."""
        return utcnow()


@dataclass
class FixedClock:
    """A clock that says one moment until moved (``advance``): deterministic schedules in tests."""

    at: datetime

    def now(self) -> datetime:
        """The set moment (UTC assumed when naive)."""
        return self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)

    def advance(self, **delta: float) -> datetime:
        """Move forward by ``timedelta(**delta)``; the new moment."""
        self.at = self.now() + timedelta(**delta)
        return self.at
