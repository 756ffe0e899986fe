"""Edit › Harmony Helper…: the chords of the piece's key as buttons, and a backing loop.

A small window beside the editor (not modal: the person keeps working). A chord button sounds
the chord and places it into the Chords track; chords go one after another, each in the bar
after the last chord (the first in the bar under the playhead), so four clicks make four bars
in order. A line suggests what could follow, never what must. "Make a backing loop" adds
chords, bass and soft drums under the person's melody and turns the loop on. Every change is
one step of the piece's history: Ctrl+Z, which works in this window too, takes it back. The
music rules live in `tonewell.guide.harmony` and `tonewell.guide.backing`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from tonewell.edit import CommandError
from tonewell.guide.backing import (
    CHORD_VELOCITY,
    backing_loop,
    chord_bars,
    chord_track,
    next_chord_bar,
    place_chord,
)
from tonewell.guide.harmony import Chord, friends, heading, next_words
from tonewell.model.timing import whole_bars

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow

FRIENDS_PER_ROW = 4
"""The common chords (I, IV, V, vi) fill the first row; the rest the second."""
AUDITION_DELAY_MS = 20
"""A chord sounds this long after it is placed, once the sound engine has the new track."""
INTRO = ("Choose a chord to hear it and add it to the Chords track. Each one goes in the "
         "bar after the last. Ctrl+Z takes a chord back.")
BACKING_TIP = ("Adds chords, a bass and soft drums for the chords above (or I–vi–IV–V when "
               "there are none yet), and repeats them as a loop for your melody.")


def _say(label: QLabel, text: str) -> None:
    """Show `text` and let a screen reader read the same."""
    label.setText(text)
    label.setAccessibleName(text)


class HarmonyPanel(QDialog):
    """The harmony helper of `window`'s open piece."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("harmonyPanel")
        self.setAccessibleName("Harmony helper")
        self.setWindowTitle("Harmony helper")
        self.setModal(False)
        self.heading = QLabel()
        self.heading.setObjectName("harmonyHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        intro = QLabel(INTRO)
        intro.setObjectName("harmonyIntro")
        intro.setWordWrap(True)
        intro.setProperty("class", "caption")
        intro.setAccessibleName(INTRO)
        self.chord_buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        for i in range(7):
            button = QPushButton()
            button.setObjectName(f"chordButton{i + 1}")
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, index=i: self.place(index))
            grid.addWidget(button, *divmod(i, FRIENDS_PER_ROW))
            self.chord_buttons.append(button)
        self.next_label = QLabel()
        self.next_label.setObjectName("harmonyNext")
        self.next_label.setWordWrap(True)
        self.where_label = QLabel()
        self.where_label.setObjectName("harmonyWhere")
        self.where_label.setProperty("class", "caption")
        self.backing_button = QPushButton("Make a backing loop")
        self.backing_button.setObjectName("backingLoopButton")
        self.backing_button.setAccessibleName("Make a backing loop")
        self.backing_button.setAccessibleDescription(BACKING_TIP)
        self.backing_button.setToolTip(BACKING_TIP)
        self.backing_button.clicked.connect(self.make_backing_loop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.addButton(self.backing_button, QDialogButtonBox.ButtonRole.ActionRole)

        column = QVBoxLayout(self)
        column.setSpacing(10)
        column.addWidget(self.heading)
        column.addWidget(intro)
        column.addLayout(grid)
        column.addWidget(self.next_label)
        column.addWidget(self.where_label)
        column.addWidget(buttons)
        # Undo and Redo work here as in the main window.
        self.addActions([window.edits.undo, window.edits.redo])
        self._chords: tuple[Chord, ...] = ()
        window.piece.changed.connect(lambda _event: self.refresh())
        self.refresh()
        self.setMinimumWidth(460)

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Follow the piece: its key (the chords), the last chord and where the next goes."""
        comp = self.window_.piece.comp
        self._chords = friends(comp.key)
        _say(self.heading, heading(comp.key))
        for button, chord in zip(self.chord_buttons, self._chords, strict=True):
            button.setText(chord.label)
            button.setAccessibleName(f"Chord {chord.numeral}, {chord.name}")
            button.setAccessibleDescription("Hear it and add it in the next bar")
        bars = chord_bars(comp)
        last = bars[max(bars)] if bars else None
        _say(self.next_label, next_words(last, comp.key))
        _say(self.where_label, f"The next chord goes in bar {self.next_bar()}.")

    def next_bar(self) -> int:
        return next_chord_bar(self.window_.piece.comp, self.window_.engine.position())

    # --- doing -----------------------------------------------------------------------------

    def place(self, index: int) -> None:
        """Place the chord of button `index` in the next bar and sound it."""
        chord = self._chords[index]
        bar = self.next_bar()
        piece = self.window_.piece
        piece.push(place_chord(piece.comp, chord.degree, bar))
        self.window_.show_status(f"{chord.name} is in bar {bar}. Ctrl+Z takes it back.")
        QTimer.singleShot(AUDITION_DELAY_MS, self, lambda: self.sound(chord))

    def sound(self, chord: Chord) -> None:
        """Let the chord be heard briefly with the Chords track's instrument."""
        track = chord_track(self.window_.piece.comp)
        if track is not None:
            for pitch in chord.pitches:
                self.window_.engine.audition(track.uid, pitch, CHORD_VELOCITY)

    def make_backing_loop(self) -> None:
        piece = self.window_.piece
        try:
            command = backing_loop(piece.comp)
        except (CommandError, ValueError):
            self.window_.show_status("The backing loop could not be made this time.")
            return
        piece.push(command)
        loop = piece.comp.loop
        bars = whole_bars(loop.length_ticks, piece.comp.time_signature.ticks_per_bar)
        self.window_.show_status(
            f"A {bars}-bar backing loop is ready: chords, bass and soft drums. Press Space to "
            "listen, and change anything you like.")


def open_harmony_panel(window: MainWindow) -> HarmonyPanel:
    """Show the window's harmony helper (one per window), with the first chord focused."""
    panel = window.findChild(HarmonyPanel, "harmonyPanel")
    if panel is None:
        panel = HarmonyPanel(window)
        panel.adjustSize()
        frame = window.geometry()
        # bottom right, over the end of the piano roll: the arrangement stays in view, where
        # the Chords track grows bar by bar
        panel.move(max(frame.left(), frame.right() - panel.width() - 32),
                   max(frame.top(), frame.bottom() - panel.height() - 64))
    panel.refresh()
    panel.show()
    panel.raise_()
    panel.activateWindow()
    panel.chord_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
    return panel
