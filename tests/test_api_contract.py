"""The API against its own OpenAPI document (schemathesis), served over HTTP with a real Redis and worker.

Every operation gets a bounded number of generated requests (valid and invalid); none may answer
5xx or anything the document does not describe. Path ids are sometimes those of a real
application and document, so the happy paths run too, not only the 404s.
"""

from __future__ import annotations

import io
import ipaddress
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from docproc.core import webhook_targets
from docproc.core.settings import Settings
from docproc.service.context import build_context
from docproc.store.integrations import IntegrationStore
from tests.conftest import TINY
from tests.test_worker import _kill_group, _start_worker

MAX_EXAMPLES = 20


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[dict[str, Any]]:
    """The app on a loopback port with a queue and one worker; a key, and one application read by the worker."""
    from web import create_app

    # Generated webhook URLs must reach nobody: every host "resolves" to a documentation address,
    # so no name is looked up in DNS and every registration is refused as a non-public target.
    stub = pytest.MonkeyPatch()
    stub.setattr(webhook_targets, "addresses_of", lambda _host, _port: [ipaddress.ip_address("192.0.2.1")])
    data_dir: Path = tmp_path_factory.mktemp("contract") / "var"
    settings = Settings(data_dir=data_dir, redis_url=redis_url, database_url=None,
                        queue_name=f"docproc-contract-{time.time_ns()}", job_retry_intervals=[1, 1, 1])
    ctx = build_context(settings)
    app = create_app(ctx=ctx)
    _, key = IntegrationStore(ctx.db.engine).create_key(name="contract", branches=["main"])
    auth = {"Authorization": f"Bearer {key}"}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    worker = _start_worker(settings)
    try:
        client = app.test_client()
        app_id = client.post("/api/v1/applications", json={"profile": "salaried", "application_date": "2026-11-20"},
                             headers=auth).get_json()["id"]
        payload = (TINY / "a01_salaried_clean" / "income_proof.png").read_bytes()
        posted = client.post(f"/api/v1/applications/{app_id}/documents", headers=auth, content_type="multipart/form-data",
                             data={"file": (io.BytesIO(payload), "income_proof.png")})
        assert posted.status_code == 202 and posted.get_json()["files"][0]["state"] == "queued"
        deadline = time.monotonic() + 120
        while client.get(f"/api/v1/applications/{app_id}/checklist", headers=auth).status_code != 200:
            assert time.monotonic() < deadline, "the worker did not produce the seed checklist"
            time.sleep(0.3)
        [doc] = ctx.db.documents_of(app_id)
        yield {"url": f"http://127.0.0.1:{server.server_port}", "auth": auth,
               "ids": {"application_id": app_id, "document_id": doc.id, "file_id": doc.file_id}}
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:  # busy with a long job: a warm shutdown would wait for it
            _kill_group(worker)
        server.shutdown()
        stub.undo()


@pytest.fixture(scope="module")
def api_schema(served: dict[str, Any]) -> Any:
    """The served OpenAPI document, with path ids drawn half the time from the seeded application."""
    schema = schemathesis.openapi.from_url(f"{served['url']}/api/v1/openapi.json")
    real = served["ids"]

    @schema.hook
    def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:  # noqa: ARG001
        if not path_parameters:
            return st.just(path_parameters)
        seeded = {k: real[k] for k in path_parameters if k in real}
        return st.sampled_from([path_parameters, {**path_parameters, **seeded}])

    @schema.hook
    def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:  # noqa: ARG001
        # Four refusals of schema-valid input are the documented protocol, not bugs: a made-up cursor
        # (only cursors the server handed out mean anything); an Idempotency-Key reused for a different
        # request (422, as draft-ietf-httpapi-idempotency-key-header says; generated keys repeat across
        # examples); and uploaded bytes that are no PDF, image or zip (415/422 with the file kept and
        # listed in "rejected": no schema can say "a readable scan"); and a webhook URL whose host is no
        # public https receiver (no schema can say "resolves to a public address").
        protocol = (b"/invalid_cursor", b"/idempotency_key_reused", b"/webhook_target_blocked",
                    b"/webhook_target_unresolved")
        refused = response.status_code == 422 and any(code in response.content for code in protocol)
        unreadable = response.status_code in (413, 415, 422) and b'"rejected"' in response.content
        if type(failure).__name__ == "RejectedPositiveData" and (refused or unreadable):
            return False
        # A negative example stops being negative once this test puts a real id into the path or its
        # own credentials into the headers; its acceptance is then correct, not a bug.
        seeded = bool(case.path_parameters) and any(v in real.values() for v in case.path_parameters.values())
        credentials = any(h in str(failure) for h in ("Authorization", "X-API-Key"))
        return not (type(failure).__name__ == "AcceptedNegativeData" and (seeded or credentials))

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: Any, served: dict[str, Any]) -> None:
    case.call_and_validate(headers=served["auth"], timeout=30)
