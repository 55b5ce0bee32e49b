"""The pipeline functions in-process: ingest (zip), extraction cache, overrides."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from docproc.core.clock import utcnow
from docproc.core.models import FileState, Override, Status
from docproc.service import pipeline
from docproc.service.context import Context
from tests.conftest import TINY
from tests.fakes import CrashingEngine

BACK = TINY / "a01_salaried_clean" / "id_back.jpg"


def _app(ctx: Context) -> str:
    return pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20)).id


def test_zip_upload_becomes_one_file_per_member(ctx: Context) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("bundle/id_back.jpg", BACK.read_bytes())
        archive.writestr("bundle/notes.txt", b"not a document")
    app_id = _app(ctx)
    children = pipeline.ingest(ctx, app_id, filename="bundle.zip", data=buf.getvalue())
    assert [c.filename for c in children] == ["bundle/id_back.jpg", "bundle/notes.txt"]
    parent = next(f for f in ctx.db.files_of(app_id) if f.filename == "bundle.zip")
    assert parent.state == FileState.DONE and all(c.parent_id == parent.id for c in children)
    for child in children:
        pipeline.process_file(ctx, child.id)
    states = {f.filename: (f.state, f.error_code) for f in ctx.db.files_of(app_id)}
    assert states["bundle/id_back.jpg"] == (FileState.DONE, None)
    assert states["bundle/notes.txt"] == (FileState.ERROR, "unsupported_file_type")
    checklist = pipeline.check_application(ctx, app_id)
    assert [e["filename"] for e in checklist.errors] == ["bundle/notes.txt"]


def test_same_bytes_are_not_read_twice(ctx: Context) -> None:
    first = _app(ctx)
    [stored] = pipeline.ingest(ctx, first, filename="a.jpg", data=BACK.read_bytes())
    [doc] = pipeline.process_file(ctx, stored.id)
    crash = CrashingEngine()
    crash.name = ctx.ocr.name  # same engine name, so the cache key matches; any OCR call fails
    no_ocr = Context(**{**ctx.__dict__, "ocr": crash, "digits_ocr": CrashingEngine()})
    second = _app(ctx)
    [again] = pipeline.ingest(ctx, second, filename="b.jpg", data=BACK.read_bytes())
    [cached] = pipeline.process_file(no_ocr, again.id)
    assert cached.fields == doc.fields and cached.file_id == again.id and cached.id != doc.id
    assert ctx.db.pages_of(again.id)[0].file_id == again.id


def test_new_extractors_reuse_the_pages_read_before(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _app(ctx)
    [stored] = pipeline.ingest(ctx, first, filename="a.jpg", data=BACK.read_bytes())
    [doc] = pipeline.process_file(ctx, stored.id)
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "next")
    crash = CrashingEngine()
    crash.name = ctx.ocr.name  # the page reader must not run again: only the extractors changed
    no_read = Context(**{**ctx.__dict__, "ocr": crash})
    second = _app(ctx)
    [again] = pipeline.ingest(ctx, second, filename="b.jpg", data=BACK.read_bytes())
    [redone] = pipeline.process_file(no_read, again.id)
    assert redone.fields == doc.fields and redone.file_id == again.id
    _pages, _docs, version = ctx.db.get_extraction(stored.sha256, pipeline.reading_version(ctx)) or ((), (), None)
    assert version == "next"


def test_override_sits_beside_the_machine_verdict(ctx: Context) -> None:
    app_id = _app(ctx)
    [stored] = pipeline.ingest(ctx, app_id, filename="back.jpg", data=BACK.read_bytes())
    pipeline.process_file(ctx, stored.id)
    before = pipeline.check_application(ctx, app_id)
    item = next(i for i in before.items if i.id == "completeness.id_card.both_sides")
    assert item.status == Status.MISSING
    after = pipeline.record_override(ctx, app_id, Override(
        check_id=item.id, status=Status.PASS, comment="front seen on the original", officer="wang", at=utcnow()))
    overridden = next(i for i in after.items if i.id == item.id)
    assert (overridden.status, overridden.machine_status) == (Status.PASS, Status.MISSING)
    assert overridden.override is not None and overridden.override.officer == "wang"


def test_only_the_later_application_is_the_copy(ctx: Context) -> None:
    first = _app(ctx)
    [a] = pipeline.ingest(ctx, first, filename="back.jpg", data=BACK.read_bytes())
    pipeline.process_file(ctx, a.id)
    second = _app(ctx)
    [b] = pipeline.ingest(ctx, second, filename="same.jpg", data=BACK.read_bytes())
    pipeline.process_file(ctx, b.id)

    def verdict(app_id: str) -> Status:
        return next(i.status for i in pipeline.check_application(ctx, app_id).items
                    if i.id == "anomaly.duplicate_document")

    assert verdict(second) == Status.FAIL
    assert verdict(first) == Status.PASS  # re-checked after the copy arrived: still the original


def test_a_card_photo_saved_again_is_still_the_same_photo(ctx: Context) -> None:
    import io

    from PIL import Image

    resaved = io.BytesIO()
    Image.open(BACK).save(resaved, "JPEG", quality=78)
    assert resaved.getvalue() != BACK.read_bytes()
    first = _app(ctx)
    [a] = pipeline.ingest(ctx, first, filename="back.jpg", data=BACK.read_bytes())
    pipeline.process_file(ctx, a.id)
    copy, other = _app(ctx), _app(ctx)
    [b] = pipeline.ingest(ctx, copy, filename="back_again.jpg", data=resaved.getvalue())
    pipeline.process_file(ctx, b.id)
    [c] = pipeline.ingest(ctx, other, filename="back.jpg", data=(TINY / "a02_expired_id" / "id_back.jpg").read_bytes())
    pipeline.process_file(ctx, c.id)
    assert [p.page for p in pipeline.duplicate_pages(ctx, copy)] == [1]
    assert pipeline.duplicate_pages(ctx, copy)[0].other_application == first
    assert pipeline.duplicate_pages(ctx, other) == []  # another person's card photo of the same design
    assert pipeline.duplicate_pages(ctx, first) == []


def _turned_a_little(data: bytes, *, degrees: float, scale: float, shift: tuple[float, float]) -> bytes:
    """The same picture scanned again: turned a fraction of a degree, scaled a little, shifted, re-encoded."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    h, w = image.shape[:2]
    move = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, scale)
    move[:, 2] += shift
    moved = cv2.warpAffine(image, move, (w, h), borderMode=cv2.BORDER_REPLICATE)
    return cv2.imencode(".jpg", moved, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()


def test_a_card_picture_handed_in_again_turned_and_scaled_a_little_is_still_the_same_picture(ctx: Context) -> None:
    first, copy, other = _app(ctx), _app(ctx), _app(ctx)
    [a] = pipeline.ingest(ctx, first, filename="back.jpg", data=BACK.read_bytes())
    pipeline.process_file(ctx, a.id)
    again = _turned_a_little(BACK.read_bytes(), degrees=0.2, scale=1.02, shift=(6.0, 4.0))
    [b] = pipeline.ingest(ctx, copy, filename="scan.jpg", data=again)
    pipeline.process_file(ctx, b.id)
    theirs = _turned_a_little((TINY / "a02_expired_id" / "id_back.jpg").read_bytes(), degrees=0.2, scale=1.02,
                              shift=(6.0, 4.0))
    [c] = pipeline.ingest(ctx, other, filename="scan.jpg", data=theirs)
    pipeline.process_file(ctx, c.id)
    assert [(d.page, d.other_application) for d in pipeline.duplicate_pages(ctx, copy)] == [(1, first)]
    assert pipeline.duplicate_pages(ctx, other) == []  # another person's card of the same design, turned alike


def test_two_different_pictures_that_share_an_image_hash_are_not_copies(ctx: Context) -> None:
    import sqlalchemy as sa

    from docproc.store.tables import page_hashes

    first, second = _app(ctx), _app(ctx)
    [a] = pipeline.ingest(ctx, first, filename="back.jpg", data=BACK.read_bytes())
    pipeline.process_file(ctx, a.id)
    [b] = pipeline.ingest(ctx, second, filename="other.jpg", data=(TINY / "a02_expired_id" / "id_back.jpg").read_bytes())
    pipeline.process_file(ctx, b.id)
    [(_, _, digest)] = ctx.db.page_hashes_of(first)
    with ctx.db._tx() as conn:  # a mostly white page can hash like another: force the collision
        conn.execute(sa.update(page_hashes).where(page_hashes.c.file_id == b.id).values(hash=digest))
    assert pipeline.duplicate_pages(ctx, second) == []
