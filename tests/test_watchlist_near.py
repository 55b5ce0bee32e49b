"""Watch-list near matches: a long name one character from a listed one (a misread character) is a review."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from docproc.core.models import Document, Status
from docproc.core.policy import Policy, load_policy
from docproc.core.screening import name_key, near_variants, one_apart
from docproc.service.context import Context
from docproc.service.screening import screen
from docproc.store import migrate, watchlist
from docproc.store.database import Database, open_engine
from docproc.store.sealing import Keyring, generate_key
from docproc.store.tables import watchlist_near
from tests.test_aml import bundle, salary_months, statement, verdict

HEADER = "id,schema,name,aliases,dataset\n"
LISTED_ORG = "霁川汇通商贸有限公司"
MISREAD_ORG = "雾川汇通商贸有限公司"  # 霁 read as 雾


@pytest.fixture
def policy() -> Policy:
    return load_policy()


def write_list(tmp_path: Path, rows: list[str], name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def with_rows(*payers: str) -> Document:
    rows = salary_months() + [(f"2026-09-{2 + 7 * i:02d}", "转账存入", "3000.00", who) for i, who in enumerate(payers)]
    return statement(sorted(rows))


def test_one_character_apart_is_one_substitution_insertion_or_deletion() -> None:
    assert one_apart(LISTED_ORG, MISREAD_ORG)
    assert one_apart(LISTED_ORG, "霁川汇通商贸有限公") and one_apart("霁川汇通商贸有限公", LISTED_ORG)
    assert one_apart(LISTED_ORG, "霁川汇通通商贸有限公司")
    assert not one_apart(LISTED_ORG, LISTED_ORG) and not one_apart(LISTED_ORG, "雾川汇通商贸有限公")
    assert not one_apart("霁川汇通商贸有限公司", "川霁汇通商贸有限公司"), "two characters swapped are two apart"
    assert near_variants("柏岚澈") == set() and near_variants("quillon") == set(), "short keys stay exact"
    assert len(near_variants(LISTED_ORG)) == len(LISTED_ORG) + 1


def test_a_long_organisation_name_misread_by_one_character_is_a_review_naming_both(
        ctx: Context, policy: Policy, tmp_path: Path) -> None:
    watchlist.import_file(ctx.db, write_list(tmp_path, [
        f"w-1,Company,{LISTED_ORG},Jichuan Huitong Trading Co Ltd,Test list",
        "w-2,Company,北辰远帆国际物流有限公司,,Test list"]))
    doc = with_rows(MISREAD_ORG, MISREAD_ORG, "北辰远帆国际物流有限责任公司")
    b = bundle(doc, name="陈静")
    first = next(i for i, r in enumerate(doc.fields["transactions"].value) if r["counterparty"] == MISREAD_ORG)
    found = screen(ctx.db, b, policy)
    assert [(h.entry_id, h.name, h.near, h.row) for h in found.hits] == [("w-1", MISREAD_ORG, True, first)], \
        "one hit at the payer's first row; two characters more is no near match"
    status, reasons, boxes = verdict(b.model_copy(update={"screening": found}), policy)
    assert status == Status.REVIEW
    near = [r for r in reasons if MISREAD_ORG in r and LISTED_ORG in r]
    assert len(near) == 1 and "one character apart" in near[0] and "w-1" in near[0], reasons
    assert boxes == 1


def test_near_matches_through_an_alias_and_in_latin_letters(ctx: Context, policy: Policy, tmp_path: Path) -> None:
    watchlist.import_file(ctx.db, write_list(tmp_path, [
        "w-1,Company,Zephyrine Holdings Ltd,澜沧星际贸易有限公司,Test list",
        "w-2,Person,Quillon Varradine,,Test list",
        "w-3,Person,Bo Lanche,,Test list"]))
    b = bundle(with_rows("澜沧星际贸易有限公可", "QUILL0N VARRADINE", "Bo Lanchi"))
    hits = screen(ctx.db, b, policy).hits
    assert sorted((h.entry_id, h.listed) for h in hits) == [("w-1", "澜沧星际贸易有限公司"),
                                                            ("w-2", "quillon varradine")], hits
    status, reasons, _ = verdict(b.model_copy(update={"screening": screen(ctx.db, b, policy)}), policy)
    assert status == Status.REVIEW
    assert any("'Zephyrine Holdings Ltd' (its name or alias '澜沧星际贸易有限公司')" in r for r in reasons), reasons


def test_a_short_person_name_one_character_off_is_no_hit(ctx: Context, policy: Policy, tmp_path: Path) -> None:
    watchlist.import_file(ctx.db, write_list(tmp_path, [
        "w-1,Person,柏岚澈,,Test list", "w-2,Person,欧阳岚澈,,Test list", "w-3,Company,汇通商贸公司,,Test list"]))
    b = bundle(with_rows("欧阳岚撤", "汇通商贸公"), name="柏岚撤")
    found = screen(ctx.db, b, policy)
    assert found.hits == ()
    assert verdict(b.model_copy(update={"screening": found}), policy)[0] == Status.PASS


def test_an_exact_hit_still_fails_and_wins_over_a_near_one(ctx: Context, policy: Policy, tmp_path: Path) -> None:
    watchlist.import_file(ctx.db, write_list(tmp_path, [f"w-1,Company,{LISTED_ORG},,Test list"]))
    b = bundle(with_rows(MISREAD_ORG, LISTED_ORG))
    found = screen(ctx.db, b, policy)
    assert [(h.name, h.near) for h in found.hits] == [(LISTED_ORG, False)], "the entry is reported once, exact"
    status, reasons, _ = verdict(b.model_copy(update={"screening": found}), policy)
    assert status == Status.FAIL and not any("one character apart" in r for r in reasons), reasons


def test_the_near_index_follows_the_list_when_it_is_replaced(ctx: Context, policy: Policy, tmp_path: Path) -> None:
    first = write_list(tmp_path, [f"w-1,Company,{LISTED_ORG},,Test list"], "first.csv")
    second = write_list(tmp_path, ["w-9,Company,北辰远帆国际物流有限公司,,Test list"], "second.csv")
    b = bundle(with_rows(MISREAD_ORG, "北辰远帆国际物流有限公可"))
    watchlist.import_file(ctx.db, first)
    assert [h.entry_id for h in screen(ctx.db, b, policy).hits] == ["w-1"]
    watchlist.import_file(ctx.db, second)
    assert [h.entry_id for h in screen(ctx.db, b, policy).hits] == ["w-9"], "the old list's index is gone"
    with ctx.db.engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(watchlist_near)).scalar_one()
    assert stored == len(near_variants(name_key("北辰远帆国际物流有限公司")))


def test_the_migration_indexes_a_list_imported_before_it(tmp_path: Path, policy: Policy) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from docproc.store.tables import metadata

    url, keyring = f"sqlite:///{tmp_path / 'db.sqlite3'}", Keyring.from_text(generate_key())
    engine = open_engine(url, keyring)
    migrate.upgrade(engine, "0005_watchlist_reminders")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO watchlist_entries VALUES ('w-1', 'Company', :n, 'Test list', 'old.csv', "
                             "CURRENT_TIMESTAMP)"), {"n": LISTED_ORG})
        conn.execute(sa.text("INSERT INTO watchlist_names (key, entry_id) VALUES (:k, 'w-1')"),
                     {"k": name_key(LISTED_ORG)})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diffs if "watchlist" in repr(d)] == []
    db = Database(url, keyring=keyring)
    hits = screen(db, bundle(with_rows(MISREAD_ORG)), policy).hits
    assert [(h.entry_id, h.near) for h in hits] == [("w-1", True)]
