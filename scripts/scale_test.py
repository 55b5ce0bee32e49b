"""Scale test: a web and two workers that share only Redis, PostgreSQL and an S3 object store.

    python scripts/scale_test.py [--applications 30] [--redis-url URL] [--keep DIR]

Starts a private SeaweedFS (S3 gateway on a free 127.0.0.1 port, one bucket), makes a fresh PostgreSQL
database (DOCPROC_TEST_POSTGRES_URL, default 127.0.0.1:5432) and uses the Redis at --redis-url (default:
REDIS_URL, else 127.0.0.1:6379, else a private redis-server) on a queue of its own. Then, as separate
processes each with its own EMPTY data directory (no local path is shared):

- the web: ``docproc serve --workers 0`` (REDIS_URL, DATABASE_URL, DOCPROC_STORAGE_URL),
- two workers: ``docproc worker``.

N applications are posted through the API, one sample file each (the committed samples/tiny images in turn,
each made unique by a trailer, so the same picture comes back in later applications). Once a third of the
files are read, worker 1 is killed for good (SIGKILL of its process group, its job in flight with it) while
it is busy; worker 2 finishes everything. Then every checklist must be ready, every original and the
evidence crops served by the web, duplicate pages found across the two workers, and nothing stored under
the three data directories. Prints counts and seconds; exit status 0 when all of it holds.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.served import batch_files, free_port, multipart, request, wait_ready  # noqa: E402
from tests.s3 import SeaweedFS  # noqa: E402

POSTGRES_URL = os.environ.get("DOCPROC_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "scale-test-" + secrets.token_urlsafe(12)
CLI = [sys.executable, "-m", "docproc.cli.main"]


class Cluster:
    """The shared services and the three docproc processes, each with its own data directory."""

    def __init__(self, work: Path, redis_url: str | None) -> None:
        self.work = work
        self.seaweed = SeaweedFS(work / "seaweedfs")
        self.redis_url = redis_url
        self.embedded: Any = None
        self.database = ""
        self.db_name = f"docproc_scale_{uuid.uuid4().hex[:10]}"
        self.env: dict[str, str] = {}
        self.web: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self.base = ""

    def data_dir(self, name: str) -> Path:
        """An empty data directory of one process."""
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def start_services(self) -> None:
        """SeaweedFS and its bucket, the PostgreSQL database, Redis."""
        import psycopg2

        self.seaweed.start()
        bucket = f"docproc-scale-{uuid.uuid4().hex[:8]}"
        self.seaweed.make_bucket(bucket)
        admin = psycopg2.connect(POSTGRES_URL, connect_timeout=5)
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE {self.db_name}")
        admin.close()
        self.database = f"{POSTGRES_URL.rsplit('/', 1)[0]}/{self.db_name}"
        self.redis_url = self.redis_url or _reachable_redis()
        if self.redis_url is None:
            from docproc.service.jobs import EmbeddedRedis

            self.embedded = EmbeddedRedis(self.work / "redis", persist=False)
            self.redis_url = self.embedded.start()
        base = {k: v for k, v in os.environ.items() if not k.startswith(("DOCPROC_", "AWS_"))
                and k not in ("DATABASE_URL", "REDIS_URL")}
        self.env = {**base, **self.seaweed.env(), "PYTHONPATH": str(ROOT), "REDIS_URL": self.redis_url,
                    "DATABASE_URL": self.database, "DOCPROC_STORAGE_URL": f"s3://{bucket}/docproc",
                    "DOCPROC_QUEUE_NAME": f"docproc-scale-{uuid.uuid4().hex[:8]}",
                    "DOCPROC_DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
                    "DOCPROC_SECRET_KEY": secrets.token_urlsafe(48), "DOCPROC_SECURE_COOKIE": "false",
                    "DOCPROC_RECONCILE_INTERVAL": "5", "DOCPROC_JOB_RETRY_INTERVALS": "[2,5,10]",
                    "DOCPROC_OCR_THREADS": "1"}

    def run_cli(self, *args: str) -> str:
        """A docproc command on the shared services (from a data directory of its own); its output."""
        env = {**self.env, "DOCPROC_DATA_DIR": str(self.data_dir("cli-data"))}
        return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, check=True).stdout.strip()

    def migrate(self) -> None:
        """``docproc db upgrade`` where the release has it (the schema is otherwise made at start)."""
        env = {**self.env, "DOCPROC_DATA_DIR": str(self.data_dir("cli-data"))}
        done = subprocess.run([*CLI, "db", "upgrade"], env=env, capture_output=True, text=True)
        if done.returncode not in (0, 2):  # 2: no such command in this release
            raise SystemExit(f"docproc db upgrade failed: {done.stderr}")

    def start_worker(self, index: int) -> subprocess.Popen[bytes]:
        """``docproc worker`` in a process group of its own (so its work horse can be killed with it)."""
        env = {**self.env, "DOCPROC_DATA_DIR": str(self.data_dir(f"worker{index}-data"))}
        log = (self.work / f"worker{index}.log").open("wb")
        proc = subprocess.Popen([*CLI, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.workers.append(proc)
        return proc

    def start_web(self) -> None:
        """``docproc serve --workers 0`` on a free port; returns once /readyz answers 200."""
        port = free_port()
        env = {**self.env, "DOCPROC_DATA_DIR": str(self.data_dir("web-data"))}
        log = (self.work / "web.log").open("wb")
        self.web = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "0"],
                                    env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{port}"
        wait_ready(self.base, self.web, timeout=180)

    def stop(self) -> None:
        """Stop everything this run started, and drop its database."""
        for proc in [*self.workers, *([self.web] if self.web else [])]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*self.workers, *([self.web] if self.web else [])]:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.seaweed.stop()
        if self.embedded is not None:
            self.embedded.stop()
        if self.database:
            import psycopg2

            admin = psycopg2.connect(POSTGRES_URL, connect_timeout=5)
            admin.autocommit = True
            with admin.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
            admin.close()


def _reachable_redis() -> str | None:
    from redis import Redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return None
    return url


class Tracker:
    """Which worker read which file (from rq's job records, kept before they expire)."""

    def __init__(self, cluster: Cluster) -> None:
        from docproc.core.settings import Settings
        from docproc.service import jobs

        self.queue = jobs.make_queue(jobs.connect(cluster.redis_url or ""),
                                     Settings(queue_name=cluster.env["DOCPROC_QUEUE_NAME"]))
        self.pids = {proc.pid: f"worker{i + 1}" for i, proc in enumerate(cluster.workers)}
        self.names: dict[str, str] = {}  # rq worker name -> worker1 / worker2
        self.read_by: dict[str, str] = {}  # file id -> worker1 / worker2
        self.seen_at: dict[str, float] = {}  # file id -> when its finished job was first seen

    def poll(self) -> None:
        """Note the workers' rq names and the files their finished jobs read."""
        from rq import worker_registration
        from rq.job import Job
        from rq.registry import FinishedJobRegistry

        conn = self.queue.connection
        for key in worker_registration.get_keys(self.queue):
            pid = conn.hget(key, "pid")
            if pid is not None and int(pid) in self.pids:
                self.names[key.removeprefix("rq:worker:")] = self.pids[int(pid)]
        for job_id in FinishedJobRegistry(queue=self.queue).get_job_ids():
            try:
                job = Job.fetch(job_id, connection=conn)
            except Exception:
                continue
            if (job.description or "").startswith("process ") and job.worker_name in self.names:
                file_id = job.description.split(" ", 1)[1]
                self.read_by[file_id] = self.names[job.worker_name]
                self.seen_at.setdefault(file_id, time.monotonic())

    def reading(self, label: str) -> str | None:
        """The file that worker is reading now, if any."""
        from rq.job import Job
        from rq.registry import StartedJobRegistry

        for job_id in StartedJobRegistry(queue=self.queue).get_job_ids():
            try:
                job = Job.fetch(job_id, connection=self.queue.connection)
            except Exception:
                continue
            mine = self.names.get(job.worker_name or "") == label and (job.description or "").startswith("process ")
            if mine and job.get_status(refresh=False) == "started" and job.description.split(" ", 1)[1] not in self.read_by:
                return job.description.split(" ", 1)[1]
        return None


def run(applications: int, *, redis_url: str | None = None, keep: str | None = None, timeout: float = 1500) -> int:
    """The whole test; returns the exit status."""
    work = Path(keep or tempfile.mkdtemp(prefix="docproc-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(work, redis_url)
    try:
        started = time.monotonic()
        cluster.start_services()
        cluster.migrate()
        key = cluster.run_cli("keys", "create", "scale-test", "--branch", "main")
        _create_admin(cluster)
        cluster.start_worker(1)
        cluster.start_worker(2)
        cluster.start_web()
        ready_at = time.monotonic()
        print(f"web {cluster.base}; workers pids {[p.pid for p in cluster.workers]}; Redis {cluster.redis_url}; "
              f"storage {cluster.env['DOCPROC_STORAGE_URL']} at {cluster.env['AWS_ENDPOINT_URL']}; "
              f"PostgreSQL {cluster.db_name}; up in {ready_at - started:.0f} s", flush=True)
        return _exercise(cluster, applications, {"Authorization": f"Bearer {key}"}, timeout=timeout)
    finally:
        cluster.stop()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def _create_admin(cluster: Cluster) -> None:
    from docproc.core.settings import Settings
    from docproc.store.accounts import Accounts
    from docproc.store.database import Database
    from docproc.store.sealing import Keyring

    db = Database(Settings(database_url=cluster.database).db_url, keyring=Keyring.from_text(cluster.env["DOCPROC_DATA_KEY"]))
    Accounts(db).create("scale-admin", PASSWORD, role="admin", branch="main")
    db.engine.dispose()


def _exercise(cluster: Cluster, applications: int, auth: dict[str, str], *, timeout: float) -> int:
    base, tracker = cluster.base, Tracker(cluster)
    # every picture at least twice: the later applications hand in a page an earlier one did
    files = batch_files(applications, tag="scale-test", kinds=max(1, applications // 2))
    sent: dict[str, tuple[str, str, bytes]] = {}  # application id -> (file id, name, bytes)
    statuses: Counter[int] = Counter()
    t0 = time.monotonic()
    for _bundle, name, payload in files:
        status, body = request(f"{base}/api/v1/applications", data=_json({"profile": "salaried",
                               "application_date": "2026-11-20"}), headers={"Content-Type": "application/json", **auth})
        statuses[status] += 1
        if status != 201:
            print(f"create application: {status} {body}", flush=True)
            continue
        upload, content_type = multipart(name, payload)
        status, answer = request(f"{base}/api/v1/applications/{body['id']}/documents", data=upload,
                                 headers={"Content-Type": content_type, **auth})
        statuses[status] += 1
        if status == 202:
            sent[body["id"]] = (answer["files"][0]["id"], name, payload)
        else:
            print(f"upload {name}: {status} {answer}", flush=True)
    posted = time.monotonic() - t0
    print(f"posted {len(sent)}/{applications} applications in {posted:.1f} s; answers {dict(sorted(statuses.items()))}",
          flush=True)
    killed_at, killed_after, ready = _wait(cluster, tracker, base, auth, list(sent), timeout=timeout)
    processing = time.monotonic() - t0
    tracker.poll()
    return _verify(cluster, tracker, auth, sent, ready, processing=processing, killed_after=killed_after,
                   killed_at=killed_at)


def _json(value: Any) -> bytes:
    import json

    return json.dumps(value).encode()


def _wait(cluster: Cluster, tracker: Tracker, base: str, auth: dict[str, str], app_ids: list[str], *,
          timeout: float) -> tuple[float | None, int, set[str]]:
    """Poll the checklists; kill worker 1 for good once a third of the files are read and it is busy."""
    t0, deadline = time.monotonic(), time.monotonic() + timeout
    ready: set[str] = set()
    killed_at, killed_after, in_hand, killed_clock = None, 0, None, 0.0
    victim = cluster.workers[0]
    while len(ready) < len(app_ids) and time.monotonic() < deadline:
        tracker.poll()
        if killed_at is None and len(tracker.read_by) >= len(app_ids) // 3:
            in_hand = tracker.reading("worker1")
        if killed_at is None and in_hand:
            killed_clock = time.monotonic()
            _kill_with_horses(victim)  # the worker and its work horse (a process group of its own): a host lost
            killed_at, killed_after = time.monotonic() - t0, len(tracker.read_by)
            print(f"worker1 killed for good at {killed_at:.0f} s while reading {in_hand}, after {killed_after} "
                  "files were read", flush=True)
        for app_id in sorted(set(app_ids) - ready):
            if request(f"{base}/api/v1/applications/{app_id}/checklist", headers=auth)[0] == 200:
                ready.add(app_id)
        time.sleep(1)
    if in_hand:
        tracker.poll()
        done = tracker.seen_at.get(in_hand)
        print(f"the file worker1 was reading when killed: read again by {tracker.read_by.get(in_hand, 'nobody')}"
              f"{'' if done is None else f', {done - killed_clock:.0f} s after the kill'}", flush=True)
    return killed_at, killed_after, ready


def _kill_with_horses(worker: subprocess.Popen[bytes]) -> None:
    horses = subprocess.run(["ps", "-o", "pid=", "--ppid", str(worker.pid)], capture_output=True, text=True).stdout
    os.killpg(worker.pid, signal.SIGKILL)
    for horse in map(int, horses.split()):
        with contextlib.suppress(ProcessLookupError):
            os.kill(horse, signal.SIGKILL)
    worker.wait()


def _verify(cluster: Cluster, tracker: Tracker, auth: dict[str, str], sent: dict[str, tuple[str, str, bytes]],
            ready: set[str], *, processing: float, killed_after: int, killed_at: float | None) -> int:
    base = cluster.base
    served = sum(
        request(f"{base}/api/v1/applications/{app}/files/{file_id}/content", headers=auth)[1] == payload
        for app, (file_id, _, payload) in sent.items())
    web = _signed_in(base)
    crops = crop_ok = pages_ok = 0
    duplicates_flagged = 0
    for app, (file_id, _, _) in sent.items():
        status, html = request(f"{base}/applications/{app}", opener=web)
        text = html.decode(errors="replace") if isinstance(html, bytes) else str(html)
        urls = [u.replace("&amp;", "&") for u in re.findall(r'src="(/applications/[^"]+/evidence/[^"]+)"', text)]
        _, checklist = request(f"{base}/api/v1/applications/{app}/checklist", headers=auth)
        items = checklist.get("items", []) if isinstance(checklist, dict) else []
        duplicates_flagged += any(i["id"] == "anomaly.duplicate_document" and i["status"] != "pass" for i in items)
        for url in urls:
            crops += 1
            status, body = request(f"{base}{url}", opener=web)
            crop_ok += status == 200 and isinstance(body, bytes) and body[:2] == b"\xff\xd8"
        status, body = request(f"{base}/files/{file_id}/pages/1.jpg", opener=web)
        pages_ok += status == 200 and isinstance(body, bytes) and body[:2] == b"\xff\xd8"
    cross, pairs = _cross_worker_duplicates(cluster, tracker, list(sent))
    states = _file_states(cluster, list(sent))
    leftovers = {name: sum(1 for p in cluster.work.joinpath(name).rglob("*") if p.is_file())
                 for name in ("web-data", "worker1-data", "worker2-data")}
    by_worker = Counter(tracker.read_by.values())
    print(f"checklists ready: {len(ready)}/{len(sent)}; file states: {dict(sorted(states.items()))}")
    print(f"files read by worker: {dict(sorted(by_worker.items()))} (worker1 killed at "
          f"{'-' if killed_at is None else f'{killed_at:.0f} s'} after {killed_after}); worker2 alive: "
          f"{cluster.workers[1].poll() is None}")
    print(f"originals served by the web, byte for byte: {served}/{len(sent)}; page images: {pages_ok}/{len(sent)}; "
          f"evidence crops: {crop_ok}/{crops}")
    print(f"duplicate pages found: {pairs} (read by different workers: {cross}); applications flagged: "
          f"{duplicates_flagged}")
    print(f"files under the data directories: {leftovers}")
    print(f"seconds from the first post to every checklist: {processing:.0f} "
          f"({len(sent) / processing * 60:.1f} applications a minute)")
    ok = (len(ready) == len(sent) and served == len(sent) and pages_ok == len(sent) and crops > 0
          and crop_ok == crops and cross > 0 and killed_at is not None and by_worker.get("worker2", 0) > 0
          and not any(leftovers.values()) and states.get("done", 0) == len(sent))
    print("RESULT:", "ok" if ok else "FAILED", flush=True)
    return 0 if ok else 1


def _signed_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _, page = request(f"{base}/login", opener=opener)
    text = page.decode() if isinstance(page, bytes) else str(page)
    match = re.search(r'name="csrf[-_]token" (?:value|content)="([^"]+)"', text)
    if match is None:
        raise SystemExit("no CSRF token on the sign-in page")
    from urllib.parse import urlencode

    form = urlencode({"username": "scale-admin", "password": PASSWORD, "csrf_token": match.group(1)}).encode()
    status, _ = request(f"{base}/login", data=form, opener=opener,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    if status not in (200, 302):
        raise SystemExit(f"signing in answered {status}")
    return opener


def _reader_context(cluster: Cluster) -> Any:
    """A fourth process's view: the shared services and a data directory of its own."""
    from docproc.core.settings import Settings
    from docproc.service.context import build_context

    env = cluster.env
    for name in ("AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ[name] = env[name]
    return build_context(Settings(data_dir=cluster.data_dir("checker-data"), database_url=env["DATABASE_URL"],
                                  storage_url=env["DOCPROC_STORAGE_URL"], data_key=env["DOCPROC_DATA_KEY"],
                                  redis_url=None))


def _cross_worker_duplicates(cluster: Cluster, tracker: Tracker, app_ids: list[str]) -> tuple[int, int]:
    from docproc.service import pipeline

    ctx = _reader_context(cluster)
    pairs = cross = 0
    for app in app_ids:
        for dup in pipeline.duplicate_pages(ctx, app):
            pairs += 1
            mine, theirs = tracker.read_by.get(dup.file_id), tracker.read_by.get(dup.other_file_id)
            cross += bool(mine and theirs and mine != theirs)
    return cross, pairs


def _file_states(cluster: Cluster, app_ids: list[str]) -> Counter[str]:
    ctx = _reader_context(cluster)
    return Counter(f.state.value for app in app_ids for f in ctx.db.files_of(app))


def main() -> None:
    """Parse arguments and run the test."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=30)
    parser.add_argument("--redis-url", help="Redis to use (default REDIS_URL, else 127.0.0.1:6379, else private)")
    parser.add_argument("--timeout", type=float, default=1500, help="seconds to wait for the checklists")
    parser.add_argument("--keep", help="keep the run (data directories, logs) in this directory")
    args = parser.parse_args()
    sys.exit(run(args.applications, redis_url=args.redis_url, keep=args.keep, timeout=args.timeout))


if __name__ == "__main__":
    main()
