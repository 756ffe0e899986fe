"""Edit › Piece Settings: change the open piece's title, key, meter and tempo in one place.

The dialog opens filled with the piece's values; OK pushes whatever changed as one undo step
("Piece settings", built by `tonewell.edit.piece_edits.piece_settings`), and nothing when
nothing changed. The piece's header in the window (title and summary) opens it too: a flat
control that looks like the heading it is, and acts as a button by mouse and keyboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tonewell.edit.commands import Compound
from tonewell.edit.piece_edits import notes_past_clip_ends, piece_settings
from tonewell.model import Composition
from tonewell.ui.piece_fields import PieceFields

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow

HEADER_TIP = "Change the title, key, meter and tempo"


def meter_note(comp: Composition, meter_changed: bool, silenced: int) -> str:
    """One calm line on what a new meter does to the clips ("" while the meter is kept)."""
    if not meter_changed or not any(t.clips for t in comp.tracks):
        return ""
    line = "Clips keep their number of bars, so they grow or shrink with the bar."
    if silenced:
        notes = "note falls" if silenced == 1 else "notes fall"
        line += f" {silenced} {notes} past a clip's end: kept, but not heard there."
    return line


class PieceSettingsDialog(QDialog):
    """Filled from `comp`; after OK, `command()` is the step to push (None: nothing changed)."""

    def __init__(self, comp: Composition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comp = comp
        self.setObjectName("pieceSettingsDialog")
        self.setWindowTitle("Piece settings")
        self.setAccessibleName("Piece settings")

        self.title = QLineEdit(comp.title)
        self.title.setObjectName("settingsTitle")
        self.title.setAccessibleName("Title")
        self.title.selectAll()
        self.fields = PieceFields("settings", comp.key, comp.time_signature, comp.tempo_bpm)
        self._first_tempo = self.fields.tempo.value()
        self.meter_note = QLabel()
        self.meter_note.setObjectName("settingsMeterNote")
        self.meter_note.setProperty("class", "caption")
        self.meter_note.setWordWrap(True)
        self.meter_note.hide()

        form = QFormLayout()
        form.addRow("&Title", self.title)
        self.fields.add_rows(form)
        form.insertRow(3, "", self.meter_note)  # under the Meter row

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("settingsOkButton")
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        self.setMinimumWidth(420)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(buttons)
        self.fields.meter.currentIndexChanged.connect(self._meter_chosen)
        self.title.setFocus()

    def _meter_chosen(self) -> None:
        meter = self.fields.time_signature()
        changed = meter != self.comp.time_signature
        silenced = notes_past_clip_ends(self.comp, meter) - notes_past_clip_ends(
            self.comp, self.comp.time_signature)
        text = meter_note(self.comp, changed, max(0, silenced))
        self.meter_note.setText(text)
        self.meter_note.setVisible(bool(text))
        self.adjustSize()  # room for the wrapped line, or back to the small size

    def command(self) -> Compound | None:
        """The step to push for what was changed against the piece's values (None: none)."""
        tempo = self.fields.tempo_bpm() if self.fields.tempo.value() != self._first_tempo else None
        return piece_settings(
            self.comp,
            title=self.title.text(),
            key=self.fields.key(),
            meter=self.fields.time_signature(),
            tempo_bpm=tempo,
        )


def open_piece_settings(window: MainWindow) -> PieceSettingsDialog:
    """Show the dialog for the window's open piece; OK pushes the changes as one step."""
    piece = window.piece
    dialog = PieceSettingsDialog(piece.comp, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def apply() -> None:
        command = dialog.command()
        if command is not None:
            piece.push(command)

    dialog.accepted.connect(apply)
    dialog.open()
    return dialog


class PieceHeader(QFrame):
    """The piece's title and summary line as one flat, focusable button-like control."""

    clicked = Signal()

    def __init__(self, title: QLabel, summary: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pieceHeader")
        self.setAccessibleName("Piece settings")
        self.setAccessibleDescription(HEADER_TIP)
        self.setToolTip(HEADER_TIP)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(14)
        row.addWidget(title, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addWidget(summary, 1, Qt.AlignmentFlag.AlignBaseline)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)

