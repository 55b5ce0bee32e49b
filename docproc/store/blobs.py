"""Content-addressed blob storage and safe archive expansion."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docproc.core.errors import ConfigError, DecompressionBomb, NotFoundError, UnsafeArchive
from docproc.store.sealing import Keyring, is_sealed


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class Blobs:
    """Content-addressed, sealed blobs: one interface, a backend per place (a local directory, an S3 bucket).

    With a keyring, each blob is sealed (AES-GCM, bound to its digest) and only the digest of the
    clear bytes names it. Without one, blobs cannot be written (reading blobs stored in clear before
    sealing still works). Backends only move sealed bytes: ``_read``, ``_write``, ``_remove``,
    ``_has`` and ``_names``.
    """

    keyring: Keyring | None
    local = False  # whether the blobs live on this host's disk (its free space then matters)

    def put(self, data: bytes) -> str:
        """Store ``data`` durably and return its sha256."""
        digest = sha256_hex(data)
        check_digest(digest)
        if self._has(digest):
            return digest
        if self.keyring is None:
            raise ConfigError("files cannot be stored: the blob store was opened without a data key")
        self._write(digest, self.keyring.seal(data, context=_context(digest)))
        return digest

    def get(self, sha256: str) -> bytes:
        """The blob's clear bytes; NotFoundError when absent."""
        check_digest(sha256)
        stored = self._read(sha256)
        if stored is None:
            raise NotFoundError(f"blob {sha256} is not in the store")
        if self.keyring is None:
            if is_sealed(stored):
                raise ConfigError("stored files cannot be read: the blob store was opened without a data key")
            return stored
        return self.keyring.open(stored, context=_context(sha256))

    def exists(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        check_digest(sha256)
        return self._has(sha256)

    def delete(self, sha256: str) -> bool:
        """Remove a blob (the retention policy); whether it was there."""
        check_digest(sha256)
        return self._remove(sha256)

    def digests(self) -> list[str]:
        """Every stored blob's digest."""
        return sorted(name for name in self._names() if _is_digest(name))

    def reseal(self, sha256: str) -> bool:
        """Seal a blob again with the current key (key rotation); whether it was rewritten."""
        if self.keyring is None:
            raise ConfigError("no data key: nothing to reseal with")
        check_digest(sha256)
        stored = self._read(sha256)
        if stored is None:
            raise NotFoundError(f"blob {sha256} is not in the store")
        if self.keyring.is_current(stored):
            return False
        clear = self.keyring.open(stored, context=_context(sha256))
        self._write(sha256, self.keyring.seal(clear, context=_context(sha256)))
        return True

    def check(self) -> None:
        """Raise when the store cannot be reached (for readiness probes); cheap."""

    # --- what a backend provides -----------------------------------------------------------------

    def _read(self, sha256: str) -> bytes | None:
        raise NotImplementedError

    def _write(self, sha256: str, sealed: bytes) -> None:
        raise NotImplementedError

    def _remove(self, sha256: str) -> bool:
        raise NotImplementedError

    def _has(self, sha256: str) -> bool:
        raise NotImplementedError

    def _names(self) -> list[str]:
        raise NotImplementedError


def _is_digest(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def check_digest(sha256: str) -> None:
    """NotFoundError unless ``sha256`` looks like a blob id (64 lower-case hex digits)."""
    if not _is_digest(sha256):
        raise NotFoundError(f"not a blob id: {sha256[:80]!r}")


def blob_key(sha256: str) -> str:
    """A blob's name under the store's root: ``ab/cd/<sha256>``."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


class BlobStore(Blobs):
    """Blobs under a local directory ``root/ab/cd/<sha256>``; writes are atomic and durable,
    directories owner-only and files 0600."""

    local = True

    def __init__(self, root: Path, *, keyring: Keyring | None = None) -> None:
        self.root = Path(root)
        self.keyring = keyring

    def path(self, sha256: str) -> Path:
        """Where the blob with this digest lives."""
        check_digest(sha256)
        return self.root / blob_key(sha256)

    def _write(self, sha256: str, sealed: bytes) -> None:
        target = self.path(sha256)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        for directory in (target.parent.parent, target.parent):
            directory.mkdir(mode=0o700, exist_ok=True)
        self.write_atomically(target, sealed)

    @staticmethod
    def write_atomically(target: Path, data: bytes) -> None:
        """Replace ``target`` with ``data`` (0600, fsync'd, renamed into place)."""
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")  # mkstemp makes it 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _read(self, sha256: str) -> bytes | None:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def _remove(self, sha256: str) -> bool:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def _has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def _names(self) -> list[str]:
        return [p.name for p in self.root.glob("??/??/*") if p.is_file()]


def _context(sha256: str) -> str:
    return f"blob:{sha256}"


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on what a zip may expand to."""

    max_members: int = 500
    max_total_bytes: int = 500 * 1024 * 1024
    max_ratio: int = 200


@dataclass(frozen=True)
class ArchiveMember:
    """One file taken out of an archive."""

    name: str
    data: bytes


def is_zip(data: bytes) -> bool:
    """Whether ``data`` starts like a zip archive."""
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _safe_member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise UnsafeArchive(
            f"the zip holds an unsafe path {info.filename!r}: re-create it without '..' or absolute names"
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UnsafeArchive(f"the zip holds a symbolic link {info.filename!r}: upload plain files")
    return str(path)


def _skip_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or name.endswith("/")


def declared_member_bytes(data: bytes) -> int:
    """What a zip's members that would be kept say they expand to (0 when it cannot be opened)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0
    return sum(i.file_size for i in archive.infolist()
               if not i.is_dir() and not _skip_member(i.filename.replace("\\", "/")))


def expand_zip(data: bytes, limits: ZipLimits) -> list[ArchiveMember]:
    """Members of a zip after checking names, counts, sizes and ratios; never writes to disk."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnsafeArchive(f"the zip cannot be opened ({exc}): upload it again") from exc
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise UnsafeArchive(f"the zip holds {len(infos)} files, over the limit of {limits.max_members}")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_total_bytes:
        raise DecompressionBomb(f"the zip expands to {declared} bytes, over {limits.max_total_bytes}")
    members: list[ArchiveMember] = []
    total = 0
    for info in infos:
        name = _safe_member_name(info)
        if _skip_member(name):
            continue
        if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
            raise DecompressionBomb(f"{name!r} in the zip expands {info.file_size // info.compress_size}× (a zip bomb?)")
        body = _read_bounded(archive, info, limits.max_total_bytes - total)
        total += len(body)
        members.append(ArchiveMember(name=name, data=body))
    return members


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    # Declared sizes can lie: count what actually comes out.
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                if size > budget:
                    raise DecompressionBomb(f"{info.filename!r} expands past the zip limit")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise UnsafeArchive(f"{info.filename!r} in the zip cannot be read ({exc})") from exc
    return b"".join(chunks)
