"""Baseline: the schema of the release before migrations (``create_all`` with schema_info version 2).

An empty database gets every table from here. A database that release (or an earlier one) made with
``create_all`` has no ``alembic_version``: running this revision on it creates only the tables it lacks, widens
the webhook secret a schema_info version 1 left short on PostgreSQL, and records schema_info version 2; no row is
touched. Frozen: later changes go into later revisions.

Revision ID: 0001_baseline
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


_existing: set[str] = set()


def _table(name: str, *columns: Any) -> None:
    if name not in _existing:
        op.create_table(name, *columns)


def _index(name: str, table: str, columns: list[str], *, unique: bool = False) -> None:
    if table not in _existing:
        op.create_index(name, table, columns, unique=unique)


def upgrade() -> None:
    conn = op.get_bind()
    _existing.clear()
    _existing.update(sa.inspect(conn).get_table_names())
    legacy = 0
    if "schema_info" in _existing:
        legacy = conn.execute(sa.text("SELECT max(version) FROM schema_info")).scalar() or 0
        if legacy < 2 and "webhooks" in _existing and conn.dialect.name == "postgresql":
            # a sealed webhook secret is longer than the 100 characters the first schema allowed
            op.execute("ALTER TABLE webhooks ALTER COLUMN secret TYPE TEXT")
    _table('api_keys',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('branches', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_hash')
    )
    _table('application_assignments',
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('assignee', sa.String(length=64), nullable=False),
    sa.Column('assigned_by', sa.String(length=64), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('application_id')
    )
    _table('application_check_requests',
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('application_id')
    )
    _table('application_reviews',
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('reviewed_by', sa.String(length=64), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('application_id')
    )
    _table('applications',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    _index('ix_applications_created_at', 'applications', ['created_at'], unique=False)
    _table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('target_kind', sa.String(length=30), nullable=False),
    sa.Column('target_id', sa.String(length=120), nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('seq')
    )
    _index('ix_audit_events_action', 'audit_events', ['action'], unique=False)
    _index('ix_audit_events_actor', 'audit_events', ['actor'], unique=False)
    _index('ix_audit_events_application_id', 'audit_events', ['application_id'], unique=False)
    _index('ix_audit_events_at', 'audit_events', ['at'], unique=False)
    _table('checklists',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('policy_version', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    _index('ix_checklists_application_id', 'checklists', ['application_id'], unique=False)
    _table('extractions',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'version')
    )
    _table('file_requeues',
    sa.Column('file_id', sa.String(length=40), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('file_id')
    )
    _table('idempotency_keys',
    sa.Column('scope', sa.String(length=160), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('body', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key')
    )
    _index('ix_idempotency_keys_created_at', 'idempotency_keys', ['created_at'], unique=False)
    _table('officer_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_hash')
    )
    _index('ix_officer_sessions_expires_at', 'officer_sessions', ['expires_at'], unique=False)
    _index('ix_officer_sessions_username', 'officer_sessions', ['username'], unique=False)
    _table('overrides',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    _index('ix_overrides_application_id', 'overrides', ['application_id'], unique=False)
    _table('page_bands',
    sa.Column('file_id', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=8), nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('file_id', 'number', 'band')
    )
    _index('ix_page_bands_application_id', 'page_bands', ['application_id'], unique=False)
    _index('ix_page_bands_band_value', 'page_bands', ['band', 'value'], unique=False)
    _table('page_hashes',
    sa.Column('file_id', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('file_id', 'number')
    )
    _index('ix_page_hashes_application_id', 'page_hashes', ['application_id'], unique=False)
    _index('ix_page_hashes_hash', 'page_hashes', ['hash'], unique=False)
    _table('schema_info',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )
    _table('users',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('branch', sa.String(length=64), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    _table('files',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('ix_files_application_id', 'files', ['application_id'], unique=False)
    _index('ix_files_sha256', 'files', ['sha256'], unique=False)
    _table('webhooks',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('api_key_id', sa.String(length=40), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('secret', sa.Text(), nullable=False),
    sa.Column('branches', sa.JSON(), nullable=False),
    sa.Column('events', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['api_key_id'], ['api_keys.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('ix_webhooks_api_key_id', 'webhooks', ['api_key_id'], unique=False)
    _table('documents',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('file_id', sa.String(length=40), nullable=True),
    sa.Column('application_id', sa.String(length=40), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('ix_documents_application_id', 'documents', ['application_id'], unique=False)
    _index('ix_documents_file_id', 'documents', ['file_id'], unique=False)
    _table('pages',
    sa.Column('file_id', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files.id'], ),
    sa.PrimaryKeyConstraint('file_id', 'number')
    )
    _table('webhook_deliveries',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('webhook_id', sa.String(length=40), nullable=False),
    sa.Column('event', sa.String(length=40), nullable=False),
    sa.Column('application_id', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('log', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['webhook_id'], ['webhooks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('ix_webhook_deliveries_application_id', 'webhook_deliveries', ['application_id'], unique=False)
    _index('ix_webhook_deliveries_status', 'webhook_deliveries', ['status'], unique=False)
    _index('ix_webhook_deliveries_webhook_id', 'webhook_deliveries', ['webhook_id'], unique=False)

    if legacy < 2:
        op.execute("INSERT INTO schema_info (version) VALUES (2)")


def downgrade() -> None:
    raise NotImplementedError("the baseline is not undone: restore a backup instead")
