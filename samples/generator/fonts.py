"""Locate the CJK fonts installed on the machine and hand out cached PIL fonts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

_NOTO = Path("/usr/share/fonts/opentype/noto")
_WQY = Path("/usr/share/fonts/truetype/wqy")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

# Index 2 inside the Noto CJK collections is the Simplified Chinese (SC) face.
_FACES: dict[str, tuple[Path, int]] = {
    "sans": (_NOTO / "NotoSansCJK-Regular.ttc", 2),
    "sans_bold": (_NOTO / "NotoSansCJK-Bold.ttc", 2),
    "serif": (_NOTO / "NotoSerifCJK-Regular.ttc", 2),
    "serif_bold": (_NOTO / "NotoSerifCJK-Bold.ttc", 2),
    "wqy": (_WQY / "wqy-microhei.ttc", 0),
    "mono": (_NOTO / "NotoSansCJK-Regular.ttc", 7),
    "mono_bold": (_NOTO / "NotoSansCJK-Bold.ttc", 7),
    "latin_mono": (_DEJAVU / "DejaVuSansMono.ttf", 0),
    "latin_mono_bold": (_DEJAVU / "DejaVuSansMono-Bold.ttf", 0),
}

BODY_FAMILIES = ("sans", "serif", "wqy")


class FontMissing(RuntimeError):
    """A required font file is not installed (scripts/bootstrap.sh installs them all)."""


@dataclass(frozen=True)
class FontSet:
    """The faces chosen for one document: body text, emphasis and digits."""

    body: str
    bold: str
    digits: str


def face_path(face: str) -> tuple[Path, int]:
    """Return the file and collection index of a named face, falling back to Noto Sans SC."""
    path, index = _FACES[face]
    if path.exists():
        return path, index
    fallback, findex = _FACES["sans"]
    if fallback.exists():
        return fallback, findex
    raise FontMissing(f"font {face!r} not found at {path}")


@lru_cache(maxsize=256)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    """Return a cached PIL font of the named face at a pixel size."""
    path, index = face_path(face)
    return ImageFont.truetype(str(path), max(4, int(size)), index=index)


def font_set(family: str) -> FontSet:
    """Return the body/bold/digit faces that go with one family (sans, serif or wqy)."""
    if family == "serif":
        return FontSet(body="serif", bold="serif_bold", digits="serif")
    if family == "wqy":
        return FontSet(body="wqy", bold="sans_bold", digits="wqy")
    return FontSet(body="sans", bold="sans_bold", digits="sans")
