"""Applications for the officers' page tests, built in milliseconds through the product's own store and service
functions: files stored as uploads, their pages (with a rendered picture each) and documents saved as a read
would save them, and a checklist summarised from check results. No OCR runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import cv2
import numpy as np

from docproc.core.clock import new_id
from docproc.core.models import (
    BBox,
    Category,
    CheckResult,
    DocType,
    Document,
    Evidence,
    Field,
    FileState,
    Page,
    PageSource,
    Side,
    Status,
    Title,
)
from docproc.reading.imaging import encode_jpeg
from docproc.service import pipeline
from docproc.service.checklist import summarize
from docproc.service.context import Context

W, H = 1240, 1754
FAILING = "anomaly.loan_to_value"
LINE_CHECK = "anomaly.balance_chain"  # its evidence is one statement line 25 px high
STACKED = ((300, 300, 900, 330), (300, 336, 900, 366))  # two fields on consecutive lines of the contract


@dataclass(frozen=True)
class Seeded:
    """What a test needs to find its way around one seeded application."""

    application_id: str
    files: dict[str, str]  # name → file id


def _picture(title: str, lines: int = 30) -> bytes:
    """A page-sized render: a heading and ruled text lines, so crops and thumbnails show something."""
    img = np.full((H, W, 3), 255, np.uint8)
    cv2.putText(img, title, (120, 180), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (40, 40, 40), 4)
    for n in range(lines):
        y = 300 + n * 42
        cv2.putText(img, f"2026-10-{n % 28 + 1:02d}  SALARY  {8000 + 37 * n:,}.00  {52000 + 91 * n:,}.00",
                    (120, y + 22), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (30, 30, 30), 2)
    return encode_jpeg(img, quality=80)


def _file(ctx: Context, application_id: str, name: str, pages: int, docs: list[tuple[DocType, Side | None,
          dict[str, Field]]]) -> str:
    """Store a file as an upload, then its pages and documents as a read would, and mark it done."""
    stored = pipeline.store_upload(ctx, application_id, filename=name, data=_picture(name, 5) + name.encode())
    read: list[Page] = []
    for number in range(1, pages + 1):
        render = ctx.blobs.put(_picture(f"{name} p{number}"))
        read.append(Page(file_id=stored.id, number=number, width=W, height=H, unit="px", source=PageSource.OCR,
                         render_sha256=render, render_width=W, render_height=H))
    documents = [Document(id=new_id("doc"), file_id=stored.id, type=kind, side=side,
                          pages=list(range(1, pages + 1)), fields=fields) for kind, side, fields in docs]
    ctx.db.save_read(stored.id, application_id, read_pages=read, docs=documents)
    ctx.db.set_file_state(stored.id, FileState.DONE)
    return stored.id


def _field(value: object, box: tuple[int, int, int, int] | None = (120, 300, 700, 330), page: int = 1) -> Field:
    bbox = BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3]) if box else None
    return Field(value=value, confidence=0.93, page=page, bbox=bbox)


def _results(files: dict[str, str], docs: dict[str, Document], *, failing: Status | None,
             missing: bool = False, count: int = 40) -> list[CheckResult]:
    """``count`` results, passes with a crop each; one failure (or a missing document) when asked."""
    families = [Category.COMPLETENESS, Category.STAMP, Category.FRESHNESS, Category.ANOMALY]
    statement = docs["bank_statement"]
    out: list[CheckResult] = []
    for n in range(count - 2):
        category = families[n % 4]
        ev = Evidence(document_id=statement.id, file_id=statement.file_id, page=1 + n % 3,
                      bbox=BBox(x0=120, y0=300 + 42 * (n % 30), x1=900, y1=330 + 42 * (n % 30)))
        out.append(CheckResult(id=f"{category.value}.seeded_{n:02d}", category=category, status=Status.PASS,
                               title=Title(zh=f"核查项{n:02d}", en=f"Check {n:02d}"), reasons=[], evidence=[ev]))
    out.append(CheckResult(
        id=LINE_CHECK, category=Category.ANOMALY, status=Status.PASS, title=Title(zh="流水余额连续", en="Balance chain"),
        evidence=[Evidence(document_id=statement.id, file_id=statement.file_id, page=2,
                           bbox=BBox(x0=120, y0=342, x1=1120, y1=367))]))
    contract = docs["purchase_contract"]
    out.append(CheckResult(
        id=FAILING, category=Category.ANOMALY, status=failing or Status.PASS,
        title=Title(zh="贷款价值比", en="Loan to value"),
        reasons=["贷款价值比 118.6% 超过上限 80%"] if failing else [],
        evidence=[Evidence(document_id=contract.id, file_id=contract.file_id, page=1, field="total_price",
                           value="1,011,804.00", bbox=BBox(x0=300, y0=300, x1=900, y1=330))]))
    if missing:
        out.append(CheckResult(id="completeness.tax_certificate", category=Category.COMPLETENESS,
                               status=Status.MISSING, title=Title(zh="完税证明", en="Tax certificate"),
                               reasons=["未找到完税证明"], supplement=Title(zh="完税证明", en="Tax certificate")))
    return out


def seed_application(ctx: Context, *, branch: str = "north", created_by: str = "olivia",
                     failing: Status | None = Status.FAIL, missing: bool = False) -> Seeded:
    """An application of six files (one a three-page statement named like a scanner names it) and a checklist
    of about forty items: one failure when ``failing``, a missing tax certificate when ``missing``."""
    application = pipeline.create_application(
        ctx, profile="salaried", application_date=date.today() - timedelta(days=3), applicant_name="唐倩",
        loan_amount=Decimal("1200000"), branch=branch, created_by=created_by)
    app_id = application.id
    files = {
        "id_front.jpg": _file(ctx, app_id, "id_front.jpg", 1, [(DocType.ID_CARD, Side.FRONT, {
            "name": _field("唐倩"), "id_number": _field("110101199003071234", (120, 400, 900, 440))})]),
        "id_back.jpg": _file(ctx, app_id, "id_back.jpg", 1, [(DocType.ID_CARD, Side.BACK, {
            "valid_until": _field("2036-01-01")})]),
        "income.png": _file(ctx, app_id, "income.png", 1, [(DocType.INCOME_PROOF, None, {
            "monthly_income": _field("18000")})]),
        "9d8fc4c67e.pdf": _file(ctx, app_id, "9d8fc4c67e.pdf", 3, [(DocType.BANK_STATEMENT, None, {
            "account_holder": _field("唐倩")})]),
        "contract.pdf": _file(ctx, app_id, "contract.pdf", 2, [(DocType.PURCHASE_CONTRACT, None, {
            "total_price": _field("1,011,804.00", STACKED[0]),
            "buyer_names": _field(["唐倩", "李明远"], STACKED[1])})]),
        "notes.jpg": _file(ctx, app_id, "notes.jpg", 1, []),
    }
    docs = {d.type.value: d for d in ctx.db.documents_of(app_id)}
    results = _results(files, docs, failing=failing, missing=missing)
    ctx.db.save_checklist(summarize(pipeline.bundle_of(ctx, app_id), results, overrides=[], policy=ctx.policy))
    return Seeded(application_id=app_id, files=files)


def recheck(ctx: Context, application_id: str, *, failing: Status | None) -> None:
    """A newer checklist of the same application whose one changing item now says ``failing`` (or passes)."""
    docs = {d.type.value: d for d in ctx.db.documents_of(application_id)}
    results = _results({}, docs, failing=failing)
    ctx.db.save_checklist(summarize(pipeline.bundle_of(ctx, application_id), results, overrides=[],
                                    policy=ctx.policy))
