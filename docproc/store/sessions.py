"""Officers' sign-in sessions, kept on the server so they can be ended everywhere.

The browser holds only a random token; the table keeps its SHA-256 (a copy of the database opens no
session), the user and the expiry. Signing out ends one session; a password change or disabling the
user ends all of theirs.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from docproc.core.clock import utcnow
from docproc.store.tables import officer_sessions


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Sessions:
    """Open, look up and end officers' sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open(self, username: str, *, lifetime: timedelta) -> str:
        """A new session for ``username``; the token goes to the browser only (expired ones are swept)."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self.engine.begin() as conn:
            conn.execute(officer_sessions.delete().where(officer_sessions.c.expires_at < now))
            conn.execute(officer_sessions.insert().values(
                token_hash=_digest(token), username=username, created_at=now, expires_at=now + lifetime))
        return token

    def user_of(self, token: str) -> str | None:
        """The username of a live session, or None (unknown, ended or expired)."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(officer_sessions.c.username, officer_sessions.c.expires_at).where(
                officer_sessions.c.token_hash == _digest(token))).first()
        if row is None or _aware(row.expires_at) <= utcnow():
            return None
        return str(row.username)

    def end(self, token: str) -> None:
        """End one session (signing out)."""
        with self.engine.begin() as conn:
            conn.execute(officer_sessions.delete().where(officer_sessions.c.token_hash == _digest(token)))

    def end_all(self, username: str) -> int:
        """End every session of ``username`` (password changed, user disabled); how many were open."""
        with self.engine.begin() as conn:
            result = conn.execute(officer_sessions.delete().where(officer_sessions.c.username == username))
        return int(result.rowcount or 0)
