"""Digital signatures and document timestamps of a PDF: intact, what they cover, what changed after.

Trust in the signer's certificate is not asked (no network while reading; a self-signed
certificate still tells whether the signed bytes were changed). pyHanko's difference analysis
says whether the revisions after a signature only add what signers and validators may add
(validation data, timestamps, more signatures, permitted form filling) or override objects of
the signed revision.
"""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Any

from pydantic import BaseModel, ConfigDict

log = logging.getLogger(__name__)

_COVERAGE = {"ENTIRE_FILE": "entire_file", "ENTIRE_REVISION": "entire_revision"}


class Signature(BaseModel):
    """One signature or document timestamp embedded in the file."""

    model_config = ConfigDict(frozen=True)

    field: str
    kind: str  # "signature" | "timestamp"
    revision: int  # 1-based revision the signature belongs to
    intact: bool  # the signed bytes still hash to the signed digest
    coverage: str  # "entire_file" | "entire_revision" | "partial": bytes of its own revision left unsigned
    modification: str  # after signing: "none" | "lta_updates" | "form_filling" | "annotations" | "other"
    permitted: bool  # what changed after signing is within what the signature's DocMDP permissions allow
    detail: str = ""


def examine(data: bytes, ends: list[int]) -> list[Signature]:
    """Every embedded signature of ``data``; ``ends`` are where its revisions end (for numbering them)."""
    if b"/ByteRange" not in data:
        return []
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # an unreadable signature dictionary is itself worth a look
        log.info("signatures could not be listed: %s", exc)
        return [Signature(field="?", kind="signature", revision=0, intact=False, coverage="partial",
                          modification="other", permitted=False, detail=f"signature data unreadable ({type(exc).__name__})")]
    return [_examine_one(sig, _revision(sig, ends)) for sig in embedded]


def _examine_one(sig: Any, revision: int) -> Signature:
    kind = "timestamp" if sig.sig_object_type == "/DocTimeStamp" else "signature"
    try:
        sig.compute_integrity_info()
        intact = _intact(sig, kind)
    except Exception as exc:  # a damaged signature cannot vouch for anything
        return Signature(field=str(sig.field_name), kind=kind, revision=revision, intact=False,
                         coverage="partial", modification="other", permitted=False,
                         detail=f"{type(exc).__name__}: {exc}")
    diff = sig.diff_result
    level = getattr(diff, "modification_level", None)
    return Signature(
        field=str(sig.field_name),
        kind=kind,
        revision=revision,
        intact=intact,
        coverage=_COVERAGE.get(sig.coverage.name, "partial"),
        modification=level.name.lower() if level is not None else "other",
        permitted=sig.summarise_integrity_info().get("docmdp_ok") is not False and level is not None,
        detail="" if level is not None else str(diff or "")[:300],
    )


def _revision(sig: Any, ends: list[int]) -> int:
    """The revision (1-based, a linearised original counting once) whose bytes the signature closes."""
    _, _, start, length = (list(sig.byte_range) + [0, 0, 0, 0])[:4]
    signed_end = int(start) + int(length)
    return next((i for i, end in enumerate(ends, start=1) if end >= signed_end - 2), len(ends))


def _intact(sig: Any, kind: str) -> bool:
    """The ByteRange digest matches the signed one and the signature over it verifies."""
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    digest = sig.compute_digest()
    content_type = "data"
    if kind == "timestamp":  # the token signs a TSTInfo whose imprint is the ByteRange digest
        encap = sig.signed_data["encap_content_info"]
        if encap["content"].parsed["message_imprint"]["hashed_message"].native != digest:
            return False
        digest = hashlib.new(sig.md_algorithm, bytes(encap["content"])).digest()
        content_type = "tst_info"
    intact, valid = validate_sig_integrity(sig.signer_info, sig.signer_cert, content_type, digest)
    return bool(intact and valid)
