"""Lists in SQL: applications get branch, profile, external_ref_digest, created_by, application_date, status and the
sealed applicant as indexed columns, and application_search the blind index of the applicant; every existing
application is filled in from its payload, its files and its latest checklist.

Revision ID: 0002_list_columns
Revises: 0001_baseline
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from docproc.core.models import Application, Checklist
from docproc.store import app_index
from docproc.store.sealed_types import SealedJSON, keyring_of
from docproc.store.stored import load
from docproc.store.tables import applications  # its columns as of this revision are all this module writes

revision = "0002_list_columns"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None
BATCH = 500

_apps = sa.table("applications", sa.column("id", sa.String), sa.column("created_at", sa.DateTime(timezone=True)),
                 sa.column("data", SealedJSON("applications.data")))
_checklists = sa.table("checklists", sa.column("seq", sa.Integer), sa.column("application_id", sa.String),
                       sa.column("data", SealedJSON("checklists.data")))


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("branch", sa.String(64), nullable=False, server_default="main"))
        batch.add_column(sa.Column("profile", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("external_ref_digest", sa.String(32), nullable=True))
        batch.add_column(sa.Column("created_by", sa.String(120), nullable=True))
        batch.add_column(sa.Column("application_date", sa.Date, nullable=True))
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="new"))
        batch.add_column(sa.Column("applicant", sa.JSON, nullable=True))
    op.create_table("application_search",
                    sa.Column("token", sa.String(32), nullable=False),
                    sa.Column("application_id", sa.String(40), nullable=False),
                    sa.PrimaryKeyConstraint("token", "application_id"))
    _fill()
    op.create_index("ix_application_search_application_id", "application_search", ["application_id"])
    op.create_index("ix_applications_external_ref_digest", "applications", ["external_ref_digest"])
    op.create_index("ix_applications_status", "applications", ["status"])
    op.create_index("ix_applications_branch_listing", "applications", ["branch", "application_date", "created_at", "id"])
    op.create_index("ix_applications_listing", "applications", ["application_date", "created_at", "id"])


def _fill() -> None:
    """Fill the new columns of every application, in key order, a batch per statement round."""
    conn = op.get_bind()
    keyring = keyring_of(conn.dialect)
    after = ""
    while True:
        rows = conn.execute(sa.select(_apps.c.id, _apps.c.data).where(_apps.c.id > after)
                            .order_by(_apps.c.id).limit(BATCH)).all()
        if not rows:
            return
        ids = [r.id for r in rows]
        latest: dict[str, Checklist] = {}
        for r in conn.execute(sa.select(_checklists.c.application_id, _checklists.c.data)
                              .where(_checklists.c.application_id.in_(ids)).order_by(_checklists.c.seq)):
            latest[r.application_id] = r.data  # the last one wins
        for r in rows:
            application = load(Application, r.data, where="applications.data")
            conn.execute(applications.update().where(applications.c.id == application.id)
                         .values(**app_index.indexed_values(application, keyring)))
            app_index.refresh_state(conn, application.id)
            checklist = load(Checklist, latest[r.id], where="checklists.data") if r.id in latest else None
            app_index.write_applicant(conn, keyring, application.id, app_index.applicant_of(application, checklist))
        after = ids[-1]


def downgrade() -> None:
    op.drop_table("application_search")
    for name in ("ix_applications_external_ref_digest", "ix_applications_status", "ix_applications_branch_listing",
                 "ix_applications_listing"):
        op.drop_index(name, table_name="applications")
    with op.batch_alter_table("applications") as batch:
        for column in ("branch", "profile", "external_ref_digest", "created_by", "application_date", "status", "applicant"):
            batch.drop_column(column)
