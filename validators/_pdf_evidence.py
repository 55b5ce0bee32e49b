"""Evidence of a change to a PDF after its issuer made it, read from the structural facts gathered while reading.

The authoring program is not evidence: letters and contracts are written in office suites, and
linearised or signed files have several revisions by design. What counts is what a later revision
changed, whether signatures still hold, and what is drawn on the pages (docproc.reading.pdf_structure).
"""

from __future__ import annotations

from typing import Any

from docproc.core.models import BBox, Document, Evidence, Unit
from docproc.core.policy import Policy
from docproc.validators._common import en, where

Finding = tuple[str, Evidence]
_KIND_NAMES = {"form": "form fields", "annotation": "annotations", "signature": "signatures",
               "metadata": "metadata", "other": "objects no page uses"}


def _on(doc: Document, page: int | None) -> bool:
    """A file-level fact about ``page`` concerns this document (None: the file as a whole)."""
    return page is None or page in doc.pages


def content_updates(doc: Document, structure: dict[str, Any]) -> list[Finding]:
    """Incremental updates that replaced or added page content of this document."""
    found = []
    total = structure.get("revisions") or 1
    for update in structure.get("updates") or []:
        touched = [c for c in update["changes"] if c["change"] == "page_content" and _on(doc, c["page"])]
        if not touched:
            continue
        pages = sorted({c["page"] for c in touched if c["page"]}) or doc.pages[:1]
        objects = ", ".join(c["object"] for c in touched[:6]) + (" …" if len(touched) > 6 else "")
        done = "added content to" if all(c["added"] for c in touched) else "replaced the content of"
        reason = (f"{where(doc)}: revision {update['revision']} of {total} (an incremental update) {done} page "
                  f"{', '.join(map(str, pages))} (objects {objects})")
        found += [(reason, Evidence(document_id=doc.id, file_id=doc.file_id, page=p,
                                    value=f"revision {update['revision']}: {objects}")) for p in pages]
    return found


def signature_problems(doc: Document, structure: dict[str, Any]) -> list[Finding]:
    """Signatures that no longer hold, leave their revision unsigned, or were followed by overrides."""
    found = []
    for sig in structure.get("signatures") or []:
        name = f"{sig['kind']} {sig['field']!r} (revision {sig['revision']})"
        if not sig["intact"]:
            problem = f"{name} no longer matches the signed bytes: the file was changed after signing"
        elif sig["coverage"] == "partial":
            problem = (f"{name} leaves part of its own revision unsigned, so what later revisions changed "
                       "cannot be told from what was signed")
        elif sig["modification"] == "other" or not sig["permitted"]:
            problem = (f"after {name}, a later revision overrides objects of the signed revision "
                       f"({sig['modification'].replace('_', ' ')}): {sig.get('detail') or 'not what a signer may add'}")
        else:
            continue
        found.append((f"{where(doc)}: {problem}", Evidence(document_id=doc.id, file_id=doc.file_id,
                                                           page=doc.pages[0] if doc.pages else None,
                                                           value=sig["field"])))
    return found


def overlays(doc: Document, structure: dict[str, Any]) -> list[Finding]:
    """Text written over a white box that hides earlier text."""
    found = []
    for o in structure.get("overlays") or []:
        if not _on(doc, o["page"]):
            continue
        box = o["bbox"]
        found.append((f"{where(doc)}, page {o['page']}: {o['written']!r} is written over a white box "
                      f"that hides {o['hidden']!r} at {[round(v) for v in box]} pt",
                      Evidence(document_id=doc.id, file_id=doc.file_id, page=o["page"],
                               bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3], unit=Unit.PT),
                               value=o["written"])))
    return found


def mixed_fonts(doc: Document) -> list[Finding]:
    """Figures whose characters come from two fonts (an edit inside one number)."""
    found = []
    for mixed in doc.meta.get("mixed_fonts") or []:
        box = mixed["bbox"]
        found.append((f"{where(doc)}: {mixed['text']!r} mixes fonts {', '.join(mixed['fonts'])} inside one figure",
                      Evidence(document_id=doc.id, file_id=doc.file_id, page=mixed.get("page", doc.pages[0]),
                               bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3], unit=Unit.PT),
                               value=mixed["text"])))
    return found


def producer_hint(doc: Document, facts: dict[str, Any], policy: Policy) -> str | None:
    """An office suite or PDF editor as producer, on a type the policy says its issuer prints itself."""
    rule = policy.pdf.producer_review
    if doc.type not in rule.doc_types:
        return None
    tool = " ".join(str(facts.get(k) or "") for k in ("producer", "creator")).lower()
    if not any(p in tool for p in rule.producers):
        return None
    return (f"{where(doc)}: a {en(doc.type)} made with {facts.get('producer') or facts.get('creator')}, "
            "not by the issuer's system (no sign of an edit; a person should confirm the source)")


def summary(doc: Document, structure: dict[str, Any]) -> str:
    """What was looked at and found harmless, for a passing verdict."""
    parts = [f"{structure.get('revisions') or 1} revision(s)"]
    if structure.get("linearized"):
        parts.append("linearised")
    if structure.get("updates"):
        kinds = sorted({_KIND_NAMES.get(c["change"], c["change"]) for u in structure["updates"] for c in u["changes"]})
        parts.append(f"later revisions touch only {', '.join(kinds) or 'nothing'}, no page content")
    sigs = structure.get("signatures") or []
    if sigs:
        parts.append(f"{len(sigs)} signature(s)/timestamp(s) intact")
    return f"{where(doc)}: " + ", ".join(parts)
