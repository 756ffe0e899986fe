"""The arrangement's keys: what each key does while the arrangement has the focus.

One table, read both to run a key and to claim it from the window's shortcuts (ShortcutOverride),
so a key the arrangement does not use (Space, Home) still reaches the window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from tonewell.ui.arrangement.widget import Arrangement

ARROWS = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}
Mod = Qt.KeyboardModifier


def key_action(view: Arrangement, key: int, mods: Qt.KeyboardModifier) -> Callable[[], None] | None:
    """The action for `key` with `mods`, or None when the arrangement leaves that key alone.

    Arrows select clips (Alt+arrows move the selected one by a bar or a track), Enter opens it in
    the piano roll, Delete removes it, + and − repeat it once more or once fewer, Ctrl+D
    duplicates it, Insert adds a clip after the last one of the selected track."""
    mods = mods & ~Mod.KeypadModifier
    has_clip = view.selected_clip_object() is not None
    if key in ARROWS:
        if mods == Mod.NoModifier:
            return partial(view.step_selection, ARROWS[Qt.Key(key)])
        if mods == Mod.AltModifier and has_clip:
            return partial(view.nudge_selected, ARROWS[Qt.Key(key)])
        return None
    if key == Qt.Key.Key_Insert and mods == Mod.NoModifier:
        return view.new_clip_on_selected_track
    if not has_clip:
        return None
    if key == Qt.Key.Key_D and mods == Mod.ControlModifier:
        return view.duplicate_selected
    if mods & ~Mod.ShiftModifier:  # "+" needs Shift on many keyboards; Ctrl and Alt are not ours
        return None
    table: dict[int, Callable[[], None]] = {
        Qt.Key.Key_Return: view.open_selected,
        Qt.Key.Key_Enter: view.open_selected,
        Qt.Key.Key_Delete: view.delete_selected,
        Qt.Key.Key_Backspace: view.delete_selected,
        Qt.Key.Key_Plus: view.repeat_once_more,
        Qt.Key.Key_Equal: view.repeat_once_more,
        Qt.Key.Key_Minus: view.repeat_once_fewer,
    }
    return table.get(key)
