"""The window without libfluidsynth: it opens, says plainly that sound needs FluidSynth and how
to install it, and everything else (opening, playing on the wall clock) still works."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from tonewell.engine import fluid_ctypes
from tonewell.engine.fluid_ctypes import FluidSynthUnavailable
from tonewell.io.formats import save_any
from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import SoundSettings
from tonewell.ui.sound_engine import SoundEngine

from .helpers import small_piece

INSTALL = "apt-get install libfluidsynth3"


@pytest.fixture
def no_fluidsynth(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`import fluidsynth` fails, as it does when the C library is missing."""
    monkeypatch.setitem(sys.modules, "fluidsynth", None)
    fluid_ctypes.fluidsynth_module.cache_clear()
    yield
    fluid_ctypes.fluidsynth_module.cache_clear()


def test_the_library_is_reported_missing_in_plain_words(no_fluidsynth: None) -> None:
    with pytest.raises(FluidSynthUnavailable, match=INSTALL):
        fluid_ctypes.fluidsynth_module()


def test_the_window_opens_and_says_how_to_get_sound(
    qtbot, no_fluidsynth: None, messages: list[str], tmp_path: Path
) -> None:
    engine = SoundEngine(SoundSettings(), audio=False)  # tries the soundfont too
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert engine.synth is None and engine.fluidsynth_missing
        status = window.findChild(QLabel, "soundStatus")
        assert status.text() == "No sound output"
        assert "FluidSynth" in status.toolTip() and INSTALL in status.toolTip()
        assert window.sound_notice.isVisible()
        assert INSTALL in window.sound_notice.text()
        assert messages == []  # no box about soundfonts on top
        save_any(small_piece(), tmp_path / "piece.tonewell")
        window.open_path(tmp_path / "piece.tonewell")
        window.transport.play_action.trigger()
        qtbot.waitUntil(lambda: engine.position() > 0, timeout=3000)  # silent, on the clock
        window.transport.stop_action.trigger()
        assert engine.state() == "stopped"
    finally:
        window.close()
        engine.shutdown()
