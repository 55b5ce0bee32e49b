"""The supplement letter's data: the template per branch (letterhead, office, address, contact phone and hours)
and the officer's edits of its lines.

Loaded from TOML (the shipped ``letterhead.toml``, or the file ``DOCPROC_LETTER_FILE`` names): a ``[default]``
template and one ``[branches.<branch code>]`` table per branch that has its own; a branch without one prints
the default. The deadline comes from the policy (``[letter]``), not from here.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field as PydanticField

from docproc.core.errors import ConfigError
from docproc.core.models import Title

MAX_LINES = 40  # lines an officer may bring a letter to: one A4 page holds 50 two-line rows at its smallest type
MAX_TEXT = 300


class Wording(BaseModel):
    """One sentence in both languages."""

    model_config = ConfigDict(frozen=True)

    zh: str = PydanticField(max_length=MAX_TEXT)
    en: str = PydanticField(max_length=MAX_TEXT)


class LetterEdits(BaseModel):
    """The officer's changes to the machine's lines, kept apart from them (a new checklist keeps them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    removed: tuple[str, ...] = ()
    reworded: dict[str, Wording] = PydanticField(default_factory=dict)
    added: tuple[Wording, ...] = PydanticField(default=(), max_length=MAX_LINES)

    @property
    def empty(self) -> bool:
        """No change at all: the machine's letter."""
        return not (self.removed or self.reworded or self.added)


class Letterhead(BaseModel):
    """What the letter of one branch prints at its head and foot, in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bank: Title  # the institution, as the letterhead names it
    office: Title  # the branch's own name
    address: Title
    phone: str = PydanticField(min_length=3, max_length=40)
    hours: Title | None = None  # opening hours


class Letterheads(BaseModel):
    """The default template and the branches' own."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    default: Letterhead
    branches: dict[str, Letterhead] = PydanticField(default_factory=dict)

    def of(self, branch: str) -> Letterhead:
        """The branch's template, else the default."""
        return self.branches.get(branch.strip(), self.default)


def parse_letterheads(text: str, *, source: str = "letter templates") -> Letterheads:
    """Parse the TOML; a wrong or missing key is a configuration error naming the source."""
    try:
        return Letterheads.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{source} is not a valid letter template file: {exc}") from exc


@cache
def load_letterheads(path: Path | None = None) -> Letterheads:
    """The templates in ``path``, or the shipped ones (read once per process)."""
    if path is None:
        text = resources.files("docproc.core").joinpath("letterhead.toml").read_text(encoding="utf-8")
        return parse_letterheads(text, source="default letter templates")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read letter template file {path}: {exc.strerror}") from exc
    return parse_letterheads(text, source=str(path))
