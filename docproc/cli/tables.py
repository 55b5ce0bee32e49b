"""Plain-text tables of checklists and extracted documents for the terminal."""

from __future__ import annotations

from docproc.core.models import Checklist, Document, Status

_MARK = {
    Status.PASS: "PASS",
    Status.FAIL: "FAIL",
    Status.MISSING: "MISSING",
    Status.REVIEW: "REVIEW",
    Status.NOT_APPLICABLE: "n/a",
}


def checklist_table(checklist: Checklist, *, show_na: bool = False) -> str:
    """A readable table: one line per item, reasons indented, then the supplement request."""
    lines = [
        f"application {checklist.application}  profile {checklist.profile}  "
        f"date {checklist.application_date}  policy {checklist.policy_version}",
        f"STATUS: {checklist.status.value.upper()}",
        "",
    ]
    for item in checklist.items:
        if item.status == Status.NOT_APPLICABLE and not show_na:
            continue
        mark = _MARK[item.status]
        if item.override:
            mark += f" (machine: {_MARK[item.machine_status]})"
        lines.append(f"  {mark:<8} {item.id:<40} {item.title.zh}")
        lines += [f"           - {reason}" for reason in item.reasons[:4]]
    for error in checklist.errors:
        lines.append(f"  ERROR    {error['filename']}: {error['message']}")
    if checklist.supplement_request:
        lines += ["", "补件清单 / Supplement request:"]
        lines += [f"  {i}. {s.zh}  ({s.en})" for i, s in enumerate(checklist.supplement_request, 1)]
    return "\n".join(lines)


def documents_table(docs: list[Document]) -> str:
    """Readable list of extracted documents and fields."""
    lines = []
    for doc in docs:
        side = f" ({doc.side.value})" if doc.side else ""
        lines.append(f"{doc.type.value}{side}  pages {doc.pages}  confidence {doc.confidence:.2f}  stamps {len(doc.stamps)}")
        for name, f in doc.fields.items():
            lines.append(f"    {name:<20} {f.value}  [{f.confidence:.2f}, p{f.page}]")
    return "\n".join(lines)
