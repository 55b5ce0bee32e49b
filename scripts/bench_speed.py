"""Speed of a scanned bundle against the OCR engine alone (issue 20's acceptance 1 and 3).

    REDIS_URL=redis://127.0.0.1:6379/0 python scripts/bench_speed.py [--pdf BUNDLE.pdf] [--workers 1 2] [--json OUT]

The bundle is by default the committed 16-page self-employed scan (samples/corpus/c03_self_employed: a
business licence, an ID card, a tax record, a 6-page statement and a 7-page contract in one PDF).

1. Raw engine: the pages rendered at 200 dpi (pdftoppm, else PDFium), then ``tesseract -l chi_sim+eng``
   on each, one after another, one thread (OMP_THREAD_LIMIT=1); only the tesseract runs are timed.
2. docproc cold, for each worker count: a fresh data directory and queue, the bundle uploaded as one
   application and queued, that many fresh ``docproc worker`` processes, stopped once the checklist is stored (thread caps: cores ÷
   workers), timed from the queueing to the stored checklist. CPU seconds are those of every process the
   run started (workers, their job processes, tesseract), from the kernel's accounting of waited-for
   children; peak memory per worker is the largest ru_maxrss a job process reported
   (docproc_worker_peak_rss_bytes) and, as a cross-check, the largest single process the kernel saw.

Prints a row per run and the ratios: wall of docproc (most workers) ÷ wall of raw tesseract (acceptance 1:
≤ 0.6), CPU per scanned page of docproc ÷ raw tesseract's (≤ 1.2), peak memory per worker (acceptance 3:
≤ 600 MB). The figures depend on the machine and on whatever else runs on it: say so when quoting them.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docproc.core.models import PageSource  # noqa: E402
from docproc.core.settings import Settings  # noqa: E402
from docproc.service import jobs, metrics, pipeline  # noqa: E402
from docproc.service.context import build_context  # noqa: E402

BUNDLE = ROOT / "samples" / "corpus" / "c03_self_employed" / "SCAN_20261115_013.pdf"


def children_usage() -> tuple[float, float]:
    """CPU seconds (user + system) and the largest resident memory (MB) of the waited-for descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def render_pages(pdf: Path, out: Path, dpi: int = 200) -> list[Path]:
    """The PDF's pages as PNG files at ``dpi`` (pdftoppm when installed, else PDFium)."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "page")], check=True)
    else:
        import pypdfium2

        document = pypdfium2.PdfDocument(str(pdf))
        for index in range(len(document)):
            document[index].render(scale=dpi / 72).to_pil().save(out / f"page-{index + 1:03d}.png")
        document.close()
    return sorted(out.glob("page-*.png"))


def first_pages(pdf: Path, count: int, out: Path) -> Path:
    """A copy of ``pdf`` with only its first ``count`` pages (same name, so the upload looks the same)."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        del document.pages[count:]
        document.save(out / pdf.name)
    return out / pdf.name


def raw_tesseract(pdf: Path) -> dict[str, Any]:
    """Single-thread tesseract over the pages, one after another (rendering not timed)."""
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        pages = render_pages(pdf, Path(tmp))
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        cpu0, _ = children_usage()
        started = time.perf_counter()
        for page in pages:
            subprocess.run(["tesseract", str(page), "-", "-l", "chi_sim+eng"], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        cpu1, _ = children_usage()
    return {"run": "raw tesseract, 1 thread", "pages": len(pages), "scanned_pages": len(pages),
            "wall_s": wall, "cpu_s": cpu1 - cpu0, "peak_mb_per_worker": None}


def docproc_run(pdf: Path, workers: int, redis_url: str, profile: str) -> dict[str, Any]:
    """The bundle checked cold through the queue by ``workers`` fresh worker processes."""
    with tempfile.TemporaryDirectory(prefix="bench-docproc-") as tmp:
        settings = Settings(data_dir=Path(tmp), redis_url=redis_url, database_url=None,
                            queue_name=f"bench-{uuid.uuid4().hex[:8]}")
        ctx = build_context(settings)
        app = pipeline.create_application(ctx, profile=profile, application_date=date(2026, 11, 20))
        conn = jobs.connect(redis_url)
        queue = jobs.make_queue(conn, settings)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "REDIS_URL": redis_url, "DOCPROC_DATA_DIR": tmp,
               "DOCPROC_QUEUE_NAME": settings.queue_name, "DOCPROC_WORKER_PROCESSES": str(workers)}
        env.pop("DATABASE_URL", None)
        [stored] = pipeline.ingest(ctx, app.id, filename=pdf.name, data=pdf.read_bytes())
        cpu0, _ = children_usage()
        started = time.perf_counter()
        jobs.enqueue_file(queue, ctx, stored.id)
        # Not --burst: a burst worker that starts while the only job is the file's first (taken by another)
        # finds the queue empty and leaves before the file is split into page jobs.
        procs = [subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "worker"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        while ctx.db.latest_checklist(app.id) is None:
            if all(p.poll() is not None for p in procs):
                raise SystemExit("the workers stopped before the checklist was stored")
            time.sleep(0.2)
        wall = time.perf_counter() - started
        for proc in procs:
            proc.terminate()  # rq's warm shutdown: the workers are idle once the checklist is stored
        for proc in procs:
            proc.wait(timeout=600)
        cpu1, kernel_peak = children_usage()
        pages = ctx.db.pages_of(stored.id)
        recorded = metrics.read_recorded(conn, settings.queue_name)
        conn.delete(metrics.metrics_key(settings.queue_name))
        checklist = ctx.db.latest_checklist(app.id)
    peak = recorded.get("worker_peak_rss_bytes|{}")
    return {"run": f"docproc, {workers} worker(s), cold", "pages": len(pages),
            "scanned_pages": sum(p.source == PageSource.OCR for p in pages), "wall_s": wall, "cpu_s": cpu1 - cpu0,
            "peak_mb_per_worker": None if peak is None else peak / 2**20, "largest_process_mb": kernel_peak,
            "status": checklist.status.value if checklist else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", type=Path, default=BUNDLE, help="a scanned multi-page bundle")
    parser.add_argument("--profile", default="self_employed")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pages", type=int, help="only the bundle's first N pages (a quicker run)")
    parser.add_argument("--fanout-pages", type=int, help="DOCPROC_FANOUT_PAGES for the workers (0: one job per file)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    # the workers open what this process stores: one data key for both (a throw-away one unless given)
    os.environ.setdefault("DOCPROC_DATA_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    if args.fanout_pages is not None:
        os.environ["DOCPROC_FANOUT_PAGES"] = str(args.fanout_pages)

    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f} at start; bundle {args.pdf}" + (f", first {args.pages} pages" if args.pages else ""),
          flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        pdf = first_pages(args.pdf, args.pages, Path(tmp)) if args.pages else args.pdf
        rows = [raw_tesseract(pdf)]
        print(f"raw tesseract: {rows[0]['wall_s']:.1f} s", flush=True)
        for n in args.workers:
            rows.append(docproc_run(pdf, n, redis_url, args.profile))
            print(f"docproc, {n} worker(s): {rows[-1]['wall_s']:.1f} s", flush=True)
    print(f"{'run':<30}{'pages':>6}{'scanned':>8}{'wall s':>9}{'CPU s':>9}{'CPU s/scanned page':>20}{'peak MB/worker':>16}")
    for row in rows:
        per_page = row["cpu_s"] / max(1, row["scanned_pages"])
        peak = "" if row["peak_mb_per_worker"] is None else f"{row['peak_mb_per_worker']:.0f}"
        print(f"{row['run']:<30}{row['pages']:>6}{row['scanned_pages']:>8}{row['wall_s']:>9.1f}{row['cpu_s']:>9.1f}"
              f"{per_page:>20.2f}{peak:>16}")
    raw, best = rows[0], rows[-1]
    wall_ratio = best["wall_s"] / raw["wall_s"]
    cpu_ratio = (best["cpu_s"] / max(1, best["scanned_pages"])) / (raw["cpu_s"] / max(1, raw["scanned_pages"]))
    peaks = [r["peak_mb_per_worker"] for r in rows[1:] if r["peak_mb_per_worker"] is not None]
    print(f"acceptance 1: wall ratio {wall_ratio:.2f} (docproc, {args.workers[-1]} workers ÷ raw tesseract; wanted ≤ 0.6), "
          f"CPU per scanned page ratio {cpu_ratio:.2f} (wanted ≤ 1.2)")
    print(f"acceptance 3: peak memory per worker {max(peaks):.0f} MB (wanted ≤ 600; largest single process the "
          f"kernel saw {max(r.get('largest_process_mb', 0.0) for r in rows):.0f} MB)" if peaks else
          "acceptance 3: no peak memory recorded (the workers' metrics did not reach Redis)")
    print(f"load {os.getloadavg()[0]:.1f} at the end")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "wall_ratio": wall_ratio, "cpu_per_page_ratio": cpu_ratio},
                                        indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
