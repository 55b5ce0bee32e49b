"""The minimum REST API through Flask's test client (in-process processing, real OCR)."""

from __future__ import annotations

import io
import zipfile

import pytest

from docproc.store.integrations import IntegrationStore
from tests.conftest import TINY

CLEAN = TINY / "a01_salaried_clean"


@pytest.fixture
def client(app, ctx):  # type: ignore[no-untyped-def]
    """A test client that calls the API with a key of branch main."""
    _, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    test_client = app.test_client()
    test_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return test_client


def _create(client, **body):  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/applications", json={"profile": "salaried", "application_date": "2026-11-20", **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_healthz(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"


def test_invalid_application_is_422_problem(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/applications", json={"profile": "salaried", "loan_amount": -5})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["loc"] == ["loan_amount"]
    unknown = client.post("/api/v1/applications", json={"profile": "astronaut"})
    assert unknown.status_code == 422 and "salaried" in unknown.get_json()["detail"]


def test_unknown_application_is_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/applications/app_nope/checklist").status_code == 404


def test_post_document_then_get_checklist(client) -> None:  # type: ignore[no-untyped-def]
    app_id = _create(client)
    data = {"file": (io.BytesIO((CLEAN / "income_proof.png").read_bytes()), "income_proof.png")}
    response = client.post(f"/api/v1/applications/{app_id}/documents", data=data, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    checklist = client.get(f"/api/v1/applications/{app_id}/checklist")
    assert checklist.status_code == 200
    body = checklist.get_json()
    assert body["application"] == app_id and body["status"] == "needs_supplement"
    assert {"id", "category", "status", "reasons", "evidence"} <= set(body["items"][0])
    assert body["documents"][0]["type"] == "income_proof"


def test_bad_uploads_are_4xx_and_kept(client, ctx) -> None:  # type: ignore[no-untyped-def]
    app_id = _create(client)
    cases = [
        ("empty.pdf", b"", 422, "empty_file"),
        ("notes.txt", b"just some text", 415, "unsupported_file_type"),
        ("broken.pdf", b"%PDF-1.7\n garbage", 202, None),  # accepted; fails while reading
    ]
    for name, payload, status, code in cases:
        response = client.post(f"/api/v1/applications/{app_id}/documents",
                               data={"file": (io.BytesIO(payload), name)}, content_type="multipart/form-data")
        assert response.status_code == status, (name, response.get_json())
        if code:
            assert response.get_json()["type"].endswith(code)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("../../etc/evil.jpg", b"x")
    response = client.post(f"/api/v1/applications/{app_id}/documents",
                           data={"file": (io.BytesIO(buf.getvalue()), "bundle.zip")}, content_type="multipart/form-data")
    assert response.status_code == 422 and response.get_json()["type"].endswith("unsafe_archive")
    files = ctx.db.files_of(app_id)
    assert len(files) == 4 and all(ctx.blobs.exists(f.sha256) for f in files)
    assert {f.error_code for f in files} == {"empty_file", "unsupported_file_type", "corrupt_file", "unsafe_archive"}
