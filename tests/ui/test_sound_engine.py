"""The window's sound engine: status without output, restarts, and playing on through them."""

from __future__ import annotations

from dataclasses import replace

from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import SoundSettings
from tonewell.ui.sound_engine import (
    NO_OUTPUT_TEXT,
    SoundEngine,
    metronome_level,
    needs_restart,
)

from .helpers import small_piece


def test_without_output_the_status_is_plain(engine):
    assert not engine.has_output()
    assert engine.status_text() == "No sound output"
    assert engine.status_detail().startswith(NO_OUTPUT_TEXT)
    assert engine.driver_name() == ""
    assert engine.soundfont_name() == ""


def test_what_needs_a_new_driver():
    base = SoundSettings()
    assert needs_restart(base, replace(base, period_size=256))
    assert needs_restart(base, replace(base, driver="jack"))
    assert not needs_restart(base, replace(base, reverb=False, metronome_volume=10))
    assert metronome_level(100) == 127 and metronome_level(0) == 0


def test_a_new_buffer_size_restarts_and_keeps_playing(qtbot, engine, small_font):
    with qtbot.waitCallback(timeout=10_000) as applied:
        engine.apply_settings(replace(engine.settings, soundfont_path=str(small_font)), applied)
    engine.set_composition(small_piece())
    engine.play_pause()
    qtbot.waitUntil(lambda: engine.position() > 0, timeout=3000)
    old_synth = engine.synth
    with qtbot.waitCallback(timeout=10_000) as applied:
        engine.apply_settings(replace(engine.settings, period_size=512), applied)
    assert applied.args == [True, ""]
    assert engine.synth is not old_synth
    assert engine.settings.period_size == 512
    assert engine.is_playing()
    qtbot.waitUntil(lambda: not engine.is_loading(), timeout=10_000)
    assert engine.soundfont_path() == small_font  # loaded again into the new synth
    engine.stop()
    assert engine.state() == "stopped"


def test_effects_change_without_a_restart(qtbot, engine):
    synth = engine.synth
    with qtbot.waitCallback() as applied:
        engine.apply_settings(replace(engine.settings, reverb=False, metronome_volume=20), applied)
    assert engine.synth is synth
    assert engine.transport.metronome_volume == metronome_level(20)
    assert synth.fs.get_setting("synth.reverb.active") == 0


def test_a_chosen_soundfont_that_no_longer_loads_falls_back_and_says_so(
    qtbot, tmp_path, messages, small_font, monkeypatch
):
    broken = tmp_path / "gone-bad.sf2"
    broken.write_bytes(b"this used to be a soundfont")
    monkeypatch.setenv("TONEWELL_SOUNDFONT", str(small_font))
    eng = SoundEngine(SoundSettings(soundfont_path=str(broken)), audio=False)
    win = MainWindow(eng)
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: eng.soundfont_path() == small_font, timeout=10_000)
        text = win.font_notice.label.text()
        assert "could not be loaded" in text
        assert '"gone-bad.sf2" is not a soundfont' in text
        assert "its own soundfont instead" in text
        assert eng.settings.soundfont_path == ""
    finally:
        win.close()
        eng.shutdown()


def _loaded(qtbot, engine, font):
    with qtbot.waitCallback(timeout=10_000) as applied:
        engine.apply_settings(replace(engine.settings, soundfont_path=str(font)), applied)
    engine.set_composition(small_piece())


def test_audition_sounds_a_short_note_with_the_tracks_instrument(qtbot, engine, small_font):
    _loaded(qtbot, engine, small_font)
    synth = engine.synth
    piano = engine._comp.tracks[0]
    engine.audition(piano.uid, 64, 100)
    assert synth.active_voice_count() > 0
    left, _right = synth.render(4096)
    assert max(abs(v) for v in left) > 0.001
    qtbot.wait(450)  # the note is released after about 300 ms
    synth.render(44100 * 3)
    assert synth.active_voice_count() == 0


def test_audition_of_an_unknown_track_is_silent(qtbot, engine, small_font):
    _loaded(qtbot, engine, small_font)
    engine.audition(-5, 64, 100)
    assert engine.synth.active_voice_count() == 0
