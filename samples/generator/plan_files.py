"""Plan how each document reaches the bank: born-digital PDF, scan, phone photo, ID photocopy or one bundle."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from .applicant import ITEM_TYPE, ITEMS, ApplicantPlan, ApplicantSpec, FilePlan, choose_families, stream
from .batch13_letters import OVERPRINT
from .batch14_letters import SCAN_APP
from .batch15_letters import PASTE_FORM
from .batch16_letters import HAND_HELD
from .batch17_letters import COPYSHOP
from .batch18_letters import VERIFIED
from .batch19_letters import FAX_ID
from .batch19_tax import TWO_PAGES
from .contract import ContractFacts
from .delivery import Delivery
from .statement import StatementFacts
from .truth import default_bundle

SCAN_SKEW = (1.0, 3.0)

_EPOCH_CST = datetime(1970, 1, 1, 8)  # Unix epoch in China Standard Time (names must not depend on the host TZ)
_SEPARATE_IDS = ("duplicate_document", "illegible_id_back")


def _scan(rng: random.Random, *, ext: str, multi: bool = False, colour: bool = False) -> Delivery:
    """A flatbed or copier scan: 150–300 dpi, grey or colour, white or grey paper.

    Sealed documents are scanned in colour (`colour`): a grey seal reads as a photocopy, which the grey_copy
    defect plants on purpose.
    """
    dpi = rng.choice((150, 150, 150, 200)) if multi else rng.choice((150, 200, 200, 300))
    grey = rng.random() < (0.6 if multi else 0.3) and not colour
    tone = "white" if rng.random() < (0.7 if multi else 0.5) or ext == "png" else "grey"
    quality = rng.randint(58, 76) if multi else rng.randint(72, 86)
    return Delivery("scan", ext, grayscale=grey, tone=tone, skew=SCAN_SKEW, dpi=dpi, quality=quality)


def random_delivery(rng: random.Random, item: str, defects: tuple[str, ...]) -> Delivery:
    """Pick the form of one item, as customers and banks usually hand it in."""
    roll = rng.random()
    if item in ("id_front", "id_back"):
        if roll < 0.7 or (item == "id_back" and "illegible_id_back" in defects):
            return Delivery("photo", "jpg", quality=rng.randint(78, 90))
        return _scan(rng, ext=rng.choice(("jpg", "jpg", "png")))
    if item == "income_proof":
        return Delivery("photo", "jpg", quality=rng.randint(76, 88)) if roll < 0.3 else \
            _scan(rng, ext=rng.choice(("jpg", "jpg", "png", "pdf")), colour=True)
    if item == "bank_statement":
        digital = "edited_pdf" in defects or (roll < 0.75 and "missing_statement_page" not in defects)
        return Delivery("born_digital", "pdf") if digital else _scan(rng, ext="pdf", multi=True, colour=True)
    if item == "purchase_contract":
        scanned = any(d in defects for d in ("missing_contract_page", "pasted_region", "grey_copy")) or roll >= 0.6
        if not scanned:
            return Delivery("born_digital", "pdf")
        how = _scan(rng, ext="pdf", multi=True, colour=True)
        return replace(how, grayscale=True) if "grey_copy" in defects else how
    if item == "tax_certificate":
        if roll < 0.7:
            return Delivery("born_digital", "pdf")
        return _scan(rng, ext=rng.choice(("jpg", "pdf")), colour=True) if roll < 0.85 else \
            Delivery("photo", "jpg", quality=82)
    if item == "credit_report":  # printed from the internet service, or a counter print scanned
        return Delivery("born_digital", "pdf") if roll < 0.55 else _scan(rng, ext="pdf", multi=True)
    return Delivery("photo", "jpg", quality=rng.randint(76, 88)) if roll < 0.45 else \
        _scan(rng, ext=rng.choice(("jpg", "jpg", "pdf")), colour=True)


class _Names:
    """Neutral file names as phones, scanners and bank downloads produce them (never the document type)."""

    def __init__(self, rng: random.Random, spec: ApplicantSpec) -> None:
        self.rng = rng
        self.clock = datetime.combine(spec.application_date, datetime.min.time()) - timedelta(
            days=rng.randint(1, 6), hours=-rng.randint(8, 12))
        self.counter = rng.randint(1, 80)
        self.used: set[str] = set()

    def next(self, delivery: Delivery) -> str:
        """A fresh name for a file of this delivery."""
        self.clock += timedelta(minutes=self.rng.randint(1, 90), seconds=self.rng.randint(0, 59))
        self.counter += 1
        stamp = self.clock
        millis = int((stamp - _EPOCH_CST).total_seconds() * 1000) + self.rng.randint(0, 999)
        choices: tuple[str, ...]
        if delivery.form == "photo":
            choices = (f"IMG_{stamp:%Y%m%d_%H%M%S}", f"mmexport{millis}", f"wx_camera_{millis}")
        elif delivery.form == "born_digital":
            choices = (f"{self.rng.getrandbits(40):010x}", f"download_{stamp:%Y%m%d%H%M%S}",
                       f"file{self.counter:04d}", f"{stamp:%Y%m%d}{self.rng.randint(100000, 999999)}")
        else:
            choices = (f"scan{self.counter:04d}", f"SCAN_{stamp:%Y%m%d}_{self.counter:03d}", f"{stamp:%Y%m%d%H%M%S}",
                       f"doc{self.counter:05d}")
        name = f"{self.rng.choice(choices)}.{delivery.ext}"
        while name in self.used:
            name = f"{name.rsplit('.', 1)[0]}_{self.rng.randint(1, 9)}.{delivery.ext}"
        self.used.add(name)
        return name


def plan_files(spec: ApplicantSpec, *, statement: StatementFacts | None, contract: ContractFacts | None,
               donor: ApplicantPlan | None) -> tuple[tuple[FilePlan, ...], dict[str, Delivery]]:
    """Decide the files: one bundle PDF (about 1 in 6), or one file per item with the ID sides maybe on one copy."""
    rng = stream(spec, "deliveries")
    d = spec.defects
    present = default_bundle(spec.profile, d, credit=spec.credit_reports).present
    items = [i for i in ITEMS if ITEM_TYPE[i] in present and not (i == "id_back" and "missing_id_back" in d)]
    deliveries = {item: spec.forms.get(item) or random_delivery(rng, item, d) for item in items}
    held = choose_families(spec)["id_card"] == HAND_HELD
    if held:  # the card is photographed in the hand, never laid on a scanner
        for item in ("id_front", "id_back"):
            if item in deliveries and item not in spec.forms and deliveries[item].form == "scan":
                deliveries[item] = Delivery("photo", "jpg", quality=deliveries[item].quality)
    tax = deliveries.get("tax_certificate")
    if tax is not None and tax.ext != "pdf" and choose_families(spec)["tax_certificate"] == TWO_PAGES:
        deliveries["tax_certificate"] = replace(tax, ext="pdf")  # two pages: a photo or scan of each, in one PDF
    if donor is not None:
        deliveries["id_back"] = _duplicate_delivery(rng, donor)
    names = _Names(rng, spec)
    separate = any(x in d for x in (*_SEPARATE_IDS, "edited_pdf", "grey_copy")) or bool(spec.forms)
    bundled = spec.bundle if spec.bundle is not None else (rng.random() < 0.2 and not separate)
    if bundled:
        if separate and spec.bundle:
            raise ValueError(f"defects {d} need separate files; they cannot come as one scanned bundle")
        scan = _scan(rng, ext="pdf", multi=True)
        how = Delivery("bundle_scan", "pdf", grayscale=False, tone=scan.tone, skew=SCAN_SKEW, dpi=150,
                       quality=scan.quality)
        units = [[i for i in items if i in ("id_front", "id_back")]] + [[i] for i in items if not i.startswith("id_")]
        rng.shuffle(units)
        sequence = tuple(item for unit in units for item in unit)
        return (FilePlan(names.next(how), how, sequence),), {item: how for item in items}
    files: list[FilePlan] = []
    copy = ("id_back" in items and not any(x in d for x in _SEPARATE_IDS) and not spec.forms
            and (rng.random() < 0.2 or choose_families(spec)["id_card"] in (OVERPRINT, SCAN_APP, PASTE_FORM, HAND_HELD,
                                                                   COPYSHOP, VERIFIED, FAX_ID)))
    if copy:
        how = replace(_scan(rng, ext=rng.choice(("jpg", "pdf"))), grayscale=rng.random() < 0.7)
        if held:  # the two photos joined into one picture by the phone
            how = Delivery("photo", "jpg", quality=how.quality)
        files.append(FilePlan(names.next(how), how, ("id_front", "id_back")))
        deliveries["id_front"] = deliveries["id_back"] = how
    order = items[:]
    rng.shuffle(order)
    for item in order:
        if copy and item in ("id_front", "id_back"):
            continue
        files.append(FilePlan(names.next(deliveries[item]), deliveries[item], (item,)))
    return tuple(files), deliveries


def _duplicate_delivery(rng: random.Random, donor: ApplicantPlan) -> Delivery:
    """The donor's emblem-side file again: the same bytes, or re-saved at another JPEG quality."""
    own = [f for f in donor.files if f.items == ("id_back",)]
    if not own:
        raise ValueError(f"donor {donor.spec.applicant} did not hand in the ID emblem side as its own file")
    how = own[0].delivery
    if how.ext == "jpg" and rng.random() < 0.5:
        return replace(how, quality=rng.choice((78, 90, 95)))
    return how
