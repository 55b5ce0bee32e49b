"""The ink of a phrase overprinted on the diagonal across a copy (仅供…使用，他用无效), wiped before a second read.

Where the overprint crosses the card's fields, OCR reads its characters into the name and the address, or loses the
fields' small labels under it. The phrase is set in one ink, lighter than the card's black print or coloured, along
parallel slanted rows; the first read already found its words where they cross nothing (overprint.py). Their boxes
tell the rows' slant and the ink's tone; the rows themselves are found from the ink along that slant over the whole
sheet, so that the rows are wiped where they cross the card too. Only the overprint's ink inside those rows is wiped
(black print keeps its strokes where the two cross), the page is read again, and the two reads are merged: a word of
the first read stays where the second read has nothing, so a grey label wiped with the overprint is not lost.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np
from pydantic import BaseModel, ConfigDict

from docproc.core.models import BBox, Word
from docproc.reading.ocr import OcrEngine, number_lines
from docproc.reading.overprint import MIN_PIECE, MIN_UNITS, SLANT_DEGREES, overprinted, slant, units

PAPER = 235  # grey levels at or above this are paper, not ink
INK_MARGIN = 60  # grey levels below the overprint's lighter strokes still taken as its ink
COLOUR_SATURATION = 40  # an ink this saturated (HSV, 0–255) is told from the print by its colour
COLOUR_DISTANCE = 45.0  # Lab distance within which a pixel is the overprint's colour
ANGLE_SEARCH = 5.0  # degrees either side of the words' slant searched for the rows' own slant
ANGLE_STEP = 0.25
ROW_SHARE = 0.2  # an offset whose ink is at least this share of a full row's lies on a row
ROW_PAD = 0.3  # a row is widened by this share of the phrase's character height either side
SHRINK = 4  # the slant is searched on an image this many times smaller
# The field labels of a card: a word of the second read that grew leftwards over one starts at its right edge.
LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码", "签发机关", "有效期限")


class Ink(BaseModel):
    """The overprint's ink and the rows it runs along: what :func:`ink_mask` wipes."""

    model_config = ConfigDict(frozen=True)

    angle: float  # degrees of the rows against the horizontal, image coordinates (negative: rising to the right)
    height: float  # px, one character of the phrase
    lightest: int  # grey level: ink is at least this light (and lighter than paper)
    colour: tuple[int, int, int] | None = None  # Lab of a coloured ink; None for a grey one
    rows: tuple[tuple[float, float], ...] = ()  # offsets across the rows (px) each row spans, low to high


def _slanted(words: Sequence[Word]) -> list[Word]:
    return [w for w in overprinted(words) if slant(w) >= SLANT_DEGREES and units(w.text) >= MIN_UNITS]


def _crop(image: np.ndarray, box: BBox) -> np.ndarray:
    return image[max(0, int(box.y0)) : int(box.y1), max(0, int(box.x0)) : int(box.x1)]


def _rising(grey: np.ndarray, word: Word) -> bool:
    """Whether the word's ink runs up to the right (along its box's rising diagonal) rather than down."""
    crop = _crop(grey, word.bbox) < PAPER
    h, w = crop.shape[:2]
    if h < 2 or w < 2:
        return True
    t = np.linspace(0.05, 0.95, 64)
    xs, band = (t * (w - 1)).astype(int), max(1, h // 10)
    rising = sum(crop[max(0, y - band) : y + band + 1, x].sum() for x, y in zip(xs, ((1 - t) * (h - 1)).astype(int), strict=True))
    falling = sum(crop[max(0, y - band) : y + band + 1, x].sum() for x, y in zip(xs, (t * (h - 1)).astype(int), strict=True))
    return bool(rising >= falling)


def _offsets(shape: tuple[int, ...], angle: float, step: int = 1) -> np.ndarray:
    """Each pixel's distance across rows at ``angle`` (px of the full image)."""
    a = math.radians(angle)
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32) * step
    return ys * math.cos(a) - xs * math.sin(a)


def _candidates(image: np.ndarray, grey: np.ndarray, lightest: int, colour: tuple[int, int, int] | None) -> np.ndarray:
    """Pixels the overprint's ink could have made (before the rows restrict them)."""
    if colour is None:
        return (grey >= lightest) & (grey < PAPER)
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB).astype(np.float32)
    return np.asarray(np.linalg.norm(lab - np.array(colour, np.float32), axis=2) < COLOUR_DISTANCE)


def _ink_tone(image: np.ndarray, grey: np.ndarray, words: list[Word]) -> tuple[int, tuple[int, int, int] | None]:
    """The lightest grey still taken as the overprint's ink, and its Lab colour when it is coloured."""
    grey_ink = np.concatenate([_crop(grey, w.bbox).ravel() for w in words])
    grey_ink = grey_ink[grey_ink < PAPER]
    lightest = int(max(1, np.percentile(grey_ink, 25) - INK_MARGIN)) if grey_ink.size else PAPER
    if image.ndim != 3 or image.shape[2] != 3 or image.shape[:2] != grey.shape[:2]:
        return lightest, None
    pixels = np.concatenate([_crop(image, w.bbox).reshape(-1, 3) for w in words])
    pixels = pixels[cv2.cvtColor(pixels[None], cv2.COLOR_BGR2GRAY)[0] < PAPER]
    if not pixels.size:
        return lightest, None
    hsv = cv2.cvtColor(pixels[None], cv2.COLOR_BGR2HSV)[0]
    coloured = pixels[hsv[:, 1] >= COLOUR_SATURATION]
    if len(coloured) < len(pixels) / 2:
        return lightest, None
    lab = cv2.cvtColor(coloured[None], cv2.COLOR_BGR2LAB)[0]
    return lightest, tuple(int(v) for v in np.median(lab, axis=0))  # type: ignore[return-value]


def _best_angle(candidates: np.ndarray, prior: float) -> float:
    """The slant along which the candidate ink piles up in the sharpest rows, searched near ``prior``."""
    small = cv2.resize(candidates.astype(np.float32), None, fx=1 / SHRINK, fy=1 / SHRINK, interpolation=cv2.INTER_AREA)
    best, best_score = prior, -1.0
    for angle in np.arange(prior - ANGLE_SEARCH, prior + ANGLE_SEARCH + 1e-6, ANGLE_STEP):
        offsets = _offsets(small.shape, float(angle), SHRINK)
        bins = ((offsets - offsets.min()) / SHRINK).astype(np.int64).ravel()
        profile = np.bincount(bins, weights=small.ravel())
        score = float((profile**2).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def _rows(candidates: np.ndarray, angle: float, height: float) -> tuple[tuple[float, float], ...]:
    """The offset ranges across the rows where the candidate ink runs along ``angle``."""
    offsets = _offsets(candidates.shape, angle)
    low = float(offsets.min())
    bins = (offsets - low).astype(np.int64)
    counts = np.bincount(bins[candidates], minlength=int(bins.max()) + 1).astype(np.float64)
    window = max(3, int(height / 3)) | 1
    profile = np.convolve(counts, np.ones(window) / window, mode="same")
    on = profile >= ROW_SHARE * np.percentile(profile[profile > 0], 95) if (profile > 0).any() else profile > 0
    pad = ROW_PAD * height
    rows: list[tuple[float, float]] = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if end - start >= height / 3:  # a run thinner than a third of a character is no row of the phrase
            rows.append((low + start - pad, low + end + pad))
    return tuple(rows)


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def overprint_ink(image: np.ndarray, words: Sequence[Word], grey: np.ndarray | None = None) -> Ink | None:
    """The ink and rows of a phrase overprinted across ``image`` whose first read gave ``words``; None without one.

    ``grey`` is the grey page that was read (the image's own grey when None): the ink's tone is taken from it.
    """
    slanted = _slanted(words)
    if not slanted:
        return None
    grey = _grey(image) if grey is None else grey
    signed = [slant(w) * (-1 if _rising(grey, w) else 1) for w in slanted]
    prior = float(np.median(signed))
    heights = [(w.bbox.x1 - w.bbox.x0) / (units(w.text) * math.cos(math.radians(abs(prior))) + math.sin(math.radians(abs(prior))))
               for w in slanted]
    height = float(np.median(heights))
    lightest, colour = _ink_tone(image, grey, slanted)
    candidates = _candidates(image, grey, lightest, colour)
    angle = _best_angle(candidates, prior)
    return Ink(angle=round(angle, 2), height=round(height, 1), lightest=lightest, colour=colour,
               rows=_rows(candidates, angle, height))


def ink_mask(image: np.ndarray, ink: Ink, grey: np.ndarray | None = None) -> np.ndarray:
    """Pixels of ``image`` the overprint's ink made: its tone (in ``grey``, as for :func:`overprint_ink`) or colour,
    inside its rows."""
    grey = _grey(image) if grey is None else grey
    offsets = _offsets(grey.shape, ink.angle)
    inside = np.zeros(grey.shape, bool)
    for low, high in ink.rows:
        inside |= (offsets >= low) & (offsets <= high)
    return _candidates(image, grey, ink.lightest, ink.colour) & inside


def wipe(grey: np.ndarray, mask: np.ndarray, height: float) -> np.ndarray:
    """``grey`` with the masked pixels set to the paper around them."""
    size = max(3, int(height / 4)) | 1
    paper = cv2.dilate(grey, np.ones((size, size), np.uint8))
    out = grey.copy()
    out[mask] = paper[mask]
    return out


# ---------------------------------------------------------------- the second read and the merge


def _compact(word: Word) -> str:
    return "".join(word.text.split())


def _share_inside(word: Word, others: Sequence[Word]) -> float:
    """Share of ``word``'s characters (taken evenly along its box) that lie inside one of ``others``' boxes."""
    text = _compact(word)
    if not text:
        return 0.0
    b = word.bbox
    step = (b.x1 - b.x0) / len(text)
    middle = (b.y0 + b.y1) / 2
    inside = 0
    for i in range(len(text)):
        x = b.x0 + (i + 0.5) * step
        inside += any(o.bbox.x0 <= x <= o.bbox.x1 and o.bbox.y0 <= middle <= o.bbox.y1 for o in others)
    return inside / len(text)


def _phrase_share(word: Word, phrase: str) -> float:
    """Share of the word's characters that stand in runs of two or more also found in the phrase (款使, 他用); a word of
    one character, its own. A label that shares one character with the phrase (住址 and 住房贷款) is no piece of it."""
    text = _compact(word)
    if len(text) <= 1:
        return float(bool(text) and text in phrase)
    covered = [False] * len(text)
    for start in range(len(text) - 1):
        end = start + 2
        while end <= len(text) and text[start:end] in phrase:
            covered[start:end] = [True] * (end - start)
            end += 1
    return sum(covered) / len(text)


def _piece_of(word: Word, phrases: Sequence[str]) -> bool:
    text = "".join(c for c in word.text if c.isalnum())
    return len(text) >= MIN_PIECE and not text.isdigit() and any(text in phrase for phrase in phrases)


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _lossy(before: str, after: str, phrase: str) -> bool:
    """Whether ``after`` is ``before`` with characters lost, none of them the overprint phrase's."""
    if not after or len(after) >= len(before) or not _subsequence(after, before):
        return False
    lost = list(before)
    for c in after:
        lost.remove(c)
    return not any(c in phrase for c in lost)


def _x_order(words: Sequence[Word]) -> str:
    return "".join(_compact(w) for w in sorted(words, key=lambda w: w.bbox.x0))


def _lost_print(first: Sequence[Word], second: Sequence[Word], phrase: str) -> set[int]:
    """The second-read words (by id) that only lost characters of the print the first read had there and no
    character of the overprint phrase (a wipe removes ink; losing the phrase's characters is what it is for): the
    second-read words that lie within one first-read word and together read only part of it."""
    lost: set[int] = set()
    for word in first:
        parts = [w for w in second if _share_inside(w, [word]) >= 0.5]
        if parts and _lossy(_compact(word), _x_order(parts), phrase):
            lost |= set(map(id, parts))
    return lost


def _after_label(word: Word, labels: Sequence[Word]) -> Word:
    """A second-read word whose box grew leftwards over a kept label on its row starts at the label's right edge."""
    b = word.bbox
    for label in labels:
        lb = label.bbox
        same_row = min(b.y1, lb.y1) - max(b.y0, lb.y0) >= 0.5 * min(b.y1 - b.y0, lb.y1 - lb.y0)
        if same_row and b.x0 < lb.x1 < b.x1 and lb.x0 < b.x0 + (lb.x1 - lb.x0):
            b = b.model_copy(update={"x0": lb.x1})
    return word if b is word.bbox else word.model_copy(update={"bbox": b})


def merge_reads(first: Sequence[Word], second: Sequence[Word]) -> list[Word]:
    """One page of words from the first read and the read after the overprint was wiped.

    A first-read word stays unless at least half its characters lie inside the second read's words, or at least half
    of them are the overprint phrase's own characters; a second-read word that grew leftwards over a label kept from
    the first read starts where the label ends. A second-read word that is only a piece of the phrase as the first read
    gave it (the ink of a few of its characters left unwiped) is dropped, and so is one that only lost characters
    of the print the first read had there (thin grey print wiped with the overprint): the first read's words stay.
    """
    pieces = [w.text for w in overprinted(first)]
    phrase = "".join(pieces)
    lost = _lost_print(first, second, phrase)
    second = [w for w in second if not _piece_of(w, pieces) and id(w) not in lost]
    kept = [w for w in first if _share_inside(w, second) < 0.5 and _phrase_share(w, phrase) < 0.5]
    labels = [w for w in kept if _compact(w) in LABELS]
    merged = [*kept, *(_after_label(w, labels) for w in second)]
    return number_lines([w] for w in merged)


def read_through_overprint(image: np.ndarray, clean: np.ndarray, words: Sequence[Word],
                           ocr: OcrEngine) -> tuple[list[Word], bool]:
    """The page's words read again with the overprint wiped from ``clean`` when the first read shows one.

    ``image`` is the render (colour where the page has any), ``clean`` the grey page the first read was made of,
    ``words`` that read. Returns the words, and whether the overprint was wiped and the page read again.
    """
    ink = overprint_ink(image, words, clean)
    if ink is None or not ink.rows:
        return list(words), False
    mask = ink_mask(image, ink, clean)
    if not mask.any():
        return list(words), False
    second = ocr.read(wipe(clean, mask, ink.height))
    return merge_reads(words, second), True

