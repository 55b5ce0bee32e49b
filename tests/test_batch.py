"""`docproc import` and `docproc reprocess` on the tiny corpus: progress, change summary, no OCR on re-check."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from docproc.cli.main import main
from docproc.cli.runner import Item, run_inline
from docproc.core.errors import InputError
from docproc.core.policy import default_policy_text
from docproc.core.settings import Settings
from docproc.service import batch, dispatch, pipeline
from docproc.service.changes import ChecklistChange
from docproc.service.context import Context, build_context
from docproc.store.catalog import AppState
from docproc.store.tables import checklists
from tests.conftest import TINY
from tests.pdfs import text_pdf
from tests.test_worker import _start_worker

CLEAN_DIR, EXPIRED_DIR = "import:a01_salaried_clean", "import:a02_expired_id"


def _run(data_dir: Path, *args: str, **env: str | None) -> Result:
    environment: dict[str, str | None] = {"DOCPROC_DATA_DIR": str(data_dir), "DATABASE_URL": None, "REDIS_URL": None,
                                          "DOCPROC_POLICY_FILE": None, **env}
    return CliRunner().invoke(main, list(args), env=environment, catch_exceptions=False)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """samples/tiny imported once (two worker processes); tests work on copies of its data dir."""
    data_dir = tmp_path_factory.mktemp("imported") / "var"
    return data_dir, _run(data_dir, "import", str(TINY), "--workers", "2")


@pytest.fixture
def corpus(imported: tuple[Path, Result], tmp_path: Path) -> Path:
    """A private copy of the imported data dir."""
    copy = tmp_path / "var"
    shutil.copytree(imported[0], copy)
    return copy


def _ctx(data_dir: Path, **updates: Any) -> Context:
    return build_context(Settings(data_dir=data_dir, redis_url=None, database_url=None, **updates))


def _ids(ctx: Context) -> dict[str, str]:
    return {a.external_ref or "": a.id for a in ctx.db.list_applications()}


def _checklist_count(ctx: Context) -> int:
    with ctx.db.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(checklists)).scalar_one())


def test_import_creates_one_application_per_folder_with_progress(imported: tuple[Path, Result]) -> None:
    data_dir, result = imported
    assert result.exit_code == 0, result.output
    assert "storing files" in result.stderr and "reading and checking" in result.stderr
    assert "2/2" in result.stderr and "ETA" in result.stderr and "elapsed" in result.stderr
    assert "/s" in result.stderr or " s each" in result.stderr  # the rate
    assert "2 application(s) imported (0 skipped" in result.stdout
    ctx = _ctx(data_dir)
    apps = {a.external_ref: a for a in ctx.db.list_applications()}
    assert set(apps) == {CLEAN_DIR, EXPIRED_DIR}
    for application in apps.values():  # profile and date come from each folder's truth.json
        assert application.profile == "salaried" and application.application_date == date(2026, 11, 20)
        assert len(ctx.db.files_of(application.id)) == 3 and ctx.db.latest_checklist(application.id) is not None
    expired = ctx.db.latest_checklist(apps[EXPIRED_DIR].id)
    assert expired is not None and {i.id: i.status.value for i in expired.items}["freshness.id_card"] == "fail"


def test_import_again_skips_folders_imported_before(corpus: Path) -> None:
    result = _run(corpus, "import", str(TINY), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["skipped"] == 2
    assert len(_ctx(corpus).db.list_applications()) == 2


def test_an_interrupted_import_is_finished_not_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "bundles" / "a02_expired_id"
    folder.mkdir(parents=True)
    for name in ("id_back.jpg", "truth.json"):
        shutil.copy(TINY / "a02_expired_id" / name, folder)
    ctx = _ctx(tmp_path / "var")
    [found] = batch.discover(tmp_path / "bundles", profile=None, application_date=None)
    application, _, _ = batch.create_from_folder(ctx, found, branch="main")  # stored, then the run died
    result = _run(tmp_path / "var", "import", str(tmp_path / "bundles"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["imported"] == 1 and report["skipped"] == 0 and report["applications"][0]["status"]
    assert [a.id for a in ctx.db.list_applications()] == [application.id]
    assert ctx.db.latest_checklist(application.id) is not None


def test_import_without_truth_json_needs_a_profile(tmp_path: Path) -> None:
    folder = tmp_path / "bundles" / "applicant_1"
    folder.mkdir(parents=True)
    shutil.copy(TINY / "a02_expired_id" / "id_back.jpg", folder)
    refused = _run(tmp_path / "var", "import", str(tmp_path / "bundles"))
    assert refused.exit_code == 2 and "--profile" in refused.stderr
    found = batch.discover(tmp_path / "bundles", profile="freelancer", application_date=date(2026, 1, 5))
    assert [(f.profile, f.application_date, [p.name for p in f.files]) for f in found] == [
        ("freelancer", date(2026, 1, 5), ["id_back.jpg"])]


def test_recheck_reads_no_file_and_calls_no_ocr(corpus: Path) -> None:
    before = _checklist_count(_ctx(corpus))
    shutil.rmtree(corpus / "blobs")  # nothing left to read: any file access would fail
    result = _run(corpus, "reprocess", "--all", "--json", DOCPROC_OCR_ENGINE="tests.fakes:CrashingEngine")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["total"] == 2 and summary["failed"] == 0 and summary["changed"] == 0
    assert "re-checking" in result.stderr and "2/2" in result.stderr
    assert _checklist_count(_ctx(corpus)) == before + 2


def _stricter_policy(tmp_path: Path) -> Path:
    text = default_policy_text().replace("income_proof_days = 30", "income_proof_days = 15")
    path = tmp_path / "policy.toml"
    path.write_text(text.replace('version = "', 'version = "stricter-'), encoding="utf-8")
    return path


def test_reprocess_after_a_rule_change_summarises_the_flips(corpus: Path, tmp_path: Path) -> None:
    ctx = _ctx(corpus)
    ids, before = _ids(ctx), _checklist_count(ctx)
    policy = str(_stricter_policy(tmp_path))
    dry = _run(corpus, "reprocess", "--all", "--dry-run", "--json", DOCPROC_POLICY_FILE=policy)
    assert dry.exit_code == 0 and json.loads(dry.stdout)["summary"]["changed"] == 2  # the policy version moved
    assert _checklist_count(ctx) == before  # a dry run stores nothing
    result = _run(corpus, "reprocess", "--all", DOCPROC_POLICY_FILE=policy)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "2 application(s) re-checked" in text and "0 failed" in text
    flip = next(line for line in text.splitlines() if "freshness.income_proof" in line)
    assert "pass → fail" in flip and "×1" in flip and CLEAN_DIR in flip and EXPIRED_DIR not in flip
    assert _checklist_count(ctx) == before + 2
    assert {i.id: i.status.value for i in ctx.db.latest_checklist(ids[CLEAN_DIR]).items}[  # type: ignore[union-attr]
        "freshness.income_proof"] == "fail"
    back = json.loads(_run(corpus, "reprocess", "--application", ids[CLEAN_DIR], "--json").stdout)["summary"]
    assert back["flips"] == [{"check_id": "freshness.income_proof", "before": "fail", "after": "pass", "count": 1,
                              "applications": [f"{ids[CLEAN_DIR]} ({CLEAN_DIR})"]}]


def test_selection_by_status_date_and_id(corpus: Path) -> None:
    ctx = _ctx(corpus)
    ids = _ids(ctx)
    assert len(batch.select_applications(ctx, status=AppState.NEEDS_SUPPLEMENT)) == 2
    assert batch.select_applications(ctx, status=AppState.READY) == []
    assert batch.select_applications(ctx, since=date(2999, 1, 1)) == []
    assert [a.id for a in batch.select_applications(ctx, ids=[ids[EXPIRED_DIR]])] == [ids[EXPIRED_DIR]]
    with pytest.raises(InputError):
        batch.select_applications(ctx)
    missing = _run(corpus, "reprocess", "--application", "app_nope")
    assert missing.exit_code == 4 and "app_nope" in missing.stderr
    nothing = _run(corpus, "reprocess")
    assert nothing.exit_code == 2 and "--all" in nothing.stderr


def test_recheck_in_a_process_pool(corpus: Path) -> None:
    result = _run(corpus, "reprocess", "--all", "--workers", "2", "--json",
                  DOCPROC_OCR_ENGINE="tests.fakes:CrashingEngine")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "2 processes" and report["summary"]["total"] == 2 and report["summary"]["failed"] == 0


@pytest.mark.slow
def test_re_extract_inline_uses_a_process_pool(corpus: Path) -> None:
    ctx = _ctx(corpus)
    app_id = _ids(ctx)[EXPIRED_DIR]
    old_docs = {d.id for d in ctx.db.documents_of(app_id)}
    result = _run(corpus, "reprocess", "--application", app_id, "--re-extract", "--workers", "2", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "2 processes" and report["summary"]["failed"] == 0
    new_docs = ctx.db.documents_of(app_id)
    assert len(new_docs) == len(old_docs) and old_docs.isdisjoint(d.id for d in new_docs)


@pytest.fixture
def queue_env(corpus: Path, redis_url: str) -> Iterator[dict[str, str]]:
    """REDIS_URL and a private queue for the corpus, with two workers listening."""
    settings = Settings(data_dir=corpus, redis_url=redis_url, database_url=None,
                        queue_name=f"docproc-batch-{uuid.uuid4().hex[:8]}")
    workers = [_start_worker(settings) for _ in range(2)]
    yield {"REDIS_URL": redis_url, "DOCPROC_QUEUE_NAME": settings.queue_name}
    for proc in workers:
        proc.terminate()
    for proc in workers:
        proc.wait(timeout=30)


def test_re_extract_goes_through_the_queue_to_the_workers(corpus: Path, queue_env: dict[str, str]) -> None:
    ctx = _ctx(corpus)
    app_id = _ids(ctx)[CLEAN_DIR]
    old_docs = {d.id for d in ctx.db.documents_of(app_id)}
    result = _run(corpus, "reprocess", "--application", app_id, "--re-extract", "--timeout", "180", "--json",
                  **queue_env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "queue" and report["summary"]["total"] == 1 and report["summary"]["failed"] == 0
    assert "re-extracting (queue)" in result.stderr and "1/1" in result.stderr
    latest = ctx.db.latest_checklist(app_id)
    assert latest is not None and old_docs.isdisjoint(d.id for d in latest.documents)
    assert {d.id for d in latest.documents} == {d.id for d in ctx.db.documents_of(app_id)}


def _die_once(item: Item, marker: str) -> ChecklistChange:
    """A pool job whose first run kills its process, as an OOM kill would."""
    if not Path(marker).exists():
        Path(marker).write_text("died", encoding="utf-8")
        os._exit(9)
    return ChecklistChange(application_id=item.application_id, label=item.label, status_before=None,
                           status_after="ready", changed=True)


def test_the_pool_survives_a_worker_process_that_dies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCPROC_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    done: list[int] = []
    jobs = [(_die_once, (Item(f"app_{i}", f"a{i}"), str(tmp_path / "died"))) for i in range(3)]
    out = run_inline(_ctx(tmp_path / "var"), jobs, workers=2, advance=done.append)
    assert [c.application_id for c in out] == ["app_0", "app_1", "app_2"]
    assert all(c.error is None for c in out) and sum(done) == 3


def test_dispatch_reuses_the_cached_read_unless_forced(ctx: Context, reads: list[str]) -> None:
    """The one dispatch of the API and the officers' page: ``force`` reads the bytes again, else the cache serves."""
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20))
    files = pipeline.ingest(ctx, application.id, filename="contract.pdf", data=text_pdf([["Contract", "page 1 of 1"]]))
    assert dispatch.dispatch(ctx, None, application.id, files) is False  # no queue: read and checked here
    assert dispatch.dispatch(ctx, None, application.id, files) is False
    assert len(reads) == 1 and ctx.db.latest_checklist(application.id) is not None
    dispatch.dispatch(ctx, None, application.id, files, force=True)
    assert len(reads) == 2
