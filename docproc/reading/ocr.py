"""OCR engines behind one protocol; the only module that imports pytesseract or rapidocr.

Every engine returns ``Word`` objects whose bbox is in pixels of the image it was given,
with ``line`` a page-global line index increasing from top to bottom.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import cv2
import numpy as np

from docproc.core.errors import ConfigError, TransientError
from docproc.core.models import BBox, Unit, Word
from docproc.core.registry import Registry
from docproc.core.timing import stage
from docproc.reading.heap import heap_returned, lean_onnx_sessions
from docproc.reading.imaging import to_bgr
from docproc.reading.legend_fit import Lattice
from docproc.reading.ocr_lattice import rapid_line_lattice
from docproc.reading.orientation import orientation_by_lines, orientation_by_reading, text_sample
from docproc.reading.threads import onnx_options

DEFAULT_LANG = "chi_sim+eng"
CJK_GAP = 0.6  # merge CJK neighbours whose gap is under this fraction of the char height
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CJK_SPACE = re.compile(rf"(?<={_CJK.pattern})\s+(?={_CJK.pattern})")
_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")
OSD_MIN_CONFIDENCE = 2.0  # below this, tesseract's OSD guess is a coin toss on CJK pages
REC_BATCH = 2  # text boxes recognised at once
ORIENTATION_RULE = "3"  # bump when an engine's orientation() changes, so remembered answers are not reused


@runtime_checkable
class OcrEngine(Protocol):
    """What the reading stage needs from an OCR engine."""

    name: str

    def read(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, psm: int = 3, whitelist: str | None = None
    ) -> list[Word]:
        """Words in reading order, bbox in px of ``image``."""
        ...

    def read_line(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, whitelist: str | None = None
    ) -> tuple[str, float]:
        """One text line: (text, mean confidence 0..1)."""
        ...

    def orientation(self, image: np.ndarray) -> int:
        """Clockwise rotation (0/90/180/270) that makes the text upright; 0 when unsure."""
        ...


# ---------------------------------------------------------------- shared word helpers


def is_cjk(char: str) -> bool:
    """True for CJK ideographs and full-width punctuation."""
    return bool(_CJK.match(char))


def join_cjk(text: str) -> str:
    """Remove the spaces OCR puts between CJK characters."""
    return _CJK_SPACE.sub("", " ".join(text.split()))


def merge_cjk(words: Sequence[Word], *, max_gap: float = CJK_GAP) -> list[Word]:
    """Merge neighbouring CJK words on one line whose gap is small relative to char height."""
    merged: list[Word] = []
    for word in words:
        prev = merged[-1] if merged else None
        if prev is not None and _joinable(prev, word, max_gap):
            n1, n2 = len(prev.text), len(word.text)
            conf = (prev.confidence * n1 + word.confidence * n2) / (n1 + n2)
            merged[-1] = prev.model_copy(
                update={"text": prev.text + word.text, "bbox": prev.bbox.union(word.bbox), "confidence": conf}
            )
        else:
            merged.append(word)
    return merged


def _joinable(a: Word, b: Word, max_gap: float) -> bool:
    if a.line != b.line or not (is_cjk(a.text[-1]) and is_cjk(b.text[0])):
        return False
    height = max(a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0, 1.0)
    return b.bbox.x0 - a.bbox.x1 < max_gap * height


def filter_whitelist(words: Iterable[Word], whitelist: str | None) -> list[Word]:
    """Keep only whitelisted characters; drop words left empty."""
    if whitelist is None:
        return list(words)
    allowed = set(whitelist)
    kept = []
    for word in words:
        text = "".join(c for c in word.text if c in allowed)
        if text:
            kept.append(word.model_copy(update={"text": text}))
    return kept


def _to_rgb(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2RGB)
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


# ---------------------------------------------------------------- tesseract


class TesseractEngine:
    """Tesseract 5 via pytesseract, single-threaded (OpenMP threads only spin on 2 cores)."""

    name = "tesseract"

    def __init__(self, *, timeout: float = 60.0, merge_gap: float = CJK_GAP) -> None:
        self.timeout = timeout
        self.merge_gap = merge_gap
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # inherited by the tesseract process

    def read(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, psm: int = 3, whitelist: str | None = None
    ) -> list[Word]:
        """Words in reading order; CJK characters of one word merged."""
        data = self._data(image, lang=lang, psm=psm, whitelist=whitelist)
        words = merge_cjk(_words_from_data(data), max_gap=self.merge_gap)
        return filter_whitelist(words, whitelist)

    def read_line(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, whitelist: str | None = None
    ) -> tuple[str, float]:
        """Single-line read (psm 7): text without spaces between CJK, mean confidence."""
        words = _words_from_data(self._data(image, lang=lang, psm=7, whitelist=whitelist))
        words = filter_whitelist(words, whitelist)
        if not words:
            return "", 0.0
        text = join_cjk(" ".join(w.text for w in words))
        return text, sum(w.confidence for w in words) / len(words)

    def orientation(self, image: np.ndarray) -> int:
        """OSD when it is sure; else its guess checked by reading a sample at each quarter turn."""
        sample = text_sample(image)
        guess, confidence = self._osd(sample)
        if guess is not None and confidence >= OSD_MIN_CONFIDENCE:
            return guess
        return orientation_by_reading(lambda im: self.read(im, lang="chi_sim", psm=6), sample, first=guess)

    def _osd(self, image: np.ndarray) -> tuple[int | None, float]:
        """Tesseract's (rotation, confidence), or (None, 0) when it has no answer."""
        import pytesseract

        try:
            out = pytesseract.image_to_osd(
                _to_rgb(image), config="--psm 0 -c min_characters_to_try=5", timeout=self.timeout
            )
        except pytesseract.TesseractError:
            return None, 0.0  # "too few characters": not an engine failure, just no answer
        except RuntimeError as exc:
            raise TransientError(f"tesseract orientation detection failed: {exc}") from exc
        rotate_match, conf_match = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
        if rotate_match is None or conf_match is None:
            return None, 0.0
        return int(rotate_match.group(1)) % 360, float(conf_match.group(1))

    def _data(self, image: np.ndarray, *, lang: str, psm: int, whitelist: str | None) -> dict[str, list[Any]]:
        import pytesseract

        config = f"--psm {psm}"
        if whitelist:
            config += f" -c tessedit_char_whitelist={_quote(whitelist)}"
        try:
            data: dict[str, list[Any]] = pytesseract.image_to_data(
                _to_rgb(image), lang=lang, config=config, timeout=self.timeout, output_type=pytesseract.Output.DICT
            )
        except RuntimeError as exc:  # TesseractError and the timeout are both RuntimeErrors
            raise TransientError(f"tesseract failed: {exc}") from exc
        return data


def _quote(whitelist: str) -> str:
    # pytesseract splits config with shlex; quote so spaces and symbols survive
    return "'" + whitelist.replace("'", "") + "'"


def _words_from_data(data: Mapping[str, list[Any]]) -> list[Word]:
    """Tesseract TSV rows → words, lines numbered top to bottom."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        conf = float(data["conf"][i])
        if int(data["level"][i]) != 5 or not text or conf < 0:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        box = BBox(x0=x, y0=y, x1=x + w, y1=y + h, unit=Unit.PX)
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        groups.setdefault(key, []).append(Word(text=text, bbox=box, confidence=min(conf, 100) / 100))
    return number_lines(groups.values())


def number_lines(lines: Iterable[list[Word]]) -> list[Word]:
    """Number visual rows top to bottom; lines side by side (label and value, table cells) share one."""
    rows: list[list[list[Word]]] = []
    for line in sorted(lines, key=lambda ws: _centre_y(_span(ws))):
        if rows and _same_row(rows[-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    out: list[Word] = []
    for index, row in enumerate(rows):
        words = sorted((w for line in row for w in line), key=lambda w: w.bbox.x0)
        out.extend(w.model_copy(update={"line": index}) for w in words)
    return out


def _span(words: list[Word]) -> BBox:
    box = words[0].bbox
    for word in words[1:]:
        box = box.union(word.bbox)
    return box


def _centre_y(box: BBox) -> float:
    return (box.y0 + box.y1) / 2


def _same_row(row: list[list[Word]], line: list[Word]) -> bool:
    """The line's centre lies within the row's first line and it overlaps none of the row sideways."""
    box, first = _span(line), _span(row[0])
    if not first.y0 <= _centre_y(box) <= first.y1:
        return False
    return all(box.x1 <= other.x0 or box.x0 >= other.x1 for other in map(_span, row))


# ---------------------------------------------------------------- rapidocr


class RapidOcrEngine:
    """PP-OCR models on onnxruntime; one Word per detected text box. Loaded once per instance."""

    name = "rapidocr"

    def __init__(self, *, timeout: float = 60.0) -> None:
        self.timeout = timeout  # kept for a uniform constructor; rapidocr runs in-process
        self._ocr: Any = None

    def _engine(self) -> Any:
        if self._ocr is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise ConfigError(_RAPID_MISSING) from exc
            with stage("engine_load"), lean_onnx_sessions():
                # the process's OCR thread limit (threads.py); short recognition batches: a batch is padded
                # to its longest line, and six long contract lines held 200 MB more at once than two
                self._ocr = RapidOCR(**onnx_options(), rec_batch_num=REC_BATCH)
        return self._ocr

    def read(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, psm: int = 3, whitelist: str | None = None
    ) -> list[Word]:
        """Text boxes as words (lang and psm are ignored; the model is multilingual)."""
        return filter_whitelist(number_lines([w] for w in self._words(image)), whitelist)

    def _words(self, image: np.ndarray, *, turn_lines: bool = True) -> list[Word]:
        engine = self._engine()
        with heap_returned():  # a whole page's detection frees hundreds of MB that glibc would keep (heap.py)
            result, _ = engine(to_bgr(image), use_cls=turn_lines)
        words = []
        for box, text, score in result or []:
            text = str(text).strip()
            if not text:
                continue
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            bbox = BBox(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys), unit=Unit.PX)
            words.append(Word(text=text, bbox=bbox, confidence=_clip(score)))
        return words

    def read_line(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, whitelist: str | None = None
    ) -> tuple[str, float]:
        """Recognition only, no detection: the image is one text line."""
        result, _ = self._engine()(to_bgr(image), use_det=False, use_cls=False, use_rec=True)
        if not result:
            return "", 0.0
        text, score = str(result[0][0]), _clip(result[0][1])
        if whitelist is not None:
            text = "".join(c for c in text if c in set(whitelist))
        return join_cjk(text), score if text else 0.0

    def read_line_lattice(self, image: np.ndarray, *, lang: str = DEFAULT_LANG) -> tuple[str, float, Lattice]:
        """One text line read as :meth:`read_line` reads it, with what was seen at each position (a lattice)."""
        found = rapid_line_lattice(self._engine(), image)
        if found is None:
            return (*self.read_line(image, lang=lang), ())
        text, score, lattice = found
        return join_cjk(text.strip()), _clip(score) if text.strip() else 0.0, lattice

    def orientation(self, image: np.ndarray) -> int:
        """The quarter turn that makes the text upright, judged from the page's own text lines.

        The lines' shape says whether the page lies level or stands on its side, and the line classifier's
        votes say whether it is upside down: one detection on a reduced copy and a classification of a few
        lines, no recognition. When the lines do not agree clearly, the turn whose read is clearly the most
        confident is taken (:func:`orientation_by_reading`).
        """
        judged = self._orientation_by_lines(image)
        if judged is not None:
            return judged
        return orientation_by_reading(self._level_lines, text_sample(image), min_words=1)

    def _orientation_by_lines(self, image: np.ndarray) -> int | None:
        """0/90/180/270 when the detected lines and the classifier's votes agree clearly, else None."""
        return orientation_by_lines(self._engine(), image)

    def _level_lines(self, image: np.ndarray) -> list[Word]:
        return [w for w in self._words(image, turn_lines=False) if w.bbox.x1 - w.bbox.x0 > w.bbox.y1 - w.bbox.y0]




def _clip(value: Any) -> float:
    return min(max(float(value), 0.0), 1.0)


# ---------------------------------------------------------------- registry

_RAPID_MISSING = "the rapidocr engine is not installed: pip install rapidocr-onnxruntime"


def _make_tesseract(*, timeout: float) -> OcrEngine:
    import pytesseract

    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise ConfigError("tesseract is not installed: apt-get install tesseract-ocr") from exc
    return TesseractEngine(timeout=timeout)


def _make_rapidocr(*, timeout: float) -> OcrEngine:
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        raise ConfigError(_RAPID_MISSING)
    return RapidOcrEngine(timeout=timeout)


ENGINES: Registry[Callable[..., OcrEngine]] = Registry("OCR engine")
ENGINES.register("tesseract", _make_tesseract)
ENGINES.register("rapidocr", _make_rapidocr)


def make_engine(name: str, *, timeout: float = 60.0) -> OcrEngine:
    """Build an engine by registry name, or from ``package.module:Class`` (failure-injection fakes)."""
    if ":" in name:
        return _import_engine(name, timeout=timeout)
    if name not in ENGINES:
        raise ConfigError(f"unknown OCR engine {name!r}: choose one of {', '.join(ENGINES.keys())}")
    return ENGINES.get(name)(timeout=timeout)


def _import_engine(path: str, *, timeout: float) -> OcrEngine:
    module_name, _, attr = path.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot load OCR engine {path!r}: {exc}") from exc
    try:
        takes_timeout = "timeout" in inspect.signature(factory).parameters
    except (TypeError, ValueError):
        takes_timeout = False
    try:
        engine = factory(timeout=timeout) if takes_timeout else factory()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"cannot build OCR engine {path!r}: {exc}") from exc
    if not isinstance(engine, OcrEngine):
        raise ConfigError(f"{path!r} is not an OCR engine (needs name, read, read_line, orientation)")
    return engine
