"""ID cards on a page: a photographed card told by its outline, cards copied or scanned side by side on
a sheet told by their tone on a plain ground; each flattened by a perspective warp to the ID-1 shape, long
side horizontal, with the corners it had on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docproc.reading.imaging import _shrink, to_gray

CARD_ASPECT = 85.6 / 54.0  # ISO/IEC 7810 ID-1, the Chinese resident ID card


@dataclass(frozen=True, eq=False)
class Card:
    """A card found on a page: flattened, long side horizontal, and the corners it had on the page."""

    image: np.ndarray
    quad: np.ndarray  # page pixels: top-left, top-right, bottom-right, bottom-left as found


def find_cards(img: np.ndarray, *, aspect: float = CARD_ASPECT, width: int = 1200) -> list[Card]:
    """Every card on a page, each flattened to ``width`` px, top to bottom then left to right.

    A photographed card fills much of the frame and is told by its outline; cards copied or scanned
    side by side on one sheet (front and back on A4) are small and told by their tone on a plain ground.
    """
    small = _shrink(img, 800)
    quads = _card_quads(small, aspect=aspect, tolerance=0.08) or _cards_on_plain_ground(small, aspect=aspect)
    quads += _other_half(small, quads, aspect=aspect)
    scale = img.shape[1] / small.shape[1]
    quads.sort(key=lambda q: (round(float(q[:, 1].mean()) / (0.1 * small.shape[0])), float(q[:, 0].mean())))
    return [Card(image=_warp(img, q * scale, width=width, height=round(width / aspect)), quad=q * scale)
            for q in quads]


COLLAGE_TALL = 1.3  # height over width of two landscape photos joined top to bottom (a phone's 拼图)


def _other_half(img: np.ndarray, quads: list[np.ndarray], *, aspect: float) -> list[np.ndarray]:
    """A second card in the other half of a tall picture whose one card found lies wholly in one half: two
    photos joined top to bottom, each card too small a share of the whole to be told by its outline there."""
    height = img.shape[0]
    if len(quads) != 1 or height < COLLAGE_TALL * img.shape[1]:
        return []
    half, rows = height // 2, quads[0][:, 1]
    if rows.max() <= half:
        top = half
    elif rows.min() >= half:
        top = 0
    else:
        return []
    found = _card_quads(img[top : top + half], aspect=aspect, tolerance=0.08)
    return [q + np.array([0, top], np.float32) for q in found if not _same_place(quads[0], q + [0, top])]


def find_card(
    img: np.ndarray, *, aspect: float = CARD_ASPECT, width: int = 1200
) -> np.ndarray | None:
    """Flatten a photographed card to ``width`` px (long side horizontal); None unless one card is seen."""
    cards = find_cards(img, aspect=aspect, width=width)
    return cards[0].image if len(cards) == 1 else None


PLAIN_GROUND_SHARE = 0.3  # the commonest smoothed tone covers this much of the page: a sheet or a scanner lid
CARD_TONE_STEP = 6  # levels (in any colour channel) between a card's smoothed tone and the ground's
CARD_PAGE_SHARE = (0.02, 0.4)  # a card copied on a sheet covers this share of it (a larger one has its outline)
CARD_SHAPE_TOLERANCE = 0.1  # copies are cropped and skewed a little; A4 (1.41) stays out
CARDS_HOLD_INK = 0.9  # share of the page's ink the cards found must hold: cropping to them loses nothing else


def _cards_on_plain_ground(img: np.ndarray, *, aspect: float) -> list[np.ndarray]:
    """Card-shaped regions whose tone stands off a plain ground: text alone (thin strokes) does not.

    A pale card whose grey barely differs from white paper still differs in one colour channel.
    None unless the cards hold nearly all the page's ink, so that a card missed or a page of other
    text around them is never cropped away.
    """
    colour = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    smooth = cv2.medianBlur(colour[:, :, :3], max(9, max(img.shape[:2]) // 60) | 1)
    gray = to_gray(smooth)
    counts = np.bincount(gray.ravel(), minlength=256)
    level = int(counts.argmax())
    if counts[max(0, level - 2):level + 3].sum() < PLAIN_GROUND_SHARE * gray.size:
        return []
    ground = np.median(smooth[gray == level], axis=0)
    distance = np.abs(smooth.astype(np.int16) - ground.astype(np.int16)).max(axis=2)
    off_ground = np.where(distance > CARD_TONE_STEP, 255, 0).astype(np.uint8)
    mask = cv2.morphologyEx(off_ground, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    low, high = (share * gray.size for share in CARD_PAGE_SHARE)
    found: list[np.ndarray] = []
    for contour in contours:
        quad = _rect_of(contour, min_area=low, max_area=high)
        if quad is not None and abs(_side_ratio(quad) - aspect) <= CARD_SHAPE_TOLERANCE * aspect \
                and _inside_margin(quad, gray.shape):
            found.append(quad)
    return found if found and _ink_within(to_gray(img), found, level) >= CARDS_HOLD_INK else []


def _inside_margin(quad: np.ndarray, shape: tuple[int, ...], margin: int = 3) -> bool:
    """The ground shows all round: a band of a card's own design reaching its edges is no card on a sheet."""
    height, width = shape[:2]
    return bool(quad[:, 0].min() >= margin and quad[:, 1].min() >= margin
                and quad[:, 0].max() <= width - 1 - margin and quad[:, 1].max() <= height - 1 - margin)


def _ink_within(gray: np.ndarray, quads: list[np.ndarray], ground: int) -> float:
    """Share of the page's dark print that lies inside the quads."""
    ink = gray < ground - 60
    inside = np.zeros(gray.shape, np.uint8)
    for quad in quads:
        cv2.fillConvexPoly(inside, quad.astype(np.int32), 1)
    total = int(ink.sum())
    return float((ink & (inside > 0)).sum()) / total if total else 1.0


def _rect_of(contour: np.ndarray, *, min_area: float, max_area: float) -> np.ndarray | None:
    """The rotated box around a region that fills it snugly (a flat copy: no perspective to follow)."""
    hull = cv2.convexHull(contour)
    hull_area = cv2.contourArea(hull)
    rect = cv2.minAreaRect(hull)
    if not min_area <= hull_area <= max_area or hull_area < 0.85 * rect[1][0] * rect[1][1]:
        return None
    return _order_corners(cv2.boxPoints(rect).astype(np.float32))


def _card_quads(img: np.ndarray, *, aspect: float, tolerance: float) -> list[np.ndarray]:
    plain = to_gray(img)
    gray = cv2.GaussianBlur(plain, (5, 5), 0)
    otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    edges = cv2.dilate(cv2.Canny(gray, 50, 150), np.ones((3, 3), np.uint8))
    area = gray.shape[0] * gray.shape[1]
    found: list[np.ndarray] = []
    for mask in (otsu, 255 - otsu, edges):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            quad = _quad_of(contour, min_area=0.15 * area, max_area=0.95 * area)
            if quad is None or abs(_side_ratio(quad) - aspect) > tolerance * aspect:
                continue  # an A4 page (1.41) is not a card (1.59)
            # rules are looked for unblurred: thin ones on a shrunk page fade under the blur
            if not _ruled(plain, quad) and not any(_same_place(quad, q) for q in found):
                found.append(quad)
    return found


def _quad_of(contour: np.ndarray, *, min_area: float, max_area: float) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    hull_area = cv2.contourArea(hull)
    if not min_area <= hull_area <= max_area:
        return None
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(approx) == 4:
        return _order_corners(approx.reshape(4, 2).astype(np.float32))
    rect = cv2.minAreaRect(hull)  # rounded corners: the rotated bounding box, if it fits snugly
    if hull_area < 0.85 * rect[1][0] * rect[1][1]:
        return None
    return _order_corners(cv2.boxPoints(rect).astype(np.float32))


def _side_ratio(quad: np.ndarray) -> float:
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    a, b = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    return float(max(a, b) / max(min(a, b), 1.0))


def _ruled(gray: np.ndarray, quad: np.ndarray) -> bool:
    """Long straight lines inside the quad: a table or a form box on a page, not a card."""
    flat = _warp(gray, quad, width=320, height=200)
    ink = cv2.adaptiveThreshold(flat, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    inner = ink[10:-10, 10:-10]  # the quad's own edge is not a rule
    rows = cv2.morphologyEx(inner, cv2.MORPH_OPEN, np.ones((1, 240), np.uint8))
    cols = cv2.morphologyEx(inner, cv2.MORPH_OPEN, np.ones((150, 1), np.uint8))
    return cv2.countNonZero(rows) + cv2.countNonZero(cols) > 0


def _same_place(a: np.ndarray, b: np.ndarray) -> bool:
    size = float(np.linalg.norm(a[0] - a[2]))
    return float(np.linalg.norm(a.mean(axis=0) - b.mean(axis=0))) < 0.25 * size


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]], np.float32)


def _warp(img: np.ndarray, quad: np.ndarray, *, width: int, height: int) -> np.ndarray:
    top, side = np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[3] - quad[0])
    if side > top:  # card stands upright in the photo: put its long side on top
        quad = quad[[3, 0, 1, 2]]
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(img, matrix, (width, height), flags=cv2.INTER_CUBIC)
