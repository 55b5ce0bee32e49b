"""A test double for OCR: replays words recorded from a real engine (a JSON sidecar) or given by a test."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from docproc.core.models import Word
from docproc.reading.ocr import DEFAULT_LANG, OcrEngine, filter_whitelist, join_cjk


def image_key(image: np.ndarray) -> str:
    """A stable fingerprint of an image's pixels, used as the replay key."""
    digest = hashlib.sha256(str(image.shape).encode() + np.ascontiguousarray(image).tobytes())
    return digest.hexdigest()[:16]


class ReplayOcrEngine:
    """Replays recorded words: from a list (any image), a mapping image_key → words, or JSON."""

    name = "replay"

    def __init__(self, recorded: Sequence[Word] | Mapping[str, Sequence[Word]] | Path) -> None:
        if isinstance(recorded, Path):
            recorded = _load_sidecar(recorded)
        if isinstance(recorded, Mapping):
            self._by_key = {k: list(v) for k, v in recorded.items()}
        else:
            self._by_key = {"*": list(recorded)}

    def read(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, psm: int = 3, whitelist: str | None = None
    ) -> list[Word]:
        """The words recorded for this image (or for ``*``), whitelist applied."""
        words = self._by_key.get(image_key(image), self._by_key.get("*", []))
        return filter_whitelist(words, whitelist)

    def read_line(
        self, image: np.ndarray, *, lang: str = DEFAULT_LANG, whitelist: str | None = None
    ) -> tuple[str, float]:
        """The recorded words joined as one line."""
        words = self.read(image, whitelist=whitelist)
        if not words:
            return "", 0.0
        return join_cjk(" ".join(w.text for w in words)), sum(w.confidence for w in words) / len(words)

    def orientation(self, image: np.ndarray) -> int:
        """Recorded pages are upright."""
        return 0


def _load_sidecar(path: Path) -> dict[str, list[Word]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: [Word.model_validate(w) for w in words] for key, words in raw["reads"].items()}


def record(engine: OcrEngine, image: np.ndarray, path: Path, **read_args: Any) -> list[Word]:
    """Read ``image`` with a real engine and add the words to a JSON sidecar for replay."""
    words = engine.read(image, **read_args)
    raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"reads": {}}
    raw["engine"] = engine.name
    raw["reads"][image_key(image)] = [w.model_dump(mode="json") for w in words]
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return words
