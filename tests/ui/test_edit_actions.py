"""Undo and Redo through the Edit menu and the keys, and the note actions reaching the piano
roll only when they can act."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tonewell.edit.new_piece import LAST_CLIP_KEY
from tonewell.edit.note_edits import add_notes
from tonewell.io.project import load_project, save_project
from tonewell.model import Note
from tonewell.ui.quantize_dialog import QuantizeDialog

from .helpers import small_piece


@pytest.fixture
def opened(window, qtbot, tmp_path):
    path = tmp_path / "morning.tonewell"
    save_project(small_piece(), path)
    window.open_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def test_undo_names_the_step_and_redo_brings_it_back(opened, qtbot):
    window, edits = opened, opened.edits
    assert not edits.undo.isEnabled() and edits.undo.text() == "&Undo"
    window.transport.tempo.setValue(100)
    window.piece.seal()
    assert edits.undo.isEnabled() and edits.undo.text() == "&Undo Tempo 100 BPM"
    edits.undo.trigger()
    assert window.piece.comp.tempo_bpm == 120 and window.transport.tempo.value() == 120
    assert edits.redo.text() == "&Redo Tempo 100 BPM"
    edits.redo.trigger()
    assert window.piece.comp.tempo_bpm == 100


@pytest.mark.parametrize("redo_keys", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_the_keys_undo_and_redo(opened, qtbot, redo_keys):
    window = opened
    window.track_list.row_widget(0).mute.click()
    assert window.piece.comp.tracks[0].mute
    window.arrangement.setFocus()
    qtbot.keyClick(window.arrangement, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.piece.comp.tracks[0].mute
    key, mods = {
        "Ctrl+Shift+Z": (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                         | Qt.KeyboardModifier.ShiftModifier),
        "Ctrl+Y": (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    }[redo_keys]
    qtbot.keyClick(window.arrangement, key, mods)
    assert window.piece.comp.tracks[0].mute


def test_an_undo_during_playback_reaches_the_engine(opened, qtbot):
    window = opened
    window.track_list.row_widget(0).mute.click()
    window.transport.play_action.trigger()
    window.edits.undo.trigger()
    qtbot.waitUntil(lambda: {n.track_index for n in window.engine.transport.schedule.notes}
                    == {0, 1})
    window.transport.stop_action.trigger()


def test_a_burst_of_tempo_arrows_is_one_step(opened, qtbot):
    window = opened
    spin = window.transport.tempo
    for _ in range(3):
        spin.stepUp()
    qtbot.wait(900)  # the burst is over
    spin.stepUp()
    names = window.piece.document.history.names()
    assert names == ["Tempo 123 BPM", "Tempo 124 BPM"]


def test_note_actions_wait_for_a_selection_in_the_piano_roll(opened):
    edits, roll = opened.edits, opened.piano_roll
    clip = opened.piece.comp.tracks[0].clips[0]
    assert roll.current_clip() == (opened.piece.comp.tracks[0].uid, clip.uid)
    assert edits.paste.isEnabled() and edits.select_all.isEnabled()
    assert not edits.copy.isEnabled() and not edits.delete.isEnabled()
    edits.select_all.trigger()
    assert roll.has_selection()
    assert all(a.isEnabled() for a in (edits.copy, edits.cut, edits.delete, edits.duplicate,
                                       edits.quantize, edits.transpose_up, edits.velocity))
    edits.transpose_up.trigger()
    assert [n.pitch for n in roll.state.clip.notes] == [n.pitch + 1 for n in clip.notes]
    edits.copy.trigger()
    edits.delete.trigger()
    assert roll.state.clip.notes == ()
    edits.paste.trigger()
    assert len(roll.state.clip.notes) == len(clip.notes)
    assert opened.piece.document.history.names() == [
        "Transpose 4 notes", "Delete 4 notes", "Paste 4 notes"]
    edits.follow.setChecked(False)
    assert not roll.follow_playhead()


def test_quantize_asks_for_grid_and_strength(opened):
    roll = opened.piano_roll
    track_uid, clip = opened.piece.comp.tracks[0].uid, opened.piece.comp.tracks[0].clips[0]
    opened.piece.push(add_notes(track_uid, clip, [Note(1300, 80, 100, 90)]).command)
    roll.select_all()
    opened.edits.quantize.trigger()
    dialog = opened.findChild(QuantizeDialog, "quantizeDialog")
    dialog.grid.setCurrentText("1/8")
    dialog.strength.setCurrentIndex(2)
    dialog.accept()
    assert dialog.strength_amount() == 0.5
    moved = next(n for n in roll.state.clip.notes if n.pitch == 80)
    assert moved.start_tick == 1250  # half way from 1300 to the 1/8 line at 1200
    assert opened.piece.document.history.names()[-1] == "Quantize 5 notes"


def test_the_piano_roll_shows_the_first_clip_and_keeps_the_last_one(opened, tmp_path):
    window = opened
    roll = window.piano_roll
    comp = window.piece.comp
    assert roll.current_clip() == (comp.tracks[0].uid, comp.tracks[0].clips[0].uid)
    roll.set_clip(comp.tracks[1].uid, comp.tracks[1].clips[0].uid)
    assert window.files.save()
    saved = load_project(window.piece.path)
    assert saved.metadata[LAST_CLIP_KEY] == (1, 0)
    window.open_path(window.piece.path)  # opening again shows the clip last edited
    comp = window.piece.comp
    assert roll.current_clip() == (comp.tracks[1].uid, comp.tracks[1].clips[0].uid)


def test_the_piano_roll_is_heard_and_follows_the_playhead(opened, monkeypatch):
    heard = []
    monkeypatch.setattr(opened.engine, "audition", lambda *a: heard.append(a))
    roll = opened.piano_roll
    roll.audition_requested.emit(7, 64, 90)
    assert heard == [(7, 64, 90)]
    opened.seek(960)
    assert roll.state.playhead_tick == 960
    assert opened.editor_splitter.indexOf(roll) == 1
    assert opened.findChild(QWidget, "pianoRoll") is roll


# --- Delete deletes in the editor that has the focus --------------------------------------------


def focus(qtbot, widget: QWidget) -> QWidget:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=1000)
    return widget


def test_delete_in_the_piano_roll_removes_the_selected_notes(opened, qtbot, qtlog):
    roll = opened.piano_roll
    roll.select_all()
    qtbot.keyClick(focus(qtbot, roll.canvas), Qt.Key.Key_Delete)
    assert roll.state.clip.notes == ()
    assert [t.name for t in opened.piece.comp.tracks] == ["Piano", "Kit"]
    assert opened.piece.document.history.names() == ["Delete 4 notes"]
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_delete_in_the_arrangement_removes_the_selected_clip(opened, qtbot, qtlog):
    view = opened.arrangement
    opened.piano_roll.select_all()  # a selection in the roll must not be what Delete removes
    kit = opened.piece.comp.tracks[1]
    view.select_clip((kit.uid, kit.clips[0].uid))
    qtbot.keyClick(focus(qtbot, view), Qt.Key.Key_Delete)
    assert opened.piece.comp.tracks[1].clips == ()
    assert len(opened.piece.comp.tracks[0].clips[0].notes) == 4
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_delete_in_the_track_list_removes_the_selected_track(opened, qtbot, qtlog):
    tracks = opened.track_list
    opened.piano_roll.select_all()
    tracks.select_track(opened.piece.comp.tracks[1].uid)
    focus(qtbot, tracks.view)
    assert opened.edits.delete.isEnabled()
    opened.edits.delete.trigger()  # the menu entry acts where the focus is, too
    assert [t.name for t in opened.piece.comp.tracks] == ["Piano"]
    tracks.select_track(opened.piece.comp.tracks[0].uid)
    qtbot.keyClick(focus(qtbot, tracks.view), Qt.Key.Key_Delete)
    assert opened.piece.comp.tracks == ()
    assert opened.piece.document.history.names() == ["Remove track Kit", "Remove track Piano"]
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_ctrl_z_undoes_from_every_editor(opened, qtbot):
    window = opened
    for widget in (window.piano_roll.canvas, window.arrangement, window.track_list.view,
                   window.track_list.row_widget(0).mute):
        window.track_list.row_widget(0).mute.click()
        assert window.piece.comp.tracks[0].mute
        qtbot.keyClick(focus(qtbot, widget), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert not window.piece.comp.tracks[0].mute, widget.objectName()
