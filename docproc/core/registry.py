"""A tiny typed registry: register (refusing duplicates), get, iterate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Name → item; the registry key is the public id (check id, doc type, engine name)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, key: str, item: T) -> T:
        """Add ``item`` under ``key``; a duplicate key is a programming error."""
        if key in self._items:
            raise ValueError(f"duplicate {self.kind}: {key}")
        self._items[key] = item
        return item

    def decorator(self, key: str) -> Callable[[T], T]:
        """``@registry.decorator(key)`` form of :meth:`register`."""

        def wrap(item: T) -> T:
            return self.register(key, item)

        return wrap

    def get(self, key: str) -> T:
        """The item under ``key``; KeyError names the kind."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"unknown {self.kind}: {key}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[tuple[str, T]]:
        return iter(list(self._items.items()))

    def keys(self) -> list[str]:
        """Registered keys in registration order."""
        return list(self._items)
