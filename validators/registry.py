"""The registry of validators: what each module registers itself with."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docproc.core.models import Bundle, Category, CheckResult, Evidence, Status, Title
from docproc.core.policy import Policy
from docproc.core.registry import Registry
from docproc.validators._common import say

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """What a check decided, with its reasons, evidence and what to ask the customer for."""

    status: Status
    reasons: Sequence[str] = field(default_factory=list)  # say(zh, en); a plain str is English only
    evidence: list[Evidence] = field(default_factory=list)
    supplement: Title | None = None


CheckFn = Callable[[Bundle, Policy], Verdict]


@dataclass(frozen=True)
class Check:
    """A registered check."""

    id: str
    category: Category
    title: Title
    run: CheckFn


CHECKS: Registry[Check] = Registry("check")


def check(check_id: str, category: Category, *, title: tuple[str, str]) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as check ``check_id``."""

    def wrap(fn: CheckFn) -> CheckFn:
        register_check(check_id, category, title=title, fn=fn)
        return fn

    return wrap


def register_check(check_id: str, category: Category, *, title: tuple[str, str], fn: CheckFn) -> None:
    """Register ``fn`` (used directly for checks parametrised by document type)."""
    CHECKS.register(check_id, Check(check_id, category, Title(zh=title[0], en=title[1]), fn))


def run_check(item: Check, bundle: Bundle, policy: Policy) -> CheckResult:
    """Run one check; an exception becomes a ``review`` item instead of sinking the checklist."""
    try:
        verdict = item.run(bundle, policy)
    except Exception:
        log.exception("check %s raised", item.id)
        verdict = Verdict(Status.REVIEW, [say("该项核查未能运行，请人工查看",
                                              "the check could not run; a person must look at this item")])
    return CheckResult(
        id=item.id,
        category=item.category,
        title=item.title,
        status=verdict.status,
        reasons=[str.__str__(r) for r in verdict.reasons],
        reasons_zh=[getattr(r, "zh", r) for r in verdict.reasons],
        evidence=verdict.evidence,
        supplement=verdict.supplement,
    )


CATEGORY_ORDER = [Category.COMPLETENESS, Category.STAMP, Category.FRESHNESS, Category.ANOMALY]


def run_checks(bundle: Bundle, policy: Policy) -> list[CheckResult]:
    """Every registered check, grouped by category, in registration order within each."""
    items = sorted((item for _, item in CHECKS), key=lambda c: CATEGORY_ORDER.index(c.category))
    return [run_check(item, bundle, policy) for item in items]
