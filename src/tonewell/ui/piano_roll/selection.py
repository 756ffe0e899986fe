"""The selected notes of the clip in the piano roll.

A note is a value, so the selection is a set of note values. After every edit the edit layer
says which notes to select (`NoteEdit.selection`); after an undo or another view's change the
selection keeps only the notes still in the clip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tonewell.model import Note


class Selection:
    def __init__(self, on_change: Callable[[], None] | None = None) -> None:
        self._notes: frozenset[Note] = frozenset()
        self._on_change = on_change

    def __contains__(self, note: object) -> bool:
        return note in self._notes

    def __len__(self) -> int:
        return len(self._notes)

    def __bool__(self) -> bool:
        return bool(self._notes)

    @property
    def notes(self) -> frozenset[Note]:
        return self._notes

    def sorted(self) -> list[Note]:
        return sorted(self._notes)

    def set(self, notes: Iterable[Note]) -> None:
        new = frozenset(notes)
        if new != self._notes:
            self._notes = new
            if self._on_change is not None:
                self._on_change()

    def add(self, notes: Iterable[Note]) -> None:
        self.set(self._notes | frozenset(notes))

    def toggle(self, note: Note) -> None:
        self.set(self._notes ^ {note})

    def clear(self) -> None:
        self.set(())

    def keep_only(self, present: Iterable[Note]) -> None:
        """Drop selected notes that are no longer in the clip."""
        if self._notes:
            self.set(self._notes & frozenset(present))
