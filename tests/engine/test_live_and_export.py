"""What you hear is what you export: the live synth (driven offline through its sequencer, as
the transport drives it) and `render_to_wav` make the same sound, also for a program the
soundfont lacks, and an extra drum track gets the kit channel 10 would."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tonewell.engine.audio import AudioSettings
from tonewell.engine.render import render_to_wav
from tonewell.engine.schedule import compile_schedule
from tonewell.engine.transport import Transport
from tonewell.model import Clip, Composition, Note, TempoMap, Track

from .sound import read_wav

pytestmark = pytest.mark.fluidsynth

SR = 44100
WINDOW_S = 3.0
"""One bar at 120 BPM is 2 s; the drums have died away well before 3 s."""
MISSING_KIT = 99
"""No General MIDI soundfont has a drum kit at program 99."""


def drums(program: int, *, muted_kit_first: bool = False) -> Composition:
    """A bar of kick, snare and hi-hat eighths on a drum track with `program`. With
    `muted_kit_first` a muted drum track comes first, so this one plays on channel 16."""
    notes = tuple(Note(i * 240, p, 120, 100) for i in range(8) for p in (36, 38, 42))
    track = Track(name="Drums", is_drum=True, program=program, clips=(Clip(notes=notes),))
    tracks = (track,)
    if muted_kit_first:
        tracks = (Track(name="Muted", is_drum=True, mute=True), track)
    return Composition(tempo_map=TempoMap.constant(120), tracks=tracks)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def live(comp: Composition, font: Path) -> np.ndarray:
    """The left channel of `WINDOW_S` seconds from play, through the synth's sequencer."""
    from tonewell.engine.synth import Synth

    synth = Synth(AudioSettings(reverb=False, chorus=False), font, audio=False)
    try:
        transport = Transport(synth, synth, sample_rate_hz=SR)
        transport.set_schedule(compile_schedule(comp))
        transport.play()
        chunks = []
        step = SR // 50  # pumped every 20 ms of audio, as the Qt timer would
        for _ in range(round(WINDOW_S * 50)):
            transport.pump()
            left, _right = synth.render(step)
            chunks.append(np.frombuffer(left, dtype=np.float32))
        return np.concatenate(chunks)
    finally:
        synth.close()


def exported(comp: Composition, font: Path, tmp_path: Path) -> np.ndarray:
    out = tmp_path / "export.wav"
    render_to_wav(comp, out, soundfont=font, effects=False)
    audio, _rate = read_wav(out)
    left = audio[: round(WINDOW_S * SR), 0]
    return np.pad(left, (0, round(WINDOW_S * SR) - len(left)))


@pytest.mark.parametrize("muted_kit_first", [False, True], ids=["channel 10", "channel 17"])
def test_a_missing_drum_kit_sounds_the_same_live_and_exported(
    bundled_font: Path, tmp_path: Path, muted_kit_first: bool
) -> None:
    comp = drums(MISSING_KIT, muted_kit_first=muted_kit_first)
    heard, written = rms(live(comp, bundled_font)), rms(exported(comp, bundled_font, tmp_path))
    assert heard > 0.005
    assert heard == pytest.approx(written, rel=0.03)


def test_an_extra_drum_track_gets_the_kit_channel_10_would(bundled_font: Path) -> None:
    on_10 = rms(live(drums(MISSING_KIT), bundled_font))
    on_17 = rms(live(drums(MISSING_KIT, muted_kit_first=True), bundled_font))
    standard = rms(live(drums(0), bundled_font))
    assert on_17 == pytest.approx(on_10, rel=0.03)
    assert on_10 == pytest.approx(standard, rel=0.03)  # the missing kit became the standard one


def test_play_through_selects_the_preset_an_export_would(bundled_font: Path) -> None:
    from tonewell.engine.synth import Synth

    with Synth(AudioSettings(reverb=False, chorus=False), bundled_font, audio=False) as synth:
        for channel in (9, 20):
            synth.set_program(channel, MISSING_KIT, drum=True)
            _sfid, bank, program, _name = synth.fs.channel_info(channel)
            assert (bank, program) == synth.preset_for(MISSING_KIT, True) == (128, 0)
