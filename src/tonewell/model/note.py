"""One note: pitch, start and length in ticks, velocity."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Note:
    """A note inside a clip. `start_tick` is relative to the clip's start.

    Ordering is by (start_tick, pitch, length_ticks, velocity), the order notes are shown and
    scheduled in.
    """

    start_tick: int
    pitch: int
    length_ticks: int
    velocity: int = 100

    def __post_init__(self) -> None:
        if not 0 <= self.pitch <= 127:
            raise ValueError(f"pitch {self.pitch} is not in 0..127")
        if self.start_tick < 0:
            raise ValueError(f"start_tick {self.start_tick} is negative")
        if self.length_ticks < 1:
            raise ValueError(f"length_ticks {self.length_ticks} is less than 1")
        if not 1 <= self.velocity <= 127:
            raise ValueError(f"velocity {self.velocity} is not in 1..127")

    @property
    def end_tick(self) -> int:
        """The tick just after the note ends."""
        return self.start_tick + self.length_ticks
