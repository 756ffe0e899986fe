"""The one live FluidSynth instance: synth, audio driver (or none), soundfont and sequencer.

Plain Python, no Qt. Play-through (`note_on`/`note_off`) goes straight to the synth, the lowest
latency there is; FluidSynth's API is thread-safe, so rtmidi's thread may call it. Playback is
scheduled through FluidSynth's own sequencer, driven by the synth's sample clock
(`use_system_timer=False`), so notes land on the audio thread with block accuracy and never
depend on Python timers. `Synth` is the transport's `EventSink` and `Clock`.

Sample clock. The sequencer is registered before the driver starts, so its millisecond clock is
`floor(frames_rendered * 1000 / rate)`, read at the start of each 64-frame block, and an event
stamped `t` ms fires at the first block whose clock reaches `t`. `send` stamps an event for
sample S with the clock value of the block boundary nearest S (`blocks.event_frame`, as the
offline renderer applies it), so it fires on exactly that block: within -32..+32 frames of S
(0.73 ms at 44.1 kHz), with no millisecond rounding on top, and what you hear is what you export.
Events reach the sequencer and the synth through `fluid.dispatch`, and a program change as the
preset `fluid.preset_for` picks for the loaded font, exactly as in an export.

Soundfonts. `fluid_synth_sfload` holds the synth's API lock for the whole load (1.7-1.9 s for the
bundled sf3, measured), which stalls the audio thread whenever the sequencer plays a note. So a
new font is loaded into a throwaway synth on a worker thread and then moved into the live synth
(`fluid_ctypes.move_soundfont`, microseconds); the old font is unloaded and freed by FluidSynth
once its last voice ends. Every channel then gets again the preset `fluid.preset_for` picks in
the new font for the program it asked for.

pyfluidsynth is imported when a `Synth` is made (`FluidSynthUnavailable` without it), never at
import time; `synth_wiring` and `transport_for` put a transport on a synth (the transport itself
knows nothing of FluidSynth).
"""

from __future__ import annotations

import math
import threading
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tonewell.engine import fluid, fluid_ctypes
from tonewell.engine.audio import (
    NO_AUDIO,
    AudioSettings,
    AudioStatus,
    output_latency_ms,
    start_audio,
)
from tonewell.engine.blocks import BLOCK_FRAMES, event_frame
from tonewell.engine.fluid import Preset
from tonewell.engine.schedule import MAX_CHANNELS, Event, EventKind
from tonewell.engine.sinks import Clock, EventSink, NullSink, WallClock
from tonewell.engine.transport import Transport
from tonewell.model.controls import CC_EXPRESSION, CC_SUSTAIN

# The stop/panic fade rides on expression and sets it back to 127 once silent; a piece whose
# curves set expression gets its own value again with the next start (the schedule chases the
# values in force wherever playback begins).

PLAYBACK = "playback"
"""Sequencer source of everything the transport plays (notes, setup, metronome)."""
FADE = "fade"
"""Sequencer source of stop and panic fades."""

SoundfontDone = Callable[[Path | None, str | None], None]
"""`on_done(path, None)` after a soundfont loaded, `on_done(None, message)` when it failed."""


class Synth:
    """Owns one `fluidsynth.Synth` with its audio driver (or none), soundfont and sequencer.

    Without a running driver nothing advances the sample clock; `render` then produces audio
    offline (tests use it to drive the clock deterministically).
    """

    def __init__(
        self,
        settings: AudioSettings | None = None,
        soundfont: Path | str | None = None,
        *,
        audio: bool = True,
        drivers: Iterable[str] | None = None,
    ) -> None:
        self.settings = settings or AudioSettings()
        fluidsynth = fluid.fluidsynth_module()  # FluidSynthUnavailable without the library
        fluid.quiet_fluidsynth_logs()
        # The offline renderer's gain and effects, so what you hear is what you export.
        self._fs = fluidsynth.Synth(
            gain=fluid.DEFAULT_GAIN,
            samplerate=self.settings.sample_rate_hz,
            channels=MAX_CHANNELS,
            **fluid.effect_settings(self.settings.reverb, self.settings.chorus),
        )
        self._lock = threading.RLock()  # guards the event sender and soundfont state
        self._load_lock = threading.Lock()  # one soundfont load at a time
        self._threads: list[threading.Thread] = []
        self._closed = False
        self._sfid: int | None = None
        self._asked: dict[int, tuple[int, bool]] = {}
        """channel -> (program, percussion) of its last program change, for font swaps."""
        self._direct = fluid.DirectTarget(self._fs)
        self.soundfont_path: Path | None = None
        if soundfont is not None:
            try:
                self._sfid = fluid.load_soundfont(self._fs, Path(soundfont))
            except fluid.SoundfontError:
                self._fs.delete()
                raise
            self.soundfont_path = Path(soundfont)
            self._fs.program_reset()
        # Register before the driver starts: the sequencer clock then starts at frame 0 and its
        # milliseconds line up with the synth's 64-frame blocks (see the module docstring).
        self._seq = fluidsynth.Sequencer(time_scale=1000, use_system_timer=False)
        self._seq_ptr: int = self._seq.sequencer
        dest = self._seq.register_fluidsynth(self._fs)
        self._sources = {
            name: fluid_ctypes.register_source(self._seq_ptr, f"tonewell-{name}")
            for name in (PLAYBACK, FADE)
        }
        self._sender = fluid_ctypes.EventSender(self._seq_ptr, dest)
        self.frames_rendered = 0
        """Frames produced by `render` (the sample clock, when no driver runs)."""
        if audio:
            self.audio: AudioStatus = start_audio(
                self._fs, self.settings, drivers=tuple(drivers) if drivers else None
            )
        else:
            self.audio = NO_AUDIO
        self._clocked = self.audio.running
        self.sample_rate_hz: int = self.audio.sample_rate_hz or self.settings.sample_rate_hz
        """The synth's real rate: a JACK server imposes its own when the driver starts."""

    # --- state ------------------------------------------------------------------------------

    @property
    def audio_running(self) -> bool:
        return self._fs.audio_driver is not None

    @property
    def fs(self) -> Any:
        """The underlying pyfluidsynth synth (for the offline renderer and tests)."""
        return self._fs

    def active_voice_count(self) -> int:
        return fluid_ctypes.active_voice_count(self._fs.synth)

    def render(self, frames: int) -> tuple[array, array]:
        """Render `frames` frames offline as (left, right) floats, advancing the sample clock.
        Only without an audio driver, which would otherwise render concurrently."""
        if self.audio_running:
            raise RuntimeError("the audio driver is rendering; render() is for offline use")
        self._clocked = True
        self.frames_rendered += frames
        return fluid.write_float_stereo(self._fs, frames)

    # --- the clock ----------------------------------------------------------------------------

    def now_samples(self) -> int:
        """The last frame whose events have fired: every event sent for a sample <= this has
        been applied (the block being rendered last, plus the frames rounded onto it).
        Advances only while audio is rendered."""
        ms = fluid_ctypes.sequencer_tick(self._seq_ptr)
        # The last block whose clock value (floor(start * 1000 / rate)) is <= ms.
        block = math.ceil((ms + 1) * self.sample_rate_hz / (1000 * BLOCK_FRAMES)) - 1
        return block * BLOCK_FRAMES + BLOCK_FRAMES // 2

    def _stamp_ms(self, at_sample: int) -> int:
        """The sequencer time that fires on the block boundary nearest `at_sample`.

        Block k starts at frame 64k with clock floor(64k * 1000 / rate), and a block lasts more
        than a millisecond below 64 kHz, so this value is reached first exactly on block k."""
        return max(0, event_frame(at_sample)) * 1000 // self.sample_rate_hz

    # --- presets --------------------------------------------------------------------------

    def preset_for(self, program: int, percussion: bool) -> Preset:
        """The preset a program change selects with the current font (see `fluid.preset_for`)."""
        return fluid.preset_for(self._fs, self._sfid, program, percussion)

    def _note_program(self, ev: Event) -> None:
        if ev.kind == EventKind.PROGRAM:
            self._asked[ev.channel] = (ev.data1, bool(ev.data2))

    def _reselect_presets(self) -> None:
        """After a font swap: each channel plays what `preset_for` picks in the new font."""
        for channel, (program, percussion) in self._asked.items():
            self._direct.program(channel, *self.preset_for(program, percussion))

    # --- scheduling (EventSink) -----------------------------------------------------------------

    def send(self, at_sample: int, ev: Event, source: str = PLAYBACK) -> None:
        """Queue `ev` to sound at frame `at_sample` of the sample clock."""
        target = _Sequenced(self._sender, self._sources[source], self._stamp_ms(at_sample))
        with self._lock:
            self._note_program(ev)
            fluid.dispatch(ev, target, self.preset_for)

    def remove(self, source: str = PLAYBACK) -> None:
        """Drop every queued event sent from `source`."""
        with self._lock:
            fluid_ctypes.remove_events(self._seq_ptr, self._sources[source])

    def fade_out(self, channels: Iterable[int], *, fade_ms: float = 25.0) -> int:
        """Fade `channels` to silence over `fade_ms`, cut their voices, then restore their
        expression. Returns the frame from which they are silent and ready to play again.

        The fade steps expression (CC11) down once per 64-frame block; FluidSynth ramps the
        gain smoothly within each block, so there is no click. Releases and stuck notes cannot
        outlast it: all-sound-off follows on the next block, at -96 dB.
        """
        channels = sorted(set(channels))
        start = self.now_samples() + 2 * BLOCK_FRAMES
        steps = max(1, round(fade_ms / 1000 * self.sample_rate_hz / BLOCK_FRAMES))
        with self._lock:
            for k in range(1, steps + 1):
                value = round(127 * (1 - k / steps))
                at = start + (k - 1) * BLOCK_FRAMES
                for ch in channels:
                    self.send(at, Event(at, EventKind.CONTROL, ch, CC_EXPRESSION, value, 0), FADE)
            cut = self._stamp_ms(start + steps * BLOCK_FRAMES)
            back = start + (steps + 1) * BLOCK_FRAMES
            src = self._sources[FADE]
            for ch in channels:
                self._sender.all_sounds_off(src, cut, ch)
                self.send(back, Event(back, EventKind.CONTROL, ch, CC_SUSTAIN, 0, 0), FADE)
                self.send(back, Event(back, EventKind.CONTROL, ch, CC_EXPRESSION, 127, 0), FADE)
        return back + BLOCK_FRAMES

    # --- direct control (play-through, lowest latency) -------------------------------------------

    def note_on(self, channel: int, pitch: int, velocity: int) -> None:
        self._direct.note_on(channel, pitch, velocity)

    def note_off(self, channel: int, pitch: int) -> None:
        self._direct.note_off(channel, pitch)

    def set_program(self, channel: int, program: int, *, drum: bool = False) -> None:
        """Select `program` on `channel`, from the percussion bank (128) for drums."""
        self.apply(Event(0, EventKind.PROGRAM, channel, program, int(drum), 0))

    def control(self, channel: int, control: int, value: int) -> None:
        self._direct.control(channel, control, value)

    def pitch_bend(self, channel: int, value: int) -> None:
        """Bend `channel` by `value`, -8192..8191 (0 = none; the range is the channel's)."""
        self._fs.pitch_bend(channel, value)

    def apply(self, ev: Event) -> None:
        """Apply one schedule event now (channel setup before play-through, for example)."""
        with self._lock:
            self._note_program(ev)
            fluid.dispatch(ev, self._direct, self.preset_for)

    def all_notes_off(self) -> None:
        """Release every held note on every channel (notes ring out with their release)."""
        self._fs.all_notes_off(-1)

    def panic(self) -> None:
        """Silence everything: drop all queued events and fade every channel out (cut at once
        when nothing renders audio, where a fade could never run)."""
        with self._lock:
            fluid_ctypes.remove_events(self._seq_ptr)
        if self._clocked:
            self.fade_out(range(MAX_CHANNELS))
        else:
            fluid_ctypes.all_sounds_off(self._fs.synth)

    # --- soundfonts -------------------------------------------------------------------------

    def load_soundfont_async(self, path: Path | str, on_done: SoundfontDone) -> threading.Thread:
        """Load `path` on a worker thread ('tonewell-soundfont') and swap it in. On failure the
        previous font stays. `on_done` is called on the worker thread: hand it to the GUI thread
        (a queued signal) before touching widgets."""
        thread = threading.Thread(
            target=self._load_soundfont, args=(Path(path), on_done), name="tonewell-soundfont"
        )
        with self._lock:
            if self._closed:
                raise RuntimeError("the synth is closed")
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()
        return thread

    def _load_soundfont(self, path: Path, on_done: SoundfontDone) -> None:
        with self._load_lock:
            error = self._swap_soundfont(path)
        on_done(None if error else path, error)

    def _swap_soundfont(self, path: Path) -> str | None:
        loader = fluid.fluidsynth_module().Synth(samplerate=self.sample_rate_hz, channels=16)
        try:
            try:
                loaded = fluid.load_soundfont(loader, path)
            except fluid.SoundfontError as e:
                return str(e)
            with self._lock:
                if self._closed:
                    return "the synth was closed while the soundfont loaded"
                sfid = fluid_ctypes.move_soundfont(loader.synth, loaded, self._fs.synth)
                old, self._sfid, self.soundfont_path = self._sfid, sfid, path
                if old is not None:
                    fluid_ctypes.unload_soundfont(self._fs.synth, old)
                self._reselect_presets()
            return None
        except Exception as e:  # an unexpected FluidSynth failure must not kill the app
            return f"Could not use the soundfont {path.name}: {e}"
        finally:
            loader.delete()

    # --- teardown -----------------------------------------------------------------------------

    def stop_audio(self) -> None:
        """Stop the audio driver (freeing the output device for another) but keep the synth and
        its soundfont; from now on it renders only offline."""
        if self._fs.audio_driver is not None:
            fluid.fluidsynth_module().delete_fluid_audio_driver(self._fs.audio_driver)
            self._fs.audio_driver = None
            self.audio = AudioStatus(None, None, "sound output was stopped")
            self._clocked = False

    def close(self) -> None:
        """Stop the audio driver, wait for soundfont loads, free FluidSynth. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for t in threads:
            t.join()
        self.stop_audio()
        self._sender.close()
        self._seq.delete()
        self._fs.delete()

    def __enter__(self) -> Synth:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Sequenced:
    """A `fluid.EventTarget` that queues on the synth's sequencer, from `source` at `time_ms`."""

    __slots__ = ("_sender", "_source", "_time_ms")

    def __init__(self, sender: fluid_ctypes.EventSender, source: int, time_ms: int) -> None:
        self._sender, self._source, self._time_ms = sender, source, time_ms

    def note_on(self, channel: int, key: int, velocity: int) -> None:
        self._sender.note_on(self._source, self._time_ms, channel, key, velocity)

    def note_off(self, channel: int, key: int) -> None:
        self._sender.note_off(self._source, self._time_ms, channel, key)

    def control(self, channel: int, number: int, value: int) -> None:
        self._sender.control(self._source, self._time_ms, channel, number, value)

    def program(self, channel: int, bank: int, program: int) -> None:
        self._sender.program(self._source, self._time_ms, channel, bank, program)


# --- a transport on a synth ------------------------------------------------------------------


def synth_wiring(synth: Synth) -> tuple[EventSink, Clock, dict[str, Any]]:
    """Sink, clock and constructor defaults for a transport on `synth`: its own sequencer and
    sample clock when audio runs, else a silent sink on the wall clock (the position still
    advances). The guard covers what the driver renders in one go."""
    sr = synth.sample_rate_hz
    defaults: dict[str, Any] = {
        "sample_rate_hz": sr,
        "guard_ms": max(20.0, output_latency_ms(synth.settings) + 5.0),
    }
    if synth.audio_running:
        return synth, synth, defaults
    return NullSink(), WallClock(sr), defaults


def transport_for(synth: Synth, **kwargs: Any) -> Transport:
    """A transport on `synth` (see `synth_wiring`); keyword arguments override."""
    sink, clock, defaults = synth_wiring(synth)
    return Transport(sink, clock, **(defaults | kwargs))
