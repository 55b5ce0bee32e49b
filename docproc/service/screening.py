"""Screening before the checks: the applicant's and the counterparties' names against the imported watch list.

The hits travel on the bundle (``Bundle.screening``) to anomaly.aml, which decides the verdict.
"""

from __future__ import annotations

from docproc.core.models import Bundle, DocType, Side
from docproc.core.policy import Policy
from docproc.core.screening import Screening, WatchlistHit, name_key
from docproc.store import watchlist
from docproc.store.database import Database


def _names(bundle: Bundle, policy: Policy) -> list[tuple[str, str, str | None, int | None]]:
    """(name, role, document id, row index) of every name to screen."""
    out: list[tuple[str, str, str | None, int | None]] = []
    if bundle.application.applicant_name:
        out.append((bundle.application.applicant_name, "applicant", None, None))
    for doc in bundle.of_type(DocType.ID_CARD, Side.FRONT):
        if (field := doc.fields.get("name")) and field.value:
            out.append((str(field.value), "applicant", doc.id, None))
    if policy.aml.screen_counterparties:
        for doc in bundle.of_type(DocType.BANK_STATEMENT):
            rows = doc.fields["transactions"].value if "transactions" in doc.fields else []
            for index, row in enumerate(rows if isinstance(rows, list) else []):
                if isinstance(row, dict) and row.get("counterparty"):
                    out.append((str(row["counterparty"]), "counterparty", doc.id, index))
    return out


def screen(db: Database, bundle: Bundle, policy: Policy) -> Screening:
    """The bundle's names looked up in the stored list (entries 0: nothing is loaded, nothing screened).

    A name whose key is on the list is a hit; a long name one character from a listed key (a misread
    character) is a near hit, looked for only when the name has no exact hit and reported only for an entry
    not already hit exactly in the same role. A payer named in many rows is reported at its first row."""
    loaded = watchlist.info(db)
    if loaded.entries == 0:
        return Screening()
    names = _names(bundle, policy)
    found = watchlist.lookup(db, (name_key(n) for n, *_ in names))
    near = watchlist.lookup_near(db, (k for n, *_ in names if (k := name_key(n)) not in found))
    hits, seen = [], set()
    for name, role, doc_id, row in names:
        for entry in found.get(name_key(name), []):
            key = (role, entry.id, name_key(name))
            if key in seen:
                continue
            seen.add(key)
            hits.append(_hit(name, role, entry, doc_id, row))
    exact = {(h.role, h.entry_id) for h in hits}
    for name, role, doc_id, row in names:
        for listed, entry in near.get(name_key(name), []):
            key = (role, entry.id, name_key(name))
            if (role, entry.id) in exact or key in seen:
                continue
            seen.add(key)
            hits.append(_hit(name, role, entry, doc_id, row, listed=listed))
    return Screening(entries=loaded.entries, source=loaded.source,
                     names=len({name_key(n) for n, *_ in names} - {""}), hits=tuple(hits))


def _hit(name: str, role: str, entry: watchlist.Entry, doc_id: str | None, row: int | None,
         listed: str = "") -> WatchlistHit:
    return WatchlistHit(name=name, role=role, entry_id=entry.id, entry_name=entry.name,  # type: ignore[arg-type]
                        schema_=entry.schema, datasets=entry.datasets, document_id=doc_id, row=row,
                        near=bool(listed), listed=listed)
