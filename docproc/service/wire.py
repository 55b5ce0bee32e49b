"""The JSON shapes of SPEC §5 for documents and checklists: what the CLI prints, the API answers and a webhook
carries."""

from __future__ import annotations

from typing import Any

from pydantic_core import to_jsonable_python

from docproc.core.models import Checklist, Document


def field_json(doc: Document) -> dict[str, Any]:
    """A document as SPEC §5 prints it for ``docproc extract``."""
    return {
        "id": doc.id,
        "file_id": doc.file_id,
        "type": doc.type.value,
        "side": doc.side.value if doc.side else None,
        "pages": doc.pages,
        "fields": {
            name: {
                "value": to_jsonable_python(f.value),
                "confidence": f.confidence,
                "page": f.page,
                "bbox": f.bbox.as_list() if f.bbox else None,
                "unit": f.bbox.unit.value if f.bbox else None,
            }
            for name, f in doc.fields.items()
        },
        "stamps": [s.model_dump(mode="json") for s in doc.stamps],
    }


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    """The checklist JSON of SPEC §5 (plus policy version, dates and file errors)."""
    data = checklist.model_dump(mode="json")
    data["documents"] = [field_json(d) for d in checklist.documents]
    return data
