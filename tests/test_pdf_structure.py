"""anomaly.pdf_edit on the PDF's structure: genuine office, linearised and signed files pass; edits fail.

Every case is read through docproc.reading (text layer, structure facts) and judged by the real check.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from docproc.core.clock import utcnow
from docproc.core.models import Application, Bundle, DocType, PageSource, RawDocument, Status, Word
from docproc.core.policy import load_policy
from docproc.reading import read as reading
from docproc.service import pipeline
from docproc.service.context import Context
from docproc.validators.forgery import pdf_edited
from tests.conftest import REALDOCS
from tests.pdfs import text_pdf

STATEMENT = ["Statement of account", "Account 6222 0000 1234 5678", "Opening balance 1,200.00",
             "Salary credit 16,600.00", "Closing balance 17,800.00"]


class _BlankEngine:
    """OCR that finds nothing: the fixtures' blank pages are about structure, not text."""

    name = "blank"

    def read(self, image: Any, **_: Any) -> list[Word]:
        return []

    def read_line(self, image: Any, **_: Any) -> tuple[str, float]:
        return "", 0.0

    def orientation(self, image: Any) -> int:
        return 0


@pytest.fixture
def quick(ctx: Context) -> Context:
    settings = ctx.settings.model_copy(update={"render_dpi": 72})
    return Context(settings=settings, db=ctx.db, blobs=ctx.blobs, policy=ctx.policy,
                   ocr=_BlankEngine(), digits_ocr=_BlankEngine())  # type: ignore[arg-type]


def verdict(ctx: Context, data: bytes, doc_type: DocType = DocType.BANK_STATEMENT) -> tuple[Status, list[str]]:
    """Read ``data`` as one document of ``doc_type`` and run anomaly.pdf_edit on it."""
    pages = reading.read_file(data, file_id="f", filename="x.pdf", ctx=ctx)
    doc = pipeline.extract(RawDocument(file_id="f", doc_type=doc_type, pages=tuple(pages)), ctx)
    app = Application(id="a", profile="salaried", application_date=dt.date(2026, 11, 20), created_at=utcnow())
    result = pdf_edited(Bundle(application=app, documents=[doc]), load_policy(None))
    return result.status, result.reasons


# --- building updates by hand: the revision is appended, nothing before it changes --------------------------------

def append_update(data: bytes, objects: dict[int, bytes]) -> bytes:
    """``data`` plus one incremental update (classic xref section, /Prev to the last one) replacing ``objects``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        trailer = pdf.trailer
        root, size = trailer.Root.objgen[0], int(trailer.Size)
        info = f" /Info {trailer.Info.objgen[0]} 0 R" if "/Info" in trailer else ""
    prev = int(data[data.rindex(b"startxref") + 9:].split()[0])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    size = max(size, max(objects) + 1)
    out += (f"trailer\n<< /Size {size} /Root {root} 0 R{info} /Prev {prev} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def content_of_page_one(data: bytes) -> tuple[int, bytes]:
    """Page 1's content stream: its object number and decoded bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        contents = pdf.pages[0].obj.Contents
        return contents.objgen[0], contents.read_bytes()


def edit_amount(data: bytes, old: bytes, new: bytes) -> bytes:
    """An incremental update that replaces page 1's content stream with the amount changed."""
    number, content = content_of_page_one(data)
    assert old in content
    return append_update(data, {number: stream(content.replace(old, new))})


def overlay(data: bytes) -> bytes:
    """An update appending a content stream: a white box over the salary line, the new figure written on it."""
    y = 790 - 14 * 3  # the fourth line of text_pdf
    cover = b"q 1 1 1 rg 50 %d 260 14 re f Q BT /F1 11 Tf 56 %d Td (Salary credit 96,600.00) Tj ET" % (y - 3, y)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page, free = pdf.pages[0].obj, int(pdf.trailer.Size)
        old = page.Contents.objgen[0]
        body = b"<< " + b" ".join(bytes(k.encode()) + b" " + bytes(v.unparse()) for k, v in page.items()
                                  if k != "/Contents") + b" /Contents [ %d 0 R %d 0 R ] >>" % (old, free)
        return append_update(data, {free: stream(cover), page.objgen[0]: body})


def metadata_update(data: bytes) -> bytes:
    """An update that only rewrites /Info (a viewer saving a title)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        number = pdf.trailer.Info.objgen[0]
    return append_update(data, {number: b"<< /Producer (docproc tests) /Title (Statement) /ModDate (D:20261119090000Z) >>"})


# --- signing with a self-signed certificate -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def signer() -> Any:
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "Test Bank e-statements")])
    now = dt.datetime.now(dt.UTC)
    cert = (cx509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(cx509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(cx509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                          data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                          crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    asn_cert = x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    asn_key = keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=asn_cert, signing_key=asn_key,
                                cert_registry=SimpleCertificateStore.from_certs([asn_cert]))


def sign(data: bytes, signer: Any, field: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), signers.PdfSignatureMetadata(field_name=field),
                           signer=signer)
    return bytes(out.getvalue())


# --- genuine: must pass ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A 收入证明 written as plain text and exported by LibreOffice headless."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("lo")
    (work / "letter.txt").write_text(
        "收入证明\n\n兹证明张三（身份证号码 110101199003071234）自2019年3月1日起在我单位工作，任职务为工程师。\n"
        "月收入为人民币 12,345.00 元（大写：壹万贰仟叁佰肆拾伍元整）。\n"
        "联系电话：010-84888331　　日期：2026年11月10日\n", encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                    "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf:writer_pdf_Export",
                    "--outdir", str(work), str(work / "letter.txt")], check=True, capture_output=True, timeout=120)
    return (work / "letter.pdf").read_bytes()


def test_a_libreoffice_letter_passes(quick: Context, libreoffice_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(libreoffice_pdf)) as pdf:
        assert "LibreOffice" in str(pdf.docinfo.get("/Producer"))
    [page] = reading.read_file(libreoffice_pdf, file_id="f", filename="x.pdf", ctx=quick)
    fonts = {w.text: w.font for w in page.words}
    # The trap is there: the figures sit in a Latin subset beside the CJK text's, as office suites set them.
    assert page.source == PageSource.TEXT_LAYER and fonts["12,345.00"] != fonts["月收入为人民币"]
    status, reasons = verdict(quick, libreoffice_pdf, DocType.INCOME_PROOF)
    assert status == Status.PASS, reasons


def test_a_linearised_copy_passes(quick: Context, libreoffice_pdf: bytes) -> None:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(libreoffice_pdf)) as pdf:
        pdf.save(out, linearize=True)
    assert b"/Linearized" in out.getvalue()[:1024]
    status, reasons = verdict(quick, out.getvalue(), DocType.INCOME_PROOF)
    assert status == Status.PASS, reasons


def test_signed_once_and_twice_pass(quick: Context, signer: Any) -> None:
    once = sign(text_pdf([STATEMENT]), signer, "Bank")
    twice = sign(once, signer, "Branch")
    for data in (once, twice):
        status, reasons = verdict(quick, data)
        assert status == Status.PASS, reasons
    assert any("2 signature(s)" in r for r in verdict(quick, twice)[1])


@pytest.mark.parametrize("producer", ["WPS Office", "Microsoft® Word 2016"])
def test_an_office_producer_on_a_contract_is_no_evidence(quick: Context, producer: str) -> None:
    status, reasons = verdict(quick, text_pdf([STATEMENT], producer=producer), DocType.PURCHASE_CONTRACT)
    assert status == Status.PASS, reasons


def test_a_metadata_only_update_passes(quick: Context) -> None:
    data = metadata_update(text_pdf([STATEMENT]))
    assert data.count(b"%%EOF") == 2
    status, reasons = verdict(quick, data)
    assert status == Status.PASS, reasons


def _realdocs(folder: str, pattern: str) -> list[Path]:
    return sorted((REALDOCS / folder).glob(pattern)) if (REALDOCS / folder).exists() else []


@pytest.mark.parametrize("path", _realdocs("pdf_forensics", "*GENUINE_*.pdf"), ids=lambda p: p.name)
def test_third_party_genuine_revisions_pass(quick: Context, path: Path) -> None:
    status, reasons = verdict(quick, path.read_bytes())
    assert status == Status.PASS, reasons


@pytest.mark.parametrize("path", _realdocs("income_proof_cn", "*_lo.pdf") + _realdocs("purchase_contracts_cn", "*_lo.pdf"),
                         ids=lambda p: p.name)
def test_third_party_libreoffice_exports_pass(quick: Context, path: Path) -> None:
    doc_type = DocType.PURCHASE_CONTRACT if "contract" in path.name else DocType.INCOME_PROOF
    status, reasons = verdict(quick, path.read_bytes(), doc_type)
    assert status == Status.PASS, reasons


# --- edited: must fail ----------------------------------------------------------------------------------------------

def test_an_amount_changed_in_an_incremental_update_fails(quick: Context) -> None:
    data = edit_amount(text_pdf([STATEMENT]), b"16,600.00", b"96,600.00")
    pages = reading.read_file(data, file_id="f", filename="x.pdf", ctx=quick)
    assert "96,600.00" in pages[0].text  # the edit shows on the page
    status, reasons = verdict(quick, data)
    assert status == Status.FAIL and "replaced the content of page 1" in reasons[0], reasons


def test_a_white_box_over_a_figure_fails(quick: Context) -> None:
    data = overlay(text_pdf([STATEMENT]))
    status, reasons = verdict(quick, data)
    assert status == Status.FAIL, reasons
    assert any("white box" in r and "96,600.00" in r and "16,600.00" in r for r in reasons), reasons


def test_a_signed_file_changed_after_signing_fails(quick: Context, signer: Any) -> None:
    signed = sign(text_pdf([STATEMENT]), signer, "Bank")
    status, reasons = verdict(quick, edit_amount(signed, b"16,600.00", b"96,600.00"))
    assert status == Status.FAIL, reasons
    assert any("after signature 'Bank'" in r for r in reasons), reasons


def test_a_font_change_inside_a_figure_fails(quick: Context) -> None:
    base = text_pdf([STATEMENT[:3]])
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(base)) as pdf:
        page = pdf.pages[0]
        page.Resources.Font.F2 = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                                        BaseFont=pikepdf.Name.Courier))
        retyped = b" BT /F1 11 Tf 56 700 Td (Salary credit ) Tj (16,) Tj /F2 11 Tf (600.00) Tj ET"
        page.Contents.write(page.Contents.read_bytes() + retyped)
        pdf.save(out)
    status, reasons = verdict(quick, out.getvalue())
    assert status == Status.FAIL and any("'16,600.00' mixes fonts" in r for r in reasons), reasons


@pytest.mark.parametrize("path", _realdocs("pdf_forensics", "*EDITED_*.pdf"), ids=lambda p: p.name)
def test_third_party_edits_fail(quick: Context, path: Path) -> None:
    status, reasons = verdict(quick, path.read_bytes())
    assert status == Status.FAIL, reasons


# --- the producer is a hint, weighed per document type by the policy -----------------------------------------------

def test_the_policy_alone_turns_the_producer_hint(quick: Context) -> None:
    word = text_pdf([STATEMENT], producer="Microsoft® Word 2010")
    assert verdict(quick, word, DocType.BANK_STATEMENT)[0] == Status.REVIEW
    assert verdict(quick, word, DocType.PURCHASE_CONTRACT)[0] == Status.PASS


def test_an_office_suite_that_only_wrapped_a_scan_is_no_hint(quick: Context) -> None:
    """A statement photographed or scanned, then put in a PDF by an office suite's image-to-PDF: no text drawn by it."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, format="PDF")
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        pdf.docinfo["/Producer"] = "WPS Office 图片转PDF"
        wrapped = io.BytesIO()
        pdf.save(wrapped)
    status, reasons = verdict(quick, wrapped.getvalue(), DocType.BANK_STATEMENT)
    assert status == Status.PASS, reasons
