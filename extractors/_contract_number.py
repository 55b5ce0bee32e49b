"""A contract's number: the code of letters and digits after its label, without what the line goes on with."""

from __future__ import annotations

import re

from docproc.core.models import Field
from docproc.extractors._text import PageText

# A contract number written in letters and digits (2026YS454850, HT2026-004512, SZ(2026)0012) ends where they end:
# a running footer goes on after it on the same line (— 1 —, 第1页, 本合同共6页), glued to it in an OCR'd line.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/.()（）]*(?:\s+[A-Za-z0-9][A-Za-z0-9\-_/.()（）]*)*")


def number_alone(field: Field) -> Field:
    """The contract number without what follows it on its line, when it is a code of letters and digits."""
    value = str(field.value).strip()
    code = _CODE.match(value)
    if code is None or code.end() == len(value):
        return field
    return field.model_copy(update={"value": re.sub(r"\s+", "", code.group(0).rstrip("-_/."))})


# 编号 on its own (a running header's 项目名 编号：YS2026…, a cover's 编号：): the contract's number where no 合同编号 names
# one; not the end of another number's label (预售许可证编号, 房屋编号, 备案编号): the label must begin a word of the read
_BARE = re.compile(r"编\s*号\s*[:：]\s*([A-Za-z0-9][A-Za-z0-9\-_/()（）]{5,})")


def bare_number(texts: list[PageText]) -> Field | None:
    """The code after a bare 编号 label, the first page that prints one; it must hold digits (a code, not a word)."""
    for text in texts:
        for hit in text.finditer(_BARE):
            start = hit.offset + hit.match.start()
            words = text.words_in(start, start + 1)
            if words and words[0].text.lstrip().startswith("编") and any(c.isdigit() for c in hit.group(1)):
                return hit.field(hit.group(1))
    return None
