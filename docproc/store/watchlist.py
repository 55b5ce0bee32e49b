"""The sanctions/PEP watch list: imported from a FollowTheMoney/OpenSanctions CSV, looked up by name key.

The file is the "simple" CSV OpenSanctions publishes (``targets.simple.csv``): a header row with at least
``id``, ``schema`` and ``name``; ``aliases`` (``;``-separated) and ``dataset`` are read when present, any
other column is ignored. An import replaces the whole list in one transaction, with its near-match index:
the hash of every one-character deletion of each long key (``watchlist_near``), so that a name misread by
one character finds its listed key by a handful of indexed lookups, never by a scan of the list.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from docproc.core.clock import utcnow
from docproc.core.errors import InputError
from docproc.core.screening import name_key, near_variants, one_apart
from docproc.store.database import Database
from docproc.store.tables import watchlist_entries, watchlist_names, watchlist_near

REQUIRED_COLUMNS = ("id", "schema", "name")
BATCH = 1000


class InvalidWatchlist(InputError):
    """A watch-list file that is not in the FollowTheMoney/OpenSanctions simple CSV format."""

    code = "invalid_watchlist"


@dataclass(frozen=True)
class Entry:
    """One list entry as stored."""

    id: str
    schema: str
    name: str
    datasets: str


@dataclass(frozen=True)
class ListInfo:
    """What is loaded: how many entries, from which file, when."""

    entries: int
    source: str | None
    imported_at: datetime | None


def parse(text: str) -> list[tuple[Entry, set[str]]]:
    """The entries of a CSV text with the name keys of each (its name and aliases)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidWatchlist(f"the watch list lacks the column(s) {', '.join(missing)} "
                               "(expected the FollowTheMoney/OpenSanctions simple CSV: id,schema,name,aliases,...)")
    out: dict[str, tuple[Entry, set[str]]] = {}
    for line, row in enumerate(reader, start=2):
        entry_id, name = (row.get("id") or "").strip(), (row.get("name") or "").strip()
        if not entry_id or not name:
            raise InvalidWatchlist(f"line {line} of the watch list has no id or no name")
        names = [name, *((row.get("aliases") or "").split(";"))]
        keys = {k for k in (name_key(n) for n in names) if k}
        entry = Entry(entry_id, (row.get("schema") or "").strip(), name, (row.get("dataset") or "").strip())
        out[entry_id] = (entry, keys | (out[entry_id][1] if entry_id in out else set()))
    return list(out.values())


def key_hash(text: str) -> int:
    """A stable signed 64-bit hash of a key or variant (the index stores these, not the text)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def near_rows(keys: Iterable[str]) -> list[dict[str, int]]:
    """The near-match index rows of distinct keys: each variant of a long key with the key's hash."""
    out = []
    for k in keys:
        if variants := near_variants(k):
            h = key_hash(k)
            out += [{"variant": key_hash(v), "key_hash": h} for v in variants]
    return out


def import_file(db: Database, path: Path) -> int:
    """Replace the stored list with the file's entries; returns how many."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidWatchlist(f"cannot read the watch list {path}: {exc}") from exc
    entries = parse(text)
    now, source = utcnow(), str(Path(path).name)
    indexed: set[str] = set()
    with db.engine.begin() as conn:
        conn.execute(watchlist_near.delete())
        conn.execute(watchlist_names.delete())
        conn.execute(watchlist_entries.delete())
        for start in range(0, len(entries), BATCH):
            chunk = entries[start:start + BATCH]
            conn.execute(watchlist_entries.insert(), [
                {"id": e.id, "schema": e.schema, "name": e.name, "datasets": e.datasets, "source": source,
                 "imported_at": now} for e, _ in chunk])
            pairs = [(k[:300], e.id) for e, ks in chunk for k in sorted(ks)]
            if pairs:
                conn.execute(watchlist_names.insert(), [{"key": k, "entry_id": entry_id, "key_hash": key_hash(k)}
                                                        for k, entry_id in pairs])
            fresh = sorted({k for k, _ in pairs} - indexed)  # a key two entries share: indexed once
            indexed.update(fresh)
            if rows := near_rows(fresh):
                conn.execute(watchlist_near.insert(), rows)
    return len(entries)


def info(db: Database) -> ListInfo:
    """How many entries are loaded, and from where."""
    with db.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(watchlist_entries)).scalar_one()
        row = conn.execute(sa.select(watchlist_entries.c.source, watchlist_entries.c.imported_at).limit(1)).first()
    return ListInfo(int(count), row.source if row else None, row.imported_at if row else None)


def lookup(db: Database, keys: Iterable[str]) -> dict[str, list[Entry]]:
    """The entries each name key matches (keys without a match left out)."""
    wanted = sorted({k for k in keys if k})
    found: dict[str, list[Entry]] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(wanted), BATCH):
            rows = conn.execute(
                sa.select(watchlist_names.c.key, watchlist_entries)
                .join(watchlist_entries, watchlist_entries.c.id == watchlist_names.c.entry_id)
                .where(watchlist_names.c.key.in_(wanted[start:start + BATCH]))).all()
            for r in rows:
                found.setdefault(r.key, []).append(Entry(r.id, r.schema, r.name, r.datasets))
    return found


def lookup_near(db: Database, keys: Iterable[str]) -> dict[str, list[tuple[str, Entry]]]:
    """The entries each long name key is one character away from, with the listed key it is near (keys
    without such a neighbour left out; an exact match is :func:`lookup`'s, not this)."""
    wanted = {k: near_variants(k) for k in {k for k in keys if k}}
    by_variant: dict[int, set[str]] = {}
    for k, near in wanted.items():
        for v in near:
            by_variant.setdefault(key_hash(v), set()).add(k)
    variants = sorted(by_variant)
    near_to: dict[int, set[str]] = {}  # a listed key's hash -> the read keys sharing a variant with it
    found: dict[str, list[tuple[str, Entry]]] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(variants), BATCH):
            for r in conn.execute(sa.select(watchlist_near).where(
                    watchlist_near.c.variant.in_(variants[start:start + BATCH]))):
                near_to.setdefault(r.key_hash, set()).update(by_variant[r.variant])
        listed = sorted(near_to)
        for start in range(0, len(listed), BATCH):
            rows = conn.execute(
                sa.select(watchlist_names.c.key, watchlist_names.c.key_hash, watchlist_entries)
                .join(watchlist_entries, watchlist_entries.c.id == watchlist_names.c.entry_id)
                .where(watchlist_names.c.key_hash.in_(listed[start:start + BATCH]))).all()
            for r in rows:
                for k in sorted(near_to[r.key_hash]):
                    if one_apart(k, r.key):  # the variants only narrow the list down; this decides
                        found.setdefault(k, []).append((r.key, Entry(r.id, r.schema, r.name, r.datasets)))
    return found
