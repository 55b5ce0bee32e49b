"""What makes two pages "the same page" for duplicate detection: text fingerprints and card-photo hash bands."""

from __future__ import annotations

import hashlib

from docproc.cn.page_numbers import without_page_numbers
from docproc.core.models import Page, PageSource

# A text page is one case's own only with figures of its own: a date, an amount, an account or id number.
MIN_CASE_DIGITS = 6


TEXT_FINGERPRINT = "t"  # prefix of a text-layer page's fingerprint (an image hash is hex only)


def _page_text(page: Page) -> str:
    return "".join(w.text for w in sorted(page.words, key=lambda w: (w.line, w.bbox.x0)))


def page_figures(page: Page) -> str:
    """The digits read on a page, in reading order, page numbers left out: what tells one case from another."""
    return "".join(ch for ch in without_page_numbers(_page_text(page)) if ch.isdigit())


def page_fingerprint(page: Page) -> str | None:
    """What makes two pages "the same page": the text of a text-layer page (two contracts from one
    template differ only in small print, which an image hash cannot see), the image hash of a scan
    or photo (the same picture handed in twice, maybe re-saved)."""
    if page.source == PageSource.TEXT_LAYER and page.words:
        text = _page_text(page)
        if len(page_figures(page)) < MIN_CASE_DIGITS:
            return None  # boilerplate every contract of a template prints alike (an appendix of fittings)
        return TEXT_FINGERPRINT + hashlib.sha256(text.encode("utf-8")).hexdigest()[:63]
    hash_ = page.meta.get("hash")
    return str(hash_) if hash_ else None


HASH_BANDS = 32  # 256-bit hash → 32 bands of 8 bits: a copy within 31 bits shares a band


def card_hash_bands(page: Page) -> list[tuple[int, str]]:
    """``(band, value)`` of a card photo's image hash (a photo or scan whose card outline was found and
    flattened: its hash varies from card to card, unlike a mostly white document page); else none."""
    hash_ = page.meta.get("hash")
    if not hash_ or not page.meta.get("card_warped"):
        return []
    width = len(hash_) // HASH_BANDS
    return [(band, hash_[band * width:(band + 1) * width]) for band in range(HASH_BANDS)]
