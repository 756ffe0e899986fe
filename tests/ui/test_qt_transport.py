"""The Qt shell of the transport: a precise timer pumps the Qt-free core, signals report it."""

from __future__ import annotations

from tonewell.engine.schedule import compile_schedule
from tonewell.engine.transport import NullSink, WallClock
from tonewell.model import Clip, Composition, Note, TempoMap, Track
from tonewell.ui.qt_transport import QtTransport

SR = 44100


def drum_piece(bpm: float, bars: int) -> Composition:
    notes = tuple(Note(i * 240, 75, 120, 100) for i in range(8))
    clip = Clip(notes=notes, length_bars=1, repeats=bars)
    drums = Track(name="Drums", is_drum=True, clips=(clip,))
    return Composition(tempo_map=TempoMap.constant(bpm), tracks=(drums,))


def test_the_qt_shell_pumps_on_a_timer_and_reports_at_least_30_times_a_second(qtbot) -> None:
    shell = QtTransport(NullSink(), WallClock(SR), sample_rate_hz=SR)
    shell.transport.set_schedule(compile_schedule(drum_piece(bpm=120, bars=8)))
    positions: list[float] = []
    states: list[str] = []
    shell.position_changed.connect(positions.append)
    shell.state_changed.connect(states.append)
    shell.transport.play()
    qtbot.wait(500)
    assert len(positions) >= 15  # 30 Hz over 0.5 s
    assert positions == sorted(positions) and 400 < positions[-1] < 560  # 0.5 s is 480 ticks
    shell.transport.stop()
    assert states == ["playing", "stopped"]
    count = len(positions)
    qtbot.wait(100)
    assert len(positions) == count  # the timer stopped
    assert shell.silent


def test_a_shell_without_any_synth_runs_silent_on_the_wall_clock(qtbot) -> None:
    shell = QtTransport.silent_shell(SR)
    assert shell.silent and isinstance(shell.transport.sink, NullSink)
    assert shell.transport.sample_rate_hz == SR
