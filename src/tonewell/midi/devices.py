"""Discover MIDI input ports without letting a missing MIDI system crash anything.

On a machine with no ALSA sequencer rtmidi raises as soon as a client is made (see
`ports`); here every backend the setting asks for is asked in turn, and one that cannot be used
is a reason, not an error. `tonewell devices` prints this.
"""

from __future__ import annotations

from dataclasses import dataclass

from tonewell.midi.ports import AUTOMATIC, PortsUnavailable, RtMidiPorts, backends_for

NO_MIDI_SYSTEM = "no MIDI system is available on this computer"


@dataclass(frozen=True, slots=True)
class FoundInput:
    backend: str
    name: str


@dataclass(frozen=True, slots=True)
class InputScan:
    """The MIDI inputs found, or why none could be looked for."""

    inputs: tuple[FoundInput, ...]
    problem: str | None = None
    """Set when no backend could be asked at all."""
    unavailable: tuple[tuple[str, str], ...] = ()
    """(backend, reason) for each backend that could not be asked."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(found.name for found in self.inputs)


def scan_inputs(backend: str = AUTOMATIC) -> InputScan:
    """List MIDI input ports on every backend `backend` stands for ("automatic": all)."""
    try:
        backends = backends_for(backend)
    except ValueError as err:
        return InputScan((), str(err))
    found: list[FoundInput] = []
    unavailable: list[tuple[str, str]] = []
    for name in backends:
        ports = RtMidiPorts(name)
        try:
            found.extend(FoundInput(name, port) for port in ports.input_names())
        except PortsUnavailable as err:
            unavailable.append((name, str(err)))
        finally:
            ports.close()
    problem = NO_MIDI_SYSTEM if len(unavailable) == len(backends) else None
    return InputScan(tuple(found), problem, tuple(unavailable))
