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


# Near matches (one character read wrong, in, or out) are looked for only between keys this long, where one
# character cannot turn one ordinary name into another: a CJK key of 6+ characters is an organisation's
# name (a person's name has 2-4), and a Latin key of 10+ letters leaves nine or more letters in place.
NEAR_MIN_CJK = 6
NEAR_MIN_LATIN = 10


def near_screened(key: str) -> bool:
    """Whether a name key is long enough to be screened for near matches as well as exact ones."""
    if _CJK.search(key):
        return len(key) >= NEAR_MIN_CJK
    return len(key.replace(" ", "")) >= NEAR_MIN_LATIN


def near_variants(key: str) -> set[str]:
    """The key and the key with any one character left out (the symmetric-deletion neighbourhood): two keys
    one substitution, insertion or deletion apart share one of these; empty for a key too short."""
    if not near_screened(key):
        return set()
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


def one_apart(a: str, b: str) -> bool:
    """Whether two keys differ by exactly one character substituted, inserted or deleted."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1:]


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WatchlistHit(_Fact):
    """One name of the bundle that is a name (or an alias) of a list entry, or (``near``) one character away
    from one: a possible misreading that an analyst looks at."""

    name: str  # as printed on the document or the application
    role: Literal["applicant", "counterparty"]
    entry_id: str
    entry_name: str
    schema_: str = ""  # FollowTheMoney schema of the entry: Person, Company, Organization, ...
    datasets: str = ""
    document_id: str | None = None
    row: int | None = None  # index of the statement row naming a counterparty
    near: bool = False  # one character apart from the listed key ``listed``, not the same
    listed: str = ""  # the listed name key a near hit is one character from


class Screening(_Fact):
    """What the screening found; ``entries`` 0 means no list is loaded (screening could not be done)."""

    entries: int = 0
    source: str | None = None  # the file the list was imported from
    names: int = 0  # distinct names screened
    hits: tuple[WatchlistHit, ...] = ()
