"""Play, pause, stop, seek, loop, metronome and count-in, scheduled on FluidSynth's sequencer.

A Qt-free core in the style of Frescobaldi's MIDI player: `Transport` holds the logic and calls
overridable hooks (`timer_start`, `timer_stop`, `position_event`, `state_event`); the Qt shell
(`qt_transport.py`) only fills them with a QTimer and signals. Everything here runs on one thread
(the GUI thread in the app); the audio thread only ever sees queued sequencer events.

Scheduling. `pump()` (every ~20 ms) pulls events from `schedule.play_events` (the generator the
offline renderer also plays, so what you hear is what you export) and from the metronome up to
`lookahead_ms` ahead of the sink's sample clock, and queues them at absolute sample times
(run origin + event sample). Nothing is timed by Python: the sequencer fires each event on the
audio thread, on the 64-frame block it belongs to. Loop passes are unrolled by `play_events`
itself, so a wrap is just the next event: no gap, no doubled or missing note, for any number
of passes.

Edits while playing (`set_schedule`, `set_tempo_bpm`, `set_loop`, metronome changes). The new
schedule takes over at a swap tick just past `guard_ms` from now, usually well inside the
lookahead that is already queued. Every queued playback event is removed from the sequencer
(`fluid_sequencer_remove_events`); those of the old schedule that fall before the swap are
queued again, the new schedule is queued from the swap on. Notes sounding across the swap are
kept if the new schedule still has them (same channel, pitch and start: their note-off moves
to the new end), else released at the swap, so nothing hangs and unrelated edits don't cut a
held chord. A tempo change is such a swap: the song position stays, the rest is re-timed.

Stop, pause and panic remove the queued events and fade the used channels out over ~25 ms (see
`Synth.fade_out`), so silence comes within ~30 ms plus the output latency, without a click.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, Self

from tonewell.engine import metronome
from tonewell.engine.audio import output_latency_ms
from tonewell.engine.schedule import Event, EventKind, Schedule, play_events
from tonewell.model import PPQ, LoopRegion
from tonewell.model.timing import TempoMap

if TYPE_CHECKING:
    from tonewell.engine.synth import Synth


class State(StrEnum):
    STOPPED = "stopped"
    COUNT_IN = "count_in"
    PLAYING = "playing"
    PAUSED = "paused"


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


def synth_wiring(synth: Synth) -> tuple[EventSink, Clock, dict[str, Any]]:
    """Sink, clock and constructor defaults for a transport on `synth`: its own sequencer and
    sample clock when audio runs, else a silent sink on the wall clock (the position still
    advances). The guard covers what the driver renders in one go."""
    sr = synth.sample_rate_hz
    defaults: dict[str, Any] = {
        "sample_rate_hz": sr,
        "guard_ms": max(20.0, output_latency_ms(synth.settings) + 5.0),
    }
    if synth.audio_running:
        return synth, synth, defaults
    return NullSink(), WallClock(sr), defaults


@dataclass(frozen=True, slots=True)
class _Stretch:
    """One stretch [from_tick, to_tick) of the song, heard `offset_s` after the run began
    (to_tick None: open-ended)."""

    offset_s: float
    from_tick: int
    to_tick: int | None


def _stretches(
    schedule: Schedule, loop: LoopRegion, start_tick: int, open_ended: bool
) -> Iterator[_Stretch]:
    """The stretches `play_events` plays, with its exact floating-point arithmetic, so sample
    times computed from them match the events it yields to the sample."""
    looping = loop.enabled and loop.length_ticks > 0
    if not looping or start_tick >= loop.end_tick:
        end = None if open_ended else max(schedule.end_tick, start_tick)
        yield _Stretch(0.0, start_tick, end)
        return
    tick_s = schedule.tempo_map.tick_to_seconds
    offset_s = 0.0
    first_from = start_tick
    while True:
        yield _Stretch(offset_s, first_from, loop.end_tick)
        offset_s += tick_s(loop.end_tick) - tick_s(first_from)
        first_from = loop.start_tick


@dataclass(slots=True)
class _Sounding:
    """A note-on the transport queued, until its note-off has fired."""

    on_sample: int
    channel: int
    pitch: int
    start_tick: int
    off_sample: int | None = None


class _Run:
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
        self._stretch_iter = _stretches(schedule, loop, start_tick, open_ended)
        self.stretches: list[_Stretch] = [next(self._stretch_iter)]
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
        for st in _stretches(self.schedule, self.loop, self.start_tick, open_ended):
            yield from metronome.iter_click_events(
                tempo, meter, st.from_tick, st.to_tick, sample_rate_hz=self.sr, offset_s=st.offset_s
            )

    def sample_of(self, st: _Stretch, tick: int) -> int:
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

    def stretch_at(self, elapsed_s: float) -> _Stretch:
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

    def next_stretch(self, st: _Stretch) -> _Stretch | None:
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


class Transport:
    """The transport core. Call `pump()` every ~20 ms while `state` is playing or counting in
    (the `timer_start`/`timer_stop` hooks say when); all methods on one thread."""

    PUMP_INTERVAL_MS = 20

    def __init__(
        self,
        sink: EventSink,
        clock: Clock,
        *,
        sample_rate_hz: int,
        lookahead_ms: float = 120.0,
        guard_ms: float = 20.0,
        late_drop_ms: float = 40.0,
    ) -> None:
        self.sink = sink
        self.clock = clock
        self.sample_rate_hz = sample_rate_hz
        self.lookahead_ms = lookahead_ms
        self.guard_ms = guard_ms
        """How far ahead of the render position a start, seek or edit takes effect: more than
        the audio driver renders in one go (a period or two)."""
        self.late_drop_ms = late_drop_ms
        """A note-on this late (the GUI thread stalled) is dropped rather than played in a heap."""
        self.schedule: Schedule | None = None
        self.loop_override: LoopRegion | None = None
        self.metronome_on = False
        self.metronome_volume = 100
        self.count_in_bars = 0
        self.open_ended = False
        """Keep running past the end of the piece (while recording into an empty one, say)."""
        self.state = State.STOPPED
        self._position = 0.0
        self._return_tick = 0
        self._run: _Run | None = None
        self._previous: _Run | None = None
        """The run an edit replaced, still sounding until the new run's origin."""
        self._pending: list[tuple[int, Event]] = []
        """Playback events queued on the sink that may not have fired yet."""
        self._sounding: list[_Sounding] = []
        self._quiet_from = 0
        self._channels: set[int] = {metronome.METRONOME_CHANNEL}

    @classmethod
    def for_synth(cls, synth: Synth, **kwargs: Any) -> Self:
        """A transport on `synth` (see `synth_wiring`); keyword arguments override."""
        sink, clock, defaults = synth_wiring(synth)
        return cls(sink, clock, **(defaults | kwargs))

    # --- hooks (the Qt shell overrides these) -------------------------------------------------

    def timer_start(self, interval_ms: int) -> None:
        """Start calling `pump()` every `interval_ms`."""

    def timer_stop(self) -> None:
        """Stop calling `pump()`."""

    def position_event(self, tick: float) -> None:
        """The song position changed (on every pump while running, on seeks and stops)."""

    def state_event(self, state: State) -> None:
        """The state changed."""

    # --- settings -------------------------------------------------------------------------------

    @property
    def loop(self) -> LoopRegion:
        if self.loop_override is not None:
            return self.loop_override
        return self.schedule.loop if self.schedule else LoopRegion()

    def set_schedule(self, schedule: Schedule) -> None:
        """Play `schedule` from now on; while playing, heard from the swap point just ahead."""
        self.schedule = schedule
        self._changed()

    def set_tempo_bpm(self, bpm: float) -> None:
        """Change the opening tempo (what a single tempo control edits), keeping the position."""
        if self.schedule is not None:
            tempo = self.schedule.tempo_map.with_initial_bpm(bpm)
            self.set_schedule(dataclasses.replace(self.schedule, tempo_map=tempo))

    def set_loop(self, loop: LoopRegion | None) -> None:
        """Loop `loop` (when enabled); None follows the schedule's own loop region."""
        self.loop_override = loop
        self._changed()

    def set_metronome(self, on: bool) -> None:
        self.metronome_on = on
        self._changed()

    def set_metronome_volume(self, volume: int) -> None:
        """The metronome's own volume (CC7 on its channel), 0..127."""
        self.metronome_volume = min(127, max(0, volume))
        if self._run is not None:
            at = self._now() + self._samples(self.guard_ms)
            self._queue(at, metronome.setup_events(self.metronome_volume, at_sample=at)[1])

    def set_count_in(self, bars: int) -> None:
        """Bars of clicks before playback starts (0 for none)."""
        self.count_in_bars = max(0, bars)

    # --- position ---------------------------------------------------------------------------

    @property
    def position_tick(self) -> float:
        """The song position: what sounds now while running (wrapping with the loop; during a
        count-in, negative offsets from the start), else where play will start."""
        if self._run is None:
            return self._position
        now = self._now()
        if self._previous is not None and now < self._run.origin:
            return self._previous.tick_at(now)  # an edit's swap point is still ahead
        return self._run.tick_at(now)

    # --- commands ---------------------------------------------------------------------------

    def play(self) -> None:
        """Start (or resume) at the current position, after the count-in if any."""
        if self._run is not None or self.schedule is None:
            return
        start_tick = max(0, math.ceil(self._position - 1e-6))  # a paused note is not replayed
        if self.state == State.STOPPED:
            self._return_tick = start_tick
        begin = max(self._now() + self._samples(self.guard_ms), self._quiet_from)
        count_in = metronome.count_in_events(
            self.schedule.tempo_map.bpm_at(start_tick),
            self.schedule.time_signature,
            self.count_in_bars,
            sample_rate_hz=self.sample_rate_hz,
            start_tick=start_tick,
        )
        count_in_s = metronome.count_in_seconds(
            self.schedule.tempo_map.bpm_at(start_tick),
            self.schedule.time_signature,
            self.count_in_bars,
        )
        origin = begin + (round(count_in_s * self.sample_rate_hz) if count_in else 0)
        self._start_run(start_tick, origin)
        for ev in metronome.setup_events(self.metronome_volume):
            self._queue(begin, ev)
        for ev in count_in:
            self._queue(begin + ev.sample, ev)
        self._set_state(State.COUNT_IN if count_in else State.PLAYING)
        self.timer_start(self.PUMP_INTERVAL_MS)
        self.pump()

    def pause(self) -> None:
        """Silence and keep the position; `play()` resumes there."""
        if self._run is None:
            return
        self._position = max(float(self._run.start_tick), self.position_tick)
        self._silence()
        self._set_state(State.PAUSED)
        self.position_event(self._position)

    def stop(self) -> None:
        """Silence and go back to where playback started (to the start when already stopped)."""
        if self.state == State.STOPPED:
            self._return_tick = 0
        if self._run is not None:
            self._silence()
        self._position = float(self._return_tick)
        self._set_state(State.STOPPED)
        self.position_event(self._position)

    def seek(self, tick: float) -> None:
        """Jump to `tick`; while playing, playback carries on from there without a pause."""
        tick = max(0, round(tick))
        if self.state != State.PLAYING:
            self._return_tick = tick
        if self._run is None:
            self._position = float(tick)
            self.position_event(self._position)
        else:
            self._swap(jump_to=tick)

    def panic(self) -> None:
        """Stop, then silence every channel (the sink's own panic, if it has one)."""
        self.stop()
        panic = getattr(self.sink, "panic", None)
        if panic is not None:
            panic()

    # --- the pump ---------------------------------------------------------------------------

    def pump(self) -> None:
        """Queue what is due within the lookahead, report the position, notice the end."""
        run = self._run
        if run is None:
            return
        now = self._now()
        self._forget_fired(now)
        late = now - self._samples(self.late_drop_ms)
        for at, ev in run.pull(now + self._samples(self.lookahead_ms)):
            if ev.kind != EventKind.NOTE_ON or at >= late:
                self._queue(at, ev)
        if self.state == State.COUNT_IN and now >= run.origin:
            self._set_state(State.PLAYING)
        if self._previous is not None and now >= run.origin:
            self._previous = None
        if run.end_sample is not None and now >= run.end_sample and run.exhausted():
            self._finish()
        else:
            self.position_event(self.position_tick)

    # --- internals ------------------------------------------------------------------------

    def _now(self) -> int:
        return self.clock.now_samples()

    def _samples(self, ms: float) -> int:
        return round(ms * self.sample_rate_hz / 1000)

    def _start_run(self, start_tick: int, origin: int) -> _Run:
        assert self.schedule is not None
        self._run = _Run(
            self.schedule,
            self.loop,
            start_tick,
            origin,
            self.sample_rate_hz,
            clicks=self.metronome_on,
            open_ended=self.open_ended,
        )
        self._channels |= {s.channel for s in self.schedule.setups}
        return self._run

    def _queue(self, at: int, ev: Event) -> None:
        self.sink.send(at, ev)
        self._pending.append((at, ev))
        if ev.kind == EventKind.NOTE_ON:
            self._sounding.append(_Sounding(at, ev.channel, ev.data1, ev.tick))
        elif ev.kind == EventKind.NOTE_OFF:
            for s in self._sounding:
                if s.off_sample is None and (s.channel, s.pitch) == (ev.channel, ev.data1):
                    s.off_sample = at
                    break

    def _forget_fired(self, now: int) -> None:
        self._pending = [p for p in self._pending if p[0] > now]
        self._sounding = [s for s in self._sounding if s.off_sample is None or s.off_sample > now]

    def _set_state(self, state: State) -> None:
        if state == self.state:
            return
        self.state = state
        if state in (State.STOPPED, State.PAUSED):
            self.timer_stop()
        self.state_event(state)

    def _drop_run(self) -> None:
        self._run = self._previous = None
        self._pending.clear()
        self._sounding.clear()

    def _silence(self) -> None:
        self.sink.remove()
        quiet = self.sink.fade_out(sorted(self._channels))
        self._quiet_from = max(quiet, self._now())
        self._drop_run()

    def _finish(self) -> None:
        """The piece played to its end: nothing to silence; back to where play started."""
        self._drop_run()
        self._position = float(self._return_tick)
        self._set_state(State.STOPPED)
        self.position_event(self._position)

    def _changed(self) -> None:
        if self._run is not None and self.schedule is not None:
            self._swap()

    def _swap(self, jump_to: int | None = None) -> None:
        """Hand over from the current run to a new one (new schedule, loop, metronome or
        position) at a swap point just past the guard; see the module docstring."""
        run = self._run
        assert run is not None
        before = self._now()
        self.sink.remove()
        now = self._now()
        guard_at = now + self._samples(self.guard_ms)
        if self.state == State.COUNT_IN:
            swap_tick, origin = (run.start_tick if jump_to is None else jump_to), run.origin
        elif jump_to is not None:
            swap_tick, origin = jump_to, max(guard_at, run.origin)
        else:
            swap_tick, origin = self._swap_point(run, guard_at)
        # Requeue what the old run still plays before the swap: events that surely have not
        # fired, and anything but note-ons that might have (a block ended between the reads).
        pending, self._pending = self._pending, []
        for at, ev in pending:
            if at < origin and (at > now or (at > before and ev.kind != EventKind.NOTE_ON)):
                self.sink.send(at, ev)
                self._pending.append((at, ev))
        across = [
            s
            for s in self._sounding
            if s.on_sample < origin and (s.off_sample is None or s.off_sample >= origin)
        ]
        self._sounding = [
            s
            for s in self._sounding
            if s.on_sample < origin and s.off_sample is not None and s.off_sample < origin
        ]
        self._previous = run if jump_to is None and self.state == State.PLAYING else None
        new = self._start_run(swap_tick, origin)
        for s in across:
            self._hand_over(s, new, keep=jump_to is None)

    def _swap_point(self, run: _Run, at: int) -> tuple[int, int]:
        """The first whole tick sounding at or after clock sample `at`, and its clock sample
        computed exactly as the old run timed its events."""
        elapsed = max(0.0, (at - run.origin) / run.sr)
        st = run.stretch_at(elapsed)
        tempo = run.schedule.tempo_map
        tick = tempo.seconds_to_tick(tempo.tick_to_seconds(st.from_tick) + elapsed - st.offset_s)
        swap_tick = max(st.from_tick, math.ceil(tick))
        if st.to_tick is not None and swap_tick >= st.to_tick:
            nxt = run.next_stretch(st)
            if nxt is None:
                return st.to_tick, run.origin + run.sample_of(st, st.to_tick)
            st, swap_tick = nxt, nxt.from_tick
        return swap_tick, run.origin + run.sample_of(st, swap_tick)

    def _hand_over(self, s: _Sounding, new: _Run, *, keep: bool) -> None:
        """A note sounds across the swap: keep it to its end in the new schedule if that still
        has it (same channel, pitch and start), else release it at the swap."""
        off_at = new.origin
        first = new.stretches[0]
        if keep and s.start_tick <= new.start_tick:
            for n in new.schedule.notes_starting(s.start_tick, s.start_tick + 1):
                if (n.channel, n.pitch) == (s.channel, s.pitch):
                    end = n.end_tick if first.to_tick is None else min(n.end_tick, first.to_tick)
                    if end > new.start_tick:
                        off_at = new.origin + new.sample_of(first, end)
                    break
        s.off_sample = None
        self._sounding.append(s)
        self._queue(
            off_at,
            Event(off_at - new.origin, EventKind.NOTE_OFF, s.channel, s.pitch, 0, new.start_tick),
        )
