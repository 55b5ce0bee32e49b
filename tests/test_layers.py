"""The architecture, enforced: imports point only down the rooms, and no module imports itself in a circle.

Rooms, from the bottom: core → cn → store → reading → extractors | validators → service → eval → web → cli | worker.
The top-level folders extractors/ and validators/ are the packages docproc.extractors and docproc.validators
(linked into docproc/), and are imported only by those names.
A room may import its own modules and any room below it; extractors and validators are one floor and may not
import each other's private helpers upward (validators may use extractors' results only through the models).
Imports inside ``if TYPE_CHECKING:`` count too: a type is a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("docproc", "extractors", "validators", "web", "worker.py")
OURS = ("docproc", "extractors", "validators", "web", "worker", "samples", "tests")
LINKED = {"extractors": "docproc.extractors", "validators": "docproc.validators"}  # folder → package

# (room prefix, floor). The longest matching prefix names a module's room.
ROOMS: tuple[tuple[str, int], ...] = (
    ("docproc.core", 0),
    ("docproc.cn", 1),
    ("docproc.store", 2),
    ("docproc.reading", 3),
    ("docproc.extractors", 4),
    ("docproc.validators", 4),
    ("docproc.service", 5),
    ("docproc.eval", 6),
    ("web", 7),
    ("docproc.cli", 8),  # `docproc serve` starts the web
    ("worker", 8),
    ("docproc", 0),  # the package itself: its version
)
# Rooms on one floor that may not import each other.
APART = {frozenset({"docproc.extractors", "docproc.validators"}), frozenset({"docproc.cli", "worker"})}


def room_of(module: str) -> tuple[str, int]:
    """The room and floor of a dotted module name (the samples generator and tests are no room at all)."""
    for prefix, floor in ROOMS:
        if module == prefix or module.startswith(prefix + "."):
            return prefix, floor
    raise LookupError(module)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    top, _, rest = name.partition(".")
    return LINKED[top] + (f".{rest}" if rest else "") if top in LINKED else name


def product_files() -> list[Path]:
    files: list[Path] = []
    for top in PRODUCT:
        base = ROOT / top
        files += [base] if base.suffix == ".py" else sorted(base.rglob("*.py"))
    return files


def imports_of(source: str, module: str) -> list[tuple[int, str]]:
    """``(line, imported module)`` for every import of ours in ``source`` (relative ones resolved)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level] if not module.endswith("__init__") else module.split(".")
                base = ".".join([*package, base] if base else package)
            # ``from package import module`` depends on the module; ``from module import name`` on the module.
            found += [(node.lineno, f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base) for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in OURS]


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def upward_imports(module: str, source: str) -> list[str]:
    """Every import in ``source`` that points up (or sideways to a room kept apart), as readable lines."""
    here, floor = room_of(module)
    wrong: list[str] = []
    for line, target in imports_of(source, module):
        if target.split(".")[0] in ("samples", "tests"):
            wrong.append(f"{module}:{line} imports {target} (the generator and the tests are not the product)")
            continue
        if target.split(".")[0] in LINKED:
            wrong.append(f"{module}:{line} imports {target} (import it as {LINKED[target.split('.')[0]]})")
            continue
        try:
            there, their_floor = room_of(target)
        except LookupError:
            continue
        if there == here:
            continue
        if their_floor > floor or (their_floor == floor and frozenset({here, there}) in APART):
            wrong.append(f"{module}:{line} imports {target} ({here} may not import {there})")
    return sorted(set(wrong))


def test_every_product_module_has_a_room() -> None:
    homeless = [module_name(p) for p in product_files() if not _has_room(module_name(p))]
    assert homeless == []


def _has_room(module: str) -> bool:
    try:
        room_of(module)
    except LookupError:
        return False
    return True


def test_imports_point_only_down() -> None:
    wrong: list[str] = []
    for path in product_files():
        wrong += upward_imports(module_name(path), path.read_text(encoding="utf-8"))
    assert wrong == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("docproc.core.models", "from docproc.store.database import Database\n"),
        ("docproc.reading.seals", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from docproc.service.context import Context\n"),
        ("docproc.extractors.id_card", "from docproc.validators._common import value\n"),
        ("docproc.service.pipeline", "from extractors import EXTRACTORS\n"),
        ("docproc.service.pipeline", "from web import create_app\n"),
        ("docproc.eval.benchmark", "from samples.generator.defects import DEFECTS\n"),
        ("docproc.cli.runner", "import worker\n"),
        ("web.server", "from docproc.cli.main import main\n"),
        ("docproc.store.database", "from docproc.store import accounts\n"),  # same room: allowed
    ],
)
def test_the_direction_test_catches_an_upward_import(module: str, source: str) -> None:
    caught = upward_imports(module, source)
    if module == "docproc.store.database":
        assert caught == []
    else:
        assert len(caught) == 1 and module in caught[0]


def _graph() -> dict[str, set[str]]:
    names = {module_name(p): p for p in product_files()}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        targets = {t for _line, t in imports_of(path.read_text(encoding="utf-8"), name)}
        graph[name] = {t for t in targets if t in names and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_no_import_cycles() -> None:
    assert cycles(_graph()) == []


def test_the_cycle_test_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


MAX_LINES = 400


def test_no_module_over_400_lines() -> None:
    long = {module_name(p): n for p in product_files() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
