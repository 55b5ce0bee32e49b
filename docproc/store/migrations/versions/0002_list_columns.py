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
from docproc.store.tables import application_search, applications  # as of this revision: all this module writes

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
    """Fill the new columns of every application: the state in one statement, the rest a batch at a time
    (payloads are sealed, so they are opened here), with one statement per kind of write per batch."""
    conn = op.get_bind()
    keyring = keyring_of(conn.dialect)
    conn.execute(sa.text(
        "UPDATE applications SET status = CASE WHEN EXISTS (SELECT 1 FROM files WHERE files.application_id ="
        " applications.id AND files.state IN ('received', 'queued', 'reading')) THEN 'processing' ELSE COALESCE("
        "(SELECT c.status FROM checklists c WHERE c.application_id = applications.id ORDER BY c.seq DESC LIMIT 1),"
        " 'new') END"))
    after = ""
    while True:
        rows = conn.execute(sa.select(_apps.c.id, _apps.c.data).where(_apps.c.id > after)
                            .order_by(_apps.c.id).limit(BATCH)).all()
        if not rows:
            return
        ids = [r.id for r in rows]
        newest = (sa.select(sa.func.max(_checklists.c.seq)).where(_checklists.c.application_id.in_(ids))
                  .group_by(_checklists.c.application_id))
        latest = {r.application_id: load(Checklist, r.data, where="checklists.data") for r in conn.execute(
            sa.select(_checklists.c.application_id, _checklists.c.data).where(_checklists.c.seq.in_(newest)))}
        values, tokens = [], []
        for r in rows:
            application = load(Application, r.data, where="applications.data")
            name, number = app_index.applicant_of(application, latest.get(r.id))
            values.append({"b_id": r.id, **app_index.indexed_values(application, keyring),
                           "applicant": {"name": name, "id_number": number} if name or number else None})
            if keyring is not None:
                tokens += app_index.tokens_rows(keyring, [(r.id, (name, number))])
        conn.execute(applications.update().where(applications.c.id == sa.bindparam("b_id")), values)
        if tokens:
            conn.execute(sa.insert(application_search), tokens)
        after = ids[-1]


def downgrade() -> None:
    op.drop_table("application_search")
    for name in ("ix_applications_external_ref_digest", "ix_applications_status", "ix_applications_branch_listing",
                 "ix_applications_listing"):
        op.drop_index(name, table_name="applications")
    with op.batch_alter_table("applications") as batch:
        for column in ("branch", "profile", "external_ref_digest", "created_by", "application_date", "status", "applicant"):
            batch.drop_column(column)
