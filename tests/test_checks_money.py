"""Stamp, money and forgery checks on hand-built bundles (real files run through test_cli/eval)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, BBox, Bundle, DocType, Document, DuplicatePage, Field, Stamp, Status
from docproc.core.policy import Policy, load_policy
from docproc.validators import run_checks

APPLIED = date(2026, 11, 20)


def f(value: object) -> Field:
    return Field(value=value, confidence=0.95, page=1, bbox=BBox(x0=1, y0=1, x1=9, y1=9))


def seal(text: str | None, color: str = "red") -> Stamp:
    return Stamp(bbox=BBox(x0=10, y0=10, x1=90, y1=90), color=color, shape="round", text=text, confidence=0.9)  # type: ignore[arg-type]


def doc(doc_type: DocType, doc_id: str = "d", stamps: list[Stamp] | None = None, meta: dict | None = None,  # type: ignore[type-arg]
        **fields: object) -> Document:
    return Document(id=doc_id, file_id=f"file_{doc_id}", type=doc_type, pages=[1], fields={k: f(v) for k, v in fields.items()},
                    stamps=stamps or [], meta=meta or {})


def status(policy: Policy, *docs: Document, loan: str | None = None, duplicates: list[DuplicatePage] | None = None) -> dict[str, Status]:
    app = Application(id="app", profile="salaried", application_date=APPLIED, created_at=utcnow(),
                      loan_amount=Decimal(loan) if loan else None)
    bundle = Bundle(application=app, documents=list(docs), duplicates=duplicates or [])
    return {r.id: r.status for r in run_checks(bundle, policy)}


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


def letter(**over: object) -> Document:
    fields = {"employer": "成都金桥信息技术有限责任公司", "monthly_income": Decimal("16600.00"),
              "amount_in_words": "壹万陆仟陆佰元整", **over}
    stamps = fields.pop("stamps", [seal("成都金桥信息技术有限责任公司")])
    return doc(DocType.INCOME_PROOF, "letter", stamps=stamps, **fields)  # type: ignore[arg-type]


def rows(*items: tuple[str, str, str, str]) -> list[dict[str, object]]:
    return [{"date": date.fromisoformat(d), "description": desc, "amount": Decimal(a), "balance": Decimal(b),
             "counterparty": "成都金桥信息技术有限责任公司" if desc == "代发工资" else "某人"} for d, desc, a, b in items]


SALARY = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-500.00", "19500.00"),
              ("2026-10-10", "代发工资", "16600.00", "36100.00"))


def statement(transactions: list[dict[str, object]], stamps: list[Stamp] | None = None) -> Document:
    return doc(DocType.BANK_STATEMENT, "stmt", stamps=[seal("招商银行业务专用章")] if stamps is None else stamps,
               bank_name="招商银行", transactions=transactions)


def test_seal_present_matching_absent_and_unreadable(policy: Policy) -> None:
    assert status(policy, letter())["stamp.income_proof"] == Status.PASS
    assert status(policy, letter(stamps=[seal("成都金村信息技术有限责")]))["stamp.income_proof"] == Status.PASS  # OCR slips
    assert status(policy, letter(stamps=[]))["stamp.income_proof"] == Status.FAIL
    assert status(policy, letter(stamps=[seal(None)]))["stamp.income_proof"] == Status.REVIEW
    # another company, read cleanly → fail; a garbled ring → a person compares it by eye
    assert status(policy, letter(stamps=[seal("上海某某餐饮管理有限公司")]))["stamp.income_proof"] == Status.FAIL
    assert status(policy, letter(stamps=[seal("成都某杯信思找木有艰")]))["stamp.income_proof"] == Status.REVIEW
    assert status(policy, letter(stamps=[seal("成都金桥信息技术有限责任公司", color="black")]))["stamp.income_proof"] == Status.FAIL
    assert status(policy, statement(SALARY, stamps=[]))["stamp.bank_statement"] == Status.FAIL


def test_a_bank_seal_must_be_there_and_not_another_banks(policy: Policy) -> None:
    def bank(legend: str | None) -> Status:
        return status(policy, statement(SALARY, stamps=[seal(legend)]))["stamp.bank_statement"]

    assert bank("招商银行股份有限公司厦门世纪城支行") == Status.PASS  # the branch's seal names the bank
    assert bank("招商组行股纷有眼公司厦门世纪城支行") == Status.PASS  # a poor read of the ring: the seal is there
    assert bank(None) == Status.PASS
    assert bank("中国建设银行股份有限公司厦门分行") == Status.FAIL  # another bank, read cleanly
    assert bank("提前毅疗股分限公讨银风域东支行") == Status.PASS  # a garbled ring that names no bank at all
    assert bank("单变银行股份有限公司长春额期支行") == Status.PASS  # 银行 read, but no bank by that name


def test_amount_in_words(policy: Policy) -> None:
    assert status(policy, letter())["anomaly.amount_in_words"] == Status.PASS
    assert status(policy, letter(amount_in_words="壹万陆仟伍佰元整"))["anomaly.amount_in_words"] == Status.FAIL
    # words cut short by the read (壹万陆仟 of 壹万陆仟陆佰元整) prove nothing either way: compare by eye
    assert status(policy, letter(amount_in_words="壹万陆仟"))["anomaly.amount_in_words"] == Status.REVIEW


def test_income_against_salary_credits(policy: Policy) -> None:
    assert status(policy, letter(), statement(SALARY))["anomaly.income"] == Status.PASS
    inflated = letter(monthly_income=Decimal("30000.00"), amount_in_words="叁万元整")
    assert status(policy, inflated, statement(SALARY))["anomaly.income"] == Status.FAIL
    no_salary = rows(("2026-10-10", "转账", "100.00", "100.00"))
    assert status(policy, letter(), statement(no_salary))["anomaly.income"] == Status.REVIEW


def test_balance_chain_and_repeated_rows(policy: Policy) -> None:
    assert status(policy, statement(SALARY))["anomaly.balance_chain"] == Status.PASS
    broken = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-500.00", "19400.00"))
    assert status(policy, statement(broken))["anomaly.balance_chain"] == Status.FAIL
    repeated = SALARY + [SALARY[-1]]
    assert status(policy, statement(repeated))["anomaly.balance_chain"] == Status.FAIL


def test_deposits_before_the_application(policy: Policy) -> None:
    assert status(policy, statement(SALARY))["anomaly.statement_deposits"] == Status.PASS
    late = SALARY + rows(("2026-11-02", "转账存入", "50000.00", "86100.00"))
    assert status(policy, statement(late))["anomaly.statement_deposits"] == Status.FAIL
    early = rows(("2026-06-02", "转账存入", "50000.00", "50000.00"))
    assert status(policy, statement(early))["anomaly.statement_deposits"] == Status.PASS


def test_pdf_edit_signals(policy: Policy) -> None:
    one = {"linearized": False, "revisions": 1, "updates": [], "signatures": [], "overlays": []}
    clean = {"pdf": {"producer": "ICBC e-statement 3.1", "structure": one}}
    assert status(policy, doc(DocType.BANK_STATEMENT, meta=clean))["anomaly.pdf_edit"] == Status.PASS
    # An office producer alone is a hint (review on a statement), not evidence; a later revision only adding
    # metadata is no edit either.
    word = {"pdf": {"producer": "Microsoft® Word 2010", "structure": {**one, "revisions": 2, "updates": [
        {"revision": 2, "changes": [{"object": "6 0", "change": "metadata", "added": False, "page": None}]}]}}}
    assert status(policy, doc(DocType.BANK_STATEMENT, meta=word))["anomaly.pdf_edit"] == Status.REVIEW
    assert status(policy, doc(DocType.PURCHASE_CONTRACT, meta=word))["anomaly.pdf_edit"] == Status.PASS
    edited = {"pdf": {"producer": "ICBC e-statement 3.1", "structure": {**one, "revisions": 2, "updates": [
        {"revision": 2, "changes": [{"object": "4 0", "change": "page_content", "added": False, "page": 1}]}]}}}
    assert status(policy, doc(DocType.BANK_STATEMENT, meta=edited))["anomaly.pdf_edit"] == Status.FAIL
    fonts = {**clean, "mixed_fonts": [{"text": "16,600.00", "fonts": ["SimSun", "Arial"], "bbox": [1, 2, 3, 4], "page": 1}]}
    assert status(policy, doc(DocType.BANK_STATEMENT, meta=fonts))["anomaly.pdf_edit"] == Status.FAIL


def test_uscc_duplicates_and_loan_to_value(policy: Policy) -> None:
    good = doc(DocType.BUSINESS_LICENSE, "lic", uscc="91350100M000100Y43")
    bad = doc(DocType.BUSINESS_LICENSE, "lic", uscc="91350100M000100Y44")
    assert status(policy, good)["anomaly.uscc"] == Status.PASS
    assert status(policy, bad)["anomaly.uscc"] == Status.FAIL
    dup = DuplicatePage(file_id="file_lic", page=1, other_application="app_other", other_file_id="file_x", other_page=1)
    assert status(policy, good)["anomaly.duplicate_document"] == Status.PASS
    assert status(policy, good, duplicates=[dup])["anomaly.duplicate_document"] == Status.FAIL
    contract = doc(DocType.PURCHASE_CONTRACT, "c", total_price=Decimal("2000000"))
    assert status(policy, contract, loan="1400000")["anomaly.loan_to_value"] == Status.PASS
    assert status(policy, contract, loan="1600000")["anomaly.loan_to_value"] == Status.FAIL
    assert status(policy, contract)["anomaly.loan_to_value"] == Status.NOT_APPLICABLE


def test_a_balance_jump_between_pages_is_a_missing_page_not_an_edit(policy: Policy) -> None:
    two_pages = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-10-10", "代发工资", "16600.00", "56100.00"))
    meta = {"transaction_rows": [{"page": 1, "bbox": [1, 1, 9, 9]}, {"page": 3, "bbox": [1, 1, 9, 9]}]}
    stmt = doc(DocType.BANK_STATEMENT, "stmt", stamps=[seal("招商银行")], meta=meta, bank_name="招商银行",
               transactions=two_pages)
    got = status(policy, stmt)
    assert got["completeness.pages.bank_statement"] == Status.FAIL
    assert got["anomaly.balance_chain"] == Status.PASS
    same_page = doc(DocType.BANK_STATEMENT, "stmt", stamps=[seal("招商银行")], bank_name="招商银行", transactions=two_pages,
                    meta={"transaction_rows": [{"page": 1, "bbox": [1, 1, 9, 9]}, {"page": 1, "bbox": [1, 1, 9, 9]}]})
    assert status(policy, same_page)["anomaly.balance_chain"] == Status.FAIL


def _scanned(transactions: list[dict[str, object]], tops: list[int], source: str = "ocr",
             heights: list[int] | None = None) -> Document:
    heights = heights or [12] * len(tops)
    meta = {"page_sources": [source],
            "transaction_rows": [{"page": 1, "bbox": [10, t, 500, t + h]} for t, h in zip(tops, heights, strict=True)]}
    return doc(DocType.BANK_STATEMENT, "stmt", stamps=[seal("招商银行")], meta=meta, bank_name="招商银行",
               transactions=transactions)


EVEN = [100, 120, 140, 160, 180]


def test_a_break_one_misread_digit_explains_is_reviewed_on_a_scan_only(policy: Policy) -> None:
    balance_misread = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-500.00", "19800.00"),
                           ("2026-09-16", "消费", "-100.00", "19400.00"), ("2026-10-10", "代发工资", "16600.00", "36000.00"))
    assert status(policy, _scanned(balance_misread, EVEN[:4]))["anomaly.balance_chain"] == Status.REVIEW
    assert status(policy, _scanned(balance_misread, EVEN[:4], "text_layer"))["anomaly.balance_chain"] == Status.FAIL
    amount_misread = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-800.00", "19500.00"),
                          ("2026-10-10", "代发工资", "16600.00", "36100.00"))
    assert status(policy, _scanned(amount_misread, EVEN[:3]))["anomaly.balance_chain"] == Status.REVIEW
    edited = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-220.00", "19500.00"),
                  ("2026-10-10", "代发工资", "16600.00", "36100.00"))
    assert status(policy, _scanned(edited, EVEN[:3]))["anomaly.balance_chain"] == Status.FAIL


def test_a_lost_minus_sign_and_a_balance_misread_in_two_digits_are_misreadings_on_a_scan(policy: Policy) -> None:
    def chain(*body: tuple[str, str, str, str], source: str = "ocr") -> Status:
        return status(policy, _scanned(rows(*body), EVEN[: len(body)], source))["anomaly.balance_chain"]

    start, salary = ("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-10-10", "代发工资", "16600.00", "36100.00")
    sign_lost = ("2026-09-15", "消费", "500.00", "19500.00")
    assert chain(start, sign_lost, salary) == Status.REVIEW
    assert chain(start, sign_lost, salary, source="text_layer") == Status.FAIL
    # the minus and a digit of the balance both lost on one row (33,851.89 read as 3,851.89)
    assert chain(start, ("2026-09-15", "消费", "500.00", "1950.00"), salary) == Status.REVIEW
    # two digits of the balance misread (19,500.00 read as 19,580.04), the next row chains from the computed one
    assert chain(start, ("2026-09-15", "消费", "-500.00", "19580.04"), salary) == Status.REVIEW
    assert chain(start, ("2026-09-15", "消费", "-500.00", "19687.04"), salary) == Status.FAIL  # three: no misreading
    # an amount misread in one digit with a wide gap under its row: the next row cannot confirm, a row may be lost
    lost_after = rows(start, ("2026-09-15", "消费", "-800.00", "19500.00"), ("2026-09-18", "消费", "-300.00", "18750.00"),
                      ("2026-10-10", "代发工资", "16600.00", "35350.00"))
    assert status(policy, _scanned(lost_after, [100, 120, 160, 180]))["anomaly.balance_chain"] == Status.REVIEW


def test_a_break_below_a_wide_gap_on_a_scan_is_a_skipped_row(policy: Policy) -> None:
    skipped = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-500.00", "19500.00"),
                   ("2026-09-18", "消费", "-300.00", "18750.00"), ("2026-10-10", "代发工资", "16600.00", "35350.00"))
    assert status(policy, _scanned(skipped, [100, 120, 160, 180]))["anomaly.balance_chain"] == Status.REVIEW
    assert status(policy, _scanned(skipped, [100, 120, 140, 160]))["anomaly.balance_chain"] == Status.FAIL
    wrapped = _scanned(skipped, [100, 120, 160, 180], heights=[12, 32, 12, 12])  # row 2 on two lines, not a gap
    assert status(policy, wrapped)["anomaly.balance_chain"] == Status.FAIL


def test_a_digit_the_scan_dropped_is_a_misreading(policy: Policy) -> None:
    dropped = rows(("2026-04-06", "转账", "-4922.04", "288197.92"), ("2026-04-08", "跨行转出", "-752.47", "280745.45"),
                   ("2026-04-08", "消费", "-1864.70", "278880.75"))
    assert status(policy, _scanned(dropped, EVEN[:3]))["anomaly.balance_chain"] == Status.REVIEW
    two_lost = rows(("2026-04-06", "转账", "-4922.04", "288197.92"), ("2026-04-08", "跨行转出", "-52.47", "280745.45"),
                    ("2026-04-08", "消费", "-1864.70", "278880.75"))
    assert status(policy, _scanned(two_lost, EVEN[:3]))["anomaly.balance_chain"] == Status.FAIL


def test_an_amount_read_as_zero_where_the_balance_moved_is_a_misreading(policy: Policy) -> None:
    # 300.00 read 000: the next row chains from the printed balance
    before, zero = ("2026-11-19", "POS消费", "-1288.38", "338378.42"), ("2026-11-24", "取现", "0", "338078.42")
    read = rows(before, zero, ("2026-11-24", "转账", "-978.18", "337100.24"))
    assert status(policy, _scanned(read, EVEN[:3]))["anomaly.balance_chain"] == Status.REVIEW
    assert status(policy, _scanned(read, EVEN[:3], "text_layer"))["anomaly.balance_chain"] == Status.FAIL
    unconfirmed = rows(before, zero, ("2026-11-24", "转账", "-978.18", "336000.00"))  # the next row does not chain
    assert status(policy, _scanned(unconfirmed, EVEN[:3]))["anomaly.balance_chain"] == Status.FAIL


@pytest.mark.parametrize(("amount", "verdict"), [("4160.6", Status.REVIEW),  # 4,160.86 with a cent's digit lost
                                                ("2424", Status.REVIEW),  # 242.44: a digit and the point lost
                                                ("4106.6", Status.FAIL)])  # two digits wrong: no misreading
def test_a_digit_lost_among_the_cents_or_with_the_point_is_a_misreading(amount: str, verdict: Status,
                                                                         policy: Policy) -> None:
    start, after = ("2025-10-06", "取现", "-800.00", "67604.72"), ("2025-10-10", "转账存入", "10872.71", "82638.29")
    sign = "-" if amount == "2424" else ""
    printed = "71765.58" if sign == "" else "67362.28"
    read = rows(start, ("2025-10-07", "收款", f"{sign}{amount}", printed),
                (after[0], after[1], after[2], str(Decimal(printed) + Decimal(after[2]))))
    assert status(policy, _scanned(read, EVEN[:3]))["anomaly.balance_chain"] == verdict


def test_a_jump_at_a_page_turn_with_every_page_numbered_is_no_missing_page(policy: Policy) -> None:
    jump = rows(("2026-09-10", "代发工资", "16600.00", "20000.00"), ("2026-09-15", "消费", "-500.00", "19500.00"),
                ("2026-10-10", "代发工资", "16600.00", "35600.00"))
    boxes = [{"page": 1, "bbox": [10, 100, 500, 112]}, {"page": 1, "bbox": [10, 120, 500, 132]},
             {"page": 2, "bbox": [10, 100, 500, 112]}]

    def stmt(source: str, printed: list[tuple[int, int]]) -> Document:
        meta = {"page_sources": [source, source], "transaction_rows": boxes, "printed_page_numbers": printed}
        return doc(DocType.BANK_STATEMENT, "stmt", stamps=[seal("招商银行")], meta=meta, bank_name="招商银行",
                   transactions=jump).model_copy(update={"pages": [1, 2]})

    scanned = status(policy, stmt("ocr", [(1, 2), (2, 2)]))  # 第1页 共2页, 第2页 共2页: nothing is missing
    assert scanned["completeness.pages.bank_statement"] == Status.PASS
    assert scanned["anomaly.balance_chain"] == Status.REVIEW  # a row lost at the page turn: compare with paper
    assert status(policy, stmt("text_layer", [(1, 2), (2, 2)]))["anomaly.balance_chain"] == Status.FAIL
    gap = status(policy, stmt("ocr", [(1, 3), (3, 3)]))  # page 2 of 3 is absent: the jump is that page
    assert gap["completeness.pages.bank_statement"] == Status.FAIL
    assert gap["anomaly.balance_chain"] == Status.PASS
