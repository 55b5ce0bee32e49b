"""A few dozen applications over three months and three branches, written through the store: files, checklists
(some asking for papers, some ready after the customer came back, some still waiting), and overrides. What was
written is returned too, so tests can check the stored copies the dashboard counts on."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from docproc.core.models import (
    Application,
    Checklist,
    ChecklistStatus,
    FileState,
    Override,
    Status,
    StoredFile,
    SupplementItem,
)
from docproc.store.database import Database

BRANCHES = ("north", "south", "east")
REASONS = ("completeness.bank_statement", "completeness.income_proof", "freshness.income_proof",
           "stamp.income_proof", "completeness.id_card.both_sides", "file_error")
OVERRIDDEN = ("anomaly.income", "stamp.bank_statement", "freshness.id_card", "anomaly.loan_to_value")
START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@dataclass
class Seeded:
    """What the seed wrote, per application."""

    asked: dict[str, set[str]] = field(default_factory=dict)  # application → check ids asked for
    overrides: dict[str, int] = field(default_factory=dict)  # check id → overrides written


def _checklist(app: Application, status: str, at: datetime, asked: tuple[str, ...] = ()) -> Checklist:
    return Checklist(application=app.id, profile="salaried", status=ChecklistStatus(status), items=[],
                     supplement_request=[SupplementItem(check_id=c, zh=f"请补充{c}", en=f"Provide {c}") for c in asked],
                     documents=[], policy_version="test", application_date=app.application_date, created_at=at)


def _file(db: Database, app: Application, n: int, at: datetime, state: FileState = FileState.DONE) -> None:
    db.add_file(StoredFile(id=f"file_{app.id[4:]}_{n}", application_id=app.id, sha256=f"{hash((app.id, n)) & 0xffff:064x}",
                           filename=f"{n}.pdf", size=100, state=state, created_at=at))


def seed(db: Database, count: int = 36, *, seed_value: int = 17) -> Seeded:
    """Write ``count`` applications; returns what the supplement requests and overrides were."""
    rng = random.Random(seed_value)
    seeded = Seeded()
    for n in range(count):
        created = START + timedelta(days=rng.randint(0, 88), minutes=rng.randint(0, 600))
        app = db.add_application(Application(
            id=f"app_dash{n:04d}", profile="salaried", application_date=date(2026, 9, 1) + timedelta(days=n % 80),
            branch=BRANCHES[n % 3], created_by="seed", created_at=created))
        story = rng.choice(("ready", "ready", "asked_then_ready", "asked_waiting", "asked_came_back", "flagged",
                            "new", "processing"))
        if story == "new":
            continue
        uploaded = created + timedelta(minutes=rng.randint(1, 90))
        _file(db, app, 0, uploaded, FileState.QUEUED if story == "processing" else FileState.DONE)
        if story == "processing":
            continue
        checked = uploaded + timedelta(minutes=rng.randint(2, 400))
        if story in ("ready", "flagged"):
            db.save_checklist(_checklist(app, story, checked))
        else:
            asked = tuple(rng.sample(REASONS, rng.randint(1, 3)))
            seeded.asked[app.id] = set(asked)
            db.save_checklist(_checklist(app, "needs_supplement", checked, asked))
            if story != "asked_waiting":
                back = checked + timedelta(hours=rng.randint(3, 240), minutes=rng.randint(0, 59))
                _file(db, app, 1, back)
                _file(db, app, 2, back + timedelta(hours=1))
                db.save_checklist(_checklist(app, "ready" if story == "asked_then_ready" else "needs_supplement",
                                             back + timedelta(minutes=5), () if story == "asked_then_ready" else asked))
        for _ in range(rng.choice((0, 0, 1, 2))):
            check_id = rng.choice(OVERRIDDEN)
            db.add_override(app.id, Override(check_id=check_id, status=Status.PASS, comment="原件已核验",
                                             officer="sue", at=checked + timedelta(minutes=30)))
            seeded.overrides[check_id] = seeded.overrides.get(check_id, 0) + 1
    return seeded
