"""Template families: the registry, held-out corpora, seen corpora unchanged, new families' truth found in
their own text, and eval's seen/unseen split."""

from __future__ import annotations

import io
import json
import random
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image

from docproc.cn.amount_words import to_words
from docproc.eval.evaluation import (
    GotDocument,
    Report,
    applicant_group,
    score_checks,
    score_defects,
    score_file,
    score_status,
)
from docproc.eval.report import format_report, report_json
from samples.cli import samples as samples_cli
from samples.generator import (
    ApplicantSpec,
    batch6_letters,
    batch7_statement,
    batch8_statement,
    batch9_statement,
    batch10_statement,
    batch11_statement,
    batch12_records,
    batch12_statement,
    batch13_letters,
    batch13_records,
    batch13_statement,
    batch14_letters,
    batch14_records,
    batch14_statement,
    batch15_letters,
    batch15_records,
    batch15_statement,
    batch16_letters,
    batch16_records,
    batch16_statement,
    batch17_letters,
    batch17_records,
    batch17_statement,
    batch18_letters,
    batch18_receipt,
    batch18_records,
    batch18_statement,
    batch19_letters,
    batch19_records,
    batch19_statement,
    batch19_tax,
    contract_families,
    corpus_specs,
    income_families,
    plan,
    record_families,
    statement_families,
)
from samples.generator.applicant import ITEM_TYPE, ApplicantPlan
from samples.generator.family_kit import date_text
from samples.generator.finance import add_months
from samples.generator.printing import Printer
from samples.generator.record import applicant_truth, printed_pages, seals
from samples.generator.templates import FAMILIES, FAMILY, candidates, families
from samples.generator.truth import DOC_TYPES

# Every held-out family and the renderer registry that must draw it.
IMPLEMENTED = {**dict.fromkeys(income_families.RENDERERS, "income_proof"),
               **dict.fromkeys(statement_families.FAMILIES, "bank_statement"),
               **dict.fromkeys(contract_families.FAMILIES, "purchase_contract"),
               **dict.fromkeys(record_families.TAX, "tax_certificate"),
               **dict.fromkeys(record_families.LICENSE, "business_license"),
               batch13_letters.OVERPRINT: "id_card", batch14_letters.SCAN_APP: "id_card",
               batch15_letters.PASTE_FORM: "id_card", batch16_letters.HAND_HELD: "id_card",
               batch17_letters.COPYSHOP: "id_card", batch18_letters.VERIFIED: "id_card",
               batch19_letters.FAX_ID: "id_card"}
PICTURES = {batch13_records.DESK, batch14_records.GLASS, batch15_records.FOLDED_PHOTO, batch15_records.FAX,
            batch16_records.SCAN_COLOR, batch17_records.SCREEN, batch17_records.WATERMARK,
            batch18_receipt.THERMAL, batch18_records.TWO_UP,
            batch19_letters.STATIONERY, batch19_records.LAMINATED}  # drawn only as a picture: no text layer to read the truth from
TYPESET = sorted(f for f, t in IMPLEMENTED.items() if t != "id_card" and f not in PICTURES)
PROFILE_FOR = {"income_proof": "salaried", "bank_statement": "salaried", "purchase_contract": "salaried",
               "tax_certificate": "freelancer", "business_license": "enterprise_owner"}
ATTR = {"income_proof": "proof", "bank_statement": "statement", "purchase_contract": "contract",
        "tax_certificate": "tax", "business_license": "license"}


def test_registry_lists_families_of_every_type() -> None:
    assert len({f.id for f in FAMILIES}) == len(FAMILIES)
    assert {f.doc_type for f in FAMILIES} == set(DOC_TYPES)
    for doc_type in DOC_TYPES:
        pool = families(doc_type)
        assert sum(not f.held_out for f in pool) == 1, f"{doc_type}: the existing layout is its one seen family"
        assert all(f.description and f.doc_type == doc_type for f in pool)
    assert [f.id for f in families("id_card")] == ["id_card_2004", "id_copy_overprint", "id_scan_app_bw",
                                                   "id_bank_paste_form", "id_hand_held_collage",
                                                   "id_copyshop_pair", "id_enlarged_verified_copy", "id_fax_copy"], \
        "one design, seven ways of handing it in"
    for doc_type in ("income_proof", "bank_statement", "purchase_contract"):
        assert len(families(doc_type)) >= 3 and sum(f.held_out for f in families(doc_type)) >= 2, doc_type
    for doc_type in ("tax_certificate", "business_license"):
        assert sum(f.held_out for f in families(doc_type)) >= 1, doc_type
    held_out = {f.id: f.doc_type for f in FAMILIES if f.held_out}
    assert held_out == IMPLEMENTED, "every held-out family has a renderer, and every renderer a registry entry"


def test_modes_draw_from_their_families() -> None:
    assert [f.held_out for f in candidates("bank_statement", "seen")] == [False]
    assert all(f.held_out for f in candidates("bank_statement", "unseen"))
    assert candidates("id_card", "unseen") == candidates("id_card", "seen")
    assert len(candidates("income_proof", "all")) == len(families("income_proof"))
    with pytest.raises(ValueError):
        candidates("income_proof", "new")


def _documents(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for f in truth["files"].values() for d in f["documents"]]


@pytest.mark.parametrize("mode", ["seen", "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7",
                                  "unseen8", "unseen9", "unseen10", "unseen11", "unseen12", "unseen13",
                                  "unseen14", "unseen15", "unseen16", "unseen17", "unseen18", "unseen19"])
def test_truth_names_each_documents_family(mode: str) -> None:
    for spec in corpus_specs(applicants=8, seed=11, templates=mode):
        for doc in _documents(applicant_truth(plan(spec))):
            family = FAMILY[doc["template"]]
            assert family.doc_type == doc["type"] and doc["held_out"] is family.held_out
            held = mode != "seen" and (doc["type"] != "id_card" or mode in ("unseen13", "unseen14", "unseen15", "unseen16",
                                                                                    "unseen17", "unseen18", "unseen19"))
            assert doc["held_out"] is held, (spec.applicant, doc["template"])


def test_a_small_unseen_corpus_shows_every_held_out_family() -> None:
    """Families rotate through a corpus (each type on its own turn), so twelve applicants show them all."""
    found = {d["template"] for spec in corpus_specs(applicants=12, seed=4711, templates="unseen")
             for d in _documents(applicant_truth(plan(spec)))}
    assert {f.id for f in FAMILIES if f.held_out and f.batch == 1} <= found
    assert not {f.id for f in FAMILIES if f.batch == 2} & found, "unseen keeps to the first batch"


def test_batches() -> None:
    """Seen families are batch 0; the held-out ones come in batch 1, then a second to a twelfth batch."""
    assert all((f.batch == 0) is (not f.held_out) for f in FAMILIES)
    assert {f.batch for f in FAMILIES} == {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
    for doc_type in ("income_proof", "bank_statement", "purchase_contract", "tax_certificate"):
        assert any(f.batch == 2 for f in families(doc_type)), doc_type
    for doc_type in DOC_TYPES:
        for batch in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19):
            later = [f for f in families(doc_type) if f.batch == batch]
            two = batch in (5, 6, 7, 8, 9, 10, 11, 12) and doc_type in ("income_proof", "bank_statement")
            none = doc_type == "id_card" and batch < 13
            assert len(later) == (0 if none else 2 if two else 1), (doc_type, batch)


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_unseen2_draws_the_second_batch_where_a_type_has_one(doc_type: str) -> None:
    pool = candidates(doc_type, "unseen2")
    second = [f for f in families(doc_type) if f.batch == 2]
    if second:
        assert pool == second
    elif doc_type != "id_card":
        assert pool == candidates(doc_type, "unseen") and all(f.batch == 1 for f in pool)
    else:
        assert pool == candidates(doc_type, "seen")


def test_a_small_unseen2_corpus_holds_the_second_batch() -> None:
    docs = [d for spec in corpus_specs(applicants=12, seed=4712, templates="unseen2")
            for d in _documents(applicant_truth(plan(spec))) if d["type"] != "id_card"]
    second = {f.id for f in FAMILIES if f.batch == 2}
    assert second <= {d["template"] for d in docs}
    with_second = {FAMILY[f].doc_type for f in second}
    for d in docs:
        family = FAMILY[d["template"]]
        assert d["held_out"] and family.batch == (2 if d["type"] in with_second else 1), d["template"]


@pytest.mark.parametrize("doc_type", DOC_TYPES)
@pytest.mark.parametrize(("mode", "batch"), [("unseen3", 3), ("unseen4", 4), ("unseen5", 5), ("unseen6", 6),
                                             ("unseen7", 7), ("unseen8", 8), ("unseen9", 9), ("unseen10", 10),
                                             ("unseen11", 11), ("unseen12", 12), ("unseen13", 13),
                                             ("unseen14", 14), ("unseen15", 15), ("unseen16", 16),
                                             ("unseen17", 17), ("unseen18", 18), ("unseen19", 19)])
def test_a_later_batch_mode_draws_only_its_batch(doc_type: str, mode: str, batch: int) -> None:
    pool = candidates(doc_type, mode)
    if doc_type == "id_card" and batch < 13:
        assert pool == candidates(doc_type, "seen")
    else:
        assert pool == [f for f in families(doc_type) if f.batch == batch], doc_type
        assert 1 <= len(pool) <= 2 and all(f.held_out for f in pool), doc_type


@pytest.mark.parametrize(("mode", "batch", "seed"), [("unseen3", 3, 4713), ("unseen4", 4, 4714), ("unseen5", 5, 4716),
                                                    ("unseen6", 6, 4717), ("unseen7", 7, 4719),
                                                    ("unseen8", 8, 4721), ("unseen9", 9, 4722),
                                                    ("unseen10", 10, 4723), ("unseen11", 11, 4724),
                                                    ("unseen12", 12, 4725), ("unseen13", 13, 4726),
                                                    ("unseen14", 14, 4727), ("unseen15", 15, 4728),
                                                    ("unseen16", 16, 4729), ("unseen17", 17, 4730),
                                                    ("unseen18", 18, 4731), ("unseen19", 19, 4732)])
def test_a_small_corpus_of_a_later_batch_holds_only_that_batch(mode: str, batch: int, seed: int) -> None:
    docs = [d for spec in corpus_specs(applicants=8, seed=seed, templates=mode)
            for d in _documents(applicant_truth(plan(spec))) if d["type"] != "id_card"]
    assert {f.id for f in FAMILIES if f.batch == batch and f.doc_type != "id_card"} == {d["template"] for d in docs}
    assert all(d["held_out"] and FAMILY[d["template"]].batch == batch for d in docs)
    assert {d["type"] for d in docs} == set(DOC_TYPES) - {"id_card"}


def test_unseen3_keeps_the_earlier_modes_draws() -> None:
    """Adding the third batch leaves the earlier modes' pools alone (so their corpora keep their bytes)."""
    for doc_type in DOC_TYPES:
        for mode, batch in (("unseen", 1), ("unseen2", 2), ("unseen3", 3), ("unseen4", 4), ("unseen5", 5), ("unseen6", 6),
                            ("unseen7", 7), ("unseen8", 8), ("unseen9", 9), ("unseen10", 10),
                            ("unseen11", 11), ("unseen12", 12), ("unseen13", 13), ("unseen14", 14),
                            ("unseen15", 15), ("unseen16", 16), ("unseen17", 17), ("unseen18", 18),
                            ("unseen19", 19)):
            assert all(f.batch in (batch, 1, 0) for f in candidates(doc_type, mode)), (doc_type, mode)
        assert all(f.batch == 0 for f in candidates(doc_type, "seen"))


def test_the_mode_changes_layouts_only() -> None:
    """Families are drawn from streams of their own: the facts (and so a seen corpus's bytes) stay the seed's."""
    for spec in corpus_specs(applicants=4, seed=5):
        seen = plan(spec)
        for mode in ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8",
                     "unseen9", "unseen10", "unseen11", "unseen12"):
            other = plan(replace(spec, templates=mode))
            assert replace(other, spec=spec, templates=seen.templates) == seen
        assert set(seen.templates.values()) == {f.id for f in FAMILIES if not f.held_out} & set(seen.templates.values())


def test_cli_refuses_unknown_template_mode(tmp_path: Path) -> None:
    result = CliRunner().invoke(samples_cli, ["generate", str(tmp_path), "--templates", "new"])
    assert result.exit_code == 2 and "seen" in result.output


@pytest.mark.slow
def test_cli_unseen_corpus_holds_only_held_out_families(tmp_path: Path) -> None:
    result = CliRunner().invoke(samples_cli, ["generate", str(tmp_path), "--applicants", "1", "--seed", "4",
                                              "--templates", "unseen", "--workers", "1"])
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    docs = [d for d in _documents(truth) if d["type"] != "id_card"]
    assert docs and all(d["held_out"] and FAMILY[d["template"]].held_out for d in docs)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*truth["files"], "truth.json"])


@pytest.mark.slow
def test_cli_unseen2_corpus_holds_the_second_batch(tmp_path: Path) -> None:
    result = CliRunner().invoke(samples_cli, ["generate", str(tmp_path), "--applicants", "1", "--seed", "4",
                                              "--templates", "unseen2", "--workers", "1"])
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    docs = [d for d in _documents(truth) if d["type"] != "id_card"]
    assert any(FAMILY[d["template"]].batch == 2 for d in docs)
    assert all(d["held_out"] and FAMILY[d["template"]].batch in (1, 2) for d in docs)


# The truth fields every held-out document must carry, by type.
REQUIRED = {"income_proof": ("name", "id_number", "employer", "monthly_income", "issue_date"),
            "bank_statement": ("bank_name", "account_holder", "account_number", "closing_balance"),
            "purchase_contract": ("contract_number", "buyer_names", "seller", "property_address", "total_price"),
            "tax_certificate": ("name", "id_number", "total_income", "total_tax", "verification_code"),
            "business_license": ("company_name", "uscc", "legal_representative", "address")}


def _held_out_docs(tmp_path: Path, mode: str, seed: int) -> list[dict[str, Any]]:
    """Generate six applicants of a held-out batch through the CLI; the documents other than ID cards, after
    checking that each folder holds exactly the files its truth lists."""
    result = CliRunner().invoke(samples_cli, ["generate", str(tmp_path), "--applicants", "6", "--seed", str(seed),
                                              "--templates", mode, "--workers", "1"])
    assert result.exit_code == 0, result.output
    docs = []
    for folder in (p for p in tmp_path.iterdir() if p.is_dir()):
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        assert sorted(p.name for p in folder.iterdir()) == sorted([*truth["files"], "truth.json"])
        docs += [d for d in _documents(truth) if d["type"] != "id_card"]
    return docs


@pytest.mark.slow
def test_cli_unseen3_corpus_renders_every_third_batch_family(tmp_path: Path) -> None:
    """A tiny unseen3 corpus: every batch-3 family renders and its documents carry their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen3", 99)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 3}
    for d in docs:
        assert d["held_out"] and all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_third_batch_seals_are_where_the_truth_says(seed: int) -> None:
    """The 对账单 carries the oval 业务专用章; the presale contract is sealed on its last page."""
    p = _with_family("statement_counter_ledger", seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert all("本页借方合计" in page and "打印日期" in page for page in pages)
    expected = [(statement.pages_declared, statement.branch, "oval")] if statement.sealed else []
    assert seals(p, "bank_statement") == expected
    c = _with_family("contract_presale_prose", seed)
    assert c.contract is not None
    last = _text(Printer(c).pdf("purchase_contract"))[-1]
    assert "甲方（出卖人）（盖章）" in last and c.contract.seller.name in last
    marks = contract_families.seal_marks(c.contract, "contract_presale_prose")
    assert marks == ([(c.contract.pages_declared, c.contract.seller.name, "round")] if c.contract.sealed else [])



@pytest.mark.slow
def test_cli_unseen4_corpus_renders_every_fourth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen4 corpus: every batch-4 family renders and its documents carry their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen4", 77)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 4}
    assert all(d["held_out"] and FAMILY[d["template"]].batch == 4 for d in docs)


@pytest.mark.slow
def test_cli_unseen5_corpus_renders_every_fifth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen5 corpus: the pool draws only batch 5, every batch-5 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen5", 56)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 5}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 5, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_fifth_batch_layouts_and_seals(seed: int) -> None:
    """The bilingual statement has English/Chinese headings and its oval seal on the last page (none when unsealed),
    the passbook 明细 its labels and a round seal;
    the 现售 contract is sealed on its last page; the 文书式 voucher and the licence copy use their own labels."""
    p = _with_family("statement_bilingual_signed", seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert all(k in pages[0] for k in ("AccountName账户名称", "Date日期", "Balance", "Period起止日期"))
    assert f"Page{len(pages)}of{len(pages)}" in pages[-1]
    expected = [(statement.pages_declared, statement.branch, "oval")] if statement.sealed else []
    assert seals(p, "bank_statement") == expected
    c = _with_family("contract_sale_two_column", seed)
    assert c.contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert "出卖人（甲方）" in text[0] and "买受人（乙方）" in text[0] and "出卖人（盖章）" in text[-1]
    marks = contract_families.seal_marks(c.contract, "contract_sale_two_column")
    assert marks == ([(c.contract.pages_declared, c.contract.seller.name, "round")] if c.contract.sealed else [])
    t = _with_family("tax_voucher_wenshu", seed)
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert all(k in page for k in ("税收完税证明", "原凭证号", "品目名称", "入(退)库日期", "金额合计", "税务机关（盖章）"))
    lic = _with_family("license_two_column_copy", seed)
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "营业执照" in page and "登记机关" in page
    for family in ("letter_bilingual_cert", "letter_payroll_months"):
        letter = _with_family(family, seed)
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    passbook = _with_family("statement_passbook_detail", seed)
    book = passbook.statement
    assert book is not None
    pages = _text(Printer(passbook).pdf("bank_statement"))
    assert all(k in pages[0] for k in ("开户网点", "起止日期", "记账日", "可用余额")) and f"共{len(pages)}页" in pages[-1]
    assert seals(passbook, "bank_statement") == ([(book.pages_declared, book.branch, "round")] if book.sealed else [])


@pytest.mark.slow
def test_cli_unseen6_corpus_renders_every_sixth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen6 corpus: the pool draws only batch 6, every batch-6 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen6", 9404)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 6}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 6, d["template"]


@pytest.mark.parametrize("seed", range(3))
def test_sixth_batch_statements_carry_their_own_rows_and_seals(seed: int) -> None:
    """The 历史明细清单 puts the holder and account in every footer and signs every amount; the 分户账 opens each page
    with 期初余额/承前页 (the balance brought forward) and closes all but the last with 过次页; seals as the truth says."""
    p = _with_family("statement_history_footer", seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    for k, page in enumerate(pages, 1):
        assert statement.account_number in page and f"第{k}页/共{len(pages)}页" in page
    for t in statement.transactions:
        sign = "+" if t.amount > 0 else "-"
        assert f"{sign}{abs(t.amount):.2f}" in "".join(pages).replace(",", ""), t
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    c = _with_family("statement_carry_forward", seed)
    ledger = c.statement
    assert ledger is not None
    pages = _text(Printer(c).pdf("bank_statement"))
    assert len(pages) == ledger.pages_declared and "期初余额" in pages[0]
    for k, page in enumerate(pages, 1):
        assert ("过次页" in page) is (k < len(pages)) and ("承前页" in page) is (k > 1), k
        if k > 1:  # brought forward: the balance after the previous page's last row
            rows = [t for p in range(1, k) for t in ledger.rows_on(p)]
            before = rows[-1].balance if rows else ledger.opening_balance
            assert f"承前页贷{before:,.2f}".replace(",", "") in page.replace(",", ""), k
    assert seals(c, "bank_statement") == ([(ledger.pages_declared, ledger.branch, "oval")] if ledger.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_sixth_batch_layouts_and_seals(seed: int) -> None:
    """The agency form has its three 签章 columns and two seals in the truth (seller's when sealed, brokerage's always);
    the income letters state the pay's parts or the e-certificate's 验证码 and carry round seals; the tax record
    groups by year; the landscape licence copy is landscape with its 市场主体身份码 caption."""
    c = _with_family("contract_agency_form", seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert "经纪成交版" in text[0] and "【身份证】【护照】" in text[1]
    assert all(k in text[-1] for k in ("出卖人（签章）", "买受人（签章）", "经纪机构（签章）"))
    brokerage = contract_families.agency(contract)
    assert brokerage in text[0] and brokerage in text[-1]
    marks = seals(c, "purchase_contract")
    expected = [(contract.pages_declared, contract.seller.name, "round")] if contract.sealed else []
    assert marks == [*expected, (contract.pages_declared, brokerage, "round")]
    letter = _with_family("letter_pay_components", seed)
    (page,) = _text(Printer(letter).pdf("income_proof"))
    assert all(k in page for k in ("岗位工资", "薪级工资", "绩效工资", "津贴补贴", "月收入合计", "万元"))
    assert sum(v for _, v in batch6_letters.pay_parts(letter.proof.monthly_income)) == letter.proof.monthly_income
    hr = _with_family("letter_hr_esign", seed)
    (page,) = _text(Printer(hr).pdf("income_proof"))
    assert "证明编号" in page and "验证码" in page and f"¥{hr.proof.monthly_income:,.2f}" in page
    for one in (letter, hr):
        assert seals(one, "income_proof") == ([(1, one.proof.seal_legend or one.proof.employer, "round")]
                                              if one.proof.sealed else [])
    t = _with_family("tax_year_groups", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    years = {r.period.year for r in t.tax.rows}
    assert all(f"{y}年小计" in page for y in years) and "查验码" in page and "已申报税额" in page
    lic = _with_family("license_landscape_copy", seed)
    data = Printer(lic).pdf("business_license")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].width > pdf.pages[0].height
    (page,) = _text(data)
    assert "营业执照" in page and "市场主体身份码" in page and "登记机关" in page


@pytest.mark.slow
def test_cli_unseen12_corpus_renders_every_twelfth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen12 corpus: the pool draws only batch 12, every batch-12 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen12", 12012)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 12}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 12, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_twelfth_batch_statements_carry_their_own_rows_and_seals(seed: int) -> None:
    """The screenshot print groups its cards under month bars that carry the year (the cards show 03月05日 and the
    time), signs its amounts, numbers 第i页/共n页 and carries a round seal; the counter 对账单 dates its rows day
    first (05/03/2026), puts a trailing minus after debits, numbers 第i页，共n页 and carries an oval seal."""
    p = _with_family(batch12_statement.MONTH_GROUPS, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    whole = "".join(pages).replace(",", "")
    for k, page in enumerate(pages, 1):
        assert f"第{k}页/共{len(pages)}页" in page
    assert "收支明细" in pages[0] and statement.account_number in pages[0]
    for t in statement.transactions:
        assert f"{t.day.year}年{t.day.month:02d}月" in whole
        assert f"{t.day.month:02d}月{t.day.day:02d}日{t.time[:5]}" in whole
        assert f"{'+' if t.amount > 0 else '-'}{abs(t.amount):.2f}" in whole and f"余额{t.balance:.2f}" in whole
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    b = _with_family(batch12_statement.SIDEBAR, seed)
    listing = b.statement
    assert listing is not None
    pages = _text(Printer(b).pdf("bank_statement"))
    whole = "".join(pages).replace(",", "")
    for t in listing.transactions:
        assert t.day.strftime("%d/%m/%Y") in whole
        assert (f"{-t.amount:.2f}-" if t.amount < 0 else f"{t.amount:.2f}") in whole
    for k, page in enumerate(pages, 1):
        assert f"第{k}页，共{len(pages)}页" in page
    assert "对账期间" in pages[0] and "支出合计" in pages[-1]
    assert seals(b, "bank_statement") == ([(listing.pages_declared, listing.branch, "oval")] if listing.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_twelfth_batch_layouts_and_seals(seed: int) -> None:
    """The HR grid gives the year's pay before the monthly mean (twelve times it) with the 大写; the desk photo's
    letter gives 工作年限, the 税前 mean and a 2026/03/05 date; the 网签 print carries the 备案号 on every page, the 大写
    after the 小写 and a riding seal on every page; the month-column tax table heads its columns with the months and
    sums to the truth's totals; the certified copy shows 与原件一致's note and both seals in the truth."""
    g = _with_family("letter_label_grid", seed)
    (page,) = _text(Printer(g).pdf("income_proof"))
    annual = f"{g.proof.monthly_income * 12:.2f}"
    assert "证明编号" in page and g.proof.amount_in_words in page
    assert page.replace(",", "").replace("¥", "").index(annual) < page.replace(",", "").replace("¥", "").index(
        f"{g.proof.monthly_income:.2f}")
    d = _with_family("letter_desk_photo", seed)
    (page,) = _text(Printer(d).pdf("income_proof"))
    assert "工作年限" in page and "月均收入（税前）" in page and "部门负责人" in page
    assert date_text(d.proof.issue_date, "slash") in page
    for letter in (g, d):
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    c = _with_family(batch12_records.FILING, seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert len(text) == contract.pages_declared
    assert all(f"合同备案号：{contract.number}" in page and f"第{k}页共{len(text)}页" in page
               for k, page in enumerate(text, 1))
    assert "（大写）" + contract.price_words in "".join(text[1:3]) and "合同签署页" in text[-1]
    riding = [(k, contract.seller.name, "riding") for k in range(1, contract.pages_declared + 1)]
    sealed = contract.sealed and not contract.pasted_seal
    assert seals(c, "purchase_contract") == (sorted([(contract.pages_declared, contract.seller.name, "round"), *riding])
                                             if sealed else [(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_month_columns", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert t.tax.verification_code in page and "已缴税额" in page and "收入额" in page
    assert all(f"{r.period.month:02d}月" in page for r in t.tax.rows)
    flat = page.replace(",", "")
    assert f"{t.tax.total_income:.2f}" in flat and f"{t.tax.total_tax:.2f}" in flat
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family(batch12_records.CERTIFIED_COPY, seed)
    assert lic.license is not None
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "营业执照" in page and "副本" in page and "再复印无效" in page and lic.license.uscc_printed in page
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round"), (1, lic.license.company.name, "round")]


@pytest.mark.slow
def test_cli_unseen13_corpus_renders_every_thirteenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen13 corpus: the pool draws only batch 13, every batch-13 family renders and its documents carry
    their truth fields; the ID cards follow the batch's copy tradition."""
    docs = _held_out_docs(tmp_path, "unseen13", 13013)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 13 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 13, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch13_letters.OVERPRINT and d["held_out"] for d in ids)


@pytest.mark.parametrize("seed", range(3))
def test_thirteenth_batch_statement_carries_its_pages(seed: int) -> None:
    """The 分户账 print dates its rows 20260305 with the time under it, keeps debits and credits in their own columns
    (no sign), opens every page with 承前页 (期初余额 on page 1), closes it with 本页合计 and, but on the last, 过次页, and
    carries an oval seal."""
    p = _with_family(batch13_statement.WRAPPED, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert len(pages) == statement.pages_declared
    whole = "".join(pages).replace(",", "")
    for t in statement.transactions:
        assert t.day.strftime("%Y%m%d") in whole and f"{abs(t.amount):.2f}" in whole
        assert f"-{abs(t.amount):.2f}" not in whole and f"+{abs(t.amount):.2f}" not in whole
    for k, page in enumerate(pages, 1):
        assert f"第{k}页/共{len(pages)}页" in page and "本页合计" in page
        assert ("期初余额" if k == 1 else "承前页") in page
        assert ("过次页" in page) is (k < len(pages))
    assert "借方发生额" in pages[0] and "贷方发生额" in pages[0] and "期末余额" in pages[-1]
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "oval")]
                                          if statement.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_thirteenth_batch_layouts_and_seals(seed: int) -> None:
    """The merged-cell letter gives the monthly pay with its 大写 and the year's pay; the 预售 contract spreads the
    seat over its blanks, gives the 单价 in the body and the totals in 附件六 on the last page under the signatures; the
    文字版 certificate lists every ticket's 原凭证号 and 实缴(退)金额 and sums them in 大写 and 小写; the desk photo is
    one landscape picture page."""
    m = _with_family("letter_merged_cells", seed)
    (page,) = _text(Printer(m).pdf("income_proof"))
    assert "收入情况" in page and "证明用途" in page
    flat = page.replace(",", "").replace("¥", "")
    assert m.proof.amount_in_words in page and f"{m.proof.monthly_income * 12:.2f}" in flat
    assert seals(m, "income_proof") == ([(1, m.proof.seal_legend or m.proof.employer, "round")]
                                        if m.proof.sealed else [])
    c = _with_family(batch13_records.ANNEX, seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert len(text) == contract.pages_declared
    assert all(f"合同编号：{contract.number}" in page and f"第{k}页共{len(text)}页" in page
               for k, page in enumerate(text, 1))
    region = contract.seller.region
    assert f"{region.district[:-1]}{region.district[-1]}" in text[0] and "单元" in text[0]
    assert f"{contract.unit_price:.2f}" in "".join(text[:3]) and "附件六" in "".join(text[:3])
    assert "附件六合同主要条款" in text[-1] and contract.price_words in text[-1] and contract.property_address in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_wenzi_list", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert "（文字版）" in page and t.tax.verification_code in page
    assert page.count("原凭证号") == len(t.tax.rows) == page.count("实缴(退)金额")
    assert f"（大写）：{to_words(t.tax.total_tax)}" in page and f"¥{t.tax.total_tax:,.2f}" in page
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family(batch13_records.DESK, seed)
    assert lic.license is not None
    data = Printer(lic).pdf("business_license")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1 and pdf.pages[0].width > pdf.pages[0].height and len(pdf.pages[0].images) == 1
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")]


def test_unseen13_hands_the_id_card_in_as_one_overprinted_copy() -> None:
    """Under the batch-13 ID family both sides come on one sheet wherever no defect keeps them apart, and the sheet
    carries the overprint (it differs from the same copy without it); the earlier modes keep their own files."""
    from samples.generator.forms import render_file

    copies = 0
    for spec in corpus_specs(applicants=6, seed=13, templates="unseen13"):
        p = plan(spec)
        assert p.templates["id_card"] == batch13_letters.OVERPRINT
        holding = [f for f in p.files if "id_front" in f.items]
        apart = any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back"))
        if apart:
            continue
        assert any(set(f.items) >= {"id_front", "id_back"} for f in holding), spec.applicant
        copies += 1
        if copies == 1:
            plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
            fp = next(f for f in p.files if "id_front" in f.items)
            assert render_file(Printer(p), fp) != render_file(Printer(plain), fp)
    assert copies


@pytest.mark.slow
def test_cli_unseen14_corpus_renders_every_fourteenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen14 corpus: the pool draws only batch 14, every batch-14 family renders and its documents carry
    their truth fields; the ID cards come as the scan app's black-and-white page."""
    docs = _held_out_docs(tmp_path, "unseen14", 14014)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 14 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 14, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch14_letters.SCAN_APP and d["held_out"] for d in ids)


@pytest.mark.parametrize("seed", range(3))
def test_fourteenth_batch_layouts_and_seals(seed: int) -> None:
    """The bank form types the ID number into comb boxes and the pay into a 元/角/分 grid with its 大写; the green-bar
    print dates rows 2026.03.05, opens later pages with 上页余额 and numbers them 页号 i/n; the three-party contract
    lists 甲/乙/丙方, the price in its table, and the seller's and the agency's seals on the signing page; the app
    record lists every month's 收入 and 已申报税额 with the totals and 验证码; the glass photo is one picture page."""
    m = _with_family(batch14_letters.DIGITS, seed)
    (page,) = _text(Printer(m).pdf("income_proof"))
    assert m.proof.id_number in page and "劳动合同类型" in page and "角分" in page
    assert f"¥{int(m.proof.monthly_income * 100)}" in page and m.proof.amount_in_words in page
    assert seals(m, "income_proof") == ([(1, m.proof.seal_legend or m.proof.employer, "round")]
                                        if m.proof.sealed else [])
    p = _with_family(batch14_statement.GREENBAR, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert len(pages) == statement.pages_declared
    whole = "".join(pages).replace(",", "")
    for t in statement.transactions:
        assert t.day.strftime("%Y.%m.%d") in whole and f"{abs(t.amount):.2f}" in whole
    for k, page in enumerate(pages, 1):
        assert f"页号：{k}/{len(pages)}" in page and ("期初余额" if k == 1 else "上页余额") in page
    assert "期末余额" in pages[-1] and f"{statement.closing_balance:.2f}" in pages[-1].replace(",", "")
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    c = _with_family(batch14_records.TRIPARTITE, seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    agency = contract_families.agency(contract)
    assert len(text) == contract.pages_declared and all(f"合同编号：{contract.number}" in t for t in text)
    assert "丙方（居间方）" in text[0] and contract.price_words in text[0] and contract.property_address in text[0]
    assert "丙方（居间方）（盖章）" in text[-1] and agency in text[-1] and contract.seller.name in text[-1]
    expected = [(contract.pages_declared, contract.seller.name, "round")] if contract.sealed else []
    assert seals(c, "purchase_contract") == expected + [(contract.pages_declared, agency, "round")]
    t = _with_family(batch14_records.RECORD_SHOT, seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert page.count("已申报税额：") == len(t.tax.rows) and t.tax.verification_code in page
    assert f"{t.tax.total_income:,.2f}" in page and f"{t.tax.total_tax:,.2f}" in page
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family(batch14_records.GLASS, seed)
    assert lic.license is not None
    data = Printer(lic).pdf("business_license")
    assert Printer(lic).pdf("business_license") == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1 and pdf.pages[0].width > pdf.pages[0].height and len(pdf.pages[0].images) == 1
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")]


def test_unseen14_hands_the_id_card_in_as_a_scan_app_page() -> None:
    """Under the batch-14 ID family both sides come in one file wherever no defect keeps them apart, as one landscape
    black-and-white page (two grey levels at most besides the app's mark); the same file differs from a plain copy."""
    from samples.generator.forms import render_file

    together = 0
    for spec in corpus_specs(applicants=6, seed=14, templates="unseen14"):
        p = plan(spec)
        assert p.templates["id_card"] == batch14_letters.SCAN_APP
        apart = any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back"))
        holding = [f for f in p.files if "id_front" in f.items]
        if apart:
            continue
        assert any(set(f.items) >= {"id_front", "id_back"} for f in holding), spec.applicant
        together += 1
        if together == 1:
            fp = next(f for f in holding if "id_back" in f.items)
            plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
            assert render_file(Printer(p), fp) != render_file(Printer(plain), fp)
    assert together
    sides = [Printer(p).card_art(s) for s in ("front", "back")]
    page = batch14_letters.scan_app_page(sides, random.Random(1), dpi=150)
    assert page.width > page.height
    grey = page.convert("L")
    assert sum(grey.histogram()[40:215]) < 0.01 * page.width * page.height, "thresholded to black and white"


@pytest.mark.slow
def test_cli_unseen15_corpus_renders_every_fifteenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen15 corpus: the pool draws only batch 15, every batch-15 family renders and its documents carry
    their truth fields; the ID cards come glued on the bank's 粘贴单."""
    docs = _held_out_docs(tmp_path, "unseen15", 15015)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 15 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 15, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch15_letters.PASTE_FORM and d["held_out"] for d in ids)


def _picture(data: bytes) -> None:
    """A picture-only PDF: one page holding one image and no text."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1 and len(pdf.pages[0].images) == 1 and not (pdf.pages[0].extract_text() or "").strip()


@pytest.mark.parametrize("seed", range(3))
def test_fifteenth_batch_layouts_and_seals(seed: int) -> None:
    """The folded letter prints its facts in the two-column table with the seal where the truth says; the passbook
    copy shares every sheet's rows between two passbook pages, opens with 期初余额 then 承前页, numbers the sheets
    复印件 第 i 页 / 共 n 页 and certifies the period and 期末余额 on the last; the party-sheet contract lists every
    party in its 当事人信息表 and the price in its 付款方式 table; the folded tax record and the faxed licence are
    one picture page each, drawn from a flat sheet that prints their truth."""
    m = _with_family(batch15_letters.FOLDED, seed)
    (page,) = _text(Printer(m).pdf("income_proof"))
    assert "任职起始日" in page and "现任岗位" in page and "月均税前收入（大写）" in page
    assert m.proof.id_number in page and m.proof.amount_in_words in page
    assert seals(m, "income_proof") == ([(1, m.proof.seal_legend or m.proof.employer, "round")]
                                        if m.proof.sealed else [])
    p = _with_family(batch15_statement.PASSBOOK_COPY, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert len(pages) == statement.pages_declared
    whole = "".join(pages).replace(",", "")
    for t in statement.transactions:
        assert t.day.strftime("%Y%m%d") in whole and f"{abs(t.amount):.2f}" in whole and f"{t.balance:.2f}" in whole
    for k, page in enumerate(pages, 1):
        assert f"复印件第{k}页/共{len(pages)}页" in page and page.count("活期储蓄存折") == 2
        assert ("期初余额" in page) is (k == 1) and "承前页" in page
    start, end = statement.period_start.strftime("%Y.%m.%d"), statement.period_end.strftime("%Y.%m.%d")
    assert f"{start}至{end}" in pages[-1] and f"期末余额{statement.closing_balance:.2f}" in pages[-1].replace(",", "")
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "oval")]
                                          if statement.sealed else [])
    c = _with_family(batch15_records.PARTY_SHEET, seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert len(text) == contract.pages_declared and all(f"合同编号：{contract.number}" in t for t in text)
    assert all(f"—第{k}页（共{len(text)}页）—" in t for k, t in enumerate(text, 1))
    assert "当事人" in text[0] and "付款方式" in text[0] and contract.price_words in text[0]
    for name, number in contract.buyers:
        assert name in text[0] and number in text[0]
    assert "出卖人（盖章）" in text[-1] and contract.seller.name in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family(batch15_records.FOLDED_PHOTO, seed)
    assert t.tax is not None
    data = Printer(t).pdf("tax_certificate")
    assert Printer(t).pdf("tax_certificate") == data
    _picture(data)
    (flat,) = _text(batch15_records._record_sheet(t.tax, random.Random(1), datetime(2026, 3, 5)))
    assert flat.count("劳务报酬所得") + flat.count("工资薪金所得") >= len(t.tax.rows) - 1
    assert t.tax.verification_code in flat and t.tax.id_number in flat and f"{t.tax.total_tax:,.2f}" in flat
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family(batch15_records.FAX, seed)
    assert lic.license is not None
    data = Printer(lic).pdf("business_license")
    _picture(data)
    (flat,) = _text(batch15_records._copy_sheet(lic.license, random.Random(1), datetime(2026, 3, 5)))
    assert lic.license.uscc_printed in flat and lic.license.company.name in flat and "副本" in flat
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")]


def test_unseen15_glues_the_id_card_onto_the_banks_paste_form() -> None:
    """Under the batch-15 ID family both sides come in one file wherever no defect keeps them apart, on the bank's
    portrait 粘贴单; a side handed in alone sits in its own box with the other left empty, and the page differs from a
    plain copy of the same file."""
    from samples.generator.forms import render_file

    together = 0
    for spec in corpus_specs(applicants=6, seed=15, templates="unseen15"):
        p = plan(spec)
        assert p.templates["id_card"] == batch15_letters.PASTE_FORM
        if any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back")):
            continue
        holding = [f for f in p.files if "id_front" in f.items]
        assert any(set(f.items) >= {"id_front", "id_back"} for f in holding), spec.applicant
        together += 1
        if together == 1:
            fp = next(f for f in holding if "id_back" in f.items)
            plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
            assert render_file(Printer(p), fp) != render_file(Printer(plain), fp)
    assert together
    spec = corpus_specs(applicants=1, seed=15, templates="unseen15")[0]
    pr = Printer(plan(spec))
    both = batch15_letters.paste_form_page({s: pr.card_art(s) for s in ("front", "back")}, "张三", date(2026, 3, 5),
                                           random.Random(2), random.Random(3), dpi=100)
    alone = batch15_letters.paste_form_page({"front": pr.card_art("front")}, "张三", date(2026, 3, 5),
                                            random.Random(2), random.Random(3), dpi=100)
    assert both.height > both.width
    lower = (0, int(150 * 100 / 25.4), both.width, int(220 * 100 / 25.4))  # the 国徽面 box
    grey = lambda img: sum(v for v in img.crop(lower).convert("L").histogram()[:200])  # noqa: E731
    assert grey(both) > 20 * max(grey(alone), 1), "the empty box holds no copy"


@pytest.mark.slow
def test_cli_unseen16_corpus_renders_every_sixteenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen16 corpus: the pool draws only batch 16, every batch-16 family renders and its documents carry
    their truth fields; the ID cards come as photos taken in the hand."""
    docs = _held_out_docs(tmp_path, "unseen16", 16016)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 16 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 16, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch16_letters.HAND_HELD and d["held_out"] for d in ids)


@pytest.mark.parametrize("seed", range(3))
def test_sixteenth_batch_layouts_and_seals(seed: int) -> None:
    """The A5 letter is one landscape A5 page with the pay as 人民币 and thousands separators and the seal where the
    truth says; the app export lists the rows newest first over the plan's page sizes, with the e-seal after the
    oldest row on the last page; the shaded-field contract numbers every page 第 X 页 共 Y 页 beside its 合同编号 and
    ends with the 签署页; the bilingual tax record prints its truth under Chinese and English labels and no page
    number; the scan-app licence is one picture page drawn from a flat sheet that prints its truth."""
    m = _with_family(batch16_letters.A5_LETTER, seed)
    data = Printer(m).pdf("income_proof")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (sheet,) = pdf.pages
        assert sheet.width > sheet.height and abs(sheet.height * 25.4 / 72 - 148) < 1, "A5, landscape"
    (page,) = _text(data)
    assert f"人民币{m.proof.monthly_income:,.2f}元" in page and f"人民币{m.proof.amount_in_words}" in page
    assert m.proof.id_number in page and "特此证明" in page and "单位负责人（签字）" in page
    assert seals(m, "income_proof") == ([(1, m.proof.seal_legend or m.proof.employer, "round")]
                                        if m.proof.sealed else [])
    p = _with_family(batch16_statement.NEWEST_FIRST, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert len(pages) == statement.pages_declared
    shown = [batch16_statement.printed_rows(statement, k) for k in range(1, len(pages) + 1)]
    assert [len(rows) for rows in shown] == list(statement.page_rows)
    flat = [t for rows in shown for t in rows]
    assert flat == list(reversed(statement.transactions)), "the newest row first, the oldest last"
    for k, (text, rows) in enumerate(zip(pages, shown, strict=True), 1):
        assert f"第{k}页/共{len(pages)}页" in text
        plain = text.replace(",", "")
        assert all(f"{t.balance:.2f}" in plain for t in rows)
        assert not rows or plain.index(f"{rows[0].balance:.2f}") < plain.rindex(f"{rows[-1].balance:.2f}"), "newest first"
    assert "以下空白" in pages[-1] and "电子印章" in pages[-1]
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    dropped = replace(p, statement=replace(statement, missing_page=2)) if statement.pages_declared > 2 else p
    dropped_statement = dropped.statement
    assert dropped_statement is not None
    expected = {id(t) for k in dropped_statement.present_pages()
                for t in batch16_statement.printed_rows(dropped_statement, k)}
    rows = applicant_truth(dropped)["files"]
    got = [d["fields"]["transactions"] for f in rows.values() for d in f["documents"] if d["type"] == "bank_statement"]
    chosen = [t.fields() for t in dropped_statement.transactions if id(t) in expected]
    assert got == [chosen], "the truth lists the rows of the pages handed in, in date order"
    c = _with_family(batch16_records.SHADED, seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert len(text) == contract.pages_declared
    assert all(f"第{k}页共{len(text)}页" in t and f"合同编号：{contract.number}" in t for k, t in enumerate(text, 1))
    whole = "".join(text)
    for name, number in contract.buyers:
        assert name in text[0] and number in text[0]
    assert contract.price_words in whole and f"¥{contract.total_price:,.2f}" in whole
    assert "合同签署页" in text[-1] and contract.seller.name in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family(batch16_records.BILINGUAL, seed)
    assert t.tax is not None
    (record,) = _text(Printer(t).pdf("tax_certificate"))
    assert "TaxpayerName" in record and "VerificationCode" in record and t.tax.verification_code in record
    assert t.tax.id_number in record and f"{t.tax.total_tax:,.2f}" in record and "页" not in record
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family(batch16_records.SCAN_COLOR, seed)
    assert lic.license is not None
    data = Printer(lic).pdf("business_license")
    assert Printer(lic).pdf("business_license") == data
    _picture(data)
    (flat_sheet,) = _text(batch16_records._copy_sheet(lic.license, random.Random(1), datetime(2026, 3, 5)))
    assert lic.license.uscc_printed in flat_sheet and lic.license.company.name in flat_sheet and "副本" in flat_sheet
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")]


def test_unseen16_photographs_the_id_card_in_the_hand() -> None:
    """Under the batch-16 ID family every file holding a side is a phone photo (a page of a scanned bundle
    aside); both sides come joined in one taller-than-wide picture wherever no defect keeps them apart, a side alone
    as one landscape photo; the picture differs from the plain family's file."""
    from samples.generator.forms import render_file

    together = alone = 0
    for spec in corpus_specs(applicants=8, seed=16, templates="unseen16"):
        p = plan(spec)
        assert p.templates["id_card"] == batch16_letters.HAND_HELD
        holding = [f for f in p.files if {"id_front", "id_back"} & set(f.items)]
        assert all(f.form in ("photo", "bundle_scan") and f.delivery.ext in ("jpg", "pdf") for f in holding)
        if any(f.form == "bundle_scan" for f in holding):
            continue
        apart = any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back"))
        if not apart:
            (fp,) = holding
            assert set(fp.items) == {"id_front", "id_back"}, spec.applicant
            if together == 0:
                with Image.open(io.BytesIO(render_file(Printer(p), fp))) as img:
                    assert img.height > 1.4 * img.width, "two landscape photos one above the other"
                plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
                assert render_file(Printer(p), fp) != render_file(Printer(plain), fp)
            together += 1
        elif alone == 0 and "duplicate_document" not in spec.defects:
            fp = next(f for f in holding if f.items == ("id_front",))
            with Image.open(io.BytesIO(render_file(Printer(p), fp))) as img:
                assert img.width > img.height
            alone += 1
    assert together


@pytest.mark.slow
def test_cli_unseen17_corpus_renders_every_seventeenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen17 corpus: the pool draws only batch 17, every batch-17 family renders and its documents carry
    their truth fields; the ID cards come as the copy shop's sheet."""
    docs = _held_out_docs(tmp_path, "unseen17", 17017)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 17 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 17, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch17_letters.COPYSHOP and d["held_out"] for d in ids)


def test_spreadsheet_formats() -> None:
    """General format drops trailing zeros and separators; a long account held as a number turns scientific."""
    general = batch17_statement.general
    assert [general(Decimal(v)) for v in ("1200.00", "1234.50", "0.05", "987654.32")] == ["1200", "1234.5", "0.05",
                                                                                         "987654.32"]
    assert batch17_statement.scientific("6222021234567890123") == "6.22202E+18"
    assert batch17_statement.scientific("6222****0123") == "6222****0123"
    assert batch17_statement.scientific("0263741234567890") == "0263741234567890"


@pytest.mark.parametrize("seed", range(3))
def test_seventeenth_batch_layouts_and_seals(seed: int) -> None:
    """The month-grid form prints twelve months before its own whose mean is the truth's pay, the 月均 in ¥ and 大写
    and the seal where the truth says; the spreadsheet print keeps the plan's pages with Excel's footer, every row's
    balance and 借/贷 flag on its page and the seal after the last row in the plan's shape; the initialled contract
    numbers every page — n — without a total, has the buyers initial every page and states the total in its last
    article; the screen-photo tax record and the watermark-camera licence are one picture page each, drawn from flat
    sheets that print their truth."""
    m = _with_family(batch17_letters.MONTH_GRID, seed)
    (page,) = _text(Printer(m).pdf("income_proof"))
    proof = m.proof
    assert f"¥{proof.monthly_income:,.2f}" in page and f"人民币{proof.amount_in_words}" in page
    assert proof.id_number in page and proof.employer in page and "近十二个月收入情况" in page
    pays = batch17_letters.month_pay(proof, random.Random(seed))
    assert len(pays) == 12 and sum((p for _, p in pays), Decimal(0)) == proof.monthly_income * 12
    assert len({p for _, p in pays}) > 6 and pays[-1][0] < proof.issue_date.replace(day=1) <= add_months(pays[-1][0], 1)
    assert seals(m, "income_proof") == ([(1, proof.seal_legend or proof.employer, "round")] if proof.sealed else [])
    p = _with_family(batch17_statement.EXCEL, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    n = statement.pages_declared
    assert len(pages) == n
    for k, text in enumerate(pages, 1):
        assert f"第{k}页，共{n}页" in text
        rows = statement.rows_on(k)
        assert all(f"{t.balance:.2f}" in text or batch17_statement.general(t.balance) in text for t in rows)
        flags = text.count("借") + text.count("贷")
        assert flags >= len(rows), "a 借/贷 flag on every row"
    assert "打印机构" in pages[-1] and statement.account_number in pages[0]
    assert seals(p, "bank_statement") == ([(n, statement.branch, statement.style.seal_shape)]
                                          if statement.sealed else [])
    c = _with_family(batch17_records.INITIALLED, seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    n = contract.pages_declared
    assert len(text) == n
    for k, t in enumerate(text, 1):
        assert f"—{k}—" in t or f"-{k}-" in t, k
        assert "乙方签字" in t and contract.number in t
        assert f"第{k}页" not in t, "numbered without 第…页"
    assert f"本合同共{n}页" in text[-1] and contract.seller.name in text[-1]
    for name, number in contract.buyers:
        assert name in text[0] and number in text[0]
    assert contract.price_words in text[0] and f"¥{contract.total_price:,.2f}" in text[0]
    assert seals(c, "purchase_contract") == ([(n, contract.seller.name, "round")] if contract.sealed else [])
    t = _with_family(batch17_records.SCREEN, seed)
    assert t.tax is not None
    data = Printer(t).pdf("tax_certificate")
    assert Printer(t).pdf("tax_certificate") == data
    _picture(data)
    (record,) = _text(batch17_records.record_sheet(t.tax, random.Random(1), datetime(2026, 3, 5)))
    assert t.tax.id_number in record and t.tax.verification_code in record and f"{t.tax.total_tax:,.2f}" in record
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family(batch17_records.WATERMARK, seed)
    assert lic.license is not None and lic.license.applied is not None
    data = Printer(lic).pdf("business_license")
    assert Printer(lic).pdf("business_license") == data
    _picture(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].height > pdf.pages[0].width, "a portrait phone photo"
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")]


def test_unseen17_copies_the_id_card_side_by_side() -> None:
    """Under the batch-17 ID family both sides come in one file wherever no defect keeps them apart: one portrait
    sheet with the copies side by side (the copy is wider than tall across the top), unlike the plain family's."""
    from samples.generator.forms import render_file

    together = 0
    for spec in corpus_specs(applicants=8, seed=17, templates="unseen17"):
        p = plan(spec)
        assert p.templates["id_card"] == batch17_letters.COPYSHOP
        holding = [f for f in p.files if {"id_front", "id_back"} & set(f.items)]
        if any(f.form == "bundle_scan" for f in holding):
            continue
        if any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back")):
            continue
        (fp,) = holding
        assert set(fp.items) == {"id_front", "id_back"}, spec.applicant
        if together == 0:
            data = render_file(Printer(p), fp)
            if data[:4] == b"%PDF":
                with pdfplumber.open(io.BytesIO(data)) as pdf:
                    assert len(pdf.pages) == 1 and pdf.pages[0].height > pdf.pages[0].width
            else:
                with Image.open(io.BytesIO(data)) as img:
                    assert img.height > img.width
            plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
            assert render_file(Printer(plain), fp) != data
        together += 1
    assert together


@pytest.mark.slow
def test_cli_unseen18_corpus_renders_every_eighteenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen18 corpus: the pool draws only batch 18, every batch-18 family renders and its documents carry
    their truth fields; the ID cards come as the clerk-stamped enlarged copy."""
    docs = _held_out_docs(tmp_path, "unseen18", 18018)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 18 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 18, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch18_letters.VERIFIED and d["held_out"] for d in ids)
    licences = [d for d in docs if d["type"] == "business_license"]
    assert licences and all(len(d["seals"]) == 2 for d in licences), "the registry's seal on both copies"


@pytest.mark.parametrize("seed", range(3))
def test_eighteenth_batch_layouts_and_seals(seed: int) -> None:
    """The torn-off pad leaf prints its truth in the red form's blanks and carries the seal where the truth says; the
    terminal print keeps the plan's pages with 入账/出账 columns, dotted dates, the terminal's footer and every
    balance on its page; the clause table numbers its pages 第 i 页 / 共 n 页, sets the articles as rows and keeps the
    seller's seal on the last page; the thermal receipt and the two-up licence copy are one picture page each."""
    m = _with_family(batch18_letters.COUNTERFOIL, seed)
    (page,) = _text(Printer(m).pdf("income_proof"))
    proof = m.proof
    assert "字第" in page and "单位（盖章）" in page and proof.amount_in_words in page and proof.id_number in page
    assert date_text(proof.issue_date, "cn") in page and date_text(proof.employment_start, "cn") in page
    with pdfplumber.open(io.BytesIO(Printer(m).pdf("income_proof"))) as pdf:
        assert pdf.pages[0].width < 200 * 72 / 25.4 and pdf.pages[0].height < 195 * 72 / 25.4, "a 16开 leaf cut short"
    assert seals(m, "income_proof") == ([(1, proof.seal_legend or proof.employer, "round")] if proof.sealed else [])
    p = _with_family(batch18_statement.KIOSK, seed)
    statement = p.statement
    assert statement is not None
    data = Printer(p).pdf("bank_statement")
    pages = _text(data)
    n = statement.pages_declared
    assert len(pages) == n
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all(pg.height > pg.width for pg in pdf.pages), "portrait security paper"
        assert all(len(pg.images) >= 1 for pg in pdf.pages), "the microtext ground on every page"
    for k, text in enumerate(pages, 1):
        assert f"第{k}页共{n}页" in text and "终端号" in text
        rows = statement.rows_on(k)
        assert all(t.day.strftime("%Y.%m.%d") in text for t in rows)
        assert all(f"{t.balance:,.2f}" in text or f"{t.balance:.2f}" in text for t in rows)
    assert "入账金额" in pages[0] or "收入金额" in pages[0]
    assert "入账合计" in pages[-1] and "出账合计" in pages[-1]
    assert seals(p, "bank_statement") == ([(n, statement.branch, statement.style.seal_shape)]
                                          if statement.sealed else [])
    c = _with_family(batch18_records.CLAUSE_TABLE, seed)
    contract = c.contract
    assert contract is not None
    leaves = _text(Printer(c).pdf("purchase_contract"))
    n = contract.pages_declared
    assert len(leaves) == n
    for k, page_text in enumerate(leaves, 1):
        assert f"第{k}页/共{n}页" in page_text, k
    assert "第一条房屋基本情况" in leaves[0] and "第二条房屋价款" in leaves[0] and contract.number in leaves[0]
    assert contract.price_words in leaves[0] and f"{contract.total_price:.2f}" in leaves[0].replace(",", "")
    assert f"本合同共{n}页" in leaves[-1] and contract.seller.name in leaves[-1]
    assert seals(c, "purchase_contract") == ([(n, contract.seller.name, "round")] if contract.sealed else [])
    rec = _with_family(batch18_receipt.THERMAL, seed)
    tax = rec.tax
    assert tax is not None
    data = Printer(rec).pdf("tax_certificate")
    assert Printer(rec).pdf("tax_certificate") == data
    _picture(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].height > 1.7 * pdf.pages[0].width, "a tall phone picture of a long receipt"
    lines = [line for _, line in batch18_receipt._lines(tax, datetime(2026, 3, 5, 10), random.Random(1))]
    whole = "".join(lines)
    assert tax.id_number in whole and tax.verification_code in whole and f"{tax.total_tax:,.2f}" in whole
    assert f"{tax.total_income:,.2f}" in whole and tax.issue_date.isoformat() in whole
    assert seals(rec, "tax_certificate") == ([(1, tax.authority, "round")] if tax.sealed else [])
    lic = _with_family(batch18_records.TWO_UP, seed)
    assert lic.license is not None
    data = Printer(lic).pdf("business_license")
    _picture(data)
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")] * 2


def test_unseen18_copies_the_id_card_enlarged_on_a_landscape_sheet() -> None:
    """Under the batch-18 ID family both sides come in one file wherever no defect keeps them apart: one landscape
    sheet with the enlarged copies side by side, unlike the plain family's portrait copy."""
    from samples.generator.forms import render_file

    together = 0
    for spec in corpus_specs(applicants=8, seed=18, templates="unseen18"):
        p = plan(spec)
        assert p.templates["id_card"] == batch18_letters.VERIFIED
        holding = [f for f in p.files if {"id_front", "id_back"} & set(f.items)]
        if any(f.form == "bundle_scan" for f in holding):
            continue
        if any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back")):
            continue
        (fp,) = holding
        assert set(fp.items) == {"id_front", "id_back"}, spec.applicant
        if together == 0:
            data = render_file(Printer(p), fp)
            if data[:4] == b"%PDF":
                with pdfplumber.open(io.BytesIO(data)) as pdf:
                    assert len(pdf.pages) == 1 and pdf.pages[0].width > pdf.pages[0].height
            else:
                with Image.open(io.BytesIO(data)) as img:
                    assert img.width > img.height
            plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
            assert render_file(Printer(plain), fp) != data
        together += 1
    assert together


@pytest.mark.slow
def test_cli_unseen19_corpus_renders_every_nineteenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen19 corpus: the pool draws only batch 19, every batch-19 family renders and its documents carry
    their truth fields; the ID cards come as the fax; the two-page tax record spans two pages of its file and the
    filed contract carries the bureau's seal on page 1 of its own."""
    docs = _held_out_docs(tmp_path, "unseen19", 19019)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 19 and f.doc_type != "id_card"}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 19, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d
    ids = [d for folder in tmp_path.iterdir() if folder.is_dir()
           for d in _documents(json.loads((folder / "truth.json").read_text(encoding="utf-8"))) if d["type"] == "id_card"]
    assert ids and all(d["template"] == batch19_letters.FAX_ID and d["held_out"] for d in ids)
    taxes = [d for d in docs if d["type"] == "tax_certificate"]
    assert taxes and all(len(d["pages"]) == 2 and [s["page"] for s in d["seals"]] in ([], d["pages"][1:])
                         for d in taxes)
    for d in (d for d in docs if d["type"] == "purchase_contract"):
        bureau = [s for s in d["seals"] if s["legend"].endswith("住房和城乡建设局")]
        assert [s["page"] for s in bureau] == d["pages"][:1], "the bureau's 合同备案专用章 on page 1"


@pytest.mark.parametrize("seed", range(3))
def test_nineteenth_batch_layouts_and_seals(seed: int) -> None:
    """The handwritten letter's stationery prints the unit and its phone and its writing states the truth; the riding-
    seal print keeps the plan's pages with compact dates and a slice of the seal on every page; the filed contract is
    16开, numbered straight through, its 签署页 before the 补充协议 and the truth's three seals where they are drawn;
    the tax record runs over two pages with its seal on the second; the laminated licence is one picture page."""
    m = _with_family(batch19_letters.STATIONERY, seed)
    proof = m.proof
    data = Printer(m).pdf("income_proof")
    (page,) = _text(data)
    assert proof.employer in page and proof.employer_phone in page
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages[0].images) == 1 + proof.sealed, "the writing is one picture (and the seal another)"
        assert round(pdf.pages[0].width / 72 * 25.4) in (185, 210)
    for k in range(4):
        writing = "".join(batch19_letters._body(proof, random.Random(k)))
        assert proof.name in writing and proof.id_number in writing and proof.amount_in_words in writing
        assert date_text(proof.employment_start, "cn") in writing and proof.position in writing
        assert f"{proof.monthly_income:.2f}" in writing.replace(",", "")
    assert seals(m, "income_proof") == ([(1, proof.seal_legend or proof.employer, "round")] if proof.sealed else [])
    p = _with_family(batch19_statement.RIDING, seed)
    statement = p.statement
    assert statement is not None
    data = Printer(p).pdf("bank_statement")
    pages = _text(data)
    n = statement.pages_declared
    assert len(pages) == n and "开户网点" in pages[0] and "期初余额" in pages[0]
    for k, text in enumerate(pages, 1):
        assert f"第{k}页共{n}页" in text and "打印柜员" in text
        assert all(t.day.strftime("%Y%m%d") in text and t.time in text for t in statement.rows_on(k))
    assert f"以上交易明细共{n}页" in pages[-1] and "支出合计" in pages[-1]
    riding = statement.sealed and n > 1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all(len(pg.images) >= (1 if riding else 0) for pg in pdf.pages), "a slice of the seal on every page"
    expected = [(n, statement.branch, statement.style.seal_shape)] if statement.sealed else []
    expected += [(k, statement.branch, "riding") for k in range(1, n + 1)] if riding else []
    assert seals(p, "bank_statement") == sorted(expected)
    c = _with_family(batch19_records.FILED, seed)
    contract = c.contract
    assert contract is not None
    data = Printer(c).pdf("purchase_contract")
    leaves = _text(data)
    n = contract.pages_declared
    signed = batch19_records.signing_page(contract)
    assert len(leaves) == n and signed == contract_families.signature_page(contract, batch19_records.FILED)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all(round(pg.width / 72 * 25.4) == 185 and round(pg.height / 72 * 25.4) == 260 for pg in pdf.pages)
    fmt = contract.style.footer
    for k, text in enumerate(leaves, 1):
        assert "".join(fmt.format(i=k, n=n).split()) in text, k
    assert "合同备案号" in leaves[0] and f"合同编号：{contract.number}" in leaves[0]
    assert "签署页" in leaves[signed - 1] and contract.seller.name in leaves[signed - 1]
    assert "补充协议" in leaves[signed] and contract.number in leaves[signed] and contract.price_words in leaves[signed]
    assert "甲方（出卖人）（盖章）" in leaves[-1]
    assert f"（大写）{contract.price_words}（小写）¥" in "".join(leaves)
    bureau = (1, batch19_records.bureau(contract), "round")
    sellers = [(signed, contract.seller.name, "round")] if contract.sealed else []
    sellers += [(n, contract.seller.name, "round")] if contract.sealed and not contract.pasted_seal else []
    assert seals(c, "purchase_contract") == sorted([bureau, *sellers])
    t = _with_family(batch19_tax.TWO_PAGES, seed)
    tax = t.tax
    assert tax is not None
    first, second = _text(Printer(t).pdf("tax_certificate"))
    assert "第1页共2页" in first and "第2页共2页" in second and tax.serial in first and tax.serial in second
    assert tax.id_number in first and "（续）" in second and "合计" in second and tax.verification_code in second
    assert f"{tax.rows[-1].income:.2f}" in second.replace(",", "") and f"{tax.rows[0].income:.2f}" in first.replace(",", "")
    assert f"{tax.total_tax:.2f}" in second.replace(",", "") and f"{tax.total_tax:.2f}" not in first.replace(",", "")
    assert printed_pages(t, "tax_certificate") == [1, 2]
    assert seals(t, "tax_certificate") == ([(2, tax.authority, "round")] if tax.sealed else [])
    lic = _with_family(batch19_records.LAMINATED, seed)
    assert lic.license is not None
    data = Printer(lic).pdf("business_license")
    _picture(data)
    assert seals(lic, "business_license") == [(1, lic.license.authority, "round")]


def test_a_two_page_tax_record_is_never_handed_in_as_one_picture() -> None:
    """The two-page record's photo or scan comes as a PDF of both pages, never a single JPEG of page 1."""
    for spec in corpus_specs(applicants=12, seed=19, templates="unseen19"):
        p = plan(spec)
        for fp in p.files:
            if "tax_certificate" in fp.items:
                assert fp.delivery.ext == "pdf", (spec.applicant, fp.name)


def test_unseen19_faxes_the_id_card() -> None:
    """Under the batch-19 ID family both sides come in one file wherever no defect keeps them apart: the fax
    server's portrait page in black and white, unlike the plain family's copy."""
    from samples.generator.forms import render_file

    together = 0
    for spec in corpus_specs(applicants=8, seed=19, templates="unseen19"):
        p = plan(spec)
        assert p.templates["id_card"] == batch19_letters.FAX_ID
        holding = [f for f in p.files if {"id_front", "id_back"} & set(f.items)]
        if any(f.form == "bundle_scan" for f in holding):
            continue
        if any(d in spec.defects for d in ("duplicate_document", "illegible_id_back", "missing_id_back")):
            continue
        (fp,) = holding
        assert set(fp.items) == {"id_front", "id_back"}, spec.applicant
        if together == 0:
            data = render_file(Printer(p), fp)
            if data[:4] == b"%PDF":
                with pdfplumber.open(io.BytesIO(data)) as pdf:
                    assert len(pdf.pages) == 1 and pdf.pages[0].width < pdf.pages[0].height
                    img = pdf.pages[0].to_image(resolution=100).original
            else:
                img = Image.open(io.BytesIO(data))
            grey = img.convert("L")
            assert grey.height > grey.width
            hist = grey.histogram()
            assert sum(hist[70:185]) < 0.03 * sum(hist), "black and white: hardly any grey but JPEG's edges"
            plain = replace(p, templates={**p.templates, "id_card": "id_card_2004"})
            assert render_file(Printer(plain), fp) != data
        together += 1
    assert together


@pytest.mark.slow
def test_cli_unseen11_corpus_renders_every_eleventh_batch_family(tmp_path: Path) -> None:
    """A tiny unseen11 corpus: the pool draws only batch 11, every batch-11 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen11", 11011)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 11}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 11, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_eleventh_batch_statements_carry_their_own_columns_and_seals(seed: int) -> None:
    """The e-statement dates its rows 20260305, splits 收入/支出, names the counterparty and its account in one cell,
    numbers its pages - i / n - with the 验真码 and carries a round seal; the counter print splits 转入/转出, dates
    its rows 2026年3月5日, numbers 页码 i/n and carries an oval seal."""
    p = _with_family(batch11_statement.QR_MARK, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    whole = "".join(pages).replace(",", "")
    for k, page in enumerate(pages, 1):
        assert f"-{k}/{len(pages)}-" in page and "验真码" in page
    assert "对方账号与户名" in pages[0] and "收入" in pages[0] and "支出" in pages[0]
    for t in statement.transactions:
        assert t.day.strftime("%Y%m%d") in whole and f"{abs(t.amount):.2f}" in whole
        assert f"{t.counterparty}{t.counter_account}" in whole
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    b = _with_family(batch11_statement.TRANSFER, seed)
    listing = b.statement
    assert listing is not None
    pages = _text(Printer(b).pdf("bank_statement"))
    whole = "".join(pages).replace(",", "")
    for t in listing.transactions:
        assert date_text(t.day, "cn") in whole and f"{abs(t.amount):.2f}" in whole
    for k, page in enumerate(pages, 1):
        assert f"页码{k}/{len(pages)}" in page
    assert "转入金额" in pages[0] and "转出金额" in pages[0] and "转入合计" in pages[-1]
    assert seals(b, "bank_statement") == ([(listing.pages_declared, listing.branch, "oval")] if listing.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_eleventh_batch_layouts_and_seals(seed: int) -> None:
    """The lender's form holds the values in its cells and leaves the bank's part empty; the letterhead letter gives
    the 税前 pay with its 大写 and a 实发 figure under a 二〇 date; the 出卖方 contract prints 大写 before 小写 and signs
    on its last page; the wide tax list prints day-exact periods; the framed licence shows its fields; seals as the
    truth says."""
    v = _with_family("letter_verify_stub", seed)
    (page,) = _text(Printer(v).pdf("income_proof"))
    assert "以下由贷款银行填写" in page and "核实人" in page and v.proof.amount_in_words in page
    assert "工作单位（全称）" + v.proof.employer in page
    g = _with_family("letter_net_and_gross", seed)
    (page,) = _text(Printer(g).pdf("income_proof"))
    assert "税前" in page and "实发" in page and date_text(g.proof.issue_date, "numerals") in page
    for letter in (v, g):
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    c = _with_family("contract_fill_lines", seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert len(text) == contract.pages_declared
    assert f"出卖方（甲方）：{contract.seller.name}" in text[0] and f"房屋坐落：{contract.property_address}" in text[0]
    assert f"人民币（大写）{contract.price_words}（小写：¥" in "".join(text[1:3])
    assert "乙方（买受方）签字并捺印" in text[-1] and contract.seller.name in text[-1]
    assert all(f"—{k}—" in page for k, page in enumerate(text, 1))
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_wide_detail", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert "电子税票号码" in page and "税款所属期止" in page and t.tax.verification_code in page
    assert all(r.period.isoformat() in page for r in t.tax.rows)
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family("license_wall_photo", seed)
    assert lic.license is not None
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "营业执照" in page and lic.license.uscc_printed in page and "登记机关" in page and "gsxt.gov.cn" in page


@pytest.mark.slow
def test_cli_unseen10_corpus_renders_every_tenth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen10 corpus: the pool draws only batch 10, every batch-10 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen10", 10011)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 10}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 10, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_tenth_batch_statements_carry_their_own_columns_and_seals(seed: int) -> None:
    """The browser print carries the print's date, the URL and i/n in its margins on every page, the query form and
    signed amounts, and a round seal; the 对账单 puts 借 or 贷 after every unsigned amount, dates its rows
    2026年03月05日, numbers its pages 第i页（共n页） and carries an oval seal."""
    p = _with_family(batch10_statement.BROWSER, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    for k, page in enumerate(pages, 1):
        assert page.endswith(f"{k}/{len(pages)}") and "https://" in page
    assert all(k in pages[0] for k in ("查询账户", "起始日期", "截止日期", "查询结果", "交易时间", "对方户名"))
    whole = "".join(pages).replace(",", "")
    assert all(f"{t.amount:+.2f}" in whole for t in statement.transactions)
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    b = _with_family(batch10_statement.FLAG_AFTER, seed)
    listing = b.statement
    assert listing is not None
    pages = _text(Printer(b).pdf("bank_statement"))
    whole = "".join(pages).replace(",", "")
    for t in listing.transactions:
        assert f"{abs(t.amount):.2f}{'贷' if t.amount > 0 else '借'}" in whole
        assert date_text(t.day, "cn_padded") in whole
    for k, page in enumerate(pages, 1):
        assert f"第{k}页（共{len(pages)}页）" in page
    assert "借方发生额合计" in pages[-1] and "贷方发生额合计" in pages[-1] and "发生额（借/贷）" in pages[0]
    assert seals(b, "bank_statement") == ([(listing.pages_declared, listing.branch, "oval")] if listing.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_tenth_batch_layouts_and_seals(seed: int) -> None:
    """The numbered letter lists its facts under 一、/（一）; the memo gives the 年薪 with the monthly figure and its
    大写 in brackets; the bracketed contract prints its values in 【】 and signs on its last 附件 page; the app's tax
    export puts the totals before its rows; the licence screenshot shows the e-licence's fields; seals as the truth
    says."""
    n = _with_family("letter_numbered_facts", seed)
    (page,) = _text(Printer(n).pdf("income_proof"))
    assert ("一、" in page and "二、" in page) or ("（一）" in page and "（二）" in page)
    assert "证明单位（公章）" in page and n.proof.amount_in_words in page
    memo = _with_family("letter_memo_annual", seed)
    (page,) = _text(Printer(memo).pdf("income_proof"))
    proof = memo.proof
    assert "事由" in page and "税前年薪" in page and f"大写：{proof.amount_in_words}）" in page
    annual = (proof.monthly_income * 12).quantize(Decimal("0.01"))
    assert f"{annual:.2f}" in page.replace(",", "")
    for letter in (n, memo):
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    c = _with_family("contract_bracket_annex", seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert f"出卖人：【{contract.seller.name}】" in text[0] and f"【{contract.number}】" in text[0]
    assert f"该商品房坐落于【{contract.property_address}】" in "".join(text[1:3])
    assert f"大写【{contract.price_words}】" in "".join(text[1:3])
    assert "附件" in text[-1] and "合同签署页" in text[-1] and f"【{contract.seller.name}】" in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_app_totals_top", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert page.index("收入合计（元）") < page.index("所得项目所得期间") and t.tax.verification_code in page
    assert page.count(t.tax.rows[0].item) >= len(t.tax.rows)
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family("license_mobile_screenshot", seed)
    assert lic.license is not None
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "电子营业执照" in page and "统一社会信用代码" + lic.license.uscc_printed in page and "登记机关" in page


@pytest.mark.slow
def test_cli_unseen9_corpus_renders_every_ninth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen9 corpus: the pool draws only batch 9, every batch-9 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen9", 9906)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 9}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 9, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_ninth_batch_statements_carry_their_own_columns_and_seals(seed: int) -> None:
    """The two-line 对账单 prints on portrait A4 whatever the plan, puts every entry's counterparty on a line of its
    own under its date and time, prints the balances with a currency mark and carries a round seal; the 明细清单 opens
    its columns with 摘要, boxes 户名 and 卡号, numbers its pages 第 i 页 共 n 页 and carries an oval seal."""
    p = _with_family(batch9_statement.TWO_LINE, seed)
    statement = p.statement
    assert statement is not None
    data = Printer(p).pdf("bank_statement")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all(page.width < page.height for page in pdf.pages)
        first = pdf.pages[0]
        row = next(t for t in statement.rows_on(1) if t.counterparty)
        stamp = [w for w in first.extract_words() if w["text"].startswith(row.day.strftime("%Y"))]
        assert stamp, "the entry's date heads its first line"
    pages = _text(data)
    assert all(k in pages[0] for k in ("客户名称", "对账期间", "上期结余", "对方户名", "对方账号", "交易渠道"))
    whole = "".join(pages).replace(",", "")
    assert all(f"¥{t.balance:.2f}" in whole or f"CNY{t.balance:.2f}" in whole for t in statement.transactions)
    assert "本期收入" in pages[-1] and "期末余额" in pages[-1]
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    b = _with_family(batch9_statement.SUMMARY_FIRST, seed)
    listing = b.statement
    assert listing is not None
    pages = _text(Printer(b).pdf("bank_statement"))
    head = pages[0]
    columns = head[head.index("期初余额") + 4:]
    assert columns.index("摘要") < columns.index("交易日期") < columns.index("余额") < columns.index("对方户名")
    assert "户名：" in head and any(k in head for k in ("卡号：", "卡号/账号：", "账号："))
    for k, page in enumerate(pages, 1):
        assert f"第{k}页共{len(pages)}页" in page
    assert "支出合计" in pages[-1] and "存入合计" in pages[-1]
    assert seals(b, "bank_statement") == ([(listing.pages_declared, listing.branch, "oval")] if listing.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_ninth_batch_layouts_and_seals(seed: int) -> None:
    """The shared-service certificate lays the months across with 月度应发/月度实发; the institution's letter gives the
    大写 before the ¥ figures and dates in 二〇 numerals; the bureau's resale contract has its cover, 甲方（出卖人）,
    坐落于 and 不动产权证号, and a 当事人 signing table on its last page; the red receipt form carries the 完税证明 columns
    and the 验证码; the booklet copy prints 副本 with the code; seals as the truth says."""
    hr = _with_family("letter_hr_shared_service", seed)
    (page,) = _text(Printer(hr).pdf("income_proof"))
    assert all(k in page for k in ("受理编号", "月度应发", "月度实发", "单位（盖章）", hr.proof.amount_in_words))
    assert "劳动合同签订单位" in page or "任职单位" in page
    inst = _with_family("letter_institution_numerals", seed)
    (page,) = _text(Printer(inst).pdf("income_proof"))
    proof = inst.proof
    assert f"月均收入为人民币{proof.amount_in_words}（¥" in page and "来本单位工作时间为" in page
    assert "所在单位（盖章）" in page and date_text(proof.issue_date, "numerals") in page
    for letter in (hr, inst):
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    c = _with_family("contract_bureau_resale", seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert "存量房买卖合同" in text[0] and "示范文本" in text[0]
    assert "甲方（出卖人）" in text[1] and "该房屋坐落于" in text[1] and "不动产权证号" in text[1]
    assert f"大写{contract.price_words}" in "".join(text[1:3])
    assert "当事人" in text[-1] and "签订地点" in text[-1] and contract.seller.name in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_receipt_red_form", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert all(k in page for k in ("原凭证号", "品目名称", "税款所属时期", "入（退）库日期", "实缴（退）金额", "金额合计"))
    assert t.tax.verification_code in page and "收入额合计" in page
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family("license_booklet_copy", seed)
    assert lic.license is not None
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "副本" in page and "统一社会信用代码" + lic.license.uscc_printed in page and "登记机关" in page


@pytest.mark.slow
def test_cli_unseen8_corpus_renders_every_eighth_batch_family(tmp_path: Path) -> None:
    """A tiny unseen8 corpus: the pool draws only batch 8, every batch-8 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen8", 9804)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 8}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 8, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_eighth_batch_statements_carry_their_own_columns_and_seals(seed: int) -> None:
    """The continuous-paper print marks every row 借 or 贷 beside an unsigned amount and carries a round seal; the
    boxed history has its query box, 起息日 and 用途 columns, page subtotals on every page and an oval seal."""
    p = _with_family(batch8_statement.CONTINUOUS, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    assert all(k in pages[0] for k in ("交易码", "借贷", "发生额", "柜员", "网点", "上期余额"))
    for k, page in enumerate(pages, 1):
        assert f"第{k}页共{len(pages)}页" in page
    assert "-" + f"{abs(statement.transactions[0].amount):.2f}" not in "".join(pages).replace(",", "")
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    b = _with_family(batch8_statement.BOXED, seed)
    boxed = b.statement
    assert boxed is not None
    pages = _text(Printer(b).pdf("bank_statement"))
    assert all(k in pages[0] for k in ("查询账号", "查询人", "交易日", "起息日", "借方金额", "贷方金额", "用途"))
    for k, page in enumerate(pages, 1):
        assert "本页借方合计" in page and "本页贷方合计" in page and f"第{k}页/共{len(pages)}页" in page
    assert seals(b, "bank_statement") == ([(boxed.pages_declared, boxed.branch, "oval")] if boxed.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_eighth_batch_layouts_and_seals(seed: int) -> None:
    """The hand-filled bank form keeps its printed labels; the key/value letter signs on the right with the date
    spaced out; the party-table contract prints its 房屋坐落 table and 【大写】; the web tax record carries its 验证码
    and URL; the old licence prints a 15-digit 注册号 beside the code; seals as the truth says."""
    hand = _with_family("letter_bank_handfilled", seed)
    (page,) = _text(Printer(hand).pdf("income_proof"))
    assert "工作单位全称：" in page or "单位全称：" in page
    assert "单位公章" in page and hand.proof.amount_in_words in page
    kv = _with_family("letter_kv_seal_right", seed)
    (page,) = _text(Printer(kv).pdf("income_proof"))
    issue = kv.proof.issue_date
    assert "单位负责人签字" in page and f"{issue.year}年{issue.month}月{issue.day}日" in page and "特此证明" in page
    for letter in (hand, kv):
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    c = _with_family("contract_party_table", seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert "甲方（出卖人）" in text[0] and "乙方（买受人）" in text[0] and "房屋坐落" in text[1]
    assert f"【{contract.price_words}】" in text[1] and contract.seller.name in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_web_record", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert f"验证码：{t.tax.verification_code}" in page and "etax.chinatax.gov.cn" in page and "扣缴义务人识别号" in page
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family("license_old_regno", seed)
    assert lic.license is not None
    (page,) = _text(Printer(lic).pdf("business_license"))
    regno = page.split("注册号：")[1][:15]
    assert regno.isdigit() and f"统一社会信用代码：{lic.license.uscc_printed}" in page and "登记机关" in page


@pytest.mark.slow
def test_cli_unseen7_corpus_renders_every_seventh_batch_family(tmp_path: Path) -> None:
    """A tiny unseen7 corpus: the pool draws only batch 7, every batch-7 family renders and its documents carry
    their truth fields."""
    docs = _held_out_docs(tmp_path, "unseen7", 9703)
    assert {d["template"] for d in docs} == {f.id for f in FAMILIES if f.batch == 7}
    for d in docs:
        assert d["held_out"] and FAMILY[d["template"]].batch == 7, d["template"]
        assert all(d["fields"].get(k) not in (None, "", []) for k in REQUIRED[d["type"]]), d


@pytest.mark.parametrize("seed", range(3))
def test_seventh_batch_statements_carry_their_own_headings_and_seals(seed: int) -> None:
    """The 电子流水 has its summary block, 交易时间 column and 流水号 on every page, signs debits with a minus and
    carries a round e-seal; the Debit/Credit statement has English sub-headings and an oval seal."""
    p = _with_family(batch7_statement.LIUSHUI, seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    credits = sum(1 for t in statement.transactions if t.amount > 0)
    assert all(k in pages[0] for k in ("期初余额", "期末余额", f"收入：{credits}笔", "交易时间", "对方账号"))
    for k, page in enumerate(pages, 1):
        assert "流水号" in page and f"第{k}页/共{len(pages)}页" in page
    for t in statement.transactions:
        assert t.amount > 0 or f"-{abs(t.amount):.2f}" in "".join(pages).replace(",", ""), t
    assert seals(p, "bank_statement") == ([(statement.pages_declared, statement.branch, "round")]
                                          if statement.sealed else [])
    d = _with_family(batch7_statement.DEBIT_CREDIT, seed)
    ledger = d.statement
    assert ledger is not None
    pages = _text(Printer(d).pdf("bank_statement"))
    assert all(k in pages[0] for k in ("借方发生额", "Debit", "贷方发生额", "Credit", "Counterparty", "Remarks",
                                       "开户网点Branch"))
    assert "借方合计TotalDebit" in pages[-1] and f"{len(pages)}/{len(pages)}" in pages[-1]
    assert seals(d, "bank_statement") == ([(ledger.pages_declared, ledger.branch, "oval")] if ledger.sealed else [])


@pytest.mark.parametrize("seed", range(3))
def test_seventh_batch_layouts_and_seals(seed: int) -> None:
    """The one-sentence letter puts the 大写 before the ¥ amount in brackets; the dotted form labels its facts with
    full-width colons; the 转让方/受让方 contract signs in a two-cell table on its last page; the tax certificate
    carries its 防伪校验码; the colon licence copy prints its 副本 box and 二〇 dates; seals as the truth says."""
    one = _with_family("letter_one_sentence", seed)
    (page,) = _text(Printer(one).pdf("income_proof"))
    proof = one.proof
    assert f"月收入人民币{proof.amount_in_words}（¥" in page and "特此证明" in page and "证明单位（公章）" in page
    dotted = _with_family("letter_dotted_leaders", seed)
    (page,) = _text(Printer(dotted).pdf("income_proof"))
    assert "身份证号码：" in page and "大写金额：" in page and any(k in page for k in ("工作单位：", "任职单位：", "所在单位："))
    for letter in (one, dotted):
        assert seals(letter, "income_proof") == ([(1, letter.proof.seal_legend or letter.proof.employer, "round")]
                                                 if letter.proof.sealed else [])
    c = _with_family("contract_transfer_parties", seed)
    contract = c.contract
    assert contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert "转让方（甲方）" in text[0] and "受让方（乙方）" in text[0] and "房地产证号" in text[1]
    assert "甲方（转让方）签章" in text[-1] and contract.seller.name in text[-1]
    assert seals(c, "purchase_contract") == ([(contract.pages_declared, contract.seller.name, "round")]
                                             if contract.sealed else [])
    t = _with_family("tax_proof_barcode", seed)
    assert t.tax is not None
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert f"防伪校验码：{t.tax.verification_code}" in page and "兹证明纳税人" in page and "特此证明" in page
    assert seals(t, "tax_certificate") == ([(1, t.tax.authority, "round")] if t.tax.sealed else [])
    lic = _with_family("license_colon_copy", seed)
    assert lic.license is not None
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "营业执照" in page and "副本" in page and "登记机关" in page and "名称：" in page
    assert date_text(lic.license.registered, "numerals") in page


@pytest.mark.parametrize("seed", range(3))
def test_fourth_batch_layouts_and_seals(seed: int) -> None:
    """The e-statement has its summary box and the round e-seal; the self-drafted contract says 卖方/买方 and is
    sealed on its last page; the e-tax list and the terminal print use their own labels."""
    p = _with_family("statement_ebank_summary", seed)
    statement = p.statement
    assert statement is not None
    pages = _text(Printer(p).pdf("bank_statement"))
    credits = sum(1 for t in statement.transactions if t.amount > 0)
    assert all(k in pages[0] for k in ("期初余额", "期末余额", "收入笔数", "支出笔数", "交易对方", f"收入笔数{credits}"))
    expected = [(statement.pages_declared, statement.branch, "round")] if statement.sealed else []
    assert seals(p, "bank_statement") == expected
    c = _with_family("contract_private_resale", seed)
    assert c.contract is not None
    text = _text(Printer(c).pdf("purchase_contract"))
    assert "卖方（签字/盖章）" in text[-1] and "房屋基本情况" in text[1] and "甲方" not in "".join(text[:2])
    marks = contract_families.seal_marks(c.contract, "contract_private_resale")
    assert marks == ([(c.contract.pages_declared, c.contract.seller.name, "round")] if c.contract.sealed else [])
    t = _with_family("tax_etax_list", seed)
    (page,) = _text(Printer(t).pdf("tax_certificate"))
    assert all(k in page for k in ("纳税人识别号", "身份证件类型", "税款所属期", "入库日期", "实缴(退)金额", "征收机关"))
    lic = _with_family("license_terminal_print", seed)
    (page,) = _text(Printer(lic).pdf("business_license"))
    assert "营业执照" in page and "打印流水号" in page

def test_ruled_licence_prints_an_individual_business_as_such() -> None:
    """个体工商户: 经营者/组成形式/经营场所/注册日期, no capital or term in the truth."""
    p = plan(ApplicantSpec("f_ruled_individual", seed=3, profile="self_employed", templates="unseen3"))
    assert p.license is not None and p.license.individual and p.family("business_license") == "license_ruled_copy"
    (page,) = _text(Printer(p).pdf("business_license"))
    for label in ("经营者", "组成形式", "经营场所", "注册日期"):
        assert label in page
    fields = p.license.fields()
    assert "registered_capital" not in fields and fields["legal_representative"] in page
    assert fields["uscc"] in page and "".join(fields["address"].split()) in page


def _with_family(family: str, seed: int = 3) -> ApplicantPlan:
    doc_type = FAMILY[family].doc_type
    p = plan(ApplicantSpec(f"f_{family}", seed=seed, profile=PROFILE_FOR[doc_type], templates="unseen"))
    return replace(p, templates={**p.templates, doc_type: family})


def _text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return ["".join((page.extract_text() or "").split()) for page in pdf.pages]


def _forms(name: str, value: Any) -> set[str]:
    """The ways a truth value may be printed."""
    if isinstance(value, list):
        return set()
    text = str(value)
    if name.endswith("date") or name in ("employment_start", "period_start", "period_end", "business_term_until") \
            and text != "长期":
        day = date.fromisoformat(text)
        return {date_text(day, s) for s in ("iso", "cn", "cn_padded", "slash", "dot", "compact", "numerals")}
    if name in ("monthly_income", "total_price", "opening_balance", "closing_balance", "total_income", "total_tax",
                "floor_area"):
        amount = Decimal(text)
        return {f"{amount:.2f}", f"{amount:,.2f}"}
    if name == "registered_capital":
        return {f"{int(Decimal(text) / 10_000)}万元", to_words(Decimal(text))}
    return {text}


@pytest.mark.parametrize("family", TYPESET)
def test_new_family_prints_its_truth(family: str) -> None:
    """The file's own text layer holds every truth value (catches truth/render drift without OCR)."""
    doc_type = FAMILY[family].doc_type
    p = _with_family(family)
    item = next(i for i, t in ITEM_TYPE.items() if t == doc_type)
    data = Printer(p).pdf(item)
    assert Printer(p).pdf(item) == data, "same plan, same bytes"
    pages = _text(data)
    whole = "".join(pages)
    facts = getattr(p, ATTR[doc_type])
    fields = facts.fields()
    for name, value in fields.items():
        if name in ("pages_declared", "pages_present", "transactions"):
            continue
        forms = {"".join(f.split()) for f in _forms(name, value)}
        if family == batch14_letters.DIGITS and name == "monthly_income":  # one digit to a cell under 元/角/分
            forms = {f"¥{int(Decimal(str(value)) * 100)}"}
        if family == batch17_statement.EXCEL:  # the sheet's General format and Excel's unpadded dates
            forms |= _excel_forms(name, value)
        for entry in value if isinstance(value, list) else []:
            assert entry in whole, (family, name, entry)
        if forms:
            assert any(f in whole for f in forms), (family, name, value)
    if doc_type == "bank_statement":
        assert len(pages) == facts.pages_declared
        for row in fields["transactions"]:  # type: ignore[union-attr]
            balance = abs(Decimal(row["balance"]))
            assert f"{balance:,.2f}".replace(",", "") in whole.replace(",", "") \
                or batch17_statement.general(balance) in whole, row
    if doc_type == "purchase_contract":
        assert len(pages) == facts.pages_declared


def _excel_forms(name: str, value: Any) -> set[str]:
    """How a spreadsheet print shows a truth value: General-format numbers, dates as 2026/3/5."""
    text = str(value)
    if name in ("opening_balance", "closing_balance"):
        return {batch17_statement.general(Decimal(text))}
    if name.endswith("date") or name in ("period_start", "period_end"):
        day = date.fromisoformat(text)
        return {f"{day.year}/{day.month}/{day.day}"}
    return set()


def test_contract_seals_are_where_the_truth_says() -> None:
    """Land-parcel prints seal the signature page before the appendices; riding seals show on every page."""
    for seed in range(4):
        land = _with_family("contract_land_parcel", seed)
        truth_seals = [s for d in _documents(applicant_truth(land)) if d["type"] == "purchase_contract"
                       for s in d.get("seals", [])]
        pages = _text(Printer(land).pdf("purchase_contract"))
        sealed = contract_families.signature_page(land.contract, "contract_land_parcel")  # type: ignore[arg-type]
        assert sealed < len(pages) and "出卖人（盖章）" in pages[sealed - 1]
        assert [s["page"] for s in truth_seals] == [sealed] or land.contract.missing_page  # type: ignore[union-attr]
        riding = _with_family("contract_riding_seal", seed)
        marks = contract_families.seal_marks(riding.contract, "contract_riding_seal")  # type: ignore[arg-type]
        assert {m[0] for m in marks if m[2] == "riding"} == set(range(1, riding.contract.pages_declared + 1))  # type: ignore[union-attr]
        netsign = _with_family("contract_city_netsign", seed)
        last = _text(Printer(netsign).pdf("purchase_contract"))[-1]
        assert "出卖人（签章）" in last and netsign.contract.seller.name in last  # type: ignore[union-attr]
        truth_marks = [s for d in _documents(applicant_truth(netsign)) if d["type"] == "purchase_contract"
                       for s in d.get("seals", [])]
        assert all(s["shape"] == "round" for s in truth_marks)


def test_mobile_export_carries_a_round_e_seal_on_its_last_page() -> None:
    """The truth reads the seal's shape from the family, whatever the plan's print style says."""
    for seed in range(4):
        p = _with_family("statement_mobile_export", seed)
        statement = p.statement
        assert statement is not None
        pages = _text(Printer(p).pdf("bank_statement"))
        assert f"第{len(pages)}页/共{len(pages)}页" in pages[-1]
        expected = [(statement.pages_declared, statement.branch, "round")] if statement.sealed else []
        assert seals(p, "bank_statement") == expected


# --- eval: seen / unseen --------------------------------------------------------------------------------------

def _doc(doc_type: str, held_out: bool, fields: dict[str, Any], seals: list[int] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {"type": doc_type, "template": "x", "held_out": held_out, "pages": [1], "fields": fields,
            "seals": [{"page": p, "legend": "某某公司", "shape": "round"} for p in seals]}


def test_applicant_groups() -> None:
    card = {"form": "photo", "documents": [_doc("id_card", False, {})]}
    unseen = {"a": card, "b": {"form": "scan", "documents": [_doc("income_proof", True, {})]}}
    mixed = {**unseen, "c": {"form": "scan", "documents": [_doc("bank_statement", False, {})]}}
    assert applicant_group(unseen) == "unseen"
    assert applicant_group(mixed) == "mixed"
    assert applicant_group({"a": card, "c": mixed["c"]}) == "seen"
    assert applicant_group({"a": {"form": "scan", "documents": [{"type": "income_proof", "pages": [1]}]}}) is None


def test_eval_reports_unseen_templates_apart() -> None:
    report = Report()
    held = {"form": "scan", "documents": [_doc("income_proof", True, {"name": "张三", "employer": "甲公司"}, [1])]}
    seen = {"form": "born_digital", "documents": [_doc("tax_certificate", False, {"name": "张三"})]}
    score_file(report, spec=held, docs=[GotDocument("income_proof", None, (1,), {"name": "张三", "employer": "乙"})],
               where="u/a.jpg")
    score_file(report, spec=seen, docs=[GotDocument("tax_certificate", None, (1,), {"name": "张三"}, 1, ((1, None),))],
               where="s/b.pdf")
    group = applicant_group({"a.jpg": held})
    score_checks(report, expected={"stamp.income_proof": "pass", "anomaly.income": "pass"},
                 got={"stamp.income_proof": "fail", "anomaly.income": "pass"}, where="u", group=group)
    score_status(report, expected="ready", got="needs_supplement", where="u", group=group)
    score_defects(report, defects=[], effects={}, expected={"stamp.income_proof": "pass", "anomaly.income": "pass"},
                  got={"stamp.income_proof": "fail", "anomaly.income": "pass"}, where="u", group=group)
    unseen, seen_figures = report.templates["unseen"], report.templates["seen"]
    assert (unseen.all_fields.correct, unseen.all_fields.total) == (1, 2)
    assert (unseen.seal_recall.correct, unseen.seal_recall.total) == (0, 1)
    assert (seen_figures.all_fields.correct, seen_figures.all_fields.total) == (1, 1)
    assert (seen_figures.seal_free.correct, seen_figures.seal_free.total) == (0, 1), "a false seal on the seen page"
    assert (unseen.checks.correct, unseen.checks.total) == (1, 2)
    assert (unseen.clean_items.total - unseen.clean_items.correct, unseen.status.correct, unseen.applicants) == (1, 0, 1)
    text = format_report(report, title="t")
    assert "over 1 unseen applicant(s)" in text and "over 0 seen applicant(s)" in text
    assert text.splitlines()[-1].endswith("unseen: fields 0.500 seals 0.000 status 0.000 false-alarms 0.500")
    figures = report_json(report)["templates"]
    assert figures["unseen"]["fields_rate"] == 0.5 and figures["unseen"]["clean_false_alarms"] == 1
    assert figures["seen"]["false_seal_rate"] == 1.0


def test_riding_seal_slices_are_neither_found_nor_false() -> None:
    report = Report()
    doc = {**_doc("purchase_contract", True, {}), "pages": [1, 2],
           "seals": [{"page": 1, "legend": "甲公司", "shape": "riding"}, {"page": 2, "legend": "甲公司", "shape": "riding"},
                     {"page": 2, "legend": "甲公司", "shape": "round"}]}
    got = GotDocument("purchase_contract", None, (1, 2), {}, 1, ((1, "甲公司"),))
    score_file(report, spec={"form": "scan", "documents": [doc]}, docs=[got], where="x")
    figures = report.templates["unseen"]
    assert (figures.seal_recall.correct, figures.seal_recall.total) == (0, 1), "page 2's round seal was missed"
    assert figures.seal_free.total == 0, "page 1 shows only a slice: no seal-free page, no false seal"


def test_eval_without_families_prints_no_split() -> None:
    report = Report()
    spec = {"form": "scan", "documents": [{"type": "income_proof", "pages": [1], "fields": {"name": "张三"}}]}
    score_file(report, spec=spec, docs=[], where="x")
    score_status(report, expected="ready", got="ready", where="x", group=applicant_group({"x": spec}))
    assert not report.templates and "unseen" not in format_report(report, title="t")


_PAGE_NUMBER = re.compile(r"第\s*\d+\s*页|Page\s+\d+\s+of\s+\d+|(?:^|\s|-)\d{1,3}\s?/\s?\d{1,3}(?:\s|-|$)|—\s*\d{1,3}\s*—"
                          r"|(?:^|\s)-\s\d{1,3}\s-(?:\s|$)", re.M)


@pytest.mark.parametrize("family", [f.id for f in FAMILIES if f.doc_type != "id_card"])
def test_the_truth_expects_page_numbers_where_the_family_prints_them(family: str) -> None:
    """completeness.pages.<type> is due to pass exactly when the document prints page numbers (第X页, Page i of n,
    i/n, — i — or - i - at the foot): a web-printed tax record's 1/1 counts, a letter without numbers does not."""
    p = _with_family(family, 0)
    doc_type = FAMILY[family].doc_type
    try:
        pdf = Printer(p).pdf(doc_type)
    except ValueError:
        pytest.skip("drawn only as a picture: no text layer to look for page numbers in")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        prints = any(_PAGE_NUMBER.search(page.extract_text() or "") for page in doc.pages)
    assert prints == (doc_type in p.bundle.numbered)
    expected = applicant_truth(p)["expected"]["checks"][f"completeness.pages.{doc_type}"]
    assert expected == ("pass" if prints else "not_applicable")
