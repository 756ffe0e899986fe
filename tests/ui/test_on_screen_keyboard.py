"""The on-screen keyboard: click and drag to play, velocity from where a key is struck, octave
buttons, keys lit while they sound from any input, scale-lock dots, and touch-sized keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from tests.midi.fakes import FakePorts
from tests.ui.play_fakes import FakeEngine, band

from tonewell.ui import theme
from tonewell.ui.keyboard_panel import KeyboardPanel
from tonewell.ui.midi_input import MidiShell
from tonewell.ui.on_screen_keyboard import MIN_WHITE_KEY_PX, OnScreenKeyboard
from tonewell.ui.settings import PlayingSettings


@pytest.fixture
def engine(qtbot) -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def shell(engine) -> MidiShell:
    shell = MidiShell(engine, PlayingSettings(), systems_for=lambda b: [FakePorts()])
    comp = band()
    shell.follow(comp, comp.tracks[0].uid)
    return shell


@pytest.fixture
def panel(qtbot, shell) -> KeyboardPanel:
    panel = KeyboardPanel(shell)
    qtbot.addWidget(panel)
    panel.resize(900, 110)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def at(keyboard: OnScreenKeyboard, key: int, depth: float = 0.5) -> QPoint:
    return keyboard.point_in(key, depth).toPoint()


def test_a_click_plays_the_key_and_letting_go_ends_it(qtbot, panel, engine):
    kb = panel.keyboard
    qtbot.mousePress(kb, Qt.MouseButton.LeftButton, pos=at(kb, 60))
    assert [c[:3] for c in engine.synth.of("note_on")] == [("note_on", 0, 60)]
    assert 60 in kb.lit_keys()
    qtbot.mouseRelease(kb, Qt.MouseButton.LeftButton, pos=at(kb, 60))
    assert engine.synth.of("note_off") == [("note_off", 0, 60)]
    assert kb.lit_keys() == frozenset()


def test_black_keys_are_hit_where_they_lie_over_the_white_ones(panel):
    kb = panel.keyboard
    assert kb.key_at(QPointF(kb.point_in(61, 0.3))) == 61
    assert kb.key_at(QPointF(kb.point_in(60, 0.9))) == 60
    # C's lower half, under where C# ends, is still C
    c_sharp = kb.key_rect(61)
    assert kb.key_at(QPointF(c_sharp.center().x(), kb.height() * 0.9)) in (60, 62)


def test_dragging_across_keys_glides_from_one_to_the_next(qtbot, panel, engine):
    kb = panel.keyboard
    qtbot.mousePress(kb, Qt.MouseButton.LeftButton, pos=at(kb, 60, 0.9))
    for key in (62, 64, 65):
        qtbot.mouseMove(kb, at(kb, key, 0.9))
    qtbot.mouseRelease(kb, Qt.MouseButton.LeftButton, pos=at(kb, 65, 0.9))
    synth = engine.synth
    assert [c[2] for c in synth.of("note_on")] == [60, 62, 64, 65]
    assert [c[2] for c in synth.of("note_off")] == [60, 62, 64, 65]


def test_a_key_struck_nearer_the_player_plays_louder(qtbot, panel, engine):
    kb = panel.keyboard
    for depth in (0.05, 0.5, 0.95):
        qtbot.mousePress(kb, Qt.MouseButton.LeftButton, pos=at(kb, 64, depth))
        qtbot.mouseRelease(kb, Qt.MouseButton.LeftButton, pos=at(kb, 64, depth))
    soft, middle, loud = (c[3] for c in engine.synth.of("note_on"))
    assert soft < middle < loud
    assert soft <= 35 and loud >= 115


def test_the_velocity_curve_applies_to_the_mouse_too(qtbot, panel, shell, engine):
    shell.apply(PlayingSettings(velocity_curve="fixed"))
    kb = panel.keyboard
    qtbot.mousePress(kb, Qt.MouseButton.LeftButton, pos=at(kb, 64, 0.05))
    assert engine.synth.of("note_on")[-1][3] == 100


def test_the_octave_buttons_move_the_keys(qtbot, panel, engine):
    kb = panel.keyboard
    first = kb.first_key
    spot = at(kb, first + 4)  # E of the lowest octave shown
    qtbot.mouseClick(panel.higher, Qt.MouseButton.LeftButton)
    assert kb.first_key == first + 12
    qtbot.mouseClick(kb, Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseClick(panel.lower, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.lower, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kb, Qt.MouseButton.LeftButton, pos=spot)
    assert [c[2] for c in engine.synth.of("note_on")] == [first + 16, first - 8]


def test_keys_held_on_a_midi_keyboard_light_up(qtbot, panel, shell):
    kb = panel.keyboard
    shell.router.handle("alsa/Keys", (0x90, 67, 90), 0)  # as rtmidi's thread would
    qtbot.waitUntil(lambda: 67 in kb.lit_keys(), timeout=1000)  # the lights' own timer
    shell.router.handle("alsa/Keys", (0x80, 67, 0), 0)
    qtbot.waitUntil(lambda: kb.lit_keys() == frozenset(), timeout=1000)


def colour_at(kb: OnScreenKeyboard, point: QPointF) -> QColor:
    return kb.grab().toImage().pixelColor(point.toPoint())


def test_a_lit_key_is_drawn_lit(qtbot, panel, shell):
    kb = panel.keyboard
    spot = kb.point_in(64, 0.3)
    before = colour_at(kb, spot)
    shell.press("test", 64, 90)
    kb.refresh_lights()
    assert colour_at(kb, spot) == QColor(theme.palette().strong)
    assert before != QColor(theme.palette().strong)


def test_scale_lock_marks_the_scale_keys_with_a_dot(qtbot, panel, shell):
    kb = panel.keyboard
    assert kb.scale_keys() == frozenset()  # no lock: no dots
    shell.apply(PlayingSettings(scale_lock="pentatonic"))  # C major pentatonic: C D E G A
    assert {k % 12 for k in kb.scale_keys()} == {0, 2, 4, 7, 9}
    rect = kb.key_rect(62)
    from tonewell.ui.on_screen_keyboard import BLACK_HEIGHT_SHARE

    dot = QPointF(rect.center().x(), kb.height() * (BLACK_HEIGHT_SHARE + 0.12))
    assert colour_at(kb, dot) == QColor(theme.palette().strong)  # D has its dot
    f = kb.key_rect(65)
    assert colour_at(kb, QPointF(f.center().x(), dot.y())) == QColor(theme.palette().white_key)


def test_keys_are_big_enough_for_a_finger(qtbot, panel):
    kb = panel.keyboard
    for width in (kb.minimumWidth(), 500, 1300):
        kb.resize(width, kb.height())
        assert kb.white_width() >= MIN_WHITE_KEY_PX
    assert kb.minimumHeight() >= 60
    assert kb.focusPolicy() == Qt.FocusPolicy.NoFocus  # the piano roll keeps the keys
