"""Where the transport queues its events and how it reads the time.

This file exists so the transport's core can be driven by anything with a sample clock: the
`Synth` (FluidSynth's sequencer and the render position) when audio runs, else a `NullSink` on
the `WallClock`, so the position still moves with nothing to hear. Tests pass their own fakes.
`synth.synth_wiring` picks between the two for a given synth; nothing here reaches FluidSynth.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Protocol

from tonewell.engine.schedule import Event


class Clock(Protocol):
    def now_samples(self) -> int:
        """The sample up to which queued events have fired (the render position)."""
        ...


class EventSink(Protocol):
    """Where the transport queues events: the `Synth` (its sequencer) or a `NullSink`."""

    def send(self, at_sample: int, ev: Event) -> None: ...

    def remove(self) -> None:
        """Drop every queued playback event."""
        ...

    def fade_out(self, channels: Iterable[int]) -> int:
        """Fade `channels` to silence; return the sample from which they are quiet."""
        ...


class WallClock:
    """Sample clock from the monotonic wall clock, for running with no audio output: the
    position still advances in real time, nothing sounds."""

    def __init__(self, sample_rate_hz: int) -> None:
        self.sample_rate_hz = sample_rate_hz
        self._t0 = time.monotonic()

    def now_samples(self) -> int:
        return int((time.monotonic() - self._t0) * self.sample_rate_hz)


class NullSink:
    """Swallows events (no audio output)."""

    def send(self, at_sample: int, ev: Event) -> None:
        pass

    def remove(self) -> None:
        pass

    def fade_out(self, channels: Iterable[int]) -> int:
        return 0
