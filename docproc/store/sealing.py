"""Encryption at rest: a keyring of AES-256-GCM keys, sealed bytes and text, keyed blind indexes.

The first key seals; every key opens (so a new key can be put in front while old data is still
being re-sealed by ``docproc admin rotate-key``). Each sealed value names its key by a short key id
and is bound to where it belongs (associated data: a column name, a blob's digest), so a sealed
value moved elsewhere does not open. Values written before sealing was introduced (no magic prefix)
are read as they are and sealed on the next rotation.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from docproc.core.errors import ConfigError, DocprocError

log = logging.getLogger(__name__)

MAGIC = b"DPS1"  # sealed bytes start with this, then the key id, the nonce and the ciphertext
TEXT_PREFIX = "dps1:"  # sealed text: this prefix and the sealed bytes in url-safe base64
KEY_ID_BYTES = 8
NONCE_BYTES = 12
DEV_KEY_FILE = "data.key"


class SealError(DocprocError):
    """Stored data that cannot be opened with any key of the keyring (wrong key, or tampered)."""

    code = "sealed_data_unreadable"


def generate_key() -> str:
    """A new random 256-bit key in url-safe base64 (what DOCPROC_DATA_KEY and key files hold)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _decode_key(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ConfigError("a data key is 32 random bytes in url-safe base64: make one with `docproc admin generate-key`")
    return raw


def _key_id(key: bytes) -> bytes:
    return hmac.new(key, b"docproc key id", hashlib.sha256).digest()[:KEY_ID_BYTES]


@dataclass(frozen=True)
class Keyring:
    """Data keys, newest (the sealing key) first."""

    keys: tuple[bytes, ...]

    @classmethod
    def from_text(cls, text: str) -> Keyring:
        """Keys separated by commas, spaces or lines; ``#`` starts a comment line."""
        items = [part for line in text.splitlines() if not line.strip().startswith("#")
                 for part in line.replace(",", " ").split()]
        if not items:
            raise ConfigError("no data key given")
        return cls(tuple(_decode_key(item) for item in items))

    def _by_id(self, key_id: bytes) -> bytes | None:
        return next((k for k in self.keys if hmac.compare_digest(_key_id(k), key_id)), None)

    def seal(self, data: bytes, *, context: str) -> bytes:
        """``data`` sealed with the first key, bound to ``context``."""
        key = self.keys[0]
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + _key_id(key) + nonce + AESGCM(key).encrypt(nonce, data, context.encode())

    def open(self, sealed: bytes, *, context: str) -> bytes:
        """The clear bytes of a sealed value; values that were never sealed come back unchanged."""
        if not is_sealed(sealed):
            return sealed
        head = len(MAGIC)
        key = self._by_id(sealed[head:head + KEY_ID_BYTES])
        if key is None:
            raise SealError(f"{context}: sealed with a key that is not configured (add the old key after the new one)")
        nonce = sealed[head + KEY_ID_BYTES:head + KEY_ID_BYTES + NONCE_BYTES]
        try:
            return AESGCM(key).decrypt(nonce, sealed[head + KEY_ID_BYTES + NONCE_BYTES:], context.encode())
        except InvalidTag:
            raise SealError(f"{context}: sealed data does not open (tampered, or moved from elsewhere)") from None

    def is_current(self, sealed: bytes) -> bool:
        """Whether ``sealed`` is sealed with the first key (rotation leaves it alone)."""
        head = len(MAGIC)
        return is_sealed(sealed) and sealed[head:head + KEY_ID_BYTES] == _key_id(self.keys[0])

    def seal_text(self, text: str, *, context: str) -> str:
        """Sealed text as ASCII (for text and JSON columns)."""
        return TEXT_PREFIX + base64.urlsafe_b64encode(self.seal(text.encode("utf-8"), context=context)).decode()

    def open_text(self, text: str, *, context: str) -> str:
        """The clear text of :meth:`seal_text`; text that was never sealed comes back unchanged."""
        if not text.startswith(TEXT_PREFIX):
            return text
        raw = base64.urlsafe_b64decode(text[len(TEXT_PREFIX):])
        return self.open(raw, context=context).decode("utf-8")

    def text_is_current(self, text: str) -> bool:
        """Whether sealed text is sealed with the first key."""
        if not text.startswith(TEXT_PREFIX):
            return False
        return self.is_current(base64.urlsafe_b64decode(text[len(TEXT_PREFIX):]))

    def blind_index(self, value: str, *, purpose: str) -> list[str]:
        """Keyed digests of ``value`` under every key, the current key's first: equality lookups
        without the value in clear (a digest under an older key still finds rows written before a rotation)."""
        return [hmac.new(k, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest() for k in self.keys]


def is_sealed(data: bytes) -> bool:
    """Whether bytes carry the sealed-data prefix."""
    return data[:len(MAGIC)] == MAGIC


def load_keyring(*, key: str | None, key_file: Path | None, data_dir: Path) -> Keyring:
    """The keyring from DOCPROC_DATA_KEY, else DOCPROC_DATA_KEY_FILE, else a development key file
    under the data dir (made on first use, mode 0600)."""
    if key:
        return Keyring.from_text(key)
    if key_file is not None:
        try:
            return Keyring.from_text(Path(key_file).read_text())
        except OSError as exc:
            raise ConfigError(f"cannot read the data key file {key_file}: {exc.strerror}") from exc
    return Keyring.from_text(_dev_key_file(data_dir).read_text())


def require_configured_key(*, key: object | None, key_file: Path | None, development: bool) -> None:
    """Refuse (ConfigError: exit 3) a long-running service outside development without a data key of its
    own: a key generated beside the data would be read by anyone who can read the data."""
    if key or key_file is not None or development:
        return
    raise ConfigError("refusing to serve without a data key: set DOCPROC_DATA_KEY (docproc admin generate-key) "
                      "or DOCPROC_DATA_KEY_FILE, kept off the data volume; on a developer's machine "
                      "DOCPROC_ENV=development generates a local key")


def dev_key_path(data_dir: Path) -> Path:
    """Where the development key file lives."""
    return Path(data_dir) / DEV_KEY_FILE


def _dev_key_file(data_dir: Path) -> Path:
    path = dev_key_path(data_dir)
    if path.exists():
        return path
    make_private_dir(path.parent)
    # Written whole under another name, then linked into place: the web server and its workers start
    # together, and none of them may read a half-written key or replace another's.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(generate_key() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(tmp, path)
    except FileExistsError:
        return path  # another process made it first: use theirs
    finally:
        tmp.unlink()
    log.warning("no DOCPROC_DATA_KEY or DOCPROC_DATA_KEY_FILE: generated a development data key at %s "
                "(production: keep the key outside the data volume)", path)
    return path


def add_key_to_file(path: Path, new_key: str) -> None:
    """Put ``new_key`` in front of the keys in ``path``."""
    write_key_file(path, [new_key, *(path.read_text().split() if path.exists() else [])])


def write_key_file(path: Path, keys: list[str]) -> None:
    """Write ``keys`` one per line (mode 0600, fsync'd, renamed into place)."""
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("".join(k + "\n" for k in keys))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the owner only; tighten it when it already exists."""
    Path(path).mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)

