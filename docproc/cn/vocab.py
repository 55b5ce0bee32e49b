"""The vocabularies the package ships as data: labels per document type and field, and name lists."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from itertools import product
from typing import Any


@cache
def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(files("docproc.cn").joinpath(name).read_text(encoding="utf-8"))


def labels(doc_type: str) -> dict[str, tuple[str, ...]]:
    """Field name → the label spellings that introduce its value on a document of ``doc_type``: those listed,
    and those a ``compose`` entry builds from its parts in order, one from each list (每 + 月 + 均 + 税前 + 工资收入)."""
    section = _load("labels.toml")[doc_type]
    found = {name: tuple(spellings) for name, spellings in section["labels"].items()}
    for name, parts in section.get("compose", {}).items():
        built = ("".join(choice) for choice in product(*parts))
        found[name] = tuple(dict.fromkeys([*found.get(name, ()), *built]))
    return found


def words(doc_type: str, key: str) -> tuple[str, ...]:
    """A further word list of ``doc_type`` (residue, not_after, prose cues)."""
    return tuple(_load("labels.toml")[doc_type]["words"].get(key, ()))


def glosses() -> tuple[str, ...]:
    """English glosses printed beside Chinese labels (Name, Account No.), lower case, spaces dropped."""
    return tuple(_load("labels.toml")["glosses"]["words"])


def names(section: str, key: str) -> tuple[str, ...]:
    """A list of names.toml (banks, organisation endings, address words)."""
    return tuple(_load("names.toml")[section][key])


def columns(table: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The column headings of a kind of table, in order: (column name, the words that name it)."""
    return tuple((c["name"], tuple(c["words"])) for c in _load("labels.toml")[table]["columns"])


def table_words(table: str, key: str) -> tuple[str, ...]:
    """A further word list of a kind of table (its footer words)."""
    return tuple(_load("labels.toml")[table]["words"].get(key, ()))
