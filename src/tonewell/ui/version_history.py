"""The version history of the open piece: the versions its guided sessions saved, as a timeline.

Each guided session ends by saving the piece as a named version in the journal. Here they are,
newest first, each with its picture, date, size and the reflection written that day. A version
can be listened to (through the `listen` callable the window gives: its example player plays a
piece that is not the open one), opened as a new untitled copy, or restored: its music replaces
the open piece's as one step Edit › Undo takes back, and the piece keeps its title and place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tonewell.edit.piece_edits import restore_version
from tonewell.errors import UserFacingError
from tonewell.io.project import project_from_bytes
from tonewell.library.journal import Journal
from tonewell.library.records import Snapshot
from tonewell.model import Composition
from tonewell.model.composition import new_uid
from tonewell.ui import theme
from tonewell.ui.library_view import continue_untitled, pictures
from tonewell.ui.messages import show_message
from tonewell.ui.piece import OpenPiece

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow

Listen = Callable[[Composition, str], None]
"""Plays a composition that is not the open piece, with a label to show (`ExamplePlayer.play`)."""
OpenCopy = Callable[[Composition], bool]

THUMB_SIZE = QSize(200, 56)
NO_VERSIONS_TEXT = (
    "No versions of this piece yet.\n\n"
    "A version is saved each time a guided session ends, so you can look back at how the "
    "piece grew, listen to it as it was, and pick it up from there."
)


@dataclass(frozen=True)
class Version:
    """One saved version: the journal's snapshot, what it holds (None if unreadable) and the
    reflection of the session that saved it."""

    snapshot: Snapshot
    composition: Composition | None
    reflection: str = ""


def shown_time(iso: str) -> str:
    """An ISO 8601 time from the journal as a local date and time: `27 Nov 2026, 14:05`."""
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except (ValueError, TypeError):
        return iso
    return f"{when.day} {when.strftime('%b %Y, %H:%M')}"


def read_versions(journal: Journal, uid: str) -> list[Version]:
    """The versions of piece `uid`, newest first."""
    reflections = {s.id: s.reflection.strip() for s in journal.sessions()
                   if s.composition_uid == uid}
    versions = []
    for snap in reversed(journal.snapshots(uid)):
        try:
            comp: Composition | None = project_from_bytes(snap.project_bytes)
        except (UserFacingError, ValueError):
            comp = None
        versions.append(Version(snap, comp, reflections.get(snap.session_id, "")))
    return versions


def version_lines(version: Version) -> str:
    """The text of one version: its name, when, how many notes, the session's reflection."""
    snap, comp = version.snapshot, version.composition
    notes = comp.note_count() if comp is not None else 0
    size = (f"{notes} note{'s' if notes != 1 else ''}" if comp is not None
            else "This version could not be read; it was left as it is.")
    when = shown_time(snap.saved_at)
    lines = [snap.name, size if when in snap.name else f"{when} · {size}"]
    if version.reflection:
        lines.append(f"“{version.reflection.splitlines()[0]}”")
    return "\n".join(lines)


class VersionHistory(QDialog):
    """The versions of the piece open in `piece`, newest first, with Listen, Open as a Copy and
    Restore This Version. `restored(str)` says in words which version came back."""

    restored = Signal(str)

    def __init__(self, piece: OpenPiece, versions: list[Version], listen: Listen,
                 open_copy: OpenCopy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionHistory")
        self.setAccessibleName(f"Versions of {piece.title}")
        self.setWindowTitle(f"Versions of “{piece.title}”")
        self.piece = piece
        self.versions = versions
        self._listen = listen
        self._open_copy = open_copy

        heading = QLabel("How this piece grew, newest first")
        heading.setProperty("class", "caption")
        self.list = QListWidget()
        self.list.setObjectName("versionList")
        self.list.setAccessibleName("Saved versions, newest first")
        size = QSize(theme.scaled_px(THUMB_SIZE.width()), theme.scaled_px(THUMB_SIZE.height()))
        self.list.setIconSize(size)
        self.list.setSpacing(theme.scaled_px(3))
        self.list.setWordWrap(True)
        for version in versions:
            text = version_lines(version)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            if version.composition is not None:
                item.setIcon(pictures().picture(piece.comp.uid, f"snapshot:{version.snapshot.id}",
                                                version.composition, size))
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.empty = QLabel(NO_VERSIONS_TEXT)
        self.empty.setObjectName("versionHistoryEmpty")
        self.empty.setAccessibleName(NO_VERSIONS_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setVisible(bool(versions))
        self.list.setVisible(bool(versions))
        self.empty.setVisible(not versions)

        self.listen_button = self._button("Listen", "listenButton", self.listen_to_current,
                                          "Hear this version from its start")
        self.copy_button = self._button("Open as a Copy", "openCopyButton", self.open_as_copy,
                                        "Open this version as a new untitled piece")
        self.restore_button = self._button(
            "Restore This Version", "restoreButton", self.restore_current,
            "Bring this version back into the open piece (Edit › Undo takes it back)")
        close = self._button("Close", "versionHistoryClose", self.reject, "Close")
        row = QHBoxLayout()
        for button in (self.listen_button, self.copy_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)

        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty, 1)
        column.addLayout(row)
        self.list.currentRowChanged.connect(lambda _row: self._follow_current())
        self.list.setCurrentRow(next((i for i, v in enumerate(versions) if v.composition), -1))
        self._follow_current()
        self.resize(theme.scaled_px(640), theme.scaled_px(520))
        self.list.setFocus()

    def _button(self, text: str, name: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _follow_current(self) -> None:
        chosen = self.current_version() is not None
        for button in (self.listen_button, self.copy_button, self.restore_button):
            button.setEnabled(chosen)

    def current_version(self) -> Version | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.versions) and self.versions[row].composition is not None:
            return self.versions[row]
        return None

    # --- what the buttons do ---------------------------------------------------------------

    def listen_to_current(self) -> None:
        version = self.current_version()
        if version is not None and version.composition is not None:
            self._listen(version.composition, version.snapshot.name)

    def open_as_copy(self) -> None:
        version = self.current_version()
        if version is None or version.composition is None:
            return
        copy = replace(version.composition, uid=new_uid(),
                       title=f"{self.piece.title} ({shown_time(version.snapshot.saved_at)})")
        if self._open_copy(copy):
            self.accept()

    def restore_current(self) -> None:
        version = self.current_version()
        if version is None or version.composition is None:
            return
        self.piece.push(restore_version(self.piece.comp, version.composition))
        self.restored.emit(f"Restored “{version.snapshot.name}”. Ctrl+Z brings back the piece "
                           "as it was just before.")
        self.accept()


# --- from the window -----------------------------------------------------------------------------


def window_listen(window: MainWindow) -> Listen:
    """The window's way to play a piece that is not the open one: its example player, which
    gives the engine back to the open piece (and its playhead) when the version has played."""
    return window.examples.play


def open_version_history(window: MainWindow, listen: Listen | None = None) -> VersionHistory:
    """Show the versions of `window`'s open piece (one calm message if the journal cannot be
    read, then an empty history)."""
    uid = window.piece.comp.uid
    try:
        with Journal() as journal:
            versions = read_versions(journal, uid)
    except UserFacingError as err:
        show_message(window, "Version history", "Your journal could not be read just now.",
                     details=str(err), problem=True)
        versions = []

    def open_copy(comp: Composition) -> bool:
        status = f"Opened “{comp.title}” as a new piece; Save asks where to keep it."
        return continue_untitled(window, comp, status)

    dialog = VersionHistory(window.piece, versions,
                            window_listen(window) if listen is None else listen, open_copy, window)
    dialog.restored.connect(window.show_status)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
