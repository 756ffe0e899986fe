"""The window with the keyboard alone: F6 and Shift+F6 between the panes, Tab in reading
order, and the names and descriptions a screen reader reads for the important controls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tonewell.ui.main_window import MainWindow

from .helpers import small_piece

SPOKEN = ("pianoRoll", "arrangement", "playButton", "stopButton", "loopButton", "tempoSpin",
          "positionLabel", "panicButton", "trackList")


def opened(window: MainWindow, qtbot) -> MainWindow:
    window.piece.load(small_piece(), None)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def press(key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> str:
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, key, mods)
    now = QApplication.focusWidget()
    return now.objectName() if now is not None else ""


def test_f6_visits_the_panes_in_turn_and_shift_f6_goes_back(window, qtbot):
    w = opened(window, qtbot)
    w.transport.button("playButton").setFocus()
    forward = [press(Qt.Key.Key_F6) for _ in range(4)]
    assert forward == ["trackRows", "arrangement", "pianoRollCanvas", "playButton"]
    back = [press(Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier) for _ in range(4)]
    assert back == ["pianoRollCanvas", "arrangement", "trackRows", "playButton"]


def test_f6_passes_over_the_editors_while_no_piece_is_open(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    window.transport.button("playButton").setFocus()
    assert window.panes.step(1) is window.empty_state
    assert window.panes.step(1) is window.transport


def test_tab_follows_the_reading_order(window, qtbot):
    w = opened(window, qtbot)
    w.transport.button("playButton").setFocus()
    visited = ["playButton"] + [press(Qt.Key.Key_Tab) for _ in range(40)]
    landmarks = ["playButton", "stopButton", "loopButton", "metronomeButton", "countInCombo",
                 "tempoSpin", "panicButton", "trackRows", "muteToggle", "soloToggle",
                 "volumeSlider", "panSlider", "addTrackButton", "arrangement", "pianoRollGrid",
                 "pianoRollLength", "pianoRollCanvas"]
    firsts = [visited.index(name) for name in landmarks]
    assert firsts == sorted(firsts), visited


def test_important_widgets_have_a_name_and_a_description(window):
    for name in SPOKEN:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface.text(QAccessible.Text.Name), name
        assert len(iface.text(QAccessible.Text.Description)) > 10, name


def test_the_shortcuts_list_names_f6_and_shift_f6(window: MainWindow) -> None:
    from tonewell.ui.help import shortcut_rows

    rows = dict(shortcut_rows(window))
    assert rows["F6"].startswith("Next pane")
    assert rows["Shift+F6"] == "Previous pane"


def test_the_shortcuts_list_names_the_guided_session_library_and_harmony_keys(
        window: MainWindow) -> None:
    from tonewell.ui.help import shortcut_rows

    rows = dict(shortcut_rows(window))
    assert rows["Ctrl+G"] == "Start a Guided Session"
    assert rows["Ctrl+Shift+L"] == "Library"
    assert rows["Ctrl+Shift+H"] == "Harmony Helper"
