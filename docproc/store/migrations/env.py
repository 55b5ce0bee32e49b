"""Alembic environment: runs on the connection docproc.store.migrate hands over (never from an ini file's URL),
so sealed columns seal and open with the engine's keyring."""

from __future__ import annotations

from alembic import context

from docproc.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite",
                  transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
