"""A phrase overprinted across a copy (仅供XX银行按揭贷款使用，他用无效), dropped before the fields are read.

Applicants and watermark apps lay a restriction over the whole sheet of an ID card copy, repeated on the
diagonal. OCR reads its pieces as words of their own, on the card's rows too, where they would join the
name or the address. They are found by what they are: words whose boxes are slanted against the card's
lines (a run of text set at 20–45° fills a box much taller than one line), holding the words such phrases
are made of (仅供, 他用无效: labels.toml), repeated across the page; shorter pieces of the same phrase that
OCR cut off on their own are dropped with them. A restriction written once across the copy (by hand, or with a
pen tool, hardly slanted) is known by its wording alone: a word that is such a phrase and little else.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from docproc.cn import vocab
from docproc.cn.normalize import to_halfwidth
from docproc.core.models import Page, Word

SLANT_DEGREES = 15.0  # a word this far off the card's lines is no card text (a tilted photo is deskewed well within)
MIN_UNITS = 3.0  # a box's shape tells its slant only for a run at least this many full-width characters long
MIN_REPEATS = 3  # a watermark repeats across the sheet; fewer slanted words are left alone
MIN_PIECE = 2  # a piece of the phrase cut off level must hold this many characters to be known as one
# a restriction's wording: 仅供/仅限/只供 … 使用/办理/用途, with or without 他用无效 / 再复印无效 after it, or the latter alone
RESTRICTION = re.compile(r"(?:[此本]?复印件)?[仅只][供限][^。]{0,30}(?:使用|办理|用途|专用)(?:[，,、]?(?:[他它]用|另作他用|"
                         r"再次?复印|复印)无效)?|[他它]用无效|再次?复印无效")
MAX_LEFT = 1  # characters a word may hold besides a restriction's wording to be taken for the restriction alone


def units(text: str) -> float:
    """Length of ``text`` in full-width character widths (digits and Latin letters are half as wide)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text if not c.isspace())


def slant(word: Word) -> float:
    """Degrees off the horizontal implied by the word's box, taking its characters as square cells.

    A run of n cells of height h at angle a fills a box w = h(n cos a + sin a) wide and
    h(n sin a + cos a) high, so tan a = (r n - 1) / (n - r) with r the box's height over its width.
    """
    n = units(word.text)
    width, height = word.bbox.x1 - word.bbox.x0, word.bbox.y1 - word.bbox.y0
    if n < MIN_UNITS or width <= 0:
        return 0.0
    ratio = height / width
    if ratio >= n:
        return 90.0
    return math.degrees(math.atan(max(0.0, (ratio * n - 1) / (n - ratio))))


def overprinted(words: Sequence[Word]) -> list[Word]:
    """Which of ``words`` belong to a phrase overprinted on the diagonal across the sheet (none when there is none)."""
    slanted = [w for w in words if slant(w) >= SLANT_DEGREES]
    cues = vocab.words("id_card", "overprint")
    texts = [to_halfwidth(w.text) for w in slanted]
    if len(slanted) < MIN_REPEATS or not any(cue in text for text in texts for cue in cues):
        return [w for w in words if _restriction(w.text)]
    found = set(map(id, slanted))
    return [w for w in words if id(w) in found or _piece(to_halfwidth(w.text), texts) or _restriction(w.text)]


def _restriction(text: str) -> bool:
    """The word is a restriction written across the copy (仅供办理XX按揭贷款使用他用无效) and nothing more."""
    text = "".join(to_halfwidth(text).split())
    rest = RESTRICTION.sub("", text)
    return len(rest) <= MAX_LEFT < len(text) - len(rest)


# a piece of a restriction that OCR cut off as a word of its own: how such a phrase begins (此复印件, 仅供…), ends
# (…使用, 他用无效, 再复印无效) or turns (办理…使用); a short word that only mentions a use (仅供参考, 使用) is none
PIECE = re.compile(r"^(?:[此本]?复印件|[仅只][供限].{3})|(?:[他它]用|复印)无效|办理.*使用|..使用[，,、]?$")


def restriction_piece(text: str) -> bool:
    """The word is a piece of a restriction and holds no digit (a field's own piece does: 1601室, 2802号)."""
    text = "".join(to_halfwidth(text).split())
    return not any(c.isdigit() for c in text) and PIECE.search(text) is not None


def overprint_words(page: Page) -> list[Word]:
    """The words of a phrase overprinted across the page (none when there is none): on the diagonal, or pieces of it
    that a read cut off as words of their own where it is hardly slanted (仅供中国工商银 | 办理个人住房贷款使用，他用无效)."""
    found = overprinted(page.words)
    taken = set(map(id, found))
    return [*found, *(w for w in page.words if id(w) not in taken and restriction_piece(w.text))]


def _piece(text: str, phrases: list[str]) -> bool:
    """A short word cut off level from the phrase: its text stands in the phrase at least twice over the page."""
    text = "".join(text.split())
    if len(text) < MIN_PIECE or any(c.isdigit() for c in text):
        return False
    return sum(text in phrase for phrase in phrases) >= 2


def without_overprint(page: Page) -> Page:
    """The page without the words of an overprinted phrase."""
    dropped = set(map(id, overprint_words(page)))
    if not dropped:
        return page
    return page.model_copy(update={"words": tuple(w for w in page.words if id(w) not in dropped)})


MAX_RESIDUE = 3  # characters of a phrase's piece that OCR glues to the end of a field's value


def without_trailing_piece(text: str, ends: str) -> str:
    """``text`` without the last character or few when they are a piece of an overprint phrase's words (此, 印件) glued
    to its end, and what is left ends as such a value does: in one of ``ends`` or a digit."""
    cues = vocab.words("id_card", "overprint")
    for size in range(min(MAX_RESIDUE, len(text) - 1), 0, -1):
        head, tail = text[:-size], text[-size:]
        if (head[-1] in ends or head[-1].isdigit()) and any(tail in cue for cue in cues):
            return head
    return text
