"""个人所得税纳税记录 / 完税证明: taxpayer, period, totals, issue date, verification code."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from docproc.cn import vocab
from docproc.cn.amount_words import CAPITALS, from_words
from docproc.cn.normalize import find_dates, parse_amount
from docproc.core.models import DocType, Field, RawDocument
from extractors._text import Hit, PageText, label_values
from extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

LABELS = vocab.labels("tax_certificate")
_ID_NUMBER = re.compile(r"[1-9]\d{16}[\dXx]")
_CODE = re.compile(r"[0-9A-Za-z]{8,32}")


def _amount(field: Field) -> Field | None:
    text = str(field.value)
    match = re.search(r"-?[0-9][0-9,]*\.\d{2}|-?[0-9][0-9,]*", text)
    value = parse_amount(match.group(0)) if match else None
    return None if value is None else field.model_copy(update={"value": value})


_FIGURE = r"[0-9][0-9,.]*\.\d{2}"  # OCR reads a thousands comma as a point too (220.634.72)
_PAIR = re.compile(rf"({_FIGURE})[^0-9]+({_FIGURE})")
_TOTAL = re.compile(r"合计(?![(（]?大写)")
_TAX_IN_WORDS = re.compile(rf"合计[(（]?大写[)）]?[:：]?([{CAPITALS}]+)")
TOTALS_REACH = 120  # characters after 合计 where a skewed photo may have put its figures


def _tax_in_words(text: PageText) -> Decimal | None:
    hit = text.search(_TAX_IN_WORDS)
    try:
        return from_words(hit.group(1)) if hit else None
    except ValueError:
        return None


def _totals_row(text: PageText) -> tuple[Decimal, Decimal, Field] | None:
    """A 合计 row: the first two amounts on it are income and tax.

    A photo's skew can fold the row into its neighbours' lines (合计 alone, or beside the last row's
    figures); then of the amount pairs just after 合计 the one whose tax the 大写 total repeats is
    taken, else the largest (a total is no smaller than any row).
    """
    hit = text.search(rf"合计[^0-9]*({_FIGURE})[^0-9]+({_FIGURE})")
    total = _TOTAL.search(text.joined)
    if hit is None and total is not None:
        pairs = [Hit(text, 0, m) for m in _PAIR.finditer(text.joined, total.end(), total.end() + TOTALS_REACH)]
        in_words = _tax_in_words(text)
        confirmed = [h for h in pairs if in_words is not None and parse_amount(h.group(2)) == in_words]
        hit = confirmed[0] if confirmed else max(pairs, key=lambda h: parse_amount(h.group(1)) or 0, default=None)
    if hit is None:
        return None
    income, tax = parse_amount(hit.group(1)), parse_amount(hit.group(2))
    return (income, tax, hit.field(hit.group(0), 0)) if income is not None and tax is not None else None


TITLE_LINES = 3  # lines at the top of a record where its title and the period it covers are printed
_RANGE_JOINERS = re.compile(r"[\s()\-~—至到]*")


def _period_under_title(text: PageText) -> tuple[Field, Field] | None:
    """A period printed without a label under the title, on a line of its own: (2025.07.01-2026.06.30)."""
    for index, line in enumerate(text.lines[:TITLE_LINES]):
        dates = find_dates(line)
        rest = line
        for _, a, b in reversed(dates):
            rest = rest[:a] + rest[b:]
        if len(dates) == 2 and _RANGE_JOINERS.fullmatch(rest) and dates[0][0] < dates[1][0]:
            offset = text.offsets[index]
            return (text.field((offset + dates[0][1], offset + dates[0][2]), dates[0][0]),
                    text.field((offset + dates[1][1], offset + dates[1][2]), dates[1][0]))
    return None


def extract_fields(text: PageText) -> dict[str, Field]:
    """Fields of one page of a tax record."""
    raw = label_values(text, LABELS)
    fields: dict[str, Field] = {}
    if "name" in raw:
        fields["name"] = raw["name"].model_copy(update={"value": re.split(r"[\s(（]", str(raw["name"].value))[0]})
    if "id_number" in raw and (m := _ID_NUMBER.search(str(raw["id_number"].value))):
        fields["id_number"] = raw["id_number"].model_copy(update={"value": m.group(0).upper()})
    if "period" in raw and len(dates := find_dates(str(raw["period"].value))) >= 1:
        fields["period_start"] = raw["period"].model_copy(update={"value": dates[0][0]})
        fields["period_end"] = raw["period"].model_copy(update={"value": dates[-1][0]})
    elif period := _period_under_title(text):
        fields["period_start"], fields["period_end"] = period
    if "issue_date" in raw and (dates := find_dates(str(raw["issue_date"].value))):
        fields["issue_date"] = raw["issue_date"].model_copy(update={"value": dates[0][0]})
    if "verification_code" in raw and (m := _CODE.search(str(raw["verification_code"].value))):
        fields["verification_code"] = raw["verification_code"].model_copy(update={"value": m.group(0)})
    for name in ("total_income", "total_tax"):
        if name in raw and (amount := _amount(raw[name])):
            fields[name] = amount
    if ("total_income" not in fields or "total_tax" not in fields) and (totals := _totals_row(text)):
        income, tax, evidence = totals
        fields.setdefault("total_income", evidence.model_copy(update={"value": income}))
        fields.setdefault("total_tax", evidence.model_copy(update={"value": tax}))
    return fields


@extractor(DocType.TAX_CERTIFICATE)
def extract_tax_certificate(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Fields from the record's pages (first page that has each; totals from the last)."""
    fields: dict[str, Field] = {}
    for page in doc.pages:
        for name, value in extract_fields(PageText(page)).items():
            if name in ("total_income", "total_tax"):
                fields[name] = value  # the grand total is printed at the end
            else:
                fields.setdefault(name, value)
    return ExtractedFields(fields=fields)
