"""The scorer on a hand-made case with known errors: a broken scorer cannot report a perfect score."""

from __future__ import annotations

from collections import Counter

from docproc.eval.evaluation import GotDocument, Report, score_checks, score_file, score_status
from docproc.eval.report import format_report, precision_recall


def test_known_errors_are_counted_exactly() -> None:
    report = Report()
    spec = {"form": "scan", "documents": [
        {"type": "id_card", "side": "front", "pages": [1], "fields": {"name": "张伟", "birth_date": "1988-04-02"}},
        {"type": "income_proof", "pages": [2, 3], "fields": {"monthly_income": "12500.00", "employer": "甲公司",
                                                             "phone": None}},
    ]}
    got = [
        GotDocument("id_card", "front", (1,), {"name": "张 伟", "birth_date": "1988-04-03"}),   # 1 of 2 right
        GotDocument("income_proof", None, (2,), {"monthly_income": "12,500.00"}),            # employer missing
        GotDocument("unknown", None, (3,), {}),                                             # page 3 misread
    ]
    score_file(report, spec=spec, docs=got, where="a/f")
    assert (report.pages.correct, report.pages.total) == (2, 3)
    assert (report.splits.correct, report.splits.total) == (0, 1)
    assert report.fields[("id_card", "name", "scan")].rate == 1.0  # spaces normalised away
    assert report.fields[("id_card", "birth_date", "scan")].rate == 0.0
    assert report.fields[("income_proof", "monthly_income", "scan")].rate == 1.0
    assert report.fields[("income_proof", "employer", "scan")].rate == 0.0
    assert ("income_proof", "phone", "scan") not in report.fields  # null truth is not scored


def test_transactions_count_row_by_row() -> None:
    report = Report()
    rows = [{"date": "2026-01-05", "amount": "100.00"}, {"date": "2026-01-06", "amount": "-20.00"},
            {"date": "2026-01-07", "amount": "5.00"}]
    spec = {"form": "born_digital", "documents": [{"type": "bank_statement", "pages": [1], "fields": {"transactions": rows}}]}
    found = [{"date": "2026-01-05", "amount": "100"}, {"date": "2026-01-06", "amount": "-20.00"}]
    score_file(report, spec=spec, docs=[GotDocument("bank_statement", None, (1,), {"transactions": found})], where="x")
    tally = report.fields[("bank_statement", "transactions", "born_digital")]
    assert (tally.correct, tally.total) == (2, 3)


def test_check_confusion_precision_recall_and_status() -> None:
    report = Report()
    score_checks(report, expected={"a": "fail", "b": "pass", "c": "fail", "d": "review_or_fail"},
                 got={"a": "fail", "b": "fail", "d": "review"}, where="x")
    assert report.checks["c"] == Counter({("fail", "absent"): 1})
    assert report.checks["d"] == Counter({("review", "review"): 1})
    merged: Counter[tuple[str, str]] = Counter()
    for confusion in report.checks.values():
        merged.update(confusion)
    precision, recall = precision_recall(merged, "fail")
    assert (precision, recall) == (0.5, 0.5)  # a right; b a false alarm; c missed
    score_status(report, expected="ready", got="flagged", where="x")
    score_status(report, expected="flagged", got="flagged", where="y")
    assert report.status.rate == 0.5
    text = format_report(report, title="t")
    assert text.splitlines()[-1].startswith("SUMMARY t:") and "status 0.500" in text


def test_seal_scores_count_pages_missed_false_and_legends() -> None:
    from docproc.eval.evaluation import GotDocument, Report, score_seals
    from docproc.eval.report import format_report

    expected = [{"type": "bank_statement", "pages": [1, 2, 3],
                 "seals": [{"page": 3, "legend": "中国民生银行股份有限公司长春朝阳支行", "shape": "oval"}]},
                {"type": "income_proof", "pages": [4], "seals": [{"page": 4, "legend": "长春东方物流股份有限公司", "shape": "round"}]}]
    got = [GotDocument(type="bank_statement", side=None, pages=(1, 2, 3), fields={},
                       seals=((1, None), (3, "中国民生银行股份有限公司长春"))),  # a false seal on page 1; a partial legend
           GotDocument(type="income_proof", side=None, pages=(4,), fields={}, seals=((4, "长春博远环保科技有限公司"),))]
    report = Report()
    score_seals(report, expected_docs=expected, docs=got, where="x")
    assert (report.seal_recall.correct, report.seal_recall.total) == (2, 2)
    assert (report.seal_free.correct, report.seal_free.total) == (1, 2)  # page 1 false, page 2 clean
    oval, round_ = report.seal_legends["oval"], report.seal_legends["round"]
    assert (oval.correct, oval.total) == (1, 1)
    assert (round_.correct, round_.total) == (0, 1)  # the letter's seal names another firm
    assert any("round seal legend '长春东方物流股份有限公司' read as '长春博远环保科技有限公司'" in m for m in report.misses)
    assert "(0/1 round seals)" in format_report(report, title="t")


def test_defects_are_found_by_their_checks_and_clean_applicants_count_false_alarms() -> None:
    from docproc.eval.evaluation import Report, score_defects
    from docproc.eval.report import format_report

    effects = {"broken_balance_chain": {"anomaly.balance_chain": "fail"}, "expiring_id": {"freshness.id_card": "review"}}
    report = Report()
    expected = {"anomaly.balance_chain": "fail", "freshness.id_card": "review", "stamp.bank_statement": "pass"}
    score_defects(report, defects=["broken_balance_chain", "expiring_id", "unknown_kind"], effects=effects,
                  expected=expected, got={"anomaly.balance_chain": "fail", "freshness.id_card": "pass"}, where="a")
    assert (report.defects["broken_balance_chain"].correct, report.defects["expiring_id"].correct) == (1, 0)
    assert "unknown_kind" not in report.defects and "a: defect expiring_id not detected" in report.misses
    assert report.clean_items.total == 0  # an applicant with defects is not a clean one
    clean = {"anomaly.balance_chain": "pass", "stamp.bank_statement": "pass", "anomaly.income": "not_applicable"}
    score_defects(report, defects=[], effects=effects, expected=clean,
                  got={"anomaly.balance_chain": "review", "stamp.bank_statement": "pass"}, where="b")
    assert (report.clean_items.correct, report.clean_items.total) == (1, 2)
    assert "false alarms on clean applicants 0.500  (1/2" in format_report(report, title="t")
