"""Image-tampering evidence measured on edits made by other tools, and false alarms on genuine pages.

Prints, for every genuine photo or scanned page (realdocs + samples/corpus), for the realdocs ones re-saved
as a messenger app would (JPEG 80, 70, 60), and for forgeries made from them with OpenCV (in-painted field,
region swapped from another JPEG history, copied digit group), the verdict `anomaly.image_edit` would give,
then the margins: the most alarming figure of each measurement on genuine pages against the weakest one that
was caught among the forgeries. Writes nothing.

    python scripts/tamper_bench.py [--realdocs DIR] [--skip-corpus] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datetime import UTC, date, datetime  # noqa: E402

from docproc.core.models import Application, Bundle, DocType, Document, Status  # noqa: E402
from docproc.core.policy import load_policy  # noqa: E402
from docproc.core.settings import Settings  # noqa: E402
from docproc.reading import forensics, image_forensics  # noqa: E402
from docproc.reading import read as reading  # noqa: E402
from docproc.service.context import build_context  # noqa: E402
from docproc.validators.forgery import image_edited  # noqa: E402
from tests import forgeries  # noqa: E402

GENUINE_DIRS = ("id_cards_cn", "seals", "invoices_licenses_cn", "ocr_misc_cn", "passports_mrz")
RESAVE_QUALITIES = (80, 70, 60)
SIDTD = ("sidtd_alb00_GENUINE.jpg", "sidtd_alb01_GENUINE_donor.jpg", "sidtd_aze00_GENUINE_passport_mrz.jpg")
FAKES = ("sidtd_alb00_FAKE_photo_swap.jpg", "sidtd_alb00_FAKE_name_inpaint.jpg", "sidtd_alb00_FAKE_name_inpaint_italic.jpg")


def facts(image: np.ndarray) -> dict[str, object]:
    """The image facts reading gathers for one prepared page (page 1)."""
    return {"ela": None, "clones": forensics.cloned_regions(image), "seal_patches": [],
            "smooth_regions": [{**r, "page": 1} for r in image_forensics.smooth_regions(image)],
            "jpeg_ghosts": [{**r, "page": 1} for r in image_forensics.jpeg_ghosts(image)]}


def verdict(image: np.ndarray, policy: object, *, doc_type: DocType = DocType.UNKNOWN,
            found: dict[str, object] | None = None) -> tuple[Status, list[str]]:
    """What anomaly.image_edit says of a bundle holding this one page (``found``: its facts, when measured)."""
    doc = Document(id="d", file_id="f", type=doc_type, pages=[1],
                   meta={"image_forensics": found if found is not None else facts(image)})
    bundle = Bundle(application=Application(id="a", profile="salaried", application_date=date(2026, 1, 1),
                                             created_at=datetime(2026, 1, 1, tzinfo=UTC)), documents=[doc])
    result = image_edited(bundle, policy)  # type: ignore[arg-type]
    return result.status, result.reasons


class Margins:
    """Per measurement (each turned so that lower is more alarming; it alarms at or below its limit): the
    lowest figure on genuine pages, the lowest one there that does not alarm, and the highest that alarmed
    on a forgery."""

    def __init__(self, policy: object) -> None:
        rules = policy.images  # type: ignore[attr-defined]
        self.min_share = rules.smooth_min_share
        self.limits = {"smooth grain ratio": rules.smooth_grain_review, "ghost ratio": rules.ghost_ratio_review,
                       "-clones": -float(rules.clone_matches_review)}
        self.lowest: dict[str, tuple[float, str]] = {}
        self.quiet: dict[str, tuple[float, str]] = {}
        self.caught: dict[str, tuple[float, str]] = {}

    def figures(self, found: dict[str, object]) -> dict[str, float]:
        smooth = [r["grain_ratio"] for r in found["smooth_regions"] if r["share"] >= self.min_share]  # type: ignore[attr-defined]
        ghosts = [r["ghost_ratio"] for r in found["jpeg_ghosts"]]  # type: ignore[attr-defined]
        return {"smooth grain ratio": min(smooth, default=np.inf), "ghost ratio": min(ghosts, default=np.inf),
                "-clones": -float(found["clones"])}  # type: ignore[arg-type]

    def add(self, name: str, found: dict[str, object], *, genuine: bool) -> None:
        for key, value in self.figures(found).items():
            alarms = value <= self.limits[key]
            if genuine:
                if value < self.lowest.get(key, (np.inf, ""))[0]:
                    self.lowest[key] = (value, name)
                if not alarms and value < self.quiet.get(key, (np.inf, ""))[0]:
                    self.quiet[key] = (value, name)
            elif alarms and value > self.caught.get(key, (-np.inf, ""))[0]:
                self.caught[key] = (value, name)

    def print(self) -> None:
        for key, limit in self.limits.items():
            low, quiet, caught = (table.get(key, (np.inf, "-")) for table in (self.lowest, self.quiet, self.caught))
            print(f"  {key:18} alarms at <= {limit:g} | genuine: lowest {low[0]:g} ({low[1]}), lowest not alarming "
                  f"{quiet[0]:g} ({quiet[1]}) | forgeries: highest alarming {caught[0]:g} ({caught[1]})")


def load(path: Path) -> np.ndarray | None:
    data = path.read_bytes()
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:  # GIF under a .jpg name, and other things OpenCV does not decode
        import io

        from PIL import Image

        image = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))[:, :, ::-1].copy()
    return image


def corpus_pages(corpus: Path) -> list[tuple[str, np.ndarray]]:
    """Every photo and every scanned (no text layer) PDF page of the committed corpus, rendered as read."""
    import pdfplumber

    pages = []
    for path in sorted(corpus.glob("*/*")):
        if path.suffix.lower() in (".jpg", ".jpeg", ".png"):
            pages.append((f"{path.parent.name}/{path.name}", load(path)))
        elif path.suffix.lower() == ".pdf":
            with pdfplumber.open(path) as pdf:
                for i, page in enumerate(pdf.pages, 1):
                    if len((page.extract_text() or "").strip()) >= reading.MIN_TEXT_LAYER_CHARS:
                        continue
                    rendered = page.to_image(resolution=Settings().render_dpi).original.convert("RGB")
                    pages.append((f"{path.parent.name}/{path.name}#{i}", np.asarray(rendered)[:, :, ::-1].copy()))
    return pages


def _prepared(name: str, image: np.ndarray, ctx: object, cache: Path | None) -> np.ndarray:
    """The page as reading hands it to OCR (card found, upright, deskewed, small ones enlarged)."""
    if cache is not None:
        if cache.resolve().is_relative_to(ROOT):
            raise SystemExit("--cache must lie outside the repository")
        kept = cache / (name.replace("/", "__") + ".png")
        if kept.exists():
            return cv2.imread(str(kept), cv2.IMREAD_COLOR)
    page, _ = reading.prepare_for_ocr(image, ctx)  # type: ignore[arg-type]
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(kept), page)
    return page


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdocs", type=Path, default=ROOT.parent / "shared" / "realdocs")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep prepared pages here between runs (outside the repository)")
    args = parser.parse_args()
    import tempfile

    policy = load_policy(None)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = build_context(Settings(data_dir=Path(tmp), redis_url=None, database_url=None))
        genuine: list[tuple[str, np.ndarray]] = []
        for name in SIDTD:
            genuine.append((f"tampering/{name}", load(args.realdocs / "tampering" / name)))
        for folder in GENUINE_DIRS:
            for path in sorted((args.realdocs / folder).iterdir()):
                if path.suffix.lower() in (".jpg", ".jpeg", ".png"):
                    genuine.append((f"{folder}/{path.name}", load(path)))
        n_real = len(genuine)
        if not args.skip_corpus:
            genuine += corpus_pages(ROOT / "samples" / "corpus")
        prepared = [(name, _prepared(name, image, ctx, args.cache)) for name, image in genuine]
        cost = []
        margins = Margins(policy)
        tally: Counter[str] = Counter()
        print("== genuine pages (realdocs first, then samples/corpus) ==")
        for i, (name, page) in enumerate(prepared):
            start = time.perf_counter()
            image_forensics.smooth_regions(page)
            image_forensics.jpeg_ghosts(page)
            cost.append((page.shape, time.perf_counter() - start))
            found = facts(page)
            margins.add(name, found, genuine=True)
            status, reasons = verdict(page, policy, found=found)
            group = "realdocs" if i < n_real else "corpus"
            tally[f"{group} {status.value}"] += 1
            if status != Status.PASS or args.verbose:
                print(f"  {status.value:6} {name} {page.shape[1]}x{page.shape[0]} {reasons[:2]}")
        print("  ", dict(sorted(tally.items())))
        print(f"== realdocs pages re-saved as a messenger app would (JPEG {RESAVE_QUALITIES}) ==")
        resaved: Counter[str] = Counter()
        for name, page in prepared[:n_real]:
            for quality in RESAVE_QUALITIES:
                again = forgeries.resave(page, quality)
                found = facts(again)
                margins.add(f"{name}@{quality}", found, genuine=True)
                status, reasons = verdict(again, policy, found=found)
                resaved[f"q{quality} {status.value}"] += 1
                if status != Status.PASS or args.verbose:
                    print(f"  {status.value:6} {name} @{quality} {reasons[:1]}")
        print("  ", dict(sorted(resaved.items())))
        print("== SIDTD forgeries (made by the dataset's authors) ==")
        for name in FAKES:
            image = _prepared(f"tampering/{name}", load(args.realdocs / "tampering" / name), ctx, args.cache)
            found = facts(image)
            margins.add(name, found, genuine=False)
            status, reasons = verdict(image, policy, found=found)
            print(f"  {status.value:6} {name} {reasons[:1]}")
        print("== forgeries made here with OpenCV from the genuine pages ==")
        made: Counter[str] = Counter()
        donors = [p for _, p in prepared]
        for i, (name, page) in enumerate(prepared):
            lines = forgeries.text_lines(page)
            h, w = page.shape[:2]
            kinds = {"swap": forgeries.swap_region(page, donors[(i + 1) % len(donors)],
                                                   (int(0.06 * w), int(0.2 * h), int(0.3 * w), int(0.6 * h)))}
            if lines:
                kinds["inpaint"] = forgeries.inpaint_field(page, lines[0])
                x0, y0, x1, y1 = lines[-1]
                kinds["copy_move"] = forgeries.copy_move(page, (x0, y0, min(x1, x0 + 6 * (y1 - y0)), y1))
            for kind, forged in kinds.items():
                found = facts(forged)
                margins.add(f"{kind} {name}", found, genuine=False)
                status, reasons = verdict(forged, policy, found=found)
                made[f"{kind} {'realdocs' if i < n_real else 'corpus'} {status.value}"] += 1
                if args.verbose:
                    print(f"  {kind:9} {status.value:6} {name} {reasons[:1]}")
        print("  ", dict(sorted(made.items())))
        print("== margins (figures turned so that lower is more alarming) ==")
        margins.print()
        big = [t for shape, t in cost if max(shape[:2]) >= 1800]
        print(f"== cost of the measurements added here (smooth regions + JPEG ghosts) per page: "
              f"max {max(t for _, t in cost):.3f} s; pages >= 1800 px: n={len(big)}, "
              f"mean {np.mean(big) if big else 0:.3f} s, max {max(big, default=0):.3f} s ==")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
