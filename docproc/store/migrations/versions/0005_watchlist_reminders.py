"""The sanctions/PEP watch list (watchlist_entries, watchlist_names), the supplement reminder log
(reminder_log) and the stretches applications wait for papers (supplement_episodes).

Revision ID: 0005_watchlist_reminders
Revises: 0004_letters_and_figures
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_watchlist_reminders"
down_revision = "0004_letters_and_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("watchlist_entries",
                    sa.Column("id", sa.String(200), primary_key=True),
                    sa.Column("schema", sa.String(40), nullable=False),
                    sa.Column("name", sa.Text, nullable=False),
                    sa.Column("datasets", sa.Text, nullable=False),
                    sa.Column("source", sa.String(500), nullable=False),
                    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False))
    op.create_table("watchlist_names",
                    sa.Column("key", sa.String(300), nullable=False),
                    sa.Column("entry_id", sa.String(200), nullable=False),
                    sa.PrimaryKeyConstraint("key", "entry_id"))
    op.create_index("ix_watchlist_names_key", "watchlist_names", ["key"])
    op.create_table("reminder_log",
                    sa.Column("id", sa.String(40), primary_key=True),
                    sa.Column("application_id", sa.String(40), nullable=False),
                    sa.Column("episode", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("sequence", sa.Integer, nullable=False),
                    sa.Column("channel", sa.String(20), nullable=False),
                    sa.Column("attempt", sa.Integer, nullable=False),
                    sa.Column("status", sa.String(20), nullable=False),
                    sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("recipient", sa.String(200), nullable=True),
                    sa.Column("error", sa.Text, nullable=True))
    op.create_index("ix_reminder_log_application_id", "reminder_log", ["application_id"])
    op.create_index("ix_reminder_log_at", "reminder_log", ["at"])
    op.create_table("supplement_episodes",
                    sa.Column("application_id", sa.String(40), nullable=False),
                    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
                    sa.PrimaryKeyConstraint("application_id", "started_at"))
    op.create_index("ix_supplement_episodes_ended_at", "supplement_episodes", ["ended_at"])


def downgrade() -> None:
    for table in ("supplement_episodes", "reminder_log", "watchlist_names", "watchlist_entries"):
        op.drop_table(table)
