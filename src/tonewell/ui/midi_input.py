"""The window's hold on MIDI keyboards: a thin Qt shell around `tonewell.midi.MidiInput`.

The core does the work without Qt (ports, hotplug, routing on rtmidi's thread, straight to the
synth). This shell only fills in what a window knows: the sink is whatever synth the sound
engine has now (the engine builds a new one when the audio settings change), the device state
crosses from the poller thread to the GUI thread by a queued signal, the selected track decides
the channel and instrument, the piece's key decides the scale lock, and the saved playing
settings are applied. The on-screen and computer keyboards play through the same router
(`press`/`release`), so the scale lock and the velocity curve apply to every input alike.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, Slot

from tonewell.engine.schedule import assign_channels
from tonewell.engine.synth import Synth
from tonewell.midi.hotplug import DEFAULT_INTERVAL_S, DeviceState
from tonewell.midi.live_input import MidiInput, SystemsFor, rtmidi_systems
from tonewell.midi.played import PlayedQueue
from tonewell.midi.router import Router
from tonewell.midi.scale_lock import SILENT, ScaleLock, scale_lock
from tonewell.model import CC_PAN, CC_VOLUME, Composition
from tonewell.model.gm import DRUM_CHANNEL
from tonewell.ui.settings import PlayingSettings, load_playing_settings
from tonewell.ui.sound_engine import SoundEngine

SCREEN_DEVICE = "on-screen keyboard"
COMPUTER_DEVICE = "computer keyboard"
"""Router device names of the two keyboards in the window (kept apart from MIDI inputs, so
each releases only its own notes)."""
MIDI_CHANNELS = 16
"""The router plays on MIDI channels 0..15; the synth has more, which playback uses."""


class SynthSink:
    """A `NoteSink` that plays on the synth the engine has now, and on nothing while it has
    none. `synth` is swapped from the GUI thread; rtmidi's thread reads it once per call."""

    def __init__(self, synth: Synth | None) -> None:
        self.synth = synth

    def note_on(self, channel: int, pitch: int, velocity: int) -> None:
        synth = self.synth
        if synth is not None:
            synth.note_on(channel, pitch, velocity)

    def note_off(self, channel: int, pitch: int) -> None:
        synth = self.synth
        if synth is not None:
            synth.note_off(channel, pitch)

    def control(self, channel: int, cc: int, value: int) -> None:
        synth = self.synth
        if synth is not None:
            synth.control(channel, cc, value)

    def pitch_bend(self, channel: int, value: int) -> None:
        synth = self.synth
        if synth is not None:
            synth.pitch_bend(channel, value)


@dataclass(frozen=True, slots=True)
class PlayTarget:
    """Where and how a played note sounds: the track's channel in the schedule and its sound."""

    channel: int
    drum: bool
    program: int
    volume: int
    pan: int


def play_target(comp: Composition, track_uid: int | None) -> PlayTarget | None:
    """The channel and sound of track `track_uid`: its channel in the compiled schedule
    (`assign_channels`), so playing in sounds like the track and never changes another track's
    instrument. A track past the 16 MIDI channels plays on the highest channel no track uses
    (or 15 when all are taken). None when there is no such track."""
    index = next((i for i, t in enumerate(comp.tracks) if t.uid == track_uid), None)
    if index is None:
        return None
    channels = assign_channels(comp.tracks)
    channel = channels[index]
    if channel is None or channel >= MIDI_CHANNELS:
        used = {c for c in channels if c is not None}
        spare = (c for c in reversed(range(MIDI_CHANNELS)) if c not in used and c != DRUM_CHANNEL)
        channel = next(spare, MIDI_CHANNELS - 1)
    track = comp.tracks[index]
    return PlayTarget(channel, track.is_drum, track.program, track.volume, track.pan)


def display_message(state: DeviceState) -> str:
    """The state's line as the status bar shows it (a capital first letter)."""
    return state.message[:1].upper() + state.message[1:]


class MidiShell(QObject):
    """Owns the app's `MidiInput`. Nothing is opened before `start()`; `stop()` on close.

    `systems_for` picks the MIDI systems for a backend setting (tests give fake ports).
    """

    state_changed = Signal(object)
    """A new `DeviceState`, on the GUI thread."""
    _from_poller = Signal(object)
    """A `DeviceState` emitted on the poller thread; queued to the GUI thread."""

    def __init__(
        self,
        engine: SoundEngine,
        settings: PlayingSettings | None = None,
        *,
        systems_for: SystemsFor = rtmidi_systems,
        interval_s: float = DEFAULT_INTERVAL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.settings = (settings or load_playing_settings()).clamped()
        self.sink = SynthSink(engine.synth)
        self._from_poller.connect(self._show_state, Qt.ConnectionType.QueuedConnection)
        self.input = MidiInput(
            self.sink,
            backend=self.settings.backend,
            device=self.settings.device or None,
            on_state=self._from_poller.emit,
            interval_s=interval_s,
            systems_for=systems_for,
        )
        self.state: DeviceState | None = None
        self.known_devices: list[str] = [self.settings.device] if self.settings.device else []
        """Inputs seen this session (and the one chosen before), for the Playing dialog."""
        self._comp: Composition | None = None
        self._track_uid: int | None = None
        self._target: PlayTarget | None = None
        self._target_synth: Synth | None = None
        self.input.router.set_velocity_curve(self.settings.velocity_curve)
        engine.status_changed.connect(self._follow_engine)

    @property
    def router(self) -> Router:
        return self.input.router

    # --- life -----------------------------------------------------------------------------------

    @property
    def played(self) -> PlayedQueue:
        """What was played, from any input (a MIDI keyboard, the on-screen or the computer
        keyboard), for recording to take from."""
        return self.input.played

    def start(self) -> None:
        """Listen to MIDI keyboards (found on the poller thread within a moment)."""
        self.input.start()

    def stop(self) -> None:
        """Close every port, release held notes, end the poller thread. Idempotent."""
        self.input.stop()

    def panic(self) -> None:
        """Release every held note of every input, pedal and bend at rest."""
        self.input.panic()

    @Slot(object)
    def _show_state(self, state: DeviceState) -> None:
        self.state = state
        for name in state.connected:
            if name not in self.known_devices:
                self.known_devices.append(name)
        self.state_changed.emit(state)

    # --- settings -------------------------------------------------------------------------------

    def apply(self, settings: PlayingSettings) -> None:
        """Use `settings` from now on (the device and backend reopen ports only if changed)."""
        settings = settings.clamped()
        old, self.settings = self.settings, settings
        self.router.set_velocity_curve(settings.velocity_curve)
        if settings.backend != old.backend:
            self.input.set_backend(settings.backend)
        if settings.device != old.device:
            self.input.set_device(settings.device or None)
        self._follow_key()

    # --- the piece and the selected track -------------------------------------------------------

    def follow(self, comp: Composition, track_uid: int | None) -> None:
        """Play like track `track_uid` of `comp`, locked to `comp`'s key (call on every change of
        the piece or the selected track; only what changed is sent to the synth)."""
        self._comp, self._track_uid = comp, track_uid
        self._follow_track()
        self._follow_key()

    def _follow_track(self) -> None:
        target = None if self._comp is None else play_target(self._comp, self._track_uid)
        synth = self.sink.synth
        if target is None or (target == self._target and synth is self._target_synth):
            return
        self._target, self._target_synth = target, synth
        self.router.set_target(target.channel, drum=target.drum)
        if synth is not None:
            synth.set_program(target.channel, target.program, drum=target.drum)
            synth.control(target.channel, CC_VOLUME, target.volume)
            synth.control(target.channel, CC_PAN, target.pan)

    def _follow_key(self) -> None:
        key = None if self._comp is None else self._comp.key
        tonic, mode = (0, "major") if key is None else (key.tonic, key.mode)
        s = self.settings
        lock = scale_lock(s.scale_lock, tonic, mode, walk=s.white_keys_walk)
        if lock != self.router.scale_lock:
            self.router.set_scale_lock(lock)

    def _follow_engine(self) -> None:
        """The engine may have built a new synth: play on it, with the track's sound."""
        if self.sink.synth is not self.engine.synth:
            self.sink.synth = self.engine.synth
            self._follow_track()

    # --- the window's own keyboards -------------------------------------------------------------

    def press(self, device: str, key: int, velocity: int) -> None:
        """Key `key` pressed at `velocity` (1..127) on one of the window's keyboards."""
        if 0 <= key <= 127:
            velocity = min(max(velocity, 1), 127)
            self.router.handle(device, (0x90, key, velocity), time.monotonic_ns())

    def release(self, device: str, key: int) -> None:
        if 0 <= key <= 127:
            self.router.handle(device, (0x80, key, 0), time.monotonic_ns())

    def release_device(self, device: str) -> None:
        """Let go of every key `device` holds (focus lost, the toggle turned off)."""
        self.router.release_device(device)

    @property
    def scale_lock(self) -> ScaleLock:
        return self.router.scale_lock

    def sounding_keys(self) -> frozenset[int]:
        """The pitches heard for every key held now, from any input (what the on-screen
        keyboard lights): a key moved by the scale lock lights the tone it plays."""
        table = None if self._target is not None and self._target.drum else self.scale_lock.table
        held = self.router.held_keys()
        pitches = {key if table is None else table[key] for keys in held.values() for key in keys}
        pitches.discard(SILENT)
        return frozenset(pitches)
