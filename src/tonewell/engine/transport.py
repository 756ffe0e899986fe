"""Play, pause, stop, seek, loop, metronome and count-in, scheduled on FluidSynth's sequencer.

A Qt-free core in the style of Frescobaldi's MIDI player: `Transport` holds the logic and calls
overridable hooks (`timer_start`, `timer_stop`, `position_event`, `state_event`); the Qt shell
(`tonewell.ui.qt_transport`) only fills them with a QTimer and signals. Everything here runs on
one thread (the GUI thread in the app); the audio thread only ever sees queued sequencer events.
It imports neither Qt nor FluidSynth (an import-linter contract); `synth.transport_for` puts a
transport on a live synth.

Scheduling. `pump()` (every ~20 ms) pulls events from `schedule.play_events` (the generator the
offline renderer also plays, so what you hear is what you export) and from the metronome up to
`lookahead_ms` ahead of the sink's sample clock, and queues them at absolute sample times
(run origin + event sample). Nothing is timed by Python: the sequencer fires each event on the
audio thread, on the 64-frame block it belongs to. Loop passes are unrolled by `play_events`
itself, so a wrap is just the next event: no gap, no doubled or missing note, for any number
of passes.

Edits while playing (`set_schedule`, `set_tempo_bpm`, `set_loop`, metronome changes) and seeks
hand over to a new run at a swap point just ahead, keeping held notes the new schedule still
has; `handover.py` says how. The pieces live beside this file: `sinks.py` (where events go and
how time is read), `playback_run.py` (one run's events and positions), `handover.py` (the swap).

Stop, pause and panic remove the queued events and fade the used channels out over ~25 ms (see
`Synth.fade_out`), so silence comes within ~30 ms plus the output latency, without a click.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections import deque
from enum import StrEnum

from tonewell.engine import handover, metronome
from tonewell.engine.handover import Ledger
from tonewell.engine.playback_run import Run
from tonewell.engine.schedule import Event, EventKind, Schedule
from tonewell.engine.sinks import Clock, EventSink, NullSink, WallClock
from tonewell.model import LoopRegion

__all__ = [
    "Clock",
    "EventSink",
    "NullSink",
    "State",
    "Transport",
    "WallClock",
]


class State(StrEnum):
    STOPPED = "stopped"
    COUNT_IN = "count_in"
    PLAYING = "playing"
    PAUSED = "paused"


class Transport:
    """The transport core. Call `pump()` every ~20 ms while `state` is playing or counting in
    (the `timer_start`/`timer_stop` hooks say when); all methods on one thread."""

    PUMP_INTERVAL_MS = 20
    ANCHORS_KEPT = 64

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
        self._run: Run | None = None
        self._previous: Run | None = None
        """The run an edit replaced, still sounding until the new run's origin."""
        self._queued = Ledger()
        """Playback events and notes queued on the sink that may not have fired yet."""
        self._quiet_from = 0
        self._channels: set[int] = {metronome.METRONOME_CHANNEL}
        self.anchors: deque[tuple[int, int]] = deque(maxlen=self.ANCHORS_KEPT)
        """(time.monotonic_ns(), clock sample) read together at play and at every pump while
        running, newest last: how the recorder maps a key's arrival time to the sample clock."""

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

    def tick_at_sample(self, clock_sample: float) -> float | None:
        """The song tick sounding at `clock_sample` (wrapping with the loop), as the run that
        plays it times its events; None when stopped or paused."""
        if self._run is None:
            return None
        if self._previous is not None and clock_sample < self._run.origin:
            return self._previous.tick_at(clock_sample)
        return self._run.tick_at(clock_sample)

    # --- commands ---------------------------------------------------------------------------

    def play(self) -> None:
        """Start (or resume) at the current position, after the count-in if any."""
        if self._run is not None or self.schedule is None:
            return
        self._anchor()
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
        now = self._anchor()
        self._queued.forget_fired(now)
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

    def _anchor(self) -> int:
        """Read the clock with the monotonic time beside it (see `anchors`); the clock."""
        ns = time.monotonic_ns()
        now = self._now()
        self.anchors.append((ns, now))
        return now

    def _samples(self, ms: float) -> int:
        return round(ms * self.sample_rate_hz / 1000)

    def _start_run(self, start_tick: int, origin: int) -> Run:
        assert self.schedule is not None
        self._run = Run(
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
        self._queued.record(at, ev)

    def _set_state(self, state: State) -> None:
        if state == self.state:
            return
        self.state = state
        if state in (State.STOPPED, State.PAUSED):
            self.timer_stop()
        self.state_event(state)

    def _drop_run(self) -> None:
        self._run = self._previous = None
        self._queued.clear()

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
        position) at a swap point just past the guard; see `handover`."""
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
            swap_tick, origin = handover.swap_point(run, guard_at)
        self._queued.requeue_before(self.sink, origin, now=now, before=before)
        across = self._queued.take_across(origin)
        self._previous = run if jump_to is None and self.state == State.PLAYING else None
        new = self._start_run(swap_tick, origin)
        for s in across:
            self._queued.hold(s)
            self._queue(*handover.release(s, new, keep=jump_to is None))
