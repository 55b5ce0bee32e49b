"""Synthetic applicant bundles: every document type of SPEC §2 in its real layout, delivered as born-digital
PDFs, scans, phone photos or one scanned bundle, with planted defects and a truth.json per applicant."""

from .applicant import ApplicantPlan, ApplicantSpec, plan
from .corpus import build_committed_corpus, committed_specs, corpus_specs, generate
from .defects import DEFECTS, EFFECTS
from .delivery import Delivery
from .render import render
from .tiny import build_tiny_set, tiny_specs
from .truth import CHECK_IDS, UNJUDGED_CHECK_IDS, expected_checks, overall_status, supplement_request

__all__ = [
    "CHECK_IDS", "DEFECTS", "UNJUDGED_CHECK_IDS", "EFFECTS", "ApplicantPlan", "ApplicantSpec", "Delivery", "build_committed_corpus",
    "build_tiny_set", "committed_specs", "corpus_specs", "expected_checks", "generate", "overall_status", "plan",
    "render", "supplement_request", "tiny_specs",
]
