"""MIDI input ports through python-rtmidi, one MIDI system ("backend": ALSA, JACK, ...) at a time.

Why not mido's ports: the play-through path wants the raw bytes and an arrival time taken first
thing in rtmidi's callback, with nothing parsed in between. `PortSystem` is the small surface the
hotplug poller needs (list names, open one with a callback); tests give it a fake.

A missing MIDI system is normal here: without an ALSA sequencer (or with no JACK server running)
rtmidi raises as soon as a client is made. That becomes `PortsUnavailable` with a plain reason;
the C libraries' own complaints on stderr are kept out of the user's terminal.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

CLIENT_NAME = "tonewell"
"""The name Tonewell's MIDI clients carry (what other programs see)."""

BACKEND_APIS: dict[str, str] = {
    "alsa": "API_LINUX_ALSA",
    "jack": "API_UNIX_JACK",
    "coremidi": "API_MACOSX_CORE",
    "winmm": "API_WINDOWS_MM",
}
"""Backend name (the setting's value) -> rtmidi's API constant. Unlisted APIs are not offered."""

BACKEND_LABELS: dict[str, str] = {
    "alsa": "ALSA",
    "jack": "JACK",
    "coremidi": "Core MIDI",
    "winmm": "Windows MIDI",
}

AUTOMATIC = "automatic"
"""The backend setting meaning every compiled MIDI system that works here."""

RawCallback = Callable[[list[int], int], None]
"""`on_message(midi_bytes, arrived_ns)`, called on rtmidi's thread; `arrived_ns` is
`time.monotonic_ns()` taken as the callback began."""


class PortsUnavailable(Exception):
    """This MIDI system cannot be used here (not installed, no server running); the message
    says so plainly."""


class OpenPort(Protocol):
    def close(self) -> None: ...


class PortSystem(Protocol):
    """One MIDI system's inputs: what the hotplug poller lists and opens."""

    backend: str

    def input_names(self) -> list[str]:
        """Input port names now; raises `PortsUnavailable`."""
        ...

    def open_input(self, name: str, on_message: RawCallback) -> OpenPort:
        """Open input `name`, calling `on_message` for each message; raises
        `PortsUnavailable` (the port or the system went away meanwhile)."""
        ...

    def close(self) -> None: ...


_ALSA_CLIENT_PORT = re.compile(r" \d+:\d+$")


def stable_name(name: str) -> str:
    """A port's name without ALSA's client:port numbers ("Keys MIDI 1 24:0" -> "Keys MIDI 1"),
    which change when a device is plugged in again: the name to remember and reconnect by."""
    return _ALSA_CLIENT_PORT.sub("", name)


@contextlib.contextmanager
def quiet_c_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the duration (ALSA and libjack write there when
    they cannot connect). Kept short: it hides every thread's stderr meanwhile."""
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


def compiled_backends() -> tuple[str, ...]:
    """The backends python-rtmidi was built with, in its order of preference."""
    try:
        import rtmidi
    except ImportError:
        return ()
    by_api = {getattr(rtmidi, api): name for name, api in BACKEND_APIS.items()}
    return tuple(by_api[api] for api in rtmidi.get_compiled_api() if api in by_api)


def backends_for(setting: str) -> tuple[str, ...]:
    """The backends a setting asks for: every compiled one for "automatic", else that one."""
    compiled = compiled_backends()
    if setting == AUTOMATIC:
        return compiled
    if setting not in compiled:
        known = ", ".join((AUTOMATIC, *compiled))
        raise ValueError(f"the MIDI backend {setting!r} is not available; choose one of: {known}")
    return (setting,)


def _unavailable(backend: str) -> PortsUnavailable:
    label = BACKEND_LABELS.get(backend, backend)
    if backend == "jack":
        return PortsUnavailable("no JACK server is running")
    return PortsUnavailable(f"{label} MIDI is not available on this computer")


def _new_midi_in(backend: str) -> Any:
    import rtmidi

    try:
        with quiet_c_stderr():
            return rtmidi.MidiIn(rtapi=getattr(rtmidi, BACKEND_APIS[backend]), name=CLIENT_NAME)
    except (OSError, RuntimeError) as err:  # rtmidi's errors are OSErrors
        raise _unavailable(backend) from err


class _RtMidiInput:
    """One open input: its own rtmidi client, closed exactly once."""

    def __init__(self, midi_in: Any) -> None:
        self._midi_in: Any = midi_in

    def close(self) -> None:
        midi_in, self._midi_in = self._midi_in, None
        if midi_in is None:
            return
        with contextlib.suppress(OSError, RuntimeError):
            midi_in.cancel_callback()
            midi_in.close_port()
        midi_in.delete()


class RtMidiPorts:
    """`PortSystem` over python-rtmidi for one backend. Listing keeps one client alive (made
    again after a failure, so a MIDI system that starts later is found); each open input is its
    own client, as rtmidi opens one port per client."""

    def __init__(self, backend: str) -> None:
        if backend not in BACKEND_APIS:
            raise ValueError(f"unknown MIDI backend {backend!r}")
        self.backend = backend
        self._lister: Any = None

    def input_names(self) -> list[str]:
        if self._lister is None:
            self._lister = _new_midi_in(self.backend)
        try:
            return list(self._lister.get_ports())
        except (OSError, RuntimeError) as err:
            self.close()
            raise _unavailable(self.backend) from err

    def open_input(self, name: str, on_message: RawCallback) -> OpenPort:
        midi_in = _new_midi_in(self.backend)
        try:
            index = list(midi_in.get_ports()).index(name)
            midi_in.ignore_types(sysex=True, timing=True, active_sense=True)

            def callback(event: tuple[list[int], float], data: object = None) -> None:
                on_message(event[0], time.monotonic_ns())

            midi_in.set_callback(callback)
            midi_in.open_port(index, "in")
        except (ValueError, OSError, RuntimeError) as err:
            midi_in.delete()
            raise PortsUnavailable(f"the MIDI input {name!r} went away") from err
        return _RtMidiInput(midi_in)

    def close(self) -> None:
        lister, self._lister = self._lister, None
        if lister is not None:
            lister.delete()
