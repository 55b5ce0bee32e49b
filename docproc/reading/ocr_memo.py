"""OCR results remembered by the pixels they were read from.

Reading a page again after a change to the reader (a better seal finder, a new forensic figure)
re-runs only the OCR calls whose input image changed; every other call is answered from disk.
Keys hold the engine's name and version, the call's arguments and a hash of the image, so a new
engine release or a different preprocessing never reuses a stale answer.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from docproc.core.models import Word
from docproc.reading.legend_fit import Lattice
from docproc.reading.ocr import DEFAULT_LANG, ORIENTATION_RULE, OcrEngine

_PACKAGES = {"rapidocr": "rapidocr-onnxruntime", "tesseract": "pytesseract"}


def _engine_version(name: str) -> str:
    try:
        return metadata.version(_PACKAGES.get(name, name))
    except metadata.PackageNotFoundError:
        return "unknown"


class MemoizedOcr:
    """An :class:`OcrEngine` that answers repeated calls on identical pixels from ``root``."""

    def __init__(self, engine: OcrEngine, root: Path) -> None:
        self.engine = engine
        self.name = engine.name
        self.root = root
        self._version = _engine_version(engine.name)

    def _key(self, call: str, image: np.ndarray, **args: Any) -> str:
        digest = hashlib.sha256()
        digest.update(json.dumps([self.name, self._version, call, args, image.shape, str(image.dtype)]).encode())
        digest.update(np.ascontiguousarray(image).tobytes())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def _recall(self, key: str) -> Any:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _keep(self, key: str, value: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # one writer per process; the rename is atomic
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def read(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, psm: int = 3, whitelist: str | None = None
    ) -> list[Word]:
        """The engine's words for this image, remembered."""
        key = self._key("read", image, lang=lang, psm=psm, whitelist=whitelist)
        known = self._recall(key)
        if known is not None:
            return [Word.model_validate(w) for w in known]
        words = self.engine.read(image, lang=lang, psm=psm, whitelist=whitelist)
        self._keep(key, [w.model_dump(mode="json") for w in words])
        return words

    def read_line(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, whitelist: str | None = None
    ) -> tuple[str, float]:
        """The engine's line read, remembered."""
        key = self._key("read_line", image, lang=lang, whitelist=whitelist)
        known = self._recall(key)
        if known is not None:
            return str(known[0]), float(known[1])
        text, confidence = self.engine.read_line(image, lang=lang, whitelist=whitelist)
        self._keep(key, [text, confidence])
        return text, confidence

    def read_line_lattice(self, image: np.ndarray, *, lang: str = DEFAULT_LANG) -> tuple[str, float, Lattice]:
        """The engine's line read with its lattice, remembered (an engine without lattices gives none)."""
        key = self._key("read_line_lattice", image, lang=lang)
        known = self._recall(key)
        if known is not None:
            return str(known[0]), float(known[1]), tuple(tuple((str(c), float(p)) for c, p in f) for f in known[2])
        reader = getattr(self.engine, "read_line_lattice", None)
        if reader is None:
            text, confidence, lattice = (*self.engine.read_line(image, lang=lang), ())
        else:
            text, confidence, lattice = reader(image, lang=lang)
        self._keep(key, [text, confidence, lattice])
        return text, confidence, lattice

    def orientation(self, image: np.ndarray) -> int:
        """The engine's orientation, remembered."""
        key = self._key("orientation", image, rule=ORIENTATION_RULE)
        known = self._recall(key)
        if known is not None:
            return int(known)
        angle = self.engine.orientation(image)
        self._keep(key, angle)
        return angle
