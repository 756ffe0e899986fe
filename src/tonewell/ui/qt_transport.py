"""The Qt shell of the transport: a precise QTimer pumps it, signals report what it does.

All logic lives in the Qt-free `Transport` (tested without Qt); the shell only fills its hooks,
as Frescobaldi's Qt MIDI player does. The timer merely keeps the sequencer's lookahead topped
up and the position display moving: note timing never depends on it. QtCore only, no widgets.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from tonewell.engine.synth import Synth, synth_wiring
from tonewell.engine.transport import NullSink, State, Transport, WallClock


class _HookedTransport(Transport):
    """The core with its hooks pointed at the shell."""

    shell: QtTransport

    def timer_start(self, interval_ms: int) -> None:
        self.shell.timer.start(interval_ms)

    def timer_stop(self) -> None:
        self.shell.timer.stop()

    def position_event(self, tick: float) -> None:
        self.shell.position_changed.emit(tick)

    def state_event(self, state: State) -> None:
        self.shell.state_changed.emit(state.value)


class QtTransport(QObject):
    """Owns a `Transport` (`.transport`: play, pause, stop, seek, set_schedule, ...) and pumps
    it from a Qt.PreciseTimer in the thread that owns this object."""

    position_changed = Signal(float)
    """The song position in ticks: every pump while running (50 Hz), negative in a count-in."""
    state_changed = Signal(str)
    """'stopped', 'count_in', 'playing' or 'paused'."""

    def __init__(self, *args: Any, parent: QObject | None = None, **kwargs: Any) -> None:
        """Arguments as for `Transport`."""
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.transport = _HookedTransport(*args, **kwargs)
        self.transport.shell = self
        self.timer.timeout.connect(self.transport.pump)

    @classmethod
    def for_synth(cls, synth: Synth, parent: QObject | None = None, **kwargs: Any) -> QtTransport:
        """Scheduled on `synth`'s sequencer when audio runs, else silent on the wall clock."""
        sink, clock, defaults = synth_wiring(synth)
        return cls(sink, clock, parent=parent, **(defaults | kwargs))

    @classmethod
    def silent_shell(
        cls, sample_rate_hz: int, parent: QObject | None = None, **kwargs: Any
    ) -> QtTransport:
        """With no synth at all (FluidSynth missing): silent, on the wall clock."""
        return cls(
            NullSink(),
            WallClock(sample_rate_hz),
            parent=parent,
            sample_rate_hz=sample_rate_hz,
            **kwargs,
        )

    @property
    def silent(self) -> bool:
        """True when nothing can sound (no audio output); the position still runs."""
        return isinstance(self.transport.clock, WallClock)
