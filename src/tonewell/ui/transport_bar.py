"""The transport bar: play/pause, stop, loop, metronome, record (with overdub or replace),
count-in, tempo, the position, and a plain "Silence all" for when a note hangs.

The bar only shows state and reports what the person asked for; the main window passes requests
to the engine and feeds its state and position back with `show_state` and `show_position`.
Actions are shared with the Playback menu, so every button has a menu entry and a shortcut.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
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
RECORDING_TEXT = "Recording"
"""The armed button says so in words, and its icon turns from a ring to a filled dot: the
state is never shown by colour alone."""

PLAYING_STATES = frozenset({"playing", "counting_in", "counting in", "count_in"})


TEMPO_STEP_MIN_PX = 28
"""The tempo's − and + buttons are at least this wide and tall at 100 %: easy to hit (WCAG
asks 24)."""
ICON_PX = 16
"""The buttons' icons at 100 %; they grow with the UI scale."""
COMPACT_BUTTONS = ("recordButton", "metronomeButton", "loopButton", "stopButton", "panicButton")
"""Buttons that show only their icon when the window is too narrow for their words, one by one
in this order (their names and tooltips stay, for screen readers and the mouse). When even
that is too wide (large text on a small screen), the bar wraps onto two lines, and gives them
their words back while those fit."""
GROUP_GAP_PX = 4
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
    buttons in `COMPACT_BUTTONS` showing only their icons when the words do not fit, and the
    strip on two lines when even the icons alone do not.
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
        self.setIconSize(QSize(ICON_PX, ICON_PX))
        self._compact_count = 0
        self._toggle_words: dict[QAction, tuple[str, str]] = {}
        """Loop's and Metronome's tooltip and description before "is on." / "is off."."""
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
        self.lines = QVBoxLayout(self.strip)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.lines.setSpacing(theme.scaled_px(4))
        self.row = QHBoxLayout()
        """The first line: every control, or those before the tempo when the bar wraps."""
        self.second_row = QHBoxLayout()
        """The second line when the bar wraps: tempo, position and Silence all."""
        for line in (self.row, self.second_row):
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(3)  # the buttons have wide padding of their own
            self.lines.addLayout(line)
        self._wrapped = False
        self.addWidget(self.strip)
        self.strip.installEventFilter(self)
        self._play_icon = self._pause_icon = QIcon()

        self.play_action = self._action(
            "Play", "playButton", "Play or pause (Space)", [QKeySequence(Qt.Key.Key_Space)],
            "Starts playing from the playhead, or pauses where it is.",
        )
        self.play_action.triggered.connect(self.play_pause_requested)
        self.stop_action = self._action(
            "Stop", "stopButton", "Stop and go back to where playing started (Esc)",
            [QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Period)],
            "Stops playing and puts the playhead back where playing started.",
        )
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
        self.loop_action.toggled.connect(self.loop_toggled)
        self.metronome_action = self._action(
            "Metronome", "metronomeButton", "Hear a soft click on each beat (Ctrl+M)",
            [QKeySequence("Ctrl+M")], "When on, a soft click sounds on each beat.",
            checkable=True,
        )
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
        self._wrap_at = self.row.count()
        """Items of `row` from here on go to the second line when the bar wraps."""
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
        self.panic_action.triggered.connect(self.panic_requested)
        self.loop_action.toggled.connect(lambda _on: self._say_on_or_off())
        self.metronome_action.toggled.connect(lambda _on: self._say_on_or_off())
        self._say_on_or_off()
        self.show_position(1, 1, 0.0)
        self._follow_theme()
        theme.changes().changed.connect(self._follow_theme)

    def _follow_theme(self) -> None:
        """Icons in the palette's ink at the UI scale's size (Play's in the colour on its
        green), and − / + as big as the scale asks; then the room is measured again."""
        pal = theme.palette()
        size = QSize(theme.scaled_px(ICON_PX), theme.scaled_px(ICON_PX))
        self.setIconSize(size)
        for button in self.strip.findChildren(QToolButton):
            button.setIconSize(size)
        self._play_icon = icons.play_icon(pal.on_strong)
        self._pause_icon = icons.pause_icon(pal.on_strong)
        self.show_state("playing" if self.play_action.text() == "Pause" else "stopped")
        self.stop_action.setIcon(icons.stop_icon(pal.ink))
        self.loop_action.setIcon(icons.toggle_icon(icons.loop_icon, pal.ink, pal.card))
        self.metronome_action.setIcon(
            icons.toggle_icon(icons.metronome_icon, pal.ink, pal.card))
        self.panic_action.setIcon(icons.silence_icon(pal.ink))
        step_px = theme.scaled_px(TEMPO_STEP_MIN_PX)
        for step in (self.slower, self.faster):
            step.setFixedSize(step_px, step_px)
        if self._widths_px:
            self._remeasure.start()

    def _say_on_or_off(self) -> None:
        """Loop and Metronome say whether they are on in words too, in the tooltip and the
        description a screen reader gives (besides their filled icon and edge)."""
        for action in (self.loop_action, self.metronome_action):
            button = self.button(action.objectName().replace("Action", "Button"))
            tip, description = self._toggle_words.setdefault(
                action, (action.toolTip(), button.accessibleDescription()))
            state = f"{action.text()} is {'on' if action.isChecked() else 'off'}."
            action.setToolTip(f"{state} {tip}")
            button.setAccessibleDescription(f"{state} {description}")

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
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # the arrow keys in the tempo box do the same, so Tab need not stop here
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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

    def is_wrapped(self) -> bool:
        """Whether the bar is on two lines, for want of room."""
        return self._wrapped

    def _steps(self) -> list[tuple[bool, int]]:
        """The forms of the bar from widest to narrowest: (on two lines, icons-only count)."""
        return [(wrapped, count) for wrapped in (False, True)
                for count in range(len(COMPACT_BUTTONS) + 1)]

    def _set_compact(self, count: int) -> None:
        self._compact_count = count
        for i, name in enumerate(COMPACT_BUTTONS):
            self.button(name).setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly if i < count
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for layout in (self.row, self.second_row, self.lines):
            layout.invalidate()

    def _set_wrapped(self, wrapped: bool) -> None:
        """Move the tempo, the position and Silence all to a second line, or back."""
        if wrapped == self._wrapped:
            return
        self._wrapped = wrapped
        if wrapped:
            self.row.takeAt(self._wrap_at)  # the gap before the tempo
            while self.row.count() > self._wrap_at:
                item = self.row.takeAt(self._wrap_at)
                self.second_row.addItem(item)
            self.row.addStretch(1)  # the first line's buttons keep their size
        else:
            self.row.takeAt(self.row.count() - 1)  # that stretch
            self.row.addSpacing(GROUP_GAP_PX)
            while self.second_row.count():
                self.row.addItem(self.second_row.takeAt(0))
        for layout in (self.row, self.second_row, self.lines):
            layout.invalidate()

    def measure(self) -> None:
        """Find the width the strip needs in each of its forms (`_steps`), and keep the bar
        (and so the window) from becoming narrower than the narrowest. Done again when the
        font or the style changes (a larger text size needs more room)."""
        if self._measuring:
            return
        self._measuring = True
        try:
            step_px = max(theme.scaled_px(TEMPO_STEP_MIN_PX), self.tempo.sizeHint().height(),
                          self.slower.sizeHint().width(), self.faster.sizeHint().width())
            self.slower.setFixedSize(step_px, step_px)
            self.faster.setFixedSize(step_px, step_px)
            shown = self._wrapped, self._compact_count
            self._widths_px = []
            for wrapped, count in self._steps():
                self._set_wrapped(wrapped)
                self._set_compact(count)
                self._widths_px.append(self.lines.sizeHint().width())
            narrowest = min(self._widths_px)
            self.strip.setMinimumWidth(narrowest)
            frame = max(0, self.sizeHint().width() - self.strip.sizeHint().width())
            self._set_wrapped(shown[0])
            self._set_compact(shown[1])
        finally:
            self._measuring = False
        if self.minimumWidth() != narrowest + frame:
            self.setMinimumWidth(narrowest + frame)
            self.minimum_width_changed.emit(self.minimumWidth())
        self._fit(self.strip.width())

    def _fit(self, width_px: int) -> None:
        """Take the widest form that `width_px` has room for."""
        if not self._widths_px:
            return
        steps = self._steps()
        wrapped, count = next(
            (step for step, need in zip(steps, self._widths_px, strict=True) if need <= width_px),
            steps[-1])
        if (wrapped, count) != (self._wrapped, self._compact_count):
            self._set_wrapped(wrapped)
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
