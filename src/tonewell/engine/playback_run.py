"""One continuous stretch of transport playback, and where in the song each sample falls.

This file exists to keep the transport's arithmetic in one place: a `Run` pulls events from
`schedule.play_events` (and the metronome) and maps clock samples back to song ticks with the
same floating-point steps `play_events` uses, so a position, a loop wrap or an edit's swap point
lands on exactly the sample the events were timed at. Internal to the transport.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from tonewell.engine import metronome
from tonewell.engine.schedule import Event, Schedule, play_events
from tonewell.model import PPQ, LoopRegion
from tonewell.model.timing import TempoMap


@dataclass(frozen=True, slots=True)
class Stretch:
    """One stretch [from_tick, to_tick) of the song, heard `offset_s` after the run began
    (to_tick None: open-ended)."""

    offset_s: float
    from_tick: int
    to_tick: int | None


def stretches(
    schedule: Schedule, loop: LoopRegion, start_tick: int, open_ended: bool
) -> Iterator[Stretch]:
    """The stretches `play_events` plays, with its exact floating-point arithmetic, so sample
    times computed from them match the events it yields to the sample."""
    looping = loop.enabled and loop.length_ticks > 0
    if not looping or start_tick >= loop.end_tick:
        end = None if open_ended else max(schedule.end_tick, start_tick)
        yield Stretch(0.0, start_tick, end)
        return
    tick_s = schedule.tempo_map.tick_to_seconds
    offset_s = 0.0
    first_from = start_tick
    while True:
        yield Stretch(offset_s, first_from, loop.end_tick)
        offset_s += tick_s(loop.end_tick) - tick_s(first_from)
        first_from = loop.start_tick


class Run:
    """One continuous stretch of playback: `start_tick` sounds at clock sample `origin`."""

    def __init__(
        self,
        schedule: Schedule,
        loop: LoopRegion,
        start_tick: int,
        origin: int,
        sample_rate_hz: int,
        *,
        clicks: bool,
        open_ended: bool,
    ) -> None:
        self.schedule = schedule
        self.loop = loop
        self.start_tick = start_tick
        self.origin = origin
        self.sr = sample_rate_hz
        self._stretch_iter = stretches(schedule, loop, start_tick, open_ended)
        self.stretches: list[Stretch] = [next(self._stretch_iter)]
        self._more_stretches = True
        self._streams: list[Iterator[Event]] = [
            play_events(schedule, sample_rate_hz=sample_rate_hz, start_tick=start_tick, loop=loop)
        ]
        if clicks:
            self._streams.append(self._click_stream(open_ended))
        self._heads: list[Event | None] = [next(s, None) for s in self._streams]
        first = self.stretches[0]
        looping = loop.enabled and loop.length_ticks > 0 and start_tick < loop.end_tick
        self.end_sample: int | None = None
        """Where a run that does not loop ends (None: loops or runs on)."""
        if first.to_tick is not None and not looping:
            self.end_sample = origin + self.sample_of(first, first.to_tick)

    def _click_stream(self, open_ended: bool) -> Iterator[Event]:
        tempo, meter = self.schedule.tempo_map, self.schedule.time_signature
        for st in stretches(self.schedule, self.loop, self.start_tick, open_ended):
            yield from metronome.iter_click_events(
                tempo, meter, st.from_tick, st.to_tick, sample_rate_hz=self.sr, offset_s=st.offset_s
            )

    def sample_of(self, st: Stretch, tick: int) -> int:
        """Samples from the run's origin to `tick` within stretch `st` (as `play_events`)."""
        tick_s = self.schedule.tempo_map.tick_to_seconds
        return round((st.offset_s + tick_s(tick) - tick_s(st.from_tick)) * self.sr)

    def pull(self, until_sample: int) -> list[tuple[int, Event]]:
        """Every event due before clock sample `until_sample`, as (clock sample, event)."""
        out: list[tuple[int, Event]] = []
        limit = until_sample - self.origin
        for i, stream in enumerate(self._streams):
            head = self._heads[i]
            while head is not None and head.sample < limit:
                out.append((self.origin + head.sample, head))
                head = next(stream, None)
            self._heads[i] = head
        out.sort(key=lambda pair: (pair[0], pair[1].kind))
        return out

    def exhausted(self) -> bool:
        return all(h is None for h in self._heads)

    def stretch_at(self, elapsed_s: float) -> Stretch:
        """The stretch playing `elapsed_s` after the origin (the first one before it)."""
        while self._more_stretches and self.stretches[-1].offset_s <= elapsed_s:
            nxt = next(self._stretch_iter, None)
            if nxt is None:
                self._more_stretches = False
            else:
                self.stretches.append(nxt)
        offsets = [s.offset_s for s in self.stretches]
        i = max(0, bisect.bisect_right(offsets, elapsed_s) - 1)
        if i > 2:  # forget passes long gone
            del self.stretches[: i - 2]
            i = 2
        return self.stretches[i]

    def next_stretch(self, st: Stretch) -> Stretch | None:
        i = self.stretches.index(st)
        if i + 1 == len(self.stretches) and self._more_stretches:
            nxt = next(self._stretch_iter, None)
            if nxt is None:
                self._more_stretches = False
                return None
            self.stretches.append(nxt)
        return self.stretches[i + 1] if i + 1 < len(self.stretches) else None

    def tick_at(self, clock_sample: float) -> float:
        """The song position (fractional tick) sounding at `clock_sample`; wraps with loops,
        negative offsets from `start_tick` before the origin (the count-in)."""
        tempo: TempoMap = self.schedule.tempo_map
        elapsed = (clock_sample - self.origin) / self.sr
        if elapsed < 0:
            return self.start_tick + elapsed * tempo.bpm_at(self.start_tick) * PPQ / 60.0
        st = self.stretch_at(elapsed)
        tick = tempo.seconds_to_tick(tempo.tick_to_seconds(st.from_tick) + elapsed - st.offset_s)
        if st.to_tick is not None:
            tick = min(tick, float(st.to_tick))
        return tick
