"""The live synth: play-through, its sample clock, fades and panic, soundfont swaps, no-audio."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from tonewell.engine.audio import AudioSettings
from tonewell.engine.blocks import event_frame
from tonewell.engine.schedule import Event, EventKind

from .test_transport import SR, rms

pytestmark = pytest.mark.fluidsynth

SMALL_FONT = Path("/usr/share/sounds/sf2/TimGM6mb.sf2")
"""Debian's timgm6mb-soundfont: loads in 0.03 s, where it is installed."""


@pytest.fixture
def synth(bundled_font: Path):
    from tonewell.engine.synth import Synth

    s = Synth(AudioSettings(reverb=False, chorus=False), bundled_font, audio=False)
    yield s
    s.close()


def left(pair: tuple) -> np.ndarray:
    return np.frombuffer(pair[0], dtype=np.float32)


def test_play_through_sounds_at_once_and_releases(synth) -> None:
    synth.set_program(0, 0)
    synth.note_on(0, 60, 100)
    assert rms(left(synth.render(4410))) > 1e-3
    synth.note_off(0, 60)
    synth.render(SR * 2)
    assert synth.active_voice_count() == 0


def fired_on_block(synth, at: int) -> int:
    """Send a note for frame `at`, render block by block; the block where it began to sound."""
    synth.send(at, Event(0, EventKind.NOTE_ON, 9, 75, 120, 0))
    while synth.active_voice_count() == 0:
        synth.render(64)
    block = synth.frames_rendered - 64
    synth.panic()
    synth.render(SR // 4)
    return block


@pytest.mark.parametrize("ahead", [1, 32, 33, 63, 64, 1000, 22051, 44100 * 7 + 5])
def test_an_event_fires_on_the_block_nearest_its_frame(synth, ahead: int) -> None:
    synth.set_program(9, 0, drum=True)
    synth.render(640)
    at = synth.frames_rendered + ahead
    assert fired_on_block(synth, at) == event_frame(at)  # the nearest block, as in a render


def test_the_clock_is_the_last_rendered_block(synth) -> None:
    assert synth.now_samples() < 64
    synth.render(640)
    assert synth.now_samples() == 576 + 32  # the last block, and the frames rounded onto it
    synth.render(44100 * 3 + 17)
    assert synth.now_samples() == (synth.frames_rendered - 1) // 64 * 64 + 32


def test_remove_drops_queued_playback_events(synth) -> None:
    synth.set_program(0, 0)
    synth.send(synth.frames_rendered + 4410, Event(0, EventKind.NOTE_ON, 0, 60, 100, 0))
    synth.remove()
    assert rms(left(synth.render(SR // 2))) == 0.0


def test_fade_out_silences_within_30_ms_and_restores_the_channel(synth) -> None:
    synth.set_program(0, 16)  # organ: sustains until released
    for pitch in (48, 55, 60):
        synth.note_on(0, pitch, 110)
    synth.render(SR // 4)
    quiet_at = synth.fade_out([0])
    audio = left(synth.render(SR // 4))
    assert quiet_at - synth.frames_rendered + SR // 4 < round(0.035 * SR)
    assert rms(audio[round(0.03 * SR) :]) == 0.0
    assert synth.active_voice_count() == 0
    assert synth.fs.get_cc(0, 11) == 127  # expression back up for the next note
    synth.note_on(0, 60, 100)
    assert rms(left(synth.render(4410))) > 1e-3


def test_panic_cuts_every_channel_and_queued_event(synth) -> None:
    synth.set_program(3, 16)
    synth.note_on(3, 50, 100)
    synth.note_on(40, 62, 100)
    synth.send(synth.frames_rendered + SR // 2, Event(0, EventKind.NOTE_ON, 5, 60, 100, 0))
    synth.render(2205)
    synth.panic()
    synth.render(SR)
    assert synth.active_voice_count() == 0


def test_without_any_rendering_panic_cuts_at_once(synth) -> None:
    synth.note_on(0, 60, 100)
    synth.panic()  # nothing renders: a fade on the sample clock could never run
    assert rms(left(synth.render(64))) == 0.0
    assert synth.active_voice_count() == 0


@pytest.fixture
def other_font(bundled_font: Path, tmp_path: Path) -> Path:
    """A soundfont to swap to that loads fast: a copy of the small GM font where installed,
    else the bundled one again (its samples are cached while a synth holds it)."""
    if not SMALL_FONT.is_file():
        return bundled_font
    copy = tmp_path / "other.sf2"
    copy.write_bytes(SMALL_FONT.read_bytes())
    return copy


def test_a_new_soundfont_loads_off_thread_and_keeps_the_channel_programs(
    synth, other_font: Path
) -> None:
    synth.set_program(0, 40)
    synth.set_program(63, 0, drum=True)
    done: list[tuple[Path | None, str | None]] = []
    thread = synth.load_soundfont_async(other_font, lambda p, e: done.append((p, e)))
    assert thread.name == "tonewell-soundfont"
    thread.join(timeout=30)
    assert done == [(other_font, None)]
    assert synth.soundfont_path == other_font
    assert synth.fs.program_info(0)[1:] == (0, 40)
    assert synth.fs.program_info(63)[1:] == (128, 0)
    synth.note_on(0, 60, 100)
    assert rms(left(synth.render(4410))) > 1e-3


def test_a_bad_soundfont_is_reported_and_the_old_one_stays(synth, tmp_path: Path) -> None:
    bad = tmp_path / "broken.sf2"
    bad.write_bytes(b"RIFF\x10\x00\x00\x00sfbkLIST" + bytes(64))
    before = synth.soundfont_path
    done: list[tuple[Path | None, str | None]] = []
    synth.load_soundfont_async(bad, lambda p, e: done.append((p, e))).join(timeout=10)
    assert done[0][0] is None and "broken.sf2" in (done[0][1] or "")
    assert synth.soundfont_path == before
    synth.set_program(0, 0)
    synth.note_on(0, 60, 100)
    assert rms(left(synth.render(4410))) > 1e-3


def test_a_bad_soundfont_at_construction_is_a_clear_error(tmp_path: Path) -> None:
    from tonewell.engine.fluid import SoundfontError
    from tonewell.engine.synth import Synth

    bad = tmp_path / "notes.sf2"
    bad.write_text("not a soundfont")
    with pytest.raises(SoundfontError, match=r"notes\.sf2"):
        Synth(soundfont=bad, audio=False)


@pytest.mark.slow
def test_loading_a_soundfont_does_not_stall_the_audio_thread(
    synth, bundled_font: Path, tmp_path: Path
) -> None:
    """`sfload` on the live synth holds its lock for the whole load (~1.7 s for the bundled
    sf3) while the sequencer's notes wait on it inside the render call: a dropout. The swap
    must not. (The bound is loose for loaded machines; the stall it catches is seconds.)"""
    synth.set_program(0, 0)
    start = synth.frames_rendered
    for i in range(100):
        synth.send(start + i * 1000, Event(0, EventKind.NOTE_ON, 0, 60 + i % 12, 80, 0))
    uncached = tmp_path / "copy.sf3"  # FluidSynth caches samples by file name
    uncached.write_bytes(bundled_font.read_bytes())
    done = threading.Event()
    synth.load_soundfont_async(uncached, lambda p, e: done.set())
    slowest = 0.0
    while not done.is_set():
        t = time.perf_counter()
        synth.render(256)  # one period, as an audio driver would ask for it
        slowest = max(slowest, time.perf_counter() - t)
        time.sleep(0.002)
    assert slowest < 0.4


def test_close_waits_for_a_running_load_and_is_idempotent(other_font: Path) -> None:
    from tonewell.engine.synth import Synth

    s = Synth(AudioSettings(reverb=False, chorus=False), audio=False)
    results: list[str | None] = []
    s.load_soundfont_async(other_font, lambda p, e: results.append(e))
    s.close()  # joins the loader
    s.close()
    assert len(results) == 1
    assert not [t for t in threading.enumerate() if t.name.startswith("tonewell")]


def test_with_no_usable_driver_it_runs_silent_and_says_why(monkeypatch) -> None:
    from tonewell.engine.synth import Synth

    monkeypatch.setenv("JACK_DEFAULT_SERVER", f"tonewell-absent-{os.getpid()}")
    started = time.monotonic()
    s = Synth(AudioSettings(), drivers=["jack"])
    try:
        assert time.monotonic() - started < 1.0  # not the jack driver's 6 s timeout
        assert not s.audio_running and s.audio.driver is None
        assert "no JACK server running" in s.audio.describe()
        assert s.audio.describe().startswith("no sound output")
    finally:
        s.close()
