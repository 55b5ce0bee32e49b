"""The watch list's near-match index (watchlist_near, watchlist_names.key_hash), built for a list already loaded.

Revision ID: 0006_watchlist_near
Revises: 0005_watchlist_reminders
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_watchlist_near"
down_revision = "0005_watchlist_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("watchlist_near",
                    sa.Column("variant", sa.BigInteger, nullable=False),
                    sa.Column("key_hash", sa.BigInteger, nullable=False),
                    sa.PrimaryKeyConstraint("variant", "key_hash"))
    op.add_column("watchlist_names", sa.Column("key_hash", sa.BigInteger, nullable=True))
    op.create_index("ix_watchlist_names_key_hash", "watchlist_names", ["key_hash"])
    _index_loaded(op.get_bind())


def _index_loaded(conn: sa.Connection) -> None:
    """A list imported before this release gets its key hashes and near-match index now."""
    from docproc.store.watchlist import BATCH, key_hash, near_rows

    names = sa.table("watchlist_names", sa.column("key", sa.String), sa.column("key_hash", sa.BigInteger))
    near = sa.table("watchlist_near", sa.column("variant", sa.BigInteger), sa.column("key_hash", sa.BigInteger))
    keys = sorted(set(conn.execute(sa.select(names.c.key)).scalars()))
    update = names.update().where(names.c.key == sa.bindparam("k")).values(key_hash=sa.bindparam("h"))
    for start in range(0, len(keys), BATCH):
        chunk = keys[start:start + BATCH]
        conn.execute(update, [{"k": k, "h": key_hash(k)} for k in chunk])
        rows = near_rows(chunk)
        if rows:
            conn.execute(near.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_watchlist_names_key_hash", table_name="watchlist_names")
    with op.batch_alter_table("watchlist_names") as batch:
        batch.drop_column("key_hash")
    op.drop_table("watchlist_near")
