"""Synthetic applicant bundles: ID cards and income proofs as phone photos or scans, with truth.json."""

from .applicant import ApplicantPlan, ApplicantSpec, plan, render
from .corpus import build_tiny_set, corpus_specs, generate, tiny_specs
from .delivery import Delivery
from .truth import DEFECTS, expected_checks, overall_status

__all__ = [
    "DEFECTS", "ApplicantPlan", "ApplicantSpec", "Delivery", "build_tiny_set", "corpus_specs",
    "expected_checks", "generate", "overall_status", "plan", "render", "tiny_specs",
]
