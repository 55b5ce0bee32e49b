"""Every check says why in Chinese as well as English: its reasons, one for one, on crafted bundles that
make each registered check fail, miss, ask for review or not apply."""

from __future__ import annotations

import re

import pytest

from docproc.cn.terms import field_name
from docproc.core.models import AMOUNT_FIELDS, DATE_FIELDS, Bundle, Status
from docproc.core.policy import Policy, load_policy
from docproc.service.checklist import summarize
from docproc.validators import CHECKS, Check, Verdict, run_check, run_checks
from docproc.validators._common import say
from tests.crafted import PRODUCER, scenarios
from tests.wording import CJK, english_runs

SCENARIOS = scenarios()


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_every_reason_has_a_chinese_twin(policy: Policy, scenario) -> None:  # type: ignore[no-untyped-def]
    bundle = scenario.bundle()
    results = run_checks(bundle, policy)
    for result in results:
        assert result.reasons and len(result.reasons_zh) == len(result.reasons), (result.id, result.reasons)
        for zh, en in zip(result.reasons_zh, result.reasons, strict=True):
            assert CJK.search(zh), (result.id, zh)
            assert not english_runs(zh, allowed=[PRODUCER]), (result.id, zh, en)
    checklist = summarize(bundle, results, overrides=[], policy=policy)
    assert [i.reasons_zh for i in checklist.items] == [r.reasons_zh for r in results]
    for line in checklist.supplement_request:  # the customer's line names no field or party in English
        assert not re.search(r"[A-Za-z]{3,}", line.zh), line


def test_every_registered_check_is_exercised_beyond_pass(policy: Policy) -> None:
    outcomes: dict[str, set[Status]] = {}
    for scenario in SCENARIOS:
        for result in run_checks(scenario.bundle(), policy):
            outcomes.setdefault(result.id, set()).add(result.status)
    assert {c for c, _ in CHECKS if not outcomes.get(c, set()) - {Status.PASS}} == set()
    failing = {c for c, seen in outcomes.items() if seen & {Status.FAIL, Status.MISSING, Status.REVIEW}}
    assert len(failing) >= 36, sorted({c for c, _ in CHECKS} - failing)


def test_a_check_that_raises_says_so_in_both_languages(policy: Policy) -> None:
    item = CHECKS.get("anomaly.identity")

    def boom(bundle: Bundle, policy: Policy) -> Verdict:
        raise RuntimeError("bug")

    result = run_check(Check(item.id, item.category, item.title, boom), SCENARIOS[0].bundle(), policy)
    assert result.status == Status.REVIEW and "could not run" in result.reasons[0]
    assert CJK.search(result.reasons_zh[0])


def test_an_english_only_reason_stays_english_in_both_lists(policy: Policy) -> None:
    """A check not yet written with say() still gives parallel lists (its English shown as it is)."""
    item = CHECKS.get("anomaly.identity")
    english = Check(item.id, item.category, item.title, lambda b, p: Verdict(Status.REVIEW, ["plain", say("中", "en")]))
    result = run_check(english, SCENARIOS[0].bundle(), policy)
    assert (result.reasons, result.reasons_zh) == (["plain", "en"], ["plain", "中"])


def test_the_english_run_rule() -> None:
    assert english_runs("身份证（file_1f8a2b，第1页）：校验位错误（GB 11643）") == []
    assert english_runs("the check digit is wrong") == ["the check digit is wrong"]
    assert english_runs(f"由{PRODUCER}生成", allowed=[PRODUCER]) == []


def test_every_canonical_field_has_words_in_both_languages() -> None:
    crafted = {name for s in SCENARIOS for d in s.documents for name in d.fields}
    for name in crafted | DATE_FIELDS | AMOUNT_FIELDS:
        zh, en = field_name(name, "zh"), field_name(name, "en")
        assert CJK.search(zh) and "_" not in en, (name, zh, en)
