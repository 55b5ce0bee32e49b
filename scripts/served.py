"""What the operations scripts (fault_suite.py, scale_test.py) share: free ports, JSON requests, multipart
uploads, the sample files made unique, and waiting for a served instance to be ready."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "samples" / "tiny"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None, opener: urllib.request.OpenerDirector | None = None) -> tuple[int, Any]:
    """``(status, body)``: the body parsed as JSON when it is JSON, else its bytes or text."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with (opener.open if opener else urllib.request.urlopen)(req, timeout=60) as response:
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            return response.status, json.loads(body or b"null") if "json" in kind or not body else body
    except urllib.error.HTTPError as err:
        body = err.read()
        try:
            return err.code, json.loads(body)
        except ValueError:
            return err.code, body.decode(errors="replace")


def multipart(name: str, payload: bytes) -> tuple[bytes, str]:
    """A one-file ``multipart/form-data`` body (field ``file``) and its content type."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + payload + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def sample_files() -> list[Path]:
    """The committed tiny sample images and PDFs, in a fixed order."""
    return sorted(p for p in TINY.glob("*/*") if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".pdf"})


def batch_files(count: int, *, tag: str = "fault-suite", kinds: int | None = None) -> list[tuple[str, str, bytes]]:
    """``(bundle, name, bytes)``: the sample files in turn (the first ``kinds`` of them), each made unique by
    a trailer decoders ignore."""
    sources = sample_files()[:kinds]
    return [(src.parent.name, f"{i:02d}_{src.name}", src.read_bytes() + f"\n%{tag} {i} {uuid.uuid4()}\n".encode())
            for i, src in ((i, sources[i % len(sources)]) for i in range(count))]


def wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Until ``base``/readyz answers 200 (SystemExit when the process exits or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the served process exited with {process.returncode}")
        try:
            if request(f"{base}/readyz")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"{base} did not become ready within {timeout:.0f} s")
