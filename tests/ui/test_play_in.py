"""Playing in, in the window: the MIDI state in the status bar, keys heard with the selected
track's sound, the on-screen keyboard under the piano roll, the computer keys on the piano roll
with "Play keys" on (and the roll's own keys when off), Settings › Playing…, and Silence all."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QToolButton
from tests.midi.fakes import FakePorts
from tests.ui.helpers import accessible_name, small_piece
from tests.ui.play_fakes import FakeSynth

from tonewell.ui.main_window import MainWindow
from tonewell.ui.playing_dialog import PlayingDialog
from tonewell.ui.settings import PlayingSettings, load_playing_settings, save_playing_settings
from tonewell.ui.sound_engine import SoundEngine

KEYS = "Keys:Keys MIDI 1 24:0"


@pytest.fixture
def ports() -> FakePorts:
    return FakePorts("alsa", [])


def make_window(qtbot, engine: SoundEngine, ports: FakePorts) -> MainWindow:
    win = MainWindow(engine, midi_systems=lambda backend: [ports])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def played(qtbot, engine: SoundEngine, ports: FakePorts, messages) -> Iterator[MainWindow]:
    """A window on a two-track piece whose play-through goes to a `FakeSynth`."""
    win = make_window(qtbot, engine, ports)
    win.piece.load(small_piece(), None)
    win.midi.sink.synth = FakeSynth()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.close()


def synth(window: MainWindow) -> FakeSynth:
    assert isinstance(window.midi.sink.synth, FakeSynth)
    return window.midi.sink.synth


def test_the_window_says_calmly_when_there_is_no_keyboard_then_which_one_plays(
        qtbot, played, ports):
    label = played.findChild(QLabel, "midiStatus")
    assert not label.isVisible()  # nothing said before the first look
    played.midi.input.poll_once()
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "No MIDI keyboard found"
    ports.names.append(KEYS)
    played.midi.input.poll_once()
    qtbot.waitUntil(lambda: label.text() == "Playing from Keys:Keys MIDI 1")
    assert accessible_name(label) == "Playing from Keys:Keys MIDI 1"
    assert "Settings › Playing" in label.toolTip()


def test_a_midi_keyboard_plays_with_the_sound_of_the_track_being_edited(played, ports):
    ports.names.append(KEYS)
    played.midi.input.poll_once()
    kit = played.piece.comp.tracks[1]
    played.track_list.track_selected.emit(kit.uid)
    assert played.piano_roll.current_clip()[0] == kit.uid
    ports.port(KEYS).send(0x90, 36, 100)
    assert ("program", 9, 0, True) in synth(played).calls
    assert synth(played).of("note_on")[-1] == ("note_on", 9, 36, 100)


def test_silence_all_also_lets_go_of_held_midi_keys(qtbot, played, ports):
    ports.names.append(KEYS)
    played.midi.input.poll_once()
    ports.port(KEYS).send(0x90, 60, 100)
    qtbot.mouseClick(played.findChild(QToolButton, "panicButton"), Qt.MouseButton.LeftButton)
    assert synth(played).of("note_off") == [("note_off", 0, 60)]
    assert played.midi.router.held_keys() == {}


def test_the_on_screen_keyboard_sits_under_the_piano_roll(qtbot, played):
    played.show_keyboard_action.setChecked(True)
    kb = played.keyboard_panel.keyboard
    assert kb.objectName() == "onScreenKeyboard"
    splitter = played.editor_splitter
    assert splitter.indexOf(played.keyboard_panel) == splitter.indexOf(played.piano_roll) + 1
    qtbot.waitUntil(lambda: kb.height() >= kb.minimumHeight() > 0)
    assert kb.mapTo(played, kb.rect().topLeft()).y() > played.piano_roll.mapTo(
        played, played.piano_roll.rect().bottomLeft()).y() - 1
    qtbot.mouseClick(kb, Qt.MouseButton.LeftButton, pos=kb.point_in(64).toPoint())
    assert synth(played).of("note_on")[-1][:3] == ("note_on", 0, 64)
    played.show_keyboard_action.setChecked(False)
    assert not played.keyboard_panel.isVisible()


def focus_roll(qtbot, window: MainWindow) -> None:
    window.piano_roll.setFocus()
    qtbot.waitUntil(window.piano_roll.canvas.hasFocus)


def test_with_play_keys_on_the_letters_play_on_the_piano_roll_and_light_up(qtbot, played):
    focus_roll(qtbot, played)
    toggle = played.keyboard_panel.toggle
    assert toggle.objectName() == "playKeysToggle"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert played.keyboard_panel.play_keys_action.isChecked()
    assert played.keyboard_panel.isVisible()  # to see the keys light up
    focus_roll(qtbot, played)
    canvas = played.piano_roll.canvas
    QTest.keyPress(canvas, Qt.Key.Key_E)
    assert synth(played).of("note_on")[-1][:3] == ("note_on", 0, 63)
    qtbot.waitUntil(lambda: 63 in played.keyboard_panel.keyboard.lit_keys(), timeout=1000)
    assert played.keyboard_panel.keyboard.letters[63] == "E"
    QTest.keyRelease(canvas, Qt.Key.Key_E)
    assert synth(played).of("note_off")[-1] == ("note_off", 0, 63)


def test_with_play_keys_off_the_piano_roll_keys_work_as_before(qtbot, played):
    focus_roll(qtbot, played)
    roll = played.piano_roll
    before = roll.state.cursor.pitch
    QTest.keyClick(roll.canvas, Qt.Key.Key_A)
    QTest.keyClick(roll.canvas, Qt.Key.Key_Up)
    assert synth(played).of("note_on") == []
    assert roll.state.cursor.pitch == before + 1
    played.keyboard_panel.play_keys_action.setChecked(True)
    focus_roll(qtbot, played)
    QTest.keyClick(roll.canvas, Qt.Key.Key_Up)  # arrows still move the cursor while playing
    assert roll.state.cursor.pitch == before + 2


def test_the_playing_settings_are_applied_and_remembered(qtbot, played, engine, ports):
    menu_entry = played.menus.playing
    menu_entry.trigger()
    dialog = played.findChild(PlayingDialog, "playingDialog")
    assert dialog is not None and dialog.isVisible()
    assert not dialog.walk_box.isEnabled()
    dialog.lock_box.setCurrentIndex(dialog.lock_box.findData("pentatonic"))
    assert dialog.walk_box.isEnabled()
    dialog.walk_box.setChecked(True)
    dialog.curve_box.setCurrentIndex(dialog.curve_box.findData("soft"))
    assert load_playing_settings() == PlayingSettings(
        velocity_curve="soft", scale_lock="pentatonic", white_keys_walk=True)
    assert played.midi.scale_lock.walk
    assert played.midi.scale_lock.lock == "pentatonic"
    dialog.close()
    again = MainWindow(engine, midi_systems=lambda backend: [ports])
    qtbot.addWidget(again)
    assert again.midi.settings.scale_lock == "pentatonic"
    assert again.midi.router.scale_lock.walk  # applied at start, not only remembered
    again.close()


def test_the_midi_system_is_offered_where_more_than_one_is_compiled_in(
        qtbot, played, monkeypatch):
    monkeypatch.setattr("tonewell.midi.ports.compiled_backends", lambda: ("alsa", "jack"))
    dialog = played.open_playing_settings()
    assert dialog.backend_box.isVisibleTo(dialog)
    assert [dialog.backend_box.itemText(i) for i in range(dialog.backend_box.count())] == [
        "Automatic", "ALSA", "JACK"]
    dialog.close()
    monkeypatch.setattr("tonewell.midi.ports.compiled_backends", lambda: ("alsa",))
    dialog = played.open_playing_settings()
    assert not dialog.backend_box.isVisibleTo(dialog)
    dialog.close()


def test_a_saved_device_is_the_one_listened_to(qtbot, engine, ports, messages):
    save_playing_settings(PlayingSettings(device="Pads"))
    ports.names.extend([KEYS, "Pads"])
    win = make_window(qtbot, engine, ports)
    assert win.midi.input.poll_once().connected == ("Pads",)
    win.close()


def test_closing_the_window_stops_listening(qtbot, engine, ports, messages):
    win = make_window(qtbot, engine, ports)
    win.midi.start()
    qtbot.waitUntil(lambda: win.midi.state is not None)
    assert any(t.name == "tonewell-midi-poll" for t in threading.enumerate())
    win.close()
    assert not any(t.name == "tonewell-midi-poll" for t in threading.enumerate())
