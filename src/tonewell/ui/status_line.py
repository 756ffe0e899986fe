"""The status bar's own line for short news ("Opened …", "Saved …", "Exported …"), with an
optional "Show in folder" button.

QStatusBar draws its temporary messages itself, only in the room its permanent widgets leave,
and hides its ordinary widgets while one shows: a stretched permanent label once covered every
message. This line is a real label instead, so people see it, screen readers can read it, tests
can check it is on screen, and it can carry a button that opens the folder a file went to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from tonewell.io.files import shown_path
from tonewell.ui.elided_label import ElidedLabel

MESSAGE_MS = 10_000
"""How long a short message stays: long enough to read slowly."""
FOLDER_MESSAGE_MS = 60_000
"""A message with a "Show in folder" button stays longer, so there is time to reach it."""


class ShowStatus(Protocol):
    """How a part of the window says something short: `folder`, when given, is offered
    with a "Show in folder" button."""

    def __call__(self, text: str, *, folder: Path | None = None) -> None: ...


def open_folder(folder: Path) -> bool:
    """Show `folder` in the desktop's file manager; False when none could be opened."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class StatusLine(QWidget):
    """One line of news at the left of the status bar; it clears itself after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.label = ElidedLabel()
        self.label.setObjectName("statusMessage")
        self.label.setAccessibleName("Status")
        self.show_folder = QPushButton("Show in folder")
        self.show_folder.setObjectName("showInFolderButton")
        self.show_folder.setAccessibleName("Show in folder")
        self.show_folder.setFlat(True)
        self.show_folder.clicked.connect(self._open_folder)
        self.show_folder.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.label, 1)
        row.addWidget(self.show_folder, 0)
        self._folder: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    def show_message(self, text: str, *, folder: Path | None = None) -> None:
        """Show `text` for `MESSAGE_MS` (with a Show in folder button, `FOLDER_MESSAGE_MS`)."""
        self.label.setText(text)
        self.label.setAccessibleName(text or "Status")
        self._folder = folder
        self.show_folder.setVisible(folder is not None)
        if folder is not None:
            self.show_folder.setToolTip(f"Open {shown_path(folder)} in the file manager")
        self._timer.start(FOLDER_MESSAGE_MS if folder is not None else MESSAGE_MS)

    def text(self) -> str:
        return self.label.text()

    def folder(self) -> Path | None:
        """The folder the Show in folder button opens, or None when it is hidden."""
        return self._folder

    def clear(self) -> None:
        self._timer.stop()
        self.label.setText("")
        self.label.setAccessibleName("Status")
        self._folder = None
        self.show_folder.hide()

    def _open_folder(self) -> None:
        folder = self._folder
        if folder is not None and not open_folder(folder):
            self.show_message(
                f"The folder could not be opened from here; the file is in {shown_path(folder)}."
            )
