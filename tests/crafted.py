"""Hand-built bundles that make every registered check say something other than "pass": a problem
applicant with a fault in nearly every document, an enterprise owner with a bad licence, half-read and
empty bundles. Documents name their files ``file_<key>``; a test that stores real files maps the keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from docproc.cn.id_number import make_id_number
from docproc.core.clock import utcnow
from docproc.core.models import (
    Application,
    BBox,
    Bundle,
    DocType,
    Document,
    DuplicatePage,
    Field,
    Side,
    Stamp,
)

APPLIED = date(2026, 11, 20)
BORN = date(1988, 4, 2)
ID = make_id_number("110105", BORN, 123, "男")
BAD_ID = ID[:-1] + ("0" if ID[-1] != "0" else "1")
PRODUCER = "Microsoft Word 2016"  # a brand name, said as it is in both languages


def f(value: object, confidence: float = 0.95, page: int = 1) -> Field:
    """A field read on ``page`` in a box of the 600×800 px test render."""
    return Field(value=value, confidence=confidence, page=page, bbox=BBox(x0=60, y0=80, x1=320, y1=110))


def seal(text: str | None, color: str = "red") -> Stamp:
    """A round seal."""
    return Stamp(bbox=BBox(x0=380, y0=560, x1=520, y1=700), color=color, shape="round", text=text,  # type: ignore[arg-type]
                 confidence=0.9)


def document(key: str, doc_type: DocType, *, side: Side | None = None, pages: tuple[int, ...] = (1,),
             stamps: list[Stamp] | None = None, meta: dict[str, Any] | None = None, **fields: object) -> Document:
    """A document of file ``file_<key>``; a Field value is kept, anything else is read at 0.95."""
    return Document(id=f"doc_{key}_{doc_type.value}", file_id=f"file_{key}", type=doc_type, side=side, pages=list(pages),
                    fields={k: v if isinstance(v, Field) else f(v) for k, v in fields.items()},
                    stamps=stamps or [], meta=meta or {})


def rows(*items: tuple[str, str, str, str]) -> list[dict[str, object]]:
    """Statement rows (date, description, amount, balance)."""
    return [{"date": date.fromisoformat(d), "description": desc, "amount": Decimal(a), "balance": Decimal(b),
             "counterparty": "北京星河科技有限公司" if desc == "代发工资" else "赵六"} for d, desc, a, b in items]


_FORENSICS = {"clones": 80,
              "seal_patches": [{"bbox": [380, 560, 520, 700], "sharpness": 0.5, "page": 1}],
              "smooth_regions": [{"bbox": [100, 300, 300, 360], "share": 0.02, "grain_ratio": 0.1, "page": 1}],
              "jpeg_ghosts": [{"bbox": [100, 400, 300, 440], "ghost_ratio": 0.1, "quality": 70, "page": 1}]}
_EDITED_PDF = {"producer": PRODUCER, "structure": {
    "linearized": False, "revisions": 3,
    "updates": [{"revision": 2, "changes": [{"object": "4 0", "change": "page_content", "added": False, "page": 1}]}],
    "signatures": [{"kind": "signature", "field": "Bank", "revision": 1, "intact": False, "coverage": "full",
                    "modification": "none", "permitted": True},
                   {"kind": "signature", "field": "Seal", "revision": 1, "intact": True, "coverage": "partial",
                    "modification": "none", "permitted": True},
                   {"kind": "timestamp", "field": "Time", "revision": 2, "intact": True, "coverage": "full",
                    "modification": "other", "permitted": False, "detail": None}],
    "overlays": [{"page": 1, "bbox": [100, 200, 180, 214], "written": "96,600.00", "hidden": "16,600.00"}]}}


def _problem_documents() -> list[Document]:
    front = document("front", DocType.ID_CARD, side=Side.FRONT, name="张伟", sex="女", birth_date=date(1990, 1, 1),
                     id_number=BAD_ID, address=f("北京市海淀区中关村大街1号", 0.3))
    back = document("back", DocType.ID_CARD, side=Side.BACK, valid_until=date(2025, 3, 1))
    income = document("income", DocType.INCOME_PROOF, pages=(1,), meta={"printed_page_numbers": [[1, 2]],
                                                                         "image_forensics": _FORENSICS},
                      name="李娜", employer="北京星河科技有限公司", monthly_income=f(Decimal("30000.00"), 0.4),
                      amount_in_words="壹万陆仟陆佰元整", issue_date=APPLIED - timedelta(days=60))
    statement = document(
        "statement", DocType.BANK_STATEMENT, stamps=[seal(None, "black")],
        meta={"pdf": _EDITED_PDF, "mixed_fonts": [{"text": "16,600.00", "fonts": ["SimSun", "Arial"],
                                                   "bbox": [1, 2, 3, 4], "page": 1}]},
        bank_name="招商银行", account_holder="张伟", period_start=date(2026, 7, 1), period_end=date(2026, 9, 30),
        transactions=rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-500.00", "19400.00"),
                          ("2026-09-15", "消费", "-500.00", "19400.00"), ("2026-11-02", "转账存入", "60000.00", "79400.00")))
    contract = document("contract", DocType.PURCHASE_CONTRACT, pages=(1, 2), meta={"printed_page_numbers": [[1, 3], [2, 3]]},
                        buyer_names=["王五"], buyer_id_numbers=[make_id_number("310101", date(1990, 1, 1), 7, "女")],
                        seller="北京城建房地产开发有限公司", total_price=Decimal("1000000"), total_price_in_words="玖拾万元整")
    tax = document("tax", DocType.TAX_CERTIFICATE, stamps=[seal("上海宏达新材料有限公司")], name="张伟", id_number=ID,
                   issue_date=APPLIED - timedelta(days=90))
    return [front, back, income, statement, contract, tax]


@dataclass(frozen=True)
class Scenario:
    """One crafted application."""

    name: str
    profile: str
    documents: list[Document]
    loan: Decimal | None = None
    duplicates: list[DuplicatePage] = field(default_factory=list)

    def bundle(self) -> Bundle:
        """The bundle the checks see."""
        app = Application(id=f"app_{self.name}", profile=self.profile, application_date=APPLIED, created_at=utcnow(),
                          loan_amount=self.loan, applicant_name="张伟")
        return Bundle(application=app, documents=self.documents, duplicates=self.duplicates)


def problem_applicant() -> Scenario:
    """A salaried applicant whose every document has something wrong with it."""
    return Scenario("problems", "salaried", _problem_documents(), loan=Decimal("1500000"),
                    duplicates=[DuplicatePage(file_id="file_income", page=1, other_application="app_other",
                                              other_file_id="file_other", other_page=1)])


def scenarios() -> list[Scenario]:
    """Every crafted application."""
    licence = document("licence", DocType.BUSINESS_LICENSE, company_name="北京瑞丰科技有限公司", uscc="91350100M000100Y44",
                       legal_representative="李四", business_term_until=date(2025, 1, 1))
    short_code = document("licence2", DocType.BUSINESS_LICENSE, company_name="北京瑞丰科技有限公司", uscc="9135010")
    half_read = [
        document("front", DocType.ID_CARD, side=Side.FRONT, name="张伟", id_number=ID, birth_date=BORN, sex="男"),
        document("income", DocType.INCOME_PROOF, stamps=[seal(None)], name="张伟", employer="北京星河科技有限公司",
                 monthly_income=Decimal("16600.00"), amount_in_words="壹万陆仟", issue_date=APPLIED + timedelta(days=3)),
        document("statement", DocType.BANK_STATEMENT, meta={"pdf": {"structure": {"error": "xref table damaged"}}},
                 bank_name="招商银行", account_holder="张伟", period_start="?", period_end="?",
                 transactions=rows(("2026-09-15", "消费", "-500.00", "19500.00"), ("2026-09-16", "消费", "-100.00", "19400.00"))),
        document("contract", DocType.PURCHASE_CONTRACT, stamps=[seal(None)], seller="北京城建房地产开发有限公司",
                 total_price=Decimal("2000000")),
    ]
    blank = [document(t.value, t) for t in DocType if t not in (DocType.UNKNOWN, DocType.ID_CARD)]
    blank.append(document("back", DocType.ID_CARD, side=Side.BACK))
    return [
        problem_applicant(),
        Scenario("owner", "enterprise_owner", [*_problem_documents()[:2], licence, short_code]),
        Scenario("half_read", "salaried", half_read),
        Scenario("blank", "self_employed", blank),
        Scenario("empty_salaried", "salaried", []),
        Scenario("empty_self_employed", "self_employed", []),
    ]
