"""The key that signs session cookies: a real one is required outside development.

A key anyone can read (the value docproc once shipped as its default, or a short one) would let a
visitor sign a cookie of their own choosing, so the app refuses to start with one. In development
(``DOCPROC_ENV=development``) a random key is generated once into the data directory, readable by
its owner only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from docproc.core.errors import ConfigError
from docproc.core.settings import Settings

MIN_LENGTH = 32
KEY_FILE = "secret_key"
# Values published in docproc's own sources and documents: never a secret.
PUBLISHED = frozenset({"dev-only-change-me", "change-me", "changeme", "secret"})
_HOW = ("set DOCPROC_SECRET_KEY to at least 32 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(48))') or DOCPROC_SECRET_KEY_FILE to a file "
        "holding one; on a developer's machine DOCPROC_ENV=development generates a local key")


def _configured(settings: Settings) -> str | None:
    if settings.secret_key:
        return settings.secret_key.strip()
    if settings.secret_key_file is not None:
        try:
            return settings.secret_key_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"cannot read DOCPROC_SECRET_KEY_FILE {settings.secret_key_file}: {exc.strerror}") from None
    return None


def _local_key(data_dir: Path) -> str:
    """The development key under the data directory, created 0600 on first use."""
    path = data_dir / KEY_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        key = secrets.token_urlsafe(48)
        handle.write(key)
    return key


def session_secret(settings: Settings) -> str:
    """The session-signing key; ConfigError (exit 3) when there is no real one outside development."""
    key = _configured(settings)
    if key is None:
        if settings.development:
            return _local_key(settings.data_dir)
        raise ConfigError(f"refusing to serve without a secret key: {_HOW}")
    if key.lower() in PUBLISHED:
        raise ConfigError(f"refusing to serve with a published secret key: {_HOW}")
    if len(key) < MIN_LENGTH and not settings.development:
        raise ConfigError(f"refusing to serve with a secret key of {len(key)} characters: {_HOW}")
    return key
