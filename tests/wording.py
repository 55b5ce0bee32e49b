"""What counts as English on a Chinese page: a run of three or more ASCII words in a row, once ids, codes,
file names and brand names are taken out."""

from __future__ import annotations

import re
from collections.abc import Iterable

IDS = re.compile(r"\b(?:file|doc|app|usr|key)_[0-9A-Za-z_]+")
RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:,?\s+[A-Za-z][A-Za-z'’]*){2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_runs(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English sentences (≥3 consecutive ASCII words) in ``text``, outside ids and the ``allowed`` names."""
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " · ")
    return RUN.findall(IDS.sub(" · ", text))
