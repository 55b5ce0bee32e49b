"""Demo data in bulk, to measure lists at bank scale: applications with a file and a checklist each, written
with multi-row inserts (sealed like any other row) straight into the tables, a few thousand rows a statement.
Made-up names and id numbers only; every application is marked ``created_by=seed-demo``."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from docproc.core.models import Application, Checklist, ChecklistStatus, FileState, StoredFile
from docproc.store import app_index
from docproc.store.database import Database
from docproc.store.tables import application_search, applications, checklists, files

SEEDER = "seed-demo"
BRANCHES = ("north", "south", "east", "west", "hq")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
STATES = (("ready", 50), ("needs_supplement", 25), ("flagged", 10), ("processing", 5), ("new", 10))


def _id_number(rng: random.Random, born: datetime) -> str:
    return f"{rng.randint(110000, 659000)}{born:%Y%m%d}{rng.randint(0, 999):03d}{rng.choice('0123456789X')}"


def seed(db: Database, count: int, *, start: int = 0, chunk: int = 2000, seed_value: int = 16,
         progress: Callable[[int], None] | None = None) -> int:
    """Add ``count`` demo applications (numbered from ``start``); returns how many were written."""
    if db.keyring is None:
        raise ValueError("seeding needs the data key: the rows are sealed")
    rng = random.Random(seed_value + start)
    now = datetime.now(UTC)
    written = 0
    while written < count:
        size = min(chunk, count - written)
        apps, stored, lists, tokens = [], [], [], []
        for n in range(start + written, start + written + size):
            created = now - timedelta(minutes=rng.randint(0, 525_600), seconds=n % 60)
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            number = _id_number(rng, created - timedelta(days=rng.randint(8000, 20000)))
            state = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
            application = Application(
                id=f"app_seed{n:08d}", profile="salaried", application_date=created.date(), applicant_name=name,
                applicant_id_number=number, external_ref=f"SEED-{n:08d}", branch=rng.choice(BRANCHES),
                created_by=SEEDER, created_at=created)
            apps.append({"id": application.id, "created_at": created, "data": application.model_dump(mode="json"),
                         "status": state, "applicant": {"name": name, "id_number": number},
                         **app_index.indexed_values(application, db.keyring)})
            tokens += app_index.tokens_rows(db.keyring, [(application.id, (name, number))])
            if state == "new":
                continue
            file_state = FileState.QUEUED if state == "processing" else FileState.DONE
            record = StoredFile(id=f"file_seed{n:08d}", application_id=application.id, sha256=f"{n:064x}",
                                filename="id_front.jpg", size=1000, state=file_state, created_at=created)
            stored.append({"id": record.id, "application_id": application.id, "sha256": record.sha256,
                           "state": file_state.value, "created_at": created, "data": record.model_dump(mode="json")})
            if state != "processing":
                checklist = Checklist(application=application.id, profile="salaried",
                                      status=ChecklistStatus(state), items=[], supplement_request=[], documents=[],
                                      policy_version="seed", application_date=created.date(), created_at=created)
                lists.append({"application_id": application.id, "status": state, "policy_version": "seed",
                              "created_at": created, "data": checklist.model_dump(mode="json")})
        with db.engine.begin() as conn:
            for table, rows in ((applications, apps), (files, stored), (checklists, lists),
                                (application_search, tokens)):
                if rows:
                    conn.execute(sa.insert(table), rows)
        written += size
        if progress:
            progress(written)
    if db.engine.dialect.name == "postgresql":  # fresh statistics, as autovacuum would gather them later
        with db.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE applications, application_search, files, checklists"))
    return written


def seeded(db: Database) -> int:
    """How many demo applications the database holds."""
    with db.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(applications)
                                .where(applications.c.created_by == SEEDER)).scalar_one())
