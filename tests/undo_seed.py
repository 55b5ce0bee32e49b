"""Page state for the undo tests without OCR: files stored through the pipeline, their reads put in the
extraction cache (so that processing them reads nothing), and the checklist computed from stored reads."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from PIL import Image

from docproc.core.models import DocType, Document, Field, Side, StoredFile
from docproc.extractors import EXTRACTOR_VERSION
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.store.blobs import sha256_hex

CARD_NAME = "唐倩"
CARD_ID = "110101199003074514"


def image(seed: int) -> bytes:
    """A small PNG whose bytes differ per seed (the reads come from the cache, never from these pixels)."""
    picture = Image.new("RGB", (64, 40), (seed * 37 % 256, seed * 91 % 256, 200))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _field(value: object) -> Field:
    return Field(value=value, confidence=0.99, page=1)


def front(name: str = CARD_NAME, number: str = CARD_ID) -> Document:
    """An ID card front as the extractor gives it."""
    return Document(id="doc_front", file_id="pending", type=DocType.ID_CARD, side=Side.FRONT, pages=[1],
                    fields={"name": _field(name), "id_number": _field(number), "sex": _field("男"),
                            "birth_date": _field("1990-03-07")})


def back() -> Document:
    """An ID card back valid until 2036."""
    return Document(id="doc_back", file_id="pending", type=DocType.ID_CARD, side=Side.BACK, pages=[1],
                    fields={"issuing_authority": _field("北京市公安局东城分局"), "valid_from": _field("2016-01-01"),
                            "valid_until": _field("2036-01-01")})


def cache(ctx: Context, data: bytes, docs: list[Document]) -> None:
    """Put what ``data`` reads as into the extraction cache (no page, these documents)."""
    ctx.db.put_extraction(sha256_hex(data), pipeline.reading_version(ctx), read_pages=[], docs=docs,
                          extractor_version=EXTRACTOR_VERSION)


def add(ctx: Context, application_id: str, name: str, data: bytes, docs: list[Document]) -> list[StoredFile]:
    """Upload ``data`` and process it as the worker would (from the cache: nothing is read)."""
    cache(ctx, data, docs)
    stored = pipeline.ingest(ctx, application_id, filename=name, data=data)
    for one in stored:
        pipeline.process_file(ctx, one.id)
    return stored


def application(ctx: Context, *, typed_name: str | None = None, branch: str = "main", card_name: str = CARD_NAME) -> str:
    """A salaried application with both sides of an ID card read and checked."""
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                      applicant_name=typed_name, loan_amount=Decimal("1000000"), branch=branch,
                                      created_by="ann")
    add(ctx, app.id, "id_front.png", image(1 if card_name == CARD_NAME else 3), [front(card_name)])
    add(ctx, app.id, "id_back.png", image(2), [back()])
    pipeline.check_application(ctx, app.id)
    return app.id
