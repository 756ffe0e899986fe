"""The grid notes snap to, and the note length a click or Enter places.

One table of grid choices (whole note to 1/32, triplets, off) drives the chooser in the piano
roll, the snapping of every gesture and the step of the keyboard cursor, so they always agree.
The note length follows the last note placed, resized or clicked, as in most music apps.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from tonewell.model import PPQ
from tonewell.model.ops import snap, snap_down

WHOLE_TICKS = PPQ * 4

GRID_CHOICES: tuple[tuple[str, int], ...] = (
    ("1/1", WHOLE_TICKS),
    ("1/2", WHOLE_TICKS // 2),
    ("1/4", WHOLE_TICKS // 4),
    ("1/8", WHOLE_TICKS // 8),
    ("1/16", WHOLE_TICKS // 16),
    ("1/32", WHOLE_TICKS // 32),
    ("1/4 T", WHOLE_TICKS // 6),
    ("1/8 T", WHOLE_TICKS // 12),
    ("1/16 T", WHOLE_TICKS // 24),
    ("Off", 0),
)
"""Grid label -> grid in ticks; 0 is no snapping. Triplets are "T", as music apps write them,
so the choosers stay narrow beside large text; `length_name` says each one in words."""

DEFAULT_GRID_TICKS = WHOLE_TICKS // 16
DEFAULT_LENGTH_TICKS = PPQ
"""A quarter note until the person places or picks another length."""

FREE_STEP_TICKS = WHOLE_TICKS // 16
"""How far the keyboard cursor steps when snapping is off."""

LENGTH_NAMES: dict[int, str] = {
    WHOLE_TICKS: "whole note",
    WHOLE_TICKS * 3 // 4: "dotted half note",
    WHOLE_TICKS // 2: "half note",
    WHOLE_TICKS * 3 // 8: "dotted quarter note",
    WHOLE_TICKS // 4: "quarter note",
    WHOLE_TICKS * 3 // 16: "dotted eighth note",
    WHOLE_TICKS // 6: "quarter-note triplet",
    WHOLE_TICKS // 8: "eighth note",
    WHOLE_TICKS // 12: "eighth-note triplet",
    WHOLE_TICKS // 16: "sixteenth note",
    WHOLE_TICKS // 24: "sixteenth-note triplet",
    WHOLE_TICKS // 32: "thirty-second note",
}


FRACTION_DENOMINATOR_MAX = 96
"""Lengths on the finest grid (1/32 notes and 1/16 triplets) are named as a fraction of a whole."""


def length_name(length_ticks: int) -> str:
    """`480` -> "quarter note", `600` -> "5/16 note"; an off-grid length is told in quarter notes
    (a person choosing a note length thinks in note values, not in ticks)."""
    if length_ticks in LENGTH_NAMES:
        return LENGTH_NAMES[length_ticks]
    whole = Fraction(length_ticks, WHOLE_TICKS)
    if whole.denominator <= FRACTION_DENOMINATOR_MAX:
        return f"{whole.numerator}/{whole.denominator} note"
    return f"about {length_ticks / PPQ:.3g} quarter notes"


def grid_label(grid_ticks: int) -> str:
    for label, ticks in GRID_CHOICES:
        if ticks == grid_ticks:
            return label
    return f"{grid_ticks} ticks"


@dataclass(slots=True)
class Snap:
    """The grid in ticks (0 = off) and the current note length in ticks."""

    grid_ticks: int = DEFAULT_GRID_TICKS
    length_ticks: int = DEFAULT_LENGTH_TICKS

    @property
    def step_ticks(self) -> int:
        """One grid step: how far the cursor and Alt+Left/Right move."""
        return self.grid_ticks or FREE_STEP_TICKS

    @property
    def min_length_ticks(self) -> int:
        """The shortest a resize may make a note."""
        return self.grid_ticks or 1

    def cell(self, tick: float) -> int:
        """The start of the grid cell holding `tick` (where a click places a note)."""
        return snap_down(tick, self.grid_ticks) if self.grid_ticks else max(0, int(tick))

    def nearest(self, tick: float) -> int:
        """The grid line nearest `tick` (where a dragged start or end lands)."""
        return snap(tick, self.grid_ticks) if self.grid_ticks else max(0, round(tick))
