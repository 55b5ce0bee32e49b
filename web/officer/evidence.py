"""Evidence images and originals: every route checks that the officer may see the application first."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from flask import Blueprint, Response, abort, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue

from docproc.core.models import BBox, Document, Page, Unit
from docproc.reading.imaging import encode_jpeg, load_image
from web.auth import login_required
from web.i18n import translate
from web.officer.common import ctx, visible_application, visible_file
from web.officer.drawing import Box, crop_around, to_render, whole_page
from web.wording import field_label, value_text

bp = Blueprint("evidence", __name__)
_PRIVATE = "private, max-age=300"
THUMB_WIDTH = 160
LABEL_PX = 12  # the page's overlay labels: about this wide per character, in render pixels (font 22 px)


def _page(file_id: str, number: int) -> Page:
    page = next((p for p in ctx().db.pages_of(file_id) if p.number == number), None)
    if page is None or not page.render_sha256:
        abort(404, description=f"page {number} of this file has no stored image")
    return page


def _jpeg(data: bytes) -> Response:
    response = send_file(io.BytesIO(data), mimetype="image/jpeg")
    response.headers["Cache-Control"] = _PRIVATE
    return response


@bp.get("/files/<file_id>/original")
@login_required
def original(file_id: str) -> ResponseReturnValue:
    """The file exactly as uploaded."""
    stored, _ = visible_file(file_id)
    data = ctx().blobs.get(stored.sha256)
    return send_file(io.BytesIO(data), mimetype=stored.content_type or "application/octet-stream",
                     as_attachment=True, download_name=stored.filename)


@bp.get("/files/<file_id>/pages/<int:number>.jpg")
@login_required
def page_image(file_id: str, number: int) -> ResponseReturnValue:
    """The stored render of one page."""
    visible_file(file_id)
    return _jpeg(ctx().blobs.get(_page(file_id, number).render_sha256 or ""))


@bp.get("/files/<file_id>/thumb.jpg", defaults={"number": 1})
@bp.get("/files/<file_id>/pages/<int:number>/thumb.jpg")
@login_required
def thumbnail(file_id: str, number: int) -> ResponseReturnValue:
    """A small picture of one page (the files list and the viewer's strip; covered by the page's own view)."""
    visible_file(file_id)
    data = ctx().blobs.get(_page(file_id, number).render_sha256 or "")
    # our own render, decoded at a quarter of its size (a JPEG's DCT does that almost for free): a list of files
    # asks for several of these at once
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_COLOR_4)
    if img is None:
        img = load_image(data)
    return _jpeg(encode_jpeg(whole_page(img, max_width=THUMB_WIDTH), quality=70))


@bp.get("/applications/<application_id>/evidence/<check_id>/<int:index>.jpg")
@login_required
def crop(application_id: str, check_id: str, index: int) -> ResponseReturnValue:
    """A checklist item's evidence: the page cropped around the box, the box drawn (or the whole page)."""
    visible_application(application_id)
    checklist = ctx().db.latest_checklist(application_id)
    item = next((i for i in checklist.items if i.id == check_id), None) if checklist else None
    if checklist is None or item is None or not 0 <= index < len(item.evidence):
        abort(404, description="no such evidence")
    evidence = item.evidence[index]
    doc = next((d for d in checklist.documents if d.id == evidence.document_id), None)
    file_id = evidence.file_id or (doc.file_id if doc else None)
    number = evidence.page or (doc.pages[0] if doc and doc.pages else None)
    if file_id is None or number is None:
        abort(404, description="this evidence names no page")
    stored, _ = visible_file(file_id)
    if stored.application_id != application_id:
        abort(404)
    page = _page(file_id, number)
    img = load_image(ctx().blobs.get(page.render_sha256 or ""))
    picture = crop_around(img, to_render(evidence.bbox, page)) if evidence.bbox else whole_page(img)
    return _jpeg(encode_jpeg(picture, quality=82))


@dataclass(frozen=True)
class Overlay:
    """A box drawn over the full page: a field or a seal."""

    kind: str
    label: str
    value: str
    box: Box
    confidence: float
    label_at: tuple[int, int] = (0, 0)


def _overlays(documents: list[Document], page: Page) -> list[Overlay]:
    """Fields read on this page (fields sharing one box share one outline) and its seals."""
    by_box: dict[Box, list[tuple[str, str, float]]] = {}
    for doc in documents:
        for name, f in doc.fields.items():
            if f.bbox is not None and f.page == page.number:
                by_box.setdefault(to_render(f.bbox, page), []).append((name, _text(f.value), f.confidence))
    out = [Overlay("field", ", ".join(n for n, _, _ in group), "; ".join(f"{field_label(n)}: {v}" for n, v, _ in group),
                   box, min(c for _, _, c in group)) for box, group in by_box.items()]
    for stamp in page.stamps:
        legend = stamp.text or f"{translate('color_' + stamp.color)} {translate('shape_' + stamp.shape)}"
        out.append(Overlay("seal", "seal", f"{field_label('seal')}: {legend}", to_render(stamp.bbox, page),
                           stamp.confidence))
    return _place_labels(out, page.render_width or 10_000)


def _place_labels(overlays: list[Overlay], page_width: int) -> list[Overlay]:
    """Put each label on its own box's line: right of the box, else left of it, else inside it, wherever no
    other label is (a label above a box landed on the line above when boxes were stacked)."""
    placed: list[Box] = []
    out = []
    for o in sorted(overlays, key=lambda o: (o.box[1], o.box[0])):
        x0, y0, x1, y1 = o.box
        width = LABEL_PX * len(o.label) + 8
        baseline = (y0 + y1) // 2 + LABEL_PX * 2 // 3  # the text's middle on the box's middle
        spots = [(x1 + 8, baseline), (x0 - 8 - width, baseline), (x0 + 4, baseline)]
        fitting = [(x, y) for x, y in spots if x >= 0 and x + width <= page_width] or spots[2:]
        for x, y in fitting:
            spot = (x, y - LABEL_PX - 4, x + width, y + 4)
            if not any(_overlap(spot, p) for p in placed):
                break
        placed.append(spot)
        out.append(Overlay(o.kind, o.label, o.value, o.box, o.confidence, label_at=(x, y)))
    return out


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _text(value: Any) -> str:
    return "" if value is None else value_text(value)


def _highlight(page: Page) -> Box | None:
    """The box named in the query (``box=x0,y0,x1,y1&unit=px|pt``), in render pixels."""
    try:
        x0, y0, x1, y1 = (float(v) for v in (request.args.get("box") or "").split(","))
        unit = Unit(request.args.get("unit", "px"))
    except ValueError:
        return None
    return to_render(BBox(x0=x0, y0=y0, x1=x1, y1=y1, unit=unit), page)


@bp.get("/files/<file_id>/pages/<int:number>")
@login_required
def page(file_id: str, number: int) -> ResponseReturnValue:
    """The full page with every extracted field and seal drawn over it, and the values beside it."""
    stored, application = visible_file(file_id)
    shown = _page(file_id, number)
    documents = [d for d in ctx().db.documents_of(application.id) if d.file_id == file_id and number in d.pages]
    count = len(ctx().db.pages_of(file_id))
    thumbs = [(n, url_for(".thumbnail", file_id=file_id, number=n), url_for(".page", file_id=file_id, number=n))
              for n in range(1, count + 1)]
    return render_template("page.html", stored=stored, application=application, page=shown, documents=documents,
                           overlays=_overlays(documents, shown), highlight=_highlight(shown), page_count=count,
                           thumbs=thumbs,
                           image_url=url_for(".page_image", file_id=file_id, number=number))
