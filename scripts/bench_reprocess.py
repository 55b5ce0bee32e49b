"""Benchmark: re-checking N applications without --re-extract versus processing them the first time.

    python scripts/bench_reprocess.py [--applications 200] [--workers 2] [--keep DIR]

Builds N applicant folders from samples/tiny (each file's bytes made unique with a trailer after the
image data, which decoders ignore, so the extraction cache cannot help the first run and every file is
really read and OCR'd), then times, as an operator would run them:

1. ``docproc import CORPUS --workers W``  — first processing: store, read/OCR, classify, extract, check;
2. ``docproc reprocess --all``            — re-check from the stored extractions (no file opened, no OCR);
3. ``docproc reprocess --all --workers W``.

Prints wall-clock seconds of each command (Python start-up included) and the time the command itself
reported, per application, and the ratio first processing / re-check. No Redis is used (inline work).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "samples" / "tiny"


def build_corpus(target: Path, count: int) -> int:
    """N applicant folders cycling over samples/tiny, every file unique; returns the number of files."""
    sources = sorted(p for p in TINY.iterdir() if p.is_dir())
    files = 0
    for i in range(count):
        source = sources[i % len(sources)]
        folder = target / f"{source.name}_{i:04d}"
        folder.mkdir(parents=True)
        for path in sorted(source.iterdir()):
            if path.name == "truth.json":
                shutil.copy(path, folder / path.name)
                continue
            (folder / path.name).write_bytes(path.read_bytes() + f"\n%bench-{i:04d}\n".encode())
            files += 1
    return files


def run(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Run a docproc command; returns wall seconds and its JSON output."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "docproc.cli.main", *args, "--json"], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    try:
        return wall, json.loads(done.stdout)
    except ValueError:
        tail = "\n".join(done.stderr.splitlines()[-15:])
        raise SystemExit(f"docproc {' '.join(args)} failed (exit {done.returncode}):\n{tail}") from None


def main() -> None:
    """Build the corpus, run the three commands, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it (default: a temporary one).")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="docproc-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, data_dir = work / "corpus", work / "var"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(data_dir, ignore_errors=True)
    n_files = build_corpus(corpus, options.applications)
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1")
    n = options.applications
    print(f"corpus: {n} applications, {n_files} files (samples/tiny, bytes made unique); "
          f"{os.cpu_count()} CPUs; workers {options.workers}", flush=True)

    first_wall, first = run(["import", str(corpus), "--workers", str(options.workers)], env)
    print(f"first processing  (import --workers {options.workers}):   {first_wall:8.1f} s wall, "
          f"{first['elapsed_s']:8.1f} s in command, {first['elapsed_s'] / n * 1000:8.1f} ms/application "
          f"→ {first['statuses']}", flush=True)
    recheck_wall, recheck = run(["reprocess", "--all"], env)
    print(f"re-check          (reprocess --all):          {recheck_wall:8.1f} s wall, "
          f"{recheck['elapsed_s']:8.2f} s in command, {recheck['elapsed_s'] / n * 1000:8.1f} ms/application "
          f"→ {recheck['summary']['changed']} changed, {recheck['summary']['failed']} failed", flush=True)
    pool_wall, pool = run(["reprocess", "--all", "--workers", str(options.workers)], env)
    print(f"re-check          (reprocess --all --workers {options.workers}): {pool_wall:8.1f} s wall, "
          f"{pool['elapsed_s']:8.2f} s in command, {pool['elapsed_s'] / n * 1000:8.1f} ms/application", flush=True)
    print(f"ratio first processing / re-check: {first['elapsed_s'] / recheck['elapsed_s']:.0f}× in command, "
          f"{first_wall / recheck_wall:.0f}× wall")
    if not options.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
