"""The revisions of a PDF and what each incremental update changed, gathered once while reading.

A PDF saved again "incrementally" keeps its earlier bytes and appends the objects it replaces or
adds. What an update touches is the evidence: page content streams, a page's resources or the
page tree mean the printed page changed; /Info, XMP, DSS validation data, timestamps and
signature fields are what viewers and signers legitimately add. Linearisation writes a first-page
cross-reference section that is not a revision; the /Linearized dictionary's /L (the file length
it was written with) says where the linearised original ends.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import pikepdf
from pydantic import BaseModel, ConfigDict

from docproc.reading import pdf_overlays, pdf_signatures

_REVISION_END = re.compile(rb"startxref\s+\d+\s+%%EOF")
_FIRST_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\s*<<(.*?)>>", re.DOTALL)
_LINEARIZED_LENGTH = re.compile(rb"/L\s+(\d+)")
# Object and cross-reference streams hold other objects; what they hold is compared, not the packing.
_CONTAINERS = (pikepdf.Name.ObjStm, pikepdf.Name.XRef)
# Page keys whose change alters what the page shows; /Annots, /StructParents, /Tabs... do not.
_PAGE_CONTENT_KEYS = frozenset({"/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate", "/UserUnit"})
# Catalog keys a viewer or signer adds without touching the pages.
_CATALOG_METADATA_KEYS = frozenset({"/AcroForm", "/DSS", "/Metadata", "/Perms", "/Extensions", "/Version",
                                    "/Names", "/OpenAction", "/ViewerPreferences", "/PageMode", "/Lang"})


class Change(StrEnum):
    """What an object replaced or added by an update is part of."""

    PAGE_CONTENT = "page_content"  # a content stream, resources (fonts, images, forms), page geometry or the page tree
    FORM = "form"  # form-field values and their appearance streams
    ANNOTATION = "annotation"
    SIGNATURE = "signature"  # signature dictionaries, signature fields and their widgets, document timestamps
    METADATA = "metadata"  # /Info, XMP, DSS/VRI validation data, catalog entries of those kinds
    OTHER = "other"  # not reachable from the pages, forms or metadata


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ObjectChange(_Model):
    """One object an update replaced or added."""

    object: str  # "12 0"
    change: Change
    added: bool
    page: int | None = None


class Update(_Model):
    """One incremental update: the revision it makes and the objects it touched (unchanged rewrites left out)."""

    revision: int  # 2 for the first update; revision 1 is the file as first saved
    changes: tuple[ObjectChange, ...]

    def pages_changed(self) -> list[int]:
        """Pages whose content this update replaced or added."""
        return sorted({c.page for c in self.changes if c.change == Change.PAGE_CONTENT and c.page})


class Structure(_Model):
    """Structural facts of one PDF file."""

    linearized: bool
    revisions: int
    updates: tuple[Update, ...] = ()
    signatures: tuple[pdf_signatures.Signature, ...] = ()
    overlays: tuple[pdf_overlays.Overlay, ...] = ()
    error: str | None = None


def examine(data: bytes) -> dict[str, Any]:
    """Revisions, updates, signatures and white-box overlays of a PDF, as JSON-ready facts."""
    linear_end = _linearized_length(data)
    ends = revision_ends(data, linear_end)
    try:
        updates = tuple(_updates(data, ends))
    except Exception as exc:  # qpdf refused a revision: say so, the check weighs it
        return Structure(linearized=linear_end is not None, revisions=len(ends),
                         error=f"revisions could not be compared ({type(exc).__name__}: {exc})").model_dump(mode="json")
    return Structure(
        linearized=linear_end is not None,
        revisions=len(ends),
        updates=updates,
        signatures=tuple(pdf_signatures.examine(data, ends)),
        overlays=tuple(pdf_overlays.find(data)),
    ).model_dump(mode="json")


def _linearized_length(data: bytes) -> int | None:
    """The file length a linearised PDF was written with, or None when it is not linearised."""
    first = _FIRST_OBJECT.search(data, 0, 2048)
    if not first or b"/Linearized" not in first.group(1):
        return None
    length = _LINEARIZED_LENGTH.search(first.group(1))
    return int(length.group(1)) if length else None


def revision_ends(data: bytes, linear_end: int | None = None) -> list[int]:
    """Byte offsets where each revision ends; a linearised original counts once."""
    ends = [m.end() for m in _REVISION_END.finditer(data)] or [len(data)]
    if linear_end is not None:
        inside = [e for e in ends if e <= linear_end]
        if inside:  # the first-page trailer and the main one both belong to the original
            ends = [inside[-1]] + [e for e in ends if e > linear_end]
    return ends


def _updates(data: bytes, ends: list[int]) -> Iterator[Update]:
    if len(ends) < 2:
        return
    before = _snapshot(data[: ends[0]])
    for number, end in enumerate(ends[1:], start=2):
        after = _snapshot(data[:end])
        changes = tuple(_changes(before, after))
        before = after
        yield Update(revision=number, changes=changes)


class _Snapshot:
    """One revision opened: a digest of every object, a dict of its keys for pages/catalog, and roles."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.digests: dict[tuple[int, int], str] = {}
        self.keys: dict[tuple[int, int], dict[str, str]] = {}
        for obj in pdf.objects:
            if obj is None or obj.objgen == (0, 0) or obj.get("/Type") in _CONTAINERS:
                continue
            self.digests[obj.objgen] = _digest(obj)
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") in (pikepdf.Name.Page, pikepdf.Name.Catalog):
                self.keys[obj.objgen] = {str(k): _unparse(v) for k, v in obj.items()}
        self.roles = _roles(pdf)


def _snapshot(prefix: bytes) -> _Snapshot:
    with pikepdf.open(io.BytesIO(prefix)) as pdf:
        return _Snapshot(pdf)


def _unparse(obj: Any) -> str:
    try:
        return bytes(obj.unparse()).decode("latin-1") if isinstance(obj, pikepdf.Object) else repr(obj)
    except Exception:  # a damaged value still differs from an intact one
        return repr(obj)


def _digest(obj: pikepdf.Object) -> str:
    sha = hashlib.sha1(usedforsecurity=False)
    if isinstance(obj, pikepdf.Stream):
        sha.update(bytes(obj.stream_dict.unparse()))
        sha.update(obj.read_raw_bytes())
    else:
        sha.update(_unparse(obj).encode("latin-1", "replace"))
    return sha.hexdigest()


def _changes(before: _Snapshot, after: _Snapshot) -> Iterator[ObjectChange]:
    for ref, digest in after.digests.items():
        old = before.digests.get(ref)
        if old == digest:
            continue
        role, page = after.roles.get(ref, (Change.OTHER, None))
        if ref in after.keys and old is not None:
            role = _dict_change(before.keys.get(ref, {}), after.keys[ref], role)
        yield ObjectChange(object=f"{ref[0]} {ref[1]}", change=role, added=old is None, page=page)


def _dict_change(old: dict[str, str], new: dict[str, str], role: Change) -> Change:
    """A page or catalog rewritten: which of its keys changed decides what kind of change it is."""
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    if role == Change.PAGE_CONTENT and changed & _PAGE_CONTENT_KEYS:
        return Change.PAGE_CONTENT
    if role == Change.PAGE_CONTENT:
        return Change.ANNOTATION if changed <= {"/Annots"} else Change.OTHER
    if "/Pages" in changed:
        return Change.PAGE_CONTENT
    return Change.METADATA if changed <= _CATALOG_METADATA_KEYS else Change.OTHER


def _roles(pdf: pikepdf.Pdf) -> dict[tuple[int, int], tuple[Change, int | None]]:
    """What each reachable object is part of; page content is marked first and wins when shared."""
    roles: dict[tuple[int, int], tuple[Change, int | None]] = {}
    for number, page in enumerate(pdf.pages, start=1):
        _mark(page.obj, Change.PAGE_CONTENT, number, roles, follow=("/Contents", "/Resources"))
    _mark_page_tree(pdf.Root.get("/Pages"), roles)
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots") or []:
            _mark(annot, _annotation_role(annot), number, roles)
    acroform = pdf.Root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary):
        for field in acroform.get("/Fields") or []:
            _mark(field, _annotation_role(field), None, roles)
        _mark(acroform, Change.FORM, None, roles, follow=())
    for key in ("/Metadata", "/DSS"):
        if key in pdf.Root:
            _mark(pdf.Root[key], Change.METADATA, None, roles)
    if "/Info" in pdf.trailer:
        _mark(pdf.trailer.Info, Change.METADATA, None, roles)
    _mark(pdf.Root, Change.METADATA, None, roles, follow=())
    return roles


def _annotation_role(annot: pikepdf.Object) -> Change:
    """A signature field or its widget, another form field, or a plain annotation."""
    node: Any = annot
    hops = 0
    while isinstance(node, pikepdf.Dictionary) and hops < 8:
        kind = node.get("/FT")
        if kind is not None:
            return Change.SIGNATURE if kind == pikepdf.Name.Sig else Change.FORM
        node, hops = node.get("/Parent"), hops + 1
    return Change.FORM if annot.get("/Subtype") == pikepdf.Name.Widget else Change.ANNOTATION


def _mark_page_tree(node: Any, roles: dict[tuple[int, int], tuple[Change, int | None]], depth: int = 0) -> None:
    if not isinstance(node, pikepdf.Dictionary) or depth > 64 or node.get("/Type") != pikepdf.Name.Pages:
        return
    if node.is_indirect:
        roles.setdefault(node.objgen, (Change.PAGE_CONTENT, None))
    for kid in node.get("/Kids") or []:
        _mark_page_tree(kid, roles, depth + 1)


def _mark(root: Any, role: Change, page: int | None, roles: dict[tuple[int, int], tuple[Change, int | None]],
          *, follow: tuple[str, ...] | None = None) -> None:
    """Mark ``root`` and what it reaches (only through ``follow`` keys at the top, when given)."""
    stack: list[tuple[Any, int]] = [(root, 0)]
    seen: set[tuple[int, int]] = set()
    while stack:
        obj, depth = stack.pop()
        if depth > 32:
            continue
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen or (obj.objgen in roles and depth > 0):
                continue  # already marked (page content first): its subtree is too
            seen.add(obj.objgen)
            roles.setdefault(obj.objgen, (role, page))
        stack.extend((child, depth + 1) for child in _children(obj, follow if depth == 0 else None))


def _children(obj: Any, keys: tuple[str, ...] | None) -> list[Any]:
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        names = [str(k) for k in obj if str(k) not in ("/Parent", "/P")] if keys is None else keys
        return [obj[k] for k in names if k in obj]
    if isinstance(obj, pikepdf.Array):
        return list(obj)
    return []
