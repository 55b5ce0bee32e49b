"""Hostile inputs: each is refused with a clear 4xx or exit 2, fast and within bounded memory, and the
application's other files are unaffected. Every hostile file is built here, small on disk.

Covered: tiny and thin images, an image bomb, a 10,000-page PDF, an encrypted PDF, huge PDF pages
(rendered at a lower dpi, or refused), zip path traversal and zip bombs, byte quotas counting expanded
zip members, `docproc check` when every file is bad, and webhook targets (SSRF, DNS rebinding,
redirects, what the delivery log may show).
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from PIL import Image

from docproc.core import webhook_targets
from docproc.core.errors import BlockedTarget, ImageTooSmall, PageTooLarge, TooLarge
from docproc.core.models import FileState
from docproc.core.settings import Settings
from docproc.core.webhook_targets import TargetPolicy
from docproc.reading import read as reading
from docproc.reading.limits import ReadLimits, check_image_size, page_dpi
from docproc.service import pipeline, webhooks
from docproc.service.context import Context, build_context
from docproc.store.integrations import IntegrationStore
from tests.pdfs import encrypted_pdf, serialise, text_pdf
from tests.test_imaging import huge_png_header

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10.0
PEAK_RSS_MB = 1024
STATEMENT_LINES = ["Statement of account", "Account holder: Wang Fang", "Period 2026-05-01 to 2026-10-31",
                   "Closing balance 12,345.67"]


# --- hostile files ------------------------------------------------------------------------------

def png(width: int, height: int) -> bytes:
    """A white PNG of the given size."""
    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, "PNG")
    return buf.getvalue()


def blank_pages_pdf(count: int) -> bytes:
    """A PDF of ``count`` empty A4 pages (about 80 bytes a page)."""
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(count))
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[" + kids + b"]/Count %d>>" % count]
    objects += [b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"] * count
    return serialise(objects, root=1)[0]


def zip_of(members: dict[str, bytes]) -> bytes:
    """A deflated zip of the given members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


HOSTILE_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "1x1.png": (lambda: png(1, 1), "too small to read"),
    "20000x1.png": (lambda: png(20000, 1), "too small to read"),
    "20000x40.png": (lambda: png(20000, 40), "too thin"),
    "bomb.png": (lambda: huge_png_header(30000, 30000), "over the limit"),
    "10000-pages.pdf": (lambda: blank_pages_pdf(10_000), "10000 pages"),
    "locked.pdf": (lambda: encrypted_pdf(), "password-protected"),
    "14400pt-page.pdf": (lambda: text_pdf([STATEMENT_LINES], size=(14400, 14400)), "too large to render"),
}


# --- the CLI: exit code, seconds and peak memory ------------------------------------------------

class Run(NamedTuple):
    """What one command did."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float


def forked_docproc(data_dir: Path, *args: str) -> Run:
    """``docproc ARGS`` in a forked child (no start-up cost); peak RSS is what the child grew by."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the command, report, and leave without running any parent cleanup
        try:
            os.close(read_end)
            from click.testing import CliRunner

            from docproc.cli.main import main

            at_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.monotonic()
            result = CliRunner().invoke(main, list(args), env={"DOCPROC_DATA_DIR": str(data_dir)})
            seconds = time.monotonic() - started
            grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - at_start) / 1024
            report = [result.exit_code, result.stdout, result.stderr, seconds, grown]
            with os.fdopen(write_end, "w") as pipe:
                json.dump(report, pipe)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        report = json.load(pipe)
    os.waitpid(pid, 0)
    return Run(*report)


# The command runs as the only child of a small parent that reports its peak RSS (RUSAGE_CHILDREN).
_MEASURE = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(done.returncode)")


def docproc(data_dir: Path, *args: str) -> Run:
    """Run ``docproc ARGS`` as a fresh process with its own data dir; measure time and peak RSS."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCPROC_DATA_DIR": str(data_dir), "OMP_THREAD_LIMIT": "1"}
    env.pop("DATABASE_URL", None)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "docproc.cli.main", *args],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    seconds = time.monotonic() - started
    *lines, rss_kb = done.stderr.rstrip("\n").split("\n")
    return Run(done.returncode, done.stdout, "\n".join(lines), seconds, int(rss_kb) / 1024)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_extract_refuses_a_hostile_file_with_exit_2_fast_and_small(tmp_path: Path, name: str) -> None:
    build, reason = HOSTILE_FILES[name]
    path = tmp_path / name
    path.write_bytes(build())
    assert path.stat().st_size < 1_000_000  # small on disk
    run = forked_docproc(tmp_path / "var", "extract", str(path))
    assert run.code == 2, run.stderr
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("docproc: error:") and reason in run.stderr
    assert run.seconds < SECONDS and run.peak_rss_mb < PEAK_RSS_MB, run


def test_a_huge_pdf_page_renders_within_the_pixel_limit(tmp_path: Path) -> None:
    """A 4500×4500 pt page (156 Mpx at 200 dpi, 2 GB to render) is read at a lower dpi in bounded memory."""
    path = tmp_path / "4500pt-page.pdf"
    path.write_bytes(text_pdf([STATEMENT_LINES], size=(4500, 4500)))
    assert path.stat().st_size < 2_000
    run = forked_docproc(tmp_path / "var", "extract", str(path), "--json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["pages"] == 1
    assert run.seconds < SECONDS and run.peak_rss_mb < PEAK_RSS_MB, run


def _bundle_of_bad_files(folder: Path) -> Path:
    folder.mkdir()
    for name in ("1x1.png", "locked.pdf", "10000-pages.pdf"):
        (folder / name).write_bytes(HOSTILE_FILES[name][0]())
    (folder / "traversal.zip").write_bytes(zip_of({"../../etc/cron.d/evil.png": png(64, 64)}))
    (folder / "bomb.zip").write_bytes(zip_of({"statement.bmp": bytes(60 * 1024 * 1024)}))
    return folder


def _assert_every_file_refused(run: Run) -> None:
    assert run.code == 2, run.stderr
    for reason in ("too small", "password-protected", "10000 pages", "unsafe path", "zip bomb"):
        assert reason in run.stderr
    assert run.stderr.splitlines()[-1].startswith("docproc: error: none of the 5 file(s) could be read")
    assert run.seconds < SECONDS and run.peak_rss_mb < PEAK_RSS_MB, run


def test_check_exits_2_when_every_file_is_bad_input(tmp_path: Path) -> None:
    _assert_every_file_refused(forked_docproc(tmp_path / "var", "check", str(_bundle_of_bad_files(tmp_path / "in"))))


@pytest.mark.slow
def test_hostile_files_as_separate_processes(tmp_path: Path) -> None:
    """The same refusals from the command in fresh processes; their seconds count from a bare start-up."""
    start_up = docproc(tmp_path / "var", "--version").seconds  # imports everything, reads nothing (~4 s)
    for name, (build, reason) in sorted(HOSTILE_FILES.items()):
        path = tmp_path / name
        path.write_bytes(build())
        run = docproc(tmp_path / "var", "extract", str(path))
        assert run.code == 2 and reason in run.stderr, (name, run)
        assert run.seconds - start_up < SECONDS and run.peak_rss_mb < PEAK_RSS_MB, (name, run)
    huge = tmp_path / "4500pt-page.pdf"
    huge.write_bytes(text_pdf([STATEMENT_LINES], size=(4500, 4500)))
    run = docproc(tmp_path / "var", "extract", str(huge))
    assert run.code == 0 and run.seconds - start_up < SECONDS and run.peak_rss_mb < PEAK_RSS_MB, run
    run = docproc(tmp_path / "var", "check", str(_bundle_of_bad_files(tmp_path / "in")))
    _assert_every_file_refused(run._replace(seconds=run.seconds - start_up))


# --- sizes decided before decoding or rendering ---------------------------------------------------

def test_page_dpi_is_lowered_for_big_pages_and_refused_past_legibility() -> None:
    limits = ReadLimits()
    assert page_dpi(595, 842, limits, number=1) == 200  # A4 at the configured dpi
    dpi = page_dpi(4500, 4500, limits, number=1)
    assert 50 <= dpi < 200 and (4500 * dpi / 72) ** 2 <= limits.max_render_pixels * 1.001
    with pytest.raises(PageTooLarge, match="page 3 of the PDF is 508×508 cm"):
        page_dpi(14400, 14400, limits, number=3)
    with pytest.raises(ImageTooSmall, match="too small"):
        page_dpi(1, 1, limits, number=1)
    with pytest.raises(ImageTooSmall, match="no area"):
        page_dpi(0, 842, limits, number=1)


def test_image_size_limits() -> None:
    limits = ReadLimits()
    check_image_size(1654, 2339, limits)  # an A4 scan
    check_image_size(32, 800, limits)  # at the limits
    for width, height in [(1, 1), (20000, 1), (31, 500), (20000, 40), (40, 20000)]:
        with pytest.raises(ImageTooSmall):
            check_image_size(width, height, limits)


def test_tiny_image_is_an_input_error_before_any_opencv_stage(ctx: Context) -> None:
    started = time.monotonic()
    with pytest.raises(ImageTooSmall, match="1×1 pixels"):
        reading.read_file(png(1, 1), file_id="f", filename="1x1.png", ctx=ctx)
    assert time.monotonic() - started < 1


# --- the API: refused files are 4xx or visible errors; the other files stay as they were --------

@pytest.fixture
def api(app: Any, ctx: Context) -> Any:
    """An API client with a key of branch main."""
    _, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def _application_with_a_good_file(api: Any) -> tuple[str, dict[str, Any]]:
    app_id = api.post("/api/v1/applications", json={"profile": "salaried", "application_date": "2026-11-20"}
                      ).get_json()["id"]
    answer = _upload(api, app_id, ("statement.pdf", text_pdf([STATEMENT_LINES])))
    assert answer.status_code == 202, answer.get_json()
    [good] = answer.get_json()["files"]
    assert good["state"] == FileState.DONE
    return app_id, good


def _upload(api: Any, app_id: str, *files: tuple[str, bytes]) -> Any:
    return api.post(f"/api/v1/applications/{app_id}/documents", content_type="multipart/form-data",
                    data={"file": [(io.BytesIO(data), name) for name, data in files]})


def _unaffected(api: Any, ctx: Context, app_id: str, good: dict[str, Any]) -> None:
    [still] = [f for f in ctx.db.files_of(app_id) if f.id == good["id"]]
    assert still.state == FileState.DONE and still.error is None
    assert [d.file_id for d in ctx.db.documents_of(app_id)] == [good["id"]]
    assert api.get(f"/api/v1/applications/{app_id}/checklist").status_code == 200


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_api_marks_a_hostile_file_as_its_own_error(api: Any, ctx: Context, name: str) -> None:
    app_id, good = _application_with_a_good_file(api)
    build, reason = HOSTILE_FILES[name]
    started = time.monotonic()
    answer = _upload(api, app_id, (name, build()))
    assert time.monotonic() - started < SECONDS
    [stored] = answer.get_json()["files"]  # kept, with its reason
    assert stored["state"] == FileState.ERROR and reason in stored["error"]
    _unaffected(api, ctx, app_id, good)


@pytest.mark.parametrize(("members", "code"), [
    ({"../../etc/evil.png": b"x"}, "unsafe_archive"),
    ({"/abs/evil.png": b"x"}, "unsafe_archive"),
    ({"statement.bmp": bytes(60 * 1024 * 1024)}, "decompression_bomb"),
])
def test_api_refuses_a_hostile_zip_with_422(api: Any, ctx: Context, members: dict[str, bytes], code: str) -> None:
    app_id, good = _application_with_a_good_file(api)
    answer = _upload(api, app_id, ("bundle.zip", zip_of(members)))
    assert answer.status_code == 422 and answer.get_json()["type"].endswith(code)
    _unaffected(api, ctx, app_id, good)


# --- byte quotas counting what zips expand to -----------------------------------------------------

@pytest.fixture
def quota_settings(settings: Settings) -> Settings:
    """Quotas small enough to reach with small files; ratio checks out of the way."""
    return settings.model_copy(update={"upload_quota_bytes": 3 * 1024 * 1024,
                                       "application_quota_bytes": 5 * 1024 * 1024, "zip_max_ratio": 100_000})


@pytest.fixture
def quota_api(quota_settings: Settings) -> Any:
    from web import create_app

    ctx = build_context(quota_settings)
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    return _client_of(app, ctx), ctx


def _client_of(app: Any, ctx: Context) -> Any:
    _, key = IntegrationStore(ctx.db.engine).create_key(name="tests", branches=["main"])
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def _blob_count(ctx: Context) -> int:
    return sum(1 for p in ctx.settings.blob_dir.rglob("*") if p.is_file())


def test_an_upload_that_expands_past_its_quota_is_413_and_stores_nothing(quota_api: Any) -> None:
    api, ctx = quota_api
    app_id, good = _application_with_a_good_file(api)
    before = (ctx.db.files_of(app_id), _blob_count(ctx))
    amplified = zip_of({f"page{i}.bmp": bytes(1024 * 1024) for i in range(4)})  # 4 MiB from a few KB
    assert len(amplified) < 50_000
    answer = _upload(api, app_id, ("bundle.zip", amplified))
    assert answer.status_code == 413 and answer.get_json()["type"].endswith("too_large")
    assert "zip members counted" in answer.get_json()["detail"]
    # Two files that pass alone but not together: the request is one upload.
    half = zip_of({"a.bmp": bytes(2 * 1024 * 1024)})
    assert _upload(api, app_id, ("one.zip", half), ("two.zip", half)).status_code == 413
    assert (ctx.db.files_of(app_id), _blob_count(ctx)) == before  # nothing half-done
    _unaffected(api, ctx, app_id, good)


def test_an_application_past_its_quota_refuses_more_with_413(quota_api: Any) -> None:
    api, ctx = quota_api
    app_id, good = _application_with_a_good_file(api)
    for i in range(2):  # 2 × 2 MiB expanded: within the 5 MiB of the application
        assert _upload(api, app_id, (f"part{i}.zip", zip_of({f"p{i}.bmp": bytes(2 * 1024 * 1024)}))).status_code in (
            202, 422)  # stored (the members themselves are not readable images)
    kept = ctx.db.files_of(app_id)
    answer = _upload(api, app_id, ("part2.zip", zip_of({"p2.bmp": bytes(2 * 1024 * 1024)})))
    assert answer.status_code == 413 and "quota" in answer.get_json()["detail"]
    assert ctx.db.files_of(app_id) == kept
    with pytest.raises(TooLarge):  # the CLI and batch imports go through the same check
        pipeline.ingest(ctx, app_id, filename="part3.zip", data=zip_of({"p3.bmp": bytes(2 * 1024 * 1024)}))
    [still] = [f for f in ctx.db.files_of(app_id) if f.id == good["id"]]
    assert still.state == FileState.DONE


def test_the_officers_upload_form_answers_413_over_quota_and_stores_nothing(quota_settings: Settings) -> None:
    from docproc.store.accounts import Accounts
    from tests.test_auth import PASSWORD, _token, sign_in
    from web import create_app

    ctx = build_context(quota_settings)
    Accounts(ctx.db).create("ann", PASSWORD, role="officer", branch="main")
    app = create_app(ctx=ctx)
    app.config.update(TESTING=True)
    web = app.test_client()
    assert sign_in(web, "ann").status_code == 302
    token = _token(web.get("/applications").get_data(as_text=True))
    application = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 20),
                                              created_by="ann")
    amplified = zip_of({f"page{i}.bmp": bytes(1024 * 1024) for i in range(4)})
    answer = web.post(f"/applications/{application.id}/files", headers={"Accept": "application/json"},
                      data={"file": (io.BytesIO(amplified), "bundle.zip"), "csrf_token": token})
    assert answer.status_code == 413
    assert answer.get_json()["rejected"][0]["code"] == "too_large"
    assert ctx.db.files_of(application.id) == [] and _blob_count(ctx) == 0


# --- webhook targets ------------------------------------------------------------------------------

PRODUCTION = TargetPolicy()
BLOCKED_URLS = [
    "http://203.0.114.7/hook",  # plain http outside development
    "https://127.0.0.1:8443/hook", "https://localhost/hook", "https://0x7f000001/hook", "https://2130706433/hook",
    "https://017700000001/hook", "https://127.1/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::1]/hook",
    "https://[::ffff:7f00:1]/hook", "https://[2002:7f00:1::]/hook", "https://[64:ff9b::a9fe:a9fe]/hook",
    "https://169.254.169.254/latest/meta-data", "https://[fd00:ec2::254]/hook", "https://10.1.2.3/hook",
    "https://172.16.0.1/hook", "https://192.168.1.1/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
    "https://224.0.0.1/hook", "https://240.0.0.1/hook", "https://[ff02::1]/hook", "https://[fe80::1]/hook",
    "https://[0e0.7002]:7/hook",  # not an address at all
]


@pytest.mark.parametrize("url", BLOCKED_URLS)
def test_webhook_registration_refuses_internal_targets(api: Any, url: str) -> None:
    with pytest.raises(BlockedTarget):
        webhook_targets.check(url, PRODUCTION)
    answer = api.post("/api/v1/webhooks", json={"url": url})
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["type"].endswith("webhook_target_blocked")


def test_the_allow_list_admits_local_receivers_in_development_only_over_http() -> None:
    local = TargetPolicy(development=True, allow=(ipaddress.ip_network("127.0.0.1/32"),))
    assert webhook_targets.check("http://127.0.0.1:9/hook", local).address == "127.0.0.1"
    assert webhook_targets.check("http://0x7f000001:9/hook", local).address == "127.0.0.1"
    with pytest.raises(BlockedTarget, match="private"):
        webhook_targets.check("http://10.0.0.1/hook", local)
    with pytest.raises(BlockedTarget, match="https only"):
        webhook_targets.check("http://127.0.0.1:9/hook", local.model_copy(update={"development": False}))
    assert TargetPolicy.of(Settings(env="development", webhook_allow="127.0.0.1/32, ::1")) == TargetPolicy(
        development=True, allow=(ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128")))


class Target(NamedTuple):
    """A loopback HTTP endpoint answering one scripted way, and what it received."""

    url: str
    calls: list[dict[str, str]]


@pytest.fixture
def endpoint() -> Iterator[Callable[..., Target]]:
    servers: list[ThreadingHTTPServer] = []

    def start(status: int = 200, *, body: bytes = b"", location: str | None = None, delay: float = 0) -> Target:
        calls: list[dict[str, str]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                calls.append(dict(self.headers.items()))
                time.sleep(delay)
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return Target(f"http://127.0.0.1:{server.server_address[1]}/hook", calls)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


LOCAL = TargetPolicy(development=True, allow=(ipaddress.ip_network("127.0.0.1/32"),))


def _post(url: str, *, timeout: float = 5.0) -> Any:
    return webhooks.post(url, b"{}", {}, targets=LOCAL, timeout=timeout)


def test_the_delivery_log_shows_our_error_class_never_the_targets_answer(endpoint: Callable[..., Target]) -> None:
    failing = endpoint(500, body=b"internal admin console: db password hunter2")
    attempt = _post(failing.url)
    assert (attempt.status_code, attempt.error) == (500, "http 5xx")
    assert "hunter2" not in attempt.model_dump_json()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    assert _post(f"http://127.0.0.1:{port}/hook").error == "refused"
    slow = endpoint(200, delay=2)
    assert _post(slow.url, timeout=0.5).error == "timeout"
    assert _post(endpoint(200).url.replace("http://", "https://")).error == "tls"
    assert _post(endpoint(204).url).ok


def test_a_name_that_does_not_resolve_is_logged_as_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*_: Any, **__: Any) -> Any:  # the resolver answers "no such name" (no query leaves the host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(webhook_targets.socket, "getaddrinfo", no_dns)
    assert _post("https://hooks.example/docproc").error == "dns"


def test_redirects_are_not_followed(endpoint: Callable[..., Target]) -> None:
    elsewhere = endpoint(200)
    redirecting = endpoint(302, location=elsewhere.url)
    attempt = _post(redirecting.url)
    assert attempt.status_code == 302 and attempt.error == "http 3xx (redirects are not followed)"
    assert len(redirecting.calls) == 1 and elsewhere.calls == []


def test_delivery_connects_to_the_address_checked_then_and_refuses_a_rebound_name(
        endpoint: Callable[..., Target], monkeypatch: pytest.MonkeyPatch) -> None:
    receiver = endpoint(200)
    port = receiver.url.split(":")[2].split("/")[0]
    answers = iter([[ipaddress.ip_address("127.0.0.1")], [ipaddress.ip_address("10.0.0.7")]])
    lookups: list[str] = []

    def resolve(host: str, _port: int) -> list[Any]:
        lookups.append(host)
        return next(answers)

    monkeypatch.setattr(webhook_targets, "addresses_of", resolve)
    url = f"http://receiver.example:{port}/hook"
    first = _post(url)  # resolved once, connected to that very address, Host kept
    assert first.ok and receiver.calls[0]["Host"] == f"receiver.example:{port}" and lookups == ["receiver.example"]
    rebound = _post(url)  # the name now points inside: refused before any connection
    assert rebound.error == "blocked target" and rebound.status_code is None and len(receiver.calls) == 1


def test_a_stored_webhook_whose_name_rebinds_is_not_delivered(
        api: Any, ctx: Context, endpoint: Callable[..., Target], monkeypatch: pytest.MonkeyPatch) -> None:
    receiver = endpoint(200)
    # At registration the name resolves to a public address (only resolved: nothing connects) ...
    monkeypatch.setattr(webhook_targets, "addresses_of", lambda _h, _p: [ipaddress.ip_address("8.8.8.8")])
    hook = api.post("/api/v1/webhooks", json={"url": "https://hooks.example/docproc"}).get_json()
    # ... and at delivery to the loopback address a receiver listens on.
    monkeypatch.setattr(webhook_targets, "addresses_of", lambda _h, _p: [ipaddress.ip_address("127.0.0.1")])
    app_id = api.post("/api/v1/applications", json={"profile": "salaried"}).get_json()["id"]
    assert api.post(f"/api/v1/applications/{app_id}/reprocess", json={}).status_code == 202
    [delivery] = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries").get_json()["items"]
    assert delivery["status"] == "failed" and delivery["log"][0]["error"] == "blocked target"
    assert receiver.calls == []
