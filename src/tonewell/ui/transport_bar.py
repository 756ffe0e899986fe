"""The transport bar: play/pause, stop, loop, metronome, record (with overdub or replace),
count-in, tempo, the position, and a plain "Silence all" for when a note hangs.

The bar only shows state and reports what the person asked for; the main window passes requests
to the engine and feeds its state and position back with `show_state` and `show_position`.
Actions are shared with the Playback menu, so every button has a menu entry and a shortcut.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMenu,
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

RECORD_MODE_CHOICES: tuple[tuple[str, str], ...] = (
    ("Add to what is there", "overdub"),
    ("Replace what each pass covers", "replace"),
)
"""Combo text -> recording mode (`tonewell.edit.record.RecordMode` values): add to what is
there, or replace what each loop pass covers."""
RECORD_TEXT = "Record"
RECORDING_TEXT = "\u25cf Recording"
"""The armed button says so in words and with a dot, not by colour alone."""

PLAYING_STATES = frozenset({"playing", "counting_in", "counting in", "count_in"})


TEMPO_STEP_MIN_PX = 28
"""The tempo's − and + buttons are at least this wide and tall: easy to hit (WCAG asks 24)."""
COMPACT_BUTTONS = ("recordButton", "metronomeButton", "loopButton", "stopButton", "panicButton")
"""Buttons that show only their icon when the window is too narrow for their words, one by one
in this order (their names and tooltips stay, for screen readers and the mouse)."""
GROUP_GAP_PX = 6
"""Extra room between the groups of the bar: buttons, count-in, tempo, position."""


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
    """Emits what the person asked for; never talks to the engine itself.

    All controls sit in one strip (`transportStrip`) inside the toolbar, so Qt never tucks one
    away behind an overflow arrow: the bar's minimum width is what the strip needs, with the
    buttons in `COMPACT_BUTTONS` showing only their icons when the words do not fit.
    """

    play_pause_requested = Signal()
    stop_requested = Signal()
    rewind_requested = Signal()
    loop_toggled = Signal(bool)
    metronome_toggled = Signal(bool)
    count_in_changed = Signal(int)
    record_toggled = Signal(bool)
    record_mode_changed = Signal(str)
    tempo_changed = Signal(float)
    panic_requested = Signal()
    minimum_width_changed = Signal(int)
    """The narrowest the bar can be without hiding anything changed (a new text size)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Transport", parent)
        self.setObjectName("transportBar")
        self.setAccessibleName("Transport")
        self.setAccessibleDescription(
            "Play, stop, loop, metronome, count-in, tempo, the playhead's position and "
            "Silence all. F6 moves between the transport, the tracks and the editors."
        )
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(16, 16))
        self._compact_count = 0
        self._widths_px: list[int] = []
        """Width the strip needs with the first k of `COMPACT_BUTTONS` icons only, k = index."""
        self._measuring = False
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self.measure)
        self.strip = QWidget()
        self.strip.setObjectName("transportStrip")
        self.strip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.row = QHBoxLayout(self.strip)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(3)  # the buttons have wide padding of their own
        self.addWidget(self.strip)
        self.strip.installEventFilter(self)
        self._play_icon = icons.play_icon("#ffffff")
        self._pause_icon = icons.pause_icon("#ffffff")

        self.play_action = self._action(
            "Play", "playButton", "Play or pause (Space)", [QKeySequence(Qt.Key.Key_Space)],
            "Starts playing from the playhead, or pauses where it is.",
        )
        self.play_action.setIcon(self._play_icon)
        self.play_action.triggered.connect(self.play_pause_requested)
        self.stop_action = self._action(
            "Stop", "stopButton", "Stop and go back to where playing started (Esc)",
            [QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Period)],
            "Stops playing and puts the playhead back where playing started.",
        )
        self.stop_action.setIcon(icons.stop_icon(theme.INK))
        self.stop_action.triggered.connect(self.stop_requested)
        self.rewind_action = QAction("Back to Start", self)
        self.rewind_action.setShortcut(QKeySequence(Qt.Key.Key_Home))
        self.rewind_action.setToolTip("Move the playhead to the start (Home)")
        self.rewind_action.triggered.connect(self.rewind_requested)
        # No button of its own: the main window puts it in the Playback menu (Home).
        self.loop_action = self._action(
            "Loop", "loopButton", "Repeat the loop region (Ctrl+L)", [QKeySequence("Ctrl+L")],
            "When on, playing repeats the loop region marked above the arrangement.",
            checkable=True,
        )
        self.loop_action.setIcon(icons.loop_icon(theme.INK))
        self.loop_action.toggled.connect(self.loop_toggled)
        self.metronome_action = self._action(
            "Metronome", "metronomeButton", "Hear a soft click on each beat (Ctrl+M)",
            [QKeySequence("Ctrl+M")], "When on, a soft click sounds on each beat.",
            checkable=True,
        )
        self.metronome_action.setIcon(icons.metronome_icon(theme.INK))
        self.metronome_action.toggled.connect(self.metronome_toggled)
        self.record_action = self._action(
            RECORD_TEXT, "recordButton",
            "Record what you play on the selected track while the loop plays (Ctrl+R)",
            [QKeySequence("Ctrl+R")],
            "When on, notes played on a keyboard are recorded into the clip under the playhead, "
            "one undo step per loop pass.",
            checkable=True,
        )
        self.record_action.setIcon(icons.record_icon(theme.INK, recording=False))
        self.record_action.toggled.connect(self.record_toggled)
        self.record_menu = QMenu("Recording mode", self)
        self.record_menu.setObjectName("recordModeMenu")
        modes = QActionGroup(self)
        for text, mode in RECORD_MODE_CHOICES:
            choice = self.record_menu.addAction(text)
            choice.setCheckable(True)
            choice.setData(mode)
            choice.setChecked(mode == RECORD_MODE_CHOICES[0][1])
            modes.addAction(choice)
        modes.triggered.connect(lambda a: self.record_mode_changed.emit(str(a.data())))
        self._record_modes = modes
        record_button = self.button("recordButton")
        record_button.setMenu(self.record_menu)  # the arrow beside it picks add or replace
        record_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

        self.row.addSpacing(GROUP_GAP_PX)
        self.count_in = QComboBox()
        self.count_in.setObjectName("countInCombo")
        self.count_in.setAccessibleName("Count-in")
        self.count_in.setAccessibleDescription("Bars of clicks before playing starts.")
        self.count_in.setToolTip("Clicks before playing starts, to find the beat")
        for text, bars in COUNT_IN_CHOICES:
            self.count_in.addItem(text, bars)
        self.count_in.currentIndexChanged.connect(
            lambda i: self.count_in_changed.emit(int(self.count_in.itemData(i)))
        )
        self.row.addWidget(self.count_in)
        self.row.addSpacing(GROUP_GAP_PX)
        self._build_tempo()
        self.row.addSpacing(GROUP_GAP_PX)

        self.position = QLabel()
        self.position.setObjectName("positionLabel")
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.position.setToolTip("Where the playhead is: bar.beat and minutes:seconds")
        self.position.setAccessibleDescription(
            "Where the playhead is, as bar and beat and as minutes and seconds.")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.row.addWidget(self.position)
        self.row.addStretch(1)
        self.panic_action = self._action(
            "Silence all", "panicButton", "Stop every sound at once (Shift+Esc)",
            [QKeySequence("Shift+Escape")],
            "Stops every sound at once, for when a note keeps sounding.",
        )
        self.panic_action.setIcon(icons.silence_icon(theme.INK))
        self.panic_action.triggered.connect(self.panic_requested)
        self.show_position(1, 1, 0.0)

    def _build_tempo(self) -> None:
        tempo_label = QLabel("Tempo")
        self.tempo = TempoSpin()
        self.tempo.setObjectName("tempoSpin")
        self.tempo.setAccessibleName("Tempo in beats per minute")
        self.tempo.setAccessibleDescription(
            "Type a tempo, or use the Up and Down arrow keys to change it by one.")
        self.tempo.setToolTip("Tempo (beats per minute)")
        self.tempo.setRange(MIN_BPM, MAX_BPM)
        self.tempo.setDecimals(0)
        self.tempo.setSuffix(" BPM")
        self.tempo.setKeyboardTracking(False)
        self.tempo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the spin box's own arrows are a few pixels tall: big − and + buttons beside it instead
        self.tempo.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        self.tempo.setValue(90)
        self.tempo.valueChanged.connect(lambda v: self.tempo_changed.emit(float(v)))
        tempo_label.setBuddy(self.tempo)
        tempo_label.setContentsMargins(0, 0, 2, 0)
        self.slower = self._step_button("−", "tempoDownButton", "Slower", self.tempo.stepDown)
        self.faster = self._step_button("+", "tempoUpButton", "Faster", self.tempo.stepUp)
        for widget in (tempo_label, self.slower, self.tempo, self.faster):
            self.row.addWidget(widget)

    def _step_button(self, text: str, object_name: str, name: str,
                     step: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setObjectName(object_name)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} by one beat per minute (hold to keep going)")
        button.setAutoRepeat(True)
        button.setAutoRaise(True)
        button.setMinimumSize(TEMPO_STEP_MIN_PX, TEMPO_STEP_MIN_PX)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        # the arrow keys in the tempo box do the same, so Tab need not stop here
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setStyleSheet("padding: 0px;")  # the sign, not the bar's wide padding
        button.clicked.connect(step)
        return button

    def _action(self, text: str, object_name: str, tip: str, keys: list[QKeySequence],
                description: str, *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(object_name.replace("Button", "Action"))
        action.setToolTip(tip)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        button = QToolButton()
        button.setDefaultAction(action)  # the button carries the action and its shortcuts
        button.setObjectName(object_name)
        button.setAccessibleName(text)
        button.setAccessibleDescription(f"{description} {tip[tip.rfind('('):]}")
        button.setAutoRaise(True)
        button.setIconSize(self.iconSize())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.row.addWidget(button)
        return action

    def button(self, object_name: str) -> QToolButton:
        found = self.findChild(QToolButton, object_name)
        assert found is not None, object_name
        return found

    # --- fitting the width -----------------------------------------------------------------

    def compact_count(self) -> int:
        """How many of `COMPACT_BUTTONS` show only their icons, for want of room."""
        return self._compact_count

    def _set_compact(self, count: int) -> None:
        self._compact_count = count
        for i, name in enumerate(COMPACT_BUTTONS):
            self.button(name).setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly if i < count
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.row.invalidate()

    def measure(self) -> None:
        """Find the width the strip needs at each step of compaction, and keep the bar (and so
        the window) from becoming narrower than the most compact one. Done again when the font
        or the style changes (a larger text size needs more room)."""
        if self._measuring:
            return
        self._measuring = True
        try:
            step_px = max(TEMPO_STEP_MIN_PX, self.tempo.sizeHint().height(),
                          self.slower.sizeHint().width(), self.faster.sizeHint().width())
            self.slower.setFixedWidth(step_px)
            self.faster.setFixedWidth(step_px)
            shown = self._compact_count
            self._widths_px = []
            for count in range(len(COMPACT_BUTTONS) + 1):
                self._set_compact(count)
                self._widths_px.append(self.row.sizeHint().width())
            narrowest = self._widths_px[-1]
            self.strip.setMinimumWidth(narrowest)
            frame = max(0, self.sizeHint().width() - self.strip.sizeHint().width())
            self._set_compact(shown)
        finally:
            self._measuring = False
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self.measure)
        if self.minimumWidth() != narrowest + frame:
            self.setMinimumWidth(narrowest + frame)
            self.minimum_width_changed.emit(self.minimumWidth())
        self._fit(self.strip.width())

    def _fit(self, width_px: int) -> None:
        """Show as many words as `width_px` has room for."""
        if not self._widths_px:
            return
        count = next((k for k, need in enumerate(self._widths_px) if need <= width_px),
                     len(COMPACT_BUTTONS))
        if count != self._compact_count:
            self._set_compact(count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.strip and event.type() == QEvent.Type.Resize and not self._measuring:
            self._fit(self.strip.width())
        return super().eventFilter(watched, event)

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        if e.type() in (QEvent.Type.Polish, QEvent.Type.Show):
            self.measure()
        if e.type() in (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                        QEvent.Type.Show):
            self._remeasure.start()  # again once every control has taken the new look
        return handled

    # --- showing state ---------------------------------------------------------------------

    def show_state(self, state: str) -> None:
        """Show the engine's state: playing shows Pause, anything else shows Play."""
        playing = state in PLAYING_STATES
        self.play_action.setText("Pause" if playing else "Play")
        self.play_action.setIcon(self._pause_icon if playing else self._play_icon)
        self.button("playButton").setAccessibleName("Pause" if playing else "Play")

    def show_position(self, bar: int, beat: int, seconds: float) -> None:
        clock = format_clock(seconds)
        text = f"{bar}.{beat}  ·  {clock}"
        new_length = len(text) != len(self.position.text())
        self.position.setText(text)
        if new_length and self._widths_px:  # a digit more or fewer: measure the room again
            self.measure()
        self.position.setAccessibleName(f"Position: bar {bar}, beat {beat}, {clock}")

    def show_tempo(self, bpm: float) -> None:
        self.tempo.blockSignals(True)
        self.tempo.setValue(bpm)
        self.tempo.blockSignals(False)

    def show_loop(self, enabled: bool) -> None:
        self.loop_action.blockSignals(True)
        self.loop_action.setChecked(enabled)
        self.loop_action.blockSignals(False)

    def show_recording(self, on: bool) -> None:
        """Show whether recording runs: a dot and "Recording" on the button, checked."""
        self.record_action.blockSignals(True)
        self.record_action.setChecked(on)
        self.record_action.blockSignals(False)
        text = RECORDING_TEXT if on else RECORD_TEXT
        self.record_action.setText(text)
        self.record_action.setIcon(icons.record_icon(theme.INK, recording=on))
        self.button("recordButton").setAccessibleName("Recording" if on else RECORD_TEXT)
        if self._widths_px:
            self.measure()

    def record_mode_value(self) -> str:
        checked = self._record_modes.checkedAction()
        return str(checked.data()) if checked else RECORD_MODE_CHOICES[0][1]

    def count_in_bars(self) -> int:
        return int(self.count_in.currentData())
