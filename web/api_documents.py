"""Documents of an application: upload (files or a zip), list, one with its fields and seals, originals."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from docproc.core.errors import InputError, NotFoundError
from docproc.core.models import Document, StoredFile
from docproc.service import pipeline, quotas, wire
from docproc.service.dispatch import dispatch
from web import access
from web.access import reply, visible_application
from web.api_models import DocumentList, DocumentOut, DocumentSummary, Rejected, UploadForm, UploadResult
from web.errors import problem
from web.idempotency import idempotent
from web.openapi import operation

bp = Blueprint("documents", __name__)
DOCS = "documents"
ORIGINAL_TYPES = ("application/pdf", "image/*", "application/zip", "application/octet-stream")
UPLOAD_HELP = ("Images (JPEG, PNG, TIFF, BMP, WebP, GIF), PDFs, or a zip of them; repeat the field for many files. "
               "Every file is stored before the answer; a file that cannot be read is kept and shown with its error. "
               "An upload whose files, zips expanded, pass the per-upload or per-application byte quota is "
               "refused with 413 and nothing of it is stored.")


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_exc: RequestEntityTooLarge) -> Response:
    """413 problem for an upload over the limit."""
    limit = access.ctx().settings.max_upload_bytes
    return problem(413, "too_large", f"the upload is over the limit of {limit} bytes: split it into smaller files")


@bp.post("/applications/<application_id>/documents")
@operation("Upload one or many files, or a zip (multipart field 'file')", tag=DOCS, body=UploadForm,
           body_media="multipart/form-data", idempotent=True, description=UPLOAD_HELP,
           responses={202: UploadResult, 413: None, 415: None})
@idempotent
def post_documents(application_id: str) -> tuple[Response, int] | Response:
    """Store every uploaded file, then queue it (or read it in the request when there is no queue)."""
    visible_application(application_id)
    if request.mimetype != "multipart/form-data":
        return problem(415, "unsupported_media_type", "send the files as multipart/form-data, field 'file'")
    ctx = access.ctx()
    uploads = request.files.getlist("file") or list(request.files.values())
    if not uploads:
        return problem(422, "no_file", "send the document as multipart/form-data field 'file'")
    # 413 before anything is stored; measured on the spooled files, each read only when its turn comes
    quotas.check_upload(ctx, application_id, [upload.stream for upload in uploads])
    accepted: list[StoredFile] = []
    rejected: list[Rejected] = []
    for upload in uploads:
        name = upload.filename or "upload"
        try:
            accepted += pipeline.ingest(ctx, application_id, filename=name, data=upload.read())
        except InputError as exc:
            rejected.append(Rejected(filename=name, code=exc.code, detail=exc.message))
    dispatch(ctx, current_app.extensions.get("docproc.queue"), application_id, accepted)
    if rejected and not accepted:
        first = rejected[0]
        status = 415 if all(r.code == "unsupported_file_type" for r in rejected) else first_status(first.code)
        return problem(status, first.code, first.detail, rejected=[r.model_dump() for r in rejected])
    return reply(UploadResult(files=[ctx.db.get_file(f.id) for f in accepted], rejected=rejected), 202)


def first_status(code: str) -> int:
    """HTTP status of a refused upload: 413 too large, else 422."""
    return 413 if code == "too_large" else 422


def _summary(doc: Document) -> DocumentSummary:
    return DocumentSummary(id=doc.id, file_id=doc.file_id, type=doc.type, side=doc.side, pages=doc.pages,
                           confidence=doc.confidence, fields=sorted(doc.fields), stamps=len(doc.stamps))


def _document(application_id: str, document_id: str) -> Document:
    visible_application(application_id)
    doc = next((d for d in access.ctx().db.documents_of(application_id) if d.id == document_id), None)
    if doc is None:
        raise NotFoundError(f"no document {document_id!r} in application {application_id!r}")
    return doc


@bp.get("/applications/<application_id>/documents")
@operation("The documents found so far and the files they came from", tag=DOCS, responses={200: DocumentList})
def list_documents(application_id: str) -> tuple[Response, int]:
    """An application's documents (type, side, pages, field names) and its files with their states."""
    visible_application(application_id)
    ctx = access.ctx()
    docs = ctx.db.documents_of(application_id)
    return reply(DocumentList(documents=[_summary(d) for d in docs], files=ctx.db.files_of(application_id)))


@bp.get("/applications/<application_id>/documents/<document_id>")
@operation("One document with its extracted fields (value, confidence, page, box) and seals", tag=DOCS,
           responses={200: DocumentOut})
def get_document(application_id: str, document_id: str) -> tuple[Response, int]:
    """A document with its fields and stamps."""
    return reply(DocumentOut.model_validate(wire.field_json(_document(application_id, document_id))))


def _original(stored: StoredFile) -> Response:
    data = access.ctx().blobs.get(stored.sha256)
    known = stored.content_type or ""
    image = known.startswith("image/") and "svg" not in known  # never serve script-capable types inline
    served = known if known in ORIGINAL_TYPES or image else "application/octet-stream"
    response = Response(data, mimetype=served)
    response.headers["Content-Disposition"] = _disposition(stored.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _disposition(filename: str) -> str:
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


@bp.get("/applications/<application_id>/documents/<document_id>/original")
@operation("Download the original file that holds the document", tag=DOCS,
           responses={200: ORIGINAL_TYPES})
def document_original(application_id: str, document_id: str) -> Response:
    """The stored original bytes of the document's file."""
    doc = _document(application_id, document_id)
    return _original(access.ctx().db.get_file(doc.file_id))


@bp.get("/applications/<application_id>/files/<file_id>/content")
@operation("Download an uploaded file as it was stored (also files that could not be read)", tag=DOCS,
           responses={200: ORIGINAL_TYPES})
def file_content(application_id: str, file_id: str) -> Response:
    """The stored original bytes of one uploaded file."""
    visible_application(application_id)
    stored = next((f for f in access.ctx().db.files_of(application_id) if f.id == file_id), None)
    if stored is None:
        raise NotFoundError(f"no file {file_id!r} in application {application_id!r}")
    return _original(stored)
