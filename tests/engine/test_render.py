"""Offline render through real FluidSynth and the bundled soundfont, checked by listening:
pitch by FFT, note starts by onset detection (reverb and chorus off), loops by counting."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from tonewell.engine.blocks import ONSET_ERROR_BOUND_FRAMES, event_frame
from tonewell.engine.fluid import SoundfontError
from tonewell.engine.render import TAIL_CAP_S, RenderCancelled, render_to_wav
from tonewell.engine.schedule import compile_schedule
from tonewell.errors import FileProblem
from tonewell.model import Clip, Composition, LoopRegion, Note, TempoChange, TempoMap, Track

from .sound import band_level, envelope, first_above, onsets, peak_frequency_hz, read_wav

pytestmark = pytest.mark.fluidsynth

SR = 44100
BAR = 1920
PIANO, FLUTE, ORGAN, WOODBLOCK = 0, 73, 16, 115


@pytest.fixture()
def render(bundled_font: Path, tmp_path: Path):
    """Render a composition (effects off unless asked) and read it back: (audio, rate)."""

    def run(comp: Composition, **kw):
        kw.setdefault("effects", False)
        out = tmp_path / "out.wav"
        result = render_to_wav(comp, out, soundfont=bundled_font, **kw)
        audio, rate = read_wav(out)
        assert len(audio) == result.frames
        return audio, rate

    return run


def track(notes, program=FLUTE, length_bars=1, **kw) -> Track:
    clip = Clip(notes=tuple(notes), length_bars=length_bars)
    return Track(program=program, clips=(clip,), **kw)


def piece(*tracks: Track, bpm: float = 120.0, **kw) -> Composition:
    return Composition(tempo_map=kw.pop("tempo_map", TempoMap.constant(bpm)), tracks=tracks, **kw)


def midi_hz(pitch: int) -> float:
    return 440.0 * 2 ** ((pitch - 69) / 12)


def onset_errors(audio, expected: list[int]) -> list[int]:
    """Detected minus expected start of each note, relative to the first note (which starts at
    frame 0, a block boundary, so it shows how long the instrument's attack takes to cross the
    threshold)."""
    found = [first_above(audio, s - 400, s + 400, 0.02) for s in expected]
    assert None not in found, f"a note is missing: {found}"
    attack = found[0] - expected[0]
    return [f - s - attack for f, s in zip(found, expected, strict=True)]


# --- pitch and time ---------------------------------------------------------------------------


@pytest.mark.parametrize("pitch", [57, 69, 81])
def test_a_note_sounds_at_its_pitch(render, pitch: int) -> None:
    audio, rate = render(piece(track([Note(0, pitch, 1800)], PIANO)))
    steady = audio[int(0.2 * rate) : int(0.7 * rate), 0]
    assert peak_frequency_hz(steady, rate) == pytest.approx(midi_hz(pitch), rel=0.01)


@pytest.mark.parametrize("rate", [44100, 48000])
def test_notes_start_at_their_sample_within_half_a_block(render, rate: int) -> None:
    # 40 notes whose exact samples fall on every part of FluidSynth's 64-frame block
    ticks = [0] + [i * 480 + (i * 37) % 480 for i in range(1, 40)]
    comp = piece(track([Note(t, 72, 60) for t in ticks], WOODBLOCK, length_bars=12), bpm=97)
    audio, got_rate = render(comp, sample_rate_hz=rate)
    assert got_rate == rate
    sched = compile_schedule(comp)
    expected = [sched.tick_to_sample(t, rate) for t in ticks]
    errors = onset_errors(audio, expected)
    assert max(map(abs, errors)) <= ONSET_ERROR_BOUND_FRAMES == 32
    assert abs(np.mean(errors)) < 6  # compensated: no systematic lateness
    # Exactly where predicted: each note lands on the block boundary nearest its sample.
    assert errors == [event_frame(s) - s for s in expected]


def test_a_tempo_change_moves_the_notes_after_it(render) -> None:
    tempo = TempoMap((TempoChange(0, 120.0), TempoChange(BAR, 75.0)))
    comp = piece(track([Note(i * 480, 72, 60) for i in range(8)], WOODBLOCK, 2), tempo_map=tempo)
    audio, _ = render(comp)
    beat_120, beat_75 = 22050, 35280  # 0.5 s and 0.8 s
    expected = [i * beat_120 for i in range(5)] + [4 * beat_120 + i * beat_75 for i in (1, 2, 3)]
    assert max(map(abs, onset_errors(audio, expected))) <= ONSET_ERROR_BOUND_FRAMES


# --- loops -------------------------------------------------------------------------------------


def test_a_loop_rendered_8_times_has_8_times_the_notes_evenly_spaced(render) -> None:
    notes = [Note(i * 480, 72, 60) for i in range(8)]  # two bars; the loop is the first
    comp = piece(track(notes, WOODBLOCK, 2), loop=LoopRegion(0, BAR, True))
    audio, _ = render(comp, loops=8)
    found = onsets(audio, 0.02)
    assert len(found) == 8 * 4
    expected = [i * 22050 for i in range(32)]
    assert max(map(abs, onset_errors(audio, expected))) <= ONSET_ERROR_BOUND_FRAMES
    music_frames = 8 * 4 * 22050
    assert music_frames < len(audio) <= music_frames + TAIL_CAP_S * SR + 2048


def test_a_loop_after_a_lead_in_plays_the_lead_in_once(render) -> None:
    notes = [Note(i * 480, 72, 60) for i in range(12)]  # three bars; the loop is bar 2
    comp = piece(track(notes, WOODBLOCK, 3), loop=LoopRegion(BAR, 2 * BAR, True))
    audio, _ = render(comp, loops=3)
    assert len(onsets(audio, 0.02)) == 4 + 3 * 4


def test_a_held_note_sounds_on_across_every_wrap(render) -> None:
    comp = piece(track([Note(0, 60, BAR)], ORGAN), loop=LoopRegion(0, BAR, True))
    audio, rate = render(comp, loops=4)
    pass_frames = 2 * rate
    level = envelope(audio)
    window = 256
    frames = len(level) // window * window
    loudness = level[:frames].reshape(-1, window).max(axis=1)
    steady = loudness[int(0.1 * rate) // window : 4 * pass_frames // window - 1]
    assert steady.min() > 0.3 * np.median(steady)  # no dip at any of the wraps


def test_without_a_loop_region_the_whole_piece_repeats(render) -> None:
    comp = piece(track([Note(0, 72, 60), Note(960, 72, 60)], WOODBLOCK))
    audio, _ = render(comp, loops=3)
    expected = [i * 44100 for i in range(6)]
    assert len(onsets(audio, 0.02)) == 6
    assert max(map(abs, onset_errors(audio, expected))) <= ONSET_ERROR_BOUND_FRAMES


# --- what sounds -------------------------------------------------------------------------------


def two_voices(**flags) -> Composition:
    a4 = track([Note(0, 69, 1800)], name="A", **flags.get("a", {}))
    e5 = track([Note(0, 76, 1800)], name="E", **flags.get("e", {}))
    return piece(a4, e5)


def levels(audio, rate) -> tuple[float, float]:
    steady = audio[int(0.2 * rate) : int(0.7 * rate), 0]
    return band_level(steady, rate, midi_hz(69)), band_level(steady, rate, midi_hz(76))


def test_both_voices_sound_by_default(render) -> None:
    a, e = levels(*render(two_voices()))
    assert a > 1 and e > 1


def test_a_muted_track_is_silent(render) -> None:
    a, e = levels(*render(two_voices(e={"mute": True})))
    assert e < a / 100


def test_a_soloed_track_silences_the_others(render) -> None:
    a, e = levels(*render(two_voices(e={"solo": True})))
    assert a < e / 100


def test_all_muted_renders_silence(render) -> None:
    audio, _ = render(two_voices(a={"mute": True}, e={"mute": True}))
    assert np.abs(audio).max() <= 2 / 32768  # FluidSynth's ±1 LSB dither at most


def test_tracks_past_channel_16_and_a_second_drum_kit_sound(render) -> None:
    melodic = [track([Note(0, 60, 480)], name=f"T{i}") for i in range(19)]
    kick = Track("Kit 1", is_drum=True, clips=(Clip(notes=(Note(0, 36, 240),)),))
    snare = Track("Kit 2", is_drum=True, solo=True, clips=(Clip(notes=(Note(0, 38, 240),)),))
    late = track([Note(0, 76, 480)], name="T20", solo=True)
    comp = piece(*melodic, kick, snare, late)
    channels = {s.track_index: s.channel for s in compile_schedule(comp).setups}
    assert channels[19] == 9 and channels[20] >= 16 and channels[21] >= 16
    audio, rate = render(comp)
    assert np.abs(audio).max() > 0.05
    steady = audio[int(0.2 * rate) : int(0.45 * rate), 0]
    assert band_level(steady, rate, midi_hz(76)) > 10 * band_level(steady, rate, midi_hz(60))


def test_reverb_is_on_by_default_and_leaves_a_tail(render) -> None:
    comp = piece(track([Note(0, 72, 60)], WOODBLOCK))
    dry, rate = render(comp)
    wet, _ = render(comp, effects=True)
    late = slice(int(0.2 * rate), int(0.5 * rate))  # the woodblock itself has died away

    def rms(audio) -> float:
        return float(np.sqrt(np.mean(audio[late] ** 2)))

    assert rms(wet) > 4 * rms(dry)


# --- files and failures ------------------------------------------------------------------------


def test_the_result_describes_the_file(bundled_font: Path, tmp_path: Path) -> None:
    out = tmp_path / "piece.wav"
    result = render_to_wav(piece(track([Note(0, 60, 480)])), out, sample_rate_hz=22050)
    audio, rate = read_wav(out)
    assert (result.path, result.frames, result.sample_rate_hz) == (out, len(audio), rate)
    assert rate == 22050
    assert result.seconds == pytest.approx(len(audio) / 22050)
    assert 2.0 + 0.3 <= result.seconds <= 2.0 + TAIL_CAP_S + 0.1  # one bar, then the tail
    assert os.listdir(tmp_path) == ["piece.wav"]


def test_progress_rises_to_one(bundled_font: Path, tmp_path: Path) -> None:
    seen: list[float] = []
    comp = piece(track([Note(i * 480, 60, 480) for i in range(4)], length_bars=1))
    render_to_wav(comp, tmp_path / "p.wav", loops=4, progress=seen.append, effects=False)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 10


def existing_output(tmp_path: Path) -> Path:
    out = tmp_path / "out.wav"
    out.write_bytes(b"the previous export")
    return out


def assert_untouched(out: Path) -> None:
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.wav"]


@pytest.mark.parametrize("cancel_after", [0, 3])
def test_cancelling_leaves_no_file(bundled_font: Path, tmp_path: Path, cancel_after: int) -> None:
    checks = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > cancel_after

    comp = piece(track([Note(0, 60, 480)]))
    with pytest.raises(RenderCancelled):
        render_to_wav(comp, tmp_path / "new.wav", loops=50, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []
    out = existing_output(tmp_path)
    checks.clear()
    with pytest.raises(RenderCancelled):
        render_to_wav(comp, out, loops=50, cancelled=cancelled)
    assert_untouched(out)


def bad_fonts(tmp_path: Path, good_font: Path) -> dict[str, Path]:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    paths = {
        "random": fonts / "random.sf2",
        "text": fonts / "readme.sf2",
        "truncated": fonts / "cut.sf3",
        "missing": fonts / "absent.sf2",
    }
    paths["random"].write_bytes(os.urandom(50_000))
    paths["text"].write_text("not a soundfont\n" * 100)
    paths["truncated"].write_bytes(good_font.read_bytes()[:300_000])
    return paths


@pytest.mark.parametrize("kind", ["random", "text", "truncated", "missing"])
def test_a_bad_soundfont_is_refused_and_nothing_written(
    bundled_font: Path, tmp_path: Path, kind: str
) -> None:
    font = bad_fonts(tmp_path, bundled_font)[kind]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    comp = piece(track([Note(0, 60, 480)]))
    with pytest.raises(SoundfontError):
        render_to_wav(comp, out_dir / "new.wav", soundfont=font)
    assert list(out_dir.iterdir()) == []
    out = existing_output(out_dir)
    with pytest.raises(SoundfontError):
        render_to_wav(comp, out, soundfont=font)
    assert_untouched(out)


def test_an_unwritable_target_is_a_plain_file_problem(bundled_font: Path, tmp_path: Path) -> None:
    comp = piece(track([Note(0, 60, 480)]))
    with pytest.raises(FileProblem, match="the folder it belongs in does not exist") as caught:
        render_to_wav(comp, tmp_path / "no" / "such" / "out.wav")
    assert "\n" not in str(caught.value)
    with pytest.raises(FileProblem, match="folder with that name"):
        render_to_wav(comp, tmp_path)


def test_memory_stays_flat_however_long_the_render(bundled_font: Path, tmp_path: Path) -> None:
    comp = piece(track([Note(i * 240, 60 + i, 200) for i in range(8)], length_bars=1))

    def peak_bytes(loops: int) -> int:
        tracemalloc.start()
        try:
            render_to_wav(comp, tmp_path / "m.wav", loops=loops, sample_rate_hz=8000, effects=False)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak_bytes(1)  # first use imports and caches things
    short, long = peak_bytes(4), peak_bytes(160)  # 8 s and 5 min 20 s of music
    assert long < short * 1.2 + 64 * 1024


def test_a_piece_longer_than_a_wav_file_holds_is_refused_before_rendering(tmp_path) -> None:
    import time

    nine_hours_ticks = 9 * 3600 * 2 * 480  # at 120 BPM: 2 beats a second
    late = Clip(notes=(Note(0, 60, 480, 90),), length_bars=1, start_tick=nine_hours_ticks)
    comp = Composition(tracks=(Track(name="Late", program=PIANO, clips=(late,)),))
    out = tmp_path / "long.wav"
    out.write_bytes(b"older render")
    started = time.monotonic()
    with pytest.raises(FileProblem, match="longer than a WAV file can hold"):
        render_to_wav(comp, out)
    assert time.monotonic() - started < 5
    assert out.read_bytes() == b"older render"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.wav"]
