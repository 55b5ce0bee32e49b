"""`docproc check` / `extract` / `reprocess` in-process on the committed samples, real OCR."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from docproc.cli.main import main
from docproc.cn.normalize import normalize_value
from tests.conftest import TINY
from tests.pdfs import encrypted_pdf


def _truth(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _check(runner, folder: Path):  # type: ignore[no-untyped-def]
    truth = _truth(folder)
    result = runner.invoke(main, ["check", str(folder), "--profile", truth["profile"],
                                  "--application-date", truth["application_date"], "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), truth


def _matches(checklist: dict, truth: dict) -> list[str]:  # type: ignore[type-arg]
    """Fields of the truth that the checklist's documents do not reproduce (after normalisation)."""
    misses = []
    for spec in truth["files"].values():
        for expected in spec["documents"]:
            docs = [d for d in checklist["documents"] if d["type"] == expected["type"] and d["side"] == expected.get("side")]
            for name, value in expected["fields"].items():
                got = [d["fields"][name]["value"] for d in docs if name in d["fields"]]
                if not any(normalize_value(name, g) == normalize_value(name, value) for g in got):
                    misses.append(f"{expected['type']}.{name}: want {value!r}, got {got!r}")
    return misses


def test_check_clean_applicant_reads_every_field_of_the_truth(runner) -> None:  # type: ignore[no-untyped-def]
    checklist, truth = _check(runner, TINY / "a01_salaried_clean")
    assert _matches(checklist, truth) == []
    statuses = {i["id"]: i["status"] for i in checklist["items"]}
    for check_id, expected in truth["expected"]["checks"].items():
        if check_id in statuses:
            assert statuses[check_id] == expected, check_id
    assert checklist["status"] == truth["expected"]["status"]
    assert [s["check_id"] for s in checklist["supplement_request"]] == [
        "completeness.bank_statement", "completeness.purchase_contract"]
    front = next(d for d in checklist["documents"] if d["side"] == "front")
    assert front["fields"]["id_number"]["bbox"] and front["fields"]["id_number"]["unit"] == "px"


def test_check_expired_id_fails_freshness(runner) -> None:  # type: ignore[no-untyped-def]
    checklist, truth = _check(runner, TINY / "a02_expired_id")
    item = next(i for i in checklist["items"] if i["id"] == "freshness.id_card")
    assert item["status"] == "fail"
    assert "expired on 2025-" in item["reasons"][0]
    assert item["evidence"][0]["field"] == "valid_until" and item["evidence"][0]["bbox"]


def test_check_table_output_and_bad_input(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = runner.invoke(main, ["check", str(TINY / "a01_salaried_clean" / "id_back.jpg"), "--application-date", "2026-11-20"])
    assert table.exit_code == 0
    assert "STATUS: NEEDS_SUPPLEMENT" in table.output and "补件清单" in table.output
    (tmp_path / "empty.pdf").write_bytes(b"")
    empty = runner.invoke(main, ["check", str(tmp_path / "empty.pdf")])
    assert empty.exit_code == 2 and "empty (0 bytes)" in empty.stderr  # every file was bad input
    assert empty.stderr.splitlines()[-1].startswith("docproc: error: none of the 1 file(s) could be read")
    (tmp_path / "locked.pdf").write_bytes(encrypted_pdf())  # refused when read, not when stored
    locked = runner.invoke(main, ["check", str(tmp_path / "locked.pdf"), str(tmp_path / "empty.pdf"), "--json"])
    assert locked.exit_code == 2 and "password-protected" in locked.stderr
    assert json.loads(locked.stdout)["errors"]  # the checklist is still printed, with the files' errors
    mixed = runner.invoke(main, ["check", str(tmp_path / "empty.pdf"), str(TINY / "a01_salaried_clean" / "id_back.jpg")])
    assert mixed.exit_code == 0 and "empty (0 bytes)" in mixed.stderr  # ran on the good file
    missing = runner.invoke(main, ["check", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and missing.stderr.startswith("docproc: error:")
    profile = runner.invoke(main, ["check", str(TINY / "a01_salaried_clean"), "--profile", "astronaut"])
    assert profile.exit_code == 2 and "unknown profile" in profile.stderr


def test_extract_json_shape(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["extract", str(TINY / "a01_salaried_clean" / "id_back.jpg"), "--json"])
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.stdout)["documents"]
    assert (doc["type"], doc["side"], doc["pages"]) == ("id_card", "back", [1])
    field = doc["fields"]["valid_until"]
    assert set(field) == {"value", "confidence", "page", "bbox", "unit"} and 0 < field["confidence"] <= 1


@pytest.mark.parametrize("payload", [b"%PDF-1.4 broken", b"\x89PNG\r\n\x1a\nbroken"])
def test_extract_corrupt_file_is_one_line_exit_2(runner, tmp_path: Path, payload: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.bin"
    path.write_bytes(payload)
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "upload it again" in result.stderr or "cannot be decoded" in result.stderr


def test_third_party_expired_id_back_fails_freshness(runner) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import REALDOCS

    path = REALDOCS / "id_cards_cn" / "cn_id_back_ccf_cropped_expired.png"
    if not path.exists():
        pytest.skip("third-party samples not available")
    result = runner.invoke(main, ["check", str(path), "--application-date", "2026-11-20", "--json"])
    assert result.exit_code == 0, result.output
    checklist = json.loads(result.stdout)
    [doc] = checklist["documents"]
    assert doc["fields"]["valid_until"]["value"] == "2022-05-28"
    assert next(i for i in checklist["items"] if i["id"] == "freshness.id_card")["status"] == "fail"


def test_a_trial_check_is_not_an_application_handed_in(runner, settings) -> None:  # type: ignore[no-untyped-def]
    from docproc.service import pipeline
    from docproc.service.context import build_context

    back = TINY / "a01_salaried_clean" / "id_back.jpg"

    def duplicate() -> str:
        result = runner.invoke(main, ["check", str(back), "--application-date", "2026-11-20", "--json"])
        assert result.exit_code == 0, result.output
        return next(i["status"] for i in json.loads(result.stdout)["items"] if i["id"] == "anomaly.duplicate_document")

    assert duplicate() == "pass"
    assert duplicate() == "pass"  # the same bundle checked again is not its own copy
    ctx = build_context(settings)
    app = pipeline.create_application(ctx, profile="salaried", application_date=date(2026, 11, 1))
    [stored] = pipeline.ingest(ctx, app.id, filename="back.jpg", data=back.read_bytes())
    pipeline.process_file(ctx, stored.id)
    assert duplicate() == "fail"  # handed in with an application before: the trial run finds it
