"""anomaly.aml: anti-money-laundering screening of the bank statement rows and of the names they carry.

Patterns (thresholds in the policy's ``[aml]`` table), each a ``review`` with the rows it rests on:
rapid in-and-out (a large credit mostly paid away within days), structuring (several deposits just under
the reporting threshold within a few weeks), many counterparties (more distinct payers within a window
than the policy allows), cash deposits shortly before the application, and large round credits. A name of
the applicant or of a counterparty that is on the imported sanctions/PEP list is a ``fail``; a long name one
character from a listed one (a character the scan may have misread) is a ``review`` for an analyst.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from docproc.core.models import Bundle, Category, DocType, Document, Evidence, Status
from docproc.core.policy import Aml, Policy
from docproc.core.screening import Screening, name_key
from docproc.validators._common import Said, evidence, said_by
from docproc.validators.money import _row_evidence, _rows
from docproc.validators.registry import Verdict, check

MAX_EVIDENCE = 20
# Every sentence the check says, in one place (str.format fields filled by ``reason``).
REASONS: dict[str, tuple[str, str]] = {
    "structuring": ("拆分存款：{first}至{last}共{count}笔存款，每笔略低于{threshold}的大额报告标准（合计{total}）",
                    "structuring: {count} deposits between {first} and {last} each just under the reporting "
                    "threshold of {threshold} (together {total})"),
    "rapid": ("快进快出：{day}由{payer}转入{amount}，{days}天内经{debits}笔支出转出{out}",
              "rapid in-and-out: {amount} arrived on {day} from {payer} and {out} left within {days} day(s) in "
              "{debits} debit(s)"),
    "counterparties": ("交易对手过多：{first}至{last}有{count}个不同付款方（规则：{days}天内至多{most}个）",
                       "many counterparties: {count} distinct payers between {first} and {last} (policy: at most "
                       "{most} in {days} days)"),
    "cash": ("申请前{before}天（{day}）存入现金{amount}", "cash deposit of {amount} on {day}, {before} day(s) before the application"),
    "round": ("{day}由{payer}转入大额整数款项{amount}", "large round credit of {amount} on {day} from {payer}"),
    "listed_applicant": ("名单命中：申请人与观察名单中的“{entry}”相符（{schema} {entry_id}{datasets}）",
                         "listed name: the applicant matches {entry!r} on the watch list ({schema} {entry_id}{datasets})"),
    "listed_counterparty": ("名单命中：交易对手“{name}”与观察名单中的“{entry}”相符（{schema} {entry_id}{datasets}）",
                            "listed name: counterparty {name!r} matches {entry!r} on the watch list "
                            "({schema} {entry_id}{datasets})"),
    "near_applicant": ("名单近似命中（请人工核实）：申请人名称读作“{name}”，与观察名单中的“{entry}”{alias}仅差一个字符"
                       "（{schema} {entry_id}{datasets}）",
                       "near watch-list match for an analyst: the applicant's name, read as {name!r}, is one "
                       "character apart from {entry!r}{alias} on the watch list ({schema} {entry_id}{datasets})"),
    "near_counterparty": ("名单近似命中（请人工核实）：交易对手读作“{name}”，与观察名单中的“{entry}”{alias}仅差一个字符"
                          "（{schema} {entry_id}{datasets}）",
                          "near watch-list match for an analyst: counterparty read as {name!r} is one character "
                          "apart from {entry!r}{alias} on the watch list ({schema} {entry_id}{datasets})"),
    "near_alias": ("（名称或别名“{listed}”）", " (its name or alias {listed!r})"),
    "not_screened": ("未做名单筛查：尚未导入观察名单（请管理员导入）",
                     "names were not screened: no watch list is loaded (docproc aml import-list)"),
    "screened": ("已将{names}个名称与{entries}条观察名单记录比对", "{names} name(s) screened against {entries} watch-list entries"),
    "no_rows": ("没有可查看的流水明细；{note}", "no statement rows to look at, and {note}"),
    "no_rows_screened": ("没有可查看的流水明细；{note}：无命中", "no statement rows to look at; {note}: none is listed"),
    "clean": ("{rows}笔流水明细未见快进快出、拆分存款、交易对手过多、申请前现金存入或大额整数款项",
              "{rows} statement row(s) show no rapid in-and-out, structuring, many counterparties, cash before the "
              "application or large round credits"),
    "unnamed_payer": ("未具名付款方", "an unnamed payer"),
}


def reason(key: str, **values: object) -> Said:
    """The sentence ``key`` with its values, in both languages."""
    return said_by(REASONS, key, **values)


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


def _payer(row: _Row) -> str:
    return row.who or reason("unnamed_payer")


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
            found.append(Finding(reason("structuring", count=len(group), first=group[0].day, last=group[-1].day,
                                        threshold=f"{top:.0f}", total=f"{total:.2f}"), tuple(group)))
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
            found.append(Finding(reason("rapid", amount=f"{credit.amount:.2f}", day=credit.day, payer=_payer(credit),
                                        out=f"{out:.2f}", days=rule.rapid_days, debits=len(later)), (credit, *later)))
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
    return [Finding(reason("counterparties", count=len(best), first=best[0].day, last=max(r.day for r in best),
                           most=rule.counterparties_max, days=rule.counterparties_days), tuple(best))]


def cash_before_application(rows: list[_Row], rule: Aml, applied: date) -> list[Finding]:
    """Cash deposits of at least ``cash_min_amount`` within ``cash_days`` before the application."""
    since = applied - timedelta(days=rule.cash_days)
    words = [w.casefold() for w in rule.cash_words]
    cash = [r for r in _credits(rows) if since <= r.day <= applied and r.amount >= Decimal(str(rule.cash_min_amount))
            and any(w in r.text for w in words)]
    return [Finding(reason("cash", amount=f"{r.amount:.2f}", day=r.day, before=(applied - r.day).days), (r,))
            for r in cash]


def large_round(rows: list[_Row], rule: Aml) -> list[Finding]:
    """Credits of at least ``round_amount`` that are a multiple of ``round_unit``."""
    unit = Decimal(str(rule.round_unit))
    return [Finding(reason("round", amount=f"{r.amount:.2f}", day=r.day, payer=_payer(r)), (r,))
            for r in _credits(rows) if r.amount >= Decimal(str(rule.round_amount)) and r.amount % unit == 0]


def _listed(screening: Screening, rows: list[_Row], near: bool) -> list[tuple[str, list[Evidence]]]:
    """The reasons and row evidence of the exact hits, or of the near ones."""
    by_place = {(r.doc.id, r.index): r for r in rows}
    out: list[tuple[str, list[Evidence]]] = []
    for hit in (h for h in screening.hits if h.near == near):
        row = by_place.get((hit.document_id or "", hit.row if hit.row is not None else -1))
        key = ("near_" if near else "listed_") + hit.role
        alias = reason("near_alias", listed=hit.listed) if near and hit.listed != name_key(hit.entry_name) else ""
        text = reason(key, name=hit.name, entry=hit.entry_name, schema=hit.schema_ or "entity", entry_id=hit.entry_id,
                      datasets=f", {hit.datasets}" if hit.datasets else "", alias=alias)
        out.append((text, [row.evidence()] if row else []))
    return out


def _screening_note(screening: Screening | None) -> str:
    if screening is None or screening.entries == 0:
        return reason("not_screened")
    return reason("screened", names=screening.names, entries=screening.entries)


@check("anomaly.aml", Category.ANOMALY, title=("反洗钱筛查", "Anti-money-laundering screening"))
def aml_screening(bundle: Bundle, policy: Policy) -> Verdict:
    """Flows a money-laundering review looks at, and names on the sanctions/PEP list (see the module)."""
    rule, rows = policy.aml, statement_rows(bundle)
    screening = bundle.screening
    screened = screening is not None and screening.entries > 0
    if not rows and not screened:
        return Verdict(Status.NOT_APPLICABLE, [reason("no_rows", note=_screening_note(screening))])
    findings = [*structuring(rows, rule), *rapid_in_out(rows, rule), *many_counterparties(rows, rule),
                *cash_before_application(rows, rule, bundle.application.application_date), *large_round(rows, rule)]
    listed = _listed(screening, rows, near=False) if screening is not None else []
    near = _listed(screening, rows, near=True) if screening is not None else []
    reasons = [reason for reason, _ in listed + near] + [f.reason for f in findings]
    ev = [e for _, found in listed + near for e in found] + [r.evidence() for f in findings for r in f.rows]
    note = _screening_note(screening)
    if listed:
        return Verdict(Status.FAIL, [*reasons, note], ev[:MAX_EVIDENCE])
    if not rows and not near:
        return Verdict(Status.NOT_APPLICABLE, [reason("no_rows_screened", note=note)])
    if findings or near:
        return Verdict(Status.REVIEW, [*reasons, note], ev[:MAX_EVIDENCE])
    looked = reason("clean", rows=len(rows))
    docs = bundle.of_type(DocType.BANK_STATEMENT)
    return Verdict(Status.PASS, [looked, note], [evidence(d, "transactions") for d in docs])
