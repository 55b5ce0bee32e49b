"""Schema migrations with Alembic (scripts in ``docproc/store/migrations``, shipped inside the package).

The rule: ``docproc db upgrade`` brings a database to this release's schema, once per release, before the
new web and workers start. They check the schema when they open the database (:func:`ensure_current`) and
refuse to start on an outdated or unknown one (ConfigError, exit 3, naming the command to run); they never
create or alter tables on a database that holds any. The one exception is an EMPTY database (development,
tests, a first start): it is upgraded to head on the spot, under a lock (a PostgreSQL advisory lock held for the
transaction; a lock file beside a SQLite file), so processes starting together on an empty database wait
for the first one instead of failing on duplicate tables.

A database made by the release before migrations (tables from ``create_all``, ``schema_info`` version 2, no
``alembic_version``) counts as outdated; ``docproc db upgrade`` runs the baseline revision over it (which only
creates what is missing) and then the later ones, keeping every row.
"""

from __future__ import annotations

import fcntl
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files as package_files

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from docproc.core.errors import ConfigError, DatabaseUnavailable

ADVISORY_LOCK = 0x646F6370726F63  # "docproc": one key for every docproc process on the database
LEGACY = "legacy (before migrations)"


def _config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(package_files("docproc.store") / "migrations"))
    config.attributes["connection"] = conn
    return config


@functools.cache
def head() -> str:
    """The revision this release's code expects."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands against this release."""

    current: str | None  # a revision, LEGACY, or None for an empty database
    head: str

    @property
    def empty(self) -> bool:
        """No docproc table at all."""
        return self.current is None

    @property
    def up_to_date(self) -> bool:
        """At this release's revision."""
        return self.current == self.head

    def describe(self) -> str:
        """One line for ``docproc db current``."""
        shown = self.current or "empty"
        return f"{shown} (this release needs {self.head}: {'up to date' if self.up_to_date else 'run docproc db upgrade'})"


def _read_state(conn: Connection) -> SchemaState:
    tables = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in tables:
        current = MigrationContext.configure(conn).get_current_revision()
    elif tables & {"schema_info", "applications"}:
        current = LEGACY
    else:
        current = None
    return SchemaState(current=current, head=head())


@contextmanager
def _reachable(engine: Engine) -> Iterator[None]:
    """An unreachable database is one clear error (its address without the password), not a driver traceback."""
    try:
        yield
    except sa.exc.OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise DatabaseUnavailable(f"cannot reach the database at {where}: {reason}") from exc


def state(engine: Engine) -> SchemaState:
    """The schema state of the database behind ``engine``."""
    with _reachable(engine), engine.connect() as conn:
        return _read_state(conn)


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the migration lock."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    handle = None
    if database and database != ":memory:":
        handle = os.open(os.path.abspath(database) + ".migrate-lock", os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
            yield conn
    finally:
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            os.close(handle)


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Bring the schema to ``target`` (this release's head) under the lock (nothing when it already is there);
    returns the revision before and the one now."""
    with _reachable(engine), _locked(engine) as conn:
        before = _read_state(conn)
        if before.current not in (None, LEGACY) and before.current not in _known():
            raise ConfigError(f"the database schema is at {before.current}, which this release does not know "
                              "(made by a newer release?): run that release, or restore a backup")
        wanted = before.head if target == "head" else target
        if before.current != wanted:
            command.upgrade(_config(conn), target)
    return before.current, wanted


@functools.cache
def _known() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def ensure_current(engine: Engine) -> None:
    """Refuse a database whose schema is not this release's; create the schema in an empty one."""
    found = state(engine)
    if found.up_to_date:
        return
    if found.empty:
        upgrade(engine)  # under the lock: the first process creates, the others find it done
        return
    raise ConfigError(f"the database schema is {found.current}, this release needs {found.head}: "
                      "run `docproc db upgrade` (once, before starting the web and the workers)")
