"""Scoring the product against ground truth: pure functions over plain data, and the report.

The runner (``docproc.benchmark``) produces, per applicant, the documents found in each file and
the checklist; these functions compare them with ``truth.json`` and add the figures up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from docproc.normalize import normalize_value, similarity

STATUSES = ("pass", "fail", "missing", "review", "not_applicable")
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
    page_count: int = 0
    seconds: float = 0.0
    read_pages: dict[str, int] = field(default_factory=dict)  # pages read in this run, by text_layer / ocr / mixed
    read_seconds: dict[str, float] = field(default_factory=dict)  # reading time of those pages (per process)
    read_wall_seconds: float = 0.0
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
    """Field exact-match after normalisation; transactions count row by row; null means not scored."""
    group = report.group(document_group(expected))
    for name, value in (expected.get("fields") or {}).items():
        if value is None:
            continue
        tally = report.fields[(expected["type"], name, form)]
        by_family = group.fields[(expected["type"], form)] if group else Tally()
        found = got.fields.get(name) if got else None
        if name == "transactions" and isinstance(value, list):
            hits = _rows_matched(value, found) if value else 0
            for t in (tally, by_family):
                t.correct += hits
                t.total += len(value)
            if hits < len(value):
                report.misses.append(f"{where}: {expected['type']}.transactions {hits}/{len(value)} rows")
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
    each round or oval seal a legend read that names its organisation."""
    found: dict[int, list[str | None]] = defaultdict(list)
    for doc in docs:
        for page, legend in doc.seals:
            found[page].append(legend)
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


def precision_recall(confusion: Counter[tuple[str, str]], label: str) -> tuple[float | None, float | None]:
    """Precision and recall of one verdict label from (expected, got) counts."""
    tp = confusion[(label, label)]
    predicted = sum(n for (_, g), n in confusion.items() if g == label)
    actual = sum(n for (e, _), n in confusion.items() if e == label)
    return (tp / predicted if predicted else None, tp / actual if actual else None)


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def format_report(report: Report, *, title: str) -> str:
    """The printed report; its last line is a one-line summary."""
    lines = [f"== {title}: {report.applicants} applicant(s), {report.page_count} page(s), {report.seconds:.1f} s"]
    lines.append(f"page classification accuracy   {_pct(report.pages.rate)}  ({report.pages.correct}/{report.pages.total})")
    lines.append(f"bundle split accuracy          {_pct(report.splits.rate)}  ({report.splits.correct}/{report.splits.total})")
    lines.append(f"seal presence recall           {_pct(report.seal_recall.rate)}  ({report.seal_recall.correct}/{report.seal_recall.total} sealed pages)")
    false_seals = report.seal_free.total - report.seal_free.correct
    lines.append(f"false seals on seal-free pages {_pct(false_seals / report.seal_free.total if report.seal_free.total else None)}  "
                 f"({false_seals}/{report.seal_free.total} pages)")
    for shape, tally in sorted(report.seal_legends.items(), key=lambda kv: kv[0] != "round"):
        lines.append(f"seal legend names the org      {_pct(tally.rate)}  ({tally.correct}/{tally.total} {shape} seals)")
    lines += ["", "field exact-match (type.field by delivery form):"]
    overall = Tally()
    by_form: dict[str, Tally] = defaultdict(Tally)
    for (doc_type, name, form), tally in sorted(report.fields.items()):
        lines.append(f"  {doc_type + '.' + name:<40} {form:<13} {_pct(tally.rate)}  ({tally.correct}/{tally.total})")
        overall.correct += tally.correct
        overall.total += tally.total
        by_form[form].correct += tally.correct
        by_form[form].total += tally.total
    lines += [f"  all fields, {form:<28} {_pct(t.rate)}  ({t.correct}/{t.total})" for form, t in sorted(by_form.items())]
    lines += ["", "checks (expected → got counts; precision/recall of fail and review):"]
    for check_id, confusion in sorted(report.checks.items()):
        cells = ", ".join(f"{e}→{g}:{n}" for (e, g), n in sorted(confusion.items()))
        pf, rf = precision_recall(confusion, "fail")
        pr, rr = precision_recall(confusion, "review")
        lines.append(f"  {check_id:<40} P/R fail {_pct(pf)}/{_pct(rf)} review {_pct(pr)}/{_pct(rr)}  [{cells}]")
    lines.append("")
    if report.defects:
        lines += ["", "defects found (recall by kind):"]
        lines += [f"  {name:<40} {_pct(t.rate)}  ({t.correct}/{t.total})" for name, t in sorted(report.defects.items())]
        wrong = report.clean_items.total - report.clean_items.correct
        lines.append(f"false alarms on clean applicants {_pct(wrong / report.clean_items.total if report.clean_items.total else None)}"
                     f"  ({wrong}/{report.clean_items.total} items due to pass got fail/review/missing)")
    lines.append(f"overall-status accuracy        {_pct(report.status.rate)}  ({report.status.correct}/{report.status.total})")
    read = sum(report.read_pages.values())
    rate = read / report.read_wall_seconds if read and report.read_wall_seconds else None
    if rate is None:
        lines.append("pages per second                 n/a  (no page read in this run: all from the cache of an earlier one)")
    else:
        lines.append(f"pages per second               {rate:.2f}  ({read} pages read in {report.read_wall_seconds:.0f} s; "
                     f"{report.page_count - read} from the cache)")
    for source in sorted(report.read_pages):
        pages, seconds = report.read_pages[source], report.read_seconds.get(source, 0.0)
        lines.append(f"  seconds per page, {source:<12} {seconds / pages:7.3f}  ({pages} pages, one process each)")
    for error in report.errors:
        lines.append(f"error: {error}")
    lines += format_templates(report)
    check_total = sum(sum(c.values()) for c in report.checks.values())
    check_ok = sum(n for c in report.checks.values() for (e, g), n in c.items() if e == g)
    unseen = report.templates.get("unseen")
    lines.append(
        f"SUMMARY {title}: pages {_pct(report.pages.rate).strip()} split {_pct(report.splits.rate).strip()} "
        f"fields {_pct(overall.rate).strip()} checks {_pct(check_ok / check_total if check_total else None).strip()} "
        f"status {_pct(report.status.rate).strip()} pages/s {'n/a' if rate is None else f'{rate:.2f}'}"
        + (f" unseen: fields {_pct(unseen.all_fields.rate).strip()} seals {_pct(unseen.seal_recall.rate).strip()} "
           f"status {_pct(unseen.status.rate).strip()} false-alarms {_pct(_false_alarms(unseen.clean_items)).strip()}"
           if unseen is not None else "")
    )
    return "\n".join(lines)


def _false_alarms(clean_items: Tally) -> float | None:
    """The share of a clean applicant's items due to pass that got fail/review/missing."""
    return None if clean_items.rate is None else 1 - clean_items.rate


def format_templates(report: Report) -> list[str]:
    """The seen / unseen (/ mixed) template blocks; nothing when the truth names no template families."""
    lines: list[str] = []
    for name in GROUPS:
        g = report.templates.get(name)
        if g is None:
            continue
        false_seals = g.seal_free.total - g.seal_free.correct
        wrong = g.clean_items.total - g.clean_items.correct
        lines += ["", f"{name} templates (fields and seals by document; checks, false alarms and status over "
                      f"{g.applicants} {name} applicant(s)):"]
        lines += [f"  fields {doc_type + ' ' + form:<36} {_pct(t.rate)}  ({t.correct}/{t.total})"
                  for (doc_type, form), t in sorted(g.fields.items())]
        lines += [
            f"  fields, all                           {_pct(g.all_fields.rate)}  ({g.all_fields.correct}/{g.all_fields.total})",
            f"  seal presence recall                  {_pct(g.seal_recall.rate)}  ({g.seal_recall.correct}/{g.seal_recall.total} sealed pages)",
            f"  false seals on seal-free pages        {_pct(false_seals / g.seal_free.total if g.seal_free.total else None)}"
            f"  ({false_seals}/{g.seal_free.total} pages)",
            f"  check verdicts as expected            {_pct(g.checks.rate)}  ({g.checks.correct}/{g.checks.total})",
            f"  false alarms on clean applicants      {_pct(_false_alarms(g.clean_items))}  ({wrong}/{g.clean_items.total} "
            "items due to pass got fail/review/missing)",
            f"  overall-status accuracy               {_pct(g.status.rate)}  ({g.status.correct}/{g.status.total})",
        ]
    return lines


def _group_json(g: GroupFigures) -> dict[str, Any]:
    return {
        "applicants": g.applicants,
        "fields": {f"{t}@{f}": {"correct": v.correct, "total": v.total} for (t, f), v in g.fields.items()},
        "fields_rate": g.all_fields.rate,
        "seal_recall": g.seal_recall.rate,
        "false_seal_rate": (1 - g.seal_free.rate) if g.seal_free.rate is not None else None,
        "check_accuracy": g.checks.rate,
        "clean_false_alarm_rate": _false_alarms(g.clean_items),
        "clean_false_alarms": g.clean_items.total - g.clean_items.correct,
        "status_accuracy": g.status.rate,
    }


def report_json(report: Report) -> dict[str, Any]:
    """Machine-readable figures."""
    return {
        "applicants": report.applicants,
        "pages": report.page_count,
        "seconds": round(report.seconds, 2),
        "pages_read": report.read_pages,
        "reading_seconds": {k: round(v, 2) for k, v in report.read_seconds.items()},
        "reading_wall_seconds": round(report.read_wall_seconds, 2),
        "page_classification": report.pages.rate,
        "bundle_split": report.splits.rate,
        "fields": {f"{t}.{n}@{f}": {"correct": v.correct, "total": v.total} for (t, n, f), v in report.fields.items()},
        "checks": {k: {f"{e}->{g}": n for (e, g), n in c.items()} for k, c in report.checks.items()},
        "status_accuracy": report.status.rate,
        "defect_recall": {name: t.rate for name, t in report.defects.items()},
        "clean_false_alarm_rate": (1 - report.clean_items.rate) if report.clean_items.rate is not None else None,
        "seal_recall": report.seal_recall.rate,
        "seal_free_pages_without_false_seal": report.seal_free.rate,
        "seal_legend_match": {shape: tally.rate for shape, tally in report.seal_legends.items()},
        "templates": {name: _group_json(g) for name, g in report.templates.items()},
        "misses": report.misses,
        "errors": report.errors,
    }
