"""The transport bar: play/pause, stop, loop, metronome, count-in, tempo, the position, and a
plain "Silence all" for when a note hangs.

The bar only shows state and reports what the person asked for; the main window passes requests
to the engine and feeds its state and position back with `show_state` and `show_position`.
Actions are shared with the Playback menu, so every button has a menu entry and a shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from tonewell.model.timing import MAX_BPM, MIN_BPM, format_clock
from tonewell.ui import icons, theme

COUNT_IN_CHOICES: tuple[tuple[str, int], ...] = (
    ("Count-in: off", 0),
    ("Count-in: 1 bar", 1),
    ("Count-in: 2 bars", 2),
)
"""Combo text -> bars of count-in. The text names the setting, because a screen reader reads
a combo box's current text as its name."""

PLAYING_STATES = frozenset({"playing", "counting_in", "counting in", "count_in"})


def _spacer(width: int) -> QWidget:
    w = QWidget()
    w.setFixedWidth(width)
    return w


class TempoSpin(QDoubleSpinBox):
    """A tempo box that lets Space through to the window, so Space plays and pauses even while
    the tempo box has the keyboard focus (a space means nothing in a number)."""

    def event(self, e: QEvent) -> bool:
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.key() == Qt.Key.Key_Space
        ):
            e.ignore()
            return True
        return super().event(e)


class TransportBar(QToolBar):
    """Emits what the person asked for; never talks to the engine itself."""

    play_pause_requested = Signal()
    stop_requested = Signal()
    rewind_requested = Signal()
    loop_toggled = Signal(bool)
    metronome_toggled = Signal(bool)
    count_in_changed = Signal(int)
    tempo_changed = Signal(float)
    panic_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Transport", parent)
        self.setObjectName("transportBar")
        self.setAccessibleName("Transport")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIconSize(QSize(16, 16))
        self._play_icon = icons.play_icon("#ffffff")
        self._pause_icon = icons.pause_icon("#ffffff")

        self.play_action = self._action("Play", "playButton", "Play or pause (Space)",
                                        [QKeySequence(Qt.Key.Key_Space)])
        self.play_action.setIcon(self._play_icon)
        self.play_action.triggered.connect(self.play_pause_requested)
        self.stop_action = self._action(
            "Stop", "stopButton", "Stop and go back to where playing started (Esc)",
            [QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Period)],
        )
        self.stop_action.setIcon(icons.stop_icon(theme.INK))
        self.stop_action.triggered.connect(self.stop_requested)
        self.rewind_action = QAction("Back to Start", self)
        self.rewind_action.setShortcut(QKeySequence(Qt.Key.Key_Home))
        self.rewind_action.setToolTip("Move the playhead to the start (Home)")
        self.rewind_action.triggered.connect(self.rewind_requested)
        # No button of its own: the main window puts it in the Playback menu (Home).
        self.loop_action = self._action("Loop", "loopButton", "Repeat the loop region (Ctrl+L)",
                                        [QKeySequence("Ctrl+L")], checkable=True)
        self.loop_action.toggled.connect(self.loop_toggled)
        self.metronome_action = self._action(
            "Metronome", "metronomeButton", "Hear a soft click on each beat (Ctrl+M)",
            [QKeySequence("Ctrl+M")], checkable=True,
        )
        self.metronome_action.toggled.connect(self.metronome_toggled)

        self.addWidget(_spacer(8))
        self.count_in = QComboBox()
        self.count_in.setObjectName("countInCombo")
        self.count_in.setAccessibleName("Count-in")
        self.count_in.setToolTip("Clicks before playing starts, to find the beat")
        for text, bars in COUNT_IN_CHOICES:
            self.count_in.addItem(text, bars)
        self.count_in.currentIndexChanged.connect(
            lambda i: self.count_in_changed.emit(int(self.count_in.itemData(i)))
        )
        self.addWidget(self.count_in)
        self.addWidget(_spacer(12))

        tempo_label = QLabel("Tempo")
        self.tempo = TempoSpin()
        self.tempo.setObjectName("tempoSpin")
        self.tempo.setAccessibleName("Tempo in beats per minute")
        self.tempo.setToolTip("Tempo (beats per minute)")
        self.tempo.setRange(MIN_BPM, MAX_BPM)
        self.tempo.setDecimals(0)
        self.tempo.setSuffix(" BPM")
        self.tempo.setKeyboardTracking(False)
        self.tempo.setValue(90)
        self.tempo.valueChanged.connect(lambda v: self.tempo_changed.emit(float(v)))
        tempo_label.setBuddy(self.tempo)
        tempo_label.setContentsMargins(0, 0, 6, 0)
        self.addWidget(tempo_label)
        self.addWidget(self.tempo)
        self.addWidget(_spacer(12))

        self.position = QLabel()
        self.position.setObjectName("positionLabel")
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.position.setToolTip("Where the playhead is: bar.beat and minutes:seconds")
        self.addWidget(self.position)

        stretch = QWidget()
        stretch.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(stretch)
        self.panic_action = self._action(
            "Silence all", "panicButton", "Stop every sound at once (Shift+Esc)",
            [QKeySequence("Shift+Escape")],
        )
        self.panic_action.triggered.connect(self.panic_requested)
        self.show_position(1, 1, 0.0)

    def _action(self, text: str, object_name: str, tip: str, keys: list[QKeySequence],
                *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(object_name.replace("Button", "Action"))
        action.setToolTip(tip)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        self.addAction(action)
        button = self.widgetForAction(action)
        assert isinstance(button, QToolButton)
        button.setObjectName(object_name)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return action

    def button(self, object_name: str) -> QToolButton:
        found = self.findChild(QToolButton, object_name)
        assert found is not None, object_name
        return found

    # --- showing state ---------------------------------------------------------------------

    def show_state(self, state: str) -> None:
        """Show the engine's state: playing shows Pause, anything else shows Play."""
        playing = state in PLAYING_STATES
        self.play_action.setText("Pause" if playing else "Play")
        self.play_action.setIcon(self._pause_icon if playing else self._play_icon)
        self.button("playButton").setAccessibleName("Pause" if playing else "Play")

    def show_position(self, bar: int, beat: int, seconds: float) -> None:
        clock = format_clock(seconds)
        self.position.setText(f"{bar}.{beat}  ·  {clock}")
        self.position.setAccessibleName(f"Position: bar {bar}, beat {beat}, {clock}")

    def show_tempo(self, bpm: float) -> None:
        self.tempo.blockSignals(True)
        self.tempo.setValue(bpm)
        self.tempo.blockSignals(False)

    def show_loop(self, enabled: bool) -> None:
        self.loop_action.blockSignals(True)
        self.loop_action.setChecked(enabled)
        self.loop_action.blockSignals(False)

    def count_in_bars(self) -> int:
        return int(self.count_in.currentData())
