"""What the speed work measures: seconds per stage in `docproc eval`, thread caps and peak memory in workers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from docproc.cli.main import main
from tests.conftest import ROOT

CORPUS = ROOT / "samples" / "corpus"


def test_stages_count_their_own_seconds_and_cost_nothing_unobserved() -> None:
    from docproc.core import timing

    with timing.stage("ocr"):  # no clock open: nothing is kept anywhere
        pass
    with timing.collecting() as clock:
        with timing.on_page(2), timing.stage("seal_search"), timing.stage("legend_read"):
            sum(range(200_000))
        with timing.stage("checks"):
            pass
    assert clock.pages_read == 1
    assert set(clock.pages) == {0, 2} and set(clock.pages[2]) == {"seal_search", "legend_read"}
    totals = clock.totals()
    assert totals["legend_read"] > 0 and totals["seal_search"] >= 0
    assert list(timing.per_page(totals, 2)) == ["seal_search", "legend_read", "checks"]


def test_eval_prints_and_writes_seconds_per_page_by_stage(tmp_path: Path) -> None:
    source = CORPUS / "c01_salaried"
    truth = json.loads((source / "truth.json").read_text("utf-8"))
    keep = ["file0032.pdf", "scan0031.jpg"]  # born-digital pages and a scanned page
    folder = tmp_path / "corpus" / source.name
    folder.mkdir(parents=True)
    for name in keep:
        shutil.copy(source / name, folder / name)
    truth["files"] = {name: truth["files"][name] for name in keep}
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), "utf-8")

    out = tmp_path / "eval.json"
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "corpus"), "--json", str(out),
                                       "--data-dir", str(tmp_path / "var")])
    assert result.exit_code == 0, result.output
    assert "seconds per page by stage (8 page(s)):" in result.output  # a 7-page contract and a scan
    figures = json.loads(out.read_text("utf-8"))
    per_page = figures["stage_seconds_per_page"]
    for name in ("render", "pdf_text", "seal_search", "forensics", "ocr", "extraction", "checks"):
        assert per_page[name] > 0, name
    # each stage counts its own seconds: together no more than the reading and checking took
    assert sum(figures["stage_seconds"].values()) <= figures["seconds"] + 0.1


def thread_probe() -> dict[str, Any]:
    """A job run by a real worker: the thread caps as the libraries in its work horse report them."""
    import cv2

    from docproc.service import jobs

    engine = jobs._context().ocr._engine()  # type: ignore[attr-defined]  # RapidOcrEngine, loaded here
    sessions = (engine.text_det.infer, engine.text_cls.infer, engine.text_rec.session)
    options = [s.session.get_session_options() for s in sessions]
    return {"opencv": cv2.getNumThreads(), "omp_thread_limit": os.environ.get("OMP_THREAD_LIMIT"),
            "onnxruntime": [[o.intra_op_num_threads, o.inter_op_num_threads] for o in options]}


def test_a_worker_caps_every_library_and_exports_its_peak_memory(tmp_path: Path, redis_url: str) -> None:
    from rq.job import Job

    from docproc.core.settings import Settings
    from docproc.service import jobs, metrics

    settings = Settings(data_dir=tmp_path / "var", redis_url=redis_url, database_url=None,
                        queue_name=f"docproc-test-{uuid.uuid4().hex[:8]}")
    queue = jobs.make_queue(jobs.connect(redis_url), settings)
    job = queue.enqueue(thread_probe)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REDIS_URL": redis_url, "DOCPROC_DATA_DIR": str(settings.data_dir),
           "DOCPROC_QUEUE_NAME": settings.queue_name, "DOCPROC_OCR_THREADS": "1", "OMP_THREAD_LIMIT": "8"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "docproc.cli.main", "worker", "--burst"], env=env, check=True,
                   timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = Job.fetch(job.id, connection=queue.connection)
    assert done.get_status() == "finished", done.latest_result()
    assert done.return_value() == {"opencv": 1, "omp_thread_limit": "1", "onnxruntime": [[1, 1]] * 3}

    recorded = metrics.read_recorded(queue.connection, settings.queue_name)
    peak = recorded["worker_peak_rss_bytes|{}"]
    assert 100e6 < peak < 4e9  # the work horse with the OCR models loaded
    [family] = [f for f in metrics.families(recorded, {}) if f.name == "docproc_worker_peak_rss_bytes"]
    assert family.samples[0].value == peak
