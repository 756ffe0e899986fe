"""File › New and the welcome screen's "New piece": a dialog whose defaults Enter accepts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tonewell.model import Key
from tonewell.ui.new_piece import NewPieceDialog


def test_enter_in_the_new_dialog_starts_an_untitled_piano_piece(window, qtbot):
    window.menus.new.trigger()
    dialog = window.findChild(NewPieceDialog, "newPieceDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    comp = window.piece.comp
    assert (comp.title, comp.key, str(comp.time_signature), comp.tempo_bpm) == (
        "Untitled", Key(0, "major"), "4/4", 90)
    assert [t.program for t in comp.tracks] == [0]
    assert comp.tracks[0].clips[0].length_bars == 8
    assert window.stack.currentIndex() == 1  # the workspace, not the welcome screen
    assert window.piece.path is None and not window.isWindowModified()
    assert window.windowTitle() == "Untitled[*] — Tonewell"


def test_the_welcome_screen_starts_a_piece_from_a_template(window, qtbot):
    window.empty_state.new_button.click()
    dialog = window.findChild(NewPieceDialog, "newPieceDialog")
    dialog.title.setText("Evening")
    dialog.template.setCurrentText("Drums + bass + keys")
    assert not dialog.instrument.isEnabled()  # the template names its instruments
    dialog.tempo.setValue(110)
    dialog.length.setValue(4)
    dialog.meter.setCurrentText("3/4")
    dialog.create_button.click()
    comp = window.piece.comp
    assert comp.title == "Evening" and comp.tempo_bpm == 110
    assert [t.name for t in comp.tracks] == ["Drums", "Bass", "Keys"]
    assert all(t.clips[0].length_ticks(comp.time_signature) == 4 * 3 * 480 for t in comp.tracks)
    assert [row.name_label.text() for row in window.track_list.rows()] == [
        "Drums", "Bass", "Keys"]


def test_cancelling_keeps_the_welcome_screen(window):
    window.menus.new.trigger()
    window.findChild(NewPieceDialog, "newPieceDialog").reject()
    assert window.stack.currentWidget() is window.empty_state
    assert window.piece.comp.tracks == ()


def test_the_chosen_instrument_and_key_reach_the_first_track(qtbot):
    dialog = NewPieceDialog()
    qtbot.addWidget(dialog)
    dialog.instrument.setCurrentText("Flute")
    dialog.tonic.setCurrentText("A")
    dialog.scale.setCurrentText("natural minor")
    choices = dialog.choices()
    assert choices.program == 73 and not choices.is_drum
    assert choices.key == Key(9, "natural minor")
    dialog.instrument.setCurrentIndex(dialog.instrument.count() - 1)
    assert dialog.choices().is_drum
