"""The first minute: `docproc demo` makes the demo account and reads the two sample applicants (one complete and
ready, one with planted problems); a development server's sign-in page names the account."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docproc.cli.main import main
from docproc.core.models import ChecklistStatus
from docproc.core.settings import Settings
from docproc.service import demo
from docproc.service.context import build_context
from docproc.store.accounts import Accounts
from tests import undo_seed as seed
from tests.conftest import ROOT
from web import create_app

CORPUS = ROOT / "samples" / "corpus"


def _sample(folder: Path, name: str, docs_by_file: dict[str, list], settings: Settings) -> None:  # type: ignore[type-arg]
    """A sample applicant folder whose files read (from the cache) as ``docs_by_file``."""
    (folder / name).mkdir(parents=True)
    (folder / name / "truth.json").write_text(json.dumps({"profile": "salaried", "application_date": "2026-11-20",
                                                          "loan_amount": "900000.00"}), encoding="utf-8")
    ctx = build_context(settings)
    for n, (filename, docs) in enumerate(docs_by_file.items()):
        data = seed.image(40 + n + 10 * int(name[1:3]))  # bytes of their own per sample file
        (folder / name / filename).write_bytes(data)
        seed.cache(ctx, data, docs)


def test_demo_makes_the_account_and_both_applicants_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(data_dir=tmp_path / "var", redis_url=None, database_url=None)
    monkeypatch.setenv("DOCPROC_DATA_DIR", str(settings.data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    corpus = tmp_path / "corpus"
    _sample(corpus, "c01_salaried", {"front.png": [seed.front()], "back.png": [seed.back()]}, settings)
    _sample(corpus, "c02_salaried", {"front.png": [seed.front(number="110101199003074515")]}, settings)
    result = CliRunner().invoke(main, ["demo", "--samples", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "c01_salaried: needs_supplement" in result.output and "c02_salaried: flagged" in result.output
    assert f"{demo.DEMO_USER} / {demo.DEMO_PASSWORD}" in result.output
    ctx = build_context(settings)
    user = Accounts(ctx.db).authenticate(demo.DEMO_USER, demo.DEMO_PASSWORD)
    assert user is not None and user.branch == demo.DEMO_BRANCH
    again = CliRunner().invoke(main, ["demo", "--samples", str(corpus)])
    assert again.exit_code == 0 and len(ctx.db.list_applications()) == 2  # run twice: nothing doubled
    missing = CliRunner().invoke(main, ["demo", "--samples", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "nowhere is not a folder" in missing.output  # one line, exit 2


@pytest.mark.parametrize(("env", "shown"), [("development", True), ("production", False)])
def test_the_sign_in_page_names_the_demo_account_on_a_development_server(tmp_path: Path, env: str, shown: bool) -> None:
    ctx = build_context(Settings(data_dir=tmp_path / "var", redis_url=None, database_url=None, env=env))
    app = create_app(ctx=ctx)
    client = app.test_client()
    assert demo.DEMO_PASSWORD not in client.get("/login").get_data(as_text=True)  # no account yet: nothing to tell
    demo.ensure_demo_account(ctx)
    page = client.get("/login").get_data(as_text=True)
    assert (demo.DEMO_PASSWORD in page and 'id="demo-hint"' in page) is shown


@pytest.mark.slow
@pytest.mark.timeout(1800)  # two applicants read with real OCR
def test_the_demo_applicants_come_out_ready_and_flagged(tmp_path: Path) -> None:
    """Real reading (OCR) of the two committed sample applicants the demo loads."""
    ctx = build_context(Settings(data_dir=tmp_path / "var", redis_url=None, database_url=None))
    work = tmp_path / "corpus"
    for name in demo.DEMO_APPLICANTS:
        shutil.copytree(CORPUS / name, work / name)
    [(_, clean), (_, flawed)] = demo.load_demo(ctx, work)
    assert clean.status == ChecklistStatus.READY, [(i.id, i.status, i.reasons) for i in clean.items
                                                   if i.status not in ("pass", "not_applicable")]
    assert flawed.status == ChecklistStatus.FLAGGED
