"""Check-in and check-out: how the person feels, asked gently, always skippable.

A 0-10 stress slider with its number shown, the mood grid, and a few words of their own; the
check-out adds "How meaningful was this?" and a free reflection. Enter continues, Escape skips.
The answers come back as the guide's `Ratings` (and the meaningful rating and reflection).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from tonewell.guide.suggest import Ratings
from tonewell.ui.guide.mood_grid import MoodGrid

STRESS_QUESTION = "How much stress do you feel right now?"
MEANINGFUL_QUESTION = "How meaningful was this?"
START_RATING = 5


class Rating(QWidget):
    """A 0-10 slider with the number beside it and the two ends named under it."""

    def __init__(self, name: str, question: str, low: str, high: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(name)
        self.slider.setRange(0, 10)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(2)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setValue(START_RATING)
        self.slider.setAccessibleName(f"{question} 0 is {low}, 10 is {high}")
        self.number = QLabel()
        self.number.setMinimumWidth(24)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.slider.valueChanged.connect(self._show)
        self._show(self.slider.value())
        label = QLabel(question)
        label.setBuddy(self.slider)
        label.setWordWrap(True)
        ends = QHBoxLayout()
        ends.addWidget(QLabel(f"0 · {low}"))
        ends.addStretch(1)
        ends.addWidget(QLabel(f"{high} · 10"))
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.number)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label)
        column.addLayout(row)
        column.addLayout(ends)

    def _show(self, value: int) -> None:
        self.number.setText(str(value))
        self.number.setAccessibleName(str(value))

    def value(self) -> int:
        return self.slider.value()


class CheckInDialog(QDialog):
    """The check-in, or with `check_out` the check-out. Continue is accepted, Skip rejected."""

    def __init__(self, parent: QWidget | None = None, *, check_out: bool = False) -> None:
        super().__init__(parent)
        self.is_check_out = check_out
        name = "checkOutDialog" if check_out else "checkInDialog"
        title = "Checking out" if check_out else "Checking in"
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        intro = QLabel("How are you now, at the end of this session?" if check_out else
                       "Before you begin: how are you arriving? Every answer is fine, "
                       "and you can skip this.")
        intro.setWordWrap(True)
        self.stress = Rating("stressSlider", STRESS_QUESTION, "none", "a great deal")
        self.mood = MoodGrid()
        mood_label = QLabel("How do you feel? Choose a place on the grid.")
        mood_label.setBuddy(self.mood)
        mood_label.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("energetic"), 0, 1, Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(QLabel("unpleasant"), 1, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.mood, 1, 1, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(QLabel("pleasant"), 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(QLabel("calm"), 2, 1, Qt.AlignmentFlag.AlignHCenter)
        self.words = QLineEdit()
        self.words.setObjectName("feelingWords")
        self.words.setAccessibleName("A few words about how you feel (optional)")
        self.words.setPlaceholderText("A few words, if you like")
        words_label = QLabel("In your own words (optional)")
        words_label.setBuddy(self.words)

        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addSpacing(6)
        column.addWidget(self.stress)
        column.addSpacing(6)
        column.addWidget(mood_label)
        column.addLayout(grid)
        column.addWidget(words_label)
        column.addWidget(self.words)

        self.meaningful: Rating | None = None
        self.reflection: QPlainTextEdit | None = None
        if check_out:
            self.meaningful = Rating("meaningfulSlider", MEANINGFUL_QUESTION, "not at all",
                                     "very")
            self.reflection = QPlainTextEdit()
            self.reflection.setObjectName("reflectionText")
            self.reflection.setAccessibleName("Your reflection (optional)")
            self.reflection.setTabChangesFocus(True)
            self.reflection.setPlaceholderText("Anything you would like to remember about "
                                               "this session")
            self.reflection.setFixedHeight(80)
            reflect_label = QLabel("A reflection (optional)")
            reflect_label.setBuddy(self.reflection)
            column.addSpacing(6)
            column.addWidget(self.meaningful)
            column.addWidget(reflect_label)
            column.addWidget(self.reflection)

        buttons = QDialogButtonBox()
        self.skip_button = QPushButton("Skip")
        self.skip_button.setObjectName("skipButton")
        self.skip_button.setAutoDefault(False)
        self.continue_button = QPushButton("Continue")
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setDefault(True)
        buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addSpacing(6)
        column.addWidget(buttons)
        column.activate()  # its size settled before the window exists (no resize after showing)
        self.stress.slider.setFocus()

    def ratings(self) -> Ratings:
        return Ratings(self.stress.value(), self.mood.pleasant, self.mood.energy,
                       self.words.text().strip())

    def meaningful_value(self) -> int:
        return self.meaningful.value() if self.meaningful is not None else 0

    def reflection_text(self) -> str:
        return self.reflection.toPlainText().strip() if self.reflection is not None else ""
