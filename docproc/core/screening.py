"""Watch-list screening facts: names compared with a sanctions/PEP list, gathered before the checks run.

The list itself lives in the store (``docproc aml import-list``); the service looks up the names the bundle
carries and hands the checks what it found, so that anomaly.aml stays a plain function over the bundle.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

_NOT_A_LETTER = re.compile(r"[^\w]|_", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")


def name_key(name: str) -> str:
    """A name reduced to what screening compares: NFKC, case-folded, punctuation and spacing dropped, and
    the words of a name in Latin letters sorted (``Smith, John`` and ``JOHN SMITH`` are one key); '' when
    nothing is left. A name with a masked character (张*) cannot be screened and gives ''."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    if not text or "*" in text:
        return ""
    if _CJK.search(text):
        return _NOT_A_LETTER.sub("", text.replace("·", "").replace("•", ""))
    words = [w for w in (_NOT_A_LETTER.sub("", part) for part in re.split(r"[\s,;/]+", text)) if w]
    return " ".join(sorted(words))


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WatchlistHit(_Fact):
    """One name of the bundle that is a name (or an alias) of a list entry."""

    name: str  # as printed on the document or the application
    role: Literal["applicant", "counterparty"]
    entry_id: str
    entry_name: str
    schema_: str = ""  # FollowTheMoney schema of the entry: Person, Company, Organization, ...
    datasets: str = ""
    document_id: str | None = None
    row: int | None = None  # index of the statement row naming a counterparty


class Screening(_Fact):
    """What the screening found; ``entries`` 0 means no list is loaded (screening could not be done)."""

    entries: int = 0
    source: str | None = None  # the file the list was imported from
    names: int = 0  # distinct names screened
    hits: tuple[WatchlistHit, ...] = ()
