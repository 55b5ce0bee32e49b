"""What each file holds, sheet by sheet, and the applicant's truth.json, derived from the plan alone."""

from __future__ import annotations

from typing import Any

from . import (
    batch12_records,
    batch16_statement,
    batch18_records,
    batch19_records,
    batch19_statement,
    batch19_tax,
    contract_families,
    statement_families,
    truth,
)
from .applicant import ITEM_TYPE, ApplicantPlan, FilePlan
from .credit_pdf import page_count
from .templates import FAMILY, Family

# The credit reference centre prints one design (its detailed and simple layouts), so it has no held-out family.
CREDIT_FAMILY = Family("credit_report_pbc", "credit_report", "中国人民银行征信中心 个人信用报告", False, 0)

Sheet = tuple[tuple[str, int], ...]


def printed_pages(p: ApplicantPlan, item: str) -> list[int]:
    """The printed page numbers of an item that are handed in."""
    if item == "bank_statement" and p.statement is not None:
        return p.statement.present_pages()
    if item == "purchase_contract" and p.contract is not None:
        return p.contract.present_pages()
    if item == "credit_report" and p.credit is not None:
        return list(range(1, page_count(p.credit) + 1))
    if item == "tax_certificate" and p.family(item) == batch19_tax.TWO_PAGES:
        return list(range(1, batch19_tax.PAGES + 1))
    return [1]


def sheets(p: ApplicantPlan, fp: FilePlan) -> list[Sheet]:
    """The file's pages in order, each listing the (item, printed page) it shows (an ID copy shows both sides)."""
    ids = tuple((i, 1) for i in fp.items if i in ("id_front", "id_back"))
    out: list[Sheet] = []
    for item in fp.items:
        if item in ("id_front", "id_back"):
            if ids not in out:
                out.append(ids)
        else:
            out += [((item, page),) for page in printed_pages(p, item)]
    return out


def fields(p: ApplicantPlan, item: str) -> dict[str, Any]:
    """The canonical fields one item shows."""
    if item == "id_front":
        return p.card.front_fields()
    if item == "id_back":
        return (p.donor.card if p.donor is not None else p.card).back_fields()
    if item == "bank_statement" and p.statement is not None and p.family(item) == batch16_statement.NEWEST_FIRST:
        return batch16_statement.fields(p.statement)  # the export lists the newest rows first
    facts: Any = {"income_proof": p.proof, "bank_statement": p.statement, "purchase_contract": p.contract,
                  "tax_certificate": p.tax, "business_license": p.license, "credit_report": p.credit}[item]
    result: dict[str, Any] = facts.fields()
    return result


def seals(p: ApplicantPlan, item: str) -> list[tuple[int, str, str]]:
    """Seals on an item: (printed page, legend, shape)."""
    if item == "income_proof" and p.proof.sealed:
        return [(1, p.proof.seal_legend or p.proof.employer, "round")]
    if item == "bank_statement" and p.statement is not None and p.statement.sealed:
        s = p.statement
        if p.family(item) == batch19_statement.RIDING:  # a slice at every page's edge, the whole seal on the last
            return batch19_statement.seal_marks(s)
        return [(s.pages_declared, s.branch, statement_families.seal_shape(p.family(item), s.style))]
    if item == "purchase_contract" and p.contract is not None:
        family = p.family(item)
        marks = contract_families.seal_marks(p.contract, family) + contract_families.agency_marks(p.contract, family)
        if family == batch19_records.FILED:  # the housing bureau's 合同备案专用章 on page 1
            marks = sorted(marks + batch19_records.bureau_marks(p.contract))
        return marks
    if item == "tax_certificate" and p.tax is not None and p.tax.sealed:
        if p.family(item) == batch19_tax.TWO_PAGES:
            return [(batch19_tax.SEAL_PAGE, p.tax.authority, "round")]
        return [(1, p.tax.authority, "round")]
    if item == "business_license" and p.license is not None:
        if p.family(item) == batch12_records.CERTIFIED_COPY:
            return batch12_records.seal_marks(p.license)
        if p.family(item) == batch18_records.TWO_UP:
            return batch18_records.seal_marks(p.license)
        return [(1, p.license.authority, "round")]
    return []


def file_truth(p: ApplicantPlan, fp: FilePlan) -> dict[str, Any]:
    """One file's entry: its form and the documents on its pages, with fields and seals."""
    layout = sheets(p, fp)
    docs = []
    for item in fp.items:
        page_of = {printed: k + 1 for k, sheet in enumerate(layout) for i, printed in sheet if i == item}
        marks = [{"page": page_of[page], "legend": legend, "shape": shape}
                 for page, legend, shape in seals(p, item) if page in page_of]
        side = {"id_front": "front", "id_back": "back"}.get(item)
        family = CREDIT_FAMILY if item == "credit_report" else FAMILY[p.family(item)]
        docs.append(truth.document(ITEM_TYPE[item], fields(p, item), side=side, pages=sorted(set(page_of.values())),
                                   seals=marks, template=family))
    return {"form": fp.form, "documents": docs}


def applicant_truth(p: ApplicantPlan) -> dict[str, Any]:
    """The whole truth.json of one applicant."""
    files = {fp.name: file_truth(p, fp) for fp in p.files}
    extra: dict[str, Any] = {"loan_amount": f"{p.loan_amount:.2f}" if p.loan_amount is not None else None}
    if p.donor is not None:
        donor_file = next(f.name for f in p.donor.files if f.items == ("id_back",))
        extra["duplicate_of"] = {"applicant": p.donor.spec.applicant, "file": donor_file}
    if p.name_target:
        extra["name_mismatch_on"] = p.name_target
    return truth.truth(applicant=p.spec.applicant, profile=p.spec.profile,
                       application_date=p.spec.application_date.isoformat(), defects=list(p.spec.defects),
                       files=files, bundle=p.bundle, extra=extra)
