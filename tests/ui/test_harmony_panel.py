"""Edit › Harmony Helper… in the real window: chords placed with the keyboard alone, bar after
bar, one undo step each, the backing loop, and the panel following the piece's key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from tonewell.edit.piece_edits import set_key
from tonewell.guide.backing import chord_bars, chord_track
from tonewell.guide.harmony import chord_for
from tonewell.model import Key
from tonewell.ui.harmony_panel import HarmonyPanel, open_harmony_panel
from tonewell.ui.main_window import MainWindow


def open_panel(qtbot, window: MainWindow) -> HarmonyPanel:
    window.menus.harmony.trigger()
    panel = window.findChild(HarmonyPanel, "harmonyPanel")
    assert panel is not None
    qtbot.waitUntil(lambda: panel.isActiveWindow())
    return panel


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def test_the_edit_menu_offers_the_helper_on_ctrl_shift_h(window: MainWindow) -> None:
    action = window.menus.harmony
    assert action.objectName() == "harmonyAction"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+H")
    assert action in window.menuBar().findChild(QMenu, "editMenu").actions()
    taken = [a for a in window.findChildren(type(action))
             if a is not action and QKeySequence("Ctrl+Shift+H") in a.shortcuts()]
    assert taken == []


def test_the_panel_shows_the_key_and_the_friends_first(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window)
    assert panel.accessibleName() == "Harmony helper"
    assert panel.heading.text() == "Chords in C major"
    assert panel.heading.accessibleName() == "Chords in C major"
    assert [b.text() for b in panel.chord_buttons][:4] == ["I · C", "IV · F", "V · G", "vi · Am"]
    assert all(b.accessibleName() for b in panel.chord_buttons)
    assert "begin at home" in panel.next_label.text()
    assert QApplication.focusWidget() is panel.chord_buttons[0]


def test_keyboard_alone_places_four_chords_in_four_bars(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window)
    press(qtbot, Qt.Key.Key_Return)  # I
    for _ in range(3):  # Tab on to IV, V, vi, one chord each
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Return)
    assert chord_bars(window.piece.comp) == {1: 1, 2: 4, 3: 5, 4: 6}
    assert QApplication.focusWidget() is panel.chord_buttons[3]
    assert panel.where_label.text() == "The next chord goes in bar 5."
    assert panel.next_label.text().startswith("After vi · Am,")
    assert [t.name for t in window.piece.comp.tracks] == ["Chords"]


def test_ctrl_z_in_the_panel_takes_back_one_chord(qtbot, window: MainWindow) -> None:
    open_panel(qtbot, window)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert chord_bars(window.piece.comp) == {1: 1}


def test_a_placed_chord_is_heard_with_the_chords_track(qtbot, window: MainWindow,
                                                        monkeypatch) -> None:
    heard: list[tuple[int, int]] = []
    monkeypatch.setattr(window.engine, "audition",
                        lambda track_uid, pitch, velocity: heard.append((track_uid, pitch)))
    panel = open_panel(qtbot, window)
    panel.chord_buttons[3].click()  # vi
    qtbot.waitUntil(lambda: len(heard) == 3)
    track = chord_track(window.piece.comp)
    assert heard == [(track.uid, p) for p in chord_for(Key(), 6).pitches]


def test_the_backing_loop_button_makes_one_step_with_three_tracks(qtbot,
                                                                  window: MainWindow) -> None:
    panel = open_panel(qtbot, window)
    panel.backing_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    comp = window.piece.comp
    assert [t.name for t in comp.tracks] == ["Chords", "Bass", "Drums"]
    assert comp.loop.enabled and window.transport.loop_action.isChecked()
    assert window.piece.document.history.undo_name == "Make a backing loop"
    assert window.status_line.text().startswith("A 4-bar backing loop is ready")
    window.piece.undo()
    assert window.piece.comp.tracks == ()


def test_the_panel_follows_a_change_of_key(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window)
    window.piece.push(set_key(Key(9, "natural minor")))
    assert panel.heading.accessibleName() == "Chords in A natural minor"
    assert panel.chord_buttons[0].text() == "i · Am"


def test_opening_twice_keeps_one_panel(qtbot, window: MainWindow) -> None:
    first = open_panel(qtbot, window)
    assert open_harmony_panel(window) is first
    assert len(window.findChildren(HarmonyPanel)) == 1
    assert all(isinstance(b, QPushButton) for b in first.chord_buttons)
