"""Free-form JSON held immutably, so a Composition (which holds some) stays hashable.

A composition's `metadata` is whatever JSON a project file or an importer puts there. The model
is immutable and shared between threads, the undo history and the engine, so the JSON is frozen
on the way in (objects become `FrozenJSON`, lists become tuples) and thawed back to plain
dicts and lists on the way out to a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def freeze(value: Any) -> Any:
    """`value` with every dict made a `FrozenJSON`, every list a tuple and every set a
    frozenset, all the way down. Other values are kept as they are."""
    if isinstance(value, FrozenJSON):
        return value
    if isinstance(value, Mapping):
        return FrozenJSON(value)
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """The plain JSON of a frozen value: mappings as dicts, tuples as lists (sets stay sets,
    which JSON cannot hold; saving says so)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    if isinstance(value, frozenset):
        return {thaw(v) for v in value}
    return value


class FrozenJSON(Mapping[str, Any]):
    """An immutable, hashable mapping whose values are frozen too. Equal to a dict with the
    same items (lists inside compare as tuples)."""

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items: dict[str, Any] = {k: freeze(v) for k, v in (items or {}).items()}
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenJSON({self._items!r})"

    def thaw(self) -> dict[str, Any]:
        """A plain, independent dict (lists for tuples) for saving as JSON."""
        return thaw(self)
