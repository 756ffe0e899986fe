"""Help › Keyboard Shortcuts and Help › About Tonewell.

The shortcut list is read from the window's own actions, so it can never drift from what the
keys really do; the piano roll's keys, which are not menu actions, come from one table here.
About names the version and shows the licences: Tonewell's own (MIT) and the bundled
soundfont's (FluidR3Mono_GM, MIT), read from the files shipped beside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tonewell import __version__
from tonewell.ui.app_folders import package_dir

PIANO_ROLL_KEYS: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "Move the note cursor in the piano roll"),
    ("Enter", "Place a note at the cursor, or remove the one there"),
    ("Shift+Arrow keys", "Make the selected notes longer or shorter"),
    ("Alt+Up / Alt+Down", "Move the selected notes a semitone up or down"),
    ("Alt+Shift+Up / Down", "Move the selected notes an octave"),
    ("Ctrl+Mouse wheel", "Zoom the piano roll"),
)
"""Keys the piano roll handles itself (they are not menu actions)."""

SOUNDFONT_LICENCE = "FluidR3Mono_GM.LICENSE.txt"


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of `window` that has a shortcut, then the piano
    roll's own keys."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        what = what.rstrip("…").strip()
        if keys and what and action.objectName() != "recentFileAction":
            rows.setdefault(" or ".join(keys), what.split(" ", 1)[0] if action.objectName() in
                            ("undoAction", "redoAction") else what)
    return sorted(rows.items(), key=lambda r: r[1].lower()) + list(PIANO_ROLL_KEYS)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        _column(self, self.table)
        self.resize(560, 520)


def _licence_file(*names: str) -> Path | None:
    roots = [package_dir().parents[1], Path(sys.prefix) / "share" / "tonewell"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle))
    for root in roots:
        path = root.joinpath(*names)
        if path.is_file():
            return path
    return None


def licence_text() -> str:
    """Tonewell's licence and the bundled soundfont's, as shipped (or where to find them)."""
    parts = []
    for title, names in (("Tonewell (MIT licence)", ("LICENSE",)),
                         ("The bundled soundfont, FluidR3Mono_GM (MIT licence)",
                          ("soundfonts", SOUNDFONT_LICENCE))):
        path = _licence_file(*names)
        try:
            body = path.read_text(encoding="utf-8") if path else ""
        except (OSError, UnicodeDecodeError):
            body = ""
        parts.append(f"{title}\n{'=' * len(title)}\n\n"
                     f"{body.strip() or 'The licence file is not installed here: ' + names[-1]}")
    return "\n\n\n".join(parts) + "\n"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Tonewell")
        heading = QLabel(f"<b>Tonewell {__version__}</b><br>A calm place to make music.")
        heading.setObjectName("aboutHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.licences = QPlainTextEdit(licence_text())
        self.licences.setObjectName("aboutLicences")
        self.licences.setAccessibleName("Licences")
        self.licences.setReadOnly(True)
        _column(self, heading, self.licences)
        self.resize(620, 520)


def _column(dialog: QDialog, *widgets: QWidget) -> None:
    column = QVBoxLayout(dialog)
    for widget in widgets:
        column.addWidget(widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    column.addWidget(buttons)
