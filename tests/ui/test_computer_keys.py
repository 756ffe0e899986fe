"""The computer keyboard as a piano, on a plain widget: the letters play while on, auto-repeat is
ignored, keys are let go on key up, on focus loss and when turned off; Z/X move the octave."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from tests.midi.fakes import FakePorts
from tests.ui.play_fakes import FakeEngine, band

from tonewell.ui.computer_keys import ComputerKeys, key_letters
from tonewell.ui.midi_input import MidiShell
from tonewell.ui.settings import PlayingSettings

K = Qt.Key


class Typed(QLineEdit):
    """A focusable widget that shows which keys reached it."""


@pytest.fixture
def engine(qtbot) -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def setup(qtbot, engine):
    shell = MidiShell(engine, PlayingSettings(), systems_for=lambda b: [FakePorts()])
    shell.follow(band(), band().tracks[0].uid)
    keys = ComputerKeys(shell)
    box = QWidget()
    target, other = Typed(box), Typed(box)
    other.move(0, 40)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    target.installEventFilter(keys)
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    yield keys, target, other
    box.close()  # the box is kept alive until here


def send(widget: QWidget, kind: QEvent.Type, key: int, *, repeat: bool = False) -> None:
    text = chr(key).lower() if 0x41 <= key <= 0x5A else ""
    QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text,
                                             repeat))


def tap(widget: QWidget, key: int) -> None:
    send(widget, QEvent.Type.KeyPress, key)
    send(widget, QEvent.Type.KeyRelease, key)


def test_off_the_letters_type_as_always(setup, engine):
    _keys, target, _ = setup
    tap(target, K.Key_A)
    assert target.text() == "a"
    assert engine.synth.of("note_on") == []


def test_on_the_home_row_plays_from_middle_c(setup, engine):
    keys, target, _ = setup
    keys.set_enabled(True)
    for key in (K.Key_A, K.Key_W, K.Key_J, K.Key_K):
        tap(target, key)
    assert [c[2] for c in engine.synth.of("note_on")] == [60, 61, 71, 72]
    assert [c[2] for c in engine.synth.of("note_off")] == [60, 61, 71, 72]
    assert target.text() == ""  # taken as notes, not typed


def test_auto_repeat_is_ignored_and_the_key_ends_when_it_comes_up(setup, engine):
    keys, target, _ = setup
    keys.set_enabled(True)
    send(target, QEvent.Type.KeyPress, K.Key_D)
    for _ in range(3):  # X11 sends release+press pairs while a key is held
        send(target, QEvent.Type.KeyRelease, K.Key_D, repeat=True)
        send(target, QEvent.Type.KeyPress, K.Key_D, repeat=True)
    assert len(engine.synth.of("note_on")) == 1 and engine.synth.of("note_off") == []
    send(target, QEvent.Type.KeyRelease, K.Key_D)
    assert engine.synth.of("note_off") == [("note_off", 0, 64)]


def test_z_and_x_move_the_octave_and_a_held_key_ends_where_it_began(setup, engine):
    keys, target, _ = setup
    keys.set_enabled(True)
    send(target, QEvent.Type.KeyPress, K.Key_A)
    tap(target, K.Key_X)
    send(target, QEvent.Type.KeyRelease, K.Key_A)
    tap(target, K.Key_A)
    tap(target, K.Key_Z)
    tap(target, K.Key_Z)
    tap(target, K.Key_A)
    assert [c[2] for c in engine.synth.of("note_on")] == [60, 72, 48]
    assert engine.synth.of("note_off")[0] == ("note_off", 0, 60)
    assert key_letters(keys.base_key)[48] == "A"


def test_losing_the_focus_lets_go(qtbot, setup, engine):
    keys, target, other = setup
    keys.set_enabled(True)
    send(target, QEvent.Type.KeyPress, K.Key_G)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert engine.synth.of("note_off") == [("note_off", 0, 67)]


def test_turning_it_off_lets_go(setup, engine):
    keys, target, _ = setup
    keys.set_enabled(True)
    send(target, QEvent.Type.KeyPress, K.Key_G)
    keys.set_enabled(False)
    assert engine.synth.of("note_off") == [("note_off", 0, 67)]


def test_with_ctrl_a_letter_stays_a_shortcut(setup, engine):
    keys, target, _ = setup
    keys.set_enabled(True)
    event = QKeyEvent(QEvent.Type.KeyPress, K.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(target, event)
    assert engine.synth.of("note_on") == []
