"""Play-through: MIDI bytes from rtmidi's callback thread straight to the synth.

Nothing here waits for the GUI thread. Each message is routed in one pass: the key through the
scale-lock table, the velocity through the curve table, to the channel of the selected track,
then to the sink (the live `engine.synth.Synth`), and a note or pedal change is queued, stamped,
for recording (`played`). Whatever the keyboard's own MIDI channel, everything plays on the
target channel; the caller picks the instrument there (`Synth.set_program`, which applies the
preset rule) when it sets the target.

Held notes are remembered per device as the pitch they really sounded (the lock or the target
may change while a key is down), with a count per sounding pitch, so two keys locked onto one
tone release it only when both are up. A device that goes away, a panic and a stop release its
notes and put its pedal, bend and modulation back at rest.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from tonewell.midi.played import NOTE_OFF, NOTE_ON, SUSTAIN, Played, PlayedQueue
from tonewell.midi.scale_lock import NO_LOCK, SILENT, ScaleLock
from tonewell.midi.velocity import DEFAULT_CURVE, curve_table
from tonewell.model.controls import CC_SUSTAIN

CC_MODULATION = 1
BEND = -1
"""Pseudo controller number under which a device's pitch bend is remembered."""

PLAYED_CONTROLS: dict[int, int] = {
    CC_MODULATION: 0,
    CC_SUSTAIN: 0,
    66: 0,  # sostenuto pedal
    67: 0,  # soft pedal
}
"""Controllers passed through to the synth -> their resting value (restored on release)."""

_NOTE_OFF, _NOTE_ON, _CONTROL, _BEND = 0x80, 0x90, 0xB0, 0xE0


class NoteSink(Protocol):
    """Where play-through goes (the live `Synth` has these). Called on rtmidi's thread."""

    def note_on(self, channel: int, pitch: int, velocity: int) -> None: ...

    def note_off(self, channel: int, pitch: int) -> None: ...

    def control(self, channel: int, cc: int, value: int) -> None: ...

    def pitch_bend(self, channel: int, value: int) -> None:
        """`value` -8192..8191, 0 = no bend."""
        ...


@dataclass(frozen=True, slots=True)
class _Route:
    """Everything one message needs, swapped as a whole when a setting changes."""

    channel: int
    drum: bool
    curve: tuple[int, ...]
    lock: ScaleLock
    keys: tuple[int, ...]
    """key -> pitch heard (the lock's table, or every key as it is on a drum track)."""


def _route(channel: int, drum: bool, curve: tuple[int, ...], lock: ScaleLock) -> _Route:
    keys = tuple(range(128)) if drum else lock.table
    return _Route(channel, drum, curve, lock, keys)


class Router:
    """Routes raw MIDI from any number of devices to one `NoteSink`.

    `handle(device, data, arrived_ns)` is what a port's callback calls. Settings may be changed
    from any thread; each message sees either the old or the new ones, never a mix.
    """

    def __init__(self, sink: NoteSink, played: PlayedQueue | None = None) -> None:
        self.sink = sink
        self.played = played if played is not None else PlayedQueue()
        self._route = _route(0, False, curve_table(DEFAULT_CURVE), NO_LOCK)
        self._lock = threading.Lock()
        self._held: dict[str, dict[int, tuple[int, int]]] = {}
        """device -> key down -> (channel, pitch heard)."""
        self._sounding: dict[tuple[int, int], int] = {}
        """(channel, pitch) -> how many held keys sound it."""
        self._controls: dict[str, dict[int, int]] = {}
        """device -> controller (or BEND) -> value away from rest, on the target channel."""

    # --- settings (any thread) ------------------------------------------------------------------

    @property
    def channel(self) -> int:
        return self._route.channel

    @property
    def scale_lock(self) -> ScaleLock:
        return self._route.lock

    def set_target(self, channel: int, *, drum: bool = False) -> None:
        """Play on `channel` from now on (the selected track's); no scale lock on a drum track.
        Notes held keep sounding where they started; pedal, bend and modulation return to rest
        on the old channel."""
        if not 0 <= channel <= 15:
            raise ValueError(f"MIDI channel {channel} is not in 0..15")
        with self._lock:
            now = time.monotonic_ns()
            for device in list(self._controls):
                self._rest_controls(device, now)
            r = self._route
            self._route = _route(channel, drum, r.curve, r.lock)

    def set_velocity_curve(self, name: str) -> None:
        """One of `velocity.VELOCITY_CURVES` (soft, normal, hard, fixed)."""
        curve = curve_table(name)
        with self._lock:
            r = self._route
            self._route = _route(r.channel, r.drum, curve, r.lock)

    def set_scale_lock(self, lock: ScaleLock) -> None:
        """A lock resolved for the piece's key (`scale_lock.scale_lock(...)`)."""
        with self._lock:
            r = self._route
            self._route = _route(r.channel, r.drum, r.curve, lock)

    # --- messages (rtmidi's threads) ------------------------------------------------------------

    def handle(self, device: str, data: Sequence[int], arrived_ns: int) -> None:
        """Route one MIDI message from `device` that arrived at `arrived_ns` (monotonic)."""
        if len(data) < 2:
            return
        kind = data[0] & 0xF0
        if kind == _NOTE_ON and len(data) > 2 and data[2] > 0:
            self._note_on(device, data[1], data[2], arrived_ns)
        elif kind in (_NOTE_ON, _NOTE_OFF):
            self._note_off(device, data[1], arrived_ns)
        elif kind == _CONTROL and len(data) > 2:
            self._control(device, data[1], data[2], arrived_ns)
        elif kind == _BEND and len(data) > 2:
            self._bend(device, (data[2] << 7 | data[1]) - 8192)

    def _note_on(self, device: str, key: int, velocity: int, arrived_ns: int) -> None:
        r = self._route
        pitch = r.keys[key]
        if pitch == SILENT:
            return
        velocity = r.curve[velocity]
        with self._lock:
            held = self._held.setdefault(device, {})
            if key in held:  # a second note-on without a note-off: end the first
                self._release(device, key, held.pop(key), arrived_ns)
            held[key] = (r.channel, pitch)
            sounding = (r.channel, pitch)
            self._sounding[sounding] = self._sounding.get(sounding, 0) + 1
            self.sink.note_on(r.channel, pitch, velocity)
            self.played.put(Played(arrived_ns, NOTE_ON, r.channel, pitch, velocity, device))

    def _note_off(self, device: str, key: int, arrived_ns: int) -> None:
        with self._lock:
            where = self._held.get(device, {}).pop(key, None)
            if where is not None:  # a key pressed before we listened, or silent: nothing sounds
                self._release(device, key, where, arrived_ns)

    def _release(self, device: str, key: int, where: tuple[int, int], at_ns: int) -> None:
        """End one held key (under the lock): the pitch stops when no other key sounds it."""
        left = self._sounding.get(where, 0) - 1
        if left > 0:
            self._sounding[where] = left
            return
        self._sounding.pop(where, None)
        channel, pitch = where
        self.sink.note_off(channel, pitch)
        self.played.put(Played(at_ns, NOTE_OFF, channel, pitch, 0, device))

    def _control(self, device: str, cc: int, value: int, arrived_ns: int) -> None:
        rest = PLAYED_CONTROLS.get(cc)
        if rest is None:
            return
        with self._lock:
            channel = self._route.channel
            self._remember(device, cc, value, rest)
            self.sink.control(channel, cc, value)
            if cc == CC_SUSTAIN:
                self.played.put(Played(arrived_ns, SUSTAIN, channel, cc, value, device))

    def _bend(self, device: str, value: int) -> None:
        with self._lock:
            self._remember(device, BEND, value, 0)
            self.sink.pitch_bend(self._route.channel, value)

    def _remember(self, device: str, cc: int, value: int, rest: int) -> None:
        controls = self._controls.setdefault(device, {})
        if value == rest:
            controls.pop(cc, None)
        else:
            controls[cc] = value

    def _rest_controls(self, device: str, at_ns: int) -> None:
        """Put `device`'s controllers back at rest on the target channel (under the lock)."""
        channel = self._route.channel
        for cc in self._controls.pop(device, {}):
            if cc == BEND:
                self.sink.pitch_bend(channel, 0)
                continue
            self.sink.control(channel, cc, PLAYED_CONTROLS[cc])
            if cc == CC_SUSTAIN:
                self.played.put(Played(at_ns, SUSTAIN, channel, cc, 0, device))

    # --- letting go -----------------------------------------------------------------------------

    def held_keys(self, device: str | None = None) -> dict[str, tuple[int, ...]]:
        """Keys held now per device (all devices, or just `device`)."""
        with self._lock:
            return {
                d: tuple(sorted(keys))
                for d, keys in self._held.items()
                if keys and (device is None or d == device)
            }

    def release_device(self, device: str) -> None:
        """`device` went away: end its notes and put its controllers at rest."""
        with self._lock:
            now = time.monotonic_ns()
            for key, where in sorted(self._held.pop(device, {}).items()):
                self._release(device, key, where, now)
            self._rest_controls(device, now)

    def release_all(self) -> None:
        """Panic or stop: end every held note of every device, controllers at rest."""
        with self._lock:
            devices = set(self._held) | set(self._controls)
        for device in sorted(devices):
            self.release_device(device)
