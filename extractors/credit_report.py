"""个人信用报告 (中国人民银行征信中心), detailed or simple layout: report number and time, the person, every
account (institution, kind, opened, limit or principal, balance, monthly payment, amount overdue, 24-month
history), the inquiries, and the counts the checks use."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from docproc.cn import vocab
from docproc.cn.normalize import find_dates
from docproc.core.models import BBox, DocType, Field, RawDocument
from docproc.extractors._credit_rows import Row, grid_accounts, query_rows, sentence_accounts
from docproc.extractors._text import PageText, label_values, union_boxes
from docproc.extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

LABELS = vocab.labels("credit_report")
_ID_NUMBER = re.compile(r"[1-9]\d{16}[\dXx]")
_REPORT_NUMBER = re.compile(r"\d{16,24}")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_TIME_FUSED = re.compile(r"(\d{4}[.\-/]\d{1,2}[.\-/]\d{2})(?=\d{1,2}:\d{2})")  # OCR joins 2026.07.04 and 08:51:22


def _header(text: PageText) -> dict[str, Field]:
    """Report number and time, the person's name and id number, from the labels at the top of the first page."""
    raw = label_values(text, LABELS)
    out: dict[str, Field] = {}
    if "report_number" in raw and (m := _REPORT_NUMBER.search(str(raw["report_number"].value).replace(" ", ""))):
        out["report_number"] = raw["report_number"].model_copy(update={"value": m.group(0)})
    if "report_date" in raw and (dates := find_dates(_TIME_FUSED.sub(r"\1 ", str(raw["report_date"].value)))):
        out["report_date"] = raw["report_date"].model_copy(update={"value": dates[0][0]})
    if "name" in raw and (m := _NAME.match(str(raw["name"].value))):
        out["name"] = raw["name"].model_copy(update={"value": m.group(0)})
    if "id_number" in raw and (m := _ID_NUMBER.search(str(raw["id_number"].value))):
        out["id_number"] = raw["id_number"].model_copy(update={"value": m.group(0).upper()})
    return out


def _inside(word: BBox, box: BBox) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
    return box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1


def _list_field(rows: list[Row], texts: list[PageText]) -> Field | None:
    """The rows as one list field: the box of the first page's rows as its evidence, the confidence of the least sure
    word read inside any row."""
    if not rows:
        return None
    first = rows[0].page
    boxes = {t.page.number: [b for r in rows if r.page == t.page.number for b in r.boxes] for t in texts}
    words = [w for t in texts for w in t.page.words if any(_inside(w.bbox, b) for b in boxes[t.page.number])]
    confidence = min((w.confidence for w in words), default=1.0)
    box = union_boxes([b for r in rows if r.page == first for b in r.boxes])
    return Field(value=[dict(r.values) for r in rows], confidence=round(confidence, 3), page=first, bbox=box)


def _summary(accounts: list[dict[str, Any]], evidence: Field) -> dict[str, Field]:
    """overdue_accounts (an amount overdue now or overdue months in the history) and total_monthly_payment
    (only when every account prints its monthly payment: the simple layout prints none)."""
    late = sum(1 for a in accounts if (a.get("overdue_amount") or 0) > 0 or a.get("overdue_months_24m")
               or a.get("overdue_months_5y"))
    out = {"overdue_accounts": evidence.model_copy(update={"value": late})}
    payments = [a.get("monthly_payment") for a in accounts]
    if payments and all(isinstance(p, Decimal) for p in payments):
        total = sum((p for p in payments if isinstance(p, Decimal)), Decimal(0))
        out["total_monthly_payment"] = evidence.model_copy(update={"value": total})
    return out


@extractor(DocType.CREDIT_REPORT)
def extract_credit_report(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Header fields from the first page that has each; accounts and inquiries across every page."""
    texts = [PageText(p) for p in doc.pages]
    fields: dict[str, Field] = {}
    for text in texts:
        for name, value in _header(text).items():
            fields.setdefault(name, value)
    accounts = grid_accounts(texts) or sentence_accounts(texts)
    queries = query_rows(texts)
    meta: dict[str, object] = {"layout": "detailed" if accounts and "monthly_payment" in accounts[0].values else "simple"}
    if (field := _list_field(accounts, texts)) is not None:
        fields["accounts"] = field
        fields.update(_summary(field.value, field))
        meta["account_rows"] = [r.evidence() for r in accounts]
    if (field := _list_field(queries, texts)) is not None:
        fields["queries"] = field
        meta["query_rows"] = [r.evidence() for r in queries]
    return ExtractedFields(fields=fields, meta=meta)
