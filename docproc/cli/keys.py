"""Administration of integrations: ``docproc keys create/revoke/list`` and ``docproc webhooks add/list/...``."""

from __future__ import annotations

import json
from typing import Any

import click

from docproc.cli.common import edge
from docproc.core.errors import InputError
from docproc.core.settings import Settings
from docproc.core.webhook_targets import TargetPolicy
from docproc.service.context import build_context
from docproc.store.integrations import EVENTS, ApiKey, IntegrationStore


def _store() -> IntegrationStore:
    return IntegrationStore(build_context(Settings()).db.engine)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _key_line(key: ApiKey) -> str:
    state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
    branches = ",".join(key.branches) or "(all branches)"
    used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
    return f"{key.id}  {key.prefix}…  {key.name:<20} {branches:<20} {state:<24} last used {used}"


@click.group()
def keys() -> None:
    """API keys of client systems (stored hashed, scoped to branches)."""


@keys.command("create")
@click.argument("name")
@click.option("--branch", "branches", multiple=True, help="A branch the key serves (repeatable).")
@click.option("--all-branches", is_flag=True, help="The key serves every branch.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@edge
def create_key(name: str, branches: tuple[str, ...], all_branches: bool, as_json: bool) -> None:
    """Create a key for the system NAME; the key is printed this once."""
    if bool(branches) == all_branches:
        raise InputError("give --branch B (repeatable) or --all-branches")
    record, secret = _store().create_key(name=name, branches=branches, created_by="cli")
    if as_json:
        _echo_json({**record.model_dump(mode="json"), "key": secret})
        return
    click.echo(secret)
    click.echo(f"created {record.id} ({record.prefix}…) for {name}: store the key now, it is not shown again",
               err=True)


@keys.command("revoke")
@click.argument("key_id")
@edge
def revoke_key(key_id: str) -> None:
    """Revoke a key by id or prefix; its calls answer 401 and its webhooks stop."""
    record = _store().revoke_key(key_id)
    click.echo(f"revoked {record.id} ({record.prefix}…, {record.name})")


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@edge
def list_keys(as_json: bool) -> None:
    """Every key with its prefix, branches and state."""
    records = _store().list_keys()
    if as_json:
        _echo_json([k.model_dump(mode="json") for k in records])
        return
    for record in records:
        click.echo(_key_line(record))


@click.group()
def webhooks() -> None:
    """Webhooks: URLs that receive signed checklist events."""


@webhooks.command("add")
@click.argument("url")
@click.option("--key", "key_id", help="The API key (id or prefix) the webhook belongs to; it gets its branches.")
@click.option("--branch", "branches", multiple=True, help="Without --key: branches whose events are sent.")
@click.option("--event", "events", multiple=True, type=click.Choice(EVENTS), help="Default: every event.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@edge
def add_webhook(url: str, key_id: str | None, branches: tuple[str, ...], events: tuple[str, ...], as_json: bool) -> None:
    """Register URL; prints the signing secret this once."""
    store, targets = _store(), TargetPolicy.of(Settings())
    if key_id:
        key = store.get_key(key_id)
        if not key.active:
            raise InputError(f"the key {key.id} is revoked")
        hook = store.add_webhook(url=url, branches=key.branches, api_key_id=key.id, events=events or EVENTS,
                                 targets=targets)
    else:
        hook = store.add_webhook(url=url, branches=branches, events=events or EVENTS, targets=targets)
    if as_json:
        _echo_json(hook.model_dump(mode="json"))
        return
    click.echo(hook.secret)
    click.echo(f"added {hook.id} → {hook.url} ({', '.join(hook.events)}; branches "
               f"{','.join(hook.branches) or 'all'}): the line above is the signing secret", err=True)


@webhooks.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@edge
def list_webhooks(as_json: bool) -> None:
    """Live webhooks."""
    hooks = _store().list_webhooks()
    if as_json:
        _echo_json([h.model_dump(mode="json", exclude={"secret"}) for h in hooks])
        return
    for hook in hooks:
        click.echo(f"{hook.id}  {hook.url}  key {hook.api_key_id or '-'}  branches {','.join(hook.branches) or 'all'}")


@webhooks.command("remove")
@click.argument("webhook_id")
@edge
def remove_webhook(webhook_id: str) -> None:
    """Stop a webhook (its delivery log is kept)."""
    store = _store()
    store.delete_webhook(store.get_webhook(webhook_id).id)
    click.echo(f"removed {webhook_id}")


@webhooks.command("deliveries")
@click.argument("webhook_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@edge
def deliveries(webhook_id: str, as_json: bool) -> None:
    """The delivery log of a webhook, newest first."""
    found = _store().deliveries_of(webhook_id)
    if as_json:
        _echo_json([d.model_dump(mode="json", exclude={"payload"}) for d in found])
        return
    for d in found:
        last = d.log[-1] if d.log else None
        answer = "" if last is None else f"last: {last.status_code or last.error}"
        click.echo(f"{d.id}  {d.event:<18} {d.application_id}  {d.status:<9} {d.attempts}/{d.max_attempts}  {answer}")
