"""Reading stored JSON tolerantly: a payload written by a newer (or older) release may carry a key this
release's model does not know. API input models stay strict (``extra="forbid"``); stored payloads are
validated by :func:`load`, which drops unknown keys (logged once per key and place) and validates again.
Every other validation error still raises.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
_seen: set[tuple[str, tuple[Any, ...]]] = set()


def _drop(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the key at ``loc`` from nested dicts and lists; False when the path does not lead there."""
    node = data
    for step in loc[:-1]:
        inside_dict = isinstance(node, dict) and step in node
        if inside_dict or (isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)):
            node = node[step]
        else:
            return False
    if isinstance(node, dict) and loc and loc[-1] in node:
        del node[loc[-1]]
        return True
    return False


def load(model: type[M], data: Any, *, where: str) -> M:
    """``model`` validated from a stored payload, unknown keys ignored."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc
    cleaned = copy.deepcopy(data)
    for _ in range(3):  # a key may hide another only behind a union member; a few rounds settle it
        errors = first.errors()
        extra = [tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
        if len(extra) != len(errors) or not all(_drop(cleaned, loc) for loc in extra):
            raise first
        for loc in extra:
            if (where, loc) not in _seen:
                _seen.add((where, loc))
                log.warning("%s: ignored a stored key this release does not know: %s", where,
                            ".".join(map(str, loc)))
        try:
            return model.model_validate(cleaned)
        except ValidationError as exc:
            first = exc
    raise first
