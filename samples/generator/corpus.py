"""Corpora of applicant folders: a seeded random corpus and the tiny set committed to the repo."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

from .applicant import ApplicantSpec, plan, render
from .delivery import Delivery
from .truth import DEFECTS

TINY_DIR = Path(__file__).resolve().parent.parent / "tiny"

# Two defects that hide each other are never combined (no back side → the expiry cannot be seen).
_EXCLUSIVE = {frozenset({"expired_id", "missing_id_back"})}


def _pick_defects(rng: random.Random) -> tuple[str, ...]:
    """About 40 % clean, 50 % one defect, 10 % two compatible defects."""
    roll = rng.random()
    if roll < 0.4:
        return ()
    if roll < 0.9:
        return (rng.choice(DEFECTS),)
    while True:
        pair = tuple(sorted(rng.sample(DEFECTS, 2)))
        if frozenset(pair) not in _EXCLUSIVE:
            return pair


def corpus_specs(*, applicants: int, seed: int) -> list[ApplicantSpec]:
    """The applicant specs of a seeded random corpus (salaried profile for now)."""
    rng = random.Random(f"corpus:{seed}")
    specs = []
    for i in range(applicants):
        defects = _pick_defects(rng)
        label = "_".join(defects) if defects else "clean"
        specs.append(ApplicantSpec(f"a{i + 1:03d}_salaried_{label}", seed=f"{seed}:{i}", defects=defects))
    return specs


def generate(out_dir: Path, *, applicants: int, seed: int) -> list[Path]:
    """Write a seeded corpus of applicant folders under out_dir; return the folders."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [render(plan(spec), out_dir) for spec in corpus_specs(applicants=applicants, seed=seed)]


def tiny_specs() -> list[ApplicantSpec]:
    """The two applicants of the committed tiny set."""
    photo = Delivery("photo", "jpg")
    return [
        ApplicantSpec("a01_salaried_clean", seed=101, forms={
            "id_front": photo, "id_back": photo, "income_proof": Delivery("scan", "png", tone="white")}),
        ApplicantSpec("a02_expired_id", seed=208, defects=("expired_id",), forms={
            "id_front": Delivery("scan", "jpg", tone="grey"), "id_back": photo,
            "income_proof": Delivery("scan", "jpg", tone="grey")}),
    ]


def render_environment() -> dict[str, str]:
    """Versions of the libraries whose output bytes the images depend on."""
    import cv2
    import numpy
    import PIL
    from PIL import features

    from . import fonts

    names = ("sans", "sans_bold", "serif", "serif_bold", "wqy", "latin_mono", "latin_mono_bold")
    faces = {face: fonts.face_path(face) for face in names}
    return {"pillow": PIL.__version__, "numpy": numpy.__version__, "opencv": cv2.__version__,
            "freetype": str(features.version("freetype2")), "libjpeg": str(features.version("libjpeg_turbo")),
            "zlib": str(features.version("zlib")),
            "fonts": ",".join(f"{face}:{path.name}:{path.stat().st_size}" for face, (path, _) in faces.items())}


def manifest(out_dir: Path, folders: list[Path]) -> dict[str, Any]:
    """The sha256 of every file in the given applicant folders plus the rendering environment."""
    files = {p.relative_to(out_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for folder in folders for p in sorted(folder.iterdir()) if p.is_file()}
    return {"environment": render_environment(), "files": files}


def build_tiny_set(out_dir: Path) -> None:
    """Write the tiny committed set (a01_salaried_clean, a02_expired_id) and its MANIFEST.json under out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = [render(plan(spec), out_dir) for spec in tiny_specs()]
    text = json.dumps(manifest(out_dir, folders), indent=2, sort_keys=True) + "\n"
    (out_dir / "MANIFEST.json").write_text(text, encoding="utf-8")
