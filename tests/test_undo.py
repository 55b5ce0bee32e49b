"""Undoing mistakes at the service level (real SQL: SQLite and PostgreSQL; a real Redis behind the API): excluding
and restoring a file, correcting the facts with their history, recognising an exact re-upload, and the typed
applicant name checked against the ID card. Reads come from the extraction cache: nothing is OCR'd."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from docproc.core.errors import InputError
from docproc.core.models import ChecklistStatus, DocType, FileState, Side, Status
from docproc.core.settings import Settings
from docproc.service import edits, pipeline
from docproc.service.context import Context, build_context
from docproc.store.audit import AuditLog
from docproc.store.integrations import IntegrationStore
from docproc.store.listing import ListQuery, list_page
from tests import undo_seed as seed


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path) -> Iterator[Context]:  # type: ignore[no-untyped-def]
    """A context on SQLite, then on a throw-away PostgreSQL database."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    yield build_context(Settings(data_dir=tmp_path / "var", redis_url=None, database_url=url))


def _item(ctx: Context, app_id: str, check_id: str) -> Status:
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None
    return next(i.status for i in checklist.items if i.id == check_id)


def test_an_excluded_file_is_kept_audited_and_out_of_the_checks_until_restored(world: Context, reads) -> None:  # type: ignore[no-untyped-def]
    ctx = world
    app_id = seed.application(ctx)
    with pytest.raises(InputError):  # a stray unreadable file: kept, shown with its error
        pipeline.ingest(ctx, app_id, filename="notes.txt", data=b"call the customer on monday")
    notes = next(f for f in ctx.db.files_of(app_id) if f.filename == "notes.txt")
    before = pipeline.check_application(ctx, app_id)
    assert any("notes.txt" in s.zh for s in before.supplement_request)

    stored, after = edits.exclude_file(ctx, None, notes.id, by="ann", comment="not part of the bundle")
    assert after is not None and not any("notes.txt" in s.zh or "notes.txt" in s.en for s in after.supplement_request)
    assert after.errors == [] and stored.excluded_by == "ann" and stored.excluded_at is not None
    assert ctx.db.get_file(notes.id).excluded_by == "ann"  # still stored and listed, its bytes too
    assert ctx.blobs.get(notes.sha256) == b"call the customer on monday"

    back = next(f for f in ctx.db.files_of(app_id) if f.filename == "id_back.png")
    assert _item(ctx, app_id, "completeness.id_card.both_sides") == Status.PASS
    edits.exclude_file(ctx, None, back.id, by="ann")
    assert _item(ctx, app_id, "completeness.id_card.both_sides") == Status.MISSING
    edits.restore_file(ctx, None, back.id, by="oscar")
    assert _item(ctx, app_id, "completeness.id_card.both_sides") == Status.PASS
    assert ctx.db.get_file(back.id).excluded_at is None
    assert reads == []  # every checklist came from the stored reads: nothing was read or OCR'd again

    events = AuditLog(ctx.db).events(application_id=app_id)
    assert [(e.actor, e.action, e.target_id) for e in events if e.action in ("exclude", "restore")] == [
        ("ann", "exclude", notes.id), ("ann", "exclude", back.id), ("oscar", "restore", back.id)]
    assert events[0].detail == {"filename": "notes.txt", "comment": "not part of the bundle"}


def test_the_same_bytes_uploaded_twice_are_kept_but_counted_once(ctx: Context, reads) -> None:  # type: ignore[no-untyped-def]
    app_id = seed.application(ctx)
    [again] = seed.add(ctx, app_id, "IMG_0001.png", seed.image(1), [seed.front()])  # the same photo as id_front.png
    original = next(f for f in ctx.db.files_of(app_id) if f.filename == "id_front.png")
    assert again.duplicate_of == original.id and again.id != original.id
    assert ctx.db.get_file(again.id).state == FileState.DONE and ctx.blobs.exists(again.sha256)  # kept
    bundle = pipeline.bundle_of(ctx, app_id)
    assert len(bundle.of_type(DocType.ID_CARD, Side.FRONT)) == 1 and len(bundle.files) == 2
    assert not any(d.file_id == again.id for d in ctx.db.documents_of(app_id))  # never read into documents
    assert reads == []
    other = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [elsewhere] = pipeline.ingest(ctx, other.id, filename="id_front.png", data=seed.image(1))
    assert elsewhere.duplicate_of is None  # only a re-upload within one application is a duplicate


def test_facts_are_corrected_with_history_and_a_new_checklist(ctx: Context) -> None:
    app_id = seed.application(ctx, typed_name="陈测试")
    assert _item(ctx, app_id, "anomaly.applicant_name") == Status.FAIL
    edit = edits.FactsEdit.model_validate({"applicant_name": seed.CARD_NAME, "loan_amount": 1200000,
                                           "application_date": "2026-11-21", "comment": "typed from the wrong file"})
    application, changes, checklist = edits.edit_facts(ctx, None, app_id, edit, by="ann")
    assert application.applicant_name == seed.CARD_NAME and application.loan_amount == Decimal("1200000")
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("applicant_name", "陈测试", seed.CARD_NAME), ("loan_amount", "1000000", "1200000"),
        ("application_date", "2026-11-20", "2026-11-21")]
    assert checklist is not None and checklist.application_date == date(2026, 11, 21)
    assert _item(ctx, app_id, "anomaly.applicant_name") == Status.PASS
    history = edits.fact_history(ctx, app_id)
    assert [(h.field, h.old, h.new, h.by, h.comment) for h in history] == [
        (c.field, c.old, c.new, "ann", "typed from the wrong file") for c in changes]
    assert ctx.db.get_application(app_id).application_date == date(2026, 11, 21)

    again = edits.edit_facts(ctx, None, app_id, edits.FactsEdit.model_validate(
        {"applicant_name": seed.CARD_NAME, "loan_amount": Decimal("1200000.00")}), by="ann")
    assert again[1] == [] and again[2] is None  # nothing changed: no history line, no re-check
    with pytest.raises(InputError, match="unknown profile"):
        edits.edit_facts(ctx, None, app_id, edits.FactsEdit(profile="astronaut"), by="ann")
    with pytest.raises(ValidationError):
        edits.FactsEdit.model_validate({"applicant_id_number": "12345"})
    assert ctx.db.get_application(app_id).profile == "salaried" and len(edits.fact_history(ctx, app_id)) == 3


def test_a_typed_name_that_is_not_the_id_cards_fails_and_both_are_listed_and_found(ctx: Context) -> None:
    app_id = seed.application(ctx, typed_name="陈测试")
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None
    item = next(i for i in checklist.items if i.id == "anomaly.applicant_name")
    assert item.status == Status.FAIL and checklist.status == ChecklistStatus.FLAGGED
    assert "陈测试" in item.reasons[0] and seed.CARD_NAME in item.reasons[0]
    assert [e.field for e in item.evidence] == ["name"] and item.evidence[0].value == seed.CARD_NAME
    for query in (seed.CARD_NAME, "陈测试"):
        [line] = list_page(ctx.db, ListQuery(visible=None, search=query), limit=10).lines
        assert line.application.id == app_id
        assert (line.name, line.typed_name) == (seed.CARD_NAME, "陈测试")
    one_off = seed.application(ctx, typed_name="欧阳纳", card_name="欧阳娜")  # one character off: a misread or a typo
    assert _item(ctx, one_off, "anomaly.applicant_name") == Status.REVIEW
    untyped = seed.application(ctx)
    assert _item(ctx, untyped, "anomaly.applicant_name") == Status.NOT_APPLICABLE


def test_the_api_excludes_restores_and_edits_with_the_same_semantics(tmp_path, redis_url: str) -> None:  # type: ignore[no-untyped-def]
    from web import create_app

    ctx = build_context(Settings(data_dir=tmp_path / "var", redis_url=redis_url, database_url=None))
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    assert app.extensions["docproc.queue"] is not None  # a real Redis queue: the undo still answers at once
    created, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    actor = f"api_key:{created.id}"
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    app_id = seed.application(ctx, typed_name="陈测试")
    back = next(f for f in ctx.db.files_of(app_id) if f.filename == "id_back.png")

    out = client.post(f"/api/v1/applications/{app_id}/files/{back.id}/exclude", json={"comment": "blurred"})
    assert out.status_code == 200 and out.get_json()["file"]["excluded_by"] == actor
    assert _item(ctx, app_id, "completeness.id_card.both_sides") == Status.MISSING
    assert client.post(f"/api/v1/applications/{app_id}/files/{back.id}/restore").get_json()["file"]["excluded_at"] is None
    assert _item(ctx, app_id, "completeness.id_card.both_sides") == Status.PASS
    assert client.post(f"/api/v1/applications/{app_id}/files/file_nope/exclude").status_code == 404

    patched = client.patch(f"/api/v1/applications/{app_id}", json={"applicant_name": seed.CARD_NAME, "loan_amount": 900000})
    assert patched.status_code == 200, patched.get_json()
    assert [c["field"] for c in patched.get_json()["changes"]] == ["applicant_name", "loan_amount"]
    assert _item(ctx, app_id, "anomaly.applicant_name") == Status.PASS
    history = client.get(f"/api/v1/applications/{app_id}/history").get_json()["changes"]
    assert [(h["field"], h["old"], h["new"], h["by"]) for h in history] == [
        ("applicant_name", "陈测试", seed.CARD_NAME, actor), ("loan_amount", "1000000", "900000", actor)]
    bad = client.patch(f"/api/v1/applications/{app_id}", json={"applicant_id_number": "12345", "extra": 1,
                                                               "loan_amount": "900000"})
    assert bad.status_code == 422 and {tuple(e["loc"]) for e in bad.get_json()["errors"]} == {
        ("applicant_id_number",), ("extra",), ("loan_amount",)}
    cleared = client.patch(f"/api/v1/applications/{app_id}", json={"profile": None})
    assert cleared.status_code == 422 and "cannot be cleared" in cleared.get_json()["detail"]
    assert ctx.db.get_application(app_id).profile == "salaried"

    upload = {"file": (io.BytesIO(seed.image(1)), "again.png")}
    answer = client.post(f"/api/v1/applications/{app_id}/documents", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 202 and answer.get_json()["files"][0]["duplicate_of"]
    spec = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/applications/{application_id}/files/{file_id}/exclude", "/applications/{application_id}/history"} <= set(spec)
