"""The arrangement with the keyboard alone: select, open, repeat, duplicate, move, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from tonewell.ui.arrangement import Arrangement

from .points import BAR, names


def uids(piece, track: int, clip: int = 0) -> tuple[int, int]:
    t = piece.comp.tracks[track]
    return t.uid, t.clips[clip].uid


def test_arrows_select_clips_and_enter_opens_one(qtbot, view, piece):
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_clip() == uids(piece, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_clip() == uids(piece, 1)
    with qtbot.waitSignal(view.clip_activated) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert tuple(opened.args) == uids(piece, 1)
    assert names(piece) == []


def test_delete_removes_the_selected_clip_and_undo_brings_it_back(qtbot, view, piece):
    view.select_clip(uids(piece, 1))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert piece.comp.tracks[1].clips == ()
    assert names(piece) == ["Delete clip Beat"]
    piece.undo()
    assert [c.name for c in piece.comp.tracks[1].clips] == ["Beat"]


def test_plus_and_minus_change_the_repeats(qtbot, view, piece):
    view.select_clip(uids(piece, 0))
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert piece.comp.tracks[0].clips[0].repeats == 2
    assert names(piece) == [
        "Repeat clip Tune 2 times", "Repeat clip Tune 3 times", "Repeat clip Tune 2 times",
    ]


def test_ctrl_d_duplicates_after_the_clip(qtbot, view, piece):
    view.select_clip(uids(piece, 1))
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    beat, copy = piece.comp.tracks[1].clips
    assert copy.start_tick == beat.start_tick + 2 * BAR
    assert view.selected_clip() == uids(piece, 1, 1)
    assert names(piece) == ["Duplicate clip Beat"]


def test_alt_arrows_move_the_selected_clip(qtbot, view, piece):
    view.select_clip(uids(piece, 0))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert piece.comp.tracks[0].clips == ()
    assert piece.comp.tracks[1].clips[-1].start_tick == BAR
    assert names(piece) == ["Move clip Tune", "Move clip Tune to Kit"]
    assert view.selected_clip() == (piece.comp.tracks[1].uid, piece.comp.tracks[1].clips[-1].uid)


def test_insert_adds_a_clip_after_the_last_one_of_the_track(qtbot, view, piece):
    view.select_clip(uids(piece, 1))
    with qtbot.waitSignal(view.clip_activated):
        qtbot.keyClick(view, Qt.Key.Key_Insert)
    new = piece.comp.tracks[1].clips[-1]
    assert (new.name, new.start_tick, new.length_bars) == ("Pattern 1", 4 * BAR, 2)
    assert names(piece) == ["Add clip Pattern 1"]


def test_keys_the_view_does_not_use_are_left_to_the_window(qtbot, view, piece):
    view.select_clip(uids(piece, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert names(piece) == []


def test_its_keys_win_over_the_window_shortcuts_while_it_has_focus(qtbot, piece):
    window = QWidget()
    qtbot.addWidget(window)
    view = Arrangement(piece, window)
    view.resize(900, 360)
    window_delete = QAction("Delete notes", window)
    window_delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    fired: list[bool] = []
    window_delete.triggered.connect(lambda: fired.append(True))
    window.addAction(window_delete)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    view.setFocus()
    view.select_clip(uids(piece, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert piece.comp.tracks[0].clips == () and fired == []
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # nothing selected now: the window's shortcut
    assert fired == [True]
