"""Reading a piece on a worker thread, with a progress dialog that can be cancelled.

A MIDI file near the importer's event cap takes seconds to read; done on the GUI thread the
window would freeze. `read_in_background` runs `load_any` on a worker thread and waits in a
local event loop, so the window keeps painting, the dialog's Cancel works, and the caller still
gets the answer in one call. The dialog appears only when reading takes longer than a moment,
so small files open with no flash of a dialog. The dialog is window-modal: nothing else can be
started on the piece while it is being replaced.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from tonewell.io.files import shown_path
from tonewell.io.formats import load_any
from tonewell.io.smf import ImportCancelled
from tonewell.model import Composition

PROGRESS_STEPS = 1000
SHOW_AFTER_MS = 400


@dataclass
class ReadOutcome:
    """What reading a file came to: a composition (and its warnings), or an error, or
    `cancelled`."""

    composition: Composition | None = None
    warnings: list[str] = field(default_factory=list)
    error: BaseException | None = None
    cancelled: bool = False


class ReadWorker(QObject):
    """Reads one file on the thread it is moved to; signals cross back to the GUI thread."""

    progressed = Signal(float)
    finished = Signal(object)
    """The ReadOutcome."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.stop_flag = threading.Event()

    @Slot()
    def run(self) -> None:
        outcome = ReadOutcome()
        try:
            comp, warnings = load_any(
                self.path, progress=self.progressed.emit, cancelled=self.stop_flag.is_set
            )
            outcome.composition, outcome.warnings = comp, list(warnings)
        except ImportCancelled:
            outcome.cancelled = True
        except BaseException as err:  # handed to the GUI thread, which decides what it means
            outcome.error = err
        self.finished.emit(outcome)


class ReadJob(QObject):
    """One file being read: its worker thread and its progress dialog."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.outcome: ReadOutcome | None = None
        self._loop = QEventLoop(self)
        self._thread = QThread(self)
        self._thread.setObjectName("tonewell-open")
        self._worker = ReadWorker(self.path)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(
            f"Opening “{shown_path(self.path.name)}”…", "Cancel", 0, 0, parent
        )
        self.dialog.setObjectName("openProgress")
        self.dialog.setAccessibleName("Opening progress")
        self.dialog.setWindowTitle("Open a piece")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(380)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)

    def run(self) -> ReadOutcome:
        """Read the file and return what came of it; the event loop runs meanwhile."""
        self._thread.start()
        if self.outcome is None:
            self._loop.exec()
        self._thread.quit()
        self._thread.wait()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        assert self.outcome is not None
        return self.outcome

    @Slot()
    def cancel(self) -> None:
        """Ask the reading to stop; it does so within a moment."""
        self._worker.stop_flag.set()
        self.dialog.setLabelText("Stopping…")

    @Slot(float)
    def _show_progress(self, fraction: float) -> None:
        if self._worker.stop_flag.is_set():
            return
        if self.dialog.maximum() == 0:
            self.dialog.setRange(0, PROGRESS_STEPS)
        self.dialog.setValue(round(min(max(fraction, 0.0), 1.0) * (PROGRESS_STEPS - 1)))

    @Slot(object)
    def _on_finished(self, outcome: ReadOutcome) -> None:
        self.outcome = outcome
        self._loop.quit()


def read_in_background(path: Path, parent: QWidget | None = None) -> ReadOutcome:
    """Read `path` (project or MIDI file) off the GUI thread, showing a cancellable progress
    dialog when it takes more than a moment."""
    job = ReadJob(path, parent)
    try:
        return job.run()
    finally:
        job.deleteLater()
