"""Pages of statement tables for the extractor tests: lines of (top, [(x, text), ...]), each word 10 units wide
per character, and the transactions the bank-statement extractor reads from one."""

from __future__ import annotations

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS

LINE = 20.0  # letter height


def page(lines: list[tuple[float, list[tuple[float, str]]]], *, source: PageSource = PageSource.TEXT_LAYER) -> Page:
    """A page from (top, [(x, text), ...]) lines; each word 10 units wide per character."""
    words = [Word(text=text, bbox=BBox(x0=x, y0=top, x1=x + 10 * len(text), y1=top + LINE), confidence=0.95, line=i)
             for i, (top, cells) in enumerate(lines) for x, text in cells]
    return Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=source, words=tuple(words))


def rows(p: Page) -> list[dict[str, object]]:
    """The transactions the bank-statement extractor reads from the page (none: an empty list)."""
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    return fields["transactions"].value if "transactions" in fields else []  # type: ignore[return-value]
