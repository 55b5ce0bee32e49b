"""`docproc serve` with no Redis configured: embedded Redis and workers, real HTTP, clean shutdown."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT, TINY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def _request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_serve_embedded_queue_end_to_end_and_clean_stop(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT))
    key = subprocess.run([sys.executable, "-m", "docproc.cli.main", "keys", "create", "serve-test", "--branch", "main"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    auth = {"Authorization": f"Bearer {key}"}
    server = subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", "1"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _request(f"{base}/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert time.monotonic() < deadline, "server did not become healthy"
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            time.sleep(0.2)
        status, app = _request(f"{base}/api/v1/applications", data=json.dumps(
            {"profile": "salaried", "application_date": "2026-11-20"}).encode(), headers={"Content-Type": "application/json", **auth})
        assert status == 201
        body, content_type = _multipart(TINY / "a02_expired_id" / "id_back.jpg")
        status, posted = _request(f"{base}/api/v1/applications/{app['id']}/documents", data=body,
                                  headers={"Content-Type": content_type, **auth})
        assert status == 202 and posted["files"][0]["state"] == "queued"
        deadline = time.monotonic() + 120
        while (result := _request(f"{base}/api/v1/applications/{app['id']}/checklist", headers=auth))[0] == 202:
            assert time.monotonic() < deadline, f"checklist not ready: {result[1]}"
            time.sleep(0.5)
        status, checklist = result
        assert status == 200
        freshness = next(i for i in checklist["items"] if i["id"] == "freshness.id_card")
        assert freshness["status"] == "fail"
        children = _children(server.pid)
        assert len(children) >= 2  # the embedded redis-server and one worker
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in children if _alive(pid)] == []


def _worker_children(pid: int) -> list[int]:
    return [c for c in _children(pid) if b"worker" in Path(f"/proc/{c}/cmdline").read_bytes()]


@pytest.mark.slow
def test_serve_restarts_a_sigkilled_worker_and_readyz_follows(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DOCPROC_DATA_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", "1"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return _request(f"{base}/readyz")[0] == 200
        except (urllib.error.URLError, ConnectionError):
            return False

    try:
        _until(ready, 60, "readiness")
        [first] = _worker_children(server.pid)
        os.kill(first, signal.SIGKILL)
        _until(lambda: _request(f"{base}/readyz")[0] == 503, 10, "not ready once the worker is gone")
        assert _request(f"{base}/healthz")[0] == 200
        _until(lambda: [p for p in _worker_children(server.pid) if p != first and _alive(p)], 30, "a new worker")
        _until(ready, 60, "readiness again")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def _until(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out after {timeout}s waiting for {what}"
        time.sleep(0.2)


def test_serve_runs_gunicorn_with_the_web_processes_asked_and_stops_them_all(tmp_path: Path, redis_url: str) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DOCPROC_DATA_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT), REDIS_URL=redis_url)
    server = subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", "0",
                               "--web-workers", "3", "--threads", "2"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=5) as response:
                    server_header = response.headers["Server"]
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert time.monotonic() < deadline and server.poll() is None, "server did not come up"
            time.sleep(0.2)
        assert server_header.startswith("gunicorn")
        (master,) = _children(server.pid)  # --workers 0 and REDIS_URL: no rq worker, no embedded Redis
        web_processes = _children(master)
        assert len(web_processes) == 3
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert server.returncode == 0
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in [master, *web_processes]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in [master, *web_processes] if _alive(pid)] == []
