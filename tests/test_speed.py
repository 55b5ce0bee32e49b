"""What the speed work measures: seconds per stage in `docproc eval`, thread caps and peak memory in workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from docproc.cli.main import main
from tests.conftest import ROOT

CORPUS = ROOT / "samples" / "corpus"


def test_stages_count_their_own_seconds_and_cost_nothing_unobserved() -> None:
    from docproc.core import timing

    with timing.stage("ocr"):  # no clock open: nothing is kept anywhere
        pass
    with timing.collecting() as clock:
        with timing.on_page(2), timing.stage("seal_search"):
            with timing.stage("legend_read"):
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
    assert per_page["ocr"] > per_page["pdf_text"]
    # each stage counts its own seconds: together no more than the reading and checking took
    assert sum(figures["stage_seconds"].values()) <= figures["seconds"] + 0.1
