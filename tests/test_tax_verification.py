"""anomaly.tax_verified against a local contract server: verified, mismatch, unknown code, timeout, refused."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, BBox, Bundle, DocType, Document, Field, Status
from docproc.core.policy import default_policy_text, load_policy, parse_policy
from docproc.core.settings import Settings
from docproc.core.tax_verification import TaxOutcome, TaxQuery
from docproc.service.context import tax_verifier_of
from docproc.service.signed_http import Provider, verify
from docproc.service.tax_verify import HttpTaxVerifier, verify_bundle
from docproc.validators import CHECKS, run_check

KEY_ID, SECRET = "branch-7", "s3cr3t-tax-key"
RECORDS = {  # what the issuing service holds: code -> (income, tax)
    "4401 2026 1120 8837": ("186000.00", "9230.40"),
    "4401 2026 1120 9001": ("120000.00", "4800.00"),
}
SLOW = "4401 2026 1120 0000"
LENIENT = "4401 2026 1120 7777"  # a service that says "verified" whatever was sent, with the amounts it holds


class ContractServer(BaseHTTPRequestHandler):
    """The documented contract: signed POST in, {"status": ...} out."""

    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("X-Docproc-Key-Id") != KEY_ID or not verify(
                SECRET, timestamp=self.headers.get("X-Docproc-Timestamp", ""), body=body,
                signature=self.headers.get("X-Docproc-Signature", "")):
            self._answer(401, {"error": "bad signature"})
            return
        query = json.loads(body)
        type(self).seen.append(query)
        if query["serial"] == SLOW:
            time.sleep(1.5)
        held = RECORDS.get(query["serial"])
        if query["serial"] == LENIENT:
            self._answer(200, {"status": "verified", "total_income": "100000.00", "total_tax": "3000.00"})
        elif held is None:
            self._answer(200, {"status": "not_found", "message": "no such record"})
        elif (query.get("total_income"), query.get("total_tax")) == held:
            self._answer(200, {"status": "verified", "total_income": held[0], "total_tax": held[1]})
        else:
            self._answer(200, {"status": "mismatch", "total_income": held[0], "total_tax": held[1]})

    def _answer(self, status: int, data: dict[str, Any]) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout case)
            self.wfile.write(raw)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def service_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ContractServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/verify"
    server.shutdown()


def _f(value: object) -> Field:
    return Field(value=value, confidence=0.97, page=1, bbox=BBox(x0=1, y0=2, x1=30, y1=10))


def record(code: str | None, income: str = "186000.00", tax: str = "9230.40") -> Bundle:
    fields = {"name": _f("陈静"), "id_number": _f("110105198804021234"), "issue_date": _f(date(2026, 11, 12)),
              "total_income": _f(Decimal(income)), "total_tax": _f(Decimal(tax))}
    if code is not None:
        fields["verification_code"] = _f(code)
    doc = Document(id="doc_tax", file_id="file_tax", type=DocType.TAX_CERTIFICATE, pages=[1], fields=fields)
    app = Application(id="app_tax", profile="freelancer", application_date=date(2026, 11, 20), created_at=utcnow())
    return Bundle(application=app, documents=[doc])


def verdict(bundle: Bundle, url: str | None, *, timeout: float = 5.0, secret: str = SECRET,
            policy_text: str | None = None) -> tuple[Status, list[str]]:
    if url is not None:
        verifier = HttpTaxVerifier(Provider(url, KEY_ID, secret, timeout))
        bundle = bundle.model_copy(update={"tax_verification": verify_bundle(verifier, bundle)})
    policy = parse_policy(policy_text) if policy_text else load_policy()
    result = run_check(CHECKS.get("anomaly.tax_verified"), bundle, policy)
    return result.status, result.reasons


def test_verified_passes(service_url: str) -> None:
    status, reasons = verdict(record("4401 2026 1120 8837"), service_url)
    assert status == Status.PASS
    assert "confirms code 4401 2026 1120 8837 and its amounts" in reasons[0]
    sent = ContractServer.seen[-1]
    assert sent == {"serial": "4401 2026 1120 8837", "id_number": "110105198804021234", "name": "陈静",
                    "issue_date": "2026-11-12", "total_income": "186000.00", "total_tax": "9230.40"}


def test_other_amounts_on_file_fail(service_url: str) -> None:
    status, reasons = verdict(record("4401 2026 1120 9001", income="160000.00"), service_url)
    assert status == Status.FAIL
    assert "other figures than the document: total income 120000.00, total tax 4800.00" in reasons[0]


def test_verified_with_other_amounts_than_read_is_a_mismatch(service_url: str) -> None:
    status, reasons = verdict(record(LENIENT), service_url)
    assert status == Status.FAIL and "total income 100000.00, total tax 3000.00" in reasons[0]


def test_an_unknown_code_is_review_by_default_and_fail_when_the_policy_says(service_url: str) -> None:
    status, reasons = verdict(record("4401 2026 1120 5555"), service_url)
    assert status == Status.REVIEW
    assert "knows no record with code 4401 2026 1120 5555" in reasons[0] and "misread" in reasons[0]
    strict = default_policy_text().replace('unknown_serial = "review"', 'unknown_serial = "fail"')
    assert verdict(record("4401 2026 1120 5555"), service_url, policy_text=strict)[0] == Status.FAIL


def test_a_timeout_is_review_never_pass(service_url: str) -> None:
    started = time.monotonic()
    status, reasons = verdict(record(SLOW), service_url, timeout=0.5)
    assert time.monotonic() - started < 1.4
    assert status == Status.REVIEW
    assert "could not be asked (no answer within 0.5 s)" in reasons[0]


def test_a_refused_signature_and_an_unreachable_service_are_review(service_url: str) -> None:
    status, reasons = verdict(record("4401 2026 1120 8837"), service_url, secret="wrong")
    assert status == Status.REVIEW and "HTTP 401" in reasons[0]
    assert SECRET not in " ".join(reasons) and "wrong" not in " ".join(reasons)
    status, reasons = verdict(record("4401 2026 1120 8837"), "http://127.0.0.1:9/verify")
    assert status == Status.REVIEW and "could not reach the provider" in reasons[0]


def test_an_unread_code_is_not_sent_and_is_review(service_url: str) -> None:
    before = len(ContractServer.seen)
    status, reasons = verdict(record(None), service_url)
    assert status == Status.REVIEW and "not sent" in reasons[0]
    assert len(ContractServer.seen) == before


def test_without_a_service_the_check_is_not_applicable_with_its_reason() -> None:
    status, reasons = verdict(record("4401 2026 1120 8837"), None)
    assert status == Status.NOT_APPLICABLE
    assert "no tax verification service is configured" in reasons[0]
    assert verdict(record("x").model_copy(update={"documents": []}), None)[0] == Status.NOT_APPLICABLE


def test_settings_build_the_verifier_and_its_repr_hides_the_secret(service_url: str) -> None:
    assert tax_verifier_of(Settings(tax_verify_url=None)) is None
    verifier = tax_verifier_of(Settings(tax_verify_url=service_url, tax_verify_key_id=KEY_ID,
                                        tax_verify_secret=SECRET))
    assert verifier is not None
    query = TaxQuery(serial="4401 2026 1120 8837", total_income=Decimal("186000.00"), total_tax=Decimal("9230.40"))
    assert verifier.verify(query).outcome == TaxOutcome.VERIFIED
    assert SECRET not in repr(verifier)
