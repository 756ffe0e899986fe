"""The one door to libfluidsynth: pyfluidsynth imported on first use, and every C function we
call ourselves declared once, with its real C types, on the library pyfluidsynth loaded.

Why our own prototypes: pyfluidsynth 1.4.0 has no `fluid_sequencer_remove_events`, no
source-only sequencer clients, no control/program/all-sounds-off sequencer events, no preset
lookup and no way to move a loaded soundfont between synths (`synth.py` says why we need that),
and it wraps the render calls with per-call checks too slow for a render loop.

One loading policy: nothing here touches the library at import time. The first call that needs
it imports pyfluidsynth (`fluidsynth_module`) and declares the prototypes (`_c`); when the
library is missing that call raises `FluidSynthUnavailable`, a plain message saying how to
install it, so everything that needs no sound keeps working.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
from ctypes import c_char_p, c_int, c_short, c_uint, c_void_p
from functools import cache
from types import ModuleType, SimpleNamespace
from typing import Any

from tonewell.errors import UserFacingError

INSTALL_HINT = "on Debian or Ubuntu: apt-get install libfluidsynth3"
"""How to get the library, said wherever its absence is reported."""

ALL = -1
"""Wildcard for `remove_events` and `all_sounds_off`."""


class FluidSynthUnavailable(UserFacingError):
    """The FluidSynth library is not installed (or pyfluidsynth cannot find it)."""


@cache
def fluidsynth_module() -> ModuleType:
    """pyfluidsynth, imported on first use; FluidSynthUnavailable when libfluidsynth is missing.

    The import is the one place pyfluidsynth is loaded. Its stdout is swallowed: pyfluidsynth
    1.4 prints "'fluidsynth' was found at …" when the environment has CI set, which would land
    in the middle of a command's output."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import fluidsynth
    except ImportError as err:  # pyfluidsynth raises ImportError when the C library is missing
        raise FluidSynthUnavailable(
            f"FluidSynth is not installed, so Tonewell cannot make sound ({INSTALL_HINT})."
        ) from err
    return fluidsynth


LogFunction = ctypes.CFUNCTYPE(None, c_int, c_char_p, c_void_p)
"""FluidSynth's log callback type (`fluid_set_log_function`)."""

_BUFFERS = [c_void_p, c_int, c_int] * 2  # (left, offset, increment), (right, offset, increment)

_PROTOTYPES: dict[str, tuple[str, Any, list[Any]]] = {
    # logging and audio out
    "set_log": ("fluid_set_log_function", LogFunction, [c_int, LogFunction, c_void_p]),
    "write_float": ("fluid_synth_write_float", c_int, [c_void_p, c_int, *_BUFFERS]),
    "write_s16": ("fluid_synth_write_s16", c_int, [c_void_p, c_int, *_BUFFERS]),
    # the synth, directly
    "noteon": ("fluid_synth_noteon", c_int, [c_void_p, c_int, c_int, c_int]),
    "noteoff": ("fluid_synth_noteoff", c_int, [c_void_p, c_int, c_int]),
    "cc": ("fluid_synth_cc", c_int, [c_void_p, c_int, c_int, c_int]),
    "bank_select": ("fluid_synth_bank_select", c_int, [c_void_p, c_int, c_int]),
    "program_change": ("fluid_synth_program_change", c_int, [c_void_p, c_int, c_int]),
    "active_voices": ("fluid_synth_get_active_voice_count", c_int, [c_void_p]),
    "all_sounds_off": ("fluid_synth_all_sounds_off", c_int, [c_void_p, c_int]),
    # soundfonts and presets
    "sfload": ("fluid_synth_sfload", c_int, [c_void_p, c_char_p, c_int]),
    "sfunload": ("fluid_synth_sfunload", c_int, [c_void_p, c_int, c_int]),
    "get_sfont_by_id": ("fluid_synth_get_sfont_by_id", c_void_p, [c_void_p, c_int]),
    "remove_sfont": ("fluid_synth_remove_sfont", c_int, [c_void_p, c_void_p]),
    "add_sfont": ("fluid_synth_add_sfont", c_int, [c_void_p, c_void_p]),
    "sfont_get_preset": ("fluid_sfont_get_preset", c_void_p, [c_void_p, c_int, c_int]),
    # the sequencer
    "register_client": (
        "fluid_sequencer_register_client",
        c_short,
        [c_void_p, c_char_p, c_void_p, c_void_p],
    ),
    "unregister_client": ("fluid_sequencer_unregister_client", None, [c_void_p, c_short]),
    "remove_events": ("fluid_sequencer_remove_events", None, [c_void_p, c_short, c_short, c_int]),
    "get_tick": ("fluid_sequencer_get_tick", c_uint, [c_void_p]),
    "send_at": ("fluid_sequencer_send_at", c_int, [c_void_p, c_void_p, c_uint, c_int]),
    "new_event": ("new_fluid_event", c_void_p, []),
    "delete_event": ("delete_fluid_event", None, [c_void_p]),
    "set_source": ("fluid_event_set_source", None, [c_void_p, c_short]),
    "set_dest": ("fluid_event_set_dest", None, [c_void_p, c_short]),
    "ev_noteon": ("fluid_event_noteon", None, [c_void_p, c_int, c_short, c_short]),
    "ev_noteoff": ("fluid_event_noteoff", None, [c_void_p, c_int, c_short]),
    "ev_cc": ("fluid_event_control_change", None, [c_void_p, c_int, c_short, c_int]),
    "ev_bank": ("fluid_event_bank_select", None, [c_void_p, c_int, c_short]),
    "ev_program": ("fluid_event_program_change", None, [c_void_p, c_int, c_int]),
    "ev_sounds_off": ("fluid_event_all_sounds_off", None, [c_void_p, c_int]),
}
"""Our name -> (C name, return type, argument types)."""


@cache
def _c() -> SimpleNamespace:
    """The declared C functions, on our own handle to the library pyfluidsynth loaded."""
    lib = ctypes.CDLL(fluidsynth_module().lib)
    functions: dict[str, Any] = {}
    for key, (name, restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
        functions[key] = fn
    return SimpleNamespace(**functions)


def c_functions() -> SimpleNamespace:
    """The declared C functions (by the keys of `_PROTOTYPES`), loading the library if needed.
    For hot loops that fetch a function once; everything else uses the wrappers below."""
    return _c()


# --- the synth -----------------------------------------------------------------------------


def note_on(synth: int, channel: int, key: int, velocity: int) -> None:
    _c().noteon(synth, channel, key, velocity)


def note_off(synth: int, channel: int, key: int) -> None:
    _c().noteoff(synth, channel, key)


def control(synth: int, channel: int, number: int, value: int) -> None:
    _c().cc(synth, channel, number, value)


def bank_program(synth: int, channel: int, bank: int, program: int) -> None:
    """Select `bank` then `program` on `channel` (FluidSynth looks the preset up in every font)."""
    c = _c()
    c.bank_select(synth, channel, bank)
    c.program_change(synth, channel, program)


def active_voice_count(synth: int) -> int:
    return int(_c().active_voices(synth))


def all_sounds_off(synth: int, channel: int = ALL) -> None:
    """Cut every voice on `channel` (every channel for ALL) at once."""
    _c().all_sounds_off(synth, channel)


# --- soundfonts and presets ------------------------------------------------------------------


def sfload(synth: int, path: bytes, update_presets: bool) -> int:
    """`fluid_synth_sfload`: the new soundfont's id, or a negative number on failure."""
    return int(_c().sfload(synth, path, int(update_presets)))


def has_preset(synth: int, sfid: int, bank: int, program: int) -> bool:
    """Whether the loaded soundfont `sfid` holds a preset at (`bank`, `program`)."""
    c = _c()
    sfont = c.get_sfont_by_id(synth, sfid)
    return bool(sfont) and bool(c.sfont_get_preset(sfont, bank, program))


def move_soundfont(src_synth: int, sfid: int, dest_synth: int) -> int:
    """Take the loaded soundfont `sfid` out of `src_synth` (which then no longer owns it) and
    give it to `dest_synth`, whose channels are re-assigned to it. Returns its id there."""
    c = _c()
    sfont = c.get_sfont_by_id(src_synth, sfid)
    if not sfont or c.remove_sfont(src_synth, sfont) != 0:
        raise RuntimeError("could not detach the loaded soundfont")
    new_id = int(c.add_sfont(dest_synth, sfont))
    if new_id < 0:
        raise RuntimeError("could not attach the loaded soundfont")
    return new_id


def unload_soundfont(synth: int, sfid: int) -> None:
    """Unload `sfid`; FluidSynth frees it once no voice plays its samples any more."""
    _c().sfunload(synth, sfid, 1)


# --- the sequencer -----------------------------------------------------------------------------


def register_source(seq: int, name: str) -> int:
    """A source-only sequencer client: events sent from it can be removed together."""
    client = int(_c().register_client(seq, name.encode(), None, None))
    if client < 0:
        raise RuntimeError(f"could not register sequencer client {name!r}")
    return client


def unregister_client(seq: int, client: int) -> None:
    _c().unregister_client(seq, client)


def remove_events(seq: int, source: int = ALL) -> None:
    """Drop queued events sent from `source` (every queued event for ALL)."""
    _c().remove_events(seq, source, ALL, ALL)


def sequencer_tick(seq: int) -> int:
    """The sequencer's time in its own ticks (milliseconds at time scale 1000)."""
    return int(_c().get_tick(seq))


class EventSender:
    """Builds sequencer events in one reusable C event and sends them at absolute times.
    Not thread-safe: the owner serialises calls."""

    def __init__(self, seq: int, dest: int) -> None:
        self._c = _c()
        self._seq = seq
        self._dest = dest
        self._evt = self._c.new_event()

    def _send(self, source: int, time_ms: int) -> None:
        c = self._c
        c.set_source(self._evt, source)
        c.set_dest(self._evt, self._dest)
        if c.send_at(self._seq, self._evt, time_ms, 1) != 0:
            raise RuntimeError("the FluidSynth sequencer refused an event")

    def note_on(self, source: int, time_ms: int, channel: int, key: int, velocity: int) -> None:
        self._c.ev_noteon(self._evt, channel, key, velocity)
        self._send(source, time_ms)

    def note_off(self, source: int, time_ms: int, channel: int, key: int) -> None:
        self._c.ev_noteoff(self._evt, channel, key)
        self._send(source, time_ms)

    def control(self, source: int, time_ms: int, channel: int, control: int, value: int) -> None:
        self._c.ev_cc(self._evt, channel, control, value)
        self._send(source, time_ms)

    def program(self, source: int, time_ms: int, channel: int, bank: int, program: int) -> None:
        """Bank then program: at one time the sequencer orders bank selects first."""
        self._c.ev_bank(self._evt, channel, bank)
        self._send(source, time_ms)
        self._c.ev_program(self._evt, channel, program)
        self._send(source, time_ms)

    def all_sounds_off(self, source: int, time_ms: int, channel: int) -> None:
        self._c.ev_sounds_off(self._evt, channel)
        self._send(source, time_ms)

    def close(self) -> None:
        if self._evt:
            self._c.delete_event(self._evt)
            self._evt = None
