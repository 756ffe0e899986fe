"""Where a played note was heard: from its arrival time to the playback's sample clock.

This file exists because a recorded note must land where the player heard the music, not where
the computer happened to be. A key press is stamped with `time.monotonic_ns()` in the MIDI
callback; the transport writes down (monotonic ns, clock sample) anchor pairs when it starts and
each time it pumps. The clock is the synth's render position, which moves in bursts (a driver
renders a whole period at once, then stands still), so each reading is at most the leading edge
of rendering; the largest offset over recent anchors is that edge. What is rendered at a moment
is heard `output_latency_ms` later, so the sample heard when a key arrived is the one rendered
`output_latency_ms` before it. Nothing is taken off for the synth's own event queue: play-through
does not wait in it. Pure Python.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

NS_PER_S = 1_000_000_000
ANCHOR_WINDOW = 64
"""Anchors kept (about 1.3 s of 20 ms pumps): enough to see a render burst, recent enough that
the sample clock's drift against the monotonic clock does not matter."""


class ClockMap:
    """Maps monotonic nanoseconds to the clock sample that was heard at that moment."""

    def __init__(self, sample_rate_hz: int, output_latency_ms: float = 0.0) -> None:
        self.sample_rate_hz = sample_rate_hz
        self.output_latency_ms = output_latency_ms
        self._offsets: deque[tuple[int, float]] = deque(maxlen=ANCHOR_WINDOW)
        """(monotonic ns, sample - ns * rate) of each anchor."""

    def add(self, monotonic_ns: int, sample: int) -> None:
        """The clock read `sample` at `monotonic_ns`."""
        self._offsets.append((monotonic_ns, sample - monotonic_ns * self.sample_rate_hz / NS_PER_S))

    def add_all(self, anchors: Iterable[tuple[int, int]]) -> None:
        for ns, sample in anchors:
            self.add(ns, sample)

    @property
    def ready(self) -> bool:
        return bool(self._offsets)

    def rendered_sample(self, monotonic_ns: int) -> float:
        """The render position at `monotonic_ns` (the leading edge over recent anchors)."""
        if not self._offsets:
            raise ValueError("no clock anchors yet: the transport has not started")
        offset = max(o for _, o in self._offsets)
        return monotonic_ns * self.sample_rate_hz / NS_PER_S + offset

    def heard_sample(self, monotonic_ns: int) -> float:
        """The clock sample a player heard at `monotonic_ns`: rendered output_latency_ms
        earlier."""
        latency_samples = self.output_latency_ms * self.sample_rate_hz / 1000.0
        return self.rendered_sample(monotonic_ns) - latency_samples
