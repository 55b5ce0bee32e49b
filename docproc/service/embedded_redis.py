"""A private redis-server under the data directory, for ``docproc serve`` without REDIS_URL and for tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from redis import Redis

from docproc.core.errors import ConfigError


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedRedis:
    """A private redis-server under the data directory, started and stopped by docproc itself."""

    def __init__(self, data_dir: Path, *, persist: bool = True) -> None:
        self.data_dir = Path(data_dir) / "redis"
        self.persist = persist  # append-only file: the queue survives a restart
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.port = 0

    def start(self) -> str:
        """Start redis-server on a free loopback port (the same one again on a restart, so clients
        reconnect; its append-only file brings the queue back); returns its URL once it answers."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise ConfigError("no REDIS_URL and no redis-server on PATH: run scripts/bootstrap.sh or set REDIS_URL")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port = self.port = self.port or _free_port()
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(self.data_dir),
             "--appendonly", "yes" if self.persist else "no", "--save", "", "--daemonize", "no",
             "--logfile", "redis.log"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self.url = f"redis://127.0.0.1:{port}/0"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                Redis.from_url(self.url).ping()
                return self.url
            except Exception:
                if self.process.poll() is not None:
                    raise ConfigError(f"embedded redis-server exited (see {self.data_dir}/redis.log)") from None
                time.sleep(0.05)
        self.stop()
        raise ConfigError("embedded redis-server did not answer within 15 s")

    def alive(self) -> bool:
        """The server process is running."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the server and wait for it."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
