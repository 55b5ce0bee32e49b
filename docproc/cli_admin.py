"""Administration commands: users (first admin, roles, branches)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
