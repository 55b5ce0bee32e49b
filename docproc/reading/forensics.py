"""Measurements taken once while reading, for the anomaly checks: page hashes, JPEG error levels,
cloned regions, print sharpness under seals and fonts mixed inside one number of a PDF text layer.

Checks never look at pixels; they read these figures from the page metadata.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
from PIL import Image

from docproc.core.models import Stamp, Word
from docproc.reading.seal_ink import PALE_CHANNEL

PRINT_LEVEL = 150  # print is darker than this in every channel...
PRINT_CHROMA = 40  # ...and nearly grey (seal ink, however dark, is coloured)
MIN_STROKE_PIXELS = 400  # print pixels needed under and beside a seal to compare them
HASH_SIZE = 16  # 256 bits: fine enough that two letters from one template differ
_NUMERIC = re.compile(r"^[-+¥￥]?[\d,]+(\.\d+)?$|^\d{4}[-./年]\d{1,2}")


def page_hash(image: np.ndarray) -> str:
    """256-bit difference hash of a page image (stable under re-encoding and small scale changes)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    small = cv2.resize(gray, (HASH_SIZE + 1, HASH_SIZE), interpolation=cv2.INTER_AREA)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return f"{int(''.join('1' if b else '0' for b in bits), 2):064x}"


def picture_similarity(a: np.ndarray, b: np.ndarray, *, size: tuple[int, int] = (256, 160)) -> float:
    """How alike the fine detail of two pictures is (1.0: the same picture, maybe re-saved; near 0:
    two different cards, however alike their layout). Both are brought to one size, their blurred
    shading removed, and what is left correlated."""
    def detail(image: np.ndarray) -> np.ndarray:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
        small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA).astype(np.float32)
        high = small - cv2.GaussianBlur(small, (0, 0), 3)
        high -= high.mean()
        return high / (float(np.linalg.norm(high)) or 1.0)

    return float((detail(a) * detail(b)).sum())


ALIGN_WIDTH = 512  # pixels across at which one picture is registered onto the other


def aligned_picture_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """``picture_similarity`` after ``b`` is registered onto ``a`` by a small affine move (ECC on a 512 px copy).

    Two crops of one picture (the same card image handed in twice, found and straightened a little differently
    each time: a fraction of a degree, a pixel of shift, a few per mille of scale) lose their fine detail's
    correlation to that misalignment; registered, they correlate again. Cards of one template align as well,
    but only their shared print correlates (about 0.6 at most on ID backs), not the whole picture. A
    registration that fails or moves the picture far (more than a 20th of its width, 3 degrees, 3 % scale)
    leaves the plain comparison."""
    plain = picture_similarity(a, b)
    ga, gb = (cv2.cvtColor(x, cv2.COLOR_BGR2GRAY) if x.ndim == 3 else x for x in (a, b))
    gb = cv2.resize(gb, (ga.shape[1], ga.shape[0]), interpolation=cv2.INTER_AREA)
    scale = ALIGN_WIDTH / ga.shape[1]
    small = [cv2.resize(g, (ALIGN_WIDTH, max(1, round(ga.shape[0] * scale))), interpolation=cv2.INTER_AREA)
             .astype(np.float32) for g in (ga, gb)]
    try:
        _, found = cv2.findTransformECC(small[0], small[1], np.eye(2, 3, dtype=np.float32), cv2.MOTION_AFFINE,
                                       (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 50, 1e-5),
                                       np.full(small[0].shape, 255, np.uint8), 1)
    except cv2.error:  # no convergence: the two are not one picture moved a little
        return plain
    warp = np.asarray(found, dtype=np.float64)
    linear = warp[:, :2]
    if abs(float(warp[0, 2])) > ALIGN_WIDTH / 20 or abs(float(warp[1, 2])) > ALIGN_WIDTH / 20 \
            or np.abs(linear - np.eye(2)).max() > 0.05:
        return plain
    warp[:, 2] /= scale
    moved = cv2.warpAffine(gb, warp, (ga.shape[1], ga.shape[0]), flags=cv2.INTER_LINEAR + cv2.WARP_INVERSE_MAP,
                           borderMode=cv2.BORDER_REPLICATE)
    return max(plain, picture_similarity(ga, moved))


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hex hashes."""
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def error_level(data: bytes, *, quality: int = 90, block: int = 16) -> dict[str, float] | None:
    """Error-level analysis of a JPEG: how unevenly blocks react to one more compression.

    A pasted or retouched region was compressed a different number of times from its
    surroundings, so its error level stands out. Returns None for non-JPEG input.
    """
    if not data.startswith(b"\xff\xd8"):
        return None
    original = Image.open(io.BytesIO(data)).convert("RGB")
    buffer = io.BytesIO()
    original.save(buffer, "JPEG", quality=quality)
    again = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    diff = np.abs(np.asarray(original, dtype=np.int16) - np.asarray(again, dtype=np.int16)).max(axis=2)
    h, w = (diff.shape[0] // block) * block, (diff.shape[1] // block) * block
    if h == 0 or w == 0:
        return None
    blocks = diff[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    textured = blocks[blocks > 0.5]
    if textured.size < 16:
        return {"ela_ratio": 0.0, "ela_p99": 0.0}
    median = float(np.median(textured))
    p99 = float(np.percentile(textured, 99))
    return {"ela_ratio": round(p99 / median if median else 0.0, 3), "ela_p99": round(p99, 3)}


TWIN_DISTANCE = 20  # Hamming bits between two ORB descriptors of one patch printed twice


def cloned_regions(image: np.ndarray, *, min_matches: int = 12, min_shift: float = 40.0) -> int:
    """Count of keypoint pairs that repeat one patch elsewhere on the same image with one shift.

    Copy-move forgery leaves many keypoints matching their twins at the same offset; printed
    documents repeat glyphs too, so only a large cluster at one offset counts, and only of patches
    seen exactly twice: a patch seen a third time elsewhere is print the page repeats (the same
    labels on every card of an app's list or every row of a form), not one region copied once.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = min(1.0, 1200 / max(gray.shape))
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    orb = cv2.ORB.create(nfeatures=1500)
    keypoints, descriptors = orb.detectAndCompute(gray, None)
    if descriptors is None or len(keypoints) < 2 * min_matches:
        return 0
    matches = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(descriptors, descriptors, k=4)
    points = np.array([k.pt for k in keypoints], np.float32)
    far = min_shift * scale
    shifts: list[tuple[int, int]] = []
    for found in matches:
        if len(found) < 2:
            continue
        twin = found[1]  # found[0] is the keypoint itself
        if twin.distance > TWIN_DISTANCE:
            continue
        here, there = points[twin.queryIdx], points[twin.trainIdx]
        if np.hypot(*(there - here)) >= far and not _seen_again(found[2:], points, here, there, far):
            shifts.append((round(float(there[0] - here[0]) / 8), round(float(there[1] - here[1]) / 8)))
    if not shifts:
        return 0
    values, counts = np.unique(np.array(shifts), axis=0, return_counts=True)
    best = int(counts.max())
    return best if best >= min_matches else 0


def _seen_again(others: Sequence[Any], points: np.ndarray, here: np.ndarray, there: np.ndarray, far: float) -> bool:
    """Whether one of the further matches shows the patch a third time, away from both its places."""
    return any(m.distance <= TWIN_DISTANCE
               and min(np.hypot(*(points[m.trainIdx] - here)), np.hypot(*(points[m.trainIdx] - there))) >= far
               for m in others)


def seal_patches(image: np.ndarray, stamps: Sequence[Stamp]) -> list[dict[str, Any]]:
    """How sharp the print under each seal is against the same lines beside it.

    A seal stamped on paper leaves the print under it as sharp as its neighbours; a seal pasted
    in as a patch cut from another copy brings that copy's softer (resampled, filtered) print with
    it. Measured in the colour channel where the seal's own ink is palest, on stroke edges only.
    Returns one entry per seal with enough print both under and beside it:
    ``{"bbox": [x0, y0, x1, y1], "sharpness": under / beside}``.
    """
    if image.ndim != 3:
        return []
    found = []
    for stamp in stamps:
        channel = PALE_CHANNEL.get(stamp.color)
        if channel is None:
            continue
        b = stamp.bbox
        x0, y0, x1, y1 = max(0, int(b.x0)), max(0, int(b.y0)), int(b.x1), int(b.y1)
        band = image[y0:y1, :, channel].astype(np.float32)
        if band.size == 0:
            continue
        edges = np.abs(cv2.Laplacian(band, cv2.CV_32F, ksize=1))
        rows = image[y0:y1].astype(np.int16)
        top, low = rows.max(axis=2), rows.min(axis=2)
        dark = (top < PRINT_LEVEL) & (top - low < PRINT_CHROMA)  # black or grey print, not seal ink
        strokes = cv2.dilate(dark.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        width, cols = x1 - x0, np.arange(band.shape[1])
        under_cols = (cols >= x0) & (cols < x1)
        beside_cols = ((cols >= x0 - 2 * width) & (cols < x0)) | ((cols >= x1) & (cols < x1 + 2 * width))
        beside = beside_cols & _lines_running_under(dark, x0, x1)
        if (dark & under_cols).sum() < MIN_STROKE_PIXELS or (dark & beside).sum() < MIN_STROKE_PIXELS:
            continue
        strokes_beside = strokes & cv2.dilate(beside.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        ratio = float(edges[strokes & under_cols].mean()) / max(float(edges[strokes_beside].mean()), 1e-6)
        found.append({"bbox": [x0, y0, x1, y1], "sharpness": round(ratio, 3)})
    return found


def _lines_running_under(dark: np.ndarray, x0: int, x1: int) -> np.ndarray:
    """The print of the lines that run on under the seal, each as far as it goes on unbroken beside it.

    Print beside a seal on other lines, or on the same rows but apart from them (a camera app's date and weather
    set over a photo's corner, a form's other column), was never under the seal and says nothing of a patch:
    it may be sharper or softer for reasons of its own; so is print that only reaches into the corner of the seal's
    box. A line goes on across gaps narrower than an eighth of the seal (a character's width: a seal is some ten
    characters across)."""
    gap = max(3, (x1 - x0) // 8)
    joined = cv2.dilate(dark.astype(np.uint8), np.ones((3, gap), np.uint8))
    count, labels = cv2.connectedComponents(joined, connectivity=8)
    if count <= 1:
        return np.zeros(dark.shape, bool)
    # under the seal's middle, not its box's corner, which a round seal leaves bare (print ending there runs by it)
    a, b = x0 + (x1 - x0) // 6, x1 - (x1 - x0) // 6
    under = np.unique(labels[:, a:b][dark[:, a:b]])
    return np.isin(labels, under[under > 0]) & dark


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def mixed_font_numbers(words: list[Word]) -> list[dict[str, Any]]:
    """Numbers or dates whose characters come from more than one font (text-layer pages).

    pdfplumber splits a word where the font changes, so a figure edited with another font shows
    up as touching words on one line with different fonts that together form one number.
    """
    found = []
    ordered = sorted(words, key=lambda w: (w.line, w.bbox.x0))
    for left, right in zip(ordered, ordered[1:], strict=False):
        if left.line != right.line or not left.font or not right.font or left.font == right.font:
            continue
        touching = right.bbox.x0 - left.bbox.x1 < 0.3 * (left.bbox.y1 - left.bbox.y0)
        joined = left.text + right.text
        # Both halves must carry digits: "2025" + "年" or "10/02" + "至" is a Latin face beside a CJK one,
        # as every generator of Chinese PDFs prints them, not an edit inside a figure.
        if touching and _NUMERIC.match(joined) and _has_digit(left.text) and _has_digit(right.text):
            found.append({"text": joined, "fonts": [left.font, right.font],
                          "bbox": left.bbox.union(right.bbox).as_list()})
    return found
