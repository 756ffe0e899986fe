"""Musical time: ticks, the tempo map, the time signature, and conversions between them.

All positions inside Tonewell are integer ticks at one resolution, `PPQ` ticks per quarter note.
Seconds, samples and MIDI delta times appear only at the edges (engine, io).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

PPQ = 480
"""Ticks per quarter note, for the whole app."""

MIN_BPM = 10.0
MAX_BPM = 400.0


@dataclass(frozen=True, slots=True)
class TempoChange:
    """From `tick` on, the tempo is `bpm` quarter notes per minute."""

    tick: int
    bpm: float

    def __post_init__(self) -> None:
        if self.tick < 0:
            raise ValueError(f"tick {self.tick} is negative")
        if not MIN_BPM <= self.bpm <= MAX_BPM:
            raise ValueError(f"tempo {self.bpm} BPM is not in {MIN_BPM:g}..{MAX_BPM:g}")

    @property
    def us_per_quarter(self) -> int:
        """The MIDI tempo: microseconds per quarter note."""
        return round(60_000_000 / self.bpm)


@dataclass(frozen=True, slots=True)
class TempoMap:
    """Tempo changes sorted by tick; the first is always at tick 0."""

    changes: tuple[TempoChange, ...] = (TempoChange(0, 90.0),)
    _starts_s: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _ticks: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.changes:
            raise ValueError("a tempo map needs at least one tempo")
        changes = tuple(sorted(self.changes, key=lambda c: c.tick))
        if changes[0].tick != 0:
            raise ValueError("the first tempo must start at tick 0")
        ticks = [c.tick for c in changes]
        if len(set(ticks)) != len(ticks):
            raise ValueError("two tempo changes at the same tick")
        starts = [0.0]
        for prev, cur in itertools.pairwise(changes):
            starts.append(starts[-1] + (cur.tick - prev.tick) * 60.0 / (prev.bpm * PPQ))
        object.__setattr__(self, "changes", changes)
        object.__setattr__(self, "_starts_s", tuple(starts))
        object.__setattr__(self, "_ticks", tuple(ticks))

    @classmethod
    def constant(cls, bpm: float) -> TempoMap:
        return cls((TempoChange(0, float(bpm)),))

    @property
    def initial_bpm(self) -> float:
        return self.changes[0].bpm

    def bpm_at(self, tick: int) -> float:
        """The tempo in force at `tick`."""
        return self.changes[bisect.bisect_right(self._ticks, tick) - 1].bpm

    def tick_to_seconds(self, tick: float) -> float:
        """Seconds from tick 0 to `tick`, through every tempo change before it."""
        if tick <= 0:
            return tick * 60.0 / (self.changes[0].bpm * PPQ)
        i = bisect.bisect_right(self._ticks, tick) - 1
        change = self.changes[i]
        return self._starts_s[i] + (tick - change.tick) * 60.0 / (change.bpm * PPQ)

    def seconds_to_tick(self, seconds: float) -> float:
        """The (fractional) tick reached after `seconds`; the inverse of `tick_to_seconds`."""
        if seconds <= 0:
            return seconds * self.changes[0].bpm * PPQ / 60.0
        i = bisect.bisect_right(self._starts_s, seconds) - 1
        change = self.changes[i]
        return change.tick + (seconds - self._starts_s[i]) * change.bpm * PPQ / 60.0

    def with_initial_bpm(self, bpm: float) -> TempoMap:
        """This map with its first tempo replaced (what a single tempo control edits)."""
        return TempoMap((TempoChange(0, float(bpm)), *self.changes[1:]))


VALID_DENOMINATORS = (1, 2, 4, 8, 16, 32)


@dataclass(frozen=True, slots=True)
class TimeSignature:
    """Beats per bar (`numerator`) of note value 1/`denominator`."""

    numerator: int = 4
    denominator: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.numerator <= 32:
            raise ValueError(f"time signature numerator {self.numerator} is not in 1..32")
        if self.denominator not in VALID_DENOMINATORS:
            raise ValueError(
                f"time signature denominator {self.denominator} is not a power of two up to 32"
            )

    @property
    def ticks_per_beat(self) -> int:
        return PPQ * 4 // self.denominator

    @property
    def ticks_per_bar(self) -> int:
        return self.ticks_per_beat * self.numerator

    def bar_beat(self, tick: int) -> tuple[int, int, int]:
        """(bar, beat, tick within the beat) of `tick`; bar and beat count from 1."""
        bar, in_bar = divmod(tick, self.ticks_per_bar)
        beat, in_beat = divmod(in_bar, self.ticks_per_beat)
        return bar + 1, beat + 1, in_beat

    def tick_of(self, bar: int, beat: int = 1, tick_in_beat: int = 0) -> int:
        """The tick at (bar, beat, tick within the beat), counting bars and beats from 1."""
        return (bar - 1) * self.ticks_per_bar + (beat - 1) * self.ticks_per_beat + tick_in_beat

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


def whole_bars(ticks: int, ticks_per_bar: int) -> int:
    """How many whole bars hold `ticks` ticks: the ticks rounded up to a bar, counted in bars
    (0 for 0; a bar begun is a bar). The one place this rounding is written."""
    if ticks_per_bar <= 0:
        raise ValueError(f"ticks_per_bar {ticks_per_bar} is not positive")
    return -(-ticks // ticks_per_bar)


def format_clock(seconds: float) -> str:
    """`65.4` -> `1:05`: whole minutes and seconds, as a clock shows them (never rounds up, so
    a piece's length is the value the playhead shows when it reaches the end)."""
    minutes, secs = divmod(int(max(0.0, seconds)), 60)
    return f"{minutes}:{secs:02d}"
