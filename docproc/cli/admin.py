"""Administration commands: users (first admin, roles, branches)."""

from __future__ import annotations

import click

from docproc.cli.common import edge
from docproc.core.settings import Settings
from docproc.service.context import keyring_of
from docproc.store.accounts import ROLES, Accounts
from docproc.store.database import Database


def _database() -> Database:
    settings = Settings()
    return Database(settings.db_url, keyring=keyring_of(settings))


def _accounts() -> Accounts:
    return Accounts(_database())


_password = click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
                         help="Prompted (hidden) when not given.")


@click.group()
def users() -> None:
    """Officer accounts: create the first admin, add users, list them."""


@users.command("create-admin")
@click.option("--username", prompt=True, help="The admin's sign-in name.")
@_password
@click.option("--branch", default="head-office", show_default=True)
@edge
def create_admin(username: str, password: str, branch: str) -> None:
    """Create an administrator (the first account of a new deployment)."""
    user = _accounts().create(username, password, role="admin", branch=branch)
    click.echo(f"created admin {user.username} (branch {user.branch})")


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="officer", show_default=True)
@click.option("--branch", required=True, help="Branch whose applications the user works on.")
@click.option("--display-name", default=None, help="The name letters and pages show (e.g. 王晓明).")
@_password
@edge
def add(username: str, role: str, branch: str, password: str, display_name: str | None) -> None:
    """Add an officer, supervisor or admin."""
    user = _accounts().create(username, password, role=role, branch=branch, display_name=display_name)
    click.echo(f"created {user.role} {user.username} (branch {user.branch})")


@users.command("list")
@edge
def list_users() -> None:
    """List users with role, branch and whether they can sign in."""
    rows = _accounts().list()
    if not rows:
        click.echo("no users yet: run `docproc users create-admin`")
    for user in rows:
        state = "active" if user.active else "disabled"
        click.echo(f"{user.username:<24} {user.role:<11} {user.branch:<16} {state}")


@users.command("set-password")
@click.argument("username")
@_password
@edge
def set_password(username: str, password: str) -> None:
    """Replace a user's password."""
    _accounts().update(username, password=password)
    click.echo(f"password of {username} changed")


@users.command("disable")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Re-enable instead.")
@edge
def disable(username: str, enable: bool) -> None:
    """Stop (or allow again) a user from signing in."""
    _accounts().update(username, active=enable)
    click.echo(f"{username} {'enabled' if enable else 'disabled'}")


COMMANDS: list[click.Command] = [users]


@users.command("set-display-name")
@click.argument("username")
@click.argument("display_name")
@edge
def set_display_name(username: str, display_name: str) -> None:
    """Set the name letters and pages show for a user (e.g. 王晓明)."""
    user = _accounts().update(username, display_name=display_name)
    click.echo(f"{username} is shown as {user.shown_name}")
