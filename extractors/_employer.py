"""The employer a 收入证明 names: after its label, in its prose (系XX有限公司员工), or opening a line (the
signature under the seal, the letterhead)."""

from __future__ import annotations

import re

from docproc.cn import vocab
from docproc.cn.normalize import similarity
from docproc.cn.orgs import find_bank, organisation_name, organisations_in
from docproc.core.models import Field
from docproc.extractors._labels import Candidate, labels_of
from docproc.extractors._text import PageText

CJK = r"\u4e00-\u9fff"
LABELS = "income_proof"
UNIT_CHARS = 10  # the longest unit of an organisation a letter names after it (华东区市场营销部)


def employer(text: PageText) -> Field | None:
    """The employer: the signed name after its label, else the name the prose gives (系XX有限公司员工), else
    the name that opens a line (the signature under the seal, the letterhead), banks excepted (a letter is
    often addressed to the lending bank). Among the spellings that agree with the one chosen, the most
    confident wins: the signature sits under the seal and reads worst, the letterhead prints it clean. A part of
    the chosen name is no spelling of it (药有限公司 opens the line the prose's name wrapped onto)."""
    labelled = [f for c in labels_of(LABELS).candidates(text, "employer") if (f := _organisation_at_start(c))]
    in_prose = _employer_in_prose(text)
    lines = [f for f in _organisations_opening_lines(text) if find_bank(str(f.value)) is None]
    signed = [f for f in lines if _below_closing(text, f)]
    ranked = labelled or in_prose or signed or lines
    if not ranked:
        return None
    chosen = ranked[0]
    agreeing = [f for f in labelled + in_prose + lines if similarity(str(f.value), str(chosen.value)) >= 0.6
                and not _part_of(str(f.value), str(chosen.value))]
    return max([chosen, *agreeing], key=lambda f: f.confidence)


def _part_of(value: str, name: str) -> bool:
    return value != name and value in name


def _organisation_at_start(candidate: Candidate) -> Field | None:
    """The organisation's name that begins the candidate (the longest one)."""
    names = [(name, a, b) for name, a, b in organisations_in(candidate.value) if a == 0]
    if not names:
        return None
    name, a, b = max(names, key=lambda n: n[2])
    return candidate.field(name, (a, b))


def _employer_in_prose(text: PageText) -> list[Field]:
    before = "|".join(map(re.escape, vocab.words(LABELS, "employer_prose_before")))
    after = "|".join(map(re.escape, sorted(vocab.words(LABELS, "employer_prose_after"), key=len, reverse=True)))
    out: list[Field] = []
    for match in re.finditer(rf"(?:{before})([{CJK}()A-Za-z0-9·]{{4,40}}?)(?:{after})", text.joined):
        name = organisation_name(match.group(1))
        span = match.span(1)
        if name is None and (unit := _unit_dropped(match.group(1))) is not None:
            name, span = unit, (span[0], span[0] + len(unit))
        if name is not None and find_bank(name) is None:
            out.append(text.field(span, name))
    return out


def _unit_dropped(words: str) -> str | None:
    """The organisation that opens ``words`` when what follows it is one of its units (系XX有限公司市场营销部员工,
    在XX有限公司财务处工作): the employer is the organisation, not its department."""
    units = tuple(vocab.words(LABELS, "units"))
    for name, start, end in sorted(organisations_in(words), key=lambda n: n[2], reverse=True):
        rest = words[end:]
        if start == 0 and re.fullmatch(rf"[{CJK}]{{1,{UNIT_CHARS}}}", rest) and rest.endswith(units):
            return name
    return None


def _organisations_opening_lines(text: PageText) -> list[Field]:
    out: list[Field] = []
    for index, line in enumerate(text.lines):
        start = labels_of(LABELS).value_start(line, 0, len(line))
        names = [(name, a, b) for name, a, b in organisations_in(line[start:]) if a == 0]
        if names:
            name, _, end = max(names, key=lambda n: n[2])
            out.append(text.field((text.offsets[index] + start, text.offsets[index] + start + end), name))
    return out


def _below_closing(text: PageText, field: Field) -> bool:
    """Whether the field sits at or below the letter's closing words (in its signature block)."""
    closing = [h.line for w in vocab.words(LABELS, "closing") if (h := text.search(re.escape(w)))]
    position = text.joined.find(str(field.value))
    return bool(closing) and position >= 0 and text.line_at(position) >= min(closing)
