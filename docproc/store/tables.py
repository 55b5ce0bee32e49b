"""Every table docproc keeps, on one SQLAlchemy metadata: the schema in one place.

Model payloads are stored as JSON (sealed with the data key where they hold personal data), so the schema stays
small and stable; the modules of this package read and write these tables.
"""

from __future__ import annotations

import sqlalchemy as sa

from docproc.store.sealed_types import SealedJSON, SealedText

SCHEMA_VERSION = 2  # 2: sealed columns (webhook secrets widened to text on PostgreSQL); since then Alembic
metadata = sa.MetaData()

# Applications, their files, pages, documents and checklists
applications = sa.Table(
    "applications",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("data", SealedJSON("applications.data"), nullable=False),
    # Copies of payload fields that lists filter and sort on, written with every change (docproc.store.app_index)
    sa.Column("branch", sa.String(64), nullable=False, server_default="main"),
    sa.Column("profile", sa.String(64), nullable=False, server_default=""),
    sa.Column("external_ref_digest", sa.String(32), nullable=True, index=True),  # blind index: it may be personal
    sa.Column("created_by", sa.String(120), nullable=True),
    sa.Column("application_date", sa.Date, nullable=True),
    sa.Column("status", sa.String(20), nullable=False, server_default="new", index=True),  # catalog.AppState
    sa.Column("applicant", SealedJSON("applications.applicant"), nullable=True),  # name and id number as listed
    sa.Index("ix_applications_branch_listing", "branch", "application_date", "created_at", "id"),
    sa.Index("ix_applications_listing", "application_date", "created_at", "id"),
)
# Keyed digests (blind index) of the applicant's name pieces and id-number digits: searched without the
# personal data in clear (docproc.store.app_index.search_tokens).
application_search = sa.Table(
    "application_search",
    metadata,
    sa.Column("token", sa.String(32), primary_key=True),
    sa.Column("application_id", sa.String(40), primary_key=True, index=True),
)
files = sa.Table(
    "files",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("application_id", sa.String(40), sa.ForeignKey("applications.id"), index=True),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", SealedJSON("files.data"), nullable=False),
)
pages = sa.Table(
    "pages",
    metadata,
    sa.Column("file_id", sa.String(40), sa.ForeignKey("files.id"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("data", SealedJSON("pages.data"), nullable=False),
)
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("file_id", sa.String(40), sa.ForeignKey("files.id"), index=True),
    sa.Column("application_id", sa.String(40), index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("data", SealedJSON("documents.data"), nullable=False),
)
checklists = sa.Table(
    "checklists",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("application_id", sa.String(40), index=True, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("policy_version", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", SealedJSON("checklists.data"), nullable=False),
)
overrides = sa.Table(
    "overrides",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("application_id", sa.String(40), index=True, nullable=False),
    sa.Column("data", SealedJSON("overrides.data"), nullable=False),
    sa.Column("check_id", sa.String(120), nullable=True, index=True),  # a copy from data, for the dashboard
)
# The check ids of each checklist's supplement request (no personal data): the dashboard's 补件 reasons
supplement_reasons = sa.Table(
    "supplement_reasons",
    metadata,
    sa.Column("checklist_seq", sa.Integer, primary_key=True),
    sa.Column("check_id", sa.String(120), primary_key=True),
    sa.Column("application_id", sa.String(40), index=True, nullable=False),
)
page_hashes = sa.Table(
    "page_hashes",
    metadata,
    sa.Column("file_id", sa.String(40), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("application_id", sa.String(40), index=True, nullable=False),
    sa.Column("hash", sa.String(64), index=True, nullable=False),
)
# The image hash of a card photo cut into bands: a re-saved copy of the same photo differs in a few
# bits, so it shares at least one band with the original whenever it differs in fewer bits than there
# are bands (the candidates found by band are then measured bit by bit).
page_bands = sa.Table(
    "page_bands",
    metadata,
    sa.Column("file_id", sa.String(40), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("band", sa.Integer, primary_key=True),
    sa.Column("value", sa.String(8), nullable=False),
    sa.Column("application_id", sa.String(40), index=True, nullable=False),
    sa.Index("ix_page_bands_band_value", "band", "value"),
)
extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("version", sa.String(80), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", SealedJSON("extractions.data"), nullable=False),
)
schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
)

# Officers and their casework
users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("branch", sa.String(64), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("display_name", sa.String(120), nullable=True),  # as letters and pages name the officer
)
application_reviews = sa.Table(
    "application_reviews",
    metadata,
    sa.Column("application_id", sa.String(40), primary_key=True),
    sa.Column("reviewed_by", sa.String(64), nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("checklist_at", sa.DateTime(timezone=True), nullable=True),  # the checklist version reviewed
    sa.Column("result", sa.JSON, nullable=True),  # its verdicts then: check id → status, "" → overall
    sa.Column("comment", sa.Text, nullable=True),  # why it was marked reviewed with items still missing
)
branches = sa.Table(
    "branches",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
application_assignments = sa.Table(
    "application_assignments",
    metadata,
    sa.Column("application_id", sa.String(40), primary_key=True),
    sa.Column("assignee", sa.String(64), nullable=False),
    sa.Column("assigned_by", sa.String(64), nullable=False),
    sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
)
# The officer's version of a supplement letter: every save is a new row (who, when, what), the latest counts;
# the machine's lines stay in the checklist they came from.
letter_edits = sa.Table(
    "letter_edits",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("application_id", sa.String(40), index=True, nullable=False),
    sa.Column("by", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", SealedJSON("letter_edits.data"), nullable=False),
)
check_requests = sa.Table(
    "application_check_requests",
    metadata,
    sa.Column("application_id", sa.String(40), primary_key=True),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
)

# The audit log (append-only)
audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("actor", sa.String(120), nullable=False, index=True),
    sa.Column("action", sa.String(20), nullable=False, index=True),
    sa.Column("target_kind", sa.String(30), nullable=False),
    sa.Column("target_id", sa.String(120), nullable=False),
    sa.Column("application_id", sa.String(40), nullable=True, index=True),
    sa.Column("detail", SealedJSON("audit_events.detail"), nullable=True),
)

# API keys, webhooks and their deliveries, idempotency keys
api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("branches", sa.JSON, nullable=False),
    sa.Column("created_by", sa.String(100), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
)
webhooks = sa.Table(
    "webhooks",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("api_key_id", sa.String(40), sa.ForeignKey("api_keys.id"), nullable=True, index=True),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("secret", SealedText("webhooks.secret"), nullable=False),  # needed to sign: sealed, not hashed
    sa.Column("branches", sa.JSON, nullable=False),
    sa.Column("events", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
)
webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("webhook_id", sa.String(40), sa.ForeignKey("webhooks.id"), nullable=False, index=True),
    sa.Column("event", sa.String(40), nullable=False),
    sa.Column("application_id", sa.String(40), nullable=False, index=True),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("max_attempts", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("payload", SealedJSON("webhook_deliveries.payload"), nullable=False),
    sa.Column("log", sa.JSON, nullable=False),
)
idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("scope", sa.String(160), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("status_code", sa.Integer, nullable=True),  # None while the first request runs
    sa.Column("body", SealedJSON("idempotency_keys.body"), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# What the reconciler re-queued
file_requeues = sa.Table(
    "file_requeues",
    metadata,
    sa.Column("file_id", sa.String(40), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
)

# Officers' sign-in sessions
officer_sessions = sa.Table(
    "officer_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# The imported sanctions/PEP watch list (public data, so not sealed): one row per entry, one per name or alias key
watchlist_entries = sa.Table(
    "watchlist_entries",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("schema", sa.String(40), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("datasets", sa.Text, nullable=False),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)
watchlist_names = sa.Table(
    "watchlist_names",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("entry_id", sa.String(200), primary_key=True),
    sa.Column("key_hash", sa.BigInteger, nullable=True),  # the key's 64-bit hash, as watchlist_near names it
    sa.Index("ix_watchlist_names_key", "key"),
    sa.Index("ix_watchlist_names_key_hash", "key_hash"),
)
# The near-match index: for every listed key long enough for near matching, the hash of the key and of each of
# its one-character deletions (variant) with the hash of the key. A read name's own variants find the listed keys
# one character away without a scan of the list.
watchlist_near = sa.Table(
    "watchlist_near",
    metadata,
    sa.Column("variant", sa.BigInteger, primary_key=True),
    sa.Column("key_hash", sa.BigInteger, primary_key=True),
)

# Supplement reminders (催缴): every attempt on every channel, and each stretch an application spent waiting
# for papers (time-to-supplement). The recipient is kept masked; the address itself stays in the application.
reminder_log = sa.Table(
    "reminder_log",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("application_id", sa.String(40), nullable=False, index=True),
    sa.Column("episode", sa.DateTime(timezone=True), nullable=False),  # supplement_episodes.started_at
    sa.Column("sequence", sa.Integer, nullable=False),  # the n-th reminder of the episode (1..max_count)
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # sent | failed | gave_up | open | done
    sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("recipient", sa.String(200), nullable=True),  # masked
    sa.Column("error", sa.Text, nullable=True),
)
supplement_episodes = sa.Table(
    "supplement_episodes",
    metadata,
    sa.Column("application_id", sa.String(40), primary_key=True),
    sa.Column("started_at", sa.DateTime(timezone=True), primary_key=True),
    sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True, index=True),
)
