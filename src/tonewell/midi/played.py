"""What was played, for recording: a bounded, thread-safe queue of stamped events.

The router puts one `Played` per note and pedal change as it reaches the synth, stamped with
`time.monotonic_ns()` taken when rtmidi's callback began (so what was played lands where it was
heard once the recorder maps it to the sample clock). Notes released for the player (panic, a
device unplugged, stop) are put too, stamped when they were released, so a take never holds a
note forever. Bounded, so an app that never records does not grow: the oldest go first.
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

NOTE_ON = "note_on"
NOTE_OFF = "note_off"
SUSTAIN = "sustain"

DEFAULT_CAPACITY = 65536
"""Events kept when nobody drains the queue (about an hour of busy playing)."""


class Played(NamedTuple):
    """One event as heard: `pitch` after scale lock, `value` the velocity played (NOTE_ON), 0
    (NOTE_OFF) or the pedal's value 0..127 (SUSTAIN, with `pitch` 64, the controller)."""

    arrived_ns: int
    kind: str
    channel: int
    pitch: int
    value: int
    device: str


class PlayedQueue:
    """Many producers (rtmidi's threads, the poller), one consumer (the recorder), no lock:
    `deque.append` and `popleft` are atomic."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._events: deque[Played] = deque(maxlen=capacity)

    def put(self, event: Played) -> None:
        self._events.append(event)

    def drain(self) -> list[Played]:
        """Every event queued so far, oldest first, taken off the queue."""
        out: list[Played] = []
        pop = self._events.popleft
        while True:
            try:
                out.append(pop())
            except IndexError:
                return out

    def clear(self) -> None:
        self._events.clear()

    def __len__(self) -> int:
        return len(self._events)
