"""Scoring the product against ground truth: pure functions over plain data, and the report.

The runner (``docproc.eval.benchmark``) produces, per applicant, the documents found in each file and
the checklist; these functions compare them with ``truth.json`` and add the figures up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from docproc.cn.normalize import normalize_value, similarity
from docproc.core.policy import Stamps
from docproc.reading.legend_fit import Lattice, fit_name

STATUSES = ("pass", "fail", "missing", "review", "not_applicable")
ROW_FIELDS = ("transactions", "accounts", "queries")  # lists scored row by row (a row counts when every column matches)
ACCEPT_EITHER = {"review_or_fail": {"review", "fail"}}


@dataclass(frozen=True)
class GotDocument:
    """A document the product found: type, side, 1-based pages within its file, field values."""

    type: str
    side: str | None
    pages: tuple[int, ...]
    fields: dict[str, Any]
    stamps: int = 0
    seals: tuple[tuple[int, str | None], ...] = ()  # (page, legend read) of every seal found
    seal_lattices: tuple[tuple[int, tuple[Lattice, ...]], ...] = ()  # (page, ring lattices) of every seal read so


@dataclass
class Tally:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool, weight: int = 1) -> None:
        """Count ``weight`` items, correct or not."""
        self.total += weight
        self.correct += weight if ok else 0

    @property
    def rate(self) -> float | None:
        """correct / total, or None when nothing was counted."""
        return self.correct / self.total if self.total else None


@dataclass
class GroupFigures:
    """The figures of one template group: seen or unseen layout families (mixed: applicants only)."""

    fields: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))  # (type, form)
    seal_recall: Tally = field(default_factory=Tally)
    seal_free: Tally = field(default_factory=Tally)
    checks: Tally = field(default_factory=Tally)
    clean_items: Tally = field(default_factory=Tally)
    status: Tally = field(default_factory=Tally)
    applicants: int = 0

    @property
    def all_fields(self) -> Tally:
        """Every field of the group, whatever its type and form."""
        return Tally(sum(t.correct for t in self.fields.values()), sum(t.total for t in self.fields.values()))


GROUPS = ("seen", "unseen", "mixed")
# ID cards have one national design, so no family of them is held out: they do not decide an applicant's group.
_ONE_DESIGN = ("id_card",)


def document_group(expected: dict[str, Any]) -> str | None:
    """seen / unseen for a truth document that names its template family's held_out flag, else None."""
    held = expected.get("held_out")
    return None if held is None else ("unseen" if held else "seen")


def applicant_group(files: dict[str, Any]) -> str | None:
    """unseen when every document is held out, seen when none is, mixed otherwise (None: truth without families)."""
    groups = {document_group(d) for f in files.values() for d in f.get("documents") or []
              if d.get("type") not in _ONE_DESIGN}
    if not groups or None in groups:
        return None
    return groups.pop() if len(groups) == 1 else "mixed"


@dataclass
class Report:
    """Everything ``docproc eval`` prints."""

    pages: Tally = field(default_factory=Tally)
    splits: Tally = field(default_factory=Tally)
    fields: dict[tuple[str, str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    checks: dict[str, Counter[tuple[str, str]]] = field(default_factory=lambda: defaultdict(Counter))
    status: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)
    seal_recall: Tally = field(default_factory=Tally)  # pages with a seal where one was found
    seal_free: Tally = field(default_factory=Tally)  # seal-free pages where none was found
    defects: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # planted problems found, by kind
    clean_items: Tally = field(default_factory=Tally)  # defect-free applicants' "pass" items that stayed pass
    seal_legends: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # by shape: round / oval
    seal_verified: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # legend verified by its name
    seal_others_refused: Tally = field(default_factory=Tally)  # (seal, another sealer's name) pairs not verified
    page_count: int = 0
    seconds: float = 0.0
    read_pages: dict[str, int] = field(default_factory=dict)  # pages read in this run, by text_layer / ocr / mixed
    read_seconds: dict[str, float] = field(default_factory=dict)  # reading time of those pages (per process)
    read_wall_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # wall seconds by stage (docproc.core.timing)
    applicants: int = 0
    errors: list[str] = field(default_factory=list)
    templates: dict[str, GroupFigures] = field(default_factory=lambda: defaultdict(GroupFigures))

    def group(self, name: str | None) -> GroupFigures | None:
        """The figures of a template group (None when the truth names no template families)."""
        return None if name is None else self.templates[name]


def _same(name: str, expected: Any, got: Any) -> bool:
    return got is not None and normalize_value(name, got) == normalize_value(name, expected)


def _match(expected: dict[str, Any], docs: list[GotDocument]) -> GotDocument | None:
    """The found document that best corresponds to an expected one (type, side, page overlap)."""
    want_pages = set(expected.get("pages") or [])
    candidates = [d for d in docs if d.type == expected["type"] and d.side == expected.get("side")]
    if not candidates:
        return None
    return max(candidates, key=lambda d: len(want_pages & set(d.pages)) if want_pages else 0)


def _rows_matched(expected: list[dict[str, Any]], got: Any) -> int:
    """How many expected transaction rows appear, field for field, among the found rows."""
    if not isinstance(got, list) or not expected:
        return 0
    keys = sorted(expected[0])

    def key(row: dict[str, Any]) -> tuple[str, ...]:
        return tuple(normalize_value(k, row.get(k)) for k in keys)

    remaining = Counter(key(r) for r in got if isinstance(r, dict))
    hits = 0
    for row in expected:
        k = key(row)
        if remaining[k] > 0:
            remaining[k] -= 1
            hits += 1
    return hits


def score_fields(report: Report, *, expected: dict[str, Any], got: GotDocument | None, form: str, where: str) -> None:
    """Field exact-match after normalisation; statement transactions, credit accounts and inquiries count row by
    row; null means not scored."""
    group = report.group(document_group(expected))
    for name, value in (expected.get("fields") or {}).items():
        if value is None:
            continue
        tally = report.fields[(expected["type"], name, form)]
        by_family = group.fields[(expected["type"], form)] if group else Tally()
        found = got.fields.get(name) if got else None
        if name in ROW_FIELDS and isinstance(value, list):
            hits = _rows_matched(value, found) if value else 0
            for t in (tally, by_family):
                t.correct += hits
                t.total += len(value)
            if hits < len(value):
                report.misses.append(f"{where}: {expected['type']}.{name} {hits}/{len(value)} rows")
            continue
        ok = _same(name, value, found)
        tally.add(ok)
        by_family.add(ok)
        if not ok:
            report.misses.append(f"{where}: {expected['type']}.{name} want {value!r} got {found!r}")


def expected_page_types(documents: list[dict[str, Any]]) -> dict[int, str]:
    """Page number → expected type within one file."""
    out: dict[int, str] = {}
    for doc in documents:
        for page in doc.get("pages") or [1]:
            out[page] = doc["type"]
    return out


def score_file(report: Report, *, spec: dict[str, Any], docs: list[GotDocument], where: str) -> None:
    """Page classification, splitting and fields of one file."""
    expected_docs = spec.get("documents") or []
    want = expected_page_types(expected_docs)
    got_types: dict[int, set[str]] = defaultdict(set)
    for doc in docs:
        for page in doc.pages:
            got_types[page].add(doc.type)
    for page, doc_type in want.items():
        ok = got_types.get(page) == {doc_type}
        report.pages.add(ok)
        if not ok:
            report.misses.append(f"{where} p{page}: page type want {doc_type} got {sorted(got_types.get(page, set()))}")
    if len(expected_docs) > 1:
        wanted = sorted((d["type"], d.get("side") or "", tuple(d.get("pages") or [1])) for d in expected_docs)
        found = sorted((d.type, d.side or "", d.pages) for d in docs)
        report.splits.add(wanted == found)
    for expected in expected_docs:
        score_fields(report, expected=expected, got=_match(expected, docs), form=spec.get("form", "unknown"), where=where)
    score_seals(report, expected_docs=expected_docs, docs=docs, where=where)


LEGEND_MATCH = 0.5  # the similarity at which a ring legend counts as naming the organisation


def legend_matches(read: str | None, legend: str) -> bool:
    """A legend read names the organisation: the whole legend, or the name it begins with."""
    from docproc.cn.orgs import distinctive_similarity  # the product's own notion of "the same name"

    if not read:
        return False
    if similarity(read, legend) >= LEGEND_MATCH and distinctive_similarity(read, legend) >= LEGEND_MATCH:
        return True  # two firms of one city share 长春…有限公司; their distinctive parts must agree too
    # a ring read partly (the branch at the end lost): its first 60 % or more, read well
    return len(read) >= 0.6 * len(legend) and similarity(read, legend[: len(read)]) >= 0.8


def score_seals(report: Report, *, expected_docs: list[dict[str, Any]], docs: list[GotDocument], where: str) -> None:
    """Per page: a seal where the truth has one (recall), none where it has none (false seals), and for
    each round or oval seal a legend read that names its organisation, and a seal verified against that name
    and against no other sealer's name of the file."""
    found: dict[int, list[str | None]] = defaultdict(list)
    for doc in docs:
        for page, legend in doc.seals:
            found[page].append(legend)
    rings: dict[int, list[tuple[Lattice, ...]]] = defaultdict(list)
    for doc in docs:
        for page, lattices in doc.seal_lattices:
            rings[page].append(lattices)
    score_verification(report, expected_docs=expected_docs, rings=rings, where=where)
    for expected in expected_docs:
        seals = expected.get("seals") or []
        group = report.group(document_group(expected)) or GroupFigures()
        for page in expected.get("pages") or [1]:
            here = [s for s in seals if s.get("page") == page]
            if here and all(s.get("shape") == "riding" for s in here):
                continue  # only a 骑缝章 slice at the page edge: neither a seal to find nor a seal-free page
            if here:
                report.seal_recall.add(bool(found.get(page)))
                group.seal_recall.add(bool(found.get(page)))
                if not found.get(page):
                    report.misses.append(f"{where} p{page}: seal missed")
                for seal in here:
                    if seal.get("shape") in ("round", "oval") and seal.get("legend"):
                        ok = any(legend_matches(read, seal["legend"]) for read in found.get(page, []))
                        report.seal_legends[seal["shape"]].add(ok)
                        if not ok:
                            read = " / ".join(r or "-" for r in found.get(page, [])) or "-"
                            report.misses.append(f"{where} p{page}: {seal['shape']} seal legend "
                                                 f"{seal['legend']!r} read as {read!r}")
            else:
                report.seal_free.add(not found.get(page))
                group.seal_free.add(not found.get(page))
                if found.get(page):
                    report.misses.append(f"{where} p{page}: a seal found where there is none")


def _verifies(rings: list[tuple[Lattice, ...]], name: str) -> bool:
    least = Stamps().legend_verified_min
    return any((fit := fit_name(lattices, name, min_share=least)) is not None and fit.verified for lattices in rings)


def score_verification(report: Report, *, expected_docs: list[dict[str, Any]], rings: dict[int, list[tuple[Lattice, ...]]],
                       where: str) -> None:
    """Each round or oval seal's legend verified by the seals found on its page (what a stamp check asks), and
    every other organisation sealing in the file refused there (a seal verified as someone else's is the one
    error a stamp check must not make)."""
    from docproc.cn.orgs import distinctive

    seals = [s for d in expected_docs for s in d.get("seals") or [] if s.get("legend") and s.get("page")]
    for page in sorted({s["page"] for s in seals if s.get("shape") in ("round", "oval")}):
        here = [s for s in seals if s["page"] == page]
        for seal in here:
            if seal.get("shape") in ("round", "oval"):
                ok = _verifies(rings.get(page, []), seal["legend"])
                report.seal_verified[seal["shape"]].add(ok)
                if not ok:
                    report.misses.append(f"{where} p{page}: {seal['shape']} seal legend {seal['legend']!r} not verified")
        ours = {distinctive(s["legend"]) for s in here}
        for other in dict.fromkeys(s["legend"] for s in seals if distinctive(s["legend"]) not in ours):
            wrong = _verifies(rings.get(page, []), other)
            report.seal_others_refused.add(not wrong)
            if wrong:
                report.misses.append(f"{where} p{page}: a seal verified as {other!r}, which seals elsewhere")


def score_checks(report: Report, *, expected: dict[str, str], got: dict[str, str], where: str,
                 group: str | None = None) -> None:
    """Confusion counts per check id (an id the product did not produce counts as 'absent')."""
    figures = report.group(group) or GroupFigures()
    for check_id, want in expected.items():
        have = got.get(check_id, "absent")
        accepted = ACCEPT_EITHER.get(want, {want})
        figures.checks.add(have in accepted)
        # "review_or_fail" counts as whichever of the two the product said, when it said one of them
        report.checks[check_id][(have if have in accepted else want, have)] += 1
        if have not in accepted:
            report.misses.append(f"{where}: {check_id} want {want} got {have}")


def score_defects(report: Report, *, defects: list[str], effects: dict[str, dict[str, str]],
                  expected: dict[str, str], got: dict[str, str], where: str, group: str | None = None) -> None:
    """Recall per planted defect (found when every check it is known to turn gives the expected verdict),
    and on defect-free applicants the share of items due to pass that the product failed or queried."""
    for name in defects:
        if name not in effects:
            continue  # a defect kind this product version does not know: counted by its checks only
        turned = [c for c in effects[name] if c in expected]
        found = all(got.get(c, "absent") in ACCEPT_EITHER.get(expected[c], {expected[c]}) for c in turned)
        report.defects[name].add(found)
        if not found:
            report.misses.append(f"{where}: defect {name} not detected")
    if not defects:
        figures = report.group(group) or GroupFigures()
        for check_id, want in expected.items():
            if want == "pass":
                ok = got.get(check_id) not in ("fail", "review", "missing")
                report.clean_items.add(ok)
                figures.clean_items.add(ok)


def score_status(report: Report, *, expected: str | None, got: str, where: str, group: str | None = None) -> None:
    """Overall-status accuracy."""
    if expected is None:
        return
    report.status.add(expected == got)
    if (figures := report.group(group)) is not None:
        figures.status.add(expected == got)
        figures.applicants += 1
    if expected != got:
        report.misses.append(f"{where}: status want {expected} got {got}")
