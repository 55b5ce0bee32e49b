"""How the page words what the machine said: reasons in the page's language with file names for file ids,
fields and documents as officers call them, errors by their Chinese twin or their code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask

from docproc.cn.terms import doc_name, field_name, side_name
from docproc.core.errors import DocprocError
from docproc.core.models import ChecklistItem, DocType, Document, Side, StoredFile
from web.i18n import TEXT, current_lang, translate

FILE_ID = re.compile(r"(?<![0-9A-Za-z_])file_[0-9a-f]{16}(?![0-9a-f])")  # not \b: 第 after an id is a word character


def file_names(files: Iterable[StoredFile]) -> dict[str, str]:
    """File id → the name it was uploaded under."""
    return {f.id: f.filename for f in files}


def name_files(text: str, names: Mapping[str, str]) -> str:
    """``text`` with every file id of ``names`` replaced by that file's name (other ids stay)."""
    return FILE_ID.sub(lambda m: f"“{names[m.group(0)]}”" if m.group(0) in names else m.group(0), text)


def reasons_shown(item: ChecklistItem, names: Mapping[str, str], lang: str | None = None) -> list[str]:
    """The item's reasons in the page's language; a checklist of an earlier release (English only) as it is."""
    chinese = (lang or current_lang()) == "zh" and len(item.reasons_zh) == len(item.reasons)
    return [name_files(r, names) for r in (item.reasons_zh if chinese else item.reasons)]


def field_label(name: str | None, lang: str | None = None) -> str:
    """A field key as officers say it."""
    return field_name(name, lang or current_lang()) if name else ""


def fields_label(names: str, lang: str | None = None) -> str:
    """Comma-joined field keys (one box that holds several fields) as officers say them."""
    return ", ".join(field_label(n.strip(), lang) for n in names.split(","))


def type_label(doc_type: DocType | str, side: Side | str | None = None, lang: str | None = None) -> str:
    """A document type (and card side) as officers say it: 身份证 · 国徽面."""
    shown = lang or current_lang()
    return doc_name(doc_type, shown) + (f" · {side_label(side, shown)}" if side else "")


def side_label(side: Side | str, lang: str | None = None) -> str:
    """An ID card side as officers say it."""
    return side_name(side, lang or current_lang())


def doc_label(doc: Document | None, lang: str | None = None) -> str:
    """A document's type (and card side) as officers say it."""
    return type_label(doc.type, doc.side, lang) if doc else ""


def value_text(value: Any, lang: str | None = None) -> str:
    """A value read from a document: a list joined, a transaction row with its columns named."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return " · ".join(f"{field_label(str(k), lang)} {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return "、".join(value_text(v, lang) for v in value)
    return str(value)


def error_text(code: str | None, message: str | None, *, zh: str | None = None, lang: str | None = None) -> str:
    """An error in the page's language: English as it was said; Chinese from its twin, else by its code."""
    if (lang or current_lang()) != "zh":
        return message or ""
    if zh:
        return zh
    key = f"ec_{code or 'error'}"
    return translate(key, "zh") if key in TEXT else translate("ec_error", "zh")


def exception_text(exc: DocprocError, lang: str | None = None) -> str:
    """What an error raised in a request says on the page."""
    return error_text(exc.code, exc.message, zh=exc.message_zh, lang=lang)


def init_app(app: Flask) -> None:
    """The template helpers."""
    app.jinja_env.globals.update({
        "reasons_shown": reasons_shown, "field_label": field_label, "fields_label": fields_label,
        "doc_label": doc_label, "type_label": type_label, "value_text": value_text, "error_text": error_text, "file_names": file_names,
        "name_files": name_files,
    })
    app.jinja_env.filters["side_label"] = side_label
