"""Velocity curves: how hard a key is struck -> how loud the note plays, as 128-entry tables.

A light touch and a heavy touch both deserve the whole range. Each curve is a table indexed by
the incoming velocity (1..127; 0 stays 0, it means note off) built once at import, so the MIDI
callback does one lookup. Adding a curve means adding a row to `CURVE_SHAPES`.
"""

from __future__ import annotations

from collections.abc import Callable

FIXED_VELOCITY = 100
"""What every note plays at with the "fixed" curve."""


def _power(exponent: float) -> Callable[[int], int]:
    return lambda v: max(1, round(127 * (v / 127) ** exponent))


CURVE_SHAPES: dict[str, Callable[[int], int]] = {
    "soft": _power(0.6),  # for a light touch: quiet playing comes out louder
    "normal": lambda v: v,  # as played
    "hard": _power(1.6),  # for a heavy touch: it takes more force to play loud
    "fixed": lambda v: FIXED_VELOCITY,  # every note alike, however it is struck
}
"""Curve name -> incoming velocity (1..127) -> velocity played (1..127)."""

VELOCITY_CURVES: dict[str, tuple[int, ...]] = {
    name: (0, *(shape(v) for v in range(1, 128))) for name, shape in CURVE_SHAPES.items()
}
"""Curve name -> 128-entry table; entry 0 stays 0 (a note-on at velocity 0 is a note off)."""

DEFAULT_CURVE = "normal"


def curve_table(name: str) -> tuple[int, ...]:
    """The table of curve `name`; a plain ValueError naming the choices for an unknown one."""
    try:
        return VELOCITY_CURVES[name]
    except KeyError:
        known = ", ".join(VELOCITY_CURVES)
        raise ValueError(f"unknown velocity curve {name!r}; known: {known}") from None
