"""Alembic migrations of the metadata store (run by ``docproc db upgrade``; see docproc.store.migrate)."""
