"""Finding notes fast: which notes are in view, and which note is under the pointer.

The clip's notes are sorted by start tick (the model keeps them so). A note can reach into the
view from the left, so the search looks back by the clip's longest note: every note that can
be seen starts in [first visible tick - longest, last visible tick]. Two bisects give that
slice, so a 100,000-note clip costs no more to show than the part on screen.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from tonewell.model import Note


class NoteIndex:
    def __init__(self, notes: Sequence[Note]) -> None:
        self.notes: tuple[Note, ...] = tuple(notes)
        self.starts: list[int] = [n.start_tick for n in self.notes]
        self.longest_ticks: int = max((n.length_ticks for n in self.notes), default=0)

    def __len__(self) -> int:
        return len(self.notes)

    def span(self, first_tick: float, last_tick: float) -> tuple[int, int]:
        """Indices [lo, hi) of the notes that may overlap [first_tick, last_tick]."""
        lo = bisect.bisect_right(self.starts, first_tick - self.longest_ticks)
        hi = bisect.bisect_right(self.starts, last_tick)
        return lo, hi

    def first_index_from(self, tick: float) -> int:
        """Index of the first note starting at or after `tick`."""
        return bisect.bisect_left(self.starts, tick)

    def at(self, pitch: int, tick: float) -> Note | None:
        """The note sounding at (`pitch`, `tick`); of overlapping ones the latest start."""
        lo, hi = self.span(tick, tick)
        for i in range(hi - 1, lo - 1, -1):
            n = self.notes[i]
            if n.pitch == pitch and n.start_tick <= tick < n.end_tick:
                return n
        return None

    def in_box(
        self, lo_pitch: int, hi_pitch: int, first_tick: float, last_tick: float
    ) -> list[Note]:
        """Notes touching the box of pitches [lo_pitch, hi_pitch] and ticks [first, last]."""
        lo, hi = self.span(first_tick, last_tick)
        return [
            n
            for n in self.notes[lo:hi]
            if lo_pitch <= n.pitch <= hi_pitch and n.end_tick > first_tick
        ]
