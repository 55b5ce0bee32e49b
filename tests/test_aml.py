"""anomaly.aml: flow patterns over hand-built statement rows, the watch-list import and screening."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, BBox, Bundle, DocType, Document, Field, Side, Status
from docproc.core.policy import Policy, load_policy
from docproc.core.screening import name_key
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.store import watchlist
from docproc.validators import CHECKS, run_check

FIXTURES = Path(__file__).parent / "fixtures"
LIST = FIXTURES / "watchlist.csv"
APPLIED = date(2026, 11, 20)


@pytest.fixture
def policy() -> Policy:
    return load_policy()


def _field(value: object) -> Field:
    return Field(value=value, confidence=0.95, page=1, bbox=BBox(x0=1, y0=2, x1=30, y1=10))


def statement(entries: list[tuple[str, str, str, str]], opening: str = "20000.00") -> Document:
    """Rows from (date, description, signed amount, counterparty); balances follow."""
    balance, rows = Decimal(opening), []
    for day, text, amount, who in entries:
        balance += Decimal(amount)
        rows.append({"date": date.fromisoformat(day), "description": text, "amount": Decimal(amount),
                     "balance": balance, "counterparty": who})
    return Document(id="doc_stmt", file_id="file_stmt", type=DocType.BANK_STATEMENT, pages=[1],
                    fields={"account_holder": _field("陈静"), "transactions": _field(rows)},
                    meta={"transaction_rows": [{"page": 1, "bbox": [10, 20 + 12 * i, 500, 30 + 12 * i]}
                                               for i in range(len(rows))]})


def salary_months(months: int = 6) -> list[tuple[str, str, str, str]]:
    out = []
    for m in range(months):
        day = date(2026, 5 + m, 10)
        out += [(day.isoformat(), "代发工资", "15800.00", "某某科技有限公司"),
                ((day + timedelta(days=3)).isoformat(), "消费", "-2350.40", "超市"),
                ((day + timedelta(days=9)).isoformat(), "转账支出", "-4100.00", "房东")]
    return out


def bundle(*docs: Document, name: str | None = None) -> Bundle:
    app = Application(id="app_aml", profile="salaried", application_date=APPLIED, applicant_name=name,
                      created_at=utcnow())
    return Bundle(application=app, documents=list(docs))


def verdict(b: Bundle, policy: Policy) -> tuple[Status, list[str], int]:
    result = run_check(CHECKS.get("anomaly.aml"), b, policy)
    return result.status, result.reasons, len([e for e in result.evidence if e.field == "transactions" and e.bbox])


def test_a_plain_salary_statement_passes_and_says_names_were_not_screened(policy: Policy) -> None:
    status, reasons, _ = verdict(bundle(statement(salary_months())), policy)
    assert status == Status.PASS
    assert any("no watch list is loaded" in r for r in reasons)


def test_no_statement_and_no_list_is_not_applicable(policy: Policy) -> None:
    assert verdict(bundle(), policy)[0] == Status.NOT_APPLICABLE


def test_structuring_three_deposits_just_under_the_threshold_within_weeks(policy: Policy) -> None:
    rows = salary_months() + [("2026-09-02", "现金存入", "49500.00", ""), ("2026-09-09", "现金存入", "48000.00", ""),
                              ("2026-09-20", "现金存入", "49900.00", "")]
    status, reasons, boxes = verdict(bundle(statement(sorted(rows))), policy)
    assert status == Status.REVIEW
    assert any(r.startswith("structuring: 3 deposits") and "50000" in r for r in reasons), reasons
    assert boxes >= 3, "each deposit is listed as evidence with its row box"
    # two such deposits, or three spread over more than the window, are not structuring
    two = salary_months() + [("2026-09-02", "现金存入", "49500.00", ""), ("2026-09-09", "现金存入", "48000.00", "")]
    assert verdict(bundle(statement(sorted(two))), policy)[0] == Status.PASS
    spread = salary_months() + [("2026-06-02", "现金存入", "49500.00", ""), ("2026-07-19", "现金存入", "48000.00", ""),
                                ("2026-09-20", "现金存入", "49900.00", "")]
    assert verdict(bundle(statement(sorted(spread))), policy)[0] == Status.PASS


def test_rapid_in_and_out(policy: Policy) -> None:
    rows = salary_months() + [("2026-08-03", "跨行转入", "86300.00", "赵磊"), ("2026-08-04", "转账支出", "-45000.00", "钱某"),
                              ("2026-08-05", "转账支出", "-35000.00", "孙某")]
    status, reasons, boxes = verdict(bundle(statement(sorted(rows))), policy)
    assert status == Status.REVIEW
    assert any(r.startswith("rapid in-and-out: 86300.00 arrived on 2026-08-03") for r in reasons), reasons
    assert boxes == 3
    slow = salary_months() + [("2026-08-03", "跨行转入", "86300.00", "赵磊"), ("2026-08-20", "转账支出", "-75000.00", "钱某")]
    assert verdict(bundle(statement(sorted(slow))), policy)[0] == Status.PASS


def test_many_counterparties_cash_before_application_and_large_round_credits(policy: Policy) -> None:
    payers = [(f"2026-10-{d:02d}", "转账存入", "1200.00", f"付款人{chr(0x4e00 + d * 37)}{chr(0x4e00 + d * 53)}")
              for d in range(1, 20)]
    status, reasons, _ = verdict(bundle(statement(sorted(salary_months() + payers))), policy)
    assert status == Status.REVIEW and any(r.startswith("many counterparties: 20 distinct payers") for r in reasons)
    cash = salary_months() + [("2026-11-12", "现金存入", "26000.00", "")]
    status, reasons, _ = verdict(bundle(statement(sorted(cash))), policy)
    assert status == Status.REVIEW and any("cash deposit of 26000.00 on 2026-11-12, 8 day(s)" in r for r in reasons)
    round_ = salary_months() + [("2026-06-15", "转账存入", "200000.00", "刘洋")]
    status, reasons, _ = verdict(bundle(statement(sorted(round_))), policy)
    assert status == Status.REVIEW and any(r.startswith("large round credit of 200000.00") for r in reasons)


def test_name_keys_fold_case_spacing_and_word_order() -> None:
    assert name_key("Varradine, Quillon") == name_key("QUILLON  VARRADINE") == "quillon varradine"
    assert name_key("澜沧星际贸易有限公司 ") == name_key("澜沧星际贸易 有限公司")
    assert name_key("张*") == "" and name_key("  ") == ""


def test_import_list_and_screen_the_applicant_and_counterparties(ctx: Context, policy: Policy) -> None:
    assert watchlist.import_file(ctx.db, LIST) == 4
    assert watchlist.info(ctx.db).entries == 4
    assert watchlist.import_file(ctx.db, LIST) == 4, "an import replaces the list"
    app = pipeline.create_application(ctx, profile="salaried", application_date=APPLIED, applicant_name="陈静")
    rows = salary_months() + [("2026-09-01", "转账存入", "3000.00", "澜沧星际贸易有限公司"),
                              ("2026-09-08", "转账存入", "3000.00", "澜沧星际贸易有限公司"),
                              ("2026-09-15", "转账支出", "-800.00", "Q. Varradine")]
    doc = statement(sorted(rows))
    b = Bundle(application=app, documents=[doc])
    from docproc.service.screening import screen

    found = screen(ctx.db, b, policy)
    assert found.entries == 4
    assert sorted(h.entry_id for h in found.hits) == ["ts-fict-0002", "ts-fict-0003"], "a payer in many rows: once"
    status, reasons, boxes = verdict(b.model_copy(update={"screening": found}), policy)
    assert status == Status.FAIL
    assert any("counterparty '澜沧星际贸易有限公司' matches" in r and "ts-fict-0002" in r for r in reasons), reasons
    assert boxes == 2
    listed_applicant = b.model_copy(update={"application": app.model_copy(update={"applicant_name": "柏嵐澈"})})
    front = Document(id="doc_front", file_id="file_id", type=DocType.ID_CARD, side=Side.FRONT, pages=[1],
                     fields={"name": _field("陈静")})
    hits = screen(ctx.db, listed_applicant.model_copy(update={"documents": [front]}), policy).hits
    assert [(h.role, h.entry_id) for h in hits] == [("applicant", "ts-fict-0001")], "an alias matches"


def test_an_application_checked_end_to_end_is_screened(ctx: Context) -> None:
    watchlist.import_file(ctx.db, LIST)
    app = pipeline.create_application(ctx, profile="salaried", application_date=APPLIED, applicant_name="闫霁珩")
    checklist = pipeline.check_application(ctx, app.id)
    item = next(i for i in checklist.items if i.id == "anomaly.aml")
    assert item.status == Status.FAIL and any("the applicant matches '闫霁珩'" in r for r in item.reasons)


def test_a_file_that_is_not_the_simple_csv_is_refused(ctx: Context, tmp_path: Path) -> None:
    bad = tmp_path / "list.csv"
    bad.write_text("caption,names\nA,B\n", encoding="utf-8")
    with pytest.raises(watchlist.InvalidWatchlist, match="lacks the column"):
        watchlist.import_file(ctx.db, bad)


def test_cli_import_list(runner) -> None:  # type: ignore[no-untyped-def]
    from docproc.cli.main import main

    result = runner.invoke(main, ["aml", "import-list", str(LIST)])
    assert result.exit_code == 0, result.output
    assert "imported 4 watch-list entries" in result.output
    result = runner.invoke(main, ["aml", "list-info"])
    assert "4 entries from watchlist.csv" in result.output
