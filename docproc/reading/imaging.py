"""OpenCV helpers over numpy arrays: decoding, encoding, orientation, deskew, illumination.

Images are BGR uint8 unless a function says gray. Coordinates are pixels of the given image,
top-left origin. Seals are found in :mod:`docproc.reading.seals`, ID cards in :mod:`docproc.reading.cards`; both
build on these helpers.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings

import cv2
import numpy as np
from PIL import Image, ImageOps

from docproc.core.errors import CorruptFile, DecompressionBomb, EmptyFile

# ---------------------------------------------------------------- decoding


def load_image(data: bytes, *, max_pixels: int = 60_000_000) -> np.ndarray:
    """Decode image bytes to BGR, refusing oversized images before decoding any pixel."""
    if not data:
        raise EmptyFile("the image file is empty: upload the scan again")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            pil = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as exc:  # past Pillow's own hard limit (~179 Mpx)
            raise _bomb(_declared_size(data), max_pixels) from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise CorruptFile(f"the image cannot be decoded: {exc}") from exc
        if pil.width * pil.height > max_pixels:
            raise _bomb(pil.size, max_pixels)
        try:
            pil.load()
            rgb = _pil_to_rgb(ImageOps.exif_transpose(pil))
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise CorruptFile(f"the image cannot be decoded: {exc}") from exc
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _bomb(size: tuple[int, int] | None, max_pixels: int) -> DecompressionBomb:
    shown = f"{size[0]}×{size[1]} pixels" if size else "too many pixels"
    return DecompressionBomb(f"the image is {shown}, over the limit of {max_pixels:,}: upload a smaller scan")


def _declared_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the header, via the format plugin without Pillow's bomb check."""
    Image.init()
    for fmt in Image.ID:
        factory, accept = Image.OPEN[fmt]
        if accept is None or accept(data[:16]):
            with contextlib.suppress(Exception):  # not this format after all: try the next
                return factory(io.BytesIO(data), "").size  # reads the header only
    return None


def _pil_to_rgb(pil: Image.Image) -> np.ndarray:
    if pil.mode in ("I", "I;16", "I;16B", "I;16L", "F"):  # 16-bit / float scans: scale to 8 bits
        arr = np.asarray(pil, dtype=np.float64)
        arr = arr * (255.0 / arr.max()) if arr.max() > 0 else arr
        return cv2.cvtColor(arr.astype(np.uint8), cv2.COLOR_GRAY2RGB)
    if pil.mode in ("RGBA", "LA", "PA") or "transparency" in pil.info:
        rgba = pil.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        pil = Image.alpha_composite(white, rgba)  # transparent scans go on white, not black
    return np.asarray(pil.convert("RGB"))


def encode_png(img: np.ndarray) -> bytes:
    """PNG bytes of an image."""
    return _encode(img, ".png", [])


def encode_jpeg(img: np.ndarray, quality: int = 85) -> bytes:
    """JPEG bytes of an image."""
    return _encode(img, ".jpg", [cv2.IMWRITE_JPEG_QUALITY, quality])


def _encode(img: np.ndarray, ext: str, params: list[int]) -> bytes:
    ok, buf = cv2.imencode(ext, img, params)
    if not ok:
        raise ValueError(f"cannot encode a {img.shape} image as {ext}")
    return buf.tobytes()


# ---------------------------------------------------------------- geometry


def to_gray(img: np.ndarray) -> np.ndarray:
    """Gray copy of a BGR, BGRA or gray image."""
    if img.ndim == 2:
        return img.copy()
    code = cv2.COLOR_BGRA2GRAY if img.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(img, code)


def to_bgr(img: np.ndarray) -> np.ndarray:
    """A three-channel copy of a gray image; a BGR image as it is."""
    return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) if img.ndim == 2 else img


def rotate(img: np.ndarray, degrees_clockwise: int) -> np.ndarray:
    """Rotate by a multiple of 90 degrees, clockwise."""
    if degrees_clockwise % 90:
        raise ValueError(f"rotate takes multiples of 90 degrees, not {degrees_clockwise}")
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    turn = degrees_clockwise % 360
    return img.copy() if turn == 0 else cv2.rotate(img, codes[turn])


def deskew(img: np.ndarray, *, max_angle: float = 10.0) -> tuple[np.ndarray, float]:
    """Straighten a slightly rotated page; returns (image, skew found in degrees, ccw positive)."""
    angle = estimate_skew(img, max_angle=max_angle)
    if angle is None or abs(angle) < 0.1:
        return img, 0.0
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    white = (255,) * (1 if img.ndim == 2 else img.shape[2])
    fixed = cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=white)
    return fixed, angle


def estimate_skew(img: np.ndarray, *, max_angle: float = 10.0) -> float | None:
    """Skew of the text lines (ccw positive) by projection-profile search; None if unreliable.

    The ink is what Otsu's threshold calls dark. In a photo of a document that fills only part of the
    frame (a licence on a wall behind glass, a page on a desk) that threshold parts the scene's shade from
    its light instead, and the profile is flat: the ink is then the thin dark strokes on whatever ground.
    """
    gray = _shrink(to_gray(img), 1000)
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    angle = _profile_skew(ink, max_angle)
    return angle if angle is not None else _profile_skew(_strokes(gray), max_angle)


STROKE_WIDTH = 15  # px at 1000 px a side: print this thin or thinner is text; wider dark areas are the scene


def _strokes(gray: np.ndarray) -> np.ndarray:
    """Dark strokes thinner than STROKE_WIDTH against their own surroundings (a black-hat), as ink."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (STROKE_WIDTH, STROKE_WIDTH))
    hat = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, kernel)
    return cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def _profile_skew(ink: np.ndarray, max_angle: float) -> float | None:
    """The angle whose row profile of ``ink`` is sharpest; None if too little or too much ink or a flat profile."""
    ys, xs = np.nonzero(ink)
    if not 0.002 < len(xs) / ink.size < 0.4:
        return None
    if len(xs) > 200_000:  # a subsample keeps the profile shape and the search fast
        pick = np.random.default_rng(0).choice(len(xs), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs_f, ys_f = xs - xs.mean(), ys - ys.mean()

    def sharpness(deg: float) -> float:
        t = math.radians(deg)  # row of each ink pixel once the page is turned back by deg
        rows = np.round(ys_f * math.cos(t) + xs_f * math.sin(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    coarse = np.arange(-max_angle, max_angle + 0.01, 0.5)
    scores = np.array([sharpness(a) for a in coarse])
    best = float(coarse[int(scores.argmax())])
    if scores.max() < 1.3 * np.median(scores):
        return None  # flat profile: no text lines to go by
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(fine[int(np.argmax([sharpness(a) for a in fine]))]), 2)


def _shrink(img: np.ndarray, max_side: int) -> np.ndarray:
    scale = max_side / max(img.shape[:2])
    if scale >= 1:
        return img
    return cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


# ---------------------------------------------------------------- cleaning for OCR


def normalize_illumination(img: np.ndarray) -> np.ndarray:
    """Gray page with uneven lighting flattened and contrast stretched."""
    gray = to_gray(img)
    small = _shrink(gray, 512)
    k = max(15, max(small.shape) // 20) | 1
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    background = cv2.GaussianBlur(background, (k, k), 0)
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = gray.astype(np.float32) * 255.0 / np.maximum(background.astype(np.float32), 1.0)
    flat = np.clip(flat, 0, 255)
    lo, hi = np.percentile(flat, (0.5, 99.5))
    if hi - lo >= 32:  # a nearly blank page is left alone rather than its noise amplified
        flat = np.clip((flat - lo) * 255.0 / (hi - lo), 0, 255)
    return flat.astype(np.uint8)
