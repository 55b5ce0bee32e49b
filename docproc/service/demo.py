"""The first minute: a demo account and two sample applicants read into a development data dir, one complete
(``ready``) and one with planted problems, so a newcomer signs in and sees both at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docproc.core.errors import InputError
from docproc.core.models import Checklist
from docproc.service import batch, pipeline
from docproc.service.context import Context
from docproc.store.accounts import Accounts

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-pass-2026"  # shown on the sign-in page of a development server only
DEMO_BRANCH = "demo"
DEMO_APPLICANTS = ("c01_salaried", "c02_salaried")  # of samples/corpus: complete and ready; a stale income proof
REF_PREFIX = "demo:"


def ensure_demo_account(ctx: Context) -> bool:
    """Create the demo supervisor (branch ``demo``) unless it exists; True when created."""
    accounts = Accounts(ctx.db)
    if accounts.find(DEMO_USER) is not None:
        return False
    accounts.create(DEMO_USER, DEMO_PASSWORD, role="supervisor", branch=DEMO_BRANCH)
    return True


def load_demo(ctx: Context, corpus: Path, *,
              progress: Callable[[str], None] = lambda _name: None) -> list[tuple[str, Checklist]]:
    """The demo applicants of ``corpus`` as applications of the demo branch (facts from each folder's truth.json,
    as ``docproc import`` reads them), every file read and checked; one loaded before is kept as it is."""
    wanted = [f for f in batch.discover(corpus, profile=None, application_date=None) if f.path.name in DEMO_APPLICANTS]
    missing = set(DEMO_APPLICANTS) - {f.path.name for f in wanted}
    if missing:
        raise InputError(f"no sample applicant {', '.join(sorted(missing))} in {corpus}: run from a checkout, "
                         "or pass --samples")
    loaded = batch.already_imported(ctx, branch=DEMO_BRANCH)
    out = []
    for folder in wanted:
        earlier = loaded.get(REF_PREFIX + folder.path.name)
        checklist = ctx.db.latest_checklist(earlier) if earlier else None
        if checklist is None:
            application, to_read, _refused = batch.create_from_folder(  # a refused file is kept and shown
                ctx, folder, branch=DEMO_BRANCH, created_by=DEMO_USER, ref_prefix=REF_PREFIX)
            for stored in to_read:
                progress(stored.filename)
                pipeline.process_file(ctx, stored.id)
            checklist = pipeline.check_application(ctx, application.id)
        out.append((folder.path.name, checklist))
    return out
