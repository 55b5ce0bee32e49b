"""Field extractors, one module per document type, each registered under its type (see `extractors.registry`).

An extractor is a plain function ``(RawDocument, ReadingContext) -> ExtractedFields``.
"""

from __future__ import annotations

from docproc.extractors import (  # noqa: F401  (registers the extractors)
    bank_statement,
    business_license,
    credit_report,
    id_card,
    income_proof,
    purchase_contract,
    tax_certificate,
)
from docproc.extractors.registry import (
    EXTRACTOR_VERSION,
    EXTRACTORS,
    ExtractedFields,
    Extractor,
    extractor,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "EXTRACTORS",
    "ExtractedFields",
    "Extractor",
    "extractor",
]
