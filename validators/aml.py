"""anomaly.aml: anti-money-laundering screening of the bank statement rows and of the names they carry.

Patterns (thresholds in the policy's ``[aml]`` table), each a ``review`` with the rows it rests on:
rapid in-and-out (a large credit mostly paid away within days), structuring (several deposits just under
the reporting threshold within a few weeks), many counterparties (more distinct payers within a window
than the policy allows), cash deposits shortly before the application, and large round credits. A name of
the applicant or of a counterparty that is on the imported sanctions/PEP list is a ``fail``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from docproc.core.models import Bundle, Category, DocType, Document, Evidence, Status
from docproc.core.policy import Aml, Policy
from docproc.core.screening import Screening, name_key
from docproc.validators._common import evidence
from docproc.validators.money import _row_evidence, _rows
from docproc.validators.registry import Verdict, check

MAX_EVIDENCE = 20


@dataclass(frozen=True)
class _Row:
    doc: Document
    index: int
    row: dict[str, Any]
    day: date
    amount: Decimal

    @property
    def text(self) -> str:
        return f"{self.row.get('description') or ''} {self.row.get('counterparty') or ''}".casefold()

    @property
    def who(self) -> str:
        return str(self.row.get("counterparty") or "").strip()

    def evidence(self) -> Evidence:
        return _row_evidence(self.doc, self.index, self.row)


@dataclass(frozen=True)
class Finding:
    """One pattern found, with the rows it rests on."""

    reason: str
    rows: tuple[_Row, ...]


def statement_rows(bundle: Bundle) -> list[_Row]:
    """Every dated statement row with its signed amount, in date order."""
    out = []
    for doc in bundle.of_type(DocType.BANK_STATEMENT):
        for index, row in enumerate(_rows(doc)):
            day, amount = row.get("date"), row.get("amount")
            if isinstance(day, date) and amount is not None:
                out.append(_Row(doc, index, row, day, Decimal(str(amount))))
    return sorted(out, key=lambda r: (r.day, r.index))


def _credits(rows: list[_Row]) -> list[_Row]:
    return [r for r in rows if r.amount > 0]


def structuring(rows: list[_Row], rule: Aml) -> list[Finding]:
    """Deposits just under the reporting threshold, ``structuring_count`` or more within ``structuring_days``."""
    top = Decimal(str(rule.reporting_threshold))
    low = top * (1 - Decimal(str(rule.structuring_margin)))
    under = [r for r in _credits(rows) if low <= r.amount < top]
    found, start = [], 0
    while start < len(under):
        group = [r for r in under[start:] if r.day - under[start].day <= timedelta(days=rule.structuring_days)]
        if len(group) >= rule.structuring_count:
            total = sum((r.amount for r in group), Decimal(0))
            found.append(Finding(
                f"structuring: {len(group)} deposits between {group[0].day} and {group[-1].day} each just under "
                f"the reporting threshold of {top:.0f} (together {total:.2f})", tuple(group)))
            start += len(group)
        else:
            start += 1
    return found


def rapid_in_out(rows: list[_Row], rule: Aml) -> list[Finding]:
    """A credit of at least ``rapid_min_amount`` of which debits within ``rapid_days`` take ``rapid_share``."""
    found: list[Finding] = []
    used: set[int] = set()
    for credit in _credits(rows):
        if credit.amount < Decimal(str(rule.rapid_min_amount)):
            continue
        later = [r for r in rows if r.amount < 0 and id(r) not in used
                 and (r.day, r.index) > (credit.day, credit.index) and r.day - credit.day <= timedelta(days=rule.rapid_days)]
        out = sum((-r.amount for r in later), Decimal(0))
        if later and out >= credit.amount * Decimal(str(rule.rapid_share)):
            used.update(id(r) for r in later)
            found.append(Finding(
                f"rapid in-and-out: {credit.amount:.2f} arrived on {credit.day} from {credit.who or 'an unnamed payer'} "
                f"and {out:.2f} left within {rule.rapid_days} day(s) in {len(later)} debit(s)", (credit, *later)))
    return found


def many_counterparties(rows: list[_Row], rule: Aml) -> list[Finding]:
    """More distinct payers within any ``counterparties_days`` window than ``counterparties_max``."""
    credits = [r for r in _credits(rows) if name_key(r.who)]
    best: list[_Row] = []
    for i, first in enumerate(credits):
        window = [r for r in credits[i:] if r.day - first.day < timedelta(days=rule.counterparties_days)]
        distinct = {name_key(r.who): r for r in window}
        if len(distinct) > max(rule.counterparties_max, len(best)):
            best = list(distinct.values())
    if not best:
        return []
    return [Finding(f"many counterparties: {len(best)} distinct payers between {best[0].day} and "
                    f"{max(r.day for r in best)} (policy: at most {rule.counterparties_max} in "
                    f"{rule.counterparties_days} days)", tuple(best))]


def cash_before_application(rows: list[_Row], rule: Aml, applied: date) -> list[Finding]:
    """Cash deposits of at least ``cash_min_amount`` within ``cash_days`` before the application."""
    since = applied - timedelta(days=rule.cash_days)
    words = [w.casefold() for w in rule.cash_words]
    cash = [r for r in _credits(rows) if since <= r.day <= applied and r.amount >= Decimal(str(rule.cash_min_amount))
            and any(w in r.text for w in words)]
    return [Finding(f"cash deposit of {r.amount:.2f} on {r.day}, {(applied - r.day).days} day(s) before the "
                    "application", (r,)) for r in cash]


def large_round(rows: list[_Row], rule: Aml) -> list[Finding]:
    """Credits of at least ``round_amount`` that are a multiple of ``round_unit``."""
    unit = Decimal(str(rule.round_unit))
    return [Finding(f"large round credit of {r.amount:.2f} on {r.day} from {r.who or 'an unnamed payer'}", (r,))
            for r in _credits(rows) if r.amount >= Decimal(str(rule.round_amount)) and r.amount % unit == 0]


def _listed(screening: Screening, rows: list[_Row]) -> list[tuple[str, list[Evidence]]]:
    by_place = {(r.doc.id, r.index): r for r in rows}
    out = []
    for hit in screening.hits:
        row = by_place.get((hit.document_id or "", hit.row if hit.row is not None else -1))
        what = "the applicant" if hit.role == "applicant" else f"counterparty {hit.name!r}"
        extra = f", {hit.datasets}" if hit.datasets else ""
        reason = (f"listed name: {what} matches {hit.entry_name!r} on the watch list "
                  f"({hit.schema_ or 'entity'} {hit.entry_id}{extra})")
        out.append((reason, [row.evidence()] if row else []))
    return out


def _screening_note(screening: Screening | None) -> str:
    if screening is None or screening.entries == 0:
        return "names were not screened: no watch list is loaded (docproc aml import-list)"
    return f"{screening.names} name(s) screened against {screening.entries} watch-list entries"


@check("anomaly.aml", Category.ANOMALY, title=("反洗钱筛查", "Anti-money-laundering screening"))
def aml_screening(bundle: Bundle, policy: Policy) -> Verdict:
    """Flows a money-laundering review looks at, and names on the sanctions/PEP list (see the module)."""
    rule, rows = policy.aml, statement_rows(bundle)
    screening = bundle.screening
    screened = screening is not None and screening.entries > 0
    if not rows and not screened:
        return Verdict(Status.NOT_APPLICABLE, ["no statement rows to look at, and " + _screening_note(screening)])
    findings = [*structuring(rows, rule), *rapid_in_out(rows, rule), *many_counterparties(rows, rule),
                *cash_before_application(rows, rule, bundle.application.application_date), *large_round(rows, rule)]
    listed = _listed(screening, rows) if screening is not None else []
    reasons = [reason for reason, _ in listed] + [f.reason for f in findings]
    ev = [e for _, found in listed for e in found] + [r.evidence() for f in findings for r in f.rows]
    note = _screening_note(screening)
    if listed:
        return Verdict(Status.FAIL, [*reasons, note], ev[:MAX_EVIDENCE])
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, [f"no statement rows to look at; {note}: none is listed"])
    if findings:
        return Verdict(Status.REVIEW, [*reasons, note], ev[:MAX_EVIDENCE])
    looked = (f"{len(rows)} statement row(s) show no rapid in-and-out, structuring, many counterparties, "
              "cash before the application or large round credits")
    docs = bundle.of_type(DocType.BANK_STATEMENT)
    return Verdict(Status.PASS, [looked, note], [evidence(d, "transactions") for d in docs])
