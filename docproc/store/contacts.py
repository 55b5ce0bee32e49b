"""The customer's contact (mobile, e-mail) kept in the application's sealed payload."""

from __future__ import annotations

import sqlalchemy as sa

from docproc.core.errors import NotFoundError
from docproc.core.models import Application
from docproc.store.database import Database
from docproc.store.stored import load
from docproc.store.tables import applications


def set_contact(db: Database, application_id: str, *, mobile: str | None, email: str | None) -> Application:
    """Replace the application's contact; the updated application (NotFoundError when absent)."""
    with db.engine.begin() as conn:
        row = conn.execute(sa.select(applications.c.data).where(applications.c.id == application_id)
                           .with_for_update()).first()
        if row is None:
            raise NotFoundError(f"no application {application_id!r}")
        updated = load(Application, row.data, where="applications.data").model_copy(
            update={"contact_mobile": mobile, "contact_email": email})
        conn.execute(applications.update().where(applications.c.id == application_id)
                     .values(data=updated.model_dump(mode="json")))
    return updated
