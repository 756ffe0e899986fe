"""The notes copied in the piano roll, kept for the whole app run.

One clipboard shared by every piano roll (and so by every clip): copy in one clip, paste in
another. The notes are stored so the earliest starts at tick 0; paste places them at a tick.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tonewell.model import Note

_copied: tuple[Note, ...] = ()


def copy_notes(notes: Iterable[Note]) -> int:
    """Keep `notes` (shifted to start at 0) for a later paste; returns how many."""
    global _copied
    notes = sorted(notes)
    if not notes:
        return 0
    first = notes[0].start_tick
    _copied = tuple(replace(n, start_tick=n.start_tick - first) for n in notes)
    return len(_copied)


def copied_notes() -> tuple[Note, ...]:
    return _copied


def clear() -> None:
    global _copied
    _copied = ()
