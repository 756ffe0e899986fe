"""The live path end to end: FluidSynth's `jack` driver on a private JACK dummy server.

The server runs in real time with no sound card; `jack_rec` records the synth's outputs. The
transport is pumped every 20 ms as the Qt timer would; the notes are timed by the sequencer on
the audio thread, so the recorded onsets must sit on the grid to within one 64-frame block.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

from tonewell.engine.audio import AudioSettings
from tonewell.engine.schedule import compile_schedule
from tonewell.engine.synth import Synth, transport_for
from tonewell.engine.transport import State

from .jack_server import (  # noqa: F401 - jack_server is the session fixture
    JackServer,
    grid_deviation_ms,
    jack_server,
    require_jack,
    start_jack_server,
)
from .sound import read_wav
from .test_transport import drum_piece, onsets

pytestmark = [pytest.mark.jack, pytest.mark.fluidsynth]


def test_the_transport_plays_in_real_time_through_jack(
    jack_server: JackServer,  # noqa: F811
    bundled_font: Path,
    tmp_path: Path,
) -> None:
    synth = Synth(AudioSettings(reverb=False, chorus=False), bundled_font, drivers=["jack"])
    try:
        assert synth.audio.driver == "jack", synth.audio.describe()
        assert synth.sample_rate_hz == jack_server.sample_rate_hz
        ports = jack_server.output_ports()
        assert len(ports) == 2, jack_server.ports()
        wav = tmp_path / "live.wav"
        recorder = jack_server.record(wav, 4.5, ports)
        transport = transport_for(synth)
        transport.set_schedule(compile_schedule(drum_piece(bpm=120, bars=2)))  # 8ths: 250 ms
        voices: list[int] = []
        positions: list[tuple[float, float]] = []
        xruns_before = jack_server.xruns()
        transport.play()
        started = time.monotonic()
        while transport.state == State.PLAYING and time.monotonic() - started < 4.5:
            transport.pump()  # what the Qt timer does; the notes are timed by the sequencer
            voices.append(synth.active_voice_count())
            positions.append((time.monotonic() - started, transport.position_tick))
            time.sleep(0.02)
        recorder.wait(timeout=10)
        xruns = jack_server.xruns() - xruns_before
        assert transport.state == State.STOPPED  # played to the end by itself
        synth.stop_audio()  # frees the output, keeps the synth
        assert not synth.audio_running and not jack_server.output_ports()
    finally:
        synth.close()

    assert max(voices) > 0
    # The position follows real time: 120 BPM is 960 ticks a second.
    (t0, p0), (t1, p1) = positions[5], positions[-5]
    assert (p1 - p0) / (t1 - t0) == pytest.approx(960, rel=0.05)
    audio, rate = read_wav(wav)
    found = onsets(audio[:, 0], threshold=3e-4)
    assert len(found) == 16
    error_ms, slips = grid_deviation_ms(found, rate, rate * 0.25, jack_server.period_frames)
    assert slips <= xruns  # a slip the server did not report would be our timing error
    assert np.ptp(error_ms) < 1.5  # within one 64-frame block


def test_the_synth_runs_at_the_rate_the_jack_server_imposes(monkeypatch) -> None:
    require_jack()
    server = start_jack_server(f"tonewell-test-48k-{os.getpid()}", sample_rate_hz=48000)
    try:
        monkeypatch.setenv("JACK_DEFAULT_SERVER", server.name)
        synth = Synth(AudioSettings(sample_rate_hz=44100), drivers=["jack"])
        try:
            assert synth.audio.driver == "jack" and synth.sample_rate_hz == 48000
            start, t0 = synth.now_samples(), time.monotonic()
            time.sleep(0.5)
            rate = (synth.now_samples() - start) / (time.monotonic() - t0)
            assert rate == pytest.approx(48000, rel=0.1)
        finally:
            synth.close()
    finally:
        server.stop()


def test_whole_period_slips_are_told_apart_from_timing_errors() -> None:
    rng = np.random.default_rng(1)
    grid = 13639.2
    onsets = np.round(np.arange(40) * grid + rng.integers(0, 64, 40)).astype(float)
    onsets[10:] -= 256  # the recorder lost one period: an xrun
    error_ms, slips = grid_deviation_ms(onsets, 44100, grid, 256)
    assert slips == 1 and np.ptp(error_ms) < 1.5
    onsets[25] += 150  # one late note: a real timing error stays visible
    error_ms, slips = grid_deviation_ms(onsets, 44100, grid, 256)
    assert slips == 1 and np.ptp(error_ms) > 3
