"""Recording from a MIDI keyboard into the loop: the window's side of `tonewell.edit.record`.

This file exists to keep the Qt part of recording thin. Arming (the transport bar's Record
button, Ctrl+R) picks the selected track and the clip under the playhead (or makes one covering
the loop when there is none), starts playback with the count-in if it is not running, and then
drains the MIDI input's `played` queue every ~30 ms on the GUI thread. Arrival times become
heard ticks through the transport's clock anchors and the output latency; every finished loop
pass is pushed as one command, so each pass is one undo step. Stopping (the button, Stop, the
end of the piece) records what the last pass held. A keyboard lost mid-take keeps everything:
the input queues the released notes, and the take goes on. Without a keyboard (`midi` None)
arming says so and does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from tonewell.edit.commands import CommandError, clip_index, track_index
from tonewell.edit.record import (
    RecordedPass,
    RecordMode,
    Take,
    TakeSettings,
    feed,
    new_clip_for,
    pass_command,
)
from tonewell.edit.record_clock import ClockMap
from tonewell.midi.played import PlayedQueue
from tonewell.model import Clip, Composition
from tonewell.ui.piece import OpenPiece
from tonewell.ui.sound_engine import SoundEngine

DRAIN_MS = 30
NO_KEYBOARD_TEXT = (
    "There is no MIDI keyboard to record from yet. Plug one in (it is found by itself) "
    "and press Record again."
)
NO_TRACK_TEXT = "Add a track first: recording goes into the selected track."
RECORDING_TEXT = "Recording into {clip} on {track}. Press Record again (Ctrl+R) to stop."
STOPPED_TEXT = "Recording stopped; every pass is one step in Edit › Undo."
GONE_TEXT = "The clip being recorded was removed, so recording stopped."


class HasPlayed(Protocol):
    """What recording needs of the MIDI input (`tonewell.midi.live_input.MidiInput`)."""

    played: PlayedQueue


def clip_under(comp: Composition, track_uid: int, tick: int) -> Clip | None:
    """The clip of the track that plays at `tick`, or None."""
    track = comp.tracks[track_index(comp, track_uid)]
    meter = comp.time_signature
    for clip in track.clips:
        if clip.start_tick <= tick < clip.end_tick(meter):
            return clip
    return None


class Recording(QObject):
    """Arms, runs and ends takes; `recording_changed(on)` and `target_changed(track, clip)`
    (None, None when idle) let the bar and the editors show it."""

    recording_changed = Signal(bool)
    target_changed = Signal(object, object)

    def __init__(
        self,
        piece: OpenPiece,
        engine: SoundEngine,
        *,
        selected_track: Callable[[], int | None],
        midi: Callable[[], HasPlayed | None],
        show_status: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.piece = piece
        self.engine = engine
        self.selected_track = selected_track
        self.midi = midi
        self.show_status = show_status
        self.mode = RecordMode.OVERDUB
        self.quantize_grid_ticks = 0
        self.quantize_strength = 1.0
        self.take: Take | None = None
        self.track_uid: int | None = None
        self.clip: Clip | None = None
        """The clip recorded into; until the first pass lands, a new one not yet inserted."""
        self._new_clip = False
        self._queue: PlayedQueue | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self.drain)
        engine.state_changed.connect(self._engine_state)

    @property
    def active(self) -> bool:
        return self.take is not None

    def set_mode(self, mode: str) -> None:
        self.mode = RecordMode(mode)
        if self.take is not None:
            self.take.settings = self._settings()

    def _settings(self) -> TakeSettings:
        """The take's settings: the mode, and the input quantize chosen in Settings › Playing
        (off unless chosen there)."""
        chosen = getattr(self.midi(), "settings", None)
        if chosen is not None:
            self.quantize_grid_ticks = int(getattr(chosen, "record_grid_ticks", 0))
            self.quantize_strength = int(getattr(chosen, "record_strength_percent", 100)) / 100
        return TakeSettings(self.mode, self.quantize_grid_ticks, self.quantize_strength)

    def toggle(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()

    # --- starting ---------------------------------------------------------------------------

    def start(self) -> bool:
        """Arm and run a take on the selected track; False (and why, in the status) if not."""
        if self.take is not None:
            return True
        midi = self.midi()
        comp = self.piece.comp
        track_uid = self.selected_track()
        if track_uid is None and comp.tracks:
            track_uid = comp.tracks[0].uid
        if midi is None:
            return self._refuse(NO_KEYBOARD_TEXT)
        if track_uid is None:
            return self._refuse(NO_TRACK_TEXT)
        transport = self.engine.transport
        start_tick = self.engine.position()
        loop = comp.loop if comp.loop.enabled and comp.loop.length_ticks > 0 else None
        clip = clip_under(comp, track_uid, start_tick)
        self._new_clip = clip is None
        if clip is None:
            meter = comp.time_signature
            clip = (new_clip_for(loop.start_tick, loop.end_tick, meter) if loop
                    else new_clip_for(start_tick, start_tick + meter.ticks_per_bar, meter))
        self.track_uid, self.clip = track_uid, clip
        self.take = Take(start_tick, loop, self._settings())
        self._queue = midi.played
        self._queue.clear()  # what was played before arming is not part of the take
        transport.open_ended = True  # an empty piece keeps running while it is recorded into
        if not self.engine.is_playing():
            transport.play()
        self._timer.start()
        track = comp.tracks[track_index(comp, track_uid)]
        self.show_status(RECORDING_TEXT.format(clip=f"“{clip.name}”", track=f"“{track.name}”"))
        self.recording_changed.emit(True)
        self.target_changed.emit(track_uid, None if self._new_clip else clip.uid)
        return True

    def _refuse(self, text: str) -> bool:
        self.show_status(text)
        self.recording_changed.emit(False)
        return False

    # --- running ----------------------------------------------------------------------------

    def _clock(self) -> ClockMap:
        synth = self.engine.synth
        latency = synth.audio.latency_ms if synth is not None and synth.audio.running else 0.0
        transport = self.engine.transport
        clock = ClockMap(transport.sample_rate_hz, latency or 0.0)
        clock.add_all(transport.anchors)
        return clock

    def drain(self) -> None:
        """Take what was played since the last drain; push every pass that finished."""
        take, queue = self.take, self._queue
        if take is None or queue is None:
            return
        if not self.engine.is_playing() or not self.engine.transport.anchors:
            self.stop()
            return
        for recorded in feed(take, queue.drain(), self._clock(), self._safe_tick_at(take),
                             time.monotonic_ns()):
            self._commit(recorded)

    def _commit(self, recorded: RecordedPass) -> None:
        clip, track_uid = self.clip, self.track_uid
        if clip is None or track_uid is None:
            return
        comp = self.piece.comp
        try:
            track = comp.tracks[track_index(comp, track_uid)]
            if not self._new_clip:
                clip = track.clips[clip_index(track, clip.uid)]
        except CommandError:
            self._end(GONE_TEXT)
            return
        command = pass_command(track_uid, clip, comp.time_signature, recorded, self.mode,
                               new=self._new_clip)
        if command is None:
            return
        self.piece.push(command)
        if self._new_clip:
            self._new_clip = False
            self.target_changed.emit(track_uid, clip.uid)

    # --- stopping ---------------------------------------------------------------------------

    def stop(self) -> None:
        """End the take: what the last pass holds is recorded (notes still held end here)."""
        take = self.take
        if take is None:
            return
        events = self._queue.drain() if self._queue is not None else []
        if self.engine.is_playing() and self.engine.transport.anchors:
            for recorded in feed(take, events, self._clock(), self._safe_tick_at(take),
                                 time.monotonic_ns()):
                self._commit(recorded)
        else:
            for p in events:  # after the transport stopped: at the last heard position
                take.add(take.last_tick, p)
        self._commit(take.stop(take.last_tick))
        self._end(STOPPED_TEXT)

    def _safe_tick_at(self, take: Take) -> Callable[[float], float]:
        transport = self.engine.transport

        def tick_at(sample: float) -> float:
            tick = transport.tick_at_sample(sample)
            return take.last_tick if tick is None else tick

        return tick_at

    def _end(self, text: str) -> None:
        self._timer.stop()
        self.take = None
        self._queue = None
        self.clip = None
        self.track_uid = None
        if self.engine.qt_transport is not None:
            self.engine.transport.open_ended = False
        self.show_status(text)
        self.recording_changed.emit(False)
        self.target_changed.emit(None, None)

    def _engine_state(self, state: str) -> None:
        if self.take is not None and state in ("stopped", "paused"):
            self.stop()
