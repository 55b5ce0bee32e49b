"""Database commands: the schema's revision, the once-per-release upgrade, and demo data for measuring."""

from __future__ import annotations

import click

from docproc.cli.common import edge
from docproc.core.settings import Settings
from docproc.service.context import keyring_of
from docproc.store import migrate, seeding
from docproc.store.database import Database, open_engine


@click.group()
def db() -> None:
    """The metadata database: schema revision, upgrade (once per release), demo data."""


@db.command()
@edge
def current() -> None:
    """Print the schema revision of the database and the one this release needs."""
    settings = Settings()
    click.echo(migrate.state(open_engine(settings.db_url)).describe())


@db.command()
@edge
def upgrade() -> None:
    """Migrate the database to this release's schema (keeps every row; safe to run twice, or from two hosts)."""
    settings = Settings()
    engine = open_engine(settings.db_url, keyring_of(settings))
    before, after = migrate.upgrade(engine)
    if before == after:
        click.echo(f"schema already at {after}")
    else:
        click.echo(f"schema upgraded from {before or 'empty'} to {after}")


@db.command("seed-demo")
@click.option("--applications", "count", type=click.IntRange(1), default=50_000, show_default=True,
              help="How many made-up applications to add.")
@edge
def seed_demo(count: int) -> None:
    """Add made-up applications (a file and a checklist each) to measure lists at scale; not for production."""
    settings = Settings()
    database = Database(settings.db_url, keyring=keyring_of(settings))
    start = seeding.seeded(database)
    seeding.seed(database, count, start=start, progress=lambda n: click.echo(f"  {n}/{count}", err=True))
    click.echo(f"added {count} demo applications ({start + count} in all)")


COMMANDS = [db]
