"""The composition root: read the settings, build the sound engine, open the main window.

`tonewell` and `python -m tonewell` arrive here through `tonewell.cli` with the arguments after
the program name (at most one file to open). Sound is optional: with no audio device the window
says so plainly and everything else works. SIGTERM and SIGHUP (a logout, a closed terminal,
`kill`) close the window at once; unsaved changes go into a recovery copy that the next start
offers to restore, so nothing is lost and no question waits for someone who has gone.
The window shows before the soundfont has loaded; with `TONEWELL_REPORT_FIRST_PAINT=1` the app
prints `first-paint <unix time>` when the window first paints and quits (benchmarks/run.py
measures start-up that way).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from tonewell import __version__
from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import load_sound_settings
from tonewell.ui.sound_engine import SoundEngine
from tonewell.ui.theme import apply_theme

REPORT_FIRST_PAINT_ENV = "TONEWELL_REPORT_FIRST_PAINT"


def _application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(["tonewell", *argv])
    app.setApplicationName("Tonewell")
    app.setOrganizationName("Tonewell")
    app.setApplicationDisplayName("Tonewell")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("tonewell")
    app.setWindowIcon(QIcon.fromTheme("audio-x-generic"))
    apply_theme(app)
    return app


STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
SIGNAL_CHECK_MS = 200
"""How often Python gets to run while Qt's loop waits: its signal handlers run only then."""


def close_on_stop_signals(window: QWidget) -> Callable[[], None]:
    """Make SIGTERM and SIGHUP close `window` from the event loop: a main window keeps its
    unsaved changes in a recovery copy (`close_keeping_a_copy`), since nobody may be there
    to answer a question; any other widget closes as its close button would.

    Returns a function that puts the previous handlers back."""
    close = getattr(window, "close_keeping_a_copy", window.close)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        QTimer.singleShot(0, close)

    wake = QTimer(window)
    wake.setInterval(SIGNAL_CHECK_MS)
    wake.timeout.connect(lambda: None)  # a Python slot: pending handlers run before it
    wake.start()
    previous = {signum: signal.signal(signum, on_signal) for signum in STOP_SIGNALS}

    def restore() -> None:
        wake.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore


def build_window(file: Path | None = None, *, audio: bool = True) -> MainWindow:
    """The engine and the window, wired; opens `file` (a project or MIDI file) if given."""
    engine = SoundEngine(load_sound_settings(), audio=audio)
    window = MainWindow(engine)
    engine.setParent(window)
    if file is not None:
        window.open_path(file)
    return window


class FirstPaintReporter(QObject):
    """Prints when any part of the window first paints, then quits the app."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window and run until it closes. `argv`: optionally one file to open."""
    args = list(sys.argv[1:] if argv is None else argv)
    file = next((Path(a) for a in args if not a.startswith("-")), None)
    app = _application([a for a in args if a.startswith("-")])
    if os.environ.get(REPORT_FIRST_PAINT_ENV) == "1":
        app.installEventFilter(FirstPaintReporter(app))
    window = build_window(None)
    window.show()
    window.activateWindow()  # keys reach it at once, also where no window manager gives focus
    window.midi.start()  # MIDI keyboards are found on their own thread within a moment
    QTimer.singleShot(0, lambda: window.start(file))
    restore_signals = close_on_stop_signals(window)
    try:
        return app.exec()
    finally:
        restore_signals()
        window.midi.stop()  # before the synth it plays on is freed
        window.engine.shutdown()
