"""Where one file's reading time goes: every stage, page by page, read cold in a fresh data directory.

    python scripts/profile_page.py FILE [--profile self_employed] [--date 2026-11-20] [--json OUT]

Runs what ``docproc check`` runs on one file (read, classify, extract, check) in this process, with the
OCR engine loaded cold, and prints a table of wall seconds by stage and page (each stage its own seconds:
a seal search that reads its legend counts the legend under legend_read), then the process's CPU seconds
(its own and those of the tesseract processes it started) and its peak resident memory (ru_maxrss).
Settings come from the environment as for ``docproc check`` (DOCPROC_OCR_ENGINE, DOCPROC_OCR_THREADS, ...).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docproc.core.settings import Settings  # noqa: E402
from docproc.core.timing import STAGES, collecting  # noqa: E402
from docproc.service import pipeline  # noqa: E402
from docproc.service.context import build_context  # noqa: E402


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--profile", default="self_employed")
    parser.add_argument("--date", default="2026-11-20", help="application date")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)

    started, (cpu0, kids0) = time.perf_counter(), cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="docproc-profile-") as tmp:
        settings = Settings().model_copy(update={"data_dir": Path(tmp), "database_url": None, "redis_url": None})
        with collecting() as clock:
            ctx = build_context(settings)
            app = pipeline.create_application(ctx, profile=args.profile, application_date=date.fromisoformat(args.date))
            for stored in pipeline.ingest(ctx, app.id, filename=args.file.name, data=args.file.read_bytes()):
                pipeline.process_file(ctx, stored.id)
            checklist = pipeline.check_application(ctx, app.id)
    wall = time.perf_counter() - started
    cpu1, kids1 = cpu_seconds()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    totals = clock.totals()
    names = [s for s in STAGES if s in totals] + sorted(s for s in totals if s not in STAGES)
    pages = sorted(n for n in clock.pages if n)
    head = f"{'stage':<13}" + "".join(f"{'p' + str(n):>8}" for n in pages) + f"{'file':>8}{'total':>9}{'per page':>10}"
    print(f"{args.file.name}: {clock.pages_read} page(s) read, checklist {checklist.status.value}")
    print(head)
    for name in names:
        cells = "".join(f"{clock.pages[n].get(name, 0.0):8.2f}" for n in pages)
        per_page = totals[name] / max(1, clock.pages_read)
        print(f"{name:<13}{cells}{clock.pages.get(0, {}).get(name, 0.0):8.2f}{totals[name]:9.2f}{per_page:10.3f}")
    staged = sum(totals.values())
    print(f"{'all stages':<13}{'':>{8 * len(pages)}}{'':>8}{staged:9.2f}{staged / max(1, clock.pages_read):10.3f}")
    print(f"wall {wall:.2f} s (outside the stages: {wall - staged:.2f} s: imports, database, classification)")
    print(f"CPU {cpu1 - cpu0:.2f} s in this process + {kids1 - kids0:.2f} s in tesseract processes = "
          f"{(cpu1 - cpu0 + kids1 - kids0) / max(1, clock.pages_read):.2f} CPU-s per page")
    print(f"peak RSS {peak_mb:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({
            "file": str(args.file), "pages": clock.pages_read, "wall_seconds": round(wall, 3),
            "cpu_seconds": round(cpu1 - cpu0, 3), "child_cpu_seconds": round(kids1 - kids0, 3),
            "peak_rss_mb": round(peak_mb, 1), "stage_seconds": {k: round(v, 4) for k, v in totals.items()},
            "pages_by_stage": {str(n): {k: round(v, 4) for k, v in row.items()} for n, row in clock.pages.items()},
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
