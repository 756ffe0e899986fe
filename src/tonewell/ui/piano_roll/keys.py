"""The piano roll with the keyboard alone: a table from keys to what they do.

Arrows move the cursor one grid step or one semitone; Shift+Left/Right makes the selection a
step longer or shorter; Enter places a note at the cursor or removes the one there (Shift+Enter
selects it); Alt+Up/Down moves the selection a semitone (with Shift an octave); Alt+Left/Right a
grid step; Delete or Backspace removes the selection; Escape clears it; Home goes to the clip's
start. The table is the one place these keys are defined.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from tonewell.ui.piano_roll import actions
from tonewell.ui.piano_roll.state import RollState

K = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier
MEANINGFUL = SHIFT | ALT | Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


def _cursor_by(steps: int, semitones: int) -> Callable[[RollState], bool]:
    def act(state: RollState) -> bool:
        c = state.cursor
        step = state.snap.step_ticks
        last = max(0, state.clip_length_ticks - step)  # the cursor stays inside the clip
        c.tick = min(max(0, c.tick + steps * step), last)
        c.pitch = min(127, max(0, c.pitch + semitones))
        return True

    return act


def _home(state: RollState) -> bool:
    state.cursor.tick = 0
    return True


def _clear(state: RollState) -> bool:
    state.selection.clear()
    return True


KEYMAP: dict[tuple[int, Qt.KeyboardModifier], Callable[[RollState], bool]] = {
    (K.Key_Left, NONE): _cursor_by(-1, 0),
    (K.Key_Right, NONE): _cursor_by(1, 0),
    (K.Key_Up, NONE): _cursor_by(0, 1),
    (K.Key_Down, NONE): _cursor_by(0, -1),
    (K.Key_Home, NONE): _home,
    (K.Key_Left, SHIFT): lambda s: actions.resize_by_steps(s, -1),
    (K.Key_Right, SHIFT): lambda s: actions.resize_by_steps(s, 1),
    (K.Key_Up, ALT): lambda s: actions.transpose(s, 1),
    (K.Key_Down, ALT): lambda s: actions.transpose(s, -1),
    (K.Key_Up, ALT | SHIFT): lambda s: actions.transpose(s, 12),
    (K.Key_Down, ALT | SHIFT): lambda s: actions.transpose(s, -12),
    (K.Key_Left, ALT): lambda s: actions.move_by_steps(s, -1),
    (K.Key_Right, ALT): lambda s: actions.move_by_steps(s, 1),
    (K.Key_Return, NONE): actions.toggle_at_cursor,
    (K.Key_Enter, NONE): actions.toggle_at_cursor,
    (K.Key_Return, SHIFT): actions.select_at_cursor,
    (K.Key_Enter, SHIFT): actions.select_at_cursor,
    (K.Key_Delete, NONE): actions.delete_selection,
    (K.Key_Backspace, NONE): actions.delete_selection,
    (K.Key_Escape, NONE): _clear,
}

CURSOR_KEYS = {K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down, K.Key_Home}


def handle_key(state: RollState, key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Do what `key` with `modifiers` means in the piano roll; False when it means nothing
    here (so the window may use it)."""
    action = KEYMAP.get((key, modifiers & MEANINGFUL))
    if action is None or state.clip is None:
        return False
    action(state)
    return True
