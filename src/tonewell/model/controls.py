"""Controller curves: the volume, pan, expression and sustain-pedal changes a clip plays.

A MIDI file shapes its sound over time with controller changes: a crescendo on expression, a
pan sweep, the sustain pedal pressed and lifted. Tonewell keeps the few that General MIDI players
agree on, as points in a clip (like its notes), so a piece sounds the same after import and
export. This module is the one place that names which controllers are kept and where each
starts when nothing has set it.
"""

from __future__ import annotations

from dataclasses import dataclass

CC_VOLUME = 7
CC_PAN = 10
CC_EXPRESSION = 11
CC_SUSTAIN = 64
"""The sustain pedal: 64..127 is down, 0..63 is up."""

KEPT_CONTROLLERS: tuple[int, ...] = (CC_VOLUME, CC_PAN, CC_EXPRESSION, CC_SUSTAIN)
"""The controllers a clip may hold, in the order a channel is set up."""

CONTROLLER_NAMES: dict[int, str] = {
    CC_VOLUME: "volume",
    CC_PAN: "pan",
    CC_EXPRESSION: "expression",
    CC_SUSTAIN: "sustain pedal",
}

EXPRESSION_DEFAULT = 127
PEDAL_UP = 0

RESET_VALUES: dict[int, int] = {CC_VOLUME: 100, CC_PAN: 64, CC_EXPRESSION: 127, CC_SUSTAIN: 0}
"""Where each kept controller starts on a channel nothing has set (General MIDI's reset)."""


def pedal_down(value: int) -> bool:
    """Whether a sustain-pedal value holds notes (General MIDI: 64 and above)."""
    return value >= 64


@dataclass(frozen=True, slots=True, order=True)
class ControlPoint:
    """A controller set to `value` (0..127) at `tick`, counted from the clip's start.

    Ordering is by (tick, controller, value), the order points are stored and played in.
    """

    tick: int
    controller: int
    value: int

    def __post_init__(self) -> None:
        if self.tick < 0:
            raise ValueError(f"control tick {self.tick} is negative")
        if self.controller not in KEPT_CONTROLLERS:
            kept = ", ".join(str(c) for c in KEPT_CONTROLLERS)
            raise ValueError(f"controller {self.controller} is not one Tonewell keeps ({kept})")
        if not 0 <= self.value <= 127:
            raise ValueError(f"control value {self.value} is not in 0..127")
