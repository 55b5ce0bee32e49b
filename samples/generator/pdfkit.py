"""reportlab helpers: embedded TrueType CJK fonts, a top-left millimetre pen, seals and metadata."""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from samples.generator.fonts import FontMissing

MM = 72.0 / 25.4
A4_PT = (595.2756, 841.8898)

_WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
_LIB = Path("/usr/share/fonts/truetype/liberation")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

# Only TrueType-outline fonts embed with reportlab (the Noto CJK collections are CFF).
_PDF_FONTS: dict[str, tuple[Path, int]] = {
    "wqy": (_WQY, 0),
    "wqy_mono": (_WQY, 1),
    "droid": (_DROID, 0),
    "lib_sans": (_LIB / "LiberationSans-Regular.ttf", 0),
    "lib_sans_bold": (_LIB / "LiberationSans-Bold.ttf", 0),
    "lib_serif": (_LIB / "LiberationSerif-Regular.ttf", 0),
    "lib_serif_bold": (_LIB / "LiberationSerif-Bold.ttf", 0),
    "lib_mono": (_LIB / "LiberationMono-Regular.ttf", 0),
    "lib_narrow": (_LIB / "LiberationSansNarrow-Regular.ttf", 0),
    "dejavu": (_DEJAVU / "DejaVuSans.ttf", 0),
}
CJK_FACES = ("wqy", "droid")
LATIN_FACES = ("lib_sans", "lib_serif", "lib_narrow", "dejavu", "wqy")

CLEAN_PRODUCERS = (
    "iText 5.5.13.2 ©2000-2020 iText Group NV (AGPL-version)", "iText® 7.1.16 ©2000-2021 iText Group NV",
    "Apache FOP Version 2.6", "Microsoft Reporting Services PDF Rendering Extension 14.0.0.0",
    "JasperReports Library version 6.16.0", "ReportLab PDF Library - www.reportlab.com", "Qt 5.15.2",
    "FastReport PDF export",
)


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """Register the embeddable fonts with reportlab once per process; return their names."""
    absent = sorted({str(path) for path, _index in _PDF_FONTS.values() if not path.exists()})
    if absent:
        raise FontMissing(f"fonts missing: {', '.join(absent)}; run scripts/bootstrap.sh to install them")
    for name, (path, index) in _PDF_FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    return tuple(_PDF_FONTS)


@lru_cache(maxsize=4096)
def _has_glyph(face: str, ch: str) -> bool:
    font = pdfmetrics.getFont(face)
    return ord(ch) in font.face.charToGlyph


@dataclass(frozen=True)
class Typeface:
    """The fonts of one document: CJK body face, Latin face for digits and ASCII, ink colour."""

    cjk: str
    latin: str
    ink: tuple[float, float, float] = (0.0, 0.0, 0.0)


def random_typeface(rng: random.Random) -> Typeface:
    """Pick a CJK face, a digit face and a near-black ink."""
    grey = rng.uniform(0.0, 0.12)
    return Typeface(rng.choice(CJK_FACES), rng.choice(LATIN_FACES), (grey, grey, grey))


def runs(text: str, face: Typeface) -> list[tuple[str, str]]:
    """Split text into (font, substring) runs: ASCII in the Latin face, the rest in the CJK face."""
    out: list[tuple[str, str]] = []
    for ch in text:
        if ord(ch) < 0x250 and _has_glyph(face.latin, ch):
            font = face.latin
        elif _has_glyph(face.cjk, ch):
            font = face.cjk
        else:
            font = "wqy"
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


class Pen:
    """Draws on a reportlab page in millimetres from the top-left corner."""

    def __init__(self, canvas: Canvas, face: Typeface, page_pt: tuple[float, float]) -> None:
        self.c = canvas
        self.face = face
        self.w_mm = page_pt[0] / MM
        self.h_mm = page_pt[1] / MM

    def width(self, text: str, size: float, *, face: Typeface | None = None, spacing: float = 0.0) -> float:
        """Width in mm of text at a point size (spacing in mm between characters)."""
        total = sum(pdfmetrics.stringWidth(s, f, size) for f, s in runs(text, face or self.face)) / MM
        return total + spacing * max(len(text) - 1, 0)

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False, align: str = "left",
             color: tuple[float, float, float] | None = None, face: Typeface | None = None,
             spacing: float = 0.0, max_width: float | None = None) -> float:
        """Draw text with its baseline at (x, y) mm; shrink to max_width; return the width drawn (mm)."""
        face = face or self.face
        width = self.width(text, size, face=face, spacing=spacing)
        if max_width and width > max_width:
            size *= max_width / width
            spacing *= max_width / width
            width = self.width(text, size, face=face, spacing=spacing)
        left = x - width if align == "right" else x - width / 2 if align == "center" else x
        c = self.c
        c.saveState()
        rgb = color or face.ink
        c.setFillColorRGB(*rgb)
        if bold:
            c.setStrokeColorRGB(*rgb)
            c.setLineWidth(size * 0.035)
        obj = c.beginText()
        obj.setTextOrigin(left * MM, (self.h_mm - y) * MM)
        obj.setTextRenderMode(2 if bold else 0)
        if spacing:
            obj.setCharSpace(spacing * MM)
        for font, chunk in runs(text, face):
            obj.setFont(font, size)
            obj.textOut(chunk)
        c.drawText(obj)
        c.restoreState()
        return width

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        """Break text into lines of at most width mm, keeping ASCII runs whole."""
        lines: list[str] = []
        current = ""
        for token in _tokens(text):
            if current and self.width(current + token, size) > width:
                lines.append(current)
                current = token.lstrip()
            else:
                current += token
        if current:
            lines.append(current)
        return lines

    def line(self, x0: float, y0: float, x1: float, y1: float, *, width: float = 0.25,
             color: tuple[float, float, float] = (0, 0, 0)) -> None:
        """Draw a straight line between two points (mm), width in points."""
        self.c.saveState()
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(width)
        self.c.line(x0 * MM, (self.h_mm - y0) * MM, x1 * MM, (self.h_mm - y1) * MM)
        self.c.restoreState()

    def rect(self, x: float, y: float, w: float, h: float, *, fill: tuple[float, float, float] | None = None,
             stroke: tuple[float, float, float] | None = None, width: float = 0.4) -> None:
        """Draw a rectangle by its top-left corner and size in mm."""
        c = self.c
        c.saveState()
        if fill:
            c.setFillColorRGB(*fill)
        if stroke:
            c.setStrokeColorRGB(*stroke)
            c.setLineWidth(width)
        c.rect(x * MM, (self.h_mm - y - h) * MM, w * MM, h * MM, stroke=1 if stroke else 0, fill=1 if fill else 0)
        c.restoreState()

    def image(self, img: Image.Image, x: float, y: float, w: float, h: float, *, multiply: bool = False) -> None:
        """Place an image (RGBA keeps its transparency) with its top-left at (x, y) mm."""
        c = self.c
        c.saveState()
        if multiply:
            c.setBlendMode("Multiply")
        c.drawImage(ImageReader(img), x * MM, (self.h_mm - y - h) * MM, width=w * MM, height=h * MM, mask="auto")
        c.restoreState()


_NO_LINE_START = "，。、；：）》”！？"


def _tokens(text: str) -> list[str]:
    """Characters, with ASCII runs and closing punctuation glued to what precedes them."""
    tokens: list[str] = []
    for ch in text:
        if tokens and ((ch.isascii() and ch != " " and tokens[-1][-1:].isascii() and tokens[-1][-1:] != " ")
                       or ch in _NO_LINE_START):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


@contextmanager
def binary_images() -> Iterator[None]:
    """Embed image data without ASCII85 (reportlab's default makes every image 25 % larger)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def pdf_date(when: datetime) -> Callable[..., str]:
    """A reportlab date formatter that stamps a fixed local (+08:00) time into the metadata."""
    stamp = f"D:{when:%Y%m%d%H%M%S}+08'00'"
    return lambda *_: stamp


def new_canvas(buffer: io.BytesIO, *, page_pt: tuple[float, float], when: datetime, producer: str,
               creator: str = "", title: str = "") -> Canvas:
    """A reproducible canvas (invariant mode) whose metadata says when and by what it was made."""
    register_fonts()
    c = Canvas(buffer, pagesize=page_pt, invariant=1, pageCompression=1)
    c.setDateFormatter(pdf_date(when))
    c.setProducer(producer)
    c.setCreator(creator or producer.split(" ")[0])
    c.setTitle(title)
    c.setAuthor("")
    c.setSubject("")
    return c


PAGE_FORMATS = (
    "第 {i} 页 / 共 {n} 页", "第{i}页 共{n}页", "第 {i} 页，共 {n} 页", "共{n}页 第{i}页", "Page {i} of {n}",
    "{i}/{n}", "- {i} / {n} -", "第{i}页/共{n}页",
)


def page_format(rng: random.Random, *, chinese: bool = False) -> str:
    """One of the page-number formats printed by Chinese banks and contract systems ({i}, {n})."""
    pool = [f for f in PAGE_FORMATS if "页" in f] if chinese else list(PAGE_FORMATS)
    return rng.choice(pool)


def png_seal(seal: Image.Image, *, max_px: int = 520) -> Image.Image:
    """Downscale a seal raster to a sensible resolution for embedding (keeps alpha)."""
    if seal.width <= max_px:
        return seal
    ratio = max_px / seal.width
    return seal.resize((max_px, max(1, int(seal.height * ratio))), Image.Resampling.LANCZOS)
