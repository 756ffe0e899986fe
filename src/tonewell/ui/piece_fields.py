"""The key, scale, meter and tempo fields, shared by File › New and Edit › Piece Settings.

Both dialogs ask the same four questions in the same words; this file builds those fields once
(the lists they offer, their ranges, their accessible names), so the two can never drift apart.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox

from tonewell.model import Key
from tonewell.model.scales import PITCH_CLASS_NAMES, SCALES
from tonewell.model.timing import MAX_BPM, MIN_BPM, TimeSignature

METERS: tuple[TimeSignature, ...] = (
    TimeSignature(4, 4), TimeSignature(3, 4), TimeSignature(2, 4), TimeSignature(6, 8),
    TimeSignature(5, 4), TimeSignature(7, 8), TimeSignature(12, 8),
)
"""The meters offered, the first being the default."""


class PieceFields:
    """Tonic, scale, meter and tempo boxes named `{prefix}Tonic` … `{prefix}Tempo`."""

    def __init__(self, prefix: str, key: Key, meter: TimeSignature, tempo_bpm: float) -> None:
        self.tonic = QComboBox()
        self.tonic.setObjectName(f"{prefix}Tonic")
        self.tonic.setAccessibleName("Key")
        self.tonic.addItems(list(PITCH_CLASS_NAMES))
        self.tonic.setCurrentIndex(key.tonic)
        self.scale = QComboBox()
        self.scale.setObjectName(f"{prefix}Scale")
        self.scale.setAccessibleName("Scale")
        self.scale.addItems(list(SCALES))
        self.scale.setCurrentText(key.mode)

        self.meters = list(METERS)
        if meter not in self.meters:  # a piece from a .mid file may have any meter: keep it
            self.meters.append(meter)
        self.meter = QComboBox()
        self.meter.setObjectName(f"{prefix}Meter")
        self.meter.setAccessibleName("Meter")
        self.meter.addItems([str(m) for m in self.meters])
        self.meter.setCurrentIndex(self.meters.index(meter))

        self.tempo = QSpinBox()
        self.tempo.setObjectName(f"{prefix}Tempo")
        self.tempo.setAccessibleName("Tempo in beats per minute")
        self.tempo.setRange(int(MIN_BPM), int(MAX_BPM))
        self.tempo.setSuffix(" BPM")
        self.tempo.setValue(round(tempo_bpm))

    def add_rows(self, form: QFormLayout) -> None:
        """Key (tonic and scale on one line), Meter and Tempo, with their Alt+letter keys."""
        key_row = QHBoxLayout()
        key_row.addWidget(self.tonic)
        key_row.addWidget(self.scale, 1)
        key_label = QLabel("&Key")  # a row holding a layout gets no buddy of its own
        key_label.setBuddy(self.tonic)
        form.addRow(key_label, key_row)
        form.addRow("&Meter", self.meter)
        form.addRow("T&empo", self.tempo)

    def key(self) -> Key:
        return Key(self.tonic.currentIndex(), self.scale.currentText())

    def time_signature(self) -> TimeSignature:
        return self.meters[self.meter.currentIndex()]

    def tempo_bpm(self) -> float:
        return float(self.tempo.value())
