"""Who is calling: an officer with a session or a system with an API key, and what they may see.

Authenticators are tried in order; each returns a Principal or None. ``web.auth`` registers the
session authenticator, ``web.api_integrations`` the API-key one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from flask import Flask, Request, current_app, g, request

from docproc.core.models import Application

Role = Literal["officer", "supervisor", "admin", "system"]
Authenticator = Callable[[Request], "Principal | None"]


@dataclass(frozen=True)
class Principal:
    """An authenticated caller; ``branches`` empty means every branch (admins)."""

    kind: Literal["session", "api_key"]
    name: str
    role: Role
    branches: frozenset[str] = field(default_factory=frozenset)

    def can_see(self, application: Application) -> bool:
        """Whether this caller may read the application (and its files and evidence)."""
        return self.role == "admin" or not self.branches or application.branch in self.branches


def authenticators(app: Flask) -> list[Authenticator]:
    """The app's authenticator chain (registered by the auth modules at start-up)."""
    chain: list[Authenticator] = app.extensions.setdefault("docproc.authenticators", [])
    return chain


def current_principal() -> Principal | None:
    """The caller of this request, computed once per request."""
    if "principal" not in g:
        g.principal = next(
            (p for auth in authenticators(current_app) if (p := auth(request)) is not None), None
        )
    return g.principal  # type: ignore[no-any-return]
