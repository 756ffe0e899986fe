"""Discover MIDI input ports without letting a missing MIDI system crash anything.

On a machine with no ALSA sequencer, `mido.get_input_names()` raises SystemError instead of
returning an empty list (see shared/PLATFORM.md); here that becomes "no inputs" plus a reason.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputScan:
    """The MIDI inputs found, or why none could be looked for."""

    names: tuple[str, ...]
    problem: str | None = None


def scan_inputs() -> InputScan:
    """List MIDI input port names through mido's rtmidi backend."""
    try:
        import mido

        return InputScan(tuple(mido.get_input_names()))
    except (SystemError, OSError, RuntimeError, ImportError) as exc:
        return InputScan((), f"the MIDI system is not available ({exc})".rstrip())
