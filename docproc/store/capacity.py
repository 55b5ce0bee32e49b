"""Room on the data volume: uploads are refused cleanly before the disk fills, not half-written after."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from docproc.core.errors import StorageFull

SQLITE_FULL = 13  # sqlite3's result code for "database or disk is full"


def free_bytes(path: Path) -> int:
    """Free bytes on the volume holding ``path`` (or its nearest existing parent)."""
    probe = Path(path).resolve()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def ensure_room(data_dir: Path, *, incoming: int, floor: int) -> None:
    """StorageFull when storing ``incoming`` more bytes would leave less than ``floor`` free (0: no floor)."""
    if floor <= 0:
        return
    free = free_bytes(data_dir)
    if free - incoming < floor:
        raise StorageFull(f"the document store is full ({free} bytes free, {floor} kept in reserve): "
                          "nothing was stored; try again once space has been freed")


@contextmanager
def disk_full_as_storage_full() -> Iterator[None]:
    """Turn a write that ran out of space (a file or the SQLite database) into StorageFull."""
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFull("the document store ran out of space: try again once space has been freed") from exc
        raise
    except sa.exc.OperationalError as exc:
        if getattr(exc.orig, "sqlite_errorcode", None) == SQLITE_FULL:
            raise StorageFull("the database ran out of space: try again once space has been freed") from exc
        raise
