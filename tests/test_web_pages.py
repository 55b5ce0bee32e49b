"""The officers' page through Flask's test client: list, workspace, checklist, evidence, casework, roles.

One bundle (samples/tiny/a02_expired_id) is read once per module with real OCR; every test signs in
through the real form and works on that data.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from docproc.core.models import Category, CheckResult, FileState, Status, Title
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.checklist import summarize
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts, Casework
from tests.bundles import read_bundle
from tests.conftest import TINY
from tests.pdfs import text_pdf
from tests.test_auth import PASSWORD, _token, sign_in
from web import create_app

BUNDLE = TINY / "a02_expired_id"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Context, str]]:
    """A context with four users and one processed application of branch north (created by ann)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("pages") / "var", redis_url=None, database_url=None)
    ctx = build_context(settings)
    accounts = Accounts(ctx.db)
    accounts.create("ann", PASSWORD, role="officer", branch="north")
    accounts.create("oscar", PASSWORD, role="officer", branch="north")
    accounts.create("sue", PASSWORD, role="supervisor", branch="north")
    accounts.create("bob", PASSWORD, role="officer", branch="south")
    accounts.create("root", PASSWORD, role="admin", branch="hq")
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              branch="north", created_by="ann")
    read_bundle(ctx, application.id, BUNDLE)
    yield ctx, application.id


@pytest.fixture
def web(world: tuple[Context, str]):  # type: ignore[no-untyped-def]
    """A fresh app and client on the shared context."""
    ctx, _ = world
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    return app.test_client()


def _as(client, name: str) -> str:  # type: ignore[no-untyped-def]
    """Sign in as ``name``; returns a CSRF token for later posts."""
    assert sign_in(client, name).status_code == 302
    return _token(client.get("/applications").get_data(as_text=True))


def _checklist_urls(html: str) -> list[str]:
    return [u.replace("&amp;", "&") for u in re.findall(r'src="(/applications/[^"]+/evidence/[^"]+)"', html)]


def test_healthz_is_unchanged(web) -> None:  # type: ignore[no-untyped-def]
    response = web.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "queue": "inline"}


def test_list_masks_ids_and_searches_filters_sorts(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    _as(web, "ann")
    number = next(d.fields["id_number"].value for d in ctx.db.documents_of(app_id) if "id_number" in d.fields)
    html = web.get("/applications").get_data(as_text=True)
    assert app_id in html and number not in html
    assert f"{number[:3]}{'*' * 11}{number[-4:]}" in html
    assert app_id in web.get(f"/applications?q={number[-4:]}").get_data(as_text=True)
    assert app_id in web.get(f"/applications?q={number[:3]}***********{number[-4:]}").get_data(as_text=True)
    assert app_id not in web.get("/applications?q=0000").get_data(as_text=True)
    status = ctx.db.latest_checklist(app_id).status.value
    assert app_id in web.get(f"/applications?status={status}").get_data(as_text=True)
    assert app_id not in web.get("/applications?status=ready" if status != "ready" else
                                 "/applications?status=flagged").get_data(as_text=True)
    older = pipeline.create_application(ctx, profile="salaried", application_date=date(2025, 1, 2),
                                        branch="north", created_by="ann", applicant_name="早先申请人")
    newest_first = web.get("/applications").get_data(as_text=True)
    oldest_first = web.get("/applications?sort=asc").get_data(as_text=True)
    assert newest_first.index(app_id) < newest_first.index(older.id)
    assert oldest_first.index(older.id) < oldest_first.index(app_id)
    assert older.id in web.get("/applications?q=早先").get_data(as_text=True)


def test_other_branch_sees_nothing_and_gets_404_everywhere(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    file_id = ctx.db.files_of(app_id)[0].id
    token = _as(web, "bob")
    assert app_id not in web.get("/applications").get_data(as_text=True)
    for path in (f"/applications/{app_id}", f"/applications/{app_id}/status.json",
                 f"/applications/{app_id}/checklist.part", f"/applications/{app_id}/supplement",
                 f"/applications/{app_id}/evidence/freshness.id_card/0.jpg", f"/files/{file_id}/original",
                 f"/files/{file_id}/pages/1.jpg", f"/files/{file_id}/pages/1"):
        response = web.get(path)
        assert response.status_code == 404, path  # the same as for an id that does not exist
        assert not response.mimetype.startswith("image/")
    for path in (f"/applications/{app_id}/reviewed", f"/applications/{app_id}/reprocess",
                 f"/applications/{app_id}/items/freshness.id_card/override", f"/files/{file_id}/reprocess"):
        assert web.post(path, data={"csrf_token": token, "status": "pass", "comment": "x"}).status_code == 404, path
    upload = web.post(f"/applications/{app_id}/files", data={"file": (io.BytesIO(b"x"), "a.jpg"), "csrf_token": token})
    assert upload.status_code == 404
    assert web.get("/applications/app_doesnotexist").status_code == 404
    assert len(ctx.db.files_of(app_id)) == 3 and Casework(ctx.db).review_of(app_id) is None


def test_admin_sees_every_branch(web, world) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    _as(web, "root")
    assert app_id in web.get("/applications").get_data(as_text=True)
    assert web.get(f"/applications/{app_id}").status_code == 200


def test_checklist_groups_badges_and_evidence_crops(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    _as(web, "ann")
    html = web.get(f"/applications/{app_id}").get_data(as_text=True)
    positions = sorted(html.index(f'data-category="{c}"') for c in ("completeness", "stamp", "freshness", "anomaly"))
    first_group = html[positions[0]:positions[1]]
    assert 'class="item it-fail' in first_group  # the category holding a failure comes first, not a fixed order
    expired = re.search(r'<article class="item it-(\w+)[^"]*" id="freshness.id_card"', html)
    assert expired and expired.group(1) == "fail"  # a02's ID card has expired
    crops = _checklist_urls(html)
    assert any("/freshness.id_card/" in u for u in crops)
    crop = web.get(next(u for u in crops if "/freshness.id_card/" in u))
    assert crop.status_code == 200 and crop.mimetype == "image/jpeg"
    img = cv2.imdecode(np.frombuffer(crop.data, np.uint8), cv2.IMREAD_COLOR)
    page = ctx.db.pages_of(ctx.db.latest_checklist(app_id).items[0].evidence[0].file_id or "")[0]
    assert img.shape[1] <= 640 and img.shape[1] < page.render_width  # a crop, not the page
    highlight = (img[:, :, 2] > 200) & (img[:, :, 1] > 60) & (img[:, :, 1] < 130) & (img[:, :, 0] < 60)
    assert highlight.sum() > 100  # the evidence box is drawn in orange-red


def test_full_page_draws_fields_and_seals_with_values(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    _as(web, "ann")
    proof = next(d for d in ctx.db.documents_of(app_id) if d.type.value == "income_proof")
    html = web.get(f"/files/{proof.file_id}/pages/1?box=10,10,50,50&unit=px").get_data(as_text=True)
    assert html.count('class="ov ov-field"') >= 5 and 'class="ov ov-seal"' in html
    assert 'id="highlight"' in html
    employer = str(proof.fields["employer"].value)
    assert employer in html
    image = web.get(f"/files/{proof.file_id}/pages/1.jpg")
    assert image.status_code == 200 and image.data[:2] == b"\xff\xd8"


def test_original_download_is_the_uploaded_bytes(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    _as(web, "ann")
    stored = next(f for f in ctx.db.files_of(app_id) if f.filename == "id_back.jpg")
    response = web.get(f"/files/{stored.id}/original")
    assert response.data == (BUNDLE / "id_back.jpg").read_bytes()
    assert "attachment" in response.headers["Content-Disposition"] and "id_back.jpg" in response.headers[
        "Content-Disposition"]


def test_override_needs_a_comment_and_keeps_the_machine_verdict(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    token = _as(web, "ann")
    url = f"/applications/{app_id}/items/completeness.bank_statement/override"
    before = len(ctx.db.overrides_of(app_id))
    web.post(url, data={"csrf_token": token, "status": "pass", "comment": "   "})
    assert len(ctx.db.overrides_of(app_id)) == before
    assert web.post(url, data={"csrf_token": token, "status": "bogus", "comment": "x"}).status_code == 422
    done = web.post(url, data={"csrf_token": token, "status": "pass", "comment": "流水原件已核验 original seen"})
    assert done.status_code == 302 and done.headers["Location"].endswith("#completeness.bank_statement")
    checklist = ctx.db.latest_checklist(app_id)
    item = next(i for i in checklist.items if i.id == "completeness.bank_statement")
    assert item.status.value == "pass" and item.machine_status.value == "missing"
    assert item.override and item.override.officer == "ann" and "original seen" in item.override.comment
    assert all(s.check_id != item.id for s in checklist.supplement_request)
    html = web.get(f"/applications/{app_id}").get_data(as_text=True)
    assert "original seen" in html and "系统判定" in html
    assert web.post(f"/applications/{app_id}/items/no.such.check/override",
                    data={"csrf_token": token, "status": "pass", "comment": "x"}).status_code == 404


def test_mark_reviewed_shows_on_page_and_list(web, world) -> None:  # type: ignore[no-untyped-def]
    _, app_id = world
    token = _as(web, "oscar")
    # a02 lacks documents: the mark needs a comment saying why (refused without one, the reason beside the field)
    refused = web.post(f"/applications/{app_id}/reviewed", data={"csrf_token": token})
    assert refused.status_code == 422 and 'id="review-error"' in refused.get_data(as_text=True)
    assert web.post(f"/applications/{app_id}/reviewed",
                    data={"csrf_token": token, "review_comment": "客户下周补交"}).status_code == 302
    assert "✓ oscar" in web.get("/applications").get_data(as_text=True)
    assert 'id="reviewed-mark"' in web.get(f"/applications/{app_id}").get_data(as_text=True)


def test_only_supervisors_reassign_within_the_branch(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    token = _as(web, "ann")
    assert 'name="assignee"' not in web.get(f"/applications/{app_id}").get_data(as_text=True)
    assert web.post(f"/applications/{app_id}/assign", data={"csrf_token": token, "assignee": "ann"}).status_code == 403
    supervisor = create_app(ctx=ctx).test_client()
    token = _as(supervisor, "sue")
    assert 'name="assignee"' in supervisor.get(f"/applications/{app_id}").get_data(as_text=True)
    assert supervisor.post(f"/applications/{app_id}/assign",
                           data={"csrf_token": token, "assignee": "bob"}).status_code == 403  # other branch
    assert supervisor.post(f"/applications/{app_id}/assign",
                           data={"csrf_token": token, "assignee": "oscar"}).status_code == 302
    assert Casework(ctx.db).assignees()[app_id] == "oscar"
    oscar = create_app(ctx=ctx).test_client()
    _as(oscar, "oscar")
    assert app_id in oscar.get("/applications?mine=1").get_data(as_text=True)
    assert app_id not in web.get("/applications?mine=1").get_data(as_text=True)


def test_supplement_request_in_chinese_and_english(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    _as(web, "ann")
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist.supplement_request
    zh = web.get(f"/applications/{app_id}/supplement").get_data(as_text=True)
    en = web.get(f"/applications/{app_id}/supplement?doc_lang=en").get_data(as_text=True)
    for line in checklist.supplement_request:
        assert line.zh in zh and line.en not in zh
        assert line.en.replace("'", "&#39;") in en
    assert "@media print" in web.get("/static/app.css").get_data(as_text=True)


def test_new_application_form_validates_and_creates_in_my_branch(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, _ = world
    token = _as(web, "bob")
    bad = web.post("/applications", data={"csrf_token": token, "profile": "astronaut", "loan_amount": "-3",
                                          "application_date": "someday"})
    assert bad.status_code == 422 and bad.get_data(as_text=True).count("field-error") == 3
    made = web.post("/applications", data={"csrf_token": token, "profile": "freelancer",
                                           "application_date": "2026-11-01", "loan_amount": "1,500,000"},
                    headers={"Accept": "application/json"})
    assert made.status_code == 201
    application = ctx.db.get_application(made.get_json()["id"])
    assert (application.branch, application.created_by, str(application.loan_amount)) == ("south", "bob", "1500000")
    empty = web.get(made.get_json()["url"]).get_data(as_text=True)
    assert 'id="dropzone"' in empty and "还没有文件" in empty


def test_upload_reports_bad_files_with_their_reason(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, _ = world
    token = _as(web, "bob")
    app_id = web.post("/applications", data={"csrf_token": token, "profile": "salaried"},
                      headers={"Accept": "application/json"}).get_json()["id"]
    headers = {"Accept": "application/json", "X-CSRF-Token": token}
    response = web.post(f"/applications/{app_id}/files", headers=headers,
                        data={"file": [(io.BytesIO(b"plain text"), "notes.txt"), (io.BytesIO(b""), "empty.pdf")]})
    body = response.get_json()
    assert response.status_code == 422 and {r["filename"] for r in body["rejected"]} == {"notes.txt", "empty.pdf"}
    rows = {r["filename"]: r for r in body["files"]}
    assert rows["notes.txt"]["shown"] == "error" and rows["notes.txt"]["error"]
    status = web.get(f"/applications/{app_id}/status.json").get_json()
    assert {f["state"] for f in status["files"]} == {"error"} and not status["busy"]
    assert "notes.txt" in web.get(f"/applications/{app_id}/checklist.part").get_data(as_text=True)


def test_status_shows_checking_until_the_new_checklist_lands(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    _as(web, "ann")
    Casework(ctx.db).request_check(app_id)  # as if new checks were queued
    status = web.get(f"/applications/{app_id}/status.json").get_json()
    assert status["busy"] and status["status"] == "processing"
    assert {f["shown"] for f in status["files"]} == {"checking"}
    pipeline.check_application(ctx, app_id)
    status = web.get(f"/applications/{app_id}/status.json").get_json()
    assert not status["busy"] and {f["shown"] for f in status["files"]} == {"done"}


def test_reprocess_goes_through_the_queue(world, redis_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, app_id = world
    settings = ctx.settings.model_copy(update={"redis_url": redis_url, "queue_name": f"pages-{uuid.uuid4().hex[:8]}"})
    app = create_app(settings, ctx=ctx)
    queue = app.extensions["docproc.queue"]
    client = app.test_client()
    token = _as(client, "ann")
    files = ctx.db.files_of(app_id)
    file_id = files[0].id
    assert all(pipeline.cached_read(ctx, f.sha256) is not None for f in files)
    assert client.post(f"/files/{file_id}/reprocess", data={"csrf_token": token}).status_code == 302
    assert ctx.db.get_file(file_id).state == FileState.QUEUED and queue.count == 1
    assert pipeline.cached_read(ctx, files[0].sha256) is None  # "read again": the queued job reads the bytes
    assert client.post(f"/applications/{app_id}/reprocess", data={"csrf_token": token}).status_code == 302
    assert queue.count == 4
    assert all(pipeline.cached_read(ctx, f.sha256) is None for f in files)
    assert client.get(f"/applications/{app_id}/status.json").get_json()["status"] == "processing"
    queue.empty()
    for stored in ctx.db.files_of(app_id):  # leave the shared data as it was
        ctx.db.set_file_state(stored.id, FileState.DONE)
    pipeline.check_application(ctx, app_id)


def test_reprocess_in_the_request_reads_every_file_again(web, world, reads: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Without a queue the page's "read every file again" reads the bytes, not the cached extraction."""
    ctx, _ = world
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              branch="north", created_by="ann")
    [stored] = pipeline.ingest(ctx, application.id, filename="contract.pdf", data=text_pdf([["Contract", "page 1 of 1"]]))
    pipeline.process_file(ctx, stored.id)
    reads.clear()  # the first read; what follows must read again
    token = _as(web, "ann")
    assert web.post(f"/applications/{application.id}/reprocess", data={"csrf_token": token}).status_code == 302
    assert reads == [stored.id]
    assert web.post(f"/files/{stored.id}/reprocess", data={"csrf_token": token}).status_code == 302
    assert reads == [stored.id, stored.id]
    assert ctx.db.latest_checklist(application.id) is not None


def test_a_review_that_holds_the_status_says_so(web, world) -> None:  # type: ignore[no-untyped-def]
    ctx, _ = world
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              branch="north", created_by="ann")
    review = CheckResult(id="anomaly.balance_chain", category=Category.ANOMALY, status=Status.REVIEW,
                         title=Title(zh="流水余额连续", en="Balance chain"), reasons=["one edited digit explains it"])
    bundle = pipeline.bundle_of(ctx, application.id)
    ctx.db.save_checklist(summarize(bundle, [review], overrides=[], policy=ctx.policy))
    _as(web, "ann")
    html = web.get(f"/applications/{application.id}/checklist.part").get_data(as_text=True)
    assert html.count("data-holds-status") == 1 and "待人工确认后方可进入审批" in html


def test_language_switch_and_error_pages(web) -> None:  # type: ignore[no-untyped-def]
    _as(web, "ann")
    assert "申请列表" in web.get("/applications").get_data(as_text=True)
    switched = web.get("/lang/en?next=/applications")
    assert switched.headers["Location"].endswith("/applications")
    assert "Applications" in web.get("/applications").get_data(as_text=True)
    missing = web.get("/no/such/page")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "Back to applications" in missing.get_data(as_text=True)
    assert web.get("/lang/zh?next=https://evil.example/").headers["Location"] == "/"
    assert "返回申请列表" in web.get("/no/such/page").get_data(as_text=True)
    api_missing = web.get("/api/v1/applications/app_nope/checklist")
    assert api_missing.status_code == 404 and api_missing.mimetype == "application/problem+json"
