"""The story: ingest → read → classify → split → extract → check → checklist.

Each function takes models and returns models; the CLI, the worker and the tests all call these.
"""

from __future__ import annotations

import logging
import mimetypes
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from docproc.cn.normalize import similarity
from docproc.core.clock import new_id, utcnow
from docproc.core.errors import DocprocError, InputError, TooLarge
from docproc.core.log_format import log_ids
from docproc.core.models import (
    Application,
    Bundle,
    Checklist,
    Document,
    DuplicatePage,
    FileState,
    Override,
    Page,
    PageSource,
    RawDocument,
    StoredFile,
)
from docproc.core.timing import stage
from docproc.extractors import EXTRACTOR_VERSION, EXTRACTORS
from docproc.reading import classify, forensics, imaging
from docproc.reading import read as reading
from docproc.service import metrics, quotas, screening, tax_verify
from docproc.service.checklist import summarize
from docproc.service.context import Context
from docproc.store.blobs import expand_zip
from docproc.store.capacity import disk_full_as_storage_full, ensure_room
from docproc.store.edits import counted, original_of
from docproc.store.fingerprints import MIN_CASE_DIGITS, TEXT_FINGERPRINT, page_figures
from docproc.validators import run_checks

log = logging.getLogger(__name__)


def create_application(
    ctx: Context,
    *,
    profile: str,
    application_date: date,
    applicant_name: str | None = None,
    applicant_id_number: str | None = None,
    loan_amount: Decimal | None = None,
    external_ref: str | None = None,
    branch: str = "main",
    created_by: str | None = None,
    contact_mobile: str | None = None,
    contact_email: str | None = None,
) -> Application:
    """Create and store a new application (the profile must exist in the policy)."""
    ctx.policy.profile(profile)
    application = Application(
        id=new_id("app"),
        profile=profile,
        application_date=application_date,
        applicant_name=applicant_name,
        applicant_id_number=applicant_id_number,
        loan_amount=loan_amount,
        external_ref=external_ref,
        branch=branch,
        created_by=created_by,
        created_at=utcnow(),
        contact_mobile=contact_mobile,
        contact_email=contact_email,
    )
    return ctx.db.add_application(application)


def store_upload(ctx: Context, application_id: str, *, filename: str, data: bytes,
                 parent_id: str | None = None) -> StoredFile:
    """Make the bytes durable and record them; only then may an upload be acknowledged."""
    ctx.db.get_application(application_id)
    if len(data) > ctx.settings.max_upload_bytes:
        raise TooLarge(f"{filename} is {len(data)} bytes, over the limit of {ctx.settings.max_upload_bytes}")
    if ctx.blobs.local or not ctx.settings.database_url:  # something is written on this host's disk
        ensure_room(ctx.settings.data_dir, incoming=len(data), floor=ctx.settings.min_free_bytes)
    with disk_full_as_storage_full():
        sha = ctx.blobs.put(data)
    original = original_of(ctx.db.files_of(application_id), sha)
    stored = StoredFile(
        id=new_id("file"),
        application_id=application_id,
        sha256=sha,
        filename=filename,
        size=len(data),
        content_type=mimetypes.guess_type(filename)[0],
        state=FileState.DONE if original else FileState.RECEIVED,  # a re-upload is kept, never read or counted
        created_at=utcnow(),
        parent_id=parent_id,
        duplicate_of=original.id if original else None,
    )
    with disk_full_as_storage_full():
        return ctx.db.add_file(stored)


def ingest(ctx: Context, application_id: str, *, filename: str, data: bytes) -> list[StoredFile]:
    """Store an upload and, for a zip, each member; returns the files that need processing.

    Bad input is recorded as a visible error on its stored file (the original is kept) and the
    InputError is raised after that, so callers can answer 4xx without losing anything.
    """
    quotas.check_upload(ctx, application_id, [data])
    # What a zip's members really expand to is counted as they come out: a member that declares
    # less than it holds cannot take the application past its quota.
    budget = quotas.remaining(ctx, application_id) - len(data)
    stored = store_upload(ctx, application_id, filename=filename, data=data)
    if stored.duplicate_of:  # the same bytes are already in the application (a zip's members too)
        return [stored]
    try:
        kind = reading.sniff(data, filename)
        if kind != "zip":
            return [stored]
        limits = ctx.zip_limits
        members = expand_zip(data, replace(limits, max_total_bytes=min(limits.max_total_bytes, budget)))
    except InputError as exc:
        ctx.db.set_file_state(stored.id, FileState.ERROR, error=exc.message, code=exc.code)
        raise
    ctx.db.set_file_state(stored.id, FileState.DONE)
    children = [
        store_upload(ctx, application_id, filename=m.name, data=m.data, parent_id=stored.id)
        for m in members
    ]
    return children


def read_pages(ctx: Context, stored: StoredFile) -> list[Page]:
    """The file's pages (text layer or OCR)."""
    data = ctx.blobs.get(stored.sha256)
    return reading.read_file(data, file_id=stored.id, filename=stored.filename, ctx=ctx)


def extract(raw: RawDocument, ctx: Context) -> Document:
    """Fields and stamps of one raw document through its registered extractor."""
    stamps = [s for page in raw.pages for s in page.stamps]
    meta: dict[str, object] = {
        "page_sources": [p.source.value for p in raw.pages],
        "printed_page_numbers": [list(n) if n else None for n in raw.printed_page_numbers],
        "pdf": raw.pages[0].meta.get("pdf"),
        "mixed_fonts": [{**m, "page": p.number} for p in raw.pages if p.source == PageSource.TEXT_LAYER
                        for m in forensics.mixed_font_numbers(list(p.words))],
    }
    scanned = [p for p in raw.pages if p.source == PageSource.OCR]
    if scanned:
        meta["image_forensics"] = {
            "ela": scanned[0].meta.get("ela"),  # JPEG files only
            "clones": max((p.meta.get("clones") or 0 for p in scanned), default=0),
            "seal_patches": [{**patch, "page": p.number} for p in scanned for patch in p.meta.get("seal_patches") or []],
            "smooth_regions": [{**r, "page": p.number} for p in scanned for r in p.meta.get("smooth_regions") or []],
            "jpeg_ghosts": [{**r, "page": p.number} for p in scanned for r in p.meta.get("jpeg_ghosts") or []],
        }
    fields = {}
    if raw.doc_type.value in EXTRACTORS:
        extracted = EXTRACTORS.get(raw.doc_type.value)(raw, ctx)
        fields, meta = dict(extracted.fields), {**meta, **extracted.meta}
    return Document(
        id=new_id("doc"),
        file_id=raw.file_id,
        type=raw.doc_type,
        side=raw.side,
        pages=raw.page_numbers,
        fields=fields,
        stamps=stamps,
        confidence=raw.confidence,
        meta=meta,
    )


def documents_from_pages(ctx: Context, pages: list[Page]) -> list[Document]:
    """Classify, split and extract (each card of a page holding several as a part of its own)."""
    parts = [part for page in pages for part in classify.card_parts(page)]
    labels = classify.label_pages(parts)
    return [extract(raw, ctx) for raw in classify.split(parts, labels)]


def reading_version(ctx: Context) -> str:
    """What the pages read from some bytes depend on: reader code, OCR engine and render resolution."""
    return f"{reading.READER_VERSION}:{ctx.ocr.name}:{ctx.settings.render_dpi}"


def cached_read(ctx: Context, sha256: str) -> tuple[list[Page], list[Document] | None] | None:
    """Pages read earlier from these bytes, and their documents when the extractors have not changed since."""
    hit = ctx.db.get_extraction(sha256, reading_version(ctx))
    if hit is None:
        return None
    pages, docs, extractor_version = hit
    return pages, (docs if extractor_version == EXTRACTOR_VERSION else None)


def cached_or_read(ctx: Context, sha256: str, read: Callable[[], list[Page]], *,
                   force: bool = False, observe: bool = True) -> tuple[list[Page], list[Document], bool]:
    """Pages and documents of some bytes: from the cache, re-extracted from cached pages, or ``read()``
    afresh (and cached); the flag tells whether ``read`` ran.

    Reading (OCR) is the expensive half and depends only on the bytes and the reader; extraction is
    re-run from the cached pages when only the extractors changed. ``force`` reads the bytes again.
    ``observe`` False: the reading time is recorded where the pages were read (page jobs), not here.
    """
    hit = None if force else cached_read(ctx, sha256)
    if hit is not None and hit[1] is not None:
        return hit[0], hit[1], False
    started = time.perf_counter()
    pages = read() if hit is None else hit[0]
    if hit is None and observe:
        observe_read(pages, time.perf_counter() - started)
    started = time.perf_counter()
    with stage("extraction"):
        docs = documents_from_pages(ctx, pages)
    metrics.observe("job_seconds", time.perf_counter() - started, {"stage": "extract"})
    ctx.db.put_extraction(sha256, reading_version(ctx), read_pages=pages, docs=docs,
                          extractor_version=EXTRACTOR_VERSION)
    return pages, docs, hit is None


def observe_read(pages: list[Page], seconds: float) -> None:
    metrics.observe("job_seconds", seconds, {"stage": "read"})
    scanned = sum(1 for p in pages if p.source == PageSource.OCR)
    if scanned:
        metrics.observe("ocr_page_seconds", seconds / len(pages), times=scanned)


def read_and_extract(ctx: Context, stored: StoredFile, *, force: bool = False,
                     read: Callable[[], list[Page]] | None = None) -> tuple[list[Page], list[Document]]:
    """The stored file's pages and documents (see :func:`cached_or_read`), as this file's; ``read`` gives
    pages read elsewhere (page jobs) instead of reading the bytes here."""
    reader = read if read is not None else (lambda: read_pages(ctx, stored))
    pages, docs, _read = cached_or_read(ctx, stored.sha256, reader, force=force, observe=read is None)
    return ([p.model_copy(update={"file_id": stored.id}) for p in pages],
            [d.model_copy(update={"file_id": stored.id, "id": new_id("doc")}) for d in docs])


def process_file(ctx: Context, file_id: str, *, force: bool = False,
                 read: Callable[[], list[Page]] | None = None) -> list[Document]:
    """Read one stored file into documents and store them; an InputError marks the file failed.

    The same bytes read before are not read again unless ``force`` (see :func:`read_and_extract`);
    ``read`` hands over pages read elsewhere.
    """
    stored = ctx.db.get_file(file_id)
    if stored.duplicate_of:  # a re-upload of bytes already in the application is not read or counted again
        ctx.db.set_file_state(file_id, FileState.DONE)
        return []
    ctx.db.set_file_state(file_id, FileState.READING)
    try:
        with log_ids(application_id=stored.application_id):
            pages, docs = read_and_extract(ctx, stored, force=force, read=read)
    except InputError as exc:
        ctx.db.set_file_state(file_id, FileState.ERROR, error=exc.message, code=exc.code)
        log.info("file %s rejected: %s", file_id, exc.code)
        return []
    ctx.db.save_read(file_id, stored.application_id, read_pages=pages, docs=docs)
    ctx.db.set_file_state(file_id, FileState.DONE)
    return docs


def fail_file(ctx: Context, file_id: str, error: BaseException) -> None:
    """Record that a file could not be processed after its retries (shown on the application)."""
    code = error.code if isinstance(error, DocprocError) else "processing_failed"
    message = f"the file could not be processed ({type(error).__name__}): reprocess it or upload it again"
    ctx.db.set_file_state(file_id, FileState.ERROR, error=message, code=code)


# A card photo re-saved at another JPEG quality: its image hash moved 4–14 bits of 256 (qualities
# 95/90/78), but photos of two different cards of one design came as close as 14 bits; so a hash
# within CARD_HASH_BITS only makes a candidate, and the same picture is told by its fine detail:
# re-saved copies correlated above 0.999, different cards of a 40-applicant corpus at most 0.68.
CARD_HASH_BITS = 32
SAME_PICTURE = 0.9
SAME_FIGURES = 0.8  # one picture read twice gives nearly the same digits


def duplicate_pages(ctx: Context, application_id: str) -> list[DuplicatePage]:
    """Pages already handed in with an earlier application: the same text-layer text, or the same
    picture: an image hash equal (or for a card photo, near: re-saved) and the fine detail alike. Two
    scans of different mostly-white pages can share a hash; their detail tells them apart.

    Only earlier applications count: the one that handed a page in first is not the copy, and a
    re-check must not turn it into one.
    """
    seen: dict[tuple[str, int], list[tuple[str, str, int]]] = defaultdict(list)
    mine = ctx.db.page_hashes_of(application_id)
    by_hash: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for file_id, page, digest in mine:
        by_hash[digest].append((file_id, page))
    for other_app, other_file, other_page, digest in ctx.db.pages_with_hashes(list(by_hash), excluding=application_id):
        for key in by_hash[digest]:
            # an equal hash stands unless the pictures, compared, differ
            if digest.startswith(TEXT_FINGERPRINT) or _same_picture(ctx, key, (other_file, other_page)) is not False:
                seen[key].append((other_app, other_file, other_page))
    for file_id, page, digest, other_app, other_file, other_page, other in ctx.db.card_pages_sharing_a_band(application_id):
        if forensics.hamming(digest, other) <= CARD_HASH_BITS and \
                _same_picture(ctx, (file_id, page), (other_file, other_page)) is True:
            seen[(file_id, page)].append((other_app, other_file, other_page))
    order = {app.id: (app.created_at, app.id)
             for app in ctx.db.get_applications({a for hits in seen.values() for a, _, _ in hits} | {application_id})}
    found = []
    for (file_id, page), hits in sorted(seen.items()):
        earlier = sorted((h for h in hits if order[h[0]] < order[application_id]), key=lambda h: order[h[0]])
        if earlier:  # the first application to hand it in
            found.append(DuplicatePage(file_id=file_id, page=page, other_application=earlier[0][0],
                                       other_file_id=earlier[0][1], other_page=earlier[0][2]))
    return found


def _same_picture(ctx: Context, *where: tuple[str, int]) -> bool | None:
    """Two page images are one picture: their fine detail alike, and the figures read on them too
    (two contracts of one template share a floor-plan drawing, not its areas). None when a page or
    its render is no longer stored (a re-check after the blobs were archived cannot tell)."""
    found = [next((p for p in ctx.db.pages_of(file_id) if p.number == number), None) for file_id, number in where]
    pages = [p for p in found if p is not None and p.render_sha256 and ctx.blobs.exists(p.render_sha256)]
    if len(pages) < len(found):
        return None
    figures = [page_figures(p) for p in pages]  # compared first: they need no image decoded
    if min(len(f) for f in figures) >= MIN_CASE_DIGITS and similarity(*figures) < SAME_FIGURES:
        return False
    renders = [imaging.load_image(ctx.blobs.get(p.render_sha256)) for p in pages if p.render_sha256]
    return forensics.aligned_picture_similarity(*renders) >= SAME_PICTURE


def bundle_of(ctx: Context, application_id: str) -> Bundle:
    """The application with its documents and files as the checks see them: files an officer excluded and
    re-uploads of bytes already there are left out (they stay stored and listed)."""
    files = counted(ctx.db.files_of(application_id))
    kept = {f.id for f in files}
    bundle = Bundle(
        application=ctx.db.get_application(application_id),
        documents=[d for d in ctx.db.documents_of(application_id) if d.file_id in kept],
        files=files,
        duplicates=[d for d in duplicate_pages(ctx, application_id) if d.file_id in kept],
    )
    facts: dict[str, object] = {"screening": screening.screen(ctx.db, bundle, ctx.policy)}
    if ctx.tax_verifier is not None:
        facts["tax_verification"] = tax_verify.verify_bundle(ctx.tax_verifier, bundle)
    return bundle.model_copy(update=facts)


def check_application(ctx: Context, application_id: str) -> Checklist:
    """Run every check on the application and store the new checklist."""
    started = time.perf_counter()
    with log_ids(application_id=application_id), stage("checks"):
        bundle = bundle_of(ctx, application_id)
        results = run_checks(bundle, ctx.policy)
        checklist = summarize(
            bundle, results, overrides=ctx.db.overrides_of(application_id), policy=ctx.policy
        )
        ctx.db.save_checklist(checklist)
    metrics.observe("job_seconds", time.perf_counter() - started, {"stage": "check"})
    metrics.inc_many("checks_total", ({"verdict": str(r.status)} for r in results))
    return checklist


def record_override(ctx: Context, application_id: str, override: Override) -> Checklist:
    """Keep an officer's verdict beside the machine's and store the updated checklist (webhooks are not
    told here: the service's :func:`docproc.service.dispatch.override_and_notify` does both)."""
    ctx.db.get_application(application_id)
    ctx.db.add_override(application_id, override)
    return check_application(ctx, application_id)


def pending_files(ctx: Context, application_id: str) -> list[StoredFile]:
    """Files of the application still waiting or being read."""
    busy = {FileState.RECEIVED, FileState.QUEUED, FileState.READING}
    return [f for f in ctx.db.files_of(application_id) if f.state in busy]
