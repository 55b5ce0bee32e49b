"""API keys, branch scoping (404 for other branches), idempotent POSTs and the resources of /api/v1."""

from __future__ import annotations

import io
from datetime import date, timedelta

import sqlalchemy as sa

from docproc.core.models import Override
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.store.integrations import IntegrationStore, api_keys, hash_key
from docproc.store.tables import applications
from tests.conftest import TINY

CLEAN = TINY / "a01_salaried_clean"
BODY = {"profile": "salaried", "application_date": "2026-11-20", "applicant_name": "孙英嘉",
        "applicant_id_number": "150102200003227727", "loan_amount": 800000, "external_ref": "LOS-1"}


def _key(ctx: Context, *branches: str) -> str:
    return IntegrationStore(ctx.db.engine).create_key(name="crm", branches=branches)[1]


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _count_applications(ctx: Context) -> int:
    with ctx.db.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(applications)).scalar_one())


def test_unauthenticated_calls_are_401_problems_but_health_and_description_are_open(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/applications")
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    assert response.get_json()["type"].endswith("/unauthenticated")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post("/api/v1/applications", json=BODY).status_code == 401
    assert client.get("/healthz").status_code == 200
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0" and "/applications/{application_id}/documents" in spec["paths"]
    profile = spec["components"]["schemas"]["ApplicationIn"]["properties"]["profile"]
    assert "salaried" in profile["enum"]  # the deployment's policy, not a hard-coded list
    assert "POST /applications" in client.get("/api/v1/docs").get_data(as_text=True)


def test_keys_are_stored_hashed_and_a_revoked_key_gets_401(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    store = IntegrationStore(ctx.db.engine)
    record, key = store.create_key(name="crm", branches=["north"])
    with ctx.db.engine.connect() as conn:
        row = conn.execute(sa.select(api_keys)).one()
    assert key not in {str(v) for v in row._mapping.values()}
    assert row.key_hash == hash_key(key) and key.startswith(row.prefix) and len(row.prefix) == 12
    assert client.get("/api/v1/applications", headers=_auth(key)).status_code == 200
    assert client.get("/api/v1/applications", headers={"X-API-Key": key}).status_code == 200
    store.revoke_key(record.prefix)
    revoked = client.get("/api/v1/applications", headers=_auth(key))
    assert revoked.status_code == 401 and revoked.get_json()["type"].endswith("/invalid_api_key")
    assert client.get("/api/v1/applications", headers=_auth("dpk_made-up")).status_code == 401


def test_another_branchs_key_gets_404_not_403(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    north, south = _key(ctx, "north"), _key(ctx, "south")
    created = client.post("/api/v1/applications", json=BODY, headers=_auth(north))
    assert created.status_code == 201 and created.get_json()["branch"] == "north"
    app_id = created.get_json()["id"]
    for path in ("", "/checklist", "/documents", "/documents/doc_x"):
        mine = client.get(f"/api/v1/applications/{app_id}{path}", headers=_auth(north))
        theirs = client.get(f"/api/v1/applications/{app_id}{path}", headers=_auth(south))
        absent = client.get(f"/api/v1/applications/app_absent{path}", headers=_auth(south))
        assert theirs.status_code == absent.status_code == 404, path
        assert theirs.get_json()["type"] == absent.get_json()["type"]
        assert mine.status_code in (200, 202, 404) and (path == "/documents/doc_x" or mine.status_code != 404)
    assert client.post(f"/api/v1/applications/{app_id}/reprocess", json={}, headers=_auth(south)).status_code == 404
    assert client.get("/api/v1/applications", headers=_auth(south)).get_json()["items"] == []


def test_branch_of_new_applications_is_the_keys_or_a_named_one_within_scope(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    both = _key(ctx, "north", "south")
    assert client.post("/api/v1/applications", json=BODY, headers=_auth(both)).get_json()["type"].endswith(
        "/branch_required")
    named = client.post("/api/v1/applications", json={**BODY, "branch": "south"}, headers=_auth(both))
    assert named.status_code == 201 and named.get_json()["branch"] == "south"
    outside = client.post("/api/v1/applications", json={**BODY, "branch": "east"}, headers=_auth(both))
    assert outside.status_code == 403 and outside.mimetype == "application/problem+json"


def test_idempotent_retry_creates_one_application(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    key = _key(ctx, "main")
    headers = {**_auth(key), "Idempotency-Key": "los-1-create"}
    first = client.post("/api/v1/applications", json=BODY, headers=headers)
    retry = client.post("/api/v1/applications", json=dict(reversed(list(BODY.items()))), headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.get_json() == first.get_json() and retry.headers["Idempotent-Replayed"] == "true"
    assert _count_applications(ctx) == 1
    reused = client.post("/api/v1/applications", json={**BODY, "external_ref": "LOS-2"}, headers=headers)
    assert reused.status_code == 422 and reused.get_json()["type"].endswith("/idempotency_key_reused")
    other_caller = client.post("/api/v1/applications", json=BODY,
                               headers={**_auth(_key(ctx, "main")), "Idempotency-Key": "los-1-create"})
    assert other_caller.status_code == 201 and other_caller.get_json()["id"] != first.get_json()["id"]
    assert _count_applications(ctx) == 2


def test_idempotent_upload_stores_the_files_once(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    key = _key(ctx, "main")
    app_id = client.post("/api/v1/applications", json=BODY, headers=_auth(key)).get_json()["id"]
    headers = {**_auth(key), "Idempotency-Key": "upload-1"}
    answers = [
        client.post(f"/api/v1/applications/{app_id}/documents", headers=headers, content_type="multipart/form-data",
                    data={"file": (io.BytesIO(b"plain text, not a document"), "notes.txt")})
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [415, 415] and answers[1].headers["Idempotent-Replayed"] == "true"
    assert len(ctx.db.files_of(app_id)) == 1


def test_upload_errors_413_415_422(app, client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    key = _key(ctx, "main")
    app_id = client.post("/api/v1/applications", json=BODY, headers=_auth(key)).get_json()["id"]
    url = f"/api/v1/applications/{app_id}/documents"
    as_json = client.post(url, json={"file": "x"}, headers=_auth(key))
    assert as_json.status_code == 415 and as_json.get_json()["type"].endswith("/unsupported_media_type")
    no_file = client.post(url, data={"other": "x"}, content_type="multipart/form-data", headers=_auth(key))
    assert no_file.status_code == 422
    app.config["MAX_CONTENT_LENGTH"] = 2048
    big = client.post(url, data={"file": (io.BytesIO(b"\xff" * 4096), "scan.jpg")},
                      content_type="multipart/form-data", headers=_auth(key))
    assert big.status_code == 413 and big.mimetype == "application/problem+json"
    assert big.get_json()["type"].endswith("/too_large")


def test_list_filters_cursor_pagination_and_masking(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    key = _key(ctx, "main")
    ids = [client.post("/api/v1/applications", json={**BODY, "external_ref": f"LOS-{i}",
                                                     "profile": "freelancer" if i % 2 else "salaried"},
                       headers=_auth(key)).get_json()["id"] for i in range(5)]
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/applications", query_string={"limit": 2, **({"cursor": cursor} if cursor else {})},
                          headers=_auth(key)).get_json()
        seen += [item["id"] for item in page["items"]]
        assert all(item["applicant_id_number"] == "1501**********7727" for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids[::-1]
    freelancers = client.get("/api/v1/applications?profile=freelancer&status=new", headers=_auth(key)).get_json()
    assert [i["external_ref"] for i in freelancers["items"]] == ["LOS-3", "LOS-1"]
    assert client.get("/api/v1/applications?cursor=garbage", headers=_auth(key)).status_code == 422
    assert client.get("/api/v1/applications?limit=0", headers=_auth(key)).status_code == 422
    full = client.get(f"/api/v1/applications/{ids[0]}", headers=_auth(key)).get_json()
    assert full["applicant_id_number"] == "150102200003227727" and full["state"] == "new"


def test_documents_fields_originals_overrides_and_reprocess(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    key = _key(ctx, "main")
    app_id = client.post("/api/v1/applications", json=BODY, headers=_auth(key)).get_json()["id"]
    payload = (CLEAN / "income_proof.png").read_bytes()
    posted = client.post(f"/api/v1/applications/{app_id}/documents", headers=_auth(key),
                         data={"file": (io.BytesIO(payload), "income_proof.png")}, content_type="multipart/form-data")
    assert posted.status_code == 202
    listing = client.get(f"/api/v1/applications/{app_id}/documents", headers=_auth(key)).get_json()
    [summary] = listing["documents"]
    assert summary["type"] == "income_proof" and "monthly_income" in summary["fields"]
    doc = client.get(f"/api/v1/applications/{app_id}/documents/{summary['id']}", headers=_auth(key)).get_json()
    income = doc["fields"]["monthly_income"]
    assert income["page"] == 1 and 0 < income["confidence"] <= 1 and len(income["bbox"]) == 4 and income["unit"]
    assert isinstance(doc["stamps"], list) and doc["stamps"] and doc["stamps"][0]["color"] == "red"
    original = client.get(f"/api/v1/applications/{app_id}/documents/{summary['id']}/original", headers=_auth(key))
    assert original.status_code == 200 and original.data == payload and original.mimetype == "image/png"
    pipeline.record_override(ctx, app_id, Override(check_id="completeness.bank_statement", status="pass",
                                                    comment="statement seen on paper", officer="ann",
                                                    at=ctx.db.latest_checklist(app_id).created_at))  # type: ignore[union-attr]
    checklist = client.get(f"/api/v1/applications/{app_id}/checklist", headers=_auth(key)).get_json()
    item = next(i for i in checklist["items"] if i["id"] == "completeness.bank_statement")
    assert item["status"] == "pass" and item["machine_status"] == "missing" and item["override"]["officer"] == "ann"
    assert checklist["overrides"][0]["comment"] == "statement seen on paper"
    again = client.post(f"/api/v1/applications/{app_id}/reprocess", json={"re_extract": False}, headers=_auth(key))
    assert again.status_code == 202 and again.get_json()["queued"] is False


def test_admin_sessions_manage_keys_officers_and_systems_may_not(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from docproc.store.accounts import Accounts

    accounts = Accounts(ctx.db)
    accounts.create("root", "correct horse battery", role="admin", branch="hq")
    accounts.create("ann", "correct horse battery", role="officer", branch="north")
    system = _key(ctx, "north")
    assert client.get("/api/v1/keys", headers=_auth(system)).status_code == 403
    _sign_in(client, "ann")
    assert client.get("/api/v1/keys").status_code == 403
    _sign_in(client, "root")
    created = client.post("/api/v1/keys", json={"name": "los", "branches": ["north"]}, headers={"X-CSRF-Token": "t"})
    assert created.status_code == 201
    new_key = created.get_json()["key"]
    assert client.get("/api/v1/applications", headers=_auth(new_key)).status_code == 200
    listed = client.get("/api/v1/keys").get_json()["items"]
    assert {k["name"] for k in listed} == {"crm", "los"} and all("key" not in k for k in listed)
    assert client.delete(f"/api/v1/keys/{created.get_json()['id']}", headers={"X-CSRF-Token": "t"}).status_code == 200
    assert client.get("/api/v1/applications", headers=_auth(new_key)).status_code == 401


def _sign_in(client, username: str) -> None:  # type: ignore[no-untyped-def]
    token = client.application.extensions["docproc.store.sessions"].open(username, lifetime=timedelta(hours=1))
    with client.session_transaction() as session:
        session.clear()
        session["sid"] = token
        session["csrf_token"] = "t"


def test_reprocess_with_re_extract_inline_reads_again(client, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    key = _key(ctx, "main")
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    [stored] = pipeline.ingest(ctx, app.id, filename="id_back.jpg", data=(CLEAN / "id_back.jpg").read_bytes())
    pipeline.process_file(ctx, stored.id)
    first = {d.id for d in ctx.db.documents_of(app.id)}
    answer = client.post(f"/api/v1/applications/{app.id}/reprocess", json={"re_extract": True}, headers=_auth(key))
    assert answer.status_code == 202 and answer.get_json()["re_extract"] is True
    assert {d.id for d in ctx.db.documents_of(app.id)}.isdisjoint(first)
    assert ctx.db.latest_checklist(app.id) is not None
