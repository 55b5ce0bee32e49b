"""Integration records: API keys, webhook subscriptions and deliveries, idempotency keys."""

from __future__ import annotations
