"""Charts drawn on the server as inline SVG: no script, no chart library to vendor, nothing fetched.

Two shapes are enough for the dashboard: stacked columns (a series per state over months or branches) and
horizontal bars (a value per label). Text is escaped; sizes are in the SVG's own units and scale with the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

COLOURS = {"ready": "#2f855a", "needs_supplement": "#dd6b20", "flagged": "#c53030", "processing": "#3182ce",
           "new": "#a0aec0"}
BAR = "#1d3557"


@dataclass(frozen=True)
class Series:
    """One stacked series: its key (colour), label and a value per category."""

    key: str
    label: str
    values: Sequence[float]


def _num(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def stacked_columns(title: str, categories: Sequence[str], series: Sequence[Series], *, width: int = 400,
                    height: int = 220) -> Markup:
    """Columns per category, each stacked by series; a legend follows as HTML."""
    left, bottom, top = 36, 34, 12
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    slot = (width - left - 8) / max(len(categories), 1)
    plot = height - bottom - top
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{top + plot}" x2="{width - 4}" y2="{top + plot}" stroke="#9aa5b1"/>',
             f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11" fill="#52606d">{_num(peak)}</text>',
             f'<text x="{left - 6}" y="{top + plot}" text-anchor="end" font-size="11" fill="#52606d">0</text>']
    bar = min(slot * 0.7, 56)
    for i, category in enumerate(categories):
        x, y = left + i * slot + (slot - bar) / 2, float(top + plot)
        for s in series:
            h = plot * s.values[i] / peak
            if h > 0:
                y -= h
                parts.append(f'<rect class="chart-bar" data-series="{escape(s.key)}" x="{x:.1f}" y="{y:.1f}" '
                             f'width="{bar:.1f}" height="{h:.1f}" fill="{COLOURS.get(s.key, BAR)}">'
                             f'<title>{escape(category)} · {escape(s.label)}: {_num(s.values[i])}</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'font-size="11" fill="#323f4b">{escape(category)}</text>')
        if totals[i]:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" '
                         f'fill="#323f4b">{_num(totals[i])}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span><span class="sw sw-{escape(s.key)}"></span>{escape(s.label)}</span>' for s in series)
    return Markup("".join(parts) + f'<div class="chart-legend">{legend}</div>')


def horizontal_bars(title: str, items: Sequence[tuple[str, float]], *, width: int = 400, unit: str = "") -> Markup:
    """One bar per label, longest first as given."""
    row, label_w = 26, 150
    height = max(len(items), 1) * row + 8
    peak = max((v for _, v in items), default=0) or 1
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = (width - label_w - 60) * value / peak
        short = label if len(label) <= 10 else label[:9] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="13" fill="#323f4b">'
                     f'<title>{escape(label)}</title>{escape(short)}</text>')
        parts.append(f'<rect class="chart-bar" x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 8}" '
                     f'fill="{BAR}"><title>{escape(label)}: {_num(value)}{escape(unit)}</title></rect>')
        parts.append(f'<text x="{label_w + max(w, 1) + 4:.1f}" y="{y + 16}" font-size="12" fill="#323f4b">'
                     f'{_num(value)}{escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
