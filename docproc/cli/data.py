"""``docproc admin``: data keys and their rotation, the audit log export, the retention purge."""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from pathlib import Path

import click

from docproc.cli.common import edge
from docproc.core.errors import ConfigError
from docproc.core.policy import load_policy
from docproc.core.settings import Settings
from docproc.service.context import keyring_of
from docproc.store import key_rotation, retention
from docproc.store.audit import ACTIONS, AuditLog, as_json_line
from docproc.store.blobs import Blobs
from docproc.store.database import Database
from docproc.store.sealing import add_key_to_file, dev_key_path, generate_key, write_key_file
from docproc.store.storage import open_blobs


def _stores(settings: Settings) -> tuple[Database, Blobs]:
    keyring = keyring_of(settings)
    return Database(settings.db_url, keyring=keyring), open_blobs(settings.storage_url, settings.blob_dir, keyring=keyring)


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


@click.group()
def admin() -> None:
    """Data protection: keys, key rotation, the audit log, retention."""


@admin.command("generate-key")
def generate_key_command() -> None:
    """Print a new random data key (for DOCPROC_DATA_KEY or a key file)."""
    click.echo(generate_key())


@admin.command("rotate-key")
@click.option("--add-key", is_flag=True,
              help="Generate a new key and put it first in the key file (DOCPROC_DATA_KEY_FILE or the development key).")
@click.option("--drop-old-keys", is_flag=True, help="After re-sealing, leave only the first key in the key file.")
@edge
def rotate_key(add_key: bool, drop_old_keys: bool) -> None:
    """Seal every stored file and personal field again with the first key (old keys still open them).

    With DOCPROC_DATA_KEY: put the new key first (``NEW,OLD``), run this, then drop OLD.
    """
    settings = Settings()
    key_file = _key_file(settings) if add_key or drop_old_keys else None
    if add_key and key_file is not None:
        add_key_to_file(key_file, generate_key())
        click.echo(f"added a new key in front of {key_file}")
    db, blobs = _stores(settings)
    report = key_rotation.rotate(db, blobs)
    AuditLog(db).record(actor=_actor(), action="rotate_key", target_kind="data", target_id="all",
                        detail={"rows": report.rows, "blobs": report.blobs})
    click.echo(f"re-sealed {report.rows} row(s) and {report.blobs} file(s); "
               f"{report.fingerprints} page fingerprint(s) and the search digests of {report.applications} "
               "application(s) recomputed")
    if drop_old_keys and key_file is not None:
        write_key_file(key_file, key_file.read_text().split()[:1])
        click.echo(f"left only the current key in {key_file}")


def _key_file(settings: Settings) -> Path:
    if settings.data_key is not None:
        raise ConfigError("the keys come from DOCPROC_DATA_KEY: put the new key first there "
                          "(`docproc admin generate-key`), run rotate-key, then remove the old one")
    return settings.data_key_file or dev_key_path(settings.data_dir)


@admin.command("audit-export")
@click.option("--since", type=click.DateTime(), help="From this date/time (UTC).")
@click.option("--until", type=click.DateTime(), help="Before this date/time (UTC).")
@click.option("--actor", help="Only this user (or api_key:<id>).")
@click.option("--action", type=click.Choice(ACTIONS))
@click.option("--application", "application_id", help="Only events about this application.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (mode 0600) instead of stdout.")
@edge
def audit_export(since: datetime | None, until: datetime | None, actor: str | None, action: str | None,
                 application_id: str | None, output: Path | None) -> None:
    """Export the audit log as JSON lines, oldest first (the export itself is audited)."""
    db, _ = _stores(Settings())
    log = AuditLog(db)
    events = log.iter_events(since=_utc(since), until=_utc(until), actor=actor, action=action,
                             application_id=application_id)
    count = 0
    if output is None:
        for event in events:
            click.echo(as_json_line(event))
            count += 1
    else:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for event in events:
                handle.write(as_json_line(event) + "\n")
                count += 1
        click.echo(f"wrote {count} event(s) to {output}", err=True)
    log.record(actor=_actor(), action="export", target_kind="audit_log", target_id=str(output or "stdout"),
               detail={"events": count})


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


@admin.command("purge")
@click.option("--days", type=click.IntRange(min=0),
              help="Keep files this many days after the decision (default: the policy's retention.originals_days).")
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@edge
def purge(days: int | None, dry_run: bool) -> None:
    """Delete uploaded originals and page renders of applications decided N days ago; checklists stay."""
    settings = Settings()
    days = load_policy(settings.policy_file).retention.originals_days if days is None else days
    if days == 0:
        click.echo("retention is off (policy retention.originals_days = 0): nothing deleted")
        return
    db, blobs = _stores(settings)
    report = retention.purge_expired(db, blobs, days=days, dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{len(report.applications)} application(s) decided over {days} day(s) ago: {verb} "
               f"{report.originals} original(s) and {report.renders} render(s); "
               f"{report.kept_shared} original(s) kept (also held by a newer application)")
    if not dry_run:
        log = AuditLog(db)
        for application_id in report.applications:
            log.record(actor=_actor(), action="purge", target_kind="application", target_id=application_id,
                       application_id=application_id, detail={"days": days})


COMMANDS: list[click.Command] = [admin]
