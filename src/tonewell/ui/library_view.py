"""The library: every piece the person has made, with a small picture of each, to pick up again.

The list comes from `tonewell.library.catalog` (the Compositions folder, recent files and the
journal, merged by piece). Typing searches titles and the words of session reflections; the
arrows move through the list and Enter opens the piece: a file through the window's own open
path (which asks about unsaved changes first), a piece kept only in the journal as an untitled
piece that keeps its uid, so the sessions that follow join its history.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tonewell.errors import UserFacingError
from tonewell.library.catalog import Catalog, CatalogEntry, read_catalog, search, worked_on_text
from tonewell.library.journal import Journal
from tonewell.model import Composition
from tonewell.ui import theme
from tonewell.ui.messages import show_message
from tonewell.ui.mini_roll import MiniRolls
from tonewell.ui.recent import recent_paths

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow

THUMB_SIZE = QSize(168, 64)
"""The picture of each piece at 100 %; it grows with the UI scale."""
EMPTY_TEXT = (
    "Your pieces will gather here.\n\n"
    "Every piece you save in your Compositions folder, or open from anywhere else, shows up "
    "in this list, and each guided session keeps the version you made at its end. "
    "Start a new piece, or a guided session, and it will be waiting here next time."
)
NOTHING_FOUND = "Nothing here holds “{text}” yet. Try another word, or fewer words."
_MOVE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
_OPEN_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_pictures = MiniRolls()
"""One cache for every library and history window, so reopening repaints nothing."""


def pictures() -> MiniRolls:
    return _pictures


def entry_lines(entry: CatalogEntry, now_s: float) -> str:
    """The text of one piece in the list: title; when and how often; its latest reflection."""
    if entry.note:
        return f"{entry.title}\n{entry.note}"
    sessions = entry.session_count
    when = worked_on_text(entry.touched_s, now_s)
    count = f" · {sessions} session{'s' if sessions != 1 else ''}" if sessions else ""
    lines = [entry.title, f"{when}{count}"]
    if entry.latest_reflection:
        first_line = entry.latest_reflection.splitlines()[0]
        lines.append(f"“{first_line}”")
    return "\n".join(lines)


class LibraryView(QDialog):
    """The library over `catalog`. `open_requested(entry)` when the person opens a piece."""

    open_requested = Signal(object)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None, *,
                 now_s: float | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.setAccessibleName("Your library")
        self.setWindowTitle("Your library")
        self.catalog = catalog
        self.now_s = time.time() if now_s is None else now_s
        self.shown: list[CatalogEntry] = []

        self.search_box = QLineEdit()
        self.search_box.setObjectName("librarySearch")
        self.search_box.setAccessibleName("Search your pieces")
        self.search_box.setPlaceholderText("Search by title or by words from your reflections")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.refresh)
        self.search_box.installEventFilter(self)

        self.summary = QLabel()
        self.summary.setObjectName("librarySummary")
        self.summary.setProperty("class", "caption")
        self.list = QListWidget()
        self.list.setObjectName("libraryList")
        self.list.setAccessibleName("Your pieces, most recent first")
        self.list.setIconSize(QSize(theme.scaled_px(THUMB_SIZE.width()),
                                    theme.scaled_px(THUMB_SIZE.height())))
        self.list.setSpacing(theme.scaled_px(3))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._follow_current())
        self.empty = QLabel()
        self.empty.setObjectName("libraryEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QDialogButtonBox()
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("libraryOpenButton")
        self.open_button.setProperty("class", "primary")
        self.open_button.clicked.connect(self.open_current)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        for button in (self.open_button, close):
            button.setAutoDefault(False)  # Enter is the list's: it opens the chosen piece
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)

        column = QVBoxLayout(self)
        column.addWidget(self.search_box)
        column.addWidget(self.summary)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty, 1)
        column.addWidget(buttons)
        self.resize(theme.scaled_px(620), theme.scaled_px(560))
        self.refresh()
        self.search_box.setFocus()

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the pieces matching the search box, most recent first, the first one chosen."""
        text = self.search_box.text()
        self.shown = search(self.catalog.entries, text)
        self.list.clear()
        size = self.list.iconSize()
        for entry in self.shown:
            item = QListWidgetItem(entry_lines(entry, self.now_s))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry_lines(entry, self.now_s))
            if entry.composition is not None:
                item.setIcon(pictures().picture(entry.uid, entry.version, entry.composition, size))
            if not entry.can_open:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(str(entry.path) if entry.path else "Kept in your journal")
            self.list.addItem(item)
        first = next((i for i, e in enumerate(self.shown) if e.can_open), -1)
        self.list.setCurrentRow(first)
        self._show_summary(text)

    def _show_summary(self, text: str) -> None:
        total = len(self.catalog.entries)
        self.list.setVisible(bool(self.shown))
        self.empty.setVisible(not self.shown)
        self.empty.setText(EMPTY_TEXT if total == 0 else NOTHING_FOUND.format(text=text.strip()))
        self.empty.setAccessibleName(self.empty.text())
        if text.strip():
            summary = f"{len(self.shown)} of {total} piece{'s' if total != 1 else ''}"
        else:
            summary = f"{total} piece{'s' if total != 1 else ''}, most recent first"
        unreadable = self.catalog.unreadable
        if unreadable:
            summary += (f" · {unreadable} could not be read just now and "
                        f"{'is' if unreadable == 1 else 'are'} shown greyed")
        self.summary.setText(summary)
        self.summary.setAccessibleName(summary)
        self._follow_current()

    def _follow_current(self) -> None:
        self.open_button.setEnabled(self.current_entry() is not None)

    def current_entry(self) -> CatalogEntry | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.shown) and self.shown[row].can_open:
            return self.shown[row]
        return None

    # --- keys and opening --------------------------------------------------------------------

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.open_requested.emit(entry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box the arrows move through the list; in the list, typing goes to the
        search box; Enter in either opens the chosen piece."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key in _OPEN_KEYS:
            self.open_current()
            return True
        if watched is self.search_box and key in _MOVE_KEYS:
            QApplication.sendEvent(self.list, QKeyEvent(event))
            return True
        if watched is self.list and event.text().isprintable() and event.text().strip():
            self.search_box.setFocus()
            self.search_box.insert(event.text())
            return True
        return super().eventFilter(watched, event)


# --- from the window -----------------------------------------------------------------------------


def continue_untitled(window: MainWindow, comp: Composition, status: str) -> bool:
    """Open `comp` as an untitled piece (Save asks where to keep it), after the window has
    asked about unsaved changes. False when the person kept the piece they had."""
    if not window.files.may_discard():
        return False
    window.notices.hide()
    window.piece.load(comp, None)
    window.show_status(status)
    return True


def open_entry(window: MainWindow, entry: CatalogEntry) -> bool:
    """Continue the piece of `entry` in `window`: its file, or its newest version in the
    journal (keeping its uid, so new sessions join its history)."""
    if entry.path is not None:
        return window.files.may_discard() and window.files.open_path(entry.path)
    if entry.composition is None:
        return False
    return continue_untitled(
        window, entry.composition,
        f"Continuing “{entry.title}” from its last session; Save asks where to keep it.",
    )


def read_library(window: QWidget) -> Catalog:
    """The catalog with the journal's pieces; if the journal cannot be read, one calm message
    and the files alone."""
    recent = recent_paths()
    try:
        with Journal() as journal:
            return read_catalog(recent, journal)
    except UserFacingError as err:
        show_message(window, "Your library",
                     "Your journal could not be read just now, so only saved files are listed.",
                     details=str(err), problem=True)
        return read_catalog(recent)


def open_library(window: MainWindow) -> LibraryView:
    """Show the library over `window`; opening a piece closes it."""
    view = LibraryView(read_library(window), window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def chosen(entry: CatalogEntry) -> None:
        if open_entry(window, entry):
            view.accept()

    view.open_requested.connect(chosen)
    view.open()
    return view
