"""The first minute: a demo account and two sample applicants read into a development data dir, one complete
(``ready``) and one with planted problems, so a newcomer signs in and sees both at once."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from docproc.core.errors import InputError
from docproc.core.models import Checklist
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.store.accounts import Accounts

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-pass-2026"  # shown on the sign-in page of a development server only
DEMO_BRANCH = "demo"
DEMO_APPLICANTS = ("c01_salaried", "c02_salaried")  # of samples/corpus: complete and ready; a stale income proof
READABLE = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".zip", ".gif"}


def ensure_demo_account(ctx: Context) -> bool:
    """Create the demo supervisor (branch ``demo``) unless it exists; True when created."""
    accounts = Accounts(ctx.db)
    if accounts.find(DEMO_USER) is not None:
        return False
    accounts.create(DEMO_USER, DEMO_PASSWORD, role="supervisor", branch=DEMO_BRANCH)
    return True


def load_applicant(ctx: Context, folder: Path, *, progress: Callable[[str], None] = lambda _name: None) -> Checklist:
    """One sample applicant as an application of the demo branch (its facts from the folder's truth.json: profile,
    date and loan amount), every file read and checked; an applicant loaded before is returned as it is."""
    ref = f"demo:{folder.name}"
    earlier = next((a for a in ctx.db.list_applications() if a.external_ref == ref and a.branch == DEMO_BRANCH), None)
    if earlier is not None and (checklist := ctx.db.latest_checklist(earlier.id)) is not None:
        return checklist
    facts = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    application = pipeline.create_application(
        ctx, profile=facts["profile"], application_date=date.fromisoformat(facts["application_date"]),
        loan_amount=Decimal(facts["loan_amount"]) if facts.get("loan_amount") else None, external_ref=ref,
        branch=DEMO_BRANCH, created_by=DEMO_USER)
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in READABLE):
        progress(path.name)
        try:
            stored = pipeline.ingest(ctx, application.id, filename=path.name, data=path.read_bytes())
        except InputError:
            continue  # kept with its error, shown on the page
        for one in stored:
            pipeline.process_file(ctx, one.id)
    return pipeline.check_application(ctx, application.id)
