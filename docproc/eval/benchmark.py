"""Run the product over a labelled corpus and score it (``docproc eval``).

Two truth layouts are understood: a generated corpus (one folder per applicant, each with its own
``truth.json``) and a third-party sample folder (one ``truth.json`` at the top listing files).
"""

from __future__ import annotations

import json
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from docproc.core.errors import InputError
from docproc.core.models import Checklist, Document, Page
from docproc.core.pools import process_pool
from docproc.core.settings import Settings
from docproc.core.timing import collecting
from docproc.eval.evaluation import (
    GotDocument,
    Report,
    applicant_group,
    score_checks,
    score_defects,
    score_fields,
    score_file,
    score_status,
)
from docproc.reading import read as reading
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from docproc.store.blobs import sha256_hex

EVAL_CREATOR = "docproc eval"  # the applications an eval run creates; a rerun forgets their page hashes


def _got(doc: Document) -> GotDocument:
    return GotDocument(
        type=doc.type.value,
        side=doc.side.value if doc.side else None,
        pages=tuple(doc.pages),
        fields={name: f.value for name, f in doc.fields.items()},
        stamps=len(doc.stamps),
        seals=tuple((s.page, s.text) for s in doc.stamps),
        seal_lattices=tuple((s.page, s.legend_lattices) for s in doc.stamps if s.legend_lattices),
    )


def _run_files(ctx: Context, *, profile: str, application_date: date, files: list[Path],
               loan_amount: Decimal | None = None) -> tuple[dict[str, list[GotDocument]], Checklist, dict[str, str]]:
    """Ingest and read files as one application; documents per file name, checklist, errors."""
    app = pipeline.create_application(ctx, profile=profile, application_date=application_date, loan_amount=loan_amount,
                                      created_by=EVAL_CREATOR)
    by_name: dict[str, list[GotDocument]] = {}
    errors: dict[str, str] = {}
    for path in files:
        try:
            stored = pipeline.ingest(ctx, app.id, filename=path.name, data=path.read_bytes())
        except InputError as exc:
            errors[path.name] = exc.code
            by_name[path.name] = []
            continue
        docs: list[Document] = []
        for item in stored:
            docs += pipeline.process_file(ctx, item.id)
            if (state := ctx.db.get_file(item.id)).error_code:
                errors[path.name] = state.error_code
        by_name[path.name] = [_got(d) for d in docs]
    return by_name, pipeline.check_application(ctx, app.id), errors


def _page_total(docs: dict[str, list[GotDocument]]) -> int:
    return sum(len({p for d in file_docs for p in d.pages}) for file_docs in docs.values())


def evaluate_applicant(ctx: Context, folder: Path, report: Report) -> None:
    """Run and score one generated applicant folder."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    files = [folder / name for name in truth["files"]]
    loan = truth.get("loan_amount")
    docs, checklist, _errors = _run_files(
        ctx, profile=truth["profile"], application_date=date.fromisoformat(truth["application_date"]), files=files,
        loan_amount=Decimal(str(loan)) if loan is not None else None,
    )
    report.applicants += 1
    report.page_count += _page_total(docs)
    for name, spec in truth["files"].items():
        score_file(report, spec=spec, docs=docs.get(name, []), where=f"{folder.name}/{name}")
    expected = truth.get("expected", {})
    got = {item.id: item.machine_status.value for item in checklist.items}
    group = applicant_group(truth["files"])
    score_checks(report, expected=expected.get("checks", {}), got=got, where=folder.name, group=group)
    score_status(report, expected=expected.get("status"), got=checklist.status.value, where=folder.name, group=group)
    # The checks each planted defect turns come with the truth (a corpus without them is scored by its checks only).
    score_defects(report, defects=truth.get("defects") or [], effects=truth.get("defect_effects") or {},
                  expected=expected.get("checks", {}), got=got, where=folder.name, group=group)


_WORKER_CONTEXT: dict[str, Context] = {}


def _read_into_cache(job: tuple[Settings, Path]) -> tuple[str, int, float, dict[str, float]]:
    """Read one file into the extraction cache (runs in a pool process).

    Returns how its pages were read (``text_layer``, ``ocr``, ``mixed``; ``cached`` when an earlier run
    read them), how many pages were read now, the seconds the reading took and the seconds by stage.
    """
    settings, path = job
    if "ctx" not in _WORKER_CONTEXT:
        _WORKER_CONTEXT["ctx"] = build_context(settings)
    ctx = _WORKER_CONTEXT["ctx"]
    data = path.read_bytes()
    seconds = 0.0

    def read() -> list[Page]:
        nonlocal seconds
        started = time.perf_counter()
        pages = reading.read_file(data, file_id="cache", filename=path.name, ctx=ctx)
        seconds = time.perf_counter() - started
        return pages

    with collecting() as clock:
        try:
            pages, _docs, read_now = pipeline.cached_or_read(ctx, sha256_hex(data), read)
        except InputError:
            return "cached", 0, 0.0, clock.totals()  # the scoring pass records the error on its file
    if not read_now:
        return "cached", 0, 0.0, clock.totals()  # read by an earlier run (maybe extracted again now)
    sources = {p.source.value for p in pages}
    return (sources.pop() if len(sources) == 1 else "mixed"), len(pages), seconds, clock.totals()


def read_ahead(ctx: Context, files: list[Path], *, jobs: int, report: Report) -> None:
    """Read files first (in ``jobs`` processes), so the scoring pass finds every extraction cached.

    Records in ``report`` the pages read now and the reading seconds by how they were read, and the
    wall time of the reading phase (the throughput figure).
    """
    if not files:
        return
    started = time.perf_counter()
    jobs_in = [(ctx.settings, p) for p in files]
    if jobs <= 1:
        _WORKER_CONTEXT["ctx"] = ctx
        results = [_read_into_cache(job) for job in jobs_in]
    else:
        ctx.db.engine.dispose()  # no connections shared with the children
        with process_pool(jobs) as pool:
            results = list(pool.map(_read_into_cache, jobs_in))
    report.read_wall_seconds = time.perf_counter() - started
    for source, pages, seconds, stages in results:
        _add_stages(report, stages)
        if pages:
            report.read_pages[source] = report.read_pages.get(source, 0) + pages
            report.read_seconds[source] = report.read_seconds.get(source, 0.0) + seconds


def _add_stages(report: Report, stages: dict[str, float]) -> None:
    for name, seconds in stages.items():
        report.stage_seconds[name] = report.stage_seconds.get(name, 0.0) + seconds


def evaluate_corpus(ctx: Context, corpus: Path, *, jobs: int = 1) -> Report:
    """Score every applicant folder (sorted) of a generated corpus; ``jobs`` > 1 reads files in parallel."""
    report = Report()
    started = time.perf_counter()
    ctx.db.forget_page_hashes_of(EVAL_CREATOR)  # a rerun's pages are not "seen in another application"
    folders = sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file())
    read_ahead(ctx, [f / name for f in folders for name in json.loads((f / "truth.json").read_text("utf-8"))["files"]],
               jobs=jobs, report=report)
    with collecting() as clock:  # the scoring pass: the checks (and anything the cache did not hold)
        for folder in folders:
            evaluate_applicant(ctx, folder, report)
    _add_stages(report, clock.totals())
    report.seconds = time.perf_counter() - started
    return report


def _third_party_entry(ctx: Context, root: Path, entry: dict[str, Any], application_date: date,
                       report: Report) -> None:
    path = root / entry["file"]
    if not path.exists():
        report.errors.append(f"{entry['file']}: listed in the truth but absent")
        return
    docs, checklist, errors = _run_files(ctx, profile="salaried", application_date=application_date, files=[path])
    found = docs[path.name]
    report.applicants += 1
    report.page_count += _page_total(docs)
    if "error" in entry:
        report.status.add(path.name in errors)
        if path.name not in errors:
            report.misses.append(f"{entry['file']}: expected an error ({entry['error']}), got none")
        return
    expected_docs = entry.get("documents") or []
    if expected_docs and path.suffix.lower() != ".pdf":  # one image, one page: the types on it
        wanted, seen = {d["type"] for d in expected_docs}, {d.type for d in found} or {"unknown"}
        report.pages.add(wanted == seen)
        if wanted != seen:
            report.misses.append(f"{entry['file']}: page types want {sorted(wanted)} got {sorted(seen)}")
    for index, expected in enumerate(expected_docs):
        where = f"{entry['file']}#{index}"
        _score_stamps(report, expected, found, where=where)
        same = [d for d in found if d.type == expected["type"] and d.side == expected.get("side")]
        report.fields[(expected["type"], "(recognised)", "third_party")].add(bool(same))
        if expected.get("fields"):
            score_fields(report, expected=expected, got=same[0] if same else None, form="third_party", where=where)
    got = {item.id: item.machine_status.value for item in checklist.items}
    score_checks(report, expected=entry.get("checks", {}), got=got, where=entry["file"])


def _score_stamps(report: Report, expected: dict[str, Any], found: list[GotDocument], *, where: str) -> None:
    stamps = sum(d.stamps for d in found)
    tally = report.fields[("stamps", "count", "third_party")]
    if "stamps_min" in expected:
        ok = stamps >= expected["stamps_min"]
        tally.add(ok)
        if not ok:
            report.misses.append(f"{where}: want ≥{expected['stamps_min']} stamps, found {stamps}")
    if "stamps_max" in expected:
        ok = stamps <= expected["stamps_max"]
        tally.add(ok)
        if not ok:
            report.misses.append(f"{where}: want ≤{expected['stamps_max']} stamps, found {stamps}")


def evaluate_third_party(ctx: Context, root: Path, *, jobs: int = 1) -> Report:
    """Score the files a top-level truth.json lists (each file its own application)."""
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    application_date = date.fromisoformat(truth.get("application_date", date.today().isoformat()))
    report = Report()
    started = time.perf_counter()
    ctx.db.forget_page_hashes_of(EVAL_CREATOR)
    listed = [root / e["file"] for e in truth["files"] if (root / e["file"]).exists()]
    read_ahead(ctx, listed, jobs=jobs, report=report)
    with collecting() as clock:
        for entry in truth["files"]:
            _third_party_entry(ctx, root, entry, application_date, report)
    _add_stages(report, clock.totals())
    report.seconds = time.perf_counter() - started
    return report


def is_third_party(root: Path) -> bool:
    """Whether ``root`` uses the single top-level truth layout."""
    path = root / "truth.json"
    return path.is_file() and isinstance(json.loads(path.read_text(encoding="utf-8")).get("files"), list)
