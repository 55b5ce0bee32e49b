"""The reviewed mark remembers the checklist version it reviewed, its verdicts then and an optional comment; branches
become a managed list (filled from the branches users already have, trimmed).

Revision ID: 0003_reviews_and_branches
Revises: 0002_list_columns
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003_reviews_and_branches"
down_revision = "0002_list_columns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("application_reviews") as batch:
        batch.add_column(sa.Column("checklist_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("result", sa.JSON, nullable=True))
        batch.add_column(sa.Column("comment", sa.Text, nullable=True))
    table = op.create_table("branches",
                            sa.Column("name", sa.String(64), primary_key=True),
                            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False))
    conn = op.get_bind()
    names = {(r[0] or "").strip() for r in conn.execute(sa.text("SELECT DISTINCT branch FROM users"))}
    now = datetime.now(UTC)
    rows = [{"name": name, "created_at": now} for name in sorted(names) if name]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("branches")
    with op.batch_alter_table("application_reviews") as batch:
        batch.drop_column("comment")
        batch.drop_column("result")
        batch.drop_column("checklist_at")
