"""Column types that seal on write and open on read, with the keyring the engine was made with.

The keyring travels on the engine's dialect, which SQLAlchemy hands to every column type, so every
reader and writer of these columns (the metadata store, accounts, integrations, the audit log) seals
without passing keys around and without module-level state.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from docproc.core.errors import ConfigError
from docproc.store.sealing import TEXT_PREFIX, Keyring


def keyring_of(dialect: sa.Dialect) -> Keyring | None:
    """The keyring an engine was made with (kept on its dialect, which every column type is handed)."""
    return getattr(dialect, "docproc_keyring", None)


def _sealing_keyring(dialect: sa.Dialect) -> Keyring:
    keyring = keyring_of(dialect)
    if keyring is None:
        raise ConfigError("personal data cannot be written: the database was opened without a data key")
    return keyring


def _opening_keyring(dialect: sa.Dialect, where: str) -> Keyring:
    keyring = keyring_of(dialect)
    if keyring is None:
        raise ConfigError(f"{where}: sealed data cannot be read without a data key")
    return keyring


class SealedJSON(sa.types.TypeDecorator[Any]):
    """A JSON payload stored sealed, as ``{"sealed": "dps1:…"}`` (the column stays JSON, so existing
    tables keep their type; payloads written before sealing are read as they are)."""

    impl = sa.JSON
    cache_ok = True

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        """Seal on the way in."""
        if value is None:
            return None
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return {"sealed": _sealing_keyring(dialect).seal_text(text, context=self.where)}

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        """Open on the way out."""
        if not is_sealed_payload(value):
            return value
        return json.loads(_opening_keyring(dialect, self.where).open_text(value["sealed"], context=self.where))


def is_sealed_payload(value: Any) -> bool:
    """Whether a stored JSON value is a sealed payload."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("sealed"), str)


class SealedText(sa.types.TypeDecorator[str]):
    """A text value stored sealed (``dps1:…``); text written before sealing is read as it is."""

    impl = sa.Text
    cache_ok = True

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        """Seal on the way in."""
        return None if value is None else _sealing_keyring(dialect).seal_text(value, context=self.where)

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> str | None:
        """Open on the way out."""
        if value is None or not value.startswith(TEXT_PREFIX):
            return value
        return _opening_keyring(dialect, self.where).open_text(value, context=self.where)
