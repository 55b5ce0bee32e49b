"""Undo on the officers' page in real headless Debian Chromium: the exclude button, the facts form with its
history, and an exact re-upload recognised as a duplicate. The app serves from a thread of this process on a
SQLite data dir; page state is seeded through the store (reads from the extraction cache: nothing is OCR'd)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from docproc.core.errors import InputError
from docproc.core.settings import Settings
from docproc.service import pipeline
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts
from tests import undo_seed as seed
from tests.conftest import ROOT

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "test-output" / "screenshots"
PASSWORD = "correct-horse-1"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Debian chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Context]]:
    """The app on 127.0.0.1 (files read in the request: no queue) and one officer of branch north."""
    from web import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("undo") / "var", redis_url=None, database_url=None,
                        secure_cookie=False)
    ctx = build_context(settings)
    Accounts(ctx.db).create("olivia", PASSWORD, role="officer", branch="north")
    app = create_app(ctx=ctx)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", ctx
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser, served):  # type: ignore[no-untyped-def]
    """A signed-in officer's page at 1366×768, in Chinese (signed in once for the module)."""
    base, _ = served
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto(f"{base}/login")
    tab.fill("input[name=username]", "olivia")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/applications$"))
    yield tab
    context.close()


def _row(page, filename: str):  # type: ignore[no-untyped-def]
    return page.locator("#files li.file", has=page.locator(".file-name", has_text=filename))


def _status(page, check_id: str) -> str:  # type: ignore[no-untyped-def]
    return str(page.get_attribute(f"article[id='{check_id}']", "class"))


def test_the_exclude_button_takes_a_stray_file_out_of_the_letter_and_restore_brings_a_file_back(page, served) -> None:  # type: ignore[no-untyped-def]
    base, ctx = served
    app_id = seed.application(ctx, branch="north")
    with pytest.raises(InputError):
        pipeline.ingest(ctx, app_id, filename="notes.txt", data=b"call the customer on monday")
    pipeline.check_application(ctx, app_id)
    page.goto(f"{base}/applications/{app_id}")
    assert "notes.txt" in page.inner_text(".supplement-preview")

    _row(page, "notes.txt").locator("form.file-exclude button").click()
    page.wait_for_load_state()
    row = _row(page, "notes.txt")
    assert row.get_attribute("data-state") == "excluded" and row.locator("form.file-restore").count() == 1
    assert "notes.txt" in page.inner_text("#files")  # kept and listed
    assert page.locator(".supplement-preview").count() == 0 or "notes.txt" not in page.inner_text(".supplement-preview")
    assert "notes.txt" not in page.locator("#checklist").inner_text()
    page.goto(f"{base}/applications/{app_id}/supplement")
    assert "notes.txt" not in page.content()

    page.goto(f"{base}/applications/{app_id}")
    _row(page, "id_back.png").locator("form.file-exclude button").click()
    page.wait_for_load_state()
    assert "it-missing" in _status(page, "completeness.id_card.both_sides")
    page.screenshot(path=str(SHOTS / "undo-excluded.png"), full_page=True)
    _row(page, "id_back.png").locator("form.file-restore button").click()
    page.wait_for_load_state()
    assert "it-pass" in _status(page, "completeness.id_card.both_sides")
    assert _row(page, "id_back.png").get_attribute("data-state") == "done"


def test_the_facts_form_corrects_the_typed_name_with_history_and_a_new_checklist(page, served) -> None:  # type: ignore[no-untyped-def]
    base, ctx = served
    app_id = seed.application(ctx, typed_name="陈测试", branch="north")
    page.goto(f"{base}/applications/{app_id}")
    assert page.inner_text("#applicant-name") == seed.CARD_NAME  # the ID card's name, the typed one beside it
    assert "陈测试" in page.inner_text("#typed-name")
    assert "it-fail" in _status(page, "anomaly.applicant_name")
    page.goto(f"{base}/applications?q={seed.CARD_NAME}")
    assert app_id in page.inner_text("#applications")

    page.goto(f"{base}/applications/{app_id}")
    page.click("#facts summary")
    page.fill("#facts-form input[name=applicant_name]", seed.CARD_NAME)
    page.fill("#facts-form input[name=loan_amount]", "1,200,000")
    page.fill("#facts-form input[name=comment]", "录入错误")
    page.click("#save-facts")
    page.wait_for_load_state()
    assert "申请信息已修改" in page.inner_text(".flash")
    assert "it-pass" in _status(page, "anomaly.applicant_name")
    assert page.locator("#typed-name").count() == 0
    page.locator("#facts").evaluate("d => { d.open = true; }")  # the save may come back with the facts unfolded
    history = page.locator("#facts-history tbody tr")
    assert history.count() == 2
    assert [
        history.nth(0).locator("td").nth(i).inner_text() for i in (3, 4, 1, 5)] == ["陈测试", seed.CARD_NAME, "olivia", "录入错误"]
    assert "1200000" in history.nth(1).inner_text()
    page.screenshot(path=str(SHOTS / "undo-facts.png"), full_page=True)

    page.fill("#facts-form input[name=applicant_id_number]", "12345")  # refused with a reason, nothing changed
    page.click("#save-facts")
    page.wait_for_load_state()
    assert "18 位身份证号" in page.inner_text(".flash-error")
    assert ctx.db.get_application(app_id).applicant_id_number is None


def test_the_same_photo_dropped_again_is_shown_as_a_duplicate_and_not_counted(page, served, tmp_path) -> None:  # type: ignore[no-untyped-def]
    base, ctx = served
    app_id = seed.application(ctx, branch="north")
    again = tmp_path / "IMG_0001.png"
    again.write_bytes(seed.image(1))  # the bytes of id_front.png
    page.goto(f"{base}/applications/{app_id}")
    page.set_input_files("#file-input", [str(again)])
    row = _row(page, "IMG_0001.png")
    page.wait_for_function("() => Array.from(document.querySelectorAll('#files li.file'))"
                           ".some(li => li.dataset.state === 'duplicate')")
    assert "id_front.png" in row.locator(".file-error").inner_text()
    assert "重复文件" in row.locator(".file-state").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "undo-duplicate-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.reload()
    assert _row(page, "IMG_0001.png").get_attribute("data-state") == "duplicate"  # kept and listed
    checklist = ctx.db.latest_checklist(app_id)
    assert checklist is not None
    assert sum(d.type == "id_card" and d.side == "front" for d in checklist.documents) == 1
