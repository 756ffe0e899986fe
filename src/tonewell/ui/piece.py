"""The open piece as Qt sees it: the pure `Document` with its events turned into signals.

All editing goes through the Document (`tonewell.edit`): widgets build a command with the
functions in `tonewell.edit.note_edits` / `piece_edits` and `push` it here. This class adds no
rules of its own; it only re-emits what the Document tells, on the GUI thread, so views can
connect to signals as Qt widgets do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from tonewell.edit import Command, Document, DocumentEvent
from tonewell.model import Composition


class OpenPiece(QObject):
    changed = Signal(object)
    """A `DocumentEvent` after every push, undo, redo or load."""
    dirty_changed = Signal(bool)
    path_changed = Signal(object)
    """The new Path, or None for a piece not saved as a project yet."""
    history_changed = Signal()
    """What Undo and Redo would do has changed (their names, whether they can)."""

    def __init__(self, document: Document | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document if document is not None else Document()
        self._dirty = self.document.dirty
        self._path = self.document.path
        self.document.subscribe(self._on_event)

    # --- what it holds ---------------------------------------------------------------------

    @property
    def comp(self) -> Composition:
        return self.document.comp

    @property
    def path(self) -> Path | None:
        return self.document.path

    @property
    def dirty(self) -> bool:
        return self.document.dirty

    @property
    def title(self) -> str:
        return self.document.title

    # --- changing --------------------------------------------------------------------------

    def push(self, command: Command) -> None:
        self.document.push(command)

    def seal(self) -> None:
        """A drag that merged its steps (a slider, the tempo box) has ended."""
        self.document.seal()

    def undo(self) -> bool:
        return self.document.undo()

    def redo(self) -> bool:
        return self.document.redo()

    def load(self, comp: Composition, path: Path | None, *, dirty: bool = False) -> None:
        """Show a piece just opened, made new or restored; the history starts again."""
        self.document.load(comp, path, dirty=dirty)
        self._follow_state()

    def mark_saved(self, comp: Composition, path: Path) -> None:
        """The piece was saved as a project at `path` (`comp` may carry a new modified time)."""
        self.document.mark_saved(path, comp)
        self._follow_state()
        self.history_changed.emit()

    # --- the document's events --------------------------------------------------------------

    def _on_event(self, event: DocumentEvent) -> None:
        self.changed.emit(event)
        self.history_changed.emit()
        self._follow_state()

    def _follow_state(self) -> None:
        if self.document.path != self._path:
            self._path = self.document.path
            self.path_changed.emit(self._path)
        if self.document.dirty != self._dirty:
            self._dirty = self.document.dirty
            self.dirty_changed.emit(self._dirty)
