"""The app's window playing through a JACK server, for the tests that hear it for real."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import SoundSettings
from tonewell.ui.sound_engine import SoundEngine


@contextmanager
def window_on_jack(qtbot, font: Path) -> Iterator[MainWindow]:
    """The app's window with its sound out through `jack` (a server must be running) and
    `font` loaded, closed and its engine shut down afterwards."""
    settings = SoundSettings(driver="jack", reverb=False, chorus=False, soundfont_path=str(font))
    engine = SoundEngine(settings)
    win = MainWindow(engine)
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: engine.soundfont_path() is not None and not engine.is_loading(),
                        timeout=10_000)
        yield win
    finally:
        win.close()
        engine.shutdown()
