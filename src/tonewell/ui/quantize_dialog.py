"""Edit › Quantize…: which grid to pull the selected notes to, and how far (strength)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from tonewell.model.timing import PPQ

GRIDS: tuple[tuple[str, int], ...] = (
    ("1/4 (a beat)", PPQ),
    ("1/8", PPQ // 2),
    ("1/16", PPQ // 4),
    ("1/32", PPQ // 8),
    ("1/8 triplets", PPQ // 3),
    ("1/16 triplets", PPQ // 6),
)
"""Grid name -> grid step in ticks. The default is 1/16."""

STRENGTHS: tuple[tuple[str, float], ...] = (
    ("All the way (100%)", 1.0),
    ("Most of the way (75%)", 0.75),
    ("Half way (50%)", 0.5),
    ("A little (25%)", 0.25),
)


class QuantizeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quantizeDialog")
        self.setWindowTitle("Quantize")
        self.grid = QComboBox()
        self.grid.setObjectName("quantizeGrid")
        self.grid.setAccessibleName("Grid")
        for name, ticks in GRIDS:
            self.grid.addItem(name, ticks)
        self.grid.setCurrentIndex(2)
        self.strength = QComboBox()
        self.strength.setObjectName("quantizeStrength")
        self.strength.setAccessibleName("Strength")
        for name, amount in STRENGTHS:
            self.strength.addItem(name, amount)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Quantize")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Grid", self.grid)
        form.addRow("&Strength", self.strength)
        form.addRow(buttons)

    def grid_ticks(self) -> int:
        return int(self.grid.currentData())

    def strength_amount(self) -> float:
        return float(self.strength.currentData())
