"""Third-party tax verification: the interface, its request and its outcome (SPEC-style names).

A ``TaxVerifier`` asks the issuing service whether a tax record with this verification code (验证码 or
serial number) exists and carries these amounts. The service layer calls it before the checks run and
hands them the outcomes (``Bundle.tax_verification``); anomaly.tax_verified turns them into a verdict.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TaxOutcome(StrEnum):
    """What the issuing service said (or that it could not be asked)."""

    VERIFIED = "verified"  # the record exists and its amounts are the ones printed
    MISMATCH = "mismatch"  # the record exists, but other amounts (or another taxpayer) are on file
    UNKNOWN_SERIAL = "unknown_serial"  # no record carries this code
    UNAVAILABLE = "unavailable"  # timeout, refused, an error or an answer that is not the contract's
    NOT_ASKED = "not_asked"  # the record's code or amounts could not be read, so nothing was sent


class TaxQuery(_Fact):
    """What is sent: the code, the taxpayer and the amounts as read from the document."""

    serial: str
    id_number: str | None = None
    name: str | None = None
    issue_date: date | None = None
    total_income: Decimal | None = None
    total_tax: Decimal | None = None


class TaxAnswer(_Fact):
    """One verification: the outcome, the amounts the service holds (when it says) and a detail line."""

    outcome: TaxOutcome
    detail: str = ""
    total_income: Decimal | None = None
    total_tax: Decimal | None = None


class TaxVerifier(Protocol):
    """An issuing service that verifies tax records; ``name`` says which one in reasons."""

    @property
    def name(self) -> str:
        """What reasons call the service."""
        ...

    def verify(self, query: TaxQuery) -> TaxAnswer:
        """The service's answer; never raises for a service problem (that is UNAVAILABLE)."""
        ...


class TaxVerification(_Fact):
    """The outcome for one tax record of the bundle."""

    document_id: str
    serial: str | None
    answer: TaxAnswer


class TaxVerifications(_Fact):
    """Every tax record's outcome, and which service gave them; absent from the bundle when none is set up."""

    service: str
    results: tuple[TaxVerification, ...] = ()
