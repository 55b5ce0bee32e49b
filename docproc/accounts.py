"""Officer accounts: users, password hashes, roles and branches (tables on the shared metadata)."""

from __future__ import annotations
