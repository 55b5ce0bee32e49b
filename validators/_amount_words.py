"""大写 amounts now live in :mod:`docproc.cn.amount_words`; this name stays for the importers that have not moved."""

from docproc.cn.amount_words import (  # noqa: F401
    CAPITALS,
    STANDARD_CAPITALS,
    UNITS,
    amounts_agree,
    from_words,
    standard_capitals,
    to_words,
)
