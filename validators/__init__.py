"""The checks, one module per family, each registered under its check id (see `validators.registry`).

A check is a plain function ``(Bundle, Policy) -> Verdict``; the runner turns verdicts into
CheckResults. A check that raises is a bug: it is logged and recorded as ``review``.
"""

from __future__ import annotations

from docproc.validators import (  # noqa: F401  (registers the checks)
    aml,
    anomaly,
    completeness,
    credit,
    forgery,
    freshness,
    money,
    stamp,
    tax_verified,
)
from docproc.validators.registry import (
    CATEGORY_ORDER,
    CHECKS,
    Check,
    CheckFn,
    Verdict,
    check,
    register_check,
    run_check,
    run_checks,
)

__all__ = [
    "CATEGORY_ORDER",
    "CHECKS",
    "Check",
    "CheckFn",
    "Verdict",
    "check",
    "register_check",
    "run_check",
    "run_checks",
]
