"""Export audio: render the piece to a WAV file on a worker thread, with a progress dialog that
can be cancelled.

The render is the engine's own offline path (`render_to_wav`), so the file sounds like playback.
The GUI thread only shows progress. Cancelling stops the render between blocks and leaves no new
file behind; a problem (no space, a bad soundfont) is shown as a calm message.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from tonewell.engine.render import RenderCancelled, render_to_wav
from tonewell.errors import UserFacingError
from tonewell.io.atomic import describe_os_error
from tonewell.io.files import shown_path
from tonewell.model import Composition
from tonewell.model.timing import format_clock
from tonewell.ui.messages import show_message

PROGRESS_STEPS = 1000


class RenderWorker(QObject):
    """Runs one render on the thread it is moved to. Signals cross back to the GUI thread."""

    progressed = Signal(float)
    finished = Signal(str, str)
    """(outcome, message): outcome is "done", "cancelled" or "failed"; when done the message is
    the file's length (m:ss)."""

    def __init__(self, comp: Composition, path: Path, soundfont: Path | None, loops: int) -> None:
        super().__init__()
        self.comp = comp
        self.path = path
        self.soundfont = soundfont
        self.loops = loops
        self.stop_flag = threading.Event()

    @Slot()
    def run(self) -> None:
        existed = self.path.exists()
        try:
            result = render_to_wav(
                self.comp,
                self.path,
                soundfont=self.soundfont,
                loops=self.loops,
                progress=self.progressed.emit,
                cancelled=self.stop_flag.is_set,
            )
        except RenderCancelled:
            if not existed:
                with contextlib.suppress(OSError):
                    self.path.unlink(missing_ok=True)
            self.finished.emit("cancelled", "")
        except UserFacingError as err:
            self.finished.emit("failed", str(err))
        except OSError as err:
            self.finished.emit(
                "failed", f'Could not write "{shown_path(self.path.name)}": '
                f"{describe_os_error(err)}."
            )
        else:
            self.finished.emit("done", format_clock(result.seconds))


class ExportJob(QObject):
    """One export in progress: a worker thread and its progress dialog.

    `finished(outcome)` fires once on the GUI thread with "done", "cancelled" or "failed", after
    the thread has stopped and any message has been shown.
    """

    finished = Signal(str)

    def __init__(
        self,
        comp: Composition,
        path: Path,
        *,
        soundfont: Path | None = None,
        loops: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.outcome = ""
        self.message = ""
        self._parent_widget = parent
        self._thread = QThread(self)
        self._thread.setObjectName("tonewell-export")
        self._worker = RenderWorker(comp, self.path, soundfont, loops)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(
            f"Exporting “{self.path.name}”…", "Cancel", 0, PROGRESS_STEPS, parent
        )
        self.dialog.setObjectName("exportProgress")
        self.dialog.setAccessibleName("Export progress")
        self.dialog.setWindowTitle("Export audio")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(380)
        self.dialog.setRange(0, 0)  # a busy bar while the soundfont loads, until progress comes
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    @Slot()
    def cancel(self) -> None:
        """Ask the render to stop; it does so within one block."""
        self._worker.stop_flag.set()
        self.dialog.setLabelText("Stopping…")

    def wait(self, timeout_ms: int = 10_000) -> bool:
        return self._thread.wait(timeout_ms)

    @Slot(float)
    def _show_progress(self, fraction: float) -> None:
        if not self._worker.stop_flag.is_set():
            if self.dialog.maximum() == 0:
                self.dialog.setRange(0, PROGRESS_STEPS)
            self.dialog.setValue(round(min(max(fraction, 0.0), 1.0) * (PROGRESS_STEPS - 1)))

    @Slot(str, str)
    def _on_finished(self, outcome: str, message: str) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.outcome, self.message = outcome, message
        if outcome == "failed":
            show_message(
                self._parent_widget,
                "Export audio",
                "The audio file could not be made.",
                details=f"{message}\nYour piece itself is unchanged.",
                problem=True,
            )
        self.finished.emit(outcome)
