"""An ID card front on a scanned page whose whole-page read lost rows of the card (a fax's streak and halftone
dots, a copy's grain, a card small on a large page): the card's text block read again on its own, and the fields the
first read missed taken from that second read where something confirms them.

The block is found from the id number's row, which a resident identity card (GB 16092) prints under the other
fields: the labels start about half the number's width left of it, and the name row lies about one number's width
above it. The crop is read once, smoothed (the grain and the dots blurred into strokes). Of what the second read
finds, the sex and the birth date are taken only where they are the number's (a card that prints another date than its
number shows it to the first read, or to a person; the number never supplies the value), the ethnicity only as one of
the 56 names; a name or an address, which nothing confirms, is not taken from it. A field the first read found is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docproc.cn.id_number import parse_id_number
from docproc.core.models import BBox, Field, PageSource
from docproc.extractors._reread import read_region
from docproc.extractors._text import PageText

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

CONFIRMED = ("sex", "ethnicity", "birth_date")  # what a second read may give: what the number or a list confirms
LEFT = 0.6  # number widths left of the number where the labels column may start
ABOVE = 1.1  # number widths above the number's row where the name row may lie
BELOW = 0.1  # and below it, for the number row's own height
Front = Callable[[PageText], tuple[dict[str, Field], dict[str, str]]]


def _number_box(text: PageText, number: Field) -> BBox | None:
    """The box of the word that holds the number's digits (the field's box may hold its label too)."""
    digits = str(number.value)[:17]
    boxes = [w.bbox for w in text.page.words if digits in w.text.replace(" ", "")]
    return boxes[0] if len(boxes) == 1 else number.bbox


def _block(number: BBox) -> BBox:
    width = number.x1 - number.x0
    return BBox(x0=max(0.0, number.x0 - LEFT * width), y0=max(0.0, number.y1 - ABOVE * width),
                x1=number.x1 + BELOW * width, y1=number.y1 + BELOW * width, unit=number.unit)


def front_read_again(text: PageText, fields: dict[str, Field], ctx: ReadingContext | None,
                     front: Front) -> tuple[dict[str, Field], dict[str, str]]:
    """Front fields the first read missed, found in the card's text block read again, and where each came from."""
    number = fields.get("id_number")
    wanted = [name for name in CONFIRMED if name not in fields]
    if not wanted or number is None or text.page.source != PageSource.OCR or (box := _number_box(text, number)) is None:
        return {}, {}
    encoded = parse_id_number(str(number.value))
    agrees = {"sex": encoded.sex, "birth_date": encoded.birth_date}
    words = read_region(ctx, text.page, _block(box), smooth=True)
    again, where = front(PageText(text.page.model_copy(update={"words": tuple(words)}))) if words else ({}, {})
    found = {name: again[name] for name in wanted if name in again and agrees.get(name, again[name].value) == again[name].value}
    sources = {name: f"{where.get(name, 'label')}, read again from the card's crop" for name in found}
    return found, sources
