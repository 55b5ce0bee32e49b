"""Small helpers shared by the check modules: reasons in two languages, document names, evidence, field access."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from docproc.cn.terms import DOC_NAMES, field_name
from docproc.core.models import DocType, Document, Evidence, Title

__all__ = ["DOC_NAMES", "field_name"]
CHECKED_TYPES = [t for t in DocType if t != DocType.UNKNOWN]


def zh(doc_type: DocType) -> str:
    """Chinese name of a document type."""
    return DOC_NAMES[doc_type][0]


def en(doc_type: DocType) -> str:
    """English name of a document type."""
    return DOC_NAMES[doc_type][1]


class Said(str):
    """A reason: the English sentence itself (so it joins, compares and prints as before), its Chinese in ``zh``."""

    zh: str

    def __new__(cls, zh_text: str, en_text: str) -> Said:
        said = super().__new__(cls, en_text)
        said.zh = zh_text
        return said

    @property
    def en(self) -> str:
        """The English sentence as a plain str."""
        return str.__str__(self)


def say(zh_text: str, en_text: str) -> Said:
    """A reason in Chinese and English: ``Verdict(status, [say(f"…", f"…")])``. Cite a file by its id
    (``where``/``where_zh`` do): pages show the file's name in its place. A plain str is English only;
    a Said changed with str methods (``+``, ``format``) becomes one."""
    return Said(zh_text, en_text)


def said_by(table: dict[Any, tuple[str, str]], key: Any, **values: object) -> Said:
    """The sentence ``key`` of a (zh, en) table with its values filled in; a value that is itself a ``Said``
    goes into the Chinese sentence in Chinese."""
    zh_text, en_text = table[key]
    zh_values = {k: getattr(v, "zh", v) for k, v in values.items()}
    return say(zh_text.format(**zh_values), en_text.format(**values))


def ask(zh_text: str, en_text: str) -> Title:
    """A supplement-request line."""
    return Title(zh=zh_text, en=en_text)


def months_between(start: date, end: date) -> float:
    """Months from ``start`` to ``end`` (days over the mean month's 30.44), for coverage and monthly averages."""
    return (end - start).days / 30.44


def value(doc: Document, name: str) -> Any:
    """A field's value, or None."""
    field = doc.fields.get(name)
    return None if field is None else field.value


def evidence(doc: Document, name: str | None = None) -> Evidence:
    """Evidence pointing at a field of a document (or at its first page)."""
    field = doc.fields.get(name) if name else None
    if field is None:
        return Evidence(document_id=doc.id, file_id=doc.file_id, page=doc.pages[0] if doc.pages else None, field=name)
    return Evidence(
        document_id=doc.id, file_id=doc.file_id, page=field.page, bbox=field.bbox, field=name, value=field.value
    )


def where(doc: Document) -> str:
    """Human-readable location of a document, for reasons."""
    pages = ", ".join(str(p) for p in doc.pages)
    return f"{en(doc.type)} ({doc.file_id}, page {pages})"


def where_zh(doc: Document) -> str:
    """Where a document is, in Chinese: 银行流水（file_…，第1、2页）."""
    pages = "、".join(str(p) for p in doc.pages)
    return f"{zh(doc.type)}（{doc.file_id}，第{pages}页）"


def pages_zh(numbers: Iterable[object]) -> str:
    """Page or row numbers joined the Chinese way (1、2、3)."""
    return "、".join(str(n) for n in numbers)


def page_numbering(doc: Document) -> tuple[int, set[int]] | None:
    """The page count a document declares (第X页 共Y页, i/n) and the page numbers read; None if unprinted."""
    printed = [tuple(p) for p in doc.meta.get("printed_page_numbers", []) if p]
    if not printed:
        return None
    return max(n for _, n in printed), {i for i, _ in printed}


def every_declared_page_present(doc: Document) -> bool:
    """The numbering accounts for every page it declares: each number read, or as many pages read as declared."""
    numbering = page_numbering(doc)
    if numbering is None:
        return False
    declared, seen = numbering
    return seen >= set(range(1, declared + 1)) or len(doc.pages) >= declared
