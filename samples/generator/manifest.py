"""Manifests of committed sample sets: a sha256 per file and the library versions the bytes depend on."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def render_environment() -> dict[str, str]:
    """Versions of the libraries and fonts whose output bytes the images depend on."""
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


def pdf_environment() -> dict[str, str]:
    """The PDF side of the environment: reportlab, pypdf, PDFium and the embedded TrueType fonts."""
    from importlib.metadata import version

    from .pdfkit import _PDF_FONTS

    fonts = sorted({f"{path.name}:{path.stat().st_size}" for path, _ in _PDF_FONTS.values() if path.exists()})
    return {"reportlab": version("reportlab"), "pypdf": version("pypdf"), "pypdfium2": version("pypdfium2"),
            "pdf_fonts": ",".join(fonts)}


def sha256(path: Path) -> str:
    """Hex digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(out_dir: Path, folders: list[Path], *, pdf: bool = False) -> dict[str, Any]:
    """The sha256 of every file in the given applicant folders plus the rendering environment."""
    files = {p.relative_to(out_dir).as_posix(): sha256(p)
             for folder in folders for p in sorted(folder.iterdir()) if p.is_file()}
    env = render_environment()
    if pdf:
        env.update(pdf_environment())
    return {"environment": env, "files": files}
