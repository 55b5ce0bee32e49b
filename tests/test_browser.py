"""The officers' page in real headless Chromium against `docproc serve` (embedded Redis, real workers, real OCR).

One officer signs in, creates an application, drops the a01 bundle, watches it being read, opens the
checklist and an evidence page, overrides an item and prints the supplement request; an officer of
another branch gets 403 on the application and its evidence image. Screenshots go to test-output/.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from docproc.store.accounts import Accounts
from docproc.store.database import Database
from tests.conftest import ROOT, TINY

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "test-output" / "screenshots"
BUNDLE = TINY / "a01_salaried_clean"
PASSWORD = "correct-horse-1"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Debian chromium at /usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180  # a loaded machine starts the server slowly
    while time.monotonic() < deadline:
        assert server.poll() is None, "docproc serve exited early"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a loaded machine answers late
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become healthy")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`docproc serve` with its own Redis and two workers, and three users in two branches."""
    data = tmp_path_factory.mktemp("browser") / "var"
    data.mkdir()
    accounts = Accounts(Database(f"sqlite:///{(data / 'docproc.sqlite3').resolve()}"))
    accounts.create("olivia", PASSWORD, role="officer", branch="north")
    accounts.create("oscar", PASSWORD, role="officer", branch="north")
    accounts.create("sam", PASSWORD, role="officer", branch="south")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(data), PYTHONPATH=str(ROOT), DOCPROC_SECRET_KEY=secrets.token_urlsafe(48),
               DOCPROC_SECURE_COOKIE="false")  # plain http on 127.0.0.1
    server = subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _sign_in(browser, base: str, username: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/applications")
    assert "/login" in page.url  # nothing is reachable before signing in
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/applications$"))
    return context, page


def _drop(page, selector: str, path: Path, mime: str) -> None:  # type: ignore[no-untyped-def]
    """A real drop event carrying a File, as a browser fires it when a file is dragged in."""
    data = base64.b64encode(path.read_bytes()).decode()
    transfer = page.evaluate_handle(
        """([b64, name, mime]) => {
             const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
             const dt = new DataTransfer();
             dt.items.add(new File([bytes], name, {type: mime}));
             return dt;
           }""", [data, path.name, mime])
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def test_officer_pre_reviews_a_bundle_in_the_browser(live: str, browser) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _sign_in(browser, live, "olivia")
    blocked: list[str] = []  # what the Content-Security-Policy refused, if anything
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    assert page.locator(".empty").is_visible()  # a clear empty state before the first application

    # New application: profile, date, amount; files chosen through the input and one real drop.
    page.click(".page-head a.button.primary")
    page.check("input[name=profile][value=salaried]")
    page.fill("input[name=application_date]", "2026-11-20")
    page.fill("input[name=loan_amount]", "1200000")
    page.set_input_files("#file-input", [str(BUNDLE / "id_front.jpg"), str(BUNDLE / "income_proof.png")])
    _drop(page, "#dropzone", BUNDLE / "id_back.jpg", "image/jpeg")
    assert page.locator("#files li.file").count() == 3
    page.screenshot(path=str(SHOTS / "new-application.png"), full_page=True)
    page.click("#create-button")
    page.wait_for_url(re.compile(r"/applications/app_[0-9a-f]+$"))
    app_url = page.url
    app_id = app_url.rsplit("/", 1)[1]

    # Live progress: every file moves through the states without a reload, then the checklist appears.
    # Predicates as functions: the page's CSP forbids the eval that a bare expression would need.
    page.wait_for_function("() => document.querySelectorAll('#files li.file[data-id^=file_]').length === 3")
    seen: set[str] = set()
    shot = False
    deadline = time.monotonic() + 150
    while True:
        states = page.eval_on_selector_all("#files li.file", "els => els.map(e => e.dataset.state)")
        seen |= set(states)
        if not shot and ("reading" in states or time.monotonic() > deadline - 120):
            page.screenshot(path=str(SHOTS / "upload-in-progress.png"), full_page=True)
            shot = True
        if states == ["done"] * 3 and page.locator("#checklist .overall").count():
            break
        assert "error" not in states, page.inner_text("#files")
        assert time.monotonic() < deadline, f"files still {states}"
        time.sleep(0.25)
    assert seen & {"uploading", "received", "queued", "reading", "checking"}, seen
    assert page.url == app_url  # never reloaded away

    # Checklist: overall status on top, categories, badges, reasons.
    assert page.inner_text("#overall-status").strip() == "需补件"
    # what needs attention first: the summary links to the missing statement, its category comes first
    assert page.locator("#exceptions a[href='#completeness.bank_statement']").count() == 1
    assert page.locator("#checklist .group h3").first.inner_text().split()[0] == "完整性"
    missing = page.locator("article[id='completeness.bank_statement']")
    assert "缺失" in missing.locator(".item-head .badge").inner_text()
    assert page.inner_text("#applicant-name") == "孙英嘉"  # read from the ID card, shown without a reload
    page.wait_for_function("() => Array.from(document.querySelectorAll('#checklist .evidence img'))"
                           ".filter(img => img.checkVisibility()).every(img => img.complete && img.naturalWidth > 0)")
    page.screenshot(path=str(SHOTS / "checklist.png"), full_page=True)
    page.set_viewport_size({"width": 820, "height": 1180})  # tablet, portrait
    page.screenshot(path=str(SHOTS / "checklist-tablet.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.check("#show-na")  # items that do not apply, shown on demand (a handler in app.js)
    assert "with-na" in (page.get_attribute("#checklist", "class") or "")
    page.uncheck("#show-na")
    assert blocked == []

    # Evidence: a crop with the box drawn; clicking it opens the full page with fields and seals over it.
    item = page.locator("article[id='freshness.income_proof']")
    page.click("section[data-category=freshness] details.passes > summary")  # passes are folded per category
    assert page.locator("article[id='completeness.id_card'] details.evidence-fold").count() == 1  # folded
    crop = item.locator(".evidence img").first
    crop.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=crop.element_handle())
    crop_src = crop.get_attribute("src")
    assert "2026-10-30" in item.inner_text()  # the extracted value beside the image
    crop.click()
    page.wait_for_url(re.compile(r"/files/file_[0-9a-f]+/pages/1"))
    page.wait_for_function("() => document.querySelector('.sheet img').naturalWidth > 0")
    assert page.locator("svg.overlay .ov-field rect").count() >= 5
    assert page.locator("svg.overlay .ov-seal rect").count() == 1
    assert page.locator("#highlight").count() == 1
    assert "成都金桥信息技术有限责任公司" in page.inner_text(".values")
    page.screenshot(path=str(SHOTS / "evidence.png"), full_page=True)

    # Override with a mandatory comment: the machine verdict stays visible beside it.
    page.goto(app_url)
    target = page.locator("article[id='completeness.bank_statement']")
    target.locator("summary").click()
    target.locator("select[name=status]").select_option("pass")
    target.locator("textarea[name=comment]").fill("客户已在柜台出示流水原件 / statement seen at the counter")
    target.locator("button[type=submit]").click()
    page.wait_for_load_state()
    target = page.locator("article[id='completeness.bank_statement']")
    assert "通过" in target.locator(".item-head > .badge").inner_text()
    assert "缺失" in target.locator(".machine").inner_text()
    assert "olivia" in target.locator(".override-note").inner_text()
    page.fill("textarea[name=review_comment]", "合同下周补交")  # still missing a document: say why
    page.click("#mark-reviewed")
    page.wait_for_selector("#reviewed-mark")

    # The list: masked id number, status badge, searchable by the last digits of the id.
    page.goto(f"{live}/applications?q=7727")
    row = page.locator("#applications tbody tr")
    assert row.count() == 1
    assert "150***********7727" in row.inner_text() and "150102200003227727" not in page.content()
    page.goto(f"{live}/applications")
    page.screenshot(path=str(SHOTS / "list.png"), full_page=True)

    # Supplement request: printable page in Chinese, English toggle, print media → PDF.
    page.goto(f"{app_url}/supplement")
    text = page.inner_text(".supplement-doc")
    assert "请提供商品房买卖合同" in text and "请提供银行流水" not in text  # overridden item is not asked for
    page.click("#doc-en")
    assert "Please provide the home purchase contract" in page.inner_text(".supplement-doc")
    page.click("#doc-zh")
    page.emulate_media(media="print")
    assert page.locator(".topbar").is_hidden() and page.locator(".doc-tools").is_hidden()
    pdf = page.pdf(path=str(SHOTS.parent / "supplement.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    page.screenshot(path=str(SHOTS / "supplement-print.png"), full_page=True)
    page.emulate_media(media="screen")

    # A form posted without the CSRF token is refused even with a valid session.
    refused = context.request.post(f"{live}/applications/{app_id}/reviewed", max_redirects=0)
    assert refused.status == 400

    # Another branch's officer: 404 (as for a missing id) on the application, its evidence image and its original file.
    other, intruder = _sign_in(browser, live, "sam")
    assert intruder.goto(app_url).status == 404
    assert intruder.goto(f"{live}{crop_src}").status == 404
    file_id = context.request.get(f"{app_url}/status.json").json()["files"][0]["id"]
    assert page.request.get(f"{live}/files/{file_id}/pages/1.jpg").status == 200
    assert intruder.request.get(f"{live}/files/{file_id}/pages/1.jpg").status == 404
    assert intruder.request.get(f"{live}/files/{file_id}/original").status == 404
    intruder.goto(f"{live}/applications?q=7727")
    assert intruder.locator("#applications").count() == 0  # not even listed
    other.close()
    context.close()
