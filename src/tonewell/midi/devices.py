"""Discover MIDI input ports without letting a missing MIDI system crash anything.

On a machine with no ALSA sequencer, `mido.get_input_names()` raises SystemError instead of
returning an empty list (see shared/PLATFORM.md); here that becomes "no inputs" plus a reason.
ALSA's C library also prints its own complaint on stderr then; that noise is kept out of the
user's terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputScan:
    """The MIDI inputs found, or why none could be looked for."""

    names: tuple[str, ...]
    problem: str | None = None


@contextlib.contextmanager
def _quiet_c_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the duration (C libraries write there)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def scan_inputs() -> InputScan:
    """List MIDI input port names through mido's rtmidi backend."""
    try:
        import mido

        with _quiet_c_stderr():
            return InputScan(tuple(mido.get_input_names()))
    except (SystemError, OSError, RuntimeError, ImportError):
        return InputScan((), "no MIDI system is available on this computer")
