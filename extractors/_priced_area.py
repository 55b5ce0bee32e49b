"""A flat's floor area from a row of its facts whose figures price it: area × unit price = total price.

A table of the flat's facts (房号/坐落 | 建筑面积 | 套内面积 | 单价 | 总价) sets its figures in one row. On a scan the
row's cells may be read as one word with the figures run together (153.29120.7519,190.002,941,635.00): the
figures still part where each amount ends on its two decimals, and the area is the one figure whose product
with another figure of the row is a third one, the total, to the yuan.
"""

from __future__ import annotations

import re
from decimal import Decimal

from docproc.cn.normalize import parse_amount, to_halfwidth
from docproc.core.models import Field
from docproc.extractors._text import PageText

# an amount with its two decimals, its thousands grouped or not (to_halfwidth has made a ， a ,)
_FIGURE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}")
AREA_UNIT = r"(?:平方米|平米|㎡|m2|m²|M2|M²)"
_IN_SQUARE_METRES = re.compile(rf"(\d+(?:\.\d+)?)\s*{AREA_UNIT}")
PRICE_TOLERANCE = Decimal(1)  # yuan: a total is the area times the unit price, rounded to the yuan at most


def priced_area(text: PageText, line: int, least: Decimal, most: Decimal) -> Field | None:
    """The floor area on ``line`` (between ``least`` and ``most`` square metres) that times a unit price on the
    same line gives a total on it, all in the order area, price, total; None where no such three figures stand."""
    read = to_halfwidth(text.lines[line])
    figures = [(m.span(), value) for m in _FIGURE.finditer(read) if (value := parse_amount(m.group(0))) is not None]
    for i, (span, area) in enumerate(figures):
        if not least <= area <= most:
            continue
        for j in range(i + 1, len(figures)):
            for _, total in figures[j + 1:]:
                if abs(area * figures[j][1] - total) <= PRICE_TOLERANCE:
                    offset = text.offsets[line]
                    return text.field((offset + span[0], offset + span[1]), area)
    return None


def area_pricing_the_total(texts: list[PageText], total: Decimal, least: Decimal, most: Decimal) -> Field | None:
    """The one figure of square metres anywhere in the contract that times a figure printed in it (the price per
    square metre) gives the total price: the floor area, however its label was read (建筑：积共105.80平方米)."""
    figures = {value for text in texts for m in _FIGURE.finditer(to_halfwidth(text.joined).replace(" ", ""))
               if (value := parse_amount(m.group(0))) is not None}
    found = [(text, m, area) for text in texts for m in _IN_SQUARE_METRES.finditer(to_halfwidth(text.joined))
             if (area := parse_amount(m.group(1))) is not None and least <= area <= most
             and any(abs(area * price - total) <= PRICE_TOLERANCE for price in figures)]
    if len({area for _, _, area in found}) != 1:
        return None
    text, match, area = found[0]
    return text.field(match.span(1), area)
