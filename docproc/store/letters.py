"""The officer's edits of supplement letters: every save appended with who and when; the latest counts.

The machine's lines are never overwritten: they stay in the checklist they came from, and each saved version of
the edits stays in ``letter_edits`` (sealed: an officer's wording may name the customer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from docproc.core.clock import utcnow
from docproc.core.letters import LetterEdits
from docproc.store.database import Database
from docproc.store.stored import load
from docproc.store.tables import letter_edits


@dataclass(frozen=True)
class SavedEdits:
    """One saved version of a letter's edits."""

    edits: LetterEdits
    by: str
    at: datetime


def _saved(row: sa.Row) -> SavedEdits:  # type: ignore[type-arg]
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    return SavedEdits(edits=load(LetterEdits, row.data, where="letter_edits.data"), by=row.by, at=at)


class Letters:
    """Save and read the edits of an application's supplement letter."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine

    def save(self, application_id: str, edits: LetterEdits, *, by: str) -> SavedEdits:
        """Append a version of the edits (an empty one restores the machine's letter)."""
        saved = SavedEdits(edits=edits, by=by[:64], at=utcnow())
        with self.engine.begin() as conn:
            conn.execute(letter_edits.insert().values(application_id=application_id, by=saved.by, at=saved.at,
                                                      data=edits.model_dump(mode="json")))
        return saved

    def latest(self, application_id: str) -> SavedEdits | None:
        """The edits in force, if the letter was ever edited."""
        history = self.history(application_id, limit=1)
        return history[0] if history else None

    def history(self, application_id: str, *, limit: int | None = None) -> list[SavedEdits]:
        """Saved versions, newest first."""
        query = (sa.select(letter_edits).where(letter_edits.c.application_id == application_id)
                 .order_by(letter_edits.c.seq.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [_saved(r) for r in conn.execute(query).all()]
