"""How well an expected name fits what the line recogniser saw along a seal's ring.

A ring read freely is often garbled (pale ink, print under the seal, a turned seal), yet the recogniser's
per-position probabilities (a :data:`Lattice`, kept on the stamp by the reader) still hold the characters it
half saw. The expected name is aligned with them as the recogniser's own decoding would place it (each
character over one or more positions, blanks between, starting anywhere round the circle), and each of its
characters then *agrees* with the ring (it is among what was seen there, not far behind the best reading),
is *contradicted* (another character was seen there clearly and this one hardly at all) or neither (nothing
legible there). A read carries a name when most of it agrees, every character of its distinctive part agrees,
nothing outside its legal form is contradicted and no clearly read character stands between two of its
characters; the name is verified when some read carries it and no more reads speak against it (a confident
misread in one read is outvoted). A name that differs from the legend in a character of its trade name is
contradicted there, or at best unconfirmed there: it is not verified.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from docproc.cn.normalize import normalize_text
from docproc.cn.orgs import LEGAL_FORMS, distinctive, strip_seal_kind

Frame = tuple[tuple[str, float], ...]  # the characters a position may hold, with their probabilities (no blank)
Lattice = tuple[Frame, ...]  # one ring read, position by position

FLOOR = 5e-4  # the probability of a character a position did not keep
AGREE_MIN, AGREE_SHARE = 0.05, 0.5  # agrees: at least 5 %, and at least half the best other reading there
CLEAR, HARDLY = 0.3, 0.01  # contradicted: another reading at 30 % or more, this character under 1 %
INSERTED = 0.5  # a character read this surely between two of the name's is one the name does not have
_BRANCHED_FORMS = ("股份有限公司", "有限责任公司", "有限公司")  # forms a branch's name may follow


class LegendFit(NamedTuple):
    """A name aligned with a seal's ring reads: the figures of the read it aligns with best, and how many of the
    reads carry it or show other characters within it (a ring is read from two starting angles in two ways;
    a confident misread in one read is outvoted by the others)."""

    name: str  # what was fitted: the whole name, or the organisation its name starts with before a branch
    agreeing: int
    characters: int
    distinctive_whole: bool  # every character of the distinctive part agrees
    contradicted: int  # characters outside the legal form seen clearly as something else
    inserted: int  # characters read clearly between two of the name's
    supporting: int  # reads that each carry the name
    against: int  # reads with a character of the name contradicted or one inserted
    branch_left_out: bool = False  # fitted: the organisation before the branch its expected name goes on to

    @property
    def share(self) -> float:
        """The share of the name's characters the best-aligned read agrees with."""
        return self.agreeing / self.characters

    @property
    def verified(self) -> bool:
        """The ring carries this name: some read carries it and no more reads speak against it than carry it."""
        return self.supporting >= 1 and self.supporting >= self.against


def fit_name(lattices: Sequence[Lattice], name: str, *, min_share: float) -> LegendFit | None:
    """``name`` aligned with a seal's ring reads. A read carries the name when at least ``min_share`` of its
    characters and all of its distinctive part agree, none outside the legal form is contradicted and none is
    inserted. When the whole name is not verified and it names a branch after its legal form (…有限公司销售总公司,
    …股份有限公司上海分行), the organisation before the branch is fitted too and taken if verified (a seal may
    carve the branch inside the ring, or leave it out). None without reads or a name."""
    text = _letters(normalize_text(strip_seal_kind(name)))
    if not lattices or not text:
        return None
    whole = _fit(lattices, text, name, min_share)
    if whole is None or whole.verified:
        return whole
    for form in _BRANCHED_FORMS:
        at = text.find(form)
        if at > 0 and at + len(form) < len(text):
            head = _fit(lattices, text[: at + len(form)], text[: at + len(form)], min_share)
            if head is not None and head.verified:
                return head._replace(branch_left_out=True)
            return whole
    return whole


def _letters(text: str) -> str:
    """What a ring carves: ideographs, letters and digits (no brackets, dots or spaces)."""
    return "".join(ch for ch in text if ch.isalnum())


def _fit(lattices: Sequence[Lattice], text: str, name: str, min_share: float) -> LegendFit | None:
    """The fit over every read: the best-aligned read's figures, the reads carrying the name and against it."""
    views = [(aligned[0], _view(lattice, text, name, aligned)) for lattice in lattices
             if (aligned := _align(lattice, text)) is not None]
    if not views:
        return None
    carrying = [v.share >= min_share and v.distinctive_whole and not v.contradicted and not v.inserted
                for _, v in views]
    best = max(range(len(views)), key=lambda i: views[i][0])
    return views[best][1]._replace(supporting=sum(carrying),
                                   against=sum(1 for _, v in views if v.contradicted or v.inserted))


def _view(lattice: Lattice, text: str, name: str, aligned: tuple[float, list[list[int]], list[int]]) -> LegendFit:
    """The name's characters against one read, as aligned."""
    _, hits, gaps = aligned
    frames = lattice + lattice
    agree, contra = [], []
    for char, at in zip(text, hits, strict=True):
        p = max(dict(frames[t]).get(char, 0.0) for t in at)
        other = max((q for t in at for c, q in frames[t] if c != char), default=0.0)
        agree.append(p >= AGREE_MIN and p >= AGREE_SHARE * other)
        contra.append(p < HARDLY and other >= CLEAR)
    core = _letters(distinctive(name))
    start = text.find(core) if core else -1
    in_core = range(start, start + len(core)) if start >= 0 else range(len(text))
    form = _legal_form(text)
    return LegendFit(name=text, agreeing=sum(agree), characters=len(text),
                     distinctive_whole=all(agree[i] for i in in_core),
                     contradicted=sum(c for i, c in enumerate(contra) if i not in form),
                     inserted=_insertions(frames, gaps), supporting=0, against=0)


def _legal_form(text: str) -> range:
    """Where the name's legal form stands (有限公司 … ; the part a misread says nothing about who it is)."""
    for form in _BRANCHED_FORMS:
        at = text.find(form)
        if at > 0:
            return range(at, at + len(form))
    for form in LEGAL_FORMS:
        if text.endswith(form) and len(text) > len(form):
            return range(len(text) - len(form), len(text))
    return range(0)


def _insertions(frames: Sequence[Frame], gaps: list[int]) -> int:
    """Clearly read ideographs on the positions between two of the name's characters (one per run)."""
    count, last = 0, (-2, "")
    for t in sorted(gaps):
        char, p = max(frames[t], key=lambda cp: cp[1], default=("", 0.0))
        if p >= INSERTED and "\u4e00" <= char <= "\u9fff":
            count += (t, char) != (last[0] + 1, last[1])
            last = (t, char)
    return count


_NEG = -1e18


def _align(lattice: Lattice, text: str) -> tuple[float, list[list[int]], list[int]] | None:
    """Viterbi alignment of ``text`` over the ring read twice round (so it may start anywhere): the mean log
    probability per character, the positions of each character and the blank positions between them."""
    frames = lattice + lattice
    n, size = len(frames), 2 * len(text) + 1  # states: blank, char 1, blank, char 2, …, blank
    if n < len(text):
        return None
    wanted = {ch: np.zeros(n) for ch in text}
    blank = np.ones(n)
    for t, frame in enumerate(frames):
        for ch, p in frame:
            blank[t] -= p
            if ch in wanted:
                wanted[ch][t] = p
    emit = np.empty((n, size))
    emit[:, 0::2] = np.log(np.maximum(blank, FLOOR))[:, None]
    emit[:, 1::2] = np.log(np.maximum(np.stack([wanted[ch] for ch in text], axis=1), FLOOR))
    skip = np.zeros(size, bool)  # a character may follow the one before it directly unless they are the same
    skip[3::2] = [a != b for a, b in zip(text[1:], text[:-1], strict=True)]
    back = np.zeros((n, size), np.int8)
    score = np.full(size, _NEG)
    score[:2] = emit[0, :2]
    back[0] = 3
    best = (_NEG, 0, 0)
    for t in range(1, n):
        stay, step = score, np.concatenate(([_NEG], score[:-1]))
        jump = np.where(skip, np.concatenate(([_NEG, _NEG], score[:-2])), _NEG)
        fresh = np.full(size, _NEG)
        fresh[:2] = 0.0  # the name may start at any position
        options = np.stack((stay, step, jump, fresh))
        back[t] = options.argmax(axis=0)
        score = options.max(axis=0) + emit[t]
        for end in (size - 1, size - 2):
            if score[end] > best[0]:
                best = (float(score[end]), t, end)
    total, t, state = best
    if total <= _NEG:
        return None
    hits: list[list[int]] = [[] for _ in text]
    gaps: list[int] = []
    while True:
        if state % 2:
            hits[state // 2].append(t)
        elif 0 < state < size - 1:
            gaps.append(t)
        how = int(back[t, state])
        if how == 3 or t == 0:
            break
        state, t = state - how, t - 1
    return total / len(text), hits, gaps
