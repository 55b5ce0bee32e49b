"""The credit report (个人信用报告): reading the detailed and simple layouts (text layer and a scan through real OCR),
each credit check's verdicts on hand-built documents, and bundles without a report judged as before."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, BBox, Bundle, DocType, Document, Field, Status
from docproc.core.policy import Policy, load_policy, parse_policy
from docproc.reading import read as reading
from docproc.reading.classify import label_pages, split
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.validators import CHECKS, run_checks
from samples.generator.corpus import credit_policy_text
from samples.generator.credit import CreditAccount, CreditQuery, CreditReportFacts, make_credit_report
from samples.generator.credit_pdf import render_credit_report
from samples.generator.pdfkit import random_typeface
from samples.generator.printing import rasterize

APPLIED = date(2026, 11, 20)
NAME, ID_NUMBER = "林晓梅", "11010519880402123X"
CREDIT_IDS = ("completeness.credit_report", "completeness.pages.credit_report", "completeness.legibility.credit_report",
              "freshness.credit_report", "anomaly.credit_overdue", "anomaly.credit_queries", "anomaly.debt_to_income",
              "anomaly.credit_hidden_debt")


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


# --- reading ------------------------------------------------------------------------------------------------------

def _facts(layout: str) -> CreditReportFacts:
    """A report with a loan and a card (the card overdue now, three late months on the loan), and inquiries."""
    statuses = ("N",) * 10 + ("1", "1", "2") + ("N",) * 11
    loan = CreditAccount("中国建设银行杭州分行", "consumer", date(2025, 3, 12), Decimal(120000), Decimal(86420),
                         Decimal(3650), Decimal(0), statuses, 15)
    card = CreditAccount("招商银行信用卡中心", "credit_card", date(2019, 6, 3), Decimal(50000), Decimal(12300),
                         Decimal(2460), Decimal(2952), ("N",) * 22 + ("1", "2"), 8)
    queries = (CreditQuery(date(2026, 10, 30), "平安银行股份有限公司", "贷款审批"),
               CreditQuery(date(2026, 6, 2), "招商银行信用卡中心", "贷后管理"),
               CreditQuery(date(2025, 12, 19), "中国银行股份有限公司", "本人查询"))
    return CreditReportFacts(NAME, ID_NUMBER, "2026111510203145678901", datetime(2026, 11, 15, 10, 20, 31), layout,
                             (loan, card), queries, random_typeface(random.Random(3)), "%Y.%m.%d")


def _read(ctx: Context, data: bytes, filename: str) -> Document:
    pages = reading.read_file(data, file_id="f", filename=filename, ctx=ctx)
    raws = split(pages, label_pages(pages))
    assert [r.doc_type for r in raws] == [DocType.CREDIT_REPORT]
    return pipeline.extract(raws[0], ctx)


def _values(doc: Document) -> dict[str, Any]:
    return {k: f.value for k, f in doc.fields.items()}


def test_detailed_born_digital_report_gives_every_account_field(ctx: Context) -> None:
    facts = _facts("detailed")
    doc = _read(ctx, render_credit_report(facts, random.Random(1), when=facts.report_time, producer="x"), "r.pdf")
    got = _values(doc)
    assert (got["report_number"], got["report_date"], got["name"], got["id_number"]) == (
        "2026111510203145678901", date(2026, 11, 15), NAME, ID_NUMBER)
    loan, card = got["accounts"]
    assert loan == {"institution": "中国建设银行杭州分行", "kind": "consumer", "opened": date(2025, 3, 12),
                    "limit_or_principal": Decimal(120000), "balance": Decimal(86420), "monthly_payment": Decimal(3650),
                    "overdue_amount": Decimal(0), "worst_status_24m": "2", "overdue_months_24m": 3}
    assert (card["kind"], card["overdue_amount"], card["monthly_payment"], card["overdue_months_24m"]) == (
        "credit_card", Decimal(2952), Decimal(2460), 2)
    assert [(q["date"], q["reason"]) for q in got["queries"]] == [
        (date(2026, 10, 30), "贷款审批"), (date(2026, 6, 2), "贷后管理"), (date(2025, 12, 19), "本人查询")]
    assert got["overdue_accounts"] == 2 and got["total_monthly_payment"] == Decimal(6110)
    assert [tuple(n) for n in doc.meta["printed_page_numbers"]] == [(k, len(doc.pages)) for k in range(1, len(doc.pages) + 1)]


def test_simple_born_digital_report_gives_accounts_from_sentences(ctx: Context) -> None:
    facts = _facts("simple")
    got = _values(_read(ctx, render_credit_report(facts, random.Random(1), when=facts.report_time, producer="x"), "r.pdf"))
    by_kind = {a["kind"]: a for a in got["accounts"]}
    assert by_kind["consumer"]["limit_or_principal"] == Decimal(120000) and by_kind["consumer"]["balance"] == Decimal(86420)
    assert by_kind["consumer"]["overdue_months_5y"] == 3 and "monthly_payment" not in by_kind["consumer"]
    assert by_kind["credit_card"]["overdue_amount"] == Decimal(2952)
    assert by_kind["credit_card"]["institution"] == "招商银行信用卡中心"
    assert "total_monthly_payment" not in got  # the simple layout prints no monthly payment
    assert len(got["queries"]) == 3


def test_scanned_report_read_through_ocr(ctx: Context) -> None:
    """A scan of the simple layout's single page: the person, the report date, the accounts and the inquiries."""
    facts = _facts("simple")
    image = rasterize(render_credit_report(facts, random.Random(1), when=facts.report_time, producer="x"), 1, 200)
    noisy = np.clip(np.asarray(image, dtype=np.int16) + np.random.default_rng(1).integers(-12, 12, (image.height, image.width, 3)), 0, 255)
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(noisy.astype(np.uint8)).rotate(0.8, expand=True, fillcolor=(255, 255, 255)).save(out, "JPEG", quality=80)
    got = _values(_read(ctx, out.getvalue(), "scan.jpg"))
    assert got["name"] == NAME and got["id_number"] == ID_NUMBER and got["report_date"] == date(2026, 11, 15)
    assert sorted(a["kind"] for a in got["accounts"]) == ["consumer", "credit_card"]
    assert {a["kind"]: a["balance"] for a in got["accounts"]} == {"consumer": Decimal(86420), "credit_card": Decimal(12300)}
    assert [q["reason"] for q in got["queries"]] == ["贷款审批", "贷后管理", "本人查询"]


def test_generated_reports_classify_as_credit_reports_not_statements(ctx: Context) -> None:
    for seed in range(4):
        facts = make_credit_report(random.Random(seed), name=NAME, id_number=ID_NUMBER, applied=APPLIED, city="杭州",
                                   monthly=Decimal(1500), defects=("credit_excess_queries",))
        pdf = render_credit_report(facts, random.Random(seed), when=facts.report_time, producer="x")
        pages = reading.read_file(pdf, file_id="f", filename="r.pdf", ctx=ctx)
        assert {label.doc_type for label in label_pages(pages)} == {DocType.CREDIT_REPORT}


# --- checks on hand-built documents --------------------------------------------------------------------------------

def f(value: object) -> Field:
    return Field(value=value, confidence=0.95, page=1, bbox=BBox(x0=1, y0=1, x1=9, y1=9))


def account(**over: object) -> dict[str, object]:
    row: dict[str, object] = {"institution": "中国建设银行杭州分行", "kind": "consumer", "opened": date(2025, 3, 12),
                              "limit_or_principal": Decimal(120000), "balance": Decimal(86420),
                              "monthly_payment": Decimal(3650), "overdue_amount": Decimal(0), "worst_status_24m": "N",
                              "overdue_months_24m": 0}
    return {**row, **over}


def report(accounts: list[dict[str, object]] | None = None, queries: list[dict[str, object]] | None = None,
           made: date = date(2026, 11, 10), **over: object) -> Document:
    fields = {"name": NAME, "id_number": ID_NUMBER, "report_date": made, "report_number": "2026111510203145678901",
              "accounts": accounts if accounts is not None else [account()],
              "queries": queries if queries is not None else [{"date": date(2026, 9, 1), "institution": "平安银行",
                                                               "reason": "贷款审批"}], **over}
    return Document(id="cr", file_id="file_cr", type=DocType.CREDIT_REPORT, pages=[1, 2],
                    fields={k: f(v) for k, v in fields.items()}, meta={"account_rows": [{"page": 1, "bbox": [1, 2, 3, 4]}]})


def salary_statement(monthly: str = "20000.00", extra: list[tuple[str, str, str]] = ()) -> Document:  # type: ignore[assignment]
    rows: list[dict[str, object]] = []
    for month in (8, 9, 10):
        rows.append({"date": date(2026, month, 10), "description": "代发工资", "amount": Decimal(monthly),
                     "balance": Decimal(0), "counterparty": "杭州某某科技有限公司"})
    for day, desc, amount in extra:
        rows.append({"date": date.fromisoformat(day), "description": desc, "amount": Decimal(amount), "balance": Decimal(0),
                     "counterparty": "中国建设银行"})
    return Document(id="st", file_id="file_st", type=DocType.BANK_STATEMENT, pages=[1],
                    fields={"transactions": f(rows), "period_end": f(date(2026, 11, 5)), "account_holder": f(NAME)})


def verdicts(policy: Policy, *docs: Document, loan: str | None = "1000000", profile: str = "salaried") -> dict[str, Status]:
    app = Application(id="app", profile=profile, application_date=APPLIED, created_at=utcnow(),
                      loan_amount=Decimal(loan) if loan else None)
    return {r.id: r.status for r in run_checks(Bundle(application=app, documents=list(docs)), policy)}


def test_every_credit_check_is_registered() -> None:
    assert set(CREDIT_IDS) <= {check_id for check_id, _ in CHECKS}


def test_without_a_report_the_credit_checks_are_not_applicable_and_nothing_else_changes(policy: Policy) -> None:
    statement = salary_statement()
    without = verdicts(policy, statement)
    assert {without[c] for c in CREDIT_IDS} == {Status.NOT_APPLICABLE}
    assert without["anomaly.identity"] == Status.NOT_APPLICABLE


def test_a_profile_that_requires_the_report_misses_it(policy: Policy) -> None:
    strict = parse_policy(credit_policy_text())
    assert verdicts(strict, salary_statement())["completeness.credit_report"] == Status.MISSING
    assert verdicts(strict, salary_statement(), report())["completeness.credit_report"] == Status.PASS


def test_freshness_of_the_report(policy: Policy) -> None:
    assert verdicts(policy, report(made=date(2026, 11, 1)))["freshness.credit_report"] == Status.PASS
    assert verdicts(policy, report(made=date(2026, 10, 1)))["freshness.credit_report"] == Status.FAIL
    assert verdicts(policy, report(report_date=None))["freshness.credit_report"] == Status.REVIEW


def test_identity_compares_the_report_with_the_id_card(policy: Policy) -> None:
    card = Document(id="id", file_id="file_id", type=DocType.ID_CARD, side="front", pages=[1],  # type: ignore[arg-type]
                    fields={"name": f(NAME), "id_number": f(ID_NUMBER)})
    assert verdicts(policy, card, report())["anomaly.identity"] == Status.PASS
    assert verdicts(policy, card, report(name="周建国"))["anomaly.identity"] == Status.FAIL


def test_overdue_now_fails_past_overdue_months_over_the_policy_review(policy: Policy) -> None:
    assert verdicts(policy, report())["anomaly.credit_overdue"] == Status.PASS
    assert verdicts(policy, report([account(overdue_months_24m=2)]))["anomaly.credit_overdue"] == Status.PASS
    assert verdicts(policy, report([account(overdue_months_24m=2), account(kind="credit_card", overdue_months_24m=1)])
                    )["anomaly.credit_overdue"] == Status.REVIEW
    simple = {k: v for k, v in account(overdue_months_5y=4).items() if not k.endswith("_24m")}  # the simple layout
    assert verdicts(policy, report([simple]))["anomaly.credit_overdue"] == Status.REVIEW
    assert verdicts(policy, report([account(overdue_amount=Decimal(3200))]))["anomaly.credit_overdue"] == Status.FAIL
    assert verdicts(policy, report([]))["anomaly.credit_overdue"] == Status.REVIEW  # accounts unread: never a pass


def test_hard_inquiries_in_six_months_over_the_policy_review(policy: Policy) -> None:
    def q(day: str, reason: str) -> dict[str, object]:
        return {"date": date.fromisoformat(day), "institution": "某银行", "reason": reason}

    three = [q("2026-10-01", "贷款审批"), q("2026-08-01", "信用卡审批"), q("2026-06-01", "贷款审批")]
    assert verdicts(policy, report(queries=three))["anomaly.credit_queries"] == Status.PASS
    soft = [q("2026-10-02", "贷后管理"), q("2026-10-03", "本人查询")]
    assert verdicts(policy, report(queries=three + soft))["anomaly.credit_queries"] == Status.PASS
    old = [q("2026-05-09", "贷款审批")]  # more than six months before the report of 2026-11-10
    assert verdicts(policy, report(queries=three + old))["anomaly.credit_queries"] == Status.PASS
    assert verdicts(policy, report(queries=[*three, q("2026-05-11", "信用卡审批")]))["anomaly.credit_queries"] == Status.REVIEW
    assert verdicts(policy, report(queries=[]))["anomaly.credit_queries"] == Status.REVIEW


def test_debt_to_income_pass_review_fail_not_applicable_and_review_without_income(policy: Policy) -> None:
    # existing 3,650 + the new loan's annuity (3.5 %, 30 years: 4,490.45 per 1,000,000) over 20,000 of salary
    statement = salary_statement("20000.00", [("2026-10-15", "贷款还款", "-3650.00")])
    assert verdicts(policy, statement, report(), loan="1000000")["anomaly.debt_to_income"] == Status.PASS  # 40.7 %
    assert verdicts(policy, statement, report(), loan="1200000")["anomaly.debt_to_income"] == Status.REVIEW  # 45.2 %
    assert verdicts(policy, statement, report(), loan="1500000")["anomaly.debt_to_income"] == Status.FAIL  # 51.9 %
    assert verdicts(policy, statement, report(), loan=None)["anomaly.debt_to_income"] == Status.NOT_APPLICABLE
    assert verdicts(policy, report(), loan="1000000")["anomaly.debt_to_income"] == Status.REVIEW  # no income: by hand
    assert verdicts(policy, statement, loan="1000000")["anomaly.debt_to_income"] == Status.NOT_APPLICABLE  # no report


def test_debt_to_income_from_a_tax_record_and_with_unprinted_payments(policy: Policy) -> None:
    tax = Document(id="tx", file_id="file_tx", type=DocType.TAX_CERTIFICATE, pages=[1],
                   fields={"total_income": f(Decimal("240000.00")), "period_start": f(date(2025, 11, 1)),
                           "period_end": f(date(2026, 10, 31))})
    assert verdicts(policy, tax, report(), loan="1000000")["anomaly.debt_to_income"] == Status.PASS  # 20,000 a month
    simple = report([account(monthly_payment=None)])
    assert verdicts(policy, tax, simple, loan="1000000")["anomaly.debt_to_income"] == Status.REVIEW  # loan payment unknown
    card_only = report([account(kind="credit_card", monthly_payment=None, balance=Decimal(10000))])
    assert verdicts(policy, tax, card_only, loan="1000000")["anomaly.debt_to_income"] == Status.PASS  # 1,000 counted


def test_hidden_debt_when_a_loan_repayment_is_not_in_the_statement(policy: Policy) -> None:
    paid = salary_statement(extra=[("2026-09-15", "贷款还款", "-3650.00"), ("2026-10-15", "贷款还款", "-3650.00")])
    assert verdicts(policy, paid, report())["anomaly.credit_hidden_debt"] == Status.PASS
    assert verdicts(policy, salary_statement(), report())["anomaly.credit_hidden_debt"] == Status.REVIEW
    once = salary_statement(extra=[("2026-09-15", "转账", "-3650.40")])  # one debit of that size: chance, not a repayment
    assert verdicts(policy, once, report())["anomaly.credit_hidden_debt"] == Status.REVIEW
    assert verdicts(policy, salary_statement(), report([account(kind="credit_card")]))["anomaly.credit_hidden_debt"] == Status.PASS
    assert verdicts(policy, salary_statement(), report([account(monthly_payment=None)])
                    )["anomaly.credit_hidden_debt"] == Status.NOT_APPLICABLE
    assert verdicts(policy, report())["anomaly.credit_hidden_debt"] == Status.NOT_APPLICABLE  # no statement
    opened_late = report([account(opened=date(2026, 11, 8))])  # after the statement ends: nothing to find yet
    assert verdicts(policy, salary_statement(), opened_late)["anomaly.credit_hidden_debt"] == Status.PASS


def test_reasons_are_bilingual(policy: Policy) -> None:
    app = Application(id="app", profile="salaried", application_date=APPLIED, created_at=utcnow(), loan_amount=Decimal(1500000))
    bundle = Bundle(application=app, documents=[salary_statement(), report([account(overdue_amount=Decimal(10))])])
    for result in run_checks(bundle, policy):
        if result.id in CREDIT_IDS:
            assert len(result.reasons_zh) == len(result.reasons) and all(
                any("\u4e00" <= c <= "\u9fff" for c in r) for r in result.reasons_zh), result.id



# --- what a partial read or a real report's own wording must not turn into a pass -------------------------------

def test_an_amount_overdue_or_a_history_month_not_read_asks_for_a_review(policy: Policy) -> None:
    assert verdicts(policy, report([account(overdue_amount=None)]))["anomaly.credit_overdue"] == Status.REVIEW
    assert verdicts(policy, report([account(history_unread_months=1)]))["anomaly.credit_overdue"] == Status.REVIEW


def test_a_severe_late_status_asks_for_a_review_whatever_the_count(policy: Policy) -> None:
    one_bad_month = account(worst_status_24m="7", overdue_months_24m=1)  # 180+ days late once: not "one month"
    assert verdicts(policy, report([one_bad_month]))["anomaly.credit_overdue"] == Status.REVIEW
    assert verdicts(policy, report([account(worst_status_24m="B", overdue_months_24m=1)]))["anomaly.credit_overdue"] == Status.REVIEW
    assert verdicts(policy, report([account(worst_status_24m="2", overdue_months_24m=1)]))["anomaly.credit_overdue"] == Status.PASS


def test_the_simple_layout_says_five_years_not_24_months(policy: Policy) -> None:
    simple = {k: v for k, v in account(overdue_months_5y=4).items() if not k.endswith("_24m")}
    app = Application(id="app", profile="salaried", application_date=APPLIED, created_at=utcnow(), loan_amount=Decimal(1))
    result = next(r for r in run_checks(Bundle(application=app, documents=[report([simple])]), policy)
                  if r.id == "anomaly.credit_overdue")
    assert any("近5年" in r for r in result.reasons_zh) and not any("24" in r for r in result.reasons_zh)


def test_unread_accounts_or_balances_never_pass_debt_checks(policy: Policy) -> None:
    got = verdicts(policy, salary_statement(), report([]))
    assert got["anomaly.debt_to_income"] == Status.REVIEW and got["anomaly.credit_hidden_debt"] == Status.REVIEW
    unread_loan = account(balance=None, monthly_payment=None)
    assert verdicts(policy, salary_statement(), report([unread_loan]), loan="200000")["anomaly.debt_to_income"] == Status.REVIEW


def test_income_is_averaged_over_the_months_the_statement_covers() -> None:
    from docproc.validators.credit import verified_income

    statement = salary_statement("20000.00")  # pay in three months ...
    six_months = statement.model_copy(update={"fields": {**statement.fields, "period_start": f(date(2026, 5, 5))}})
    app = Application(id="app", profile="salaried", application_date=APPLIED, created_at=utcnow())
    income = verified_income(Bundle(application=app, documents=[six_months]), load_policy())
    assert income is not None and income[0] == Decimal("10000.00")  # ... of the six the statement covers


def test_amounts_in_wan_and_real_status_letters_are_read() -> None:
    from extractors._credit_rows import _history, _typed

    assert _typed("balance", "120万元") == Decimal(1200000) and _typed("balance", "12.5万") == Decimal(125000)
    assert _history("2025 N N N 1 2 B B B N N N N") is not None
    assert _history("2025 N N N 1 2 3 N N 口 N N N") == list("NNN123NN") + ["?"] + list("NNN")  # one cell misread


def test_consent_to_an_inquiry_and_a_loan_application_are_not_credit_reports() -> None:
    from docproc.core.models import PageSource, Unit, Word
    from docproc.reading.classify import label_page

    def page(lines: list[str]) -> Any:
        words = tuple(Word(text=t, bbox=BBox(x0=10, y0=20 * i, x1=600, y1=20 * i + 15), confidence=0.9, line=i)
                      for i, t in enumerate(lines))
        from docproc.core.models import Page
        return Page(file_id="f", number=1, width=800, height=600, unit=Unit.PX, source=PageSource.OCR, words=words)

    consent = ["个人征信查询授权书", "本人同意并不可撤销地授权贵行向中国人民银行征信中心查询本人的个人信用报告，",
               "用于审核本人的个人住房贷款申请。", "授权人（签字）：", "身份证号码：11010519880402123X", "授权日期：2026年11月3日"]
    form = ["个人住房贷款申请表", "借款人姓名 林晓梅 证件号码 11010519880402123X", "申请金额 1,000,000.00元 期限 30年",
            "本人同意贵行向中国人民银行征信中心查询本人信用状况", "申请人签字："]
    assert label_page(page(consent)).doc_type != DocType.CREDIT_REPORT
    assert label_page(page(form)).doc_type != DocType.CREDIT_REPORT


@pytest.mark.parametrize(("key", "bad"), [("dti_limit", "50"), ("new_loan_rate", "3.5"), ("dti_review_from", "0.6")])
def test_policy_refuses_credit_values_in_the_wrong_unit_or_order(key: str, bad: str) -> None:
    import re

    from docproc.core.errors import ConfigError

    text = credit_policy_text()
    parse_policy(text)  # as shipped: accepted
    changed, count = re.subn(rf"(?m)^{key} = .*?(?=\s+#|$)", f"{key} = {bad}", text, count=1)
    assert count == 1
    with pytest.raises(ConfigError):
        parse_policy(changed)
