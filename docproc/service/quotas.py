"""Byte quotas: what one upload and one application may put in store, a zip's members counted as stored.

A small zip can expand a hundredfold within the archive limits; counting what it expands to keeps
one upload, and all the uploads of one application, within a known share of the data volume. Both
are checked before anything is stored, so a refused upload leaves nothing behind.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from docproc.core.errors import TooLarge
from docproc.store.blobs import declared_member_bytes, is_zip

if TYPE_CHECKING:
    from docproc.service.context import Context

MIB = 1024 * 1024


def stored_bytes(data: bytes) -> int:
    """Bytes an upload puts in store: its own, plus for a zip what its members declare they expand to."""
    return len(data) + (declared_member_bytes(data) if is_zip(data) else 0)


def upload_bytes(upload: bytes | IO[bytes]) -> int:
    """:func:`stored_bytes` of an upload given as bytes or as a seekable file (the web's spooled uploads):
    a file is measured without being read into memory, unless it is a zip (its members are counted)."""
    if isinstance(upload, bytes):
        return stored_bytes(upload)
    head = upload.read(4)
    size = upload.seek(0, io.SEEK_END)
    upload.seek(0)
    if not is_zip(head):
        return size
    data = upload.read()
    upload.seek(0)
    return stored_bytes(data)


def application_bytes(ctx: Context, application_id: str) -> int:
    """Bytes already stored for an application (uploads, zips and their members)."""
    return sum(f.size for f in ctx.db.files_of(application_id))


def remaining(ctx: Context, application_id: str) -> int:
    """Bytes the application may still store (at most one upload's quota)."""
    left = ctx.settings.application_quota_bytes - application_bytes(ctx, application_id)
    return max(0, min(left, ctx.settings.upload_quota_bytes))


def check_upload(ctx: Context, application_id: str, uploads: Sequence[bytes | IO[bytes]]) -> None:
    """Refuse (413) an upload whose files, zips expanded, pass the per-upload or per-application quota."""
    incoming = sum(upload_bytes(upload) for upload in uploads)
    limit = ctx.settings.upload_quota_bytes
    if incoming > limit:
        raise TooLarge(f"the upload expands to {_mib(incoming)} (zip members counted), over the quota of "
                       f"{_mib(limit)} per upload: send fewer files at a time")
    used, quota = application_bytes(ctx, application_id), ctx.settings.application_quota_bytes
    if used + incoming > quota:
        raise TooLarge(f"the application already holds {_mib(used)}; this upload's {_mib(incoming)} would pass "
                       f"its quota of {_mib(quota)}: remove duplicates or ask an administrator")


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"
