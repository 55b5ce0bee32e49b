"""A record's values printed under their labels in a grid (纳税人姓名 | 身份证件类型 over 张伟 | 居民身份证, an
English gloss of each label under the value): the cell under each label, kept only when it holds what the
field can be."""

from __future__ import annotations

import re

from docproc.cn.normalize import find_dates
from docproc.core.models import Field
from docproc.extractors._labels import Candidate, first_valid, labels_of
from docproc.extractors._text import PageText

_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,19}")
_ID_NUMBER = re.compile(r"[1-9]\d{16}[\dXx]")


def _name(candidate: Candidate) -> Field | None:
    match = _NAME.fullmatch(candidate.value)  # the whole cell: a person's or an organisation's name
    return candidate.field(match.group(0), match.span()) if match else None


def _id_number(candidate: Candidate) -> Field | None:
    match = _ID_NUMBER.match(candidate.value)
    return candidate.field(match.group(0).upper(), match.span()) if match else None


def _day(candidate: Candidate) -> Field | None:
    found = find_dates(candidate.value)
    return candidate.field(found[0][0], found[0][1:]) if found and found[0][1] == 0 else None


def grid_cells(text: PageText, doc_type: str) -> dict[str, Field]:
    """The name, id number and issue date each label of ``doc_type`` has beside or under it, where it holds one."""
    labels = labels_of(doc_type)
    out: dict[str, Field] = {}
    for name, parse in (("name", _name), ("id_number", _id_number), ("issue_date", _day)):
        if found := first_valid(labels.candidates(text, name), parse):
            out[name] = found
    return out
