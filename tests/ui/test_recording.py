"""Recording in the window: the Record button, a take while the loop plays, one step a pass."""

from __future__ import annotations

import time

from tonewell.midi.played import NOTE_OFF, NOTE_ON, Played, PlayedQueue
from tonewell.model import Clip, Composition, LoopRegion, TempoMap, Track
from tonewell.ui.main_window import MainWindow
from tonewell.ui.recording import NO_KEYBOARD_TEXT
from tonewell.ui.transport_bar import RECORDING_TEXT

from .helpers import accessible_name


class FakeKeyboard:
    """A keyboard playing into the window's own MIDI input queue (what the router fills)."""

    def __init__(self, played: PlayedQueue) -> None:
        self.played = played

    def press(self, pitch: int, velocity: int = 100) -> None:
        self.played.put(Played(time.monotonic_ns(), NOTE_ON, 0, pitch, velocity, "Keys"))

    def release(self, pitch: int) -> None:
        self.played.put(Played(time.monotonic_ns(), NOTE_OFF, 0, pitch, 0, "Keys"))


def loop_piece(clips: tuple[Clip, ...] = ()) -> Composition:
    """One bar looped at 240 BPM: a pass lasts one second."""
    return Composition(
        tempo_map=TempoMap.constant(240),
        tracks=(Track("Piano", clips=clips),),
        loop=LoopRegion(0, 1920, True),
    )


def test_without_any_midi_input_record_says_so_and_stays_off(window: MainWindow) -> None:
    window.recording.midi = lambda: None  # no MIDI input could be made at all
    window.piece.load(loop_piece(), None)
    window.transport.record_action.trigger()
    assert not window.recording.active
    assert not window.transport.record_action.isChecked()
    assert NO_KEYBOARD_TEXT in window.status_line.text()
    assert not window.engine.is_playing()


def test_a_pass_played_into_an_empty_loop_becomes_a_new_clip_in_one_undo_step(
    window: MainWindow, qtbot
) -> None:
    keys = FakeKeyboard(window.midi.played)
    window.piece.load(loop_piece(), None)
    window.transport.record_action.trigger()
    button = window.transport.button("recordButton")
    assert window.recording.active and window.engine.is_playing()
    assert button.text() == RECORDING_TEXT and accessible_name(button) == "Recording"
    keys.press(60)
    qtbot.wait(100)
    keys.release(60)
    qtbot.waitUntil(lambda: window.piece.comp.tracks[0].clips != (), timeout=3000)
    clip = window.piece.comp.tracks[0].clips[0]
    assert [n.pitch for n in clip.notes] == [60]
    assert clip.start_tick == 0 and clip.length_bars == 1
    assert window.piano_roll.current_clip() == (window.piece.comp.tracks[0].uid, clip.uid)
    assert window.piece.document.history.undo_name == "Record note"
    window.transport.record_action.trigger()
    assert not window.recording.active and button.text() == "Record"
    window.piece.undo()
    assert window.piece.comp.tracks[0].clips == ()


def test_stopping_the_transport_keeps_a_note_still_held(window: MainWindow, qtbot) -> None:
    keys = FakeKeyboard(window.midi.played)
    window.piece.load(loop_piece((Clip("Tune", length_bars=1),)), None)
    window.transport.record_action.trigger()
    qtbot.wait(200)
    keys.press(64)  # never released: the device went away without a word
    qtbot.wait(150)
    window.engine.stop()
    assert not window.recording.active
    notes = window.piece.comp.tracks[0].clips[0].notes
    assert [n.pitch for n in notes] == [64]


def test_input_quantize_chosen_in_the_playing_settings_tidies_the_take(
    window: MainWindow, qtbot
) -> None:
    from tonewell.ui.settings import PlayingSettings

    window.midi.apply(PlayingSettings(record_grid_ticks=480, record_strength_percent=100))
    keys = FakeKeyboard(window.midi.played)
    window.piece.load(loop_piece(), None)
    window.transport.record_action.trigger()
    qtbot.wait(130)  # about half a beat into the pass: off the grid
    keys.press(62)
    qtbot.wait(60)
    keys.release(62)
    qtbot.waitUntil(lambda: window.piece.comp.tracks[0].clips != (), timeout=3000)
    [note] = window.piece.comp.tracks[0].clips[0].notes
    assert note.pitch == 62 and note.start_tick % 480 == 0
    window.transport.record_action.trigger()


def test_the_playing_dialog_keeps_the_input_quantize(window: MainWindow, qtbot) -> None:
    from tonewell.ui.playing_dialog import PlayingDialog
    from tonewell.ui.settings import load_playing_settings

    dialog = PlayingDialog(window.midi, window)
    qtbot.addWidget(dialog)
    assert dialog.tidy_box.currentData() == 0 and not dialog.strength_box.isEnabled()
    dialog.tidy_box.setCurrentIndex(dialog.tidy_box.findData(240))
    dialog.strength_box.setCurrentIndex(dialog.strength_box.findData(50))
    saved = load_playing_settings()
    assert (saved.record_grid_ticks, saved.record_strength_percent) == (240, 50)
    assert window.midi.settings.record_grid_ticks == 240
