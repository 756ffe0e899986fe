"""The few libfluidsynth functions the live path needs that pyfluidsynth 1.4.0 does not wrap.

pyfluidsynth has no `fluid_sequencer_remove_events`, no source-only sequencer clients, no
control/program/all-sounds-off sequencer events and no way to move a loaded soundfont between
synths (`synth.py` says why we need that). They are declared here with their real C types, on
the library pyfluidsynth already loaded, so sequencer and synth pointers can be shared.
"""

from __future__ import annotations

import ctypes
from ctypes import c_char_p, c_int, c_short, c_uint, c_void_p
from typing import Any

import fluidsynth

_lib = ctypes.CDLL(fluidsynth.lib)


def _fn(name: str, restype: Any, *argtypes: Any) -> Any:
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_register_client = _fn(
    "fluid_sequencer_register_client", c_short, c_void_p, c_char_p, c_void_p, c_void_p
)
_unregister_client = _fn("fluid_sequencer_unregister_client", None, c_void_p, c_short)
_remove_events = _fn("fluid_sequencer_remove_events", None, c_void_p, c_short, c_short, c_int)
_get_tick = _fn("fluid_sequencer_get_tick", c_uint, c_void_p)
_send_at = _fn("fluid_sequencer_send_at", c_int, c_void_p, c_void_p, c_uint, c_int)
_new_event = _fn("new_fluid_event", c_void_p)
_delete_event = _fn("delete_fluid_event", None, c_void_p)
_set_source = _fn("fluid_event_set_source", None, c_void_p, c_short)
_set_dest = _fn("fluid_event_set_dest", None, c_void_p, c_short)
_ev_noteon = _fn("fluid_event_noteon", None, c_void_p, c_int, c_short, c_short)
_ev_noteoff = _fn("fluid_event_noteoff", None, c_void_p, c_int, c_short)
_ev_cc = _fn("fluid_event_control_change", None, c_void_p, c_int, c_short, c_int)
_ev_bank = _fn("fluid_event_bank_select", None, c_void_p, c_int, c_short)
_ev_program = _fn("fluid_event_program_change", None, c_void_p, c_int, c_int)
_ev_sounds_off = _fn("fluid_event_all_sounds_off", None, c_void_p, c_int)
_active_voices = _fn("fluid_synth_get_active_voice_count", c_int, c_void_p)
_all_sounds_off = _fn("fluid_synth_all_sounds_off", c_int, c_void_p, c_int)
_get_sfont_by_id = _fn("fluid_synth_get_sfont_by_id", c_void_p, c_void_p, c_int)
_remove_sfont = _fn("fluid_synth_remove_sfont", c_int, c_void_p, c_void_p)
_add_sfont = _fn("fluid_synth_add_sfont", c_int, c_void_p, c_void_p)
_sfunload = _fn("fluid_synth_sfunload", c_int, c_void_p, c_int, c_int)

ALL = -1
"""Wildcard for `remove_events`."""


def register_source(seq: int, name: str) -> int:
    """A source-only sequencer client: events sent from it can be removed together."""
    client = int(_register_client(seq, name.encode(), None, None))
    if client < 0:
        raise RuntimeError(f"could not register sequencer client {name!r}")
    return client


def unregister_client(seq: int, client: int) -> None:
    _unregister_client(seq, client)


def remove_events(seq: int, source: int = ALL) -> None:
    """Drop queued events sent from `source` (every queued event for ALL)."""
    _remove_events(seq, source, ALL, ALL)


def sequencer_tick(seq: int) -> int:
    """The sequencer's time in its own ticks (milliseconds at time scale 1000)."""
    return int(_get_tick(seq))


class EventSender:
    """Builds sequencer events in one reusable C event and sends them at absolute times.
    Not thread-safe: the owner serialises calls."""

    def __init__(self, seq: int, dest: int) -> None:
        self._seq = seq
        self._dest = dest
        self._evt = _new_event()

    def _send(self, source: int, time_ms: int) -> None:
        _set_source(self._evt, source)
        _set_dest(self._evt, self._dest)
        if _send_at(self._seq, self._evt, time_ms, 1) != 0:
            raise RuntimeError("the FluidSynth sequencer refused an event")

    def note_on(self, source: int, time_ms: int, channel: int, key: int, velocity: int) -> None:
        _ev_noteon(self._evt, channel, key, velocity)
        self._send(source, time_ms)

    def note_off(self, source: int, time_ms: int, channel: int, key: int) -> None:
        _ev_noteoff(self._evt, channel, key)
        self._send(source, time_ms)

    def control(self, source: int, time_ms: int, channel: int, control: int, value: int) -> None:
        _ev_cc(self._evt, channel, control, value)
        self._send(source, time_ms)

    def program(self, source: int, time_ms: int, channel: int, bank: int, program: int) -> None:
        """Bank then program: at one time the sequencer orders bank selects first."""
        _ev_bank(self._evt, channel, bank)
        self._send(source, time_ms)
        _ev_program(self._evt, channel, program)
        self._send(source, time_ms)

    def all_sounds_off(self, source: int, time_ms: int, channel: int) -> None:
        _ev_sounds_off(self._evt, channel)
        self._send(source, time_ms)

    def close(self) -> None:
        if self._evt:
            _delete_event(self._evt)
            self._evt = None


def active_voice_count(synth: int) -> int:
    return int(_active_voices(synth))


def all_sounds_off(synth: int, channel: int = ALL) -> None:
    """Cut every voice on `channel` (every channel for ALL) at once."""
    _all_sounds_off(synth, channel)


def move_soundfont(src_synth: int, sfid: int, dest_synth: int) -> int:
    """Take the loaded soundfont `sfid` out of `src_synth` (which then no longer owns it) and
    give it to `dest_synth`, whose channels are re-assigned to it. Returns its id there."""
    sfont = _get_sfont_by_id(src_synth, sfid)
    if not sfont or _remove_sfont(src_synth, sfont) != 0:
        raise RuntimeError("could not detach the loaded soundfont")
    new_id = int(_add_sfont(dest_synth, sfont))
    if new_id < 0:
        raise RuntimeError("could not attach the loaded soundfont")
    return new_id


def unload_soundfont(synth: int, sfid: int) -> None:
    """Unload `sfid`; FluidSynth frees it once no voice plays its samples any more."""
    _sfunload(synth, sfid, 1)
