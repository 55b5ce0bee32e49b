"""Field extractors, one module per document type, each registered under its type.

An extractor is a plain function ``(RawDocument, Context) -> ExtractedFields``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from docproc.models import DocType, Field, RawDocument
from docproc.registry import Registry

if TYPE_CHECKING:
    from docproc.context import Context


class ExtractedFields(BaseModel):
    """What an extractor returns: canonical fields plus facts for the checks."""

    model_config = ConfigDict(frozen=True)

    fields: dict[str, Field] = {}
    meta: dict[str, object] = {}


Extractor = Callable[[RawDocument, "Context"], ExtractedFields]
EXTRACTORS: Registry[Extractor] = Registry("extractor")
# Bump when extractors or the classifier change what they make of the same pages (cached pages are re-extracted).
EXTRACTOR_VERSION = "34"


def extractor(doc_type: DocType) -> Callable[[Extractor], Extractor]:
    """Register the decorated function as the extractor of ``doc_type``."""
    return EXTRACTORS.decorator(doc_type.value)


from extractors import (  # noqa: E402,F401  (registers the extractors)
    bank_statement,
    business_license,
    id_card,
    income_proof,
    purchase_contract,
    tax_certificate,
)
