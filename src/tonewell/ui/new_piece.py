"""File › New: a small dialog with good defaults, so Enter alone starts a piece.

It asks for a title, what to start from (a template), key and scale, meter, tempo, length in
bars and the instrument of the first track. What it builds is decided by
`tonewell.edit.new_piece.build_piece`; this file only collects the choices.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tonewell.edit.new_piece import MAX_LENGTH_BARS, TEMPLATES, PieceChoices
from tonewell.model.gm import GM_PROGRAM_NAMES
from tonewell.ui.piece_fields import PieceFields

DRUMS_ITEM = "Drums (a drum kit)"


class NewPieceDialog(QDialog):
    """Collects `PieceChoices`; `choices()` reads them after the dialog was accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPieceDialog")
        self.setWindowTitle("New piece")
        self.setAccessibleName("New piece")
        defaults = PieceChoices()

        self.title = QLineEdit(defaults.title)
        self.title.setObjectName("newTitle")
        self.title.setAccessibleName("Title")
        self.title.selectAll()

        self.template = QComboBox()
        self.template.setObjectName("newTemplate")
        self.template.setAccessibleName("Start from")
        for template in TEMPLATES:
            self.template.addItem(template.name)
        self.template_note = QLabel()
        self.template_note.setProperty("class", "caption")
        self.template_note.setWordWrap(True)

        self.fields = PieceFields("new", defaults.key, defaults.meter, defaults.tempo_bpm)
        self.tonic, self.scale = self.fields.tonic, self.fields.scale
        self.meter, self.tempo = self.fields.meter, self.fields.tempo

        self.length = QSpinBox()
        self.length.setObjectName("newLength")
        self.length.setAccessibleName("Length in bars")
        self.length.setRange(1, MAX_LENGTH_BARS)
        self.length.setSuffix(" bars")
        self.length.setValue(defaults.length_bars)

        self.instrument = QComboBox()
        self.instrument.setObjectName("newInstrument")
        self.instrument.setAccessibleName("Instrument of the first track")
        self.instrument.addItems(list(GM_PROGRAM_NAMES))
        self.instrument.addItem(DRUMS_ITEM)
        self.instrument.setCurrentIndex(defaults.program)

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Start from", self.template)
        form.addRow("", self.template_note)
        self.fields.add_rows(form)
        form.addRow("&Length", self.length)
        form.addRow("&Instrument", self.instrument)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create")
        self.create_button.setObjectName("newCreateButton")
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        self.setMinimumWidth(440)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(buttons)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self._template_chosen(0)
        self.title.setFocus()

    def _template_chosen(self, index: int) -> None:
        template = TEMPLATES[index]
        self.template_note.setText(template.description)
        self.instrument.setEnabled(any(p.program is None for p in template.parts))

    def choices(self) -> PieceChoices:
        is_drum = self.instrument.currentText() == DRUMS_ITEM
        return PieceChoices(
            title=self.title.text(),
            key=self.fields.key(),
            meter=self.fields.time_signature(),
            tempo_bpm=self.fields.tempo_bpm(),
            length_bars=self.length.value(),
            program=0 if is_drum else self.instrument.currentIndex(),
            is_drum=is_drum,
            template=TEMPLATES[self.template.currentIndex()],
        )
