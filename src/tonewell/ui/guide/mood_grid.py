"""The mood grid: pleasant-unpleasant across, calm-energetic up, one cell chosen.

Painted here as a small 5x5 grid; arrow keys move the chosen cell, a click chooses one, and the
accessible name says the mood in words ("Mood: pleasant and calm") for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CELLS = 5
CELL_PX = 34
PLEASANT_WORDS = ("very unpleasant", "unpleasant", "", "pleasant", "very pleasant")
ENERGY_WORDS = ("very calm", "calm", "", "energetic", "very energetic")
"""Column 0..4 (left to right) and row 0..4 (bottom to top) in words; "" is the middle."""


def axis_value(index: int) -> float:
    """A cell index 0..4 as the centre of the cell on the -1.0..1.0 axis."""
    return (index - (CELLS - 1) / 2) / ((CELLS - 1) / 2)


def mood_words(column: int, row: int) -> str:
    """The mood of a cell in words: "pleasant and calm", "in the middle"."""
    words = [w for w in (PLEASANT_WORDS[column], ENERGY_WORDS[row]) if w]
    return " and ".join(words) if words else "in the middle"


class MoodGrid(QWidget):
    """`column` is pleasant (0 = very unpleasant .. 4 = very pleasant), `row` is energy
    (0 = very calm .. 4 = very energetic); it starts in the middle."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moodGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip("Across: unpleasant to pleasant. Up: calm to energetic. "
                        "Arrow keys or a click choose.")
        self.column = self.row = CELLS // 2
        self._name()

    @property
    def pleasant(self) -> float:
        return axis_value(self.column)

    @property
    def energy(self) -> float:
        return axis_value(self.row)

    def choose(self, column: int, row: int) -> None:
        self.column = min(max(column, 0), CELLS - 1)
        self.row = min(max(row, 0), CELLS - 1)
        self._name()
        self.update()
        self.changed.emit()

    def _name(self) -> None:
        self.setAccessibleName(f"Mood: {mood_words(self.column, self.row)}")
        self.setAccessibleDescription(
            "Arrow keys move across from unpleasant to pleasant, and up from calm to energetic.")

    def sizeHint(self) -> QSize:
        return QSize(CELLS * CELL_PX + 1, CELLS * CELL_PX + 1)

    def _cell(self, column: int, row: int) -> QRectF:
        side = min(self.width(), self.height()) - 1
        cell = side / CELLS
        return QRectF(column * cell, (CELLS - 1 - row) * cell, cell, cell)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        line = QPen(pal.mid().color())
        for column in range(CELLS):
            for row in range(CELLS):
                rect = self._cell(column, row)
                painter.setPen(line)
                painter.setBrush(pal.base())
                painter.drawRect(rect)
        chosen = self._cell(self.column, self.row).adjusted(3, 3, -3, -3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.highlight())
        painter.drawEllipse(chosen)
        if self.hasFocus():
            focus = QPen(pal.highlight().color(), 2)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        move = moves.get(Qt.Key(event.key()))
        if move is None:
            super().keyPressEvent(event)  # Enter and Escape reach the dialog
            return
        self.choose(self.column + move[0], self.row + move[1])

    def mousePressEvent(self, event: QMouseEvent) -> None:
        side = (min(self.width(), self.height()) - 1) / CELLS
        column = int(event.position().x() // side)
        row = CELLS - 1 - int(event.position().y() // side)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.choose(column, row)
