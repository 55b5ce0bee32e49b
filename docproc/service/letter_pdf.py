"""The supplement letter as a one-page A4 PDF (reportlab, with an embedded CJK TrueType face).

The page prints a :class:`~docproc.service.letter.LetterDoc`, the letter already in one language: the same content
the web page shows. (reportlab is imported only here, by the one view that renders a PDF.)
A long letter is set in smaller type, step by step, until it fits one page.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from docproc.core.errors import ConfigError
from docproc.service.letter import LetterDoc

FONT = "DocprocLetter"
# TrueType-outline CJK faces reportlab can embed (the Noto CJK collections are CFF and cannot be embedded).
FONT_FILES = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
              Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"))
SCALES = (1.0, 0.92, 0.84, 0.76, 0.7, 0.64, 0.58)


@cache
def letter_font() -> str:
    """Register the letter's face once per process; ConfigError when no embeddable CJK face is installed."""
    for path in FONT_FILES:
        if path.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            return FONT
    raise ConfigError("no embeddable CJK font for the letter PDF: install fonts-wqy-microhei (scripts/bootstrap.sh)")


def _story(doc: LetterDoc, scale: float) -> list[Flowable]:
    font = letter_font()
    wrap = "CJK" if doc.lang == "zh" else None

    def style(size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle("s", fontName=font, fontSize=size * scale, leading=size * scale * 1.4,
                              wordWrap=wrap, **kw)  # type: ignore[arg-type]

    body, small = style(10.5), style(9)

    def para(text: str, st: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), st)

    story: list[Flowable] = [
        para(doc.bank, style(15)), para(doc.office, style(10.5)),
        para(f"{doc.address} · {doc.phone}", style(8.5, textColor=colors.HexColor("#444444"))),
        HRFlowable(width="100%", thickness=1.2, color=colors.HexColor("#1d3557"), spaceBefore=3 * scale,
                   spaceAfter=6 * scale),
        para(doc.title, style(16, alignment=TA_CENTER, spaceAfter=6 * scale)),
    ]
    meta = [[para(f"{k}：{v}" if doc.lang == "zh" else f"{k}: {v}", small) for k, v in doc.meta[i:i + 2]]
            for i in range(0, len(doc.meta), 2)]
    story += [Table(meta, colWidths=["50%", "50%"]), Spacer(1, 6 * scale)]
    story += [para(text) for text in doc.intro] + [Spacer(1, 4 * scale)]
    if doc.rows:
        head = [para(h, style(9.5, textColor=colors.white)) for h in doc.headers]
        rows = [[para(str(n), small), para(item), para(why, small)] for n, (item, why) in enumerate(doc.rows, 1)]
        table = Table([head, *rows], colWidths=[9 * mm, None, 58 * mm], repeatRows=1)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1d3557")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * scale), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * scale),
        ]))
        story.append(table)
    else:
        story.append(para(doc.empty))
    story.append(Spacer(1, 6 * scale))
    story += [para(text) for text in doc.closing]
    story.append(Spacer(1, 10 * scale))
    story += [para(text, style(10.5, alignment=TA_RIGHT, spaceBefore=4 * scale)) for text in doc.signatures]
    return story


def _build(doc: LetterDoc, scale: float) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages: list[int] = []
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=doc.title, author=doc.bank, creator="docproc")
    template.build(_story(doc, scale), onFirstPage=lambda c, d: pages.append(1),
                   onLaterPages=lambda c, d: pages.append(1))
    return out.getvalue(), len(pages)


def render_letter_pdf(doc: LetterDoc) -> bytes:
    """The letter as PDF bytes: one A4 page, in the largest type that fits it."""
    pdf = b""
    for scale in SCALES:
        pdf, pages = _build(doc, scale)
        if pages == 1:
            return pdf
    return pdf  # past about 50 rows even the smallest type runs on (officers cannot add past MAX_LINES)
