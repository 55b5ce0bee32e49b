"""Words set one above the other down a page's margin (the name of a city's 网签 system printed along a contract's
edge): read a character or two at a time, each on a line of its own or run into the start of a body line, where
they split a sentence that carries on from the line before."""

from __future__ import annotations

from docproc.core.models import Page, Word

SHORT = 3  # characters of one margin word, at most (a column read a few at a time)
LEAST = 5  # margin words that make a column
BODY_SHARE = 0.1  # the body's left edge: where this share of its long lines starts
EDGE = 0.08  # of the page's width: a margin column stands this near the paper's edge, a letter clear of the body


def _centre(word: Word) -> float:
    return (word.bbox.x0 + word.bbox.x1) / 2


def without_margin_column(page: Page) -> Page:
    """The page without a column of short words stacked down its left or right margin, near the paper's edge and
    clear of the body's text."""
    long = [w for w in page.words if len(w.text.strip()) >= 8]
    if len(long) < LEAST:
        return page
    starts, ends = sorted(w.bbox.x0 for w in long), sorted(w.bbox.x1 for w in long)
    left, right = starts[int(len(starts) * BODY_SHARE)], ends[int(len(ends) * (1 - BODY_SHARE))]
    letter = sorted(w.bbox.y1 - w.bbox.y0 for w in long)[len(long) // 2]  # a body letter's height
    edge = EDGE * page.width
    dropped: set[int] = set()
    for outside in ((lambda w: w.bbox.x1 < min(left - letter, edge)),
                    (lambda w: w.bbox.x0 > max(right + letter, page.width - edge))):
        short = [w for w in page.words if len(w.text.strip()) <= SHORT and outside(w)]
        if len(short) < LEAST:
            continue
        middle = sorted(map(_centre, short))[len(short) // 2]
        width = sorted(w.bbox.x1 - w.bbox.x0 for w in short)[len(short) // 2]
        column = [w for w in short if abs(_centre(w) - middle) <= width]
        if len(column) >= LEAST:
            dropped |= set(map(id, column))
    if not dropped:
        return page
    return page.model_copy(update={"words": tuple(w for w in page.words if id(w) not in dropped)})
