"""The computer keyboard as a piano: A W S E D F T G Y H U J K play C up to the next C (the
home row the white keys, the row above the black ones), Z and X move an octave down and up.

Only while "Play keys" is on and the widget it watches (the piano roll's notes) has the focus:
an event filter takes those letters before the piano roll sees them, and leaves every other key
(and every letter, when off) to work as before. The keyboard's auto-repeat is ignored; a key is
let go when it comes up, when the focus leaves, and when the toggle turns off. Notes go through
the same router as a MIDI keyboard (`KeyPlayer`), so the scale lock and velocity curve apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from tonewell.ui.midi_input import COMPUTER_DEVICE

if TYPE_CHECKING:
    from tonewell.ui.on_screen_keyboard import KeyPlayer

K = Qt.Key
PIANO_KEYS: dict[int, int] = {
    K.Key_A: 0, K.Key_W: 1, K.Key_S: 2, K.Key_E: 3, K.Key_D: 4, K.Key_F: 5, K.Key_T: 6,
    K.Key_G: 7, K.Key_Y: 8, K.Key_H: 9, K.Key_U: 10, K.Key_J: 11, K.Key_K: 12,
}
"""Qt key -> semitones above the octave's C."""
OCTAVE_KEYS: dict[int, int] = {K.Key_Z: -1, K.Key_X: 1}
DEFAULT_BASE_KEY = 60
"""The C that A plays (middle C)."""
LOWEST_BASE_KEY, HIGHEST_BASE_KEY = 12, 108
COMPUTER_VELOCITY = 96
"""Letter keys cannot tell how hard they are struck: every note at this (before the curve)."""
BLOCKING = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier)
"""With one of these held a letter is a shortcut, never a note."""


def key_letters(base_key: int) -> dict[int, str]:
    """MIDI key -> the letter that plays it, from `base_key` (what the on-screen keyboard
    shows while the computer keys play)."""
    return {base_key + offset: K(qt_key).name[-1] for qt_key, offset in PIANO_KEYS.items()}


class ComputerKeys(QObject):
    """An event filter for the widget that has the focus while playing (`installEventFilter`)."""

    base_key_changed = Signal(int)

    def __init__(self, player: KeyPlayer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.enabled = False
        self.base_key = DEFAULT_BASE_KEY
        self._held: dict[int, int] = {}
        """Qt key down -> the MIDI key it plays (kept when the octave changes meanwhile)."""

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if not on:
            self.release_all()

    def shift_octave(self, octaves: int) -> None:
        base = min(max(self.base_key + 12 * octaves, LOWEST_BASE_KEY), HIGHEST_BASE_KEY)
        if base != self.base_key:
            self.base_key = base
            self.base_key_changed.emit(base)

    def release_all(self) -> None:
        held, self._held = self._held, {}
        for key in held.values():
            self.player.release(COMPUTER_DEVICE, key)

    def forget(self) -> None:
        """Everything was released elsewhere (panic)."""
        self._held.clear()

    def held_keys(self) -> frozenset[int]:
        return frozenset(self._held.values())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self.release_all()
            return False
        if not self.enabled or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        ours = key in PIANO_KEYS or key in OCTAVE_KEYS
        if kind == QEvent.Type.KeyRelease:
            if event.isAutoRepeat():
                return ours
            played = self._held.pop(key, None)
            if played is not None:
                self.player.release(COMPUTER_DEVICE, played)
            return ours
        if not ours or event.modifiers() & BLOCKING:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # a letter played here is a note, never a shortcut
            return True
        if kind != QEvent.Type.KeyPress:
            return False
        if event.isAutoRepeat():
            return True
        if key in OCTAVE_KEYS:
            self.shift_octave(OCTAVE_KEYS[key])
        elif key not in self._held:
            played = self.base_key + PIANO_KEYS[key]
            self._held[key] = played
            self.player.press(COMPUTER_DEVICE, played, COMPUTER_VELOCITY)
        return True
