"""Hand-written PDFs for tests: a text layer in a standard font, any number of pages."""

from __future__ import annotations


def text_pdf(pages: list[list[str]], *, producer: str = "docproc tests", incremental_update: bool = False,
             size: tuple[int, int] = (595, 842)) -> bytes:
    """A born-digital PDF: one Helvetica text line per string, top to bottom, on A4 pages (or ``size`` in pt)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    page_ids: list[int] = []
    pages_id = len(objects) + 1 + 2 * len(pages)  # filled below, after content and page objects
    for lines in pages:
        ops = b"BT /F1 11 Tf 56 %d Td 14 TL " % (size[1] - 52) + b" ".join(
            b"(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1") + b") Tj T*"
            for line in lines
        ) + b" ET"
        content = add(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, *size, content, font)))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    assert add(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Producer (" + producer.encode("latin-1") + b") /CreationDate (D:20261101120000Z) >>")
    out, xref = serialise(objects, root=catalog, info=info)
    if incremental_update:
        out += b"%% an appended revision\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


def serialise(objects: list[bytes], *, root: int, info: int | None = None) -> tuple[bytes, int]:
    """A whole PDF file of numbered ``objects`` (1, 2, …) with its xref table, and the xref's offset."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    info_ref = b"" if info is None else b" /Info %d 0 R" % info
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, info_ref, xref)
    return bytes(out), xref


def encrypted_pdf(password: str = "secret") -> bytes:
    """A one-page PDF that opens only with ``password`` (AES-256)."""
    import io

    import pikepdf

    pdf = pikepdf.open(io.BytesIO(text_pdf([["a locked statement"]])))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner=password, user=password, R=6))
    return out.getvalue()
