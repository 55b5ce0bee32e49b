"""Print the planned documents: born-digital PDFs, page images at a resolution, and ID card artwork."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime, time
from functools import partial

import pypdfium2
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from . import contract_families, income_families, record_families, statement_families
from .applicant import ApplicantPlan, stream
from .contract_pdf import SealSpot, render_contract
from .credit_pdf import render_credit_report
from .idcard import render_back, render_front
from .income_proof import render_income_proof
from .license import render_license
from .pdfkit import CLEAN_PRODUCERS, binary_images
from .statement_families import render_family
from .statement_pdf import edited_face, render_statement
from .tax import render_tax

CARD_PX_PER_MM = 20.0
EDITORS = ("Adobe Acrobat Pro DC 21.1.20155", "PDF-XChange Editor 9.5.366.0", "Foxit PhantomPDF 10.1.0.37527",
           "WPS PDF 11.1.0", "Adobe Acrobat 23.6.20320")
# The city filing systems (网签) print contracts; an office suite in the producer would read as an edit.
_CONTRACT_PRODUCERS = ("iText 5.5.13.2 ©2000-2020 iText Group NV (AGPL-version)", "iText® 7.1.16 ©2000-2021 iText Group NV",
                       "Apache FOP Version 2.6", "JasperReports Library version 6.16.0")


def _at(rng: random.Random, day: date) -> datetime:
    """A plausible office time on a day."""
    return datetime.combine(day, time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)))


class Printer:
    """Prints one applicant's documents once each (PDFs are cached for the files that need them)."""

    def __init__(self, plan: ApplicantPlan) -> None:
        self.p = plan
        self._pdfs: dict[str, bytes] = {}
        self.seal_spot: SealSpot | None = None

    def card_art(self, side: str) -> Image.Image:
        """The ID card side as RGBA artwork at 20 px/mm (the same stream the tiny set used)."""
        p = self.p
        rng = stream(p.spec, "id_front" if side == "front" else "id_back")
        if side == "front":
            return render_front(p.card, rng, px_per_mm=CARD_PX_PER_MM)
        return render_back(p.card, rng, px_per_mm=CARD_PX_PER_MM)

    def letter(self, dpi: int) -> Image.Image:
        """The income proof as an RGB A4 page at dpi (the held-out families are typeset as PDFs first)."""
        if self.p.family("income_proof") in income_families.RENDERERS:
            return rasterize(self.pdf("income_proof"), 1, dpi)
        return render_income_proof(self.p.proof, stream(self.p.spec, "print:income_proof"), dpi=dpi)

    def pdf(self, item: str) -> bytes:
        """The born-digital PDF of a vector item: every printed page, as the issuer produced it."""
        if item not in self._pdfs:
            with binary_images():
                self._pdfs[item] = self._print(item)
        return self._pdfs[item]

    def _print(self, item: str) -> bytes:
        p = self.p
        rng = stream(p.spec, f"print:{item}")
        if item == "credit_report":  # one design, no template families
            assert p.credit is not None
            return render_credit_report(p.credit, rng, when=p.credit.report_time, producer=rng.choice(CLEAN_PRODUCERS))
        family = p.family(item)
        if family in income_families.RENDERERS:
            return income_families.RENDERERS[family](p.proof, rng)
        if item == "bank_statement":
            return _statement_pdf(p, rng)
        if item == "purchase_contract":
            assert p.contract is not None
            producer = rng.choice(_CONTRACT_PRODUCERS)
            draw = partial(contract_families.render_family, family) if family in contract_families.FAMILIES \
                else render_contract
            data, self.seal_spot = draw(p.contract, rng, when=_at(rng, p.contract.signing_date), producer=producer)
            return data
        if item == "tax_certificate":
            assert p.tax is not None
            draw_tax = record_families.TAX.get(family, render_tax)
            return draw_tax(p.tax, rng, when=_at(rng, p.tax.issue_date), producer=rng.choice(CLEAN_PRODUCERS))
        if item == "business_license":
            assert p.license is not None
            draw_licence = record_families.LICENSE.get(family, render_license)
            return draw_licence(p.license, rng, when=_at(rng, p.license.registered))
        raise ValueError(f"{item} is not printed as a PDF")

    def page_image(self, item: str, page: int, dpi: int) -> Image.Image:
        """A printed page of any paper item as an RGB image at dpi."""
        if item == "income_proof":
            return self.letter(dpi)
        return rasterize(self.pdf(item), page, dpi)


def _statement_pdf(p: ApplicantPlan, rng: random.Random) -> bytes:
    """The statement; under edited_pdf the issuer's file with another holder, retyped in an incremental update."""
    facts = p.statement
    assert facts is not None
    when = _at(rng, facts.issue_date)
    producer = rng.choice(CLEAN_PRODUCERS)
    seed = rng.getrandbits(32)
    family = p.family("bank_statement")
    draw = partial(render_family, family) if family in statement_families.FAMILIES else render_statement
    if facts.original_holder is None:
        return draw(facts, random.Random(seed), when=when, producer=producer)
    original = draw(replace(facts, account_holder=facts.original_holder), random.Random(seed),
                    when=when, producer=producer)
    edited = draw(facts, random.Random(seed), when=when, producer=producer, holder_face=edited_face(facts.style.face))
    later = when.replace(hour=min(when.hour + rng.randint(1, 5), 23)) if rng.random() < 0.3 else \
        datetime.combine(p.spec.application_date, time(rng.randint(8, 22), rng.randint(0, 59)))
    return incremental_edit(original, edited, producer=rng.choice(EDITORS), when=later)


def incremental_edit(original: bytes, edited: bytes, *, producer: str, when: datetime) -> bytes:
    """Append an incremental update that swaps in the edited pages' content and fonts and restamps the producer."""
    before, after = PdfReader(io.BytesIO(original)), PdfReader(io.BytesIO(edited))
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    for i, page in enumerate(writer.pages):
        new = after.pages[i]
        if new.get_contents().get_data() != before.pages[i].get_contents().get_data():  # type: ignore[union-attr]
            page.replace_contents(new.get_contents())
            page[NameObject("/Resources")] = new["/Resources"].clone(writer)
    writer.add_metadata({"/Producer": producer, "/ModDate": f"D:{when:%Y%m%d%H%M%S}+08'00'"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def rasterize(pdf: bytes, page: int, dpi: int) -> Image.Image:
    """One 1-based page of a PDF as an RGB image at dpi (PDFium)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[page - 1].render(scale=dpi / 72.0)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()

