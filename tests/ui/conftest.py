"""Fixtures for the window tests: a real engine with no audio output, and no modal dialogs.

Every message box is captured instead of shown (`messages` lists their texts), and the
"keep your changes?" question answers Don't Save, so no test can hang on a dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import BUNDLED_FONT, need
from tonewell.ui import file_actions, theme
from tonewell.ui.main_window import MainWindow
from tonewell.ui.messages import Choice
from tonewell.ui.palettes import LIGHT
from tonewell.ui.settings import SoundSettings
from tonewell.ui.sound_engine import SoundEngine

SMALL_FONTS = (Path("/usr/share/sounds/sf2/TimGM6mb.sf2"), BUNDLED_FONT)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts of message boxes that would have been shown (text, then the details)."""
    shown: list[str] = []

    def capture(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}".strip())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", capture)
    monkeypatch.setattr(file_actions, "ask_to_save", lambda parent, title: Choice.DISCARD)
    return shown


@pytest.fixture
def engine(qtbot, fluid_available: None) -> Iterator[SoundEngine]:
    """A real Synth and transport that never open an audio output (loads no soundfont)."""
    eng = SoundEngine(SoundSettings(), audio=False, load_soundfont=False)
    yield eng
    eng.shutdown()


@pytest.fixture
def window(qtbot, engine: SoundEngine, messages: list[str]) -> Iterator[MainWindow]:
    win = MainWindow(engine)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()  # while the "keep your changes?" answer is still patched


@pytest.fixture(scope="session")
def small_font() -> Path:
    """A quick-loading General MIDI soundfont (TimGM6mb when installed, else the bundled one)."""
    found = next((font for font in SMALL_FONTS if font.is_file()), None)
    need(found is not None, "no soundfont found for the UI tests")
    assert found is not None
    return found


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    """For tests that apply a look: the app's stylesheet, font and palette and the theme's own
    state are put back afterwards, so later tests see the app as they expect."""
    sheet, font, palette = qapp.styleSheet(), QFont(qapp.font()), QPalette(qapp.palette())
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)
    theme._state.update(palette=LIGHT, scale=1.0)
    theme.changes().changed.emit()
