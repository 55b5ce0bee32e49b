"""Time and ids: one clock (UTC, aware) and one id format for every record."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id(prefix: str) -> str:
    """A short random id with a readable prefix (``app_``, ``file_``, ``doc_``)."""
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


def utcnow() -> datetime:
    """Timezone-aware now."""
    return datetime.now(UTC)
