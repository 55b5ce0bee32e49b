"""Letters and figures: officers get a display name (users.display_name), supplement letters the officer's edits
(letter_edits), overrides a copy of their check id (overrides.check_id) and checklists the check ids of their
supplement request (supplement_reasons), so that the dashboard counts them in SQL without opening sealed payloads.
Existing overrides and checklists are filled in from their payloads.

Revision ID: 0004_letters_and_figures
Revises: 0003_reviews_and_branches
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from docproc.store.sealed_types import SealedJSON
from docproc.store.stored import load

revision = "0004_letters_and_figures"
down_revision = "0003_reviews_and_branches"
branch_labels = None
depends_on = None
BATCH = 500

_overrides = sa.table("overrides", sa.column("seq", sa.Integer), sa.column("check_id", sa.String),
                      sa.column("data", SealedJSON("overrides.data")))
_checklists = sa.table("checklists", sa.column("seq", sa.Integer), sa.column("application_id", sa.String),
                       sa.column("data", SealedJSON("checklists.data")))
_reasons = sa.table("supplement_reasons", sa.column("checklist_seq", sa.Integer), sa.column("check_id", sa.String),
                    sa.column("application_id", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("display_name", sa.String(120), nullable=True))
    with op.batch_alter_table("overrides") as batch:
        batch.add_column(sa.Column("check_id", sa.String(120), nullable=True))
    op.create_table("supplement_reasons",
                    sa.Column("checklist_seq", sa.Integer, nullable=False),
                    sa.Column("check_id", sa.String(120), nullable=False),
                    sa.Column("application_id", sa.String(40), nullable=False),
                    sa.PrimaryKeyConstraint("checklist_seq", "check_id"))
    op.create_table("letter_edits",
                    sa.Column("seq", sa.Integer, nullable=False, autoincrement=True),
                    sa.Column("application_id", sa.String(40), nullable=False),
                    sa.Column("by", sa.String(64), nullable=False),
                    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("data", sa.JSON, nullable=False),
                    sa.PrimaryKeyConstraint("seq"))
    _fill()
    op.create_index("ix_overrides_check_id", "overrides", ["check_id"])
    op.create_index("ix_supplement_reasons_application_id", "supplement_reasons", ["application_id"])
    op.create_index("ix_letter_edits_application_id", "letter_edits", ["application_id"])


def _fill() -> None:
    """Copy the check id of every override and the supplement check ids of every checklist (payloads are
    sealed, so they are opened here), a batch at a time."""
    from docproc.core.models import Checklist, Override
    from docproc.store.figures import reason_rows

    conn = op.get_bind()
    after = 0
    while rows := conn.execute(sa.select(_overrides.c.seq, _overrides.c.data).where(_overrides.c.seq > after)
                               .order_by(_overrides.c.seq).limit(BATCH)).all():
        conn.execute(_overrides.update().where(_overrides.c.seq == sa.bindparam("b_seq")),
                     [{"b_seq": r.seq, "check_id": load(Override, r.data, where="overrides.data").check_id}
                      for r in rows])
        after = rows[-1].seq
    after = 0
    while rows := conn.execute(sa.select(_checklists.c.seq, _checklists.c.data).where(_checklists.c.seq > after)
                               .order_by(_checklists.c.seq).limit(BATCH)).all():
        values = [v for r in rows for v in reason_rows(r.seq, load(Checklist, r.data, where="checklists.data"))]
        if values:
            conn.execute(sa.insert(_reasons), values)
        after = rows[-1].seq


def downgrade() -> None:
    op.drop_table("letter_edits")
    op.drop_table("supplement_reasons")
    op.drop_index("ix_overrides_check_id", table_name="overrides")
    with op.batch_alter_table("overrides") as batch:
        batch.drop_column("check_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("display_name")
