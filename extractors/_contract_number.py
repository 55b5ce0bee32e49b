"""A contract's number: the code of letters and digits after its label, without what the line goes on with."""

from __future__ import annotations

import re

from docproc.core.models import Field

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
