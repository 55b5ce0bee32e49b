"""Round seals on colourless pages: the grey-ring search of this tree against the one of an earlier commit.

    python scripts/bench_grey_rings.py [--before REV] [--cache DIR] [--crops DIR] [FOLDER ...]

Every page of the PDFs (rendered at 200 dpi) and images under the folders (by default the third-party
documents in ../shared/realdocs and samples/corpus) is made a greyscale copy, widened to the width a scanned
page is read at as ``prepare_for_ocr`` does, and searched for round seals by ``grey_seals`` as it is in this
tree and as it was at ``--before``. Prints per page the rings only one of them found, then the totals: pages,
rings found by each, found by both, and the CPU seconds (user + system, of this process) each spent.
``--crops`` writes each ring only one of them found as an image to look at.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docproc.core.models import Stamp  # noqa: E402
from docproc.reading import imaging  # noqa: E402
from docproc.reading.read import MIN_OCR_WIDTH  # noqa: E402
from docproc.reading.seal_grey_rings import grey_seals, same_ring  # noqa: E402

FOLDERS = (ROOT.parent / "shared" / "realdocs", ROOT / "samples" / "corpus")
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg"}
Finder = Callable[..., list[Stamp]]


def grey_seals_at(rev: str) -> Finder:
    """``grey_seals`` as it was at commit ``rev`` (in seal_grey_rings.py, or in seals.py before it moved)."""
    for path in ("docproc/reading/seal_grey_rings.py", "docproc/reading/seals.py"):
        shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], capture_output=True, text=True)
        if shown.returncode == 0 and "def grey_seals(" in shown.stdout:
            module = types.ModuleType(f"grey_rings_{rev}")
            sys.modules[module.__name__] = module
            exec(compile(shown.stdout, f"{rev}:{path}", "exec"), module.__dict__)
            found: Finder = module.grey_seals
            return found
    raise SystemExit(f"no grey_seals at {rev}")


def pages(folders: list[Path], cache: Path) -> Iterator[tuple[str, np.ndarray]]:
    """(name, greyscale page as read) for every page of every document under ``folders``; renders cached."""
    cache.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES):
        key = hashlib.sha256(str(path).encode()).hexdigest()[:16]
        done = sorted(cache.glob(f"{key}-*.png"))
        if not done and not (cache / f"{key}-skip").exists():
            try:
                images = _render(path)
            except Exception as exc:  # encrypted, malformed: not a page to look at
                print(f"skipped {path.name}: {type(exc).__name__}")
                (cache / f"{key}-skip").touch()
                continue
            for number, image in enumerate(images, start=1):
                gray = imaging.to_gray(image)
                if gray.shape[1] < MIN_OCR_WIDTH:  # as prepare_for_ocr widens a small scan
                    factor = MIN_OCR_WIDTH / gray.shape[1]
                    gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
                cv2.imwrite(str(cache / f"{key}-{number:03d}.png"), gray)
            done = sorted(cache.glob(f"{key}-*.png"))
        for file in done:
            stored = cv2.imread(str(file), cv2.IMREAD_GRAYSCALE)
            if stored is not None:
                yield f"{path.relative_to(path.parents[1])} p{int(file.stem.rsplit('-', 1)[1])}", np.asarray(stored)


def _render(path: Path) -> list[np.ndarray]:
    if path.suffix.lower() != ".pdf":
        return [imaging.load_image(path.read_bytes())]
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return [np.asarray(page.render(scale=200 / 72).to_pil().convert("RGB"))[:, :, ::-1].copy() for page in document]
    finally:
        document.close()


def timed(find: Finder, gray: np.ndarray) -> tuple[list[tuple[float, float, float]], float]:
    """The circles (cx, cy, r) found and the CPU seconds spent finding them."""
    started = time.process_time()
    found = find(gray)
    spent = time.process_time() - started
    circles = [((s.bbox.x0 + s.bbox.x1) / 2, (s.bbox.y0 + s.bbox.y1) / 2, (s.bbox.x1 - s.bbox.x0) / 2) for s in found]
    return circles, spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(FOLDERS))
    parser.add_argument("--before", default="HEAD", help="the commit to compare with (default HEAD)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/docproc-grey-pages"), help="greyscale renders")
    parser.add_argument("--crops", type=Path, help="write the rings only one search found here")
    args = parser.parse_args(argv)
    before = grey_seals_at(args.before)
    if args.crops:
        args.crops.mkdir(parents=True, exist_ok=True)
    count = both = 0
    totals = {"before": [0, 0.0], "after": [0, 0.0]}
    for name, gray in pages(args.folders, args.cache):
        count += 1
        old, old_cpu = timed(before, gray)
        new, new_cpu = timed(grey_seals, gray)
        totals["before"][0] += len(old)
        totals["before"][1] += old_cpu
        totals["after"][0] += len(new)
        totals["after"][1] += new_cpu
        both += sum(any(same_ring(a, b) for b in new) for a in old)
        lost = [a for a in old if not any(same_ring(a, b) for b in new)]
        gained = [b for b in new if not any(same_ring(a, b) for a in old)]
        if lost or gained:
            print(f"{name}: {old_cpu:.2f} → {new_cpu:.2f} CPU-s; only before {_show(lost)}; only after {_show(gained)}")
        for tag, rings in (("before", lost), ("after", gained)):
            for i, (cx, cy, r) in enumerate(rings if args.crops else []):
                crop = gray[max(0, int(cy - 1.3 * r)) : int(cy + 1.3 * r), max(0, int(cx - 1.3 * r)) : int(cx + 1.3 * r)]
                cv2.imwrite(str(args.crops / f"{name.replace('/', '_').replace(' ', '_')}-{tag}{i}.png"), crop)
    print(f"{count} greyscale pages; rings found before {totals['before'][0]} in {totals['before'][1]:.1f} CPU-s "
          f"({args.before}), now {totals['after'][0]} in {totals['after'][1]:.1f} CPU-s; {both} found by both")
    return 0


def _show(rings: list[tuple[float, float, float]]) -> str:
    return "[" + ", ".join(f"({cx:.0f},{cy:.0f} r{r:.0f})" for cx, cy, r in rings) + "]"


if __name__ == "__main__":
    raise SystemExit(main())
