"""Local inconsistencies of a photo or scan: a region whose grain or JPEG history differs from its page.

A camera or scanner leaves grain (sensor noise, paper fibre, the printed guilloche of a card) all over
a picture. Painting over a field (in-painting, a clone brush, a blur) wipes that grain out in one
compact place, so the field's residual drops far below the grain of the page around it. A region
pasted from another picture keeps that picture's JPEG quantisation (a JPEG ghost). The figures are
measured once while reading; checks only compare them with the policy.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

BLOCK = 16  # px; small enough to resolve one line of a field, large enough for a stable median
_LAPLACE = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)  # Immerkaer: blind to smooth shading
SMOOTH_SHARE = 0.35  # a block this far below the page's grain is a candidate
MIN_GRAIN = 1.5  # page grain below this is a clean digital render: nothing to compare
DARK_L, VIVID_CHROMA = 70, 45  # Lab (OpenCV 8-bit scale): solid ink, not paper
FLAT = 0.05  # of the page's grain: no grain at all
WHITE_POINT = 245  # mean grey of a block of paper as white as a scan makes it
TONE_PEERS = 12  # grey levels: blocks this close in tone are the same paper or card ground
MIN_REGION_SHARE = 0.001  # of the page; smaller is the gap inside a glyph or between two words
MAX_REGION_SHARE = 0.06  # larger smooth areas are the layout (margins, photo background), not a field


def _blocks(a: np.ndarray) -> np.ndarray:
    """``a`` cut into BLOCK×BLOCK tiles: shape (rows, cols, BLOCK*BLOCK)."""
    rows, cols = a.shape[0] // BLOCK, a.shape[1] // BLOCK
    tiles = a[: rows * BLOCK, : cols * BLOCK].reshape(rows, BLOCK, cols, BLOCK)
    return tiles.swapaxes(1, 2).reshape(rows, cols, -1)


def _ink_fill(image: np.ndarray) -> np.ndarray:
    """Blocks of dark or vivid solid colour (hair, a black box, a seal's or an emblem's red)."""
    colour = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    rows, cols = colour.shape[0] // BLOCK, colour.shape[1] // BLOCK
    small = cv2.resize(colour[: rows * BLOCK, : cols * BLOCK], (cols, rows), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    chroma = np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    return (lab[..., 0] < DARK_L) | (chroma > VIVID_CHROMA)


def block_tone(image: np.ndarray) -> np.ndarray:
    """Mean grey level per block."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    rows, cols = gray.shape[0] // BLOCK, gray.shape[1] // BLOCK
    return cv2.resize(gray[: rows * BLOCK, : cols * BLOCK], (cols, rows), interpolation=cv2.INTER_AREA).astype(np.float32)


def block_grain(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Median residual per block, and which blocks can be judged.

    Burnt-out glare and solid dark or vivid ink have no grain to lose, and a field is painted over
    on light paper or a pale card, so those blocks are left out.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    residual = np.abs(cv2.filter2D(gray.astype(np.float32), -1, _LAPLACE))
    grain = np.median(_blocks(residual), axis=2)
    clipped = ((gray >= 250) | (gray <= 5)).astype(np.float32)
    judged = (_blocks(clipped).mean(axis=2) < 0.5) & ~_ink_fill(image)
    return grain, judged


def _region(inside: np.ndarray, grain: np.ndarray, judged: np.ndarray, tone: np.ndarray,
            page: float) -> dict[str, Any] | None:
    """Figures of one smooth region against the blocks around it; None at the page's edge."""
    ys, xs = np.nonzero(inside)
    rows, cols = inside.shape
    if ys.min() == 0 or xs.min() == 0 or ys.max() == rows - 1 or xs.max() == cols - 1:
        return None  # margins and the background around a card are smooth by nature
    ring = cv2.dilate(inside.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~inside & judged
    if ring.sum() < inside.sum():
        return None  # mostly burnt-out surroundings: nothing to compare with
    level, around = float(np.median(grain[inside & judged])), float(np.median(grain[ring]))
    # Blank paper of a clean digital image is grainless everywhere: a region is only smoother than
    # it should be if the page's other blocks of the same tone keep their grain.
    shade = float(np.median(tone[inside & judged]))
    peers = judged & ~inside & (np.abs(tone - shade) < TONE_PEERS)
    if peers.any() and float(np.median(grain[peers])) < SMOOTH_SHARE * page:
        return None
    # A grainless region of another tone than its surroundings is flat artwork (a silhouette, a box
    # printed in one colour); in-painting carries the surrounding tone into what it paints.
    if level < FLAT * page and abs(shade - float(np.median(tone[ring]))) > TONE_PEERS:
        return None
    return {
        "bbox": [int(xs.min()) * BLOCK, int(ys.min()) * BLOCK, int(xs.max() + 1) * BLOCK, int(ys.max() + 1) * BLOCK],
        "grain_ratio": round(level / max(around, 1e-6), 3),
        "page_ratio": round(level / page, 3),
        "share": round(float(inside.mean()), 4),
    }


def smooth_regions(image: np.ndarray, *, limit: int = 3,
                   grain_map: tuple[np.ndarray, np.ndarray] | None = None) -> list[dict[str, Any]]:
    """Compact regions whose grain is far below the grain around them (painted over, in-painted).

    Each: ``{"bbox": [x0, y0, x1, y1] (px), "grain_ratio": inside / around, "page_ratio": inside / the
    page's typical grain, "share": of the page}``; the lowest ratios first, at most ``limit``.
    ``grain_map`` is :func:`block_grain` of the image when the caller has it already.
    """
    grain, judged = grain_map if grain_map is not None else block_grain(image)
    tone = block_tone(image)
    # paper at the white point of the scanner or copier has its grain squashed (a photocopied card's washed-out
    # ground): it cannot show grain lost
    judged = judged & (tone < WHITE_POINT)
    if not judged.any():
        return []
    page = float(np.median(grain[judged]))
    if page < MIN_GRAIN:
        return []
    smooth = ((grain < SMOOTH_SHARE * page) & judged).astype(np.uint8)
    # Re-typed text inside a painted patch breaks it into pieces; closing joins them again.
    joined = cv2.morphologyEx(smooth, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found = []
    for index in range(1, count):
        share = stats[index, cv2.CC_STAT_AREA] / grain.size
        if MIN_REGION_SHARE <= share <= MAX_REGION_SHARE:
            region = _region(labels == index, grain, judged, tone, page)
            if region is not None:
                found.append(region)
    return sorted(found, key=lambda r: r["grain_ratio"])[:limit]


GHOST_QUALITIES = (50, 60, 70, 80)
GHOST_SHARE = 0.2  # a block re-saving this much closer than the page's typical block has been saved so before
MIN_GHOST_SHARE = 0.01  # a swapped portrait or a pasted block of text, not a few blocks


def _ghost_map(gray: np.ndarray, quality: int, texture: np.ndarray) -> np.ndarray:
    """Per block: how much one more JPEG save at ``quality`` changes it, per unit of its texture."""
    _ok, data = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, quality])
    again = np.asarray(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE), np.float32)
    change = _blocks((gray.astype(np.float32) - again) ** 2).mean(axis=2)
    return change / (texture + 1.0)


def jpeg_ghosts(image: np.ndarray, *, limit: int = 2,
                grain_map: tuple[np.ndarray, np.ndarray] | None = None) -> list[dict[str, Any]]:
    """Textured regions that an extra JPEG save at one quality barely changes, unlike the rest of the page.

    A region pasted from a picture saved at a lower quality keeps that quantisation: saved again at that
    quality it hardly changes (a JPEG ghost), while the rest of the page does. Each:
    ``{"bbox", "ghost_ratio": region change / change around it, "quality", "share"}``.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    grain, judged = grain_map if grain_map is not None else block_grain(image)
    textured = judged & (grain >= 0.5 * max(float(np.median(grain[judged])) if judged.any() else 0.0, MIN_GRAIN))
    if textured.sum() < 50:
        return []
    texture = _blocks(np.abs(cv2.filter2D(gray.astype(np.float32), -1, _LAPLACE))).mean(axis=2)
    maps = {quality: _ghost_map(gray, quality, texture) for quality in GHOST_QUALITIES}
    typicals = {quality: float(np.median(ghost[textured])) for quality, ghost in maps.items()}
    found: list[dict[str, Any]] = []
    for quality, ghost in maps.items():
        if _page_saved_so(typicals, quality):
            continue
        typical = typicals[quality]
        low = ((ghost < GHOST_SHARE * typical) & textured).astype(np.uint8)
        joined = cv2.morphologyEx(low, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
        count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        for index in range(1, count):
            if stats[index, cv2.CC_STAT_AREA] < MIN_GHOST_SHARE * ghost.size:
                continue
            inside = labels == index
            ring = cv2.dilate(inside.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~inside & textured
            if ring.sum() < 10 or _saved_so_too(maps, ring, quality):
                continue
            ys, xs = np.nonzero(inside)
            ratio = float(np.median(ghost[inside & textured])) / max(float(np.median(ghost[ring])), 1e-6)
            found.append({"bbox": [int(xs.min()) * BLOCK, int(ys.min()) * BLOCK,
                                   int(xs.max() + 1) * BLOCK, int(ys.max() + 1) * BLOCK],
                          "ghost_ratio": round(ratio, 3), "quality": quality, "share": round(float(inside.mean()), 4)})
    return sorted(found, key=lambda r: r["ghost_ratio"])[:limit]


def _page_saved_so(typicals: dict[int, float], quality: int) -> bool:
    """Whether the page as a whole was last saved at ``quality`` (sent on by a messenger app, re-saved by an
    editor): saved again at that quality it changes far less than at the next coarser one, whereas a page
    saved otherwise changes a little less at each finer quality. Then all of it re-saves nearly unchanged
    at that quality, some blocks exactly so, and those are no region pasted from a picture saved so."""
    qualities = sorted(typicals)
    at = qualities.index(quality)
    other = qualities[at - 1] if at > 0 else qualities[1]  # the coarsest is compared with the next finer one
    return typicals[quality] < GHOST_SHARE * typicals[other]


def _saved_so_too(maps: dict[int, np.ndarray], ring: np.ndarray, quality: int) -> bool:
    """Whether the page around a region shows the same ghost at ``quality`` (it changes far less then than at
    any other quality): the region shares the page's own JPEG history (a photo saved at that quality, its
    smooth paper re-saving unchanged) and no paste is shown."""
    around = {q: float(np.median(ghost[ring])) for q, ghost in maps.items()}
    return around[quality] < GHOST_SHARE * min(v for q, v in around.items() if q != quality)


def edit_regions(image: np.ndarray) -> dict[str, list[dict[str, Any]]]:
    """Both region measurements of a page (painted over, pasted from another JPEG), its grain measured once."""
    grain_map = block_grain(image)
    return {"smooth_regions": smooth_regions(image, grain_map=grain_map),
            "jpeg_ghosts": jpeg_ghosts(image, grain_map=grain_map)}
