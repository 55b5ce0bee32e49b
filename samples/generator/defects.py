"""The defects the generator can plant, which documents they touch and which checks they flip.

`EFFECTS` is the table a reader checks the expected verdicts against: each defect, the check ids it
changes and the status it changes them to. A `missing_<type>` defect also turns every check about
that document into `not_applicable`; that follows from the document's absence (see truth.py).
"""

from __future__ import annotations

from dataclasses import dataclass

PROFILES = ("salaried", "self_employed", "enterprise_owner", "freelancer")
ALL = frozenset(PROFILES)
SALARIED = frozenset({"salaried"})
TAXED = frozenset({"self_employed", "freelancer"})
LICENSED = frozenset({"self_employed", "enterprise_owner"})

REQUIRED: dict[str, tuple[str, ...]] = {
    "salaried": ("id_card", "income_proof", "bank_statement", "purchase_contract"),
    "self_employed": ("id_card", "business_license", "bank_statement", "tax_certificate", "purchase_contract"),
    "enterprise_owner": ("id_card", "business_license", "bank_statement", "purchase_contract"),
    "freelancer": ("id_card", "tax_certificate", "bank_statement", "purchase_contract"),
}
STATEMENT_MONTHS = {"salaried": 6, "self_employed": 12, "enterprise_owner": 12, "freelancer": 6}


@dataclass(frozen=True)
class Defect:
    """A planted problem: the documents it alters, the profiles it fits, its effects and a conflict group."""

    name: str
    targets: tuple[str, ...]
    profiles: frozenset[str]
    effects: dict[str, str]
    what: str
    group: str = ""


_TABLE: tuple[Defect, ...] = (
    Defect("expired_id", ("id_card",), ALL, {"freshness.id_card": "fail"},
           "the ID card's validity ended 2–20 months before the application", "id_back"),
    Defect("expiring_id", ("id_card",), ALL, {"freshness.id_card": "review"},
           "the ID card expires 5–80 days after the application", "id_back"),
    Defect("bad_id_check_digit", ("id_card",), ALL, {"anomaly.id_number": "fail"},
           "the id number's GB 11643 check digit is wrong (on every document)"),
    Defect("missing_id_back", ("id_card",), ALL,
           {"completeness.id_card.both_sides": "missing", "freshness.id_card": "review"},
           "only the portrait side is handed in", "id_back"),
    Defect("illegible_id_back", ("id_card",), ALL,
           {"completeness.legibility.id_card": "fail", "freshness.id_card": "review"},
           "the emblem side is a shaken phone photo: its small print (authority, validity dates) cannot be read",
           "id_back"),
    Defect("duplicate_document", ("id_card",), ALL, {"anomaly.duplicate_document": "fail"},
           "the emblem-side image is the one an earlier applicant of the corpus handed in", "id_back"),
    Defect("name_mismatch", (), ALL, {"anomaly.identity": "fail"},
           "another person's name on the income proof (else the tax record, else the statement)", "holder"),
    Defect("stale_income_proof", ("income_proof",), SALARIED, {"freshness.income_proof": "fail"},
           "the income proof was issued 31–90 days before the application"),
    Defect("unsealed_income_proof", ("income_proof",), SALARIED, {"stamp.income_proof": "fail"},
           "the income proof carries no seal", "income_seal"),
    Defect("wrong_seal_income_proof", ("income_proof",), SALARIED, {"stamp.income_proof": "fail"},
           "the income proof's seal names another company", "income_seal"),
    Defect("income_mismatch", ("income_proof", "bank_statement"), SALARIED, {"anomaly.income": "fail"},
           "payroll credits are 35–60 % of the income the letter declares"),
    Defect("stale_bank_statement", ("bank_statement",), ALL, {"freshness.bank_statement": "fail"},
           "the statement ends 35–90 days before the application"),
    Defect("short_statement", ("bank_statement",), ALL, {"completeness.bank_statement.coverage": "fail"},
           "the statement covers 3 (6-month profiles) or 6–8 (12-month profiles) months"),
    Defect("missing_statement_page", ("bank_statement",), ALL, {"completeness.pages.bank_statement": "fail"},
           "a middle page of a scanned statement is left out", "statement_form"),
    Defect("broken_balance_chain", ("bank_statement",), ALL, {"anomaly.balance_chain": "fail"},
           "one transaction amount was changed while its printed balance stayed"),
    Defect("large_deposit", ("bank_statement",), ALL, {"anomaly.statement_deposits": "fail", "anomaly.aml": "review"},
           "a round sum of 100,000 or more arrives 3–25 days before the application"),
    Defect("structuring", ("bank_statement",), ALL, {"anomaly.aml": "review"},
           "3–5 cash deposits of 45,500–49,800 (just under the 50,000 reporting threshold) within 20 days", "aml"),
    Defect("rapid_in_out", ("bank_statement",), ALL, {"anomaly.aml": "review"},
           "60,000–180,000 arrives and 92–100 % of it leaves within 1–3 days, 40–120 days before the application",
           "aml"),
    Defect("listed_counterparty", ("bank_statement",), ALL, {"anomaly.aml": "fail"},
           "a payer in the statement is a name on the corpus's watch list (watchlist.csv; docproc eval --watchlist)",
           "aml"),
    Defect("unsealed_bank_statement", ("bank_statement",), ALL, {"stamp.bank_statement": "fail"},
           "the statement's last page has no bank seal"),
    Defect("edited_pdf", ("bank_statement",), ALL, {"anomaly.pdf_edit": "fail"},
           "the born-digital statement's holder name was retyped in an editor (incremental update)",
           "statement_form"),
    Defect("amount_words_mismatch", ("purchase_contract",), ALL, {"anomaly.amount_in_words": "fail"},
           "the contract's 大写 total names a different amount than its digits"),
    Defect("missing_contract_page", ("purchase_contract",), ALL, {"completeness.pages.purchase_contract": "fail"},
           "one clause page of a scanned contract is left out"),
    Defect("unsealed_purchase_contract", ("purchase_contract",), ALL, {"stamp.purchase_contract": "fail"},
           "the seller did not seal the contract", "contract_seal"),
    Defect("pasted_region", ("purchase_contract",), ALL, {"anomaly.image_edit": "fail"},
           "the seller's seal was pasted into the scanned signature page as a foreign patch", "contract_seal"),
    Defect("grey_copy", ("purchase_contract",), ALL, {"stamp.purchase_contract": "fail"},
           "the sealed contract is handed in as a black-and-white scan (the seal shows grey: a copy)", "contract_seal"),
    Defect("foreign_buyer", ("purchase_contract",), ALL, {"anomaly.contract_buyer": "fail"},
           "the contract's buyer is another person (name and id number)"),
    Defect("excessive_loan", ("purchase_contract",), ALL, {"anomaly.loan_to_value": "fail"},
           "the loan applied for is 75–85 % of the contract price (policy: at most 70 %)"),
    Defect("stale_tax_certificate", ("tax_certificate",), TAXED, {"freshness.tax_certificate": "fail"},
           "the tax record was issued 35–120 days before the application"),
    Defect("unsealed_tax_certificate", ("tax_certificate",), TAXED, {"stamp.tax_certificate": "fail"},
           "the tax record carries no tax-office seal"),
    Defect("bad_uscc", ("business_license",), LICENSED, {"anomaly.uscc": "fail"},
           "the licence's credit code has a wrong GB 32100 check character"),
    Defect("expired_license", ("business_license",), frozenset({"enterprise_owner"}),
           {"freshness.business_license": "fail"}, "the company's business term ended 1–11 months ago"),
    Defect("not_legal_representative", ("business_license",), frozenset({"enterprise_owner"}),
           {"completeness.business_license.legal_representative": "fail"},
           "the company licence names someone else as legal representative"),
    *(Defect(f"missing_{t}", (t,), profiles, {f"completeness.{t}": "missing"}, f"no {t.replace('_', ' ')} handed in",
             "missing")
      for t, profiles in (("income_proof", SALARIED), ("bank_statement", ALL), ("purchase_contract", ALL),
                          ("tax_certificate", TAXED), ("business_license", LICENSED))),
)

DEFECTS: dict[str, Defect] = {d.name: d for d in _TABLE}
# Planted only in a corpus generated with --credit-reports (kept apart, so other corpora draw as before).
CREDIT_DEFECTS: dict[str, Defect] = {d.name: d for d in (
    Defect("credit_overdue_current", ("credit_report",), ALL, {"anomaly.credit_overdue": "fail"},
           "a card or loan on the credit report has an amount overdue now (its last two months 1 and 2)", "credit_overdue"),
    Defect("credit_overdue_past", ("credit_report",), ALL, {"anomaly.credit_overdue": "review"},
           "an account was overdue 3–6 months of the last 24 (policy: at most 2)", "credit_overdue"),
    Defect("credit_excess_queries", ("credit_report",), ALL, {"anomaly.credit_queries": "review"},
           "5–7 loan or card approval inquiries in the 6 months before the report (policy: at most 3)"),
    Defect("dti_over_limit", ("credit_report", "bank_statement", "tax_certificate"), ALL,
           {"anomaly.debt_to_income": "fail"},
           "existing payments and the new loan's take 70 % or more of the verified income (policy: at most 50 %)"),
    Defect("credit_hidden_debt", ("credit_report", "bank_statement"), ALL, {"anomaly.credit_hidden_debt": "review"},
           "a loan on the credit report is repaid from an account the statement does not show"),
)}


def defect(name: str) -> Defect:
    """A defect of either table."""
    return DEFECTS[name] if name in DEFECTS else CREDIT_DEFECTS[name]


def effects_of(name: str) -> dict[str, str]:
    """The checks a defect turns (either table)."""
    return defect(name).effects
# Pairs that hide each other: the edit retypes the holder's name; a deposit in a stale statement falls outside the
# 30 days the deposit check looks at; without a statement the only other document naming the applicant may be none;
# a listed name fails anomaly.aml, which the large deposit only queries.
_PAIRS = {frozenset(p) for p in (("name_mismatch", "edited_pdf"), ("large_deposit", "stale_bank_statement"),
                                 ("large_deposit", "listed_counterparty"),
                                 ("name_mismatch", "missing_bank_statement"))}
EFFECTS: dict[str, dict[str, str]] = {d.name: d.effects for d in _TABLE}


def missing_type(defect: str) -> str | None:
    """The document type a missing_<type> defect removes, else None."""
    rest = defect.removeprefix("missing_")
    return rest if rest != defect and any(rest in types for types in REQUIRED.values()) else None


def conflict(a: str, b: str) -> bool:
    """Two defects that cannot be planted together (same group, or one removes what the other alters)."""
    da, db = defect(a), defect(b)
    if da.group and da.group == db.group:
        return True
    if frozenset({a, b}) in _PAIRS:
        return True
    ma, mb = missing_type(a), missing_type(b)
    return bool((ma and ma in db.targets) or (mb and mb in da.targets))


def check_defects(profile: str, defects: tuple[str, ...] | list[str], *, credit: bool = False) -> None:
    """Refuse unknown defects, defects that do not fit the profile and conflicting pairs (credit-report defects
    only with ``credit``: the applicant hands in a credit report)."""
    if profile not in REQUIRED:
        raise ValueError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    for name in defects:
        if name not in DEFECTS and not (credit and name in CREDIT_DEFECTS):
            raise ValueError(f"unknown defect {name!r}; known: {', '.join(DEFECTS)}"
                             + (f" (and with --credit-reports {', '.join(CREDIT_DEFECTS)})" if not credit else ""))
        if profile not in defect(name).profiles:
            raise ValueError(f"defect {name!r} does not apply to the {profile} profile")
    for i, a in enumerate(defects):
        for b in defects[i + 1 :]:
            if a == b or conflict(a, b):
                raise ValueError(f"defects {a!r} and {b!r} cannot be combined")


def applicable(profile: str, *, credit: bool = False) -> list[str]:
    """Defect names that fit a profile, in table order (with ``credit``, the credit-report defects after them)."""
    extra = [d.name for d in CREDIT_DEFECTS.values() if profile in d.profiles] if credit else []
    return [d.name for d in _TABLE if profile in d.profiles] + extra
