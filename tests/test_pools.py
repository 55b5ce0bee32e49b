"""Batch pool children exit when the command that started them is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PARENT = textwrap.dedent("""
    import os, sys, time
    from docproc.core.pools import process_pool

    def job(path):
        with open(path, "w") as fh:
            fh.write(str(os.getpid()))
        time.sleep(120)

    if __name__ == "__main__":
        with process_pool(1) as pool:
            pool.submit(job, sys.argv[1]).result()
""")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its reaping is left


def test_pool_children_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    script, pid_file = tmp_path / "parent.py", tmp_path / "child.pid"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(pid_file)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pid_file.exists() and pid_file.read_text(), "the pool never started its job"
        child = int(pid_file.read_text())
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(child), "the pool child outlived its killed parent"
    finally:
        parent.kill()
        if pid_file.exists() and pid_file.read_text() and _alive(child := int(pid_file.read_text())):
            os.kill(child, signal.SIGKILL)  # a broken guard must not leave it running for two minutes
