"""F6 and Shift+F6: move the keyboard focus from one main pane of the window to the next.

Tab walks through every control, which in a window with many tracks is a long way from the
transport to the piano roll. F6 jumps between the panes (transport, tracks, arrangement, piano
roll, and the guided session's panel when it is open, in reading order) as it does in browsers
and office programs, and Shift+F6 goes back.
A pane that is not shown (the editors before a piece is open) is passed over, and each pane
receives the focus where its own first control is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

NEXT_PANE_KEY = QKeySequence(Qt.Key.Key_F6)
PREVIOUS_PANE_KEY = QKeySequence("Shift+F6")


def focus_target(pane: QWidget) -> QWidget | None:
    """The widget of `pane` that takes the focus: the pane itself when it accepts the focus by
    Tab, else the first such widget inside it in Tab order; None when it has none shown."""

    def takes_tab(w: QWidget) -> bool:
        return (w.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus \
            and w.isVisible() and w.isEnabled()

    if takes_tab(pane):
        return pane
    w = pane.nextInFocusChain()
    while w is not pane:
        if pane.isAncestorOf(w) and takes_tab(w) and w.focusProxy() is None:
            return w
        w = w.nextInFocusChain()
    return None


class PaneCycle(QObject):
    """The F6 and Shift+F6 actions of `window`, over the panes `panes()` returns in order."""

    def __init__(self, window: QWidget, panes: Callable[[], Sequence[QWidget]],
                 entries: Mapping[QWidget, QWidget] | None = None) -> None:
        super().__init__(window)
        self._panes = panes
        self._entries = dict(entries or {})
        """Pane -> the widget F6 focuses in it, where that is not its first control."""
        self.next_action = self._action(
            window, "Next pane (transport, tracks, arrangement, piano roll)", NEXT_PANE_KEY, 1)
        self.previous_action = self._action(window, "Previous pane", PREVIOUS_PANE_KEY, -1)

    def _action(self, window: QWidget, text: str, key: QKeySequence, step: int) -> QAction:
        action = QAction(text, window)
        action.setObjectName("nextPaneAction" if step > 0 else "previousPaneAction")
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: self.step(step))
        window.addAction(action)
        return action

    def shown_panes(self) -> list[QWidget]:
        return [p for p in self._panes() if p.isVisible() and self.entry(p) is not None]

    def entry(self, pane: QWidget) -> QWidget | None:
        """Where F6 puts the focus in `pane`."""
        return self._entries.get(pane) or focus_target(pane)

    def current(self) -> QWidget | None:
        """The pane that holds the keyboard focus, if any."""
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        return next((p for p in self.shown_panes() if p is focus or p.isAncestorOf(focus)), None)

    def step(self, by: int) -> QWidget | None:
        """Focus the pane `by` places after (negative: before) the current one; it is returned."""
        panes = self.shown_panes()
        if not panes:
            return None
        current = self.current()
        if current is None:
            index = 0 if by > 0 else len(panes) - 1
        else:
            index = (panes.index(current) + by) % len(panes)
        pane = panes[index]
        target = self.entry(pane)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return pane
