"""Settings › Sound…: choices, live latency, soundfont loading and a font that fails."""

from __future__ import annotations

from dataclasses import replace

from tonewell.ui.settings import SoundSettings, load_sound_settings, save_sound_settings
from tonewell.ui.sound_dialog import SoundDialog

from .helpers import accessible_name


def use_font(qtbot, engine, font):
    with qtbot.waitCallback(timeout=10_000) as applied:
        engine.apply_settings(replace(engine.settings, soundfont_path=str(font)), applied)
    assert applied.args == [True, ""]


def test_dialog_offers_drivers_fonts_and_shows_latency_live(qtbot, engine):
    dialog = SoundDialog(engine)
    qtbot.addWidget(dialog)
    assert dialog.driver.itemText(0) == "Automatic"
    assert dialog.soundfont.itemText(0).startswith("Bundled")
    dialog.period_size.setCurrentIndex(dialog.period_size.findData(512))
    dialog.periods.setCurrentIndex(dialog.periods.findData(2))
    assert dialog.latency.text().startswith("Output delay: 23.2 ms")
    assert accessible_name(dialog.reverb) == "Reverb"
    assert accessible_name(dialog.soundfont) != ""


def test_choices_speak_plain_words_with_the_numbers_beside(qtbot, engine):
    dialog = SoundDialog(engine)
    qtbot.addWidget(dialog)
    assert dialog.driver.accessibleName() == "Sound system"
    assert dialog.driver.currentText() == "Automatic"
    assert dialog.driver_detail.text() == "driver: auto"  # no output: none runs now
    jack = dialog.driver.findData("jack")
    assert dialog.driver.itemText(jack) == "JACK"
    dialog.driver.setCurrentIndex(jack)
    assert dialog.driver_detail.text() == "driver: jack"
    assert dialog.response.currentText() == "Balanced"  # 128 frames × 3, the default
    assert dialog.latency.text() == "Output delay: 8.7 ms (128 frames × 3)"
    assert "smooth" in dialog.response_hint.text()
    dialog.response.activated.emit(dialog.response.findText("Quicker"))
    assert (dialog.chosen_settings().period_size, dialog.chosen_settings().periods) == (128, 2)
    assert dialog.latency.text() == "Output delay: 5.8 ms (128 frames × 2)"
    dialog.period_size.setCurrentIndex(dialog.period_size.findData(1024))
    assert dialog.response.currentText() == "Your own setting"
    dialog.response.activated.emit(dialog.response.findText("Steadier"))
    assert dialog.response.findText("Your own setting") < 0
    assert (dialog.chosen_settings().period_size, dialog.chosen_settings().periods) == (512, 4)
    assert dialog.status.text().startswith("No sound output was found.")


def test_a_good_font_is_used_and_remembered(qtbot, engine, messages, small_font):
    dialog = SoundDialog(engine)
    qtbot.addWidget(dialog)
    dialog.choose_soundfont_file(small_font)
    dialog.chorus.setChecked(True)
    dialog.apply()
    assert dialog.busy.isVisibleTo(dialog)  # loading happens off the GUI thread
    qtbot.waitUntil(lambda: not engine.is_loading(), timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert engine.soundfont_path() == small_font
    assert load_sound_settings().soundfont_path == str(small_font)
    assert load_sound_settings().chorus
    assert messages == []


def test_a_bad_font_keeps_the_previous_one_and_says_so(qtbot, engine, messages, small_font,
                                                       tmp_path):
    use_font(qtbot, engine, small_font)
    bad = tmp_path / "broken.sf2"
    bad.write_bytes(b"RIFF\x10\x00\x00\x00notafont")
    dialog = SoundDialog(engine)
    qtbot.addWidget(dialog)
    dialog.choose_soundfont_file(bad)
    dialog.apply()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    qtbot.waitUntil(lambda: not engine.is_loading(), timeout=10_000)
    assert messages[0].startswith("That soundfont could not be used.")
    assert "broken.sf2" in messages[0]
    assert "The previous soundfont is still playing." in messages[0]
    assert engine.soundfont_path() == small_font
    assert engine.settings.soundfont_path == str(small_font)
    assert dialog.soundfont.currentData() == str(small_font)


def test_settings_live_in_tonewell_home(tonewell_home):
    save_sound_settings(SoundSettings(driver="jack", period_size=128, metronome_volume=40))
    assert (tonewell_home / "settings.ini").is_file()
    got = load_sound_settings()
    assert (got.driver, got.period_size, got.metronome_volume) == ("jack", 128, 40)


def test_damaged_settings_fall_back_to_defaults(tonewell_home):
    tonewell_home.mkdir(parents=True, exist_ok=True)
    (tonewell_home / "settings.ini").write_text(
        "[sound]\nperiod_size=lots\nperiods=999\nreverb=maybe\n", encoding="utf-8"
    )
    got = load_sound_settings()
    assert got.period_size == SoundSettings().period_size
    assert got.periods == 64  # clamped
    assert got.reverb is False
