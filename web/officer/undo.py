"""Undo on the officers' page: take a file out of the checks or put it back, correct the application's facts.

The page's forms post here; the work is done by docproc.service.edits (kept, audited, re-checked from the
stored reads), exactly as the API does it.
"""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal, InvalidOperation

from flask import Blueprint, flash, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from pydantic import ValidationError

from docproc.core.errors import InputError
from docproc.core.models import Checklist, StoredFile
from docproc.service import edits
from docproc.service.edits import FACTS, FactsEdit
from web.auth import login_required, signed_in
from web.i18n import translate
from web.officer.common import ctx, queue, visible_application, visible_file

bp = Blueprint("undo", __name__)


def _answer(stored: StoredFile, checklist: Checklist | None, message: str) -> ResponseReturnValue:
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"file": stored.model_dump(mode="json"),
                        "status": checklist.status.value if checklist else None}), 200
    flash(translate(message).format(name=stored.filename))
    return redirect(url_for("pages.applications.detail", application_id=stored.application_id))


@bp.post("/files/<file_id>/exclude")
@login_required
def exclude(file_id: str) -> ResponseReturnValue:
    """Take a file out of the checks (it stays stored and listed, restorable); the checklist is recomputed."""
    visible_file(file_id)
    comment = (request.form.get("comment") or "").strip()[:2000] or None
    stored, checklist = edits.exclude_file(ctx(), queue(), file_id, by=signed_in().name, comment=comment)
    return _answer(stored, checklist, "file_excluded")


@bp.post("/files/<file_id>/restore")
@login_required
def restore(file_id: str) -> ResponseReturnValue:
    """Put an excluded file back into the checks; the checklist is recomputed."""
    visible_file(file_id)
    stored, checklist = edits.restore_file(ctx(), queue(), file_id, by=signed_in().name)
    return _answer(stored, checklist, "file_restored")


def _facts_form() -> FactsEdit:
    """The facts form as an edit: every field the form sent, a blank one cleared (an amount may carry thousands
    separators)."""
    values: dict[str, object] = {}
    for name in (*FACTS, "comment"):
        if name in request.form:
            values[name] = request.form[name].strip() or None
    amount = values.get("loan_amount")
    if isinstance(amount, str):
        with suppress(InvalidOperation):  # else refused by the model, with the field named
            values["loan_amount"] = Decimal(amount.replace(",", "").replace("，", ""))
    return FactsEdit.model_validate(values)


@bp.post("/applications/<application_id>/facts")
@login_required
def facts(application_id: str) -> ResponseReturnValue:
    """Correct the applicant's name, id number, loan amount, profile or date; kept in the history, re-checked."""
    visible_application(application_id)
    back = url_for("pages.applications.detail", application_id=application_id, _anchor="facts")
    try:
        edit = _facts_form()
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else ""
            flash(f"{translate(field)}: {translate('fact_invalid_' + field)}", "error")
        return redirect(back)
    try:
        _, changes, _ = edits.edit_facts(ctx(), queue(), application_id, edit, by=signed_in().name)
    except InputError:
        flash(f"{translate('profile')}: {translate('fact_invalid_profile')}", "error")
        return redirect(back)
    flash(translate("facts_saved" if changes else "facts_unchanged"))
    return redirect(back)
