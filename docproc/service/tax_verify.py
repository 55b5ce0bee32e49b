"""Third-party tax verification over HTTP (``TaxVerifier``), and the outcomes gathered for a bundle.

Contract (README, "Tax verification"): docproc POSTs, signed as in ``docproc.service.signed_http``::

    {"serial": "<验证码>", "id_number": "...", "name": "...", "issue_date": "YYYY-MM-DD",
     "total_income": "123456.78", "total_tax": "1234.56"}

and the service answers HTTP 200 with ``{"status": "verified" | "mismatch" | "not_found",
"total_income": "...", "total_tax": "...", "message": "..."}``. Anything else (another HTTP status, a body
that is not this JSON, no answer within the timeout) is ``unavailable``; amounts the service holds that
differ from the ones read turn a ``verified`` into a ``mismatch``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from docproc.core.models import Bundle, DocType
from docproc.core.tax_verification import (
    TaxAnswer,
    TaxOutcome,
    TaxQuery,
    TaxVerification,
    TaxVerifications,
    TaxVerifier,
)
from docproc.service.signed_http import Provider, ProviderError, post_json

log = logging.getLogger(__name__)
_STATUSES = {"verified": TaxOutcome.VERIFIED, "mismatch": TaxOutcome.MISMATCH, "not_found": TaxOutcome.UNKNOWN_SERIAL}
_AMOUNTS = ("total_income", "total_tax")


def _amount(value: Any) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class HttpTaxVerifier:
    """The HTTP adapter: one signed POST per record (see the module docstring)."""

    provider: Provider
    name: str = "tax verification service"

    def verify(self, query: TaxQuery) -> TaxAnswer:
        """The service's answer; a provider problem is UNAVAILABLE, never an exception."""
        try:
            status, data = post_json(self.provider, query.model_dump(mode="json", exclude_none=True))
        except ProviderError as exc:
            log.warning("tax verification unavailable: %s", exc)
            return TaxAnswer(outcome=TaxOutcome.UNAVAILABLE, detail=str(exc))
        outcome = _STATUSES.get(str(data.get("status"))) if status == 200 else None
        if outcome is None:
            return TaxAnswer(outcome=TaxOutcome.UNAVAILABLE,
                             detail=f"HTTP {status} with status {str(data.get('status'))[:40]!r}: not the contract's answer")
        held = {k: _amount(data.get(k)) for k in _AMOUNTS}
        differs = [k for k in _AMOUNTS if held[k] is not None and getattr(query, k) is not None
                   and held[k] != getattr(query, k)]
        if outcome == TaxOutcome.VERIFIED and differs:
            outcome = TaxOutcome.MISMATCH
        detail = str(data.get("message") or "")[:200]
        return TaxAnswer(outcome=outcome, detail=detail, **held)


def _query(doc_fields: dict[str, Any]) -> TaxQuery | None:
    serial = doc_fields.get("verification_code")
    if not serial or all(doc_fields.get(k) is None for k in _AMOUNTS):
        return None
    issued, number, name = doc_fields.get("issue_date"), doc_fields.get("id_number"), doc_fields.get("name")
    return TaxQuery(serial=str(serial), id_number=str(number) if number else None, name=str(name) if name else None,
                    issue_date=issued if isinstance(issued, date) else None,
                    total_income=_amount(doc_fields.get("total_income")), total_tax=_amount(doc_fields.get("total_tax")))


def verify_bundle(verifier: TaxVerifier, bundle: Bundle) -> TaxVerifications:
    """Each tax record of the bundle verified (NOT_ASKED when its code or amounts were not read)."""
    results = []
    for doc in bundle.of_type(DocType.TAX_CERTIFICATE):
        values = {name: f.value for name, f in doc.fields.items()}
        query = _query(values)
        if query is None:
            answer = TaxAnswer(outcome=TaxOutcome.NOT_ASKED, detail="the verification code or the amounts could not be read")
        else:
            answer = verifier.verify(query)
        results.append(TaxVerification(document_id=doc.id, serial=query.serial if query else None, answer=answer))
    return TaxVerifications(service=verifier.name, results=tuple(results))
