"""Where a table's columns begin and end as its rows print them: edges of cells clustered, and paired with the
headings (extractors._table)."""

from __future__ import annotations

from itertools import combinations

from docproc.core.models import Word
from docproc.extractors._table_header import Column
from docproc.extractors._table_words import kind as _kind


def clusters(edges: list[float], tolerance: float) -> list[list[float]]:
    """Sorted positions in runs whose neighbours lie within ``tolerance`` of each other."""
    clusters: list[list[float]] = [[edges[0]]]
    for x in edges[1:]:
        if x - clusters[-1][-1] <= tolerance:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return clusters


def under_the_dates(lines: list[list[Word]], width: float) -> list[list[Word]]:
    """The dated lines whose date stands where most rows print theirs: a note under the table that names a date
    in its prose (以上为…2026.03.30至2026.09.29 的交易明细, 核对日期：2026年9月30日) is no row to learn the
    columns' edges from."""
    starts = {id(words): x for words in lines if (x := next((w.bbox.x0 for w in words if _kind(w.text) == "date"), None))
              is not None}
    if not starts:
        return lines
    usual = sorted(starts.values())[len(starts) // 2]
    return [words for words in lines if abs(starts.get(id(words), usual) - usual) <= 0.03 * width]


def one_per_heading(clusters: list[list[float]], headings: list[float], rows: int) -> list[tuple[list[float], int]]:
    """Clusters of cell edges paired with the headings (given by the x each aligns with), as (cluster, heading
    index); an empty list when they cannot be paired. Stray wraps and OCR slips put an edge at few rows, so a
    cluster needs one row in ten; on a page of a few rows every column may hold one. As many clusters as
    headings pair in order. Fewer pair with the headings in order that lie nearest them, all together: a
    column may print no such cell on any row (a branch code under 网点), and a printer may set every row off
    its pre-printed headings (a passbook), so a column's cells need not lie under their own heading."""
    steady = [c for c in clusters if len(c) >= max(2, rows // 10)]
    for kept in (steady, clusters if rows < 10 else []):
        if len(kept) == len(headings):
            return [(c, k) for k, c in enumerate(kept)]
    if not steady or len(steady) > len(headings):
        return []
    at = [sorted(c)[len(c) // 2] for c in steady]
    chosen = min(combinations(range(len(headings)), len(steady)),
                 key=lambda picks: sum(abs(x - headings[k]) for x, k in zip(at, picks, strict=True)))
    return list(zip(steady, chosen, strict=True))


def money_columns_by_edges(lines: list[list[Word]], headings: list[Column],
                           width: float) -> list[tuple[float, float, Column]]:
    """Right edges of the amount columns as the rows print them, paired with their (amount) headings in order.

    Figures are right-aligned: every row ends a column's amount at the same x, which may lie well right
    of a heading printed at the column's left (交易金额 over -1,231.99, nearer the 余额 heading than its
    own). When the table's amounts end at exactly as many x positions as there are amount headings, the
    k-th position is the k-th heading's column; otherwise, an empty list (headings alone decide).
    """
    edges = sorted(w.bbox.x1 for words in lines for w in words if _kind(w.text) == "money")
    if not headings or not edges:
        return []
    tolerance = 0.012 * width
    kept = one_per_heading(clusters(edges, tolerance), [h.x1 for h in headings], len(lines))
    return [(min(c) - tolerance, max(c) + tolerance, headings[k]) for c, k in kept]
