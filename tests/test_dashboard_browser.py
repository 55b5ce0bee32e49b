"""The dashboard and the supplement letter in real headless Chromium against `docproc serve`.

A supervisor opens /dashboard (seeded through the store) and sees its six charts drawn with bars, at 1366×768 and at
390 px wide without sideways scrolling; the letter of an application with 18 lines prints on one A4 page in Chinese
and in English. Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pikepdf
import pytest

from docproc.core.settings import Settings
from docproc.service.context import build_context
from docproc.store.accounts import Accounts
from tests.conftest import ROOT
from tests.dashboard_seed import seed
from tests.test_browser import ARGS, CHROMIUM, SHOTS, _free_port
from tests.test_letter import seed_letter_case

sync_api = pytest.importorskip("playwright.sync_api")
PASSWORD = "correct-horse-1"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Debian chromium at /usr/bin/chromium")


def _wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    """Until /healthz answers (a slow answer on a busy machine is waited for, not an error)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, "docproc serve exited early"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("server did not become healthy")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`docproc serve` (no workers: nothing is read) over a seeded database; the base URL and the letter's application."""
    data = tmp_path_factory.mktemp("dash-browser") / "var"
    ctx = build_context(Settings(data_dir=data, redis_url=None, database_url=None))
    accounts = Accounts(ctx.db)
    accounts.create("sue", PASSWORD, role="supervisor", branch="north", display_name="苏主管")
    seed(ctx.db)
    app_id = seed_letter_case(ctx)
    ctx.db.engine.dispose()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(data), PYTHONPATH=str(ROOT), DOCPROC_SECRET_KEY=secrets.token_urlsafe(48),
               DOCPROC_SECURE_COOKIE="false")
    server = subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", "0"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, server)
        yield base, app_id
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _page(browser, base: str, width: int, height: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith(
        "/favicon.ico") else None)
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "sue")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/applications$"))
    return context, page, errors


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_dashboard_draws_its_charts(browser, live, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    base, _ = live
    context, page, errors = _page(browser, base, width, height)
    SHOTS.mkdir(parents=True, exist_ok=True)
    if width > 1000:
        page.click("#nav-dashboard")
    else:
        page.goto(f"{base}/dashboard")
    page.goto(page.url + "?from=2026-01-01&to=2026-12-31")
    charts = page.locator("svg.chart")
    assert charts.count() == 6
    for i in range(6):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 20, (i, box)
        bars = charts.nth(i).locator("rect.chart-bar")
        bar = bars.first.bounding_box()
        assert bars.count() > 0 and bar and bar["width"] > 0 and bar["height"] > 4, (i, bar)  # drawn, not a hairline
    assert page.locator("#kpi-rate .value").inner_text().endswith("%")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"the page scrolls sideways: {wide} px"
    page.screenshot(path=str(SHOTS / f"dashboard-{width}.png"), full_page=width < 1000)
    with page.expect_download() as download:
        page.click("#dash-csv")
    assert download.value.suggested_filename.startswith("dashboard-2026-01-01-2026-12-31")
    assert not errors, errors
    context.close()


def test_the_printed_letter_is_one_a4_page_in_each_language(browser, live) -> None:  # type: ignore[no-untyped-def]
    base, app_id = live
    context, page, _ = _page(browser, base, 1366, 768)
    for lang in ("zh", "en"):
        page.goto(f"{base}/applications/{app_id}/supplement?doc_lang={lang}")
        page.screenshot(path=str(SHOTS / f"letter-{lang}.png"), full_page=True)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", path=str(SHOTS.parent / f"letter-print-{lang}.pdf"))
        page.emulate_media(media="screen")
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            assert len(doc.pages) == 1, f"{lang}: {len(doc.pages)} pages"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/applications/{app_id}/supplement")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "letter-390.png"), full_page=True)
    context.close()

