"""The supplement letter (补件通知书): the page, its PDF and the officer's edits of its lines.

The routes sit on the casework blueprint, where the letter has always been (``pages.casework.supplement``).
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from pydantic import ValidationError

from docproc.core.clock import utcnow
from docproc.core.errors import InputError
from docproc.core.letters import MAX_LINES, MAX_TEXT, LetterEdits, Wording, load_letterheads
from docproc.core.models import Application, Checklist
from docproc.service.letter import LetterDoc, LetterLine, deadline, letter_lines, machine_lines
from docproc.store.letters import Letters, SavedEdits
from web.auth import accounts, login_required, signed_in
from web.i18n import translate
from web.officer.casework import bp
from web.officer.common import applicant_of, ctx, visible_application


def _lang() -> str:
    return "en" if request.args.get("doc_lang") == "en" else "zh"


def long_date(day: date, lang: str) -> str:
    """A date as a letter prints it: 2026年12月17日, 17 December 2026."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {day:%B} {day.year}"


def officer_name() -> str:
    """The signed-in officer as letters name them: the display name, else the username."""
    user = accounts().find(signed_in().name)
    return user.shown_name if user else signed_in().name


def _checklist(application_id: str) -> Checklist:
    checklist = ctx().db.latest_checklist(application_id)
    if checklist is None:
        abort(404, description="no checklist yet: wait until the files are read")
    return checklist


def letter_doc(application: Application, checklist: Checklist, lines: list[LetterLine], lang: str) -> LetterDoc:
    """The letter in one language, for the page and the PDF alike."""
    def t(key: str, **values: object) -> str:
        return translate(key, lang).format(**values)

    head = load_letterheads(ctx().settings.letter_file).of(application.branch)
    printed = utcnow().date()
    rules = ctx().policy.letter
    name, _ = applicant_of(application, checklist)
    officer = officer_name()
    office, address = getattr(head.office, lang), getattr(head.address, lang)
    contact = (t("letter_contact", phone=head.phone, hours=getattr(head.hours, lang), officer=officer) if head.hours
               else t("letter_contact_nohours", phone=head.phone, officer=officer))
    closing = [t("letter_deadline", date=long_date(deadline(printed, rules), lang), days=rules.deadline_working_days,
                 office=office, address=address)] if lines else []
    return LetterDoc(
        lang=lang, bank=getattr(head.bank, lang), office=office, address=address, phone=head.phone,
        title=t("letter_title"),
        meta=[(t("applicant"), name or "—"), (t("letter_ref"), application.id),
              (t("application_date"), long_date(application.application_date, lang)),
              (t("letter_date"), long_date(printed, lang))],
        intro=[t("letter_dear", name=name) if name else t("letter_dear_anon"), t("letter_intro" if lines else "letter_none")],
        headers=("#", t("letter_item"), t("letter_why")),
        rows=[(getattr(line, lang), getattr(line, f"why_{lang}") or "—") for line in lines],
        empty=t("letter_none"), closing=[*closing, contact],
        signatures=[t("letter_officer", officer=officer), t("letter_customer")])


@bp.get("/applications/<application_id>/supplement")
@login_required
def supplement(application_id: str) -> ResponseReturnValue:
    """The printable supplement letter, Chinese by default (``?doc_lang=en`` for English), with its edit form."""
    application = visible_application(application_id)
    checklist = _checklist(application_id)
    lang = _lang()
    saved = Letters(ctx().db).latest(application_id)
    lines = letter_lines(checklist, saved.edits if saved else None)
    return render_template("supplement.html", application=application, doc=letter_doc(application, checklist, lines, lang),
                           doc_lang=lang, note=edited_note(saved))


@bp.get("/applications/<application_id>/supplement/edit")
@login_required
def supplement_edit(application_id: str) -> ResponseReturnValue:
    """The letter's lines in both languages, to reword, remove or add before printing."""
    application = visible_application(application_id)
    checklist = _checklist(application_id)
    saved = Letters(ctx().db).latest(application_id)
    return render_template("supplement_edit.html", application=application, doc_lang=_lang(),
                           machine=machine_lines(checklist), edits=saved.edits if saved else LetterEdits(),
                           note=edited_note(saved))


@bp.get("/applications/<application_id>/supplement.pdf")
@login_required
def supplement_pdf(application_id: str) -> ResponseReturnValue:
    """The letter as a one-page A4 PDF, rendered here (``?doc_lang=en`` for English)."""
    from docproc.service.letter_pdf import render_letter_pdf  # reportlab: loaded when a letter is printed

    application = visible_application(application_id)
    checklist = _checklist(application_id)
    lang = _lang()
    saved = Letters(ctx().db).latest(application_id)
    doc = letter_doc(application, checklist, letter_lines(checklist, saved.edits if saved else None), lang)
    return Response(render_letter_pdf(doc), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="supplement-{application.id}-{lang}.pdf"'})


def edits_from_form(checklist: Checklist) -> LetterEdits:
    """The officer's form as edits of the machine's lines: unchanged text is no rewording."""
    form = request.form
    removed, reworded = [], {}
    for line in machine_lines(checklist):
        if form.get(f"remove:{line.key}"):
            removed.append(line.key)
            continue
        zh, en = (form.get(f"zh:{line.key}") or "").strip(), (form.get(f"en:{line.key}") or "").strip()
        if (zh and zh != line.zh) or (en and en != line.en):
            reworded[line.key] = Wording(zh=zh or line.zh, en=en or line.en)
    added = [Wording(zh=zh.strip(), en=en.strip())
             for zh, en in zip(form.getlist("add_zh"), form.getlist("add_en"), strict=False) if zh.strip() or en.strip()]
    if len(added) + len(machine_lines(checklist)) - len(removed) > MAX_LINES:
        raise InputError(f"a letter holds at most {MAX_LINES} lines")
    return LetterEdits(removed=tuple(removed), reworded=reworded, added=tuple(added))


@bp.post("/applications/<application_id>/supplement/lines")
@login_required
def supplement_lines(application_id: str) -> ResponseReturnValue:
    """Save the officer's version of the letter's lines (``reset`` restores the machine's); kept with who and when."""
    visible_application(application_id)
    checklist = _checklist(application_id)
    try:
        edits = LetterEdits() if request.form.get("reset") else edits_from_form(checklist)
    except ValidationError:
        raise InputError(f"a line of the letter holds at most {MAX_TEXT} characters") from None
    Letters(ctx().db).save(application_id, edits, by=signed_in().name)
    flash(translate("letter_saved"))
    return redirect(url_for("pages.casework.supplement", application_id=application_id,
                            doc_lang=request.form.get("doc_lang", "zh")))


def edited_note(saved: SavedEdits | None) -> str:
    """Who last edited the lines, and when (in the page's language)."""
    if saved is None or saved.edits.empty:
        return ""
    user = accounts().find(saved.by)
    return translate("letter_edited_by").format(who=user.shown_name if user else saved.by, at=saved.at.strftime("%Y-%m-%d %H:%M"))
