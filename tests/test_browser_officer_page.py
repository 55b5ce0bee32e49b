"""The officers' page in real headless Chromium, on applications seeded through the store (no OCR): exceptions
first, files labelled, the reviewed mark, the page viewer, hand-over, errors beside their fields, keyboard use,
390 px phones and the admin's user page. Screenshots at 1366×768 and 390 px go to test-output/screenshots/.

One in-process server (werkzeug in a thread) per module on one seeded context; each test opens its own
browser context and signs in through the real form.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from docproc.core.models import Status
from docproc.core.settings import Settings
from docproc.service.context import Context, build_context
from docproc.store.accounts import Accounts, Casework
from tests.conftest import ROOT
from tests.officer_world import FAILING, LINE_CHECK, Seeded, recheck, seed_application

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "test-output" / "screenshots"
PASSWORD = "correct-horse-1"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Debian chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Context, str]]:
    """A seeded context served on 127.0.0.1: users of two branches and an admin."""
    from werkzeug.serving import make_server

    from web import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("officer-page") / "var", redis_url=None, database_url=None)
    ctx = build_context(settings)
    accounts = Accounts(ctx.db)
    for name, role, branch in (("olivia", "officer", "north"), ("oscar", "officer", "north"),
                               ("sue", "supervisor", "north"), ("sam", "officer", "south"), ("root", "admin", "hq")):
        accounts.create(name, PASSWORD, role=role, branch=branch)
    app = create_app(ctx=ctx, config={"SESSION_COOKIE_SECURE": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ctx, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def seeded(world: tuple[Context, str]) -> Seeded:
    """An application of branch north with one failure among forty items (tests that change it seed their own)."""
    return seed_application(world[0])


_SIGNED_IN: dict[str, dict[str, object]] = {}  # username → cookies, to sign in through the form once per module


def _open(browser, base: str, username: str, viewport: dict[str, int] = LAPTOP):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, locale="zh-CN",
                                  storage_state=_SIGNED_IN.get(f"{base} {username}"))  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    page = context.new_page()
    if f"{base} {username}" in _SIGNED_IN:
        page.goto(f"{base}/applications")
        return page
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/applications$"))
    _SIGNED_IN[f"{base} {username}"] = context.storage_state()
    return page


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _item(check_id: str) -> str:
    return f'article.item[id="{check_id}"]'


# 1. exceptions first -------------------------------------------------------------------------------------------
def test_the_only_failure_among_forty_items_is_visible_without_scrolling(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "olivia")
    page.goto(f"{world[1]}/applications/{seeded.application_id}")
    page.wait_for_function(f"() => Array.from(document.querySelectorAll('{_item(FAILING)} img'))"
                           ".every(img => img.complete && img.naturalWidth > 0)")  # measured at its full height
    _shot(page, "officer-exceptions-1366")
    box = page.locator(_item(FAILING)).bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], box
    summary = page.locator("#exceptions")
    assert summary.is_visible() and "118.6%" in summary.inner_text()
    summary.locator(f'a[href="#{FAILING}"]').click()  # a jump link to the item
    assert page.evaluate("() => location.hash") == f"#{FAILING}"
    # every pass folded in its category, the upload area a compact button
    passes = page.locator("article.item.it-pass")
    assert passes.count() >= 38 and passes.first.is_hidden()
    assert page.locator("details.passes").count() == 4
    zone = page.locator("#dropzone").bounding_box()
    assert zone is not None and zone["height"] <= 56, zone
    page.context.close()


# 6. files labelled -----------------------------------------------------------------------------------------------
def test_each_file_says_what_it_turned_out_to_be_with_a_thumbnail(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "olivia")
    page.goto(f"{world[1]}/applications/{seeded.application_id}")
    row = page.locator(f'li.file[data-id="{seeded.files["9d8fc4c67e.pdf"]}"]')
    assert "银行流水 · 3页" in row.locator(".file-kind").inner_text()
    thumb = row.locator("img.file-thumb")
    thumb.wait_for()
    assert page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    id_row = page.locator(f'li.file[data-id="{seeded.files["id_front.jpg"]}"]')
    assert "身份证 · 人像面" in id_row.locator(".file-kind").inner_text()
    unknown = page.locator(f'li.file[data-id="{seeded.files["notes.jpg"]}"] .file-kind').inner_text()
    assert "未识别" in unknown
    page.context.close()


# 7. the reviewed mark ---------------------------------------------------------------------------------------------
def test_reviewed_mark_is_refused_while_missing_unless_explained_and_can_be_undone(world, browser) -> None:  # type: ignore[no-untyped-def]
    ctx, base = world
    seeded = seed_application(ctx, failing=None, missing=True)
    page = _open(browser, base, "olivia")
    page.goto(f"{base}/applications/{seeded.application_id}")
    page.click("#mark-reviewed")
    error = page.locator("#review-error")
    assert error.is_visible() and "缺" in error.inner_text()
    assert page.locator("#reviewed-mark").count() == 0 and Casework(ctx.db).review_of(seeded.application_id) is None
    page.fill("textarea[name=review_comment]", "客户已承诺下周补交完税证明")
    page.click("#mark-reviewed")
    assert "客户已承诺下周补交完税证明" in page.locator("#reviewed-mark").inner_text()
    page.click("#undo-reviewed")
    page.wait_for_selector("#reviewed-mark", state="detached")
    assert Casework(ctx.db).review_of(seeded.application_id) is None
    page.context.close()


def test_reviewed_mark_goes_stale_when_a_newer_checklist_changes_the_result(world, browser) -> None:  # type: ignore[no-untyped-def]
    ctx, base = world
    seeded = seed_application(ctx, failing=None)
    page = _open(browser, base, "olivia")
    page.goto(f"{base}/applications/{seeded.application_id}")
    page.click("#mark-reviewed")
    mark = page.locator("#reviewed-mark")
    assert "stale" not in (mark.get_attribute("class") or "")
    recheck(ctx, seeded.application_id, failing=None)  # a new checklist, same result: still current
    page.reload()
    assert "stale" not in (mark.get_attribute("class") or "")
    recheck(ctx, seeded.application_id, failing=Status.FAIL)  # the result changed since the review
    page.reload()
    assert "stale" in (mark.get_attribute("class") or "") and "已过期" in mark.inner_text()
    page.context.close()


# 8. page viewer ---------------------------------------------------------------------------------------------------
def test_page_viewer_zooms_rotates_shows_thumbnails_and_every_list_value(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "olivia")
    page.goto(f"{world[1]}/files/{seeded.files['9d8fc4c67e.pdf']}/pages/1")
    assert page.locator(".thumbs a").count() == 3
    width = page.locator("#sheet").bounding_box()["width"]
    page.click("#zoom-in")
    assert page.locator("#sheet").bounding_box()["width"] > width * 1.2
    page.click("#rotate")
    assert "rotate(90deg)" in page.locator("#sheet").evaluate("(el) => el.style.transform")
    page.goto(f"{world[1]}/files/{seeded.files['contract.pdf']}/pages/1")
    _shot(page, "officer-viewer-1366")
    values = page.locator(".values tr[data-label=buyer_names] td").first.inner_text()
    assert "唐倩" in values and "李明远" in values
    # each label sits on its own box's line (two boxes stacked one above the other)
    misplaced = page.evaluate("""() => Array.from(document.querySelectorAll('#overlay g.ov')).filter(g => {
        const r = g.querySelector('rect'), t = g.querySelector('text').getBBox();
        const y0 = +r.getAttribute('y'), y1 = y0 + +r.getAttribute('height'), mid = t.y + t.height / 2;
        return mid < y0 || mid > y1; }).map(g => g.dataset.fields)""")
    assert misplaced == []
    page.context.close()


def test_a_line_crop_is_readable(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "olivia")
    page.goto(f"{world[1]}/applications/{seeded.application_id}")
    item = page.locator(_item(LINE_CHECK))
    item.locator(".evidence img").first.evaluate(  # unfold whatever holds it, as an officer's clicks would
        "(img) => { for (let d = img.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }")
    img = item.locator(".evidence img").first
    img.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    shown = img.bounding_box()
    natural = img.evaluate("(img) => [img.naturalWidth, img.naturalHeight]")
    # the 25 px line: at least 30 px on screen (the crop is 40 px of context either side)
    assert natural[1] >= 100 and shown is not None and shown["height"] >= 100, (natural, shown)
    page.context.close()


# 9. supervisor hand-over ------------------------------------------------------------------------------------------
def test_hand_over_names_nobody_in_advance_and_then_who_it_went_to(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "sue")
    page.goto(f"{world[1]}/applications/{seeded.application_id}")
    assert page.locator("#assignee").inner_text().strip().endswith("olivia")
    assert page.locator("select[name=assignee]").input_value() == ""
    page.select_option("select[name=assignee]", "oscar")
    page.click(".reassign button[type=submit]")
    assert "oscar" in page.locator(".flash").inner_text()
    assert page.locator("#assignee").inner_text().strip().endswith("oscar")
    page.context.close()


# 10. errors beside their fields, input kept -----------------------------------------------------------------------
def test_an_override_refused_shows_why_beside_the_form_and_keeps_the_comment(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "olivia")
    page.goto(f"{world[1]}/applications/{seeded.application_id}")
    form = page.locator(_item(FAILING)).locator("details.override-form")
    form.locator("summary").click()
    form.locator("textarea[name=comment]").fill("   ")
    form.locator("button[type=submit]").click()
    form = page.locator(_item(FAILING)).locator("details.override-form")
    error = form.locator(".field-error")
    error.wait_for()
    box = error.bounding_box()
    assert box is not None and 0 <= box["y"] <= LAPTOP["height"] and "说明" in error.inner_text()
    assert form.locator("textarea[name=comment]").input_value() == "   "  # what was typed, as typed
    page.context.close()


def test_a_comment_being_typed_survives_a_new_checklist(world, browser) -> None:  # type: ignore[no-untyped-def]
    ctx, base = world
    seeded = seed_application(ctx)
    Casework(ctx.db).request_check(seeded.application_id)  # checks asked for: the page polls for the new checklist
    page = _open(browser, base, "olivia")
    page.goto(f"{base}/applications/{seeded.application_id}")
    form = page.locator(_item(FAILING)).locator("details.override-form")
    form.locator("summary").click()
    form.locator("textarea[name=comment]").fill("购房合同总价已与开发商核实")
    page.locator("#applicant-name").click()  # the officer looks elsewhere for a moment
    recheck(ctx, seeded.application_id, failing=Status.FAIL)
    page.wait_for_function("(v) => document.getElementById('workspace').dataset.checklistVersion !== v",
                           arg=page.locator("#workspace").get_attribute("data-checklist-version"))
    form = page.locator(_item(FAILING)).locator("details.override-form")
    assert form.locator("textarea[name=comment]").input_value() == "购房合同总价已与开发商核实"
    assert form.evaluate("(d) => d.open")
    page.context.close()


def test_a_refused_new_user_keeps_what_was_typed_and_says_why_beside_the_field(world, browser) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "root")
    page.goto(f"{world[1]}/admin/users")
    form = page.locator("form.add-user")
    form.locator("input[name=username]").fill("bad name")
    form.locator("input[name=password]").fill("long-enough-1")
    form.locator("button[type=submit]").click()
    form = page.locator("form.add-user")
    assert form.locator("input[name=username]").input_value() == "bad name"
    error = form.locator("input[name=username] ~ .field-error, label:has(input[name=username]) .field-error")
    assert error.is_visible()
    page.context.close()


# 11. keyboard ---------------------------------------------------------------------------------------------------
def test_keyboard_opens_the_file_chooser_shows_focus_and_skips_to_content(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "olivia")
    page.goto(f"{world[1]}/applications/new")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("(a) => a === document.activeElement") and skip.is_visible()
    target = skip.get_attribute("href")
    assert target and page.locator(target).count() == 1
    opened: list[object] = []
    page.on("filechooser", lambda chooser: opened.append(chooser))  # listening from here on: the chooser is intercepted, never shown
    for key in ("Enter", " "):
        page.goto(f"{world[1]}/applications/new")
        page.focus("#dropzone")
        before = len(opened)
        page.keyboard.press(key)
        for _ in range(30):
            if len(opened) > before:
                break
            page.wait_for_timeout(100)
        assert len(opened) == before + 1, f"{key!r} on the drop zone opened no file chooser"
    page.focus("#file-input")
    outline = page.locator("#dropzone").evaluate(
        "(z) => { const s = getComputedStyle(z); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
    assert (outline[0] != "none" and outline[1] != "0px") or outline[2] != "none", outline
    page.context.close()


# 12. 390 px --------------------------------------------------------------------------------------------------------
def test_at_390_px_nothing_overflows_and_the_letter_header_is_whole(world, browser, seeded) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, world[1], "sue", viewport=PHONE)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    _shot(page, "officer-list-390")
    assert width <= PHONE["width"], width
    page.goto(f"{world[1]}/applications/{seeded.application_id}")
    _shot(page, "officer-application-390")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{world[1]}/applications/{seeded.application_id}/supplement")
    _shot(page, "officer-letter-390")
    cut = page.evaluate("""() => Array.from(document.querySelectorAll('.supplement-doc h1, .doc-meta, .doc-meta div'))
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 0.5)
        .map(e => e.className || e.tagName)""")
    assert cut == [] and page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()


# 13. admin -------------------------------------------------------------------------------------------------------
def test_admin_changes_role_branch_and_password_in_the_page(world, browser) -> None:  # type: ignore[no-untyped-def]
    ctx, base = world
    accounts = Accounts(ctx.db)
    accounts.create("pete", PASSWORD, role="officer", branch="north")
    page = _open(browser, base, "root")
    page.goto(f"{base}/admin/users")
    assert page.locator("form.add-user input[name=branch]").count() == 0  # a managed list, not free text
    options = page.locator("form.add-user select[name=branch] option").all_inner_texts()
    assert {"north", "south", "hq"} <= set(options)
    row = page.locator('tr[data-user="pete"]')
    row.locator("select[name=role]").select_option("supervisor")
    row.locator("select[name=branch]").select_option("south")
    row.locator("input[name=password]").fill("a-new-password-9")
    row.locator("button.save-user").click()
    assert page.locator(".flash").is_visible()
    pete = accounts.get("pete")
    assert (pete.role, pete.branch) == ("supervisor", "south")
    assert accounts.authenticate("pete", "a-new-password-9") is not None
    page.context.close()


def test_a_branch_with_a_stray_space_makes_no_phantom_branch(world, browser) -> None:  # type: ignore[no-untyped-def]
    ctx, base = world
    page = _open(browser, base, "root")
    page.goto(f"{base}/admin/users")
    page.fill("form.add-branch input[name=name]", "SH-Pudong ")
    page.click("form.add-branch button[type=submit]")
    page.fill("form.add-branch input[name=name]", " SH-Pudong")
    page.click("form.add-branch button[type=submit]")
    options = page.locator("form.add-user select[name=branch] option").all_inner_texts()
    assert options.count("SH-Pudong") == 1 and all(o == o.strip() for o in options)
    page.context.close()


def test_disabling_a_user_asks_first(world, browser) -> None:  # type: ignore[no-untyped-def]
    ctx, base = world
    accounts = Accounts(ctx.db)
    accounts.create("dora", PASSWORD, role="officer", branch="north")
    page = _open(browser, base, "root")
    page.goto(f"{base}/admin/users")
    _shot(page, "officer-admin-1366")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator('tr[data-user="dora"] button.toggle-active').click()
    page.wait_for_timeout(300)
    assert asked and "dora" in asked[0] and accounts.get("dora").active
    page.once("dialog", lambda d: d.accept())
    page.locator('tr[data-user="dora"] button.toggle-active').click()
    page.wait_for_load_state()
    page.wait_for_function("() => document.querySelector('tr[data-user=dora]').textContent.includes('已停用')")
    assert not accounts.get("dora").active
    page.context.close()
