"""Fault suite: a served instance keeps every upload through worker kills, a Redis restart and a full disk.

    python scripts/fault_suite.py [--files 20] [--kills 10] [--workers 2] [--keep DIR]

Starts a private redis-server (no persistence, so its restart loses every job) on a free 127.0.0.1
port and ``docproc serve --workers 2`` on it, then uploads a batch of files (each file's bytes made
unique with a trailer, so every one is really read) through the API while it

- kills a worker process with SIGKILL ``--kills`` times (alternately the worker alone, and the
  worker with its work-horse),
- restarts Redis once, mid-batch,
- fills the data volume once: a small tmpfs mounted for the run where the machine allows it (root),
  else the real disk with DOCPROC_MIN_FREE_BYTES set just under its free space; uploads meanwhile
  must be refused 507 with nothing stored, and are sent again once the space is freed.

It ends when every application has its checklist (or after ``--timeout``), reads every file's state
from the database and prints the counts. Exit status 0 when every file is ``done`` or ``error`` with
a reason and none is lost or stuck, and no request answered 5xx other than 503/507; else 1.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.served import batch_files, free_port, multipart, request, wait_ready  # noqa: E402

FLOOR = 16 * 1024 * 1024
TMPFS_SIZE = 512 * 1024 * 1024


class Volume:
    """The data directory: a small tmpfs where it can be mounted, else a directory on the real disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.mkdir(parents=True, exist_ok=True)
        self.tmpfs = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0700", "tmpfs", str(path)],
            capture_output=True).returncode == 0
        self.filler = path / "filler.bin"

    @property
    def kind(self) -> str:
        """How the volume was made."""
        return f"tmpfs {TMPFS_SIZE // 2**20} MiB" if self.tmpfs else "real disk with a free-space floor"

    def floor(self) -> int:
        """The DOCPROC_MIN_FREE_BYTES for the run."""
        if self.tmpfs:
            return FLOOR
        return max(FLOOR, shutil.disk_usage(self.path).free - 2 * 1024**3)  # 2 GiB of room for the batch

    def fill(self, floor: int) -> int:
        """Write a filler until less than ``floor`` is free; returns the bytes written."""
        written = 0
        chunk = b"\0" * (8 * 1024 * 1024)
        with self.filler.open("wb") as out:
            while shutil.disk_usage(self.path).free > floor // 2:
                try:
                    out.write(chunk)
                    out.flush()
                except OSError:
                    break
                written += len(chunk)
        return written

    def free(self) -> None:
        """Remove the filler."""
        self.filler.unlink(missing_ok=True)

    def close(self) -> None:
        """Unmount the tmpfs (lazily, should something still hold it)."""
        if self.tmpfs:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True)


class Faults:
    """Kills, the Redis restart and the full volume, with what each did."""

    def __init__(self, serve: subprocess.Popen[bytes], redis: Any, volume: Volume, floor: int) -> None:
        self.serve, self.redis, self.volume, self.floor = serve, redis, volume, floor
        self.kills: list[int] = []
        self.pids_seen: set[int] = set()
        self.redis_restarts = 0
        self.full = threading.Event()
        self.filled_bytes = 0

    def worker_pids(self) -> list[int]:
        """The serve process's worker children."""
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.serve.pid)], capture_output=True, text=True).stdout
        pids = []
        for pid in map(int, out.split()):
            try:
                if b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    pids.append(pid)
            except OSError:
                continue
        self.pids_seen.update(pids)
        return pids

    def kill_one(self, *, with_horse: bool) -> int | None:
        """SIGKILL one worker process (and its work-horse); returns its pid."""
        pids = self.worker_pids()
        if not pids:
            return None
        victim = random.choice(pids)
        horses = subprocess.run(["ps", "-o", "pid=", "--ppid", str(victim)], capture_output=True, text=True).stdout.split()
        try:
            os.kill(victim, signal.SIGKILL)
            if with_horse:
                for horse in map(int, horses):
                    os.kill(horse, signal.SIGKILL)
        except ProcessLookupError:
            return None
        self.kills.append(victim)
        return victim

    def restart_redis(self) -> None:
        """Stop the private Redis (its jobs are lost) and start it again on its port."""
        self.redis.stop()
        time.sleep(2)
        self.redis.start()
        self.redis_restarts += 1

    def fill_volume(self) -> None:
        """Fill the data volume below the floor."""
        self.filled_bytes = self.volume.fill(self.floor)
        self.full.set()

    def free_volume(self) -> None:
        """Free it again."""
        self.volume.free()
        self.full.clear()


def _start_serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    log = open(Path(env["DOCPROC_DATA_DIR"]).parent / "serve.log", "wb")  # noqa: SIM115 (lives with the process)
    return subprocess.Popen([sys.executable, "-m", "docproc.cli.main", "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)


def run(args: argparse.Namespace) -> int:
    """The whole suite; returns the exit status."""
    from docproc.service import jobs as worker
    from docproc.store.database import Database
    from docproc.store.sealing import Keyring

    work = Path(args.keep or tempfile.mkdtemp(prefix="docproc-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    redis = worker.EmbeddedRedis(work / "redis", persist=False)
    volume = Volume(work / "data")
    serve = None
    try:
        redis_url = redis.start()
        floor = volume.floor()
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
        env.update(REDIS_URL=redis_url, DOCPROC_DATA_DIR=str(volume.path), PYTHONPATH=str(ROOT),
                   DOCPROC_MIN_FREE_BYTES=str(floor), DOCPROC_RECONCILE_INTERVAL="5",
                   DOCPROC_JOB_RETRY_INTERVALS="[2,5,10]", DOCPROC_SECRET_KEY=secrets.token_urlsafe(48),
                   DOCPROC_DATA_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        key = subprocess.run([sys.executable, "-m", "docproc.cli.main", "keys", "create", "fault-suite", "--branch", "main"],
                             env=env, capture_output=True, text=True, check=True).stdout.strip()
        port = free_port()
        base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {key}"}
        serve = _start_serve(env, port, args.workers)
        wait_ready(base, serve)
        faults = Faults(serve, redis, volume, floor)
        faults.worker_pids()
        print(f"served on {base}; Redis {redis_url}; data volume: {volume.kind}, floor {floor} bytes", flush=True)
        keyring = Keyring.from_text(env["DOCPROC_DATA_KEY"])  # the served instance's key opens its rows
        return _batch(args, base, auth, faults, Database(f"sqlite:///{volume.path / 'docproc.sqlite3'}", keyring=keyring))
    finally:
        if serve is not None and serve.poll() is None:
            serve.send_signal(signal.SIGTERM)
            try:
                serve.wait(timeout=60)
            except subprocess.TimeoutExpired:
                serve.kill()
        redis.stop()
        volume.free()
        volume.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _batch(args: argparse.Namespace, base: str, auth: dict[str, str], faults: Faults, db: Any) -> int:
    files = batch_files(args.files)
    bundles = sorted({b for b, _, _ in files})
    apps = {}
    for bundle in bundles:
        status, body = request(f"{base}/api/v1/applications", data=json.dumps(
            {"profile": "salaried", "application_date": "2026-11-20"}).encode(),
            headers={"Content-Type": "application/json", **auth})
        assert status == 201, body
        apps[bundle] = body["id"]
    statuses: Counter[int] = Counter()
    accepted: dict[str, str] = {}  # file id -> name
    refused_full = 0
    redis_at, fill_at = args.files // 2, args.files // 3
    kill_every = max(1, args.files // max(1, args.kills))
    started = time.monotonic()
    for i, (bundle, name, payload) in enumerate(files):
        if i == fill_at:
            faults.fill_volume()
        if i == redis_at:
            threading.Thread(target=faults.restart_redis, daemon=True).start()
        body, content_type = multipart(name, payload)
        url = f"{base}/api/v1/applications/{apps[bundle]}/documents"
        while True:
            status, answer = request(url, data=body, headers={"Content-Type": content_type, **auth})
            statuses[status] += 1
            if status == 202:
                for item in answer["files"]:
                    accepted[item["id"]] = name
                break
            if status == 507:  # the store is full: nothing was stored; free the space and send again
                refused_full += 1
                time.sleep(args.full_seconds)  # the workers meanwhile write on a full volume
                faults.free_volume()
                continue
            if status == 503:
                time.sleep(1)
                continue
            print(f"upload {name}: {status} {answer}", flush=True)
            break
        if i % kill_every == kill_every - 1 and len(faults.kills) < args.kills:
            faults.kill_one(with_horse=len(faults.kills) % 2 == 1)
        time.sleep(args.pace)
    while len(faults.kills) < args.kills:  # the batch is still being read: the rest of the kills now
        time.sleep(args.pace * 2)
        if len(faults.worker_pids()) == args.workers:
            faults.kill_one(with_horse=len(faults.kills) % 2 == 1)
    faults.free_volume()
    finished = _wait_for_checklists(base, auth, list(apps.values()), timeout=args.timeout, faults=faults)
    return _report(db, apps, accepted, statuses, refused_full, faults, finished, time.monotonic() - started,
                   sent=len(files))


def _wait_for_checklists(base: str, auth: dict[str, str], app_ids: list[str], *, timeout: float,
                         faults: Faults) -> bool:
    deadline = time.monotonic() + timeout
    waiting = set(app_ids)
    while waiting and time.monotonic() < deadline:
        faults.worker_pids()
        for app_id in sorted(waiting):
            if request(f"{base}/api/v1/applications/{app_id}/checklist", headers=auth)[0] == 200:
                waiting.discard(app_id)
        time.sleep(1)
    return not waiting


def _report(db: Any, apps: dict[str, str], accepted: dict[str, str], statuses: Counter[int], refused_full: int,
            faults: Faults, finished: bool, seconds: float, *, sent: int) -> int:
    stored = {f.id: f for app_id in apps.values() for f in db.files_of(app_id)}
    states = Counter(f.state.value for f in stored.values())
    lost = sorted(set(accepted) - set(stored))
    stuck = sorted(f.id for f in stored.values() if f.state.value in ("received", "queued", "reading"))
    silent_errors = sorted(f.id for f in stored.values() if f.state.value == "error" and not f.error)
    reasons = Counter(f.error_code or "?" for f in stored.values() if f.state.value == "error")
    server_errors = sum(n for code, n in statuses.items() if code >= 500 and code not in (503, 507))
    checklists = sum(db.latest_checklist(a) is not None for a in apps.values())
    print(f"files: {sent} sent, {len(accepted)} accepted "
          f"({refused_full} refused 507 while the volume was full, then sent again)")
    print(f"upload answers: {dict(sorted(statuses.items()))}; 5xx other than 503/507: {server_errors}")
    print(f"worker SIGKILLs: {len(faults.kills)}; worker processes seen: {len(faults.pids_seen)}; "
          f"Redis restarts: {faults.redis_restarts}; volume fills: 1 ({faults.filled_bytes} bytes written)")
    print(f"file states: {dict(sorted(states.items()))}; errors by reason: {dict(sorted(reasons.items()))}")
    print(f"lost: {len(lost)}; stuck: {len(stuck)}; errors without a reason: {len(silent_errors)}; "
          f"checklists: {checklists}/{len(apps)}; all checklists in time: {finished}; {seconds:.0f} s")
    ok = not lost and not stuck and not silent_errors and not server_errors and finished and checklists == len(apps)
    print("RESULT:", "ok" if ok else "FAILED", flush=True)
    return 0 if ok else 1


def main() -> None:
    """Parse arguments and run the suite."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pace", type=float, default=1.5, help="seconds between uploads")
    parser.add_argument("--full-seconds", type=float, default=5, help="how long the volume stays full")
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for the checklists")
    parser.add_argument("--keep", help="keep the run (data, logs) in this directory")
    random.seed(15)
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
