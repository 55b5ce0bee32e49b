"""The registry of extractors: what each module registers itself with."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from docproc.core.models import DocType, Field, RawDocument
from docproc.core.registry import Registry

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext


class ExtractedFields(BaseModel):
    """What an extractor returns: canonical fields plus facts for the checks."""

    model_config = ConfigDict(frozen=True)

    fields: dict[str, Field] = {}
    meta: dict[str, object] = {}


Extractor = Callable[[RawDocument, "ReadingContext"], ExtractedFields]
EXTRACTORS: Registry[Extractor] = Registry("extractor")
# Bump when extractors or the classifier change what they make of the same pages (cached pages are re-extracted).
EXTRACTOR_VERSION = "174"


def extractor(doc_type: DocType) -> Callable[[Extractor], Extractor]:
    """Register the decorated function as the extractor of ``doc_type``."""
    return EXTRACTORS.decorator(doc_type.value)
