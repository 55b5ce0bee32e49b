"""The officers' page: applications, checklist and casework, evidence, administration."""

from __future__ import annotations

from flask import Blueprint

from web.officer import admin, applications, casework, dashboard, evidence, letter, reminders, undo  # noqa: F401  (letter: routes on casework.bp)


def blueprints() -> list[Blueprint]:
    """The page's blueprints, to be nested under ``pages``."""
    return [applications.bp, casework.bp, evidence.bp, admin.bp, dashboard.bp, undo.bp, reminders.bp]
