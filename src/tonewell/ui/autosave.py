"""Keeps a recovery copy of the open piece current while it is being edited.

`io.autosave.Autosaver` decides when a copy is due (`interval_s` after the first change not yet
in a copy); this Qt shell only asks it every `CHECK_MS`, tells it about changes, and discards
the copy when the piece is saved, closed cleanly, or replaced by another piece the person chose
not to keep. A copy that cannot be written is said once in the status bar; editing goes on.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from tonewell.edit import Action, DocumentEvent
from tonewell.errors import UserFacingError
from tonewell.io.autosave import Autosaver, discard_recovery, write_recovery
from tonewell.ui.piece import OpenPiece

CHECK_MS = 5000
INTERVAL_S = 30.0
"""A copy is written at most this long after the first change it lacks (plus `CHECK_MS`)."""


class AutosaveTimer(QObject):
    """`clock` returns seconds on a steady clock (tests pass a fake one)."""

    def __init__(
        self,
        piece: OpenPiece,
        *,
        show_status: Callable[[str], None] = lambda _text: None,
        clock: Callable[[], float] = time.monotonic,
        interval_s: float = INTERVAL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.piece = piece
        self.autosaver = Autosaver(interval_s)
        self.clock = clock
        self._status = show_status
        self._uid = piece.comp.uid
        self._warned = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        piece.changed.connect(self._changed)
        piece.dirty_changed.connect(self._dirty_changed)

    def _changed(self, event: DocumentEvent) -> None:
        if event.action is Action.LOAD:
            if event.composition.uid != self._uid or not self.piece.dirty:
                self.discard()  # the piece it was for was saved, or let go of
            self._uid = event.composition.uid
            self.autosaver.saved()
            if self.piece.dirty:  # restored from a recovery copy: keep it current
                self.autosaver.note_change(self.clock())
            return
        self.autosaver.note_change(self.clock())

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:  # saved (or undone back to what is saved)
            self.discard()

    def check(self) -> None:
        """Write a recovery copy if one is due."""
        try:
            self.autosaver.maybe_save(self.piece.comp, self.piece.path, self.clock())
        except UserFacingError as err:
            if not self._warned:
                self._status(f"A safety copy could not be written: {err}")
                self._warned = True
        else:
            self._warned = False

    def save_now(self) -> bool:
        """Write a recovery copy of the piece as it is now, due or not; False if it failed."""
        try:
            write_recovery(self.piece.comp, self.piece.path)
        except UserFacingError:
            return False
        self.autosaver.saved()
        return True

    def discard(self) -> None:
        """Remove the current piece's recovery copy: everything in it is saved or let go."""
        self.autosaver.saved()
        with contextlib.suppress(UserFacingError):  # a stale copy is offered once more, later
            discard_recovery(self._uid)

    def stop(self) -> None:
        self.timer.stop()
