"""The example player in the real window: an example borrows the sound engine once and gives
the piece and its playhead back, however it ends.

Playing needs a sound output, so those tests run the app's SoundEngine through FluidSynth's
`jack` driver on a private JACK dummy server (as tests/ui/test_record_jack.py does). Without an
output (the usual `window` fixture) the player only says so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from tests.engine.jack_server import JackServer, require_jack, serving, start_jack_server
from tests.ui.jack_window import window_on_jack

from tonewell.edit.piece_edits import set_title
from tonewell.engine.schedule import compile_schedule
from tonewell.guide.examples import build_example
from tonewell.guide.prompts import Step
from tonewell.model import Clip, Composition, Key, Note, TempoMap, Track
from tonewell.ui.example_player import NO_ANSWER_TEXT, NO_SOUND_TEXT, play_step_example
from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import SoundSettings

BPM = 240.0  # the 1-bar drum example lasts one second
PLAYHEAD_TICK = 2 * 1920 + 480
DRUM_STEP = Step("Listen.", example="Four steady beats on a low drum.", play="steady-drum")


def piece() -> Composition:
    notes = tuple(Note(i * 480, 60 + i, 480) for i in range(8))
    return Composition(tempo_map=TempoMap.constant(BPM), key=Key(9, "natural minor"),
                       tracks=(Track("Piano", clips=(Clip("Tune", notes, length_bars=4),)),))


def engine_has_the_piece(window: MainWindow) -> bool:
    return window.engine.transport.schedule == compile_schedule(window.piece.comp)


def test_without_sound_output_it_says_so_and_does_nothing_else(window: MainWindow):
    window.piece.load(piece(), None)
    window.seek(PLAYHEAD_TICK)
    started: list[str] = []
    window.examples.started.connect(started.append)
    play_step_example(window, DRUM_STEP)
    assert window.status_line.text() == NO_SOUND_TEXT
    assert started == [] and not window.examples.is_playing()
    assert window.engine.state() == "stopped" and window.engine.position() == PLAYHEAD_TICK
    assert engine_has_the_piece(window)


def test_answer_back_without_an_answer_asks_for_one_first(window: MainWindow):
    window.examples.play_step(Step("Listen.", example="Your answer.", play="answer-back"))
    assert window.status_line.text() == NO_ANSWER_TEXT


@pytest.fixture(scope="module")
def example_jack() -> Iterator[JackServer]:
    require_jack()
    name = f"tonewell-example-test-{os.getpid()}"
    with serving(start_jack_server(name, period_frames=SoundSettings().period_size)) as server:
        yield server


@pytest.fixture
def sound_window(qtbot, fluid_available: None, example_jack: JackServer, small_font: Path,
                 messages: list[str]) -> Iterator[MainWindow]:
    """The window with sound out through `jack`, the piece loaded, the playhead in bar 3."""
    with window_on_jack(qtbot, small_font) as win:
        assert win.engine.has_output(), win.engine.status_detail()
        win.piece.load(piece(), None)
        win.seek(PLAYHEAD_TICK)
        yield win


@pytest.mark.jack
def test_an_example_plays_once_then_the_piece_and_playhead_come_back(qtbot,
                                                                     sound_window: MainWindow):
    win, engine = sound_window, sound_window.engine
    engine.set_metronome(True)
    shown = win.findChild(QWidget, "positionLabel").text()
    with qtbot.waitSignal(win.examples.started) as began:
        play_step_example(win, DRUM_STEP)
    assert began.args == [DRUM_STEP.example]
    assert win.examples.is_playing() and engine.is_playing()
    assert engine.transport.schedule == compile_schedule(build_example("steady-drum",
                                                                       win.piece.comp))
    assert not engine.transport.metronome_on and engine.transport.count_in_bars == 0
    qtbot.waitUntil(lambda: engine.position() > 0)
    qtbot.wait(200)
    assert win.findChild(QWidget, "positionLabel").text() == shown  # the piece's playhead waits
    with qtbot.waitSignal(win.examples.finished, timeout=5000):
        pass  # it ends by itself after its one bar
    assert not win.examples.is_playing() and engine.state() == "stopped"
    assert engine.position() == PLAYHEAD_TICK
    assert engine_has_the_piece(win)
    assert engine.transport.metronome_on  # the person's metronome is back


@pytest.mark.jack
def test_an_edit_during_the_example_ends_it_and_the_engine_plays_the_edited_piece(
        qtbot, sound_window: MainWindow):
    win, engine = sound_window, sound_window.engine
    play_step_example(win, DRUM_STEP)
    assert win.examples.is_playing()
    with qtbot.waitSignal(win.examples.finished, timeout=1000):
        win.piece.push(set_title("Evening"))
    assert engine.state() == "stopped" and engine.position() == PLAYHEAD_TICK
    qtbot.wait(50)  # the window's own sync after an edit
    assert engine_has_the_piece(win) and win.piece.comp.title == "Evening"


@pytest.mark.jack
def test_the_window_sync_after_an_edit_leaves_a_new_example_alone(qtbot,
                                                                   sound_window: MainWindow):
    win, engine = sound_window, sound_window.engine
    win.piece.push(set_title("Evening"))  # its engine sync is still due...
    play_step_example(win, DRUM_STEP)  # ...when the example starts
    qtbot.wait(100)
    assert win.examples.is_playing()
    assert engine.transport.schedule == compile_schedule(build_example("steady-drum",
                                                                       win.piece.comp))


@pytest.mark.jack
def test_stop_and_play_on_the_transport_end_the_example(qtbot, sound_window: MainWindow):
    win, engine = sound_window, sound_window.engine
    for press in (win.transport.stop_requested, win.transport.play_pause_requested):
        play_step_example(win, DRUM_STEP)
        with qtbot.waitSignal(win.examples.finished, timeout=1000):
            press.emit()
        assert engine.state() == "stopped" and engine.position() == PLAYHEAD_TICK
        assert engine_has_the_piece(win)


@pytest.mark.jack
def test_a_second_example_replaces_the_first(qtbot, sound_window: MainWindow):
    win, engine = sound_window, sound_window.engine
    play_step_example(win, DRUM_STEP)
    with qtbot.waitSignal(win.examples.finished, timeout=1000):
        win.examples.play_step(Step("Listen.", example="A backbeat.", play="backbeat"))
    assert win.examples.is_playing() and engine.is_playing()
    assert engine.transport.schedule == compile_schedule(build_example("backbeat",
                                                                       win.piece.comp))
    win.examples.stop()
    assert engine_has_the_piece(win) and engine.position() == PLAYHEAD_TICK
