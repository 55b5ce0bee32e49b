"""Turn printed documents into the files customers hand in: photos, scans, ID photocopies, image PDFs."""

from __future__ import annotations

import io
import math
import random
from datetime import datetime, time, timedelta

import cv2
import numpy as np
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from . import contract_families
from .applicant import ApplicantPlan, FilePlan, stream
from .batch13_letters import OVERPRINT, overprint
from .batch14_letters import SCAN_APP, scan_app_page
from .batch15_letters import PASTE_FORM, paste_form_page
from .batch16_letters import HAND_HELD, collage, hand_held_photo, printed_collage
from .batch16_records import SCAN_COLOR
from .batch17_letters import COPYSHOP, copyshop_page
from .batch17_records import SCREEN, WATERMARK
from .batch18_letters import VERIFIED, verified_copy_page
from .batch18_receipt import THERMAL
from .batch19_letters import FAX_ID, fax_page
from .batch19_records import LAMINATED
from .contract_pdf import SealSpot, seller_seal
from .delivery import Delivery, photograph, scan
from .income_proof import BANKS
from .pdfkit import binary_images, pdf_date
from .printing import CARD_PX_PER_MM, Printer
from .record import Sheet, sheets
from .scanner import scan_page

SCANNERS = ("Canon iR-ADV C5535", "RICOH IM C3000", "KONICA MINOLTA bizhub C368", "HP Digital Sending Device",
            "EPSON Scan 2", "Adobe PSL 1.3e for Canon", "Kyocera TASKalfa 3253ci", "CamScanner")


def render_file(pr: Printer, fp: FilePlan) -> bytes:
    """The bytes of one handed-in file."""
    p = pr.p
    how = fp.delivery
    if how.form == "born_digital":
        return pr.pdf(fp.items[0])
    if p.donor is not None and fp.items == ("id_back",):
        return _duplicate(p, fp)
    rng = stream(p.spec, f"deliver:{fp.name}")
    images = [_deliver_sheet(pr, sheet, how, rng, single=len(fp.items) == 1) for sheet in sheets(p, fp)]
    if how.ext in ("jpg", "png"):
        return encode(images[0], how)
    when = datetime.combine(p.spec.application_date, time(9)) - timedelta(hours=rng.randint(2, 120))
    return image_pdf(images, dpi=how.dpi, quality=how.quality, producer=rng.choice(SCANNERS), when=when)


def _deliver_sheet(pr: Printer, sheet: Sheet, how: Delivery, rng: random.Random, *, single: bool) -> Image.Image:
    """Photograph or scan one sheet, with the planted image defects."""
    p = pr.p
    items = [item for item, _ in sheet]
    if items[0] in ("id_front", "id_back"):
        if p.family("id_front") == SCAN_APP:  # the app's black-and-white page, whatever the sides
            return scan_app_page([pr.card_art(i[3:]) for i in items], rng, dpi=how.dpi if how.dpi else 200)
        if p.family("id_front") == PASTE_FORM:  # the bank's 粘贴单 with the copies glued on, scanned or photographed
            return _paste_form(pr, items, how, rng)
        if p.family("id_front") == HAND_HELD:  # photographed in the hand, the photos joined into one picture
            return _hand_held(pr, items, how, rng)
        if p.family("id_front") == COPYSHOP:  # both sides colour-copied side by side, the handwritten line across
            return _copyshop(pr, items, how, rng)
        if p.family("id_front") == VERIFIED:  # copied enlarged side by side, the clerk's 核对 stamp under them
            return _verified(pr, items, how, rng)
        if p.family("id_front") == FAX_ID:  # copied and faxed, the bank's fax server's page
            return _fax(pr, items, how, rng)
        if single and how.form == "photo":
            img = photograph(_card(pr, items[0][3:]), rng, min_doc_px=1050)
            return _shake(img, rng) if items == ["id_back"] and "illegible_id_back" in p.spec.defects else img
        if single:
            dpi = rng.choice((300, 320, 350))
            return scan(_card(pr, items[0][3:]), rng, scale=dpi / 25.4 / CARD_PX_PER_MM, grayscale=how.grayscale,
                        bed_margin=True, tone=how.tone, skew=how.skew)
        return scan_page(photocopy(pr, [i[3:] for i in items], how.dpi, rng), rng, how)
    item, number = sheet[0]
    if how.form == "photo" and p.family(item) == SCAN_COLOR:  # the scan app's own picture, sent from the phone
        return pr.page_image(item, number, 170)
    if how.form == "photo" and p.family(item) in (SCREEN, WATERMARK):  # the phone's photo itself
        return pr.page_image(item, number, 218)
    if how.form == "photo" and p.family(item) == THERMAL:  # the phone's tall photo of the receipt itself
        return pr.page_image(item, number, 289)
    if how.form in ("photo", "scan") and p.family(item) == LAMINATED:  # the flatbed's own picture, sent as it is
        return pr.page_image(item, number, 200 if how.form == "photo" else how.dpi)
    if how.form == "photo":
        return photograph(pr.page_image(item, number, 200), rng, min_doc_px=1650)
    img = scan_page(pr.page_image(item, number, how.dpi), rng, how)
    contract = p.contract
    if item == "purchase_contract" and contract is not None and contract.pasted_seal \
            and number == contract_families.signature_page(contract, p.family(item)):
        pr.pdf(item)
        assert pr.seal_spot is not None
        img = paste_seal(img, pr.seal_spot, seller_seal(contract, stream(p.spec, "paste"), pr.seal_spot.width_mm),
                         dpi=how.dpi, rng=rng)
    return img


def photocopy(pr: Printer, sides: list[str], dpi: int, rng: random.Random) -> Image.Image:
    """An A4 sheet with the card sides copied on it, front above back, at about real size."""
    px_mm = dpi / 25.4
    page = Image.new("RGB", (int(210 * px_mm), int(297 * px_mm)), (255, 255, 255))
    y = rng.uniform(30, 55)
    x_centre = rng.uniform(88, 122)
    for side in sides:
        art = pr.card_art(side)
        size = (int(85.6 * px_mm), int(54 * px_mm))
        card = art.resize(size, Image.Resampling.LANCZOS).rotate(rng.uniform(-1.5, 1.5), expand=True,
                                                                 resample=Image.Resampling.BICUBIC)
        page.paste(card, (int((x_centre - 42.8) * px_mm), int(y * px_mm)), card)
        y += rng.uniform(75, 100)
    if pr.p.family("id_front") == OVERPRINT:
        return overprint(page, stream(pr.p.spec, "overprint"), px_per_mm=px_mm)
    return page


def _paste_form(pr: Printer, items: list[str], how: Delivery, rng: random.Random) -> Image.Image:
    """The 粘贴单 holding the sides of this sheet, delivered as a photo or a scan (a shaken photo under illegible_id_back)."""
    p = pr.p
    signed = p.spec.application_date - timedelta(days=stream(p.spec, "paste_form:day").randint(1, 8))
    page = paste_form_page({i[3:]: pr.card_art(i[3:]) for i in items}, p.card.name, signed,
                           stream(p.spec, "paste_form"), rng, dpi=how.dpi if how.form != "photo" else 200)
    img = photograph(page, rng, min_doc_px=1650) if how.form == "photo" else scan_page(page, rng, how)
    return _shake(img, rng) if items == ["id_back"] and "illegible_id_back" in p.spec.defects else img


def _hand_held(pr: Printer, items: list[str], how: Delivery, rng: random.Random) -> Image.Image:
    """Each side photographed in the hand and the photos joined top to bottom (printed on A4 inside a scanned bundle;
    the emblem side alone shaken under illegible_id_back)."""
    p = pr.p
    look = stream(p.spec, "hand_held:desk")  # both sides shot over one desk
    desk = (look.choice(("dark", "dark", "wood")), look.getrandbits(32))
    photos = [hand_held_photo(pr.card_art(i[3:]), i[3:], stream(p.spec, f"hand_held:{i}"), desk=desk) for i in items]
    if items == ["id_back"] and "illegible_id_back" in p.spec.defects:
        photos = [_shake(photos[0], rng)]
    picture = collage(photos, stream(p.spec, "hand_held:collage"))
    if how.form in ("scan", "bundle_scan"):
        return scan_page(printed_collage(picture, rng, dpi=how.dpi), rng, how)
    return picture


def _copyshop(pr: Printer, items: list[str], how: Delivery, rng: random.Random) -> Image.Image:
    """The copy shop's sheet with the sides of this file, scanned or photographed (the emblem side alone shaken under
    illegible_id_back)."""
    p = pr.p
    look = stream(p.spec, "copyshop")
    signed = p.spec.application_date - timedelta(days=look.randint(1, 10))
    bank = look.choice(BANKS)
    page = copyshop_page({i[3:]: pr.card_art(i[3:]) for i in items}, bank, p.card.name, signed, look, rng,
                         dpi=how.dpi if how.form != "photo" else 200)
    img = photograph(page, rng, min_doc_px=1650) if how.form == "photo" else scan_page(page, rng, how)
    return _shake(img, rng) if items == ["id_back"] and "illegible_id_back" in p.spec.defects else img


def _verified(pr: Printer, items: list[str], how: Delivery, rng: random.Random) -> Image.Image:
    """The enlarged landscape copy with the clerk's stamp, scanned or photographed (the emblem side alone shaken under
    illegible_id_back)."""
    p = pr.p
    look = stream(p.spec, "verified_copy")
    checked = p.spec.application_date - timedelta(days=look.randint(0, 6))
    page = verified_copy_page({i[3:]: pr.card_art(i[3:]) for i in items}, checked, look, rng,
                              dpi=how.dpi if how.form != "photo" else 200)
    img = photograph(page, rng, min_doc_px=1650) if how.form == "photo" else scan_page(page, rng, how)
    return _shake(img, rng) if items == ["id_back"] and "illegible_id_back" in p.spec.defects else img


def _fax(pr: Printer, items: list[str], how: Delivery, rng: random.Random) -> Image.Image:
    """The faxed copy as the fax server saved it; printed and scanned inside a bundle, or photographed off the
    printout (the emblem side alone shaken under illegible_id_back)."""
    p = pr.p
    look = stream(p.spec, "fax_copy")
    sent = datetime.combine(p.spec.application_date - timedelta(days=look.randint(1, 10)),
                            time(look.randint(8, 17), look.randint(0, 59)))
    page = fax_page({i[3:]: pr.card_art(i[3:]) for i in items}, p.proof.employer_phone, p.proof.employer, sent, look,
                    rng, dpi=how.dpi if how.form != "photo" else 200).convert("RGB")
    if how.form == "photo":
        img = photograph(page, rng, min_doc_px=1650)
    elif how.form == "bundle_scan":
        img = scan_page(page, rng, how)
    else:
        img = page
    return _shake(img, rng) if items == ["id_back"] and "illegible_id_back" in p.spec.defects else img


def _card(pr: Printer, side: str) -> Image.Image:
    """One card side as handed in alone (with the customer's overprint where the family lays one)."""
    art = pr.card_art(side)
    if pr.p.family("id_front") == OVERPRINT:
        return overprint(art, stream(pr.p.spec, f"overprint:{side}"), px_per_mm=CARD_PX_PER_MM)
    return art


def paste_seal(img: Image.Image, spot: SealSpot, seal: Image.Image, *, dpi: int, rng: random.Random) -> Image.Image:
    """Paste a seal cut from another scan: a rectangle of cleaner, lighter paper with the seal on it."""
    size = int(spot.width_mm * dpi / 25.4)
    seal = seal.resize((size, size), Image.Resampling.LANCZOS)
    cx, cy = int(spot.fx * img.width), int(spot.fy * img.height)
    margin = int(size * rng.uniform(0.04, 0.12))
    box = (cx - size // 2 - margin, cy - size // 2 - margin, cx + size // 2 + margin, cy + size // 2 + margin)
    region = np.asarray(img.convert("RGB").crop(box), dtype=np.float32)
    paper = float(np.percentile(region, 90)) if region.size else 240.0
    # The patch comes from a cleaner copy: no sensor noise, brighter paper, the seal's ink multiplied over it.
    clean = cv2.medianBlur(region.astype(np.uint8), 5).astype(np.float32)
    clean = np.clip(clean * min(1.12, (paper + rng.uniform(6, 14)) / max(paper, 1.0)), 0, 255)
    ink = np.asarray(seal.convert("RGBA"), dtype=np.float32) / 255.0
    h, w = ink.shape[:2]
    alpha = ink[..., 3:4] * rng.uniform(0.85, 0.95)
    sub = clean[margin : margin + h, margin : margin + w]
    clean[margin : margin + h, margin : margin + w] = sub * (1.0 - alpha * (1.0 - ink[..., :3]))
    patch = Image.fromarray(clean.astype(np.uint8), "RGB")
    out = img.copy()
    out.paste(patch.convert(img.mode), box[:2])
    return out


def _shake(img: Image.Image, rng: random.Random) -> Image.Image:
    """Camera shake: a long linear motion blur that leaves big type visible and small digits unreadable."""
    length = rng.randint(24, 32)
    kernel = np.zeros((length, length), np.float32)
    angle = rng.uniform(0, math.pi)
    c = (length - 1) / 2
    for t in np.linspace(-c, c, length * 3):
        kernel[int(round(c + t * math.sin(angle))), int(round(c + t * math.cos(angle)))] = 1.0
    kernel /= kernel.sum()
    arr = cv2.GaussianBlur(cv2.filter2D(np.asarray(img), -1, kernel), (0, 0), rng.uniform(1.5, 2.5))
    return Image.fromarray(arr, img.mode)


def _duplicate(p: ApplicantPlan, fp: FilePlan) -> bytes:
    """The donor's emblem-side file, byte for byte, or re-saved at this file's JPEG quality."""
    assert p.donor is not None
    donor_fp = next(f for f in p.donor.files if f.items == ("id_back",))
    data = render_file(Printer(p.donor), donor_fp)
    if fp.delivery.quality == donor_fp.delivery.quality or fp.delivery.ext != "jpg":
        return data
    with Image.open(io.BytesIO(data)) as img:
        return encode(img.copy(), fp.delivery)


def encode(img: Image.Image, how: Delivery) -> bytes:
    """JPEG or PNG bytes with fixed, metadata-free parameters."""
    out = io.BytesIO()
    if how.ext == "png":
        img.save(out, format="PNG", compress_level=6, optimize=False)
    else:
        img.save(out, format="JPEG", quality=how.quality, subsampling=2, optimize=True, progressive=False)
    return out.getvalue()


def image_pdf(images: list[Image.Image], *, dpi: int, quality: int, producer: str, when: datetime) -> bytes:
    """A scanner's PDF: one JPEG page per image, sized by dpi, no text layer."""
    buffer = io.BytesIO()
    with binary_images():
        canvas = Canvas(buffer, invariant=1, pageCompression=1)
        canvas.setDateFormatter(pdf_date(when))
        canvas.setProducer(producer)
        canvas.setCreator(producer)
        canvas.setAuthor("")
        canvas.setTitle("")
        canvas.setSubject("")
        for img in images:
            w, h = img.width * 72.0 / dpi, img.height * 72.0 / dpi
            canvas.setPageSize((w, h))
            jpeg = io.BytesIO(encode(img, Delivery("scan", "jpg", quality=quality)))
            canvas.drawImage(ImageReader(jpeg), 0, 0, width=w, height=h)
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()
