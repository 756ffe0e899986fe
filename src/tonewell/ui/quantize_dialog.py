"""Edit › Quantize…: which grid to pull the selected notes to, and how far (strength)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from tonewell.ui.piano_roll.snap import DEFAULT_GRID_TICKS, GRID_CHOICES

GRIDS: tuple[tuple[str, int], ...] = tuple((name, ticks) for name, ticks in GRID_CHOICES if ticks)
"""The piano roll's grids (without "Off"): name -> grid step in ticks."""

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
        self.grid.setCurrentIndex(self.grid.findData(DEFAULT_GRID_TICKS))
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
