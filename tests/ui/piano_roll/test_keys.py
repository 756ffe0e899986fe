"""Writing and editing notes with the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from tests.ui.piano_roll.helpers import MELODY, history, notes

from tonewell.model import Note

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def keys(qtbot, roll, *presses) -> None:
    for press in presses:
        key, mods = press if isinstance(press, tuple) else (press, Qt.KeyboardModifier.NoModifier)
        qtbot.keyClick(roll.canvas, key, mods)


def test_the_widget_hands_keyboard_focus_to_its_canvas(roll):
    assert roll.canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    roll.canvas.clearFocus()
    roll.setFocus()
    assert roll.canvas.hasFocus()


def test_the_cursor_starts_at_the_clip_start_on_a_pitch_with_notes(roll):
    assert (roll.state.cursor.tick, roll.state.cursor.pitch) == (0, 64)


def test_arrows_and_enter_write_a_four_note_melody(roll, qtbot):
    roll.select_all()
    roll.delete_selection()
    keys(qtbot, roll, K.Key_Return)  # E4 on beat 1
    keys(qtbot, roll, *[K.Key_Right] * 4, K.Key_Up, K.Key_Up, K.Key_Return)  # F#4 on beat 2
    keys(qtbot, roll, *[K.Key_Right] * 4, K.Key_Down, K.Key_Return)  # F4 on beat 3
    keys(qtbot, roll, *[K.Key_Right] * 4, *[K.Key_Down] * 5, K.Key_Enter)  # C4 on beat 4
    assert notes(roll) == (
        Note(0, 64, 480, 100),
        Note(480, 66, 480, 100),
        Note(960, 65, 480, 100),
        Note(1440, 60, 480, 100),
    )
    assert history(roll)[-4:] == ["Add note"] * 4


def test_enter_on_a_note_removes_it(roll, qtbot):
    keys(qtbot, roll, K.Key_Return)
    assert notes(roll) == MELODY[1:]
    assert history(roll) == ["Delete note"]


def test_shift_arrows_resize_the_selection_by_a_grid_step(roll, qtbot):
    roll.set_clip(*roll.current_clip())
    keys(qtbot, roll, (K.Key_Return, SHIFT))  # select the note at the cursor
    keys(qtbot, roll, (K.Key_Right, SHIFT))
    assert Note(0, 64, 600, 90) in notes(roll)
    keys(qtbot, roll, (K.Key_Left, SHIFT), (K.Key_Left, SHIFT))
    assert Note(0, 64, 360, 90) in notes(roll)
    assert history(roll) == ["Resize note"] * 3


def test_alt_arrows_move_the_selection(roll, qtbot):
    keys(qtbot, roll, (K.Key_Return, SHIFT))
    keys(qtbot, roll, (K.Key_Up, ALT))
    assert Note(0, 65, 480, 90) in notes(roll)
    keys(qtbot, roll, (K.Key_Up, ALT | SHIFT))
    assert Note(0, 77, 480, 90) in notes(roll)
    keys(qtbot, roll, (K.Key_Right, ALT))
    assert Note(120, 77, 480, 90) in notes(roll)
    keys(qtbot, roll, (K.Key_Down, ALT))
    assert Note(120, 76, 480, 90) in notes(roll)
    assert history(roll) == ["Transpose note", "Transpose note", "Move note", "Transpose note"]


def test_delete_removes_the_selection_from_the_keyboard(roll, qtbot):
    keys(qtbot, roll, (K.Key_Return, SHIFT), K.Key_Delete)
    assert notes(roll) == MELODY[1:]


def test_the_cursor_stays_inside_the_clip(roll, qtbot):
    keys(qtbot, roll, K.Key_Left, K.Key_Left)
    assert roll.state.cursor.tick == 0
    keys(qtbot, roll, *[K.Key_Right] * 40)  # two bars are 32 steps of 1/16
    assert roll.state.cursor.tick == 2 * 1920 - 120


def test_the_canvas_says_which_note_is_at_the_cursor(roll, qtbot):
    def heard() -> str:
        return QAccessible.queryAccessibleInterface(roll.canvas).text(QAccessible.Text.Name)

    assert heard() == "E4, bar 1 beat 1, quarter note"
    keys(qtbot, roll, *[K.Key_Right] * 6)
    assert heard() == "E4, bar 1 beat 2.5, no note"
