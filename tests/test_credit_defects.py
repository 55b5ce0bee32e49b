"""The credit-report defects planted by the generator (``--credit-reports``), found end to end: three applicants'
credit reports, statements and tax records printed as their issuers' PDFs, read, extracted and checked under the
corpus's policy, against the verdicts their truth.json expects."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, Bundle, DocType, Document
from docproc.core.policy import load_policy, parse_policy
from docproc.reading import read as reading
from docproc.reading.classify import label_pages, split
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.validators import run_checks
from samples.generator.applicant import ApplicantSpec, plan
from samples.generator.corpus import credit_policy_text
from samples.generator.defects import CREDIT_DEFECTS, DEFECTS
from samples.generator.delivery import Delivery
from samples.generator.printing import Printer
from samples.generator.record import applicant_truth
from samples.generator.truth import CREDIT_CHECK_IDS

DIGITAL = Delivery("born_digital", "pdf")
READ = ("credit_report", "bank_statement", "tax_certificate")
SPECS = (
    ApplicantSpec("s1", seed=9701, profile="salaried", defects=("credit_hidden_debt", "credit_excess_queries"),
                  credit_reports=True),
    ApplicantSpec("s2", seed=9702, profile="salaried", defects=("credit_overdue_current", "dti_over_limit"),
                  credit_reports=True),
    ApplicantSpec("f3", seed=9703, profile="freelancer", defects=("credit_overdue_past",), credit_reports=True),
)
# The documents the credit checks need, printed as born-digital PDFs (the ID card, letter and contract are not read)
CHECKED = CREDIT_CHECK_IDS


def _documents(ctx: Context, spec: ApplicantSpec) -> tuple[list[Document], dict[str, object]]:
    forced = replace(spec, forms={i: DIGITAL for i in READ}, bundle=False)
    p = plan(forced)
    printer = Printer(p)
    docs: list[Document] = []
    for item in READ:
        if item in p.items():
            pages = reading.read_file(printer.pdf(item), file_id=f"file_{item}", filename=f"{item}.pdf", ctx=ctx)
            docs += [pipeline.extract(raw, ctx) for raw in split(pages, label_pages(pages))]
    return docs, applicant_truth(p)


@pytest.mark.parametrize("spec", SPECS, ids=[s.applicant for s in SPECS])
def test_planted_credit_defects_get_the_verdicts_their_truth_expects(ctx: Context, spec: ApplicantSpec) -> None:
    docs, truth = _documents(ctx, spec)
    expected = truth["expected"]["checks"]  # type: ignore[index]
    for name in spec.defects:
        assert set(CREDIT_DEFECTS[name].effects.items()) <= set(expected.items())
    loan = Decimal(str(truth["loan_amount"]))
    app = Application(id="a", profile=spec.profile, application_date=spec.application_date, created_at=utcnow(),
                      loan_amount=loan)
    got = {r.id: r.status.value for r in run_checks(Bundle(application=app, documents=docs), parse_policy(credit_policy_text()))}
    wanted = {c: expected[c] for c in CHECKED if c in expected}
    assert {c: got[c] for c in wanted} == wanted


def test_credit_defects_only_with_credit_reports() -> None:
    assert not set(CREDIT_DEFECTS) & set(DEFECTS)
    with pytest.raises(ValueError, match="credit"):
        plan(ApplicantSpec("x", seed=1, defects=("credit_overdue_past",)))


def test_a_credit_corpus_requires_the_report_in_every_profile_the_shipped_policy_in_none() -> None:
    assert all(p.requirement(DocType.CREDIT_REPORT) is not None for p in parse_policy(credit_policy_text()).profiles.values())
    assert all(p.requirement(DocType.CREDIT_REPORT) is None for p in load_policy().profiles.values())
