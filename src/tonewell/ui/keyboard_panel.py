"""The strip under the piano roll: the on-screen keyboard between its octave buttons, and the
"Play keys" toggle that lets the computer's letter keys play while the piano roll has the focus
(the letters they play are shown on the keys). The window installs `computer_keys` on the piano
roll and puts `play_keys_action` in the Playback menu.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

from tonewell.ui import theme
from tonewell.ui.computer_keys import ComputerKeys, key_letters
from tonewell.ui.on_screen_keyboard import (
    KEYBOARD_HEIGHT_PX,
    MIN_WHITE_KEY_PX,
    KeyPlayer,
    OnScreenKeyboard,
)


class KeyboardPanel(QWidget):
    """The on-screen keyboard with its octave buttons and the "Play keys" toggle, and the
    computer keys it shows (`computer_keys`, installed on the piano roll by the window)."""

    def __init__(self, player: KeyPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardPanel")
        self.keyboard = OnScreenKeyboard(player, self)
        self.computer_keys = ComputerKeys(player, self)
        self.play_keys_action = QAction("Play with &Computer Keys", self)
        self.play_keys_action.setObjectName("playKeysAction")
        self.play_keys_action.setCheckable(True)
        self.play_keys_action.setIconText("Play keys")  # the button's words; the menu's above
        self.play_keys_action.setToolTip(
            "Play notes with the letter keys A W S E D F T G Y H U J K while the piano roll "
            "has the focus; Z and X change the octave")
        self.play_keys_action.toggled.connect(self._play_keys)
        self.lower = self._button("octaveDownButton", "Octave down", "◂",
                                  lambda: self.keyboard.shift_octaves(-1))
        self.higher = self._button("octaveUpButton", "Octave up", "▸",
                                   lambda: self.keyboard.shift_octaves(1))
        self.toggle = QToolButton(self)
        self.toggle.setDefaultAction(self.play_keys_action)
        self.toggle.setObjectName("playKeysToggle")
        self.toggle.setProperty("class", "trackToggle")  # filled when on, outlined when off
        self.toggle.setAccessibleName("Play keys")
        self.toggle.setAccessibleDescription(self.play_keys_action.toolTip())
        self.toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.lower)
        row.addWidget(self.keyboard, 1)
        row.addWidget(self.higher)
        row.addWidget(self.toggle)
        self.computer_keys.base_key_changed.connect(self._show_computer_keys)
        self.setMaximumHeight(2 * theme.scaled_px(KEYBOARD_HEIGHT_PX))

    def _button(self, name: str, text: str, sign: str, act: Callable[[], None]) -> QToolButton:
        """An octave button as tall as the keys, its arrow big enough to see and to hit."""
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(sign)
        button.setProperty("class", "trackToggle")
        button.setAccessibleName(text)
        button.setToolTip(f"{text} (Z and X with Play keys on)")
        button.setStyleSheet(f"font-size: {theme.scaled_px(20)}px; padding: 0px;")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumWidth(theme.scaled_px(MIN_WHITE_KEY_PX))
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        button.clicked.connect(act)
        return button

    def _play_keys(self, on: bool) -> None:
        self.computer_keys.set_enabled(on)
        self._show_computer_keys(self.computer_keys.base_key)

    def _show_computer_keys(self, base_key: int) -> None:
        on = self.computer_keys.enabled
        self.keyboard.letters = key_letters(base_key) if on else {}
        if on:
            self.keyboard.show_keys(base_key, base_key + 12)
        self.keyboard.update()

    def forget(self) -> None:
        """After a panic: nothing is held by the mouse or the computer keys any more."""
        self.keyboard.forget()
        self.computer_keys.forget()
