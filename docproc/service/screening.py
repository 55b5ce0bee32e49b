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
    """The bundle's names looked up in the stored list (entries 0: nothing is loaded, nothing screened)."""
    loaded = watchlist.info(db)
    if loaded.entries == 0:
        return Screening()
    names = _names(bundle, policy)
    found = watchlist.lookup(db, (name_key(n) for n, *_ in names))
    hits, seen = [], set()
    for name, role, doc_id, row in names:
        for entry in found.get(name_key(name), []):
            key = (role, entry.id, name_key(name))  # a payer in many rows: its first row
            if key in seen:
                continue
            seen.add(key)
            hits.append(WatchlistHit(name=name, role=role, entry_id=entry.id,  # type: ignore[arg-type]
                                     entry_name=entry.name, schema_=entry.schema, datasets=entry.datasets,
                                     document_id=doc_id, row=row))
    return Screening(entries=loaded.entries, source=loaded.source,
                     names=len({name_key(n) for n, *_ in names} - {""}), hits=tuple(hits))
