"""Helpers shared by the command modules: the error edge and option parsers."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import click

from docproc.core.errors import DocprocError

F = TypeVar("F", bound=Callable[..., Any])


def edge(fn: F) -> F:
    """Translate DocprocError into one line on stderr and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DocprocError as exc:
            click.echo(f"docproc: error: {exc.message}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def parse_date_option(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_decimal_option(_ctx: Any, _param: Any, value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise click.BadParameter(f"{value!r} is not an amount") from None
