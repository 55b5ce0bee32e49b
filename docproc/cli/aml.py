"""``docproc aml``: the sanctions/PEP watch list anomaly.aml screens names against."""

from __future__ import annotations

from pathlib import Path

import click

from docproc.cli.common import edge
from docproc.core.settings import Settings
from docproc.service.context import keyring_of
from docproc.store import watchlist
from docproc.store.database import Database


def _database() -> Database:
    settings = Settings()
    return Database(settings.db_url, keyring=keyring_of(settings))


@click.group()
def aml() -> None:
    """Anti-money-laundering screening: the watch list."""


@aml.command("import-list")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@edge
def import_list(path: Path) -> None:
    """Replace the watch list with PATH, a FollowTheMoney/OpenSanctions simple CSV (id,schema,name,aliases,...)."""
    count = watchlist.import_file(_database(), path)
    click.echo(f"imported {count} watch-list entries from {path.name}")


@aml.command("list-info")
@edge
def list_info() -> None:
    """Say how many entries are loaded, from which file and when."""
    loaded = watchlist.info(_database())
    if not loaded.entries:
        click.echo("no watch list is loaded: names are not screened (docproc aml import-list FILE)")
    else:
        click.echo(f"{loaded.entries} entries from {loaded.source}, imported {loaded.imported_at:%Y-%m-%d %H:%M} UTC")


COMMANDS = [aml]
