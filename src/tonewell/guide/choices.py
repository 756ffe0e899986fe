"""What a step's choice sets, as one undoable edit and a register for the piano roll to show.

A choice's `sets` are suggestions (see `SUGGESTION_CHECKS` in guide/prompts.py): the tempo, the
key's mode and the instrument of the track being edited become one Compound command, undone in
one step like any other edit; the register is only where the piano roll looks, not an edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tonewell.edit.commands import Command, Compound
from tonewell.edit.piece_edits import set_instrument, set_key, set_loop, set_tempo
from tonewell.model import Composition

REGISTER_PITCHES = {"low": 48, "middle": 60, "high": 72}
"""A register -> the MIDI pitch the piano roll centres on (C3, middle C, C5)."""


def choice_command(comp: Composition, track_uid: int | None, label: str,
                   sets: Mapping[str, Any]) -> Command | None:
    """One command applying `sets` to `comp` (the instrument to `track_uid`, when there is a
    track), named after the choice; None when nothing in `sets` is an edit."""
    parts: list[Command] = []
    if "tempo_bpm" in sets:
        parts.append(set_tempo(comp, sets["tempo_bpm"]))
    if "mode" in sets:
        parts.append(set_key(replace(comp.key, mode=sets["mode"])))
    if track_uid is not None and ("program" in sets or "drums" in sets):
        drums = bool(sets.get("drums", False))
        parts.append(set_instrument(comp, track_uid, int(sets.get("program", 0)), is_drum=drums))
    if not parts:
        return None
    return Compound(label, tuple(parts))


def register_pitch(sets: Mapping[str, Any]) -> int | None:
    """The pitch to show for the choice's register, or None when it sets none."""
    register = sets.get("register")
    return REGISTER_PITCHES.get(register) if isinstance(register, str) else None


def loop_help(goal: Mapping[str, Any] | None, start_tick: int,
              ticks_per_bar: int) -> tuple[str, Command] | None:
    """For a goal asking for a loop of N bars: the words of a button and the one edit that
    turns the loop on over N bars from `start_tick` (the clip being edited), so the goal can
    be met with a key press as well as by dragging the ruler. None for any other goal."""
    bars = (goal or {}).get("loop_bars")
    if not isinstance(bars, int) or bars < 1:
        return None
    words = f"Loop {bars} bar{'s' if bars != 1 else ''} from here"
    return words, set_loop(start_tick, start_tick + bars * ticks_per_bar, True)
