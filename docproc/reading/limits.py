"""Size limits decided before any pixel is decoded or rendered: too small, too thin, too large.

A PDF page's render size follows from its size in points and the dpi, so the dpi is lowered for a
big page until the render fits the pixel limit; a page that would then fall below a legible dpi is
refused. An image's size is known from its header, and one too small or too thin to hold a document
is refused before any OpenCV stage sees it.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

from docproc.core.errors import ImageTooSmall, PageTooLarge
from docproc.core.settings import Settings

POINTS_PER_INCH = 72.0
CM_PER_POINT = 2.54 / 72.0


class ReadLimits(BaseModel):
    """The size limits of one deployment (from its settings)."""

    model_config = ConfigDict(frozen=True)

    dpi: int = 200
    max_render_pixels: int = 16_000_000
    min_render_dpi: int = 50
    min_side: int = 32
    max_aspect: int = 25

    @classmethod
    def of(cls, settings: Settings) -> ReadLimits:
        """The limits a deployment's settings give."""
        return cls(dpi=settings.render_dpi, max_render_pixels=settings.max_render_pixels,
                   min_render_dpi=settings.min_render_dpi, min_side=settings.min_image_side,
                   max_aspect=settings.max_aspect_ratio)


def check_image_size(width: int, height: int, limits: ReadLimits, *, what: str = "the image") -> None:
    """Refuse an image (or page render) too small or too thin to hold a readable document."""
    short, long = sorted((width, height))
    if short < limits.min_side:
        raise ImageTooSmall(
            f"{what} is {width}×{height} pixels, too small to read (at least {limits.min_side} on each side): "
            "upload a scan at 200 dpi or a sharp photo"
        )
    if long > short * limits.max_aspect:
        raise ImageTooSmall(
            f"{what} is {width}×{height} pixels, too thin to be a document page (over {limits.max_aspect}:1): "
            "upload the whole page"
        )


def page_dpi(width_pt: float, height_pt: float, limits: ReadLimits, *, number: int) -> float:
    """The dpi to render a PDF page at: the configured one, lowered so the render fits the pixel limit."""
    what = f"page {number} of the PDF"
    if not (math.isfinite(width_pt) and math.isfinite(height_pt)) or width_pt <= 0 or height_pt <= 0:
        raise ImageTooSmall(f"{what} has no area ({width_pt}×{height_pt} pt): upload it again")
    scale = limits.dpi / POINTS_PER_INCH
    pixels = width_pt * scale * height_pt * scale
    dpi = float(limits.dpi)
    if pixels > limits.max_render_pixels:
        dpi *= math.sqrt(limits.max_render_pixels / pixels)
    if dpi < limits.min_render_dpi:
        raise PageTooLarge(
            f"{what} is {width_pt * CM_PER_POINT:.0f}×{height_pt * CM_PER_POINT:.0f} cm, too large to render "
            f"legibly within {limits.max_render_pixels:,} pixels: scan or export it at paper size"
        )
    scale = dpi / POINTS_PER_INCH
    check_image_size(math.ceil(width_pt * scale), math.ceil(height_pt * scale), limits, what=what)
    return dpi
