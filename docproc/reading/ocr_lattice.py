"""A line read with what the recogniser saw at each position: its text, its confidence and a lattice.

The PP-OCR line recogniser scores every character it knows at each position of the line (a CTC output); its
read is the likeliest character per position. A :data:`~docproc.reading.legend_fit.Lattice` keeps, per
position, the few characters it found likeliest after the blank, so a name expected on the line can later be
aligned with what was seen (:mod:`docproc.reading.legend_fit`) without reading the image again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from docproc.reading.imaging import to_bgr
from docproc.reading.legend_fit import Lattice

KEEP = 5  # characters kept per position
KEEP_MIN = 0.005  # and only those at least this likely


def lattice_of(probs: np.ndarray, characters: Sequence[str]) -> Lattice:
    """Per row of a CTC output (positions × characters, column 0 the blank), the likeliest characters other
    than the blank, with their probabilities."""
    frames = []
    for row in probs:
        order = np.argsort(-row)[: KEEP + 1]
        frames.append(tuple((characters[i], round(float(row[i]), 3)) for i in order
                            if i != 0 and row[i] >= KEEP_MIN)[:KEEP])
    return tuple(frames)


def rapid_line_lattice(rapid: Any, image: np.ndarray) -> tuple[str, float, Lattice] | None:
    """The recogniser of a ``RapidOCR`` instance run on one line image as its own call with detection off
    would run it (same resizing, same decoding), with the lattice of its output; None when this release does
    not expose what that takes."""
    try:
        rec, prepare = rapid.text_rec, rapid.preprocess
        characters = rec.postprocess_op.character
        _, height, width = rec.rec_image_shape[:3]
    except AttributeError:
        return None
    img, _, _ = prepare(to_bgr(image))
    h, w = img.shape[:2]
    ratio = max(width / height, w / max(h, 1))
    batch = rec.resize_norm_img(img, ratio)[np.newaxis].astype(np.float32)
    probs = rec.session(batch)[0]
    text, score = rec.postprocess_op(probs, False, wh_ratio_list=[w / max(h, 1)], max_wh_ratio=ratio)[0]
    return str(text), float(score), lattice_of(probs[0], characters)
