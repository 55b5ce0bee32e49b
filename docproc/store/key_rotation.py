"""Key rotation: everything sealed (or still in clear) sealed again with the keyring's first key.

Run after putting a new key in front of the old ones; when it has finished, the old keys can go.
Rows are rewritten in batches, each batch in its own transaction, so a rotation stopped half-way
can simply be run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from docproc.core.errors import ConfigError
from docproc.core.models import Page
from docproc.store.app_index import reindex_all
from docproc.store.blobs import Blobs
from docproc.store.database import Database
from docproc.store.fingerprints import TEXT_FINGERPRINT
from docproc.store.sealed_types import SealedJSON, SealedText, is_sealed_payload
from docproc.store.tables import metadata, page_hashes, pages

BATCH = 200


@dataclass
class RotationReport:
    """How many stored values were sealed again."""

    rows: int = 0
    blobs: int = 0
    fingerprints: int = 0
    applications: int = 0  # whose search digests were made again


def _sealed_columns(table: sa.Table) -> list[sa.Column[Any]]:
    return [c for c in table.columns if isinstance(c.type, SealedJSON | SealedText)]


def _stale(db: Database, column: sa.Column[Any], raw: Any) -> bool:
    keyring = db.keyring
    assert keyring is not None
    if raw is None:
        return False
    if isinstance(column.type, SealedText):
        return not keyring.text_is_current(raw)
    return not (is_sealed_payload(raw) and keyring.text_is_current(raw["sealed"]))


def _reseal_table(db: Database, table: sa.Table) -> int:
    columns = _sealed_columns(table)
    keys = list(table.primary_key.columns)
    raw_types = {c.name: sa.Text() if isinstance(c.type, SealedText) else sa.JSON() for c in columns}
    rewritten, offset = 0, 0
    while True:
        query = (sa.select(*keys, *(sa.type_coerce(c, raw_types[c.name]).label(f"raw_{c.name}") for c in columns))
                 .order_by(*keys).offset(offset).limit(BATCH))
        with db.engine.begin() as conn:
            rows = conn.execute(query).all()
            for row in rows:
                stale = [c for c in columns if _stale(db, c, getattr(row, f"raw_{c.name}"))]
                if not stale:
                    continue
                where = sa.and_(*(k == getattr(row, k.name) for k in keys))
                clear = conn.execute(sa.select(*stale).where(where)).one()
                conn.execute(table.update().where(where).values({c.name: clear[i] for i, c in enumerate(stale)}))
                rewritten += 1
        if len(rows) < BATCH:
            return rewritten
        offset += BATCH


def _refingerprint(db: Database) -> int:
    """Text-page fingerprints are keyed: compute them again under the first key."""
    changed = 0
    with db.engine.connect() as conn:
        keys = conn.execute(sa.select(page_hashes.c.file_id, page_hashes.c.number)
                            .where(page_hashes.c.hash.startswith(TEXT_FINGERPRINT))).all()
    for file_id, number in keys:
        with db.engine.begin() as conn:
            data = conn.execute(sa.select(pages.c.data).where(pages.c.file_id == file_id,
                                                                pages.c.number == number)).scalar()
            fingerprint = db.page_key(Page.model_validate(data)) if data is not None else None
            if fingerprint is None:
                continue
            result = conn.execute(page_hashes.update().where(
                page_hashes.c.file_id == file_id, page_hashes.c.number == number,
                page_hashes.c.hash != fingerprint).values(hash=fingerprint))
            changed += int(result.rowcount or 0)
    return changed


def rotate(db: Database, blobs: Blobs) -> RotationReport:
    """Seal every stored value and blob with the first key; recompute keyed fingerprints."""
    if db.keyring is None:
        raise ConfigError("no data key configured: nothing to rotate to")
    report = RotationReport()
    for table in metadata.sorted_tables:
        if _sealed_columns(table):
            report.rows += _reseal_table(db, table)
    report.blobs = sum(blobs.reseal(digest) for digest in blobs.digests())
    report.fingerprints = _refingerprint(db)
    report.applications = reindex_all(db.engine, db.keyring)  # search digests and external references
    return report
