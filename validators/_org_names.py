"""Organisation names now live in :mod:`docproc.cn.orgs`; this name stays for the importers that have not moved."""

from docproc.cn.orgs import (  # noqa: F401
    LEGAL_FORMS,
    NATIONAL_BANKS,
    SEAL_KINDS,
    distinctive,
    distinctive_similarity,
    looks_like_an_organisation,
    names_a_bank,
    strip_seal_kind,
)
