"""Build the wheel, install it into a fresh venv, serve from it and upload a file through the API.

    python scripts/wheel_smoke.py [--keep]

Runs outside the checkout (another working directory, no PYTHONPATH), so only what the wheel carries is
importable: templates, static files, policy and vocabularies, web/officer, gunicorn. Prints each step
with its time; exit 0 when the upload was read and its checklist served.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UPLOAD = ROOT / "samples" / "tiny" / "a02_expired_id" / "id_back.jpg"  # test data only, read from the checkout


def _step(what: str, started: float) -> None:
    print(f"{time.monotonic() - started:7.1f} s  {what}", flush=True)


def build_wheel(out: Path) -> Path:
    """A wheel built from a clean copy of the checkout's files (tracked and new, not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split("\n")
    tree = out / "tree"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_symlink():  # docproc/extractors and docproc/validators: links to the top-level folders
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            (tree / name).symlink_to(source.readlink())
        elif source.is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out / "dist"), str(tree)],
                   check=True, capture_output=True)
    return next((out / "dist").glob("docproc-*.whl"))


def _request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _until(check, seconds: float, what: str, server: subprocess.Popen[bytes]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"docproc serve exited with {server.returncode}"
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out: {what}")


def serve_and_upload(venv: Path, work: Path, started: float) -> None:
    """``docproc serve`` from the venv, then an application, an upload, its checklist, and the pages."""
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(work), "DOCPROC_ENV": "development",
           "DOCPROC_DATA_DIR": str(work / "var"), "LANG": "C.UTF-8"}
    docproc = str(venv / "bin" / "docproc")
    version = subprocess.run([docproc, "--version"], env=env, cwd=work, capture_output=True, text=True, check=True)
    _step(f"docproc --version: {version.stdout.strip()}", started)
    key = subprocess.run([docproc, "keys", "create", "wheel-smoke", "--branch", "main"], env=env, cwd=work,
                         capture_output=True, text=True, check=True).stdout.strip()
    port = _free_port()
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {key}"}
    server = subprocess.Popen([docproc, "serve", "--port", str(port), "--workers", "1"], env=env, cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _until(lambda: _request(f"{base}/readyz")[0] == 200, 120, "ready", server)
        _step("docproc serve (gunicorn) ready: /readyz 200", started)
        for path in ("/login", "/static/app.css", "/api/v1/openapi.json"):
            status, body = _request(base + path)
            assert status == 200, (path, status)
            _step(f"GET {path}: {status} ({len(body)} bytes)", started)
        status, body = _request(f"{base}/api/v1/applications", headers={"Content-Type": "application/json", **auth},
                                data=json.dumps({"profile": "salaried", "application_date": "2026-11-20"}).encode())
        assert status == 201, body
        app_id = json.loads(body)["id"]
        boundary = uuid.uuid4().hex
        form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{UPLOAD.name}\"\r\n"
                "Content-Type: image/jpeg\r\n\r\n").encode() + UPLOAD.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        status, body = _request(f"{base}/api/v1/applications/{app_id}/documents", data=form,
                                headers={"Content-Type": f"multipart/form-data; boundary={boundary}", **auth})
        assert status == 202, body
        _step(f"POST documents: {status} {json.loads(body)['files'][0]['state']}", started)
        _until(lambda: _request(f"{base}/api/v1/applications/{app_id}/checklist", headers=auth)[0] == 200, 300,
               "checklist", server)
        checklist = json.loads(_request(f"{base}/api/v1/applications/{app_id}/checklist", headers=auth)[1])
        freshness = next(i for i in checklist["items"] if i["id"] == "freshness.id_card")
        _step(f"checklist ready: status {checklist['status']}, freshness.id_card {freshness['status']}", started)
        assert freshness["status"] == "fail"
        status, body = _request(f"{base}/metrics")
        figures = [line for line in body.decode().splitlines()
                   if line.startswith(("docproc_job_seconds_count", "docproc_ocr_page_seconds_count", "docproc_files{"))]
        _step(f"GET /metrics: {status}; " + "; ".join(figures), started)
        assert status == 200 and any('stage="read"' in line for line in figures), figures
    finally:
        server.send_signal(signal.SIGTERM)
        out, _ = server.communicate(timeout=90)
        _step(f"docproc serve stopped with {server.returncode}", started)
        if server.returncode:
            print(out.decode(errors="replace")[-3000:])


def main() -> int:
    """Build, install, serve, upload; print the steps."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (its path is printed).")
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="docproc-wheel-"))
    try:
        wheel = build_wheel(work)
        _step(f"built {wheel.name} ({wheel.stat().st_size // 1024} KiB)", started)
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True)
        _step("installed into a fresh venv", started)
        probe = ("import importlib.util as u, web, docproc; "
                 f"print(u.find_spec('samples') is None, web.__file__.startswith({str(venv)!r}))")
        answer = subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=work, capture_output=True,
                                text=True, check=True, env={"PATH": "/usr/bin:/bin"}).stdout.split()
        assert answer == ["True", "True"], answer
        _step("imports come from the venv; the sample generator is not installed", started)
        serve_and_upload(venv, work, started)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("wheel smoke: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
