"""The figures of an evaluation, printed for people (a table per aspect) and as JSON."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from docproc.core.timing import per_page
from docproc.eval.evaluation import GROUPS, GroupFigures, Report, Tally


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
    for shape, tally in sorted(report.seal_verified.items(), key=lambda kv: kv[0] != "round"):
        lines.append(f"seal legend verified by name   {_pct(tally.rate)}  ({tally.correct}/{tally.total} {shape} seals)")
    refused = report.seal_others_refused
    if refused.total:
        lines.append(f"other sealers' names verified  {_pct(1 - refused.rate if refused.rate is not None else None)}  "
                     f"({refused.total - refused.correct}/{refused.total} seal pages × names)")
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
    lines += stage_table(report.stage_seconds, stage_pages(report))
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


def stage_pages(report: Report) -> int:
    """The pages the stage seconds are shared by: those read in this run, else all (a run from the cache)."""
    return sum(report.read_pages.values()) or report.page_count


def stage_table(totals: dict[str, float], pages: int) -> list[str]:
    """Seconds per page by stage (wall seconds of each stage's own work, summed over the processes)."""
    rows = per_page(totals, pages)
    if not rows:
        return []
    lines = [f"seconds per page by stage ({pages} page(s)):"]
    lines += [f"  {name:<14} {seconds:8.3f}" for name, seconds in rows.items()]
    lines.append(f"  {'all stages':<14} {sum(rows.values()):8.3f}")
    return lines


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
        "stage_seconds_per_page": {k: round(v, 4) for k, v in per_page(report.stage_seconds, stage_pages(report)).items()},
        "stage_seconds": {k: round(v, 3) for k, v in report.stage_seconds.items()},
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
        "seal_legend_verified": {shape: tally.rate for shape, tally in report.seal_verified.items()},
        "seal_other_names_verified": {"wrong": report.seal_others_refused.total - report.seal_others_refused.correct,
                                      "pairs": report.seal_others_refused.total},
        "templates": {name: _group_json(g) for name, g in report.templates.items()},
        "misses": report.misses,
        "errors": report.errors,
    }
