"""Offline render: play a composition's schedule through FluidSynth into a WAV file.

It plays the very `Schedule` the transport plays (`play_events`), so an export sounds like
playback: same channels, programs, mute/solo, loop passes and tempo map. Audio is made with no
driver, as fast as FluidSynth can, and streamed to the WAV writer block by block while the events
are pulled lazily, so memory stays flat however long the piece.

Timing: FluidSynth applies a note-on only at the start of one of its 64-frame blocks. Applied
right after rendering up to its sample, an event would land up to 63 frames late (+32 on
average, measured). Each event is instead applied at the block boundary nearest its sample
(`blocks.event_frame`, as the live synth stamps it), so every onset is within -32..+31 frames
of where the tempo map puts it (0.73 ms at 44.1 kHz).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from tonewell.engine.blocks import BLOCK_FRAMES, event_frame
from tonewell.engine.fluid import (
    DEFAULT_GAIN,
    DirectTarget,
    default_soundfont_path,
    dispatch,
    effect_settings,
    fluidsynth_module,
    load_soundfont,
    preset_for,
    quiet_fluidsynth_logs,
    s16_renderer,
)
from tonewell.engine.schedule import Event, Schedule, compile_schedule, play_events
from tonewell.io.wav import WavStreamWriter, refuse_too_long
from tonewell.model import Composition, LoopRegion
from tonewell.model.composition import MAX_REPEATS

CHUNK_FRAMES = 64 * BLOCK_FRAMES
"""At most this many frames are rendered per call between events (4096: ~93 ms)."""

TAIL_SILENCE_S = 0.3
TAIL_CAP_S = 4.0
SILENCE_LSB = 2
"""A tail block counts as silent when no sample exceeds this (FluidSynth's dither is ±1)."""

MAX_LOOPS = MAX_REPEATS
MIN_SAMPLE_RATE_HZ = 8000
MAX_SAMPLE_RATE_HZ = 96000
"""FluidSynth's own range for `synth.sample-rate`."""


class RenderCancelled(Exception):
    """The render was cancelled; no output file was written or changed."""


@dataclass(frozen=True, slots=True)
class RenderResult:
    path: Path
    frames: int
    sample_rate_hz: int

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate_hz


def midi_channels_for(schedule: Schedule) -> int:
    """`synth.midi-channels`: the highest channel used, rounded up to a multiple of 16."""
    highest = max((s.channel for s in schedule.setups), default=0)
    return (highest // 16 + 1) * 16


def render_plan(schedule: Schedule, loops: int, sample_rate_hz: int) -> tuple[Iterator[Event], int]:
    """The events of a render and the frame where the music ends (before the release tail).

    With the piece's loop region enabled: from tick 0 to the loop end, the region `loops`
    passes in all. Otherwise the whole piece `loops` times back to back.
    """
    tick_s = schedule.tempo_map.tick_to_seconds
    loop = schedule.loop
    if loop.enabled and loop.length_ticks > 0:
        pass_s = tick_s(loop.end_tick) - tick_s(loop.start_tick)
        end_s = tick_s(loop.end_tick) + (loops - 1) * pass_s
    else:
        loop = LoopRegion(0, schedule.end_tick, True)
        end_s = loops * tick_s(schedule.end_tick)
    events = play_events(schedule, sample_rate_hz=sample_rate_hz, loop=loop, loop_passes=loops)
    return events, round(end_s * sample_rate_hz)


def new_offline_synth(
    sample_rate_hz: int, midi_channels: int, *, effects: bool = True, cpu_cores: int = 1
) -> Any:
    """A fluidsynth.Synth with no audio driver, for rendering with write_s16/write_float."""
    fluidsynth = fluidsynth_module()
    settings: dict[str, Any] = {
        "synth.cpu-cores": cpu_cores,
        **effect_settings(effects, effects),
    }
    return fluidsynth.Synth(
        gain=DEFAULT_GAIN, samplerate=sample_rate_hz, channels=midi_channels, **settings
    )


class _Renderer:
    """Pulls audio from the synth into the WAV writer, reporting progress and honouring cancel."""

    def __init__(
        self,
        synth: Any,
        wav: WavStreamWriter,
        total_frames: int,
        progress: Callable[[float], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.wav = wav
        self.total_frames = max(total_frames, 1)
        self.progress = progress
        self.cancelled = cancelled
        self.frames_done = 0
        self.render_s16 = s16_renderer(synth, CHUNK_FRAMES)
        self._unchecked_frames = 0
        self._permille_shown = -1

    def render(self, frames: int) -> memoryview:
        """Render and write up to CHUNK_FRAMES frames; returns the 16-bit frames written."""
        pcm = self.render_s16(frames)
        self.wav.write_pcm16(pcm)
        self.frames_done += frames
        self._unchecked_frames += frames
        if self._unchecked_frames >= CHUNK_FRAMES:
            self._unchecked_frames = 0
            self._check_in()
        return pcm

    def render_to(self, frame: int) -> None:
        while self.frames_done < frame:
            self.render(min(CHUNK_FRAMES, frame - self.frames_done))

    def render_tail(self, sample_rate_hz: int) -> None:
        """Render on until the sound has died away for TAIL_SILENCE_S, at most TAIL_CAP_S."""
        silent_needed = round(TAIL_SILENCE_S * sample_rate_hz)
        cap = round(TAIL_CAP_S * sample_rate_hz)
        block = 32 * BLOCK_FRAMES
        tail = silent = 0
        while silent < silent_needed and tail < cap:
            samples = self.render(block).cast("h")
            quiet = max(samples) <= SILENCE_LSB and min(samples) >= -SILENCE_LSB
            silent = silent + block if quiet else 0
            tail += block

    def _check_in(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise RenderCancelled
        if self.progress is not None:
            permille = min(999, self.frames_done * 1000 // self.total_frames)
            if permille != self._permille_shown:
                self._permille_shown = permille
                self.progress(permille / 1000)


def render_to_wav(
    comp: Composition,
    out_path: Path | str,
    *,
    soundfont: Path | str | None = None,
    loops: int = 1,
    sample_rate_hz: int = 44100,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    effects: bool = True,
    cpu_cores: int = 1,
) -> RenderResult:
    """Render `comp` to a 16-bit stereo WAV file at `out_path`.

    `loops`: with the loop region on, the region plays `loops` times (after the lead-in from
    tick 0); otherwise the whole piece plays `loops` times back to back. A release tail follows.
    `effects=False` turns reverb and chorus off. `progress` gets fractions 0..1 now and then;
    when `cancelled()` turns true the render stops within ~0.1 s of audio and raises
    RenderCancelled. On any failure no file is written and an existing `out_path` is untouched.
    Raises SoundfontError / FileProblem (plain messages) for a bad soundfont or an unwritable
    target.
    """
    if not 1 <= loops <= MAX_LOOPS:
        raise ValueError(f"loops {loops} is not in 1..{MAX_LOOPS}")
    if not MIN_SAMPLE_RATE_HZ <= sample_rate_hz <= MAX_SAMPLE_RATE_HZ:
        raise ValueError(
            f"sample rate {sample_rate_hz} Hz is not in "
            f"{MIN_SAMPLE_RATE_HZ}..{MAX_SAMPLE_RATE_HZ} Hz"
        )
    out_path = Path(out_path)
    font = Path(soundfont) if soundfont is not None else default_soundfont_path()
    schedule = compile_schedule(comp)
    events, end_frame = render_plan(schedule, loops, sample_rate_hz)
    refuse_too_long(out_path, end_frame + round(TAIL_CAP_S * sample_rate_hz), sample_rate_hz)
    quiet_fluidsynth_logs()
    synth = new_offline_synth(
        sample_rate_hz, midi_channels_for(schedule), effects=effects, cpu_cores=cpu_cores
    )
    try:
        sfid = load_soundfont(synth, font)
        with WavStreamWriter(out_path, sample_rate_hz) as wav:
            renderer = _Renderer(synth, wav, end_frame, progress, cancelled)
            if cancelled is not None and cancelled():
                raise RenderCancelled
            target = DirectTarget(synth)
            preset = cache(partial(preset_for, synth, sfid))
            for ev in events:
                renderer.render_to(event_frame(ev.sample))
                dispatch(ev, target, preset)
            renderer.render_to(end_frame)
            renderer.render_tail(sample_rate_hz)
            frames = wav.frames_written
    finally:
        synth.delete()
    if progress is not None:
        progress(1.0)
    return RenderResult(out_path, frames, sample_rate_hz)


def default_cpu_cores() -> int:
    """Cores FluidSynth may use for one render (it spreads voices over worker threads)."""
    return max(1, min(2, os.cpu_count() or 1))
